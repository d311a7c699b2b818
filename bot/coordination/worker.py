"""`python -m bot worker`: take source refreshes and ingest batches from the job queue, one at a time.

Several workers share one queue (bot/coordination/jobs.py) and one store; each job goes to one
of them. The scheduling `run` process queues due sources when workers.refresh_by = "workers";
`python -m bot ingest --queue FILES` queues articles in batches of workers.ingest_batch.

A worker never dies of a job: an exception fails the job (retried while attempts are left).
It never dies of the queue's database either: a lost connection is one line, then reconnects
with backoff (the job in hand is finished once it is back, or, if its claim ran out meanwhile,
done again by whoever took it: jobs are idempotent). SIGTERM lets the job in hand finish.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import asdict
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Iterable

from bot.coordination.connect import CoordinationUnavailable
from bot.coordination.jobs import INGEST, REFRESH, Job, JobQueue, worker_id
from bot.ingest import ArticleIn, IngestReport, ingest_many, read_articles
from bot.sources import REFRESH_JOB_ID, due_sources, refresh_source
from bot.i18n import english

if TYPE_CHECKING:
    from bot.context import Context

log = logging.getLogger(__name__)
KINDS = (REFRESH, INGEST)
MAX_RECONNECT_WAIT = 30.0  # seconds between two reconnection tries, at most
PURGE_EVERY = 3600.0  # seconds between two purges of finished jobs by one worker
JobResult = tuple[bool, str]  # (done, what happened / why it failed)


def refresh_key(source_id: int) -> str:
    """At most one open refresh job per source."""
    return f"refresh:{source_id}"


# ---- producers -----------------------------------------------------------------------------
def queue_due_sources(ctx: "Context", queue: JobQueue) -> int:
    """Queue a refresh of every due source not already queued or running; returns how many were added."""
    added = 0
    for source_id in due_sources(ctx):
        if queue.enqueue(REFRESH, {"source_id": source_id}, key=refresh_key(source_id)) is not None:
            added += 1
    return added


def schedule_queued_refresh(ctx: "Context", scheduler: Any, queue: JobQueue | None = None) -> Any:
    """The periodic refresh of the scheduling `run` process when workers fetch: queue, don't fetch."""
    from bot.coordination.connect import coordination_target
    from bot.coordination.jobs import open_queue

    minutes = float(ctx.settings.sources.refresh_minutes)
    holder: dict[str, JobQueue] = {} if queue is None else {"queue": queue}

    def queue_job() -> None:  # APScheduler runs a plain function in its thread pool
        try:
            if "queue" not in holder:
                holder["queue"] = open_queue(coordination_target(ctx.settings))
            added = queue_due_sources(ctx, holder["queue"])
        except CoordinationUnavailable as exc:
            log.warning("sources not queued for the workers: %s (next try in %g min)", exc, minutes)
            holder.pop("queue", None)
            return
        if added:
            log.info("%s", english("queued {added} source {added:refresh|refreshes} for the workers", added=added))

    return scheduler.add_job(
        queue_job, "interval", minutes=min(minutes, 1.0), id=REFRESH_JOB_ID, name="queue due sources",
        replace_existing=True, max_instances=1, coalesce=True,
        next_run_time=datetime.now(timezone.utc) + timedelta(seconds=5))


def queue_files(queue: JobQueue, paths: Iterable[str], batch: int) -> tuple[int, int, IngestReport]:
    """Queue the articles of these files as ingest jobs of `batch` articles; (articles, jobs, report)."""
    report = IngestReport()
    payloads, chunk, articles = [], [], 0
    for article in read_articles(paths, report):
        chunk.append(asdict(article))
        articles += 1
        if len(chunk) >= batch:
            payloads.append({"articles": chunk})
            chunk = []
    if chunk:
        payloads.append({"articles": chunk})
    return articles, queue.enqueue_many(INGEST, payloads), report


# ---- the worker ------------------------------------------------------------------------------
class Worker:
    """Claims and runs jobs until stopped; `run_one` is one job's work."""

    def __init__(self, ctx: "Context", queue: JobQueue, kinds: Iterable[str] = KINDS, name: str | None = None) -> None:
        self.ctx, self.queue, self.kinds = ctx, queue, tuple(kinds)
        self.name = name or worker_id()
        self.settings = ctx.settings.workers
        self.done = self.failed = 0

    def run(self, stop: threading.Event, once: bool = False) -> None:
        """Work until `stop` is set; with `once`, until the queue has nothing ready either."""
        idle = self.settings.poll_seconds
        unfinished: tuple[Job, JobResult] | None = None
        outage = 0.0  # seconds waited before the current reconnection try; 0: connected
        last_purge = 0.0
        while not stop.is_set():
            try:
                if outage:
                    self.queue.reconnect()
                    log.info("job queue reachable again: going on")
                    outage = 0.0
                if unfinished is not None:
                    self._finish(*unfinished)
                    unfinished = None
                if time.monotonic() - last_purge > PURGE_EVERY:
                    self.queue.purge()
                    last_purge = time.monotonic()
                job = self.queue.claim(self.kinds, self.name, self.settings.job_timeout_seconds,
                                       self.settings.max_attempts)
                if job is None:
                    if once:
                        return
                    stop.wait(idle)
                    continue
                unfinished = (job, self.run_one(job))
                self._finish(*unfinished)
                unfinished = None
            except CoordinationUnavailable as exc:
                outage = min(max(outage * 2, 0.5), MAX_RECONNECT_WAIT)
                log.warning("job queue: %s; reconnecting in %.1f s", exc, outage)
                stop.wait(outage)

    def _finish(self, job: Job, result: JobResult) -> None:
        ok, note = result
        kept = self.queue.finish(job, self.name, ok, None if ok else note,
                                 retry_after=self.settings.poll_seconds * 10, max_attempts=self.settings.max_attempts)
        if not kept:
            log.warning("job %d (%s): its claim ran out before it finished; another worker has it", job.id, job.kind)
            return
        if ok:
            self.done += 1
        else:
            self.failed += 1
        log.log(logging.INFO if ok else logging.WARNING, "job %d %s (attempt %d): %s", job.id, job.kind,
                job.attempt, note)

    def run_one(self, job: Job) -> JobResult:
        """Do one job; never raises (a failure is the job's outcome)."""
        try:
            if job.kind == REFRESH:
                return self._refresh(int(job.payload["source_id"]))
            if job.kind == INGEST:
                return self._ingest(job.payload["articles"])
            return False, f"unknown job kind {job.kind!r}"
        except Exception as exc:  # one bad job must not take the worker down
            log.exception("job %d (%s) failed", job.id, job.kind)
            return False, f"{type(exc).__name__}: {exc}"

    def _refresh(self, source_id: int) -> JobResult:
        from bot.detection import SourceError

        try:
            run = refresh_source(self.ctx, source_id)
        except SourceError as exc:  # removed since it was queued: nothing to do
            return True, f"source {source_id}: {exc.code}"
        if run.error is not None and run.error.code == "busy":
            return False, f"source {source_id} is being refreshed by this process already"
        # A fetch that failed is recorded on the source (with its backoff): the job itself is done.
        outcome = f"error {run.error.code}" if run.error else f"{run.added} added, {run.duplicates} known"
        return True, f"source {source_id} ({run.name}): {outcome}"

    def _ingest(self, articles: list[dict[str, Any]]) -> JobResult:
        deadline = time.monotonic() + self.settings.job_timeout_seconds * 0.9  # finish before the claim runs out
        items = [ArticleIn(**article) for article in articles]
        added = known = seen = 0
        for _, outcome in ingest_many(self.ctx.store, items, workers=1, deadline=deadline):
            seen += 1
            added += outcome.added
            known += outcome.reason.startswith("duplicate")
        if seen < len(items):  # the deadline came: what was stored stays, the next attempt skips it as known
            return False, english("{left} of {count} {count:article|articles} left over at the deadline ({added} added)",
                                  left=len(items) - seen, count=len(items), added=added)
        return True, english("{count} {count:article|articles}: {added} added, {known} known, {empty} empty",
                             count=len(items), added=added, known=known, empty=seen - added - known)
