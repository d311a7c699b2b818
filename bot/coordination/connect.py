"""Where coordination lives (the target) and how a PostgreSQL connection is made and remade.

A server that is down at start gets one clear line a try and a retry with exponential backoff,
for at most `deadline` seconds; the caller then gives up with a message, never a traceback.
"""
from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Callable

from bot.store import is_url
from bot.store.backoff import retry_with_backoff

if TYPE_CHECKING:
    import psycopg

    from bot.settings import Settings

log = logging.getLogger(__name__)
TARGET_ENV = "BRIEFBOT_COORDINATION_DB"


class CoordinationUnavailable(Exception):
    """The queue's or the lease's database cannot be reached; the message says which and why, in one line."""


def coordination_target(settings: "Settings") -> str:
    """BRIEFBOT_COORDINATION_DB, else the bot's own database (a path or a postgresql:// URL)."""
    return settings.env.get(TARGET_ENV) or settings.db_path


def describe(target: str) -> str:
    """The target without its password, for log lines: "PostgreSQL db at host:5432"."""
    if not is_url(target):
        return f"SQLite {target}"
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts = conninfo_to_dict(target)
    except Exception:  # a malformed URL: say so without echoing it (it may hold a password)
        return "PostgreSQL (malformed URL)"
    return f"PostgreSQL {parts.get('dbname', '?')} at {parts.get('host', 'localhost')}:{parts.get('port', 5432)}"


# Server-side settings of each coordination session. Keepalives let the server notice a leader
# whose machine vanished within about 30 s instead of the kernel's two hours, which ends its
# session and so frees its lease.
SESSION_OPTIONS = "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3"


def connect_postgres(url: str, *, deadline: float = 0.0, options: str = SESSION_OPTIONS,
                     sleep: Callable[[float], None] = time.sleep) -> "psycopg.Connection":
    """An autocommit connection to `url`, retried with backoff for up to `deadline` seconds.

    Each failed try is one warning line naming the server (never the password) and the
    reason; after the deadline, CoordinationUnavailable with the last reason.
    """
    import psycopg

    def announce(exc: BaseException, wait: float) -> None:
        log.warning("cannot reach %s (%s); retrying in %.1f s", describe(url), one_line(exc), wait)

    def attempt() -> "psycopg.Connection":
        return psycopg.connect(url, autocommit=True, connect_timeout=5, options=options,
                               keepalives=1, keepalives_idle=10, keepalives_interval=5, keepalives_count=3)

    try:
        return retry_with_backoff(attempt, deadline, psycopg.Error, announce, sleep=sleep)
    except psycopg.Error as exc:
        tried = f" (tried for {deadline:g} s)" if deadline > 0 else ""
        raise CoordinationUnavailable(f"cannot reach {describe(url)}{tried}: {one_line(exc)}") from None


def one_line(exc: BaseException) -> str:
    """The first line of an error's message (libpq's are several), or its type."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__

