"""Ranking candidate sentences: the evidence for each, the hand score and the learned model.

`rank_passages` scores each sentence by
- how much of the question it covers itself (idf-weighted concepts),
- how much of the rest its neighbours and its article cover (the answer
  to "who scored the hat-trick against Mitra Kukar?" is often the
  sentence after the one naming the match),
- whether it offers an answer of the asked type that the question does
  not already contain (summarizer.qa.answer_types), and how close that
  answer sits to the matched words,
- how tightly the matched words cluster (proximity), and its length.
"""
from __future__ import annotations

import json
import math
import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import NamedTuple

import numpy as np

from summarizer.portable import logistic, products
from summarizer.qa.answer_types import _token_stems, answer_candidates, asked_nouns
from summarizer.qa.question import Concept, Query
from summarizer.qa.weights import WEIGHTS
from summarizer.tokens import verb_form, words

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

def idf_weights(doc_freq: Mapping[str, int], total_docs: int) -> dict[str, float]:
    """BM25-style idf, floored at a small positive value so common terms still count a little."""
    return {t: max(0.05, math.log((total_docs - df + 0.5) / (df + 0.5) + 1.0)) for t, df in doc_freq.items()}


def concept_weights(query: Query, idf: Mapping[str, float]) -> list[float]:
    """A concept weighs what its rarest question stem weighs (unknown stems count as rare)."""
    top = max(idf.values(), default=1.0)
    return [max((idf.get(s, top) for s in c.primary | c.forms), default=top) for c in query.concepts]


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
    nouns = asked_nouns(query) if query.qtype == "other" else frozenset()
    if query.qtype == "other" and not nouns:
        return 0.5, proximity
    best = 0.3 if query.qtype == "other" else 0.0
    if nouns and not any(verb_form(n) for n in nouns):
        # "Medali apa yang ditargetkan ...": the word after "medali" answers only beside what
        # the question says of it ("menargetkan medali perak"), not beside the names alone
        # ("prestasi terbaik Timnas Voli Putri adalah medali perunggu").
        predicate = [c for c in query.concepts if not c.head and not c.name and not (c.stems & nouns)]
        if predicate:
            hits = [i for i, (s, t) in enumerate(zip(positions, tokens))
                    if any((s and s in c.stems) or t in c.forms for c in predicate)]
            if not hits:
                return best, proximity  # the sentence never says it: no answer here
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
    return logistic(products(z, np.asarray(model["coef"])) + float(model["intercept"]))


def rank_passages(query: Query, passages: Sequence[Passage], idf: Mapping[str, float],
                  weights: Mapping[str, float] | None = None, detail_top: int = 30,
                  learned: bool = True) -> list[tuple[float, Passage]]:
    """Every passage with its answer score in [0, 1], best first.

    The score is the learned model's probability that the sentence holds the
    answer (``python -m evaluation.train_qa``); with ``learned=False``, explicit
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
