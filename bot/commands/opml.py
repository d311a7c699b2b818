"""/importopml: an OPML subscription list, attached to the command, becomes sources (admins only).

The adapter downloads the attached file into `Request.attachment`; how to attach one differs by
platform, so the instructions do too. Export is `python -m bot sources export FILE.opml`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from bot import opml
from bot.commands.sources import error_text
from bot.detection import SourceError
from bot.i18n import t
from bot.models import Item, Reply, Request
from bot.registry import Command

if TYPE_CHECKING:
    from bot.context import Context

LISTED_MAX = 20  # new sources named one by one; beyond this, a count


def import_reply(ctx: "Context", data: bytes, filename: str, principal: str, lang: str, size: int = 0) -> Reply:
    """Import `data` and say what happened; shared by /importopml and `sources import`."""
    try:
        result = opml.import_opml(ctx.store, data, principal, size)
    except SourceError as exc:
        return Reply(title=t("opml_failed", lang, file=filename[:80], reason=error_text(exc.code, exc.values, lang)),
                     ephemeral=True)
    title = t("opml_imported", lang, file=filename[:80], added=len(result.added), existing=len(result.existing),
              skipped=len(result.skipped))
    items = [Item(text=t("opml_added_line", lang, id=source_id, name=name, url=url),
                  extra={"id": source_id, "name": name, "url": url})
             for source_id, name, url in result.added[:LISTED_MAX]]
    if len(result.added) > LISTED_MAX:
        items.append(Item(text=t("opml_more", lang, count=len(result.added) - LISTED_MAX)))
    if result.skipped:
        items.append(Item(text=t("opml_skipped_line", lang, urls=", ".join(u or "(-)" for u in result.skipped[:5]))))
    footer = t("opml_fetch_note", lang, minutes=ctx.settings.sources.refresh_minutes) if result.added else None
    return Reply(title=title, items=items, footer=footer)


def importopml(ctx: "Context", req: Request, lang: str) -> Reply:
    if req.attachment is None:
        key = f"opml_attach_{req.platform}"
        return Reply(title=t(key if req.platform in ("telegram", "slack", "console") else "opml_attach_console",
                             lang), ephemeral=True)
    attachment = req.attachment
    return import_reply(ctx, attachment.data, attachment.name, req.principal, lang, attachment.size)


def register(ctx: "Context") -> None:
    ctx.registry.add(Command("importopml", importopml, {lang: t("help_importopml", lang) for lang in ("id", "en")},
                             admin=True, usage="(+ .opml)", takes_file=True))
