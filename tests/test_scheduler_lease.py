"""One scheduler among several `run` processes: the lease (bot/coordination/lease.py) on a real
PostgreSQL, and a takeover when the leader is SIGKILLed in the middle of a fan-out.

The takeover test runs two real `python -m bot run --console` processes on one database (the
store's SQLite file until the PostgreSQL store lands; the lease and so the leadership on
PostgreSQL), lets one lead, kills it after a few briefings and checks that the other takes
over within a bounded time and finishes the day: at most one briefing per chat, every chat
without one has an `uncertain` row (the send the kill interrupted), never a silent gap.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot import subscriptions as subs
from bot.coordination.connect import CoordinationUnavailable
from bot.coordination.lease import FileLease, PostgresLease, open_lease
from tests.conftest import REPO
from tests.test_schedule_sigkill import CHATS, _received, _subscribe_all, _wait


def _deliveries(target: str) -> dict[str, str]:
    from bot.store import open_store

    store = open_store(target)
    try:
        return {row["chat"]: row["status"] for row in store.query(
            "select s.chat, d.status from deliveries d join subscriptions s on s.id = d.subscription_id")}
    finally:
        store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def bot_db(request: pytest.FixtureRequest, seeded_db, tmp_path, postgres_url) -> str:
    """The store the `run` processes share: a copy of the seeded SQLite file, or PostgreSQL seeded once here."""
    if request.param == "sqlite":
        shutil.copy(seeded_db, tmp_path / "bot.db")
        return str(tmp_path / "bot.db")
    from bot.app import BotApp
    from bot.settings import load_settings

    app = BotApp(load_settings(None, env={}, db_path=postgres_url))
    app.ensure_seeded()
    app.close()
    return postgres_url


CHECK = 0.3  # workers.lease_check_seconds in these runs
TAKEOVER_BOUND = 10.0  # seconds from the kill to the other process leading


def _terminate_sessions(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("select pg_terminate_backend(pid) from pg_stat_activity "
                     "where datname = current_database() and pid <> pg_backend_pid()")


# ---- the lease itself ---------------------------------------------------------------------------
def test_postgres_lease_has_one_holder_and_frees_with_the_session(postgres_url):
    first, second = PostgresLease(postgres_url), PostgresLease(postgres_url)
    assert first.try_acquire()
    assert not second.try_acquire()  # another session holds it
    assert first.try_acquire() and first.held()  # taking it again while holding: still ours
    first.release()
    assert second.try_acquire() and second.held()
    _terminate_sessions(postgres_url)  # the holder's session dies (a crash, a lost network)
    assert not second.held()  # ... and it knows it at its next probe
    assert _wait(first.try_acquire, 5, poll=0.05)  # the lock went with the session (once the server ended it)
    first.release()


def test_postgres_lease_unreachable_is_one_clear_error():
    lease = PostgresLease("postgresql://postgres@127.0.0.1:1/nothing")
    with pytest.raises(CoordinationUnavailable, match=r"cannot reach PostgreSQL nothing at 127\.0\.0\.1:1"):
        lease.try_acquire()
    assert not lease.held()


def test_file_lease_beside_sqlite_has_one_holder(tmp_path):
    db = tmp_path / "bot.db"
    first, second = open_lease(str(db)), open_lease(str(db))
    assert isinstance(first, FileLease)
    assert first.try_acquire() and not second.try_acquire()
    first.release()
    assert second.try_acquire()
    second.release()


# ---- two `run` processes, the leader killed mid fan-out ---------------------------------------------
def _start(db: Path, config: Path, log: Path, coordination: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "TELEGRAM_", "SLACK_"))}
    env["BRIEFBOT_COORDINATION_DB"] = coordination
    env["BRIEFBOT_HEALTH_PORT"] = "0"  # two processes on one machine: no port to share
    return subprocess.Popen([sys.executable, "-m", "bot", "run", "--console", "--db", str(db), "--config",
                             str(config)], cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log.open("ab"))


def _says(log: Path, text: str) -> bool:
    return log.exists() and text.encode() in log.read_bytes()


def test_leader_killed_mid_fan_out_another_takes_over_one_briefing_per_chat(bot_db, tmp_path, postgres_url):
    db = bot_db
    console = tmp_path / "console.log"
    config = tmp_path / "run.toml"
    config.write_text(f'[schedule]\nconsole_file = "{console}"\nmax_concurrent_sends = 1\n'
                      f"send_when_empty = true\ngrace_hours = 6\n[workers]\nlease_check_seconds = {CHECK}\n")
    _subscribe_all(db)
    # The test holds the lease while both processes start, so both are surely standing by when it
    # is released: which one leads is then up to PostgreSQL, and the fan-out starts only then.
    holder = PostgresLease(postgres_url)
    assert holder.try_acquire()
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    processes = [_start(db, config, log, postgres_url) for log in logs]
    try:
        assert _wait(lambda: all(_says(log, "standing by") for log in logs), 90, poll=0.05), \
            [log.read_text()[-1500:] for log in logs]
        assert _deliveries(db) == {} and _received(console) == []  # nobody sends without the lease
        holder.release()
        assert _wait(lambda: any(_says(log, "scheduler lease taken") for log in logs), 10), \
            [log.read_text()[-1500:] for log in logs]
        leader = next(i for i, log in enumerate(logs) if _says(log, "scheduler lease taken"))
        other = 1 - leader
        assert _wait(lambda: len(_received(console)) >= 3, 60), logs[leader].read_text()[-2000:]
        assert not _says(logs[other], "scheduler lease taken")  # one leader at a time
        processes[leader].send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        processes[leader].wait(30)
        landed_before = len(_received(console))
        assert _wait(lambda: _says(logs[other], "scheduler lease taken"), TAKEOVER_BOUND, poll=0.01), \
            logs[other].read_text()[-2000:]
        takeover = time.monotonic() - killed_at
        assert _wait(lambda: len(_deliveries(db)) == CHATS and subs.SENDING not in _deliveries(db).values(),
                     90, poll=0.1), _deliveries(db)
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        codes = [process.wait(30) for process in processes]
    assert codes[other] == 0  # the survivor stops cleanly
    received, statuses = _received(console), _deliveries(db)
    counts = {f"c{n}": received.count(f"c{n}") for n in range(CHATS)}
    print(f"takeover after {takeover:.2f} s; {landed_before} briefing(s) before the kill, "
          f"{len(received) - landed_before} after; statuses "
          f"{ {s: list(statuses.values()).count(s) for s in set(statuses.values())} }")
    assert landed_before < CHATS  # the kill really fell mid fan-out
    assert len(received) > landed_before  # the new leader finished the day
    assert max(counts.values()) == 1, counts  # never a second briefing for a chat on a day
    assert set(statuses.values()) <= {subs.SENT, subs.UNCERTAIN}, statuses
    assert all(counts[chat] == 1 for chat, status in statuses.items() if status == subs.SENT)
    assert sum(status == subs.UNCERTAIN for status in statuses.values()) <= 1  # max_concurrent_sends
    assert all(statuses[chat] == subs.UNCERTAIN for chat, count in counts.items() if count == 0)
    assert "Traceback" not in logs[other].read_text()


def test_a_frozen_leader_loses_the_lease_to_the_other_and_steps_down_when_it_wakes(seeded_db, tmp_path, postgres_url):
    """SIGSTOP: the process lives (its socket too, so TCP sees nothing) but probes no more. The
    server's idle_session_timeout (10 x lease_check_seconds, at least 10 s) ends its session."""
    db = tmp_path / "bot.db"
    shutil.copy(seeded_db, db)
    config = tmp_path / "run.toml"
    config.write_text(f'[schedule]\nconsole_file = "{tmp_path / "console.log"}"\n'
                      f"[workers]\nlease_check_seconds = {CHECK}\n")
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    first = _start(db, config, logs[0], postgres_url)
    processes = [first]
    try:
        assert _wait(lambda: _says(logs[0], "scheduler lease taken"), 90, poll=0.05), logs[0].read_text()[-1500:]
        processes.append(_start(db, config, logs[1], postgres_url))
        assert _wait(lambda: _says(logs[1], "standing by"), 90, poll=0.05), logs[1].read_text()[-1500:]
        first.send_signal(signal.SIGSTOP)
        stopped_at = time.monotonic()
        assert _wait(lambda: _says(logs[1], "scheduler lease taken"), 30, poll=0.05), logs[1].read_text()[-1500:]
        takeover = time.monotonic() - stopped_at
        first.send_signal(signal.SIGCONT)
        assert _wait(lambda: _says(logs[0], "scheduler lease lost"), 10, poll=0.05), logs[0].read_text()[-1500:]
    finally:
        for process in processes:
            process.send_signal(signal.SIGCONT)
            process.send_signal(signal.SIGTERM)
        codes = [process.wait(30) for process in processes]
    print(f"frozen leader replaced after {takeover:.1f} s")
    assert 9 <= takeover < 20  # the idle timeout, not sooner (a slow leader is not deposed at once)
    assert codes == [0, 0]
    text = logs[0].read_text()
    assert text.count("scheduler lease taken") == 1  # woken, it stands by: the other one leads now
    assert "Traceback" not in text + logs[1].read_text()


def test_run_with_the_lease_database_down_keeps_serving_says_so_once_and_stops_cleanly(seeded_db, tmp_path):
    import socket

    shutil.copy(seeded_db, tmp_path / "bot.db")
    config = tmp_path / "run.toml"
    config.write_text(f"[workers]\nlease_check_seconds = {CHECK}\n")
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "run.log"
    process = _start(tmp_path / "bot.db", config, log, f"postgresql://postgres@127.0.0.1:{port}/briefbot")
    try:
        assert _wait(lambda: _says(log, "unreachable"), 60, poll=0.05), log.read_text()[-1500:]
        time.sleep(3)  # several retries later
        assert process.poll() is None  # still serving chat
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(30)
    text = log.read_text()
    assert code == 0
    lines = [line for line in text.splitlines() if "unreachable" in line]
    assert len(lines) == 1, lines  # said once, not at every retry
    assert f"cannot reach PostgreSQL briefbot at 127.0.0.1:{port}" in lines[0] and "standing by, retrying" in lines[0]
    assert "scheduler lease taken" not in text and "Traceback" not in text
