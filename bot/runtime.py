"""`python -m bot run`: one asyncio process with every configured adapter and the scheduler."""
from __future__ import annotations

import asyncio
import logging
import os
import signal

from bot.app import BotApp
from bot.platform import Adapter, adapter_factories

log = logging.getLogger(__name__)


def configured_adapters(app: BotApp) -> dict[str, Adapter]:
    """The adapters whose credentials are present, by platform (the console always)."""
    adapters: dict[str, Adapter] = {}
    for name, factory in adapter_factories().items():
        adapter = factory(app, os.environ)
        if adapter is not None:
            adapters[name] = adapter
    return adapters


def missing_credentials_message() -> str:
    lines = ["No platform credentials found. Set one of:"]
    for name, factory in sorted(adapter_factories().items()):
        if getattr(factory, "required_env", ""):
            lines.append(f"  {name}: {factory.required_env}")
    lines.append("Or try the bot without any account: python -m bot console")
    return "\n".join(lines)


async def serve(app: BotApp, adapters: dict[str, Adapter], stop: asyncio.Event) -> None:
    """Start everything, wait for `stop`, then stop everything in reverse order."""
    started: list[Adapter] = []
    try:
        for adapter in adapters.values():
            await adapter.start()
            started.append(adapter)
            log.info("started %s adapter", adapter.platform)
        await stop.wait()
    finally:
        for adapter in reversed(started):
            try:
                await adapter.stop()
            except Exception:
                log.exception("stopping %s failed", adapter.platform)


def run(app: BotApp) -> int:
    adapters = configured_adapters(app)
    if not any(name != "console" for name in adapters):
        print(missing_credentials_message())
        return 2

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await serve(app, adapters, stop)

    asyncio.run(main())
    return 0
