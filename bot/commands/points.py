"""Shared by the answer commands: candidates in, sourced items out."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

from bot import queries
from bot.models import Item
from summarizer.brief import Candidate, Point, tidy_sentence

if TYPE_CHECKING:
    from bot.app import BotApp


def points_to_items(app: "BotApp", points: Sequence[Point]) -> list[Item]:
    refs = queries.source_refs(app.store, (a for p in points for a in p.articles))
    max_words = app.settings.get("brief.max_words")
    return [Item(text=tidy_sentence(p.text, max_words), sources=[refs[a] for a in p.articles if a in refs])
            for p in points]


def candidates(rows: Iterable[queries.SentenceRow], boost_summary: float = 0.0) -> list[Candidate]:
    return [Candidate(text=r.text, stems=frozenset(r.stems), article=r.article_id, key=r.id,
                      score=r.score + (boost_summary if r.in_summary else 0.0), stub=r.stub) for r in rows]


def article_count(points: Sequence[Point]) -> int:
    return len({a for p in points for a in p.articles})


