"""The start-up of `python -m bot worker` and `python -m bot ingest --queue`: the queue first
(retried while PostgreSQL comes up), then the store. Every failure is one line and an exit code."""
from __future__ import annotations

import logging
import signal
import sqlite3
import sys
import threading
from typing import Sequence

from bot.coordination.connect import CoordinationUnavailable, coordination_target, describe
from bot.coordination.jobs import JobQueue, open_queue
from bot.settings import ConfigError, Settings, load_settings

log = logging.getLogger(__name__)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def _open(config: str | None, db: str | None) -> tuple[Settings, JobQueue]:
    settings = load_settings(config, db_path=db)
    target = coordination_target(settings)
    return settings, open_queue(target, connect_seconds=settings.workers.connect_seconds)


def worker(config: str | None, db: str | None, once: bool = False) -> int:
    """Run one worker until SIGTERM/SIGINT (or, with `once`, until no job is ready)."""
    from bot.app import BotApp
    from bot.coordination.worker import Worker
    from bot.store import StoreError

    try:
        settings, queue = _open(config, db)
    except ConfigError as exc:
        return _fail(f"config error: {exc}")
    except CoordinationUnavailable as exc:
        return _fail(f"worker not started: {exc}")
    try:
        app = BotApp(settings)
    except (StoreError, OSError, sqlite3.Error) as exc:
        queue.close()
        return _fail(f"cannot open the database: {exc}")
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    job_worker = Worker(app.context, queue)
    log.info("worker %s taking jobs from %s", job_worker.name, describe(queue.target))
    try:
        job_worker.run(stop, once=once)
    finally:
        log.info("worker %s stopped: %d job(s) done, %d failed", job_worker.name, job_worker.done, job_worker.failed)
        app.close()
        queue.close()
    return 0


def queue_ingest(config: str | None, db: str | None, paths: Sequence[str]) -> int:
    """Queue the articles of `paths` for the workers; one line says how many."""
    from bot.coordination.worker import queue_files

    try:
        settings, queue = _open(config, db)
    except ConfigError as exc:
        return _fail(f"config error: {exc}")
    except CoordinationUnavailable as exc:
        return _fail(f"nothing queued: {exc}")
    try:
        articles, jobs, report = queue_files(queue, paths, settings.workers.ingest_batch)
    except CoordinationUnavailable as exc:
        return _fail(f"nothing queued: {exc}")
    finally:
        queue.close()
    for where, why in report.errors:
        print(f"{where}: {why}", file=sys.stderr)
    print(f"queued {articles} article(s) in {jobs} job(s) for the workers")
    return 1 if report.errors and not articles else 0
