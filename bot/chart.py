"""The figures of a figures topic as a PNG bar chart: one panel per thing counted, a bar per claimant.

Rendered with matplotlib's object-oriented API on the Agg canvas (no pyplot,
no display, no global state), so it is safe in the bot's worker threads.
"""
from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

from bot.models import Image, Item

# Colours by claim kind; anything else is grey.
_COLOURS = {"troops": "#3b6ea8", "casualties": "#b8423b"}
_OTHER = "#7a7a7a"
_LABEL_WIDTH = 34  # characters a claimant label is wrapped at
_MAX_BARS = 12  # a panel with more figures keeps the first ones (the reply's items list them all)


def _format(value: int, lang: str) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "id" else text


def _claimants(item: Item, lang: str) -> str:
    who = ", ".join(item.who or []) or ("tanpa sumber" if lang == "id" else "unattributed")
    return textwrap.shorten(who, width=_LABEL_WIDTH * 2, placeholder="…")


def _groups(items: Sequence[Item]) -> list[tuple[str, str, list[Item]]]:
    """(label, kind, items) in the order the reply lists them; items without a value are skipped."""
    groups: dict[str, tuple[str, str, list[Item]]] = {}
    for item in items:
        if item.value is None:
            continue
        label = str(item.extra.get("group") or "")
        slot = groups.setdefault(label, (label, str(item.extra.get("kind") or ""), []))
        slot[2].append(item)
    return list(groups.values())


def render_figures_chart(items: Sequence[Item], title: str, lang: str = "id", name: str = "") -> Image | None:
    """A PNG of the items' figures grouped by what they count, or None when no item has a figure."""
    groups = _groups(items)
    if not groups:
        return None
    bars = [min(len(g[2]), _MAX_BARS) for g in groups]
    height = 1.1 + sum(0.45 * n + 0.75 for n in bars)
    # Imported on first chart, not with the module: matplotlib costs ~1 s of start-up in every
    # process that imports the bot (ingest workers, `python -m bot ingest`), and few replies chart.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(9.0, height), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.subplots(len(groups), 1, squeeze=False, gridspec_kw={"height_ratios": [n + 1.2 for n in bars]})
    for ax, (label, kind, group_items) in zip(axes[:, 0], groups):
        shown = group_items[:_MAX_BARS]
        values = [int(i.value or 0) for i in shown]
        labels = ["\n".join(textwrap.wrap(_claimants(i, lang), _LABEL_WIDTH)) for i in shown]
        positions = list(range(len(shown)))[::-1]  # the reply's first item on top
        colour = _COLOURS.get(kind, _OTHER)
        drawn = ax.barh(positions, values, color=colour, height=0.6)
        texts = [f"{i.extra.get('qualifier') + ' ' if i.extra.get('qualifier') else ''}{_format(v, lang)}"
                 for i, v in zip(shown, values)]
        ax.bar_label(drawn, labels=texts, padding=4, fontsize=9)
        ax.set_yticks(positions, labels=labels, fontsize=8.5)
        ax.set_title(label, loc="left", fontsize=10, fontweight="bold")
        ax.set_xlim(0, max(values) * 1.35 or 1)
        ax.xaxis.set_major_formatter(lambda x, _pos: _format(int(x), lang))
        ax.tick_params(axis="x", labelsize=8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    figure.suptitle(textwrap.shorten(title, 90, placeholder="…"), fontsize=11, x=0.01, ha="left")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    count = sum(len(g[2]) for g in groups)
    topic = f"/{name}: " if name else ""
    if lang == "id":
        alt = (f"{topic}grafik batang {count} angka menurut sumbernya, dikelompokkan menurut yang dihitung: "
               + "; ".join(g[0] for g in groups))
    else:
        alt = (f"{topic}bar chart of {count} figures by claimant, grouped by what is counted: "
               + "; ".join(g[0] for g in groups))
    return Image(png=buffer.getvalue(), alt=textwrap.shorten(alt, 400, placeholder="…"))
