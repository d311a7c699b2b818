"""Source commands: /addsource, /addtext, /sources, /removesource, /refresh, /audit, /admins.

Everything but /sources is admin-only; BotApp.handle refuses and audits
non-admins and audits every admin command's result (the reply title), so
the titles here are written to read well in the audit log too.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot import sources
from bot.detection import SourceError
from bot.i18n import t
from bot.models import Item, Reply, Request
from bot.registry import Command
from bot.sources import SourceRun

if TYPE_CHECKING:
    from bot.context import Context

AUDIT_DEFAULT = 20
AUDIT_MAX = 100
TITLE_MAX = 200  # "/addtext Title | text": a longer first part is text, not a title


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
        host = url.split("/")[0].split(":")[0]
        if "." not in host and host != "localhost":  # "/addsource text Gempa ...": no site is called that
            return Reply(title=t("src_not_an_address", lang, word=parts[0][:60]), ephemeral=True)
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
    configured = set(ctx.settings.bot.admins)
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
