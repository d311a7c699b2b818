"""Question answering over sentences handed in by the caller (the caller fetches, this package ranks).

1. `question.analyze_question` finds the answer type, translates an English
   question into Indonesian and turns its content words into concepts.
2. The caller retrieves candidate sentences with a full-text OR query, keeps
   the articles they come from and hands in every sentence of those articles
   (`Passage`), with document frequencies for the idf weights.
3. `ranking.rank_passages` scores each sentence by the concepts it and its
   context cover, the new answer of the asked type it offers
   (`answer_types.answer_candidates`) and how close that sits to the matched
   words. The hand weights live in `weights.WEIGHTS`; the learned model in
   summarizer/data/answer_ranker.json; evaluation/qa.py measures them.
"""
from __future__ import annotations

from summarizer.qa.answer_types import answer_candidates, person_like
from summarizer.qa.question import Concept, Query, analyze_question, head_words, question_type
from summarizer.qa.ranking import (
    ANSWER_FEATURES,
    Evidence,
    Passage,
    answer_probabilities,
    concept_weights,
    evidence_features,
    gather_evidence,
    hand_score,
    idf_weights,
    load_answer_model,
    needs_antecedent,
    rank_passages,
)
from summarizer.qa.weights import WEIGHTS

__all__ = [
    "ANSWER_FEATURES", "WEIGHTS", "Concept", "Evidence", "Passage", "Query", "analyze_question",
    "answer_candidates", "answer_probabilities", "concept_weights", "evidence_features", "gather_evidence",
    "hand_score", "head_words", "idf_weights", "load_answer_model", "needs_antecedent", "person_like",
    "question_type", "rank_passages",
]
