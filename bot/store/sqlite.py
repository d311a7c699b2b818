"""The SQLite store, through sqlite-utils: one file, created and migrated on first use.

Each thread gets its own connection (sqlite3 connections must not be shared
across threads), all on the same file in WAL mode so readers do not block the
writer. The schema is bot.schema: one sqlite-utils `Migrations` set per owner,
applied in a fixed order when the store opens. Writes are serialised: a
process-wide lock around a `BEGIN IMMEDIATE` transaction (SQLite has one writer).
"""
from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterator, Sequence

import sqlite_utils

from bot import schema
from bot.schema.articles import WINDOW_AT
from bot.store import SENTENCE_COLUMNS, Params, Store, StoreError, ThreadConnections, Transaction

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


class SQLiteStore(Store):
    """Owns the database file; `store.db` is this thread's sqlite-utils Database."""

    dialect = "sqlite"
    window_at = WINDOW_AT
    caseless_like = "like"  # SQLite's LIKE folds ASCII case (lower() per row would cost twice the scan)

    def __init__(self, path: str | Path) -> None:
        self.path = self.target = str(path)
        if self.path != ":memory:":
            check_database_path(Path(self.path))
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._connections: ThreadConnections[sqlite3.Connection] = ThreadConnections()
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
            self._connections.add(conn)
        return database

    def open_connections(self) -> int:
        """How many connections this store holds open now (one per thread that used it)."""
        return len(self._connections)

    def write(self) -> "_WriteTransaction":
        """A serialised write transaction: `with store.write() as tx: ...`."""
        return _WriteTransaction(self)

    def migrate(self) -> list[str]:
        """Apply every migration of bot.schema not yet recorded; returns the names applied."""
        with self._write_lock:  # one writer in this process; each migration is its own transaction
            return schema.apply(self.db)

    def query(self, sql: str, params: Params = ()) -> Iterator[dict]:
        return self.db.query(sql, params)

    def search(self, terms: Sequence[str], limit: int, op: str, columns: str) -> Iterator[dict]:
        # The ranking runs on the FTS table alone and only the `limit` best rows are joined to
        # `sentences` (bm25() called directly: ~25% faster than ordering the join by the `rank`
        # column at 100k articles, same order).
        match = fts_match(terms, op)
        if not match:
            return iter(())
        return self.db.query(
            f"select {columns} from (select rowid as rid, bm25(sentences_fts) as score from sentences_fts "
            "where sentences_fts match ? order by score limit ?) f join sentences s on s.id = f.rid "
            "order by f.score", (match, limit))

    def doc_freqs(self, terms: Sequence[str]) -> dict[str, int]:
        # Document frequencies straight from the FTS index (fts5vocab, bot.schema.core).
        if not terms:
            return {}
        marks = ",".join("?" for _ in terms)
        rows = self.db.query(f"select term, doc from sentences_vocab where term in ({marks})", tuple(terms))
        return {r["term"]: r["doc"] for r in rows}

    def summary_sentences(self, since: str, ingested_since: str, limit: int, columns: str,
                          narrow: bool) -> Iterator[dict]:
        window_at = WINDOW_AT.replace("published", "a.published").replace("ingested_at", "a.ingested_at")
        in_window = f"{window_at} >= ? and a.ingested_at >= ?"
        # The indexes named here come with bot.schema.indexes, which every store applies on opening.
        if narrow:
            sql = (f"select {columns} from articles a cross join sentences s "
                   "indexed by idx_sentences_summary_article on s.article_id = a.id "
                   f"where {in_window} and s.in_summary = 1 order by s.score desc limit ?")
        else:
            sql = (f"select {columns} from sentences s indexed by idx_sentences_summary_score "
                   "cross join articles a on a.id = s.article_id "
                   f"where s.in_summary = 1 and {in_window} order by s.score desc limit ?")
        return self.db.query(sql, (since, ingested_since, limit))

    def article_count(self) -> int:
        return self.db["articles"].count

    def close(self) -> None:
        """Close every thread's connection; a thread that uses the store again opens a new one."""
        for conn in self._connections.take_all():
            conn.close()
        self._local = threading.local()


_FTS_TERM = re.compile(r"[^\w.]+", re.U)


def fts_match(terms: Sequence[str], op: str = "OR") -> str:
    """A safe FTS5 MATCH expression: each term quoted as a phrase."""
    quoted = []
    for term in terms:
        clean = _FTS_TERM.sub(" ", term).strip()
        if clean:
            quoted.append('"' + clean.replace('"', "") + '"')
    return f" {op} ".join(dict.fromkeys(quoted))


class _WriteTransaction(Transaction):
    """One writer at a time within the process, committed or rolled back as a unit."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store
        self._reserved: dict[str, int] = {}  # table -> the last id handed out in this transaction

    def __enter__(self) -> "_WriteTransaction":
        self.store._write_lock.acquire()
        try:
            self.db = self.store.db
            self.conn = self.db.conn
            self.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.store._write_lock.release()
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
        finally:
            self.store._write_lock.release()

    def query(self, sql: str, params: Params = ()) -> Iterator[dict]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description or ()]
        return iter([dict(zip(names, row)) for row in cursor.fetchall()])

    def execute(self, sql: str, params: Params = ()) -> int:
        return self.conn.execute(sql, params).rowcount

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        # plain sqlite3 executemany: sqlite-utils' insert_all rebuilds the SQL and inspects every
        # value on each call (about a third of the write time of an article)
        self.conn.executemany(sql, rows)

    def reserve_ids(self, table: str, count: int) -> list[int]:
        # The rowids SQLite would give the next rows (max + 1 ...), read inside this transaction:
        # safe because this store has one writer (BEGIN IMMEDIATE under the process lock).
        first = int(self.conn.execute(f"select coalesce(max(id), 0) + 1 from {table}").fetchone()[0])
        first = max(first, self._reserved.get(table, 0) + 1)  # reserved before but not inserted yet
        self._reserved[table] = first + count - 1
        return list(range(first, first + count))

    def sync_ids(self, table: str) -> None:
        """Nothing to do: SQLite's next rowid is always past the highest."""

    def add_sentences(self, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(_INSERT_SENTENCE, rows)
        # The stems go into the FTS5 index here, not by an AFTER INSERT trigger (dropped by
        # core_006_fts_filled_by_store): FTS5 writes its pending terms out as a new segment at
        # every savepoint, and executemany runs the INSERT once a row, each run in a statement
        # savepoint of its own when a trigger writes to FTS5; so the trigger made one tiny segment
        # a sentence, then merged them (0.29 -> 0.08 CPU s for the 13,314 sentences of the 755
        # real articles). Inserted directly, the terms wait in memory until the commit. The delete
        # and update triggers stay: one DELETE of many rows is one statement, one savepoint
        # (3,500 sentences' stems removed in 0.02 CPU s).
        self.conn.executemany(_INDEX_STEMS, [(row[_ID], row[_STEMS]) for row in rows])

    def delete_sentences(self, article_ids: Sequence[int]) -> None:
        marks = ",".join("?" for _ in article_ids)
        self.conn.execute(f"delete from sentences where article_id in ({marks})", tuple(article_ids))

    def lock(self, name: str) -> None:
        """Already held: every SQLite write transaction is the one writer."""


_INSERT_SENTENCE = (f"insert into sentences ({', '.join(SENTENCE_COLUMNS)}) "
                    f"values ({', '.join('?' for _ in SENTENCE_COLUMNS)})")
_INDEX_STEMS = "insert into sentences_fts (rowid, stems) values (?, ?)"
_ID, _STEMS = SENTENCE_COLUMNS.index("id"), SENTENCE_COLUMNS.index("stems")


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
