"""Retrying a connection with exponential backoff inside a time budget (the store's and the job queue's)."""
from __future__ import annotations

import time
from typing import Callable, TypeVar

T = TypeVar("T")
FIRST_DELAY = 0.5  # seconds before the second try; doubled after each failure
MAX_DELAY = 10.0  # seconds between two tries, at most


def retry_with_backoff(attempt: Callable[[], T], budget: float, retryable: type[BaseException] | tuple,
                       on_retry: Callable[[BaseException, float], None],
                       sleep: Callable[[float], None] = time.sleep) -> T:
    """`attempt()` until it returns, for at most `budget` seconds; the last failure is raised after that.

    Before each wait, `on_retry(failure, seconds)` lets the caller log it (every time, or once).
    Only `retryable` failures are retried: anything else (a malformed URL) is raised at once.
    """
    give_up = time.monotonic() + budget
    delay = FIRST_DELAY
    while True:
        try:
            return attempt()
        except retryable as failure:
            left = give_up - time.monotonic()
            if left <= 0:
                raise
            wait = min(delay, left, MAX_DELAY)
            on_retry(failure, wait)
            sleep(wait)
            delay *= 2
