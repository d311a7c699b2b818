"""Invisible characters that can spoof what a reader sees: bidi overrides, zero-width and tag characters.

A right-to-left override (U+202E) makes "gpj.exe" display as "exe.jpg"; a
zero-width space hides inside a word so "Kursk" and "Kur\u200bsk" look alike
but differ; tag characters (U+E0000-U+E007F) carry whole hidden sentences.
None of them belongs in a news article shown in chat. They are Unicode's
format characters (category Cf), which `unicodedata` names for us; only the
joiners that real scripts need are kept (see `_keeps_joiner`).

Written by hand: the rule is a few lines over `unicodedata`, and no
maintained package among the dependencies does exactly this.
"""
from __future__ import annotations

import unicodedata

ZWNJ, ZWJ = "\u200c", "\u200d"
# Format characters that are visible or harmless and used by real text: Arabic number signs
# and the like prefix digits; Syriac abbreviation mark; Kaithi number sign.
_KEEP = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u08e2\U000110bd\U000110cd")


def _joinable(ch: str) -> bool:
    """A character a joiner may sit next to: a non-ASCII letter, mark or symbol (scripts, emoji)."""
    return bool(ch) and not ch.isascii() and unicodedata.category(ch)[0] in "LMS"


def _keeps_joiner(text: str, index: int) -> bool:
    """ZWJ/ZWNJ shape Persian, Indic and emoji sequences: kept between two such characters only."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return _joinable(before) and _joinable(after)


def neutralise(text: str) -> str:
    """`text` without bidi controls, zero-width and tag characters (joiners kept where scripts need them)."""
    if text.isascii():
        return text
    # Each distinct character checked once: most articles hold no format character at all (curly
    # quotes and accents only), and then the text comes back as it is, without a loop over every character.
    if not any(unicodedata.category(ch) == "Cf" and ch not in _KEEP for ch in set(text)):
        return text
    kept = []
    for index, ch in enumerate(text):
        if unicodedata.category(ch) != "Cf" or ch in _KEEP:
            kept.append(ch)
        elif ch in (ZWJ, ZWNJ) and _keeps_joiner(text, index):
            kept.append(ch)
    return "".join(kept)


def neutralise_optional(text: str | None) -> str | None:
    return None if text is None else neutralise(text)
