"""The one command registry every platform serves: name -> handler, help, admin flag."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from bot.models import Reply, Request

if TYPE_CHECKING:
    from bot.settings import Topic

# (context, request, reply language) -> Reply. The context is a bot.context.Context; typed Any
# because that module builds on this one (it holds the registry), and imports point one way.
Handler = Callable[[Any, Request, str], Reply]


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
    takes_file: bool = False  # reads Request.attachment: adapters download a file sent with it
    platforms: tuple[str, ...] = ()  # where it is offered; empty means everywhere (/start is Telegram's idiom)

    def serves(self, platform: str) -> bool:
        """Whether this command exists on `platform` (the console offers every command)."""
        return not self.platforms or platform in self.platforms or platform == "console"


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

    def closest(self, name: str, platform: str = "console") -> str | None:
        """The real command a mistyped name most likely meant, among those `platform` offers."""
        pool = [n for n in (*self.commands, *self._aliases) if self.commands[self._aliases.get(n, n)].serves(platform)]
        match = difflib.get_close_matches(name.lower(), pool, n=1, cutoff=0.5)
        return self._aliases.get(match[0], match[0]) if match else None

    def wants_file(self, name: str | None, principal: str, admins: set[str]) -> bool:
        """Whether an adapter should download a file sent with command `name` by `principal`:
        only for commands that read one, and for admin commands only an admin's."""
        command = self.get(name) if name else None
        return command is not None and command.takes_file and (not command.admin or principal in admins)

    def on(self, platform: str) -> list[Command]:
        """The commands `platform` offers, in registration order."""
        return [command for command in self.commands.values() if command.serves(platform)]

    def __iter__(self):
        return iter(self.commands.values())
