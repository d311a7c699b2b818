"""The loopback-only guard itself: it must stop real traffic and let local traffic through."""
import socket

import pytest

from tests.conftest import NetworkAccessError


def test_connect_to_public_address_fails():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        with pytest.raises(NetworkAccessError):
            sock.connect(("93.184.216.34", 80))


def test_private_and_metadata_addresses_fail_too():
    for host in ("10.0.0.1", "169.254.169.254", "192.168.1.1"):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            with pytest.raises(NetworkAccessError):
                sock.connect((host, 80))


def test_dns_lookup_of_a_public_name_fails():
    with pytest.raises(NetworkAccessError):
        socket.getaddrinfo("example.com", 443)


def test_udp_to_public_dns_fails():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        with pytest.raises(NetworkAccessError):
            sock.sendto(b"x", ("8.8.8.8", 53))


def test_loopback_still_works():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    with server, socket.create_connection(server.getsockname(), timeout=2):
        conn, _ = server.accept()
        conn.close()
