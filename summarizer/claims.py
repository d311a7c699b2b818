"""Numeric claims in Indonesian news: the figure, what it counts, whose, where, who said it.

Written by hand: no library does Indonesian claim extraction. The NER/
relation-extraction stacks (spaCy, Stanza, OpenIE) have no offline
Indonesian models here, and the patterns Indonesian reporting uses for
attribution ("kata X", "menurut X", "X mengatakan", "..., X telah
mengatakan.") are few and regular enough to write down. Everything is
precompiled regexes and small functions over a list of sentences of one
article; no I/O.

Claimant policy: the person or office a figure is attributed to, titles
stripped and surnames resolved to the full name seen in the same article.
Unattributed reporting ("Laporan mengklaim", "dilaporkan", "Dalam laporan
tersebut") gets the generic claimant ``REPORTED`` ("laporan media") so a
user can tell "the media said so" from plain narration (claimant None).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable

from lazy_object_proxy import Proxy

from summarizer import gazetteer
from summarizer.entities import (
    COUNTRY_ALIASES,
    GEO,
    ORG_HEADS,
    extract_entities,
    is_person_name,
    person_name,
)
from summarizer.claim_vocab import claim_vocab, is_root_word
from summarizer.numbers import NumberSpan, _by_first_letter, find_numbers
from summarizer.tokens import STOPWORDS

__all__ = [
    "Claim",
    "ClaimEntry",
    "ClaimGroup",
    "REPORTED",
    "extract_claims",
    "group_claims",
    "canonical_name",
]

REPORTED = "laporan media"

# --- vocabulary --------------------------------------------------------------

# Kinds and head words are data (summarizer/data/claim_kinds.toml), read once here.
_VOCAB = claim_vocab()
TROOP_HEADS = _VOCAB.troop_heads
# Modifiers that stay in a troop noun phrase: "prajurit infanteri".
TROOP_MODIFIERS = _VOCAB.troop_modifiers
PEOPLE_HEADS = _VOCAB.people_general
CASUALTY_HEADS = _VOCAB.casualty_heads
# Roles of people: a count of them may be a count of casualties ("12 penumpang tewas").
PEOPLE_ROLES = _VOCAB.people_roles
# Civilian roles named before "N orang": a count of them is never a force's troops ("200 pembelot").
CIVIL_ROLES = _VOCAB.civil_before
# Military materiel and units: a count of them belongs to a force ("200 rudal" of Iran); other
# counted things ("32 duta besar", "15 anggota") belong to a force only when one is the subject.
MATERIEL_HEADS = _VOCAB.materiel
# Units that make a figure a duration or a measurement, not a count.
SKIP_UNITS = _VOCAB.skip_units
# The words of the grammar below, from data/claim_kinds.toml [figure], [claimant], [place] and [clause].
_FIGURE = _VOCAB.figure
_CLAIMANT_WORDS = _VOCAB.claimant
_PLACE_WORDS = _VOCAB.place
_CLAUSE_WORDS = _VOCAB.clause
FUNCTION_WORDS = frozenset(_FIGURE["function_words"])


def _words_rx(words: Iterable[str]) -> str:
    """A regex alternation of words and phrases, longest first; a space matches any spacing."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _word_rx(word: str) -> str:
    """One listed word or phrase as a regex: a space matches any spacing, a final "*" any ending of the
    word, a part in parentheses is optional ("disebut(kan)", "official(s)"); see data/claim_kinds.toml."""
    rx = re.escape(word).replace(r"\ ", r"\s+")
    if rx.endswith(r"\*"):
        rx = rx[:-2] + r"\w*"
    if "(" not in word:
        return rx
    rx = re.sub(r"\\\((.)\\\)", r"\1?", rx)
    return re.sub(r"\\\((.+?)\\\)", r"(?:\1)?", rx)


def _ordered_rx(words: Iterable[str]) -> str:
    """A regex alternation of words and phrases in their listed order (each as _word_rx reads it)."""
    return "|".join(_word_rx(w) for w in words)


_VERBISH = re.compile(r"^(?:" + _ordered_rx(_FIGURE["verb_prefixes"]) + r")[a-z]{3,}$")


def _looks_verb(word: str) -> bool:
    """A prefixed verb ("mengatakan", "dikirim"), not a noun that only looks like one ("medali", "tersangka")."""
    return bool(_VERBISH.match(word)) and not (
        word in _VOCAB.prefixed_nouns or word in PEOPLE_ROLES or word in TROOP_HEADS or is_root_word(word))


_CASUALTY_AFTER = re.compile(
    r"^(?:\s*(?:" + _ordered_rx(_FIGURE["casualty_after_fillers"]) + r"))*\s*"
    r"(?:" + _words_rx(_VOCAB.casualty_after) + r")\b",
    re.IGNORECASE,
)
_CASUALTY_BEFORE = re.compile(
    r"\b(?:" + _words_rx(_VOCAB.casualty_before) + r")"
    r"(?:\s+(?:" + _ordered_rx(_FIGURE["casualty_before_fillers"]) + r"))*\s*$",
    re.IGNORECASE,
)
_TROOP_CONTEXT = re.compile(r"\b(?:" + _ordered_rx(_FIGURE["troop_verbs"]) + r")\b", re.IGNORECASE)
_ANAPHORA = re.compile(
    r"\b(?:" + _ordered_rx(_FIGURE["anaphora_nouns"]) + r")\s+(?:" + _ordered_rx(_FIGURE["anaphora_determiners"])
    + r")\b|" + "|".join(r"\b" + _word_rx(phrase) + r"\b" for phrase in _FIGURE["anaphora_phrases"]),
    re.IGNORECASE,
)
_PASSIVE_ESTIMATE = re.compile(r"\b(?:" + _ordered_rx(_FIGURE["passive_estimate"]) + r")\b", re.IGNORECASE)

# --- attribution patterns ------------------------------------------------------

_SAYING = _VOCAB.attribution  # the words, from data/claim_kinds.toml [attribution]
_SPEECH_VERB = re.compile(
    r"\b(?:" + _ordered_rx(_SAYING["speech_verbs"]) + "|"
    r"(?:" + _ordered_rx(_SAYING["placing_verbs"]) + r")(?=\s+(?:" + _ordered_rx(_SAYING["placing_objects"]) + "))|"
    + _ordered_rx(_SAYING["speech_verbs_english"]) + r")\b",
    re.IGNORECASE,
)
_CLAIMANT = r"\s*(?P<who>[^,.;:!?“”\"]*)"  # what follows, up to the clause's end
# "kata X", "ujar X", "katanya", "tulisnya"
_SAID_BY = re.compile(r"\b(?:" + _ordered_rx(_SAYING["said_by"]) + r")(?P<nya>nya)?\b" + _CLAIMANT, re.IGNORECASE)
_ACCORDING = re.compile(r"\b(?:" + _ordered_rx(_SAYING["according"]) + r")(?P<nya>nya)?\b" + _CLAIMANT,
                        re.IGNORECASE)
_REPORT = re.compile(r"\b(?:" + _ordered_rx(_SAYING["report"]) + r")\b", re.IGNORECASE)
_QUOTED_BEFORE = "seperti"  # "seperti dikutip X"
_QUOTED_BY = re.compile(r"\b(?:" + _QUOTED_BEFORE + r"\s+)?(?:" + _ordered_rx(_SAYING["quoted"])
                        + r")(?:\s+oleh)?\s+(?P<who>[^,.;:!?“”\"]*)", re.IGNORECASE)
# The words the five patterns above start with: the lists they are built from, and the word before a
# quoting verb. Each starts with the letters before its first other character ("disebut(kan)").
_ATTRIBUTION_LEADS = [
    *(word for name in ("speech_verbs", "placing_verbs", "speech_verbs_english", "said_by", "according", "report",
                        "quoted") for word in _SAYING[name]), _QUOTED_BEFORE]


def _leading_letters(words: Iterable[str]) -> str:
    """A regex alternation of the letters each word or phrase starts with ("disebut" of "disebut(kan)"),
    grouped by first letter; ``[a-z]`` when one starts with another character."""
    leads = {re.match(r"[a-z]*", word.lower()).group(0) for word in words}
    if "" in leads:
        return "[a-z]"
    return _by_first_letter("|".join(sorted(leads, key=lambda lead: (-len(lead), lead))))


# Matches wherever one of the five attribution patterns above does (their alternation,
# group names dropped), behind a cheap word-start check: three sentences in four have
# no attribution, and one scan rules out all five for them. The check is the words they
# start with, not only a letter: most word starts then skip the alternation of some forty
# words (a third of the scan's time).
_ANY_ATTRIBUTION = re.compile(
    r"\b(?=" + _leading_letters(_ATTRIBUTION_LEADS) + ")(?:" + "|".join(
        "(?:" + re.sub(r"\(\?P<\w+>", "(?:", rx.pattern) + ")"
        for rx in (_SPEECH_VERB, _SAID_BY, _ACCORDING, _REPORT, _QUOTED_BY)) + ")",
    re.IGNORECASE,
)
# The same alternation for a lower-cased sentence, matched case-sensitively: about twice as fast, and
# the same answer for every sentence without the four letters IGNORECASE also folds onto ASCII ones.
_ANY_ATTRIBUTION_LOWER = re.compile(_ANY_ATTRIBUTION.pattern)
_IGNORECASE_ODD = re.compile("[\u0130\u0131\u017f\u212a]")  # İ ı ſ K (see tests/test_rank.py)
# Each of the five for a lower-cased sentence, case-sensitively (the same spans, as above): _events
# reads a sentence with an attribution with these, taking what they capture from the sentence itself.
_LOWER_TWIN = {rx: re.compile(rx.pattern) for rx in (_SPEECH_VERB, _SAID_BY, _ACCORDING, _REPORT, _QUOTED_BY)}
_WHO_STOP = re.compile(r"\s+\b(?:" + _ordered_rx(_CLAIMANT_WORDS["stop"]) + r")\b.*$", re.IGNORECASE)
# Where a subject before a speech verb starts.
_SUBJECT_BOUNDARY = re.compile(
    r"[.;:“”\"‘’]|\b(?:" + _ordered_rx(_CLAIMANT_WORDS["subject_boundary"]) + r")\b", re.IGNORECASE)
_LEADING_CONNECTOR = re.compile(r"^(?:(?:" + _ordered_rx(_CLAIMANT_WORDS["leading_connectors"]) + r")\s+)+",
                                re.IGNORECASE)
_SOURCE_NOUN = re.compile(r"^(?i:" + _ordered_rx(_CLAIMANT_WORDS["source_nouns"]) + r")\s+(?=[A-Z])")
_TRAILING_AUX = re.compile(r"(?:\s+(?:" + _ordered_rx(_CLAIMANT_WORDS["trailing_auxiliaries"]) + r"))+$",
                           re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:" + _ordered_rx(_CLAIMANT_WORDS["pronouns"]) + r")$", re.IGNORECASE)
_ROLE_NOUNS = re.compile(r"\b(?:" + _ordered_rx(_CLAIMANT_WORDS["role_nouns"]) + r")\b", re.IGNORECASE)
# A report noun alone or with a determiner ("laporan tersebut"), or another word for the media.
_REPORT_SUBJECT = re.compile(
    r"^(?:" + "|".join(noun + "|" + noun + r"\s+(?:" + _ordered_rx(_CLAIMANT_WORDS["report_determiners"]) + ")"
                       for noun in map(_word_rx, _CLAIMANT_WORDS["report_nouns"]))
    + "|" + _ordered_rx(_CLAIMANT_WORDS["report_others"]) + r")$",
    re.IGNORECASE,
)

# Countries by every spelling, and capitals and seats standing for a country's
# government or forces ("Moskow", "Kremlin"), each to the name the country is
# shown by; from the gazetteer (summarizer/data/gazetteer.json). Built on first
# use (Proxy), not at import.
_COUNTRIES: dict[str, str] = Proxy(lambda: {name: gazetteer.country_name(code)
                                            for name, code in gazetteer.country_spellings().items()})
_FORCE_ALIASES: dict[str, str] = Proxy(lambda: {name: gazetteer.country_name(code)
                                                for name, code in gazetteer.metonyms().items()})
# The names as whole words, case-insensitively (a prefix tree: a regular expression of them took
# 0.05-0.1 s to compile in every process).
_COUNTRY_NAMES: gazetteer.NameMatcher = Proxy(lambda: gazetteer.NameMatcher(list(_COUNTRIES) + list(_FORCE_ALIASES)))
_PREPOSITION_BEFORE = re.compile(r"\b(?:" + _ordered_rx(_PLACE_WORDS["prepositions_before"]) + r")\s+$", re.IGNORECASE)
# A match ends at the end of what is searched and spans at most this many white-space-separated chunks.
_PREPOSITION_CHUNKS = max(len(word.split()) for word in _PLACE_WORDS["prepositions_before"])


def _preposition_before(sentence: str, end: int) -> bool:
    """``_PREPOSITION_BEFORE.search(sentence[:end])``, searched from the last few chunks before ``end`` only.

    Every match ends at ``end`` (``$``), so none starts before them: the same answer without trying the
    alternation at every word before each country name (``search``'s start keeps ``\b`` seeing the
    character before it; the ``endpos`` is the slice's end, where ``$`` matches).
    """
    head = sentence[:end].rsplit(None, _PREPOSITION_CHUNKS)
    start = len(head[0]) if len(head) > _PREPOSITION_CHUNKS else 0
    return _PREPOSITION_BEFORE.search(sentence, start, end) is not None


_FRONTS = _PLACE_WORDS["fronts"]
_FRONT_STARTS = tuple(front.split()[0] for front in _FRONTS)  # "perbatasan", "garis", "medan", "front"
_PLACE = re.compile(
    r"\b(?P<prep>" + _ordered_rx(_PLACE_WORDS["prepositions"]) + r")\s+"
    r"(?:(?:" + _ordered_rx(_PLACE_WORDS["kinds"]) + r")\s+)?"
    r"(?:(?P<front>" + _ordered_rx(_FRONTS) + r")\s*)?"
    r"(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?"
)
# A wish between a figure and "ke X": X is not where they are ("200 orang, yang
# mendesak untuk dikerahkan ke Ukraina"). A plan or future stays a location: the
# "2.600 tentara ... akan dikirim ke wilayah Kursk" are counted as troops in Kursk.
_IRREALIS = re.compile(r"\b(?:" + _ordered_rx(_PLACE_WORDS["irrealis"]) + r")\b", re.IGNORECASE)
# A country as the subject of the relative clause holding the figure:
# "dari Iran, yang telah memasok drone dan setidaknya 200 rudal".
_RELATIVE_SUBJECT = re.compile(r"^,?\s+yang\b[^,;.]*$", re.IGNORECASE)
# What may stand between two figures of one list: "..., serta 273 tank, 44 sistem".
_JOINS = _ordered_rx(_CLAUSE_WORDS["list_joins"])
_LIST_JOIN = re.compile(r"(?:,\s*(?:" + _JOINS + r")?|\s(?:" + _JOINS + r"))\s*$", re.IGNORECASE)
_NEW_CLAUSE = re.compile(r"[,;]\s*(?:" + _ordered_rx(_CLAUSE_WORDS["new_clause"]) + r")\b|[;.!?]\s|[.!?]$",
                         re.IGNORECASE)
_WORD = re.compile(r"[\w’'-]+")
# What happened to counted people: every word of every state, each its own named group ("s0", "s1", ...).
_STATE_NAMES = tuple(_VOCAB.state_words)
_STATE_WORDS = re.compile("|".join(
    rf"(?P<s{i}>\b(?:{_ordered_rx(sorted(_VOCAB.state_words[state], key=len, reverse=True))})\b)"
    for i, state in enumerate(_STATE_NAMES)), re.IGNORECASE)
# How far from the figure a state word is read: words after what is counted, words before the figure.
_STATE_AFTER_WORDS = 6
_STATE_BEFORE_WORDS = 15
_STRONG_STOP = re.compile(r"[;:!?“”\"]|\.\s")


# --- data ----------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    value: int | float  # 10000; a share may be a decimal (59.4)
    qualifier: str | None  # "sekitar", "hampir", "lebih dari", ...
    counted: str  # noun phrase counted, lower-case: "tentara", "prajurit infanteri"
    kind: str  # "troops" | "casualties" | "other"
    force: str | None  # whose forces: "Korea Utara", "Rusia", "Ukraina"
    location: str | None  # "Kursk", "Rusia", "Timur Jauh Rusia", "perbatasan Ukraina"
    claimant: str | None  # "Kirilo Budanov", "Pentagon", REPORTED, ...
    sentence: int  # index into the input sentence list
    text: str  # the figure as written: "sekitar 10.000 tentara"
    state: str | None = None  # what happened to the people counted: "dead", "injured", "missing", "displaced"
    context: str = field(default="", compare=False, repr=False)  # the whole sentence


@dataclass
class ClaimEntry:
    """One figure from one claimant, merged across articles."""

    value: int | float
    qualifier: str | None
    claimant: str | None
    refs: list[Any] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)


@dataclass
class ClaimGroup:
    """Figures of one thing counted, for one owner: keys only, the bot words the label.

    troops at a front: kind "troops", force, ``location`` the place ("Kursk");
    troops elsewhere: kind "troops", force, ``country`` where they are when it is
    not the force's own; casualties: kind "casualties", force; everything else:
    kind ("money", "percent", "other"), force (whose figure, may be None) and
    ``counted`` ("medali emas", "rupiah", "persen"). People whose state the text
    says ("268 orang" dead, "58.362 warga" displaced) are grouped by ``state``
    instead of the noun that counts them (``counted`` None).
    """

    kind: str
    entries: list[ClaimEntry]
    force: str | None = None
    location: str | None = None
    counted: str | None = None
    country: str | None = None
    state: str | None = None


@dataclass
class _Event:
    """An attribution found in a sentence."""

    pos: int  # where it starts
    claimant: str | None
    trailing: bool  # may attribute figures before it
    span: tuple[int, int]  # the claimant phrase, excluded when looking for a force
    weak: bool = False  # "dikutip X": only when nothing else is there
    frame: bool = False  # "Menurut X, ..." opening the sentence: X tells all of it


@dataclass
class _Context:
    """What the article has told us so far."""

    persons: list[str]  # full person names in the article
    orgs: list[str]  # multi-word organisation names
    sentences: list[str]  # the article's, read for title aliases on first use
    last_person: str | None = None
    asked: bool = False  # whether last_speaker() was called since it was last set False
    _aliases: dict[str, str] | None = field(default=None, init=False, repr=False)  # see aliases

    def last_speaker(self) -> str | None:
        """The last person who spoke, for "Dia mengatakan" and "katanya" (noted as asked for)."""
        self.asked = True
        return self.last_person

    @property
    def aliases(self) -> dict[str, str]:
        """"sekretaris jenderal nato" -> "Mark Rutte": read on first use (most articles never ask)."""
        if self._aliases is None:
            self._aliases = _title_aliases(self.sentences)
        return self._aliases


# --- names ---------------------------------------------------------------------


# Phrases of two or more words: one word is one token, and person_name never finds a title before
# a name in it. Written with + rather than * and a test for white space after: the same phrases
# (a capitalised word that no second word follows is consumed by * and not matched by +, and no
# two-word phrase starts inside it), without a Python step for each of the many lone capitalised words.
_TITLE_PHRASE = re.compile(r"[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|" + _ordered_rx(_CLAIMANT_WORDS["title_inner"]) + "))+")


def _build_context(sentences: list[str], entities: list[list[str]] | None = None) -> _Context:
    """Persons and organisations of the article (its title aliases on first use: _title_aliases).

    ``entities`` are ``extract_entities`` of each sentence when the caller has
    them already (analyze_article does): extracting them again here was half
    the cost of claim extraction.
    """
    persons: list[str] = []
    orgs: list[str] = []
    for i, s in enumerate(sentences):
        for ent in entities[i] if entities is not None else extract_entities(s):
            if is_person_name(ent):
                persons.append(ent)
            elif ent.split()[0].lower() in ORG_HEADS and len(ent.split()) > 1:
                orgs.append(ent)
    return _Context(persons=persons, orgs=orgs, sentences=sentences)


def _title_aliases(sentences: list[str]) -> dict[str, str]:
    """Titles by the name a title phrase introduces: "Sekretaris Jenderal NATO Mark Rutte" gives
    "sekretaris jenderal nato" -> "Mark Rutte"."""
    aliases: dict[str, str] = {}
    for s in sentences:
        for m in _TITLE_PHRASE.finditer(s):
            phrase = m.group(0)
            name = person_name(phrase)
            if name and phrase.endswith(name) and phrase != name:
                title = phrase[: -len(name)].strip().lower()
                if title and title.split()[0] not in _CLAIMANT_WORDS["not_titles"]:
                    aliases[title] = name
    return aliases


def _resolve_short(name: str, ctx: _Context) -> str:
    """A surname or an organisation head resolved to the fuller form in the article."""
    toks = name.split()
    if len(toks) == 1:
        cands = [p for p in ctx.persons if p.split()[-1].lower() == toks[0].lower()]
        if cands:
            return Counter(cands).most_common(1)[0][0]
    if toks[0].lower() in ORG_HEADS:
        cands = [o for o in ctx.orgs if o.lower().startswith(name.lower() + " ")]
        if cands:
            return max(cands, key=lambda o: (len(o.split()), ctx.orgs.count(o)))
    return name


# An organisation's name spelled out, then its acronym: "Badan Nasional Penanggulangan Bencana (BNPB)".
_SPELLED_OUT = re.compile(r"[A-Z][\w-]*(?:\s+[\w-]+)+\s*\((?P<acronym>[A-Z][A-Z0-9&-]*[A-Z])\)?")  # ")" stripped


def _clean_claimant(phrase: str, ctx: _Context) -> str | None:
    """Normalise an attribution phrase to a claimant name, or None if it names nobody."""
    phrase = _WHO_STOP.sub("", phrase.strip(" ,.:;\"'“”‘’()"))
    spelled = _SPELLED_OUT.fullmatch(phrase)
    if spelled:
        phrase = spelled.group("acronym")  # the name readers know it by, as other sentences write it
    phrase = _SOURCE_NOUN.sub("", _LEADING_CONNECTOR.sub("", phrase))
    phrase = _TRAILING_AUX.sub("", phrase).strip(" ,")
    if not phrase:
        return None
    if _PRONOUN.match(phrase):
        return ctx.last_speaker()
    if _REPORT_SUBJECT.match(phrase):
        return REPORTED
    low = phrase.lower()
    if low in ctx.aliases:
        return ctx.aliases[low]
    name = person_name(phrase)
    if name:
        return _resolve_short(name, ctx) if len(name.split()) == 1 else name
    if low in COUNTRY_ALIASES and phrase.isupper():
        return COUNTRY_ALIASES[low]
    if not any(w[:1].isupper() for w in phrase.split()) and not _ROLE_NOUNS.search(phrase):
        return None  # "ada yang", "mereka": nobody in particular
    if low in _CLAIMANT_WORDS["nobody"]:
        return None
    if len(phrase.split()) > 6:
        return None  # a clause, not a name
    return _resolve_short(phrase, ctx)


def canonical_name(name: str | None, known: Iterable[str | None]) -> str | None:
    """Merge name variants within a claim set: one form per person, country or office.

    Persons sharing a surname ("Budanov", "Kirilo Budanov", "Kyrilo Budanov")
    map to the most frequent full form; "AS" maps to "Amerika Serikat";
    an organisation prefix ("Kementerian Pertahanan") maps to its longest
    known form ("Kementerian Pertahanan Rusia").
    """
    if not name:
        return None
    low = name.lower()
    if name.isupper() and low in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[low]
    known_list = [k for k in known if k]
    toks = name.split()
    personish = is_person_name(name) or (len(toks) == 1 and toks[0][:1].isupper() and low not in GEO and not name.isupper())
    if personish:
        surname = toks[-1].lower()
        cands = [k for k in known_list if is_person_name(k) and k.split()[-1].lower() == surname]
        if cands:
            counts = Counter(cands)
            return max(counts, key=lambda k: (counts[k], len(k), k))
    if toks[0].lower() in ORG_HEADS:
        cands = [k for k in known_list if k.lower().startswith(low + " ") or k.lower() == low]
        if cands:
            return max(cands, key=lambda k: (len(k.split()), k))
    return name


# --- attribution -------------------------------------------------------------


_ADVERBIAL_START = re.compile(r"(?:" + _ordered_rx(_CLAIMANT_WORDS["adverbial_starts"]) + r")\b", re.IGNORECASE)


def _subject_before(sentence: str, verb_start: int) -> tuple[str, int]:
    """The subject phrase before a speech verb and where it starts."""
    left = sentence[:verb_start]
    cut = 0
    for m in _SUBJECT_BOUNDARY.finditer(left):
        cut = m.end()
    chunk = left[cut:]
    segments = [(cut + m.start(), m.group(0)) for m in re.finditer(r"[^,]+", chunk) if m.group(0).strip()]
    if not segments:
        return "", verb_start
    start, seg = segments[-1]
    # Appositive: "Jenderal Kirilo Budanov, kepala intelijen militer Ukraina, mengatakan".
    if seg.strip()[:1].islower() and len(segments) > 1:
        prev_start, prev = segments[-2]
        # Not an appositive after an adverbial phrase: "Lewat surat itu, kuasa hukum X melaporkan".
        if any(w[:1].isupper() for w in prev.split()) and not _ADVERBIAL_START.match(prev.strip()):
            return prev, prev_start
    return seg, start


def _attribution_text(sentence: str) -> tuple[str, bool, int] | None:
    """What the attribution patterns read (the lower-cased sentence, or the sentence itself when it holds
    İ ı ſ K), whether it is lower-cased, and where the first match of any of them starts; None when no
    attribution pattern can match (one scan)."""
    if _IGNORECASE_ODD.search(sentence):
        text, lowered, m = sentence, False, _ANY_ATTRIBUTION.search(sentence)
    else:
        text = sentence.lower()
        lowered, m = True, _ANY_ATTRIBUTION_LOWER.search(text)
    return (text, lowered, m.start()) if m else None


def _may_attribute(sentence: str) -> bool:
    return _attribution_text(sentence) is not None


def _who(m: re.Match, sentence: str) -> str:
    """The claimant a pattern captured, as written in the sentence (the match may be on its lower-cased copy)."""
    return sentence[m.start("who") : m.end("who")]


def _events(sentence: str, ctx: _Context) -> list[_Event]:
    read = _attribution_text(sentence)
    if read is None:
        return []
    # Each pattern is read from `first` on: _ANY_ATTRIBUTION matches wherever one of them does, so
    # none matches before its first match, and the words before it are not scanned five more times
    # (finditer's pos keeps \b and look-behinds seeing the text before it: the same matches).
    text, lowered, first = read
    pattern = _LOWER_TWIN.__getitem__ if lowered else (lambda rx: rx)
    events: list[_Event] = []
    for m in pattern(_SPEECH_VERB).finditer(text, first):
        subject, start = _subject_before(sentence, m.start())
        claimant = _clean_claimant(subject, ctx) if subject.strip() else None
        if claimant is None:
            bare = subject.strip(" ,").lower()
            if bare not in ("", "dan", "serta") or not events:
                continue
            # Elided subject ("..., dan menambahkan"): the sentence's previous speaker.
            claimant = events[-1].claimant
        trailing = not sentence[m.end() :].strip(" .,!?\"'”’")
        events.append(_Event(m.start(), claimant, trailing, (start, m.start())))
    for rx in (_SAID_BY, _ACCORDING):
        for m in pattern(rx).finditer(text, first):
            if m.group("nya"):
                claimant = ctx.last_speaker()
            else:
                claimant = _clean_claimant(_who(m, sentence), ctx)
            if claimant:
                # "Menurut Sofjan, JK menegaskan ... 55 medali": JK's words as Sofjan tells them;
                # the figure is Sofjan's account. "Namun, menurut X, ..." opens the sentence too.
                frame = rx is _ACCORDING and bool(_FRAME_PREFIX.fullmatch(sentence[: m.start()]))
                events.append(_Event(m.start(), claimant, True, (m.start(), m.end()), frame=frame))
    for m in pattern(_REPORT).finditer(text, first):
        if not any(e.span[0] <= m.start() < e.span[1] for e in events):
            events.append(_Event(m.start(), REPORTED, False, (m.start(), m.end())))
    for m in pattern(_QUOTED_BY).finditer(text, first):
        claimant = _clean_claimant(_who(m, sentence), ctx)
        if claimant:
            events.append(_Event(m.start(), claimant, True, (m.start(), m.end()), weak=True))
    events.sort(key=lambda e: e.pos)
    return events


# What may come before a sentence-opening "menurut": nothing, or one connective and a comma.
_FRAME_PREFIX = re.compile(r"\s*(?:\w+\s*,\s*)?")


def _attribute(events: list[_Event], pos: int) -> _Event | None:
    strong = [e for e in events if not e.weak]
    frame = next((e for e in strong if e.frame and e.pos < pos), None)
    if frame:
        return frame
    before = [e for e in strong if e.pos < pos]
    if before:
        return before[-1]
    after = [e for e in strong if e.pos > pos and e.trailing]
    if after:
        return after[0]
    weak = [e for e in events if e.weak]
    return weak[0] if weak else None


# --- the counted noun phrase ---------------------------------------------------


@dataclass
class _Counted:
    counted: str | None  # None: a bare figure ("menjadi 11.000")
    end: int  # end of the noun phrase in the sentence
    head: str | None
    skip: bool = False  # a duration or measurement


def _is_place(word: str) -> bool:
    low = word.lower()
    return low in GEO or low in COUNTRY_ALIASES or low in _COUNTRIES or low in _FORCE_ALIASES


def _group_name(words: list[tuple[str, int, int]], sentence: str) -> bool:
    """A capitalised word after a figure that names who is counted ("125 ribu Rohingya", "500 WNI").

    Not a place ("22 Indonesia" is a team's age class), not the start of a longer name.
    """
    first = words[0][0]
    if first.lower() in _VOCAB.not_counted or _is_place(first) or not first[:1].isalpha():
        return False
    if len(words) > 1 and not sentence[words[0][2] : words[1][1]].strip() and words[1][0][:1].isupper():
        return False
    return True


def _counted_after(sentence: str, end: int) -> _Counted:
    # At most the first five words are read (a classifier, then a head and up to three more words).
    words = [(m.group(0), m.start(), m.end()) for m in islice(_WORD.finditer(sentence, end), 5)]
    if not words or sentence[end : words[0][1]].strip():
        return _Counted(None, end, None)  # punctuation right after the figure
    low = words[0][0].lower()
    if low in SKIP_UNITS:
        return _Counted(None, words[0][2], None, skip=True)
    if low in _VOCAB.classifiers and len(words) > 1 and not sentence[words[0][2] : words[1][1]].strip():
        words = words[1:]  # "empat keping medali emas": what is counted is "medali emas"
    first, _, first_end = words[0]
    low = first.lower()
    if not first[:1].islower():
        if _group_name(words, sentence):
            return _Counted(first, first_end, low)
        return _Counted(None, end, None)
    if _CASUALTY_AFTER.match(" " + first):
        return _Counted("korban", end, "korban")  # "12.000 tewas", "30 terluka"
    if low in FUNCTION_WORDS or _looks_verb(low):
        return _Counted(None, end, None)
    phrase = [low]
    phrase_end = first_end
    troop = low in TROOP_HEADS
    # A troop phrase takes its modifiers; any other noun phrase at most one more word
    # ("medali emas", "akun twitter", "pos polisi").
    # A role is one word: "tiga menteri hadir" counts "menteri".
    limit = 4 if troop or low in PEOPLE_HEADS else 1 if low in PEOPLE_ROLES else 2
    prev_end = first_end
    for w, s, e in words[1:limit]:
        wl = w.lower()
        if wl in _POSSESSIVE:
            break  # "2 album milik Lamar": the owner follows, not more of what is counted
        if sentence[prev_end:s].strip() or not w[:1].islower():
            break
        if troop or low in PEOPLE_HEADS:
            if wl not in TROOP_MODIFIERS:
                break
        elif wl in FUNCTION_WORDS or _looks_verb(wl) or wl in SKIP_UNITS or _CASUALTY_AFTER.match(" " + w):
            break
        phrase.append(wl)
        phrase_end = e
        prev_end = e
    counted = " ".join(phrase)
    if len(phrase) == 1 and low in _VOCAB.elliptic:
        counted = _VOCAB.elliptic[low]  # "63 perak" in a medal list is "63 medali perak"
    return _Counted(counted, phrase_end, counted.split()[0])


def _is_troop_phrase(counted: str) -> bool:
    words = counted.split()
    return words[0] in TROOP_HEADS or (words[0] in PEOPLE_HEADS and any(w in TROOP_MODIFIERS for w in words[1:]))


def _country_at(text: str) -> str | None:
    name = _COUNTRY_NAMES.match(text)
    if not name or not name[:1].isupper():
        return None
    key = name.lower()
    return _COUNTRIES.get(key) or _FORCE_ALIASES.get(key)


def _force_after(sentence: str, end: int) -> str | None:
    rest = sentence[end:]
    m = re.match(r"\s+(?:dari\s+|milik\s+)?", rest)
    return _country_at(rest[m.end() :]) if m else None


def _force_before(sentence: str, pos: int, exclude: list[tuple[int, int]]) -> str | None:
    """The last country named before the figure as a subject, not after a preposition."""
    found = None
    for start, end in _COUNTRY_NAMES.finditer(sentence, pos):
        if not sentence[start : start + 1].isupper() or any(a <= start < b for a, b in exclude):
            continue
        if _preposition_before(sentence, start) and not _RELATIVE_SUBJECT.match(sentence[end:pos]):
            continue
        key = sentence[start:end].lower()
        found = _COUNTRIES.get(key) or _FORCE_ALIASES.get(key)
    return found


def _normalise_place(name: str) -> str:
    toks = name.split()
    # "Kursk Rusia" -> "Kursk"; "Timur Jauh Rusia" stays a region name.
    if len(toks) == 2 and toks[-1].lower() in _COUNTRIES:
        return toks[0]
    if len(toks) == 1 and toks[0].lower() in COUNTRY_ALIASES and toks[0].isupper():
        return COUNTRY_ALIASES[toks[0].lower()]
    return name


def _location_after(sentence: str, end: int) -> str | None:
    """Most specific place named after the figure, within its clause."""
    rest = sentence[end:]
    stop = _NEW_CLAUSE.search(rest)
    rest = rest[: stop.start()] if stop else rest
    best: tuple[int, str] | None = None
    for m in _PLACE.finditer(rest):
        if m.group("prep").lower() in _PLACE_WORDS["towards"] and _IRREALIS.search(rest[: m.start()]):
            continue
        name = (m.group("name") or "").strip()
        # Trim a capitalised run that runs into a non-place ("Kursk Rusia" is fine).
        words = name.split()
        while words and words[-1].lower() in FUNCTION_WORDS:
            words.pop()
        name = " ".join(words)
        front = m.group("front")
        if front:
            place = f"{front.split()[0].lower() if front.lower().startswith('perbatasan') else front.lower()}"
            if name and front.lower().startswith("perbatasan"):
                place = f"perbatasan {_normalise_place(name)}"
            score = 2
        elif name:
            place = _normalise_place(name)
            score = 1 if place.lower() in _COUNTRIES or place.lower() in _FORCE_ALIASES else 3
        else:
            continue
        if best is None or score > best[0]:
            best = (score, place)
    return best[1] if best else None


# --- extraction ------------------------------------------------------------------


def _kind(sentence: str, span: NumberSpan, counted: _Counted) -> str:
    if span.unit:
        return "percent" if span.unit == _VOCAB.percent_name else "money"
    phrase = counted.counted or ""
    head = counted.head or ""
    before = sentence[: span.phrase[0]]
    after = sentence[counted.end :]
    m = re.match(r"\s+(?:dari\s+)?", after)
    if m and _country_at(after[m.end() :]):
        after = after[m.end() + len(_COUNTRY_NAMES.match(after[m.end() :])) :]  # "tentara Rusia telah terbunuh"
    casualty = (
        head in CASUALTY_HEADS
        or bool(_CASUALTY_BEFORE.search(before[-60:]))
        or bool(_CASUALTY_AFTER.match(re.split(r"[,;.]", after, maxsplit=1)[0][:60]))
    )
    people = _is_troop_phrase(phrase) or head in PEOPLE_HEADS or head in CASUALTY_HEADS or head in PEOPLE_ROLES
    if casualty and people:
        return "casualties"
    if _is_troop_phrase(phrase):
        return "troops"
    return "other"


def _own_state(sentence: str, start: int, end: int, following: int, earlier: list[Claim],
               counted: str) -> str | None:
    """The state of the people a figure counts: the one its counted noun names ("pengungsi"), or, for a
    noun that names none ("orang", "warga"), the one the words around it say (_state)."""
    head = counted.split()[0] if counted else ""
    if head in _VOCAB.state_nouns:
        return _VOCAB.state_nouns[head]
    return _state(sentence, start, end, following, earlier) if head in _VOCAB.state_generic else None


def _state_at(matches: list[re.Match], text: str, pick: int) -> str | None:
    """The state of ``matches[pick]``: None when a word of another state is joined to it ("tewas dan
    luka-luka": the figure counts both)."""
    def state(m: re.Match) -> str:
        return _STATE_NAMES[int(m.lastgroup[1:])]

    found = matches[pick]
    for other in matches[max(pick - 1, 0) : pick] + matches[pick + 1 : pick + 2]:
        if state(other) == state(found):
            continue
        a, b = sorted((other, found), key=lambda m: m.start())
        if _STATE_JOIN.fullmatch(text, a.end(), b.start()):
            return None
    return state(found)


_STATE_SPLIT = re.compile(r",|;|\b(?:" + _JOINS + "|" + _ordered_rx(_CLAUSE_WORDS["new_clause"]) + r")\b", re.IGNORECASE)
_STATE_JOIN = re.compile(r"\s*(?:,\s*)?(?:(?:" + _JOINS + r"|atau|maupun|or|and)\s+)?", re.IGNORECASE)


def _state(sentence: str, start: int, end: int, following: int, earlier: list[Claim]) -> str | None:
    """What happened to the people a figure counts, from the words around it: "326 orang luka-luka" ->
    "injured", "korban meninggal dunia ... mencapai 268 orang" -> "dead" (data/claim_kinds.toml [states]).

    The words after what is counted come first (up to the clause's end or the next figure, which
    starts at ``following``), then those before the figure back to the sentence's previous figure;
    None when neither says one state, or when two states are joined ("tewas dan luka-luka").
    """
    rest = sentence[end:following]
    for stop in (_STRONG_STOP.search(rest), _NEW_CLAUSE.search(rest)):
        if stop:
            rest = rest[: stop.start()]
    if following < len(sentence) and len(rest) == following - end:
        # The next figure's words start at the last comma or join before it ("12 orang dan korban luka 30").
        joins = list(_STATE_SPLIT.finditer(rest))
        rest = rest[: joins[-1].start()] if joins else rest
    words = list(islice(_WORD.finditer(rest), _STATE_AFTER_WORDS))
    after = rest[: words[-1].end()] if words else ""
    matches = list(_STATE_WORDS.finditer(after))
    if matches:
        return _state_at(matches, after, 0)
    found = _previous_figure(sentence, earlier)
    begin = found[1] if found and found[1] <= start else 0
    before = sentence[begin:start]
    if begin:
        # The words right after the previous figure are its own ("12 orang tewas dan 400 warga ..."):
        # read from the first comma or join after it ("12 orang tewas dan korban luka 30 orang").
        split = _STATE_SPLIT.search(before)
        before = before[split.end() :] if split else ""
    cut = 0
    for stop in _STRONG_STOP.finditer(before):
        cut = stop.end()
    before = before[cut:]
    words = list(_WORD.finditer(before))[-_STATE_BEFORE_WORDS:]
    before = before[words[0].start() :] if words else ""
    matches = list(_STATE_WORDS.finditer(before))
    return _state_at(matches, before, len(matches) - 1) if matches else None


# --- prison terms and what a sum of money is ------------------------------------------

_TERMS = _VOCAB.terms  # [terms] of data/claim_kinds.toml
_TERM_UNITS = _words_rx(_VOCAB.term_months)
_TERM_NOUNS = _words_rx(_VOCAB.term_nouns)
_TERM_FILLERS = r"(?:\s+(?:" + _ordered_rx(_TERMS["fillers"]) + r"))*"
# The figure's unit, maybe a second figure of a smaller unit: "6 tahun 6 bulan".
_TERM_UNIT = re.compile(r"\s*(?P<unit>" + _TERM_UNITS + r")\b(?:\s+(?P<more>\d{1,2})\s+(?P<unit2>" + _TERM_UNITS
                        + r")\b)?", re.IGNORECASE)
_TERM_NOUN_AFTER = re.compile(_TERM_FILLERS + r"\s+(?P<noun>" + _TERM_NOUNS + r")\b", re.IGNORECASE)
_TERM_NOUN_BEFORE = re.compile(r"\b(?P<noun>" + _TERM_NOUNS + r")(?:\s+(?:" + _ordered_rx(_TERMS["before_fillers"])
                               + r"))?\s*$", re.IGNORECASE)
_TERM_OLD = re.compile(_TERM_FILLERS + r"(?:\s+(?:" + _TERM_NOUNS + r"))?\s+(?:" + _ordered_rx(_TERMS["to_new"])
                       + r")\b", re.IGNORECASE)
_TERM_AGO = re.compile(r"\s+(?:" + _ordered_rx(_TERMS["ago"]) + r")\b", re.IGNORECASE)
_TERM_STAGES = tuple(_VOCAB.term_stages)
_STAGE_WORDS = re.compile("|".join(
    rf"(?P<t{i}>\b(?:{_ordered_rx(_VOCAB.term_stages[stage])})\b)" for i, stage in enumerate(_TERM_STAGES)),
    re.IGNORECASE)
_STAGE_RIGHT_BEFORE = re.compile(
    r"\b(?:" + "|".join(_ordered_rx(words) for words in _VOCAB.term_stages.values()) + r")"
    r"(?:\s+(?:" + _ordered_rx(_TERMS["stage_fillers"]) + r"))*\s*$", re.IGNORECASE)
# Where a term's clause starts: a strong stop, or a clause word that is not a list join ("sementara").
_TERM_CUT = re.compile(r"[;:!?“”\"]|\.\s|\b(?:" + _ordered_rx(
    [w for w in _CLAUSE_WORDS["new_clause"] if w not in _CLAUSE_WORDS["list_joins"]] + list(_TERMS["cut"]))
    + r")\b", re.IGNORECASE)
# After a duration a stage word comes right before, a lower-case word other than these is what the
# duration is of ("dihukum 6 bulan rehabilitasi"), not a prison term.
_TERM_FREE_AFTER = FUNCTION_WORDS | frozenset(_TERMS["to_person"]) | frozenset(_TERMS["fillers"])
_TO_PERSON = re.compile(r"\s+(?:" + _ordered_rx(_TERMS["to_person"]) + r")\s+(?P<who>[^,.;:!?“”\"()]*)", re.IGNORECASE)
_COURT = re.compile(r"(?:" + _ordered_rx(_TERMS["court"]) + r")\b", re.IGNORECASE)
_TERM_MORE = re.compile(r"\s+(?:(?:" + _JOINS + r")\s+)?$", re.IGNORECASE)  # "satu tahun (dan) enam bulan"
_ACTOR = re.compile(r"\b(?:" + _ordered_rx(_TERMS["actors"]) + r")\b", re.IGNORECASE)
_TERM_NOUN_NAMES = _VOCAB.term_nouns
_DEFAULT_TERM = next(iter(_TERM_NOUN_NAMES.values()))  # "divonis 20 tahun": a prison term
_PURPOSES = tuple(_VOCAB.money_purposes)
_PURPOSE_WORDS = re.compile("|".join(
    rf"(?P<p{i}>\b(?:{_ordered_rx(_VOCAB.money_purposes[name])})\b)" for i, name in enumerate(_PURPOSES)),
    re.IGNORECASE)
# Sums that are part of a person's sentence, as their prison term is: whose they are is the term's.
_SENTENCE_SUMS = ("fine", "restitution")
_PURPOSE_WORDS_BEFORE = 6  # the purpose word and up to five more before the sum


@dataclass
class _Term:
    """A prison term read at a figure: "20 tahun penjara"."""

    months: int
    counted: str  # the term noun's name: "penjara", "kurungan"
    end: int  # where the term's phrase ends
    stage: str | None  # "demanded", "sentenced", "changed", ...
    stage_at: re.Match | None  # the stage word
    clause: int  # where the figure's clause starts
    old: bool = False  # the old term of a change ("dipotong dari 20 tahun menjadi ..."): not a claim


def _term(sentence: str, span: NumberSpan, following: NumberSpan | None = None) -> _Term | None:
    """The prison term a figure gives, if it is one (data/claim_kinds.toml [terms])."""
    if span.unit or span.value != int(span.value):
        return None
    m = _TERM_UNIT.match(sentence, span.end)
    if not m:
        return None
    months = int(span.value) * _VOCAB.term_months[m.group("unit").lower()]
    if m.group("more"):
        months += int(m.group("more")) * _VOCAB.term_months[m.group("unit2").lower()]
    start, end = span.phrase[0], m.end()
    if not m.group("more") and following is not None and following.value == int(following.value) and (
            _TERM_MORE.match(sentence[end : following.phrase[0]]) and not following.unit):
        more = _TERM_UNIT.match(sentence, following.end)  # "satu tahun enam bulan": numbers in words
        if more and _VOCAB.term_months[more.group("unit").lower()] < _VOCAB.term_months[m.group("unit").lower()]:
            months += int(following.value) * _VOCAB.term_months[more.group("unit").lower()]
            end = more.end()
    clause = 0
    for cut in _TERM_CUT.finditer(sentence, 0, start):
        clause = cut.end()
    stages = list(_STAGE_WORDS.finditer(sentence, clause, start))
    stage_at = stages[-1] if stages else None
    stage = _TERM_STAGES[int(stage_at.lastgroup[1:])] if stage_at else None
    if stage == "changed" and _TERM_OLD.match(sentence, end):
        return _Term(months, "", end, stage, stage_at, clause, old=True)
    noun = _TERM_NOUN_AFTER.match(sentence, end)
    if noun:
        return _Term(months, _TERM_NOUN_NAMES[noun.group("noun").lower()], noun.end(), stage, stage_at, clause)
    before = _TERM_NOUN_BEFORE.search(sentence, max(clause, start - 40), start)
    if before:
        return _Term(months, _TERM_NOUN_NAMES[before.group("noun").lower()], end, stage, stage_at, clause)
    if _STAGE_RIGHT_BEFORE.search(sentence, max(clause, start - 60), start) and not _TERM_AGO.match(sentence, end):
        word = _WORD.match(sentence, end + len(sentence[end:]) - len(sentence[end:].lstrip()))
        if word and word.group(0)[:1].islower() and word.group(0).lower() not in _TERM_FREE_AFTER:
            return None  # "dihukum 6 bulan rehabilitasi"
        return _Term(months, _DEFAULT_TERM, end, stage, stage_at, clause)
    return None


def _persons_in(text: str, offset: int, ctx: _Context) -> list[tuple[str, int]]:
    """The persons named in ``text`` (from ``offset`` of the sentence) and where each ends."""
    found = []
    for ent in extract_entities(text):
        if not (is_person_name(ent) or ent in ctx.persons) or _COURT.match(ent):
            continue
        at = text.find(ent)
        if at >= 0:
            name = _resolve_short(ent, ctx) if " " not in ent else ent
            found.append((name, offset + at + len(ent)))
    return found


def _term_person(sentence: str, span: NumberSpan, term: _Term, previous: str | None,
                 ctx: _Context) -> str | None:
    """Whose a term is: the person it is given to after it ("... kepada Eltinus Omaleng"), else the last
    person named in its clause with no court's or prosecutors' verb between them and the figure
    ("Putri Candrawathi divonis 20 tahun", "menuntut Putri Candrawathi 8 tahun"), else, for an object
    pronoun or a pronoun subject ("jaksa menuntutnya 8 tahun", "Ia divonis ..."), ``previous``: the
    article's previous term's person."""
    after = _TO_PERSON.match(sentence, term.end)
    if after:
        who = _WHO_STOP.sub("", after.group("who"))
        found = _persons_in(who, 0, ctx)
        if found:
            return found[0][0]
    start = span.phrase[0]
    for name, end in reversed(_persons_in(sentence[term.clause : start], term.clause, ctx)):
        if not _ACTOR.search(sentence, end, start):
            return name
    stage_word = term.stage_at.group(0).lower() if term.stage_at else ""
    opening = _LEADING_CONNECTOR.sub("", sentence[term.clause : start].strip(" ,"))
    if stage_word.endswith("nya") or _OWNER_PRONOUN.match(opening):
        return previous
    return None


_ACTOR_WORDS = 6  # "Majelis hakim Pengadilan Tipikor Jayapura menjatuhkan": the court's name before its verb


def _term_actor(sentence: str, span: NumberSpan, term: _Term) -> str | None:
    """Who demanded or handed down a term: the prosecutors or the court named right before their verb in
    the term's clause ("Jaksa KPK menuntut ...", "sementara jaksa menuntutnya 8 tahun", "Majelis hakim
    Pengadilan Tipikor Jayapura menjatuhkan vonis ..."). None for a passive term ("divonis 20 tahun")."""
    start = span.phrase[0]
    verbs = list(_ACTOR.finditer(sentence, term.clause, start))
    if not verbs:
        return None
    verb = verbs[-1].start()
    before = sentence[term.clause:verb]
    before = re.split(r"[,;:()“”\"]", before)[-1]
    offset = verb - len(before)
    words = list(_WORD.finditer(before))[-_ACTOR_WORDS:]
    court = next((w for w in words if _COURT.match(w.group())), None)
    if court is None:
        return None
    actor = sentence[offset + court.start():verb].strip(" ,")
    return actor[:1].upper() + actor[1:]


def _money_purpose(sentence: str, start: int, earlier: list[Claim]) -> str | None:
    """What a sum of money is, from the words right before it: "denda Rp 500 juta" -> "fine",
    "kerugian negara ... Rp 21,6 miliar" -> "state_loss" (data/claim_kinds.toml [money.purposes])."""
    found = _previous_figure(sentence, earlier)
    begin = found[1] if found and found[1] <= start else 0
    before = sentence[begin:start]
    before = re.split(r"[,;:.!?()“”\"]", before)[-1]
    words = list(_WORD.finditer(before))[-_PURPOSE_WORDS_BEFORE:]
    if not words:
        return None
    matches = list(_PURPOSE_WORDS.finditer(before, words[0].start()))
    return _PURPOSES[int(matches[-1].lastgroup[1:])] if matches else None


def _civil_role(sentence: str, span: NumberSpan) -> tuple[str, str | None] | None:
    """A civilian role named just before "N orang", and the country right after the role.

    "pembelot Korea Utara yang berjumlah hampir 200 orang" -> ("pembelot", "Korea Utara").
    """
    words = list(_WORD.finditer(sentence, 0, span.phrase[0]))[-7:]
    for m in reversed(words):
        if m.group(0).lower() in CIVIL_ROLES:
            return m.group(0).lower(), _force_after(sentence, m.end())
    return None


def _list_location(sentence: str, start: int, earlier: list[Claim]) -> str | None:
    """The place of the previous figure of the same list ("49.000 tentara di Kursk ..., serta 273 tank")."""
    if not earlier or not earlier[-1].location:
        return None
    prev = earlier[-1]
    end = sentence.find(prev.text) + len(prev.text)
    between = sentence[end:start]
    if end < len(prev.text) or not _LIST_JOIN.search(between) or re.search(r"[;:]", between):
        return None
    return prev.location


# Claim kinds that count people of a side: a bare figure may refer back to them.
_PEOPLE_KINDS = ("troops", "casualties")
_REFERENCE_BEFORE = re.compile(r"\b(?:" + _words_rx(_VOCAB.references) + r")\.?\s*(?:-\s*)?$", re.IGNORECASE)
# A match ends where the figure starts and spans at most this many white-space-separated chunks: the
# reference's words and a separate "-" (a "." follows the reference without white space).
_REFERENCE_CHUNKS = max(len(ref.split()) for ref in _VOCAB.references) + 1


def _reference_before(sentence: str, pos: int) -> bool:
    """``_REFERENCE_BEFORE.search(sentence, 0, pos)``, searched from the last few chunks before ``pos`` only.

    Every match ends at ``pos``, so none starts before them: the same answer without trying the
    alternation at every word of the sentence before each figure (``search``'s start keeps ``\\b``
    seeing the character before it).
    """
    head = sentence[:pos].rsplit(None, _REFERENCE_CHUNKS)
    start = len(head[0]) if len(head) > _REFERENCE_CHUNKS else 0
    return _REFERENCE_BEFORE.search(sentence, start, pos) is not None
# Between two figures of one list, with an optional owner of the second: "), Thailand (",
# ", 4 perak, dan ", "; Singapura dengan ".
_LIST_JOIN_WORD = "|".join(rf"\b{re.escape(w)}\b" for w in _CLAUSE_WORDS["list_joins"])  # "\bserta\b|\bdan\b"
_LIST_ITEM = re.compile(
    rf"^\)?\s*(?:,|{_LIST_JOIN_WORD})(?:\s*(?:,|{_LIST_JOIN_WORD}))*\s*"
    r"(?:(?P<owner>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s*(?:\(|\b(?:"
    + _ordered_rx(_VOCAB.owner["list_item_links"]) + r")\b)?)?\s*$")


def _counts_people_or_arms(head: str | None) -> bool:
    return head in PEOPLE_HEADS or head in PEOPLE_ROLES or head in MATERIEL_HEADS or head in TROOP_HEADS


def _previous_figure(sentence: str, earlier: list[Claim]) -> tuple[Claim, int] | None:
    """The sentence's previous figure and where its text ends in the sentence."""
    if not earlier:
        return None
    prev = earlier[-1]
    start = sentence.find(prev.text)
    return (prev, start + len(prev.text)) if start >= 0 else None


def _list_item(sentence: str, span: NumberSpan, earlier: list[Claim]) -> tuple[Claim, str | None] | None:
    """The previous figure of the same list and the owner named between them, if this figure is a list item."""
    found = _previous_figure(sentence, earlier)
    if found is None:
        return None
    prev, end = found
    m = _LIST_ITEM.match(sentence[end : span.phrase[0]])
    if not m:
        return None
    owner = m.group("owner")
    if owner:
        owner = _country_at(owner) or owner
    return prev, owner


_CLAUSE_CUT = re.compile(r"[.;:!?](?=\s)|[\"“”(]|\b(?:" + _ordered_rx(_CLAUSE_WORDS["cut"]) + r")\b", re.IGNORECASE)


def _owner_before(sentence: str, pos: int, exclude: list[tuple[int, int]], ctx: _Context,
                  antecedent: Callable[[], str | None] | None = None) -> str | None:
    """Whose the figure is: a country named before it as a subject, else the clause's named subject.

    "Posisi Indonesia berada di peringkat kelima dengan 38 medali emas" -> Indonesia;
    "INASGOC menargetkan Rp 500 miliar" -> INASGOC; "Saat ini Hendri memiliki 3 burung" -> Hendri
    (a time word opening the clause is skipped); "kekayaan Setya Novanto mencapai ..." -> Setya
    Novanto (the named possessor of a possessed head); "Ia didakwa merugikan negara 7,3 juta dolar
    AS" -> ``antecedent()``, the person the sentences before are about. None when the clause has
    no named subject.
    """
    before = sentence[:pos]
    # The pattern ends in "(" and white space: tested first, the search is rare.
    paren = before.rstrip().endswith("(") and re.search(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s*\(\s*$", before)
    if paren:  # "Malaysia (145 medali emas)"
        return _country_at(paren.group(1)) or paren.group(1)
    country = _force_before(sentence, pos, exclude)
    if country:
        return country
    cut = 0
    for m in _CLAUSE_CUT.finditer(sentence, 0, pos):
        cut = m.end()
    segments = [m for m in re.finditer(r"[^,]+", sentence[cut:pos]) if m.group(0).strip()]
    for seg in reversed(segments[-2:]):
        start = cut + seg.start()
        if any(a <= start < b for a, b in exclude):
            continue
        text = _OWNER_OPENER.sub("", _LEADING_CONNECTOR.sub("", seg.group(0).strip()))
        if _OWNER_PRONOUN.match(text):
            return antecedent() if antecedent is not None else None
        name = _subject_name(text, ctx)
        if name:
            return name
    return None


def _subject_name(text: str, ctx: _Context) -> str | None:
    """The owner a clause's subject names, ``text`` starting at the subject (connectors stripped)."""
    head = _POSSESSED_HEAD.match(text)
    if head:
        text = text[head.end() :]
    m = _NAME_AT.match(text)
    if not m:
        return None
    name = m.group(0)
    if " " not in name and not name.isupper() and (is_root_word(name) or name.lower() in STOPWORDS["id"]):
        return None  # "Ya, dari lima ajang": a capitalised common word
    owner = _owner_name(name)
    if owner != name:
        return owner  # a country, or a national team's
    if name in ctx.persons or name in ctx.orgs or name.isupper() or _is_place(name) or (
            " " in name and is_person_name(name)):
        return _owner_name(name)
    known = [e for e in extract_entities(text[: m.end() + 1]) if name.startswith(e) or e.startswith(name)]
    return _owner_name(known[0]) if known else None


def _owner_name(name: str) -> str:
    """A name as an owner: the country it starts with (or stands for), and a national team's country
    ("Timnas Voli Indonesia" -> Indonesia: a team word, then the country last)."""
    country = _country_at(name)
    if country or name.split(None, 1)[0].lower() not in _TEAM_HEADS:
        return country or name
    last = None
    for last in _COUNTRY_NAMES.finditer(name):
        pass
    if last is None or last[1] != len(name):
        return name
    key = name[last[0] :].lower()
    return _COUNTRIES.get(key) or _FORCE_ALIASES.get(key) or name


def _owner_fronted(sentence: str, pos: int, end: int, ctx: _Context) -> str | None:
    """The subject after a sentence-opening phrase that holds the figure: "Dalam delapan pertandingan
    terakhir di Championship, Newcastle hanya meraih dua kemenangan" -> Newcastle.

    Not when the phrase points back ("Dari dua nama tersebut, Nolito ..."): a part of something
    already counted.
    """
    if not _FRONTED.fullmatch(sentence, 0, pos):
        return None
    comma = sentence.find(",", end)
    if comma < 0 or _POINTING_BACK.search(sentence, end, comma):
        return None
    return _subject_name(_OWNER_OPENER.sub("", _LEADING_CONNECTOR.sub("", sentence[comma + 1 :].strip())), ctx)


# "... berhasil diperoleh Triady Fauzi Sidik", "... disumbangkan oleh Agus Prayogo": the
# passive verb right after the counted phrase (adverbs aside) and the name after it.
_OWNER_AFTER = re.compile(
    r"\s+(?:(?:" + _ordered_rx(_VOCAB.owner["passive_auxiliaries"]) + r")\s+)*(?P<verb>[a-z]+)\s+(?:(?:"
    + _ordered_rx(_VOCAB.owner["passive_by"]) + r")\s+)?(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})")


def _owner_after(sentence: str, end: int) -> str | None:
    """Whose a thing is when a passive names the winner after it: "Satu medali perak diperoleh X" -> X."""
    m = _OWNER_AFTER.match(sentence, end)
    if not m or m.group("verb") not in _VOCAB.owner_passives:
        return None
    name = m.group("name")
    return _country_at(name) or name


_OWNER_WORDS = _VOCAB.owner  # [owner] of data/claim_kinds.toml
_POSSESSIVE = frozenset(_OWNER_WORDS["possessive"])
_MEMBERS = frozenset(_OWNER_WORDS["members"])
_TEAM_HEADS = frozenset(_OWNER_WORDS["team_heads"])
# A sentence opened by a phrase holding the figure: "Ya, dari lima ajang SEA Games ..., Timnas ...".
_FRONTED = re.compile(r"(?:\w+\s*,\s*)?(?:" + _words_rx(_OWNER_WORDS["fronted"]) + r")\s+(?:[a-z][\w-]*\s+){0,2}",
                      re.IGNORECASE)
_POINTING_BACK = re.compile(r"\b(?:" + _words_rx(_OWNER_WORDS["pointing_back"]) + r")\b", re.IGNORECASE)
_NOT_OWNERS = frozenset(_OWNER_WORDS["not_owners"])
_NAME = r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}"
_NAME_AT = re.compile(r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*")
_OWNER_OPENER = re.compile(r"^(?:(?:" + _words_rx(_OWNER_WORDS["openers"]) + r")\b\s*,?\s*)+", re.IGNORECASE)
_OWNER_PRONOUN = re.compile(r"(?:" + _words_rx(_OWNER_WORDS["pronouns"]) + r")\b", re.IGNORECASE)
# A team word in lower case only: a capitalised "Timnas ..." opening a sentence is a name of its own.
_POSSESSED_HEAD = re.compile(r"(?i:" + _words_rx(_OWNER_WORDS["possessed_heads"]) + r")\s+(?=[A-Z])|"
                             r"(?:" + _words_rx(_OWNER_WORDS["team_heads"]) + r")\s+(?=[A-Z])")
# "satu mobil Mitsubishi Pajero Sport milik Rohadi": up to five words (no figure, no punctuation)
# after what is counted, then the possessive and the owner's name.
_POSSESSIVE_AFTER = re.compile(r"(?:\s+[^\W\d][\w-]*){0,5}?\s+(?:" + _words_rx(_POSSESSIVE) + r")\s+(?P<name>" + _NAME + r")"
                               r"(?!\s*(?:,|\bdan\b|\bserta\b)\s*[A-Z])")  # "milik Spanyol dan Denmark": two owners
# "dua pemimpin KPK": an organisation or person named right after what is counted is its owner.
_ROLE_OF = re.compile(r"\s+(?P<name>" + _NAME + ")")
_HAVING_BEFORE = re.compile(r"\b(?:" + _words_rx(_OWNER_WORDS["having"]) + r")\s+$", re.IGNORECASE)
_NESTED = re.compile(r"(?:\s+[a-z][\w-]*){0,3}?\s+(?:" + _words_rx(_OWNER_WORDS["nested"]) + r")\s+")


def _owner_named_after(sentence: str, end: int, head: str | None, ctx: _Context) -> str | None:
    """An owner named after what is counted: "... milik Rohadi" -> Rohadi, "dua pemimpin KPK" -> KPK.

    The possessive follows the counted phrase by at most five words and no verb ("10 musisi akan
    berkolaborasi membawakan lagu-lagu milik Slank" are not Slank's).

    Right after counted people (a genitive) only an organisation counts: an acronym or a name the
    article uses as one ("enam anggota Komite Eksekutif FIFA"). After things a name there is
    mostly what they are of, not whose ("dua gelar Liga Champions", "lima piala Grammy Awards").
    """
    m = _POSSESSIVE_AFTER.match(sentence, end)
    if m and not any(_looks_verb(w.lower()) for w in _WORD.findall(sentence, end, m.start("name"))):
        return _country_at(m.group("name")) or m.group("name")
    if head in PEOPLE_ROLES or head in PEOPLE_HEADS or head in _MEMBERS:
        m = _ROLE_OF.match(sentence, end)
        if m:
            name = m.group("name")
            acronym = len(name) > 1 and name.isupper() and name.lower() not in _NOT_OWNERS
            if acronym or name in ctx.orgs or name.split()[0].lower() in ORG_HEADS:
                return name
    return None


def _having_before(sentence: str, pos: int) -> bool:
    """A verb of having right before the figure: "Bank Mandiri baru memiliki 300 ribu EDC"."""
    return _HAVING_BEFORE.search(sentence, max(0, pos - 16), pos) is not None


def _nested_in(sentence: str, span: NumberSpan, earlier: list[Claim]) -> Claim | None:
    """The sentence's previous figure when this one sits inside its noun phrase: "tujuh poin dari tiga laga"."""
    found = _previous_figure(sentence, earlier)
    return found[0] if found and _NESTED.fullmatch(sentence, found[1], span.phrase[0]) else None


def _previous_subject(sentences: list[str], idx: int, ctx: _Context) -> str | None:
    """The person a pronoun subject in sentence ``idx`` stands for: a named person opening one of the
    two sentences before ("Setya Novanto, pemohon ..., telah menjalani sidang. Ia didakwa ...").

    None when the nearer of them opens with a named subject that is not a person.
    """
    for j in range(idx - 1, max(idx - 3, -1), -1):
        text = _OWNER_OPENER.sub("", _LEADING_CONNECTOR.sub("", sentences[j].lstrip(" \"“'‘(")))
        m = _NAME_AT.match(text)
        if not m or _OWNER_PRONOUN.fullmatch(m.group(0)):
            continue
        name = m.group(0)
        if name in ctx.persons or (" " in name and is_person_name(name)):
            return _resolve_short(name, ctx) if " " not in name else name
        if " " not in name and (is_root_word(name) or name.lower() in STOPWORDS["id"]):
            continue  # "Dalam sidang itu ...": no named subject
        return None
    return None


def extract_claims(sentences: list[str], entities: list[list[str]] | None = None) -> list[Claim]:
    """Numeric claims in one article's sentences (in order), attributed where the text allows.

    ``entities``, when given, must be ``extract_entities`` of each sentence (reused, not recomputed).
    """
    if entities is not None and len(entities) != len(sentences):
        raise ValueError("entities must have one list per sentence")
    figures = [find_numbers(sentence, units=True) for sentence in sentences]
    # Every claim is a figure: the sentences after the last one that holds a figure cannot
    # change a claim (their speakers would only be remembered for later sentences), so they
    # are not read, and an article without figures is not read at all.
    last = max((i for i, spans in enumerate(figures) if spans), default=-1)
    if last < 0:
        return []
    ctx = _build_context(sentences, entities)
    claims: list[Claim] = []
    unread: list[int] = []  # sentences without figures whose attributions are not read yet
    for idx, sentence in enumerate(sentences[: last + 1]):
        if not figures[idx]:
            unread.append(idx)  # read only if a later sentence asks who spoke last (_figure_events)
            continue
        events = _figure_events(sentences, idx, unread, ctx)
        sentence_claims: list[Claim] = []
        consumed = 0  # where the sentence's last prison term ends
        for n, span in enumerate(figures[idx]):
            following = figures[idx][n + 1].phrase[0] if n + 1 < len(figures[idx]) else len(sentence)
            if span.phrase[0] < consumed:
                continue  # the months of "6 tahun 6 bulan penjara": read with the years
            if _reference_before(sentence, span.phrase[0]):
                continue  # "pasal 27", "peringkat 167", "U-22": a reference, not a count
            term = _term(sentence, span, figures[idx][n + 1] if n + 1 < len(figures[idx]) else None)
            if term is not None:
                consumed = term.end
                if not term.old:
                    event = _attribute(events, span.start)
                    previous = next((c.force for c in reversed(claims + sentence_claims) if c.kind == "term"), None)
                    sentence_claims.append(Claim(
                        value=term.months, qualifier=span.qualifier, counted=term.counted, kind="term",
                        force=_term_person(sentence, span, term, previous, ctx), location=None,
                        claimant=event.claimant if event else _term_actor(sentence, span, term), sentence=idx,
                        text=sentence[span.phrase[0] : term.end], state=term.stage, context=sentence))
                continue
            counted = (_Counted(span.unit, span.end, span.unit) if span.unit
                       else _counted_after(sentence, span.end))
            if counted.skip:
                continue
            event = _attribute(events, span.start)
            claimant = event.claimant if event else None
            exclude = [event.span] if event else []
            exclude += [e.span for e in events]
            antecedent = None
            recent = [c for c in claims if c.kind in _PEOPLE_KINDS and idx - c.sentence <= 3]
            if sentence_claims and sentence_claims[-1].kind in _PEOPLE_KINDS:
                antecedent = sentence_claims[-1]
            elif recent:
                antecedent = recent[-1]
            item = _list_item(sentence, span, sentence_claims)
            if counted.counted is None and item is not None:
                # "Malaysia (145 medali emas), Thailand (72)": a bare figure in a list counts
                # what the list's previous figure counts, for the owner named before it.
                previous, owner = item
                location = _location_after(sentence, span.end)
                kind, what, force = previous.kind, previous.counted, owner or previous.force
                state = _own_state(sentence, span.phrase[0], span.end, following, sentence_claims, what) or previous.state
                text_end = span.end
            elif counted.counted is None:
                # A bare figure takes what it counts from the figure it refers back to.
                if antecedent is None or span.value < 50 or span.raw.isalpha():
                    continue
                location = _location_after(sentence, span.end) or antecedent.location
                kind, what, force = antecedent.kind, antecedent.counted, antecedent.force
                state = _own_state(sentence, span.phrase[0], span.end, following, sentence_claims, what) or antecedent.state
                text_end = span.end
            else:
                what = counted.counted
                kind = _kind(sentence, span, counted)
                state = None if kind == "troops" else _own_state(
                    sentence, span.phrase[0], counted.end, following, sentence_claims, what)
                if state in _VOCAB.state_casualties:
                    kind = "casualties"  # "151 orang masih dalam pencarian", "korban meninggal ... 268 orang"
                force = _force_after(sentence, counted.end)
                if force is None and kind not in _PEOPLE_KINDS:
                    force = _owner_named_after(sentence, counted.end, None if span.unit else counted.head, ctx)
                # "X memiliki N ...": had, so X's, whether people, arms or things.
                having = force is None and kind not in _PEOPLE_KINDS and _having_before(sentence, span.phrase[0])
                if force is None and not having and (kind in _PEOPLE_KINDS or counted.head in MATERIEL_HEADS):
                    force = _force_before(sentence, span.phrase[0], exclude)
                nested = None if item or force is not None or kind in _PEOPLE_KINDS else _nested_in(
                    sentence, span, sentence_claims)
                if nested is not None:
                    force = nested.force  # "tujuh poin dari tiga laga", "11.000 atlet dari 45 negara"
                elif force is None and kind not in _PEOPLE_KINDS and (having or not _counts_people_or_arms(counted.head)):
                    # Medals, money, things: whose they are is the clause's subject, or the
                    # owner of the previous figure of the same list ("7 emas, 4 perak").
                    # People are nobody's ("Delegasi Jepang memberi pengarahan kepada 27 duta besar").
                    taken = [(sentence.find(c.text), sentence.find(c.text) + len(c.text)) for c in sentence_claims]
                    force = (item[1] or item[0].force) if item else _owner_before(
                        sentence, span.phrase[0], exclude + taken, ctx,
                        lambda: _previous_subject(sentences, idx, ctx)) or _owner_after(sentence, counted.end) or (
                        _owner_fronted(sentence, span.phrase[0], counted.end, ctx))
                location = _location_after(sentence, counted.end) or _list_location(
                    sentence, span.phrase[0], sentence_claims
                )
                text_end = counted.end
                if counted.head in _VOCAB.people_bare and kind != "casualties":
                    role = _civil_role(sentence, span)
                    if role:
                        (what, force), kind = role, "other"
                        state = _VOCAB.state_nouns.get(what, state)  # "pengungsi ... 300 orang"
                    elif _force_after(sentence, counted.end) and _TROOP_CONTEXT.search(sentence):
                        kind = "troops"
            if kind == "money":
                state = _money_purpose(sentence, span.phrase[0], sentence_claims)
                term_before = next((c for c in reversed(sentence_claims) if c.kind == "term"), None)
                if term_before is None and force is None:
                    term_before = next((c for c in reversed(claims) if c.kind == "term" and idx - c.sentence <= 2),
                                       None)  # "Hakim juga menjatuhkan denda Rp 300 juta": the sentenced one's
                if state in _SENTENCE_SUMS and term_before is not None and term_before.force:
                    force = term_before.force  # "menuntut X 8 tahun penjara dan denda Rp 500 juta": X's fine
            if claimant is None and antecedent is not None and (
                counted.counted is None or _ANAPHORA.search(sentence) or _PASSIVE_ESTIMATE.search(sentence)
            ):
                claimant = antecedent.claimant
            claim = Claim(
                value=span.value,
                qualifier=span.qualifier,
                counted=what,
                kind=kind,
                force=force,
                location=location,
                claimant=claimant,
                sentence=idx,
                text=sentence[span.phrase[0] : text_end],
                state=state,
                context=sentence,
            )
            sentence_claims.append(claim)
        claims.extend(sentence_claims)
        if _remember_speaker(events, ctx):
            unread.clear()  # the sentences before no longer decide who spoke last
    return claims


def _remember_speaker(events: list[_Event], ctx: _Context) -> bool:
    """Remember the last person who spoke, for "Dia mengatakan" later on; whether one did."""
    spoke = False
    for e in events:
        if e.claimant and (is_person_name(e.claimant) or e.claimant in ctx.persons):
            ctx.last_person = e.claimant
            spoke = True
    return spoke


def _figure_events(sentences: list[str], idx: int, unread: list[int], ctx: _Context) -> list[_Event]:
    """The attributions of sentence ``idx``, which holds figures, as if every sentence before it had been read.

    A sentence without figures gives no claim: its attributions matter only through the last person
    who spoke in it (``ctx.last_person``), and only to a sentence that asks for that person ("Dia
    mengatakan", "katanya"). So those sentences (``unread``, in order) are read only when this one
    asks, and read again after them; most never do. Not asked, its attributions are the same whoever
    spoke last. ``unread`` is emptied once read.
    """
    ctx.asked = False
    events = _events(sentences[idx], ctx)
    if ctx.asked and unread:
        for j in unread:
            _remember_speaker(_events(sentences[j], ctx), ctx)
        unread.clear()
        events = _events(sentences[idx], ctx)
    return events


# --- grouping ---------------------------------------------------------------------

_KIND_ORDER = {kind: i for i, kind in enumerate(_VOCAB.kinds)}
_STATE_ORDER = {state: i for i, state in enumerate(_VOCAB.states)}
_TERM_STAGE_ORDER = {stage: i for i, stage in enumerate(_TERMS["order"])}
_TERM_NOUN_ORDER = {name: i for i, name in enumerate(dict.fromkeys(_VOCAB.term_nouns.values()))}  # penjara first
# Kinds whose groups keep what is counted beside their state: prison terms, sums of money.
_STAGED_KINDS = ("term", "money")


def _is_front(location: str | None) -> bool:
    """A place inside the war zone (a town/oblast or a border/front line), not a country."""
    if not location:
        return False
    low = location.lower()
    if low.startswith(_FRONTS):
        return True
    toks = location.split()
    if low in _COUNTRIES or low in _FORCE_ALIASES:
        return False
    # "Timur Jauh Rusia": a region of a country, counted with the country.
    return not (len(toks) > 1 and toks[-1].lower() in _COUNTRIES)


def _country_of(location: str | None) -> str | None:
    if not location:
        return None
    toks = location.split()
    key = toks[-1].lower()
    return _COUNTRIES.get(key) or _COUNTRIES.get(location.lower())


def _sentenced_names(names: Iterable[str | None]) -> dict[str, str]:
    """One name a person sentenced: "Mimika Eltinus Omaleng" (a place before the name) and "Eltinus
    Omaleng" are the shortest of two words or more that the others end with ("Ferdy Sambo", not "Sambo")."""
    known = {n for n in names if n}
    split = {n: n.split() for n in known}
    merged = {}
    for name, words in split.items():
        ends = [o for o, ow in split.items() if len(ow) >= 2 and len(ow) <= len(words) and words[-len(ow):] == ow]
        shorter = [o for o, ow in split.items() if len(words) < 2 and len(ow) > len(words) and ow[-len(words):] == words]
        best = min(ends, key=lambda o: (len(split[o]), o)) if ends else (min(shorter, key=lambda o: (len(split[o]), o))
                                                                          if shorter else name)
        if best != name:
            merged[name] = best
    return merged


def group_claims(
    claims: list[tuple[Claim, Any]], kinds: Iterable[str] | None = None
) -> list[ClaimGroup]:
    """Group claims for display: troops (sent vs at a front) first, then casualties, then other.

    Figures of people whose state is known (``Claim.state``) group by it within their kind,
    in data/claim_kinds.toml's order of states: the dead, then the injured, the missing, ...

    Each (value, claimant) appears once per group, with every article ref it
    came from; entries are sorted by value so conflicting estimates sit
    side by side. ``kinds`` limits the output (e.g. ``("troops", "casualties")``).
    """
    wanted = set(kinds) if kinds is not None else None
    known = [c.claimant for c, _ in claims]
    canonical: dict[str | None, str | None] = {}
    # Front places per force: a border/front mention joins the force's main front.
    fronts: dict[str | None, Counter] = {}
    for c, _ in claims:
        if c.kind == "troops" and _is_front(c.location) and not c.location.lower().startswith(_FRONT_STARTS):
            fronts.setdefault(c.force, Counter())[c.location] += 1

    sentenced = _sentenced_names(c.force for c, _ in claims if c.kind == "term" or c.state in _SENTENCE_SUMS)
    groups: dict[tuple, ClaimGroup] = {}
    for claim, ref in claims:
        if wanted is not None and claim.kind not in wanted:
            continue
        if claim.force in sentenced:
            claim = replace(claim, force=sentenced[claim.force])
        country = None
        if claim.kind == "troops":
            if _is_front(claim.location):
                place = claim.location
                if place.lower().startswith(_FRONT_STARTS) and fronts.get(claim.force):
                    place = fronts[claim.force].most_common(1)[0][0]
                key = ("troops", claim.force, 1, place)
            else:
                key = ("troops", claim.force, 0, None)
                country = _country_of(claim.location)
                if country == claim.force:
                    country = None
        elif claim.kind in _STAGED_KINDS:
            # A person's prison terms by stage and noun; sums of money by what they are (fines apart
            # from state losses) and currency.
            key = (claim.kind, claim.force, 0, claim.counted, claim.state)
        elif claim.kind == "casualties" or claim.state:
            # One group a state: the dead apart from the injured, whatever noun counts them.
            key = (claim.kind, claim.force, 0, None, claim.state)
        else:
            key = (claim.kind, claim.force, 0, claim.counted)
        group = groups.get(key)
        if group is None:
            group = groups[key] = ClaimGroup(
                kind=claim.kind, entries=[], force=claim.force,
                location=key[3] if claim.kind == "troops" else None,
                counted=key[3] if claim.kind not in ("troops", "casualties") else None, country=country,
                state=claim.state)
        elif country and not group.country:
            group.country = country  # prefer the figures that say where the troops are
        # One scan of the known names per distinct claimant, not per claim (quadratic at 10k claims).
        if claim.claimant not in canonical:
            canonical[claim.claimant] = canonical_name(claim.claimant, known)
        who = canonical[claim.claimant]
        entry = next((e for e in group.entries if e.value == claim.value and e.claimant == who), None)
        if entry is None:
            entry = ClaimEntry(value=claim.value, qualifier=claim.qualifier, claimant=who)
            group.entries.append(entry)
        if entry.qualifier is None:
            entry.qualifier = claim.qualifier
        if ref not in entry.refs:
            entry.refs.append(ref)
        if claim.context and claim.context not in entry.sentences:
            entry.sentences.append(claim.context)
        if claim.text not in entry.texts:
            entry.texts.append(claim.text)
        if claim.location and claim.location not in entry.locations:
            entry.locations.append(claim.location)

    for g in groups.values():
        g.entries.sort(key=lambda e: (e.value, e.claimant is None, (e.claimant or "").lower()))
    def order(kv: tuple[tuple, ClaimGroup]) -> tuple:
        key, group = kv
        if group.kind == "term":  # each person's terms together, in the order of a trial
            return (_KIND_ORDER.get(key[0], len(_KIND_ORDER)), group.force is None, group.force or "",
                    _TERM_STAGE_ORDER.get(group.state, len(_TERM_STAGE_ORDER)), _TERM_NOUN_ORDER.get(group.counted, 0))
        return (_KIND_ORDER.get(key[0], len(_KIND_ORDER)), key[2], _STATE_ORDER.get(group.state, len(_STATE_ORDER)),
                -len(group.entries), group.force is None, group.force or "", group.location or group.counted or "")

    ordered = sorted(groups.items(), key=order)
    return [g for _, g in ordered]
