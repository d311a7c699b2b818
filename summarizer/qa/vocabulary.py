"""The words by which questions are read and answers typed: data/qa_words.toml, read once.

The modules of summarizer/qa keep the grammar (how the words combine into
patterns and checks); the words are data, so a newsroom following another
story or language variety extends the file, not the code.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files

DATA_FILE = "data/qa_words.toml"  # inside the summarizer package


@lru_cache(maxsize=1)
def _tables() -> dict:
    return tomllib.loads(files("summarizer").joinpath(DATA_FILE).read_text(encoding="utf-8"))


def word_list(section: str, name: str) -> tuple[str, ...]:
    """`name` of `[section]`, in the file's order; a missing list, or one that is not lower-case words, fails
    at import with the file and key named (a broken edit is caught at start, not mid-question)."""
    value = _tables().get(section, {}).get(name)
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w and w == w.lower()
                                                          for w in value):
        raise ValueError(f"summarizer/{DATA_FILE}: [{section}] {name} must be a list of lower-case words")
    return tuple(value)


def word_map(section: str, name: str) -> dict[str, str]:
    """`name` of `[section]` as a table of word -> word."""
    value = _tables().get(section, {}).get(name)
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ValueError(f"summarizer/{DATA_FILE}: [{section}] {name} must be a table of words")
    return dict(value)


def alternation(words: Iterable[str]) -> str:
    """The words as a regular-expression alternation, in their order ("a|b|c"), each matched literally."""
    return "|".join(re.escape(word) for word in words)
