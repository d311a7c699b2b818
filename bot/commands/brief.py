"""/brief: the key points across the articles in a window, each story once, every outlet cited."""
from __future__ import annotations

from typing import TYPE_CHECKING

from bot import queries
from bot.commands.points import article_count, candidates, points_to_items
from bot.i18n import t
from bot.models import Reply, Request
from bot.registry import Command
from summarizer.brief import select_points

if TYPE_CHECKING:
    from bot.app import BotApp


def build_brief(app: "BotApp", since: str, lang: str, ingested_since: str | None = None) -> Reply:
    """The key points of the articles published since `since` (ISO UTC), and stored since
    `ingested_since` when given (the daily briefing: nothing already sent); empty when none."""
    rows = queries.summary_sentences(app.store, since, ingested_since=ingested_since)
    points = select_points(candidates(rows), max_points=app.settings.get("brief.max_points"))
    if not points:
        return Reply(title=t("brief_empty", lang, since=since.replace("T", " ")[:16] + " UTC"))
    return Reply(title=t("brief_title", lang, count=len(points), articles=article_count(points)),
                 items=points_to_items(app, points))


def brief(app: "BotApp", req: Request, lang: str) -> Reply:
    """The briefing over the configured window; when it is empty, over the latest day of publication,
    with a footer saying that nothing is new since the window's start."""
    if not queries.has_articles(app.store):
        return Reply(title=t("no_articles", lang))
    since = queries.since_hours(app.settings.get("brief.window_hours"))
    reply = build_brief(app, since, lang)
    if not reply.items:
        latest = queries.latest_published(app.store) or since
        fallback = build_brief(app, latest[:10], lang)
        fallback.footer = reply.title
        return fallback
    return reply



def register(app: "BotApp") -> None:
    app.registry.add(Command("brief", brief, {"id": "Poin-poin utama dari artikel terbaru",
                                              "en": "Key points of the latest articles"}, aliases=("ringkasan",)))
