"""The whole per-article analysis, done once at ingest: a pure function of the text."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from summarizer.claims import Claim, extract_claims
from summarizer.entities import extract_entities
from summarizer.rank import select_summary, sentence_scores
from summarizer.text import clean_sentences
from summarizer.tokens import content_stems, detect_language

_DIGIT = re.compile(r"\d")


@dataclass
class AnalyzedSentence:
    """One sentence with everything the commands need precomputed."""

    text: str
    stems: list[str]
    score: float
    in_summary: bool
    entities: list[str]

    @property
    def has_number(self) -> bool:
        return bool(_DIGIT.search(self.text))


@dataclass
class AnalyzedArticle:
    title: str
    lang: str
    content_hash: str
    sentences: list[AnalyzedSentence] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def content_hash(text: str) -> str:
    """Hash of the text with case and white space folded, so re-flowed copies match."""
    folded = " ".join(text.split()).lower()  # str.split's white space is \s: runs to one space, ends stripped
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def analyze_article(text: str, title: str | None = None, lang: str | None = None,
                    digest: str | None = None) -> AnalyzedArticle:
    """Split, stem, rank, summarise and extract claims and entities from one article.

    `digest`: the text's `content_hash` when the caller has it already (ingest
    hashes every text first, to skip known ones), so it is not computed twice.
    """
    sentences = clean_sentences(text)
    lang = lang or detect_language(text)
    if not title:
        title = sentences[0] if sentences else ""
    # Score once and select from those scores: what rank.summarize does, without ranking twice.
    scores = sentence_scores(sentences, title=title, lang=lang) if sentences else []
    # As many summary sentences as the expected F1 pays for (1-5): see rank.select.
    chosen = set(select_summary(scores, sentences, None, lang)) if sentences else set()
    entities = [extract_entities(s) for s in sentences]
    analyzed = [
        AnalyzedSentence(text=s, stems=content_stems(s, lang), score=float(scores[i]),
                         in_summary=i in chosen, entities=entities[i])
        for i, s in enumerate(sentences)
    ]
    # Claims need the same per-sentence entities (for names and aliases): extracted once, above.
    claims = extract_claims(sentences, entities)
    return AnalyzedArticle(title=title, lang=lang, content_hash=digest or content_hash(text),
                           sentences=analyzed, claims=claims)
