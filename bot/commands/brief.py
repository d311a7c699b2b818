"""/brief: the key points across the articles in a window, each story once, every outlet cited."""
from __future__ import annotations

from typing import TYPE_CHECKING

from bot import queries
from bot.briefing import build_brief
from bot.i18n import t
from bot.models import Reply, Request
from bot.registry import Command

if TYPE_CHECKING:
    from bot.context import Context


def brief(ctx: "Context", req: Request, lang: str) -> Reply:
    """The briefing over the configured window; when it is empty, over the latest day of publication,
    with a footer saying that nothing is new since the window's start."""
    if not queries.has_articles(ctx.store):
        return Reply(title=t("no_articles", lang))
    since = queries.since_hours(ctx.settings.brief.window_hours)
    reply = build_brief(ctx, since, lang)
    if not reply.items:
        latest = queries.latest_published(ctx.store) or since
        fallback = build_brief(ctx, latest[:10], lang)
        fallback.footer = reply.title
        return fallback
    return reply


def register(ctx: "Context") -> None:
    ctx.registry.add(Command("brief", brief, {"id": "Poin-poin utama dari artikel terbaru",
                                              "en": "Key points of the latest articles"}, aliases=("ringkasan",)))
