"""The hand weights of the answer score: the fallback when no learned model ships, and its features' base."""
from __future__ import annotations

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
