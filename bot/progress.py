"""Progress on long steps: a tqdm bar on a terminal, a log line now and then otherwise.

    with progress(total=len(files), desc="seeding", unit="article") as bar:
        for f in files:
            ...
            bar.advance()

or, for a plain loop, ``for item in track(items, desc="refresh", unit="source"): ...``.

On a terminal (the stream is a TTY) the user sees tqdm's bar with the rate
("12.3 article/s"). Elsewhere (a service, a pipe, a log file) a bar would be
noise, so the logger ``bot.progress`` gets one line at the start, one at most
every `log_every` seconds, and one at the end with the count, the time and the
rate. tqdm is imported only when a bar is drawn, so commands that never show
one do not pay for it.
"""
from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Protocol, TypeVar

from bot.i18n import english

log = logging.getLogger("bot.progress")
T = TypeVar("T")
DEFAULT_LOG_EVERY = 5.0  # seconds between progress lines in logs


class Tracker(Protocol):
    def advance(self, n: int = 1) -> None:
        """Count `n` more items done."""

    def note(self, text: str) -> None:
        """Show what is being worked on now (the bar's postfix; a log line only at debug level)."""


class _LogTracker:
    """No terminal: a line per step (start, every `log_every` s, end) to the `bot.progress` logger."""

    def __init__(self, total: int | None, desc: str, unit: str, log_every: float,
                 clock=time.monotonic) -> None:
        self.total, self.desc, self.unit, self.log_every, self.clock = total, desc, unit, log_every, clock
        self.done = 0
        self.started = self.last = clock()
        of = f" of {total}" if total is not None else ""
        log.info("%s: started (0%s %s)", desc, of, self._units(0 if total is None else total))

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = self.clock()
        if now - self.last >= self.log_every:
            self.last = now
            of = f"/{self.total}" if self.total is not None else ""
            log.info("%s: %d%s %s (%s)", self.desc, self.done, of,
                     self._units(self.done if self.total is None else self.total), self._rate(now))

    def note(self, text: str) -> None:
        log.debug("%s: %s", self.desc, text)

    def close(self) -> None:
        now = self.clock()
        log.info("%s: %d %s in %.1f s (%s)", self.desc, self.done, self._units(self.done), now - self.started,
                 self._rate(now))

    def _units(self, count: int) -> str:
        """The unit as English counts `count` of them: "1 article", "0 articles"."""
        return english("{count:%s|%ss}" % (self.unit, self.unit), count=count)

    def _rate(self, now: float) -> str:
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        return f"{rate:.1f} {self.unit}s/s"


class _BarTracker:
    """A terminal: tqdm's bar on the stream, cleared when done so the reply that follows stands alone."""

    def __init__(self, total: int | None, desc: str, unit: str, stream: IO[str], leave: bool) -> None:
        from tqdm import tqdm  # only when a bar is actually drawn

        # No monitor thread: `ingest --workers N` forks its analysis workers only from a single-threaded process.
        tqdm.monitor_interval = 0
        self.bar = tqdm(total=total, desc=desc, unit=unit, file=stream, leave=leave,
                        dynamic_ncols=True, mininterval=0.2)

    def advance(self, n: int = 1) -> None:
        self.bar.update(n)

    def note(self, text: str) -> None:
        self.bar.set_postfix_str(text[:40], refresh=False)

    def close(self) -> None:
        self.bar.close()


def show_progress_logs() -> None:
    """Let progress lines through even where other INFO lines are hidden (a command-line tool's default).

    Configures logging to stderr if nothing has yet, so a script's stderr shows them.
    """
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    log.setLevel(logging.INFO)


def is_terminal(stream: IO[str] | None) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (ValueError, OSError):  # a closed or odd stream
        return False


@contextmanager
def progress(total: int | None = None, desc: str = "", unit: str = "item", *, stream: IO[str] | None = None,
             leave: bool = True, log_every: float = DEFAULT_LOG_EVERY) -> Iterator[Tracker]:
    """A tracker for one long step; the bar (or the closing log line) is finished when the block ends."""
    stream = sys.stderr if stream is None else stream
    tracker: _BarTracker | _LogTracker
    if is_terminal(stream):
        tracker = _BarTracker(total, desc, unit, stream, leave)
    else:
        tracker = _LogTracker(total, desc, unit, log_every)
    try:
        yield tracker
    finally:
        tracker.close()


def track(items: Iterable[T], desc: str, unit: str = "item", total: int | None = None, **options) -> Iterator[T]:
    """Yield `items`, counting each one as done once the loop body has handled it."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with progress(total, desc, unit, **options) as bar:
        for item in items:
            yield item
            bar.advance()
