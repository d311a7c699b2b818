"""Free questions: the one to three sentences that answer it, best first, or an honest no."""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot import queries
from bot.briefing import points_to_items
from bot.i18n import example, t
from bot.models import Item, Reply, Request
from bot.registry import Command
from bot.settings import Topic
from summarizer.answer_span import answer_margin, answer_phrase, differing_answers
from summarizer.brief import Candidate, select_points
from summarizer.qa import (
    Passage,
    Query,
    analyze_question,
    concept_weights,
    idf_weights,
    needs_antecedent,
    rank_passages,
)

if TYPE_CHECKING:
    from bot.context import Context

MAX_ARTICLES = 15  # articles whose every sentence is ranked (the best of the full-text hits)
_HEDGE_RIVALS = 2  # sentences a hedge shows when two answers compete
_SCORE_BAND = 0.65  # further answers must score within this fraction of the best (model probabilities spread wider than the hand scores did)


def english_aliases(topics: Sequence[Topic]) -> dict[str, list[str]]:
    """English alias -> the topic's Indonesian aliases, for translating questions."""
    mapping: dict[str, list[str]] = {}
    for topic in topics:
        for alias in topic.aliases.get("en", []):
            mapping[alias.lower()] = topic.aliases.get("id", [])[:2]
    return mapping


class _StoredEntities(Sequence[str]):
    """A sentence's stored entity list (JSON), decoded on first use.

    Ranking reads the entities of only the few dozen sentences it scores in
    detail; decoding all of a thousand candidates' lists up front cost more
    than the ranking itself.
    """

    __slots__ = ("_raw", "_names")

    def __init__(self, raw: str | None) -> None:
        self._raw = raw
        self._names: list[str] | None = None

    def _decoded(self) -> list[str]:
        if self._names is None:
            self._names = json.loads(self._raw) if self._raw else []
        return self._names

    def __getitem__(self, index):  # type: ignore[override]
        return self._decoded()[index]

    def __len__(self) -> int:
        return len(self._decoded())


def _article_passages(ctx: Context, article_ids: Sequence[int]) -> list[Passage]:
    """Every sentence of the given articles (a bounded set: at most MAX_ARTICLES articles)."""
    if not article_ids:
        return []
    marks = ",".join("?" for _ in article_ids)
    rows = ctx.store.query(
        f"select id, article_id, position, text, stems, score, entities from sentences "
        f"where article_id in ({marks})", tuple(article_ids))
    return [Passage(key=r["id"], article=r["article_id"], position=r["position"], text=r["text"],
                    stems=tuple((r["stems"] or "").split()), entities=_StoredEntities(r["entities"]),
                    importance=r["score"] or 0.0) for r in rows]


def _best_articles(query: Query, rows: Sequence[queries.SentenceRow], idf: dict[str, float]) -> list[int]:
    """Articles ordered by how much of the question their matching sentences cover together."""
    covered: dict[int, set[int]] = {}
    first_rank: dict[int, int] = {}
    for rank, row in enumerate(rows):
        stems = set(row.stems)
        found = covered.setdefault(row.article_id, set())
        first_rank.setdefault(row.article_id, rank)
        found.update(i for i, c in enumerate(query.concepts) if c.stems & stems)
    weights = concept_weights(query, idf)
    return sorted(covered, key=lambda a: (-sum(weights[i] for i in covered[a]), first_rank[a]))[:MAX_ARTICLES]


def retrieve(ctx: Context, query: Query) -> tuple[list[Passage], dict[str, float]]:
    """Every sentence of the articles that best match the question, and the question's idf weights."""
    if query.empty:
        return [], {}
    rows = queries.search_sentences(ctx.store, query.terms, limit=ctx.settings.answers.candidates)
    if not rows:
        return [], {}
    freq, total = queries.doc_freq(ctx.store, query.terms)
    idf = idf_weights({term: freq.get(term, 0) for term in query.terms}, total)
    return _article_passages(ctx, _best_articles(query, rows, idf)), idf


def answer(ctx: Context, query: Query) -> list[tuple[float, Passage]]:
    """Ranked answer sentences for an analysed question (empty when nothing matches)."""
    passages, idf = retrieve(ctx, query)
    return rank_passages(query, passages, idf) if passages else []


_MAX_ANTECEDENTS = 2  # "Ia menambahkan ..." after "Ia mengatakan ..." after the sentence naming him


def _shown_text(passage: Passage, passages: Sequence[Passage], max_words: int) -> str:
    """The sentence as shown: after the sentences before it when it opens by pointing back ("Ini adalah ...").

    A chain of pointing sentences is followed back to the one that names what they
    point to, at most ``_MAX_ANTECEDENTS`` sentences, and only while the whole stays
    within ``max_words``: the line is trimmed to that length for chat, and the
    trimmed part must never be the answer itself.
    """
    by_position = {p.position: p for p in passages if p.article == passage.article}
    shown = [passage.text]
    length = len(passage.text.split())
    current = passage
    while needs_antecedent(current.text) and len(shown) <= _MAX_ANTECEDENTS:
        previous = by_position.get(current.position - 1)
        if previous is None or length + len(previous.text.split()) > max_words:
            break
        shown.insert(0, previous.text)
        length += len(previous.text.split())
        current = previous
    return " ".join(shown)


def ask(ctx: Context, req: Request, lang: str) -> Reply:
    """The one to three sentences that best answer a question, best first, or an honest no.

    Three outcomes by the best sentence's probability: from `answers.min_score`,
    with a lead of `answers.sure_margin` over the best sentence giving another
    answer, a confident answer (its answer phrase highlighted); from
    `answers.hedge_score` the single closest sentence (without that lead, the
    two closest, which give different answers) under "the sources do not answer this clearly" (it is right about six
    times in ten there, docs/qa.md); below that, a plain no. Two closest sentences from different
    outlets, each giving its own figure of the thing asked, are "the sources differ" instead, each
    figure highlighted (`summarizer.answer_span.differing_answers`).
    """
    if not req.args.strip():  # "/ask" alone: say how, not "the sources do not answer"
        question = ctx.settings.example_question(lang)
        return Reply(title=t("ask_usage", lang, example=example(question and f"/ask {question}", lang)),
                     ephemeral=True)
    query = analyze_question(req.args, english_aliases(ctx.settings.topics))
    ranked = answer(ctx, query)
    threshold = ctx.settings.answers.min_score
    best = ranked[0][0] if ranked else 0.0
    if not ranked or best < min(threshold, ctx.settings.answers.hedge_score):
        return Reply(title=t("no_answer", lang))
    # sure only with a clear lead over every other answer on offer (docs/qa.md, "Sure means right")
    likely = best >= threshold
    confident = likely and answer_margin(query, ranked) >= ctx.settings.answers.sure_margin
    # A weak hedge shows the closest sentence (and its repeats) only; a likely answer without a clear
    # lead shows its rival too ("2.600 tentara" beside "8.000 pasukan"): the reader sees why it is unsure.
    floor = threshold if confident else (best * _SCORE_BAND if likely else best)
    passages = [p for _, p in ranked]
    max_words = ctx.settings.brief.max_words  # the chat line's length (points_to_items trims to it)
    candidates = [Candidate(text=_shown_text(p, passages, max_words), stems=frozenset(p.stems), article=p.article, key=p.key,
                            score=s)
                  for s, p in ranked[:50] if s >= max(floor, best * _SCORE_BAND)]
    limit = ctx.settings.answers.max_sentences if confident else (_HEDGE_RIVALS if likely else 1)
    points = select_points(candidates, max_points=limit, per_article=limit, threshold=0.8)
    points.sort(key=lambda p: -p.score)  # the best answer first, however many outlets repeat another
    items = points_to_items(ctx, points)
    by_key = {p.key: p for p in passages}
    entities = [by_key[point.keys[0]].entities if point.keys and point.keys[0] in by_key else ()
                for point in points]
    if confident:  # a hedge marks nothing: a bold phrase would read as an answer the sources do not give
        for item, names in zip(items, entities):
            item.highlight = answer_phrase(query, item.text, names)
    elif likely and len(items) == _HEDGE_RIVALS and _other_outlets(items):
        # ... unless its two sentences are different outlets giving different figures of the thing
        # asked: "the sources differ", each figure marked beside its source (docs/qa.md)
        spans = differing_answers(query, [(item.text, names) for item, names in zip(items, entities)])
        if spans:
            for item, span in zip(items, spans):
                item.highlight = span
            return Reply(title=t("sources_differ", lang), items=items)
    return Reply(title=t("answer_title" if confident else "weak_answer", lang), items=items)


def _other_outlets(items: Sequence[Item]) -> bool:
    """Every item's outlets named, and no outlet behind two items ("Kompas" and "kompas" are one)."""
    outlets = [{ref.source.strip().casefold() for ref in item.sources} for item in items]
    if any(not named or "" in named for named in outlets):
        return False
    return all(not (mine & theirs) for k, mine in enumerate(outlets) for theirs in outlets[k + 1:])


def register(ctx: Context) -> None:
    ctx.registry.add(Command("ask", ask, {"id": "Ajukan pertanyaan (atau tulis saja pertanyaannya)",
                                          "en": "Ask a question (or just type it)"},
                             usage="QUESTION", aliases=("tanya",)))
