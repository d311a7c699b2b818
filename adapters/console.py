"""The terminal: one line in, the reply printed. The local operator counts as an admin."""
from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import tempfile
from pathlib import Path
from typing import Callable, Mapping, TextIO

from bot.app import parse_message
from bot.models import Reply, Request
from bot.platform import AppPort

PLATFORM = "console"
CHAT = "local"
PROMPT = "> "
HISTORY_LINES = 1000


def to_request(text: str) -> Request:
    """A console line as a Request from the local operator."""
    command, args = parse_message(text)
    return Request(platform=PLATFORM, chat=CHAT, user="operator", is_admin=True, command=command, args=args)


def render(reply: Reply, image_dir: Path | None = None) -> str:
    """Plain text; an image is written to a new temporary file (never the working directory) and its
    path printed. `image_dir` puts it elsewhere; the system's temp directory is cleaned by the OS."""
    text = reply.to_text()
    if reply.image is not None:
        if image_dir is not None:
            image_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(prefix="briefbot-chart-", suffix=".png", dir=image_dir,
                                         delete=False) as handle:
            handle.write(reply.image.png)
        text += f"\n[image: {reply.image.alt}] {handle.name}"
    return text


def ask_once(app: AppPort, text: str, as_json: bool = False) -> str:
    reply = app.handle(to_request(text))
    return json.dumps(reply.to_dict(), ensure_ascii=False) if as_json else render(reply)


def history_path() -> Path:
    """Where the console keeps its line history: $XDG_STATE_HOME/briefbot (~/.local/state/briefbot)."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "briefbot" / "console_history"


def _line_editing(app: AppPort) -> Callable[[], None]:
    """Arrows, Ctrl-R search and history across sessions (GNU readline via the standard library),
    Tab completing command names; returns what saves the history at the end."""
    try:
        import readline
    except ImportError:  # e.g. Windows without pyreadline: plain input() still works
        return lambda: None
    path = history_path()
    try:
        readline.read_history_file(path)
    except (FileNotFoundError, OSError):
        pass
    readline.set_history_length(HISTORY_LINES)
    names = sorted(f"/{c.name}" for c in app.registry)

    def complete(text: str, state: int) -> str | None:
        matches = [n + " " for n in names if n.startswith(text)] if text.startswith("/") else []
        return matches[state] if state < len(matches) else None

    readline.set_completer(complete)
    readline.set_completer_delims(" \t\n")
    readline.parse_and_bind("tab: complete")

    def save() -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(path)
        except OSError:  # a read-only home must not turn a clean exit into an error
            pass

    return save


def repl(app: AppPort, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """The interactive chat: /quit, Ctrl-D or Ctrl-C leaves; piped input is read line by line."""
    if not (stdin is sys.stdin and stdin.isatty()):
        return _piped(app, stdin, stdout)
    print("briefbot console — /help for commands, /quit or Ctrl-D to leave. "
          "Arrows and Ctrl-R recall earlier lines, Tab completes commands.", file=stdout)
    save_history = _line_editing(app)
    # Ctrl-C must leave even when the console was started with SIGINT ignored (inherited from a
    # shell's background job or a supervisor): Python then installs no KeyboardInterrupt handler.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        while True:
            try:
                line = input(PROMPT)
            except EOFError:  # Ctrl-D: leave on a fresh line, not after the prompt
                print(file=stdout)
                return 0
            if line.strip() in ("/quit", "/exit"):
                return 0
            if not line.strip():
                continue
            print(render(app.handle(to_request(line))), file=stdout, flush=True)
            print(file=stdout)
    except KeyboardInterrupt:  # Ctrl-C, at the prompt or during a long answer: leave quietly
        print(file=stdout)
        return 0
    finally:
        save_history()


def _piped(app: AppPort, stdin: TextIO, stdout: TextIO) -> int:
    for line in stdin:
        if line.strip() in ("/quit", "/exit"):
            return 0
        if line.strip():
            print(render(app.handle(to_request(line))), file=stdout, flush=True)
            print(file=stdout)
    return 0


class ConsoleAdapter:
    """Receives scheduled briefings in the `run` process: printed, or appended to a file."""

    platform = PLATFORM

    def __init__(self, app: AppPort, path: str = "") -> None:
        self.app = app
        self.path = Path(path) if path else None

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def deliver(self, chat: str, reply: Reply, thread: str | None = None) -> None:
        text = f"[briefing for console:{chat}]\n{render(reply)}\n"
        if self.path:
            await asyncio.to_thread(self._append, text)
        else:
            print(text, flush=True)

    def _append(self, text: str) -> None:
        with self.path.open("a", encoding="utf-8") as handle:  # type: ignore[union-attr]
            handle.write(text + "\n")


def factory(app: AppPort, env: Mapping[str, str]) -> ConsoleAdapter:
    """Always available: it needs no credentials."""
    return ConsoleAdapter(app, app.settings.schedule.console_file)


factory.platform = PLATFORM  # type: ignore[attr-defined]
factory.required_env = ""  # type: ignore[attr-defined]
factory.repl = repl  # type: ignore[attr-defined]
factory.ask_once = ask_once  # type: ignore[attr-defined]
