"""The benchmark's smoke run: a small corpus, few runs. It checks that `python -m bench` completes, not speed."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, require_indosum

# Whole benchmark runs (corpora built and ingested): still run by default and in CI;
# `pytest -m 'not slow'` leaves them out of a quick local pass.
pytestmark = pytest.mark.slow


def test_bench_quick_run_completes(tmp_path):
    indosum = require_indosum()
    out = tmp_path / "results.json"
    docs = tmp_path / "docs"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--sizes", "500", "--quick", "--runs", "3", "--naive-runs", "1",
         "--naive-cap", "5", "--ingest-sample", "10", "--cache-dir", str(tmp_path / "cache"),
         "--docs", str(docs), "--json", str(out)],
        cwd=REPO, env={**os.environ, "BRIEFBOT_BENCH_INDOSUM": str(indosum)}, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "/brief" in proc.stdout and "naive" in proc.stdout
    results = json.loads(out.read_text())
    assert [r["size"] for r in results] == [500]
    result = results[0]
    assert result["articles"] >= 500
    for label, figures in result["commands"].items():
        assert figures["p50"] > 0, label
    # the seed articles are in every corpus: the topic commands have real answers
    assert result["commands"]["/troops"]["items"] > 0
    assert result["commands"]["/kursk"]["items"] > 0
    assert result["peak_rss_mb"] > 0 and result["slowest"] > 0
    assert (docs / "benchmarks.png").stat().st_size > 0
    assert "<!-- bench:begin -->" in (docs / "benchmarks.md").read_text()


def test_ingest_bench_runs_every_method_on_real_articles_and_writes_its_section(tmp_path):
    from bench import ingest as bench_ingest

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "benchmarks.md").write_text("# Benchmarks\n\n<!-- bench:begin -->\nold\n<!-- bench:end -->\n")
    result = bench_ingest.run(require_indosum(), REPO / "seeds", rounds=1, workers=2, work=tmp_path / "work",
                              log=lambda *_: None, limit=20, synthetic=5)
    runs = result["runs"]
    assert set(runs) == {"naive", "ours, 1 worker", "ours, 2 workers", "warm synthetic"}
    assert [runs[m][0]["articles"] for m in runs] == [25, 25, 25, 5]
    # process time is counted for the worker processes too: two workers cost about what one does
    assert runs["ours, 2 workers"][0]["cpu"] > 0.5 * runs["ours, 1 worker"][0]["cpu"] > 0
    bench_ingest.write_docs(result, docs, "python -m bench --ingest", "test machine", "0/0/0")
    text = (docs / "benchmarks.md").read_text()
    assert text.index(bench_ingest.DOC_BEGIN) < text.index("<!-- bench:begin -->")
    assert "warm synthetic (older method" in text and "| naive | 25 |" in text
    bench_ingest.write_docs(result, docs, "python -m bench --ingest", "test machine", "0/0/0")  # replaced, not added
    assert (docs / "benchmarks.md").read_text().count(bench_ingest.DOC_BEGIN) == 1


def test_store_bench_times_both_stores_on_one_corpus_and_writes_its_section(tmp_path, postgres_url):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "scaling.md").write_text("# Scaling\n\nprose kept\n")
    command = [sys.executable, "-m", "bench.stores", "--size", "120", "--runs", "2", "--pg", postgres_url,
               "--cache-dir", str(tmp_path / "cache"), "--docs", str(docs)]
    env = {**os.environ, "BRIEFBOT_BENCH_INDOSUM": str(require_indosum())}
    proc = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| 120 |")]
    assert len(rows) == 7  # every command of the bench, each timed on both stores
    assert all(row.endswith("| yes |") for row in rows), rows  # and the same reply from both
    assert "copy into PostgreSQL" in proc.stdout
    text = (docs / "scaling.md").read_text()
    assert text.startswith("# Scaling\n\nprose kept\n") and text.count("<!-- bench-stores:begin -->") == 1
    again = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 2 and "Traceback" not in again.stderr  # the database is filled now
    assert "not empty" in again.stderr and (docs / "scaling.md").read_text() == text


def test_store_bench_stopped_by_sigterm_stops_its_postgres_server(tmp_path, postgres_server):
    import shutil
    import signal
    import tempfile
    import time
    from pathlib import Path

    # the server runs as the `postgres` user when the tests run as root: not under pytest's private tmp_path
    temp = Path(tempfile.mkdtemp(prefix="briefbot-sigterm-"))
    temp.chmod(0o755)
    command = [sys.executable, "-m", "bench.stores", "--size", "120", "--runs", "500", "--no-docs",
               "--cache-dir", str(tmp_path / "cache")]
    env = {**os.environ, "BRIEFBOT_BENCH_INDOSUM": str(require_indosum()), "TMPDIR": str(temp)}
    proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for line in proc.stdout:  # its own server is up and being filled: stop the run there
            if "copying into PostgreSQL" in line:
                break
        assert list(temp.glob("briefbot-pg-*")), "the run made no server of its own"
        proc.send_signal(signal.SIGTERM)
        started = time.monotonic()
        proc.wait(timeout=60)
        left = list(temp.glob("briefbot-pg-*"))
    finally:
        proc.kill()
        shutil.rmtree(temp, ignore_errors=True)
    assert proc.returncode == 128 + signal.SIGTERM and time.monotonic() - started < 60
    assert "Traceback" not in proc.stderr.read()
    assert not left  # the server was stopped and its files deleted


def test_a_partial_command_run_writes_the_page_only_where_it_is_told():
    # The page's generated table holds every size: a run of some sizes, or a --quick one, would replace
    # the committed rows of the others (it did, 2026-12-04), so it writes docs/ only when asked to.
    from argparse import Namespace

    from bench.__main__ import DEFAULT_SIZES, ROOT, docs_for

    def run(**given):
        return Namespace(**{"no_docs": False, "docs": None, "quick": False, **given})

    assert docs_for(run(), list(DEFAULT_SIZES)) == ROOT / "docs"
    assert docs_for(run(), [1000]) is None and docs_for(run(quick=True), list(DEFAULT_SIZES)) is None
    assert docs_for(run(docs="/tmp/page"), [500]) == Path("/tmp/page")
    assert docs_for(run(no_docs=True, docs="/tmp/page"), list(DEFAULT_SIZES)) is None
