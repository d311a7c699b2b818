"""Briefings focused on one name: place topics such as /kursk, and /about NAME."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from bot import queries
from bot.commands.figures import figures
from bot.commands.points import article_count, candidates, points_to_items
from bot.i18n import example, t
from bot.models import Reply, Request
from bot.registry import Command
from bot.settings import Topic
from summarizer.brief import Candidate, Point, select_points
from summarizer.entities import mentions
from summarizer.tokens import content_stems

if TYPE_CHECKING:
    from bot.app import BotApp


def _focused_points(app: "BotApp", name_terms: Sequence[str], names: Sequence[str], limit: int) -> list[Point]:
    rows = queries.search_sentences(app.store, name_terms, limit=400, distinct=True)
    # A place is named as written: "Permata Hijau" is not any sentence with "hijau" in it.
    rows = [r for r in rows if any(queries.says(r.text, n) for n in names)]
    return select_points(candidates(rows, boost_summary=0.3), max_points=limit)


def place(app: "BotApp", req: Request, lang: str, topic: Topic) -> Reply:
    aliases = topic.all_aliases()
    terms = [s for alias in aliases for s in content_stems(alias)]
    points = _focused_points(app, terms, aliases, app.settings.get("brief.max_points"))
    label = aliases[0]
    if not points:
        return Reply(title=t("place_none", lang, place=label))
    return Reply(title=t("place_title", lang, place=label, count=len(points), articles=article_count(points)),
                 items=points_to_items(app, points))


_SPEECH = r"(kata|ujar|ucap|menurut|mengatakan|menyatakan|menambahkan|mengonfirmasi|mengklaim|memperkirakan|said)"


def about(app: "BotApp", req: Request, lang: str) -> Reply:
    """What the corpus says about a person, organisation or place; their own statements first."""
    name = req.args.strip()
    if not name:
        name = app.settings.example_name()
        return Reply(title=t("about_usage", lang, example=example(name and f"/about {name}", lang)), ephemeral=True)
    terms = content_stems(name) or [name.lower()]
    rows = queries.search_sentences(app.store, terms, limit=400, op="AND", distinct=True)
    rows = [r for r in rows if mentions(r.text, name)]
    speech = re.compile(rf"{_SPEECH}\W+(\w+\W+){{0,4}}{re.escape(name.split()[-1])}|"
                        rf"{re.escape(name.split()[-1])}\W+(\w+\W+){{0,6}}{_SPEECH}", re.I)
    candidates = [Candidate(text=r.text, stems=frozenset(r.stems), article=r.article_id, key=r.id,
                            score=r.score + (0.5 if speech.search(r.text) else 0.0)) for r in rows]
    points = select_points(candidates, max_points=app.settings.get("brief.max_points"), per_article=3)
    if not points:
        return Reply(title=t("about_none", lang, name=name))
    return Reply(title=t("about_title", lang, name=name, count=len(points), articles=article_count(points)),
                 items=points_to_items(app, points))


def topic_handler(topic: Topic):
    """The handler a topic's kind calls for: figures, place, or (entity) /about on its aliases."""
    def handle(app: "BotApp", req: Request, lang: str) -> Reply:
        if topic.kind == "figures":
            return figures(app, req, lang, topic)
        if topic.kind == "place":
            return place(app, req, lang, topic)
        return about(app, replace(req, args=topic.all_aliases()[0]), lang)

    return handle



def register(app: "BotApp") -> None:
    for topic in app.settings.topics:
        app.registry.add(Command(topic.name, topic_handler(topic), dict(topic.description), topic=topic))
    app.registry.add(Command("about", about, {"id": "Apa kata sumber tentang seseorang atau sesuatu",
                                              "en": "What the sources say about a person, group or place"},
                             usage="NAME", aliases=("tentang",)))
