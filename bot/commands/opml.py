"""/importopml: an OPML subscription list, attached to the command, becomes sources (admins only).

The adapter downloads the attached file into `Request.attachment`; how to attach one differs by
platform, so the instructions do too. Export is `python -m bot sources export FILE.opml`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from bot import opml
from bot.commands.sources import error_text
from bot.i18n import add_messages, t
from bot.models import Item, Reply, Request
from bot.registry import Command
from bot.sources import SourceError

if TYPE_CHECKING:
    from bot.context import Context

LISTED_MAX = 20  # new sources named one by one; beyond this, a count

add_messages({
    "help_importopml": {"id": "Impor daftar feed OPML (lampirkan berkasnya)",
                        "en": "Import an OPML feed list (attach the file)"},
    "opml_attach_telegram": {
        "id": "Kirim berkas .opml sebagai dokumen dengan keterangan /importopml, "
              "atau balas pesan berisi berkas itu dengan /importopml.",
        "en": "Send the .opml file as a document with the caption /importopml, "
              "or reply /importopml to the message that holds the file.",
    },
    "opml_attach_slack": {
        "id": "Unggah berkas .opml di pesan langsung ke bot dengan teks importopml "
              "(atau sebut bot dengan importopml di kanal saat mengunggah).",
        "en": "Upload the .opml file in a direct message to the bot with the text importopml "
              "(or mention the bot with importopml in a channel while uploading it).",
    },
    "opml_attach_console": {
        "id": "Di terminal: python -m bot sources import BERKAS.opml",
        "en": "In a terminal: python -m bot sources import FILE.opml",
    },
    "opml_imported": {
        "id": "OPML {file}: {added} feed baru ditambahkan, {existing} sudah ada, {skipped} dilewati.",
        "en": "OPML {file}: {added} new feed(s) added, {existing} already present, {skipped} skipped.",
    },
    "opml_added_line": {"id": "#{id} \u201c{name}\u201d — {url}", "en": "#{id} \u201c{name}\u201d — {url}"},
    "opml_more": {"id": "… dan {count} lainnya (lihat /sources).", "en": "… and {count} more (see /sources)."},
    "opml_skipped_line": {"id": "Dilewati (bukan alamat http/https): {urls}",
                          "en": "Skipped (not an http/https address): {urls}"},
    "opml_fetch_note": {
        "id": "Feed baru diambil pada penyegaran berikutnya (paling lama {minutes} menit); /refresh untuk sekarang.",
        "en": "New feeds are fetched at the next refresh (within {minutes} minutes); /refresh fetches them now.",
    },
    "opml_failed": {"id": "Tidak dapat mengimpor {file}: {reason} Tidak ada yang disimpan.",
                    "en": "Could not import {file}: {reason} Nothing was stored."},
    "src_err_opml_too_big": {"id": "berkas terlalu besar ({size} kB, batas {limit} kB).",
                             "en": "the file is too big ({size} kB, limit {limit} kB)."},
    "src_err_opml_malformed": {"id": "OPML rusak, bukan XML yang utuh ({detail}).",
                               "en": "malformed OPML, not well-formed XML ({detail})."},
    "src_err_opml_not_opml": {"id": "ini dokumen XML <{root}>, bukan OPML.",
                              "en": "this is an XML <{root}> document, not OPML."},
    "src_err_opml_empty": {"id": "OPML ini tidak memuat feed (tidak ada outline dengan xmlUrl).",
                           "en": "this OPML lists no feeds (no outline with an xmlUrl)."},
    "src_err_opml_too_many": {"id": "OPML memuat {count} feed, batasnya {limit}.",
                              "en": "the OPML lists {count} feeds; the limit is {limit}."},
})


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
    footer = t("opml_fetch_note", lang, minutes=ctx.settings.get("sources.refresh_minutes")) if result.added else None
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
