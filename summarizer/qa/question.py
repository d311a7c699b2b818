"""The question: its answer type, its translation from English, and its concepts.

`analyze_question` finds the answer type (number, person, time, place, name,
reason, manner, other), translates an English question word by word into
Indonesian (summarizer.lexicon plus topic aliases) and turns the content
words into *concepts*: each a set of interchangeable Indonesian stems (a
word, its translations, its synonyms) with one idf weight.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from summarizer import gazetteer
from summarizer.entities import COUNTRY_ALIASES, GEO
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
from summarizer.qa.vocabulary import word_list, word_map
from summarizer.tokens import (
    root_words,
    STOPWORDS,
    cased_words,
    content_stems,
    detect_language,
    words,
)

_YEAR = re.compile(r"^(19|20)\d\d$")
# Words that only shape a question; they never need to appear in an answer. The
# Indonesian ones also tell an Indonesian question from an English one (`_looks_english`).
_ID_QUESTION_WORDS = frozenset(word_list("question", "indonesian"))
_QUESTION_FILLER = _ID_QUESTION_WORDS | frozenset(word_list("question", "english"))


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
    translated: bool = False  # asked in English and translated word by word

    @property
    def empty(self) -> bool:
        return not self.terms

    @cached_property
    def countries(self) -> frozenset[str]:
        """The countries the question names, one spelling each ("UK" and its translation "inggris" alike)."""
        named = {_country_key(name) for _, name in _countries(words(self.text))}
        return frozenset(named | {_country_key(w) for w in self.words if w in GEO})


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


_COPULAS = frozenset(word_list("question", "copulas"))
_NOUN_TYPES = (("person", PERSON_NOUNS), ("place", PLACE_NOUNS), ("name", NAME_NOUNS), ("number", NUMBER_NOUNS))


_BE_FORMS = frozenset(word_list("question", "be_forms"))
_DETERMINERS = frozenset(word_list("question", "determiners"))


def _measured_noun_type(tokens: Sequence[str]) -> str | None:
    """The type of the noun after "what is/was": "the magnitude of ..." asks for a figure.

    The noun phrase runs over a determiner to a preposition or a verb ("the death toll in ...");
    its last word decides. "the name of ..." decides nothing here (the noun after "of" does).
    """
    phrase = []
    for word in tokens[:5]:
        if word in _HEAD_END or word == "of":
            break
        if word not in _DETERMINERS:
            phrase.append(word)
    if not phrase:
        return None
    return next((kind for kind, nouns in _NOUN_TYPES if phrase[-1] in nouns), None)


def _english_head_type(tokens: Sequence[str]) -> str | None:
    """What "which/what <...> noun" and "the name of the <...> noun" ask for, from the noun.

    English puts the head noun last: "Which South Korean news agency reported ...",
    "Which former NASA astronaut plans ...". The last typed noun within six words
    after the question word (before a verb like "was", "did") decides.
    """
    for i, token in enumerate(tokens):
        if token == "what" and i + 1 < len(tokens) and tokens[i + 1] in _BE_FORMS:
            kind = _measured_noun_type(tokens[i + 2:])  # "What was the magnitude of the earthquake?"
            if kind:
                return kind
        if token in ("which", "what") or (token == "of" and i > 0 and tokens[i - 1] == "name"):
            window = []
            for following in tokens[i + 1:i + 7]:
                if following in _COPULAS or (following in _HEAD_END
                                             and following not in ("of", "in", "at", "on", "from", "to", "for")):
                    break  # "Which medal is the women's team ...": the noun asked for ends at the verb
                if following == "of" and any(w in PERSON_NOUNS for w in window):
                    break  # "which confidante of South Korean President ...": the person before "of"
                window.append(following)
            for following in reversed(window):
                for kind, nouns in _NOUN_TYPES:
                    if following in nouns:
                        return kind
    return None


def _lexicon(extra: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    # the lexicon's own sense first: a topic lumps "injured" with "dead" under one story ("korban")
    return {**{k.lower(): list(v) for k, v in extra.items()}, **EN_ID}


_ORDINAL_EN = re.compile(r"(\d{1,3})(?:st|nd|rd|th)")
_ORDINAL_WORDS = dict(enumerate(word_list("numbers", "english_ordinals"), start=1))  # 1: "first"
# Month names that are also English words: only typed capitalised inside a question are they months.
_AMBIGUOUS_MONTHS = word_map("time", "ambiguous_english_months")


def _named_months(text: str) -> dict[str, str]:
    """{"may": "mei"} when "May" is typed capitalised after the first word ("January to May 2017")."""
    return {w.lower(): _AMBIGUOUS_MONTHS[w] for w in cased_words(text)[1:] if w in _AMBIGUOUS_MONTHS}


def _singular(word: str) -> str | None:
    """The singular of an English plural the lexicon does not know ("provocateurs" -> "provocateur"), or None."""
    if len(word) < 5 or not word.isalpha() or word.endswith(("ss", "us", "is")) or not word.endswith("s"):
        return None
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1]


def _translate(tokens: list[str], lexicon: Mapping[str, Sequence[str]],
               names: frozenset[str] = frozenset(),
               name_parts: frozenset[str] = frozenset(),
               months: Mapping[str, str] | None = None) -> list[tuple[tuple[str, ...], list[str]]]:
    """English tokens -> (source words, Indonesian alternatives), longest phrase first; names pass through.

    A word not listed is de-inflected ("acquires" -> "acquire") unless it was typed
    capitalised (`names`): "Reading" the club stays "reading". A single listed word
    inside a longer name (`name_parts`: "Sue" in "Sue Grafton", "Star" in "Star
    Wars") may be that name as written, so the word itself is kept as one more
    alternative: Indonesian news writes "Star Wars" but "Siklon Debbie".
    """
    out: list[tuple[tuple[str, ...], list[str]]] = []
    months = months or {}
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
            ordinal = _ORDINAL_EN.fullmatch(token)
            if ordinal:  # "the 10th Lebaran Betawi": "Lebaran Betawi ke-10"
                number = int(ordinal.group(1))
                out.append(((token,), [f"ke-{number}", *EN_ID.get(_ORDINAL_WORDS.get(number, ""), [])]))
            elif token in months:  # "January to May 2017": the month, not the modal verb
                out.append(((token,), [months[token]]))
            elif "-" in token and token not in lexicon:  # "us-supplied": translate the parts
                out.extend(((token,), alts) for _, alts in _translate(token.split("-"), lexicon, names, name_parts,
                                                                      months))
            elif base is not None:
                if base:
                    out.append(((token,), list(base)))
            elif token not in STOPWORDS["en"] or token in STOPWORDS["id"]:
                # an unlisted plural ("provocateurs", "smartphones") is written singular in Indonesian
                singular = _singular(token) if token not in names else None
                out.append(((token,), [token, singular] if singular else [token]))
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


_WH = frozenset(word_list("question", "wh"))
_HEAD_END = frozenset(word_list("question", "head_end"))


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
    months = _named_months(text)
    tokens = [_possessive(w) for w in words(text)
              if w not in _QUESTION_FILLER or w in ("near", "against") or w in months]
    english = lang == "en" or _looks_english(text)
    capitalised = frozenset(w.lower() for w in cased_words(text) if w[:1].isupper())
    groups = (_translate(tokens, _lexicon(aliases or {}), capitalised, _name_parts(text), months) if english
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
            # No stem left (its stem is a question word): match the word as written. ("kedalaman", whose
            # stem is the stop word "dalam", is kept as written by content_stems itself, as the index keeps it.)
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
                 words=frozenset(question_words), translated=english)


def _possessive(word: str) -> str:
    """"singapore's" -> "singapore"; "women's" stays when the lexicon translates it as a whole."""
    word = word.replace("’", "'")
    return word if word in EN_ID else re.sub(r"'s$", "", word)


def _number_spellings(token: str) -> tuple[str, ...]:
    """The other ways a figure is stored: "7380" -> "7.380" and "7,380"; "7.380" -> "7380" and "7,380"; "7.1" <-> "7,1".

    Questions often drop the thousand separator the article used (FacQA's
    "sebanyak 7380 meter kubik" against "menyita 7.380 meter kubik"), and an
    English question writes "2,600" and "7.1" where Indonesian text has
    "2.600" and "7,1". A group of three digits after the separator is read as
    thousands (English decimals rarely run to three places); one or two, as a decimal.
    """
    if re.fullmatch(r"\d{4,}", token) and not _YEAR.match(token):
        grouped = f"{int(token):,}"
        return (grouped.replace(",", "."), grouped)
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", token):
        digits = re.sub(r"[.,]", "", token)
        return (digits, token.translate(_OTHER_SEPARATOR))
    if re.fullmatch(r"\d+[.,]\d{1,2}", token):
        return (token.translate(_OTHER_SEPARATOR),)
    return ()


_OTHER_SEPARATOR = str.maketrans(".,", ",.")


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
                               or low in root_words() or low in QUESTION_TYPES):
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


def _country_key(name: str) -> str:
    """One spelling per country: "uk" and "inggris", "korut" and "korea utara" compare equal."""
    return COUNTRY_ALIASES.get(name, name).lower()
