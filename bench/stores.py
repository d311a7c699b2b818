"""`python -m bench.stores`: command latency on SQLite and PostgreSQL side by side, on the same corpus.

    python -m bench.stores --size 100000

One corpus of `--size` articles (the cached one `python -m bench` builds, built
here when missing), with every article's ``ingested_at`` spread over the last 12
hours as `python -m bench` does (the worst case for /brief). It is copied into a
fresh PostgreSQL database with `python -m bot.store.copy`'s `copy_store` (timed),
on a throw-away server started from Debian's binaries as the tests do, or on
``--pg URL`` (an empty database). Then one process holds a bot on each store and
times every command of the `python -m bench` list through ``BotApp.handle``,
interleaved (SQLite, PostgreSQL, SQLite, ...), after a warm-up, so that load on
the machine weighs on both alike; every reply is compared between the stores.

It prints a Markdown table and (unless --no-docs) rewrites the generated part of
docs/scaling.md. What it does not cover: concurrency (one command at a time), a
server on another machine (loopback here: no network latency), and a cold cache
(each command is warmed first).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.__main__ import (COMMANDS, DEFAULT_CACHE, INDOSUM, _checkpoint, _ms, _pct, _request, _restamp,
                            _size_label, corpus_path, ensure_corpus, machine)
from bot.settings import ROOT

DOC_BEGIN, DOC_END = "<!-- bench-stores:begin -->", "<!-- bench-stores:end -->"
STORES = ("sqlite", "postgresql")


def _reply_lines(app, cmd) -> list[str]:
    reply = app.handle(_request(cmd))
    return [reply.title] + [item.text for item in reply.items]


def _pg_bytes(store) -> int:
    return int(next(store.query("select pg_database_size(current_database()) as n"))["n"])


def measure(db: Path, url: str, runs: int, log=print) -> dict:
    """Copy `db` into the empty PostgreSQL `url`, then time every command on both, interleaved."""
    from bot.app import BotApp
    from bot.runtime import freeze_startup_objects
    from bot.settings import load_settings
    from bot.store import open_store
    from bot.store.copy import copy_store

    sqlite_store, pg_store = open_store(str(db)), open_store(url)
    t0 = time.perf_counter()
    copied = copy_store(sqlite_store, pg_store, log=lambda line: log(f"  copy: {line}"))
    copy_seconds = time.perf_counter() - t0
    apps = {"sqlite": BotApp(load_settings(None, env={}, db_path=str(db)), store=sqlite_store),
            "postgresql": BotApp(load_settings(None, env={}, db_path=url), store=pg_store)}
    freeze_startup_objects()
    result: dict = {"articles": sqlite_store.article_count(), "sentences": copied.get("sentences", 0),
                    "copy_seconds": copy_seconds, "sqlite_mb": db.stat().st_size / 2**20,
                    "postgresql_mb": _pg_bytes(pg_store) / 2**20, "runs": runs,
                    "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "load_start": os.getloadavg()[0], "commands": {}}
    for cmd in COMMANDS:
        replies = {name: _reply_lines(app, cmd) for name, app in apps.items()}
        for _ in range(2):  # warm-up: caches and the page cache of both stores
            for app in apps.values():
                app.handle(_request(cmd))
        times: dict[str, list[float]] = {name: [] for name in STORES}
        for _ in range(runs):
            for name in STORES:
                started = time.perf_counter()
                apps[name].handle(_request(cmd))
                times[name].append(time.perf_counter() - started)
        row = {name: {"p50": _pct(t, 50), "p95": _pct(t, 95)} for name, t in times.items()}
        row["same_reply"] = replies["sqlite"] == replies["postgresql"]
        row["same_top"] = replies["sqlite"][:2] == replies["postgresql"][:2]
        row["items"] = len(replies["sqlite"]) - 1
        result["commands"][cmd.label] = row
        log(f"  {cmd.label}: SQLite {_ms(row['sqlite']['p50'])} ms, PostgreSQL {_ms(row['postgresql']['p50'])} ms"
            f"{'' if row['same_reply'] else ' (replies differ)'}")
    result["load_end"] = os.getloadavg()[0]
    for app in apps.values():
        app.close()
    return result


def render(result: dict, size: int) -> str:
    lines = [f"{result['articles']} articles ({result['sentences']} sentences); SQLite file "
             f"{result['sqlite_mb']:.0f} MB, PostgreSQL database {result['postgresql_mb']:.0f} MB; copy into "
             f"PostgreSQL {result['copy_seconds']:.0f} s; {result['runs']} timed runs a command a store, "
             f"interleaved; load average {result['load_start']:.1f} at the start, {result['load_end']:.1f} at the end",
             "",
             "| size | command | SQLite p50 ms | SQLite p95 ms | PostgreSQL p50 ms | PostgreSQL p95 ms | "
             "PostgreSQL / SQLite (p50) | same reply |",
             "|---|---|---:|---:|---:|---:|---:|---|"]
    for label, row in result["commands"].items():
        sq, pg = row["sqlite"], row["postgresql"]
        same = "yes" if row["same_reply"] else ("top item" if row["same_top"] else "no")
        lines.append(f"| {_size_label(size)} | {label} | {_ms(sq['p50'])} | {_ms(sq['p95'])} | {_ms(pg['p50'])} | "
                     f"{_ms(pg['p95'])} | {pg['p50'] / sq['p50']:.1f} | {same} |")
    return "\n".join(lines)


def write_docs(text: str, docs: Path, shown: str) -> None:
    path = docs / "scaling.md"
    body = path.read_text()
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    block = f"{DOC_BEGIN}\n`{shown}` on {machine()}, {when}.\n\n{text}\n{DOC_END}"
    if DOC_BEGIN in body:
        body = re.sub(re.escape(DOC_BEGIN) + ".*?" + re.escape(DOC_END), lambda _: block, body, flags=re.S)
    else:
        body = body.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(body)


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stores", description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="corpus size in articles (default 100000)")
    parser.add_argument("--runs", type=int, default=30, help="timed runs a command a store (default 30)")
    parser.add_argument("--pg", help="an empty PostgreSQL database to copy into (default: a throw-away server)")
    parser.add_argument("--workers", type=int, default=2, help="processes that build a missing corpus")
    parser.add_argument("--cache-dir", default=os.environ.get("BRIEFBOT_BENCH_CACHE", str(DEFAULT_CACHE)))
    parser.add_argument("--docs", default=str(ROOT / "docs"), help="where scaling.md is")
    parser.add_argument("--no-docs", action="store_true", help="print only")
    args = parser.parse_args(argv)
    # A SIGTERM (a job runner's stop, `kill`) ends the run through the `finally` below like a Ctrl-C,
    # so the throw-away PostgreSQL server is stopped and deleted instead of left running.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    if not INDOSUM.exists():
        print(f"IndoSum data not found at {INDOSUM}", file=sys.stderr)
        return 2
    cache = Path(args.cache_dir)
    ensure_corpus(cache, args.size, args.workers)
    server, url = None, args.pg
    run_dir = Path(tempfile.mkdtemp(prefix="briefbot-bench-stores-", dir=cache))
    try:
        if url is None:
            sys.path.insert(0, str(ROOT))
            from tests.postgres_server import PostgresUnavailable, start_server
            try:
                server = start_server()
            except PostgresUnavailable as exc:
                print(f"no PostgreSQL to measure: {exc}; pass --pg URL", file=sys.stderr)
                return 2
            url = server.create_database("bench_stores")
        src = corpus_path(cache, args.size)
        from bot.store import open_store
        open_store(src).close()  # new migrations land in the cached copy once
        _checkpoint(src)
        db = run_dir / "bench.db"
        shutil.copyfile(src, db)
        _restamp(db)
        print(f"corpus of {args.size} articles: copying into PostgreSQL and timing", flush=True)
        try:
            result = measure(db, url, args.runs)
        except ValueError as exc:  # the target database is not empty
            print(f"cannot measure: {exc}", file=sys.stderr)
            return 2
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)
        if server is not None:
            server.stop()
    text = render(result, args.size)
    print(text)
    if not args.no_docs:
        shown = "python -m bench.stores " + " ".join(argv if argv is not None else sys.argv[1:])
        write_docs(text, Path(args.docs), shown.strip())
        print(f"wrote {Path(args.docs) / 'scaling.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
