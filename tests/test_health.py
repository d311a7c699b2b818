"""The health endpoint of `run`, against the real PTB stack and the fake Telegram server, and the
image that uses it (Dockerfile and compose.yaml, checked for their structure: no Docker engine here)."""
from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import aiohttp
import pytest
import yaml

from adapters.telegram import factory
from bot import health
from bot.app import BotApp
from bot.runtime import serve
from bot.settings import ConfigError, load_settings
from tests.conftest import REPO
from tests.test_telegram import FAST, fake, free_port  # noqa: F401 (fake: the fake Telegram server fixture)


@pytest.fixture
def app(seeded_db: Path, tmp_path: Path, clean_env: None) -> BotApp:
    db = tmp_path / "health.db"
    shutil.copy(seeded_db, db)
    config = tmp_path / "c.toml"
    config.write_text(FAST, encoding="utf-8")
    return BotApp(load_settings(str(config), env={}, db_path=str(db)))


async def get_health(port: int) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{port}/health") as response:
            return response.status, await response.json()


async def wait_for_health(port: int, timeout: float = 30) -> tuple[int, dict]:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            return await get_health(port)
        except aiohttp.ClientConnectionError:
            if asyncio.get_running_loop().time() > deadline:
                raise
            await asyncio.sleep(0.1)


async def test_health_reports_each_part_and_turns_503_when_telegram_stops_receiving(app, fake):
    adapter = factory(app, {"TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url})
    stop, port = asyncio.Event(), free_port()
    task = asyncio.create_task(serve(app, {"telegram": adapter}, stop, health=("127.0.0.1", port)))
    try:
        code, report = await wait_for_health(port)
        assert code == 200 and report["ok"] is True
        assert report["platforms"] == {"telegram": True}
        assert report["scheduler"]["running"] is True and report["scheduler"]["jobs"] >= 1
        assert report["database"] == {"writable": True}
        assert report["last_refresh"] == {"sources": 0, "last_ok": None, "failing": 0}
        await adapter.application.updater.stop()  # polling has died: the bot no longer hears anyone
        code, report = await get_health(port)
        assert code == 503 and report["ok"] is False and report["platforms"] == {"telegram": False}
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
    with pytest.raises(aiohttp.ClientConnectionError):  # and the endpoint goes with the bot
        await get_health(port)


async def test_a_database_that_cannot_be_written_makes_the_bot_unhealthy(app, fake, monkeypatch):
    monkeypatch.setattr(health, "PROBE_TIMEOUT", 0.5)
    adapter = factory(app, {"TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url})
    stop, port = asyncio.Event(), free_port()
    task = asyncio.create_task(serve(app, {"telegram": adapter}, stop, health=("127.0.0.1", port)))
    blocker = sqlite3.connect(app.store.path, timeout=1, isolation_level=None)
    try:
        await wait_for_health(port)
        blocker.execute("BEGIN EXCLUSIVE")  # another process holds the write lock: no write gets through
        code, report = await get_health(port)
        assert code == 503
        assert report["database"]["writable"] is False and "0.5 s" in report["database"]["error"]
        blocker.execute("ROLLBACK")
        await asyncio.sleep(0.2)
        code, report = await get_health(port)
        assert code == 200 and report["database"] == {"writable": True}
    finally:
        blocker.close()
        stop.set()
        await asyncio.wait_for(task, 30)


async def test_a_taken_health_port_is_logged_and_the_bot_still_serves(app, fake, caplog):
    import socket

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    adapter = factory(app, {"TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url})
    stop = asyncio.Event()
    task = asyncio.create_task(serve(app, {"telegram": adapter}, stop, health=("127.0.0.1", port)))
    try:
        await fake.wait_for("getUpdates", timeout=30)
        for _ in range(50):
            if "health endpoint not started" in caplog.text:
                break
            await asyncio.sleep(0.1)
        assert f"health endpoint not started on 127.0.0.1:{port}" in caplog.text
        fake.message_update(54, "/help")
        assert (await fake.wait_for("sendMessage", timeout=15))[0].params["chat_id"] == "54"
    finally:
        taken.close()
        stop.set()
        await asyncio.wait_for(task, 30)


def test_port_from_config_and_environment(tmp_path):
    settings = load_settings(env={})
    assert health.health_address(settings) == ("127.0.0.1", 8081)
    assert health.health_address(load_settings(env={"BRIEFBOT_HEALTH_PORT": "9000"}))[1] == 9000
    with pytest.raises(ConfigError, match="BRIEFBOT_HEALTH_PORT must be a port number"):
        health.health_address(load_settings(env={"BRIEFBOT_HEALTH_PORT": "eighty"}))


async def test_python_m_bot_health_asks_a_running_bot(seeded_db, tmp_path, clean_env):
    db = tmp_path / "run.db"
    shutil.copy(seeded_db, db)
    port = free_port()
    env = {**os.environ, "BRIEFBOT_DB": str(db), "BRIEFBOT_CONSOLE_ONLY": "1", "BRIEFBOT_HEALTH_PORT": str(port)}

    def probe() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "bot", "health"], cwd=REPO, env=env, capture_output=True,
                              text=True, timeout=60)

    absent = probe()
    assert absent.returncode == 1 and f"no health endpoint at http://127.0.0.1:{port}/health" in absent.stdout
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=str(tmp_path), env=env,
                                                   stdout=asyncio.subprocess.PIPE,
                                                   stderr=asyncio.subprocess.STDOUT)
    try:
        await wait_for_health(port, timeout=60)
        present = await asyncio.to_thread(probe)
        assert present.returncode == 0, present.stdout + present.stderr
        report = json.loads(present.stdout)
        assert report["ok"] is True and report["platforms"] == {"console": True}
    finally:
        process.terminate()
        await asyncio.wait_for(process.communicate(), 30)


# ---- the image ------------------------------------------------------------------------------------

def _instructions() -> list[tuple[str, str]]:
    """The Dockerfile as (INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", (REPO / "Dockerfile").read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "") for line in lines]


def test_dependencies_are_installed_in_a_layer_before_the_source_is_copied():
    steps = _instructions()
    first_source = next(i for i, (op, args) in enumerate(steps) if op == "COPY" and args.split()[0] == "bot")
    installs = [i for i, (op, args) in enumerate(steps) if op == "RUN" and "pip" in args and "install" in args]
    assert installs and installs[0] < first_source
    copied_before = " ".join(args for op, args in steps[:installs[0]] if op == "COPY")
    assert "pyproject.toml" in copied_before and not re.search(r"\b(bot|summarizer|adapters)\b", copied_before)
    # the later install of the project itself must not reinstall the dependencies
    assert any("--no-deps" in steps[i][1] for i in installs if i > first_source)


def test_the_dependency_layer_reads_exactly_the_declared_dependencies(tmp_path):
    """Run the layer's own Python with pip replaced by echo: it must ask for what pyproject.toml lists."""
    run = next(args for op, args in _instructions() if op == "RUN" and "tomllib" in args)
    code = re.search(r'python -c "(.*)"$', run).group(1)
    code = code.replace("subprocess.check_call(", "print(repr(")[:-1] + "))"
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    asked = eval(out.stdout)  # noqa: S307 - the repr of a list of strings we just printed
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    assert asked[asked.index("--no-cache-dir") + 1:] == declared


def test_image_runs_as_a_user_has_a_healthcheck_and_documents_data():
    steps = _instructions()
    ops = [op for op, _ in steps]
    assert ops.index("USER") < ops.index("CMD")
    check = next(args for op, args in steps if op == "HEALTHCHECK")
    assert '"python", "-m", "bot", "health"' in check and "--start-period" in check
    assert "chown" in (REPO / "Dockerfile").read_text() and "10001" in (REPO / "docs" / "newsroom.md").read_text()


def test_compose_example_mounts_data_and_the_story_config_read_only():
    compose = yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))
    service = compose["services"]["briefbot"]
    assert "./data:/data" in service["volumes"] and "./story:/config:ro" in service["volumes"]
    assert service["environment"]["BRIEFBOT_TOPICS"] == "/config/topics.toml"
    assert service["restart"] == "unless-stopped"
    assert "TOKEN" not in json.dumps(service["environment"])  # secrets only through env_file


def test_compose_runs_postgres_two_bot_processes_and_an_ingest_worker_behind_a_balancer():
    compose = yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    bots = [name for name, s in services.items() if "command" not in s and s.get("build")]
    assert bots == ["briefbot", "briefbot-2"]  # the image's CMD: python -m bot run
    assert services["ingest"]["command"] == ["python", "-m", "bot", "worker"]
    for name in (*bots, "ingest"):
        env = services[name]["environment"]
        assert env["BRIEFBOT_DB"].startswith("postgresql://") and "@postgres:5432/" in env["BRIEFBOT_DB"]
        assert "${POSTGRES_PASSWORD" in env["BRIEFBOT_DB"]  # the password from .env, not written here
        assert env["BRIEFBOT_REFRESH_BY"] == "workers"
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    balancer = compose["configs"]["lb"]["content"]
    for port in ("3000", "8443"):  # Slack HTTP mode and Telegram's webhook reach both bot processes
        assert f"server briefbot:{port}" in balancer and f"server briefbot-2:{port}" in balancer
        assert f"{port}:{port}" in services["lb"]["ports"]


async def test_a_standby_bot_is_healthy_and_schedules_once_the_lease_is_free(seeded_db, tmp_path, fake, clean_env):
    """Several `run` processes: the one without the scheduler lease reports standby, not a dead scheduler."""
    from bot.coordination.lease import open_lease

    shutil.copy(seeded_db, tmp_path / "bot.db")
    config = tmp_path / "c.toml"
    config.write_text(FAST + "\n[workers]\nlease_check_seconds = 0.1\n", encoding="utf-8")
    app = BotApp(load_settings(str(config), env={}, db_path=str(tmp_path / "bot.db")))
    other = open_lease(str(tmp_path / "bot.db"))  # another process leads
    assert other.try_acquire()
    adapter = factory(app, {"TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_BASE_URL": fake.base_url})
    stop, port = asyncio.Event(), free_port()
    task = asyncio.create_task(serve(app, {"telegram": adapter}, stop, health=("127.0.0.1", port),
                                     lease=open_lease(str(tmp_path / "bot.db"))))
    try:
        code, report = await wait_for_health(port)
        assert code == 200 and report["ok"] is True
        assert report["scheduler"] == {"running": False, "jobs": 0, "standby": True}
        other.release()  # the leader went away
        for _ in range(50):
            code, report = await get_health(port)
            if report["scheduler"]["running"]:
                break
            await asyncio.sleep(0.1)
        assert code == 200 and report["scheduler"]["running"] is True and "standby" not in report["scheduler"]
        assert report["scheduler"]["jobs"] >= 1  # the sweep, and the feed refresh
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)
    assert other.try_acquire()  # stopping released the lease
    other.release()
    app.close()
