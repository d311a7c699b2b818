"""`python -m bench --ingest`: ingest of real articles in a cold process, beside a naive baseline.

What a newsroom waits for when it runs ``python -m bot ingest`` on an
export: a new process (imports included) ingesting real text it has never
seen into an empty database. Each round runs, in a fresh subprocess and a
fresh database each, in turn:

* **naive**: the least any bot must do: store each article's text with a
  plain FTS5 index over it, one transaction per article (no splitting,
  stemming, ranking, claims or near-duplicate check);
* **ours, 1 worker**: ``python -m bot ingest --workers 1``;
* **ours, N workers**: ``python -m bot ingest --workers N`` (N processes
  analyse: N-1 forked workers and the writer itself);
* **warm synthetic** (the older figure, for comparison only): one process
  that first ingests the real articles (so its stem cache is warm, as in a
  bot that has been running), then is timed on 300 synthetic articles made
  of the same sentences (``bench.corpus``). It flatters: real articles
  are longer and keep bringing unseen words.

The real articles are the five seeds and the IndoSum fold (755 articles,
about 2,100 characters and 18 sentences each). Wall time is the
subprocess's; CPU time is user + system of the subprocess and every process
it started (``RUSAGE_CHILDREN``), the primary figure on a shared machine.
The project's modules are compiled to bytecode first, as in an installed
package (``compile_project``).
Each figure is the median over the rounds; N workers is compared with one
worker round by round (median of the ratios of wall times).
"""
from __future__ import annotations

import json
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOC_BEGIN, DOC_END = "<!-- bench-ingest:begin -->", "<!-- bench-ingest:end -->"
SYNTHETIC_SAMPLE = 300
SYNTHETIC_BASE = 60_000_000  # article numbers beyond every corpus (see bench.THROUGHPUT_BASE)


def write_real_articles(indosum_path: Path, seeds: Path, out: Path, limit: int | None = None) -> int:
    """The seeds and the IndoSum fold (its first `limit` articles) as one .jsonl file `python -m bot ingest` reads."""
    from itertools import islice

    from evaluation import indosum

    lines = [json.dumps({"text": p.read_text(encoding="utf-8"), "title": None, "source": f"seeds/{p.name}"},
                        ensure_ascii=False) for p in sorted(seeds.glob("*.txt"))]
    for record in islice(indosum.load(indosum_path), limit):
        lines.append(json.dumps({"text": indosum.article_text(record), "url": f"https://indosum.example/{record['id']}",
                                 "source": record.get("source") or "indosum"}, ensure_ascii=False))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(cmd: list[str]) -> dict:
    """Run `cmd`; its wall time, and the CPU time of it and its descendants."""
    cpu0, t0 = _children_cpu(), time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return {"wall": wall, "cpu": cpu, "stdout": done.stdout}


def naive_ingest(db: str, source: str) -> int:
    """The naive baseline: each article's text stored with an FTS5 index over it, one transaction each."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("create table articles (id integer primary key, url text unique, body text not null)")
    conn.execute("create virtual table articles_fts using fts5(body, content='articles', content_rowid='id')")
    added = 0
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            with conn:
                cur = conn.execute("insert or ignore into articles (url, body) values (?, ?)",
                                   (record.get("url"), record["text"]))
                if cur.rowcount:
                    conn.execute("insert into articles_fts (rowid, body) values (?, ?)", (cur.lastrowid, record["text"]))
                    added += 1
    conn.close()
    return added


def warm_synthetic(db: str, source: str, sample: str) -> dict:
    """The older method: real articles ingested first (untimed), then synthetic ones timed, one process."""
    from bot.ingest import ingest_paths, ingest_text
    from bot.store import open_store

    store = open_store(db)
    ingest_paths(store, [source])
    articles = json.loads(Path(sample).read_text(encoding="utf-8"))
    cpu0, t0 = time.process_time(), time.perf_counter()
    added = sum(ingest_text(store, a["text"], url=a["url"], outlet=a["outlet"]).added for a in articles)
    return {"added": added, "wall": time.perf_counter() - t0, "cpu": time.process_time() - cpu0}


def _write_synthetic(path: Path, indosum_path: Path, seeds: Path, count: int) -> None:
    from bench.corpus import CorpusMaker

    maker = CorpusMaker(indosum_path, seeds)
    arts = [maker.article(k) for k in range(SYNTHETIC_BASE, SYNTHETIC_BASE + count)]
    path.write_text(json.dumps([{"text": a.text, "url": a.url, "outlet": a.outlet} for a in arts]), encoding="utf-8")


PACKAGES = ("bot", "summarizer", "adapters")  # the Python packages of pyproject.toml


def compile_project() -> str:
    """Write the bytecode of the project's modules, as an installed package has it; what was done.

    `pip install .` (the Dockerfile) compiles at install, and Python writes it on
    a module's first import; a machine that sets PYTHONDONTWRITEBYTECODE (this
    one does) would otherwise time every cold process compiling about 15,000
    lines of source, which no installed bot does (about 0.05 s a process).
    """
    import compileall
    import importlib.util

    done = []
    for name in PACKAGES:
        spec = importlib.util.find_spec(name)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            if compileall.compile_dir(folder, quiet=1):
                done.append(name)
    return "written for " + ", ".join(done) if done else "could not be written (timed as it is)"


def run(indosum_path: Path, seeds: Path, rounds: int, workers: int, work: Path, log=print,
        limit: int | None = None, synthetic: int = SYNTHETIC_SAMPLE) -> dict:
    """`rounds` rounds of the four methods; the raw timings and their medians (`limit`: fewer real articles)."""
    work.mkdir(parents=True, exist_ok=True)
    source = work / "real-articles.jsonl"
    count = write_real_articles(indosum_path, seeds, source, limit)
    sample = work / "synthetic-sample.json"
    _write_synthetic(sample, indosum_path, seeds, synthetic)
    compiled = compile_project()
    log(f"  bytecode of the project's modules: {compiled}")
    py = sys.executable
    methods = {
        "naive": lambda db: [py, "-m", "bench.ingest", "_naive", db, str(source)],
        "ours, 1 worker": lambda db: [py, "-m", "bot", "ingest", "--workers", "1", "--db", db, str(source)],
        f"ours, {workers} workers": lambda db: [py, "-m", "bot", "ingest", "--workers", str(workers), "--db", db,
                                                str(source)],
        "warm synthetic": lambda db: [py, "-m", "bench.ingest", "_warm", db, str(source), str(sample)],
    }
    runs: dict[str, list[dict]] = {name: [] for name in methods}
    for round_no in range(rounds):
        for name, command in methods.items():
            with tempfile.TemporaryDirectory(dir=work) as tmp:
                timed = _timed(command(str(Path(tmp) / "bench.db")))
            if name == "warm synthetic":  # the subprocess times its own synthetic part
                inner = json.loads(timed["stdout"])
                timed.update(wall=inner["wall"], cpu=inner["cpu"], articles=inner["added"])
            else:
                timed["articles"] = count
            timed.pop("stdout")
            runs[name].append(timed)
            log(f"  round {round_no + 1}/{rounds} {name:18s} {timed['articles']} articles, "
                f"{timed['wall']:.1f} s wall, {timed['cpu']:.1f} s CPU")
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    one, many = runs["ours, 1 worker"], runs[f"ours, {workers} workers"]
    return {"articles": count, "rounds": rounds, "workers": workers, "runs": runs, "peak_rss_mb": rss,
            "speedup": statistics.median(a["wall"] / b["wall"] for a, b in zip(one, many))}


def render(result: dict) -> str:
    lines = ["| method | articles | wall s | articles/s (wall) | CPU s | articles per CPU-second |",
             "|---|---:|---:|---:|---:|---:|"]
    for name, timings in result["runs"].items():
        wall = statistics.median(t["wall"] for t in timings)
        cpu = statistics.median(t["cpu"] for t in timings)
        articles = timings[0]["articles"]
        label = name if name != "warm synthetic" else "warm synthetic (older method: not cold, not real)"
        lines.append(f"| {label} | {articles} | {wall:.1f} | {articles / wall:.0f} | {cpu:.1f} | "
                     f"{articles / cpu:.0f} |")
    one, many = result["runs"]["ours, 1 worker"], result["runs"][f"ours, {result['workers']} workers"]
    ratios = sorted(a["wall"] / b["wall"] for a, b in zip(one, many))
    lines += ["", f"{result['workers']} workers against 1, wall time, median of the rounds' ratios: "
              f"**{result['speedup']:.2f}×** (rounds: {', '.join(f'{r:.2f}' for r in ratios)}). "
              f"Peak RSS of any one process: {result['peak_rss_mb']:.0f} MB."]
    return "\n".join(lines)


def write_docs(result: dict, docs: Path, command_line: str, machine: str, load: str) -> None:
    from datetime import datetime, timezone

    generated = "\n".join([
        DOC_BEGIN,
        f"Run: `{command_line}` on {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}, {machine}; "
        f"load average at the start {load}. Medians of {result['rounds']} rounds; every method ran in each "
        "round, one after the other, so they saw the same machine.",
        "",
        render(result),
        "",
        (__doc__ or "").split("\n", 2)[2].strip(),
        DOC_END,
    ])
    path = docs / "benchmarks.md"
    text = path.read_text(encoding="utf-8")
    if DOC_BEGIN in text and DOC_END in text:
        head, rest = text.split(DOC_BEGIN, 1)
        text = head + generated + rest.split(DOC_END, 1)[1]
    else:
        marker = "<!-- bench:begin -->"
        section = "## Ingest of real articles, cold\n\n" + generated + "\n\n## Commands at 1k to 100k articles\n\n"
        text = text.replace(marker, section + marker, 1) if marker in text else text + "\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[:1] == ["_naive"]:
        print(naive_ingest(argv[1], argv[2]))
        return 0
    if argv[:1] == ["_warm"]:
        print(json.dumps(warm_synthetic(argv[1], argv[2], argv[3])))
        return 0
    raise SystemExit("run `python -m bench --ingest`")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

