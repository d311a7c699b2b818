"""python -m bot: console, ask, brief, ingest, run, backup, health. Errors are one clear line, never a traceback.

The app and its libraries are imported only once the arguments are parsed, so
`--help` and `--version` answer at once; each command imports what it uses.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence, TypeVar

from bot.analysis_pool import WorkerDied
from bot.i18n import english
from bot.progress import Tracker, show_progress_logs
from bot.settings import ConfigError
from bot.store import DatabaseError, Store, StoreError, redact

if TYPE_CHECKING:
    from bot.app import BotApp
    from bot.settings import Settings

T = TypeVar("T")

DESCRIPTIONS = {
    "console": "Chat with the bot in the terminal, as its admin: the same commands as in Slack or Telegram. "
               "Line editing and history (arrows, Ctrl-R); /quit, Ctrl-D or Ctrl-C leaves.",
    "ask": "Send one message (a /command or a free question) and print the reply; with --batch, "
           "one reply per input line. Good for scripts and cron.",
    "brief": "Print the briefing a subscriber would receive now.",
    "ingest": "Add articles from .txt files (one article each) or .jsonl files (one JSON object per line "
              "with \"text\" and optional \"title\", \"url\", \"source\", \"published\"), or directories "
              "of them. Duplicates are recognised and skipped.",
    "run": "Serve the configured platforms (Slack, Telegram: tokens from the environment), the scheduled "
           "briefings and the feed refresh, plus a health endpoint on loopback. Stops on Ctrl-C or SIGTERM.",
    "worker": "Take source refreshes and ingest jobs from the job queue (several workers may share one "
              "PostgreSQL database; docs/scaling.md). Stops on Ctrl-C or SIGTERM after the job in hand.",
    "backup": "Copy the database to FILE with SQLite's online backup: safe while `run` is serving.",
    "health": "Ask a running `python -m bot run` on this machine whether it is healthy (platforms connected, "
              "scheduler running, database writable, last feed refresh); exit 0 if so, 1 if not. Used by the "
              "Docker HEALTHCHECK.",
    "slack-manifest": "Print a Slack app manifest (JSON) for this bot, checked against Slack's limits, to paste "
                      "at api.slack.com/apps; --http URL fills the request URLs for HTTP mode.",
    "sources": "Import the feeds of an OPML list (from a feed reader) as sources, names kept, or export the "
               "feed sources as OPML.",
}


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="SQLite file or postgresql:// URL (default: config bot.db, or env BRIEFBOT_DB)")
    common.add_argument("--config", help="TOML file overriding config/default.toml (or env BRIEFBOT_CONFIG)")
    common.add_argument("-v", "--verbose", action="store_true", help="log at INFO level")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(prog="python -m bot", description="briefbot: sourced news briefings.",
                                     epilog="`python -m bot COMMAND --help` describes a command. "
                                            "Docs: README.md and docs/ (docs/newsroom.md to deploy).")
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=help, description=DESCRIPTIONS[name])

    add("console", "interactive chat in the terminal (as admin)")
    ask = add("ask", "one message in, the reply out")
    ask.add_argument("text", nargs="*", help="a command such as /troops, or a free question")
    ask.add_argument("--batch", metavar="FILE", help="one message per line ('-' for stdin), one reply per line")
    ask.add_argument("--json", action="store_true", help="print the Reply as JSON (JSON Lines with --batch)")
    brief = add("brief", "the briefing a subscriber would receive now")
    brief.add_argument("--json", action="store_true", help="print the Reply as JSON")
    ingest = add("ingest", "ingest .txt/.jsonl files or directories")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--workers", type=_positive, default=usable_cores(),
                        help="processes that analyse articles: N-1 workers and this one, which also writes "
                             "(default: the cores this process may use, %(default)s here)")
    ingest.add_argument("--queue", action="store_true",
                        help="only queue the articles as jobs for `python -m bot worker` processes")
    run = add("run", "run the configured platform adapters and the scheduler")
    run.add_argument("--console", action="store_true",
                     help="no platform account: deliver scheduled briefings to the terminal only")
    worker = add("worker", "take refresh and ingest jobs from the queue")
    worker.add_argument("--once", action="store_true", help="stop when no job is ready instead of waiting for more")
    backup = add("backup", "copy the database to a file, safely while the bot runs")
    backup.add_argument("file", metavar="FILE", help="where the copy goes (an existing file is replaced)")
    add("health", "ask the running bot's health endpoint; exit 0 when healthy")
    src = sub.add_parser("sources", help="import or export the feed sources as OPML",
                         description=DESCRIPTIONS["sources"])
    src_sub = src.add_subparsers(dest="sources_command", required=True, metavar="ACTION")
    src_import = src_sub.add_parser("import", parents=[common], help="add every feed of an OPML file as a source",
                                    description="Add every feed of an OPML file as a source, with its name.")
    src_import.add_argument("file", metavar="FILE.opml")
    src_import.add_argument("--no-fetch", action="store_true",
                            help="only store the sources; the next refresh of `run` fetches them")
    src_export = src_sub.add_parser("export", parents=[common], help="write every feed source to an OPML file",
                                    description="Write every feed source to an OPML file, with its name.")
    src_export.add_argument("file", metavar="FILE.opml", help="'-' for standard output")
    manifest = sub.add_parser("slack-manifest", parents=[common],
                              help="print a Slack app manifest (JSON) for this bot, checked against Slack's limits",
                              description=DESCRIPTIONS["slack-manifest"])
    manifest.add_argument("--http", metavar="URL",
                          help="HTTP mode: the public https:// URL Slack calls (e.g. https://bot.example.org/slack/"
                               "events); without it the manifest is for Socket Mode")
    return parser


def usable_cores() -> int:
    """The cores this process may run on (a container's or taskset's limit, not the machine's count), at most 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # no sched_getaffinity (macOS)
        cores = os.cpu_count() or 1
    return max(1, min(8, cores))


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


class _Version(argparse.Action):
    """--version, looked up only when asked: importlib.metadata is slow to import for every --help."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"{parser.prog} {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("briefbot")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed: pip install -e .)"


def _console():
    from bot.platform import adapter_factories

    console = adapter_factories("console").get("console")
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


class _NotOpened(Exception):
    """The store could not be opened; `_started` has said why."""


class _LateTracker:
    """Progress counted into a bar that starts only once the store is open (see `_ingest`)."""

    def __init__(self) -> None:
        self.tracker: Tracker | None = None

    def advance(self, n: int = 1) -> None:
        if self.tracker is not None:
            self.tracker.advance(n)

    def note(self, text: str) -> None:
        if self.tracker is not None:
            self.tracker.note(text)


def _ingest(args: argparse.Namespace, settings: "Settings", opened: list[Store]) -> int:
    """`ingest`: the store is opened here, before the analysis when one process does all, or while
    the workers analyse their first articles when there are several (`bot.ingest.ingest_many`).

    The progress bar starts once the store is open: a database that cannot be opened is one
    line, not a bar at 0% with an error under it.
    """
    from bot.ingest import count_articles, ingest_paths, skip_seeds
    from bot.progress import progress

    bar = _LateTracker()
    with contextlib.ExitStack() as stack:
        def opener() -> Store:
            store = _started(args, lambda: _open_store(settings))
            if store is None:
                raise _NotOpened
            opened.append(store)
            skip_seeds(store)  # a database filled by ingest is the newsroom's corpus, not a demo
            # A bar with articles per second on a terminal, log lines otherwise (bot.progress).
            bar.tracker = stack.enter_context(progress(count_articles(args.paths), "ingest", "article"))
            return store

        try:
            store = opener() if args.workers <= 1 else None  # one process: nothing to overlap with
            report = ingest_paths(store, args.paths, workers=args.workers, tracker=bar, opener=opener)
        except _NotOpened:
            return 2
    print(report.summary())
    return 1 if report.errors and not report.added and not report.duplicates else 0


def _slack_manifest(app: BotApp, args: argparse.Namespace) -> int:
    from bot.platform import adapter_factories

    slack = adapter_factories("slack").get("slack")
    if slack is None:
        print("the Slack adapter is not installed", file=sys.stderr)
        return 2
    try:
        print(slack.manifest(app, args.http))
    except ConfigError as exc:  # a limit Slack would refuse the manifest for, named
        print(f"config error: {exc}", file=sys.stderr)
        return 2
    return 0


def _sources(app: BotApp, args: argparse.Namespace) -> int:
    """`sources import FILE` (then fetch each new feed, one line each) or `sources export FILE`."""
    from bot import opml
    from bot.commands.opml import import_reply
    from bot.commands.sources import error_text
    from bot.sources import refresh_source

    lang = app.language(_operator())
    if args.sources_command == "export":
        document, left_out = opml.export(app.store)
        if args.file == "-":
            sys.stdout.buffer.write(document)
        else:
            Path(args.file).write_bytes(document)
            print(f"wrote {args.file}" + (english(" ({count} page or pasted-text {count:source|sources} left out: "
                                                  "OPML lists feeds)", count=left_out) if left_out else ""))
        return 0
    path = Path(args.file)
    reply = import_reply(app, path.read_bytes(), path.name, "console", lang)
    print(reply.to_text())
    if reply.ephemeral:  # the file was refused; the reply says why
        return 1
    if not args.no_fetch:
        for item in reply.items:
            if "id" in item.extra:
                run = refresh_source(app, item.extra["id"])
                outcome = (error_text(run.error.code, run.error.values, lang) if run.error
                           else english("{added} {added:article|articles}", added=run.added))
                print(f"fetched #{run.source_id} {run.name}: {outcome}", flush=True)
    return 0


def _operator():
    from bot.models import Request

    return Request("console", "local", "operator")


def _run(app: BotApp, args: argparse.Namespace) -> int:
    from bot.runtime import run

    try:
        return run(app, console_only=args.console)
    except ConfigError as exc:  # e.g. a bad SLACK_HTTP_PORT, or a token the platform rejected
        print(f"config error: {exc}", file=sys.stderr)
        return 2


def _backup(args: argparse.Namespace) -> int:
    """Before any BotApp: opening one would create (and migrate) a database that is not there."""
    from bot.settings import load_settings
    from bot.store import backup

    try:
        db = load_settings(args.config, db_path=args.db).db_path
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return 2
    try:
        pages = backup(db, args.file)
    except (OSError, *DatabaseError) as exc:
        print(f"backup failed: {exc}", file=sys.stderr)
        return 1
    print(f"backed up {db} to {args.file} ({pages} pages)")
    return 0


def _health(args: argparse.Namespace) -> int:
    """Before any BotApp: a probe must be quick and must not touch the database itself."""
    from bot.health import health_address, probe
    from bot.settings import load_settings

    try:
        host, port = health_address(load_settings(args.config, db_path=args.db))
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return 2
    if port == 0:
        print("the health endpoint is off (health.port = 0)", file=sys.stderr)
        return 2
    healthy, report = probe(host, port)
    print(report)
    return 0 if healthy else 1


_finished_state = {"teardown_skippable": False}


def exit_fast(code: int) -> None:
    """Leave at once with `code` after a bulk ingest that stored everything and closed the store.

    The interpreter's own exit frees, one by one, the million small objects an
    ingest leaves in its caches and tables: 0.1-0.25 s, longer than ingesting
    twenty articles (issue 21). Nothing is left to do by then (no other thread,
    no worker process, the store closed), so buffered output is flushed and the
    process ends without that clean-up. After any other command, or if anything
    is still running, returns and lets the normal exit happen.
    """
    import multiprocessing
    import threading

    if not _finished_state["teardown_skippable"] or threading.active_count() > 1 \
            or multiprocessing.active_children():
        return
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`| head`): nothing more can be written anyway
            pass
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose or args.command in ("run", "worker") else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    show_progress_logs()  # long steps say how far they are, even in a pipe
    if args.command in ("backup", "health"):
        return _backup(args) if args.command == "backup" else _health(args)
    if args.command == "worker" or (args.command == "ingest" and args.queue):
        from bot.coordination import cli as coordination  # its own start-up: the queue first, then the store

        return coordination.worker(args.config, args.db, args.once) if args.command == "worker" else \
            coordination.queue_ingest(args.config, args.db, args.paths)
    if args.command == "ingest":
        # Only the settings and the store: the bot's commands are not imported nor set up for a bulk
        # ingest (about 0.2 s of every cold `python -m bot ingest`, issue 21).
        settings = _started(args, lambda: _settings(args))  # a config error before any work
        if settings is None:
            return 2
        opened: list[Store] = []
        try:
            code = _guarded(settings.db_path, lambda: _ingest(args, settings, opened))
        finally:
            for store in opened:
                store.close()
        _finished_state["teardown_skippable"] = True
        return code
    app = _started(args, lambda: _open_app(args))
    if app is None:
        return 2
    handlers = {"console": lambda a, _: _console().repl(a), "ask": _ask, "brief": _brief,
                "run": _run, "slack-manifest": _slack_manifest, "sources": _sources}

    def handle() -> int:
        app.ensure_seeded()
        return handlers[args.command](app, args)

    return _guarded(app.settings.db_path, handle)


def _open_app(args: argparse.Namespace) -> "BotApp":
    from bot.app import BotApp  # here, not at the top: --help must not wait for the libraries

    return BotApp.from_config(args.config, args.db)


def _settings(args: argparse.Namespace) -> "Settings":
    from bot.settings import load_settings

    return load_settings(args.config, db_path=args.db)


def _open_store(settings: "Settings") -> Store:
    from bot.store import open_store

    return open_store(settings.db_path, connect_retry_seconds=settings.bot.db_connect_retry_seconds)


def _started(args: argparse.Namespace, start: Callable[[], T]) -> T | None:
    """`start()`, or None after one line naming what kept the settings or the database from opening."""
    try:
        return start()
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
    except StoreError as exc:  # names the file and what is wrong with it
        print(f"cannot open the database: {exc} (docs/newsroom.md)", file=sys.stderr)
    except (OSError, *DatabaseError) as exc:
        # Most often a directory the bot's user cannot write (a root-owned Docker bind mount).
        print(f"cannot open the database: {redact(args.db or os.environ.get('BRIEFBOT_DB') or 'briefbot.db')}: {exc}; "
              "check that this user can write to it and to its directory (docs/newsroom.md)", file=sys.stderr)
    return None


def _guarded(db_path: str, command: Callable[[], int]) -> int:
    """`command()`'s exit code; a database or system error is one line, never a traceback."""
    try:
        return command()
    except DatabaseError as exc:  # e.g. a database file that became read-only, a server gone
        print(f"database error ({redact(db_path)}): {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except WorkerDied as exc:  # e.g. killed for memory: what was stored before it is kept
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
