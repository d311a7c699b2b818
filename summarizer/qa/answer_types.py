"""Answers of the asked type: where a sentence offers a new figure, name, date, place or reason.

`answer_candidates` finds them (with a strength in [0, 1]); the ranking
rewards a sentence by the best of them and how close it sits to the
question's words.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from summarizer import gazetteer
from summarizer.entities import GEO, ORG_HEADS, TITLE_WORDS
from summarizer.qa.question import (
    _HEAD_END,
    _WH,
    _YEAR,
    Query,
    _countries,
    _country_key,
    _named_words,
    _synonym_stems,
    head_words,
)
from summarizer.qa.vocabulary import alternation, word_list
from summarizer.qa.weights import WEIGHTS
from summarizer.lexicon import EN_ID, ENGLISH_NOUNS
from summarizer.numbers import number_idiom
from summarizer.tokens import STOPWORDS, cased_words, root_words, stem, words

MONTHS = alternation(word_list("time", "months"))  # full names only: "Jun", "Mar" are names as often
DAYS = alternation(word_list("time", "days"))
TIME = re.compile(rf"\b({MONTHS}|{DAYS}|\d{{1,2}}/\d{{1,2}}(/\d{{2,4}})?|(19|20)\d\d|"
                  rf"{alternation(word_list('time', 'words'))})\b", re.IGNORECASE)
NUMBER_WORDS = alternation(word_list("numbers", "words"))
_NUMBER = re.compile(rf"\d[\d.,]*(-\d[\d.,]*)?|\b({NUMBER_WORDS})\b", re.IGNORECASE)  # "150-200": a range
_VAGUE = frozenset(word_list("numbers", "vague"))
PEOPLE_UNITS = frozenset(word_list("numbers", "people_units"))  # "268 orang"
PEOPLE_NOUNS = frozenset(word_list("numbers", "people_nouns"))  # "berapa korban": people, counted in orang
_PEOPLE_WORDS = PEOPLE_UNITS | PEOPLE_NOUNS  # "how many people" asks for "orang" too
_DATE = re.compile(r"^\d{1,2}/\d{1,2}(/\d{2,4})?$")
_REASON = re.compile(rf"\b({alternation(word_list('reason', 'reason'))})\b", re.IGNORECASE)
_MANNER = re.compile(rf"\b({alternation(word_list('reason', 'manner'))})\b", re.IGNORECASE)
_PLACE_PREP = frozenset(word_list("places", "prepositions"))
_PLACE_HEADS = frozenset(word_list("places", "heads"))
_ENTITY_STOP = frozenset(word_list("names", "not_names"))
_DIRECTIONS = frozenset(word_list("places", "directions"))
_DATELINE = re.compile(r"^\s*[\w.]+\s+[-–—]\s")  # "Rimanews - ...": the outlet, not a name
_ORG_WORDS = frozenset(word_list("names", "organisation_words"))

_root_words = root_words  # Sastrawi's dictionary of Indonesian root words ("nenek", "jelang", "bayi")

_TIME_NAMES = frozenset(word_list("time", "months") + word_list("time", "days"))


def _entity_spans(text: str, entities: Sequence[str], tokens: Sequence[str] | None = None) -> list[tuple[str, int]]:
    """(entity, index of its first word) for the precomputed entities, minus words capitalised by position."""
    tokens = words(text) if tokens is None else tokens
    spans = []
    for name in entities:
        parts = words(name)
        if not parts or all(t in _TIME_NAMES or t in _ENTITY_STOP for t in parts):
            continue
        start = next((i for i in range(len(tokens)) if tokens[i] == parts[0] and tokens[i:i + len(parts)] == parts),
                     -1)
        if start < 0:
            continue
        if start == 0 and len(parts) == 1 and (parts[0] in _root_words() or parts[0] in STOPWORDS["id"]
                                               or _DATELINE.match(text)):
            continue  # "Nenek penjual nasi uduk ...", "Rimanews - ...": not an answer
        spans.append((name, start))
    return spans


def _is_new(candidate: str, query: Query) -> bool:
    """A candidate answer the question does not already contain."""
    tokens = [t for t in words(candidate) if t not in _ENTITY_STOP]
    if not tokens:
        return False
    return any(t not in query.words and stem(t) not in query.words for t in tokens)


def _new_part(name: str, query: Query) -> tuple[int, str]:
    """(word offset, words) of the last run of the entity's words that are neither the question's nor titles."""
    tokens = name.split()
    best: tuple[int, str] = (0, "")
    run: list[str] = []
    for i, token in enumerate(tokens + [""]):
        low = token.lower()
        old = (not token or low in query.words or stem(low) in query.words or low in TITLE_WORDS
               or low in _ORG_WORDS or low in ORG_HEADS)
        if not old:
            if not run:
                first = i
            run.append(token)
        elif run:
            best = (first, " ".join(run))
            run = []
    return best


def person_like(name: str) -> float:
    """How much a capitalised name looks like a person's, in [0, 1] (places, organisations, titles, acronyms less)."""
    tokens = name.split()
    low = [t.lower() for t in tokens]
    if len(low) == 1 and (low[0] in _root_words() or low[0].split("-")[0] in _root_words()):
        return 0.3  # a capitalised common word ("Undang-undang", "Keseharian"), not a name
    if (" ".join(low) in GEO or gazetteer.is_place(name)
            or any(t in ORG_HEADS or t in _PLACE_HEADS or t in GEO or t in _ORG_WORDS for t in low)):
        return 0.2
    if len(low) > 1 and low[-1] in _DIRECTIONS:
        return 0.2  # "Kalimantan Tengah", "Jakarta Pusat": a region
    if all(t in TITLE_WORDS for t in low):
        return 0.2
    if len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) > 1:
        return 0.4  # an acronym: an organisation more often than a person
    return 1.0


def _place_like(name: str, before: str) -> float:
    low = [t.lower() for t in name.split()]
    if len(low) > 1 and low[-1] in _DIRECTIONS:
        return 1.0
    if " ".join(low) in GEO or low[0] in _PLACE_HEADS or low[-1] in _PLACE_HEADS or any(t in GEO for t in low):
        return 1.0
    if before in _PLACE_PREP:
        return 0.9
    return 0.4


def _head_positions(query: Query, tokens: Sequence[str], positions: Sequence[str]) -> list[int]:
    """Word positions in the sentence (its tokens and their stems) of the question's head concepts."""
    heads = [c for c in query.concepts if c.head]
    if not heads:
        return []
    return [i for i, (token, s) in enumerate(zip(tokens, positions))
            if any((s and s in c.stems) or token in c.forms for c in heads)]


def _title_of_other_country(query: Query, tokens: Sequence[str], head_positions: Sequence[int]) -> bool:
    """The asked-for title is another country's: "Siapa kepala intelijen Korea Selatan?" against
    "Kirilo Budanov, kepala intelijen militer Ukraina" (a country right after the title, and the
    asked country nowhere in the sentence)."""
    if not head_positions or not query.countries:
        return False
    named = _countries(tokens)
    if any(_country_key(name) in query.countries for _, name in named):
        return False
    return any(0 < i - h <= 3 for i, _ in named for h in head_positions)


MONEY_WORDS = frozenset(word_list("money", "currencies"))
_DURATION_WORDS = frozenset(word_list("time", "durations"))
_MONEY_NOUNS = frozenset(word_list("money", "nouns"))
_PREPOSITIONS = frozenset(word_list("question", "prepositions"))


@lru_cache(maxsize=256)
def _question_words(text: str) -> tuple[str, ...]:
    """The question's words; cached because every candidate sentence asks again."""
    return tuple(words(text))


def number_kind(query: Query) -> str:
    """"money" for "berapa harga/nilai ..." and "how much", "duration" for "berapa lama", else "count"."""
    tokens = _question_words(query.text)
    if "lama" in tokens or "how long" in " ".join(tokens):
        return "duration"
    if "how much" in " ".join(tokens) or set(tokens) & _MONEY_NOUNS:
        return "money"
    return "count"


def _asked_preposition(query: Query) -> str | None:
    """The preposition in front of the question word: "Kepada siapa ..." -> "kepada"."""
    tokens = _question_words(query.text)
    for i, token in enumerate(tokens[1:], 1):
        if token in ("siapa", "siapakah", "mana", "apa") and tokens[i - 1] in _PREPOSITIONS - {"di", "ke"}:
            return tokens[i - 1]
    return None


def asked_nouns(query: Query) -> frozenset[str]:
    """The noun an "apa" or "which" question asks to specify, as Indonesian words and stems.

    "Medali apa ..." -> {"medali"}; "Which medal ..." -> the noun's translations
    ({"medali"}): either way the answer is the word after it ("medali perak").
    Empty when the question names no such noun ("What is ...", "Which said ...").
    """
    tokens = _question_words(query.text)
    for i, token in enumerate(tokens[1:], 1):
        if token in ("apa", "apakah") and tokens[i - 1] not in STOPWORDS["id"] and tokens[i - 1] not in _WH:
            return frozenset({tokens[i - 1], stem(tokens[i - 1])})
    if query.translated:
        for i, token in enumerate(tokens[:-1]):
            # a noun, or a word the lexicon keeps as a verb used as one ("What sentence did ...")
            if token in ("which", "what") and (tokens[i + 1] in ENGLISH_NOUNS or (
                    tokens[i + 1] in EN_ID and tokens[i + 1] not in _HEAD_END)):
                nouns = [w for alternative in EN_ID.get(tokens[i + 1], ()) for w in alternative.split()[:1]]
                return frozenset(nouns) | frozenset(stem(w) for w in nouns)
    return frozenset()


def _counted_noun(query: Query) -> str | None:
    """The noun a "berapa" question counts: "Berapa KK yang ..." -> "kk"."""
    # "Berapa kalikah ...", "Berapa kategorikah ...": the particle -kah is no part of the noun
    tokens = tuple(t[:-3] if t.endswith("kah") and len(t) > 5 else t for t in _question_words(query.text))
    for i, token in enumerate(tokens):
        if token in ("berapa", "many", "much"):
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            before = tokens[i - 1] if i > 0 else ""
            for noun in (after, before):  # "berapa KK ...", "... minta imbalan berapa?"
                if noun and noun not in STOPWORDS["id"] and noun not in STOPWORDS["en"] and noun not in _WH:
                    return noun
    return None


def _counted_modifiers(query: Query) -> tuple[str, ...]:
    """The words that narrow a counted noun: "berapa tentara Korea Utara di Kursk" -> ("korea", "utara").

    "2.600 tentara Korea Utara" answers that question; "50.000 tentara, termasuk
    pasukan Korea Utara" counts a larger force.
    """
    return _counted_modifiers_of(_question_words(query.text))


def _counted_modifiers_of(tokens: Sequence[str]) -> tuple[str, ...]:
    for i, token in enumerate(tokens[:-1]):
        if token in ("berapa", "berapakah", "many"):
            modifiers: list[str] = []
            for following in tokens[i + 2:]:
                if following in _HEAD_END or following in _WH or len(modifiers) == 3:
                    break
                if following not in STOPWORDS["id"] and following not in STOPWORDS["en"]:
                    modifiers.append(following)
            return tuple(modifiers)
    return ()


def _counted(query: Query) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """(stems of the counted noun, stems of each word that must follow the figure for a full match).

    Indonesian: "berapa tentara Korea Utara" -> ({tentara, pasukan, ...}, ({korea}, {utara})).
    An English question was translated word by word, and its head phrase ("how many
    gold medals") is in English order, so its head concepts stand for both: any of
    them beside the figure counts the same thing, all of them after it ("13 medali
    emas") is the full match.
    """
    if query.translated:
        if not {"many", "much"} & set(_question_words(query.text)):
            return frozenset(), ()  # "In which minute ...": an ordinal, not a count ("menit ke-57")
        heads = [c.stems | c.forms for c in query.concepts if c.head]
        return frozenset().union(*heads), tuple(heads)
    counted = _counted_noun(query)
    if not counted:
        return frozenset(), ()
    # "berapa tentara": "8.000 pasukan" counts the same thing ("pasukan" is a synonym).
    stems = frozenset({counted, stem(counted)}) | _synonym_stems(stem(counted))
    return stems, tuple(frozenset({stem(m)}) for m in _counted_modifiers(query))


def counts_people(query: Query) -> bool:
    """A number question that counts people ("berapa korban", "how many people"): "268 orang" counts them."""
    return query.qtype == "number" and bool(_counted(query)[0] & _PEOPLE_WORDS)


def _country_codes(tokens: Sequence[str]) -> set[str]:
    """ISO codes of the countries the tokens name ("korea utara", "singapura", "malaysia")."""
    codes = set()
    for i in range(len(tokens)):
        for size in (2, 1):
            code = gazetteer.country_key(" ".join(tokens[i:i + size])) if i + size <= len(tokens) else None
            if code:
                codes.add(code)
                break
    return codes


@lru_cache(maxsize=256)
def _owner_countries(text: str, translated: bool) -> frozenset[str]:
    """The countries whose figure a number question asks for (ISO codes), or none.

    Indonesian: a country among the words narrowing the counted noun ("Berapa medali
    emas Singapura di ..."); English: one in the head phrase or the subject after
    "did/has" ("How many gold medals did Singapore win"). A country after "di"/"in"
    is where, not whose: "Berapa WNI yang tewas di Arab Saudi" names no owner.
    """
    tokens = _question_words(text)
    words_ = list(_counted_modifiers_of(tokens))
    if translated:
        words_ += list(head_words(text))
        for i, token in enumerate(tokens):
            if token in ("did", "does", "do", "has", "have", "had") and i > 0:
                words_ += tokens[i + 1:i + 3]
                break
    return frozenset(_country_codes(words_))


def _other_countries_only(tokens: Sequence[str], owners: frozenset[str]) -> bool:
    """The sentence names some country, and none of `owners`."""
    named = _country_codes(tokens)
    return bool(named) and not named & owners


_ORDINAL = re.compile(rf"^(ke-?)(\d+|{alternation(word_list('numbers', 'ordinal_words'))})$")


def answer_candidates(query: Query, text: str, entities: Sequence[str] = (),
                      tokens: Sequence[str] | None = None,
                      positions: Sequence[str] | None = None) -> list[tuple[int, float]]:
    """(word position, strength in [0, 1]) of every new answer of the asked type in the sentence.

    `tokens` (`words(text)`) and `positions` (their stems) may be passed when already known.
    """
    qtype = query.qtype
    tokens = words(text) if tokens is None else tokens
    found: list[tuple[int, float]] = []
    if qtype == "number":
        counted_stems, modifiers = _counted(query)
        kind = number_kind(query)
        # "Berapa medali emas Singapura": a sentence that names other countries and never
        # Singapore gives their figures ("Malaysia ... 24 medali emas").
        people = bool(counted_stems & _PEOPLE_WORDS)
        owners = _owner_countries(query.text, query.translated)
        someone_else = bool(owners) and _other_countries_only(tokens, owners)
        for i, token in enumerate(tokens):
            bare = _ORDINAL.sub(r"\2", token)
            if not _NUMBER.fullmatch(bare) or token in query.words or number_idiom(tokens, i):
                continue  # "salah satu aplikasi": one of the apps, no figure
            if _YEAR.match(bare) or _DATE.match(bare):
                strength = 0.35
            elif bare in _VAGUE:
                strength = 0.4  # "jutaan netizen" is no figure
            else:
                strength = 0.8
            around = tokens[max(0, i - 2):i] + tokens[i + 1:i + 4]  # "22 tahun ... berusia", "151 KK"
            money = bool(set(tokens[max(0, i - 2):i + 3]) & MONEY_WORDS)
            if kind == "count" and money:
                strength *= 0.6  # "berapa ormas ...": "Rp 1 miliar" is an amount of money, not a count
            elif counted_stems and any(t in counted_stems or stem(t) in counted_stems for t in around):
                # the whole counted phrase right after the figure, or only its noun
                after = {stem(t) for t in tokens[i + 1:i + 3 + len(modifiers)]}
                strength = 1.0 if all(m & after for m in modifiers) else 0.85
                if bare in _VAGUE:
                    strength = 0.5  # "ratusan wanita memasuki stadion": still no figure
            elif people and i + 1 < len(tokens) and tokens[i + 1] in PEOPLE_UNITS:
                strength = 0.85  # "berapa korban ...": "268 orang" counts people as "268 korban" would
            elif kind == "money" and set(around) & MONEY_WORDS:
                strength = 1.0  # "berapa nilai ...": "3 miliar dolar AS", "Rp 58 ribu"
            elif kind == "money":
                strength *= 0.75  # "berapa imbalan ...": a bare "14" is no sum of money
            elif kind == "duration" and set(tokens[i + 1:i + 4]) & _DURATION_WORDS:
                strength = 1.0  # "berapa lama ...": "tiga setengah tahun"
            found.append((i, strength * WEIGHTS["other_country"] if someone_else else strength))
    elif qtype == "time":
        cased = None
        # "Tahun berapa ... Habibie Award": there the year after a name is the answer
        asks_year = bool({"tahun", "year"} & set(_question_words(query.text)))
        for i, token in enumerate(tokens):
            if TIME.fullmatch(token) and token not in query.words:
                strong = _YEAR.match(token) or _DATE.match(token) or re.fullmatch(MONTHS, token)
                if _YEAR.match(token) and i > 0 and not asks_year:
                    cased = cased_words(text) if cased is None else cased
                    if len(cased) == len(tokens) and _event_year(cased, i):
                        strong = None
                # a date starts at its day: "digelar 18 Agustus" is right after the verb
                start = i - 1 if i > 0 and re.fullmatch(MONTHS, token) and re.fullmatch(r"\d{1,2}", tokens[i - 1]) else i
                found.append((start, 1.0 if strong else 0.6))
    elif qtype in ("person", "place", "name"):
        spans = _entity_spans(text, entities, tokens) if entities else [
            (name, start) for name, start in _capitalised_runs(text) if start > 0]
        head_positions = _head_positions(query, tokens, _token_stems(tokens) if positions is None else positions)
        other_country = qtype == "person" and _title_of_other_country(query, tokens, head_positions)
        for name, start in spans:
            if not _is_new(name, query):
                continue
            if qtype == "person":
                # "Kabag Humas BMKG Harry Tirto Djatmiko": the name is the new words after the title.
                if name.split()[0].lower() in ORG_HEADS:
                    found.append((start, 0.2))  # "Komisi Pemberantasan Korupsi": an organisation
                    continue
                whole = name
                offset, name = _new_part(name, query)
                if not offset and start > 0 and tokens[start - 1] in ORG_HEADS:
                    # "(Badan) Nasional Penanggulangan Bencana", whose head the entity list took for a title:
                    # an organisation ("Badan Koordinasi Penanaman Modal Thomas Lembong" for "Siapa Kepala
                    # Badan Koordinasi Penanaman Modal?" is the person after the words the question gave)
                    found.append((start, 0.2))
                    continue
                start += offset
                strength = person_like(name) if name else 0.0
                # an organisation's acronym before the name is no part of it: "BNPB Suharyanto"
                named = " ".join(w for w in whole.split() if not (w.isupper() and len(w) > 1))
                if len(name.split()) == 1 and _named_words(named) & _named_words(query.text):
                    # "Tamara Geraldine Tambunan" for "Siapa manajer Tamara Geraldine?": the
                    # person asked about, with one more name, not a new person.
                    strength *= 0.3
                if head_positions and not any(0 < start - h <= 3 for h in head_positions):
                    strength *= WEIGHTS["off_head"]  # "juru bicara Sabrina Singh": the name follows the title
                if other_country:
                    strength *= WEIGHTS["other_country"]
            elif qtype == "place":
                strength = _place_like(name, tokens[start - 1] if start > 0 else "")
            else:
                strength = 1.0
            if _cited_outlet(tokens, start):
                strength *= 0.3  # "seperti dilansir Reuters": the outlet quoted, not the answer
            found.append((start, strength))
        preposition = _asked_preposition(query)
        if preposition:  # "Kepada siapa ...": "... kursi balap kepada Esteban Ocon"
            found = [(i, f if i > 0 and tokens[i - 1] == preposition else f * 0.8) for i, f in found]
    elif qtype == "other":
        nouns = asked_nouns(query)
        if nouns:  # "Medali apa ...", "Which medal ...": "medali perak"
            for i, token in enumerate(tokens[:-1]):
                if (token in nouns or stem(token) in nouns) and tokens[i + 1] not in query.words \
                        and tokens[i + 1] not in STOPWORDS["id"]:
                    found.append((i + 1, 1.0))
    elif qtype == "reason":
        found = [(i, 1.0) for i, t in enumerate(tokens) if _REASON.fullmatch(t)]
    elif qtype == "manner":
        found = [(i, 0.7) for i, t in enumerate(tokens) if _MANNER.fullmatch(t)]
    return found


_CITING = frozenset(word_list("names", "citing"))


def _cited_outlet(tokens: Sequence[str], start: int) -> bool:
    """The name at `start` follows "dilansir", "dikutip (dari)", "diberitakan": a news outlet cited."""
    before = tokens[max(0, start - 2):start]
    return bool(before) and (before[-1] in _CITING or (before[-1] == "dari" and len(before) == 2
                                                         and before[0] in _CITING))


def _event_year(cased: Sequence[str], i: int) -> bool:
    """The year at `i` is part of a name ("SEA Games 2017", "Piala Dunia 2022"), not the date asked for.

    A capitalised word right before it that is no month or day ("Maret 2018" is a date).
    """
    if i >= len(cased):
        return False
    before = cased[i - 1]
    return before[:1].isupper() and before.lower() not in _TIME_NAMES


def _capitalised_runs(text: str) -> list[tuple[str, int]]:
    """(name, index of its first word) for runs of capitalised words: entities when none were given."""
    runs: list[tuple[str, int]] = []
    current: list[str] = []
    start = 0
    for index, token in enumerate(cased_words(text)):
        if token[:1].isupper():
            if not current:
                start = index
            current.append(token)
        elif current:
            runs.append((" ".join(current), start))
            current = []
    if current:
        runs.append((" ".join(current), start))
    return runs


def _token_stems(tokens: Sequence[str]) -> list[str]:
    """The stem of every word, in order (stop words kept as empty slots)."""
    stop = STOPWORDS["id"]
    return ["" if w in stop else stem(w) for w in tokens]
