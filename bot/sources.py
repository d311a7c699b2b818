"""Sources: feeds, pages and pasted text that admins add; detection, extraction and refresh.

What a URL is gets decided from what comes back, not from its name: an RSS
or Atom document (parsed with feedparser after a defusedxml check), an
article page (main text by trafilatura), or a clear refusal that says what
was found. Refresh only ever adds articles; a failed fetch or parse records
the error on the source, pushes its next fetch back exponentially (capped)
and never deletes or alters stored articles.
"""
from __future__ import annotations

import asyncio
import html as html_lib
import io
import json
import logging
import re
import threading
import time
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Iterator
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as safe_etree
import httpx
import lxml.html
import sqlite_utils
from defusedxml import DefusedXmlException

from bot.fetch import FetchError, FetchPolicy, FetchResult, decode_body, fetch, make_client
from bot.ingest import ArticleIn, IngestOutcome, canonical_url, forget_articles, ingest_many, ingest_text
from bot.outlets import clean_feed_title, clean_title, feed_section, outlet_name
from bot.progress import track
from bot.store import Store, migration, utcnow
from summarizer.chrome import clean_body
from summarizer.invisible import neutralise

if TYPE_CHECKING:
    from bot.context import Context

log = logging.getLogger(__name__)

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/x-rss+xml", "application/feed+xml")
HTML_TYPES = ("text/html", "application/xhtml+xml")
SEEDS_ORIGIN = "seeds/%"  # articles.origin of the bundled seed files
REFRESH_JOB_ID = "briefbot-sources-refresh"
MIN_POOL_ARTICLES = 20  # fewer new articles than this are analysed in the bot's process: workers take ~0.5 s to start
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_HTML_ROOT = re.compile(rb"<(!doctype\s+html|html)[\s>]", re.I)
_DTD_DECL = re.compile(rb"<!(ENTITY|DOCTYPE[^>\[]*\[)", re.I)
_XML_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?encoding\s*=\s*["'])[\w.:-]+(["'])""", re.I)


class SourceError(Exception):
    """A source could not be added or refreshed; `code` picks the user-facing message.

    Fetch failures keep the FetchError code; the others are: not_a_source,
    no_article_text, hostile_xml, malformed_xml, exists, not_found.
    """

    def __init__(self, code: str, **values: Any) -> None:
        self.code = code
        self.values = values
        super().__init__(f"{code} {values}")

    @classmethod
    def from_fetch(cls, exc: FetchError) -> "SourceError":
        return cls(exc.code, url=exc.url, **exc.values)

    def to_json(self) -> str:
        """How the error is kept in sources.last_error, to be shown in the reader's language."""
        return json.dumps({"code": self.code, "values": self.values}, ensure_ascii=False, default=str)


@migration("sources_001_fetch_state")
def _sources_fetch_state(db: sqlite_utils.Database) -> None:
    """Conditional GET state and who added a source; url looked up on every /addsource."""
    db["sources"].add_column("etag", str)
    db["sources"].add_column("last_modified", str)
    db["sources"].add_column("created_by", str)
    db["sources"].add_column("canonical_url", str)
    db["sources"].create_index(["canonical_url"])
    db["sources"].create_index(["next_fetch_at"])


# ---- what came back -------------------------------------------------------------------
@dataclass
class Extracted:
    """Main text of one article page."""

    title: str | None
    text: str
    date: str | None = None
    site_name: str | None = None  # the outlet the page names (cleaned), else its registered domain


@dataclass
class FeedEntry:
    link: str | None
    title: str | None
    published: str | None
    fallback_text: str  # the entry's content or summary, as plain text


@dataclass
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]
    link: str | None = None  # the site the feed belongs to (channel <link>)


def classify(result: FetchResult) -> str:
    """"feed", "html" or "other", from the body first and the declared type second."""
    head = result.body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if _FEED_ROOT.search(head) and not _HTML_ROOT.search(head):
        return "feed"
    if result.content_type in HTML_TYPES or _HTML_ROOT.search(head):
        return "html"
    if result.content_type in FEED_TYPES or head.startswith(b"<?xml"):
        return "feed"  # an XML body whose root we did not see yet; the parser decides
    return "other"


def check_xml_safe(body: bytes) -> str | None:
    """Refuse entity declarations before feedparser sees the bytes; return a parse error, if any.

    defusedxml stops at the first <!ENTITY declaration, before anything is
    expanded, so a billion-laughs document costs nothing. A document that is
    not well-formed is scanned for declarations too, because the strict
    parser may have stopped before reaching them.
    """
    try:
        safe_etree.fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise SourceError("hostile_xml", detail=type(exc).__name__) from None
    except ParseError as exc:
        if _DTD_DECL.search(body):
            raise SourceError("hostile_xml", detail="DTD") from None
        return str(exc)
    except (ValueError, LookupError) as exc:
        # expat reads UTF-8, UTF-16, ASCII and Latin-1 only: "multi-byte encodings are not supported"
        # for shift_jis, euc-kr, gb18030..., LookupError for a label Python does not know. Check the
        # same document transcoded to UTF-8 instead (feedparser decodes such feeds on its own).
        transcoded = _as_utf8_xml(body)
        if transcoded is None:
            raise SourceError("malformed_xml", detail=f"unreadable encoding ({exc})") from None
        return check_xml_safe(transcoded)
    return None


def _as_utf8_xml(body: bytes) -> bytes | None:
    """The document decoded as it declares (or as detected) and re-encoded as UTF-8 with its
    declaration saying so; None when that changes nothing (no way forward)."""
    text = decode_body(body, None, "application/xml")
    text = _XML_ENCODING.sub(r"\1utf-8\2", text, count=1)
    transcoded = text.encode("utf-8")
    return None if transcoded == body else transcoded


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's summary or content)."""
    if not fragment or "<" not in fragment:
        return html_lib.unescape(fragment or "").replace("\u00a0", " ").strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for block in root.xpath("//p|//br|//div|//li|//h1|//h2|//h3"):
        block.tail = "\n" + (block.tail or "")
    return re.sub(r"[ \t\u00a0]+", " ", root.text_content()).strip()


def parse_feed(result: FetchResult) -> ParsedFeed:
    """Entries of an RSS/Atom document, refusing hostile XML and unusable malformed XML."""
    strict_error = check_xml_safe(result.body)
    headers = {"content-type": result.headers.get("content-type", "application/xml"),
               "content-location": result.url}
    import feedparser  # on first use: ~0.1 s of import that most commands never need

    # A stream, never a string: feedparser fetches strings that look like URLs.
    parsed = feedparser.parse(io.BytesIO(result.body), response_headers=headers,
                              resolve_relative_uris=True, sanitize_html=True)
    version = parsed.get("version", "")
    entries = [_entry(e, result.url) for e in parsed.entries]
    usable = [e for e in entries if e.link or e.fallback_text]
    if strict_error and not usable:
        raise SourceError("malformed_xml", detail=strict_error)
    if not version and not usable:
        raise SourceError("malformed_xml", detail=str(parsed.get("bozo_exception") or "no feed root"))
    if strict_error:
        log.info("%s is not well-formed XML (%s); using what feedparser recovered", result.url, strict_error)
    return ParsedFeed(title=html_lib.unescape((parsed.feed.get("title") or "").strip()) or None, entries=entries,
                      link=(parsed.feed.get("link") or "").strip() or None)


def _entry(entry: Any, base: str) -> FeedEntry:
    link = entry.get("link")
    if link:
        link = urljoin(base, link.strip())
    content = ""
    if entry.get("content"):
        content = max((c.get("value", "") for c in entry.content), key=len, default="")
    text = html_to_text(content) or html_to_text(entry.get("summary", ""))
    published = None
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp:
        published = datetime(*stamp[:6], tzinfo=timezone.utc).isoformat(timespec="seconds")
    return FeedEntry(link=link, title=html_lib.unescape((entry.get("title") or "").strip()) or None,
                     published=published, fallback_text=text)


def extract_article(html: str, url: str | None) -> Extracted | None:
    """The page's main text without navigation, related links, footer or other page chrome.

    trafilatura finds the article's container (favor_precision keeps sidebars
    out); `summarizer.chrome.clean_body` then drops the lines inside it that are
    not prose (timestamps, labels, captions, contact lines, the headline again).
    A lead paragraph the precise mode dropped is recovered from a less strict
    reading of the page (`_recover_lead`).
    """
    import trafilatura  # on first use: ~0.3 s of import that most commands never need

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, include_images=False, favor_precision=True,
                                      deduplicate=False)
    if doc is None or not (doc.text or "").strip():
        return None
    # The page's own canonical URL names the outlet better than where we fetched it (a mirror, a proxy).
    site = outlet_name(site_name=doc.sitename, url=doc.url or url)
    title = clean_title(html_lib.unescape((doc.title or "").strip()), site, url) or None
    text = clean_body(doc.text, title)
    text = _recover_lead(html, url, text, title)
    if not text.strip():
        return None
    return Extracted(title=title, text=text, date=doc.date, site_name=site)


def _recover_lead(html: str, url: str | None, text: str, title: str | None) -> str:
    """Put back prose paragraphs that precede the extracted text in a less strict reading of the page.

    favor_precision sometimes drops a lead that is a bare text node rather than
    a <p> (Viva: directly in <span itemprop="articleBody">; KapanLagi, Kompas:
    before the first <p> of the article's container). Only
    paragraphs that come before the first extracted one and pass the chrome
    filter are taken, so nothing the precise mode rightly dropped returns.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return text
    first = _fold_words(lines[0])[:60]
    for other in _other_readings(html, url, first):
        paragraphs = [p.strip() for p in clean_body(other, title).splitlines() if p.strip()]
        index = next((i for i, p in enumerate(paragraphs) if _fold_words(p)[:60] == first), None)
        lead: list[str] = []
        for paragraph in reversed(paragraphs[:index or 0]):  # the run right before the first paragraph
            if len(paragraph.split()) < 12 or not _PROSE_END.search(paragraph):
                break
            lead.insert(0, paragraph)
        if lead:
            return "\n".join(lead + lines)
    return text


_PROSE_END = re.compile(r"[.!?…][\"'”’)]*$")


def _fold_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _other_readings(html: str, url: str | None, first: str) -> Iterator[str]:
    """Less strict readings of the page, most specific first.

    The schema.org articleBody when the page marks one; else the container of
    the first extracted paragraph (a lead written as bare text before the
    first <p>, as KapanLagi and Kompas do, sits there); else trafilatura's
    default mode.
    """
    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return
    bodies = root.xpath('//*[@itemprop="articleBody"]')[:1]
    if bodies:
        yield html_to_text(lxml.html.tostring(bodies[0], encoding="unicode"))
        return  # the page says where its article is: a second extraction would only guess
    for paragraph in root.iter("p"):
        if _fold_words(paragraph.text_content())[:60] == first:
            parent = paragraph.getparent()
            if parent is not None:
                yield html_to_text(lxml.html.tostring(parent, encoding="unicode"))
            break
    import trafilatura  # on first use, as in extract_article

    default = trafilatura.extract(html, url=url, include_comments=False, include_tables=False,
                                  include_images=False, deduplicate=False)
    if default:
        yield default


def page_title(html: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", html[:20000], re.I | re.S)
    return re.sub(r"\s+", " ", match.group(1)).strip()[:120] if match else None


def feed_links(html: str, base: str) -> list[str]:
    """Feeds a page advertises with <link rel="alternate" type="application/rss+xml" ...>."""
    found = []
    for tag in re.findall(r"<link\b[^>]*>", html[:100000], re.I):
        if re.search(r"rel\s*=\s*[\"']?alternate", tag, re.I) and re.search(r"(rss|atom)\+xml", tag, re.I):
            href = re.search(r"href\s*=\s*[\"']([^\"']+)", tag, re.I)
            if href:
                found.append(urljoin(base, href.group(1)))
    return found


# ---- adding, refreshing, removing ------------------------------------------------------
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
    return FetchPolicy.from_settings(ctx.settings)


def operation_deadline(ctx: "Context") -> float:
    """The monotonic time by which an add or refresh of one source must be over."""
    return time.monotonic() + float(ctx.settings.get("sources.operation_deadline_seconds"))


def _within(policy: FetchPolicy, deadline: float) -> FetchPolicy | None:
    """The policy for one fetch that must also end by `deadline`; None when no time is left."""
    left = deadline - time.monotonic()
    if left <= 0:
        return None
    return replace(policy, deadline=min(policy.deadline, left)) if left < policy.deadline else policy


def _min_chars(ctx: "Context") -> int:
    return int(ctx.settings.get("sources.min_article_chars"))


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
    for entry in feed.entries[: int(ctx.settings.get("sources.max_entries"))]:
        if entry.link and _known_url(ctx.store, entry.link):
            run.duplicates += 1  # known already: do not fetch its page again
        else:
            fresh.append(entry)
    found: list[ArticleIn] = []
    workers = max(1, int(ctx.settings.get("sources.page_workers")))
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

    def in_time() -> Iterator[ArticleIn]:
        """The fetched articles while the deadline allows (checked as each is taken for analysis)."""
        for index, article in enumerate(found):
            if time.monotonic() >= deadline:
                run.deferred += len(found) - index
                return
            yield article

    # Fetched first (network-bound), then analysed together: in worker processes when there are enough
    # to pay for starting them, written by this thread in a few transactions.
    analysis_workers = int(ctx.settings.get("sources.analysis_workers"))
    for article, outcome in ingest_many(ctx.store, in_time(),
                                        analysis_workers if len(found) >= MIN_POOL_ARTICLES else 1):
        _count(run, outcome)
        if article.stub and outcome.added:
            run.stubs += 1
    if run.deferred:
        log.info("source %s: deadline reached, %d entries left for the next refresh", run.name, run.deferred)


def _client(ctx: "Context") -> httpx.Client:
    """One client for a source's operation: as many connections as entry pages fetched at once."""
    return make_client(policy_of(ctx), max_connections=max(1, int(ctx.settings.get("sources.page_workers"))))


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


def _display_name(given: str | None, found: str | None, url: str) -> str:
    name = neutralise(given or found or urlsplit(url).hostname or url).strip()
    return re.sub(r"\s+", " ", name)[:80]


def feed_outlet(feed: ParsedFeed, url: str) -> str:
    """Who publishes a feed: its channel title cleaned, else the registered domain of its site."""
    site = feed.link or next((e.link for e in feed.entries if e.link), None) or url
    return outlet_name(feed_title=feed.title, url=site) or _display_name(None, None, url)


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
            outlet = article.site_name or _display_name(None, None, url)
            found_name = outlet
        else:
            outlet = feed_outlet(feed, url) if feed else _display_name(None, None, url)
            found_name = feed_source_name(feed, outlet, url) if feed else outlet
        display = _display_name(name, found_name, url)
        outlet = _display_name(name, outlet, url)  # an admin's name is how the chat cites this source
        now = utcnow()
        with ctx.store.write() as db:
            existing = find_source_by_url(ctx.store, url)  # another admin may have added it meanwhile
            if existing:
                raise SourceError("exists", id=existing["id"], name=existing["name"])
            source_id = int(db["sources"].insert({
                "name": display, "outlet": outlet, "kind": kind, "url": url, "canonical_url": canonical_url(url),
                "created_at": now, "last_ok_at": now, "failures": 0, "articles": 0,
                "next_fetch_at": _next_fetch(ctx, 0), "created_by": added_by,
                "etag": result.headers.get("etag"), "last_modified": result.headers.get("last-modified"),
            }).last_pk)
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
    name = _display_name(title, row["title"], "text")
    with ctx.store.write() as db:
        source_id = int(db["sources"].insert({
            "name": name, "kind": "text", "url": None, "created_at": utcnow(), "last_ok_at": utcnow(),
            "failures": 0, "articles": 1, "created_by": added_by}).last_pk)
        db.execute("update articles set source_id = ?, outlet = ? where id = ?",
                   (source_id, name, outcome.article_id))
    run = SourceRun(source_id, name, "text", added=1,
                    near_duplicates=1 if outcome.near_duplicate_of is not None else 0)
    return run, outcome


def _next_fetch(ctx: "Context", failures: int, now: datetime | None = None) -> str:
    """Next fetch time: the refresh interval, doubled per consecutive failure, capped."""
    now = now or datetime.now(timezone.utc)
    return (now + backoff_delay(ctx, failures)).isoformat(timespec="seconds")


def backoff_delay(ctx: "Context", failures: int) -> timedelta:
    base = float(ctx.settings.get("sources.refresh_minutes"))
    cap = float(ctx.settings.get("sources.max_backoff_hours")) * 60
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
    with ctx.store.write() as db:
        if run.error is None:
            db.execute("update sources set last_ok_at = ?, last_error = null, failures = 0, next_fetch_at = ?, "
                       "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) where id = ?",
                       (now.isoformat(timespec="seconds"), _next_fetch(ctx, 0, now),
                        run.etag, run.last_modified, source["id"]))
        elif run.error.code != "busy":
            failures = int(source.get("failures") or 0) + 1
            db.execute("update sources set last_error = ?, failures = ?, next_fetch_at = ? where id = ?",
                       (run.error.to_json(), failures, _next_fetch(ctx, failures, now), source["id"]))


def due_sources(ctx: "Context", now: str | None = None) -> list[int]:
    now = now or utcnow()
    rows = ctx.store.query("select id from sources where kind in ('feed', 'page') and "
                           "(next_fetch_at is null or next_fetch_at <= ?) order by next_fetch_at, id", (now,))
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
    workers = max(1, min(int(ctx.settings.get("sources.workers")), len(ids) or 1))
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
    minutes = float(ctx.settings.get("sources.refresh_minutes"))

    async def refresh_job() -> None:
        runs = await asyncio.get_running_loop().run_in_executor(pool, refresh_due, ctx)
        failed = [r for r in runs if r.error is not None]
        if runs:
            log.info("refreshed %d source(s), %d failed, %d article(s) added", len(runs), len(failed),
                     sum(r.added for r in runs))

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
    with ctx.store.write() as db:
        ids = [r["id"] for r in db.query("select id from articles where source_id = ?", (source["id"],))]
        if keep_articles:
            db.execute("update articles set source_id = null where source_id = ?", (source["id"],))
            count = len(ids)
        else:
            count = forget_articles(db, ids)
        db.execute("delete from sources where id = ?", (source["id"],))
    return Removal(source, count, keep_articles)


def remove_seeds(ctx: "Context") -> int:
    """Remove the bundled seed articles (the pseudo-source); ensure_seeded will not bring them back."""
    with ctx.store.write() as db:
        ids = [r["id"] for r in db.query("select id from articles where source_id is null and origin like ?",
                                         (SEEDS_ORIGIN,))]
        return forget_articles(db, ids)


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

