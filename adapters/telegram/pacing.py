"""Flood control: Telegram's per-chat, per-group and overall limits, and the wait a RetryAfter asks for."""
from __future__ import annotations

import warnings
from datetime import timedelta

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.warnings import PTBDeprecationWarning

from adapters.telegram.config import TelegramConfig


class Pacer:
    """Leaky buckets (aiolimiter) for Telegram's flood limits: overall, per chat, per group."""

    PRUNE_AT = 10_000

    def __init__(self, config: TelegramConfig) -> None:
        self.config = config
        self.overall = AsyncLimiter(config.messages_per_second, 1)
        self.chats: dict[str, AsyncLimiter] = {}
        self.groups: dict[str, AsyncLimiter] = {}

    async def wait(self, chat: str) -> None:
        """Return when one more message to `chat` keeps every bucket within its limit."""
        cfg = self.config
        if len(self.chats) > self.PRUNE_AT:
            self._prune()
        burst = cfg.chat_burst
        chat_limiter = self.chats.setdefault(chat, AsyncLimiter(burst, burst / cfg.chat_messages_per_second))
        await chat_limiter.acquire()
        if chat.startswith("-"):  # groups and channels have negative ids
            group = self.groups.setdefault(chat, AsyncLimiter(cfg.group_messages_per_minute, 60))
            await group.acquire()
        await self.overall.acquire()  # last, so waiting for one chat holds no global capacity

    def _prune(self) -> None:
        """Forget drained buckets, so a bot in many chats does not keep one per chat forever."""
        for buckets in (self.chats, self.groups):
            for chat, limiter in list(buckets.items()):
                if limiter.has_capacity(limiter.max_rate):
                    del buckets[chat]


def retry_seconds(exc: RetryAfter) -> float:
    """`RetryAfter.retry_after` is an int, or a timedelta with PTB_TIMEDELTA set (PTB >= 22.2)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
