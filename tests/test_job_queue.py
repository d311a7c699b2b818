"""The job queue of `python -m bot worker` (bot/coordination/jobs.py) on a real PostgreSQL and on SQLite.

Several processes claim from one queue at once: every job is done exactly once (FOR UPDATE SKIP
LOCKED on PostgreSQL, BEGIN IMMEDIATE on SQLite). A job whose worker died goes to another after
its timeout, and the dead worker's late outcome is refused (the claim fences it).
"""
from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from pathlib import Path

import pytest

from bot.coordination.jobs import open_queue

JOBS = 300
KIND = "count"  # a kind no worker runs: these tests drive claim/finish themselves


@pytest.fixture(params=["postgresql", "sqlite"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        return request.getfixturevalue("postgres_url")
    return str(tmp_path / "queue.db")


def _claim_all(target: str, name: str, ready, out) -> None:
    """One worker process: claim and finish until the queue is empty; report the ids it took."""
    queue = open_queue(target)
    ready.wait(60)  # every process connected: they all start claiming together
    taken = []
    while True:
        job = queue.claim([KIND], name, timeout=60, max_attempts=3)
        if job is None:
            break
        taken.append(job.payload["n"])
        time.sleep(0.002)  # the job's work: the lock is free meanwhile (SQLite's busy wait is not fair)
        assert queue.finish(job, name, ok=True)
    queue.close()
    out.put((name, taken))


@pytest.mark.parametrize("processes", [2, 4])
def test_processes_claiming_at_once_never_take_the_same_job(target, processes):
    queue = open_queue(target)
    assert queue.enqueue_many(KIND, ({"n": n} for n in range(JOBS))) == JOBS
    context = multiprocessing.get_context("spawn")
    out, ready = context.Queue(), context.Barrier(processes)
    workers = [context.Process(target=_claim_all, args=(target, f"w{i}", ready, out)) for i in range(processes)]
    for worker in workers:
        worker.start()
    results = dict(out.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(30)
        assert worker.exitcode == 0
    taken = Counter(n for numbers in results.values() for n in numbers)
    assert sorted(taken) == list(range(JOBS))  # every job was taken ...
    assert max(taken.values()) == 1  # ... by exactly one worker, once
    assert sum(1 for numbers in results.values() if numbers) >= 2, {k: len(v) for k, v in results.items()}
    counts = queue.counts()
    assert (counts.done, counts.queued, counts.running, counts.failed) == (JOBS, 0, 0, 0)
    queue.close()


def test_a_job_whose_worker_died_goes_to_another_and_the_late_outcome_is_refused(target):
    queue = open_queue(target)
    queue.enqueue(KIND, {"n": 1})
    first = queue.claim([KIND], "dead", timeout=0.3, max_attempts=3)
    assert first is not None and first.attempt == 1
    assert queue.claim([KIND], "other", timeout=60, max_attempts=3) is None  # still claimed
    time.sleep(0.5)  # "dead" never finishes: its claim runs out
    second = queue.claim([KIND], "other", timeout=60, max_attempts=3)
    assert second is not None and second.id == first.id and second.attempt == 2
    assert not queue.finish(first, "dead", ok=True)  # the first claim is gone: its outcome is not recorded
    assert queue.finish(second, "other", ok=True)
    assert queue.counts().done == 1
    queue.close()


def test_a_job_that_kills_every_worker_fails_after_max_attempts(target):
    queue = open_queue(target)
    queue.enqueue(KIND, {"n": 1})
    for attempt in (1, 2):
        job = queue.claim([KIND], f"w{attempt}", timeout=0.1, max_attempts=2)
        assert job is not None and job.attempt == attempt
        time.sleep(0.2)
    assert queue.claim([KIND], "w3", timeout=0.1, max_attempts=2) is None  # given up, not handed out a third time
    counts = queue.counts()
    assert (counts.failed, counts.queued, counts.running) == (1, 0, 0)
    queue.close()


def test_a_failed_job_is_retried_until_its_attempts_are_spent(target):
    queue = open_queue(target)
    queue.enqueue(KIND, {"n": 1})
    outcomes = []
    while (job := queue.claim([KIND], "w", timeout=60, max_attempts=3)) is not None:
        outcomes.append(job.attempt)
        assert queue.finish(job, "w", ok=False, error="feed down", retry_after=0, max_attempts=3)
    assert outcomes == [1, 2, 3]
    assert queue.counts().failed == 1
    queue.close()


def test_an_open_key_is_queued_once_and_again_once_done(target):
    queue = open_queue(target)
    first = queue.enqueue("refresh", {"source_id": 7}, key="refresh:7")
    assert first is not None
    assert queue.enqueue("refresh", {"source_id": 7}, key="refresh:7") is None  # queued already
    job = queue.claim(["refresh"], "w", timeout=60, max_attempts=3)
    assert queue.enqueue("refresh", {"source_id": 7}, key="refresh:7") is None  # running
    assert queue.enqueue("refresh", {"source_id": 8}, key="refresh:8") is not None  # another source
    queue.finish(job, "w", ok=True)
    assert queue.enqueue("refresh", {"source_id": 7}, key="refresh:7") is not None  # done: due again later
    queue.close()


def test_a_delayed_job_waits_and_only_claimed_kinds_are_taken(target):
    queue = open_queue(target)
    queue.enqueue(KIND, {"n": 1}, delay=0.4)
    queue.enqueue("other", {"n": 2})
    assert queue.claim([KIND], "w", timeout=60, max_attempts=3) is None
    time.sleep(0.5)
    job = queue.claim([KIND], "w", timeout=60, max_attempts=3)
    assert job is not None and job.payload == {"n": 1}
    assert queue.claim([KIND], "w", timeout=60, max_attempts=3) is None  # "other" is not ours
    queue.close()


def test_finished_jobs_are_purged_open_ones_kept(target):
    queue = open_queue(target)
    queue.enqueue_many(KIND, [{"n": 1}, {"n": 2}])
    job = queue.claim([KIND], "w", timeout=60, max_attempts=3)
    queue.finish(job, "w", ok=True)
    assert queue.purge(older_than=0) == 1
    counts = queue.counts()
    assert (counts.done, counts.queued) == (0, 1)
    queue.close()


def test_the_queue_refuses_an_in_memory_database():
    from bot.coordination.connect import CoordinationUnavailable

    with pytest.raises(CoordinationUnavailable, match=":memory:"):
        open_queue(":memory:")

