"""Word tokens, stemming, stop words and language detection (Indonesian, English).

Stemming uses Sastrawi for Indonesian (its algorithm written as plain string
functions: summarizer.stemmer_id, the same stems) and NLTK's Porter stemmer for
English (neither needs downloaded data). Stems are cached: a new Indonesian
word costs about 3 us (a root word under 1 us).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from typing import Any

__all__ = ["words", "sentence_words", "cased_words", "stem",
           "root_words", "STOPWORDS", "content_stems", "detect_language"]

# Numbers first so "10.000", "6,5", "23/10/2024" and "20:00" stay one token;
# then words, keeping hyphenated and apostrophe forms ("masing-masing").
# Possessive (++, *+): no character a run ends at is one the run could take, so giving characters
# back never leads to another match; the engine just skips trying (the same tokens, faster).
_WORD = re.compile(r"\d++(?:[.,/:]\d++)++|\w++(?:[-'’]\w++)*+")
_NUMBER = re.compile(r"^[\d.,/:]+$")


def cased_words(text: str) -> list[str]:
    """Word tokens as written (case kept: capitals mark names); cut as `words` cuts them."""
    return _WORD.findall(text)


def words(text: str) -> list[str]:
    """Lower-case word tokens; numbers and hyphenated words stay whole."""
    if "\u0130" in text or "\u03a3" in text:
        return [w.lower() for w in _WORD.findall(text)]
    # The same tokens from the lower-cased text, in one pass: lower-casing keeps every other character
    # one character, and what _WORD reads of it (word, digit, joiner or not). "İ" becomes two ("i" and a
    # combining dot, no word character), and "Σ" lower-cases by what follows it in the text.
    return _WORD.findall(text.lower())


# Cached: at ingest each sentence is tokenised by the ranker's features, its summary
# selection and `content_stems`, one after the other; they share this one tokenisation.
@lru_cache(maxsize=8192)
def sentence_words(text: str) -> tuple[str, ...]:
    """`words` of a sentence as a tuple, cached (the caller must not need a list it can change)."""
    return tuple(words(text))


def _load_stopwords_id() -> frozenset[str]:
    """The Indonesian list shipped in summarizer/data/stopwords_id.txt."""
    raw = files("summarizer").joinpath("data/stopwords_id.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


def _load_stopwords_en() -> frozenset[str]:
    """sumy's English list (plain data file shipped with sumy).

    Read as sumy's get_stop_words reads it, but without importing sumy.utils,
    which pulls in requests and costs ~0.3 s on every start of the bot.
    """
    raw = files("sumy").joinpath("data/stopwords/english.txt").read_bytes().decode("utf-8")
    return frozenset(w.rstrip().lower() for w in raw.splitlines() if w.rstrip())


STOPWORDS: dict[str, frozenset[str]] = {
    "id": _load_stopwords_id(),
    "en": _load_stopwords_en(),
}

# Stemmers are built on first use: importing this module stays cheap.
_stemmers: dict[str, Any] = {}


def _stemmer(lang: str) -> Any:
    """The stemmer for ``lang``, created once."""
    if lang not in _stemmers:
        if lang == "en":
            from nltk.stem.porter import PorterStemmer

            _stemmers[lang] = PorterStemmer()
        else:
            _stemmers[lang] = _sastrawi()
    return _stemmers[lang]


def _sastrawi() -> Any:
    """Sastrawi's algorithm (summarizer.stemmer_id) over its root-word dictionary as a set.

    Sastrawi's own ArrayDictionary keeps its ~30,000 root words in a list, so
    every lookup is a linear scan (about 10 ms a new word; 15 s for the five
    seeds); the same words in a set answer the same. Our lru_cache on `stem`
    replaces Sastrawi's unbounded result cache.
    """
    from summarizer.stemmer_id import FastStemmer

    # ArrayDictionary.add's filter: every line of kata-dasar.txt that is not blank, as it is
    return FastStemmer(frozenset(w for w in _sastrawi_lines() if w and w.strip()))


def _sastrawi_lines() -> list[str]:
    """The lines of Sastrawi's kata-dasar.txt, as StemmerFactory.get_words gives them (split on "\n").

    Read from the package's data, not through StemmerFactory: importing Sastrawi's stemmer
    classes, which the flat algorithm does not use, cost every analysing process 0.013 s.
    """
    return files("Sastrawi.Stemmer").joinpath("data", "kata-dasar.txt").read_text(encoding="utf-8").split("\n")


@lru_cache(maxsize=1)
def root_words() -> frozenset[str]:
    """Sastrawi's dictionary of ~30,000 Indonesian root words ("nenek", "medali", "menteri")."""
    return frozenset(w.strip().lower() for w in _sastrawi_lines() if w and w.strip())


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str = "id") -> str:
    """Stem one word; numbers come back unchanged.

    Indonesian: Sastrawi's algorithm ("mengerahkan" -> "kerah"); anything else: Porter.
    """
    if not word or _NUMBER.match(word):
        return word
    if lang == "en":
        return _stemmer("en").stem(word.lower())
    # Sastrawi drops non-alphanumerics; fall back to the word if nothing is left.
    return _stemmer("id").stem(word) or word.lower()


def verb_form(word: str) -> bool:
    """An Indonesian verb with its prefix ("merayakan", "menuntut", "ditargetkan"), not a noun
    that happens to start like one ("menteri", "menit", "meter": their stem is the word)."""
    root = stem(word)
    return word.startswith(("me", "di", "ber", "ter")) and root != word and not word.startswith(root)


def content_stems(text: str, lang: str = "id") -> list[str]:
    """Stems of the content words: no stop words, no punctuation, numbers kept.

    A content word whose stem is a stop word stays as it is written: "pengguna" (-> "guna"),
    "peserta" (-> "serta"), "kedalaman" (-> "dalam") would otherwise leave the index, and a
    question asking "berapa pengguna ..." keeps the word as written too (qa.question).
    """
    stop = STOPWORDS.get(lang, STOPWORDS["id"])
    out: list[str] = []
    for w in sentence_words(text):
        if w in stop or w.startswith("_"):
            continue
        s = stem(w, lang)
        if s in stop:
            s = w
        if s:
            out.append(s)
    return out


# Words that are stop words in only one of the two languages decide.
_ONLY_ID = STOPWORDS["id"] - STOPWORDS["en"]
_ONLY_EN = STOPWORDS["en"] - STOPWORDS["id"]


def detect_language(text: str) -> str:
    """ "id" or "en", by which language's stop words are more frequent.

    Stop words are the most frequent words of any text, so their counts
    separate the two languages on a sentence or more; ties and empty text
    default to Indonesian, the corpus language.
    """
    toks = words(text)
    id_hits = sum(map(_ONLY_ID.__contains__, toks))  # (True counts 1: the same sums, no Python step a word)
    en_hits = sum(map(_ONLY_EN.__contains__, toks))
    return "en" if en_hits > id_hits else "id"
