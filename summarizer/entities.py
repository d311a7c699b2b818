"""Names of people, organisations and places in Indonesian news sentences.

Hand-written from capitalisation, acronyms and small word lists: no
Indonesian NER model ships offline here (spaCy/Stanza/Flair Indonesian
models are separate downloads, and IndoBERT-based taggers need torch and
weights we cannot bundle). News prose capitalises names reliably, so runs of
capitalised words plus title/stop lists get most of the way.
Pure string functions, no I/O.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib.resources import files
from typing import Sequence

from lazy_object_proxy import Proxy

from summarizer import gazetteer
from summarizer.tokens import STOPWORDS

__all__ = [
    "extract_entities",
    "mentions",
    "person_name",
    "is_person_name",
    "entity_kind",
    "strip_titles",
    "GEO",
    "COUNTRY_ALIASES",
    "TITLE_WORDS",
    "ORG_HEADS",
]

# Lower-case names of countries (and their short forms), world regions,
# provinces, capitals and big cities, from the gazetteer
# (summarizer/data/gazetteer.json): these split a capitalised run
# ("Presiden Rusia Vladimir Putin") and mark a word as a place.
# These tables are built on first use, not at import (Proxy): loading the
# gazetteer costs ~0.1 s that `python -m bot ask /help` has no use for.
GEO: frozenset[str] = Proxy(gazetteer.major_names)
# Every spelling of a country -> the name it is shown by: "korut", "north
# korea", "dprk" -> "Korea Utara".
COUNTRY_ALIASES: dict[str, str] = Proxy(lambda: {name: gazetteer.country_name(code)
                                                   for name, code in gazetteer.country_spellings().items()})

# The word lists below are data: data/entity_words.toml (what each is for is said there), read once.
_WORDS = tomllib.loads(files("summarizer").joinpath("data/entity_words.toml").read_text(encoding="utf-8"))
# Words of office stripped from person names ("Menteri Luar Negeri Antony
# Blinken" -> "Antony Blinken"), compared lower-case.
TITLE_WORDS = frozenset(_WORDS["titles"])
# Words that start an organisation name: the run is kept whole.
ORG_HEADS = frozenset(_WORDS["org_heads"])


def _load_common() -> frozenset[str]:
    """Words capitalised only because they open a sentence or a quote ("Namun", "Laporan").

    Indonesian and English stop words plus the words Indonesian news writes in
    lower case (data/common_words_id.txt, counted on IndoSum's dev.01 by
    tools/build_common_words.py): a name holding one is not a person's.
    """
    raw = files("summarizer").joinpath("data/common_words_id.txt").read_text(encoding="utf-8")
    listed = {w for w in raw.split("\n") if w and not w.startswith("#")}
    return frozenset(listed | STOPWORDS["id"] | STOPWORDS["en"])


_COMMON = _load_common()
_STOP = STOPWORDS["id"] | STOPWORDS["en"]
_PLACE_KINDS: frozenset[str] = Proxy(gazetteer.place_kinds)
_PLACE_KINDS_AFTER: frozenset[str] = Proxy(lambda: gazetteer.place_kinds(after=True))
# The lower-case words a place's name or a place kind word ("provinsi") begins with: _geo_prefix_len
# is 0 at any other token.
_GEO_STARTS: frozenset[str] = Proxy(lambda: gazetteer.first_words() | gazetteer.place_kinds())
_TOKEN = re.compile(r"[A-Za-zÀ-ÿ][\w'’.-]*[\w]|[A-Za-zÀ-ÿ]|\d+")
_ROMAN = re.compile(r"^[IVX]{1,4}$")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")  # split keeps the tokens, between the texts around them
_AFFIXED = re.compile(r"^(?:" + "|".join(map(re.escape, _WORDS["affix_prefixes"])) + r")\w{3,}|\w{3,}(?:"
                      + "|".join(map(re.escape, _WORDS["affix_suffixes"])) + r")$")
# Connectors allowed inside an organisation name: "Dewan Keamanan dan
# Pertahanan Nasional Ukraina".
_ORG_CONNECTORS = frozenset(_WORDS["org_connectors"])
# Acronyms that are names of their own, split from a following person name
# ("NATO Mark Rutte"); unknown ones stay attached ("JD Vance").
_KNOWN_ACRONYMS = frozenset(_WORDS["known_acronyms"])
_TIME_WORDS = frozenset(_WORDS["time_words"])  # days and months


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or (tok.isupper() and len(tok) > 1)


def _is_acronym(tok: str) -> bool:
    letters = tok.replace("-", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def _geo_prefix_len(tokens: list[str], i: int) -> int:
    """Length of the place name starting at tokens[i] (0 if none).

    Countries, regions, capitals and big cities of one word split a run
    ("Presiden Rusia Vladimir Putin"); a smaller place only when its name has
    several words ("Kuala Lumpur", "Shah Alam"), since a one-word town's
    name is often a person's too. A kind word before it joins it: "Provinsi
    Jawa Barat".
    """
    # Most tokens begin no place's name and are no place kind: answered by one set look-up, without
    # place_at's calls (what place_at tests first; a token holding white space goes the long way).
    tok = tokens[i] if 0 <= i < len(tokens) else ""
    if tok.lower() not in _GEO_STARTS and tok.split() == [tok]:
        return 0
    n = gazetteer.place_at(tokens, i)
    if n == 0:
        if i + 1 < len(tokens) and tokens[i].lower() in _PLACE_KINDS:
            m = _geo_prefix_len(tokens, i + 1)
            return m + 1 if m else 0
        return 0
    if n == 1 and " ".join(tokens[i : i + 1]).lower() not in GEO:
        return 0
    if (i + n < len(tokens) and tokens[i + n].lower() in _PLACE_KINDS_AFTER
            and gazetteer.country_key(" ".join(tokens[i : i + n])) is None):
        n += 1  # "Rakhine State", "Jakarta Selatan"; a country ("Korea Utara") is already whole
    return n


def strip_titles(tokens: list[str]) -> list[str]:
    """Drop leading office words, and a country/org before a person name."""
    out = list(tokens)
    while out and out[0].lower().rstrip(".") in TITLE_WORDS:
        out.pop(0)
    return out


def _split_run(run: list[str]) -> list[list[str]]:
    """Split a capitalised run into entities: 'NATO Mark Rutte' -> NATO, Mark Rutte.

    An organisation keeps its place: "Kementerian Pertahanan Rusia", "BPBD Jawa Barat".
    """
    if not run:
        return []
    if run[0].lower() in ORG_HEADS:
        return [run]
    if len(run) > 1 and _is_acronym(run[0]) and run[0].lower() not in _KNOWN_ACRONYMS and not gazetteer.is_place(run[0]):
        n = _geo_prefix_len(run, 1)
        if n:
            return [run[: n + 1]] + _split_run(run[n + 1 :])
    parts: list[list[str]] = []
    i = 0
    cur: list[str] = []
    while i < len(run):
        n = _geo_prefix_len(run, i)
        if n:
            if cur:
                parts.append(cur)
                cur = []
            parts.append(run[i : i + n])
            i += n
            continue
        if _is_acronym(run[i]) and len(run) > 1 and run[i].lower() in _KNOWN_ACRONYMS:
            if cur:
                parts.append(cur)
                cur = []
            parts.append([run[i]])
            i += 1
            continue
        cur.append(run[i])
        i += 1
    if cur:
        parts.append(cur)
    # A region followed by its country stays one place: "Timur Jauh Rusia".
    return parts


def _runs(sentence: str) -> list[tuple[list[str], int]]:
    """Runs of capitalised tokens (not crossing punctuation) with the index of their first token."""
    runs: list[tuple[list[str], int]] = []
    cur: list[str] = []
    start = 0
    # One split gives the tokens and the text before each (gaps[i] precedes toks[i]; the last gap ends the sentence).
    parts = _TOKEN_SPLIT.split(sentence)
    toks, gaps = parts[1::2], parts[0::2]
    last = len(toks) - 1
    for i, tok in enumerate(toks):
        if cur and gaps[i].strip():  # punctuation ends a run
            runs.append((cur, start))
            cur = []
        if tok[:1].isupper() or (tok.isupper() and len(tok) > 1) or (cur and _ROMAN.match(tok)):  # _is_cap, inline
            if not cur:
                start = i
            cur.append(tok)
        elif (
            # the next token is looked at only here, for "Dewan ... dan Pertahanan"
            cur and i < last and tok in _ORG_CONNECTORS and cur[0].lower() in ORG_HEADS
            and _is_cap(toks[i + 1]) and not gaps[i + 1].strip()
        ):
            cur.append(tok)
        elif cur:
            runs.append((cur, start))
            cur = []
    if cur:
        runs.append((cur, start))
    return runs


# The runs _runs finds, read by one regular expression instead of a Python step for every token (most
# tokens are lower-case words). A token (_TOKEN) starts at a letter A-Z, a-z, À-ÿ or a digit that no
# such letter precedes in its chunk (a stretch of \w ' ’ . -), and a letter's token runs to the
# chunk's last \w. So a capitalised token (its first letter upper case: A-Z, À-Ö, Ø-Þ) starts at a
# capital that no such letter precedes in its chunk, and a run goes on while white space alone
# separates two of them (anything else between them is punctuation or a token that is not
# capitalised: either ends the run). The pattern starts with the capital, so re skips to the next
# capital in C; a capital right after a letter is inside a token, and the rare one after a digit,
# "_", another script's letter or ' ’ . - is checked back to its chunk's start (_opens_token). × and ÷
# start a token though they are not \w: a sentence with one is walked by _runs.
_CAPITAL, _TOKEN_REST = "[A-ZÀ-ÖØ-Þ]", r"(?>(?:[\w'’.-]*\w)?)"
_CAP_RUN = re.compile(rf"{_CAPITAL}(?<![A-Za-zÀ-ÿ].){_TOKEN_REST}(?:\s+{_CAPITAL}{_TOKEN_REST})*")
_CHUNK = re.compile(r"[\w'’.-]")
_CHUNK_MARKS = "_'’.-"  # with the alphanumerics (\w is str.isalnum and "_"), what a chunk holds
_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")
_TOKEN_START = re.compile(r"[A-Za-zÀ-ÿ\d]")
# "Dewan Keamanan dan Pertahanan": a connector between a run that opens with an organisation's head and the next run.
_CONNECTOR = re.compile(r"\s+(" + "|".join(map(re.escape, _WORDS["org_connectors"])) + r")\s+")


def _opens_token(sentence: str, i: int) -> bool:
    """Whether the capital at ``i`` starts a token: no letter of _TOKEN's first class before it in its chunk."""
    while i and _CHUNK.match(sentence, i - 1):
        i -= 1
        if _LETTER.match(sentence, i):
            return False
    return True


def _name_runs(sentence: str) -> list[tuple[list[str], bool]]:
    """``_runs``, each with whether it opens the sentence (its first token is the sentence's first) for its index."""
    if "\u00d7" in sentence or "\u00f7" in sentence:
        return [(run, start == 0) for run, start in _runs(sentence)]
    runs: list[tuple[list[str], bool]] = []
    end = -1  # where the last run ends
    pos = 0
    while pos >= 0:
        scan, pos = pos, -1
        for m in _CAP_RUN.finditer(sentence, scan):
            start = m.start()
            tokens = m.group(0).split()
            if start and (sentence[start - 1].isalnum() or sentence[start - 1] in _CHUNK_MARKS) and not _opens_token(
                    sentence, start):
                pos = start + len(tokens[0])  # inside a token ("Jean-Pierre"): scan again after it
                break
            if not runs:
                runs.append((tokens, _TOKEN_START.search(sentence, 0, start) is None))
            elif runs[-1][0][0].lower() in ORG_HEADS and (link := _CONNECTOR.match(sentence, end)) and link.end() == start:
                runs[-1][0].append(link.group(1))
                runs[-1][0].extend(tokens)
            else:
                runs.append((tokens, False))
            end = m.end()
    return runs


def _looks_common(tok: str) -> bool:
    if _is_acronym(tok):
        return False  # "AS", "US": a name, though "as" and "us" are English words
    low = tok.lower()
    return low in _COMMON or (low not in GEO and bool(_AFFIXED.match(low)) and not _is_acronym(tok))


def extract_entities(sentence: str) -> list[str]:
    """People, organisations and places named in a sentence, in order, without duplicates."""
    found: list[str] = []
    for run, opens in _name_runs(sentence):
        for name in _cached_run_names(run, opens):
            if name not in found:
                found.append(name)
    return found


# The names of a run depend on its tokens and whether it opens the sentence alone, and runs repeat
# ("Presiden Joko Widodo", "Korea Utara"): about 14k distinct in 37k on the fold, so a cache saves the
# splitting and the gazetteer look-ups of most of them. A dict per value of `opens`, keyed by the tokens
# joined with spaces (a token holds none), rather than an lru_cache keyed by tuples: strings and
# tuples of strings are objects the garbage collector stops tracking, where the lru_cache's key tuples
# and links stay tracked, and their numbers triggered full collections that cost ingest's entity
# extraction about a sixth of its CPU time.
_RUN_NAMES: tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]] = ({}, {})
_RUN_NAMES_MAX = 65536  # entries a table holds before it starts over: a long-running bot's stays bounded


def _cached_run_names(run: list[str], opens: bool) -> tuple[str, ...]:
    table = _RUN_NAMES[opens]
    key = " ".join(run)
    names = table.get(key)
    if names is None:
        if len(table) >= _RUN_NAMES_MAX:
            table.clear()
        names = table[key] = _run_names(run, opens)
    return names


def _run_names(tokens: Sequence[str], opens: bool) -> tuple[str, ...]:
    """The names one capitalised run holds, in order (duplicates kept: extract_entities drops them)."""
    # Half the distinct runs are one word ("Jakarta", "Namun"): what _split_names makes of one, by a few
    # set look-ups. tests/test_entities.py checks both agree.
    return _one_word_names(tokens[0], opens) if len(tokens) == 1 else _split_names(tokens, opens)


def _one_word_names(tok: str, opens: bool) -> tuple[str, ...]:
    """_split_names of a run of one word: nothing for a day, month, title or common word, else the word.

    A common word that is a place's name stays ("Jersey": _split_names pops a common word only where
    no place begins), unless it opens the sentence (then _looks_common drops it).
    """
    low = tok.lower()
    if low in _TIME_WORDS or low.rstrip(".") in TITLE_WORDS:
        return ()
    if low in _COMMON and not _geo_prefix_len([tok], 0):
        return ()
    if opens and _looks_common(tok):
        return ()
    return (tok,)


def _split_names(tokens: Sequence[str], opens: bool) -> tuple[str, ...]:
    """_run_names, the general way: drop leading common and title words, split at places and acronyms."""
    names: list[str] = []
    run = list(tokens)
    start = 0 if opens else 1  # only whether it is 0 counts below
    # Common words capitalised by position ("Namun", "Pasukan Rusia").
    while run and (run[0].lower() in _COMMON or run[0].lower() in _TIME_WORDS) and not _geo_prefix_len(run, 0):
        run.pop(0)
        start += 1
    run = strip_titles(run)
    for part in _split_run(run):
        part = [t for t in strip_titles(part)]
        if not part or (len(part) == 1 and part[0].lower() in _TIME_WORDS):
            continue
        if len(part) == 1 and start == 0 and _looks_common(part[0]):
            continue
        start = -1
        names.append(" ".join(part))
    return tuple(names)


@lru_cache(maxsize=65536)  # claims ask it of every entity of every sentence: 10k distinct in 25k on the fold
def is_person_name(name: str) -> bool:
    """Two to four capitalised words, not a place, with no place, org, title, common or acronym word.

    "Kuala Lumpur", "Rakhine State" and "Permata Hijau" are places, not people.
    """
    toks = name.split()
    if not 2 <= len(toks) <= 4:
        return False
    for i, t in enumerate(toks):
        low = t.lower()
        # A surname may be a common word ("Anifah Aman"); a first name that is one opens a phrase.
        common = low in _STOP if i else low in _COMMON
        if not t[:1].isupper() or _is_acronym(t) or low in GEO or low in ORG_HEADS or low in TITLE_WORDS or common:
            return False
    return not gazetteer.is_place(name) and not any(_geo_prefix_len(toks, i) for i in range(len(toks)))


def entity_kind(name: str) -> str:
    """"place", "org", "person" or "other" for a name ``extract_entities`` returned."""
    toks = name.split()
    if not toks:
        return "other"
    if gazetteer.is_place(name) or _geo_prefix_len(toks, 0) == len(toks):
        return "place"
    if toks[0].lower() in ORG_HEADS or _is_acronym(toks[0]):
        return "org"
    return "person" if is_person_name(name) else "other"


@lru_cache(maxsize=65536)  # claims ask it of every title phrase: 7.5k distinct in 11k on the fold
def person_name(phrase: str) -> str | None:
    """The person named at the end of a title phrase, or None.

    "Sekretaris Jenderal NATO Mark Rutte" -> "Mark Rutte";
    "kepala badan intelijen militer Ukraina Kyrilo Budanov" -> "Kyrilo Budanov".
    A bare surname ("Rutte") returns None: the caller keeps it as written.
    """
    runs = _name_runs(phrase)
    if not runs:
        return None
    run = runs[-1][0]
    parts = _split_run(run)
    last = parts[-1]
    low0 = last[0].lower()
    if low0 in ORG_HEADS or _geo_prefix_len(last, 0) == len(last) or (len(last) == 1 and _is_acronym(last[0])):
        return None
    stripped = strip_titles(last)
    if not stripped or any((t.lower() in _STOP if i else t.lower() in _COMMON) or t.lower() in GEO
                           for i, t in enumerate(stripped)):
        return None
    if len(stripped) >= 2 or len(parts) > 1 or len(stripped) < len(last):
        return " ".join(stripped)
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text.lower())


def mentions(sentence: str, name: str, *, phrase: bool = False) -> bool:
    """Whether ``sentence`` mentions ``name`` as whole words, case-insensitively.

    A person's surname alone matches the full name ("Rutte" ~ "Mark Rutte"),
    and a full name matches a surname query. With ``phrase`` (a place or an
    organisation) only the whole name matches: "Permata Hijau" is not "hijau".
    """
    target = _words(name)
    if not target:
        return False
    words = _words(sentence)
    n = len(target)
    if any(words[i : i + n] == target for i in range(len(words) - n + 1)):
        return True
    if not phrase and is_person_name(name) and len(target) >= 2:
        return target[-1] in words
    return False
