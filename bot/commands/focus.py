"""Briefings focused on one name: place topics such as /kursk, and /about NAME."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from bot import queries
from bot.commands.figures import figures
from bot.briefing import article_count, candidates, points_to_items
from bot.i18n import example, t
from bot.models import Reply, Request
from bot.registry import Command
from bot.settings import Topic
from summarizer.brief import Candidate, Point, select_points
from summarizer.entities import is_person_name, mentions
from summarizer.tokens import content_stems

if TYPE_CHECKING:
    from bot.context import Context


def _phrase(name: str) -> str:
    """The FTS phrase of a name's stems in order: "Permata Hijau" matches those two words together only."""
    return " ".join(content_stems(name)) or name.lower()


def _focused_points(ctx: "Context", names: Sequence[str], limit: int) -> list[Point]:
    """A place's sentences: each name as a phrase, never its words apart (no green tea for Permata Hijau)."""
    rows = queries.search_sentences(ctx.store, [_phrase(n) for n in names], limit=400, distinct=True)
    rows = [r for r in rows if any(mentions(r.text, n, phrase=True) for n in names)]
    return select_points(candidates(rows, boost_summary=0.3), max_points=limit)


def place(ctx: "Context", req: Request, lang: str, topic: Topic) -> Reply:
    aliases = topic.all_aliases()
    points = _focused_points(ctx, aliases, ctx.settings.brief.max_points)
    label = aliases[0]
    if not points:
        return Reply(title=t("place_none", lang, place=label))
    return Reply(title=t("place_title", lang, place=label, count=len(points), articles=article_count(points)),
                 items=points_to_items(ctx, points))


_SPEECH = r"(kata|ujar|ucap|menurut|mengatakan|menyatakan|menambahkan|mengonfirmasi|mengklaim|memperkirakan|said)"


def about(ctx: "Context", req: Request, lang: str) -> Reply:
    """What the corpus says about a person, organisation or place; their own statements first."""
    name = req.args.strip()
    if not name:
        name = ctx.settings.example_name()
        return Reply(title=t("about_usage", lang, example=example(name and f"/about {name}", lang)), ephemeral=True)
    person = is_person_name(name)
    # A person's words in any order ("Budanov, Kyrilo"); a place's or an organisation's as a phrase.
    terms = (content_stems(name) or [name.lower()]) if person else [_phrase(name)]
    rows = queries.search_sentences(ctx.store, terms, limit=400, op="AND", distinct=True)
    rows = [r for r in rows if mentions(r.text, name, phrase=not person)]
    speech = re.compile(rf"{_SPEECH}\W+(\w+\W+){{0,4}}{re.escape(name.split()[-1])}|"
                        rf"{re.escape(name.split()[-1])}\W+(\w+\W+){{0,6}}{_SPEECH}", re.I)
    candidates = [Candidate(text=r.text, stems=frozenset(r.stems), article=r.article_id, key=r.id,
                            score=r.score + (0.5 if speech.search(r.text) else 0.0)) for r in rows]
    points = select_points(candidates, max_points=ctx.settings.brief.max_points, per_article=3)
    if not points:
        return Reply(title=t("about_none", lang, name=name))
    return Reply(title=t("about_title", lang, name=name, count=len(points), articles=article_count(points)),
                 items=points_to_items(ctx, points))


def topic_handler(topic: Topic):
    """The handler a topic's kind calls for: figures, place, or (entity) /about on its aliases."""
    def handle(ctx: "Context", req: Request, lang: str) -> Reply:
        if topic.kind == "figures":
            return figures(ctx, req, lang, topic)
        if topic.kind == "place":
            return place(ctx, req, lang, topic)
        return about(ctx, replace(req, args=topic.all_aliases()[0]), lang)

    return handle



def register(ctx: "Context") -> None:
    for topic in ctx.settings.topics:
        ctx.registry.add(Command(topic.name, topic_handler(topic), dict(topic.description), topic=topic))
    ctx.registry.add(Command("about", about, {"id": "Apa kata sumber tentang seseorang atau sesuatu",
                                              "en": "What the sources say about a person, group or place"},
                             usage="NAME", aliases=("tentang",)))
