"""Shared fixtures, and the guard that fails any test opening a non-loopback connection."""
from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
INDOSUM = SHARED / "data" / "indosum" / "dev.01.jsonl"
SEEDS = REPO / "seeds"


class NetworkAccessError(AssertionError):
    """Raised when a test tries to reach beyond 127.0.0.0/8 or ::1."""


def _is_loopback(host: object) -> bool:
    if not isinstance(host, str):
        return True  # AF_UNIX paths and the like
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_sendto = socket.socket.sendto
_real_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self, address):  # type: ignore[no-untyped-def]
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
        raise NetworkAccessError(f"test tried to connect to {address[0]}: only loopback is allowed")
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):  # type: ignore[no-untyped-def]
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
        raise NetworkAccessError(f"test tried to connect to {address[0]}: only loopback is allowed")
    return _real_connect_ex(self, address)


def _guarded_sendto(self, data, *args):  # type: ignore[no-untyped-def]
    address = args[-1]
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
        raise NetworkAccessError(f"test tried to send to {address[0]}: only loopback is allowed")
    return _real_sendto(self, data, *args)


def _guarded_getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
    name = host.decode() if isinstance(host, bytes) else host
    if name is not None and not _is_loopback(name):
        try:
            ipaddress.ip_address(name)  # a literal address needs no DNS; connect() checks it
        except ValueError:
            raise NetworkAccessError(f"test tried to resolve {name}: only loopback is allowed") from None
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test: connections, datagrams and DNS look-ups beyond loopback fail loudly."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", _guarded_sendto)
    monkeypatch.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No token or override from the developer's shell leaks into a test."""
    for key in list(os.environ):
        if key.startswith(("BRIEFBOT_", "TELEGRAM_", "SLACK_")):
            monkeypatch.delenv(key, raising=False)


@pytest.fixture
def make_app(tmp_path: Path, clean_env: None):
    """Build a BotApp on a fresh database file; `seeded=True` ingests the bundled seeds, `topics` (a
    topics.toml text) replaces the demo's topics as a newsroom's BRIEFBOT_TOPICS file would."""
    from bot.app import BotApp
    from bot.settings import load_settings

    built: list[BotApp] = []

    def build(seeded: bool = True, config: str | None = None, topics: str | None = None, **env: str):
        if topics is not None:
            path = tmp_path / "topics.toml"
            path.write_text(topics, encoding="utf-8")
            env["BRIEFBOT_TOPICS"] = str(path)
        settings = load_settings(config, env={**env}, db_path=str(tmp_path / "bot.db"))
        app = BotApp(settings)
        built.append(app)
        if seeded:
            app.ensure_seeded()
        return app

    yield build
    for app in built:  # every thread's connection and the worker pools: no descriptor outlives its test
        app.close()


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded database file for the session; tests copy it instead of re-ingesting."""
    from bot.app import BotApp
    from bot.settings import load_settings

    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    app = BotApp(load_settings(None, env={}, db_path=str(path)))
    app.ensure_seeded()
    app.close()
    return path


@pytest.fixture
def app(seeded_db: Path, tmp_path: Path, clean_env: None):
    """A BotApp on a private copy of the seeded database."""
    import shutil

    from bot.app import BotApp
    from bot.settings import load_settings

    copy = tmp_path / "bot.db"
    shutil.copy(seeded_db, copy)
    app = BotApp(load_settings(None, env={}, db_path=str(copy)))
    yield app
    app.close()


def require_indosum() -> Path:
    """The IndoSum fold; in CI its absence is a failure, locally a skip."""
    if INDOSUM.exists():
        return INDOSUM
    if os.environ.get("CI") == "true":
        pytest.fail(f"IndoSum data missing at {INDOSUM} (required in CI)")
    pytest.skip(f"IndoSum data not found at {INDOSUM}")


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the session (tests/postgres_server.py); required in CI."""
    from tests.postgres_server import PostgresUnavailable, start_server

    try:
        server = start_server()
    except PostgresUnavailable as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server, request: pytest.FixtureRequest) -> str:
    """The URL of a fresh, empty database for one test, on the session's server."""
    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:50]
    return postgres_server.create_database(name)
