"""Free questions: the one to three sentences that answer it, best first, or an honest no."""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from bot import queries
from bot.commands.points import points_to_items
from bot.i18n import t
from bot.models import Reply, Request
from bot.registry import Command
from bot.settings import Topic
from summarizer.brief import Candidate, select_points
from summarizer.qa import analyze_question, idf_weights, score_sentence

if TYPE_CHECKING:
    from bot.app import BotApp


def english_aliases(topics: Sequence[Topic]) -> dict[str, list[str]]:
    """English alias -> the topic's Indonesian aliases, for translating questions."""
    mapping: dict[str, list[str]] = {}
    for topic in topics:
        for alias in topic.aliases.get("en", []):
            mapping[alias.lower()] = topic.aliases.get("id", [])[:2]
    return mapping


def ask(app: "BotApp", req: Request, lang: str) -> Reply:
    """The one to three sentences that best answer a question, best first, or an honest no."""
    query = analyze_question(req.args, english_aliases(app.settings.topics))
    if query.empty:
        return Reply(title=t("no_answer", lang))
    rows = queries.search_sentences(app.store, query.terms, limit=app.settings.get("answers.candidates"))
    freq, total = queries.doc_freq(app.store, query.terms)
    idf = idf_weights({term: freq.get(term, 0) for term in query.terms}, total)
    scored = sorted(((score_sentence(query, r.stems, r.text, r.entities, r.score, idf), r) for r in rows),
                    key=lambda pair: -pair[0])
    threshold = app.settings.get("answers.min_score")
    confident = [(s, r) for s, r in scored if s >= threshold]
    if not confident:
        return Reply(title=t("no_answer", lang))
    best = confident[0][0]
    candidates = [Candidate(text=r.text, stems=frozenset(r.stems), article=r.article_id, key=r.id, score=s)
                  for s, r in confident if s >= best * 0.8]
    points = select_points(candidates, max_points=app.settings.get("answers.max_sentences"),
                           per_article=app.settings.get("answers.max_sentences"), threshold=0.8)
    return Reply(title=t("answer_title", lang), items=points_to_items(app, points))



def register(app: "BotApp") -> None:
    app.registry.add(Command("ask", ask, {"id": "Ajukan pertanyaan (atau tulis saja pertanyaannya)",
                                          "en": "Ask a question (or just type it)"},
                             usage="QUESTION", aliases=("tanya",)))
