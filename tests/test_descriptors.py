"""Open file descriptors stay flat: over 10,000 chat commands, across worker threads, and after close()."""
from __future__ import annotations

import asyncio
import os
import shutil
import threading

import pytest

from bot.app import BotApp, parse_message
from bot.models import Request
from bot.settings import load_settings

if not os.path.isdir("/proc/self/fd"):  # Linux (CI) has it; elsewhere there is nothing to count with
    pytest.skip("needs /proc/self/fd", allow_module_level=True)

# Mostly cheap commands so 10,000 fit in seconds; figures and a free question now and then.
MIX = ["/help", "/sources", "/brief", "/lang id", "/nosuch", "/about Kim", "/help", "/sources", "/kursk", "/audit"]


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def _message(number: int) -> tuple[str | None, str]:
    if number % 500 == 0:
        return parse_message("berapa tentara Korea Utara di Kursk?")
    return parse_message("/troops" if number % 50 == 0 else MIX[number % len(MIX)])


@pytest.mark.slow
async def test_10000_commands_keep_open_descriptors_flat(app: BotApp):
    async def batch(start: int, size: int) -> None:
        requests = []
        for number in range(start, start + size):
            command, args = _message(number)
            requests.append(Request(("console", "slack", "telegram")[number % 3], f"chat{number % 40}",
                                    f"user{number % 7}", is_admin=number % 5 == 0, command=command, args=args))
        replies = await asyncio.gather(*(app.handle_async(req) for req in requests))
        assert all(reply.title for reply in replies)

    for start in range(0, 1000, 50):  # warm up: every chat worker has started and opened its connection
        await batch(start, 50)
    warm = open_descriptors()
    counts = []
    for start in range(1000, 10_000, 50):
        await batch(start, 50)
        if start % 1000 == 950:
            counts.append(open_descriptors())
    print(f"open descriptors after warm-up {warm}, then every 1,000 commands: {counts}")
    assert max(counts) <= warm + 2, (warm, counts)  # flat: a leak of one per command would add 9,000
    assert app.store.open_connections() <= int(app.settings.bot.chat_workers) + 1


def test_connections_of_ended_threads_are_closed(app: BotApp):
    def one_query() -> None:
        list(app.store.query("select count(*) from articles"))

    first = threading.Thread(target=one_query)
    first.start()
    first.join()
    before = open_descriptors()
    for _ in range(200):  # like refresh_due's short-lived pools: a new thread each time
        thread = threading.Thread(target=one_query)
        thread.start()
        thread.join()
    assert open_descriptors() <= before + 2
    assert app.store.open_connections() <= 3  # this thread's, the last worker's, maybe one more


def test_close_releases_every_descriptor_the_app_opened(seeded_db, tmp_path, clean_env):
    baseline = open_descriptors()
    for number in range(20):
        copy = tmp_path / f"bot{number}.db"
        shutil.copy(seeded_db, copy)
        app = BotApp(load_settings(None, env={}, db_path=str(copy)))

        async def ask_some(app: BotApp = app) -> None:
            await asyncio.gather(*(app.handle_async(Request("console", f"c{n}", "u", command="sources"))
                                   for n in range(16)))

        asyncio.run(ask_some())  # connections in several chat worker threads, not just this one
        assert app.store.open_connections() >= 2
        app.close()
        copy.unlink()  # a leaked handle would now point to a deleted database
    leaked = [os.readlink(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")
              if os.path.exists(f"/proc/self/fd/{fd}") and "(deleted)" in os.readlink(f"/proc/self/fd/{fd}")]
    assert not [path for path in leaked if str(tmp_path) in path], leaked
    assert open_descriptors() <= baseline + 2
