"""The word -> stem table in the store: stems computed once, by whichever process met the word first.

Stemming a new Indonesian word runs Sastrawi's algorithm (about 3 us written
flat in summarizer.stemmer_id; 0.1 ms in Sastrawi itself); a cold process meets
thousands of them. Every
process that ingests loads the stored stems once (`load`), so a word any
process has stemmed before is looked up, not stemmed again; each analysed
article carries the stems it had to compute (`summarizer.tokens.take_new_stems`)
to the one writer, which stores them with the article (`save`). Rows are keyed
by the stemmer and its version (`summarizer.tokens.stemmer_id`): after an
upgrade of Sastrawi the old rows are ignored, never trusted. The table is
a cache: deleting its rows changes no stem.
"""
from __future__ import annotations

import logging
from typing import Sequence

from bot.store import Store, Transaction
from summarizer.tokens import remember_stems, stemmer_id

log = logging.getLogger(__name__)
INSERT_STEM = "insert into stems (stemmer, word, stem) values (?, ?, ?) on conflict do nothing"
_loaded: set[str] = set()  # the stores (by target) whose table this process has loaded


def load(store: Store, again: bool = False) -> int:
    """Hand the store's stems of our stemmers to `summarizer.tokens` (once a process and store); how many were new."""
    if store.target in _loaded and not again:
        return 0
    _loaded.add(store.target)
    added = 0
    for stemmer in (stemmer_id("id"), stemmer_id("en")):
        rows = store.query("select word, stem from stems where stemmer = ?", (stemmer,))
        added += remember_stems(stemmer, ((row["word"], row["stem"]) for row in rows))
    log.debug("loaded %d stored stems", added)
    return added


def learn(stems: Sequence[tuple[str, str, str]]) -> None:
    """Take (stemmer, word, stem) rows another process computed (an analysis worker's), so this one
    does not stem those words again."""
    by_stemmer: dict[str, list[tuple[str, str]]] = {}
    for stemmer, word, result in stems:
        by_stemmer.setdefault(stemmer, []).append((word, result))
    for stemmer, pairs in by_stemmer.items():
        remember_stems(stemmer, pairs)


def save(tx: Transaction, stems: Sequence[tuple[str, str, str]]) -> None:
    """Store (stemmer, word, stem) rows; a word another process stored meanwhile is left as it is."""
    if stems:
        tx.executemany(INSERT_STEM, stems)
