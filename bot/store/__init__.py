"""The store: one interface over the database, two implementations.

Every module of the bot reads and writes through a `Store` (and the
`Transaction` its `write()` yields); only this package (and bot.schema, the
SQLite tables; bot.coordination, the workers' queue) talks to a driver.
`open_store(target)` picks the implementation: a `postgresql://` (or
`postgres://`) URL means PostgreSQL (bot/store/postgres.py, psycopg 3), anything
else a SQLite file (bot/store/sqlite.py, the embedded default).

The SQL the modules write is the common subset of both: `?` placeholders (the
PostgreSQL store turns them into psycopg's `%s`), `insert ... on conflict`,
`returning`. What differs between the two lives behind named methods: full-text
search and its document frequencies, the briefing window's plans (SQLite's
`INDEXED BY` hints), new ids (SQLite's max + 1 inside its one writer, a
PostgreSQL sequence), and the sentence rows that feed the search index.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Generic, Iterator, Mapping, Protocol, Sequence, TypeVar

Params = Sequence[Any] | Mapping[str, Any]
# The sentence columns every store's `add_sentences` takes, in this order.
SENTENCE_COLUMNS = ("id", "article_id", "position", "text", "stems", "score", "in_summary", "has_number", "entities")


def utcnow() -> str:
    """Timestamps are stored as ISO-8601 UTC strings, which sort as text."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class StoreError(Exception):
    """The database cannot be used; the message names it and says why, in one line."""


class StoreUnavailable(StoreError):
    """The database server cannot be reached, or the connection was lost mid-command (try again)."""


# What a caller catches for "the database failed": SQLite's own errors (the SQLite store lets them
# through unchanged, as before the interface) and ours (the PostgreSQL store wraps psycopg's).
DatabaseError: tuple[type[Exception], ...] = (sqlite3.Error, StoreError)


def is_url(target: str) -> bool:
    """A PostgreSQL URL rather than a SQLite path."""
    return str(target).startswith(("postgresql://", "postgres://"))


def lock_key(name: str) -> int:
    """A stable signed 64-bit PostgreSQL advisory-lock key for a name, the same in every process."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


def redact(target: str) -> str:
    """The target without a password, for messages and logs."""
    from urllib.parse import urlsplit, urlunsplit

    if not is_url(target):
        return str(target)
    try:
        parts = urlsplit(target)
        password = parts.password
    except ValueError:  # not even a URL: hide whatever stands before an @
        return re.sub(r"://[^/]*@", "://***@", target)
    if password is None:
        return target
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


class _Closable(Protocol):
    def close(self) -> None: ...


Connection = TypeVar("Connection", bound=_Closable)


class ThreadConnections(Generic[Connection]):
    """Every connection a store opened, with its thread.

    A thread-local alone would leave the connections of ended worker threads to
    the garbage collector (file descriptors held until a collection, never if
    the store sits in a reference cycle), and close() could reach only its own
    thread's.
    """

    def __init__(self) -> None:
        self._held: dict[threading.Thread, Connection] = {}
        self._lock = threading.Lock()

    def add(self, conn: Connection) -> None:
        """Remember this thread's connection and close those of threads that have ended."""
        with self._lock:
            ended = [thread for thread in self._held if not thread.is_alive()]
            stale = [self._held.pop(thread) for thread in ended]
            self._held[threading.current_thread()] = conn
        for old in stale:
            old.close()

    def forget(self, conn: Connection) -> None:
        with self._lock:
            for thread in [t for t, held in self._held.items() if held is conn]:
                del self._held[thread]

    def __len__(self) -> int:
        with self._lock:
            return len(self._held)

    def take_all(self) -> list[Connection]:
        """Every connection, forgotten here: the caller closes them."""
        with self._lock:
            held = list(self._held.values())
            self._held.clear()
        return held


class Transaction(ABC):
    """One write transaction: committed when the `with` block ends, rolled back if it raises.

    `query` inside it reads through the same transaction (so a duplicate check
    sees the rows written just before). Table and column names are our own
    constants, never user input; values always go as parameters.
    """

    @abstractmethod
    def query(self, sql: str, params: Params = ()) -> Iterator[dict]:
        """Rows as dicts, inside this transaction."""

    @abstractmethod
    def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns how many rows it changed."""

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each parameter row (prepared once)."""

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert many rows of `columns` at once (a copy, a batch): the fastest way the database has."""
        names = ", ".join(f'"{c}"' for c in columns)
        self.executemany(f"insert into {table} ({names}) values ({', '.join('?' for _ in columns)})", rows)

    @abstractmethod
    def reserve_ids(self, table: str, count: int) -> list[int]:
        """`count` new ids for rows of `table`, known before inserting them (ascending)."""

    @abstractmethod
    def sync_ids(self, table: str) -> None:
        """After rows were inserted with explicit ids: new ids continue after the highest."""

    @abstractmethod
    def add_sentences(self, rows: Sequence[Sequence[Any]]) -> None:
        """Insert sentence rows (SENTENCE_COLUMNS, ids from reserve_ids) and index their stems for search."""

    @abstractmethod
    def delete_sentences(self, article_ids: Sequence[int]) -> None:
        """Delete the sentences of these articles, and their stems from the search index."""

    @abstractmethod
    def lock(self, name: str) -> None:
        """Hold a named lock until this transaction ends: one writer of that kind at a time."""

    def insert(self, table: str, row: Mapping[str, Any], ignore: bool = False) -> int | None:
        """Insert one row of a table with an `id` key; its id, or None when `ignore` and it already exists."""
        columns = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" for _ in row)
        conflict = " on conflict do nothing" if ignore else ""
        rows = list(self.query(f"insert into {table} ({columns}) values ({marks}){conflict} returning id",
                               tuple(row.values())))
        return int(rows[0]["id"]) if rows else None

    def upsert(self, table: str, row: Mapping[str, Any], pk: str | Sequence[str]) -> None:
        """Insert the row, or update its other columns where the primary key `pk` exists."""
        keys = (pk,) if isinstance(pk, str) else tuple(pk)
        columns = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" for _ in row)
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in row if c not in keys)
        action = f"do update set {updates}" if updates else "do nothing"
        self.execute(f"insert into {table} ({columns}) values ({marks}) "
                     f"on conflict ({', '.join(keys)}) {action}", tuple(row.values()))

    def update(self, table: str, row_id: int, values: Mapping[str, Any]) -> int:
        """Set some columns of the row with this id; returns 1 if it exists."""
        sets = ", ".join(f'"{c}" = ?' for c in values)
        return self.execute(f"update {table} set {sets} where id = ?", (*values.values(), row_id))


class Store(ABC):
    """The database behind the bot: reads with `query`, writes inside `with store.write() as tx:`."""

    dialect: str  # "sqlite" | "postgresql"
    target: str  # the path or URL it was opened with
    window_at: str  # SQL: when an article counts as new (see bot.schema.articles.WINDOW_AT)
    caseless_like: str  # SQL: a LIKE that ignores (at least ASCII) case: SQLite's like, PostgreSQL's ilike

    @abstractmethod
    def query(self, sql: str, params: Params = ()) -> Iterator[dict]:
        """Rows as dicts (`?` placeholders). Inside a `write()` on this thread, reads that transaction."""

    @abstractmethod
    def write(self) -> AbstractContextManager[Transaction]:
        """A write transaction: `with store.write() as tx: ...`."""

    @abstractmethod
    def migrate(self) -> list[str]:
        """Bring the schema up to date; the names of the migrations applied now."""

    @abstractmethod
    def close(self) -> None:
        """Close every connection; a thread that uses the store again opens a new one."""

    @abstractmethod
    def open_connections(self) -> int:
        """How many connections this store holds open now."""

    @abstractmethod
    def search(self, terms: Sequence[str], limit: int, op: str, columns: str) -> Iterator[dict]:
        """Sentences whose stems match the terms (op "OR" or "AND"), best BM25 first, at most `limit`.

        Each term is a phrase of the tokens the search index splits it into.
        `columns` selects from the sentences table aliased `s`.
        """

    @abstractmethod
    def doc_freqs(self, terms: Sequence[str]) -> dict[str, int]:
        """How many sentences hold each indexed term (terms the index does not know are absent)."""

    @abstractmethod
    def summary_sentences(self, since: str, ingested_since: str, limit: int, columns: str,
                          narrow: bool) -> Iterator[dict]:
        """Summary sentences of the articles in the window, best score first (`columns` over s and a).

        `narrow`: the window holds few articles, read them first; otherwise walk
        the summary sentences best-first and stop at the limit.
        """

    def after_bulk_load(self) -> None:
        """Refresh what the query planner knows after many rows arrived at once (a copy, a backfill).

        SQLite keeps its plans (its hot queries carry index hints); PostgreSQL's planner
        needs fresh statistics, or it plans a just-filled table as an empty one until
        autovacuum gets to it.
        """

    def article_count(self) -> int:
        return int(next(self.query("select count(*) as n from articles"))["n"])

    def audit(self, principal: str, platform: str, chat: str, command: str, args: str, result: str) -> None:
        """Record an admin command (or a refused attempt) with who, when, what and the result."""
        with self.write() as tx:
            tx.insert("audit", {"at": utcnow(), "principal": principal, "platform": platform,
                                "chat": chat, "command": command, "args": args[:500], "result": result[:500]})

    def chat_language(self, platform: str, chat: str) -> str | None:
        rows = list(self.query("select language from chats where platform = ? and chat = ?", (platform, chat)))
        return rows[0]["language"] if rows else None

    def set_chat_language(self, platform: str, chat: str, language: str) -> None:
        with self.write() as tx:
            tx.upsert("chats", {"platform": platform, "chat": chat, "language": language}, pk=("platform", "chat"))


def open_store(target: str | Path, **options: Any) -> Store:
    """The store for a target: a postgresql:// URL opens PostgreSQL, anything else a SQLite file.

    `options` are the PostgreSQL store's (connect_retry_seconds); a SQLite file needs none.
    """
    if is_url(str(target)):
        from bot.store.postgres import PostgresStore

        return PostgresStore(str(target), **options)
    from bot.store.sqlite import SQLiteStore

    return SQLiteStore(target)


def get_meta(store: Store, key: str) -> str | None:
    rows = list(store.query("select value from meta where key = ?", (key,)))
    return rows[0]["value"] if rows else None


def set_meta(store: Store, key: str, value: str) -> None:
    with store.write() as tx:
        tx.upsert("meta", {"key": key, "value": value}, pk="key")


def backup(source: str | Path, target: str | Path) -> int:
    """Copy the SQLite database at `source` to `target` (bot.store.sqlite.backup); PostgreSQL: use pg_dump."""
    if is_url(str(source)):
        raise StoreError("backup copies a SQLite file; for PostgreSQL use pg_dump (docs/scaling.md)")
    from bot.store.sqlite import backup as sqlite_backup

    return sqlite_backup(source, target)
