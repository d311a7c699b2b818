"""What command handlers and services may use: the narrow context, instead of the whole BotApp.

A handler gets a `Context` (store, settings, the command registry, the chat's language, pending
follow-ups, and a hook to announce that a subscription changed). It never sees the worker pools,
the adapters or the scheduler: the scheduler listens to `subscription_changed`, so a command that
changes a subscription does not need to find it.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Callable

from bot.models import Request
from bot.registry import Registry
from bot.settings import Settings
from bot.store import Store
from summarizer.tokens import detect_language

log = logging.getLogger(__name__)
SubscriptionListener = Callable[[int], None]  # (subscription id) -> None


class Followups:
    """The command the next free text of a user in a chat goes to (e.g. /addtext asks for the text)."""

    def __init__(self) -> None:
        self._pending: dict[tuple[str, str, str], str] = {}
        self._lock = threading.Lock()  # handlers run in worker threads

    def expect(self, req: Request, command: str) -> None:
        with self._lock:
            self._pending[(req.platform, req.chat, req.user)] = command

    def waiting(self, platform: str, chat: str, user: str) -> bool:
        """Whether this user's next message in this chat is awaited (an adapter may then let it through)."""
        with self._lock:
            return (platform, chat, user) in self._pending

    def take(self, req: Request) -> str | None:
        """The awaited command for this message, once."""
        with self._lock:
            return self._pending.pop((req.platform, req.chat, req.user), None)


class SubscriptionHook:
    """Listeners told that a subscription changed (created, paused, resumed, ended).

    Called from any thread; each listener is responsible for getting back to its own loop.
    """

    def __init__(self) -> None:
        self._listeners: list[SubscriptionListener] = []

    def connect(self, listener: SubscriptionListener) -> None:
        self._listeners.append(listener)

    def disconnect(self, listener: SubscriptionListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def __call__(self, sub_id: int) -> None:
        for listener in list(self._listeners):
            try:
                listener(sub_id)
            except Exception:  # a listener's failure must not fail the command that made the change
                log.exception("subscription listener failed for %d", sub_id)


@dataclass
class Context:
    """Everything a handler or service may touch."""

    settings: Settings
    store: Store
    registry: Registry = field(default_factory=Registry)
    followups: Followups = field(default_factory=Followups)
    subscription_changed: SubscriptionHook = field(default_factory=SubscriptionHook)

    def language(self, req: Request) -> str:
        """The chat's /lang choice; without one, an English question gets an English reply."""
        chosen = self.store.chat_language(req.platform, req.chat)
        if chosen:
            return chosen
        if req.command is None and len(req.args.split()) >= 3 and detect_language(req.args) == "en":
            return "en"
        return self.settings.bot.language

    def is_admin(self, principal: str) -> bool:
        """Admins come from config plus BRIEFBOT_ADMINS; the local console operator is one."""
        return principal in self.settings.admins()
