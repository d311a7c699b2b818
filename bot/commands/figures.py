"""Figures topics such as /troops: every distinct figure, who claimed it, conflicts side by side."""
from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from bot import queries
from bot.i18n import t
from bot.models import Item, Reply, Request
from bot.settings import Topic
from summarizer.claims import Claim, group_claims

if TYPE_CHECKING:
    from bot.app import BotApp


def _format_value(value: int, lang: str) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "id" else text


def figures(app: BotApp, req: Request, lang: str, topic: Topic) -> Reply:
    """Every distinct figure, grouped by what is counted; conflicting estimates adjacent."""
    rows = queries.claims(app.store, counted=topic.counted, kinds=topic.kinds)
    groups = group_claims([(_claim_from_row(r), r["article_id"]) for r in rows])
    refs = queries.source_refs(app.store, (r["article_id"] for r in rows))
    items: list[Item] = []
    for group in groups:
        for entry in _merge_by_value(group.entries):
            who = entry["who"]
            qualifiers = set(entry["qualifiers"].values())
            shared = qualifiers.pop() if len(qualifiers) == 1 else None
            qualifier = f"{shared} " if shared else ""
            claimed = ", ".join(
                name if shared or not entry["qualifiers"].get(name) else f"{name} ({entry['qualifiers'][name]})"
                for name in who) or ("tanpa sumber" if lang == "id" else "unattributed")
            text = f"{group.label}: {qualifier}{_format_value(entry['value'], lang)} — {claimed}"
            items.append(Item(text=text, value=entry["value"], who=who,
                              sources=[refs[a] for a in entry["articles"] if a in refs],
                              extra={"group": group.label, "kind": group.kind, "qualifier": entry["qualifier"],
                                     "quotes": entry["sentences"][:3]}))
    if not items:
        return Reply(title=t("figures_none", lang, name=topic.name))
    articles = len({s.article_id for i in items for s in i.sources})
    description = topic.description.get(lang, topic.description["id"])
    title = t("figures_title", lang, description=description, count=len(items), articles=articles)
    image = None
    if wants_chart(req.args):
        from bot.chart import render_figures_chart  # matplotlib: ~1 s, only when a chart is asked for

        image = render_figures_chart(items, title, lang, name=topic.name, bot=app.settings.get("bot.name"))
    return Reply(title=title, items=items, footer=t("figures_footer", lang), image=image)


CHART_WORDS = frozenset({"chart", "grafik"})


def wants_chart(args: str) -> bool:
    """`/troops chart` or `/troops grafik`: the same reply with a bar chart attached."""
    return bool(CHART_WORDS & set(args.lower().split()))


def _claim_from_row(row: dict) -> Claim:
    return Claim(value=row["value"], qualifier=row["qualifier"], counted=row["counted"] or "",
                 kind=row["kind"], force=row["force"], location=row["location"], claimant=row["claimant"],
                 sentence=row["sentence_id"] or 0, text=row["text"] or "", context=row["sentence_text"] or "")


def _merge_by_value(entries) -> list[dict]:
    """One line per figure: every claimant of the same number in the same group together."""
    merged: OrderedDict[int, dict] = OrderedDict()
    for entry in entries:
        slot = merged.setdefault(entry.value, {"value": entry.value, "qualifier": entry.qualifier, "who": [],
                                               "qualifiers": {}, "articles": [], "sentences": []})
        if entry.claimant and entry.claimant not in slot["who"]:
            slot["who"].append(entry.claimant)
            # Each claimant keeps its own "sekitar"/"hingga": one says about 11,000, another exactly.
            slot["qualifiers"][entry.claimant] = entry.qualifier or ""
        slot["articles"].extend(a for a in entry.refs if a not in slot["articles"])
        slot["sentences"].extend(s for s in entry.sentences if s not in slot["sentences"])
        slot["qualifier"] = slot["qualifier"] or entry.qualifier
    return list(merged.values())


