"""Reader for the IndoSum jsonl benchmark (Kurniawan & Louvan, IALP 2018, CC BY-SA 4.0).

Used by the measurement entry points (``evaluation.splitter``, quality
harnesses), the benchmark and tests, never by the bot.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from summarizer.text import detokenize

__all__ = ["load", "article_text", "gold_sentences", "summary_text", "paragraph_sentences"]


def load(path: str | Path) -> Iterator[dict]:
    """Yield one record a line: id, paragraphs, summary, gold_labels, ..."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def paragraph_sentences(rec: dict) -> list[list[list[str]]]:
    """Paragraph -> sentence -> tokens, as stored."""
    return rec["paragraphs"]


def article_text(rec: dict) -> str:
    """Readable article: paragraphs joined by newlines, sentences by spaces.

    Each paragraph is detokenised as one token run so that quotes opened in
    one sentence and closed in a later one pair up correctly.
    """
    return "\n".join(
        detokenize([tok for sent in para for tok in sent]) for para in rec["paragraphs"]
    )


def gold_sentences(rec: dict) -> list[str]:
    """The gold sentences, each detokenised on its own."""
    return [detokenize(sent) for para in rec["paragraphs"] for sent in para]


def summary_text(rec: dict) -> str:
    """The human summary as one line of text."""
    return " ".join(detokenize(sent) for sent in rec["summary"])
