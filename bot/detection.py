"""What a fetched URL is and what it holds: an RSS/Atom feed (feedparser, after a defusedxml check)
and its entries, or an article page and its main text (trafilatura), or the feeds a page advertises.

The answer comes from what came back, not from the URL's name. Pure: a FetchResult or HTML in,
values out; nothing here touches the store or the network.
"""
from __future__ import annotations

import html as html_lib
import io
import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterator
from urllib.parse import urljoin
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as safe_etree
from defusedxml import DefusedXmlException
from lazy_object_proxy import Proxy

from bot.fetch import FetchError, FetchResult, decode_body
from bot.outlets import clean_title, outlet_name
from summarizer.chrome import clean_body


def _lxml_html():
    import lxml.html  # on first use (lxml.etree with it): most commands never parse a page

    return lxml


lxml = Proxy(_lxml_html)

log = logging.getLogger(__name__)

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/x-rss+xml", "application/feed+xml")
HTML_TYPES = ("text/html", "application/xhtml+xml")

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
