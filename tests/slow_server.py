"""A deliberately slow HTTP server on 127.0.0.1 for deadline tests: drips headers, or never answers.

pytest-httpserver (werkzeug) writes the status line and headers in one go,
so it cannot drip them; this one writes raw bytes on a plain socket.
"""
from __future__ import annotations

import select
import socket
import threading
import time
from typing import Callable

Behaviour = Callable[[socket.socket, bytes], None]


def drip_headers(interval: float = 1.0) -> Behaviour:
    """A status line and headers one byte per `interval` seconds, forever (until the client leaves)."""

    def behave(conn: socket.socket, _request: bytes) -> None:
        header = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Drip: " + b"a" * 100_000
        for byte in header:
            conn.sendall(bytes([byte]))
            time.sleep(interval)

    return behave


def silent(conn: socket.socket, _request: bytes) -> None:
    """Accept the request and never answer (until the client gives up)."""
    conn.settimeout(120)
    try:
        conn.recv(1)  # returns b"" when the client closes
    except OSError:
        pass


def _client_still_there(conn: socket.socket) -> bool:
    """False once the client has closed its end (end-of-file readable, without consuming it)."""
    try:
        readable, _, _ = select.select([conn], [], [], 0)
        return not readable or conn.recv(1, socket.MSG_PEEK) != b""
    except (OSError, ValueError):
        return False


class SlowServer:
    """`with SlowServer(behaviour) as server:` then fetch `server.url("/anything")`."""

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.open_connections = 0
        self.max_open = 0
        self._live: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> "SlowServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with self._lock:
            self.connections += 1
            self.open_connections += 1
            # Counted as the client sees them: a connection the client has already hung up on
            # (its end-of-file is waiting on the socket) is not open, even if its handler thread
            # has not woken up yet. A client closing one and opening the next is not two at once.
            self._live = {c for c in self._live if _client_still_there(c)}
            self._live.add(conn)
            self.max_open = max(self.max_open, len(self._live))
        try:
            request = conn.recv(65536)
            self.behaviour(conn, request)
        except OSError:
            pass  # the client hung up: what a deadline is for
        finally:
            with self._lock:
                self.open_connections -= 1
                self._live.discard(conn)
            conn.close()
