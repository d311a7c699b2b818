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
from bot.i18n import english

log = logging.getLogger(__name__)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def _open(config: str | None, db: str | None, failed: str) -> tuple[Settings, JobQueue] | int:
    """The settings and the queue, or the exit code after one line saying why not (`failed` leads it)."""
    try:
        settings = load_settings(config, db_path=db)
        return settings, open_queue(coordination_target(settings), 
                                  connect_seconds=settings.bot.db_connect_retry_seconds)
    except ConfigError as exc:
        return _fail(f"config error: {exc}")
    except CoordinationUnavailable as exc:
        return _fail(f"{failed}: {exc}")


def worker(config: str | None, db: str | None, once: bool = False) -> int:
    """Run one worker until SIGTERM/SIGINT (or, with `once`, until no job is ready)."""
    from bot.app import BotApp
    from bot.coordination.worker import Worker
    from bot.store import StoreError

    opened = _open(config, db, "worker not started")
    if isinstance(opened, int):
        return opened
    settings, queue = opened
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
        log.info("%s", english("worker {name} stopped: {done} {done:job|jobs} done, {failed} failed",
                               name=job_worker.name, done=job_worker.done, failed=job_worker.failed))
        app.close()
        queue.close()
    return 0


def queue_ingest(config: str | None, db: str | None, paths: Sequence[str]) -> int:
    """Queue the articles of `paths` for the workers; one line says how many."""
    from bot.coordination.worker import queue_files

    opened = _open(config, db, "nothing queued")
    if isinstance(opened, int):
        return opened
    settings, queue = opened
    try:
        articles, jobs, report = queue_files(queue, paths, settings.workers.ingest_batch)
    except CoordinationUnavailable as exc:
        return _fail(f"nothing queued: {exc}")
    finally:
        queue.close()
    for where, why in report.errors:
        print(f"{where}: {why}", file=sys.stderr)
    print(english("queued {articles} {articles:article|articles} in {jobs} {jobs:job|jobs} for the workers",
                  articles=articles, jobs=jobs))
    return 1 if report.errors and not articles else 0
