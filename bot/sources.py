"""Sources: feeds, pages and pasted text that admins add; adding, refresh and removal.

What a URL is gets decided by bot.detection from what comes back; refresh only ever adds articles;
a failed fetch or parse records the error on the source, pushes its next fetch back exponentially
(capped) and never deletes or alters stored articles.
"""
from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
import time
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Iterator
from urllib.parse import urlsplit

from bot.detection import (Extracted, FeedEntry, ParsedFeed, SourceError, classify, extract_article, feed_links,
                           page_title, parse_feed)
from bot.fetch import FetchError, FetchPolicy, FetchResult, fetch, httpx, make_client
from bot.i18n import english
from bot.ingest import ArticleIn, IngestOutcome, canonical_url, forget_articles, ingest_many, ingest_text
from bot.outlets import clean_title, feed_section, outlet_name
from bot.progress import track
from bot.store import Store, utcnow
from summarizer.chrome import clean_body
from summarizer.invisible import neutralise

if TYPE_CHECKING:
    from bot.context import Context


log = logging.getLogger(__name__)

SEEDS_ORIGIN = "seeds/%"  # articles.origin of the bundled seed files
REFRESH_JOB_ID = "briefbot-sources-refresh"
MIN_POOL_ARTICLES = 20  # fewer new articles than this are analysed in the bot's process: workers take ~0.5 s to start


@dataclass
class SourceRun:
    """What one add or refresh did."""

    source_id: int
    name: str
    kind: str
    added: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    empty: int = 0  # entries with neither a readable page nor a summary
    stubs: int = 0  # entries stored from the feed's summary alone (their page gave no article)
    entry_errors: list[str] = field(default_factory=list)  # entry pages that failed (summary used)
    error: SourceError | None = None
    not_modified: bool = False
    etag: str | None = None  # validators for the next conditional GET
    last_modified: str | None = None
    deferred: int = 0  # entries left for the next refresh because the operation's deadline came


def policy_of(ctx: "Context") -> FetchPolicy:
    return FetchPolicy.from_settings(ctx.settings.sources)


def operation_deadline(ctx: "Context") -> float:
    """The monotonic time by which an add or refresh of one source must be over."""
    return time.monotonic() + ctx.settings.sources.operation_deadline_seconds


def _within(policy: FetchPolicy, deadline: float) -> FetchPolicy | None:
    """The policy for one fetch that must also end by `deadline`; None when no time is left."""
    left = deadline - time.monotonic()
    if left <= 0:
        return None
    return replace(policy, deadline=min(policy.deadline, left)) if left < policy.deadline else policy


def _min_chars(ctx: "Context") -> int:
    return ctx.settings.sources.min_article_chars


def _count(run: SourceRun, outcome: IngestOutcome) -> None:
    if outcome.added:
        run.added += 1
        if outcome.near_duplicate_of is not None:
            run.near_duplicates += 1
    elif outcome.reason.startswith("duplicate"):
        run.duplicates += 1
    else:
        run.empty += 1


def _known_url(store: Store, url: str | None) -> bool:
    canon = canonical_url(url)
    return bool(canon) and bool(list(store.query("select 1 from articles where canonical_url = ? limit 1", (canon,))))


def page_article(ctx: "Context", result: FetchResult) -> Extracted:
    """The article on a fetched HTML page, or a refusal that says what the page holds instead."""
    html = result.text()
    article = extract_article(html, result.url)
    if article is None or len(article.text) < _min_chars(ctx):
        raise SourceError("no_article_text", chars=len(article.text) if article else 0,
                          title=page_title(html) or "", feeds=", ".join(feed_links(html, result.url)[:3]))
    return article


def _ingest_page(ctx: "Context", article: Extracted, result: FetchResult, run: SourceRun, outlet: str) -> None:
    _count(run, ingest_text(ctx.store, article.text, title=article.title, url=result.url,
                            outlet=outlet, published=article.date, source_id=run.source_id))


# A feed summary cut short ("... katanya..." / "…"): the fragment is not a sentence.
_CUT_SHORT = re.compile(r"(?:\.{3}|…)\s*$")


def stub_text(summary: str) -> str:
    """A feed entry's summary as stored for a stub: without a trailing fragment cut with "..." or "…"."""
    kept = []
    for line in summary.splitlines():
        line = line.strip()
        if _CUT_SHORT.search(line):
            # Keep the whole sentences before the cut; drop the cut one.
            whole = re.match(r"^(.*[.!?][\"'”’)]*)\s+\S", line[: _CUT_SHORT.search(line).start()])
            line = whole.group(1) if whole else ""
        if line:
            kept.append(line)
    return "\n".join(kept)


def _entry_page(ctx: "Context", entry: FeedEntry, policy: FetchPolicy, client: httpx.Client,
                deadline: float, run: SourceRun) -> tuple[str, str | None]:
    """The main text and title of an entry's linked page; ("", None) when it cannot be had in time."""
    bounded = _within(policy, deadline)
    if not entry.link or bounded is None:
        return "", None
    try:
        page = fetch(entry.link, bounded, client=client)
    except FetchError as exc:
        run.entry_errors.append(f"{entry.link}: {exc.code}")
        log.info("feed entry %s: %s; using its summary", entry.link, exc)
        return "", None
    if classify(page) == "html":
        article = extract_article(page.text(), page.url)
        if article and len(article.text) >= _min_chars(ctx):
            return article.text, article.title
    return "", None


def _ingest_feed(ctx: "Context", feed: ParsedFeed, run: SourceRun, outlet: str, client: httpx.Client,
                 deadline: float) -> None:
    """Ingest feed entries: the linked page's main text, else the entry's own summary, marked as a stub.

    Entry pages are fetched `sources.page_workers` at a time, each within what is left of the
    operation's deadline; entries still waiting when it comes are left for the next refresh
    (they are not stored, so they are not known yet and will be fetched again).
    """
    policy = policy_of(ctx)
    fresh = []
    for entry in feed.entries[: ctx.settings.sources.max_entries]:
        if entry.link and _known_url(ctx.store, entry.link):
            run.duplicates += 1  # known already: do not fetch its page again
        else:
            fresh.append(entry)
    found: list[ArticleIn] = []
    workers = max(1, ctx.settings.sources.page_workers)
    with ThreadPoolExecutor(workers, thread_name_prefix="pages") as pool:
        pages = [pool.submit(_entry_page, ctx, entry, policy, client, deadline, run) for entry in fresh]
        for entry, pending in zip(fresh, pages):
            text, found_title = pending.result()  # each fetch ends by the deadline (see _within)
            if time.monotonic() >= deadline:
                run.deferred += 1
                continue
            title = entry.title or found_title
            stub = not text
            if stub:
                text = stub_text(clean_body(entry.fallback_text, entry.title))
            if not text:
                run.empty += 1
                continue
            found.append(ArticleIn(text, title=clean_title(title, outlet, entry.link), url=entry.link, outlet=outlet,
                                   published=entry.published, source_id=run.source_id, stub=stub))

    # Fetched first (network-bound), then analysed together: in worker processes when there are enough
    # to pay for starting them, written by this thread in a few transactions. The deadline holds during
    # analysis too (ingest_many stops its workers); what it did not take is left for the next refresh.
    analysis_workers = ctx.settings.sources.analysis_workers
    taken = 0
    for article, outcome in ingest_many(ctx.store, found, analysis_workers if len(found) >= MIN_POOL_ARTICLES else 1,
                                        deadline=deadline):
        taken += 1
        _count(run, outcome)
        if article.stub and outcome.added:
            run.stubs += 1
    run.deferred += len(found) - taken
    if run.deferred:
        log.info("source %s: deadline reached, %d entries left for the next refresh", run.name, run.deferred)


def _client(ctx: "Context") -> httpx.Client:
    """One client for a source's operation: as many connections as entry pages fetched at once."""
    return make_client(policy_of(ctx), max_connections=max(1, ctx.settings.sources.page_workers))


def _fetch_and_detect(ctx: "Context", url: str, client: httpx.Client, deadline: float,
                      headers: dict[str, str] | None = None) -> tuple[str, FetchResult, ParsedFeed | None]:
    """Fetch and decide what the URL is: ("feed", result, feed), ("page", result, None) or a refusal."""
    try:
        result = fetch(url, _within(policy_of(ctx), deadline) or policy_of(ctx), headers=headers, client=client)
    except FetchError as exc:
        raise SourceError.from_fetch(exc) from None
    if result.status == 304:
        return "not_modified", result, None
    kind = classify(result)
    if kind == "feed":
        return "feed", result, parse_feed(result)
    if kind == "html":
        return "page", result, None
    raise SourceError("not_a_source", content_type=result.content_type or "?", size=len(result.body))


def display_name(given: str | None, found: str | None, url: str) -> str:
    name = neutralise(given or found or urlsplit(url).hostname or url).strip()
    return re.sub(r"\s+", " ", name)[:80]


def feed_outlet(feed: ParsedFeed, url: str) -> str:
    """Who publishes a feed: its channel title cleaned, else the registered domain of its site."""
    site = feed.link or next((e.link for e in feed.entries if e.link), None) or url
    return outlet_name(feed_title=feed.title, url=site) or display_name(None, None, url)


def feed_source_name(feed: ParsedFeed, outlet: str, url: str) -> str:
    """The outlet plus the section the feed covers ("Tempo.co Ekonomi"), so an outlet's feeds differ."""
    section = feed_section((e.link for e in feed.entries), url)
    if section and section.lower() not in outlet.lower():
        return f"{outlet} {section}"
    return outlet


def find_source_by_url(store: Store, url: str) -> dict | None:
    rows = list(store.query("select * from sources where canonical_url = ? limit 1", (canonical_url(url),)))
    return rows[0] if rows else None


def add_source(ctx: "Context", url: str, name: str | None = None, added_by: str = "") -> SourceRun:
    """Fetch `url`, work out what it is, store it as a source and ingest its articles now.

    Raises SourceError before anything is stored when the URL cannot be used.
    """
    url = url.strip()
    existing = find_source_by_url(ctx.store, url)
    if existing:
        raise SourceError("exists", id=existing["id"], name=existing["name"])
    deadline = operation_deadline(ctx)
    with _client(ctx) as client:
        kind, result, feed = _fetch_and_detect(ctx, url, client, deadline)
        article = None
        if kind == "page":
            # Extract before creating the source row, so a refusal stores nothing.
            article = page_article(ctx, result)
            outlet = article.site_name or display_name(None, None, url)
            found_name = outlet
        else:
            outlet = feed_outlet(feed, url) if feed else display_name(None, None, url)
            found_name = feed_source_name(feed, outlet, url) if feed else outlet
        display = display_name(name, found_name, url)
        outlet = display_name(name, outlet, url)  # an admin's name is how the chat cites this source
        now = utcnow()
        with ctx.store.write() as tx:
            existing = find_source_by_url(ctx.store, url)  # another admin may have added it meanwhile
            if existing:
                raise SourceError("exists", id=existing["id"], name=existing["name"])
            source_id = tx.insert("sources", {
                "name": display, "outlet": outlet, "kind": kind, "url": url, "canonical_url": canonical_url(url),
                "created_at": now, "last_ok_at": now, "failures": 0, "articles": 0,
                "next_fetch_at": _next_fetch(ctx, 0), "created_by": added_by,
                "etag": result.headers.get("etag"), "last_modified": result.headers.get("last-modified"),
            })
        run = SourceRun(source_id, display, kind)
        if feed is not None:
            _ingest_feed(ctx, feed, run, outlet, client, deadline)
        elif article is not None:
            _ingest_page(ctx, article, result, run, outlet)
    return run


def add_text(ctx: "Context", text: str, title: str | None = None, added_by: str = "") -> tuple[SourceRun, IngestOutcome]:
    """Ingest pasted text as one article of its own "text" source (so it can be listed and removed)."""
    outcome = ingest_text(ctx.store, text, title=title)
    if not outcome.added:
        return SourceRun(0, title or "", "text"), outcome
    row = next(ctx.store.query("select title from articles where id = ?", (outcome.article_id,)))
    name = display_name(title, row["title"], "text")
    with ctx.store.write() as tx:
        source_id = tx.insert("sources", {
            "name": name, "kind": "text", "url": None, "created_at": utcnow(), "last_ok_at": utcnow(),
            "failures": 0, "articles": 1, "created_by": added_by})
        tx.execute("update articles set source_id = ?, outlet = ? where id = ?",
                   (source_id, name, outcome.article_id))
    run = SourceRun(source_id, name, "text", added=1,
                    near_duplicates=1 if outcome.near_duplicate_of is not None else 0)
    return run, outcome


def _next_fetch(ctx: "Context", failures: int, now: datetime | None = None) -> str:
    """Next fetch time: the refresh interval, doubled per consecutive failure, capped."""
    now = now or datetime.now(timezone.utc)
    return (now + backoff_delay(ctx, failures)).isoformat(timespec="seconds")


def backoff_delay(ctx: "Context", failures: int) -> timedelta:
    base = float(ctx.settings.sources.refresh_minutes)
    cap = float(ctx.settings.sources.max_backoff_hours) * 60
    return timedelta(minutes=min(base * (2 ** min(failures, 20)), max(cap, base)))


_refreshing: set[int] = set()
_refreshing_lock = threading.Lock()


def refresh_source(ctx: "Context", source_id: int) -> SourceRun:
    """Fetch one source now; on failure record the error and back off. Never raises for a fetch."""
    rows = list(ctx.store.query("select * from sources where id = ?", (source_id,)))
    if not rows:
        raise SourceError("not_found", ref=str(source_id))
    source = rows[0]
    run = SourceRun(source_id, source["name"], source["kind"])
    if source["kind"] not in ("feed", "page"):
        return run  # pasted text has nothing to fetch
    with _refreshing_lock:
        if source_id in _refreshing:
            run.error = SourceError("busy")
            return run
        _refreshing.add(source_id)
    try:
        _refresh(ctx, source, run)
    except SourceError as exc:
        run.error = exc
    except Exception as exc:  # a parser crash on one hostile feed must not stop the others
        log.exception("refresh of source %s failed", source_id)
        run.error = SourceError("internal", detail=type(exc).__name__)
    finally:
        with _refreshing_lock:
            _refreshing.discard(source_id)
    _record(ctx, source, run)
    return run


def _refresh(ctx: "Context", source: dict, run: SourceRun) -> None:
    headers = {}
    if source.get("etag"):
        headers["If-None-Match"] = source["etag"]
    if source.get("last_modified"):
        headers["If-Modified-Since"] = source["last_modified"]
    deadline = operation_deadline(ctx)
    with _client(ctx) as client:
        kind, result, feed = _fetch_and_detect(ctx, source["url"], client, deadline, headers)
        if kind == "not_modified":
            run.not_modified = True
            return
        run.etag = result.headers.get("etag")
        run.last_modified = result.headers.get("last-modified")
        outlet = source.get("outlet") or source["name"]  # sources added before outlets were kept
        if feed is not None:
            _ingest_feed(ctx, feed, run, outlet, client, deadline)
        else:
            _ingest_page(ctx, page_article(ctx, result), result, run, outlet)


def _record(ctx: "Context", source: dict, run: SourceRun) -> None:
    """Write the outcome on the source row only: success resets the backoff, failure grows it."""
    now = datetime.now(timezone.utc)
    with ctx.store.write() as tx:
        if run.error is None:
            tx.execute("update sources set last_ok_at = ?, last_error = null, failures = 0, next_fetch_at = ?, "
                       "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) where id = ?",
                       (now.isoformat(timespec="seconds"), _next_fetch(ctx, 0, now),
                        run.etag, run.last_modified, source["id"]))
        elif run.error.code != "busy":
            failures = int(source.get("failures") or 0) + 1
            tx.execute("update sources set last_error = ?, failures = ?, next_fetch_at = ? where id = ?",
                       (run.error.to_json(), failures, _next_fetch(ctx, failures, now), source["id"]))


def due_sources(ctx: "Context", now: str | None = None) -> list[int]:
    now = now or utcnow()
    # Never fetched first: SQLite sorts NULL first by default, PostgreSQL last, so it is said.
    rows = ctx.store.query("select id from sources where kind in ('feed', 'page') and (next_fetch_at is null "
                           "or next_fetch_at <= ?) order by next_fetch_at nulls first, id", (now,))
    return [r["id"] for r in rows]


def _refresh_logged(ctx: "Context", source_id: int) -> SourceRun | None:
    try:
        return refresh_source(ctx, source_id)
    except Exception:  # e.g. the source was removed meanwhile, or the database is busy
        log.exception("refresh of source %s failed", source_id)
        return None


def refresh_due(ctx: "Context") -> list[SourceRun]:
    """Refresh every source whose next fetch time has come, `sources.workers` at a time (each within
    its operation deadline); one bad source never stops the others."""
    ids = due_sources(ctx)
    workers = max(1, min(ctx.settings.sources.workers, len(ids) or 1))
    with ThreadPoolExecutor(workers, thread_name_prefix="refresh") as pool:
        done = pool.map(lambda source_id: _refresh_logged(ctx, source_id), ids)
        runs = list(track(done, "refresh of due sources", "source", total=len(ids), leave=False)) if ids else []
    return [run for run in runs if run is not None]


def refresh_all(ctx: "Context") -> list[SourceRun]:
    """/refresh without an id: every fetchable source now, whatever its schedule."""
    ids = [r["id"] for r in ctx.store.query("select id from sources where kind in ('feed', 'page') order by id")]
    runs = []
    for source_id in track(ids, "refresh of every source", "source", leave=False):
        try:
            runs.append(refresh_source(ctx, source_id))
        except SourceError:
            continue
    return runs


def schedule_refresh(ctx: "Context", scheduler: Any, pool: Executor) -> Any:
    """Add the periodic refresh to an APScheduler 3 AsyncIOScheduler; returns the job.

    The job is a coroutine, so APScheduler runs it on the event loop, and it
    hands the blocking work (HTTP, parsing, SQLite) to the source workers, never
    the chat workers, so the chat adapters keep answering during a refresh. Sources that are not due
    yet (backing off after failures) are skipped by `refresh_due`.
    """
    minutes = float(ctx.settings.sources.refresh_minutes)

    async def refresh_job() -> None:
        runs = await asyncio.get_running_loop().run_in_executor(pool, refresh_due, ctx)
        failed = [r for r in runs if r.error is not None]
        if runs:
            log.info("%s", english("refreshed {count} {count:source|sources}, {failed} failed, "
                                   "{added} {added:article|articles} added", count=len(runs), failed=len(failed),
                                   added=sum(r.added for r in runs)))

    return scheduler.add_job(
        refresh_job, "interval", minutes=minutes, id=REFRESH_JOB_ID, name="refresh sources",
        replace_existing=True, max_instances=1, coalesce=True, misfire_grace_time=int(minutes * 60),
        next_run_time=datetime.now(timezone.utc) + timedelta(seconds=30),
    )


@dataclass
class Removal:
    source: dict
    articles: int  # removed, or kept when keep_articles
    kept: bool


def resolve_source(store: Store, ref: str) -> dict:
    """A source by id ("3", "#3") or by URL."""
    ref = ref.strip()
    if re.fullmatch(r"#?\d+", ref):
        rows = list(store.query("select * from sources where id = ?", (int(ref.lstrip("#")),)))
    else:
        found = find_source_by_url(store, ref)
        rows = [found] if found else []
    if not rows:
        raise SourceError("not_found", ref=ref[:200])
    return rows[0]


def remove_source(ctx: "Context", ref: str, keep_articles: bool = False) -> Removal:
    """Remove a source; its articles go with it unless `keep_articles` (then they stay, unowned)."""
    source = resolve_source(ctx.store, ref)
    with ctx.store.write() as tx:
        ids = [r["id"] for r in tx.query("select id from articles where source_id = ?", (source["id"],))]
        if keep_articles:
            tx.execute("update articles set source_id = null where source_id = ?", (source["id"],))
            count = len(ids)
        else:
            count = forget_articles(tx, ids)
        tx.execute("delete from sources where id = ?", (source["id"],))
    return Removal(source, count, keep_articles)


def remove_seeds(ctx: "Context") -> int:
    """Remove the bundled seed articles (the pseudo-source); ensure_seeded will not bring them back."""
    with ctx.store.write() as tx:
        ids = [r["id"] for r in tx.query("select id from articles where source_id is null and origin like ?",
                                         (SEEDS_ORIGIN,))]
        return forget_articles(tx, ids)


@dataclass
class SourceListing:
    sources: list[dict]
    seeds: int  # bundled seed articles (source_id null, origin "seeds/<file>")
    unowned: int  # other articles without a source (kept after removal, or ingested from files)


def list_sources(store: Store) -> SourceListing:
    rows = list(store.query(
        "select s.*, (select count(*) from articles a where a.source_id = s.id) as article_count "
        "from sources s order by s.id"))
    seeds = next(store.query("select count(*) as n from articles where source_id is null and origin like ?",
                             (SEEDS_ORIGIN,)))["n"]
    unowned = next(store.query("select count(*) as n from articles where source_id is null and "
                               "(origin is null or origin not like ?)", (SEEDS_ORIGIN,)))["n"]
    return SourceListing(rows, seeds, unowned)


def iter_errors(value: str | None) -> Iterator[tuple[str, dict]]:
    """Decode sources.last_error (JSON written by SourceError.to_json) into (code, values)."""
    if not value:
        return
    try:
        data = json.loads(value)
        yield str(data["code"]), dict(data.get("values") or {})
    except (ValueError, KeyError, TypeError):
        yield "raw", {"detail": value}
