"""The health endpoint `run` serves on loopback, for Docker's HEALTHCHECK, systemd or a monitor.

GET /health answers 200 when the bot can do its work and 503 when it cannot, with JSON that
says why: each platform connected, the scheduler running (or standing by while another `run` process holds its lease), the database writable, and when
the feeds were last fetched. A feed that is down is reported, not counted as unhealthy: a
restart would not bring it back. `python -m bot health` asks the endpoint and exits 0 or 1.

aiohttp is already a dependency (Slack's HTTP mode); its small server runs in `run`'s loop.
"""
from __future__ import annotations

import asyncio
import inspect
import json
import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from aiohttp import web

    from bot.app import BotApp
    from bot.platform import Adapter
    from bot.scheduler import BriefingScheduler
    from bot.settings import Settings

log = logging.getLogger(__name__)
PATH = "/health"
PORT_ENV = "BRIEFBOT_HEALTH_PORT"
PROBE_TIMEOUT = 5.0  # seconds a check may take before it counts as failed


def health_address(settings: "Settings", env: Mapping[str, str] | None = None) -> tuple[str, int]:
    """(host, port) from [health] in the config, BRIEFBOT_HEALTH_PORT overriding; port 0 is off."""
    env = settings.env if env is None else env
    port = settings.health.port
    if env.get(PORT_ENV, "").strip():
        try:
            port = int(env[PORT_ENV])
        except ValueError:
            from bot.settings import ConfigError

            raise ConfigError(f"{PORT_ENV} must be a port number, got {env[PORT_ENV]!r}") from None
    return settings.health.host, port


async def _adapter_connected(adapter: "Adapter") -> bool:
    """An adapter's own `connected()` when it has one (sync or async); else it started, so it is up."""
    probe = getattr(adapter, "connected", None)
    if probe is None:
        return True
    result = probe()
    return bool(await result) if inspect.isawaitable(result) else bool(result)


def _database_writable(app: "BotApp") -> bool:
    """A real write in a real transaction, rolled forward: a full disk or a read-only mount fails here."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with app.store.write() as tx:
        tx.upsert("meta", {"key": "health_probe", "value": now}, pk="key")
    return True


def _last_refresh(app: "BotApp") -> dict[str, Any]:
    row = next(app.store.query(
        "select count(*) as sources, max(last_ok_at) as last_ok, "
        "sum(case when failures > 0 then 1 else 0 end) as failing "
        "from sources where kind in ('feed', 'page')"))
    return {"sources": row["sources"], "last_ok": row["last_ok"], "failing": row["failing"] or 0}


async def _timed(check, *args) -> tuple[Any, str | None]:
    """Run a blocking check in a thread with a deadline; (result, None) or (None, why it failed)."""
    try:
        return await asyncio.wait_for(asyncio.to_thread(check, *args), PROBE_TIMEOUT), None
    except asyncio.TimeoutError:
        return None, f"no answer within {PROBE_TIMEOUT:g} s"
    except Exception as exc:  # the report says what failed; the endpoint itself must not fail
        return None, f"{type(exc).__name__}: {exc}"


async def status(app: "BotApp", adapters: Mapping[str, "Adapter"],
                 scheduler: "BriefingScheduler | None") -> dict[str, Any]:
    """The health report; `ok` is false when a platform, the scheduler or the database is down."""
    platforms: dict[str, bool] = {}
    for name, adapter in adapters.items():
        try:
            platforms[name] = await asyncio.wait_for(_adapter_connected(adapter), PROBE_TIMEOUT)
        except Exception:
            platforms[name] = False
    aps = getattr(scheduler, "aps", None)
    running = bool(aps is not None and aps.running)
    standby = bool(getattr(scheduler, "standby", False))  # another `run` process holds the scheduler lease
    jobs = len(aps.get_jobs()) if running else 0
    writable, db_error = await _timed(_database_writable, app)
    feeds, feeds_error = await _timed(_last_refresh, app)
    report: dict[str, Any] = {
        "ok": all(platforms.values()) and (running or standby) and bool(writable),
        "platforms": platforms,
        "scheduler": {"running": running, "jobs": jobs, **({"standby": True} if standby else {})},
        "database": {"writable": bool(writable), **({"error": db_error} if db_error else {})},
        "last_refresh": feeds if feeds is not None else {"error": feeds_error},
        "checked_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    return report


class HealthServer:
    """GET /health on (host, port), in the running loop; `start` fails loudly if the port is taken."""

    def __init__(self, app: "BotApp", adapters: Mapping[str, "Adapter"], scheduler: "BriefingScheduler | None",
                 host: str, port: int) -> None:
        self.app, self.adapters, self.scheduler = app, adapters, scheduler
        self.host, self.port = host, port
        self._runner: "web.AppRunner | None" = None

    async def start(self) -> None:
        from aiohttp import web

        server = web.Application()
        server.router.add_get(PATH, self._handle)
        self._runner = web.AppRunner(server, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        if self.port == 0:  # an ephemeral port (tests): report the one the OS chose
            self.port = self._runner.addresses[0][1]
        log.info("health endpoint on http://%s:%d%s", self.host, self.port, PATH)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _handle(self, request: "web.Request") -> "web.Response":
        from aiohttp import web

        report = await status(self.app, self.adapters, self.scheduler)
        return web.json_response(report, status=200 if report["ok"] else 503)


def probe(host: str, port: int, timeout: float = PROBE_TIMEOUT) -> tuple[bool, str]:
    """Ask a running bot's endpoint (standard library only, so the HEALTHCHECK starts fast).

    (healthy, what to print): the JSON report, or why there was none.
    """
    import urllib.error
    import urllib.request

    url = f"http://{'127.0.0.1' if host in ('', '0.0.0.0') else host}:{port}{PATH}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - a loopback URL we build
            return True, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:  # 503: the report says what is down
        return False, exc.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return False, json.dumps({"ok": False, "error": f"no health endpoint at {url} ({reason})"})
