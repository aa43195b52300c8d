"""The web audit's findings, each pinned by a test: bad queries, unexpected errors, unsafe URLs,
the token before the body, the documented error shape, HEAD, the form's 413 page, stories not
analyzed yet, a busy port for ``serve`` and the connection to the vetted address."""

from __future__ import annotations

import json
import socket
import sqlite3
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from samples import BRIDGE, LIBRARY_REPAIRS, send_body, serving

pytest.importorskip("fastapi", reason="the web extra (fastapi, uvicorn) is not installed")

from newsbrief.cli import main
from newsbrief.ingest.batch import ingest_sources
from newsbrief.ingest.url import fetch_url
from newsbrief.settings import Settings
from newsbrief.store import Archive
from newsbrief.web import create_app
from newsbrief.web.safety import UnsafeURL, VettedHosts
from newsbrief.web.server import serve_in_thread

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two articles stored without analysis: one with a javascript: URL in its header."""
    root = tmp_path_factory.mktemp("audit")
    evil = root / "evil.txt"
    evil.write_text(
        "Title: Bridge reopens\nURL: javascript:alert(1)\nPublished: 2024-06-11\n\n" + BRIDGE,
        encoding="utf-8",
    )
    lines = root / "lib.jsonl"
    lines.write_text(json.dumps({"text": LIBRARY_REPAIRS, "published": "2024-06-12"}) + "\n")
    db = root / "archive.db"
    with Archive.open(db) as archive:
        report = ingest_sources([str(evil), str(lines)], archive, Settings(), analyze=False)
    assert [o.status for o in report.outcomes] == ["new", "new"], report.summary()
    ids = [o.article_id for o in report.outcomes]
    stories = [o.story_id for o in report.outcomes]
    return {"db": db, "bridge": ids[0], "library": ids[1], "stories": stories}


@pytest.fixture(scope="module")
def site(archive_db: dict[str, Any]) -> Iterator[str]:
    app = create_app(archive_db["db"], token=TOKEN, max_body_bytes=20_000)

    @app.get("/api/v1/test-boom", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("a bug")

    @app.get("/test-boom", include_in_schema=False)
    def page_boom() -> None:
        raise RuntimeError("a bug")

    with serve_in_thread(app) as base:
        yield base


def _is_api_error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert {"error", "message"} <= set(body)
    return body


# --------------------------------------------------------------------------- bad queries


@pytest.mark.parametrize("q", ["port\x00strike", "\x01\x02", "a\x1bb"])
def test_control_characters_in_a_search_are_a_400(site: str, q: str) -> None:
    body = _is_api_error(httpx.get(f"{site}/api/v1/search", params={"q": q}), 400)
    assert "control characters" in body["message"]
    page = httpx.get(f"{site}/search", params={"q": q})
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]


def test_an_unexpected_error_is_json_under_the_api_and_a_page_elsewhere(site: str) -> None:
    body = _is_api_error(httpx.get(f"{site}/api/v1/test-boom"), 500)
    assert "a bug" not in body["message"]  # no internals leak
    page = httpx.get(f"{site}/test-boom")
    assert page.status_code == 500 and "text/html" in page.headers["content-type"]


# --------------------------------------------------------------------------- unsafe URLs


def test_a_javascript_url_never_comes_back(site: str, archive_db: dict[str, Any]) -> None:
    bridge = archive_db["bridge"]
    detail = httpx.get(f"{site}/api/v1/articles/{bridge}").json()
    assert detail["article"]["url"] is None
    listed = httpx.get(f"{site}/api/v1/articles").json()["items"]
    assert all(a["url"] is None for a in listed)
    for path in (f"/articles/{bridge}", "/", f"/stories/{detail['story_id']}"):
        assert "javascript:" not in httpx.get(site + path).text


def test_a_javascript_url_already_stored_is_not_served(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    lines = tmp_path / "a.jsonl"
    lines.write_text(json.dumps({"text": BRIDGE, "url": "https://example.org/a"}) + "\n")
    with Archive.open(db) as archive:
        (outcome,) = ingest_sources([str(lines)], archive, Settings(), analyze=False).outcomes
    with sqlite3.connect(db) as conn:  # as an older newsbrief could have stored it
        conn.execute(
            "UPDATE articles SET url = 'javascript:alert(2)',"
            " record = json_set(record, '$.url', 'javascript:alert(2)')"
        )
    with serve_in_thread(create_app(db)) as base:
        detail = httpx.get(f"{base}/api/v1/articles/{outcome.article_id}").json()
        listed = httpx.get(f"{base}/api/v1/articles").json()["items"]
        page = httpx.get(f"{base}/articles/{outcome.article_id}").text
    assert detail["article"]["url"] is None and listed[0]["url"] is None
    assert "javascript:" not in page


# --------------------------------------------------------------------------- the token


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}])
def test_the_token_is_checked_before_the_body(site: str, headers: dict[str, str]) -> None:
    response = httpx.post(
        f"{site}/api/v1/articles",
        content=b"{not json",
        headers={"content-type": "application/json", **headers},
    )
    body = _is_api_error(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
    assert "token" in body["message"]


def test_with_the_token_a_malformed_body_is_a_422(site: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
    response = httpx.post(f"{site}/api/v1/articles", content=b"{not json", headers=auth)
    _is_api_error(response, 422)
    response = httpx.post(
        f"{site}/api/v1/articles",
        json={"text": BRIDGE, "published": "soon"},
        headers=auth,
    )
    body = _is_api_error(response, 422)
    assert "published" in body["message"] and body["detail"][0]["loc"][-1] == "published"


def test_openapi_documents_the_token_and_the_error_shape(site: str) -> None:
    spec = httpx.get(f"{site}/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert schemes["token"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["token"]["description"],
    }
    post = spec["paths"]["/api/v1/articles"]["post"]
    assert post["security"] == [{"token": []}]
    assert "SubmitIn" in json.dumps(post["requestBody"]) or "text" in json.dumps(
        post["requestBody"]
    )
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    error_ref = "#/components/schemas/ErrorOut"
    for path, ops in spec["paths"].items():
        if not path.startswith("/api/v1/"):
            continue
        for op in ops.values():
            for status in ("404", "422", "500"):
                schema = op["responses"][status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": error_ref}, (path, status)
    assert {"401", "413"} <= set(post["responses"])


# --------------------------------------------------------------------------- HEAD, 413, stories


@pytest.mark.parametrize("path", ["/", "/api/v1/health", "/search?q=bridge", "/submit"])
def test_head_answers_like_get_without_a_body(site: str, path: str) -> None:
    head = httpx.head(site + path)
    assert head.status_code == 200, path
    assert head.content == b""
    get = httpx.get(site + path)
    assert head.headers["content-type"] == get.headers["content-type"]


def test_the_form_shows_an_html_page_when_the_text_is_too_large(site: str) -> None:
    response = httpx.post(f"{site}/submit", data={"text": "word " * 10_000, "token": TOKEN})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "Too large" in response.text and 'href="/"' in response.text
    api = httpx.post(
        f"{site}/api/v1/articles",
        json={"text": "word " * 10_000},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    _is_api_error(api, 413)


def test_a_story_not_analyzed_yet_lists_its_articles(site: str, archive_db: dict[str, Any]) -> None:
    story = archive_db["stories"][1]
    page = httpx.get(f"{site}/stories/{story}")
    assert page.status_code == 200
    assert "not been analyzed yet" in page.text
    assert f'href="/articles/{archive_db["library"]}"' in page.text
    brief = _is_api_error(httpx.get(f"{site}/api/v1/stories/{story}/brief"), 404)
    assert "not been analyzed" in brief["message"]
    title = httpx.get(f"{site}/api/v1/stories/{story}").json()["title"]
    assert title.startswith("The Arden town council voted on Monday")
    assert f"<h1>{title}</h1>" in page.text


# --------------------------------------------------------------------------- serve


def test_serve_reports_a_busy_port_with_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        code = main(["serve", "--port", str(port), "--db", str(tmp_path / "a.db")])
    assert code == 2
    err = capsys.readouterr().err
    assert f"port {port} is already in use" in err
    assert "Traceback" not in err


# --------------------------------------------------------------------------- DNS rebinding


class _Recorder(BaseHTTPRequestHandler):
    hosts: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hosts.append(self.headers.get("Host", ""))
        send_body(self, b"<html><body><p>hello</p></body></html>", "text/html")

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture()
def recorder() -> Iterator[tuple[int, list[str]]]:
    _Recorder.hosts = []
    with serving(_Recorder) as server:
        yield int(server.server_address[1]), _Recorder.hosts


def test_the_fetch_connects_to_the_vetted_address(recorder: tuple[int, list[str]]) -> None:
    """``vetted.invalid`` has no DNS entry: the page can only come through ``connect_to``,
    and the request still names the URL's host."""
    port, hosts = recorder
    asked: list[tuple[str, int]] = []

    def connect_to(host: str, to_port: int) -> str:
        asked.append((host, to_port))
        return "127.0.0.1"

    page = fetch_url(f"http://vetted.invalid:{port}/a", connect_to=connect_to)
    assert "hello" in page.text
    assert asked == [("vetted.invalid", port)]
    assert hosts == [f"vetted.invalid:{port}"]


def test_a_second_dns_answer_is_never_used() -> None:
    """DNS rebinding: the first answer is public, later ones point inside. The connection goes
    to the vetted address; the resolver is asked once."""
    answers = iter(["93.184.216.34", "127.0.0.1", "127.0.0.1"])
    calls: list[str] = []

    def resolver(host: str, port: int, **_: object) -> list[tuple[Any, ...]]:
        calls.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    vetted = VettedHosts(resolver=resolver)
    vetted.guard("http://rebind.example/page")
    assert vetted.connect_to("rebind.example", 80) == "93.184.216.34"
    assert vetted.connect_to("REBIND.example.", 80) == "93.184.216.34"
    assert calls == ["rebind.example"]
    with pytest.raises(UnsafeURL):
        vetted.connect_to("other.example", 80)
