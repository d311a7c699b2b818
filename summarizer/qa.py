"""Question analysis and answer-sentence scoring, over sentences handed in by the caller."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from summarizer.lexicon import EN_ID, QUESTION_TYPES
from summarizer.tokens import STOPWORDS, content_stems, detect_language, words

_MONTHS = ("januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember|"
           "january|february|march|june|july|august|october|december")
_TIME = re.compile(rf"\b({_MONTHS}|senin|selasa|rabu|kamis|jumat|sabtu|minggu|\d{{1,2}}/\d{{1,2}}|"
                   r"(19|20)\d\d|hari ini|kemarin|pekan|minggu lalu|besok)\b", re.I)
_NUMBER = re.compile(r"\b\d[\d.,]*\b|\b(ribu|juta|ratusan|ribuan|puluhan)\b", re.I)
_PLACE_HINT = re.compile(r"\b(di|ke|dari|dekat|wilayah|kota|kawasan|perbatasan)\s+[A-Z]")
_REASON = re.compile(r"\b(karena|sebab|akibat|untuk|agar|supaya|sehingga|because)\b", re.I)
# Words that only shape a question; they never need to appear in an answer.
_QUESTION_FILLER = frozenset(
    "apa apakah siapa siapakah berapa berapakah kapan mengapa kenapa bagaimana mana dimana "
    "yang ada adalah sebenarnya saat ini sekarang tolong jelaskan sebutkan "
    "how many much who whom when where why what which is are was were do does did the a an of in "
    "to there have has been at on for with about tell me please".split()
)


@dataclass
class Query:
    """A question reduced to search terms (stems, Indonesian) and the answer type it wants."""

    text: str
    lang: str
    qtype: str  # number, person, time, place, reason, manner, other
    terms: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.terms


def question_type(text: str) -> str:
    lowered = f" {text.lower()} "
    for phrase in sorted(QUESTION_TYPES, key=len, reverse=True):
        if f" {phrase} " in lowered or lowered.startswith(f" {phrase}"):
            return QUESTION_TYPES[phrase]
    return "other"


def _translate(text: str, extra: Mapping[str, Sequence[str]]) -> str:
    """Replace English words and phrases (longest first) with Indonesian ones."""
    lexicon = {**EN_ID, **{k.lower(): list(v) for k, v in extra.items()}}
    tokens = words(text)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in (3, 2, 1):
            phrase = " ".join(tokens[i:i + size])
            if len(tokens[i:i + size]) == size and phrase in lexicon:
                out.extend(lexicon[phrase] or [])
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


def analyze_question(text: str, aliases: Mapping[str, Sequence[str]] | None = None) -> Query:
    """Detect the language and answer type; turn the content words into Indonesian stems."""
    lang = detect_language(text) if len(text.split()) > 2 else ("en" if _looks_english(text) else "id")
    qtype = question_type(text)
    body = " ".join(w for w in words(text) if w not in _QUESTION_FILLER)
    if lang == "en" or _looks_english(text):
        body = _translate(body, aliases or {})
    terms = [t for t in content_stems(body, "id") if t not in _QUESTION_FILLER]
    return Query(text=text, lang=lang, qtype=qtype, terms=list(dict.fromkeys(terms)))


def _looks_english(text: str) -> bool:
    tokens = words(text)
    english = sum(1 for t in tokens if t in STOPWORDS["en"] or t in EN_ID)
    indonesian = sum(1 for t in tokens if t in STOPWORDS["id"])
    return english > indonesian


def type_match(qtype: str, sentence: str, entities: Sequence[str]) -> float:
    """How well a sentence offers the kind of answer asked for, in [0, 1]."""
    if qtype == "number":
        return 1.0 if _NUMBER.search(sentence) else 0.0
    if qtype == "person":
        return 1.0 if entities else 0.0
    if qtype == "time":
        return 1.0 if _TIME.search(sentence) else 0.0
    if qtype == "place":
        return 1.0 if _PLACE_HINT.search(sentence) or entities else 0.0
    if qtype == "reason":
        return 1.0 if _REASON.search(sentence) else 0.0
    return 0.5


def score_sentence(query: Query, stems: Sequence[str], text: str, entities: Sequence[str],
                   importance: float, idf: Mapping[str, float]) -> float:
    """Answer score in [0, 1]: idf-weighted term coverage, answer type, a little importance."""
    if query.empty:
        return 0.0
    present = set(stems)
    weights = {t: idf.get(t, 1.0) for t in query.terms}
    total = sum(weights.values()) or 1.0
    coverage = sum(w for t, w in weights.items() if t in present) / total
    return 0.75 * coverage + 0.2 * type_match(query.qtype, text, entities) + 0.05 * importance


def idf_weights(doc_freq: Mapping[str, int], total_docs: int) -> dict[str, float]:
    """BM25-style idf, floored at a small positive value so common terms still count a little."""
    return {t: max(0.05, math.log((total_docs - df + 0.5) / (df + 0.5) + 1.0)) for t, df in doc_freq.items()}
