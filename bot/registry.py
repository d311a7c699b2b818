"""The one command registry every platform serves: name -> handler, help, admin flag."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from bot.models import Reply, Request

if TYPE_CHECKING:
    from bot.app import BotApp
    from bot.settings import Topic

Handler = Callable[["BotApp", Request, str], Reply]  # (app, request, reply language) -> Reply


@dataclass(frozen=True)
class Command:
    """A command as users see it on every platform."""

    name: str
    handler: Handler
    help: dict[str, str]  # one line per language: "id", "en"
    admin: bool = False
    usage: str = ""  # argument synopsis, e.g. "NAME"
    topic: "Topic | None" = None
    aliases: tuple[str, ...] = ()
    long_text: bool = False  # takes a pasted article, not just a question-sized message
    network: bool = False  # fetches from the web (e.g. /addsource): runs on the source workers, not chat's


@dataclass
class Registry:
    commands: dict[str, Command] = field(default_factory=dict)
    _aliases: dict[str, str] = field(default_factory=dict)

    def add(self, command: Command) -> None:
        for name in (command.name, *command.aliases):
            if name in self.commands or name in self._aliases:
                raise ValueError(f"command /{name} registered twice")
        self.commands[command.name] = command
        for alias in command.aliases:
            self._aliases[alias] = command.name

    def get(self, name: str) -> Command | None:
        name = name.lower()
        return self.commands.get(self._aliases.get(name, name))

    def closest(self, name: str) -> str | None:
        """The real command a mistyped name most likely meant."""
        pool = [*self.commands, *self._aliases]
        match = difflib.get_close_matches(name.lower(), pool, n=1, cutoff=0.5)
        return self._aliases.get(match[0], match[0]) if match else None

    def __iter__(self):
        return iter(self.commands.values())
