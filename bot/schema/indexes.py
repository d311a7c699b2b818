"""Indexes the read paths in bot.queries need as the corpus grows (see docs/benchmarks.md).

Each is a named migration, so an existing database gains it once, on the next start.
"""
from __future__ import annotations

import sqlite_utils

migrations = sqlite_utils.Migrations("indexes")


@migrations(name="perf_001_summary_and_claim_indexes")
def _summary_and_claim_indexes(db: sqlite_utils.Database) -> None:
    # /brief over a wide window: walk the summary sentences best-first and stop at the limit.
    db.execute("CREATE INDEX IF NOT EXISTS idx_sentences_summary_score ON sentences (score) WHERE in_summary = 1")
    # /brief over a narrow window: the few summary sentences of each recent article.
    db.execute("CREATE INDEX IF NOT EXISTS idx_sentences_summary_article ON sentences (article_id) "
               "WHERE in_summary = 1")
    # Figures topics: the newest claims of some kinds first.
    db.execute("CREATE INDEX IF NOT EXISTS idx_claims_kind_article ON claims (kind, article_id)")


@migrations(name="perf_002_entity_norm_articles")
def _entity_norm_articles(db: sqlite_utils.Database) -> None:
    # How many articles name an entity, counted up to a cap (bot.queries.entity_linked): a walk of
    # this index that stops at the cap, instead of every row of a name as common as "Indonesia".
    db.execute("CREATE INDEX IF NOT EXISTS idx_entities_norm_article ON entities (norm, article_id)")


@migrations(name="perf_003_drop_unused_indexes")
def _drop_unused_indexes(db: sqlite_utils.Database) -> None:
    # Indexes no query reads, each paid for by every insert (25k entity rows for 755 articles):
    # entities (norm) is the prefix of idx_entities_norm_article, which serves every look-up by
    # norm; no query filters or sorts claims by value, and kind alone is the prefix of
    # idx_claims_kind_article (the plans of bot.queries' claim and entity reads are unchanged).
    db.execute("DROP INDEX IF EXISTS idx_entities_norm")
    db.execute("DROP INDEX IF EXISTS idx_claims_kind_value")


@migrations(name="perf_004_sentence_references")
def _sentence_references(db: sqlite_utils.Database) -> None:
    # Deleting a sentence checks that no claim or entity still names it (their foreign keys): without
    # these, a scan of both tables for every sentence, so forgetting articles or removing a source
    # grew with the corpus (200 of 755 articles: 3.5 CPU s; 0.75 ms a sentence). Each costs little
    # on insert (a claim or entity row: one more B-tree entry).
    db.execute("CREATE INDEX IF NOT EXISTS idx_claims_sentence ON claims (sentence_id)")
    db.execute("CREATE INDEX IF NOT EXISTS idx_entities_sentence ON entities (sentence_id)")
