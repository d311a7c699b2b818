"""The answers: /brief, the topic commands (/troops, /kursk, ...), /about and free questions."""
from __future__ import annotations

import re
from collections import OrderedDict
from typing import TYPE_CHECKING, Iterable, Sequence

from bot import queries
from bot.i18n import t
from bot.models import Item, Reply, Request, SourceRef
from bot.registry import Command
from bot.settings import Topic
from summarizer.brief import Candidate, Point, select_points, tidy_sentence
from summarizer.claims import group_claims
from summarizer.entities import mentions
from summarizer.qa import analyze_question, idf_weights, score_sentence
from summarizer.tokens import content_stems

if TYPE_CHECKING:
    from bot.app import BotApp


# ---- shared helpers -----------------------------------------------------------
def _points_to_items(app: "BotApp", points: Sequence[Point]) -> list[Item]:
    refs = queries.source_refs(app.store, (a for p in points for a in p.articles))
    max_words = app.settings.get("brief.max_words")
    return [Item(text=tidy_sentence(p.text, max_words), sources=[refs[a] for a in p.articles if a in refs])
            for p in points]


def _candidates(rows: Iterable[queries.SentenceRow], boost_summary: float = 0.0) -> list[Candidate]:
    return [Candidate(text=r.text, stems=frozenset(r.stems), article=r.article_id, key=r.id,
                      score=r.score + (boost_summary if r.in_summary else 0.0)) for r in rows]


def _article_count(points: Sequence[Point]) -> int:
    return len({a for p in points for a in p.articles})


# ---- /brief -------------------------------------------------------------------
def build_brief(app: "BotApp", since: str, lang: str) -> Reply:
    """The key points of the articles ingested since `since` (ISO UTC); empty when none."""
    rows = queries.summary_sentences(app.store, since)
    points = select_points(_candidates(rows), max_points=app.settings.get("brief.max_points"))
    if not points:
        return Reply(title=t("brief_empty", lang, since=since.replace("T", " ")[:16] + " UTC"))
    return Reply(title=t("brief_title", lang, count=len(points), articles=_article_count(points)),
                 items=_points_to_items(app, points))


def brief(app: "BotApp", req: Request, lang: str) -> Reply:
    """The briefing over the configured window; when it is empty, over the latest day of articles."""
    if not app.store.article_count():
        return Reply(title=t("no_articles", lang))
    since = queries.since_hours(app.settings.get("brief.window_hours"))
    reply = build_brief(app, since, lang)
    if not reply.items:
        latest = queries.latest_ingest(app.store) or since
        fallback = build_brief(app, latest[:10], lang)
        fallback.footer = reply.title
        return fallback
    return reply


# ---- figures topics (/troops) ----------------------------------------------------
def _format_value(value: int, lang: str) -> str:
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "id" else text


def figures(app: "BotApp", req: Request, lang: str, topic: Topic) -> Reply:
    """Every distinct figure, grouped by what is counted; conflicting estimates adjacent."""
    rows = queries.claims(app.store, counted=topic.counted)
    groups = group_claims([(_claim_from_row(r), r["article_id"]) for r in rows])
    refs = queries.source_refs(app.store, (r["article_id"] for r in rows))
    items: list[Item] = []
    for group in groups:
        for entry in _merge_by_value(group.entries):
            who = entry["who"]
            qualifier = f"{entry['qualifier']} " if entry["qualifier"] else ""
            claimed = ", ".join(who) if who else ("tanpa sumber" if lang == "id" else "unattributed")
            text = f"{group.label}: {qualifier}{_format_value(entry['value'], lang)} — {claimed}"
            items.append(Item(text=text, value=entry["value"], who=who,
                              sources=[refs[a] for a in entry["articles"] if a in refs],
                              extra={"group": group.label, "kind": group.kind, "qualifier": entry["qualifier"],
                                     "quotes": entry["sentences"][:3]}))
    if not items:
        return Reply(title=t("figures_none", lang, name=topic.name))
    articles = len({s.article_id for i in items for s in i.sources})
    description = topic.description.get(lang, topic.description["id"])
    return Reply(title=t("figures_title", lang, description=description, count=len(items), articles=articles),
                 items=items, footer=t("figures_footer", lang))


def _claim_from_row(row: dict):
    from summarizer.claims import Claim

    return Claim(value=row["value"], qualifier=row["qualifier"], counted=row["counted"] or "",
                 kind=row["kind"], force=row["force"], location=row["location"], claimant=row["claimant"],
                 sentence=row["sentence_id"] or 0, text=row["text"] or "")


def _merge_by_value(entries) -> list[dict]:
    """One line per figure: every claimant of the same number in the same group together."""
    merged: "OrderedDict[int, dict]" = OrderedDict()
    for entry in entries:
        slot = merged.setdefault(entry.value, {"value": entry.value, "qualifier": entry.qualifier, "who": [],
                                               "articles": [], "sentences": []})
        if entry.claimant and entry.claimant not in slot["who"]:
            slot["who"].append(entry.claimant)
        slot["articles"].extend(a for a in entry.refs if a not in slot["articles"])
        slot["sentences"].extend(s for s in entry.sentences if s not in slot["sentences"])
        slot["qualifier"] = slot["qualifier"] or entry.qualifier
    return list(merged.values())


# ---- place and entity topics (/kursk), /about -----------------------------------------
def _focused_points(app: "BotApp", name_terms: Sequence[str], names: Sequence[str], limit: int) -> list[Point]:
    rows = queries.search_sentences(app.store, name_terms, limit=400)
    rows = [r for r in rows if any(mentions(r.text, n) for n in names)]
    return select_points(_candidates(rows, boost_summary=0.3), max_points=limit)


def place(app: "BotApp", req: Request, lang: str, topic: Topic) -> Reply:
    aliases = topic.all_aliases()
    terms = [s for alias in aliases for s in content_stems(alias)]
    points = _focused_points(app, terms, aliases, app.settings.get("brief.max_points"))
    label = aliases[0]
    if not points:
        return Reply(title=t("place_none", lang, place=label))
    return Reply(title=t("place_title", lang, place=label, count=len(points), articles=_article_count(points)),
                 items=_points_to_items(app, points))


_SPEECH = r"(kata|ujar|ucap|menurut|mengatakan|menyatakan|menambahkan|mengonfirmasi|mengklaim|memperkirakan|said)"


def about(app: "BotApp", req: Request, lang: str) -> Reply:
    """What the corpus says about a person, organisation or place; their own statements first."""
    name = req.args.strip()
    if not name:
        return Reply(title=t("about_usage", lang), ephemeral=True)
    terms = content_stems(name) or [name.lower()]
    rows = queries.search_sentences(app.store, terms, limit=400, op="AND")
    rows = [r for r in rows if mentions(r.text, name)]
    speech = re.compile(rf"{_SPEECH}\W+(\w+\W+){{0,4}}{re.escape(name.split()[-1])}|"
                        rf"{re.escape(name.split()[-1])}\W+(\w+\W+){{0,6}}{_SPEECH}", re.I)
    candidates = [Candidate(text=r.text, stems=frozenset(r.stems), article=r.article_id, key=r.id,
                            score=r.score + (0.5 if speech.search(r.text) else 0.0)) for r in rows]
    points = select_points(candidates, max_points=app.settings.get("brief.max_points"), per_article=3)
    if not points:
        return Reply(title=t("about_none", lang, name=name))
    return Reply(title=t("about_title", lang, name=name, count=len(points), articles=_article_count(points)),
                 items=_points_to_items(app, points))


def topic_handler(topic: Topic):
    """The handler a topic's kind calls for: figures, place, or (entity) /about on its aliases."""
    def handle(app: "BotApp", req: Request, lang: str) -> Reply:
        if topic.kind == "figures":
            return figures(app, req, lang, topic)
        if topic.kind == "place":
            return place(app, req, lang, topic)
        from dataclasses import replace
        return about(app, replace(req, args=topic.all_aliases()[0]), lang)

    return handle


# ---- free questions ---------------------------------------------------------------
def english_aliases(topics: Sequence[Topic]) -> dict[str, list[str]]:
    """English alias -> the topic's Indonesian aliases, for translating questions."""
    mapping: dict[str, list[str]] = {}
    for topic in topics:
        for alias in topic.aliases.get("en", []):
            mapping[alias.lower()] = topic.aliases.get("id", [])[:2]
    return mapping


def ask(app: "BotApp", req: Request, lang: str) -> Reply:
    """The one to three sentences that best answer a question, best first, or an honest no."""
    query = analyze_question(req.args, english_aliases(app.settings.topics))
    if query.empty:
        return Reply(title=t("no_answer", lang))
    rows = queries.search_sentences(app.store, query.terms, limit=app.settings.get("answers.candidates"))
    freq, total = queries.doc_freq(app.store, query.terms)
    idf = idf_weights({term: freq.get(term, 0) for term in query.terms}, total)
    scored = sorted(((score_sentence(query, r.stems, r.text, r.entities, r.score, idf), r) for r in rows),
                    key=lambda pair: -pair[0])
    threshold = app.settings.get("answers.min_score")
    confident = [(s, r) for s, r in scored if s >= threshold]
    if not confident:
        return Reply(title=t("no_answer", lang))
    best = confident[0][0]
    candidates = [Candidate(text=r.text, stems=frozenset(r.stems), article=r.article_id, key=r.id, score=s)
                  for s, r in confident if s >= best * 0.8]
    points = select_points(candidates, max_points=app.settings.get("answers.max_sentences"),
                           per_article=app.settings.get("answers.max_sentences"), threshold=0.8)
    return Reply(title=t("answer_title", lang), items=_points_to_items(app, points))


def register(app: "BotApp") -> None:
    add = app.registry.add
    add(Command("brief", brief, {"id": "Poin-poin utama dari artikel terbaru", "en": "Key points of the latest articles"},
                aliases=("ringkasan",)))
    for topic in app.settings.topics:
        add(Command(topic.name, topic_handler(topic), dict(topic.description), topic=topic))
    add(Command("about", about, {"id": "Apa kata sumber tentang seseorang atau sesuatu",
                                 "en": "What the sources say about a person, group or place"},
                usage="NAME", aliases=("tentang",)))
    add(Command("ask", ask, {"id": "Ajukan pertanyaan (atau tulis saja pertanyaannya)",
                             "en": "Ask a question (or just type it)"}, usage="QUESTION", aliases=("tanya",)))
