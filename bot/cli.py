"""python -m bot: console, ask, brief, ingest, run. Errors are one clear line, never a traceback."""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Sequence

from bot.app import BotApp
from bot.ingest import ingest_paths
from bot.platform import adapter_factories
from bot.settings import ConfigError


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="SQLite file (default: config bot.db, or env BRIEFBOT_DB)")
    common.add_argument("--config", help="TOML file overriding config/default.toml (or env BRIEFBOT_CONFIG)")
    common.add_argument("-v", "--verbose", action="store_true", help="log at INFO level")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(prog="python -m bot", description="briefbot: sourced news briefings.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("console", parents=[common], help="interactive chat in the terminal (as admin)")
    ask = sub.add_parser("ask", parents=[common], help="one message in, the reply out")
    ask.add_argument("text", nargs="*", help="a command such as /troops, or a free question")
    ask.add_argument("--batch", metavar="FILE", help="one message per line ('-' for stdin), one reply per line")
    ask.add_argument("--json", action="store_true", help="print the Reply as JSON (JSON Lines with --batch)")
    brief = sub.add_parser("brief", parents=[common], help="the briefing a subscriber would receive now")
    brief.add_argument("--json", action="store_true", help="print the Reply as JSON")
    ingest = sub.add_parser("ingest", parents=[common], help="ingest .txt/.jsonl files or directories")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--workers", type=_positive, default=1,
                        help="processes that analyse articles (one writes); the number of cores is a good choice")
    run = sub.add_parser("run", parents=[common], help="run the configured platform adapters and the scheduler")
    run.add_argument("--console", action="store_true",
                     help="no platform account: deliver scheduled briefings to the terminal only")
    sub.add_parser("slack-manifest", parents=[common], help="print a Slack app manifest (YAML) for this bot")
    return parser


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def _console():
    console = adapter_factories().get("console")
    if console is None:
        raise SystemExit("the console adapter is not installed: run `pip install -e .` first")
    return console


def _ask(app: BotApp, args: argparse.Namespace) -> int:
    console = _console()
    if args.batch:
        source = sys.stdin if args.batch == "-" else Path(args.batch).open(encoding="utf-8", errors="replace")
        with source:
            for line in source:
                if line.strip():
                    out = console.ask_once(app, line.strip(), args.json)
                    print(out if args.json else out.replace("\n", " | "), flush=True)
        return 0
    text = " ".join(args.text)
    if not text.strip():
        print("nothing to ask: give a command such as /troops or a question", file=sys.stderr)
        return 2
    print(console.ask_once(app, text, args.json))
    return 0


def _brief(app: BotApp, args: argparse.Namespace) -> int:
    from bot.commands.brief import brief
    from bot.models import Request

    reply = brief(app, Request(platform="console", chat="local", user="operator", is_admin=True,
                               command="brief"), app.language(Request("console", "local", "operator")))
    print(json.dumps(reply.to_dict(), ensure_ascii=False) if args.json else reply.to_text())
    return 0


def _ingest(app: BotApp, args: argparse.Namespace) -> int:
    bar = _progress_bar(args.paths)
    try:
        report = ingest_paths(app.store, args.paths, workers=args.workers,
                              progress=(lambda _outcome: bar.update()) if bar else None)
    finally:
        if bar:
            bar.close()
    print(report.summary())
    return 1 if report.errors and not report.added and not report.duplicates else 0


def _progress_bar(paths: Sequence[str]):
    """A tqdm bar (articles, articles/s) on an interactive terminal; None when stderr is a file or pipe."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: analysis workers are forked from this process
    return tqdm(total=_count_articles(paths), unit=" articles", unit_scale=False, dynamic_ncols=True,
                desc="ingest", file=sys.stderr)


def _count_articles(paths: Sequence[str]) -> int | None:
    """How many articles the paths hold (lines of .jsonl, one per .txt), for the bar's total; None if unknown."""
    total = 0
    try:
        for raw in paths:
            path = Path(raw)
            files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
            for file in files:
                if file.suffix == ".txt":
                    total += 1
                elif file.suffix == ".jsonl":
                    with file.open("rb") as handle:
                        total += sum(1 for line in handle if line.strip())
    except OSError:
        return None
    return total


def _slack_manifest(app: BotApp, args: argparse.Namespace) -> int:
    slack = adapter_factories().get("slack")
    if slack is None:
        print("the Slack adapter is not installed", file=sys.stderr)
        return 2
    print(slack.manifest(app))
    return 0


def _run(app: BotApp, args: argparse.Namespace) -> int:
    from bot.runtime import run

    try:
        return run(app, console_only=args.console)
    except ConfigError as exc:  # e.g. a bad SLACK_HTTP_PORT, or a token the platform rejected
        print(f"config error: {exc}", file=sys.stderr)
        return 2


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose or args.command == "run" else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        app = BotApp.from_config(args.config, args.db)
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"cannot open the database: {exc}", file=sys.stderr)
        return 2
    if args.command != "ingest":
        app.ensure_seeded()
    handlers = {"console": lambda a, _: _console().repl(a), "ask": _ask, "brief": _brief,
                "ingest": _ingest, "run": _run, "slack-manifest": _slack_manifest}
    try:
        return handlers[args.command](app, args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
