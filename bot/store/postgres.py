"""The PostgreSQL store (psycopg 3): several bot and ingest processes sharing one database.

One connection per thread, in autocommit mode; `write()` is a real transaction
on it, and reads on the same thread inside it see its rows. The SQL the
modules write uses `?` placeholders (`translate` turns them into psycopg's
`%s`). New ids come from the tables' identity sequences. The schema is
bot/schema/postgres.py, applied under an advisory lock so two processes
starting together do not both create it.

Search: the stems' tokens are stored as a `tsvector` with positions (built
here, token for token as SQLite's FTS5 `unicode61 remove_diacritics 2`
tokenizer splits them, not by PostgreSQL's parser, which would split
differently) under a GIN index, and ranked by the BM25 formula of FTS5's
bm25() with the document frequencies and totals this store keeps in
`search_terms` and `search_stats`: the same ranking features on both stores.

Faults: a server that cannot be reached when the store opens is retried with
exponential backoff for `connect_retry_seconds`, announced in one log line,
then refused with a one-line StoreError. A connection lost later (server
restarted, backend terminated) raises StoreUnavailable for that command; the
thread's connection is dropped and the next command opens a new one.
"""
from __future__ import annotations

import contextlib
import functools
import logging
import math
import re
import threading
import unicodedata
from collections import Counter
from typing import Any, Iterator, Sequence

import psycopg
import psycopg.conninfo
from psycopg.rows import dict_row

from bot.schema.postgres import MIGRATIONS, WINDOW_AT
from bot.store.backoff import retry_with_backoff
from bot.store import (SENTENCE_COLUMNS, Params, Store, StoreError, StoreUnavailable, ThreadConnections, Transaction,
                       lock_key, redact, utcnow)

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5  # seconds for one connection attempt
CONNECT_RETRY_SECONDS = 30.0  # at start: keep trying this long before giving up
# BM25 as SQLite's FTS5 bm25() computes it (fts5_aux.c): k1 and b are its constants.
BM25_K1 = 1.2
BM25_B = 0.75
# BM25 as FTS5 computes it: idf x tf x (k1 + 1) / (tf + k1 x (1 - b + b x length / average length)),
# summed over the terms a sentence holds, negated (best first, ties by id), from a term's postings
# (an index-only scan of the terms asked) or, for phrases, from the matching sentences' tsvectors.
_BM25 = "-sum({idf} * ({tf} * ?) / ({tf} + ? * (1 - ? + ? * {length} / ?)))"
_POSTINGS_SEARCH = (
    "with q (term, idf) as (select * from unnest(?::text[], ?::float8[])), "
    "f as (select p.sentence_id as id, " + _BM25.format(idf="q.idf", tf="p.tf", length="p.len") + " as score "
    "from q join search_postings p on p.term = q.term group by p.sentence_id {having}"
    "order by score, p.sentence_id limit ?) "
    "select {columns} from f join sentences s on s.id = f.id order by f.score, s.id")
_PHRASE_SEARCH = (
    "with q (phrase, term, idf, len) as (select * from unnest(?::int[], ?::text[], ?::float8[], ?::int[])), "
    "m as (select id, tokens, tsv from sentences where tsv @@ ?::tsquery), "
    "f as (select m.id, " + _BM25.format(idf="p.idf", tf="p.tf", length="m.tokens") + " as score "
    "from m cross join lateral (select q.phrase, min(q.idf) as idf, min(cardinality(u.positions)) as tf, "
    "count(*) as n, min(q.len) as len from unnest(m.tsv) u join q on q.term = u.lexeme "
    "group by q.phrase) p where p.n = p.len group by m.id order by score, m.id limit ?) "
    "select {columns} from f join sentences s on s.id = f.id order by f.score, s.id")
_MIGRATION_LOCK = "briefbot schema"


@functools.lru_cache(maxsize=1024)
def translate(sql: str) -> str:
    """`?` placeholders to psycopg's `%s` (outside string literals), and a literal `%` doubled."""
    out = []
    quoted = False
    for ch in sql:
        if ch == "'":
            quoted = not quoted  # '' inside a literal toggles twice: still inside
        if ch == "%":
            out.append("%%")
        elif ch == "?" and not quoted:
            out.append("%s")
        else:
            out.append(ch)
    return "".join(out)


_TOKEN = re.compile(r"[^\W_]+")


def fts_tokens(text: str) -> list[str]:
    """The tokens SQLite's `unicode61 remove_diacritics 2` makes of a text: letters and digits, folded."""
    folded = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    return _TOKEN.findall(folded.lower())


def tsvector_literal(tokens: Sequence[str]) -> str:
    """A tsvector with each token's positions (1-based), in PostgreSQL's input syntax."""
    positions: dict[str, list[str]] = {}
    for index, token in enumerate(tokens, 1):
        positions.setdefault(token, []).append(str(min(index, 16383)))  # PostgreSQL's position limit
    return " ".join(f"'{token}':{','.join(spots[:256])}" for token, spots in positions.items())


def _phrases(terms: Sequence[str]) -> list[tuple[str, ...]]:
    """Each search term as the phrase of its tokens (as FTS5 reads a quoted term), without repeats."""
    return list(dict.fromkeys(tuple(tokens) for term in terms if (tokens := fts_tokens(term))))


def _tsquery(phrases: Sequence[tuple[str, ...]], op: str) -> str:
    joiner = " & " if op.upper() == "AND" else " | "
    return joiner.join("(" + " <-> ".join(f"'{t}'" for t in phrase) + ")" for phrase in phrases)


def bm25_idf(rows: int, hits: int) -> float:
    """FTS5's idf: log((N - n + 0.5) / (n + 0.5)), and a tiny positive weight where that is not positive."""
    idf = math.log((rows - hits + 0.5) / (hits + 0.5)) if rows else 0.0
    return idf if idf > 0 else 1e-6


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or ["unreachable"])[0]


def _driver_error(exc: psycopg.Error, what: str) -> StoreError:
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    if isinstance(exc, psycopg.OperationalError):
        return StoreUnavailable(f"{what}: {first}")
    return StoreError(f"{what}: {first}")


def _check_url(url: str, where: str) -> None:
    """Refuse a malformed URL at once (retrying it would only wait): one line naming what is wrong."""
    try:
        options = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error as exc:
        raise StoreError(f"not a usable PostgreSQL URL {where}: {str(exc).strip().splitlines()[0]}") from None
    ports = str(options.get("port") or "5432").split(",")
    if not all(p.strip().isdigit() and 0 < int(p) < 65536 for p in ports):
        raise StoreError(f"not a usable PostgreSQL URL {where}: the port must be a number from 1 to 65535")


class PostgresStore(Store):
    """A PostgreSQL database by URL; `connect_retry_seconds` bounds the wait for a server at start."""

    dialect = "postgresql"
    window_at = WINDOW_AT
    caseless_like = "ilike"

    def __init__(self, url: str, connect_retry_seconds: float = CONNECT_RETRY_SECONDS) -> None:
        self.target = url
        self.where = redact(url)
        _check_url(url, self.where)
        self._local = threading.local()
        self._connections: ThreadConnections[psycopg.Connection] = ThreadConnections()
        self._wait_for_server(connect_retry_seconds)
        self.migrate()

    # ---- connections --------------------------------------------------------
    def _open(self) -> psycopg.Connection:
        return psycopg.connect(self.target, autocommit=True, row_factory=dict_row, connect_timeout=CONNECT_TIMEOUT,
                               application_name="briefbot")

    def _wait_for_server(self, budget: float) -> None:
        """Connect this thread, retrying with exponential backoff for `budget` seconds (one log line)."""
        tries = 0

        def announce(exc: BaseException, wait: float) -> None:
            nonlocal tries
            tries += 1
            if tries == 1:
                log.warning("cannot reach PostgreSQL at %s (%s); retrying for up to %g s", self.where,
                            _first_line(exc), budget)

        try:
            self._adopt(retry_with_backoff(self._open, budget, psycopg.OperationalError, announce))
        except psycopg.OperationalError as exc:
            raise StoreError(f"cannot reach PostgreSQL at {self.where}: {_first_line(exc)} "
                             f"(gave up after {budget:g} s)") from None
        if tries:
            log.warning("PostgreSQL at %s is up", self.where)

    def _adopt(self, conn: psycopg.Connection) -> psycopg.Connection:
        self._local.conn = conn
        self._connections.add(conn)
        return conn

    def _conn(self) -> psycopg.Connection:
        """This thread's connection; a new one when there is none or it was lost."""
        conn = getattr(self._local, "conn", None)
        if conn is not None and not conn.closed and not conn.broken:
            return conn
        if conn is not None:
            self._drop(conn)
        try:
            return self._adopt(self._open())
        except psycopg.OperationalError as exc:
            raise _driver_error(exc, f"cannot reach PostgreSQL at {self.where}") from exc

    def _drop(self, conn: psycopg.Connection) -> None:
        """Forget a lost connection, so the next command on this thread opens a new one."""
        self._local.conn = None
        self._connections.forget(conn)
        try:
            conn.close()
        except psycopg.Error:
            pass

    def _run(self, sql: str, params: Params, fetch: bool,
             conn: psycopg.Connection | None = None) -> tuple[list[dict], int]:
        """Run a statement on `conn` (a transaction's) or on this thread's connection."""
        conn = conn or self._conn()
        with self.driver_errors(conn), conn.cursor() as cursor:
            cursor.execute(translate(sql), tuple(params) if not isinstance(params, dict) else params)
            rows = cursor.fetchall() if fetch and cursor.description else []
            return rows, cursor.rowcount

    @contextlib.contextmanager
    def driver_errors(self, conn: psycopg.Connection) -> Iterator[None]:
        """psycopg's errors as StoreUnavailable (the connection is gone: dropped, the next use reconnects)
        or StoreError."""
        try:
            yield
        except psycopg.OperationalError as exc:
            if conn.closed or conn.broken:
                self._drop(conn)
            raise _driver_error(exc, f"lost the connection to PostgreSQL at {self.where}") from exc
        except psycopg.Error as exc:
            raise _driver_error(exc, "database error") from exc

    def open_connections(self) -> int:
        return len(self._connections)

    def close(self) -> None:
        for conn in self._connections.take_all():
            try:
                conn.close()
            except psycopg.Error:
                pass
        self._local = threading.local()

    # ---- the interface --------------------------------------------------------
    def query(self, sql: str, params: Params = ()) -> Iterator[dict]:
        return iter(self._run(sql, params, fetch=True)[0])

    def write(self) -> "_PostgresTransaction":
        return _PostgresTransaction(self)

    def after_bulk_load(self) -> None:
        self._run("vacuum analyze", (), fetch=False)  # autocommit connection: vacuum can't run in a transaction

    def migrate(self) -> list[str]:
        """Apply the migrations of bot/schema/postgres.py not yet recorded, under an advisory lock."""
        applied = []
        with self.write() as tx:
            tx.lock(_MIGRATION_LOCK)
            tx.execute("create table if not exists schema_migrations (name text primary key, applied_at text)")
            done = {r["name"] for r in tx.query("select name from schema_migrations")}
            for name, statements in MIGRATIONS:
                if name in done:
                    continue
                for statement in statements:
                    tx.execute(statement)
                tx.execute("insert into schema_migrations (name, applied_at) values (?, ?)", (name, utcnow()))
                applied.append(name)
        return applied

    def search(self, terms: Sequence[str], limit: int, op: str, columns: str) -> Iterator[dict]:
        phrases = _phrases(terms)
        if not phrases:
            return iter(())
        rows, total_tokens, hits = self._phrase_hits(phrases)
        idf = [bm25_idf(rows, hits.get(phrase, 0)) for phrase in phrases]
        avgdl = (total_tokens / rows) if rows else 1.0
        bm25 = (BM25_K1 + 1, BM25_K1, BM25_B, BM25_B, avgdl)
        if all(len(phrase) == 1 for phrase in phrases):
            return self.query(_POSTINGS_SEARCH.format(
                columns=columns, having=f"having count(*) = {len(phrases)} " if op.upper() == "AND" else ""),
                ([phrase[0] for phrase in phrases], idf, *bm25, limit))
        # A phrase of several tokens (e-KTP): the tsvector's positions find where they stand together.
        # One row per (phrase, token): a phrase's frequency in a sentence is taken as its rarest token's
        # (FTS5 counts the phrase's own occurrences; equal for the one-token phrases stems almost always are).
        phrase_ids, tokens, idfs, lengths = [], [], [], []
        for number, phrase in enumerate(phrases):
            for token in dict.fromkeys(phrase):
                phrase_ids.append(number)
                tokens.append(token)
                idfs.append(idf[number])
                lengths.append(len(set(phrase)))
        return self.query(_PHRASE_SEARCH.format(columns=columns),
                          (phrase_ids, tokens, idfs, lengths, _tsquery(phrases, op), *bm25, limit))

    def _phrase_hits(self, phrases: Sequence[tuple[str, ...]]) -> tuple[int, int, dict[tuple[str, ...], int]]:
        """(sentences, tokens, how many sentences hold each phrase): the totals and the one-token
        phrases' counts from search_stats and search_terms in one round trip, a longer phrase counted."""
        single = [p[0] for p in phrases if len(p) == 1]
        found = list(self.query("select s.sentences, s.tokens, t.term, t.doc from search_stats s "
                                "left join search_terms t on t.term = any(?) where s.id = 1", (single,)))
        hits = {(r["term"],): int(r["doc"]) for r in found if r["term"] is not None}
        for phrase in phrases:
            if len(phrase) > 1:
                row = next(self.query("select count(*) as n from sentences where tsv @@ ?::tsquery",
                                      (_tsquery([phrase], "AND"),)))
                hits[phrase] = int(row["n"])
        return int(found[0]["sentences"]), int(found[0]["tokens"]), hits

    def doc_freqs(self, terms: Sequence[str]) -> dict[str, int]:
        if not terms:
            return {}
        rows = self.query("select term, doc from search_terms where term = any(?)", (list(terms),))
        return {r["term"]: int(r["doc"]) for r in rows}

    def summary_sentences(self, since: str, ingested_since: str, limit: int, columns: str,
                          narrow: bool) -> Iterator[dict]:
        # One statement for both plans: PostgreSQL's planner picks the index (no hints to give).
        window_at = WINDOW_AT.replace("published", "a.published").replace("ingested_at", "a.ingested_at")
        return self.query(
            f"select {columns} from articles a join sentences s on s.article_id = a.id "
            f"where {window_at} >= ? and a.ingested_at >= ? and s.in_summary = 1 order by s.score desc limit ?",
            (since, ingested_since, limit))


class _PostgresTransaction(Transaction):
    """A transaction on this thread's connection; search statistics are added just before it commits."""

    def __init__(self, store: PostgresStore) -> None:
        self.store = store
        self._terms: Counter[str] = Counter()
        self._sentences = 0
        self._tokens = 0

    def __enter__(self) -> "_PostgresTransaction":
        self.conn = self.store._conn()
        self._transaction = self.conn.transaction()
        try:
            self._transaction.__enter__()
        except psycopg.Error as exc:
            self.store._drop(self.conn)
            raise _driver_error(exc, f"lost the connection to PostgreSQL at {self.store.where}") from exc
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self._flush_search_stats()
        except BaseException as failure:
            self._end(type(failure), failure, failure.__traceback__)
            raise
        self._end(exc_type, exc, tb)

    def _end(self, exc_type, exc, tb) -> None:
        try:
            self._transaction.__exit__(exc_type, exc, tb)
        except psycopg.Error as failure:  # the commit (or rollback) itself failed: the server went away
            if self.conn.closed or self.conn.broken:
                self.store._drop(self.conn)
            if exc_type is None:
                raise _driver_error(failure, f"lost the connection to PostgreSQL at {self.store.where}") from failure

    # On the transaction's own connection: once it is lost, every later statement fails too,
    # never running on a new connection outside the transaction.
    def query(self, sql: str, params: Params = ()) -> Iterator[dict]:
        return iter(self.store._run(sql, params, fetch=True, conn=self.conn)[0])

    def execute(self, sql: str, params: Params = ()) -> int:
        return self.store._run(sql, params, fetch=False, conn=self.conn)[1]

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        with self.store.driver_errors(self.conn), self.conn.cursor() as cursor:
            cursor.executemany(translate(sql), rows)

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """COPY ... FROM STDIN: about ten times the rows a second of a prepared insert's executemany."""
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        with (self.store.driver_errors(self.conn), self.conn.cursor() as cursor,
              cursor.copy(f"copy {table} ({names}) from stdin") as copy):
            for row in rows:
                copy.write_row(row)

    def reserve_ids(self, table: str, count: int) -> list[int]:
        if count <= 0:
            return []
        rows = self.query(f"select nextval(pg_get_serial_sequence('{table}', 'id')) as id "
                          "from generate_series(1, ?)", (count,))
        return sorted(int(r["id"]) for r in rows)

    def sync_ids(self, table: str) -> None:
        self.execute(f"select setval(pg_get_serial_sequence('{table}', 'id'), "
                     f"(select coalesce(max(id), 0) + 1 from {table}), false)")

    def add_sentences(self, rows: Sequence[Sequence[Any]]) -> None:
        stems_at, id_at = SENTENCE_COLUMNS.index("stems"), SENTENCE_COLUMNS.index("id")
        prepared, postings = [], []
        for row in rows:
            tokens = fts_tokens(row[stems_at] or "")
            counts = Counter(tokens)
            self._terms.update(counts.keys())
            self._sentences += 1
            self._tokens += len(tokens)
            prepared.append((*row, tsvector_literal(tokens), len(tokens)))
            # tf as the tsvector holds it: at most 256 positions a token
            postings += [(term, row[id_at], min(tf, 256), len(tokens)) for term, tf in counts.items()]
        self.insert_rows("sentences", (*SENTENCE_COLUMNS, "tsv", "tokens"), prepared)
        self.insert_rows("search_postings", ("term", "sentence_id", "tf", "len"), postings)

    def delete_sentences(self, article_ids: Sequence[int]) -> None:
        gone = self.query("delete from sentences where article_id = any(?) "
                          "returning id, tokens, tsvector_to_array(tsv) as terms", (list(article_ids),))
        terms, sentence_ids = [], []
        for row in gone:
            self._terms.subtract(row["terms"])
            self._sentences -= 1
            self._tokens -= int(row["tokens"])
            terms += row["terms"]
            sentence_ids += [row["id"]] * len(row["terms"])
        if terms:  # by the primary key, (term, sentence) pair by pair
            self.execute("delete from search_postings where (term, sentence_id) in "
                         "(select * from unnest(?::text[], ?::bigint[]))", (terms, sentence_ids))

    def lock(self, name: str) -> None:
        self.execute("select pg_advisory_xact_lock(?)", (lock_key(name),))

    def _flush_search_stats(self) -> None:
        """The document frequencies and totals this transaction changed, terms in sorted order.

        Sorted, so two writers updating common terms lock their rows in the same order (no deadlock).
        """
        changed = sorted((term, delta) for term, delta in self._terms.items() if delta)
        if changed:
            self.execute(
                "insert into search_terms (term, doc) select * from unnest(?::text[], ?::bigint[]) "
                "order by 1 on conflict (term) do update set doc = search_terms.doc + excluded.doc",
                ([t for t, _ in changed], [d for _, d in changed]))
            self.execute("delete from search_terms where doc <= 0 and term = any(?)", ([t for t, _ in changed],))
        if self._sentences or self._tokens:
            self.execute("update search_stats set sentences = sentences + ?, tokens = tokens + ? where id = 1",
                         (self._sentences, self._tokens))
        self._terms.clear()
        self._sentences = self._tokens = 0
