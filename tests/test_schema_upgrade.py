"""The schema as sqlite-utils Migrations sets: a database made before them upgrades in place, a new one gets it all.

tests/fixtures/store/before_sqlite_utils_migrations.db was made by the code of
commit c956c5c (migrations recorded by name in a `migrations` table, registered
by import side effects): the seeds ingested, one subscription, one chat language.
"""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import sqlite_utils

from bot import schema
from bot.app import BotApp
from bot.models import Request
from bot.settings import load_settings
from bot.store.sqlite import SQLiteStore

OLD_DB = Path(__file__).parent / "fixtures" / "store" / "before_sqlite_utils_migrations.db"
TABLES = ("sources", "articles", "sentences", "claims", "entities", "chats", "audit", "meta", "article_buckets",
          "article_shingles", "subscriptions", "deliveries")
RECORD_TABLES = ("migrations", "_sqlite_migrations")


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def _schema(path: Path) -> set[tuple[str, str]]:
    """Every table, index, trigger and view with its SQL, but the record of migrations."""
    conn = sqlite3.connect(path)
    try:
        return {(name, sql) for name, tbl, sql in conn.execute("select name, tbl_name, sql from sqlite_master")
                if tbl not in RECORD_TABLES}
    finally:
        conn.close()


# written after tests/fixtures' old database
NEWER_MIGRATIONS = {"core_005_followups", "perf_002_entity_norm_articles", "articles_005_stems",
                    "core_006_fts_filled_by_store", "perf_003_drop_unused_indexes", "perf_004_sentence_references",
                    "articles_006_drop_stems", "core_007_claim_state"}


def _troops(app: BotApp) -> list[str]:
    reply = app.handle(Request(platform="console", chat="local", user="u", command="troops", args="",
                               chat_kind="private"))
    return [item.text for item in reply.items]


def test_a_database_from_before_upgrades_in_place_without_running_anything_twice(tmp_path, app: BotApp):
    old = tmp_path / "old.db"
    shutil.copy(OLD_DB, old)
    before = _counts(old)
    assert before["articles"] == app.store.article_count() > 0 and before["subscriptions"] == 1
    legacy = [r for r in sqlite_utils.Database(old).query("select name, applied_at from migrations order by rowid")]

    upgraded = BotApp(load_settings(None, env={}, db_path=str(old)))
    try:
        english_old = upgraded.store.chat_language("console", "local")
        troops_old = _troops(upgraded)
    finally:
        upgraded.close()

    assert _counts(old) == before  # every row kept
    db = sqlite_utils.Database(old)
    assert "migrations" not in db.table_names()  # the old record is carried over once, then dropped
    record = list(db.query("select migration_set, name, applied_at from _sqlite_migrations order by id"))
    # Each name keeps its original time: nothing was re-applied, only its record moved;
    # migrations written after the old file was made are applied once now.
    legacy_names = {r["name"] for r in legacy}
    assert {(r["name"], r["applied_at"]) for r in record if r["name"] in legacy_names} == \
        {(r["name"], r["applied_at"]) for r in legacy}
    assert {r["name"] for r in record} - legacy_names == NEWER_MIGRATIONS
    assert {r["migration_set"] for r in record} == {"core", "articles", "sources", "schedule", "indexes"}
    assert schema.apply(db) == []
    db.close()
    # The same tables, columns, indexes and triggers as a database made by this code.
    fresh = tmp_path / "fresh.db"
    SQLiteStore(fresh).close()
    assert _schema(old) == _schema(fresh)
    # And it answers as a database seeded by this code does.
    assert english_old == "en"
    app.store.set_chat_language("console", "local", "en")
    assert troops_old and troops_old == _troops(app)


def test_a_new_database_gets_every_table_and_records_each_set_in_order(tmp_path):
    store = SQLiteStore(tmp_path / "new.db")
    try:
        assert set(TABLES) <= set(store.db.table_names())
        assert {"sentences_fts", "sentences_vocab"} <= set(store.db.table_names())
        sets = [r["migration_set"] for r in store.query("select migration_set from _sqlite_migrations order by id")]
        assert list(dict.fromkeys(sets)) == ["core", "articles", "sources", "schedule", "indexes"]
        assert "migrations" not in store.db.table_names()
        assert store.migrate() == []
    finally:
        store.close()


def test_the_old_record_is_adopted_once_even_when_a_later_migration_is_new(tmp_path):
    """A database from before a migration existed: the old names carry over, the new one runs."""
    old = tmp_path / "old.db"
    shutil.copy(OLD_DB, old)
    db = sqlite_utils.Database(old)
    db.execute("delete from migrations where name = 'perf_001_summary_and_claim_indexes'")
    db.execute("drop index idx_sentences_summary_score")
    db.conn.commit()
    db.close()
    store = SQLiteStore(old)
    try:
        names = {r["name"] for r in store.query("select name from sqlite_master where type = 'index'")}
        assert "idx_sentences_summary_score" in names
        record = [r["name"] for r in store.query("select name from _sqlite_migrations order by id")]
        assert record.count("perf_001_summary_and_claim_indexes") == 1 and len(record) == 11 + len(NEWER_MIGRATIONS)
    finally:
        store.close()
