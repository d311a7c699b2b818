"""What command handlers and services may use: the narrow context, instead of the whole BotApp.

A handler gets a `Context` (store, settings, the command registry, the chat's language, pending
follow-ups, and a hook to announce that a subscription changed). It never sees the worker pools,
the adapters or the scheduler: the scheduler listens to `subscription_changed`, so a command that
changes a subscription does not need to find it.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable

from bot.models import Request
from bot.registry import Registry
from bot.settings import Settings
from bot.store import Store, StoreError, utcnow
from summarizer.tokens import detect_language

log = logging.getLogger(__name__)
SubscriptionListener = Callable[[int], None]  # (subscription id) -> None
FOLLOWUP_MINUTES = 30  # how long a question like /addtext's waits for its answer


class Followups:
    """The command the next free text of a user in a chat goes to (e.g. /addtext asks for the text).

    Kept in the store, not in memory: with several `run` processes behind a load balancer the
    user's next message may reach another process, which must still know it was asked for.
    A follow-up not answered within `minutes` lapses: a message days later is a question again.
    """

    def __init__(self, store: Store, minutes: int = FOLLOWUP_MINUTES) -> None:
        self.store = store
        self.minutes = minutes

    def expect(self, req: Request, command: str) -> None:
        expires = (datetime.now(timezone.utc) + timedelta(minutes=self.minutes)).isoformat(timespec="seconds")
        with self.store.write() as tx:
            tx.upsert("followups", {"platform": req.platform, "chat": req.chat, "user_id": req.user,
                                    "command": command, "expires_at": expires}, pk=("platform", "chat", "user_id"))

    def waiting(self, platform: str, chat: str, user: str) -> bool:
        """Whether this user's next message in this chat is awaited (an adapter may then let it through)."""
        try:
            rows = self.store.query("select 1 as one from followups where platform = ? and chat = ? and user_id = ? "
                                    "and expires_at > ?", (platform, chat, user, utcnow()))
            return bool(list(rows))
        except StoreError as exc:  # the message is then treated as chatter; the next one asks again
            log.warning("follow-ups unreadable: %s", exc)
            return False

    def take(self, req: Request) -> str | None:
        """The awaited command for this message, once (across processes: the delete decides)."""
        # Every question passes here: a read first, so that only a message that was asked for
        # takes the write lock (on SQLite one writer at a time, shared with ingest).
        asked = self.store.query("select 1 as one from followups where platform = ? and chat = ? and user_id = ?",
                                 (req.platform, req.chat, req.user))
        if not list(asked):
            return None
        with self.store.write() as tx:
            rows = list(tx.query("delete from followups where platform = ? and chat = ? and user_id = ? "
                                 "returning command, expires_at", (req.platform, req.chat, req.user)))
        return rows[0]["command"] if rows and rows[0]["expires_at"] > utcnow() else None


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
    followups: Followups = field(init=False)
    subscription_changed: SubscriptionHook = field(default_factory=SubscriptionHook)

    def __post_init__(self) -> None:
        self.followups = Followups(self.store)

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
