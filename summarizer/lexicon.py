"""A small English -> Indonesian lexicon for questions asked in English, and Indonesian synonyms.

No offline bilingual dictionary on PyPI covers news vocabulary, so this list
is kept by hand: the general vocabulary of Indonesian news (politics, law and
crime, economy and business, technology, sport, entertainment, disasters,
health, education, religion, transport) and the words English questions are
made of. Topic aliases from config/topics.toml are added on top of it by the
caller. Keys are lower-case English words or phrases (up to three words);
values are Indonesian words as news prose writes them, whose stems the search
uses ("hadir" covers "menghadiri"). Several values are alternatives: a
sentence with any of them covers the word. An empty list drops the word.
A value whose stems are all Indonesian stop words ("pendapatan" -> "dapat")
is still the right word, but it only matches as the sole alternative (the
question analyser then looks for the word as written).

The entries are data: summarizer/data/lexicon_en_id.toml, read and checked by
`parse_lexicon` on first use (not at import: `ask /help` needs none of it). The
English words are kept in three tables ([words], [nouns], [verbs]); `EN_ID` gets
them all plus the inflected forms of the nouns (plural) and verbs (-s, -ed,
-ing, irregular forms), so "introduced", "won" and "goalkeepers" resolve with a
plain dict lookup. A form listed explicitly is
never replaced by a generated one. `english_alternatives` de-inflects a word
that is still not found.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from lazy_object_proxy import Proxy

DATA_FILE = "data/lexicon_en_id.toml"  # inside the summarizer package
ANSWER_TYPES = frozenset(["number", "person", "time", "place", "name", "reason", "manner", "other"])
_ENGLISH_TABLES = ("words", "nouns", "verbs")
_TABLES = (*_ENGLISH_TABLES, "irregular_verbs", "irregular_plurals", "synonyms", "question_types", "inflection",
           "head_nouns")
_INFLECTION_LISTS = ("doubling", "doubling_optional", "no_plural")
_HEAD_NOUN_KINDS = ("place", "person", "number", "name")


class LexiconError(ValueError):
    """The lexicon's data is malformed; the message names the file, the table and the entry."""


@dataclass(frozen=True)
class Lexicon:
    """The tables of the data file, checked."""

    words: dict[str, list[str]]  # not inflected: names, adjectives, phrases, question words
    nouns: dict[str, list[str]]  # plurals generated
    verbs: dict[str, list[str]]  # -s, -ed, -ing forms generated
    irregular_verbs: dict[str, tuple[str, ...]]  # base -> past tense and participle
    irregular_plurals: dict[str, str]
    synonyms: dict[str, list[str]]  # Indonesian word -> Indonesian words that say the same
    question_types: dict[str, str]  # question word or phrase -> answer type
    doubling: frozenset[str]  # verbs that double their last consonant ("admitted")
    doubling_optional: frozenset[str]  # ... that may ("cancelled", "canceled")
    no_plural: frozenset[str]
    head_nouns: dict[str, frozenset[str]]  # answer type -> nouns that ask for it ("kota mana")


def _is_word(value: object) -> bool:
    """A non-empty lower-case string without surrounding spaces."""
    return isinstance(value, str) and bool(value) and value == value.lower().strip()


def _word_list_error(value: object, empty_ok: bool = False) -> str | None:
    """What is wrong with a list of lower-case words, or None."""
    if not isinstance(value, list) or not (value or empty_ok):
        return "expected a list of words" if empty_ok else "expected a non-empty list of words"
    if not all(_is_word(v) for v in value):
        return "every word must be a non-empty lower-case string"
    if len(set(value)) != len(value):
        return "a word is listed twice"
    return None


def parse_lexicon(text: str, source: str = f"summarizer/{DATA_FILE}") -> Lexicon:
    """The lexicon from the data file's text; LexiconError naming the entry when it is malformed.

    TOML itself rejects a key listed twice in a table (a Python dict literal kept the
    last silently); this checks the shape of every entry, and that no English word is
    in more than one of [words], [nouns], [verbs].
    """
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = re.search(r"line (\d+)", str(err))
        entry = text.splitlines()[int(line.group(1)) - 1].strip() if line else ""
        raise LexiconError(f"{source}: {err}" + (f": {entry}" if entry else "")) from None
    unknown = sorted(set(raw) - set(_TABLES))
    if unknown:
        raise LexiconError(f"{source}: unknown table [{unknown[0]}]")

    def table(name: str) -> dict:
        value = raw.get(name)
        if not isinstance(value, dict):
            raise LexiconError(f"{source}: the table [{name}] is missing")
        return value

    def check(name: str, error: Callable[[str, object], str | None]) -> None:
        for key, value in table(name).items():
            problem = error(key, value)
            if problem:
                raise LexiconError(f"{source}: [{name}] {key!r}: {problem}")

    def key_error(key: str, max_words: int | None = 1) -> str | None:
        if not _is_word(key) or (max_words is not None and len(key.split(" ")) > max_words):
            if max_words is None:
                return "a key is a lower-case word or phrase"
            return "a key is a lower-case word" + (f" or phrase of up to {max_words} words" if max_words > 1 else "")
        return None

    seen: dict[str, str] = {}
    for name in _ENGLISH_TABLES:
        check(name, lambda k, v: key_error(k, 3) or _word_list_error(v, empty_ok=True))
        for key in table(name):
            if key in seen:
                raise LexiconError(f"{source}: [{name}] {key!r}: already in [{seen[key]}]")
            seen[key] = name
    check("irregular_verbs", lambda k, v: key_error(k) or _word_list_error(v))
    check("irregular_plurals", lambda k, v: key_error(k) or (None if _is_word(v) else "expected a lower-case plural"))
    check("synonyms", lambda k, v: key_error(k, 3) or _word_list_error(v))
    check("question_types", lambda k, v: key_error(k, None) or (
        None if v in ANSWER_TYPES else f"expected one of {', '.join(sorted(ANSWER_TYPES))}"))
    for name, keys in (("inflection", _INFLECTION_LISTS), ("head_nouns", _HEAD_NOUN_KINDS)):
        check(name, lambda k, v, keys=keys: (None if k in keys else f"expected one of {', '.join(keys)}")
              or _word_list_error(v))
        missing = [k for k in keys if k not in table(name)]
        if missing:
            raise LexiconError(f"{source}: [{name}] {missing[0]!r} is missing")
    inflection = table("inflection")
    return Lexicon(
        words=table("words"), nouns=table("nouns"), verbs=table("verbs"),
        irregular_verbs={k: tuple(v) for k, v in table("irregular_verbs").items()},
        irregular_plurals=table("irregular_plurals"), synonyms=table("synonyms"),
        question_types=table("question_types"),
        doubling=frozenset(inflection["doubling"]), doubling_optional=frozenset(inflection["doubling_optional"]),
        no_plural=frozenset(inflection["no_plural"]),
        head_nouns={k: frozenset(v) for k, v in table("head_nouns").items()},
    )


@lru_cache(maxsize=1)
def _data() -> Lexicon:
    """The shipped lexicon, read and checked once, on first use."""
    text = resources.files("summarizer").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return parse_lexicon(text)


# ---- English inflection ------------------------------------------------------------------
# Only what the tables need: regular English forms by rule, the rest listed in the data file.

_VOWELS = "aeiou"
_CVC = re.compile(r"^[^aeiou]*[aeiou][bcdfghjklmnpqrstvz]$")  # one syllable ending consonant-vowel-consonant


def _plural(noun: str) -> str | None:
    """The plural of one English noun, or None when it takes none ("news", "series")."""
    lexicon = _data()
    if noun in lexicon.no_plural:
        return None
    if noun in lexicon.irregular_plurals:
        return lexicon.irregular_plurals[noun]
    if noun.endswith("woman"):
        return noun[:-5] + "women"
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun.endswith("child"):
        return noun + "ren"
    if noun.endswith("sis"):  # crisis -> crises, thesis -> theses
        return noun[:-2] + "es"
    if noun.endswith(("ss", "us", "as", "ns", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("s"):  # already plural or uncountable: "esports", "athletics"
        return None
    if noun.endswith("y") and len(noun) > 2 and noun[-2] not in _VOWELS:
        return noun[:-1] + "ies"
    return noun + "s"


def _third_person(verb: str) -> str:
    """"attack" -> "attacks", "discuss" -> "discusses", "carry" -> "carries", "go" -> "goes"."""
    if verb.endswith(("s", "x", "z", "ch", "sh")) or (verb.endswith("o") and len(verb) > 1 and verb[-2] not in _VOWELS):
        return verb + "es"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + "s"


def _doubled(verb: str) -> list[str]:
    """Stems for -ed/-ing: the verb, with its last consonant doubled where English doubles it."""
    if verb in _data().doubling or _CVC.match(verb):
        return [verb + verb[-1]]
    if verb in _data().doubling_optional:
        return [verb + verb[-1], verb]
    return [verb]


def _past(verb: str) -> list[str]:
    """Regular past forms: "use" -> "used", "carry" -> "carried", "ban" -> "banned", "panic" -> "panicked"."""
    if verb.endswith("e"):
        return [verb + "d"]
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in _VOWELS:
        return [verb[:-1] + "ied"]
    if verb.endswith("ic"):
        return [verb + "ked"]
    return [stem + "ed" for stem in _doubled(verb)]


def _gerund(verb: str) -> list[str]:
    """"die" -> "dying", "agree" -> "agreeing", "make" -> "making", "win" -> "winning"."""
    if verb.endswith("ie"):
        return [verb[:-2] + "ying"]
    if verb.endswith(("ee", "oe", "ye")) or verb == "be":
        return [verb + "ing"]
    if verb.endswith("e") and len(verb) > 2:
        return [verb[:-1] + "ing"]
    if verb.endswith("ic"):
        return [verb + "king"]
    return [stem + "ing" for stem in _doubled(verb)]


def noun_forms(phrase: str) -> list[str]:
    """The plural of a noun or noun phrase (its last word): "toll road" -> ["toll roads"]."""
    *head, last = phrase.split(" ")
    plural = _plural(last)
    return [" ".join([*head, plural])] if plural and plural != last else []


def verb_forms(phrase: str) -> list[str]:
    """The -s, past and -ing forms of a verb or verb phrase (its first word): "take place" -> "took place", ..."""
    first, *rest = phrase.split(" ")
    forms = [_third_person(first), *_gerund(first)]
    irregular = _data().irregular_verbs
    forms += list(irregular[first]) if first in irregular else _past(first)
    return list(dict.fromkeys(" ".join([form, *rest]) for form in forms if form != first))


# Words the question analyser removes before it looks phrases up ("secretary of state"
# reaches the lexicon as "secretary state"): each phrase is also listed without them.
_PHRASE_FILLER = frozenset(["of", "the", "a", "an", "to", "in", "on", "at", "for", "with", "about"])


def _build() -> dict[str, list[str]]:
    """Every explicit entry, then generated forms that no explicit entry claims.

    A form generated from two bases ("lives": "live", "life") gets both bases' words.
    """
    lexicon = _data()
    explicit: dict[str, list[str]] = {**lexicon.words, **lexicon.nouns, **lexicon.verbs}
    generated: dict[str, list[str]] = {}

    def add(form: str, alternatives: list[str]) -> None:
        if form in explicit:
            return
        merged = generated.setdefault(form, [])
        merged.extend(a for a in alternatives if a not in merged)

    for noun, alternatives in lexicon.nouns.items():
        for form in noun_forms(noun):
            add(form, alternatives)
    for verb, alternatives in lexicon.verbs.items():
        for form in verb_forms(verb):
            add(form, alternatives)
    for phrase, alternatives in [*explicit.items(), *generated.items()]:
        kept = [w for w in phrase.split(" ") if w not in _PHRASE_FILLER]
        if 1 < len(kept) < len(phrase.split(" ")):
            add(" ".join(kept), alternatives)
    return {**explicit, **generated}


# Built on first use (Proxy), not at import: ~0.05 s that `ask /help` and most commands never need.
EN_ID: dict[str, list[str]] = Proxy(_build)

# Keys that are also Indonesian words ("film", "bank", "final", "start", "lap"): each maps
# to itself among its alternatives, so translating an Indonesian word by mistake loses
# nothing, and a language detector should not count them as English.
SHARED_WORDS: frozenset[str] = Proxy(lambda: frozenset(k for k, v in EN_ID.items() if " " not in k and k in v))


@lru_cache(maxsize=1)
def _irregular_bases() -> dict[str, str]:
    """Irregular form -> base: "won" -> "win", "children" -> "child"."""
    lexicon = _data()
    return {
        **{form: base for base, forms in lexicon.irregular_verbs.items() for form in forms},
        **{plural: noun for noun, plural in lexicon.irregular_plurals.items()},
    }


def _base_candidates(word: str) -> list[str]:
    """Guesses at the base form of an inflected English word, most likely first."""
    bases = _irregular_bases()
    out = [bases[word]] if word in bases else []
    if word.endswith("men"):
        out.append(word[:-3] + "man")
    for suffix, replacements in (("ies", ["y"]), ("ied", ["y"]), ("ying", ["ie"]), ("es", ["", "is"]), ("s", [""]),
                                 ("ed", ["", "e"]), ("d", [""]), ("ing", ["", "e"])):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            root = word[: -len(suffix)]
            out += [root + r for r in replacements]
            if suffix in ("ed", "ing") and len(root) > 2 and root[-1] == root[-2] and root[-1] not in _VOWELS:
                out.append(root[:-1])  # "banned" -> "ban", "winning" -> "win"
    return list(dict.fromkeys(out))


def english_alternatives(word: str) -> list[str] | None:
    """Indonesian alternatives for an English word or phrase, de-inflecting it when that form is not listed.

    Tries the form itself, then base-form guesses (irregular forms, plural -s/-es/-ies,
    past -ed/-d/-ied with doubled consonants, -ing) on the phrase's first and last
    word. None when nothing matches: a name, which the caller keeps as written.
    """
    word = word.lower().strip()
    if word in EN_ID:
        return EN_ID[word]
    parts = word.split(" ")
    for index in sorted({0, len(parts) - 1}):
        for base in _base_candidates(parts[index]):
            candidate = " ".join([*parts[:index], base, *parts[index + 1:]])
            if candidate in EN_ID:
                return EN_ID[candidate]
    return None


# The tables the question analyser reads, each built on first use like EN_ID.
ID_SYNONYMS: Mapping[str, list[str]] = Proxy(lambda: _data().synonyms)
QUESTION_TYPES: Mapping[str, str] = Proxy(lambda: _data().question_types)
PLACE_NOUNS: frozenset[str] = Proxy(lambda: _data().head_nouns["place"])
PERSON_NOUNS: frozenset[str] = Proxy(lambda: _data().head_nouns["person"])
NUMBER_NOUNS: frozenset[str] = Proxy(lambda: _data().head_nouns["number"])
NAME_NOUNS: frozenset[str] = Proxy(lambda: _data().head_nouns["name"])
# English nouns and their plurals: "which medal ..." asks to specify a medal (the word after
# "medali" in the answer), "which said ..." asks nothing of the kind.
ENGLISH_NOUNS: frozenset[str] = Proxy(lambda: frozenset(f for noun in _data().nouns for f in (noun, *noun_forms(noun))))
