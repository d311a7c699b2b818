"""The core tables: articles and what analysis derives from them, chats and the audit log, meta."""
from __future__ import annotations

import sqlite_utils

migrations = sqlite_utils.Migrations("core")


@migrations(name="core_001_articles")
def _core_articles(db: sqlite_utils.Database) -> None:
    db["sources"].create(
        {"id": int, "name": str, "kind": str, "url": str, "created_at": str, "last_ok_at": str,
         "last_error": str, "next_fetch_at": str, "failures": int, "articles": int},
        pk="id", not_null={"name", "kind"}, defaults={"failures": 0, "articles": 0},
    )
    db["articles"].create(
        {"id": int, "source_id": int, "url": str, "canonical_url": str, "content_hash": str,
         "title": str, "outlet": str, "published": str, "ingested_at": str, "lang": str,
         "body": str, "summary": str},
        pk="id", not_null={"content_hash", "title", "ingested_at", "body"},
    )
    db["articles"].create_index(["content_hash"], unique=True)
    db["articles"].create_index(["canonical_url"])
    db["articles"].create_index(["ingested_at"])
    db["articles"].create_index(["source_id"])
    db["sentences"].create(
        {"id": int, "article_id": int, "position": int, "text": str, "stems": str,
         "score": float, "in_summary": int, "has_number": int, "entities": str},
        pk="id", foreign_keys=[("article_id", "articles", "id")],
    )
    db["sentences"].create_index(["article_id", "position"], unique=True)
    # FTS5 over the stems, not the raw text, so "pasukannya" finds "pasukan". Of the three triggers
    # made here, core_006 drops the insert one: the store's add_sentences indexes new rows.
    db["sentences"].enable_fts(["stems"], fts_version="FTS5", create_triggers=True,
                               tokenize="unicode61 remove_diacritics 2")
    db["claims"].create(
        {"id": int, "article_id": int, "sentence_id": int, "value": int, "qualifier": str,
         "counted": str, "kind": str, "force": str, "location": str, "claimant": str, "text": str},
        pk="id", foreign_keys=[("article_id", "articles", "id"), ("sentence_id", "sentences", "id")],
    )
    db["claims"].create_index(["kind", "value"])
    db["claims"].create_index(["article_id"])
    db["entities"].create(
        {"id": int, "article_id": int, "sentence_id": int, "name": str, "norm": str},
        pk="id", foreign_keys=[("article_id", "articles", "id"), ("sentence_id", "sentences", "id")],
    )
    db["entities"].create_index(["norm"])
    db["entities"].create_index(["article_id"])


@migrations(name="core_002_chats_audit")
def _core_chats(db: sqlite_utils.Database) -> None:
    db["chats"].create({"platform": str, "chat": str, "language": str}, pk=("platform", "chat"))
    db["audit"].create(
        {"id": int, "at": str, "principal": str, "platform": str, "chat": str,
         "command": str, "args": str, "result": str},
        pk="id",
    )
    db["audit"].create_index(["at"])


@migrations(name="core_003_meta")
def _core_meta(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")


@migrations(name="core_004_vocab")
def _core_vocab(db: sqlite_utils.Database) -> None:
    # Document frequencies of stems straight from the FTS index, for idf weights.
    db.execute("CREATE VIRTUAL TABLE sentences_vocab USING fts5vocab(sentences_fts, 'row')")


@migrations(name="core_005_followups")
def _core_followups(db: sqlite_utils.Database) -> None:
    # What the bot asked a user for (/addtext's text), shared by every process on this file.
    db["followups"].create({"platform": str, "chat": str, "user_id": str, "command": str, "expires_at": str},
                           pk=("platform", "chat", "user_id"), not_null={"command", "expires_at"})


@migrations(name="core_006_fts_filled_by_store")
def _core_fts_filled_by_store(db: sqlite_utils.Database) -> None:
    # New sentences' stems reach sentences_fts through the store's add_sentences, which inserts them
    # in one executemany (bot.store.sqlite explains why a trigger per row cost 3.5 times more). The
    # delete and update triggers stay, so removing or changing a sentence keeps the index in step.
    db.execute("DROP TRIGGER IF EXISTS sentences_ai")


@migrations(name="core_007_claim_state")
def _core_claim_state(db: sqlite_utils.Database) -> None:
    # What happened to the people a claim counts ("dead", "injured", "missing", "displaced": see
    # summarizer/data/claim_kinds.toml [states]). Rows stored before it have none: their figures
    # group as they did, by what is counted, until their articles are analysed again.
    db["claims"].add_column("state", str)
