"""The terminal: one line in, the reply printed. The local operator counts as an admin."""
from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Mapping, TextIO

from bot.app import BotApp, parse_message
from bot.models import Reply, Request

PLATFORM = "console"
CHAT = "local"


def to_request(text: str) -> Request:
    """A console line as a Request from the local operator."""
    command, args = parse_message(text)
    return Request(platform=PLATFORM, chat=CHAT, user="operator", is_admin=True, command=command, args=args)


def render(reply: Reply, image_dir: Path | None = None) -> str:
    """Plain text; an image is written to a file and its path printed."""
    text = reply.to_text()
    if reply.image is not None:
        directory = image_dir or Path.cwd()
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"briefbot-{abs(hash(reply.image.png)) % 10**8:08d}.png"
        path.write_bytes(reply.image.png)
        text += f"\n[image: {reply.image.alt}] {path}"
    return text


def ask_once(app: BotApp, text: str, as_json: bool = False) -> str:
    reply = app.handle(to_request(text))
    return json.dumps(reply.to_dict(), ensure_ascii=False) if as_json else render(reply)


def repl(app: BotApp, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """The interactive chat: /quit or end of input leaves."""
    interactive = stdin.isatty()
    if interactive:
        print("briefbot console — /help for commands, /quit to leave.", file=stdout)
    while True:
        if interactive:
            print("> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line or line.strip() in ("/quit", "/exit"):
            return 0
        if not line.strip() and not interactive:
            continue
        print(render(app.handle(to_request(line))), file=stdout, flush=True)
        print(file=stdout)


class ConsoleAdapter:
    """Receives scheduled briefings in the `run` process: printed, or appended to a file."""

    platform = PLATFORM

    def __init__(self, app: BotApp, path: str = "") -> None:
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


def factory(app: BotApp, env: Mapping[str, str]) -> ConsoleAdapter:
    """Always available: it needs no credentials."""
    return ConsoleAdapter(app, app.settings.get("schedule.console_file"))


factory.platform = PLATFORM  # type: ignore[attr-defined]
factory.required_env = ""  # type: ignore[attr-defined]
factory.repl = repl  # type: ignore[attr-defined]
factory.ask_once = ask_once  # type: ignore[attr-defined]
