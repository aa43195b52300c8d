"""The web server fetches only public addresses: the address checker, the URL check after name
resolution, the guard on redirect hops, and the API and form refusing a loopback URL."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from samples import send_body, serving

pytest.importorskip("fastapi", reason="the web extra (fastapi, uvicorn) is not installed")
pytest.importorskip("uvicorn", reason="the web extra (fastapi, uvicorn) is not installed")

from newsbrief.errors import FetchError
from newsbrief.ingest.url import fetch_url
from newsbrief.settings import Settings
from newsbrief.web import create_app
from newsbrief.web.safety import UnsafeURL, check_url, is_public_address, peer_guard, url_guard
from newsbrief.web.server import serve_in_thread

NOT_PUBLIC = [
    "127.0.0.1",
    "127.1.2.3",
    "0.0.0.0",
    "10.0.0.5",
    "172.16.4.4",
    "172.31.255.255",
    "192.168.1.10",
    "169.254.169.254",  # cloud metadata
    "169.254.0.1",
    "100.64.0.1",  # carrier-grade NAT
    "100.127.255.254",
    "192.0.0.8",
    "192.0.2.55",
    "198.18.0.1",
    "198.51.100.7",
    "203.0.113.9",
    "224.0.0.251",  # multicast
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "fe80::1",
    "fe80::1%eth0",
    "fc00::1",
    "fd00:ec2::254",  # cloud metadata over IPv6
    "fec0::1",
    "ff02::1",
    "::ffff:127.0.0.1",  # IPv4-mapped loopback
    "::ffff:169.254.169.254",
    "::127.0.0.1",
    "64:ff9b::a9fe:a9fe",  # NAT64 of the metadata address
    "2002:7f00:1::1",  # 6to4 of loopback
    "2001:db8::1",
    "2001::1",  # Teredo
    "not an address",
]
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.4.4"]


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_private_loopback_and_special_addresses_are_not_public(address: str) -> None:
    assert is_public_address(address) is False


@pytest.mark.parametrize("address", PUBLIC)
def test_ordinary_internet_addresses_are_public(address: str) -> None:
    assert is_public_address(address) is True


@pytest.mark.parametrize(
    "url",
    [
        # this machine or a private network
        "http://localhost/",
        "http://LOCALHOST:8000/admin",
        "http://127.0.0.1:9/",
        "http://127.1/",
        "http://2130706433/",  # 127.0.0.1 as one number
        "http://0x7f000001/",
        "http://[::1]:8080/",
        "http://169.254.169.254/latest/meta-data/",
        "https://[fd00:ec2::254]/",
        # another scheme, credentials, or no URL at all
        "file:///etc/passwd",
        "ftp://8.8.8.8/x",
        "gopher://8.8.8.8:70/",
        "http://user:secret@8.8.8.8/",
        "http:///no-host",
        "http://8.8.8.8:99999/",
        "javascript:alert(1)",
    ],
)
def test_unsafe_urls_are_refused(url: str) -> None:
    with pytest.raises(UnsafeURL):
        check_url(url)


def test_a_public_literal_address_passes() -> None:
    assert check_url("https://8.8.8.8/news?id=1") == "https://8.8.8.8/news?id=1"


def _resolver(table: dict[str, list[str]]) -> Any:
    """A stand-in for getaddrinfo answering from ``table`` (host → addresses)."""

    def resolve(host: str, port: int, **_: object) -> list[tuple[Any, ...]]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in table[host]]

    return resolve


def test_the_check_runs_on_every_resolved_address_not_the_name() -> None:
    resolver = _resolver(
        {
            "news.example": ["93.184.216.34"],
            "rebind.example": ["93.184.216.34", "10.0.0.7"],
            "internal.example": ["192.168.0.2"],
        }
    )
    assert check_url("http://news.example/a", resolver=resolver)
    with pytest.raises(UnsafeURL, match=r"10\.0\.0\.7"):
        check_url("http://rebind.example/a", resolver=resolver)
    with pytest.raises(UnsafeURL, match=r"192\.168\.0\.2"):
        check_url("https://internal.example/", resolver=resolver)
    with pytest.raises(FetchError, match="cannot resolve"):
        check_url("http://unknown.example/", resolver=resolver)


# --------------------------------------------------------------------------- redirect hops


class _Recorder(BaseHTTPRequestHandler):
    """Redirects /start to /secret on the same loopback server; records every path asked."""

    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        if self.path == "/start":
            self.send_response(302)
            port = self.headers["Host"].rsplit(":", 1)[1]
            self.send_header("Location", f"http://localhost:{port}/secret")
            self.end_headers()
            return
        send_body(self, b"internal secrets", "text/plain")

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture()
def recorder() -> Iterator[tuple[str, list[str]]]:
    _Recorder.seen = []
    with serving(_Recorder) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.seen


def test_the_guard_stops_a_redirect_to_a_private_address_before_it_is_fetched(
    recorder: tuple[str, list[str]],
) -> None:
    base, seen = recorder
    start = f"{base}/start"
    guard = url_guard()

    def first_hop_allowed(url: str) -> None:
        if url != start:  # let the test server itself through, check every later hop
            guard(url)

    with pytest.raises(UnsafeURL, match="not a public address"):
        fetch_url(start, Settings(), guard=first_hop_allowed)
    assert seen == ["/start"]


def test_dns_rebinding_is_caught_at_the_connected_address(
    recorder: tuple[str, list[str]],
) -> None:
    """The name checks out as public, but the connection lands on loopback: nothing is read."""
    base, seen = recorder
    port = base.rsplit(":", 1)[1]
    rebinding = _resolver({"news.example": ["93.184.216.34"], "127.0.0.1": ["93.184.216.34"]})
    with pytest.raises(UnsafeURL, match=r"came from 127\.0\.0\.1"):
        fetch_url(
            f"http://127.0.0.1:{port}/secret",
            Settings(),
            guard=url_guard(resolver=rebinding),
            peer_guard=peer_guard,
        )
    assert seen == ["/secret"]  # the request went out, but its body was never read or returned


def test_peer_guard_passes_public_and_refuses_private_addresses() -> None:
    peer_guard("93.184.216.34")
    peer_guard("2606:4700::1111")
    for address in ("127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "fd00:ec2::254"):
        with pytest.raises(UnsafeURL):
            peer_guard(address)


# --------------------------------------------------------------------------- through the server


@pytest.fixture()
def live(tmp_path: Path) -> Iterator[str]:
    with serve_in_thread(create_app(tmp_path / "archive.db")) as base_url:
        yield base_url


def test_api_refuses_to_fetch_its_own_loopback_address(
    live: str, recorder: tuple[str, list[str]]
) -> None:
    base, seen = recorder
    for url in (f"{live}/api/v1/health", f"{base}/secret", "http://localhost:22/"):
        response = httpx.post(f"{live}/api/v1/articles", json={"url": url}, timeout=30)
        assert response.status_code == 400, response.text
        body = response.json()
        assert body["error"] == "bad request"
        assert "not a public address" in body["message"]
    assert seen == []


def test_api_refuses_non_http_schemes(live: str) -> None:
    response = httpx.post(f"{live}/api/v1/articles", json={"url": "file:///etc/passwd"})
    assert response.status_code == 400
    assert "http" in response.json()["message"]


def test_form_refuses_a_loopback_url_with_a_message(
    live: str, recorder: tuple[str, list[str]]
) -> None:
    base, seen = recorder
    response = httpx.post(f"{live}/submit", data={"url": f"{base}/secret"}, timeout=30)
    assert response.status_code == 400
    assert "not a public address" in response.text
    assert 'class="form-error"' in response.text
    assert seen == []
