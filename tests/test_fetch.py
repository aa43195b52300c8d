"""Fetching URLs against a real HTTP server on 127.0.0.1, run in a thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from samples import send_body

from newsbrief.errors import FetchError, UnsupportedInput
from newsbrief.ingest import fetch_url, load_input
from newsbrief.settings import Settings

PARAS = [
    "Firefighters in the hill town of Ostrava Vale spent the night containing a blaze at a "
    "disused paper mill, the regional fire service said on Wednesday.",
    "No one was hurt, but residents of two nearby streets were asked to keep their windows shut "
    "because of the thick smoke that drifted over the valley.",
    "The mill closed in 2009 and its owners had applied to turn it into flats, a plan the town "
    "council was due to discuss later this month.",
    "Investigators will examine the site once it has cooled, a fire service spokesman said.",
]
ARTICLE_HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'>"
    "<title>Fire at disused paper mill</title>"
    "<meta property='og:site_name' content='Vale Gazette'></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
    "<h1>Fire at disused paper mill</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAS)
    + "</article></body></html>"
)
LATIN1_HTML = ARTICLE_HTML.replace("hill", "café").encode("latin-1")
PLAIN_TEXT = "Title: Mill fire\n\n" + "\n\n".join(PARAS)
MAX_BYTES = 50_000


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return None

    def do_GET(self) -> None:
        route = {
            "/article": lambda: self.send("text/html; charset=utf-8", ARTICLE_HTML.encode()),
            "/latin1": lambda: self.send(
                "text/html; charset=iso-8859-1",
                ARTICLE_HTML.replace("hill", "café").encode("latin-1"),
            ),
            "/text": lambda: self.send("text/plain", PLAIN_TEXT.encode()),
            "/redirect": lambda: self.redirect("/hop"),
            "/hop": lambda: self.redirect("/article"),
            "/loop": lambda: self.redirect("/loop"),
            "/ftp": lambda: self.redirect("ftp://127.0.0.1/file"),
            "/missing": lambda: self.send("text/html", b"<h1>Not found</h1>", status=404),
            "/broken": lambda: self.send("text/html", b"<h1>Oops</h1>", status=500),
            "/huge": lambda: self.send("text/html", b"<p>" + b"x" * (MAX_BYTES * 2)),
            "/huge-stream": self.stream_huge,
            "/image": lambda: self.send("image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
            "/slow": self.slow,
        }.get(self.path)
        if route is None:
            self.send("text/plain", b"no such route", status=404)
        else:
            route()

    def send(self, ctype: str, body: bytes, status: int = 200) -> None:
        send_body(self, body, ctype, status)

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def stream_huge(self) -> None:
        """No Content-Length: the size cap must be enforced while reading."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<p>" + b"y" * 8192 + b"</p>"
        for _ in range(MAX_BYTES // 8192 + 4):
            self.wfile.write(chunk)

    def slow(self) -> None:
        time.sleep(1.5)
        self.send("text/html", ARTICLE_HTML.encode())


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """The client hanging up early (size cap, timeout) is expected here."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


SETTINGS = Settings(fetch_max_bytes=MAX_BYTES, fetch_timeout_s=5.0, fetch_max_redirects=3)


def test_fetch_article(server: str) -> None:
    url, ctype, text = fetch_url(f"{server}/article", SETTINGS)
    assert url == f"{server}/article"
    assert ctype == "text/html"
    assert PARAS[0] in text


def test_charset_from_http_header(server: str) -> None:
    _, _, text = fetch_url(f"{server}/latin1", SETTINGS)
    assert "café town" in text


def test_redirects_are_followed_and_guarded(server: str) -> None:
    seen: list[str] = []
    fetched = fetch_url(f"{server}/redirect", SETTINGS, guard=seen.append)
    assert fetched.url == f"{server}/article"
    assert seen == [f"{server}/redirect", f"{server}/hop", f"{server}/article"]


def test_guard_can_refuse_a_hop(server: str) -> None:
    def refuse_article(url: str) -> None:
        if url.endswith("/article"):
            raise FetchError(f"{url} is not allowed")

    with pytest.raises(FetchError, match="not allowed"):
        fetch_url(f"{server}/redirect", SETTINGS, guard=refuse_article)


def test_redirect_loop(server: str) -> None:
    with pytest.raises(FetchError, match="redirected more than 3 times") as err:
        fetch_url(f"{server}/loop", SETTINGS)
    assert "loop" in err.value.hint


def test_redirect_to_other_scheme(server: str) -> None:
    with pytest.raises(UnsupportedInput, match="not an http"):
        fetch_url(f"{server}/ftp", SETTINGS)


@pytest.mark.parametrize(("path", "status"), [("/missing", "404"), ("/broken", "500")])
def test_http_errors(server: str, path: str, status: str) -> None:
    with pytest.raises(FetchError, match=f"HTTP {status}") as err:
        fetch_url(f"{server}{path}", SETTINGS)
    assert err.value.exit_code == 3
    assert err.value.hint


@pytest.mark.parametrize("path", ["/huge", "/huge-stream"])
def test_too_large(server: str, path: str) -> None:
    with pytest.raises(FetchError, match="larger than the 50,000-byte limit"):
        fetch_url(f"{server}{path}", SETTINGS)


def test_not_html(server: str) -> None:
    with pytest.raises(UnsupportedInput, match="image/png") as err:
        fetch_url(f"{server}/image", SETTINGS)
    assert "web page" in err.value.hint


def test_timeout(server: str) -> None:
    with pytest.raises(FetchError, match=r"did not answer within 0\.3 s"):
        fetch_url(f"{server}/slow", Settings(fetch_timeout_s=0.3))


def test_dns_failure() -> None:
    with pytest.raises(FetchError, match="could not resolve the host name"):
        fetch_url("http://no-such-host.invalid/news", SETTINGS)


def test_connection_refused(server: str) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="could not connect"):
        fetch_url(f"http://127.0.0.1:{port}/", SETTINGS)


def test_load_input_from_url(server: str) -> None:
    article = load_input(f"{server}/redirect", settings=SETTINGS)
    assert article.title == "Fire at disused paper mill"
    assert article.outlet == "Vale Gazette"
    assert article.source == f"{server}/redirect"
    assert article.url is not None and article.url.startswith(server)
    assert article.text == "\n\n".join(PARAS)


def test_load_input_plain_text_url(server: str) -> None:
    article = load_input(f"{server}/text", settings=SETTINGS, title="Override")
    assert article.title == "Override"
    assert article.url == f"{server}/text"
    assert article.text.startswith("Firefighters")
