"""Page chrome left in an extracted article body: lines that are not the article's prose.

Main-text extractors (trafilatura) keep what sits inside the article's
container, and news sites put a lot there besides the story: sidebar
timestamps ("- Kamis, 05/11/2015 09:25 WIB"), list numbers, section labels
("FotoBisnis", "MustRead"), breadcrumbs ("Home >"), bylines, photo captions
("... Foto: Grammy"), embedded posts, contact and advertising lines
("Redaksi: redaksi[at]...", "Informasi pemasangan iklan"), "Load More...",
and the headline again. `clean_body` drops such lines, one paragraph per
line, and keeps every line of prose in order. Pure: strings in, string out.

The words it needs (day and month names, navigation words) are data, in
summarizer/data/page_chrome.json, not code.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["clean_body", "is_chrome_line", "is_date_line"]

_DATA = Path(__file__).parent / "data" / "page_chrome.json"
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_WORD = re.compile(r"\w+", re.U)
_EMAIL = re.compile(r"\S+\s*(?:@|\[at\]|\(at\))\s*\S+\.\w{2,}", re.I)
_URL = re.compile(r"https?://\S+|\bwww\.\S+|\bpic\.twitter\.com/\S+", re.I)
_HANDLE = re.compile(r"(?<!\w)@\w{2,}")
_HASHTAG = re.compile(r"(?<!\w)#\w{2,}")
# "— The GRAMMYs (@TheGRAMMYs) February 16, 2016": the signature line of an embedded post.
_EMBED_SIGNATURE = re.compile(r"^[—–-]\s*.{1,60}\(@\w+\)")
# "... Foto: Grammy", "(Foto: http://...)", "Foto: Reuters/X": a caption's credit at the end.
_CAPTION_CREDIT = re.compile(r"(?:\bfoto|\bphoto|\bilustrasi|\bsumber\s+foto)\s*:\s*[^.!?]{1,60}\)?\s*$", re.I)
_BREADCRUMB = re.compile(r"\s(?:>|»|/)\s*|\s(?:>|»)$|^(?:>|»)\s")
_LIST_MARK = re.compile(r"^\s*(?:[-–•·*]|\d{1,3}[.)]?)\s*$")
_LEAD_MARK = re.compile(r"^\s*[-–•·*]\s+")


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, frozenset[str]]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    return {key: frozenset(w.lower() for w in words) for key, words in data.items()}


def _fold(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def is_date_line(line: str) -> bool:
    """A line made only of day and month names, numbers, times and zones ("Jumat, 19 Juni 2015 12:58 WIB")."""
    words = _WORD.findall(line.lower())
    if not words:
        return False
    vocab = _vocabulary()
    dateish = vocab["days"] | vocab["months"] | vocab["time_words"]
    has_date = any(w.isdigit() for w in words) or any(w in vocab["months"] or w in vocab["days"] for w in words)
    return has_date and all(w.isdigit() or w in dateish for w in words)


def is_chrome_line(line: str, title: str | None = None) -> bool:
    """True when a body line is page furniture rather than a paragraph of the story."""
    text = line.strip()
    if not text:
        return True
    if _LIST_MARK.match(text) or is_date_line(text):
        return True
    words = _WORD.findall(text)
    folded = _fold(text)
    if title and folded and folded == _fold(title):
        return True  # the headline repeated in the body
    vocab = _vocabulary()
    if folded in vocab["navigation"] or folded.rstrip(" .") in vocab["navigation"]:
        return True
    first = folded.split(" ", 1)[0] if folded else ""
    if any(folded.startswith(p) for p in vocab["line_starts"]) and len(words) <= 40:
        return True  # "Redaksi: ...", "Informasi pemasangan iklan", "Disclaimer: Komentar adalah ..."
    if _EMAIL.search(text) and len(words) <= 14:
        return True  # contact lines
    if _URL.search(text) and len(_URL.sub("", text).split()) <= 6:
        return True  # "Video: https://...", "(Foto: http://...)"
    if _EMBED_SIGNATURE.match(text) or "pic.twitter.com" in text.lower():
        return True
    if _HANDLE.search(text) and _HASHTAG.search(text) and len(words) <= 30:
        return True  # the text of an embedded post
    if _CAPTION_CREDIT.search(text) and len(words) <= 40:
        return True  # a photo caption with its credit
    if not _SENTENCE_END.search(text) and len(words) < 6:
        # Labels, bylines, subheadings, view counters, breadcrumbs ("Home >", "FotoBisnis", "DINI TEJA").
        return True
    if text.endswith(":") and len(words) <= 8:
        return True  # a label introducing a link or a video ("International Short Film Video:")
    if _BREADCRUMB.search(text) and not _SENTENCE_END.search(text) and len(words) <= 10:
        return True
    return first in vocab["navigation"] and len(words) <= 3


def clean_body(text: str, title: str | None = None) -> str:
    """The body with chrome lines dropped and HTML entities decoded; paragraphs stay one per line."""
    kept = []
    for raw in html.unescape(text or "").replace("\u00a0", " ").splitlines():
        line = _LEAD_MARK.sub("", raw).strip() if _LEAD_MARK.match(raw) else raw.strip()
        line = re.sub(r"[ \t]+", " ", line)
        if not is_chrome_line(line, title):
            kept.append(line)
    return "\n".join(kept)
