"""What bot expects of a platform adapter, and how it finds them without importing them.

Imports point one way (adapters -> bot), so bot discovers adapters through the
`briefbot.adapters` entry-point group declared in pyproject.toml, the standard
plugin mechanism of Python packaging.
"""
from __future__ import annotations

import logging
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Mapping, Protocol

from bot.models import Reply, Request

if TYPE_CHECKING:
    from bot.registry import Registry
    from bot.settings import Settings

log = logging.getLogger(__name__)
ENTRY_POINT_GROUP = "briefbot.adapters"


class ChatGone(Exception):
    """The chat cannot be reached any more (blocked, kicked, archived): stop sending to it."""


class AppPort(Protocol):
    """All an adapter may use of the app (bot.app.BotApp is one): dispatch, the command list for
    menus, settings (the typed sections, and its own raw `adapter_section`), and the few questions
    a platform needs answered."""

    @property
    def settings(self) -> "Settings": ...

    @property
    def registry(self) -> "Registry": ...

    def handle(self, req: Request) -> Reply: ...

    async def handle_async(self, req: Request) -> Reply: ...

    def language(self, req: Request) -> str:
        """The reply language of the chat `req` comes from."""

    def is_admin(self, principal: str) -> bool: ...

    def awaits_followup(self, platform: str, chat: str, user: str) -> bool:
        """Whether the bot asked this user in this chat for more (a group's message is then for it)."""


class Adapter(Protocol):
    """A running platform connection."""

    platform: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def deliver(self, chat: str, reply: Reply, thread: str | None = None) -> None:
        """Send an unsolicited reply (a scheduled briefing), into `thread` (a forum topic) where the
        platform has them; raise ChatGone when the chat is gone."""


class AdapterFactory(Protocol):
    """What an entry point names: builds an adapter when its credentials are present."""

    platform: str
    required_env: str  # human description of the variables it needs, for `run` without any

    def __call__(self, app: AppPort, env: Mapping[str, str]) -> Adapter | None: ...


def adapter_factories(only: str | None = None) -> dict[str, AdapterFactory]:
    """Every installed adapter factory, by platform name; `only` loads just that one.

    Loading a factory imports its platform library (PTB, slack_bolt: about a
    second together), so the console commands load the console alone.
    """
    found: dict[str, AdapterFactory] = {}
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if only is not None and entry.name != only:
            continue
        try:
            found[entry.name] = entry.load()
        except Exception:  # a broken optional adapter must not stop the others
            log.exception("could not load adapter %s", entry.name)
    return found
