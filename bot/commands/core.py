"""Help, start, topics, language and the plain source list."""
from __future__ import annotations

from typing import TYPE_CHECKING

from bot.i18n import LANGUAGES, example, t
from bot.models import Item, Reply, Request
from bot.registry import Command

if TYPE_CHECKING:
    from bot.context import Context


def help_reply(ctx: "Context", req: Request, lang: str) -> Reply:
    """Every command with its one-line help; admin commands marked, shown to admins only."""
    items = []
    for command in ctx.registry.on(req.platform):
        if command.admin and not req.is_admin:
            continue
        usage = f" {command.usage}" if command.usage else ""
        marker = t("admin_marker", lang) if command.admin else ""
        items.append(Item(text=f"/{command.name}{usage} — {command.help[lang]}{marker}"))
    footer = t("help_footer", lang, example=example(ctx.settings.example_question(lang), lang, "colon"))
    return Reply(title=t("help_title", lang), items=items, footer=f'{footer}\n{t("help_other_language", lang)}')


def start(ctx: "Context", req: Request, lang: str) -> Reply:
    reply = help_reply(ctx, req, lang)
    reply.title = t("start_title", lang)
    return reply


def topics(ctx: "Context", req: Request, lang: str) -> Reply:
    items = [Item(text=f"/{topic.name} — {topic.description.get(lang, topic.description['id'])}",
                  extra={"kind": topic.kind, "aliases": topic.all_aliases()})
             for topic in ctx.settings.topics]
    return Reply(title=t("topics_title", lang, count=len(items)), items=items)


def set_language(ctx: "Context", req: Request, lang: str) -> Reply:
    choice = req.args.strip().lower()
    if choice not in LANGUAGES:
        return Reply(title=t("lang_usage", lang), ephemeral=True)
    ctx.store.set_chat_language(req.platform, req.chat, choice)
    return Reply(title=t("lang_set", choice))


def register(ctx: "Context") -> None:
    add = ctx.registry.add
    add(Command("help", help_reply, {"id": "Daftar perintah", "en": "List of commands"}))
    add(Command("start", start, {"id": "Mulai dan lihat bantuan", "en": "Start and show help"},
                platforms=("telegram",)))
    add(Command("topics", topics, {"id": "Daftar topik", "en": "List of topics"}))
    add(Command("lang", set_language, {"id": "Bahasa balasan (id atau en)", "en": "Reply language (id or en)"},
                usage="id|en"))
