"""Indonesian/English figure parsing and cardinal-number spotting in sentences.

Hand-written: the usual libraries do not fit. ``dateparser`` finds dates but
not counts; ``number-parser``/``word2number`` know English only and none of
them knows Indonesian thousands separators ("10.000"), decimal commas
("2,5 juta"), "ribu"/"juta" multipliers or Indonesian number words.
Pure string functions, no I/O.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

from lazy_object_proxy import Proxy

from summarizer.claim_vocab import claim_vocab

__all__ = ["NumberSpan", "parse_number", "find_numbers", "QUALIFIERS", "qualifier_bound"]

# --- vocabulary --------------------------------------------------------------

# The words are data: data/numbers.toml (what each list is for is said there), read once.
_NUMBERS = tomllib.loads(files("summarizer").joinpath("data/numbers.toml").read_text(encoding="utf-8"))
_UNITS: dict[str, int] = _NUMBERS["units"]
# Words that multiply what precedes them inside a group below one thousand; the teens word ("belas") first.
_TEENS = _NUMBERS["words"]["teens"]
_SMALL_MULT = {_TEENS: None, **_NUMBERS["small_multipliers"]}
_SE_MULT: dict[str, int] = _NUMBERS["se_multipliers"]
_BIG_MULT = {**_NUMBERS["multipliers"], "k": 1_000}  # "k" glued to the digits ("10k"), as the patterns below spell it
_HALF = set(_NUMBERS["words"]["half"])
# Plural/vague amounts: no single figure.
_VAGUE = set(_NUMBERS["words"]["vague"])

QUALIFIERS = tuple(_NUMBERS["words"]["qualifiers"])

_MONTHS = "|".join(_NUMBERS["words"]["months"])
_MULT_WORDS = "|".join(_NUMBERS["multipliers"])
# The words an alternative below may start with, besides the months (the guard in front of them):
# an alternative that starts with a new word needs it here.
_NON_COUNT_LEADS = ("pukul", "jam", "pkl", "ke", "rp", "us$", "usd", "idr", "eur", "berusia", "berumur", "usia", "umur",
                    "usianya", "umurnya", "aged", "age", "tahun", "sejak", "hingga", "in", "since")


def _by_first_letter(alternatives: str) -> str:
    """The same alternation grouped by first letter ("s(?:eratus|atu)|t(?:iga)|..."), order kept.

    Only alternatives sharing the first letter can match at one place, and they are
    tried in the same order, so the matches are the same; the engine tests one letter
    per group instead of every word, at every word start of every sentence.
    """
    groups: dict[str, list[str]] = {}
    for word in alternatives.split("|"):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


# Spans that contain digits but are not counts; masked before numbers are found.
_NON_COUNT_ALTERNATIVES = rf"""
      \b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b               # 23/10/2024, 23-10-2024
    | \b\d{{4}}[/-]\d{{1,2}}[/-]\d{{1,2}}\b                   # 2024-10-23
    | \b\d{{1,2}}\s+(?:{_MONTHS})\b\.?(?:\s+\d{{4}})?         # 23 Oktober (2024)
    | \b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?\b(?!\s*(?:{_MULT_WORDS}))  # October 23, 2024 / Februari 2022
    | \b(?:{_MONTHS})\s+\d{{4}}\b                             # Februari 2022
    | \b(?:pukul|jam|pkl\.?)\s+\d{{1,2}}(?:[.:]\d{{2}})?\b    # pukul 10.30
    | \b\d{{1,2}}[.:]\d{{2}}\s*(?:wib|wita|wit|am|pm|utc|gmt)\b
    | \b\d{{1,2}}(?::\d{{2}})+\b                              # 10:30
    | \bke-?\s?\d+\b                                          # ke-2 (ordinal)
    | \b\d+(?:st|nd|rd|th)\b                                  # 2nd
    | (?:\brp\.?|\bus\$|\busd|\$|€|£|¥|\bidr|\beur)\s*\d[\d.,]*(?:\s*(?:{_MULT_WORDS}|k)\b)?
    | \b\d[\d.,]*(?:\s*(?:{_MULT_WORDS}|k)\b)?\s*(?:dolar|dollar|dollars|rupiah|euro|usd|won|rubel|ruble|rubles|yuan|yen|pound|poundsterling|ringgit)\b
    | \b\d[\d.,]*\s*(?:%|persen|percent|per\s+cent)
    | \b(?:berusia|berumur|usia|umur|usianya|umurnya|aged|age)\s+\d+(?:\s*(?:tahun|thn|th|years?))?
    | \b\d+\s*-?\s*(?:tahun|years?)\s*-?\s*old\b
    | \b\d+-an\b                                              # 1990-an (decade)
    | \b(?:tahun|sejak|hingga\s+tahun|in|since)\s+\d{{4}}\b(?!\s*(?:{_MULT_WORDS}))
"""
# The lookaheads in front only say where a match may start (for speed; the matches are
# the same): every alternative starts at a currency sign, or at a word boundary before a
# digit or one of its words (a month or one of _NON_COUNT_LEADS). Without it the engine tries
# every alternative at every character, which was the main cost of claim extraction; with the
# words' first letters only, a third of a sentence's word starts went on to the second lookahead.
# The second lookahead: every alternative reaches its first digit after at most one word and
# white space ("hingga tahun 2020", "pukul 10"), then one run of other non-space characters
# ("rp.", "us$", "ke-", "okt.") and white space; possessive, so it fails without backtracking.
# Most word starts of a sentence with a figure fail it at once and skip the 17 alternatives.
_NON_COUNT_WORDS = sorted({*_NUMBERS["words"]["months"], *_NON_COUNT_LEADS}, key=len, reverse=True)
_NON_COUNT_SOURCE = (r"(?:(?=[$€£¥])|\b(?=\d|" + _by_first_letter("|".join(_NON_COUNT_WORDS)) + "))"
                     r"(?=(?:[^\W\d_]++\s++)?[^\s\d]*+\s*+\d)(?:" + _NON_COUNT_ALTERNATIVES + ")")
# find_numbers reads a sentence with this pattern lower-cased, case-sensitively (every word in the
# pattern is lower case): IGNORECASE compares each letter through a case table, at every try. The
# IGNORECASE pattern reads only a sentence with İ ı ſ K (see _IGNORECASE_ODD); compiled on first
# use, as every process compiled it before (2 ms).
_NON_COUNT_LOWER = re.compile(_NON_COUNT_SOURCE, re.VERBOSE)
_NON_COUNT: re.Pattern = Proxy(lambda: re.compile(_NON_COUNT_SOURCE, re.IGNORECASE | re.VERBOSE))

_ANY_DIGIT = re.compile(r"\d")
# The four letters besides A-Z that re.IGNORECASE folds onto ASCII ones (tests/test_rank.py): a
# sentence without them may be lower-cased and matched case-sensitively, with the same spans.
_IGNORECASE_ODD = re.compile("[\u0130\u0131\u017f\u212a]")
_DIGITS = r"\d{1,3}(?:[.,]\d{3})+(?![.,]?\d)|\d+(?:[.,]\d+)?"
_WORD_NUM = "|".join(
    sorted(
        list(_UNITS) + list(_SMALL_MULT) + list(_SE_MULT) + list(_HALF)
        + [w for w in _BIG_MULT if len(w) > 2],
        key=len,
        reverse=True,
    )
)


_WORD_NUM_GROUPED = _by_first_letter(_WORD_NUM)
# A digit figure with an optional multiplier, or a run of number words.
_NUMBER_SOURCE = (
    rf"""(?<![\w.,/-])(?:
        (?P<digits>{_DIGITS})(?:\s*(?P<mult>{_MULT_WORDS})\b|(?P<k>[kK])\b)?
      | (?P<words>(?:{_WORD_NUM_GROUPED})(?:[\s-]+(?:{_WORD_NUM_GROUPED}))*)
    )(?![\w/])(?!-\w)"""
)
# The same for a lower-cased sentence, case-sensitively, and the IGNORECASE one on first use (see _NON_COUNT_LOWER).
_NUMBER_LOWER = re.compile(_NUMBER_SOURCE, re.VERBOSE)
# _DIGITS written to start with its first digit, the look-behind after it reading the character before
# that digit (as _AMOUNT_AT_DIGIT does): the same matches, tried in the same order (\d{0,2} and \d*
# after the first digit are \d{1,3} and \d+).
_DIGITS_AT_DIGIT = r"\d(?<![\w.,/-]\d)(?:\d{0,2}(?:[.,]\d{3})+(?![.,]?\d)|\d*(?:[.,]\d+)?)"
# _NUMBER_LOWER without its number words, for a masked sentence that has no number word as a whole
# word: a run of number words starts and ends where a word does (the look-behind before it, and
# white space, "-" or the look-aheads after each word), so _NUMBER_LOWER finds digits only there, and
# these same ones. A pattern that starts with a digit lets re skip to the next digit in C instead of
# trying the pattern at every character. `words` is never set.
_DIGIT_NUMBER_LOWER = re.compile(
    rf"(?P<digits>{_DIGITS_AT_DIGIT})(?:\s*(?P<mult>{_MULT_WORDS})\b|(?P<k>[kK])\b)?(?![\w/])(?!-\w)(?P<words>(?!))?")
_NUMBER: re.Pattern = Proxy(lambda: re.compile(_NUMBER_SOURCE, re.IGNORECASE | re.VERBOSE))
# A cheap necessary condition for a _NUMBER match, tested first: a digit, or a whole word that is a
# number word (a match begins at a word start with one: the words are all \w). _NUMBER tries every
# position of every sentence (~30 us a sentence) and most sentences hold no figure. The four letters
# that IGNORECASE folds onto ASCII ones (İ ı ſ K) send a sentence to _NUMBER as it is.
_NUMBER_WORDS = frozenset(_WORD_NUM.split("|"))
_MAY_HOLD_NUMBER = re.compile(r"\d|[\u0130\u0131\u017f\u212a]")
_WORD_RUN = re.compile(r"\w+")
# An ASCII sentence (93% of the fold's) is read as bytes, in about a third of the time: a
# digit is one of 0-9 there (what re's \d matches in ASCII), and the table lower-cases A-Z and turns
# every other character re's \w does not match into a space, so that bytes.split() gives exactly
# _WORD_RUN's runs of the lower-cased sentence. A number word that is not ASCII is in no ASCII text.
_ASCII_DIGITS = b"0123456789"
_NUMBER_WORDS_ASCII = frozenset(word.encode("ascii") for word in _NUMBER_WORDS if word.isascii())
_ASCII_WORDS = bytes(ord(chr(c).lower()) if _WORD_RUN.fullmatch(chr(c)) else 0x20 for c in range(128)) + b" " * 128


def _ascii_number_word(raw: bytes) -> bool:
    """Whether an ASCII text (its bytes) has a whole word that is a number word, in any case."""
    return not _NUMBER_WORDS_ASCII.isdisjoint(raw.translate(_ASCII_WORDS).split())


def _may_hold_number(text: str) -> bool:
    """A digit, one of the letters IGNORECASE folds onto ASCII ones, or a whole word that is a number word."""
    if text.isascii():
        raw = text.encode("ascii")
        if len(raw.translate(None, _ASCII_DIGITS)) != len(raw):
            return True
        return _ascii_number_word(raw)
    if _MAY_HOLD_NUMBER.search(text):
        return True
    return not _NUMBER_WORDS.isdisjoint(_WORD_RUN.findall(text.lower()))


_QUAL_BEFORE = re.compile(
    r"(?:^|(?<=\W))(" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE,
)
_LONGEST_QUALIFIER = max(len(q) for q in QUALIFIERS)


def _space_before(text: str, end: int) -> int:
    """Where the run of white space (re's \\s: str.isspace) that ends at ``end`` starts."""
    while end and text[end - 1].isspace():
        end -= 1
    return end


def _qualifier_before(text: str, end: int) -> re.Match | None:
    """``_QUAL_BEFORE.search(text[:end])``, reading only the last words before ``end``.

    A match ends at ``end`` (a qualifier, then the white space before ``end``), so it starts at most
    the longest qualifier before that white space; searching from there (``pos`` keeps ``^`` and the
    look-behind seeing the real text, ``endpos`` is the slice's end) finds the same match without
    trying the alternation at every character of the sentence before each figure.
    """
    space = _space_before(text, end)
    if space == end:
        return None  # \s+ needs white space before the figure
    return _QUAL_BEFORE.search(text, max(0, space - _LONGEST_QUALIFIER), end)


# "salah satu", "satu-satunya", "satu sama lain", "one of": idioms, not counts (words: numbers.toml [words]).
_IDIOM_WORDS_BEFORE = tuple(_NUMBERS["words"]["idiom_before"])
_IDIOM_WORDS_AFTER = tuple(_NUMBERS["words"]["idiom_after"])
_IDIOM_BEFORE = re.compile(rf"\b(?:{'|'.join(map(re.escape, _IDIOM_WORDS_BEFORE))})\s*$", re.IGNORECASE)
_IDIOM_WORD = max(map(len, _IDIOM_WORDS_BEFORE))  # _IDIOM_BEFORE starts at most this far before the white space that ends it
# A phrase also takes longer endings ("satu sama lainnya"); a single word is whole ("of", not "often").
_IDIOM_AFTER = re.compile("^(?:" + "|".join(
    re.escape(w) if w.startswith("-") else r"\s+" + re.escape(w).replace(r"\ ", r"\s+") + ("" if " " in w else r"\b")
    for w in _IDIOM_WORDS_AFTER) + ")", re.IGNORECASE)


def number_idiom(tokens: Sequence[str], i: int) -> bool:
    """The number word at `i` of lower-cased word tokens is part of an idiom ("salah satu", "one of"): no count."""
    if i > 0 and tokens[i - 1] in _IDIOM_WORDS_BEFORE:
        return True
    for w in _IDIOM_WORDS_AFTER:
        parts = w.split()
        following = " ".join(tokens[i + 1:i + 1 + len(parts)])
        if w.startswith("-") and tokens[i].endswith(w) or following == w or (len(parts) > 1 and following.startswith(w)):
            return True
    return False


_YEAR = re.compile(r"^(?:1[89]|20|21)\d\d$")
# A year-like figure followed by one of these is a count after all ("2000 tentara").
_COUNT_AFTER_YEAR = re.compile(
    r"^\s+(?:" + "|".join(map(re.escape, _NUMBERS["words"]["count_after_year"])) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class NumberSpan:
    """A cardinal figure found in a sentence.

    ``start``/``end`` cover the figure itself ("10.000", "2,5 juta");
    ``phrase_start`` also covers a leading approximate marker ("sekitar").
    ``unit`` is set for money and shares: "rupiah", "dolar AS", "persen"; the
    span then covers the currency sign or word too ("Rp 2,3 triliun").
    """

    value: int | float  # a whole number, but a share may be a decimal ("59,4 persen": 59.4)
    start: int
    end: int
    raw: str
    qualifier: str | None = None
    phrase_start: int = -1
    unit: str | None = None

    @property
    def phrase(self) -> tuple[int, int]:
        return (self.phrase_start if self.phrase_start >= 0 else self.start, self.end)


# --- parsing -----------------------------------------------------------------


# Compiled once: re.fullmatch(pattern_string, ...) looks its pattern up in re's cache on every call.
_DOT_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_COMMA_GROUPS = re.compile(r"\d{1,3}(?:,\d{3})+")
_PLAIN_DIGITS = re.compile(r"\d+")
_DECIMAL = re.compile(r"(\d+)[.,](\d+)")


def _parse_digits(digits: str, has_multiplier: bool) -> float | None:
    """'10.000' -> 10000, '10,000' -> 10000, '2,5' -> 2.5 (with a multiplier)."""
    if _DOT_GROUPS.fullmatch(digits) or _COMMA_GROUPS.fullmatch(digits):
        # Thousands grouping ("10.000", "10,000"), unless it is a decimal
        # before a multiplier: "2,500 juta" is rare; "1.500 ribu" still groups.
        return float(digits.replace(".", "").replace(",", ""))
    if _PLAIN_DIGITS.fullmatch(digits):
        return float(digits)
    m = _DECIMAL.fullmatch(digits)
    if m:
        return float(f"{m.group(1)}.{m.group(2)}")
    return None


def _parse_words(words: list[str]) -> float | None:
    """Indonesian/English number words: 'dua ratus lima puluh ribu' -> 250000."""
    total = 0.0
    group = 0.0  # value below the next big multiplier
    small = 0.0  # units waiting for puluh/ratus/belas
    seen = False
    for w in words:
        if w in _UNITS:
            small += _UNITS[w]
        elif w == _TEENS:
            if not small:
                return None
            group += small + 10
            small = 0
        elif w in _SMALL_MULT:
            group += (small or 1) * _SMALL_MULT[w]
            small = 0
        elif w in _SE_MULT:
            m = _SE_MULT[w]
            if m >= 1000:
                total += (group + small + 1) * m if (group or small) else m
                group = small = 0
            else:
                group += m
        elif w in _HALF:
            small += 0.5
        elif w in _BIG_MULT:
            base = group + small
            total += (base or 1) * _BIG_MULT[w]
            group = small = 0
        else:
            return None
        seen = True
    return total + group + small if seen else None


def _to_int(value: float | None) -> int | None:
    if value is None:
        return None
    rounded = round(value)
    return int(rounded) if abs(value - rounded) < 1e-9 else None


_FIGURE = re.compile(rf"({_DIGITS})\s*({_MULT_WORDS}|k)?")
_ARTICLES = tuple(_NUMBERS["words"]["articles"])  # "a thousand", "se ribu"
_FIGURE_WORDS = re.compile(rf"({_DIGITS})\s+(.+)")


def parse_number(text: str) -> int | None:
    """Normalise one written figure to an int; None for vague or non-integer amounts.

    >>> parse_number("2,5 juta")
    2500000
    """
    s = " ".join(text.strip().lower().replace("\u00a0", " ").split())
    if not s or s in _VAGUE or s.split()[0] in _VAGUE:
        return None
    m = _FIGURE.fullmatch(s)
    if m:
        mult = _BIG_MULT.get(m.group(2) or "", 1)
        value = _parse_digits(m.group(1), m.group(2) is not None)
        return _to_int(value * mult) if value is not None else None
    m = _FIGURE_WORDS.fullmatch(s)
    if m:  # digits followed by multiplier words: "3 ratus ribu"
        head = _parse_digits(m.group(1), True)
        rest = m.group(2).replace("-", " ").split()
        if head is None or not all(w in _BIG_MULT or _SMALL_MULT.get(w) for w in rest):
            return None
        return _to_int(_apply(head, rest))
    words = s.replace("-", " ").split()
    if words[0] in _ARTICLES:
        words = words[1:]
    return _to_int(_parse_words(words))


def _apply(head: float, rest: list[str]) -> float:
    """Digits followed by multiplier words: 3 ratus ribu -> 300000."""
    group = head
    total = 0.0
    for w in rest:
        if w in _SMALL_MULT and _SMALL_MULT[w]:
            group *= _SMALL_MULT[w]
        elif w in _BIG_MULT:
            total += group * _BIG_MULT[w]
            group = 0
    return total + group


# --- money and shares ------------------------------------------------------------

_AMOUNT = rf"(?P<num>\d[\d.,]*\d|\d)(?:\s*(?P<mult>{_MULT_WORDS})\b)?"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _unit_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Money with a sign before, money with a currency word after, and shares; words from the data file."""
    vocab = claim_vocab()
    before = re.compile(rf"(?<![\w$])(?P<sign>{_alternation(vocab.money_before)})\.?\s*{_AMOUNT}", re.IGNORECASE)
    after = re.compile(
        rf"(?<![\w.,]){_AMOUNT}\s*(?P<cur>{_alternation(vocab.money_after)})\b"
        rf"(?:\s+(?P<country>{_alternation(vocab.money_country_suffix)})\b)?", re.IGNORECASE)
    share = re.compile(rf"(?<![\w.,]){_AMOUNT.replace('(?:', '(?:', 1)}\s*(?:{_alternation(vocab.percent_signs)})(?!\w)",
                       re.IGNORECASE)
    return before, after, share


# _AMOUNT after its look-behind, written to start with the digit (the look-behind now reads the
# character before it): the same matches, tried in the same order, and a pattern that starts with
# a digit class lets re skip to the next digit in C instead of trying the pattern at every character.
_AMOUNT_AT_DIGIT = rf"(?P<num>\d(?<![\w.,]\d)(?:[\d.,]*\d)?)(?:\s*(?P<mult>{_MULT_WORDS})\b)?"


def _lower_literal(word: str) -> bool:
    """Whether a lower-cased text matches ``word`` case-sensitively where the text matches it under re.IGNORECASE."""
    return all(ch.isascii() and not ch.isupper() or ch.lower() == ch.upper() == ch for ch in word)


@lru_cache(maxsize=1)
def _unit_patterns_lower() -> tuple[re.Pattern, re.Pattern, re.Pattern] | None:
    """``_unit_patterns`` for a lower-cased sentence (see _NON_COUNT_LOWER); None if a word of the data is cased."""
    vocab = claim_vocab()
    words = [*vocab.money_before, *vocab.money_after, *vocab.money_country_suffix, *vocab.percent_signs]
    if not all(_lower_literal(w) for w in words):
        return None
    before, after, share = _unit_patterns()
    amount = rf"(?<![\w.,]){_AMOUNT}"
    if not (after.pattern.startswith(amount) and share.pattern.startswith(amount)):
        return None  # written otherwise than this rewrite expects: the IGNORECASE patterns read every sentence
    return (re.compile(before.pattern),
            re.compile(_AMOUNT_AT_DIGIT + after.pattern[len(amount):]),
            re.compile(_AMOUNT_AT_DIGIT + share.pattern[len(amount):]))


def _amount(m: re.Match) -> int | None:
    text = m.group("num") + (" " + m.group("mult") if m.group("mult") else "")
    return parse_number(text)


# Decimal places a share keeps: "59,4 persen", "3,25 persen", never more than the press writes.
SHARE_DECIMALS = 2


def _share(m: re.Match) -> int | float | None:
    """A share's value: whole ("70 persen": 70) or a decimal ("59,4 persen": 59.4), which counts in
    elections, polls and the economy as much as a whole one; a count is never a decimal."""
    whole = _amount(m)
    if whole is not None or m.group("mult"):
        return whole
    value = _parse_digits(m.group("num"), False)
    return round(value, SHARE_DECIMALS) if value is not None else None


def _holds_any(text: str, words: Iterable[str]) -> bool:
    return any(word in text for word in words)


def _unit_spans(sentence: str, low: str | None = None) -> list[NumberSpan]:
    """Sums of money ("Rp 2,3 triliun", "7,3 juta dolar AS") and shares ("70 persen"), with their unit.

    ``low``: the sentence lower-cased, when it holds none of the letters IGNORECASE folds onto
    ASCII ones (find_numbers has it): the patterns then read it case-sensitively, with the same
    spans, and the unit words they capture are lower case (they are looked up lower-cased anyway).
    """
    if not _ANY_DIGIT.search(sentence):
        return []
    vocab = claim_vocab()
    lower = _unit_patterns_lower() if low is not None else None
    before, after, share = lower or _unit_patterns()
    text = low if lower else sentence
    found: list[NumberSpan] = []
    # A match of a lower-case pattern holds one of its signs as written: a sentence without any (most of
    # them) is not scanned for sums by sign or for shares, which is the scan's cost (the digits of a
    # sentence each start a try of the share pattern; every word start one of the sign pattern).
    if not lower or _holds_any(text, vocab.money_before):
        for m in before.finditer(text):
            found.append((m, vocab.money_before[m.group("sign").lower()]))
    for m in after.finditer(text):
        unit = vocab.money_after[m.group("cur").lower()]
        if m.group("country"):
            country = m.group("country")
            unit = f"{unit} {country.upper() if len(country) <= 2 else country.title()}"
        found.append((m, unit))
    if not lower or _holds_any(text, vocab.percent_signs):
        for m in share.finditer(text):
            found.append((m, vocab.percent_name))
    spans: list[NumberSpan] = []
    taken: list[tuple[int, int]] = []
    for m, unit in sorted(found, key=lambda f: (f[0].start(), -f[0].end())):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue  # "US$ 5 juta dolar": one sum
        value = _share(m) if unit == vocab.percent_name else _amount(m)
        if value is None:
            continue  # "Rp 1,5": no whole sum
        taken.append((m.start(), m.end()))
        q = _qualifier_before(sentence, m.start())
        spans.append(NumberSpan(value=value, start=m.start(), end=m.end(), raw=sentence[m.start():m.end()],
                                qualifier=q.group(1).lower() if q else None,
                                phrase_start=q.start(1) if q else m.start(), unit=unit))
    return spans


# --- finding -----------------------------------------------------------------


def _mask(sentence: str) -> str:
    """Replace dates, times, money, percentages, ordinals and ages with '#'."""
    if not _ANY_DIGIT.search(sentence):
        return sentence  # every _NON_COUNT alternative needs a digit; most sentences have none
    return _NON_COUNT.sub(_hashes, sentence)


def _hashes(m: re.Match) -> str:
    return "#" * (m.end() - m.start())


def find_numbers(sentence: str, units: bool = False) -> list[NumberSpan]:
    """Cardinal figures in a sentence, skipping dates, years, times, money, %, ordinals, ages.

    With ``units``, sums of money and shares are figures too, each with its
    ``unit`` set. Vague plurals ("ratusan", "ribuan") are not figures and are
    not returned.
    """
    if not _may_hold_number(sentence):
        return []
    if _IGNORECASE_ODD.search(sentence):
        low, masked, number = None, _mask(sentence), _NUMBER
    else:
        # Lower-cased once, then every pattern case-sensitively: the same spans (see _NON_COUNT_LOWER).
        # `masked` is then lower case too; what is read of it below is compared case-insensitively.
        low = sentence.lower()
        digit = _ANY_DIGIT.search(low)
        if digit:
            # Only from the third white-space-separated chunk before the first digit: every
            # _NON_COUNT match reaches its first digit across at most two runs of white space (its
            # second look-ahead), so none starts earlier, and the alternation is not tried at every
            # word before it. The text left out starts no match; a match's \b is not read at `cut`
            # (white space, or 0), where no alternative starts.
            head = low[: digit.start()].rsplit(None, 3)
            cut = len(head[0]) if len(head) > 3 else 0
            masked = low[:cut] + _NON_COUNT_LOWER.sub(_hashes, low[cut:])
        else:
            masked = low
        number = _NUMBER_LOWER
        if digit and masked.isascii() and not _ascii_number_word(masked.encode("ascii")):
            number = _DIGIT_NUMBER_LOWER  # no number word: the same digits, found faster
    spans: list[NumberSpan] = _unit_spans(sentence, low) if units else []
    for m in number.finditer(masked):
        raw = sentence[m.start() : m.end()]
        if "#" in m.group(0):
            continue
        words = m.group("words")
        if words:
            low = words.lower()
            toks = low.replace("-", " ").split()
            # A lone multiplier ("juta", "thousand") or "half" is not a figure.
            if all(t in _BIG_MULT or t in _SMALL_MULT or t in _HALF for t in toks):
                continue
            space = _space_before(masked, m.start())
            if (_IDIOM_BEFORE.search(masked, max(0, space - _IDIOM_WORD), m.start())
                    or _IDIOM_AFTER.match(masked[m.end() :])):
                continue
            if toks == ["one"] or toks == ["satu"] and masked[m.end() :].lstrip().lower().startswith(("-", "pun")):
                continue
        value = parse_number(raw)
        if value is None:
            continue
        digits = m.group("digits")
        if digits and not m.group("mult") and not m.group("k") and _YEAR.match(digits):
            if not _COUNT_AFTER_YEAR.match(sentence[m.end() :]):
                continue  # a bare 4-digit 1800-2199 is a year ("pada 2024", "sejak 2014")
        q = _qualifier_before(sentence, m.start())
        qualifier = q.group(1).lower() if q else None
        spans.append(
            NumberSpan(
                value=value,
                start=m.start(),
                end=m.end(),
                raw=raw,
                qualifier=qualifier,
                phrase_start=q.start(1) if q else m.start(),
            )
        )
    return sorted(spans, key=lambda span: span.start) if units else spans


@cache
def _bounds() -> dict[str, str]:
    raw = tomllib.loads(files("summarizer").joinpath("data/qualifier_bounds.toml").read_text(encoding="utf-8"))
    return {q: kind for kind in ("lower", "upper") for q in raw[kind]}


def qualifier_bound(qualifier: str | None) -> str | None:
    """"lower" when a qualified figure is a floor ("lebih dari"), "upper" when it is a ceiling
    ("hingga"), None when it is exact or approximate ("sekitar")."""
    return _bounds().get(" ".join(qualifier.lower().split())) if qualifier else None
