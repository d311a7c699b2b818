"""`python -m bot run`: one asyncio process with every configured adapter and the scheduler.

Several `run` processes may serve one database (docs/scaling.md): each answers chat; the one
holding the scheduler lease (bot/coordination/lease.py) also sends the daily briefings and
refreshes (or queues) the sources, and another takes over when it dies.
"""
from __future__ import annotations

import asyncio
import gc
import logging
import os
import signal

from bot.app import BotApp
from bot.coordination.connect import coordination_target
from bot.coordination.lease import Lease, Leadership, open_lease
from bot.health import PORT_ENV, HealthServer, health_address
from bot.platform import Adapter, adapter_factories
from bot.scheduler import BriefingScheduler
from bot.sources import schedule_refresh

log = logging.getLogger(__name__)
CONSOLE_ONLY_ENV = "BRIEFBOT_CONSOLE_ONLY"  # "1": run with the console adapter alone


def configured_adapters(app: BotApp) -> dict[str, Adapter]:
    """The adapters whose credentials are present, by platform (the console always)."""
    adapters: dict[str, Adapter] = {}
    for name, factory in adapter_factories().items():
        adapter = factory(app, os.environ)
        if adapter is not None:
            adapters[name] = adapter
    return adapters


def freeze_startup_objects() -> None:
    """Move everything built at start-up out of the cyclic garbage collector's sight.

    Settings, registry, caches and library modules live as long as the
    process. A full collection walks every tracked object and stops all
    threads meanwhile: with ~185k start-up objects that was 60-70 ms, the
    worst event-loop stalls the benchmark saw at 100k articles. Frozen, they
    are never walked again. Called once the app is built, before serving.
    The chart library is loaded here too (bot.chart imports it on first use,
    so that ingest processes never pay for it): a served chart then starts warm.
    """
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401

    gc.collect()
    gc.freeze()


def missing_credentials_message() -> str:
    lines = ["No platform credentials found. Set one of:"]
    for name, factory in sorted(adapter_factories().items()):
        if getattr(factory, "required_env", ""):
            lines.append(f"  {name}: {factory.required_env}")
    lines.append("Or try the bot without any account: python -m bot console")
    lines.append(f"To see scheduled briefings on the terminal only: {CONSOLE_ONLY_ENV}=1 python -m bot run")
    return "\n".join(lines)


def _add_feed_refresh(app: BotApp, scheduler: BriefingScheduler) -> None:
    """The periodic source refresh, on the same scheduler: fetched on the source workers, or queued
    for `python -m bot worker` processes (workers.refresh_by = "workers")."""
    try:
        if app.settings.workers.refresh_by == "workers":
            from bot.coordination.worker import schedule_queued_refresh

            schedule_queued_refresh(app.context, scheduler.scheduler)
        else:
            schedule_refresh(app.context, scheduler.scheduler, app.source_pool)
    except Exception:  # a broken feed job must not stop the briefings
        log.exception("could not schedule the feed refresh")


async def _start_health(app: BotApp, adapters: dict[str, Adapter], scheduler: BriefingScheduler,
                        address: tuple[str, int] | None) -> HealthServer | None:
    """The health endpoint, unless turned off (port 0); a port already taken is logged, not fatal."""
    if address is None or address[1] == 0:
        return None
    server = HealthServer(app, adapters, scheduler, *address)
    try:
        await server.start()
    except OSError as exc:
        log.error("health endpoint not started on %s:%d (%s): set health.port or %s", *address, exc, PORT_ENV)
        return None
    return server


async def serve(app: BotApp, adapters: dict[str, Adapter], stop: asyncio.Event,
                scheduler: BriefingScheduler | None = None, health: tuple[str, int] | None = None,
                lease: Lease | None = None) -> None:
    """Start the adapters, then the scheduler and the health endpoint; wait for `stop`; stop them
    in reverse order.

    The scheduler starts after the adapters so the start-up catch-up has somewhere to send,
    and stops first so no briefing is handed to an adapter that is shutting down. `health` is
    the (host, port) of GET /health; None serves none. With a `lease`, the scheduler runs only
    while this process holds it (several `run` processes: one schedules); None: it always runs.
    """
    started: list[Adapter] = []
    leadership: Leadership | None = None
    scheduler = scheduler or BriefingScheduler(app.context, adapters,
                                               leading=lambda: leadership is None or leadership.leading)
    scheduler_started = False
    health_server: HealthServer | None = None
    lead_task: asyncio.Task[None] | None = None

    async def gain() -> None:
        nonlocal scheduler_started
        scheduler.standby = False
        await scheduler.start()
        scheduler_started = True
        _add_feed_refresh(app, scheduler)  # on this term's APScheduler (start() makes a new one after a stop)

    async def loss() -> None:
        nonlocal scheduler_started
        scheduler.standby = True
        if scheduler_started:
            scheduler_started = False
            await scheduler.stop()

    try:
        for adapter in adapters.values():
            await adapter.start()
            started.append(adapter)
            log.info("started %s adapter", adapter.platform)
        if lease is None:
            await gain()
        else:
            scheduler.standby = True
            leadership = Leadership(lease, app.settings.workers.lease_check_seconds, gain, loss)
            lead_task = asyncio.get_running_loop().create_task(leadership.run(stop), name="scheduler-lease")
        health_server = await _start_health(app, adapters, scheduler, health)
        await stop.wait()
    finally:
        if health_server is not None:
            await health_server.stop()
        if lead_task is not None:
            stop.set()
            try:
                await lead_task  # steps down (stops the scheduler) and releases the lease
            except Exception:
                log.exception("stopping the scheduler failed")
        elif scheduler_started:
            try:
                await scheduler.stop()
            except Exception:
                log.exception("stopping the scheduler failed")
        for adapter in reversed(started):
            try:
                await adapter.stop()
            except Exception:
                log.exception("stopping %s failed", adapter.platform)


def run(app: BotApp, console_only: bool = False) -> int:
    """Serve until SIGINT/SIGTERM. `console_only` (or BRIEFBOT_CONSOLE_ONLY=1) needs no account:
    scheduled briefings for console subscriptions are printed or appended to schedule.console_file."""
    console_only = console_only or os.environ.get(CONSOLE_ONLY_ENV, "") not in ("", "0")
    adapters = configured_adapters(app)
    if console_only:
        adapters = {name: adapter for name, adapter in adapters.items() if name == "console"}
        if not adapters:
            print("the console adapter is not installed: run `pip install -e .` first")
            return 2
    elif not any(name != "console" for name in adapters):
        print(missing_credentials_message())
        return 2

    address = health_address(app.settings)
    freeze_startup_objects()

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        lease = open_lease(coordination_target(app.settings), app.settings.workers.lease_check_seconds)
        await serve(app, adapters, stop, health=address, lease=lease)

    asyncio.run(main())
    return 0
