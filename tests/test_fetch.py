"""bot.fetch against a real HTTP server on 127.0.0.1: limits, redirects, the SSRF guard, decoding."""
from __future__ import annotations

import ipaddress
import socket
import threading
import time

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request as WsgiRequest
from werkzeug import Response

from bot.fetch import (
    FetchError,
    FetchPolicy,
    address_problem,
    check_url,
    decode_body,
    fetch,
)

LOCAL = FetchPolicy(timeout=0.5, deadline=2.0, max_bytes=50_000, max_redirects=5,
                    allow_hosts=("127.0.0.1",), user_agent="briefbot-test/1.0 (+https://example.invalid)")
GUARDED = FetchPolicy(timeout=0.5, deadline=2.0, max_bytes=50_000, max_redirects=5, allow_hosts=())


@pytest.fixture
def server(httpserver_ipv4: HTTPServer) -> HTTPServer:
    """pytest-httpserver bound to 127.0.0.1 (the allow-listed host)."""
    return httpserver_ipv4


def failure(url: str, policy: FetchPolicy = LOCAL) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, policy)
    return caught.value


def test_fetch_sends_an_honest_user_agent_and_reads_the_body(server: HTTPServer):
    server.expect_request("/feed", headers={"User-Agent": LOCAL.user_agent}).respond_with_data(
        "<rss/>", content_type="application/rss+xml; charset=utf-8")
    result = fetch(server.url_for("/feed"), LOCAL)
    assert (result.status, result.content_type, result.charset, result.body) == (
        200, "application/rss+xml", "utf-8", b"<rss/>")


@pytest.mark.parametrize("status", [404, 500])
def test_http_errors_are_named_with_their_status(server: HTTPServer, status: int):
    server.expect_request("/x").respond_with_data("nope", status=status)
    error = failure(server.url_for("/x"))
    assert error.code == "http_status" and error.values["status"] == status


def test_redirects_are_followed_and_each_hop_recorded(server: HTTPServer):
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    server.expect_request("/new").respond_with_data("fresh", content_type="text/plain")
    result = fetch(server.url_for("/old"), LOCAL)
    assert result.body == b"fresh" and result.url.endswith("/new") and len(result.redirects) == 1


def test_redirect_loop_is_named_a_loop(server: HTTPServer):
    server.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    error = failure(server.url_for("/a"))
    assert error.code == "redirect_loop"


def test_more_than_max_redirects_stops(server: HTTPServer):
    for hop in range(8):
        server.expect_request(f"/r{hop}").respond_with_data("", status=307, headers={"Location": f"/r{hop + 1}"})
    error = failure(server.url_for("/r0"))
    assert error.code == "too_many_redirects" and error.values["limit"] == 5
    assert len(server.log) == 6  # the first request and five redirects, then it stops


def test_slow_response_past_the_timeout(server: HTTPServer):
    done = threading.Event()

    def slow(request: WsgiRequest) -> Response:
        time.sleep(1.0)
        done.set()
        return Response("late")

    server.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    error = failure(server.url_for("/slow"))
    assert error.code == "timeout" and time.monotonic() - started < 0.9
    done.wait(3)  # the test server handles one request at a time: let it finish


def test_a_drip_feed_is_cut_at_the_total_deadline(server: HTTPServer):
    def drip(request: WsgiRequest) -> Response:
        def chunks():
            for _ in range(40):
                time.sleep(0.1)  # each chunk well within the read timeout
                yield b"x" * 10
        return Response(chunks(), content_type="text/plain")

    server.expect_request("/drip").respond_with_handler(drip)
    policy = FetchPolicy(timeout=0.5, deadline=1.0, max_bytes=50_000, allow_hosts=("127.0.0.1",))
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(server.url_for("/drip"), policy)
    assert caught.value.code == "deadline" and time.monotonic() - started < 2.0


def test_declared_oversize_body_is_refused_before_reading(server: HTTPServer):
    server.expect_request("/big").respond_with_data(b"a" * 60_000, content_type="text/html")
    error = failure(server.url_for("/big"))
    assert error.code == "too_large" and error.values["limit"] == 50_000


def test_undeclared_oversize_stream_is_cut(server: HTTPServer):
    sent = []

    def endless(request: WsgiRequest) -> Response:
        def chunks():
            for _ in range(10_000):  # 80 MB if anyone read it all
                sent.append(1)
                yield b"y" * 8192
        return Response(chunks(), content_type="text/html")  # chunked: no Content-Length

    server.expect_request("/stream").respond_with_handler(endless)
    error = failure(server.url_for("/stream"))
    assert error.code == "too_large"
    assert len(sent) < 1000  # the client stopped reading long before the end


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/feed", "gopher://127.0.0.1:70/",
                                 "javascript:alert(1)"])
def test_only_http_and_https(url: str):
    assert failure(url).code == "blocked_scheme"


def test_loopback_is_refused_without_the_allow_list(server: HTTPServer):
    server.expect_request("/feed").respond_with_data("<rss/>")
    error = failure(server.url_for("/feed"), GUARDED)
    assert error.code == "blocked_address" and error.values["why"] == "loopback"
    assert len(server.log) == 0  # refused before any connection


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/",
                                 "http://metadata.google.internal/computeMetadata/v1/"])
def test_cloud_metadata_is_refused_without_connecting(url: str):
    # The conftest guard would raise NetworkAccessError if a connection or DNS look-up were tried.
    error = failure(url, GUARDED)
    assert error.code == "blocked_address"


def test_a_redirect_to_metadata_is_refused_at_the_hop(server: HTTPServer):
    server.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/iam"})
    error = failure(server.url_for("/go"))
    assert error.code == "blocked_address" and error.values["address"] == "169.254.169.254"


def test_a_redirect_to_a_loopback_name_off_the_allow_list_is_refused(server: HTTPServer):
    # 127.0.0.1 is allowed; "localhost" is not, and it resolves to loopback.
    server.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": f"http://localhost:{server.port}/admin"})
    server.expect_request("/admin").respond_with_data("secret")
    error = failure(server.url_for("/go"))
    assert error.code == "blocked_address" and error.values["host"] == "localhost"
    assert [entry[0].path for entry in server.log] == ["/go"]


def test_a_redirect_to_another_scheme_is_refused(server: HTTPServer):
    server.expect_request("/go").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    assert failure(server.url_for("/go")).code == "blocked_scheme"


@pytest.mark.parametrize("address,why", [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"), ("224.0.0.251", "multicast"), ("0.0.0.0", "unspecified"),
    ("100.64.0.1", "non-public"), ("240.0.0.1", "private"), ("::1", "loopback"), ("fe80::1", "link-local"),
    ("ff02::1", "multicast"), ("fc00::1", "private"), ("::ffff:127.0.0.1", "loopback"),
    ("2002:a9fe:a9fe::1", "link-local"), ("64:ff9b::a00:1", "private"),
])
def test_address_policy(address: str, why: str):
    assert address_problem(ipaddress.ip_address(address)) == why


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "1.1.1.1"])
def test_public_addresses_pass(address: str):
    assert address_problem(ipaddress.ip_address(address)) is None


def test_public_address_is_pinned_and_allow_list_networks_work():
    target = check_url("https://93.184.216.34/rss", GUARDED)
    assert target.pinned == "93.184.216.34"
    intranet = FetchPolicy(allow_hosts=("10.0.0.0/8",))
    assert check_url("http://10.1.2.3/feed", intranet).pinned is None
    with pytest.raises(FetchError):
        check_url("http://192.168.1.1/feed", intranet)


# ---- decoding ---------------------------------------------------------------------------
TEXT = "Menteri menyebut \u201ckerja sama\u201d itu d\u00e9j\u00e0 vu \u2014 biaya \u20ac5 juta."


def test_windows_1252_declared_in_the_header(server: HTTPServer):
    server.expect_request("/p").respond_with_data(f"<html><body><p>{TEXT}</p></body></html>".encode("cp1252"),
                                                  content_type="text/html; charset=windows-1252")
    assert TEXT in fetch(server.url_for("/p"), LOCAL).text()


def test_iso_8859_1_label_decodes_as_windows_1252():
    # Browsers treat the latin-1 label as windows-1252: curly quotes and the euro sign survive.
    body = f"<p>{TEXT}</p>".encode("cp1252")
    assert TEXT in decode_body(body, "ISO-8859-1", "text/html")


def test_meta_charset_when_the_header_says_nothing():
    body = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">' \
           f"</head><body><p>{TEXT}</p></body></html>".encode("cp1252")
    assert TEXT in decode_body(body, None, "text/html")
    body = f'<html><head><meta charset="windows-1252"></head><body>{TEXT}</body></html>'.encode("cp1252")
    assert TEXT in decode_body(body, None, "text/html")


def test_bom_wins_over_a_wrong_declaration():
    body = "\ufeff".encode("utf-8") + f'<meta charset="windows-1252"><p>{TEXT}</p>'.encode("utf-8")
    assert TEXT in decode_body(body, "iso-8859-1", "text/html")


def test_xml_declaration_and_a_lying_header():
    body = f'<?xml version="1.0" encoding="windows-1252"?><rss><title>{TEXT}</title></rss>'.encode("cp1252")
    assert TEXT in decode_body(body, None, "application/rss+xml")
    # Header claims UTF-8 but the bytes are not: the next clue (the page's meta tag) is used.
    page = f'<meta charset="windows-1252"><p>{TEXT}</p>'.encode("cp1252")
    assert TEXT in decode_body(page, "utf-8", "text/html")


# ---- pinning: the connection goes to the address that was checked ---------------------------
def _fake_dns(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> list[str]:
    """Replace the resolver (a library call, not our code) with fixed answers; record look-ups."""
    asked: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):  # noqa: ANN001 - socket.getaddrinfo's signature
        asked.append(host)
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in answers[host]]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


def test_the_request_is_pinned_to_the_checked_address_with_host_and_sni_kept(monkeypatch: pytest.MonkeyPatch):
    asked = _fake_dns(monkeypatch, {"news.example": ["93.184.216.34"]})
    seen: list[httpx.Request] = []

    def upstream(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=b"<rss/>", headers={"Content-Type": "application/rss+xml"})

    with httpx.Client(transport=httpx.MockTransport(upstream)) as client:
        result = fetch("https://news.example:8443/rss", GUARDED, client=client)
    assert result.body == b"<rss/>" and asked == ["news.example"]  # resolved once, by the guard
    request = seen[0]
    assert request.url.host == "93.184.216.34" and request.url.port == 8443
    assert request.headers["Host"] == "news.example:8443"
    assert request.extensions["sni_hostname"] == "news.example"  # TLS name and certificate check


def test_a_name_with_any_private_answer_is_refused(monkeypatch: pytest.MonkeyPatch):
    _fake_dns(monkeypatch, {"rebind.example": ["93.184.216.34", "10.0.0.7"]})
    with pytest.raises(FetchError) as caught:
        check_url("http://rebind.example/feed", GUARDED)
    assert caught.value.values == {"host": "rebind.example", "address": "10.0.0.7", "why": "private"}


def test_a_configured_proxy_carries_every_fetch_to_the_checked_address():
    """sources.proxy: the request goes to the proxy, in absolute form, naming the address we checked."""
    from dataclasses import replace
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[tuple[str, str]] = []

    class Proxy(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            seen.append((self.requestline, self.headers.get("Host", "")))
            body = b"<rss>via the proxy</rss>"
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    dead_port = closed.getsockname()[1]
    closed.close()  # nothing listens there: only the proxy can answer
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        policy = replace(LOCAL, proxy=f"http://127.0.0.1:{proxy.server_address[1]}")
        result = fetch(f"http://127.0.0.1:{dead_port}/feed", policy)
    finally:
        proxy.shutdown()
    assert result.body == b"<rss>via the proxy</rss>"
    assert seen == [(f"GET http://127.0.0.1:{dead_port}/feed HTTP/1.1", f"127.0.0.1:{dead_port}")]


def test_without_a_proxy_setting_the_environment_proxy_is_not_used(server: HTTPServer, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing there: using it would fail
    server.expect_request("/feed").respond_with_data("<rss/>", content_type="application/rss+xml")
    assert fetch(server.url_for("/feed"), LOCAL).body == b"<rss/>"
