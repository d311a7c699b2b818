"""Figures topics such as /troops: every distinct figure, who claimed it, conflicts side by side.

The summarizer returns groups as keys (kind, owner, place, what is counted);
every label here is worded in the chat's language.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from bot import queries
from bot.i18n import number, place_name, t, templates
from bot.models import Item, Reply, Request
from bot.settings import Topic
from summarizer.claims import REPORTED, Claim, ClaimGroup, group_claims

if TYPE_CHECKING:
    from bot.context import Context


# The summarizer's qualifier keys (summarizer.numbers.QUALIFIERS, Indonesian or English as
# written) in English; Indonesian chats see them as the source wrote them.
_QUALIFIERS_EN = {
    "lebih dari": "more than", "kurang dari": "less than", "setidaknya": "at least", "sedikitnya": "at least",
    "paling sedikit": "at least", "paling tidak": "at least", "sekitar": "about", "kira-kira": "about",
    "hampir": "nearly", "hingga": "up to", "sampai": "up to", "lebih kurang": "roughly",
    "kurang lebih": "roughly", "tidak kurang dari": "no less than", "tidak lebih dari": "no more than",
}


def qualifier_text(qualifier: str | None, lang: str) -> str:
    """"sekitar" as the chat's language says it ("about")."""
    if not qualifier:
        return ""
    return _QUALIFIERS_EN.get(qualifier, qualifier) if lang == "en" else qualifier


def claimant_text(name: str, lang: str) -> str:
    """A claimant as the chat's language writes it: media reports, country names."""
    return t("reported_claimant", lang) if name == REPORTED else place_name(name, lang)

# Scale words for sums of money: "Rp 2,3 triliun", "US$ 7.3 million".
_SCALES = {"id": ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta")),
           "en": ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"))}
_MONEY_SIGNS = {"rupiah": "Rp", "dolar AS": "US$"}


def format_figure(value: float, kind: str, unit: str | None, lang: str) -> str:
    """A figure as a reader writes it: "12.000", "Rp 2,3 triliun", "US$ 7.3 million", "59,4%", a prison term
    (its value in months) "6 tahun 6 bulan" / "6 years 6 months"."""
    if kind == "term":
        years, months = divmod(int(value), 12)
        if years and months:
            return t("term_years_months", lang, years=years, months=months)
        return t("term_years", lang, years=years) if years else t("term_months", lang, months=months)
    if kind == "percent":
        return f"{number(value, lang)}%"
    if kind != "money":
        return number(value, lang)
    amount = number(value, lang)
    for scale, word in _SCALES["en" if lang == "en" else "id"]:
        if value >= scale:
            amount = f"{number(round(value / scale, 2), lang)} {word}"
            break
    sign = _MONEY_SIGNS.get(unit or "")
    return f"{sign} {amount}" if sign else f"{amount} {unit or ''}".strip()


def _place(name: str, lang: str) -> str:
    low = name.lower()
    if low.startswith("perbatasan "):
        return t("front_border", lang, place=place_name(name.split(" ", 1)[1], lang))
    if low in ("garis depan", "front"):
        return t("front_line", lang)
    return place_name(name, lang)


def state_text(state: str, lang: str) -> str:
    """A state of counted people as the chat's language says it ("korban meninggal", "dead"); a state a
    newsroom added to the vocabulary without a message keeps its key."""
    return templates(lang).get(f"state_{state}", state)


def group_label(group: ClaimGroup, lang: str, sides: bool = True) -> str:
    """The group's keys worded: "Korea Utara — tentara di Kursk", "North Korea — troops in Russia".

    ``sides``: whether any group of the reply has an owner. Without one (an earthquake's
    victims belong to no side) a group of troops or casualties names no side either.
    """
    owner = place_name(group.force, lang) if group.force else None
    side = owner or (t("unnamed_side", lang) if sides else None)
    if group.kind == "troops":
        place = group.location or group.country
        if place:
            place = _place(place, lang)
            return t("group_troops_at", lang, owner=side, place=place) if side else t(
                "group_troops_at_unowned", lang, place=place)
        return t("group_troops", lang, owner=side) if side else t("group_troops_unowned", lang)
    if group.kind == "term":
        term = templates(lang).get(f"term_{group.counted}", group.counted or "")
        stage = t(f"stage_{group.state}" if f"stage_{group.state}" in templates(lang) else "stage_none", lang,
                  term=term)
        return t("group_counted", lang, owner=owner, counted=stage) if owner else stage[:1].upper() + stage[1:]
    if group.kind == "money" and group.state:
        purpose = state_text(group.state, lang)
        return t("group_counted", lang, owner=owner, counted=purpose) if owner else purpose[:1].upper() + purpose[1:]
    if group.state:
        state = state_text(group.state, lang)
        return t("group_counted", lang, owner=side, counted=state) if side else state[:1].upper() + state[1:]
    if group.kind == "casualties":
        return t("group_casualties", lang, owner=side) if side else t("group_casualties_unowned", lang)
    if group.kind in ("money", "percent"):
        return t(f"group_{group.kind}", lang, owner=owner) if owner else t(f"group_{group.kind}_unowned", lang)
    counted = group.counted or ""
    return t("group_counted", lang, owner=owner, counted=counted) if owner else counted


def figures(ctx: Context, req: Request, lang: str, topic: Topic) -> Reply:
    """Every distinct figure of the topic's story, grouped by what is counted and whose; conflicts adjacent."""
    aliases = topic.all_aliases()
    hits = queries.alias_hits(ctx.store, aliases)  # read once: the story's articles and its rows use them
    articles = queries.topic_articles(ctx.store, aliases, hits)
    if not articles:
        shown = ", ".join(f"\u201c{a}\u201d" for a in aliases[:4]) + (" …" if len(aliases) > 4 else "")
        return Reply(title=t("figures_no_story", lang, name=topic.name, aliases=shown))
    rows = story_rows(ctx, queries.claims(ctx.store, counted=topic.counted, kinds=topic.kinds, articles=articles),
                      hits)
    groups = group_claims([(_claim_from_row(r), r["article_id"]) for r in rows])
    refs = queries.source_refs(ctx.store, (r["article_id"] for r in rows))
    items: list[Item] = []
    sides = any(g.force for g in groups)
    for group in groups:
        label = group_label(group, lang, sides)
        for entry in _merge_by_value(group.entries):
            who = [claimant_text(name, lang) for name in entry["who"]]
            worded = {claimant_text(name, lang): qualifier_text(q, lang) for name, q in entry["qualifiers"].items()}
            qualifiers = set(worded.values()) if worded else {qualifier_text(entry["qualifier"], lang)}
            shared = qualifiers.pop() if len(qualifiers) == 1 else None  # unattributed: its own qualifier
            qualifier = f"{shared} " if shared else ""
            claimed = ", ".join(
                name if shared or not worded.get(name) else f"{name} ({worded[name]})"
                for name in who) or t("unattributed", lang)
            figure = format_figure(entry["value"], group.kind, group.counted, lang)
            text = f"{label}: {qualifier}{figure} — {claimed}"
            items.append(Item(text=text, value=entry["value"], who=who,
                              sources=[refs[a] for a in entry["articles"] if a in refs],
                              extra={"group": label, "kind": group.kind, "owner": group.force, "state": group.state,
                                     "place": group.location or group.country, "counted": group.counted,
                                     "qualifier": qualifier_text(entry["qualifier"], lang),
                                     "figure": figure, "quotes": entry["sentences"][:3]}))
    if not items:
        return Reply(title=t("figures_none", lang, name=topic.name))
    articles_cited = len({s.article_id for i in items for s in i.sources})
    description = topic.description.get(lang, topic.description["id"])
    title = t("figures_title", lang, description=description, count=len(items), articles=articles_cited)
    image = None
    if wants_chart(req.args):
        from bot.chart import render_figures_chart  # matplotlib: ~1 s, only when a chart is asked for

        image = render_figures_chart(items, title, lang, name=topic.name, bot=ctx.settings.bot.name)
    footer = t(figures_footer(groups), lang)
    return Reply(title=title, items=items, footer=footer, image=image)


def figures_footer(groups: list[ClaimGroup]) -> str:
    """The footer's message key: troops and casualties kept apart only where there are troops; a
    trial's stages of prison terms kept apart where there are terms; the states of people where some are."""
    if any(g.kind == "troops" for g in groups):
        return "figures_footer"
    if any(g.kind == "term" for g in groups):
        return "figures_footer_terms"
    if any(g.state for g in groups):
        return "figures_footer_states"
    return "figures_footer_general"


CHART_WORDS = frozenset({"chart", "grafik"})


def wants_chart(args: str) -> bool:
    """`/troops chart` or `/troops grafik`: the same reply with a bar chart attached."""
    return bool(CHART_WORDS & set(args.lower().split()))


def story_rows(ctx: Context, rows: list[dict], hits: dict[int, list[int]]) -> list[dict]:
    """The claim rows of the topic's story: a bare figure from an article off the story is left out.

    A figure with an owner or a claimant says whose it is. A bare one ("6
    orang", nobody's, nobody said so) counts only from an article that has
    such a figure itself, or that is about the topic (an alias in
    STORY_MENTIONS sentences or more) and names a distinctive entity that one
    of those articles names. Common-noun aliases ("tentara") also match the
    soldiers of a distractor story, and a passing mention in a lead ("tuan
    rumah Asian Games 2018" in a tourist guide) brings a distractor's bare
    numbers ("Rp 2.000" a ticket) among the story's. `hits`: the topic's
    `queries.alias_hits` (article -> positions of the sentences naming it).
    """
    anchors = {r["article_id"] for r in rows if r["force"] or r["claimant"]}
    if not anchors:  # no figure says whose it is: nothing to tell the story's articles apart by
        return rows
    about = {r["article_id"] for r in rows
             if len(set(hits.get(r["article_id"], ()))) >= queries.STORY_MENTIONS} - anchors
    kept = anchors | queries.entity_linked(ctx.store, about, anchors)
    return [r for r in rows if r["force"] or r["claimant"] or r["article_id"] in kept]


def _claim_from_row(row: dict) -> Claim:
    return Claim(value=row["value"], qualifier=row["qualifier"], counted=row["counted"] or "",
                 kind=row["kind"], force=row["force"], location=row["location"], claimant=row["claimant"],
                 sentence=row["sentence_id"] or 0, text=row["text"] or "", state=row.get("state"),
                 context=row["sentence_text"] or "")


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


