"""PostgreSQL faults: a server down at start, a connection lost mid-command; nothing stored is lost."""
from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time

import psycopg
import pytest

from bot.app import BotApp
from bot.i18n import t
from bot.models import Request
from bot.settings import load_settings
from bot.store import StoreError, StoreUnavailable, open_store
from tests.conftest import REPO


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed again when the block ends: nobody listens there


def test_server_down_at_start_is_retried_then_refused_in_one_line(caplog):
    url = f"postgresql://briefbot:secret@127.0.0.1:{_closed_port()}/briefbot"
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="bot.store.postgres"):
        with pytest.raises(StoreError) as refused:
            open_store(url, connect_retry_seconds=2)
    waited = time.monotonic() - started
    assert 1.0 <= waited < 10  # it retried (0.5 s, 1 s, ...) and gave up within its budget
    message = str(refused.value)
    assert "\n" not in message and "cannot reach PostgreSQL at" in message and "gave up after 2 s" in message
    assert "secret" not in message and "***" in message  # the password never reaches a message
    retries = [r for r in caplog.records if "retrying" in r.getMessage()]
    assert len(retries) == 1 and "secret" not in retries[0].getMessage()


@pytest.mark.parametrize("url, why", [
    ("postgresql://127.0.0.1:abc/db", "the port must be a number"),
    ("postgresql://127.0.0.1/db?nonsense=1", 'invalid URI query parameter: "nonsense"'),
    ("postgres://[::1/db", "not a usable PostgreSQL URL"),
])
def test_a_malformed_url_is_refused_at_once(url, why):
    started = time.monotonic()
    with pytest.raises(StoreError, match="not a usable PostgreSQL URL") as refused:
        open_store(url, connect_retry_seconds=30)
    assert why in str(refused.value) and "\n" not in str(refused.value)
    assert time.monotonic() - started < 5  # no retrying what can never work


def test_cli_with_the_server_down_prints_one_line_and_no_traceback(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text("[bot]\ndb_connect_retry_seconds = 1\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFBOT_")}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "/help", "--config", str(config),
         "--db", f"postgresql://postgres@127.0.0.1:{_closed_port()}/none"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env={**env, "PYTHONPATH": str(REPO)})
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("cannot open the database")]
    assert len(errors) == 1 and "cannot reach PostgreSQL at postgresql://postgres@127.0.0.1:" in errors[0]
    assert "Connection refused" in errors[0] and "gave up after 1 s" in errors[0]


def _terminate_others(url: str) -> int:
    """Kill every other backend on this database, as a server restart or an admin would."""
    with psycopg.connect(url, autocommit=True) as admin:
        rows = admin.execute("select pg_terminate_backend(pid) from pg_stat_activity "
                             "where datname = current_database() and pid <> pg_backend_pid()").fetchall()
    return len(rows)


def _ask(app: BotApp, command: str | None, text: str = "") -> str:
    return app.handle(Request(platform="console", chat="c", user="u", command=command, args=text,
                              chat_kind="private")).title


def test_lost_connection_mid_command_is_an_apology_then_a_reconnect(postgres_url):
    app = BotApp(load_settings(None, env={}, db_path=postgres_url))
    try:
        app.ensure_seeded()
        before = app.store.article_count()
        first = _ask(app, "brief")
        assert before == 5 and first != t("store_unavailable", "id")
        assert _terminate_others(postgres_url) >= 1
        assert _ask(app, "brief") == t("store_unavailable", "id")  # the apology, not a traceback
        assert _ask(app, "brief") == first  # the next command reconnects
        assert app.store.article_count() == before  # nothing stored was lost
    finally:
        app.close()


def test_lost_connection_in_a_write_rolls_it_back_and_the_store_recovers(postgres_url):
    store = open_store(postgres_url)
    try:
        with pytest.raises(StoreUnavailable):
            with store.write() as tx:
                tx.insert("audit", {"at": "t", "principal": "p", "command": "half"})
                _terminate_others(postgres_url)
                tx.insert("audit", {"at": "t", "principal": "p", "command": "other half"})
        store.audit("p", "console", "c", "after", "", "ok")  # a new connection
        assert [r["command"] for r in store.query("select command from audit")] == ["after"]
    finally:
        store.close()


def test_lost_connections_in_the_chat_workers_do_not_kill_them(postgres_url):
    """The chat pool's threads each lose their connection; each apologises once, then answers."""
    import asyncio

    app = BotApp(load_settings(None, env={}, db_path=postgres_url))

    async def ask_many(count: int) -> list[str]:
        requests = [Request(platform="console", chat=f"c{i}", user="u", command="brief", args="",
                            chat_kind="private") for i in range(count)]
        return [r.title for r in await asyncio.gather(*(app.handle_async(r) for r in requests))]

    try:
        app.ensure_seeded()
        workers = app.settings.bot.chat_workers
        asyncio.run(ask_many(workers * 2))
        _terminate_others(postgres_url)
        after = asyncio.run(ask_many(workers * 2))
        assert all(title != t("apology", "id") for title in after)  # never the generic failure
        healed = asyncio.run(ask_many(workers * 2))
        assert t("store_unavailable", "id") not in healed
        fresh = open_store(postgres_url)  # this thread's own connection was cut as well
        assert fresh.article_count() == 5
        fresh.close()
    finally:
        app.close()


def test_backoff_doubles_its_waits_within_the_budget_and_raises_the_last_failure(monkeypatch):
    from bot.store.backoff import retry_with_backoff

    clock = [0.0]
    waits: list[float] = []
    failures = iter(range(100))

    def sleep(seconds: float) -> None:
        clock[0] += seconds

    def attempt() -> str:
        raise ConnectionError(f"refused {next(failures)}")

    monkeypatch.setattr(time, "monotonic", lambda: clock[0])  # the helper's clock: advanced by `sleep` only
    with pytest.raises(ConnectionError, match="refused 5"):
        retry_with_backoff(attempt, 10.0, ConnectionError, lambda exc, wait: waits.append(wait), sleep=sleep)
    assert waits == [0.5, 1.0, 2.0, 4.0, 2.5]  # doubling, the last wait cut to what is left of 10 s
    clock[0] = 0.0
    with pytest.raises(ValueError):  # not retryable: raised at once, no wait
        retry_with_backoff(lambda: int("x"), 10.0, ConnectionError, lambda exc, wait: waits.append(wait),
                           sleep=sleep)
    assert clock[0] == 0.0
    outcomes = iter([ConnectionError("down"), "connected"])

    def flaky() -> str:
        outcome = next(outcomes)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome
    assert retry_with_backoff(flaky, 10.0, ConnectionError, lambda exc, wait: None, sleep=sleep) == "connected"
