"""Outlets: who published a source or an article, and titles without the outlet's name glued on.

An outlet is named, in order of trust: what an admin typed, the feed's
channel title (cleaned of "RSS", "Feed", "Sindikasi", "Berita Terkini" ...),
the site name the page declares (trafilatura reads og:site_name and the
like), else the registered domain of the URL (`tld`, from the Public Suffix
List: "news.detik.com" -> "detik.com").

Titles lose the outlet's name where a site appends or prepends it
("... - Kompas.com", "... | Republika Online", "KapanLagi.com: ..."): a
segment cut off by a separator is dropped when it names the outlet (its
domain label or its site name), never otherwise, so "Rusia - Ukraina" stays.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable
from urllib.parse import urlsplit

from tld import get_tld

# Words a feed's channel title adds around the outlet's name; they name the feed, not who wrote it.
_FEED_WORDS = re.compile(
    r"\b(?:rss(?:\s*2\.0)?|atom|feeds?|sindikasi|syndication|berita\s+terkini|berita\s+terbaru|"
    r"terkini|terbaru|latest\s+news|top\s+stories|news\s+feed|kanal|channel)\b", re.I)
# A site's name before or after the headline, cut off by a separator.
_TITLE_PREFIX = re.compile(r"^\s*([^-–—|·•»:]{2,40}?)\s*(?:[:|·•»]|\s[-–—])\s+")
_TITLE_SUFFIX = re.compile(r"(?:\s+[-–—|·•»:]+\s*|\s*[|·•»]\s*)([^-–—|·•»:]{2,60})$")
_SPACE = re.compile(r"\s+")
_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)+")
# A first path segment that says where on the site an article sits, not what the section is.
_NOT_A_SECTION = frozenset({"read", "berita", "news", "artikel", "article", "post", "amp", "id", "en", "m",
                            "www", "index", "detail", "view", "story", "content"})


def _fold(text: str) -> str:
    """Letters and digits only, lower case: "KapanLagi.com" -> "kapanlagicom"."""
    return re.sub(r"[\W_]+", "", text.lower())


def registered_domain(url: str | None) -> str | None:
    """"detik.com" for "https://news.detik.com/x"; the host itself for an address or an unknown suffix."""
    if not url:
        return None
    try:
        found = get_tld(url, as_object=True, fail_silently=True, fix_protocol=True)
    except Exception:  # tld raises its own errors on odd input; a host name is still better than nothing
        found = None
    if found is not None:
        return str(found.fld).lower()
    host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host or None


def domain_label(url: str | None) -> str | None:
    """The name part of the registered domain: "kompas" for "https://nasional.kompas.com/..."."""
    domain = registered_domain(url)
    if not domain:
        return None
    try:
        found = get_tld(url, as_object=True, fail_silently=True, fix_protocol=True)
    except Exception:
        found = None
    return str(found.domain).lower() if found is not None else domain.split(".")[0]


def clean_feed_title(title: str | None) -> str | None:
    """"RSS Feed Tempo.co" -> "Tempo.co"; "ANTARA News - Berita Terkini" -> "ANTARA News"."""
    if not title:
        return None
    text = _FEED_WORDS.sub(" ", _SPACE.sub(" ", title))
    text = re.sub(r"(?:\s*[-–—|:·]\s*)+$", "", re.sub(r"^(?:\s*[-–—|:·]\s*)+", "", text))
    text = re.sub(r"\s*[-–—|:·]\s*(?=[-–—|:·])", "", text)  # separators left doubled by a dropped word
    text = _SPACE.sub(" ", text).strip(" -–—|:·")
    return text or None


def outlet_name(*, given: str | None = None, feed_title: str | None = None, site_name: str | None = None,
                url: str | None = None) -> str | None:
    """The outlet, from the most trusted clue present."""
    for clue in (given, clean_feed_title(feed_title), _clean_site_name(site_name)):
        if clue and clue.strip():
            return _SPACE.sub(" ", clue).strip()[:80]
    return registered_domain(url)


def _clean_site_name(name: str | None) -> str | None:
    if not name:
        return None
    name = _SPACE.sub(" ", name.replace("_", " ")).strip()
    if "/" in name or name.lower().startswith("http"):
        return None  # a profile URL given as the site name ("https://www.facebook.com/Bola.Kompascom")
    if _HOST.fullmatch(name):
        # "lifestyle.okezone.com": the section's host; the outlet is the registered domain, as the site spells it.
        domain = registered_domain(name) or name
        return name[len(name) - len(domain):] if name.lower().endswith(domain) else domain
    # A site name that is a whole headline or slogan is not a name ("Berita Terkini Hari Ini ...").
    return name if 0 < len(name.split()) <= 5 else None


def feed_section(links: Iterable[str | None], feed_url: str | None = None) -> str | None:
    """The section a feed covers: the first path segment most of its entries share ("ekonomi").

    Several feeds of one outlet often carry the same channel title ("RSS Feed
    Tempo.co"); the section keeps their source names apart.
    """
    firsts = []
    for link in links:
        if link:
            parts = [p for p in urlsplit(link).path.split("/") if p]
            firsts.append(parts[0].lower() if len(parts) > 1 else "")
    if firsts:
        segment, count = Counter(firsts).most_common(1)[0]
        if segment and count >= max(2, 0.6 * len(firsts)) and segment.isalpha() and segment not in _NOT_A_SECTION:
            return segment.capitalize()
    if feed_url:
        last = [p for p in urlsplit(feed_url).path.split("/") if p]
        if last:
            stem = re.sub(r"\.(xml|rss|atom)$", "", last[-1].lower())
            words = [w for w in re.split(r"[-_.]", stem) if w.isalpha() and not _FEED_WORDS.fullmatch(w)
                     and w not in _NOT_A_SECTION]
            if words:
                return words[-1].capitalize()
    return None


def _names_outlet(segment: str, names: list[str]) -> bool:
    """A short segment that holds the outlet's folded name ("Kompas.com", "Tempo Gaya", "detikNews")."""
    folded = _fold(segment)
    if not folded or len(segment.split()) > 5:
        return False
    return any(name in folded or (folded in name and len(folded) >= 4) for name in names)


def clean_title(title: str | None, outlet: str | None = None, url: str | None = None) -> str | None:
    """The headline without the outlet's name before or after it."""
    if not title:
        return title
    text = _SPACE.sub(" ", title).strip()
    names = [n for n in {_fold(outlet or ""), _fold(domain_label(url) or ""), _fold(registered_domain(url) or "")}
             if len(n) >= 3]
    for _ in range(3):  # "Detik: X - detikNews" needs two cuts
        before = text
        head = _TITLE_PREFIX.match(text)
        if head and _names_outlet(head.group(1), names) and len(text) - head.end() >= 10:
            text = text[head.end():].strip()
        tail = _TITLE_SUFFIX.search(text)
        if tail and _names_outlet(tail.group(1), names) and tail.start() >= 10:
            text = text[:tail.start()].strip()
        if text == before:
            break
    return text
