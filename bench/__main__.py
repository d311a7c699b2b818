"""`python -m bench`: ingest and answer latency from 1k to 100k articles, beside a naive baseline.

For each corpus size, in a fresh subprocess (so peak RSS is per size):

* the corpus (``bench.corpus``) is built once and cached as a SQLite file
  under ``--cache-dir``; a bigger corpus extends the biggest cached smaller one
  (article k is the same in every corpus). Building uses ``--workers``
  processes calling ``bot.ingest.ingest_text`` on the same file.
* the measurement runs on a copy, with every article's ``ingested_at`` spread
  over the last 12 hours: the worst case for /brief, whose 24-hour window then
  holds the whole corpus.
* ingest throughput, *warm synthetic*: ``ingest_text`` of 300 fresh
  synthetic articles into that copy, one process, in steady state: the
  stemmer cache first warmed with the words of the corpus's real articles,
  as in a bot that has been ingesting. This flatters ingest (real articles
  are longer and keep bringing unseen words): ``--ingest`` measures real
  articles in cold processes (``bench.ingest``).
* latency p50/p95/p99 of each command through ``BotApp.handle`` (the path
  every adapter takes), after warm-up. The app is built and its start-up
  objects frozen out of the garbage collector exactly as ``python -m bot run``
  does (``bot.runtime.freeze_startup_objects``).
* the naive baseline in the same process: the 20 articles that best match the
  topic or question by FTS (the 20 latest for /brief), then plain sumy
  LexRank over their full text, capped by time.
* concurrency: 50 commands at once through ``BotApp.handle_async`` while a
  10 ms heartbeat task records the worst event-loop lag; a warm-up burst,
  then 3 measured bursts in the same event loop.

The parent prints the table and (unless --no-docs) rewrites the generated part
of docs/benchmarks.md and docs/benchmarks.png.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot.progress import show_progress_logs, track
from bot.settings import ROOT

INDOSUM = Path(os.environ.get("BRIEFBOT_BENCH_INDOSUM") or ROOT.parent / "shared" / "data" / "indosum" / "dev.01.jsonl")
SEEDS = ROOT / "seeds"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "briefbot-bench"
THROUGHPUT_BASE = 50_000_000  # article numbers for the throughput sample: beyond every corpus
DOC_BEGIN, DOC_END = "<!-- bench:begin -->", "<!-- bench:end -->"


@dataclass(frozen=True)
class BenchCommand:
    label: str
    command: str | None  # None: free text (question answering)
    args: str = ""


COMMANDS = [
    BenchCommand("/brief", "brief"),
    BenchCommand("/troops", "troops"),
    BenchCommand("/kursk", "kursk"),
    BenchCommand("/about Budanov", "about", "Budanov"),
    BenchCommand("Q1 jumlah tentara", None, "Berapa jumlah tentara Korea Utara yang dikirim ke Rusia?"),
    BenchCommand("Q2 intelijen", None, "Siapa kepala intelijen militer Ukraina?"),
    BenchCommand("Q3 transportasi", None, "Apa kata Zulkifli Hasan tentang transportasi online?"),
]


# ---- corpora ----------------------------------------------------------------------------
def corpus_path(cache: Path, size: int) -> Path:
    from bench.corpus import RECIPE_VERSION
    return cache / f"corpus-r{RECIPE_VERSION}-{size}.db"


def _checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def ensure_corpus(cache: Path, size: int, workers: int, log=print) -> dict:
    """The cached corpus database of `size` articles, built (or extended) when missing."""
    cache.mkdir(parents=True, exist_ok=True)
    path = corpus_path(cache, size)
    info_path = path.with_suffix(".json")
    if path.exists() and info_path.exists():
        return json.loads(info_path.read_text())
    smaller = sorted((int(p.stem.rsplit("-", 1)[1]), p) for p in cache.glob(path.name.rsplit("-", 1)[0] + "-*.db")
                     if p.with_suffix(".json").exists() and int(p.stem.rsplit("-", 1)[1]) < size)
    work = path.with_suffix(".building")
    for stale in cache.glob(work.name + "*"):
        stale.unlink()
    start, base = 0, None
    if smaller:
        start, base = smaller[-1]
        _checkpoint(base)
        shutil.copyfile(base, work)
        log(f"  extending the cached {start}-article corpus to {size}")
    from bot.store import open_store
    open_store(work).close()  # migrate once here: workers must not race to create the schema
    t0 = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-m", "bench", "_ingest", "--db", str(work), "--start", str(start),
                               "--stop", str(size), "--step", str(workers), "--offset", str(w)])
             for w in range(workers)]
    codes = [p.wait() for p in procs]
    if any(codes):
        raise SystemExit(f"corpus build failed (worker exit codes {codes})")
    seconds = time.perf_counter() - t0
    _checkpoint(work)
    conn = sqlite3.connect(work)
    count = conn.execute("select count(*) from articles").fetchone()[0]
    stories = conn.execute("select count(distinct coalesce(story_id, id)) from articles").fetchone()[0]
    conn.close()
    info = {"size": size, "articles": count, "stories": stories, "built_from": start, "build_seconds": seconds,
            "build_workers": workers, "build_rate": (size - start) / seconds if seconds else 0.0,
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    os.replace(work, path)
    info_path.write_text(json.dumps(info, indent=1))
    if count != size:
        log(f"  warning: {size - count} article(s) were judged duplicates and not stored")
    return info


def _ingest_worker(db: str, start: int, stop: int, step: int, offset: int) -> None:
    from bench.corpus import CorpusMaker
    from bot.ingest import ingest_text
    from bot.store import open_store

    store = open_store(db)
    maker = CorpusMaker(INDOSUM, SEEDS)
    indices = range(start + offset, stop, step)
    if offset == 0:  # one worker of the `step` speaks for all: its bar or log lines track them together
        indices = track(indices, f"building the {stop}-article corpus (worker 1 of {step})", "article")
    for k in indices:
        art = maker.article(k)
        ingest_text(store, art.text, url=art.url, outlet=art.outlet)


# ---- the naive baseline -----------------------------------------------------------------
class _Timeout(Exception):
    pass


def _naive_terms(app, cmd: BenchCommand) -> list[str] | None:
    """What a simple bot would search for: the topic's aliases, the name, the question's words."""
    from summarizer.qa import analyze_question
    from summarizer.tokens import content_stems

    if cmd.command == "brief":
        return None
    if cmd.command is None:
        from bot.commands.ask import english_aliases
        return analyze_question(cmd.args, english_aliases(app.settings.topics)).terms
    if cmd.command == "about":
        return content_stems(cmd.args) or [cmd.args.lower()]
    topic = next(t for t in app.settings.topics if t.name == cmd.command)
    return [s for alias in topic.all_aliases() for s in content_stems(alias)]


def naive_answer(store, terms: list[str] | None, sentences: int = 7) -> list[str]:
    """FTS top-20 articles (latest 20 without terms), then plain sumy LexRank over their full text."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.summarizers.lex_rank import LexRankSummarizer

    from bot.store.sqlite import fts_match as fts_query
    from summarizer.text import clean_sentences
    from summarizer.tokens import STOPWORDS, words

    if terms is None:
        rows = store.query("select id from articles order by ingested_at desc limit 20")
    else:
        rows = store.query(
            "select s.article_id as id, min(f.rank) as r from sentences_fts f join sentences s on s.id = f.rowid "
            "where sentences_fts match ? group by s.article_id order by r limit 20", (fts_query(terms),))
    ids = [r["id"] for r in rows]
    if not ids:
        return []
    marks = ",".join("?" for _ in ids)
    bodies = [r["body"] for r in store.query(f"select body from articles where id in ({marks})", tuple(ids))]

    class Tokenizer:  # sumy's default tokenizer needs NLTK punkt data; sentences come split already
        def to_sentences(self, text):
            return (text,)

        def to_words(self, text):
            return tuple(words(text))

    tok = Tokenizer()
    doc = ObjectDocumentModel([Paragraph([Sentence(s, tok) for s in clean_sentences(b)]) for b in bodies])
    lex = LexRankSummarizer()
    lex.stop_words = STOPWORDS["id"]
    return [str(s) for s in lex(doc, sentences)]


def _timed_naive(store, terms, cap: float) -> float | None:
    """Seconds for one naive answer, or None when it ran past `cap`."""
    def alarm(signum, frame):
        raise _Timeout()

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, cap)
    t0 = time.perf_counter()
    try:
        naive_answer(store, terms)
        return time.perf_counter() - t0
    except _Timeout:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# ---- measuring one size ------------------------------------------------------------------
def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, int(round(q / 100 * (len(ordered) - 1)))))
    return ordered[index]


def _restamp(path: Path) -> None:
    """Spread ingested_at over the last 12 hours in article order: all of it inside /brief's window."""
    conn = sqlite3.connect(path)
    lo, hi = conn.execute("select min(id), max(id) from articles").fetchone()
    now = datetime.now(timezone.utc)
    span = max(1, hi - lo)
    stamps = [((now - timedelta(hours=12) * (1 - (i - lo) / span)).isoformat(timespec="seconds"), i)
              for (i,) in conn.execute("select id from articles")]
    conn.executemany("update articles set ingested_at = ? where id = ?", stamps)
    conn.commit()
    conn.close()


def _request(cmd: BenchCommand):
    from bot.models import Request
    return Request(platform="console", chat="bench", user="bench", command=cmd.command, args=cmd.args)


async def _burst(app, requests) -> tuple[float, float]:
    """(worst heartbeat delay, slowest answer) for the requests fired at once."""
    lag, running = 0.0, True

    async def heartbeat():
        nonlocal lag
        while running:
            t0 = time.perf_counter()
            await asyncio.sleep(0.01)
            lag = max(lag, time.perf_counter() - t0 - 0.01)

    beat = asyncio.create_task(heartbeat())
    await asyncio.sleep(0.05)
    t0 = time.perf_counter()

    async def one(req):
        await app.handle_async(req)
        return time.perf_counter() - t0

    done = await asyncio.gather(*(one(r) for r in requests))
    running = False
    await beat
    return lag, max(done)


def write_sample(path: Path, ingest_sample: int) -> None:
    """Texts for the throughput sample, and the corpus's real articles for the stemmer warm-up.

    Made here so that the measuring process never holds the corpus maker: its
    peak RSS is the bot's.
    """
    from bench.corpus import CorpusMaker

    maker = CorpusMaker(INDOSUM, SEEDS)
    real = [maker.article(k).text for k in range(len(maker.seeds) + len(maker.records))]
    arts = [maker.article(k) for k in range(THROUGHPUT_BASE, THROUGHPUT_BASE + ingest_sample)]
    path.write_text(json.dumps({"warm": real, "sample": [{"text": a.text, "url": a.url, "outlet": a.outlet}
                                                         for a in arts]}))


def measure(size: int, cache: Path, runs: int, naive_runs: int, naive_cap: float, sample_path: Path,
            bursts: int) -> dict:
    from bot.app import BotApp
    from bot.ingest import ingest_text
    from bot.runtime import freeze_startup_objects
    from bot.settings import load_settings
    from bot.store import open_store
    from summarizer.article import analyze_article
    from summarizer.text import clean_sentences
    from summarizer.tokens import content_stems

    src = corpus_path(cache, size)
    info = json.loads(src.with_suffix(".json").read_text())
    open_store(src).close()  # new migrations (indexes) land in the cached copy once
    _checkpoint(src)
    db_bytes = src.stat().st_size
    run_dir = Path(tempfile.mkdtemp(prefix="briefbot-bench-run-", dir=cache))
    db = run_dir / "bench.db"
    try:
        shutil.copyfile(src, db)
        _restamp(db)
        store = open_store(db)
        texts = json.loads(sample_path.read_text())
        warm, sample = texts["warm"], texts["sample"]
        # Steady state: a running bot has already stemmed the words of the corpus it holds
        # (a few microseconds a new word; the lru_cache in summarizer.tokens keeps them).
        for text in warm:
            for sentence in clean_sentences(text):
                content_stems(sentence)
        for text in warm[:20]:
            analyze_article(text)
        t0 = time.perf_counter()
        added = sum(ingest_text(store, a["text"], url=a["url"], outlet=a["outlet"]).added for a in sample)
        ingest_rate = added / (time.perf_counter() - t0)
        del texts, warm, sample

        app = BotApp(load_settings(db_path=str(db)), store=store)
        freeze_startup_objects()  # what `python -m bot run` does once the app is built
        result: dict = {"size": size, "articles": app.store.article_count(), "db_mb": db_bytes / 2**20,
                        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                        "ingest_rate": ingest_rate, "ingest_sample": added, "corpus": info, "commands": {}}
        for cmd in track(COMMANDS, f"{size} articles: timing commands", "command"):
            req = _request(cmd)
            for _ in range(3):
                reply = app.handle(req)
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                app.handle(req)
                times.append(time.perf_counter() - t0)
            result["commands"][cmd.label] = {
                "p50": _pct(times, 50), "p95": _pct(times, 95), "p99": _pct(times, 99), "runs": runs,
                "items": len(reply.items), "title": reply.title[:80]}
        requests = [_request(COMMANDS[i % len(COMMANDS)]) for i in range(50)]

        async def serve_bursts():
            # One long-lived loop and executor, as in `python -m bot run`; the first burst
            # starts the worker threads and their connections and is not counted.
            await _burst(app, requests)
            return [await _burst(app, requests) for _ in range(bursts)]

        measured = asyncio.run(serve_bursts())
        lags, slowest = [m[0] for m in measured], [m[1] for m in measured]
        result.update(loop_lag=max(lags), loop_lag_median=statistics.median(lags), slowest=max(slowest),
                      slowest_median=statistics.median(slowest), bursts=bursts, naive_cap=naive_cap,
                      peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        # The naive baseline last, so its memory does not count as the bot's. Its library is loaded
        # before the timed runs (the bot no longer imports sumy's summarizers): an import cut short by
        # the time cap would leave NLTK half-initialised for every later run.
        import sumy.summarizers.lex_rank  # noqa: F401
        for cmd in track(COMMANDS, f"{size} articles: naive baseline", "command"):
            terms = _naive_terms(app, cmd)
            naive = []
            if naive_runs > 1:
                _timed_naive(store, terms, naive_cap)  # warm-up (page cache)
            for _ in range(naive_runs):
                seconds = _timed_naive(store, terms, naive_cap)
                naive.append(seconds)
                if seconds is None:
                    break
            capped = any(s is None for s in naive)
            result["commands"][cmd.label].update(
                naive_p50=None if capped or not naive else statistics.median(naive),
                naive_capped=capped, naive_runs=len(naive))
        store.close()
        return result
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


# ---- reporting ---------------------------------------------------------------------------
TARGETS = [
    ("p95 every command at 10k", "≤ 50 ms"),
    ("p95 every command at 100k", "≤ 150 ms"),
    ("speed-up over naive at 10k", "≥ 20×"),
    ("ingest, warm synthetic (real, cold: --ingest)", "≥ 200 articles/s"),
    ("peak RSS at 100k", "≤ 300 MB"),
    ("worst event-loop lag, 50 concurrent", "≤ 100 ms"),
    ("slowest answer, 50 concurrent", "≤ 2 s"),
]


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.1f}" if seconds < 10 else f"{seconds * 1000:.0f}"


def _size_label(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)


def render_tables(results: list[dict]) -> str:
    cap = results[0]["naive_cap"] if results else 30
    lines = ["| size | command | p50 ms | p95 ms | p99 ms | naive p50 ms | ours / naive (p50) | items |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for res in results:
        for label, c in res["commands"].items():
            if c["naive_capped"]:
                naive, ratio = f"> {cap:g} s", f"< {c['p50'] / cap:.4f} (> {cap / c['p50']:.0f}× faster)"
            elif c["naive_p50"]:
                naive = _ms(c["naive_p50"])
                ratio = f"{c['p50'] / c['naive_p50']:.4f} ({c['naive_p50'] / c['p50']:.0f}× faster)"
            else:
                naive, ratio = "–", "–"
            lines.append(f"| {_size_label(res['size'])} | {label} | {_ms(c['p50'])} | {_ms(c['p95'])} | "
                         f"{_ms(c['p99'])} | {naive} | {ratio} | {c['items']} |")
    lines += ["", "| size | articles (corpus stories) | DB MB | ingest/s, warm synthetic (1 process) | corpus build | "
              "peak RSS MB | worst loop lag ms (median) | slowest of 50 ms (median) |",
              "|---|---:|---:|---:|---|---:|---:|---:|"]
    for res in results:
        b = res["corpus"]
        build = (f"{b['size'] - b['built_from']} in {b['build_seconds']:.0f} s, {b['build_workers']} proc "
                 f"({b['build_rate']:.0f}/s)")
        lines.append(f"| {_size_label(res['size'])} | {res['articles']} ({b['stories']}) | {res['db_mb']:.0f} | "
                     f"{res['ingest_rate']:.0f} | {build} | {res['peak_rss_mb']:.0f} | "
                     f"{_ms(res['loop_lag'])} ({_ms(res['loop_lag_median'])}) | "
                     f"{_ms(res['slowest'])} ({_ms(res['slowest_median'])}) |")
    return "\n".join(lines)


def check_targets(results: list[dict]) -> list[tuple[str, str, str, str]]:
    """(figure, target, measured, met?) for the sizes that were run."""
    by = {r["size"]: r for r in results}
    rows = []

    def worst_p95(size):
        return max(c["p95"] for c in by[size]["commands"].values())

    if 10_000 in by:
        w = worst_p95(10_000)
        rows.append((*TARGETS[0], f"{_ms(w)} ms", "yes" if w <= 0.050 else "no"))
    if 100_000 in by:
        w = worst_p95(100_000)
        rows.append((*TARGETS[1], f"{_ms(w)} ms", "yes" if w <= 0.150 else "no"))
    if 10_000 in by:
        ratios = [(c["naive_p50"] / c["p50"]) if c["naive_p50"] else float("inf")
                  for c in by[10_000]["commands"].values() if c["naive_p50"] or c["naive_capped"]]
        low = min(ratios) if ratios else float("nan")
        rows.append((*TARGETS[2], f"min {low:.0f}×", "yes" if low >= 20 else "no"))
    rate = min(r["ingest_rate"] for r in results)
    rows.append((*TARGETS[3], f"{rate:.0f} (slowest size)", "yes" if rate >= 200 else "no"))
    if 100_000 in by:
        rss = by[100_000]["peak_rss_mb"]
        rows.append((*TARGETS[4], f"{rss:.0f} MB", "yes" if rss <= 300 else "no"))
    lag = max(r["loop_lag"] for r in results)
    rows.append((*TARGETS[5], f"{_ms(lag)} ms", "yes" if lag <= 0.100 else "no"))
    slow = max(r["slowest"] for r in results)
    rows.append((*TARGETS[6], f"{_ms(slow)} ms", "yes" if slow <= 2.0 else "no"))
    return rows


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores ({model or platform.processor() or 'unknown CPU'}), "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.system()}")


def plot(results: list[dict], path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["size"] for r in results]
    fig, ax = plt.subplots(figsize=(11, 5.5))
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, label in enumerate(COMMANDS):
        colour = colours[i % len(colours)]
        ax.plot(sizes, [r["commands"][label.label]["p95"] * 1000 for r in results], "o-", color=colour,
                label=f"{label.label} p95")
        naive = [(r["size"], (r["commands"][label.label]["naive_p50"] or
                              (r["naive_cap"] if r["commands"][label.label]["naive_capped"] else None)))
                 for r in results]
        naive = [(s, v * 1000) for s, v in naive if v]
        if naive:
            ax.plot(*zip(*naive), "x--", color=colour, alpha=0.5)
    ax.plot([], [], "x--", color="grey", label="naive baseline p50 (same colour)")
    ax.axhline(150, color="red", lw=0.8, ls=":", label="target p95 at 100k (150 ms)")
    ax.axhline(50, color="orange", lw=0.8, ls=":", label="target p95 at 10k (50 ms)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("corpus size (articles)")
    ax.set_ylabel("latency (ms)")
    ax.set_title("briefbot: command latency vs corpus size (BotApp.handle)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_docs(results: list[dict], docs: Path, command_line: str, when: datetime | None = None,
               note: str = "") -> None:
    from bench import corpus as bench_corpus

    docs.mkdir(parents=True, exist_ok=True)
    plot(results, docs / "benchmarks.png")
    targets = check_targets(results)
    generated = "\n".join([
        DOC_BEGIN,
        f"Run: `{command_line}`{note} on {(when or datetime.now(timezone.utc)).strftime('%Y-%m-%d %H:%M UTC')}, "
        f"{machine()}. The machine is shared (other test runs compete for both cores), so read "
        "the medians; ours and the naive baseline ran in the same process, back to back.",
        "",
        "![latency against corpus size](benchmarks.png)",
        "",
        "### Latency and the naive baseline",
        "",
        render_tables(results),
        "",
        "### Targets",
        "",
        "| figure | target | measured | met |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in targets],
        "",
        "### How the corpora are made",
        "",
        (bench_corpus.__doc__ or "").strip(),
        "",
        "### How it is measured",
        "",
        (__doc__ or "").split("\n", 2)[2].split("The parent prints")[0].strip(),
        DOC_END,
    ])
    path = docs / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n" + DOC_BEGIN + "\n" + DOC_END + "\n"
    if DOC_BEGIN in text and DOC_END in text:
        head, rest = text.split(DOC_BEGIN, 1)
        tail = rest.split(DOC_END, 1)[1]
        text = head + generated + tail
    else:
        text = text.rstrip() + "\n\n" + generated + "\n"
    path.write_text(text, encoding="utf-8")


# ---- command line ------------------------------------------------------------------------
DEFAULT_SIZES = (1000, 10000, 100000)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    show_progress_logs()
    if argv[:1] == ["_ingest"]:
        p = argparse.ArgumentParser()
        for name in ("--start", "--stop", "--step", "--offset"):
            p.add_argument(name, type=int, required=True)
        p.add_argument("--db", required=True)
        a = p.parse_args(argv[1:])
        _ingest_worker(a.db, a.start, a.stop, a.step, a.offset)
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="comma-separated corpus sizes")
    parser.add_argument("--quick", action="store_true", help="few runs: checks that it completes, not speed")
    parser.add_argument("--runs", type=int, help="timed runs per command (default 60, quick 5)")
    parser.add_argument("--naive-runs", type=int, help="timed naive runs per command (default 5, quick 1)")
    parser.add_argument("--naive-cap", type=float, default=30.0, help="seconds before a naive run is cut off")
    parser.add_argument("--ingest-sample", type=int, help="articles ingested for throughput (default 300, quick 30)")
    parser.add_argument("--bursts", type=int, help="bursts of 50 concurrent commands (default 3, quick 1)")
    parser.add_argument("--workers", type=int, default=max(1, min(2, os.cpu_count() or 1)),
                        help="processes that build a missing corpus")
    parser.add_argument("--cache-dir", default=os.environ.get("BRIEFBOT_BENCH_CACHE", str(DEFAULT_CACHE)))
    parser.add_argument("--docs", help="where benchmarks.md/.png go (default docs/; a partial run, --quick or "
                                       "other --sizes than 1k,10k,100k, writes them only where this names)")
    parser.add_argument("--no-docs", action="store_true", help="print only")
    parser.add_argument("--json", help="also write the raw results here")
    parser.add_argument("--from-json", help="no run: print and write the docs from a --json file of an earlier run")
    parser.add_argument("--ingest", action="store_true",
                        help="only ingest of real articles in cold processes, beside a naive baseline (bench.ingest)")
    parser.add_argument("--rounds", type=int, help="--ingest: rounds of every method (default 5, quick 1)")
    parser.add_argument("--ingest-workers", type=int, default=2, help="--ingest: the workers compared with one")
    parser.add_argument("--_measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--_out", help=argparse.SUPPRESS)
    parser.add_argument("--_sample", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    runs = args.runs or (5 if args.quick else 60)
    naive_runs = args.naive_runs if args.naive_runs is not None else (1 if args.quick else 5)
    sample = args.ingest_sample or (30 if args.quick else 300)
    bursts = args.bursts or (1 if args.quick else 3)
    cache = Path(args.cache_dir)
    if args._measure:
        res = measure(args._measure, cache, runs, naive_runs, args.naive_cap, Path(args._sample), bursts)
        Path(args._out).write_text(json.dumps(res))
        return 0
    if args.from_json:
        source = Path(args.from_json)
        results = json.loads(source.read_text())
        stamps = [r["measured_at"] for r in results if r.get("measured_at")]
        when = (datetime.fromisoformat(min(stamps)) if stamps else
                datetime.fromtimestamp(source.stat().st_mtime, timezone.utc))
        print(render_tables(results))
        if not args.no_docs:
            write_docs(results, _docs(args), f"python -m bench --json {source.name}", when,
                       " (tables rendered from that file with `--from-json`)")
        return 0
    if not INDOSUM.exists():
        print(f"IndoSum data not found at {INDOSUM}", file=sys.stderr)
        return 2
    if args.ingest:
        return _ingest_bench(args, argv, cache)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = []
    for size in sizes:
        print(f"corpus of {size} articles", flush=True)
        ensure_corpus(cache, size, args.workers)
        out = Path(tempfile.mkstemp(suffix=".json", dir=cache)[1])
        from bench.corpus import RECIPE_VERSION
        sample_path = cache / f"sample-r{RECIPE_VERSION}-w2-{sample}.json"
        if not sample_path.exists():
            write_sample(sample_path, sample)
        cmd = [sys.executable, "-m", "bench", "--_measure", str(size), "--_out", str(out),
               "--_sample", str(sample_path), "--cache-dir",
               str(cache), "--runs", str(runs), "--naive-runs", str(naive_runs), "--naive-cap", str(args.naive_cap),
               "--ingest-sample", str(sample), "--bursts", str(bursts)]
        subprocess.run(cmd, check=True)
        results.append(json.loads(out.read_text()))
        out.unlink()
        print(render_tables(results[-1:]), flush=True)
    print()
    print(f"machine: {machine()}")
    print(render_tables(results))
    print()
    for figure, target, measured, met in check_targets(results):
        print(f"{figure:40s} {target:18s} {measured:22s} {met}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    target = docs_for(args, sizes)
    if target is not None:
        shown = "python -m bench " + " ".join(a for a in argv if not a.startswith("--_"))
        write_docs(results, target, shown.strip())
        print(f"wrote {target / 'benchmarks.md'} and benchmarks.png")
    elif not args.no_docs:
        print("docs/benchmarks.md not written: this run covers only some sizes or is --quick, and the page's "
              "table holds all of them (give --docs DIR to write one anyway)")
    return 0


def docs_for(args: argparse.Namespace, sizes: list[int]) -> Path | None:
    """Where a command run writes benchmarks.md/.png, or None. The generated section is one table over
    every size: a run of some sizes (or --quick) would replace the committed rows of the others, so
    it writes docs/ only when it ran them all, or where --docs names."""
    if args.no_docs:
        return None
    if args.docs:
        return Path(args.docs)
    return None if args.quick or sorted(sizes) != sorted(DEFAULT_SIZES) else _docs(args)


def _docs(args: argparse.Namespace) -> Path:
    return Path(args.docs) if args.docs else ROOT / "docs"


def _ingest_bench(args: argparse.Namespace, argv: list[str], cache: Path) -> int:
    from bench import ingest as bench_ingest

    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    result = bench_ingest.run(INDOSUM, SEEDS, args.rounds or (1 if args.quick else 5), args.ingest_workers,
                              cache / "ingest")
    print()
    print(f"machine: {machine()}, load average at the start {load}")
    print(bench_ingest.render(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    if not args.no_docs:
        shown = "python -m bench " + " ".join(a for a in argv if not a.startswith("--_"))
        bench_ingest.write_docs(result, _docs(args), shown.strip(), machine(), load)
        print(f"wrote {_docs(args) / 'benchmarks.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
