"""Indonesian sentence splitting, boilerplate filtering and detokenisation.

Pure string functions: no I/O. The splitter is hand-written because no
well-kept library fits: sumy and NLTK use Punkt, which has no Indonesian
model (and NLTK data cannot be downloaded here), and the Indonesian rules we
need (titles such as "Jend.", "dll.", "Tbk.", datelines, "…,” kata X")
are small enough to state directly. Measured against IndoSum gold
boundaries by ``python -m evaluation.splitter``.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

__all__ = ["split_sentences", "is_boilerplate", "clean_sentences", "detokenize"]

# --- sentence splitting -----------------------------------------------------

def _abbreviations(kind: str) -> frozenset[str]:
    """The `prefix` or `suffix` abbreviations of data/abbreviations.toml (lower case, no final dot)."""
    raw = tomllib.loads((Path(__file__).parent / "data" / "abbreviations.toml").read_text(encoding="utf-8"))
    return frozenset(raw[kind])


# Abbreviations always followed by more of the same sentence (titles, ranks, "No. 5", "Rp. 10"),
# and those that may end one ("... dll."): a sentence ends there only before a capitalised word.
_PREFIX_ABBREVS = _abbreviations("prefix")
_SUFFIX_ABBREVS = _abbreviations("suffix")

# A terminator run, any closing quotes/brackets glued to it, then whitespace.
# (Written as one class of terminators, possessive, not (?:\.{2,}|…|[.!?])+: the same runs, since giving
# back a terminator or closer leaves one before the look-ahead, never white space; and a pattern that
# opens with a class lets the engine skip to the next terminator instead of trying every position.)
_CANDIDATE = re.compile(r"[.!?…]++[\"'”’)\]]*+(?=\s)")
_OPENERS = "\"'“‘([{"
_QUOTES = "\"'“‘”’"
_DOTTED_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")
# Only real line breaks: str.splitlines() would also split on U+2028, \x0c...
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_LIST_NUMBER = re.compile(r"^\s*\d{1,2}$")


def _word_before(text: str, end: int) -> str:
    """The whitespace-delimited word ending at ``end`` (terminator excluded)."""
    # What re.search(r"(\S+)$", text[:end]) finds (\S: not str.isspace), read backwards from
    # `end` instead of trying every position of the line before it.
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip(_OPENERS)


def _next_char(text: str, start: int) -> str:
    """First character after ``start`` that is not whitespace or a quote.

    An opening bracket is returned as is: after a full stop it starts a new
    unit, typically a credit such as "(ant)" or "[ Baca juga: ... ]".
    """
    i = start
    n = len(text)
    while i < n and (text[i].isspace() or text[i] in _QUOTES):
        i += 1
    return text[i] if i < n else ""


def _is_boundary(line: str, m: re.Match[str]) -> bool:
    """Decide whether the terminator match ends a sentence."""
    nxt = _next_char(line, m.end())
    if not nxt:
        return False  # only closers/openers left: keep them with this sentence
    # Indonesian sentences start upper-case: a lower-case word after a
    # terminator is a continuation ('…,” kata X', '"Apa?" tanya dia').
    if nxt.islower():
        return False
    if nxt in "([":
        return not _word_before(line, m.start()).lower().rstrip(".") in _PREFIX_ABBREVS
    term = m.group(0)
    if term[0] != ".":
        return True  # "!", "?" or an ellipsis before a capital
    if len(term) > 1 and term[1] not in ".…":  # '."' or '.)': closed quote
        return True
    word = _word_before(line, m.start())
    key = word.lower().rstrip(".")
    if key in _PREFIX_ABBREVS:
        return False
    if key in _SUFFIX_ABBREVS:
        return nxt.isupper()
    # Initials: "J. Doe", "A.B. Susanto", "S. Papagiannopoulos".
    if len(word) == 1 and word.isupper():
        return False
    if _DOTTED_INITIALS.match(word):
        return False
    # "1. Juventus" at the start of a line is a list item, not a sentence.
    if _LIST_NUMBER.match(line[: m.start()]):
        return False
    return True


def _split_line(line: str) -> list[str]:
    """Split one paragraph (no newlines) into sentences."""
    out: list[str] = []
    start = 0
    for m in _CANDIDATE.finditer(line):
        if _is_boundary(line, m):
            piece = line[start : m.end()].strip()
            if piece:
                out.append(piece)
            start = m.end()
    rest = line[start:].strip()
    if rest:
        out.append(rest)
    return out


def split_sentences(text: str) -> list[str]:
    """Split Indonesian text into stripped, non-empty sentences.

    Newlines are hard boundaries (one paragraph per line). Sentences are
    verbatim slices of the input, so offsets can be mapped back.
    """
    sentences: list[str] = []
    for line in _lines(text):
        if line.strip():
            sentences.extend(_split_line(line))
    return sentences


def _lines(text: str) -> list[str]:
    """The text cut at its line breaks (\r\n, \r or \n), as _LINE_BREAK.split cuts it."""
    return text.split("\n") if "\r" not in text else _LINE_BREAK.split(text)  # (most text has no \r)


# --- boilerplate ------------------------------------------------------------

# The words of page chrome: data/boilerplate.toml [boilerplate] and [outlets], read once.
_CHROME = tomllib.loads((Path(__file__).parent / "data" / "boilerplate.toml").read_text(encoding="utf-8"))


def _phrases_rx(phrases: list[str]) -> str:
    """A regex alternation of the phrases in their listed order; a space matches any spacing."""
    return "|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in phrases)


def _grouped_rx(phrases: list[str]) -> str:
    """The phrases' alternation with the rest of those sharing a first word behind it once
    ("baca\\s+(?:berita|artikel)", "sumber(?:\\s+(?:berita))?"): the same lines match, and each first word
    is tried once at a line's start."""
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        first, _, rest = phrase.partition(" ")
        groups.setdefault(first, []).append(rest)
    parts = []
    for first, rests in groups.items():
        tails = [rest for rest in rests if rest]
        optional = "?" if len(tails) < len(rests) else ""
        parts.append(re.escape(first) + (r"(?:\s+(?:" + _phrases_rx(tails) + "))" + optional if tails else ""))
    return "|".join(parts)


_WORDS = _CHROME["boilerplate"]
# Chrome that starts a line whatever follows: related-article links ("Baca juga:"), credits
# ("Editor:"), ads, calls to action ("Simak video ...").
_BOILERPLATE_START = re.compile(
    r"^[\[(\s]*(?:(?:" + _phrases_rx(_WORDS["link_labels"]) + r")(?:[\s_]+(?:" + _phrases_rx(_WORDS["link_tails"])
    + r"))?\s*(?::|$|\]|\))"
    + "|" + _grouped_rx(_WORDS["starts"])
    + r"|(?:" + _phrases_rx(_WORDS["calls"]) + r")\s+(?:" + _phrases_rx(_WORDS["call_objects"]) + ")"
    + r"|(?:" + _grouped_rx(_WORDS["labels"]) + r")\s*:)",
    re.IGNORECASE,
)

# Section headers that are chrome only when they are a bare header line (no
# sentence punctuation): "Lebih lanjut tentang pasukan Korea Utara".
_BOILERPLATE_HEADER = re.compile(r"^(?:" + _phrases_rx(_WORDS["headers"]) + r")\b", re.IGNORECASE)
# A line that is only a parenthesised/bracketed credit: "(geosurvey.co.id/putri
# Farrah)", "( den )", "[ rhm ]", "(ant/ap)", "(Antara)".
_CREDIT_ONLY = re.compile(r"^\s*[\[(]\s*([^()\[\]]{0,80}?)\s*[\])]\s*\.?\s*$")
_DOMAIN_ENDINGS = _phrases_rx(_CHROME["outlets"]["domain_endings"])  # "com|co\.id|co|..."
_DOMAIN = re.compile(r"\b[\w-]+\.(?:" + _DOMAIN_ENDINGS + r")\b", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_ALNUM = re.compile(r"[^\W_]")  # a str.isalnum character (re's \w is those and "_"): one search, no generator


def is_boilerplate(sentence: str) -> bool:
    """True for related-article headers, credits and page chrome."""
    s = sentence.strip()
    if not _ALNUM.search(s):
        return True  # stray dashes, bullets, lone punctuation
    if _BOILERPLATE_START.match(s):
        return True
    if _BOILERPLATE_HEADER.match(s) and not _SENTENCE_END.search(s):
        return True
    m = _CREDIT_ONLY.match(s)
    if m:
        inner = m.group(1)
        return len(inner.split()) <= 4 or "/" in inner or bool(_DOMAIN.search(inner))
    return False


# --- datelines --------------------------------------------------------------

# "JAKARTA, KOMPAS.com - ", "geosurvey.co.id – ", "Jakarta (ANTARA) - ",
# "Jakarta, CNN Indonesia -- ", "SWEDIA - ": a short prefix before a spaced dash.
_DATELINE = re.compile(r"^\s*(?P<prefix>[^!?\n]{2,60}?)\s+(?:[-–—]\s*){1,2}(?=[^\s\-–—])")
_ALLCAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
_AGENCY = re.compile(r"\([A-Z][A-Za-z .]*(?:/[A-Za-z .]+)*\)")  # "(ANTARA News)", "(Antara/PRNewswire)"
_DASHES = ("-", "–", "—")
# A dateline that is a whole line: "ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --".
_DATELINE_LINE = re.compile(r"^\s*(?P<prefix>[^!?\n]{2,80}?)\s*(?:[-–—]\s*){1,2}$")
# "Liputan6.com, Jakarta London Love Story ...": an outlet's domain, a comma and one place word, no dash.
_DOMAIN_PLACE = re.compile(r"^\s*[\w-]+(?:\.[\w-]+)*\.(?:" + _DOMAIN_ENDINGS + r")\s*,\s*[A-Z][\w]+\s+(?=[A-Z\"“])")
# "Rimanews - ": a one-word outlet name. Only names that say they are an outlet
# count; a lone capitalised word before a dash may be prose ("Kevin - Prince").
_OUTLET_WORD = re.compile(r"^[A-Z][A-Za-z0-9]*(?:" + _phrases_rx(_CHROME["outlets"]["name_endings"]) + ")$", re.I)


@lru_cache(maxsize=1)
def _dateline_places() -> frozenset[str]:
    path = Path(__file__).parent / "data" / "dateline_places.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _is_dateline(prefix: str, first: bool = False) -> bool:
    """True when a prefix before a dash is a place/outlet, not prose.

    `first`: the prefix opens the article, where a lone place name before a
    dash ("Yogyakarta - ", "Jakarta - ", listed in data/dateline_places.txt)
    is the dateline detik and others use.
    """
    if re.search(r"\.\s", prefix):
        return False  # a full stop inside: prose, not a dateline
    if _DOMAIN.search(prefix) or _AGENCY.search(prefix) or _OUTLET_WORD.match(prefix.strip()):
        return True
    words = prefix.replace(",", " ").split()
    if not words or len(words) > 5:
        return False
    if not all(w[0].isupper() for w in words):
        return False
    if first and len(words) == 1 and words[0].lower() in _dateline_places():
        return True
    # "JAKARTA", "SWEDIA", or "Jakarta, CNN Indonesia" (place, comma, outlet).
    return bool(_ALLCAPS_WORD.search(prefix)) or "," in prefix


def strip_dateline(sentence: str, first: bool = True) -> str:
    """Remove a leading dateline/site prefix when it clearly is one.

    `first`: the sentence opens the article (see `_is_dateline`); datelines
    of other paragraphs are stripped only in their unambiguous forms.
    """
    # Both dateline patterns end at a dash, _DATELINE_LINE's the last character before white space:
    # without one, neither can match and their (lazy, so costly) prefixes are not tried.
    if "-" in sentence or "–" in sentence or "—" in sentence:
        m = _DATELINE.match(sentence)
        if m and _is_dateline(m.group("prefix"), first):
            return sentence[m.end() :]
        if sentence.rstrip().endswith(_DASHES):
            m = _DATELINE_LINE.match(sentence)
            if m and _is_dateline(m.group("prefix"), first):
                return ""
    m = _DOMAIN_PLACE.match(sentence)
    if m:
        return sentence[m.end() :]
    return sentence


def clean_sentences(text: str) -> list[str]:
    """Split text, drop boilerplate and strip the dateline wherever a paragraph opens with one."""
    sentences: list[str] = []
    for line in _lines(text):
        if not line.strip():
            continue
        pieces = [s for s in _split_line(line) if not is_boilerplate(s)]
        if pieces:
            head = strip_dateline(pieces[0], first=not sentences).strip()
            if head:
                pieces[0] = head
            else:
                pieces.pop(0)
        sentences.extend(pieces)
    return sentences


# --- detokenisation ---------------------------------------------------------

_NO_SPACE_BEFORE = frozenset(",.!?;:)]}%…")
_NO_SPACE_AFTER = frozenset("([{")
_STRAIGHT_QUOTES = frozenset({'"', "'"})
# A tokeniser that split a figure at its thousands separator ("22.091", ".", "039"): FacQA's passages.
_GROUPED_FIGURE = re.compile(r"\d{1,3}(?:\.\d{3})*")
_THOUSANDS_GROUP = re.compile(r"\d{3}")


def _glue(prev: str, tok: str, nxt: str) -> bool:
    """True when ``tok`` should be written without a space before it."""
    if tok[0] in _NO_SPACE_BEFORE and (len(tok) == 1 or not tok[1:].isalnum()):
        return True
    if prev in _NO_SPACE_AFTER or prev == "“" or prev == "‘":
        return True
    if tok in ("”", "’"):
        return True
    if tok.startswith("-") and len(tok) > 1 and tok[1:].isalpha():
        return True  # "instagram -nya"
    if tok == "-" and prev == "-":
        return True  # "CNN Indonesia - - Kiper" -> "--"
    if tok == "/" and prev.isdigit() and nxt[:1].isdigit():
        return True  # dates: "27 / 3" -> "27/3"
    if prev == "/" and tok[:1].isdigit():
        return True
    return False


def _hyphen_joins(prev: str, nxt: str) -> bool:
    """Whether a lone "-" between two tokens is a word-internal hyphen."""
    if not (prev.isalnum() and nxt.isalnum()):
        return False
    if prev.lower() == nxt.lower() or prev.lower() == "ke":
        return True  # reduplication "bentrokan-bentrokan", ordinal "ke-490"
    if prev.isdigit() and nxt.isdigit():
        return True  # scores "1-3"
    return prev[0].islower() and nxt[0].islower()  # "non-tradisional"


def detokenize(tokens: list[str]) -> str:
    """Rebuild readable text from IndoSum-style tokens.

    Only spaces change: every token's characters are kept in order, so the
    non-whitespace content equals ``"".join(tokens)``. Straight quotes are
    paired: the first of a pair glues to the next token, the second to the
    previous one.
    """
    out: list[str] = []
    open_quotes: set[str] = set()
    glue_next = False
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if not tok or tok.isspace():
            continue
        if not tok.isprintable():
            tok = " ".join(tok.split())  # a token with a line break inside
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < n else ""
        if tok in _STRAIGHT_QUOTES:
            if tok in open_quotes:
                open_quotes.discard(tok)
                out.append(tok)  # closing: glued to the previous token
                continue
            open_quotes.add(tok)
            if out:
                out.append(" ")
            out.append(tok)
            glue_next = True
            continue
        if tok == "-" and i and _hyphen_joins(prev, nxt):
            out.append("-")
            glue_next = True
            continue
        if tok == "." and _GROUPED_FIGURE.fullmatch(prev) and _THOUSANDS_GROUP.fullmatch(nxt):
            out.append(".")  # "22.091 . 039" -> "22.091.039", not a sentence ending in "22.091."
            glue_next = True
            continue
        if out and not glue_next and not _glue(prev, tok, nxt):
            out.append(" ")
        out.append(tok)
        glue_next = False
    return "".join(out)
