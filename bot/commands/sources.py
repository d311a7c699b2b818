"""Source commands: /addsource, /addtext, /sources, /removesource, /refresh, /audit, /admins.

Everything but /sources is admin-only; BotApp.handle refuses and audits
non-admins and audits every admin command's result (the reply title), so
the titles here are written to read well in the audit log too.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot import sources
from bot.i18n import add_messages, t
from bot.models import Item, Reply, Request
from bot.registry import Command
from bot.sources import SourceError, SourceRun

if TYPE_CHECKING:
    from bot.context import Context

AUDIT_DEFAULT = 20
AUDIT_MAX = 100
TITLE_MAX = 200  # "/addtext Title | text": a longer first part is text, not a title

add_messages({
    # usage
    "src_addsource_usage": {"id": "Gunakan: /addsource URL [nama], misalnya /addsource https://contoh.id/rss Contoh",
                            "en": "Usage: /addsource URL [name], e.g. /addsource https://example.com/rss Example"},
    "src_addtext_usage": {"id": "Gunakan: /addtext [judul |] teks artikel",
                          "en": "Usage: /addtext [title |] article text"},
    "src_addtext_send": {
        "id": "Kirim teks artikel di pesan berikutnya. Judul opsional: \"Judul | teks\".",
        "en": "Send the article text in your next message. Optional title: \"Title | text\".",
    },
    "src_remove_usage": {"id": "Gunakan: /removesource ID|URL [--keep-articles]",
                         "en": "Usage: /removesource ID|URL [--keep-articles]"},
    "src_refresh_usage": {"id": "Gunakan: /refresh [ID]", "en": "Usage: /refresh [ID]"},
    # kinds
    "src_kind_feed": {"id": "feed RSS/Atom", "en": "RSS/Atom feed"},
    "src_kind_page": {"id": "halaman web", "en": "web page"},
    "src_kind_text": {"id": "teks tempelan", "en": "pasted text"},
    # results
    "src_added": {
        "id": "Sumber #{id} \u201c{name}\u201d ({kind}) ditambahkan: {added} artikel baru, {duplicates} dilewati karena duplikat.",
        "en": "Added source #{id} \u201c{name}\u201d ({kind}): {added} article(s) added, {duplicates} skipped as duplicates.",
    },
    "src_near_dups": {
        "id": "{count} artikel adalah versi lain dari berita yang sudah ada (outlet lain) dan digabung ke berita itu.",
        "en": "{count} article(s) repeat a story already stored (another outlet) and were joined to that story.",
    },
    "src_entry_errors": {
        "id": "{count} halaman artikel tidak dapat diambil; ringkasan dari feed dipakai sebagai gantinya.",
        "en": "{count} article page(s) could not be fetched; the feed's own summary was used instead.",
    },
    "src_stubs": {"id": "{count} entri disimpan dari ringkasan feed saja (halamannya tidak terbaca); di /brief, artikel lengkap didahulukan.",
                  "en": "{count} entries stored from the feed's summary only (their page could not be read); /brief ranks full articles first."},
    "src_empty_entries": {"id": "{count} entri tanpa teks dilewati.", "en": "{count} entries without text skipped."},
    "src_add_failed": {"id": "Tidak dapat menambah {url}: {reason} Tidak ada yang disimpan.",
                       "en": "Could not add {url}: {reason} Nothing was stored."},
    "src_text_added": {"id": "Teks ditambahkan sebagai sumber #{id}: \u201c{title}\u201d.",
                       "en": "Added the text as source #{id}: \u201c{title}\u201d."},
    "src_text_duplicate": {"id": "Teks ini sudah tersimpan (artikel #{article}); tidak ditambahkan lagi.",
                           "en": "This text is already stored (article #{article}); not added again."},
    "src_text_empty": {"id": "Tidak ada teks yang dapat ditambahkan.", "en": "No text to add."},
    "src_removed": {"id": "Sumber #{id} \u201c{name}\u201d dihapus beserta {count} artikelnya.",
                    "en": "Removed source #{id} \u201c{name}\u201d and its {count} article(s)."},
    "src_removed_kept": {"id": "Sumber #{id} \u201c{name}\u201d dihapus; {count} artikelnya tetap disimpan.",
                         "en": "Removed source #{id} \u201c{name}\u201d; its {count} article(s) were kept."},
    "src_seeds_removed": {"id": "{count} artikel bawaan (seeds) dihapus.",
                          "en": "Removed {count} bundled article(s) (seeds)."},
    "src_seeds_keep": {"id": "Artikel bawaan (seeds) bukan sumber yang dapat dihapus sambil menyimpan artikelnya.",
                       "en": "The bundled articles (seeds) are not a source; --keep-articles would change nothing."},
    "src_refresh_title": {"id": "{count} sumber diperbarui: {added} artikel baru, {failed} gagal.",
                          "en": "Refreshed {count} source(s): {added} new article(s), {failed} failed."},
    "src_refresh_none": {"id": "Tidak ada feed atau halaman untuk diperbarui.",
                         "en": "There are no feeds or pages to refresh."},
    "src_refresh_text": {"id": "Sumber #{id} adalah teks tempelan; tidak ada yang perlu diambil.",
                         "en": "Source #{id} is pasted text; there is nothing to fetch."},
    "src_refresh_ok": {"id": "#{id} {name}: {added} baru, {duplicates} duplikat.",
                       "en": "#{id} {name}: {added} new, {duplicates} duplicate(s)."},
    "src_refresh_unchanged": {"id": "#{id} {name}: tidak berubah sejak pengambilan terakhir.",
                              "en": "#{id} {name}: not changed since the last fetch."},
    "src_refresh_failed": {"id": "#{id} {name}: gagal \u2014 {reason} Dicoba lagi {next}. Artikel tersimpan tidak diubah.",
                           "en": "#{id} {name}: failed \u2014 {reason} Next try {next}. Stored articles are untouched."},
    # /sources
    "src_line": {"id": "#{id} {name} ({kind}) \u00b7 {count} artikel",
                 "en": "#{id} {name} ({kind}) \u00b7 {count} article(s)"},
    "src_line_url": {"id": " \u00b7 {url}", "en": " \u00b7 {url}"},
    "src_line_ok": {"id": " \u00b7 terakhir berhasil {at}", "en": " \u00b7 last fetched {at}"},
    "src_line_never": {"id": " \u00b7 belum pernah berhasil", "en": " \u00b7 never fetched successfully"},
    "src_line_error": {"id": " \u00b7 galat terakhir: {error}", "en": " \u00b7 last error: {error}"},
    "src_line_next": {"id": " \u00b7 berikutnya {at}", "en": " \u00b7 next fetch {at}"},
    "src_line_seeds": {"id": "{name} \u00b7 {count} artikel", "en": "{name} \u00b7 {count} article(s)"},
    "src_unowned": {"id": "artikel tanpa sumber (disimpan setelah sumbernya dihapus, atau dari berkas)",
                    "en": "articles without a source (kept after removal, or ingested from files)"},
    "src_none": {"id": "Belum ada sumber. Admin dapat menambah dengan /addsource URL.",
                 "en": "No sources yet. Admins can add one with /addsource URL."},
    # errors (codes from bot.fetch.FetchError and bot.sources.SourceError)
    "src_err_blocked_scheme": {"id": "Hanya URL http dan https yang diizinkan (bukan {scheme}:).",
                               "en": "Only http and https URLs are allowed (not {scheme}:)."},
    "src_err_bad_url": {"id": "Itu bukan URL yang dapat dipakai.", "en": "That is not a usable URL."},
    "src_err_blocked_address": {
        "id": "Ditolak: {host} mengarah ke alamat {why} ({address}). Host internal harus dimasukkan ke [sources] allow_hosts.",
        "en": "Refused: {host} points to a {why} address ({address}). Internal hosts must be listed in [sources] allow_hosts.",
    },
    "src_err_dns": {"id": "Nama host {host} tidak dapat ditemukan.", "en": "The host name {host} could not be resolved."},
    "src_err_connect": {"id": "Tidak dapat terhubung ke {host}.", "en": "Could not connect to {host}."},
    "src_err_timeout": {"id": "Server tidak menjawab dalam {seconds} detik.",
                        "en": "The server did not answer within {seconds} seconds."},
    "src_err_deadline": {"id": "Pengambilan melebihi batas {seconds} detik dan dihentikan.",
                         "en": "The download took longer than {seconds} seconds and was stopped."},
    "src_err_too_large": {"id": "Isinya melebihi batas {limit} byte; pengambilan dihentikan.",
                          "en": "The response is larger than the {limit}-byte limit; the download was stopped."},
    "src_err_http_status": {"id": "Server menjawab HTTP {status} {reason}.",
                            "en": "The server answered HTTP {status} {reason}."},
    "src_err_redirect_loop": {"id": "URL ini dialihkan berputar-putar (kembali ke {to}).",
                              "en": "The URL redirects in a loop (back to {to})."},
    "src_err_too_many_redirects": {"id": "Lebih dari {limit} pengalihan; dihentikan.",
                                   "en": "More than {limit} redirects; stopped."},
    "src_err_network": {"id": "Galat jaringan: {error}.", "en": "Network error: {error}."},
    "src_err_not_a_source": {
        "id": "Yang ditemukan adalah {content_type} ({size} byte), bukan feed RSS/Atom maupun halaman web.",
        "en": "Found {content_type} ({size} bytes), which is neither an RSS/Atom feed nor a web page.",
    },
    "src_err_no_article_text": {
        "id": "Yang ditemukan adalah halaman web \u201c{title}\u201d tanpa teks artikel (hanya {chars} karakter teks utama).",
        "en": "Found a web page \u201c{title}\u201d with no article text (only {chars} characters of main text).",
    },
    "src_err_feed_hint": {"id": " Halaman ini menautkan feed: {feeds} (tambahkan itu saja).",
                          "en": " The page links to a feed: {feeds} (add that instead)."},
    "src_err_hostile_xml": {
        "id": "Ditolak: feed ini mendeklarasikan entitas XML/DTD (kemungkinan serangan ekspansi entitas); tidak diproses.",
        "en": "Refused: the feed declares XML entities or a DTD (a possible entity-expansion attack); it was not parsed.",
    },
    "src_err_malformed_xml": {"id": "Feed ini bukan XML yang valid dan tidak ada entri yang terbaca ({detail}).",
                              "en": "The feed is not well-formed XML and no entries could be read ({detail})."},
    "src_err_exists": {"id": "Sudah menjadi sumber #{id} \u201c{name}\u201d.", "en": "Already source #{id} \u201c{name}\u201d."},
    "src_err_not_found": {"id": "Tidak ada sumber {ref}. Lihat /sources.", "en": "No source {ref}. See /sources."},
    "src_err_busy": {"id": "Sumber ini sedang diperbarui.", "en": "This source is being refreshed already."},
    "src_err_internal": {"id": "Galat tak terduga saat membaca sumber ({detail}); sudah dicatat.",
                         "en": "Unexpected error while reading the source ({detail}); it has been logged."},
    "src_err_raw": {"id": "{detail}", "en": "{detail}"},
    "src_why_loopback": {"id": "loopback", "en": "loopback"},
    "src_why_private": {"id": "privat", "en": "private"},
    "src_why_link-local": {"id": "link-local", "en": "link-local"},
    "src_why_multicast": {"id": "multicast", "en": "multicast"},
    "src_why_reserved": {"id": "cadangan (reserved)", "en": "reserved"},
    "src_why_unspecified": {"id": "tak ditentukan", "en": "unspecified"},
    "src_why_non-public": {"id": "non-publik", "en": "non-public"},
    "src_why_metadata": {"id": "metadata cloud", "en": "cloud metadata"},
    # /audit and /admins
    "audit_title": {"id": "Log audit: {count} entri terakhir", "en": "Audit log: last {count} entries"},
    "audit_empty": {"id": "Log audit masih kosong.", "en": "The audit log is empty."},
    "audit_usage": {"id": "Gunakan: /audit [jumlah]", "en": "Usage: /audit [count]"},
    "admins_title": {"id": "Admin bot ({count})", "en": "Bot admins ({count})"},
    "admins_from_config": {"id": "konfigurasi", "en": "config"},
    "admins_from_env": {"id": "lingkungan BRIEFBOT_ADMINS", "en": "environment BRIEFBOT_ADMINS"},
    "admins_footer": {"id": "Tambah admin di [bot] admins pada konfigurasi atau di BRIEFBOT_ADMINS.",
                      "en": "Add admins in the config's [bot] admins or in BRIEFBOT_ADMINS."},
    # help lines
    "help_addsource": {"id": "Tambah feed RSS/Atom atau halaman artikel", "en": "Add an RSS/Atom feed or an article page"},
    "help_addtext": {"id": "Tambah artikel dari teks yang ditempel", "en": "Add an article from pasted text"},
    "help_sources": {"id": "Daftar sumber", "en": "List the sources"},
    "help_removesource": {"id": "Hapus sumber (dan artikelnya, kecuali --keep-articles)",
                          "en": "Remove a source (and its articles unless --keep-articles)"},
    "help_refresh": {"id": "Ambil ulang sumber sekarang", "en": "Fetch sources now"},
    "help_audit": {"id": "Catatan perintah admin terbaru", "en": "Recent admin commands"},
    "help_admins": {"id": "Daftar admin bot", "en": "List the bot admins"},
})


_WHY = ("loopback", "private", "link-local", "multicast", "reserved", "unspecified", "non-public", "metadata")
_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


# ---- rendering helpers ---------------------------------------------------------------
def error_text(code: str, values: dict[str, Any], lang: str) -> str:
    """The user-facing sentence for an error code; a value missing from `values` shows as "?"."""
    key = f"src_err_{code}"
    values = {k: ("" if v is None else v) for k, v in values.items()}
    if code == "blocked_address" and values.get("why") in _WHY:
        values["why"] = t(f"src_why_{values['why']}", lang)
    for _ in range(10):
        try:
            text = t(key, lang, **values)
            break
        except KeyError as missing:
            values[str(missing.args[0])] = "?"
    else:  # pragma: no cover - a template with more than ten unknown fields
        text = code
    if code == "no_article_text" and values.get("feeds"):
        text += t("src_err_feed_hint", lang, feeds=values["feeds"])
    return text


def _error(exc: SourceError, lang: str) -> str:
    return error_text(exc.code, exc.values, lang)


def _when(iso: str | None) -> str:
    """"2026-11-22 01:20 UTC" from a stored ISO timestamp."""
    return f"{iso[:16].replace('T', ' ')} UTC" if iso else "?"


def _kind(kind: str, lang: str) -> str:
    return t(f"src_kind_{kind}", lang) if kind in ("feed", "page", "text") else kind


def _run_notes(run: SourceRun, lang: str) -> list[Item]:
    notes = []
    if run.near_duplicates:
        notes.append(Item(text=t("src_near_dups", lang, count=run.near_duplicates)))
    if run.entry_errors:
        notes.append(Item(text=t("src_entry_errors", lang, count=len(run.entry_errors)),
                          extra={"entries": run.entry_errors[:10]}))
    if run.stubs:
        notes.append(Item(text=t("src_stubs", lang, count=run.stubs)))
    if run.empty:
        notes.append(Item(text=t("src_empty_entries", lang, count=run.empty)))
    return notes


# ---- handlers --------------------------------------------------------------------------
def addsource(ctx: "Context", req: Request, lang: str) -> Reply:
    parts = req.args.split(None, 1)
    if not parts:
        return Reply(title=t("src_addsource_usage", lang), ephemeral=True)
    url = parts[0].strip("<>")  # Slack wraps links as <https://...>
    if not _HAS_SCHEME.match(url):
        url = "https://" + url  # "kompas.com/rss" means the web address
    name = parts[1].strip() if len(parts) > 1 else None
    try:
        run = sources.add_source(ctx, url, name, added_by=req.principal)
    except SourceError as exc:
        return Reply(title=t("src_add_failed", lang, url=url[:200], reason=_error(exc, lang)), ephemeral=True)
    title = t("src_added", lang, id=run.source_id, name=run.name, kind=_kind(run.kind, lang),
              added=run.added, duplicates=run.duplicates)
    return Reply(title=title, items=_run_notes(run, lang))


def _split_title(text: str) -> tuple[str | None, str]:
    """"Title | text" -> ("Title", "text") when the part before | is short and on the first line."""
    head, sep, rest = text.partition("|")
    if sep and head.strip() and len(head) <= TITLE_MAX and "\n" not in head and rest.strip():
        return head.strip(), rest.strip()
    return None, text.strip()


def addtext(ctx: "Context", req: Request, lang: str) -> Reply:
    if not req.args.strip():
        if req.chat_kind == "private":
            ctx.followups.expect(req, "addtext")
            return Reply(title=t("src_addtext_send", lang), ephemeral=True)
        return Reply(title=t("src_addtext_usage", lang), ephemeral=True)
    title, text = _split_title(req.args)
    run, outcome = sources.add_text(ctx, text, title, added_by=req.principal)
    if outcome.added:
        row = next(ctx.store.query("select title from articles where id = ?", (outcome.article_id,)))
        return Reply(title=t("src_text_added", lang, id=run.source_id, title=row["title"][:120]),
                     items=_run_notes(run, lang))
    if outcome.reason.startswith("duplicate"):
        return Reply(title=t("src_text_duplicate", lang, article=outcome.article_id), ephemeral=True)
    return Reply(title=t("src_text_empty", lang), ephemeral=True)


def list_sources(ctx: "Context", req: Request, lang: str) -> Reply:
    """Every source with id, name, kind, URL, articles, last success, last error and next fetch."""
    listing = sources.list_sources(ctx.store)
    items = []
    for row in listing.sources:
        text = t("src_line", lang, id=row["id"], name=row["name"], kind=_kind(row["kind"], lang),
                 count=row["article_count"])
        if row["url"]:
            text += t("src_line_url", lang, url=row["url"])
        if row["kind"] in ("feed", "page"):
            text += t("src_line_ok", lang, at=_when(row["last_ok_at"])) if row["last_ok_at"] \
                else t("src_line_never", lang)
            for code, values in sources.iter_errors(row["last_error"]):
                text += t("src_line_error", lang, error=error_text(code, values, lang))
            if row["next_fetch_at"]:
                text += t("src_line_next", lang, at=_when(row["next_fetch_at"]))
        items.append(Item(text=text, extra={
            "id": row["id"], "name": row["name"], "kind": row["kind"], "url": row["url"],
            "articles": row["article_count"], "last_ok_at": row["last_ok_at"],
            "last_error": row["last_error"], "next_fetch_at": row["next_fetch_at"],
            "failures": row["failures"]}))
    if listing.seeds:
        items.append(Item(text=t("src_line_seeds", lang, name=t("bundled_seeds", lang), count=listing.seeds),
                          extra={"id": "seeds", "kind": "seeds", "articles": listing.seeds}))
    if listing.unowned:
        items.append(Item(text=t("src_line_seeds", lang, name=t("src_unowned", lang), count=listing.unowned),
                          extra={"id": None, "kind": "unowned", "articles": listing.unowned}))
    if not items:
        return Reply(title=t("src_none", lang))
    return Reply(title=t("sources_title", lang, count=len(items)), items=items)


def removesource(ctx: "Context", req: Request, lang: str) -> Reply:
    words = req.args.split()
    keep = "--keep-articles" in words
    refs = [w for w in words if w != "--keep-articles"]
    if len(refs) != 1:
        return Reply(title=t("src_remove_usage", lang), ephemeral=True)
    ref = refs[0].strip("<>")
    if ref.lower() == "seeds":
        if keep:
            return Reply(title=t("src_seeds_keep", lang), ephemeral=True)
        return Reply(title=t("src_seeds_removed", lang, count=sources.remove_seeds(ctx)))
    try:
        removal = sources.remove_source(ctx, ref, keep_articles=keep)
    except SourceError as exc:
        return Reply(title=_error(exc, lang), ephemeral=True)
    key = "src_removed_kept" if removal.kept else "src_removed"
    return Reply(title=t(key, lang, id=removal.source["id"], name=removal.source["name"], count=removal.articles))


def _run_line(ctx: "Context", run: SourceRun, lang: str) -> Item:
    if run.error is not None:
        nxt = next(ctx.store.query("select next_fetch_at from sources where id = ?", (run.source_id,)),
                   {"next_fetch_at": None})["next_fetch_at"]
        text = t("src_refresh_failed", lang, id=run.source_id, name=run.name, reason=_error(run.error, lang),
                 next=_when(nxt))
    elif run.not_modified:
        text = t("src_refresh_unchanged", lang, id=run.source_id, name=run.name)
    else:
        text = t("src_refresh_ok", lang, id=run.source_id, name=run.name, added=run.added,
                 duplicates=run.duplicates)
    return Item(text=text, extra={"id": run.source_id, "added": run.added, "duplicates": run.duplicates,
                                  "error": run.error.code if run.error else None})


def refresh(ctx: "Context", req: Request, lang: str) -> Reply:
    ref = req.args.strip()
    if ref:
        if not re.fullmatch(r"#?\d+", ref):
            return Reply(title=t("src_refresh_usage", lang), ephemeral=True)
        try:
            source = sources.resolve_source(ctx.store, ref)
        except SourceError as exc:
            return Reply(title=_error(exc, lang), ephemeral=True)
        if source["kind"] not in ("feed", "page"):
            return Reply(title=t("src_refresh_text", lang, id=source["id"]), ephemeral=True)
        runs = [sources.refresh_source(ctx, source["id"])]
    else:
        runs = sources.refresh_all(ctx)
    if not runs:
        return Reply(title=t("src_refresh_none", lang))
    items = [_run_line(ctx, run, lang) for run in runs]
    for run in runs:
        items.extend(_run_notes(run, lang))
    failed = sum(1 for r in runs if r.error is not None)
    return Reply(title=t("src_refresh_title", lang, count=len(runs), added=sum(r.added for r in runs),
                         failed=failed), items=items)


def audit(ctx: "Context", req: Request, lang: str) -> Reply:
    arg = req.args.strip()
    if arg and not arg.isdigit():
        return Reply(title=t("audit_usage", lang), ephemeral=True)
    limit = max(1, min(int(arg or AUDIT_DEFAULT), AUDIT_MAX))
    rows = list(ctx.store.query("select * from audit order by id desc limit ?", (limit,)))
    if not rows:
        return Reply(title=t("audit_empty", lang))
    items = []
    for row in rows:
        args = f" {row['args'][:80]}" if row["args"] else ""
        items.append(Item(text=f"{_when(row['at'])} {row['principal']} ({row['platform']}:{row['chat']}) "
                               f"/{row['command']}{args} \u2192 {row['result'][:160]}",
                          extra={k: row[k] for k in ("id", "at", "principal", "platform", "chat", "command",
                                                     "args", "result")}))
    return Reply(title=t("audit_title", lang, count=len(rows)), items=items)


def admins(ctx: "Context", req: Request, lang: str) -> Reply:
    configured = set(ctx.settings.get("bot.admins"))
    items = [Item(text=f"{who} ({t('admins_from_config' if who in configured else 'admins_from_env', lang)})",
                  extra={"principal": who, "from": "config" if who in configured else "env"})
             for who in sorted(ctx.settings.admins())]
    return Reply(title=t("admins_title", lang, count=len(items)), items=items, footer=t("admins_footer", lang))


def _help(key: str) -> dict[str, str]:
    return {lang: t(key, lang) for lang in ("id", "en")}


def register(ctx: "Context") -> None:
    add = ctx.registry.add
    add(Command("sources", list_sources, _help("help_sources")))
    add(Command("addsource", addsource, _help("help_addsource"), admin=True, usage="URL [name]", network=True))
    add(Command("addtext", addtext, _help("help_addtext"), admin=True, usage="[title |] text", long_text=True))
    add(Command("removesource", removesource, _help("help_removesource"), admin=True,
                usage="ID|URL [--keep-articles]"))
    add(Command("refresh", refresh, _help("help_refresh"), admin=True, usage="[ID]", network=True))
    add(Command("audit", audit, _help("help_audit"), admin=True, usage="[N]"))
    add(Command("admins", admins, _help("help_admins"), admin=True))
