"""`python -m bot worker`: refresh and ingest jobs from the queue, several workers at once, and the
faults a worker must live through (PostgreSQL down at start, a connection lost mid-run).

The queue is on the session's real PostgreSQL; the store is the SQLite file (today's store)
shared by the worker processes.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from bot import sources
from bot.app import BotApp
from bot.coordination.jobs import open_queue
from bot.coordination.worker import Worker, queue_due_sources, queue_files
from bot.settings import load_settings
from bot.store import open_store
from tests.conftest import REPO, SEEDS
from tests.test_schedule_sigkill import _wait
from tests.test_sources import serve_site

DONE_LINE = re.compile(r"job (\d+) ingest \(attempt (\d+)\): (\d+) articles?: (\d+) added")


def _env(coordination: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "TELEGRAM_", "SLACK_"))}
    env["BRIEFBOT_COORDINATION_DB"] = coordination
    return env


def _bot(*args: str, env: dict[str, str], log: Path | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bot", *args], cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=log.open("ab") if log else subprocess.PIPE, text=True, **kwargs)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _articles(db: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("select url, content_hash from articles").fetchall()
    finally:
        conn.close()


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, int]:
    """The five seeds and 55 IndoSum articles as one .jsonl file: real text, 60 distinct articles."""
    from bench.ingest import write_real_articles
    from tests.conftest import require_indosum

    path = tmp_path / "articles.jsonl"
    return path, write_real_articles(require_indosum(), SEEDS, path, limit=55)


def test_two_worker_processes_ingest_every_queued_article_once(tmp_path, postgres_url, corpus):
    articles_file, total = corpus
    db = tmp_path / "bot.db"
    open_store(db).close()  # the store exists before the workers open it
    config = tmp_path / "w.toml"
    config.write_text("[workers]\ningest_batch = 3\npoll_seconds = 0.1\n")
    env = _env(postgres_url)
    logs = [tmp_path / "w1.log", tmp_path / "w2.log"]
    workers = [_bot("worker", "--db", str(db), "--config", str(config), env=env, log=log) for log in logs]
    try:
        assert _wait(lambda: all(log.exists() and b"taking jobs" in log.read_bytes() for log in logs), 60, poll=0.05), \
            [log.read_text() for log in logs if log.exists()]
        queued = subprocess.run([sys.executable, "-m", "bot", "ingest", "--queue", "--db", str(db), "--config",
                                 str(config), str(articles_file)], cwd=REPO, env=env, capture_output=True, text=True,
                                timeout=60)
        jobs = -(-total // 3)
        assert queued.returncode == 0 and queued.stdout.strip() == \
            f"queued {total} articles in {jobs} jobs for the workers", queued.stderr
        queue = open_queue(postgres_url)
        assert _wait(lambda: queue.counts().done == jobs, 120, poll=0.2), queue.counts()
        queue.close()
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        codes = [worker.wait(30) for worker in workers]
    assert codes == [0, 0]  # SIGTERM: the job in hand finished, then a clean stop
    done = [DONE_LINE.findall(log.read_text()) for log in logs]
    ids = Counter(job_id for lines in done for job_id, *_ in lines)
    assert len(ids) == jobs and max(ids.values()) == 1  # each job done by one worker, once
    assert all(attempt == "1" for lines in done for _, attempt, *_ in lines)
    stored = _articles(db)
    assert len(stored) == total == len({digest for _, digest in stored})  # every article, none twice
    print(f"jobs per worker: {[len(lines) for lines in done]}")
    for log in logs:
        assert "Traceback" not in log.read_text()


def test_a_refresh_job_fetches_the_source_once_and_is_queued_again_only_when_due(
        seeded_db, tmp_path, postgres_url, httpserver_ipv4, clean_env):
    serve_site(httpserver_ipv4)
    config = tmp_path / "sources.toml"
    config.write_text('[sources]\nallow_hosts = ["127.0.0.1"]\ntimeout_seconds = 2.0\n')
    shutil.copy(seeded_db, tmp_path / "bot.db")
    app = BotApp(load_settings(str(config), env={}, db_path=str(tmp_path / "bot.db")))
    queue = open_queue(postgres_url)
    try:
        run = sources.add_source(app.context, httpserver_ipv4.url_for("/rss"), "Umpan")
        assert run.error is None
        with app.store.write() as db:
            db.execute("update sources set next_fetch_at = '2000-01-01T00:00:00+00:00' where id = ?", (run.source_id,))
        assert queue_due_sources(app.context, queue) == 1
        assert queue_due_sources(app.context, queue) == 0  # queued already: not twice
        fetched = sum(1 for request, _ in httpserver_ipv4.log if request.path == "/rss")
        worker = Worker(app.context, queue, name="w1")
        worker.run(threading.Event(), once=True)
        assert (worker.done, worker.failed) == (1, 0)
        assert sum(1 for request, _ in httpserver_ipv4.log if request.path == "/rss") == fetched + 1
        source = next(app.store.query("select * from sources where id = ?", (run.source_id,)))
        assert source["last_ok_at"] and source["next_fetch_at"] > "2001"
        assert queue_due_sources(app.context, queue) == 0  # fetched: not due for refresh_minutes
    finally:
        queue.close()
        app.close()


def test_postgres_down_at_start_is_clear_lines_a_bounded_retry_and_exit_2(tmp_path):
    config = tmp_path / "w.toml"
    config.write_text("[bot]\ndb_connect_retry_seconds = 3\n")
    port = _free_port()  # nothing listens on it
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "bot", "worker", "--db", str(tmp_path / "bot.db"), "--config",
                           str(config)], cwd=REPO, env=_env(f"postgresql://postgres@127.0.0.1:{port}/briefbot"),
                          capture_output=True, text=True, timeout=60)
    took = time.monotonic() - started
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    retries = [line for line in done.stderr.splitlines() if "retrying in" in line]
    assert len(retries) >= 2 and all(f"cannot reach PostgreSQL briefbot at 127.0.0.1:{port}" in line
                                     for line in retries), done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(f"worker not started: cannot reach PostgreSQL briefbot at 127.0.0.1:{port} "
                           "(tried for 3 s): "), last
    assert 3 <= took < 20
    assert not (tmp_path / "bot.db").exists()  # nothing was created for a worker that never started


def test_a_lost_connection_is_a_line_and_a_reconnect_and_the_worker_goes_on(tmp_path, postgres_url, corpus):
    import psycopg

    articles_file, total = corpus
    db = tmp_path / "bot.db"
    open_store(db).close()
    config = tmp_path / "w.toml"
    config.write_text("[workers]\ningest_batch = 30\npoll_seconds = 0.1\n")
    env, log = _env(postgres_url), tmp_path / "w.log"
    worker = _bot("worker", "--db", str(db), "--config", str(config), env=env, log=log)
    queue = open_queue(postgres_url)
    try:
        assert _wait(lambda: log.exists() and b"taking jobs" in log.read_bytes(), 60, poll=0.05), log.read_text()
        with psycopg.connect(postgres_url, autocommit=True) as conn:  # the server drops the worker's session
            killed = conn.execute("select count(pg_terminate_backend(pid)) from pg_stat_activity where "
                                  "datname = current_database() and pid <> pg_backend_pid()").fetchone()[0]
        queue.reconnect()  # ours went too
        assert killed >= 1
        _, jobs, _ = queue_files(queue, [str(articles_file)], 30)
        assert _wait(lambda: queue.counts().done == jobs, 120, poll=0.2), (queue.counts(), log.read_text()[-2000:])
    finally:
        worker.send_signal(signal.SIGTERM)
        code = worker.wait(30)
        queue.close()
    text = log.read_text()
    assert code == 0
    assert "job queue: lost PostgreSQL" in text and "job queue reachable again" in text, text[-2000:]
    assert "Traceback" not in text
    assert len(_articles(db)) == total
