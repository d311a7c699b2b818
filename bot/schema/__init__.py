"""The database schema: one `sqlite_utils.Migrations` set per owner, applied in a fixed order.

Each set lives in its own module and imports no runtime module of the bot
(only the pure helpers its back-fills need), so the store can apply them all
without importing ingest, sources or subscriptions, and no import decides
which tables a database gets. Order matters only across sets: articles and
sources add columns to core's tables; indexes cover core's sentences and claims.

sqlite-utils records what it applied in `_sqlite_migrations` (set, name). Before
this package, migrations were recorded by name alone in a `migrations` table;
`adopt_legacy_record` carries those names over once, so nothing runs twice.
"""
from __future__ import annotations

import logging

import sqlite_utils

from bot.schema import articles, core, indexes, schedule, sources

log = logging.getLogger(__name__)

MIGRATION_SETS: tuple[sqlite_utils.Migrations, ...] = (
    core.migrations, articles.migrations, sources.migrations, schedule.migrations, indexes.migrations)
LEGACY_TABLE = "migrations"  # name, applied_at: the record kept before sqlite-utils' Migrations


def adopt_legacy_record(db: sqlite_utils.Database) -> list[str]:
    """Record in sqlite-utils' table the migrations the old `migrations` table lists, then drop it.

    One immediate transaction, the old table looked for inside it: of two
    processes opening an old database at once, the second finds it adopted.
    Returns the names carried over ([] when there is no old table).
    """
    if LEGACY_TABLE not in db.table_names():
        return []
    carried = []
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        if LEGACY_TABLE in db.table_names():
            owner = {m.name: each.name for each in MIGRATION_SETS for m in each.pending(db)}
            MIGRATION_SETS[0].ensure_migrations_table(db)
            for row in list(db.query(f"select name, applied_at from {LEGACY_TABLE} order by rowid")):
                if row["name"] not in owner:
                    log.warning("migration %s of the old record: unknown to this version or already recorded",
                                row["name"])
                    continue
                db[sqlite_utils.Migrations.migrations_table].insert(
                    {"migration_set": owner[row["name"]], "name": row["name"], "applied_at": row["applied_at"]})
                carried.append(row["name"])
            db[LEGACY_TABLE].drop()
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")
    return carried


def apply(db: sqlite_utils.Database) -> list[str]:
    """Bring the database to the current schema; returns the names of the migrations applied now."""
    adopt_legacy_record(db)
    applied = []
    for each in MIGRATION_SETS:
        pending = [m.name for m in each.pending(db)]
        each.apply(db)
        applied += pending
    return applied
