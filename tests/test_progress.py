"""bot.progress: a bar on a terminal, log lines elsewhere."""
from __future__ import annotations

import io
import logging
import fcntl
import os
import struct
import termios

from bot import progress as progress_mod
from bot.progress import progress, track


def test_not_a_terminal_logs_start_and_end_with_the_rate(caplog):
    stream = io.StringIO()
    with caplog.at_level(logging.INFO, logger="bot.progress"):
        with progress(total=3, desc="seeding", unit="article", stream=stream) as bar:
            for _ in range(3):
                bar.advance()
    assert stream.getvalue() == ""  # no bar characters in a pipe or log file
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.progress"]
    assert lines[0] == "seeding: started (0 of 3 articles)"
    assert lines[-1].startswith("seeding: 3 articles in ")
    assert lines[-1].endswith("articles/s)")


def test_log_lines_count_in_words(caplog):
    with caplog.at_level(logging.INFO, logger="bot.progress"):
        with progress(total=1, desc="ingest", unit="article", stream=io.StringIO()) as bar:
            bar.advance()
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.progress"]
    assert lines[0] == "ingest: started (0 of 1 article)"
    assert lines[-1].startswith("ingest: 1 article in ") and lines[-1].endswith("articles/s)")


def test_log_lines_are_throttled_by_time(caplog):
    now = [0.0]
    with caplog.at_level(logging.INFO, logger="bot.progress"):
        tracker = progress_mod._LogTracker(100, "refresh", "source", log_every=5.0, clock=lambda: now[0])
        for step in range(100):
            now[0] = step * 0.5  # 50 s in all: a line every 5 s, not every item
            tracker.advance()
        tracker.close()
    lines = [r.getMessage() for r in caplog.records]
    assert 9 <= len(lines) <= 13
    assert "refresh: 11/100 sources" in lines[1]


def test_track_counts_items_after_the_loop_body(caplog):
    with caplog.at_level(logging.INFO, logger="bot.progress"):
        seen = list(track(["a", "b"], desc="bench", unit="run", stream=io.StringIO()))
    assert seen == ["a", "b"]
    assert caplog.records[-1].getMessage().startswith("bench: 2 runs in ")


def test_a_terminal_gets_a_tqdm_bar_with_the_rate():
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a new pty is 0 columns wide
    with os.fdopen(slave, "w", buffering=1, closefd=True) as tty:
        with progress(total=4, desc="ingest", unit="article", stream=tty) as bar:
            for _ in range(4):
                bar.advance()
    drawn = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    os.close(master)
    text = drawn.decode()
    assert "ingest: 100%" in text
    assert "4/4" in text and "article/s" in text
