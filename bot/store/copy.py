"""Copy a whole database from one store to another: a newsroom moving its SQLite file to PostgreSQL.

    python -m bot.store.copy briefbot.db postgresql://briefbot@db/briefbot

Every row keeps its id; the sentences go through the target's `add_sentences`,
so its search index is built as it would have been by ingest, and the id
sequences are moved past the copied ids. The target must be empty (a fresh
database); the copy is one transaction on it, so a failure leaves it empty.
"""
from __future__ import annotations

import argparse
import sys
from typing import Sequence

from bot.store import SENTENCE_COLUMNS, DatabaseError, Store, open_store, redact

# Parents before children (foreign keys), each with the column its rows are read in order of.
TABLES: tuple[tuple[str, str], ...] = (
    ("sources", "id"), ("articles", "id"), ("sentences", "id"), ("claims", "id"), ("entities", "id"),
    ("article_buckets", "article_id"), ("article_shingles", "article_id"), ("chats", "platform, chat"),
    ("audit", "id"), ("meta", "key"), ("subscriptions", "id"), ("deliveries", "id"))
BATCH = 2000


def copy_store(source: Store, target: Store, log=print) -> dict[str, int]:
    """Copy every table of `source` into the empty `target`; rows copied per table."""
    if target.article_count() or next(target.query("select count(*) as n from sources"))["n"]:
        raise ValueError(f"{redact(target.target)} is not empty: copy into a fresh database")
    copied: dict[str, int] = {}
    with target.write() as tx:
        for table, order in TABLES:
            count = 0
            batch: list[dict] = []
            for row in source.query(f"select * from {table} order by {order}"):
                batch.append(row)
                if len(batch) >= BATCH:
                    count += _insert(tx, table, batch)
                    batch = []
            count += _insert(tx, table, batch)
            if count and "id" in order.split(", "):
                tx.sync_ids(table)
            copied[table] = count
            log(f"{table}: {count} rows")
    target.after_bulk_load()
    return copied


def _insert(tx, table: str, rows: list[dict]) -> int:
    if not rows:
        return 0
    if table == "sentences":
        tx.add_sentences([tuple(row[c] for c in SENTENCE_COLUMNS) for row in rows])
        return len(rows)
    columns = list(rows[0])
    tx.insert_rows(table, columns, [tuple(row[c] for c in columns) for row in rows])
    return len(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.store.copy", description=__doc__.split("\n")[0])
    parser.add_argument("source", help="the database to copy: a SQLite file or a postgresql:// URL")
    parser.add_argument("target", help="an empty database: a postgresql:// URL (or a new SQLite file)")
    args = parser.parse_args(argv)
    try:
        source, target = open_store(args.source), open_store(args.target)
    except DatabaseError as exc:
        print(f"cannot open the database: {exc}", file=sys.stderr)
        return 2
    try:
        copied = copy_store(source, target)
    except (ValueError, *DatabaseError) as exc:
        print(f"copy failed: {exc}", file=sys.stderr)
        return 1
    finally:
        source.close()
        target.close()
    print(f"copied {sum(copied.values())} rows from {redact(args.source)} to {redact(args.target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
