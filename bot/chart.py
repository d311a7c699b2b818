"""The figures of a figures topic as a PNG bar chart: one panel per thing counted, a bar per claimant.

Rendered with matplotlib's object-oriented API on the Agg canvas (no pyplot,
no display, no global state), so it is safe in the bot's worker threads.

A figure given as a bound is drawn as one: a floor ("lebih dari 600.000") as a
bar with an arrow past its end, a ceiling ("hingga 12.000") as an open bar.
A footnote names the outlets and the time the chart was made, so an image
forwarded on its own still carries its citations.
"""
from __future__ import annotations

import io
import textwrap
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone

from bot.i18n import number, t
from bot.models import Image, Item
from summarizer.numbers import qualifier_bound

# Colours by claim kind; anything else is grey.
_COLOURS = {"troops": "#3b6ea8", "casualties": "#b8423b"}
_OTHER = "#7a7a7a"
_LABEL_WIDTH = 34  # characters a claimant label is wrapped at
_MAX_BARS = 12  # a panel with more figures keeps the first ones (the reply's items list them all)
_FOOTNOTE_WIDTH = 150  # characters a footnote line is wrapped at (9 in at 7.5 pt)
_MAX_OUTLETS = 8  # outlets named in the footnote; more are counted


def _claimants(item: Item, lang: str) -> str:
    who = ", ".join(item.who or []) or t("unattributed", lang)
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


def _footnote(items: Sequence[Item], lang: str, bounds: set[str], when: datetime, bot: str) -> list[str]:
    """The lines under the chart: the bound legend (when bounds are drawn), the outlets, the time."""
    outlets = Counter(ref.source for item in items if item.value is not None for ref in item.sources if ref.source)
    named = [outlet for outlet, _ in outlets.most_common(_MAX_OUTLETS)]
    if len(outlets) > _MAX_OUTLETS:
        named.append(t("chart_more_outlets", lang, count=len(outlets) - _MAX_OUTLETS))
    parts = [t(f"chart_{bound}", lang) for bound in ("lower", "upper") if bound in bounds]
    if named:
        parts.append(t("chart_sources", lang, outlets=", ".join(named)))
    parts.append(t("chart_made", lang, when=when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), bot=bot))
    return [line for part in parts for line in textwrap.wrap(part, _FOOTNOTE_WIDTH)]


def _draw_bounds(ax, drawn, shown: Sequence[Item], texts: list[str], colour: str, span: float) -> list[str]:
    """Re-draw the bars whose figure is a bound; returns the labels left for `bar_label` to place
    (a floor's label is placed here, past its arrow)."""
    left = list(texts)
    for index, (bar, item) in enumerate(zip(drawn, shown)):
        bound = qualifier_bound(item.extra.get("qualifier"))
        if bound == "upper":  # a ceiling: open, the true number anywhere below its end
            bar.set_facecolor("white")
            bar.set_edgecolor(colour)
            bar.set_linewidth(1.4)
            bar.set_linestyle((0, (4, 2)))
        elif bound == "lower":  # a floor: an arrow past the end, the true number somewhere beyond
            end, middle = bar.get_width(), bar.get_y() + bar.get_height() / 2
            tip = end + span * 0.09
            ax.annotate("", xy=(tip, middle), xytext=(end, middle),
                        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.6, "shrinkA": 0, "shrinkB": 0})
            ax.annotate(texts[index], xy=(tip, middle), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=9)
            left[index] = ""
    return left


def render_figures_chart(items: Sequence[Item], title: str, lang: str = "id", name: str = "",
                         when: datetime | None = None, bot: str = "briefbot") -> Image | None:
    """A PNG of the items' figures grouped by what they count, or None when no item has a figure.

    `when` (default now) and `bot` (the bot's name) go in the footnote beside the outlets.
    """
    groups = _groups(items)
    if not groups:
        return None
    bars = [min(len(g[2]), _MAX_BARS) for g in groups]
    height = 1.1 + sum(0.45 * n + 0.75 for n in bars)
    bounds = {qualifier_bound(i.extra.get("qualifier")) for g in groups for i in g[2][:_MAX_BARS]} - {None}
    lines = _footnote(items, lang, bounds, when or datetime.now(timezone.utc), bot)
    footnote_inches = 0.16 * len(lines) + 0.15
    # Imported on first chart, not with the module: matplotlib costs ~1 s of start-up in every
    # process that imports the bot (ingest workers, `python -m bot ingest`), and few replies chart.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(9.0, height + footnote_inches), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.subplots(len(groups), 1, squeeze=False, gridspec_kw={"height_ratios": [n + 1.2 for n in bars]})
    for ax, (label, kind, group_items) in zip(axes[:, 0], groups):
        shown = group_items[:_MAX_BARS]
        values = [float(i.value or 0) for i in shown]
        labels = ["\n".join(textwrap.wrap(_claimants(i, lang), _LABEL_WIDTH)) for i in shown]
        positions = list(range(len(shown)))[::-1]  # the reply's first item on top
        colour = _COLOURS.get(kind, _OTHER)
        drawn = ax.barh(positions, values, color=colour, height=0.6)
        texts = [f"{i.extra.get('qualifier') + ' ' if i.extra.get('qualifier') else ''}"
                 f"{i.extra.get('figure') or number(v, lang)}" for i, v in zip(shown, values)]
        ax.bar_label(drawn, labels=_draw_bounds(ax, drawn, shown, texts, colour, max(values) or 1), padding=4,
                     fontsize=9)
        ax.set_yticks(positions, labels=labels, fontsize=8.5)
        ax.set_title(label, loc="left", fontsize=10, fontweight="bold")
        ax.set_xlim(0, max(values) * 1.35 or 1)
        ax.xaxis.set_major_formatter(lambda x, _pos: number(round(x, 2), lang))
        ax.tick_params(axis="x", labelsize=8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    figure.suptitle(textwrap.shorten(title, 90, placeholder="…"), fontsize=11, x=0.01, ha="left")
    figure.text(0.01, 0.005, "\n".join(lines), fontsize=7.5, ha="left", va="bottom", color="#444444")
    figure.tight_layout(rect=(0, footnote_inches / figure.get_figheight(), 1, 1))
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
