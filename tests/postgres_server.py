"""A throw-away PostgreSQL server for the tests: its own cluster in a temporary folder, on loopback.

Uses the real server binaries of Debian's `postgresql` package (`.ci/run` installs
it). `initdb` and `postgres` refuse to run as root, so when the tests run as root
the cluster is made and started as the `postgres` system user the package creates.
Trust authentication on 127.0.0.1 only: nothing outside this machine can reach it,
and it is removed when the session ends.

Without the binaries the PostgreSQL tests are skipped, except under CI, where a
missing server is a failure: CI must run them.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def find_bindir() -> Path:
    """The folder holding initdb and pg_ctl: on PATH, else Debian's /usr/lib/postgresql/<version>/bin."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(os.path.realpath(on_path)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if candidates:
        return Path(candidates[-1]).parent
    raise PostgresUnavailable("no PostgreSQL server binaries (Debian package `postgresql`)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    """One running cluster; `dsn()` names a database on it (created on demand)."""

    bindir: Path
    root: Path
    port: int
    user: str | None  # the system user the server runs as (None: the current one)

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = list(args)
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)

    def start(self) -> None:
        done = self._run(str(self.bindir / "initdb"), "-D", str(self.datadir), "-U", "postgres",
                         "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8" if _has_c_utf8() else "--locale=C")
        if done.returncode:
            raise RuntimeError(f"initdb failed: {done.stderr.strip()[-500:]}")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.root} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        done = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-o", options,
                         "-l", str(self.root / "server.log"), "-w", "-t", "60", "start")
        if done.returncode:
            log = (self.root / "server.log").read_text(errors="replace")[-800:] if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()[-300:]} {log}")

    def stop(self) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def dsn(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A fresh, empty database named `name` (dropped first if it exists); returns its URL."""
        psql = str(self.bindir / "psql")
        for sql in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
            done = subprocess.run([psql, "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                                   "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql],
                                  capture_output=True, text=True, timeout=60, check=False)
            if done.returncode:
                raise RuntimeError(f"psql failed: {done.stderr.strip()}")
        return self.dsn(name)


def _has_c_utf8() -> bool:
    done = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    return any(line.lower() in ("c.utf8", "c.utf-8") for line in done.stdout.splitlines())


def start_server() -> PostgresServer:
    """Make and start a cluster; raises PostgresUnavailable when there are no binaries."""
    bindir = find_bindir()
    user = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise PostgresUnavailable("running as root and there is no `postgres` user to run the server as")
        user = "postgres"
    root = Path(tempfile.mkdtemp(prefix="briefbot-pg-"))
    if user:
        entry = pwd.getpwnam(user)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    server = PostgresServer(bindir=bindir, root=root, port=_free_port(), user=user)
    try:
        server.start()
    except Exception:
        shutil.rmtree(root, ignore_errors=True)
        raise
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # pg_ctl -w waited already; this only guards a slow first accept
        try:
            socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return server
