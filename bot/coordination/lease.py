"""Scheduler leadership: of several `run` processes on one database, exactly one decides and sends
the daily briefings, and another takes over when it dies.

PostgreSQL: a session-level advisory lock (`pg_try_advisory_lock`) on a connection of the
leader's own. It is held as long as that session lives, so it goes with the process: SIGKILL
closes the socket and the server ends the session at once; a vanished machine is noticed by
TCP keepalives within about 30 s; a frozen process (stopped, its loop stuck) stops probing and
`idle_session_timeout` ends its session. The standby processes try to take it every
`lease_check_seconds`.

SQLite (one machine): an exclusive `flock` on "<database>.scheduler.lock", which the kernel
releases when the process dies. An in-memory database has one process: it always leads.

The lease keeps the work in one place; it is not what prevents a second briefing. That is the
delivery log's claim (bot/subscriptions.py: an insert that the unique (subscription, local
date) key lets succeed once), which holds even if a leader that lost its lease has not yet
noticed. See docs/scaling.md.
"""
from __future__ import annotations

import asyncio
import fcntl
import logging
import os
from pathlib import Path
from typing import Awaitable, Callable, Protocol

from bot.coordination.connect import SESSION_OPTIONS, CoordinationUnavailable, connect_postgres, describe, one_line
from bot.store import is_url, lock_key

log = logging.getLogger(__name__)
SCHEDULER = "briefbot:scheduler"  # the lease's name: one advisory lock key per database
MAX_RETRY = 30.0  # seconds between two tries to reach an unreachable lease database, at most


class Lease(Protocol):
    """Held by at most one process at a time."""

    def try_acquire(self) -> bool:
        """Take the lease if free; True when this process holds it (now or already).
        Raises CoordinationUnavailable when its database cannot be reached."""

    def held(self) -> bool:
        """Whether this process still holds it (a probe: False once its session is gone)."""

    def release(self) -> None: ...

    def describe(self) -> str: ...


def open_lease(target: str, check_seconds: float = 2.0, name: str = SCHEDULER) -> Lease:
    """The lease for `target`: an advisory lock on PostgreSQL, a file lock beside an SQLite file."""
    if is_url(target):
        return PostgresLease(target, name, idle_timeout=max(10.0, 10 * check_seconds))
    if target == ":memory:":
        return SoleLease()
    return FileLease(Path(f"{target}.{name.rpartition(':')[2]}.lock"))


class PostgresLease:
    """A session advisory lock on a dedicated autocommit connection."""

    def __init__(self, url: str, name: str = SCHEDULER, idle_timeout: float = 30.0) -> None:
        self.url = url
        self.key = lock_key(name)
        # A session idle this long (a leader that stopped probing) is ended by the server: its lock goes.
        self.options = f"{SESSION_OPTIONS} -c idle_session_timeout={int(idle_timeout * 1000)}"
        self.conn = None
        self._held = False

    def describe(self) -> str:
        return f"advisory lock on {describe(self.url)}"

    def try_acquire(self) -> bool:
        import psycopg

        if self._held and self.held():
            return True
        try:
            if self.conn is None or self.conn.closed:
                self.conn = connect_postgres(self.url, deadline=0, options=self.options)
            self._held = bool(self.conn.execute("select pg_try_advisory_lock(%s)", (self.key,)).fetchone()[0])
        except psycopg.Error as exc:
            self._drop()
            raise CoordinationUnavailable(f"lost {describe(self.url)}: {one_line(exc)}") from None
        return self._held

    def held(self) -> bool:
        import psycopg

        if not self._held or self.conn is None:
            return False
        try:
            self.conn.execute("select 1")
        except psycopg.Error:  # the session is gone, and the lock with it
            self._drop()
            return False
        return True

    def _drop(self) -> None:
        self._held = False
        if self.conn is not None:
            try:
                self.conn.close()
            except Exception:  # a broken connection: nothing to close cleanly
                pass
            self.conn = None

    def release(self) -> None:
        """Unlock first: closing alone frees the lock only once the server has ended the session."""
        if self._held and self.conn is not None:
            try:
                self.conn.execute("select pg_advisory_unlock(%s)", (self.key,))
            except Exception:  # the session is gone already, and the lock with it
                pass
        self._drop()


class FileLease:
    """An exclusive flock on a file beside the SQLite database: one machine, released at process death."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def describe(self) -> str:
        return f"file lock {self.path}"

    def try_acquire(self) -> bool:
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise CoordinationUnavailable(f"cannot open {self.path}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None


class SoleLease:
    """An in-memory database has one process: it always leads."""

    def describe(self) -> str:
        return "the only process (in-memory database)"

    def try_acquire(self) -> bool:
        return True

    def held(self) -> bool:
        return True

    def release(self) -> None:
        pass


class Leadership:
    """Takes the lease when it can, calls `on_gain` then; probes it while leading, calls `on_loss`
    when it is gone. `leading` is the flag the scheduler checks before each claim."""

    def __init__(self, lease: Lease, check_seconds: float, on_gain: Callable[[], Awaitable[None]],
                 on_loss: Callable[[], Awaitable[None]]) -> None:
        self.lease = lease
        self.check_seconds = check_seconds
        self.on_gain, self.on_loss = on_gain, on_loss
        self.leading = False
        self._unreachable = False  # logged once until it is reachable again
        self._said_standby = False  # "standing by" is logged once a term, not every probe

    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop` is set; then steps down and releases the lease."""
        wait = self.check_seconds
        try:
            while not stop.is_set():
                wait = await self._step(wait)
                try:
                    await asyncio.wait_for(stop.wait(), wait)
                except asyncio.TimeoutError:
                    pass
        finally:
            if self.leading:
                self.leading = False
                await self.on_loss()
            await asyncio.to_thread(self.lease.release)

    async def _step(self, wait: float) -> float:
        """One probe or try; returns how long to wait before the next one."""
        probe = self.lease.held if self.leading else self.lease.try_acquire
        try:
            holds = await asyncio.wait_for(asyncio.to_thread(probe), max(5.0, 2 * self.check_seconds))
        except (CoordinationUnavailable, asyncio.TimeoutError) as exc:
            if not self._unreachable:
                log.warning("scheduler lease (%s) unreachable: %s; standing by, retrying",
                            self.lease.describe(), exc or "no answer in time")
                self._unreachable = True
            holds = False
            wait = min(max(wait * 2, self.check_seconds), MAX_RETRY)
        else:
            if self._unreachable:
                log.info("scheduler lease (%s) reachable again", self.lease.describe())
                self._unreachable = False
            wait = self.check_seconds
        if holds and not self.leading:
            self.leading, self._said_standby = True, False
            log.info("scheduler lease taken (%s): this process schedules the briefings", self.lease.describe())
            try:
                await self.on_gain()
            except Exception:  # e.g. the database failed at start-up: let another process (or a later try) lead
                log.exception("starting the scheduler failed: the lease is released, retrying")
                self.leading = False
                await self.on_loss()
                await asyncio.to_thread(self.lease.release)
                return min(max(wait * 2, self.check_seconds), MAX_RETRY)
        elif not holds and self.leading:
            self.leading = False
            log.warning("scheduler lease lost (%s): this process stops scheduling", self.lease.describe())
            await self.on_loss()
        elif not holds and not self._unreachable and not self._said_standby:
            log.info("scheduler lease held by another process (%s): standing by", self.lease.describe())
            self._said_standby = True
        return wait
