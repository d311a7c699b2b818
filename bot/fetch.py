"""Safe HTTP GET for feeds and pages: bounded in time and size, and never aimed at our own network.

Everything a user-supplied URL could abuse is closed here, once, so the
source code above it can stay simple:

* only http and https;
* every hop (the first URL and each redirect) is resolved and refused when
  any address is loopback, private, link-local (cloud metadata lives at
  169.254.169.254), multicast, reserved, unspecified or otherwise not global,
  unless the host is on the configured allow-list;
* the connection goes to the very address that was checked (the URL is
  pinned to it, with the Host header and TLS SNI kept on the name), so a DNS
  answer that changes between the check and the connect (DNS rebinding)
  cannot slip through;
* redirects are followed by hand, at most `max_redirects`, and a loop is
  named as such;
* connect/read timeouts per operation and a total deadline over the whole
  fetch, so a server that drips one byte at a time cannot hold a worker: a
  timer shuts the connection down when the deadline passes, even while the
  response headers are still arriving (httpx's read timeout restarts with
  every byte, so on its own it never fires against a drip);
* the body is streamed and the stream is cut as soon as it passes
  `max_bytes` (counted after content decoding, so a gzip bomb is cut too).
"""
from __future__ import annotations

import codecs
import importlib
import ipaddress
import logging
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import urljoin, urlsplit

from lazy_object_proxy import Proxy

# httpx is imported on first use (about 0.1 s): bot.fetch is imported by every command module
# through bot.sources, and most commands (/help, /brief, questions) never fetch.
httpx = Proxy(lambda: importlib.import_module("httpx"))

log = logging.getLogger(__name__)

REDIRECT_CODES = (301, 302, 303, 307, 308)
# Names that only ever mean a cloud provider's metadata service; refused without a DNS look-up.
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "metadata.azure.internal",
                            "instance-data", "instance-data.ec2.internal"})
ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
          "text/html;q=0.8, application/xhtml+xml;q=0.8, */*;q=0.1")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class FetchError(Exception):
    """A fetch that did not produce a usable body; `code` picks the user-facing message.

    `values` fills the message (e.g. the status code or the refused address).
    Codes: blocked_scheme, bad_url, blocked_address, dns, connect, timeout,
    deadline, too_large, http_status, redirect_loop, too_many_redirects, network.
    """

    def __init__(self, code: str, url: str, **values: Any) -> None:
        self.code = code
        self.url = url
        self.values = values
        super().__init__(f"{code}: {url} {values}" if values else f"{code}: {url}")


@dataclass(frozen=True)
class FetchPolicy:
    """The limits of one fetch, usually read from the [sources] config section."""

    timeout: float = 10.0  # connect and read, per operation
    deadline: float = 30.0  # the whole fetch, redirects included
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_hosts: tuple[str, ...] = ()
    user_agent: str = "briefbot/0.1"
    proxy: str = ""  # "http://proxy.example:3128": every fetch goes through it; "" connects directly

    @classmethod
    def from_settings(cls, sources: Any) -> "FetchPolicy":
        """Build from the typed [sources] section (bot.settings.SourcesSettings, or anything with its fields)."""
        return cls(timeout=sources.timeout_seconds, deadline=sources.total_deadline_seconds,
                   max_bytes=sources.max_bytes, max_redirects=sources.max_redirects,
                   allow_hosts=tuple(sources.allow_hosts), user_agent=sources.user_agent, proxy=sources.proxy)


@dataclass
class FetchResult:
    """A fetched body with what is needed to decode and label it."""

    url: str  # the final URL, after redirects
    status: int
    content_type: str  # media type only, lower case, e.g. "text/html"
    charset: str | None  # from the Content-Type header, if declared
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    redirects: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The body decoded: BOM, then the header charset, then the document's own declaration."""
        return decode_body(self.body, self.charset, self.content_type)


# ---- address policy -------------------------------------------------------------
def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one tunnels to (mapped, 6to4, Teredo, NAT64), if any."""
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why this address must not be fetched ("loopback", "private", ...), or None when it is public."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return address_problem(inner)
    # Order matters only for the word shown: 169.254.169.254 is "link-local", not "private".
    checks = (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
              ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
              ("private", ip.is_private), ("reserved", ip.is_reserved))
    for word, hit in checks:
        if hit:
            return word
    # is_global also excludes shared address space (100.64.0.0/10, carrier NAT) and the like.
    return None if ip.is_global else "non-public"


def _host_allowed(host: str, ips: Iterable[ipaddress.IPv4Address | ipaddress.IPv6Address],
                  allow_hosts: Iterable[str]) -> bool:
    """An allow-list entry is a host name, an address, or a network such as 10.1.0.0/16."""
    host = host.lower().rstrip(".")
    for entry in allow_hosts:
        entry = entry.strip().lower().rstrip(".")
        if not entry:
            continue
        if entry == host:
            return True
        if "/" in entry:
            try:
                network = ipaddress.ip_network(entry, strict=False)
            except ValueError:
                continue
            if any(ip in network for ip in ips):
                return True
    return False


def resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Every address the host resolves to (a literal address resolves to itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: dict[str, None] = {}
    for info in infos:
        seen.setdefault(str(info[4][0]).split("%")[0], None)
    return [ipaddress.ip_address(a) for a in seen]


@dataclass(frozen=True)
class Target:
    """A checked hop: the URL as given and the address to connect to (None: connect by name)."""

    url: str
    host: str
    pinned: str | None


def check_url(url: str, policy: FetchPolicy) -> Target:
    """Refuse a URL we must not fetch; return where to connect. Called for every hop."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchError("bad_url", url) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError("blocked_scheme", url, scheme=scheme or "?")
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        raise FetchError("bad_url", url)
    port = port or (443 if scheme == "https" else 80)
    if host in METADATA_HOSTS and not _host_allowed(host, (), policy.allow_hosts):
        raise FetchError("blocked_address", url, host=host, address=host, why="metadata")
    try:
        ips = resolve(host, port)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError("dns", url, host=host, error=str(exc)) from None
    if not ips:
        raise FetchError("dns", url, host=host, error="no address")
    if _host_allowed(host, ips, policy.allow_hosts):
        return Target(url, host, None)  # an intranet or test host: connect by name as usual
    for ip in ips:
        why = address_problem(ip)
        if why:
            # One bad address is enough: the connect could pick any of them.
            raise FetchError("blocked_address", url, host=host, address=str(ip), why=why)
    return Target(url, host, str(ips[0]))


# ---- the fetch --------------------------------------------------------------------
def make_client(policy: FetchPolicy, max_connections: int = 4) -> httpx.Client:
    """An httpx client for `fetch`: one per batch of fetches (a feed and its entry pages)."""
    # trust_env=False: a proxy from the environment would connect on our behalf and
    # defeat the address check; follow_redirects=False: every hop must be checked first.
    # No keep-alive: each fetch opens its own connection, so its deadline watchdog
    # knows the socket to cut (a pooled one was opened under another fetch's watch).
    # A proxy named in the config (sources.proxy) is used on purpose: each request still goes to
    # the address checked here (the URL carries the pinned IP), so the proxy is only the route.
    return httpx.Client(
        proxy=policy.proxy or None,
        timeout=httpx.Timeout(policy.timeout, pool=policy.timeout),
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=0),
        follow_redirects=False, trust_env=False,
        headers={"User-Agent": policy.user_agent, "Accept": ACCEPT,
                 "Accept-Language": "id, en;q=0.8"},
    )


class _Watchdog:
    """Shuts down the sockets of one fetch once its total deadline has passed.

    Registered as httpcore's `trace` extension, it sees each new connection's
    socket; a timer thread calls shutdown() on them at the deadline, which wakes
    the worker blocked in recv() wherever it is (headers or body).
    """

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def __enter__(self) -> "_Watchdog":
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event != "connection.connect_tcp.complete":
            return
        sock = info["return_value"].get_extra_info("socket")
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            fired = self.fired
        if fired:  # connected just as the deadline passed
            _shutdown(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # already closed
        pass


def _pinned_request(client: httpx.Client, target: Target, remaining: float,
                    policy: FetchPolicy, extra_headers: dict[str, str], watchdog: _Watchdog) -> httpx.Request:
    """A GET to the checked address, keeping the name for Host and TLS (SNI and certificate check)."""
    url = httpx.URL(target.url)
    headers = dict(extra_headers)
    extensions: dict[str, Any] = {"trace": watchdog.trace}
    step = min(policy.timeout, max(remaining, 0.01))
    extensions["timeout"] = httpx.Timeout(step, pool=step).as_dict()
    if target.pinned is not None:
        headers["Host"] = url.netloc.decode("ascii")
        extensions["sni_hostname"] = target.host
        url = url.copy_with(host=target.pinned)
    return client.build_request("GET", url, headers=headers, extensions=extensions)


def _media_type(value: str) -> tuple[str, str | None]:
    """("text/html", "windows-1252") from a Content-Type header value."""
    media, _, params = value.partition(";")
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.I)
    return media.strip().lower(), (match.group(1) if match else None)


def fetch(url: str, policy: FetchPolicy, *, headers: dict[str, str] | None = None,
          client: httpx.Client | None = None) -> FetchResult:
    """GET `url` under `policy`; raises FetchError with a code for every way it can fail."""
    started = time.monotonic()
    own_client = client is None
    client = client or make_client(policy)
    try:
        with _Watchdog(policy.deadline) as watchdog:
            return _follow(client, url, policy, started, headers or {}, watchdog)
    finally:
        if own_client:
            client.close()


def _follow(client: httpx.Client, url: str, policy: FetchPolicy, started: float,
            headers: dict[str, str], watchdog: _Watchdog) -> FetchResult:
    """The hops of one fetch: check, send, follow redirects, read the body."""
    seen: list[str] = []
    current = url.strip()
    while True:
        target = check_url(current, policy)
        seen.append(current)
        remaining = policy.deadline - (time.monotonic() - started)
        if remaining <= 0:
            raise FetchError("deadline", url, seconds=policy.deadline)
        request = _pinned_request(client, target, remaining, policy, headers, watchdog)
        response = _send(client, request, current, url, policy, started, watchdog)
        if response.status_code in REDIRECT_CODES and "location" in response.headers:
            response.close()
            nxt = urljoin(current, response.headers["location"].strip())
            if nxt in seen:
                raise FetchError("redirect_loop", url, to=nxt)
            if len(seen) > policy.max_redirects:
                raise FetchError("too_many_redirects", url, limit=policy.max_redirects)
            current = nxt
            continue
        try:
            if response.status_code == 304:
                return FetchResult(current, 304, "", None, b"", dict(response.headers), seen[1:])
            if response.status_code >= 400:
                raise FetchError("http_status", url, status=response.status_code,
                                 reason=response.reason_phrase or "")
            body = _read_capped(response, url, policy, started, watchdog)
        finally:
            response.close()
        media, charset = _media_type(response.headers.get("content-type", ""))
        return FetchResult(current, response.status_code, media, charset, body,
                           dict(response.headers), seen[1:])


def _timed_out(url: str, policy: FetchPolicy, started: float, watchdog: _Watchdog) -> FetchError:
    """A timeout or a connection the watchdog cut: "deadline" once the total is spent, else "timeout"."""
    if watchdog.fired or time.monotonic() - started >= policy.deadline - 0.05:
        return FetchError("deadline", url, seconds=policy.deadline)
    return FetchError("timeout", url, seconds=policy.timeout)


def _send(client: httpx.Client, request: httpx.Request, hop: str, url: str,
          policy: FetchPolicy, started: float, watchdog: _Watchdog) -> httpx.Response:
    """Send one hop with the body left unread, translating transport errors to FetchError."""
    try:
        return client.send(request, stream=True, follow_redirects=False)
    except httpx.TimeoutException:
        raise _timed_out(url, policy, started, watchdog) from None
    except (httpx.HTTPError, httpx.InvalidURL, ValueError, OSError) as exc:
        if watchdog.fired:  # the watchdog shut the socket: what follows is only its echo
            raise FetchError("deadline", url, seconds=policy.deadline) from None
        if isinstance(exc, httpx.ConnectError):
            raise FetchError("connect", url, host=urlsplit(hop).hostname or "", error=str(exc)) from None
        raise FetchError("network", url, error=str(exc) or type(exc).__name__) from None


def _read_capped(response: httpx.Response, url: str, policy: FetchPolicy, started: float,
                 watchdog: _Watchdog) -> bytes:
    """Stream the body, stopping at max_bytes and at the total deadline."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchError("too_large", url, limit=policy.max_bytes)
    chunks: list[bytes] = []
    size = 0
    try:
        # iter_bytes decodes gzip/deflate/br, so the cap applies to what we would hold in memory.
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > policy.max_bytes:
                raise FetchError("too_large", url, limit=policy.max_bytes)
            if time.monotonic() - started > policy.deadline:
                raise FetchError("deadline", url, seconds=policy.deadline)
            chunks.append(chunk)
    except httpx.TimeoutException:
        raise _timed_out(url, policy, started, watchdog) from None
    except (httpx.HTTPError, OSError) as exc:
        if watchdog.fired:
            raise FetchError("deadline", url, seconds=policy.deadline) from None
        raise FetchError("network", url, error=str(exc) or type(exc).__name__) from None
    if watchdog.fired:  # the watchdog's shutdown can read as a clean end of a body sent until close
        raise FetchError("deadline", url, seconds=policy.deadline)
    return b"".join(chunks)


# ---- decoding -----------------------------------------------------------------------
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']""", re.I)
# WHATWG Encoding: these labels mean windows-1252 on the web, whose extra characters
# (curly quotes, dashes, euro sign in 0x80-0x9F) a strict latin-1 decode would garble.
_WEB_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
                "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252",
                "x-sjis": "shift_jis", "utf8": "utf-8"}


_SINGLE_BYTE = frozenset({"cp1252", "iso8859-15", "cp1250", "cp1251", "cp1254", "iso8859-2", "cp874"})


def _is_utf8(body: bytes) -> bool:
    """Valid UTF-8 that holds at least one non-ASCII character."""
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _codec(label: str | None) -> str | None:
    """A Python codec name for a declared label, or None when unknown."""
    if not label:
        return None
    label = label.strip().lower()
    label = _WEB_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def declared_charset(body: bytes, media_type: str = "") -> str | None:
    """The encoding a document declares about itself: <meta charset> or the XML declaration."""
    head = body[:4096]
    match = _XML_DECL.search(head)
    if match:
        return match.group(1).decode("ascii", "replace")
    if "xml" not in media_type:
        match = _META_CHARSET.search(head)
        if match:
            return match.group(1).decode("ascii", "replace")
    return None


def decode_body(body: bytes, header_charset: str | None = None, media_type: str = "") -> str:
    """Bytes to text the way browsers do: BOM, then the HTTP charset, then the document's own
    declaration, then a statistical guess; a declaration the bytes contradict is skipped."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(name, errors="replace")
    for label in (header_charset, declared_charset(body, media_type)):
        codec = _codec(label)
        if codec:
            if codec in _SINGLE_BYTE and _is_utf8(body):
                # A stale "iso-8859-1" over UTF-8 bytes: every byte string decodes as cp1252, so the
                # declaration cannot be refuted by decoding; multi-byte sequences that are valid UTF-8
                # are (they are almost never intended as two or three cp1252 characters: "Â®").
                log.info("body declared %s is valid UTF-8 with multi-byte characters; reading it as UTF-8", codec)
                return body.decode("utf-8")
            try:
                return body.decode(codec)
            except UnicodeDecodeError:
                log.info("body is not %s as declared; trying the next clue", codec)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # charset_normalizer is a dependency of trafilatura (and so always present here).
        from charset_normalizer import from_bytes

        best = from_bytes(body[:200_000]).best()
        if best is not None and best.encoding:
            return body.decode(best.encoding, errors="replace")
    except ImportError:  # pragma: no cover - only when trafilatura's dependency is missing
        pass
    return body.decode("cp1252", errors="replace")
