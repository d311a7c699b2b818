"""Sending at Slack's pace: one message a second per channel, and waiting out a 429's Retry-After."""
from __future__ import annotations

import asyncio
import math
import time
from contextlib import asynccontextmanager
from typing import AsyncIterator

from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler, async_default_handlers


class ChannelPacer:
    """chat.postMessage allows about one message a second per channel: wait our turn instead of a 429."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._last: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    @asynccontextmanager
    async def turn(self, channel: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(channel, asyncio.Lock())
        async with lock:
            wait = self._last.get(channel, -math.inf) + self.interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                self._last[channel] = time.monotonic()


def retry_handlers(rate_limit_retries: int) -> list[AsyncRetryHandler]:
    """slack_sdk's defaults (connection errors) plus waiting out 429 Retry-After, so nothing is lost."""
    return [*async_default_handlers(), AsyncRateLimitErrorRetryHandler(max_retry_count=rate_limit_retries)]
