"""Question analysis and answer-sentence ranking, over sentences handed in by the caller.

How a question is answered (the caller fetches, this module ranks):

1. `analyze_question` finds the answer type (number, person, time, place,
   name, reason, manner, other), translates an English question word by word
   into Indonesian (summarizer.lexicon plus topic aliases) and turns the
   content words into *concepts*: each a set of interchangeable Indonesian
   stems (a word, its translations, its synonyms) with one idf weight.
2. The caller retrieves candidate sentences with a full-text OR query, keeps
   the articles they come from and hands in every sentence of those articles
   (`Passage`), with document frequencies for the idf weights.
3. `rank_passages` scores each sentence by
   - how much of the question it covers itself (idf-weighted concepts),
   - how much of the rest its neighbours and its article cover (the answer
     to "who scored the hat-trick against Mitra Kukar?" is often the
     sentence after the one naming the match),
   - whether it offers an answer of the asked type that the question does
     not already contain (a new name for "siapa", a new figure for
     "berapa", a date for "kapan", a place for "di mana"), and how close
     that answer sits to the matched words,
   - how tightly the matched words cluster (proximity), and its length.
   The weights live in `WEIGHTS`; bot/evaluate_qa.py measures them.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import NamedTuple

import numpy as np

from summarizer import gazetteer
from summarizer.entities import COUNTRY_ALIASES, GEO, ORG_HEADS, TITLE_WORDS
from summarizer.lexicon import (
    EN_ID,
    ID_SYNONYMS,
    NAME_NOUNS,
    NUMBER_NOUNS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    QUESTION_TYPES,
    SHARED_WORDS,
    english_alternatives,
)
from summarizer.tokens import (
    root_words,
    STOPWORDS,
    cased_words,
    content_stems,
    detect_language,
    stem,
    words,
)

# Full month names only: abbreviations ("Jun", "Mar") are names as often as months.
_MONTHS = ("januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember|"
           "january|february|march|june|july|august|october|december")
_DAYS = "senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_TIME = re.compile(rf"\b({_MONTHS}|{_DAYS}|\d{{1,2}}/\d{{1,2}}(/\d{{2,4}})?|(19|20)\d\d|pukul|abad|"
                   r"hari ini|kemarin|besok|lusa|pekan lalu|pekan depan|minggu lalu|bulan lalu|tahun lalu|"
                   r"pagi|siang|sore|malam|dini hari)\b", re.IGNORECASE)
_NUMBER_WORDS = ("satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|seratus|seribu|"
                 "puluh|belas|ratus|ribu|juta|miliar|triliun|setengah|separuh|lusin|puluhan|ratusan|ribuan|"
                 "jutaan|one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion")
_NUMBER = re.compile(rf"\d[\d.,]*(-\d[\d.,]*)?|\b({_NUMBER_WORDS})\b", re.IGNORECASE)  # "150-200": a range
_YEAR = re.compile(r"^(19|20)\d\d$")
_VAGUE = frozenset(["puluhan", "ratusan", "ribuan", "jutaan"])
_DATE = re.compile(r"^\d{1,2}/\d{1,2}(/\d{2,4})?$")
_REASON = re.compile(r"\b(karena|sebab|penyebab|akibat|alasan|untuk|agar|supaya|sehingga|demi|tujuan|"
                     r"tujuannya|lantaran|gara-gara|because|due)\b", re.IGNORECASE)
_MANNER = re.compile(r"\b(dengan|cara|melalui|lewat|secara)\b", re.IGNORECASE)
_PLACE_PREP = frozenset(["di", "ke", "dari", "dekat", "asal", "menuju", "kawasan", "wilayah", "kota", "bagian", "at", "in", "near", "from"])
_PLACE_HEADS = frozenset(
    ["stadion", "stadium", "kota", "kabupaten", "provinsi", "desa", "kampung", "kecamatan", "kelurahan", "jalan", "jl", "gedung", "istana", "bandara", "pelabuhan", "pulau", "gunung", "sungai", "danau", "pantai", "teluk", "selat", "laut", "samudera", "hotel", "arena", "sirkuit", "universitas", "university", "kampus", "lapangan", "taman", "pasar", "masjid", "gereja", "galeri", "museum", "rumah", "lp", "lapas", "gymnasium", "expo", "hall"]
)
_ENTITY_STOP = frozenset({"rp", "us$", "usd", "wib", "wita", "wit"})
_DIRECTIONS = frozenset(["utara", "selatan", "barat", "timur", "tengah", "pusat", "raya", "daya", "laut"])
_DATELINE = re.compile(r"^\s*[\w.]+\s+[-–—]\s")  # "Rimanews - ...": the outlet, not a name
_ORG_WORDS = frozenset(
    ["direktorat", "ditjen", "dinas", "kepolisian", "polda", "polres", "polsek", "pt", "cv", "tbk", "fc", "united", "city", "club", "klub", "persatuan", "federasi", "asosiasi", "komite", "kantor", "grup", "group", "inc", "corp", "ltd", "news", "tv", "times", "post", "daily", "tribune", "pemkab", "pemprov", "pemkot", "kemenkeu", "kemlu", "kemnaker", "kemenhan", "bnpb", "bmkg", "kpk", "dpr", "mpr", "kpu", "polri", "tni", "bumn", "lembaga", "yayasan", "sekolah", "fakultas", "rumah", "sakit", "rs"]
)
# Words that only shape a question; they never need to appear in an answer. The
# Indonesian ones also tell an Indonesian question from an English one (`_looks_english`).
_ID_QUESTION_WORDS = frozenset([
    "apa", "apakah", "siapa", "siapakah", "berapa", "berapakah", "keberapa", "kapan", "kapankah", "mengapa",
    "kenapa", "bagaimana", "mana", "manakah", "dimana", "dimanakah", "darimana", "darimanakah", "kemana",
    "kemanakah", "yang", "ada", "adalah", "sebenarnya", "saat", "ini", "sekarang", "tolong", "jelaskan",
    "sebutkan",
])
_QUESTION_FILLER = _ID_QUESTION_WORDS | frozenset([
    "how", "many", "much", "who", "whom", "whose", "when", "where", "why", "what", "which", "is", "are",
    "was", "were", "do", "does", "did", "the", "a", "an", "of", "in", "to", "there", "have", "has", "been",
    "at", "on", "for", "with", "about", "tell", "me", "please",
])
# Tuned on the dev part of tests/fixtures/qa_dev.jsonl (see docs/qa.md).
WEIGHTS: dict[str, float] = {
    "own": 0.45,  # question concepts in the sentence itself
    "context": 0.6,  # all concepts, neighbours and article counted at a discount
    "proximity": 0.06,  # matched words close together
    "importance": 0.04,  # the per-article ranker's score of the sentence
    "type": 0.6,  # share of the score that needs a new answer of the asked type near the matched words
    "near": 0.7,  # credit for a concept found only in a neighbouring sentence
    "lead": 0.5,  # ... only in the article's first sentence (its title when none was given)
    "article": 0.2,  # ... only elsewhere in the article
    "synonym": 0.85,  # credit for a synonym instead of the word itself
    "off_head": 0.85,  # a person named away from the asked-for title ("juru bicara X") counts this much
    "other_country": 0.4,  # the asked-for title belongs to another country ("kepala intelijen militer Ukraina")
    "unnamed": 0.5,  # factor for a sentence whose article never mentions a name the question gives
}


@dataclass(frozen=True)
class Concept:
    """One question word: interchangeable stems (the word, its translations, synonyms) and a weight."""

    stems: frozenset[str]
    primary: frozenset[str]  # the stems the question itself used (synonyms get a little less credit)
    surface: str
    forms: frozenset[str] = frozenset()  # surface words matched in the text when stemming loses the word
    head: bool = False  # names what is asked for ("juru bicara" in "siapa juru bicara ...")
    name: bool = False  # from a name or a year in the question ("Tokyo", "Piala Dunia 2022"): must be in the source


@dataclass
class Query:
    """A question reduced to search terms (stems, Indonesian) and the answer type it wants."""

    text: str
    lang: str
    qtype: str  # number, person, time, place, name, reason, manner, other
    terms: list[str] = field(default_factory=list)  # every stem worth searching for
    concepts: list[Concept] = field(default_factory=list)
    words: frozenset[str] = frozenset()  # lower-case question words (and translations): not new answers

    @property
    def empty(self) -> bool:
        return not self.terms

    @cached_property
    def countries(self) -> frozenset[str]:
        """The countries the question names, one spelling each ("UK" and its translation "inggris" alike)."""
        named = {_country_key(name) for _, name in _countries(words(self.text))}
        return frozenset(named | {_country_key(w) for w in self.words if w in GEO})


@dataclass(frozen=True)
class Passage:
    """One stored sentence, with where it sits in its article.

    `entities` may be any sequence, so a caller can hand in one that decodes
    lazily: only the few passages that reach the detailed scoring read theirs.
    """

    key: Hashable
    article: Hashable
    position: int
    text: str
    stems: tuple[str, ...]
    entities: Sequence[str] = ()
    importance: float = 0.0

    # Tokenised once per passage: ranking reads them several times (cached_property
    # writes the instance __dict__ directly, which a frozen dataclass allows).
    @cached_property
    def tokens(self) -> list[str]:
        """The sentence's lower-case words, in order."""
        return words(self.text)

    @cached_property
    def positions(self) -> list[str]:
        """The stem of each token, "" for stop words (aligned with `tokens`)."""
        return _token_stems(self.tokens)


# ---- the question ------------------------------------------------------------------------

def question_type(text: str) -> str:
    lowered = " " + " ".join(words(text)) + " "
    tokens = lowered.split()
    for i, token in enumerate(tokens[:-1]):  # "perusahaan apa", "kota mana", "stadion mana"
        following = tokens[i + 1]
        if following in ("mana", "manakah") and token not in ("di", "ke", "dari", "yang"):
            return "place" if token in PLACE_NOUNS or token not in NAME_NOUNS else "name"
        if following in ("apa", "apakah") and token in NAME_NOUNS:
            return "name"
        if following in ("apa", "apakah") and token in PLACE_NOUNS and token not in ("tempat", "lokasi"):
            return "place"  # "Negara apakah ...", "Desa apakah ..."
    for phrase in sorted(QUESTION_TYPES, key=len, reverse=True):
        if f" {phrase} " in lowered:
            kind = QUESTION_TYPES[phrase]
            return (_english_head_type(tokens) or kind) if kind == "other" else kind
    return "other"


_NOUN_TYPES = (("person", PERSON_NOUNS), ("place", PLACE_NOUNS), ("name", NAME_NOUNS), ("number", NUMBER_NOUNS))


def _english_head_type(tokens: Sequence[str]) -> str | None:
    """What "which/what <...> noun" and "the name of the <...> noun" ask for, from the noun.

    English puts the head noun last: "Which South Korean news agency reported ...",
    "Which former NASA astronaut plans ...". The last typed noun within six words
    after the question word (before a verb like "was", "did") decides.
    """
    for i, token in enumerate(tokens):
        if token in ("which", "what") or (token == "of" and i > 0 and tokens[i - 1] == "name"):
            window = []
            for following in tokens[i + 1:i + 7]:
                if following in _HEAD_END and following not in ("of", "in", "at", "on", "from", "to", "for"):
                    break
                if following == "of" and any(w in PERSON_NOUNS for w in window):
                    break  # "which confidante of South Korean President ...": the person before "of"
                window.append(following)
            for following in reversed(window):
                for kind, nouns in _NOUN_TYPES:
                    if following in nouns:
                        return kind
    return None


def _lexicon(extra: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    return {**EN_ID, **{k.lower(): list(v) for k, v in extra.items()}}


def _translate(tokens: list[str], lexicon: Mapping[str, Sequence[str]],
               names: frozenset[str] = frozenset(),
               name_parts: frozenset[str] = frozenset()) -> list[tuple[tuple[str, ...], list[str]]]:
    """English tokens -> (source words, Indonesian alternatives), longest phrase first; names pass through.

    A word not listed is de-inflected ("acquires" -> "acquire") unless it was typed
    capitalised (`names`): "Reading" the club stays "reading". A single listed word
    inside a longer name (`name_parts`: "Sue" in "Sue Grafton", "Star" in "Star
    Wars") may be that name as written, so the word itself is kept as one more
    alternative: Indonesian news writes "Star Wars" but "Siklon Debbie".
    """
    out: list[tuple[tuple[str, ...], list[str]]] = []
    i = 0
    while i < len(tokens):
        for size in (3, 2, 1):
            phrase = " ".join(tokens[i:i + size])
            if len(tokens[i:i + size]) != size:
                continue
            if phrase in lexicon:
                literal = [phrase] if size == 1 and phrase in name_parts else []
                if lexicon[phrase] or literal:
                    out.append((tuple(tokens[i:i + size]), list(lexicon[phrase]) + literal))
                i += size
                break
            country = _country_in_indonesian(phrase) if set(tokens[i:i + size]) <= names else None
            if country:
                out.append((tuple(tokens[i:i + size]), [country]))
                i += size
                break
        else:
            token = tokens[i]
            base = None if token in names else english_alternatives(token)
            if "-" in token and token not in lexicon:  # "us-supplied": translate the parts
                out.extend(((token,), alts) for _, alts in _translate(token.split("-"), lexicon, names, name_parts))
            elif base is not None:
                if base:
                    out.append(((token,), list(base)))
            elif token not in STOPWORDS["en"] or token in STOPWORDS["id"]:
                out.append(((token,), [token]))
            i += 1
    return out


def _country_in_indonesian(name: str) -> str | None:
    """A country's Indonesian name for its English one, from the gazetteer: "cyprus" -> "siprus".

    The lexicon lists the common ones by hand; the gazetteer (CLDR, ISO 3166)
    knows every country, so "Which countries did Myanmar lobby" or "Burma"
    reach the Indonesian spelling too.
    """
    code = gazetteer.country_key(name)
    return gazetteer.country_name(code, "id").lower() if code else None


def _name_parts(text: str) -> frozenset[str]:
    """Capitalised words inside a run of two or more (acronyms only beside a title-case word)."""
    cased = cased_words(text)
    parts: set[str] = set()
    for i, w in enumerate(cased):
        if not w[:1].isupper():
            continue
        neighbours = cased[max(0, i - 1):i] + cased[i + 1:i + 2]
        if w.isupper():
            # An acronym beside a title-case word may be part of the name as written ("SEA Games"
            # is not "laut"); it keeps its translation too ("UN Security Council": "PBB").
            if any(n[:1].isupper() and not n.isupper() for n in neighbours):
                parts.add(w.lower())
        elif any(n[:1].isupper() for n in neighbours):
            parts.add(w.lower())
    return frozenset(parts)


_WH = frozenset(["siapa", "siapakah", "berapa", "berapakah", "apa", "apakah", "who", "whom", "how", "many", "much", "what", "which"])
_HEAD_END = frozenset(["yang", "that", "who", "which", "whom", "did", "does", "do", "was", "were", "will", "would", "has", "have", "had", "dalam", "di", "ke", "dari", "pada", "untuk", "saat", "ketika", "menurut", "according", "in", "at", "on", "from", "to", "for"])


def head_words(text: str) -> frozenset[str]:
    """The words right after the question word that name what is asked for.

    "Siapa juru bicara Pentagon yang ..." -> {juru, bicara, pentagon};
    "How many North Korean troops did ..." -> {north, korean, troops}.
    """
    tokens = words(text)
    for i, token in enumerate(tokens):
        if token in _WH:
            head = []
            for following in tokens[i + 1:]:
                if following in _HEAD_END:
                    break
                if following in _WH or following in ("is", "are", "the", "a", "an", "nama", "name", "of"):
                    continue
                head.append(following)
                if len(head) == 4:
                    break
            if head:
                return frozenset(head)
    return frozenset()


@lru_cache(maxsize=4096)
def _synonyms(stem_: str) -> frozenset[str]:
    words_ = ID_SYNONYMS.get(stem_, [])
    return frozenset(s for w in words_ for s in content_stems(w, "id"))


_SYNONYM_KEYS: dict[str, str] = {}


def _synonym_stems(stem_: str) -> frozenset[str]:
    """Stems of the Indonesian synonyms of a stem (the lexicon lists surface words; both sides are stemmed)."""
    if not _SYNONYM_KEYS:
        for word in ID_SYNONYMS:
            for s in content_stems(word, "id") or [word]:
                _SYNONYM_KEYS.setdefault(s, word)
    word = _SYNONYM_KEYS.get(stem_)
    return _synonyms(word) - {stem_} if word else frozenset()


def analyze_question(text: str, aliases: Mapping[str, Sequence[str]] | None = None) -> Query:
    """Detect the language and answer type; turn the content words into Indonesian concepts."""
    lang = detect_language(text) if len(text.split()) > 2 else ("en" if _looks_english(text) else "id")
    qtype = question_type(text)
    # "Singapore's" is "Singapore"; a possessive the lexicon lists keeps its sense ("women's" -> "putri").
    tokens = [_possessive(w) for w in words(text) if w not in _QUESTION_FILLER or w in ("near", "against")]
    english = lang == "en" or _looks_english(text)
    capitalised = frozenset(w.lower() for w in cased_words(text) if w[:1].isupper())
    groups = (_translate(tokens, _lexicon(aliases or {}), capitalised, _name_parts(text)) if english
              else [((t,), [t]) for t in tokens])
    heads = head_words(text)
    named = _named_words(text)
    concepts: list[Concept] = []
    seen: set[str] = set()
    for source, group in groups:
        is_head = bool(heads & set(source))
        is_name = bool(named & set(source))
        # Alternatives ("tentara", "pasukan") make one concept; the words of a single
        # translation ("korea utara") are one concept each, all wanted in the sentence.
        stem_groups: list[list[str]] = []
        for alternative in group:
            stems = [s for word in alternative.split() if word not in STOPWORDS["id"] and word not in _QUESTION_FILLER
                     for s in (content_stems(word, "id") or ([word] if word.isdigit() else []))]
            stem_groups.append([s for s in stems if s not in _QUESTION_FILLER])
        units = [[s] for s in stem_groups[0]] if len(stem_groups) == 1 else [[s for g in stem_groups for s in g]]
        if not any(stem_groups) and len(group) == 1 and len(group[0]) > 3 and group[0] not in STOPWORDS["id"]:
            # Sastrawi stems "kedalaman" to the stop word "dalam": match the word as written.
            word = group[0]
            if word not in _QUESTION_FILLER and word not in seen:
                seen.add(word)
                concepts.append(Concept(stems=frozenset(), primary=frozenset(), surface=word,
                                        forms=frozenset({word}), head=is_head, name=is_name))
            continue
        for stems in units:
            primary = frozenset(stems)
            if not primary or primary <= seen:
                continue
            seen |= primary
            surface = " ".join(sorted(primary))
            primary |= frozenset(v for s in primary for v in _number_spellings(s))
            expanded = primary | frozenset(x for s in primary for x in _synonym_stems(s))
            concepts.append(Concept(stems=expanded, primary=primary, surface=surface,
                                    head=is_head, name=is_name))
    terms = list(dict.fromkeys(s for c in concepts for s in sorted(c.stems | c.forms)))
    question_words = set(words(text)) | {w for _, g in groups for alt in g for w in alt.split()}
    return Query(text=text, lang=lang, qtype=qtype, terms=terms, concepts=concepts,
                 words=frozenset(question_words))


def _possessive(word: str) -> str:
    """"singapore's" -> "singapore"; "women's" stays when the lexicon translates it as a whole."""
    word = word.replace("’", "'")
    return word if word in EN_ID else re.sub(r"'s$", "", word)


def _number_spellings(token: str) -> tuple[str, ...]:
    """The other ways a figure is stored: "7380" -> "7.380" and "7,380"; "7.380" -> "7380".

    Questions often drop the thousand separator the article used (FacQA's
    "sebanyak 7380 meter kubik" against "menyita 7.380 meter kubik").
    """
    if re.fullmatch(r"\d{4,}", token) and not _YEAR.match(token):
        grouped = f"{int(token):,}"
        return (grouped.replace(",", "."), grouped)
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", token):
        return (re.sub(r"[.,]", "", token),)
    return ()


@lru_cache(maxsize=1024)
def _named_words(text: str) -> frozenset[str]:
    """Lower-cased question words that name something: capitalised words and years.

    A question that names a place, person or event ("... ke Tokyo", "Piala
    Dunia 2022") is answered only by a source that mentions it. The first
    word counts only when it is no question word, stop word or common root
    word ("Malaysia meraih ..." yes, "Berapa ..." no).
    """
    found = set()
    for index, token in enumerate(cased_words(text)):
        low = re.sub(r"['’]s$", "", token.lower())
        if _YEAR.match(low):
            found.add(low)
        elif token[:1].isupper() and low.isalpha():  # "Anies-Sandi", "O'Riordan": spelt too many ways
            if index == 0 and (low in _QUESTION_FILLER or low in STOPWORDS["id"] or low in STOPWORDS["en"]
                               or low in _root_words() or low in QUESTION_TYPES):
                continue
            found.add(low)
    return frozenset(found)


def _looks_english(text: str) -> bool:
    """More English than Indonesian words, names aside.

    Words typed capitalised after the first are names, whatever language they
    look like: "SEA Games", "All England" and "Golden Globe" in an Indonesian
    question do not make it English (nor get translated to "laut", "inggris").
    """
    cased = cased_words(text)
    tokens = [w.lower() for i, w in enumerate(cased) if i == 0 or not w[:1].isupper()]
    # Loan words shared by both languages ("film", "bank", "online") say nothing either way.
    english = sum(1 for t in tokens if t not in SHARED_WORDS and (t in STOPWORDS["en"] or t in EN_ID))
    indonesian = sum(1 for t in tokens if t in STOPWORDS["id"] or t in _ID_QUESTION_WORDS)
    return english > indonesian


def idf_weights(doc_freq: Mapping[str, int], total_docs: int) -> dict[str, float]:
    """BM25-style idf, floored at a small positive value so common terms still count a little."""
    return {t: max(0.05, math.log((total_docs - df + 0.5) / (df + 0.5) + 1.0)) for t, df in doc_freq.items()}


def concept_weights(query: Query, idf: Mapping[str, float]) -> list[float]:
    """A concept weighs what its rarest question stem weighs (unknown stems count as rare)."""
    top = max(idf.values(), default=1.0)
    return [max((idf.get(s, top) for s in c.primary | c.forms), default=top) for c in query.concepts]


# ---- answers of the asked type --------------------------------------------------------------

_root_words = root_words  # Sastrawi's dictionary of Indonesian root words ("nenek", "jelang", "bayi")

_TIME_NAMES = frozenset(re.findall(r"[a-z']+", _MONTHS + "|" + _DAYS))


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


def _person_like(name: str) -> float:
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


def _countries(tokens: Sequence[str]) -> list[tuple[int, str]]:
    """(position, name) of the countries and regions among the tokens, longest name first ("korea selatan")."""
    found: list[tuple[int, str]] = []
    i = 0
    while i < len(tokens):
        pair = " ".join(tokens[i:i + 2])
        if len(tokens) > i + 1 and pair in GEO:
            found.append((i, pair))
            i += 2
        elif tokens[i] in GEO:
            found.append((i, tokens[i]))
            i += 1
        else:
            i += 1
    return found


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


def _country_key(name: str) -> str:
    """One spelling per country: "uk" and "inggris", "korut" and "korea utara" compare equal."""
    return COUNTRY_ALIASES.get(name, name).lower()


_MONEY_WORDS = frozenset(["rp", "rupiah", "dolar", "dollar", "us$", "usd", "$", "euro", "pounds", "poundsterling", "pound", "yen", "ringgit", "won", "yuan"])
_DURATION_WORDS = frozenset(["tahun", "bulan", "pekan", "minggu", "hari", "jam", "menit", "detik", "abad", "dekade", "years", "months", "weeks", "days", "hours"])
_MONEY_NOUNS = frozenset(["harga", "biaya", "nilai", "dana", "imbalan", "upah", "honor", "tebusan", "suap", "uang", "tarif", "ongkos", "gaji", "anggaran", "pendanaan", "sumbangan", "hadiah", "modal", "utang", "pinjaman", "investasi", "kerugian", "denda", "price", "cost", "pay", "paid", "worth"])
_PREPOSITIONS = frozenset(["kepada", "dengan", "dari", "oleh", "untuk", "bersama", "ke", "di"])


@lru_cache(maxsize=256)
def _question_words(text: str) -> tuple[str, ...]:
    """The question's words; cached because every candidate sentence asks again."""
    return tuple(words(text))


def _number_kind(query: Query) -> str:
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


def _asked_noun(query: Query) -> str | None:
    """The noun an "apa" question asks to specify: "Medali apa ..." -> "medali"."""
    tokens = _question_words(query.text)
    for i, token in enumerate(tokens[1:], 1):
        if token in ("apa", "apakah") and tokens[i - 1] not in STOPWORDS["id"] and tokens[i - 1] not in _WH:
            return tokens[i - 1]
    return None


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
    tokens = _question_words(query.text)
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


_ORDINAL = re.compile(r"^(ke-?)(\d+|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)$")


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
        counted = _counted_noun(query)
        # "berapa tentara": "8.000 pasukan" counts the same thing ("pasukan" is a synonym).
        counted_stems = {counted, stem(counted)} | _synonym_stems(stem(counted)) if counted else set()
        kind = _number_kind(query)
        modifiers = _counted_modifiers(query) if counted else ()
        modifier_stems = {stem(m) for m in modifiers}
        for i, token in enumerate(tokens):
            bare = _ORDINAL.sub(r"\2", token)
            if not _NUMBER.fullmatch(bare) or token in query.words:
                continue
            if _YEAR.match(bare) or _DATE.match(bare):
                strength = 0.35
            elif bare in _VAGUE:
                strength = 0.4  # "jutaan netizen" is no figure
            else:
                strength = 0.8
            around = tokens[max(0, i - 2):i] + tokens[i + 1:i + 4]  # "22 tahun ... berusia", "151 KK"
            money = bool(set(tokens[max(0, i - 2):i + 3]) & _MONEY_WORDS)
            if kind == "count" and money:
                strength *= 0.6  # "berapa ormas ...": "Rp 1 miliar" is an amount of money, not a count
            elif counted_stems and any(t in counted_stems or stem(t) in counted_stems for t in around):
                # the whole counted phrase right after the figure, or only its noun
                after = {stem(t) for t in tokens[i + 1:i + 3 + len(modifiers)]}
                strength = 1.0 if modifier_stems <= after else 0.85
            elif kind == "money" and set(around) & _MONEY_WORDS:
                strength = 1.0  # "berapa nilai ...": "3 miliar dolar AS", "Rp 58 ribu"
            elif kind == "duration" and set(tokens[i + 1:i + 4]) & _DURATION_WORDS:
                strength = 1.0  # "berapa lama ...": "tiga setengah tahun"
            found.append((i, strength))
    elif qtype == "time":
        for i, token in enumerate(tokens):
            if _TIME.fullmatch(token) and token not in query.words:
                strong = _YEAR.match(token) or _DATE.match(token) or re.fullmatch(_MONTHS, token)
                found.append((i, 1.0 if strong else 0.6))
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
                start += offset
                strength = _person_like(name) if name else 0.0
                if len(name.split()) == 1 and _named_words(whole) & _named_words(query.text):
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
            found.append((start, strength))
        preposition = _asked_preposition(query)
        if preposition:  # "Kepada siapa ...": "... kursi balap kepada Esteban Ocon"
            found = [(i, f if i > 0 and tokens[i - 1] == preposition else f * 0.8) for i, f in found]
    elif qtype == "other":
        noun = _asked_noun(query)
        if noun:  # "Medali apa ...": "medali perak"
            for i, token in enumerate(tokens[:-1]):
                if (token == noun or stem(token) == stem(noun)) and tokens[i + 1] not in query.words \
                        and tokens[i + 1] not in STOPWORDS["id"]:
                    found.append((i + 1, 1.0))
    elif qtype == "reason":
        found = [(i, 1.0) for i, t in enumerate(tokens) if _REASON.fullmatch(t)]
    elif qtype == "manner":
        found = [(i, 0.7) for i, t in enumerate(tokens) if _MANNER.fullmatch(t)]
    return found


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


def type_match(qtype: str, sentence: str, entities: Sequence[str] = ()) -> float:
    """How well a sentence offers the kind of answer asked for, in [0, 1]."""
    if qtype == "other":
        return 0.5
    found = answer_candidates(Query(text="", lang="id", qtype=qtype), sentence, entities)
    return max((s for _, s in found), default=0.0)


# ---- ranking ----------------------------------------------------------------------------------

def _token_stems(tokens: Sequence[str]) -> list[str]:
    """The stem of every word, in order (stop words kept as empty slots)."""
    stop = STOPWORDS["id"]
    return ["" if w in stop else stem(w) for w in tokens]


def _detail(query: Query, passage: Passage, matched: Sequence[Concept]) -> tuple[float, float]:
    """(type score with closeness to the matched words, proximity of the matched words)."""
    tokens, positions = passage.tokens, passage.positions
    hits = [i for i, (s, t) in enumerate(zip(positions, tokens))
            if any((s and s in c.stems) or t in c.forms for c in matched)]
    proximity = 0.0
    if len(hits) >= 2:
        span = hits[-1] - hits[0] + 1
        proximity = min(1.0, len(hits) / span * 1.5)
    elif hits:
        proximity = 0.3
    if query.qtype == "other" and not _asked_noun(query):
        return 0.5, proximity
    best = 0.3 if query.qtype == "other" else 0.0
    for position, strength in answer_candidates(query, passage.text, passage.entities, tokens, positions):
        distance = min((abs(position - h) for h in hits), default=12)
        closeness = 1.0 / (1.0 + max(0, distance - 1) / 4.0)
        best = max(best, strength * (0.6 + 0.4 * closeness))
    return best, proximity


@lru_cache(maxsize=64)
def _term_finder(terms: frozenset[str]) -> re.Pattern[str]:
    """A regex that finds the question's words as whole words of lower-cased text.

    Looking for the few question words in each candidate sentence is far
    cheaper than tokenising a thousand sentences per question; the guards
    make a match a whole token as `words` cuts them ("10" is not found in
    "10.000", nor "masing" in "masing-masing").
    """
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True) if t)
    return re.compile(rf"(?<![\w'’-])(?<!\d[.,/:])(?:{alternatives or '(?!)'})(?![\w'’-])(?![.,/:]\d)")


def _present(passage: Passage, finder: re.Pattern[str]) -> frozenset[str]:
    """The passage's stems plus those of the question's words it contains as written."""
    return frozenset(passage.stems).union(finder.findall(passage.text.lower()))


@dataclass(frozen=True)
class Evidence:
    """What the ranking knows about one candidate sentence (all in [0, 1] except `tokens`)."""

    own: float  # idf-weighted share of the question's concepts in the sentence itself
    context: float  # the same with neighbours and article counted at a discount
    named: bool  # the article mentions every name and year of the question
    article_names: float  # share of the question's names and years the article mentions
    own_names: float  # share of the question's names in the sentence itself
    own_heads: float  # share of the head words ("juru bicara" in "siapa juru bicara ...") in the sentence
    detailed: bool  # among the best `detail_top` by the cheap pass: type and proximity were measured
    type_score: float  # a new answer of the asked type, and how close to the matched words
    proximity: float  # matched words close together
    importance: float  # the per-article ranker's score of the sentence
    tokens: int  # words in the sentence


def hand_score(e: Evidence, w: Mapping[str, float]) -> float:
    """The hand-weighted answer score in [0, 1] (WEIGHTS, chosen on the dev questions)."""
    relevance = (w["own"] * e.own + w["context"] * e.context + w["proximity"] * e.proximity
                 + w["importance"] * min(1.0, max(0.0, e.importance)))
    relevance /= w["own"] + w["context"] + w["proximity"] + w["importance"]
    named = 1.0 if e.named else w["unnamed"]
    # A sentence without an answer of the asked type cannot answer, however well it matches.
    return named * relevance * (1.0 - w["type"] + w["type"] * e.type_score)


class _Cheap(NamedTuple):
    """One passage after the cheap pass: concept coverage from stored stems, no tokenising."""

    key: float  # the cheap pass's order: hand weights of own and context coverage
    own: float
    context: float
    passage: Passage
    matched: list[Concept]
    article_names: float
    own_names: float
    own_heads: float


def _cheap_pass(query: Query, passages: Sequence[Passage], idf: Mapping[str, float],
                w: Mapping[str, float]) -> list[_Cheap]:
    """Concept coverage of every passage from its stored stems, best first (no tokenising)."""
    cweights = concept_weights(query, idf)
    total = sum(cweights) or 1.0
    names = [i for i, c in enumerate(query.concepts) if c.name]
    heads = [i for i, c in enumerate(query.concepts) if c.head]
    by_article: dict[Hashable, dict[int, Passage]] = {}
    for p in passages:
        by_article.setdefault(p.article, {})[p.position] = p

    def credit(concept: Concept, present: frozenset[str]) -> float:
        if concept.primary & present or concept.forms & present:
            return 1.0
        return w["synonym"] if concept.stems & present else 0.0

    def share(indices: list[int], credits: list[float]) -> float:
        return sum(1.0 for i in indices if credits[i]) / len(indices) if indices else 1.0

    finder = _term_finder(frozenset().union(*(c.stems | c.primary | c.forms for c in query.concepts)))
    cheap: list[_Cheap] = []
    for sentences in by_article.values():
        sets = {pos: _present(p, finder) for pos, p in sentences.items()}
        everything = frozenset().union(*sets.values())
        first = min(sets)
        lead = sets.get(first, frozenset())
        article_credit = [credit(c, everything) for c in query.concepts]
        # The question names something this article never mentions: it is about something else.
        article_names = share(names, article_credit)
        lead_credit = [credit(c, lead) for c in query.concepts]
        for pos, p in sentences.items():
            own_set = sets[pos]
            near_set = sets.get(pos - 1, frozenset()) | sets.get(pos + 1, frozenset())
            own = context = 0.0
            matched = []
            own_credit = []
            for i, concept in enumerate(query.concepts):
                c_own = credit(concept, own_set)
                own_credit.append(c_own)
                if c_own:
                    matched.append(concept)
                c_ctx = max(c_own, w["near"] * credit(concept, near_set), w["lead"] * lead_credit[i],
                            w["article"] * article_credit[i])
                own += cweights[i] * c_own
                context += cweights[i] * c_ctx
            own, context = own / total, context / total
            key = (1.0 if article_names == 1.0 else w["unnamed"]) * (w["own"] * own + w["context"] * context)
            cheap.append(_Cheap(key, own, context, p, matched, article_names, share(names, own_credit),
                                share(heads, own_credit)))
    cheap.sort(key=lambda row: -row.key)
    return cheap


def _evidence(query: Query, row: _Cheap, detailed: bool) -> Evidence:
    p = row.passage
    type_score, proximity = _detail(query, p, row.matched) if detailed else (0.0, 0.0)
    return Evidence(own=row.own, context=row.context, named=row.article_names == 1.0,
                    article_names=row.article_names, own_names=row.own_names, own_heads=row.own_heads,
                    detailed=detailed, type_score=type_score, proximity=proximity, importance=p.importance,
                    tokens=len(p.text.split()))


def gather_evidence(query: Query, passages: Sequence[Passage], idf: Mapping[str, float],
                    weights: Mapping[str, float] | None = None,
                    detail_top: int = 30) -> list[tuple[Evidence, Passage]]:
    """Evidence for every passage, the most promising (cheap pass) first.

    Only the best ``detail_top`` of the cheap pass are scored in detail
    (answer type, proximity); the rest carry zeros there.
    """
    if query.empty or not passages:
        return []
    cheap = _cheap_pass(query, passages, idf, {**WEIGHTS, **(weights or {})})
    return [(_evidence(query, row, rank < detail_top), row.passage) for rank, row in enumerate(cheap)]


# ---- the learned combination ----------------------------------------------------------------

_QTYPES = ("number", "person", "time", "place", "name", "other", "reason", "manner")
ANSWER_FEATURES: tuple[str, ...] = (
    "own", "context", "article_names", "named", "own_names", "own_heads", "type", "proximity", "log_tokens",
    "own_vs_best", "context_vs_best", "hand", "hand_vs_best", "own_x_type", "context_x_type",
    "article_names_vs_best", "no_type",
    *(f"type_x_{q}" for q in _QTYPES), *(f"own_x_{q}" for q in _QTYPES), *(f"is_{q}" for q in _QTYPES),
)


def evidence_features(rows: Sequence[Evidence], qtype: str,
                      weights: Mapping[str, float] | None = None) -> np.ndarray:
    """One row of ANSWER_FEATURES per candidate.

    The article-position evidence (`importance`, first sentence) is left out: trained
    with it, the model learned that FacQA's answers sit in short passages
    (whose every sentence is "important") and put the lead of a long article
    first; without it, held-out accuracy is the same or better (docs/qa.md).

    Besides each sentence's own evidence, how it compares with the best
    candidate of the same question ("own_vs_best"): a sentence is an answer
    relative to the others, and a question whose best candidate is weak is
    one the sources may not answer.
    """
    if not rows:
        return np.zeros((0, len(ANSWER_FEATURES)))
    w = {**WEIGHTS, **(weights or {})}
    hand = [hand_score(e, w) for e in rows]
    best_own = max(e.own for e in rows)
    best_context = max(e.context for e in rows)
    best_names = max(e.article_names for e in rows)
    best_hand = max(hand)
    kind = [1.0 if qtype == q else 0.0 for q in _QTYPES]
    out = []
    for e, h in zip(rows, hand):
        out.append([
            e.own, e.context, e.article_names, float(e.named), e.own_names, e.own_heads, e.type_score,
            e.proximity, math.log1p(e.tokens),
            e.own - best_own, e.context - best_context, h, h - best_hand, e.own * e.type_score,
            e.context * e.type_score, e.article_names - best_names, float(e.type_score == 0.0),
            *(e.type_score * k for k in kind), *(e.own * k for k in kind), *kind,
        ])
    return np.array(out, dtype=float)


@lru_cache(maxsize=1)
def load_answer_model() -> dict | None:
    """The logistic answer model (summarizer/data/answer_ranker.json), or None when absent or stale."""
    try:
        raw = resources.files("summarizer").joinpath("data/answer_ranker.json").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    model = json.loads(raw)
    if tuple(model.get("features", ())) != ANSWER_FEATURES:
        return None  # trained on other features: the hand weights are the safe fallback
    return model


def answer_probabilities(model: Mapping, features: np.ndarray) -> np.ndarray:
    """P(the sentence holds the answer) for each row of `features`."""
    z = (features - np.asarray(model["mean"])) / np.asarray(model["scale"])
    return 1.0 / (1.0 + np.exp(-(z @ np.asarray(model["coef"]) + float(model["intercept"]))))


def rank_passages(query: Query, passages: Sequence[Passage], idf: Mapping[str, float],
                  weights: Mapping[str, float] | None = None, detail_top: int = 30,
                  learned: bool = True) -> list[tuple[float, Passage]]:
    """Every passage with its answer score in [0, 1], best first.

    The score is the learned model's probability that the sentence holds the
    answer (``python -m bot.train_qa``); with ``learned=False``, explicit
    ``weights`` or no model shipped, the hand-weighted score. Either way only
    the best ``detail_top`` of the cheap pass can score high: the rest keep a
    hundredth of their hand score, for order only.
    """
    if query.empty or not passages:
        return []
    model = load_answer_model() if learned and weights is None else None
    w = {**WEIGHTS, **(weights or {})}
    if model is None:
        scored = [(hand_score(e, w), p) for e, p in gather_evidence(query, passages, idf, weights, detail_top)]
    else:
        # Only the detailed few get evidence objects and the model; building them for a thousand
        # candidates cost more than the rest of the question.
        cheap = _cheap_pass(query, passages, idf, w)
        detailed = [_evidence(query, row, True) for row in cheap[:detail_top]]
        probabilities = answer_probabilities(model, evidence_features(detailed, query.qtype, w))
        scored = [(float(q), row.passage) for q, row in zip(probabilities, cheap)]
        scored += [(0.01 * row.key, row.passage) for row in cheap[detail_top:]]
    scored.sort(key=lambda pair: -pair[0])
    return scored


# A sentence that opens with one of these leans on the one before for its subject:
# "Ini adalah bakteri penyebab tukak lambung" names the bacterium in the sentence
# before. Connectives ("Namun", "Selain itu") are left out: they add to what came
# before, but the sentence still says what it says.
_REFERRING_OPENERS = frozenset(["ia", "dia", "beliau", "mereka", "keduanya", "ini", "itu", "hal",
                                "he", "she", "they", "it", "this", "that"])


def needs_antecedent(text: str) -> bool:
    """True when the sentence's first word is a pronoun or demonstrative standing for something earlier."""
    first = words(text[:40])
    return bool(first) and first[0] in _REFERRING_OPENERS


def score_sentence(query: Query, stems: Sequence[str], text: str, entities: Sequence[str],
                   importance: float, idf: Mapping[str, float]) -> float:
    """One sentence on its own (no article context): its answer score in [0, 1]."""
    passage = Passage(key=0, article=0, position=0, text=text, stems=tuple(stems), entities=tuple(entities),
                      importance=importance)
    ranked = rank_passages(query, [passage], idf)
    return ranked[0][0] if ranked else 0.0
