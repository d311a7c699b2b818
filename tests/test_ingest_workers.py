"""Bulk ingest: analysis in worker processes, one writer, batched commits; the same rows as one process."""
from __future__ import annotations

import json
import sqlite3

import pytest

from bot.ingest import ArticleIn, count_articles, ingest_many, ingest_paths
from bot.store.sqlite import SQLiteStore
from evaluation import indosum
from tests.conftest import SEEDS, require_indosum
from tests.test_cli import run

TABLES = ("articles", "sentences", "claims", "entities", "article_buckets", "article_shingles")


def _fold_jsonl(path, count):
    """`count` IndoSum articles and one repeated, as a .jsonl file like an export from a feed reader."""
    records = list(indosum.load(require_indosum()))[:count]
    lines = [json.dumps({"text": indosum.article_text(r), "url": f"https://example.org/{r['id']}"}) for r in records]
    lines.append(json.dumps({"text": indosum.article_text(records[3]), "url": "https://other.example/copy"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rows(db_path):
    conn = sqlite3.connect(db_path)
    found = {}
    for table in TABLES:
        columns = [r[1] for r in conn.execute(f"pragma table_info({table})") if r[1] != "ingested_at"]
        found[table] = conn.execute(f"select {', '.join(columns)} from {table} order by 1, 2").fetchall()
    conn.close()
    return found


class _Counter:
    """A bot.progress Tracker that only counts."""

    def __init__(self) -> None:
        self.done = 0

    def advance(self, n: int = 1) -> None:
        self.done += n

    def note(self, text: str) -> None:
        pass


def test_two_workers_store_exactly_what_one_process_stores(tmp_path):
    source = _fold_jsonl(tmp_path / "fold.jsonl", 40)
    reports, seen = {}, {}
    for workers in (1, 2):
        store = SQLiteStore(tmp_path / f"w{workers}.db")
        tracker = _Counter()
        reports[workers] = ingest_paths(store, [SEEDS, source], workers=workers, tracker=tracker)
        seen[workers] = tracker.done
        store.close()
    for report in reports.values():
        assert (report.added, report.duplicates, report.errors) == (45, 1, [])
    # the progress bar hears of every article, stored or not, and reaches the total it was given
    assert seen[1] == seen[2] == count_articles([SEEDS, source]) == 46
    one, two = _rows(tmp_path / "w1.db"), _rows(tmp_path / "w2.db")
    assert len(one["sentences"]) > 500
    for table in TABLES:
        assert one[table] == two[table], table


def test_known_articles_are_skipped_before_analysis_and_reported_in_order(tmp_path):
    store = SQLiteStore(tmp_path / "a.db")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    ingest_paths(store, [SEEDS])
    stream = [ArticleIn(texts[0]), ArticleIn("  "), ArticleIn(texts[1] + "\n\n")]
    outcomes = [outcome for _article, outcome in ingest_many(store, stream, workers=2)]
    assert [o.reason for o in outcomes] == ["duplicate content", "empty", "duplicate content"]
    assert store.article_count() == 5


def test_analysis_failure_keeps_the_articles_analysed_before_it(tmp_path, monkeypatch):
    import bot.ingest as ingest

    store = SQLiteStore(tmp_path / "a.db")
    real = ingest.analyze_article

    def failing(text, **kwargs):
        if "BOOM" in text:
            raise RuntimeError("analysis failed")
        return real(text, **kwargs)

    monkeypatch.setattr(ingest, "analyze_article", failing)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    stream = [ArticleIn(texts[0]), ArticleIn(texts[1]), ArticleIn("BOOM " + texts[2])]
    with pytest.raises(RuntimeError):
        list(ingest_many(store, stream, workers=1))
    assert store.article_count() == 2


def test_cli_workers_option(tmp_path):
    source = _fold_jsonl(tmp_path / "fold.jsonl", 12)
    result = run("ingest", "--workers", "2", str(source), db=tmp_path / "i.db")
    assert result.returncode == 0 and "added 12 articles, 1 duplicate skipped" in result.stdout
    # Run again: the workers had these articles before the store was open (it opens while they
    # analyse), so only the writer's check in its transaction can see they are known: it does.
    again = run("ingest", "--workers", "2", str(source), db=tmp_path / "i.db")
    assert again.returncode == 0 and "added 0 articles, 13 duplicates skipped" in again.stdout, again.stdout
    assert _stored(tmp_path / "i.db") == 12
    refused = run("ingest", "--workers", "0", str(source), db=tmp_path / "i.db")
    assert refused.returncode == 2 and "at least 1" in refused.stderr and "Traceback" not in refused.stderr


@pytest.mark.parametrize("workers", ["1", "2"])
def test_cli_ingest_into_a_database_that_cannot_be_opened_is_one_line(tmp_path, workers):
    # With two workers the store opens after they were forked: its error is the same one line, and
    # the workers are stopped with it.
    source = _fold_jsonl(tmp_path / "fold.jsonl", 80)
    where = tmp_path / "a-directory"
    where.mkdir()
    result = run("ingest", "--workers", workers, str(source), db=where)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("cannot open the database: ") and str(where) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "added" not in result.stdout


def test_cli_workers_default_to_the_cores_the_process_may_use(tmp_path):
    import os
    import subprocess
    import sys

    def ingest_help(cores: set[int]) -> str:
        return subprocess.run([sys.executable, "-m", "bot", "ingest", "--help"], capture_output=True, text=True,
                              timeout=60, cwd=SEEDS.parent, preexec_fn=lambda: os.sched_setaffinity(0, cores)).stdout

    assert "default: the cores this process may use, 1 here" in " ".join(ingest_help({0}).split())
    every = os.sched_getaffinity(0)
    assert f"may use, {min(8, len(every))} here" in " ".join(ingest_help(every).split())
    source = _fold_jsonl(tmp_path / "fold.jsonl", 6)
    result = run("ingest", str(source), db=tmp_path / "d.db")  # the default, whatever it is here, ingests
    assert result.returncode == 0 and "added 6 articles, 1 duplicate skipped" in result.stdout


def _slow_analysis(monkeypatch, seconds: float) -> None:
    """Real analysis that takes at least `seconds` an article (forked workers inherit the patch)."""
    import time

    import bot.ingest as ingest

    real = ingest.analyze_article

    def slow(text, **kwargs):
        time.sleep(seconds)
        return real(text, **kwargs)

    monkeypatch.setattr(ingest, "analyze_article", slow)


@pytest.mark.parametrize("workers", [1, 2])
def test_the_deadline_holds_during_analysis(tmp_path, monkeypatch, workers):
    import multiprocessing
    import time

    # At least 0.1 s an article: in this process, and in forked workers (a process with threads
    # starts them from a fork server instead, where analysis runs at its own speed, 5-15 ms: so
    # 600 articles, more than a worker at full speed analyses before the deadline).
    _slow_analysis(monkeypatch, 0.1)
    records = list(indosum.load(require_indosum()))[:600]
    stream = [ArticleIn(indosum.article_text(r), url=f"https://example.org/{r['id']}") for r in records]
    store = SQLiteStore(tmp_path / "d.db")
    started = time.monotonic()
    done = list(ingest_many(store, stream, workers=workers, deadline=started + 0.8))
    spent = time.monotonic() - started
    # 600 articles take at least 1.5 s in a worker at full speed (a minute at the patched pace): the
    # stream stops at the deadline, and the workers with it, however far ahead of the writer they had read
    assert spent < 0.8 + 0.6, spent
    assert len(done) < len(stream)
    if workers == 1:
        assert len(done) > 0
    assert store.article_count() == sum(outcome.added for _article, outcome in done) == len(done)
    assert not multiprocessing.active_children()


def test_a_deadline_already_past_stores_nothing(tmp_path):
    import time

    records = list(indosum.load(require_indosum()))[:12]
    stream = [ArticleIn(indosum.article_text(r)) for r in records]
    store = SQLiteStore(tmp_path / "p.db")
    assert list(ingest_many(store, stream, workers=2, deadline=time.monotonic() - 1)) == []
    assert store.article_count() == 0


# Run in a new process: the calling process helps only when it has no other thread (it forks then),
# and a pytest process may hold threads that earlier tests left.
_POOL_SCRIPT = """
import json, os, sys, time
from bot.analysis_pool import AnalysisPool

ME, FAIL_IN, FAIL_FROM, PACE = os.getpid(), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
DEADLINE = time.monotonic() + float(sys.argv[5]) if sys.argv[5] != "none" else None
PACE_IN_WORKER = float(sys.argv[6])


def analyse(item):
    here = os.getpid() == ME
    time.sleep(PACE if here else PACE_IN_WORKER)  # long enough for the worker to be busy when the caller looks
    if item >= FAIL_FROM and FAIL_IN == "die" and not here:
        os._exit(3)  # killed mid-article, as by the kernel's out-of-memory killer
    if item >= FAIL_FROM and FAIL_IN == ("here" if here else "worker"):
        raise ValueError(str(item))
    return item, os.getpid()


from bot.analysis_pool import WorkerDied
seen, pids, failed, here, died = [], set(), None, 0, None
try:
    with AnalysisPool(int(sys.argv[1]), DEADLINE) as pool:
        for item, pid in pool.map(analyse, range(300)):
            seen.append(item)
            pids.add(pid)
            here += pid == ME
except ValueError as error:
    failed = int(str(error))
except WorkerDied as error:
    died = str(error)
import multiprocessing
print(json.dumps({"me": ME, "seen": seen, "pids": sorted(pids), "failed": failed, "here": here, "died": died,
                  "over": None if DEADLINE is None else time.monotonic() - DEADLINE,
                  "children": len(multiprocessing.active_children())}))
"""


_STARTED_SCRIPT = """
import json, os, time
from bot.analysis_pool import AnalysisPool

ME, opened = os.getpid(), []


def analyse(item):
    time.sleep(0.004)
    return item, os.getpid(), time.monotonic()


def started():  # as a writer opening its store: 0.3 s in which it analyses nothing
    opened.append(time.monotonic())
    time.sleep(0.3)
    opened.append(time.monotonic())


with AnalysisPool(2) as pool:
    done = list(pool.map(analyse, range(200), started))
during = [item for item, pid, at in done if pid != ME and opened[0] < at < opened[1]]
print(json.dumps({"seen": [item for item, _, _ in done], "calls": len(opened), "during": len(during),
                  "here": sum(pid == ME for _, pid, _ in done)}))
"""


def test_the_workers_analyse_while_the_writer_does_its_start():
    # `started` runs once the worker has work (ingest: the store opens meanwhile), once, and the
    # results still come in order, the writer analysing its share after it.
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _STARTED_SCRIPT], capture_output=True, text=True, timeout=120,
                          cwd=SEEDS.parent)
    assert done.returncode == 0, done.stderr
    run = json.loads(done.stdout)
    assert run["seen"] == list(range(200)) and run["calls"] == 2
    assert run["during"] >= 20, run  # 0.3 s at 4 ms an item: the worker was busy, not waiting for the writer
    assert run["here"] > 0


def _pool_run(workers: int, fail_in: str = "nowhere", fail_from: int = 0, pace: float = 0.002,
              deadline: float | None = None, pace_in_worker: float | None = None) -> dict:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _POOL_SCRIPT, str(workers), fail_in, str(fail_from), str(pace),
                           "none" if deadline is None else str(deadline),
                           str(pace if pace_in_worker is None else pace_in_worker)],
                          capture_output=True, text=True, timeout=120, cwd=SEEDS.parent)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_with_two_workers_the_writer_analyses_beside_one_worker_in_order():
    run = _pool_run(2)
    assert run["seen"] == list(range(300))  # in input order, whoever analysed each
    # two processes analyse: the writer itself and one forked worker (not two workers and an idle writer)
    assert len(run["pids"]) == 2 and run["me"] in run["pids"]


@pytest.mark.parametrize("fail_in", ["here", "worker"])
@pytest.mark.parametrize("fail_from", [0, 57])
def test_a_failing_article_fails_after_everything_before_it_was_taken(fail_in, fail_from):
    run = _pool_run(2, fail_in, fail_from)
    assert run["failed"] is not None and run["failed"] >= fail_from
    assert run["seen"] == list(range(run["failed"]))  # everything before it, in order, and nothing after


def test_the_writer_that_analyses_too_stops_at_the_deadline():
    run = _pool_run(2, pace=0.05, deadline=1.5)  # 300 items would take 7.5 s in the two processes
    assert 0 < len(run["seen"]) < 300 and run["seen"] == list(range(len(run["seen"])))
    assert run["over"] < 0.3  # at most about one item past the deadline, not the read-ahead
    assert run["children"] == 0 and len(run["pids"]) == 2


def test_work_is_pulled_so_a_slow_worker_holds_no_backlog_the_writer_could_take():
    # The worker is 15 times slower than the writer: whoever is free takes the next chunk, so the writer
    # analyses most of them (a pool that queued a backlog on the worker made the writer wait for it).
    run = _pool_run(2, pace=0.002, pace_in_worker=0.03)
    assert run["seen"] == list(range(300)) and len(run["pids"]) == 2
    assert run["here"] >= 0.8 * 300, run["here"]


def test_a_worker_that_dies_stops_the_stream_with_a_clear_error_after_what_came_before():
    run = _pool_run(2, fail_in="die", fail_from=40, pace=0.005)
    assert run["died"] and "analysis worker stopped (exit code 3)" in run["died"]
    # in order up to the first chunk lost with the worker (results it had not finished sending go too)
    assert run["seen"] == list(range(len(run["seen"]))) and len(run["seen"]) < 300
    assert run["children"] == 0  # the other processes were stopped, nothing hangs


def test_ctrl_c_during_an_ingest_with_workers_stops_it_cleanly_and_keeps_what_was_stored(tmp_path):
    # As a terminal's Ctrl-C: SIGINT to the whole process group, writer and worker alike. The worker
    # ignores it and the writer stops it. (A writer that read the results pipe after stopping a worker
    # could wait for ever on half a result: a race this test meets only now and then, not each run.)
    import os
    import signal
    import subprocess
    import sys
    import time

    source = _fold_jsonl(tmp_path / "fold.jsonl", 400)
    db = tmp_path / "c.db"
    child = subprocess.Popen([sys.executable, "-m", "bot", "ingest", "--workers", "2", "--db", str(db), str(source)],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=SEEDS.parent,
                             start_new_session=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (db.exists() and _stored(db) >= 20):
            time.sleep(0.05)  # until the worker and the writer are both well into the stream
        os.killpg(child.pid, signal.SIGINT)
        output, _ = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    assert child.returncode == 130 and "Traceback" not in output, output[-2000:]
    assert 20 <= _stored(db) <= 400  # what was stored before Ctrl-C is kept, whole
    with pytest.raises(ProcessLookupError):
        os.killpg(child.pid, 0)  # no worker left behind


def _stored(db) -> int:
    try:
        return sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def test_a_worker_killed_during_ingest_is_one_clear_line_and_what_was_stored_stays(tmp_path):
    # The kernel's out-of-memory killer takes a worker (SIGKILL): the writer says so in one line and
    # exits 1; the articles stored before are kept and a second run adds the rest.
    import signal
    import subprocess
    import sys
    import time

    source = _fold_jsonl(tmp_path / "fold.jsonl", 400)
    db = tmp_path / "k.db"
    child = subprocess.Popen([sys.executable, "-m", "bot", "ingest", "--workers", "2", "--db", str(db), str(source)],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=SEEDS.parent)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (db.exists() and _stored(db) >= 20):
            time.sleep(0.05)
        workers = subprocess.run(["ps", "-o", "pid=", "--ppid", str(child.pid)], capture_output=True, text=True)
        import os

        for pid in workers.stdout.split():
            os.kill(int(pid), signal.SIGKILL)
        output, _ = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 1 and "analysis worker stopped" in output and "Traceback" not in output, output[-2000:]
    stored = _stored(db)
    assert 20 <= stored < 400
    again = run("ingest", "--workers", "2", str(source), db=db)
    assert again.returncode == 0 and _stored(db) == 400


def test_a_killed_writer_leaves_no_worker_behind(tmp_path):
    # The writer is killed (docker kill, the out-of-memory killer) maybe mid-way through putting a task:
    # its worker must not wait for ever on the task pipe.
    import signal
    import subprocess
    import sys
    import time

    source = _fold_jsonl(tmp_path / "fold.jsonl", 400)
    db = tmp_path / "w.db"
    child = subprocess.Popen([sys.executable, "-m", "bot", "ingest", "--workers", "2", "--db", str(db), str(source)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=SEEDS.parent)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (db.exists() and _stored(db) >= 20):
        time.sleep(0.05)
    workers = subprocess.run(["ps", "-o", "pid=", "--ppid", str(child.pid)], capture_output=True, text=True)
    pids = [int(pid) for pid in workers.stdout.split()]
    assert pids
    child.send_signal(signal.SIGKILL)
    child.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_running(pid) for pid in pids):
        time.sleep(0.1)
    assert not any(_running(pid) for pid in pids)



def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended, only not reaped yet
    except FileNotFoundError:
        return False


_KILLED_MID_RESULT = """
import json, os, signal, sys, time
from bot.analysis_pool import AnalysisPool, WorkerDied

ME = os.getpid()


def analyse(item):
    if os.getpid() != ME and item >= 30:
        time.sleep(0.05)  # the worker's feeder thread is still writing a big result before this one
        os.kill(os.getpid(), signal.SIGKILL)
    return item, b"x" * 300_000  # many writes a result: the pipe fills while the writer is slow


seen, out = [], "finished"
try:
    with AnalysisPool(2) as pool:
        for item, _blob in pool.map(analyse, range(200)):
            seen.append(item)
            time.sleep(0.01)  # a slow writer: the pipe stays full
except WorkerDied:
    out = "WorkerDied"
print(json.dumps({"out": out, "seen": seen}))
"""


def test_a_worker_killed_in_the_middle_of_sending_a_result_never_leaves_the_writer_waiting():
    # A result in one message cut short by the kill left the writer reading the rest of it for ever
    # (2 runs in 3 hung); sent in pieces of one write() each, only whole pieces ever arrive.
    import subprocess
    import sys

    for _ in range(3):
        done = subprocess.run([sys.executable, "-c", _KILLED_MID_RESULT], capture_output=True, text=True,
                              timeout=60, cwd=SEEDS.parent)
        run = json.loads(done.stdout)
        # everything before the lost chunk, in order (the writer may have analysed some past item 30 itself)
        assert run["out"] == "WorkerDied" and run["seen"] == list(range(len(run["seen"]))) and len(run["seen"]) < 200


_FREEZE_SCRIPT = """
import gc, json, sys
from bot.analysis_pool import AnalysisPool

if sys.argv[1] == "frozen-before":
    gc.freeze()  # as bot.runtime does with its start-up objects
before = gc.get_freeze_count()
tables = [{"word": str(i)} for i in range(5000)]  # what a warm-up loads, shared by the forked worker
with AnalysisPool(2, warm=lambda: None) as pool:
    during = gc.get_freeze_count()
    total = sum(pool.map(len, [[1, 2]] * 50))
print(json.dumps({"before": before, "during": during, "after": gc.get_freeze_count(), "total": total}))
"""


@pytest.mark.parametrize("start", ["nothing-frozen", "frozen-before"])
def test_the_pool_leaves_the_collector_as_it_found_it(start):
    # Frozen during the fork (a worker's collections then copy no shared page), collected again after:
    # a process that ingests again and again frees its garbage; one that froze its own objects keeps them so.
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _FREEZE_SCRIPT, start], capture_output=True, text=True,
                          timeout=60, cwd=SEEDS.parent)
    assert done.returncode == 0, done.stderr
    run = json.loads(done.stdout)
    assert run["total"] == 100
    if start == "nothing-frozen":
        assert run["before"] == 0 and run["during"] > 5000 and run["after"] == 0
    else:
        # its frozen objects stay frozen (a few may be freed meanwhile), the tables loaded later are not frozen
        assert run["before"] > 0 and run["before"] - 100 < run["after"] <= run["during"] <= run["before"]
