"""The job queue of `python -m bot worker`: source refreshes and ingest batches, each done by one worker.

A job is a row: kind, payload (JSON), state queued -> running -> done | failed. A worker claims
the oldest ready job and holds it for `timeout` seconds; a job whose worker died is claimable
again once that time is over (attempts counted; after max_attempts it fails). Finishing is
fenced by the claim (worker and attempt number), so a worker that lost its job to another
cannot record an outcome over the new one. Jobs are at-least-once: a refresh only adds new
articles and ingest skips known ones, so a job run twice stores nothing twice.

PostgreSQL: the claim is one statement whose inner SELECT takes the row `FOR UPDATE SKIP LOCKED`:
concurrent workers never wait for each other and never get the same row. SQLite: one writer per
file, so the claim runs under `BEGIN IMMEDIATE`, which is just as exclusive across processes.

`key` keeps one open job per thing: a source already queued or being refreshed is not queued
again (a partial unique index over the open states, the same on both databases).
"""
from __future__ import annotations

import json
import os
import socket
import sqlite3
import threading
import time
from dataclasses import dataclass
from typing import Any, Iterable, Protocol

from bot.coordination.connect import CoordinationUnavailable, connect_postgres, describe, one_line
from bot.store import is_url, lock_key

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
REFRESH, INGEST = "refresh", "ingest"
KEEP_FINISHED_SECONDS = 24 * 3600  # done and failed jobs are deleted after a day (one purge an hour)


@dataclass(frozen=True)
class Job:
    """One claimed job; `attempt` with the worker's id is the claim that fences finish()."""

    id: int
    kind: str
    payload: dict[str, Any]
    attempt: int


@dataclass(frozen=True)
class QueueCounts:
    queued: int = 0
    running: int = 0
    done: int = 0
    failed: int = 0


def worker_id() -> str:
    """This process, as the queue names it: "host:pid"."""
    return f"{socket.gethostname()}:{os.getpid()}"


class JobQueue(Protocol):
    """What workers and producers use; `open_queue(target)` picks the backend."""

    target: str

    def enqueue(self, kind: str, payload: dict[str, Any], key: str | None = None, delay: float = 0.0) -> int | None:
        """Add a job; None when an open job with the same key exists (nothing added)."""

    def enqueue_many(self, kind: str, payloads: Iterable[dict[str, Any]]) -> int:
        """Add many jobs in one transaction; returns how many."""

    def claim(self, kinds: Iterable[str], worker: str, timeout: float, max_attempts: int) -> Job | None:
        """The oldest ready job of these kinds, now running for `worker`; None when there is none."""

    def finish(self, job: Job, worker: str, ok: bool, error: str | None = None, retry_after: float = 0.0,
               max_attempts: int = 1) -> bool:
        """Record the outcome; a failure with attempts left is queued again after `retry_after` s.
        False when the claim was lost (the job timed out and went to another worker)."""

    def counts(self) -> QueueCounts: ...

    def purge(self, older_than: float = KEEP_FINISHED_SECONDS) -> int: ...

    def reconnect(self) -> None: ...

    def close(self) -> None: ...


def open_queue(target: str, connect_seconds: float = 0.0) -> JobQueue:
    """The queue on `target`: PostgreSQL for a postgresql:// URL (retrying the connection for
    `connect_seconds`), else the SQLite file at that path. Creates its table if missing."""
    if is_url(target):
        return PostgresQueue(target, connect_seconds)
    if target == ":memory:":
        raise CoordinationUnavailable("a job queue needs a database file or a PostgreSQL URL, not :memory:")
    return SqliteQueue(target)


def _gave_up(attempts: int) -> str:
    return f"gave up after {attempts} attempt(s): its worker stopped or timed out each time"


class _Queue:
    """What both backends share: the give-up rule, the outcome's state, the counts."""

    def claim(self, kinds: Iterable[str], worker: str, timeout: float, max_attempts: int) -> Job | None:
        while True:
            job = self._claim_one(list(kinds), worker, timeout)
            if job is None or job.attempt <= max_attempts:
                return job
            # Claimed again after its workers died max_attempts times: a job that kills workers.
            self.finish(job, worker, False, _gave_up(job.attempt - 1))

    def finish(self, job: Job, worker: str, ok: bool, error: str | None = None, retry_after: float = 0.0,
               max_attempts: int = 1) -> bool:
        again = not ok and job.attempt < max_attempts
        state = DONE if ok else (QUEUED if again else FAILED)
        return self._record(job, worker, state, again, (error or "")[:2000] or None, float(retry_after))

    def counts(self) -> QueueCounts:
        rows = self._state_counts()
        return QueueCounts(**{state: n for state, n in rows if state in QueueCounts.__dataclass_fields__})

    def _claim_one(self, kinds: list[str], worker: str, timeout: float) -> Job | None:
        raise NotImplementedError

    def _record(self, job: Job, worker: str, state: str, again: bool, error: str | None, retry_after: float) -> bool:
        """Write the outcome unless the claim (worker, attempt) was lost; True when written."""
        raise NotImplementedError

    def _state_counts(self) -> list[tuple[str, int]]:
        raise NotImplementedError


# ---- PostgreSQL ---------------------------------------------------------------------------------
_PG_DDL = """
create table if not exists jobs (
    id bigint generated always as identity primary key,
    kind text not null,
    key text,
    payload jsonb not null,
    state text not null default 'queued',
    attempts integer not null default 0,
    run_after timestamptz not null default now(),
    created_at timestamptz not null default now(),
    claimed_by text,
    claimed_at timestamptz,
    lease_until timestamptz,
    finished_at timestamptz,
    error text
);
create unique index if not exists jobs_open_key on jobs (key) where state in ('queued', 'running');
create index if not exists jobs_open on jobs (id) where state in ('queued', 'running');
"""
_PG_DDL_LOCK = lock_key("briefbot:jobs:ddl")  # serialises the DDL of processes starting together

_PG_CLAIM = """
with next as (
    select id from jobs
    where kind = any(%(kinds)s)
      and ((state = 'queued' and run_after <= now()) or (state = 'running' and lease_until < now()))
    order by id
    limit 1
    for update skip locked
)
update jobs set state = 'running', attempts = jobs.attempts + 1, claimed_by = %(worker)s,
    claimed_at = now(), lease_until = now() + make_interval(secs => %(timeout)s), error = null
from next where jobs.id = next.id
returning jobs.id, jobs.kind, jobs.payload, jobs.attempts
"""


class PostgresQueue(_Queue):
    """The queue in a PostgreSQL database, on a connection of its own (autocommit; transactions explicit)."""

    def __init__(self, target: str, connect_seconds: float = 0.0) -> None:
        self.target = target
        self._connect_seconds = connect_seconds
        self._lock = threading.Lock()  # one connection: one statement at a time
        self.conn = connect_postgres(target, deadline=connect_seconds)
        self._create()

    def _create(self) -> None:
        with self.conn.transaction():
            self.conn.execute("select pg_advisory_xact_lock(%s)", (_PG_DDL_LOCK,))
            self.conn.execute(_PG_DDL)

    def _run(self, action):
        """Run `action(conn)`; a lost connection becomes CoordinationUnavailable (the caller reconnects)."""
        import psycopg

        with self._lock:
            try:
                return action(self.conn)
            except psycopg.OperationalError as exc:
                raise CoordinationUnavailable(f"lost {describe(self.target)}: {one_line(exc)}") from None

    def reconnect(self) -> None:
        with self._lock:
            try:
                self.conn.close()
            except Exception:  # already broken: nothing to close cleanly
                pass
            self.conn = connect_postgres(self.target, deadline=0)
        self._create()

    def enqueue(self, kind: str, payload: dict[str, Any], key: str | None = None, delay: float = 0.0) -> int | None:
        from psycopg.types.json import Jsonb

        def insert(conn):
            row = conn.execute(
                "insert into jobs (kind, key, payload, run_after) values (%s, %s, %s, now() + make_interval(secs => %s)) "
                "on conflict do nothing returning id", (kind, key, Jsonb(payload), delay)).fetchone()
            return row[0] if row else None
        return self._run(insert)

    def enqueue_many(self, kind: str, payloads: Iterable[dict[str, Any]]) -> int:
        from psycopg.types.json import Jsonb

        rows = [(kind, Jsonb(p)) for p in payloads]

        def insert(conn):
            with conn.transaction(), conn.cursor() as cur:
                cur.executemany("insert into jobs (kind, payload) values (%s, %s)", rows)
            return len(rows)
        return self._run(insert)

    def _claim_one(self, kinds: list[str], worker: str, timeout: float) -> Job | None:
        params = {"kinds": kinds, "worker": worker, "timeout": float(timeout)}
        row = self._run(lambda conn: conn.execute(_PG_CLAIM, params).fetchone())
        return None if row is None else Job(row[0], row[1], row[2], row[3])

    def _record(self, job: Job, worker: str, state: str, again: bool, error: str | None, retry_after: float) -> bool:
        return self._run(lambda conn: conn.execute(
            "update jobs set state = %s, error = %s, lease_until = null, "
            "finished_at = case when %s then null else now() end, "
            "run_after = case when %s then now() + make_interval(secs => %s) else run_after end "
            "where id = %s and claimed_by = %s and attempts = %s and state = 'running'",
            (state, error, again, again, retry_after, job.id, worker, job.attempt)).rowcount == 1)

    def _state_counts(self) -> list[tuple[str, int]]:
        return self._run(lambda conn: conn.execute("select state, count(*) from jobs group by state").fetchall())

    def purge(self, older_than: float = KEEP_FINISHED_SECONDS) -> int:
        return self._run(lambda conn: conn.execute(
            "delete from jobs where state in ('done', 'failed') and finished_at < now() - make_interval(secs => %s)",
            (float(older_than),)).rowcount)

    def close(self) -> None:
        with self._lock:
            self.conn.close()


# ---- SQLite ---------------------------------------------------------------------------------------
_SQLITE_DDL = """
create table if not exists jobs (
    id integer primary key autoincrement,
    kind text not null,
    key text,
    payload text not null,
    state text not null default 'queued',
    attempts integer not null default 0,
    run_after real not null,
    created_at real not null,
    claimed_by text,
    claimed_at real,
    lease_until real,
    finished_at real,
    error text
);
create unique index if not exists jobs_open_key on jobs (key) where state in ('queued', 'running');
create index if not exists jobs_open on jobs (id) where state in ('queued', 'running');
"""


class SqliteQueue(_Queue):
    """The queue in the bot's SQLite file (one machine): claims serialised by BEGIN IMMEDIATE.

    Times are Unix seconds from this machine's clock: every process on the file shares it.
    """

    def __init__(self, target: str) -> None:
        self.target = target
        self._lock = threading.Lock()
        self.conn = self._connect()

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.target, timeout=30, isolation_level=None, check_same_thread=False)
            conn.execute("pragma journal_mode=wal")
            conn.executescript(_SQLITE_DDL)
        except sqlite3.Error as exc:
            raise CoordinationUnavailable(f"cannot use {describe(self.target)}: {exc}") from None
        return conn

    def _write(self, action):
        """`action(conn)` inside BEGIN IMMEDIATE ... COMMIT (rolled back on an error)."""
        with self._lock:
            try:
                self.conn.execute("begin immediate")
                try:
                    result = action(self.conn)
                except BaseException:
                    self.conn.execute("rollback")
                    raise
                self.conn.execute("commit")
                return result
            except sqlite3.OperationalError as exc:  # locked past the timeout, disk I/O, read-only file
                raise CoordinationUnavailable(f"{describe(self.target)}: {exc}") from None

    def reconnect(self) -> None:
        with self._lock:
            self.conn.close()
            self.conn = self._connect()

    def enqueue(self, kind: str, payload: dict[str, Any], key: str | None = None, delay: float = 0.0) -> int | None:
        now = time.time()
        cur = self._write(lambda conn: conn.execute(
            "insert into jobs (kind, key, payload, run_after, created_at) values (?, ?, ?, ?, ?) on conflict do nothing",
            (kind, key, json.dumps(payload), now + delay, now)))
        return cur.lastrowid if cur.rowcount == 1 else None

    def enqueue_many(self, kind: str, payloads: Iterable[dict[str, Any]]) -> int:
        now = time.time()
        rows = [(kind, json.dumps(p), now, now) for p in payloads]
        self._write(lambda conn: conn.executemany(
            "insert into jobs (kind, payload, run_after, created_at) values (?, ?, ?, ?)", rows))
        return len(rows)

    def _claim_one(self, kinds: list[str], worker: str, timeout: float) -> Job | None:
        marks = ",".join("?" for _ in kinds)

        def take(conn: sqlite3.Connection) -> Job | None:
            now = time.time()
            row = conn.execute(
                f"select id, kind, payload, attempts from jobs where kind in ({marks}) and "
                "((state = 'queued' and run_after <= ?) or (state = 'running' and lease_until < ?)) "
                "order by id limit 1", (*kinds, now, now)).fetchone()
            if row is None:
                return None
            conn.execute("update jobs set state = 'running', attempts = attempts + 1, claimed_by = ?, "
                         "claimed_at = ?, lease_until = ?, error = null where id = ?",
                         (worker, now, now + timeout, row[0]))
            return Job(row[0], row[1], json.loads(row[2]), row[3] + 1)

        return self._write(take)

    def _record(self, job: Job, worker: str, state: str, again: bool, error: str | None, retry_after: float) -> bool:
        now = time.time()
        return self._write(lambda conn: conn.execute(
            "update jobs set state = ?, error = ?, lease_until = null, finished_at = ?, "
            "run_after = case when ? then ? else run_after end "
            "where id = ? and claimed_by = ? and attempts = ? and state = 'running'",
            (state, error, None if again else now, again, now + retry_after, job.id, worker, job.attempt))).rowcount == 1

    def _state_counts(self) -> list[tuple[str, int]]:
        with self._lock:
            return self.conn.execute("select state, count(*) from jobs group by state").fetchall()

    def purge(self, older_than: float = KEEP_FINISHED_SECONDS) -> int:
        cutoff = time.time() - older_than
        return self._write(lambda conn: conn.execute(
            "delete from jobs where state in ('done', 'failed') and finished_at < ?", (cutoff,))).rowcount

    def close(self) -> None:
        with self._lock:
            self.conn.close()
