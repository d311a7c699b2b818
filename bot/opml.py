"""OPML subscription lists in and out: a newsroom brings its feeds from another reader, and takes
them along again.

Reading: defusedxml first, strictly (entity tricks refused, a broken file named with its line),
because listparser reads through lxml's forgiving HTML parser and would quietly make sense of
half a file; then listparser for what the outlines mean (text or title, nested folders, xmlUrl).
Imported feeds are stored at once with their names and become due immediately, so the regular
refresh (or /refresh) fetches them; an import never waits on dozens of feeds in a chat.

Writing: the standard library's ElementTree. No maintained library writes OPML (listparser only
reads), and the format is one <outline> per feed.
"""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from urllib.parse import urlsplit

import defusedxml.ElementTree as safe_etree

from bot.detection import SourceError, check_xml_safe
from bot.ingest import canonical_url
from bot.models import ATTACHMENT_MAX_BYTES
from bot.sources import display_name
from bot.store import Store, utcnow

MAX_BYTES = ATTACHMENT_MAX_BYTES  # a list of a thousand feeds is ~150 kB
MAX_FEEDS = 500


@dataclass(frozen=True)
class OpmlFeed:
    """One feed of a list: its address and the name the reader gave it."""

    url: str
    name: str | None


@dataclass
class OpmlImport:
    """What an import did: new sources (id, name, url), ones already present, outlines skipped."""

    added: list[tuple[int, str, str]] = field(default_factory=list)
    existing: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # outlines with an address we cannot fetch


def parse(data: bytes, size: int = 0) -> tuple[list[OpmlFeed], list[str]]:
    """The feeds of an OPML document, in order and without repeats, and the URLs skipped.

    Raises SourceError: opml_too_big, hostile_xml, opml_malformed (with the parser's line),
    opml_not_opml (another XML document), opml_empty (no outline with an xmlUrl).
    """
    size = max(size, len(data))  # an attachment over the cap arrives empty, with its declared size
    if size > MAX_BYTES:
        raise SourceError("opml_too_big", size=size // 1000, limit=MAX_BYTES // 1000)
    problem = check_xml_safe(data)  # raises hostile_xml on entity declarations
    if problem:
        raise SourceError("opml_malformed", detail=problem)
    root = safe_etree.fromstring(data)
    if root.tag.lower() != "opml":
        raise SourceError("opml_not_opml", root=root.tag[:40])
    feeds: list[OpmlFeed] = []
    skipped: list[str] = []
    seen: set[str] = set()
    import listparser  # on first import: it loads requests (~0.2 s) that /help and most commands never need

    for entry in listparser.parse(data).feeds:
        url = (entry.get("url") or "").strip()
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            skipped.append(url[:200])
            continue
        key = canonical_url(url)
        if key in seen:
            continue
        seen.add(key)
        feeds.append(OpmlFeed(url, (entry.get("title") or "").strip() or None))
    if not feeds and not skipped:
        raise SourceError("opml_empty")
    if len(feeds) > MAX_FEEDS:
        raise SourceError("opml_too_many", count=len(feeds), limit=MAX_FEEDS)
    return feeds, skipped


def import_feeds(store: Store, feeds: list[OpmlFeed], added_by: str) -> OpmlImport:
    """Store each feed not yet a source, named as in the list, due for its first fetch now."""
    result = OpmlImport()
    now = utcnow()
    with store.write() as tx:
        for feed in feeds:
            rows = list(tx.query("select id, name from sources where canonical_url = ? limit 1",
                                 (canonical_url(feed.url),)))
            if rows:
                result.existing.append((rows[0]["id"], rows[0]["name"]))
                continue
            name = display_name(feed.name, None, feed.url)
            source_id = tx.insert("sources", {
                "name": name, "kind": "feed", "url": feed.url, "canonical_url": canonical_url(feed.url),
                "created_at": now, "failures": 0, "articles": 0, "next_fetch_at": now, "created_by": added_by,
            })
            result.added.append((source_id, name, feed.url))
    return result


def import_opml(store: Store, data: bytes, added_by: str, size: int = 0) -> OpmlImport:
    """Parse and import in one step; SourceError for a file that is not a usable OPML list."""
    feeds, skipped = parse(data, size)
    result = import_feeds(store, feeds, added_by)
    result.skipped = skipped
    return result


def export(store: Store, title: str = "briefbot sources") -> tuple[bytes, int]:
    """Every feed source as OPML 2.0 (names kept), and how many other sources (pages, pasted text)
    were left out because OPML lists feeds."""
    rows = list(store.query("select name, kind, url from sources order by id"))
    feeds = [row for row in rows if row["kind"] == "feed" and row["url"]]
    opml = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(opml, "head")
    ElementTree.SubElement(head, "title").text = title
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(timezone.utc))
    body = ElementTree.SubElement(opml, "body")
    for row in feeds:
        ElementTree.SubElement(body, "outline", type="rss", text=row["name"], title=row["name"], xmlUrl=row["url"])
    ElementTree.indent(opml)
    document = ElementTree.tostring(opml, encoding="utf-8", xml_declaration=True)
    return document + b"\n", len(rows) - len(feeds)
