"""`python -m bench.workers`: the job queue and ingest with 1, 2 and 4 `python -m bot worker` processes.

Two figures, each the median over --rounds rounds, on a real PostgreSQL (--pg URL, or a
throw-away server started from Debian's binaries as the tests do):

* **queue**: claim + finish of no-op jobs by N processes at once (connected first, released
  together): what the queue itself costs per job, FOR UPDATE SKIP LOCKED under contention.
* **ingest**: the seeds and the IndoSum dev.01 fold (755 real articles) queued with
  `python -m bot ingest --queue` (batches of workers.ingest_batch), then N cold
  `python -m bot worker --once` processes started together until the queue is empty: wall
  time from their start to the last exit, imports included. Beside it in the same round,
  the single process `python -m bot ingest --workers 1` on the same file (the baseline).
  The store is a fresh one each run: an SQLite file (--store sqlite, the default) or a new
  database on the queue's server (--store postgresql, once the PostgreSQL store exists);
  the queue is on PostgreSQL either way.

It prints a Markdown table; docs/scaling.md holds the figures of a run and says on what machine.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INDOSUM = Path(os.environ.get("BRIEFBOT_BENCH_INDOSUM") or ROOT.parent / "shared" / "data" / "indosum" / "dev.01.jsonl")
NOOP = "bench-noop"


def _drain(url: str, name: str, ready, out) -> None:
    from bot.coordination.jobs import open_queue

    queue = open_queue(url)
    ready.wait(60)
    done = 0
    while (job := queue.claim([NOOP], name, timeout=60, max_attempts=1)) is not None:
        queue.finish(job, name, ok=True)
        done += 1
    queue.close()
    out.put(done)


def queue_round(url: str, workers: int, jobs: int) -> float:
    """Jobs per second of `workers` processes draining `jobs` no-op jobs."""
    from bot.coordination.jobs import open_queue

    queue = open_queue(url)
    queue.purge(older_than=0)
    queue.enqueue_many(NOOP, ({"n": n} for n in range(jobs)))
    context = multiprocessing.get_context("spawn")
    ready, out = context.Barrier(workers + 1), context.Queue()
    procs = [context.Process(target=_drain, args=(url, f"b{i}", ready, out)) for i in range(workers)]
    for proc in procs:
        proc.start()
    ready.wait(60)
    started = time.perf_counter()
    total = sum(out.get(timeout=600) for _ in procs)
    wall = time.perf_counter() - started
    for proc in procs:
        proc.join(30)
    assert total == jobs, (total, jobs)
    queue.purge(older_than=0)
    queue.close()
    return jobs / wall


def _env(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "TELEGRAM_", "SLACK_"))}
    env["BRIEFBOT_COORDINATION_DB"] = url
    return env


def _fresh_store(store: str, work: Path, queue_url: str) -> str:
    """A new, empty store for one run: an SQLite file, or a new database on the queue's PostgreSQL server."""
    if store != "postgresql":
        return str(Path(tempfile.mkdtemp(dir=work)) / "bench.db")
    import uuid

    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    name = f"bench_store_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(queue_url, autocommit=True) as conn:
        conn.execute(f'create database "{name}"')
    parts = conninfo_to_dict(queue_url)
    return f"postgresql://{parts.get('user', 'postgres')}@{parts.get('host', '127.0.0.1')}:{parts.get('port', 5432)}/{name}"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ingest_round(url: str, store: str, source: Path, workers: int, work: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the workers, articles) of `workers` cold worker processes ingesting
    the queued file."""
    from bot.coordination.jobs import open_queue
    from bot.store import open_store

    db = _fresh_store(store, work, url)
    open_store(db).close()  # created (and migrated) before the workers start, as `run` would have
    env = _env(url)
    queue = open_queue(url)
    queue.purge(older_than=0)
    subprocess.run([sys.executable, "-m", "bot", "ingest", "--queue", "--db", db, str(source)], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    cpu0, started = _children_cpu(), time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-m", "bot", "worker", "--once", "--db", db], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
    codes = [proc.wait() for proc in procs]
    wall, cpu = time.perf_counter() - started, _children_cpu() - cpu0
    counts = queue.counts()
    queue.close()
    assert codes == [0] * workers and counts.queued == counts.running == counts.failed == 0, (codes, counts)
    conn = open_store(db)
    articles = conn.article_count()
    conn.close()
    return wall, cpu, articles


def baseline_round(store: str, source: Path, work: Path, url: str) -> tuple[float, float]:
    db = _fresh_store(store, work, url)
    cpu0, started = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-m", "bot", "ingest", "--workers", "1", "--db", db, str(source)], cwd=ROOT,
                   env=_env(""), check=True, capture_output=True)
    return time.perf_counter() - started, _children_cpu() - cpu0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.workers", description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg", help="a PostgreSQL URL for the queue (default: a throw-away server)")
    parser.add_argument("--store", choices=("sqlite", "postgresql"), default="sqlite",
                        help="the store of each run: a fresh SQLite file, or a fresh database on the queue's server")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=3000, help="no-op jobs a queue round")
    parser.add_argument("--workers", default="1,2,4")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.workers.split(",")]
    server = None
    url = args.pg
    if url is None:
        sys.path.insert(0, str(ROOT))
        from tests.postgres_server import start_server

        server = start_server()
        url = server.create_database("bench")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            from bench.ingest import write_real_articles

            source = work / "articles.jsonl"
            total = write_real_articles(INDOSUM, ROOT / "seeds", source)
            queue_rates = {n: [] for n in counts}
            ingest_walls = {n: [] for n in counts}
            ingest_cpu = {n: [] for n in counts}
            baseline, baseline_cpu, stored = [], [], set()
            for round_no in range(args.rounds):
                for n in counts:
                    queue_rates[n].append(queue_round(url, n, args.jobs))
                wall, cpu = baseline_round(args.store, source, work, url)
                baseline.append(wall)
                baseline_cpu.append(cpu)
                for n in counts:
                    wall, cpu, articles = ingest_round(url, args.store, source, n, work)
                    ingest_walls[n].append(wall)
                    ingest_cpu[n].append(cpu)
                    stored.add(articles)
                print(f"round {round_no + 1}: queue {[round(queue_rates[n][-1]) for n in counts]} jobs/s; ingest "
                      f"{[round(ingest_walls[n][-1], 1) for n in counts]} s; baseline {baseline[-1]:.1f} s",
                      file=sys.stderr, flush=True)
        base = statistics.median(baseline)
        print(f"store: {args.store}; {total} articles queued; stored per run: {sorted(stored)}; cores: {os.cpu_count()}; "
              f"load average at the end: {os.getloadavg()[0]:.1f}; rounds: {args.rounds} (medians)\n")
        print("| workers | queue, no-op jobs/s | ingest wall, s | ingest articles/s | wall vs. 1 process | "
              "CPU ms/article |")
        print("|---|---|---|---|---|---|")
        print(f"| baseline: `ingest --workers 1` (one process, no queue) | - | {base:.1f} | {total / base:.0f} | 1.00 | "
              f"{statistics.median(baseline_cpu) / total * 1000:.0f} |")
        for n in counts:
            wall = statistics.median(ingest_walls[n])
            print(f"| {n} | {statistics.median(queue_rates[n]):.0f} | {wall:.1f} | {total / wall:.0f} | "
                  f"{base / wall:.2f} | {statistics.median(ingest_cpu[n]) / total * 1000:.0f} |")
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
