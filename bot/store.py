"""The SQLite store, through sqlite-utils: one file, created and migrated on first use.

Each thread gets its own connection (sqlite3 connections must not be shared
across threads), all on the same file in WAL mode so readers do not block the
writer. The schema is bot.schema: one sqlite-utils `Migrations` set per owner,
applied in a fixed order when the store opens.
"""
from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import sqlite_utils

from bot import schema


def utcnow() -> str:
    """Timestamps are stored as ISO-8601 UTC strings, which sort as text."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class StoreError(Exception):
    """The database file cannot be used; the message names the file and says why, in one line."""


SQLITE_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every SQLite database file


def check_database_path(path: Path) -> None:
    """Refuse, before SQLite is asked, a path that cannot be our database file."""
    if path.is_dir():
        raise StoreError(f"{path} is a directory; give a file name such as {path / 'briefbot.db'}")
    if path.exists():
        if not path.is_file():
            raise StoreError(f"{path} is not a regular file (a device or a pipe?)")
        try:
            with path.open("rb") as handle:
                head = handle.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
        if head and head != SQLITE_HEADER:
            raise StoreError(f"{path} is not an SQLite database (refusing to touch it)")
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create its folder {path.parent} ({exc.strerror or exc})") from None


class Store:
    """Owns the database file; `store.db` is this thread's sqlite-utils Database."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            check_database_path(Path(self.path))
        self._local = threading.local()
        self._write_lock = threading.RLock()
        # Every connection opened, with its thread: a thread-local alone would leave the connections
        # of ended worker threads to the garbage collector (file descriptors held until a collection,
        # never if the store sits in a reference cycle), and close() could reach only its own thread's.
        self._connections: dict[threading.Thread, sqlite3.Connection] = {}
        self._connections_lock = threading.Lock()
        try:
            self.migrate()
        except sqlite3.Error as exc:  # e.g. no permission to write the file or its folder (WAL needs both)
            self.close()
            raise StoreError(f"cannot use the database {self.path}: {exc}") from None

    @property
    def db(self) -> sqlite_utils.Database:
        database = getattr(self._local, "db", None)
        if database is None:
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            database = sqlite_utils.Database(conn)
            self._local.db = database
            self._track(conn)
        return database

    def _track(self, conn: sqlite3.Connection) -> None:
        """Remember this thread's connection and close those of threads that have ended."""
        with self._connections_lock:
            ended = [thread for thread in self._connections if not thread.is_alive()]
            stale = [self._connections.pop(thread) for thread in ended]
            self._connections[threading.current_thread()] = conn
        for old in stale:
            old.close()

    def open_connections(self) -> int:
        """How many connections this store holds open now (one per thread that used it)."""
        with self._connections_lock:
            return len(self._connections)

    def write(self) -> "_WriteTransaction":
        """A serialised write transaction: `with store.write() as db: ...`."""
        return _WriteTransaction(self)

    def migrate(self) -> list[str]:
        """Apply every migration of bot.schema not yet recorded; returns the names applied."""
        with self._write_lock:  # one writer in this process; each migration is its own transaction
            return schema.apply(self.db)

    def query(self, sql: str, params: tuple | dict = ()) -> Iterator[dict]:
        return self.db.query(sql, params)

    def article_count(self) -> int:
        return self.db["articles"].count

    def audit(self, principal: str, platform: str, chat: str, command: str, args: str, result: str) -> None:
        """Record an admin command (or a refused attempt) with who, when, what and the result."""
        with self.write() as db:
            db["audit"].insert({"at": utcnow(), "principal": principal, "platform": platform,
                                "chat": chat, "command": command, "args": args[:500], "result": result[:500]})

    def chat_language(self, platform: str, chat: str) -> str | None:
        rows = list(self.query("select language from chats where platform = ? and chat = ?", (platform, chat)))
        return rows[0]["language"] if rows else None

    def set_chat_language(self, platform: str, chat: str, language: str) -> None:
        with self.write() as db:
            db["chats"].upsert({"platform": platform, "chat": chat, "language": language},
                               pk=("platform", "chat"))

    def close(self) -> None:
        """Close every thread's connection; a thread that uses the store again opens a new one."""
        with self._connections_lock:
            connections = list(self._connections.values())
            self._connections.clear()
        for conn in connections:
            conn.close()
        self._local = threading.local()


class _WriteTransaction:
    """One writer at a time within the process, committed or rolled back as a unit."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> sqlite_utils.Database:
        self.store._write_lock.acquire()
        db = self.store.db
        db.conn.execute("BEGIN IMMEDIATE")
        return db

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.store.db.conn.execute("COMMIT")
            else:
                self.store.db.conn.execute("ROLLBACK")
        finally:
            self.store._write_lock.release()


def get_meta(store: Store, key: str) -> str | None:
    rows = list(store.query("select value from meta where key = ?", (key,)))
    return rows[0]["value"] if rows else None


def set_meta(store: Store, key: str, value: str) -> None:
    with store.write() as db:
        db["meta"].upsert({"key": key, "value": value}, pk="key")


def backup(source: str | Path, target: str | Path) -> int:
    """Copy the database at `source` to `target` with SQLite's online backup API; return its pages.

    Consistent even while `run` writes: the copy is made in steps of 1024 pages,
    restarting if a writer changes a page already copied, so writers are never
    blocked for long. It goes to `target`.part and is renamed into place, so a
    failed backup never leaves a half-written file under the real name.
    """
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise FileNotFoundError(f"no database at {source}")
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=1024, sleep=0.01)
            pages = dst.execute("PRAGMA page_count").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(target)
    return int(pages)
