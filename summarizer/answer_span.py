"""The answer phrase inside an answer sentence: what the reply highlights.

For a question with an answer type (how many, who, when, where, which), the
phrase is the best new answer of that type the sentence offers, as
`summarizer.qa.answer_candidates` finds it, widened to what a reader wants to
see at a glance: a figure with its scale and unit ("Rp 6,5 miliar", "2.600
tentara", "74 juta jiwa"), a whole name ("Laksamana Muda TNI Y Didik Heru
Purnomo" after its title is the part the question did not name), a date
("Jumat (26/8)", "24 April 2005"). Where the wording says more than the type,
the phrase follows it: the place of the kind asked ("Di provinsi mana"), the
chain of places for "Dimana letak ...", an organisation for "Badan apa", the
other side of a bracket for "Apakah kepanjangan BPS?" (docs/qa.md, "The
highlight against FacQA's spans"). Pure: a (start, end) character span, no markup.
"""
from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib.resources import files

from summarizer.qa import Passage, Query, answer_candidates, person_like
from summarizer import gazetteer
from summarizer.qa.answer_types import (
    _DIRECTIONS,
    _ORG_WORDS,
    DAYS,
    MONEY_WORDS,
    MONTHS,
    NUMBER_WORDS,
    PEOPLE_NOUNS,
    PEOPLE_UNITS,
    TIME,
    counts_people,
    number_kind,
)
from summarizer.entities import ORG_HEADS, TITLE_WORDS
from summarizer.tokens import STOPWORDS, cased_words, root_words, stem, verb_form, words

DATA_FILE = "data/answer_phrase.toml"  # inside the summarizer package: the words; this module keeps the grammar


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """The word lists of data/answer_phrase.toml (see its comments for what each holds)."""

    what: frozenset[str]
    which: frozenset[str]
    prepositions: frozenset[str]
    located: frozenset[str]
    defining: frozenset[str]
    organisation_nouns: frozenset[str]
    not_organisation_heads: frozenset[str]
    ordinal_prefixes: tuple[str, ...]
    ordinal_asked: tuple[str, ...]
    place_levels: Mapping[str, str]  # level word -> the gazetteer's kind of place
    naming: frozenset[str]
    articles: frozenset[str]
    particles: frozenset[str]
    links: frozenset[str]
    form_links: frozenset[str]
    title_qualifiers: frozenset[str]
    honorifics: frozenset[str]
    short_acronyms: frozenset[str]
    organisation_words: frozenset[str]
    list_links: frozenset[str]
    scale: frozenset[str]
    currency_before: frozenset[str]
    units: frozenset[str]
    rate_words: frozenset[str]
    ordinal_numbers: tuple[str, ...]
    ordinal_words: tuple[str, ...]
    relative: frozenset[str]
    clause_links: frozenset[str]
    unit_second: Mapping[str, tuple[str, ...]]  # first word of a unit -> its possible second words
    currency_country: Mapping[str, tuple[str, ...]]  # currency word -> the country words after it
    year_words: frozenset[str]
    clock_words: frozenset[str]
    zones: frozenset[str]
    part_of_time: frozenset[str]
    season_words: frozenset[str]
    seasons: frozenset[str]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The shipped word lists, read once (as summarizer.claim_vocab reads claim_kinds.toml)."""
    raw = tomllib.loads(files("summarizer").joinpath(DATA_FILE).read_text(encoding="utf-8"))
    question, names, figures, time = raw["question"], raw["names"], raw["figures"], raw["time"]
    return Vocabulary(
        what=frozenset(question["what"]), which=frozenset(question["which"]),
        prepositions=frozenset(question["prepositions"]), located=frozenset(question["located"]),
        defining=frozenset(question["defining"]), organisation_nouns=frozenset(question["organisation_nouns"]),
        not_organisation_heads=frozenset(question["not_organisation_heads"]),
        ordinal_prefixes=tuple(question["ordinal_prefixes"]), ordinal_asked=tuple(question["ordinal_asked"]),
        place_levels=dict(question["place_levels"]),
        naming=frozenset(names["naming"]), articles=frozenset(names["articles"]),
        particles=frozenset(names["particles"]), links=frozenset(names["links"]),
        form_links=frozenset(names["form_links"]), title_qualifiers=frozenset(names["title_qualifiers"]),
        honorifics=frozenset(names["honorifics"]),
        short_acronyms=frozenset(names["short_acronyms"]), organisation_words=frozenset(names["organisation_words"]),
        list_links=frozenset(raw["places"]["list_links"]),
        scale=frozenset(figures["scale"]), currency_before=frozenset(figures["currency_before"]),
        units=frozenset(figures["units"]), rate_words=frozenset(figures["rate_words"]),
        ordinal_numbers=tuple(figures["ordinal_numbers"]), ordinal_words=tuple(figures["ordinal_words"]),
        relative=frozenset(figures["relative"]), clause_links=frozenset(figures["clause_links"]),
        unit_second={k: tuple(v) for k, v in figures["unit_second"].items()},
        currency_country={k: tuple(v) for k, v in figures["currency_country"].items()},
        year_words=frozenset(time["year_words"]), clock_words=frozenset(time["clock_words"]),
        zones=frozenset(time["zones"]), part_of_time=frozenset(time["part_of_time"]),
        season_words=frozenset(time["season_words"]), seasons=frozenset(time["seasons"]),
    )


def _alternatives(options: Sequence[str]) -> str:
    """A regular-expression group matching any of the words as written."""
    return "(?:" + "|".join(re.escape(w) for w in options) + ")"


_VOCAB = vocabulary()

# The tokeniser of summarizer.tokens.words, with positions kept.
_WORD = re.compile(r"\d+(?:[.,/:]\d+)+|\w+(?:[-'’]\w+)*")
_SCALE = _VOCAB.scale
_CURRENCY_BEFORE = _VOCAB.currency_before
_NUMBER_WORD = re.compile(NUMBER_WORDS, re.IGNORECASE)
_YEAR_ONLY = re.compile(r"(1[0-9]|20)\d\d|[1-9]\d\d")
_OLD_YEAR = re.compile(r"1[0-8]\d\d|[1-9]\d\d")
_DATE_PART = re.compile(rf"{MONTHS}|{DAYS}|(1[0-9]|20)\d\d", re.IGNORECASE)  # "31 Desember 1799"
_DAY_RANGE = re.compile(r"\d{1,2}-\d{1,2}")  # "7-19 September"
_TYPED = frozenset(["number", "person", "time", "place", "name", "other"])
_MAX_NAME_WORDS = 8
_PARTICLES = _VOCAB.particles  # "Mohammed bin Salman"
_HONORIFICS = _VOCAB.honorifics  # "Prof Samsul Arifin"


def answer_phrase(query: Query, text: str, entities: Sequence[str] = ()) -> tuple[int, int] | None:
    """The (start, end) characters of the answer phrase in `text`, or None when the question has no answer type.

    The candidate chosen is the strongest one, nearer the question's matched words on a tie,
    weighed by how well it fits what the question asks (`_fit`).
    """
    if query.qtype not in _TYPED:
        return None
    if query.qtype in ("name", "other") and _DEFINING & set(words(query.text)):
        defined = _bracket_definition(query, text)
        if defined:
            return defined
    if query.qtype == "person":
        entities = [part for name in entities for part in _person_after_organisation(name)]
    sentence = _Sentence.of(text, entities)
    query, found = _candidates(query, text, sentence, entities)
    if query.qtype in ("person", "name"):
        found = [(i, strength * _ALIAS_WEIGHT if _alias_of_asked(sentence, i, query.words) else strength)
                 for i, strength in found]
    if not found:
        return None
    stems = {s for c in query.concepts for s in c.stems} | {f for c in query.concepts for f in c.forms}
    hits = [i for i, t in enumerate(sentence.tokens) if t in stems or stem(t) in stems]

    def closeness(position: int) -> float:
        distance = min((abs(position - h) for h in hits), default=12)
        return 1.0 / (1.0 + max(0, distance - 1) / 4.0)

    asked = _Asked.of(query)
    if query.qtype == "number" and len(found) > 1:
        found = _by_clause(query, sentence, found)
    position = max(found, key=lambda f: (f[1] * (0.6 + 0.4 * closeness(f[0])) * _fit(asked, sentence, f[0]),
                                         -f[0]))[0]
    tokens, cased, bounds, starts = sentence.tokens, sentence.cased, sentence.bounds, sentence.starts
    if query.qtype == "person" and _alias_of_name(sentence, position):
        position = starts.get(position - 1, position - 1)  # "Joko Widodo (Jokowi)": the whole name before it
    first, last = _widen(query, cased, tokens, position, sentence.joined, bounds, starts)
    if asked.level and first > 0 and cased[first - 1][:1].isupper() and asked.level in tokens[max(0, first - 2):first]:
        first = first - 1 if tokens[first - 1] == asked.level else first - 2  # "Kawasan Industri Cibitung"
    if query.qtype == "place":
        first, last = _place_list(query, cased, tokens, first, last, sentence.gaps, bounds, starts)
    start, end = sentence.matches[first].start(), sentence.matches[last].end()
    if query.qtype in ("name", "place"):
        start, end = _with_brackets(text, start, end, query.words)
    if text.count("(", start, end) > text.count(")", start, end) and text[end:end + 1] == ")":
        end += 1  # "Jumat (26/8)": close the bracket the date opened
    return start, end


# A figure whose own clause holds the question's predicate (the words after "yang") weighs up to this much
# more: x1.5, so a year (0.35) never outweighs a figure (0.8). Only the predicate counts: the words narrowing
# the counted noun are in the candidate's strength already, and the question's other words are circumstance
# ("pada saat jembatan Sungai Tigris ambruk"), often said in another clause of the same sentence.
_CLAUSE_GAIN = 0.5
_CLAUSE_BEFORE = 2  # words a clause reaches back from its figure: the verb that governs it ("menewaskan 8 siswi")


def _by_clause(query: Query, sentence: _Sentence, found: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """`found`, each figure weighed by whether its own clause says what the question says of the counted thing.

    Among several figures in a sentence, the answer is the one the question's predicate is said of:
    "695 warga Syiah tewas dan 301 orang terluka" for "Berapa warga Syiah yang terluka ...?" is 301,
    "Asrama yang dihuni 1.200 siswi itu terbakar dan menewaskan 8 siswi" for "Berapa siswi yang tewas"
    is 8. A clause runs from the figure to the punctuation, a linking word ("dan", "sedangkan") or the
    next figure's verb after it, and back to the verb right before it (not across a function word: "oleh").
    """
    said = _said_of_counted(query)
    if not said:
        return found
    figures = {i for i, _ in found}
    out = []
    for i, strength in found:
        clause = _clause(sentence, i, figures)
        share = sum(any(t in c.forms or stem(t) in c.stems for t in clause) for c in said) / len(said)
        out.append((i, strength * (1.0 + _CLAUSE_GAIN * share)))
    return out


def _said_of_counted(query: Query) -> list:
    """The question's concepts that its predicate holds ("tewas" in "Berapa tentara yang tewas ...").

    English has no "yang": for a count of people it is what the question says besides its names and the
    people ("How many people are displaced?": "ungsi").
    """
    predicate = _predicate_words(query)
    if not predicate and query.translated and counts_people(query):
        return [c for c in query.concepts if not c.name and not c.primary & (PEOPLE_UNITS | PEOPLE_NOUNS)]
    return [c for c in query.concepts if predicate & c.forms or any(stem(t) in c.stems for t in predicate)]


def _clause(sentence: _Sentence, i: int, figures: set[int] | frozenset[int]) -> list[str]:
    """The words of the figure at `i`'s own clause, the figure left out (see `_by_clause`)."""
    tokens, gaps = sentence.tokens, sentence.gaps
    first = i
    while (first > 0 and i - first < _CLAUSE_BEFORE and first - 1 not in figures
           and not _CLAUSE_END.search(gaps[first - 1]) and tokens[first - 1] not in STOPWORDS["id"]):
        first -= 1
    last = i
    while (last + 1 < len(tokens) and last + 1 not in figures and last + 2 not in figures
           and not _CLAUSE_END.search(gaps[last]) and tokens[last + 1] not in _CLAUSE_LINKS):
        last += 1  # up to the verb of the next figure: "40 pendaki itu | menewaskan 6 pendaki"
    return tokens[first:i] + tokens[i + 1:last + 1]


def _predicate_words(query: Query) -> frozenset[str]:
    """What the question says of the counted thing: the words after "yang" up to a function word.

    "Berapa warga Syiah yang terluka pada saat ..." -> {"terluka"}; "... yang tergolong langka di ..."
    -> {"tergolong", "langka"}.
    """
    tokens = words(query.text)
    for k, token in enumerate(tokens):
        if token in _RELATIVE:
            rest = tokens[k + 1:]
            if rest and rest[0] in STOPWORDS["id"]:
                rest = rest[1:]  # "yang telah dicetak"; "yang terjadi di ..." says nothing
            said = []
            for t in rest:
                if t in STOPWORDS["id"] or t in _WHICH:
                    break
                said.append(t)
            return frozenset(said)
    return frozenset()


_RELATIVE = _VOCAB.relative
_CLAUSE_LINKS = _VOCAB.clause_links
_CLAUSE_END = re.compile(r"[,;:()\[\].!?]")


# A name in brackets right after a name the question gives is that name's short form, not a new
# answer: "Setya Novanto (Setnov)" for "Siapa kuasa hukum Setya Novanto?"
_ALIAS_WEIGHT = 0.2


def _alias_of_asked(sentence: _Sentence, i: int, asked: frozenset[str]) -> bool:
    """The word at `i` opens a bracket right after a capitalised word the question holds."""
    return (i > 0 and sentence.gaps[i - 1] == "(" and sentence.cased[i - 1][:1].isupper()
            and sentence.tokens[i - 1] in asked)


def _alias_of_name(sentence: _Sentence, i: int) -> bool:
    """The word at `i` is alone in brackets right after a capitalised name: "Joko Widodo (Jokowi)"."""
    return (i > 0 and sentence.gaps[i - 1] == "(" and sentence.cased[i - 1][:1].isupper()
            and i < len(sentence.gaps) and sentence.gaps[i].startswith(")"))


@dataclasses.dataclass(frozen=True)
class _Sentence:
    """A sentence's words with their positions, the punctuation between them and the entity spans."""

    matches: list[re.Match]
    tokens: list[str]  # lower case
    cased: list[str]
    gaps: list[str]  # the punctuation after each word ("" when only spaces follow)
    joined: frozenset[int]  # the words followed by the next with only spaces between
    starts: dict[int, int]  # word -> first word of the precomputed entity covering it
    bounds: dict[int, int]  # word -> its last word

    @classmethod
    def of(cls, text: str, entities: Sequence[str]) -> _Sentence:
        matches = list(_WORD.finditer(text))
        tokens = [m.group().lower() for m in matches]
        # a name ends where the sentence's punctuation or an entity boundary says: "di Vienna, Jumat"
        gaps = [text[matches[k].end():matches[k + 1].start()].strip() for k in range(len(matches) - 1)]
        starts, bounds = _entity_bounds(tokens, entities)
        return cls(matches, tokens, [m.group() for m in matches], gaps,
                   frozenset(i for i, gap in enumerate(gaps) if not gap), starts, bounds)


def _candidates(query: Query, text: str, sentence: _Sentence,
                entities: Sequence[str]) -> tuple[Query, list[tuple[int, float]]]:
    """(the query as answered, [(word position, strength)]): `answer_candidates`, and where it finds none,
    what an "apa" or "kapan" question still has in the sentence."""
    tokens = sentence.tokens

    def typed(q: Query, names: Sequence[str]) -> list[tuple[int, float]]:
        return [(i, s) for i, s in answer_candidates(q, text, names, tokens) if s > 0 and i < len(tokens)]

    found = typed(query, entities)
    if not found and query.qtype == "other":  # "Mengatur tentang apakah ...": what follows "tentang" in the sentence
        preposition = _preposition_asked(query)
        found = [(k + 1, 1.0) for k in range(len(tokens) - 1) if tokens[k] == preposition
                 and tokens[k + 1] not in query.words and tokens[k + 1] not in STOPWORDS["id"]]
    if not found and query.qtype == "other":
        # "Apa vonis hakim untuk ...?" asks what "<noun> apa" asks: "... vonis hukuman mati kepada ..."
        noun = _leading_noun(query)
        if noun and noun in tokens:
            found = typed(dataclasses.replace(query, text=f"{noun} apa"), entities)
    if not found and query.qtype == "other":
        # "Apakah judul buku ...", "Laporan apakah ...": no "<noun> <answer>" in the sentence; the thing asked
        # for is then a name the question does not hold ("The Sun Also Sets", "Indeks Pembangunan Manusia"),
        # from the entity list, else from any capitalised run
        query = dataclasses.replace(query, qtype="name")
        found = typed(query, entities) or typed(query, ())
    if not found and query.qtype == "time":  # a year before 1900 is no date to the ranking: "pada tahun 970", "1890"
        found = [(k, 1.0) for k, t in enumerate(tokens) if t not in query.words and _OLD_YEAR.fullmatch(t)
                 and (len(t) == 4 or (k > 0 and tokens[k - 1] in _YEAR_WORDS))]
    if query.qtype == "name":  # "lagu berjudul Kali Kedua": a name the entity list may not know, in common words
        found += [(k + 1, 1.0) for k in range(len(tokens) - 1) if tokens[k] in _NAMING
                  and sentence.cased[k + 1][:1].isupper() and tokens[k + 1] not in query.words]
    return query, found


@dataclasses.dataclass(frozen=True)
class _Asked:
    """What the question's wording says of the answer beyond its type."""

    qtype: str
    located: bool  # "Dimana letak ...": where something lies
    level: str | None  # "Di provinsi mana ...": the kind of place
    organisation: bool  # "Badan apakah ...": an organisation's name
    money: bool  # "Berapa harga ...": a sum
    ordinal: bool  # "ke berapa": an ordinal
    words: frozenset[str]
    people: bool = False  # "Berapa korban ...": a count of people

    @classmethod
    def of(cls, query: Query) -> _Asked:
        number = query.qtype == "number"
        return cls(query.qtype, query.qtype == "place" and _asks_location(query),
                   _asked_level(query) if query.qtype == "place" else None, _asks_organisation(query),
                   number and number_kind(query) == "money",
                   number and bool(_ASKS_ORDINAL.search(query.text.lower())), query.words, counts_people(query))


def _fit(asked: _Asked, sentence: _Sentence, position: int) -> float:
    """How well the candidate at `position` fits what the question asks, as a weight (1.0: neutral)."""
    tokens, cased, bounds = sentence.tokens, sentence.cased, sentence.bounds
    name = cased[position:bounds.get(position, position) + 1]
    before = [t for t in tokens[max(0, position - 2):position] if t not in _ARTICLES][-1:]
    if asked.qtype == "name" and before and before[0] in _NAMING:
        return 1.5  # "laporan berjudul The Iraq Quagmire": the sentence says this is the name
    if asked.qtype == "number":
        return _figure_fit(tokens, position, asked.money, asked.ordinal, asked.people)
    if asked.qtype == "name" and asked.organisation:
        # "Badan apakah ...", "Apa nama lembaga ...": an organisation, not the place or person beside it
        if any(w.lower() in _ORGANISATION_WORDS for w in name):
            return 1.0
        if gazetteer.is_place(" ".join(name)):
            return 0.5
        return 0.6 if len(name) > 1 and person_like(" ".join(name)) >= 1.0 else 1.0
    if asked.qtype != "place":
        return 1.0
    factor = 1.0
    if asked.located and position > 1 and sentence.gaps[position - 1] == "," and tokens[position - 1] in asked.words:
        factor *= 2.5  # "Dimanakah lokasi Bandung?": "Bandung, Jawa Barat" says where the place asked about lies
    if asked.level and (asked.level in tokens[max(0, position - 2):position + 1]
                        or _of_kind(cased, position, bounds, asked.level)):
        factor *= 3.0  # "di kawasan manakah": "Kawasan Industri Cibitung"; "di provinsi mana": "Bali"
    if factor > 1.0:
        return factor
    # "Di mana ...": the venue ("Setu Babakan", "Piazza San Carlo") over the city or country
    # around it ("Jakarta Selatan", "Italia"), which a reader already knows
    low = [w.lower() for w in name]
    broad = " ".join(low) in _major_places() or (len(low) > 1 and low[-1] in _DIRECTIONS)
    return 0.75 if broad else 1.0


# Words that introduce a name: "laporan berjudul The Iraq Quagmire", "diberi nama Snuppy".
_NAMING = _VOCAB.naming
_ARTICLES = _VOCAB.articles  # "titled the ...": skipped before the name

# Words of an organisation's name (with the entity list's ORG_HEADS): "Asahi Glass Foundation".
_ORGANISATION_WORDS = ORG_HEADS | _ORG_WORDS | _VOCAB.organisation_words


# "ke berapakah", "keberapa", "yang ke-berapa"; "kedelapan", "ke-3", "pertama"
_ASKS_ORDINAL = re.compile(rf"\b{_alternatives(_VOCAB.ordinal_prefixes)}-?\s?{_alternatives(_VOCAB.ordinal_asked)}")
_ORDINAL_WORD = re.compile(rf"{_alternatives(_VOCAB.ordinal_prefixes)}-?(\d+|{_alternatives(_VOCAB.ordinal_numbers)})"
                           rf"|{_alternatives(_VOCAB.ordinal_words)}")


def _figure_fit(tokens: Sequence[str], i: int, money: bool, ordinal: bool, people: bool = False) -> float:
    """How well the figure at `i` fits what the question counts: a sum of money beside its currency for
    "berapa dana/harga ...", an ordinal for "ke berapa ..." ("orang Inggris kedelapan", not "Pinter (75)"),
    a count of people for "berapa korban ..." ("268 orang", not the magnitude "5,6")."""
    if ordinal:
        return 1.0 if _ORDINAL_WORD.fullmatch(tokens[i]) else 0.7
    if money:
        after = tokens[i + 1:i + 3]
        beside = ((i > 0 and tokens[i - 1] in _CURRENCY_BEFORE) or (bool(after) and after[0] in MONEY_WORDS)
                  or (len(after) == 2 and after[0] in _SCALE and after[1] in MONEY_WORDS))
        return 1.0 if beside else 0.7
    if people:
        after = tokens[i + 1:i + 3]
        counted = bool(after) and (after[0] in PEOPLE_UNITS or after[0] in PEOPLE_NOUNS
                                   or (len(after) == 2 and after[0] in _SCALE and after[1] in PEOPLE_UNITS))
        return 1.0 if counted else 0.7
    return 1.0


# The nouns by which a question asks for an organisation (not "sekolah", whose names hold no such word).
_ORGANISATION_NOUNS = (ORG_HEADS - _VOCAB.not_organisation_heads) | _VOCAB.organisation_nouns

_ASKED_PREPOSITIONS = _VOCAB.prepositions
_WHAT = _VOCAB.what  # "apa", "apakah"
_WHICH = _VOCAB.which  # "apa", "mana" and their -kah forms


def _leading_noun(query: Query) -> str | None:
    """The common noun right after a leading "Apa"/"Apakah": "Apa vonis hakim ...?" -> "vonis"."""
    tokens = words(query.text)
    if len(tokens) > 1 and tokens[0] in _WHAT and tokens[1] not in STOPWORDS["id"] \
            and tokens[1] in root_words():
        return tokens[1]
    return None


def _preposition_asked(query: Query) -> str | None:
    """The preposition right before "apa": "Mengatur tentang apakah ..." -> "tentang"."""
    tokens = words(query.text)
    return next((t for t, after in zip(tokens, tokens[1:]) if after in _WHAT and t in _ASKED_PREPOSITIONS),
                None)


def _asks_organisation(query: Query) -> bool:
    """"Badan apakah ...", "Apa nama lembaga ...", "Apakah perusahaan ...": the name asked for is an organisation's."""
    tokens = words(query.text)
    for i, token in enumerate(tokens):
        if token in _WHICH:
            around = tokens[max(0, i - 1):i] + tokens[i + 1:i + 3]
            if any(t in _ORGANISATION_NOUNS for t in around):
                return True
    return False


# Question words asking where something lies or comes from: the answer is the whole chain of places.
_LOCATED = _VOCAB.located


def _asks_location(query: Query, any_level: bool = True) -> bool:
    """"Dimana letak Waduk Malahayu?", "Dari manakah X berasal?": where something lies or comes from.

    With `any_level` False, not when the question names the level ("Dari kota mana ... berasal?":
    the city alone, not the chain of places around it).
    """
    tokens = words(query.text)
    if not _LOCATED & set(tokens):
        return False
    return any_level or _asked_level(query) is None


# The gazetteer's kind of place each level word asks for ("Di provinsi mana": a region such as "Bali").
_LEVEL_KINDS = _VOCAB.place_levels


def _of_kind(cased: Sequence[str], position: int, bounds: dict[int, int], level: str) -> bool:
    """The place at `position` is of the kind the level word asks for, by the gazetteer."""
    kind = _LEVEL_KINDS.get(level)
    place = gazetteer.lookup(" ".join(cased[position:bounds.get(position, position) + 1])) if kind else None
    return place is not None and place.kind == kind


def _asked_level(query: Query) -> str | None:
    """The kind of place a question names before "mana"/"apa": "Di kawasan manakah ..." -> "kawasan"."""
    tokens = words(query.text)
    for token, after in zip(tokens, tokens[1:]):
        if after in _WHICH and token not in STOPWORDS["id"]:
            return token
    return None


def _place_at(cased: Sequence[str], tokens: Sequence[str], i: int, bounds: dict[int, int]) -> int | None:
    """The last token of the place that starts at token `i` (a gazetteer place, "Kabupaten Brebes"), or None."""
    if i >= len(tokens) or not cased[i][:1].isupper():
        return None
    end = bounds.get(i, i)
    return end if gazetteer.is_place(" ".join(cased[i:end + 1])) else None


def _place_list(query: Query, cased: Sequence[str], tokens: Sequence[str], first: int, last: int,
                gaps: Sequence[str], bounds: dict[int, int], starts: dict[int, int]) -> tuple[int, int]:
    """(first, last), widened to the places that go with the one between them.

    "Desa Sidodadi dan Desa Sidourip", "Cibitung dan Cilegon.": a list of two the sentence closes
    after the second name, whichever of the two was chosen; and, for a question asking where
    something lies or comes from, the places around it after commas ("Kecamatan Banjarharjo,
    Kabupaten Brebes, Jawa Tengah").
    """
    def closes(end: int) -> bool:
        return end + 1 >= len(tokens) or gaps[end] in (",", ".", ";")

    if (last + 2 < len(tokens) and not gaps[last] and tokens[last + 1] in _LIST_LINKS and not gaps[last + 1]
            and cased[last + 2][:1].isupper() and closes(bounds.get(last + 2, last + 2))):
        last = bounds.get(last + 2, last + 2)
    elif (first > 1 and tokens[first - 1] in _LIST_LINKS and not gaps[first - 1] and not gaps[first - 2]
          and cased[first - 2][:1].isupper() and closes(last)):
        first = starts.get(first - 2, first - 2)  # "Sucumbios dan Orellana," when "Orellana" was chosen
    if _asks_location(query, any_level=False):
        while last + 1 < len(tokens) and gaps[last] == ",":
            end = _place_at(cased, tokens, last + 1, bounds)
            if end is None:
                break
            last = end
    return first, last


_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&]*[A-Z0-9][A-Za-z0-9&]*")  # "NDP", "IIBA", "BP3", "ChinaStar" is none
_BRACKET_AFTER = re.compile(r"\s*\(([^()]{1,80})\)")


def _with_brackets(text: str, start: int, end: int, query_words: frozenset[str]) -> tuple[int, int]:
    """The name with what brackets say of it.

    A name inside brackets is the whole bracket ("harimau sumatera (Panthera tigris sumatrensis)");
    a name followed by its acronym, or an acronym by its full form, takes the bracket along
    ("Partai Nasional Demokrasi (NDP)", "JICA (Japan International Cooperation Agency)").
    """
    if text[:start].rstrip().endswith("("):
        close = text.find(")", end)
        inside = text[start:close]
        if close > 0 and "(" not in inside and len(inside.split()) <= 5 and not re.search(r"[\d,;]", inside):
            return start, close
    after = _BRACKET_AFTER.match(text, end)
    if after:
        inner = after.group(1).strip()
        phrase = text[start:end]
        if inner.lower() in query_words:
            return start, end  # "Apakah kepanjangan BPS?": the question holds the acronym
        if (_ACRONYM.fullmatch(inner) and inner.isupper()) or (
                phrase.isupper() and " " not in phrase and all(w[:1].isupper() for w in inner.split()[:1])):
            return start, after.end()
    return start, end


_BRACKET = re.compile(r"\(([^()]{1,80})\)")
# Questions asking for another form of a name the question gives: an acronym, its full form, a Latin name.
_DEFINING = _VOCAB.defining


def _bracket_definition(query: Query, text: str) -> tuple[int, int] | None:
    """The other side of "name (acronym)", "term (Latin name)" when the question holds one side.

    "Apakah kepanjangan BPS?" -> "Badan Pusat Statistik (BPS)"; "binatang apakah yang nama latinnya
    adalah Nycticebus coucang" -> "kukang (Nycticebus coucang)"; "Apa singkatan dari Lembaga Bantuan
    Hukum?" -> "(LBH)". The sentence defines the one by the other.
    """
    def asked(words_: Sequence[str]) -> bool:
        return bool(words_) and all(w in query.words or stem(w) in query.words for w in words_)

    for bracket in _BRACKET.finditer(text):
        inner = [m for m in _WORD.finditer(bracket.group(1))]
        before = list(_WORD.finditer(text, 0, bracket.start()))
        if not inner or not before or text[before[-1].end():bracket.start()].strip():
            continue
        first = len(before) - 1
        if before[first].group()[:1].isupper():
            first = _full_form_start(text, before, bracket.group(1).strip())
        elif before[first].group().lower() in STOPWORDS["id"]:
            continue
        name = [m.group().lower() for m in before[first:]]
        if asked([m.group().lower() for m in inner]) and not asked(name):
            return before[first].start(), before[-1].end()
        if asked(name) and not asked([m.group().lower() for m in inner]):
            return bracket.start() + 1 + inner[0].start(), bracket.start() + 1 + inner[-1].end()
    return None


_FORM_LINKS = _VOCAB.form_links  # "Badan Pengawas Obat dan Makanan (BPOM)"


def _full_form_start(text: str, before: Sequence[re.Match], acronym: str) -> int:
    """Where the full form before "(acronym)" starts: the capitalised run (with "dan", "of" inside it),
    from its first word that begins with the acronym's letter ("Kepala Badan Intelijen Negara (BIN)" ->
    "Badan ...", "Direktur Eksekutif Asosiasi Produsen Tepung Terigu Indonesia (Aptindo)" -> "Asosiasi ...").
    """
    first = len(before) - 1
    while (first > 1 and not text[before[first - 1].end():before[first].start()].strip()
           and (before[first - 1].group()[:1].isupper()
                or (before[first - 1].group() in _FORM_LINKS and before[first - 2].group()[:1].isupper()))):
        first -= 1
    letter = acronym[:1].lower()
    start = next((k for k in range(first, len(before)) if before[k].group()[:1].lower() == letter), None)
    return start if start is not None else len(before) - 1


def _person_after_organisation(name: str) -> list[str]:
    """An entity the entity list ran from an organisation into a person, split in two.

    "Institut Teknologi Bandung Prof Samsul Arifin" -> the institute and "Samsul Arifin", "Komisi A DPRD
    Muh Nuh" -> "Komisi A DPRD" and "Muh Nuh": the person starts after the last title word or acronym,
    when the name starts with an organisation's word and at least two capitalised words follow.
    """
    parts = name.split()
    if len(parts) < 4 or parts[0].lower() not in ORG_HEADS:
        return [name]
    cut = max((k for k, w in enumerate(parts[:-2]) if w.lower() in TITLE_WORDS or _acronym(w)), default=None)
    if cut is None or cut == 0:
        return [name]
    person = parts[cut + 1:]
    if not all(w[:1].isupper() for w in person) or person_like(" ".join(person)) < 1.0:
        return [name]
    return [" ".join(parts[:cut + 1]), " ".join(person)]


@lru_cache(maxsize=1)
def _major_places() -> frozenset[str]:
    """Countries, provinces, capitals and big cities (the gazetteer builds the set on every call)."""
    return gazetteer.major_names()


def _entity_bounds(tokens: Sequence[str], entities: Sequence[str]) -> tuple[dict[int, int], dict[int, int]]:
    """({token index: first token of the precomputed entity covering it}, {... : its last token})."""
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for name in entities:
        parts = [w.lower() for w in _WORD.findall(name)]
        for start in range(len(tokens) - len(parts) + 1):
            if parts and list(tokens[start:start + len(parts)]) == parts:
                for k in range(start, start + len(parts)):
                    starts[k] = min(starts.get(k, k), start)
                    ends[k] = max(ends.get(k, k), start + len(parts) - 1)
    return starts, ends


def _widen(query: Query, cased: Sequence[str], tokens: Sequence[str], i: int, joined: frozenset[int],
           bounds: dict[int, int], starts: dict[int, int] | None = None) -> tuple[int, int]:
    """The token range of the phrase around the candidate at `i`.

    `joined` holds the tokens followed by the next with only spaces between;
    `bounds` and `starts` the end and start of the precomputed entity each token belongs to.
    """
    if query.qtype == "number":
        return _number_range(query, tokens, i, joined)
    if query.qtype == "time":
        return _time_range(tokens, i)
    if query.qtype == "other" and not cased[i][:1].isupper():  # "medali apa": the words after the noun
        last = i
        while (last + 1 < len(tokens) and last in joined and not cased[last + 1][:1].isupper()
               and (tokens[last + 1] not in STOPWORDS["id"] or tokens[last + 1] in _UNITS)
               and tokens[last + 1] not in query.words and last - i < 5):
            last += 1  # "izin pemanfaatan limbah kayu ulin", "lari 400 meter putri": the whole noun phrase
        return i, last
    starts = starts or {}
    first, last = (i, bounds[i]) if i in bounds else (i, _name_end(query, cased, tokens, i, joined))
    if query.qtype != "person":
        last = _with_number(query, tokens, last, joined)
        first, last = _thing_range(query, cased, tokens, first, last, joined, bounds, starts)
    if query.qtype == "person":
        first = starts.get(i, i)  # the whole name ("Mikhaela Lee Jowono"), then without its title
        while first < last and (tokens[first] in query.words or tokens[first] in TITLE_WORDS
                                or _acronym(cased[first]) or "." in cased[first]):
            first += 1  # "MCI Eddi Danusaputro", "Pol Coki Manurung": the name, not its organisation or rank
        while first > 0 and first - 1 in joined and tokens[first - 1] in _HONORIFICS and tokens[first - 1] not in query.words:
            first -= 1  # "Prof Samsul Arifin", "Haji Choldin Ismail Balaw": as the person is named
        while (last + 2 < len(tokens) and last in joined and last + 1 in joined and tokens[last + 1] in _PARTICLES
               and cased[last + 2][:1].isupper()):
            last = _name_end(query, cased, tokens, last + 2, joined)  # "Mohammed bin Salman", "Sergio van Dijk"
    return first, last


# Lower-case words inside an English title-case name: "Agreement on Textiles and Clothing", "Bay of Bengal".
_NAME_LINKS = _VOCAB.links
# Words that finish a title ("Direktur Eksekutif", "Direktur Utama"), not part of the organisation after it.
_TITLE_QUALIFIERS = _VOCAB.title_qualifiers


def _thing_range(query: Query, cased: Sequence[str], tokens: Sequence[str], first: int, last: int,
                 joined: frozenset[int], bounds: dict[int, int], starts: dict[int, int]) -> tuple[int, int]:
    """A name of a thing or place, with the words the entity list split off or left out.

    The capitalised words right before it that the question does not hold ("Badan Pusat Statistik",
    "Deklarasi Milenium": the entity list drops a leading organisation or common word), except a
    person's title and the sentence's first word; and the rest of an English title-case name.
    """
    if query.qtype == "name":
        while (first > 1 and first - 1 in joined and cased[first - 1][:1].isupper()
               and tokens[first - 1] not in query.words and stem(tokens[first - 1]) not in query.words
               and (tokens[first - 1] not in TITLE_WORDS or tokens[first - 1] in ORG_HEADS)
               and tokens[first - 1] not in _TITLE_QUALIFIERS
               and not TIME.fullmatch(tokens[first - 1])):
            first -= 1
    while True:  # "Agreement on Textiles and Clothing", "Institute for the Study of War"
        link = last
        while link + 1 < len(tokens) and link in joined and tokens[link + 1] in _NAME_LINKS and link - last < 2:
            link += 1
        if link == last or link + 1 >= len(tokens) or link not in joined or not cased[link + 1][:1].isupper():
            break
        last = bounds.get(link + 1, _name_end(query, cased, tokens, link + 1, joined))
    if last + 1 < len(tokens) and last in joined and starts.get(last + 1) == last + 1:
        following = cased[last + 1:bounds[last + 1] + 1]  # the next entity, split off by the entity list
        if person_like(" ".join(following)) < 1.0 and not any(w.lower() in query.words for w in following):
            last = bounds[last + 1]  # "Wilayah Bali Nusa Tenggara", "Teluk Meksiko"; not "Sultra Ali Mazi"
    # the words the question named, at the end of a longer phrase: "Departemen Luar Negeri AS Sean McCormack"
    # (the person asked about), "East Meet West Gitarren Festival Edenkoben" (the town the question gave)
    if first > 0 and tokens[first - 1] in _NAMING:
        last = max(last, _name_end(query, cased, tokens, first, joined))  # "berjudul The Iraq Quagmire": all of it
    named = {w.lower() for w in cased_words(query.text)[1:] if w[:1].isupper()}
    cut = last
    while cut > first and tokens[cut] in named:
        cut -= 1
    if last - cut >= 2 or (last - cut == 1 and gazetteer.is_place(cased[last])):
        last = cut
    lead = first
    while lead < last and tokens[lead] in named:
        lead += 1
    if lead - first >= 2:
        first = lead  # "General Manager Procurement PT International Suzuki Indonesia": the title the question gave
    return first, last


# Two-letter capitals that stand for a country or office, not a person's initials ("JB Kristanto").
_SHORT_ACRONYMS = _VOCAB.short_acronyms


def _acronym(token: str) -> bool:
    """An organisation's or rank's capitals ("MCI", "TNI", "AS"), not initials ("JB", "S")."""
    return token.isupper() and (len(token) > 2 or token.lower() in _SHORT_ACRONYMS)


def _numberish(token: str) -> bool:
    return token[:1].isdigit() or token in _SCALE or bool(_NUMBER_WORD.fullmatch(token))


def _number_range(query: Query, tokens: Sequence[str], i: int, joined: frozenset[int]) -> tuple[int, int]:
    first = i
    while first > 0 and _numberish(tokens[first - 1]) and i - first < 3:
        first -= 1  # "6,5 miliar" when "miliar" was the candidate; "tiga setengah"
    if first > 0 and tokens[first - 1] in _CURRENCY_BEFORE:
        first -= 1
    last = i
    while last + 1 < len(tokens) and (tokens[last + 1] in _SCALE or tokens[last + 1].isdigit()):
        last += 1
    following = tokens[last + 1] if last + 1 < len(tokens) and last in joined else ""  # not across a comma
    money = tokens[first] in _CURRENCY_BEFORE or number_kind(query) == "money"
    # the unit or the counted noun: "84 penumpang", "15 kali"; for money only a currency: "3 miliar dolar"
    if following and not following[0].isdigit() and (following not in STOPWORDS["id"] or following in _UNITS) \
            and following not in STOPWORDS["en"] and (not money or following in MONEY_WORDS) \
            and (following in _UNITS or not verb_form(following)):  # "5,6 mengguncang": the verb is no unit
        last += 1
        if last + 1 < len(tokens) and tokens[last + 1] in _CURRENCY_COUNTRY.get(tokens[last], ()):
            last += 1
        elif last + 1 < len(tokens) and last in joined and tokens[last + 1] in _UNIT_SECOND.get(tokens[last], ()):
            last += 1
    rate = last + 2 < len(tokens) and last in joined and last + 1 in joined and tokens[last + 1] in _RATE_WORDS
    per = tokens[last + 2] if rate else ""
    if per and (per in _UNITS or (per.isalpha() and per not in STOPWORDS["id"])):
        last += 2  # a rate: "10,23 mm per tahun", "Rp 5.400 per liter"
    return first, last


# Units the Indonesian stop-word list happens to hold ("orang", "kali", "tahun").
_UNITS = _VOCAB.units
# The second word of a two-word unit: "410.660 kilometer persegi", "67 derajat Celcius", "180 gross ton".
_UNIT_SECOND = _VOCAB.unit_second
_CURRENCY_COUNTRY = _VOCAB.currency_country  # "3 miliar dolar AS"
_RATE_WORDS = _VOCAB.rate_words  # "Rp 5.400 per liter"
_LIST_LINKS = _VOCAB.list_links  # "Desa Sidodadi dan Desa Sidourip"

_YEAR_WORDS = _VOCAB.year_words  # "tahun 1982"
_CLOCK_WORDS = _VOCAB.clock_words  # "pukul 03.30"
_PART_OF_TIME = _VOCAB.part_of_time
_SEASON_WORDS = _VOCAB.season_words
_SEASONS = _VOCAB.seasons
_CLOCK = re.compile(r"\d{1,2}[.:]\d{2}")
_DAY_MONTH = re.compile(r"\d{1,2}/\d{1,2}(/\d{2,4})?")
_ZONES = _VOCAB.zones


def _time_range(tokens: Sequence[str], i: int) -> tuple[int, int]:
    """A date or a clock time: "24 April 2005", "(26/8)" without its day name, "03.30 WIB"."""
    if tokens[i] in _CLOCK_WORDS and i + 1 < len(tokens) and _CLOCK.fullmatch(tokens[i + 1]):
        i += 1  # "pukul 03.30 WIB": the time itself
    if _CLOCK.fullmatch(tokens[i]):
        return i, i + 1 if i + 1 < len(tokens) and tokens[i + 1] in _ZONES else i
    if _DAY_MONTH.fullmatch(tokens[i]):
        return i, i  # "Senin (2/10)": the date says it all

    def dateish(token: str) -> bool:  # months, days, years and day numbers; not "kemarin", "pagi"
        return bool(_DATE_PART.fullmatch(token) or _DAY_RANGE.fullmatch(token)) or (token.isdigit() and len(token) <= 2)

    first = last = i
    while first > 0 and dateish(tokens[first - 1]):
        first -= 1
    while last + 1 < len(tokens) and dateish(tokens[last + 1]):
        last += 1
    while first < i and tokens[first].isdigit() and len(tokens[first]) <= 2 and not TIME.fullmatch(tokens[first + 1]):
        first += 1  # a stray small number before the date is no part of it
    if first > 0 and tokens[first - 1] in _YEAR_WORDS and _YEAR_ONLY.fullmatch(tokens[first]):
        first -= 1  # "tahun 1982", as a reader says it
    if first > 0 and tokens[first - 1] in _PART_OF_TIME:
        first -= 1  # "akhir 2007": which part of the year
    elif first > 1 and tokens[first - 2] in _SEASON_WORDS and tokens[first - 1] in _SEASONS:
        first -= 2  # "musim gugur 2019"
    return first, last


def _name_end(query: Query, cased: Sequence[str], tokens: Sequence[str], i: int, joined: frozenset[int]) -> int:
    """The last token of the capitalised run that starts at `i` (a name's own words)."""
    last = i
    while (last + 1 < len(cased) and last - i < _MAX_NAME_WORDS and last in joined
           and cased[last + 1][:1].isupper() and tokens[last + 1] not in query.words
           and not TIME.fullmatch(tokens[last + 1])):
        last += 1
    return last


def _with_number(query: Query, tokens: Sequence[str], last: int, joined: frozenset[int]) -> int:
    """`last`, or the small number right after it that belongs to the name ("Shenzhou 6", "Boeing 737").

    Not a figure that counts something ("Persija 2 gol"), a day ("Paris 25 November") or one the question gave.
    """
    number = last + 1
    if (number < len(tokens) and last in joined and tokens[number].isdigit() and len(tokens[number]) <= 3
            and tokens[number] not in query.words
            and (number + 1 >= len(tokens) or (tokens[number + 1] not in _UNITS and tokens[number + 1] not in _SCALE
                                               and not re.fullmatch(MONTHS, tokens[number + 1])))):
        return number
    return last


def _phrase_of(query: Query, passage: Passage) -> str | None:
    span = answer_phrase(query, passage.text, passage.entities)
    return passage.text[span[0]:span[1]].lower() if span else None


def answer_margin(query: Query, ranked: Sequence[tuple[float, Passage]], look: int = 10) -> float:
    """How far the best sentence leads the best one that does not give the same answer.

    The confidence a sure answer needs (docs/qa.md, "Sure means right"): the
    answer model's probability alone hardly separates right from wrong at the
    top (a question whose article restates its names scores high either way),
    while a clear lead over every other answer on offer does. Sentences that
    repeat the best one's answer phrase ("Rutte" in three outlets) are no
    rival; without an answer phrase, the runner-up is.
    """
    if not ranked:
        return 0.0
    best_score, best = ranked[0]
    phrase = _phrase_of(query, best)
    for score, passage in ranked[1:look]:
        if phrase is None or not _agree(query, phrase, _phrase_of(query, passage)):
            return best_score - score
    return best_score


def _agree(query: Query, phrase: str, other: str | None) -> bool:
    """Two phrases giving one answer to `query`: `same_answer`, or for a figure question one figure
    in both ("8.000 pasukan" and "8.000 tentara": outlets name the counted noun their own way)."""
    return same_answer(phrase, other) or (query.qtype == "number" and other is not None
                                          and bool(_figures(phrase) & _figures(other)))


def same_answer(phrase: str, other: str | None) -> bool:
    """Two answer phrases that name the same thing: equal, or one's words all within the other's.

    "Anies" and "Anies Baswedan", "15 orang" and "15": one outlet writes the name in full,
    another the surname; that is agreement, not a rival answer.
    """
    if other is None:
        return False
    mine, theirs = set(_WORD.findall(phrase)), set(_WORD.findall(other))
    return bool(mine and theirs) and (mine <= theirs or theirs <= mine)


_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")

# The answer types whose rival answers from different outlets are a conflict the reader should see.
# Measured on the development questions (docs/qa.md, "The sources differ"): two figures of the thing
# asked, each in a sentence naming what the question names, disagree; two names, places or dates
# from different outlets mostly answer different things ("Robert Wood" beside "Antonio Guterres").
CONFLICT_TYPES = frozenset(["number"])


def _figures(phrase: str) -> set[str]:
    """The figures of a phrase without their separators: "2.600" and "2,600" are one figure."""
    return {re.sub(r"[.,]", "", f) for f in _FIGURE.findall(phrase)}


def _holds(concept, tokens: Sequence[str]) -> bool:
    return any(t in concept.forms or stem(t) in concept.stems for t in tokens)


def _says_predicate(said: Sequence, sentence: _Sentence, span: tuple[int, int]) -> bool:
    """Whether the sentence says what the question's predicate says of the counted thing: in the words
    of the question anywhere ("korban meninggal ... sebanyak 162 orang"), or in other words within the
    clause of the phrase's figure ("menewaskan 23 orang"). A synonym elsewhere in the sentence is not
    enough: "kehilangan 430.000 tentara ..., menimbulkan banyak korban jiwa" counts no deaths."""
    if any(t in c.forms or stem(t) in c.primary for t in sentence.tokens for c in said):
        return True
    inside = [k for k, m in enumerate(sentence.matches) if span[0] <= m.start() < span[1]]
    at = next((k for k in inside if _FIGURE.fullmatch(sentence.tokens[k])), None)
    if at is None:
        return False
    figures = frozenset(k for k, t in enumerate(sentence.tokens) if _FIGURE.fullmatch(t))
    clause = _clause(sentence, at, figures)
    return any(t in c.forms or stem(t) in c.stems for t in clause for c in said)


def _counts_asked(heads: Sequence, phrase: Sequence[str]) -> bool:
    """Whether a figure's phrase counts what the question's head nouns ask for: "2.600 tentara" for
    "berapa tentara", and a bare count of people ("162 orang") for "berapa korban"."""
    if not heads or any(_holds(c, phrase) for c in heads):
        return True
    people = PEOPLE_UNITS | PEOPLE_NOUNS  # "162 orang" for "berapa korban", "58.362 warga" for "how many people"
    return bool(set(phrase) & people) and any(c.primary & people for c in heads)


def differing_answers(query: Query, sentences: Sequence[tuple[str, Sequence[str]]],
                      qtypes: frozenset[str] | None = None) -> list[tuple[int, int]] | None:
    """Each sentence's answer phrase, when they are rival answers to the same question: what a reader
    should see side by side ("2.600 tentara" beside "8.000 pasukan").

    `sentences` are (text, entities) pairs. None when the question's type is not in `qtypes`
    (`CONFLICT_TYPES` by default), a
    sentence does not name everything the question names ("Malaysia": a sentence on Indonesia's
    medals answers another question), a phrase has no answer of the asked type or (for a figure)
    does not count the thing asked ("2024" for "berapa tentara"), or two phrases name the same
    answer (`same_answer`; for figures, one figure in both: "8.000 pasukan", "8.000 tentara").
    Whether the sentences come from different outlets is the caller's to know.
    """
    if query.qtype not in (CONFLICT_TYPES if qtypes is None else qtypes) or len(sentences) < 2:
        return None
    names = [c for c in query.concepts if c.name]
    heads = [c for c in query.concepts if c.head and not c.name]
    said = _said_of_counted(query) if query.qtype == "number" else []
    spans = []
    for text, entities in sentences:
        tokens = words(text)
        if not all(_holds(c, tokens) for c in names):
            return None
        span = answer_phrase(query, text, entities)
        if span is None:
            return None
        phrase = words(text[span[0]:span[1]])
        if query.qtype == "number" and not (_figures(text[span[0]:span[1]]) and _counts_asked(heads, phrase)):
            return None
        # English has no "yang": what it says of the counted thing is in its other words ("How many
        # people are displaced?": "ungsi", which a death toll in "orang" does not say); for a count of
        # other things, the words the phrase itself does not hold
        said_here = said or ([c for c in query.concepts if not c.name and not _holds(c, phrase)]
                             if query.translated else [])
        if said_here and not _says_predicate(said_here, _Sentence.of(text, entities), span):
            return None  # "Berapa tentara yang tewas?": "kehilangan 430.000 tentara" says no deaths
        spans.append(span)
    phrases = [text[s[0]:s[1]].lower() for (text, _), s in zip(sentences, spans)]
    for k, phrase in enumerate(phrases):
        for other in phrases[k + 1:]:
            if _agree(query, phrase, other):
                return None
    return spans
