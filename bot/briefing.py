"""Sourced points below the command layer: candidates in, items out, and the briefing itself.

`/brief` and the scheduler's daily briefing both call `build_brief`; `/about`, topics and questions
turn their points into items with `points_to_items`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

from bot import queries
from bot.i18n import t
from bot.models import Item, Reply
from summarizer.brief import Candidate, Point, select_points, tidy_sentence

if TYPE_CHECKING:
    from bot.context import Context


def points_to_items(ctx: "Context", points: Sequence[Point]) -> list[Item]:
    refs = queries.source_refs(ctx.store, (a for p in points for a in p.articles))
    max_words = ctx.settings.brief.max_words
    return [Item(text=tidy_sentence(p.text, max_words), sources=[refs[a] for a in p.articles if a in refs])
            for p in points]


def candidates(rows: Iterable[queries.SentenceRow], boost_summary: float = 0.0) -> list[Candidate]:
    return [Candidate(text=r.text, stems=frozenset(r.stems), article=r.article_id, key=r.id,
                      score=r.score + (boost_summary if r.in_summary else 0.0), stub=r.stub) for r in rows]


def article_count(points: Sequence[Point]) -> int:
    return len({a for p in points for a in p.articles})




def build_brief(ctx: "Context", since: str, lang: str, ingested_since: str | None = None) -> Reply:
    """The key points of the articles published since `since` (ISO UTC), and stored since
    `ingested_since` when given (the daily briefing: nothing already sent); empty when none."""
    rows = queries.summary_sentences(ctx.store, since, ingested_since=ingested_since)
    points = select_points(candidates(rows), max_points=ctx.settings.brief.max_points)
    if not points:
        return Reply(title=t("brief_empty", lang, since=since.replace("T", " ")[:16] + " UTC"))
    return Reply(title=t("brief_title", lang, count=len(points), articles=article_count(points)),
                 items=points_to_items(ctx, points))
