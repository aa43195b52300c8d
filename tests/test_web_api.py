"""The JSON API over a real archive, served by uvicorn on loopback: every endpoint, bad
requests, size limits, the write token and the security headers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi, uvicorn) is not installed")
pytest.importorskip("uvicorn", reason="the web extra (fastapi, uvicorn) is not installed")

from samples import CANAL_REOPENING, LIBRARY_VOTE, SECTION_KEYS, store_article, store_ferry

from newsbrief.models import Brief
from newsbrief.web import create_app
from newsbrief.web.server import serve_in_thread

PUBLIC_KEYS = set(SECTION_KEYS)


@pytest.fixture(scope="module")
def archive_db(module_archive_target: Path | str) -> dict[str, object]:
    db = module_archive_target
    ferry = store_ferry(db)
    library, outcome = store_article(
        db,
        LIBRARY_VOTE,
        "Arden to close its central library for repairs",
        "Arden Courier",
        datetime(2025, 3, 5, 17, 30, tzinfo=UTC),
    )
    assert outcome.status == "new"
    return {"db": db, "ferry": ferry, "library": library}


@pytest.fixture(scope="module")
def api(archive_db: dict[str, object]) -> Iterator[str]:
    db = archive_db["db"]
    assert isinstance(db, Path | str)
    with serve_in_thread(create_app(db)) as base_url:
        yield base_url + "/api/v1"


def test_health_reports_the_archive(api: str) -> None:
    body = httpx.get(f"{api}/health").json()
    assert body["status"] == "ok"
    assert body["articles"] >= 2
    assert body["stories"] >= 2
    assert body["schema_version"] >= 2


def test_stories_are_listed_latest_first_and_paged(api: str, archive_db: dict[str, object]) -> None:
    page = httpx.get(f"{api}/stories").json()
    assert set(page) == {"items", "total", "next"}
    stories = page["items"]
    assert page["total"] == len(stories) and page["next"] is None
    assert [s["title"] for s in stories][:2] == [
        "Arden to close its central library for repairs",
        "Ferry crews strike in Kestrel Bay",
    ]
    first = stories[0]
    assert first["article_count"] == 1
    assert first["independent_sources"] == 1
    assert first["outlets"] == ["Arden Courier"]
    second_page = httpx.get(f"{api}/stories", params={"limit": 1, "offset": 1}).json()
    assert [s["id"] for s in second_page["items"]] == [stories[1]["id"]]
    assert second_page["total"] == page["total"]
    if page["total"] > 2:
        assert second_page["next"] == "/api/v1/stories?limit=1&offset=2"


def test_a_story_its_articles_and_its_brief(api: str, archive_db: dict[str, object]) -> None:
    listed = httpx.get(f"{api}/stories").json()["items"]
    story = next(s for s in listed if "Ferry" in s["title"])
    assert httpx.get(f"{api}/stories/{story['id']}").json()["id"] == story["id"]
    articles = httpx.get(f"{api}/stories/{story['id']}/articles").json()["items"]
    assert [a["id"] for a in articles] == [archive_db["ferry"]]
    response = httpx.get(f"{api}/stories/{story['id']}/brief")
    assert response.status_code == 200
    brief = Brief.model_validate(response.json())
    assert set(response.json()) >= PUBLIC_KEYS
    assert [ref.id for ref in brief.articles] == [archive_db["ferry"]]
    assert brief.executive_summary, "a story brief needs a summary"


def test_articles_are_listed_and_served_with_their_text(
    api: str, archive_db: dict[str, object]
) -> None:
    listed = httpx.get(f"{api}/articles").json()
    assert listed["total"] >= len(listed["items"])
    ids = [a["id"] for a in listed["items"]]
    assert ids.index(archive_db["library"]) < ids.index(archive_db["ferry"])  # newest first
    detail = httpx.get(f"{api}/articles/{archive_db['ferry']}").json()
    assert detail["article"]["text"].startswith("Ferry crews at the port of Kestrel Bay")
    assert detail["article"]["outlet"] == "Harbour Post"
    assert detail["story_id"]


def test_an_article_brief_is_the_public_brief_schema(
    api: str, archive_db: dict[str, object]
) -> None:
    response = httpx.get(f"{api}/articles/{archive_db['library']}/brief")
    data = response.json()
    brief = Brief.model_validate(data)
    assert brief.model_dump(mode="json") == data
    assert brief.article is not None and brief.article.id == archive_db["library"]
    cited = [i.evidence for i in brief.executive_summary] + [
        i.evidence for i in brief.why_it_matters
    ]
    assert cited and all(e.article_id == archive_db["library"] for e in cited)


def test_unknown_ids_are_404_with_a_json_message(api: str) -> None:
    for path in ("stories/s0000", "stories/s0000/brief", "articles/nope", "articles/nope/brief"):
        response = httpx.get(f"{api}/{path}")
        assert response.status_code == 404, path
        assert response.json()["error"] == "not found"
        assert "no " in response.json()["message"]


def test_search_finds_articles_stories_and_actors(api: str, archive_db: dict[str, object]) -> None:
    body = httpx.get(f"{api}/search", params={"q": "library roof"}).json()
    assert [a["id"] for a in body["articles"]] == [archive_db["library"]]
    assert "«" in body["articles"][0]["snippet"]
    assert [s["title"] for s in body["stories"]] == [
        "Arden to close its central library for repairs"
    ]
    people = httpx.get(f"{api}/search", params={"q": "Natarajan"}).json()["actors"]
    assert any(a["name"] == "Priya Natarajan" for a in people)
    assert httpx.get(f"{api}/search", params={"q": "zeppelin"}).json()["articles"] == []


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({}, "query.q"),
        ({"q": ""}, "query.q"),
        ({"q": "x" * 201}, "query.q"),
        ({"q": "port", "limit": 0}, "query.limit"),
        ({"q": "port", "limit": "many"}, "query.limit"),
    ],
)
def test_bad_query_parameters_are_422_with_the_field_named(
    api: str, params: dict[str, object], fragment: str
) -> None:
    response = httpx.get(f"{api}/search", params=params)  # type: ignore[arg-type]
    assert response.status_code == 422
    assert fragment in response.json()["message"]


def test_submitting_text_briefs_and_stores_it(api: str) -> None:
    payload = {
        "text": CANAL_REOPENING,
        "title": "Harrow canal reopens to barges",
        "outlet": "Waterways Weekly",
        "published": "2025-04-10T09:00:00Z",
    }
    response = httpx.post(f"{api}/articles", json=payload, timeout=120)
    assert response.status_code == 201, response.text
    body = response.json()
    brief = Brief.model_validate(body["brief"])
    assert brief.headline == "Harrow canal reopens to barges"
    assert body["created"] is True and body["story_id"]
    stored = httpx.get(f"{api}/articles/{body['article_id']}").json()["article"]
    assert stored["outlet"] == "Waterways Weekly"
    assert stored["published"].startswith("2025-04-10T09:00:00")
    again = httpx.post(f"{api}/articles", json=payload, timeout=120)
    assert again.status_code == 200
    assert again.json()["created"] is False
    assert again.json()["article_id"] == body["article_id"]


def test_submitting_html_extracts_the_main_text(api: str) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in LIBRARY_VOTE.split("\n\n"))
    html = (
        "<!DOCTYPE html><html><head><title>Library closes | Arden Courier</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>Arden library to close</h1>{paragraphs}</article>"
        "<footer>Copyright Arden Courier</footer></body></html>"
    )
    response = httpx.post(f"{api}/articles", json={"html": html}, timeout=120)
    assert response.status_code in (200, 201), response.text
    article_id = response.json()["article_id"]
    text = httpx.get(f"{api}/articles/{article_id}").json()["article"]["text"]
    assert "cracks in the roof beams" in text
    assert "Sport" not in text


@pytest.mark.parametrize(
    ("payload", "status", "fragment"),
    [
        ({}, 422, "exactly one of text, html or url"),
        ({"text": CANAL_REOPENING, "url": "https://8.8.8.8/"}, 422, "exactly one"),
        ({"text": "Too short to brief."}, 422, "words"),
        ({"text": CANAL_REOPENING, "colour": "red"}, 422, "body.colour"),
        ({"text": CANAL_REOPENING, "published": "last Tuesday-ish"}, 422, "body.published"),
        ({"text": 42}, 422, "body.text"),
    ],
)
def test_bad_submissions_are_4xx_with_a_json_message(
    api: str, payload: dict[str, object], status: int, fragment: str
) -> None:
    response = httpx.post(f"{api}/articles", json=payload, timeout=60)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) >= {"error", "message"}
    assert fragment in body["message"]


def test_a_body_that_is_not_json_is_422(api: str) -> None:
    response = httpx.post(
        f"{api}/articles", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["error"] == "invalid request"


def test_security_headers_on_api_and_pages(api: str) -> None:
    for url in (f"{api}/health", api.removesuffix("/api/v1") + "/"):
        headers = httpx.get(url).headers
        assert "script-src 'none'" in headers["content-security-policy"]
        assert "default-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_openapi_describes_the_api_and_the_brief_schema(api: str) -> None:
    spec = httpx.get(api.removesuffix("/api/v1") + "/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/api/v1/health",
        "/api/v1/stories",
        "/api/v1/stories/{story_id}/brief",
        "/api/v1/articles",
        "/api/v1/articles/{article_id}/brief",
        "/api/v1/search",
    } <= paths
    assert "post" in spec["paths"]["/api/v1/articles"]
    assert "Brief" in spec["components"]["schemas"]
    assert not any(p.startswith("/stories") for p in paths), "pages stay out of the API spec"


# --------------------------------------------------------------------------- limits and token


@pytest.fixture()
def small_server(tmp_path: Path) -> Iterator[str]:
    with serve_in_thread(create_app(tmp_path / "a.db", max_body_bytes=4_000)) as base_url:
        yield base_url


def test_a_body_over_the_limit_is_413(small_server: str) -> None:
    response = httpx.post(
        f"{small_server}/api/v1/articles", json={"text": "word " * 2_000}, timeout=30
    )
    assert response.status_code == 413
    assert response.json()["error"] == "request too large"


def test_a_chunked_body_over_the_limit_is_413(small_server: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"word " * 20
        yield b'"}'

    response = httpx.post(
        f"{small_server}/api/v1/articles",
        content=chunks(),
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 413


def test_a_form_post_over_the_limit_is_413(small_server: str) -> None:
    response = httpx.post(f"{small_server}/submit", data={"text": "word " * 2_000}, timeout=30)
    assert response.status_code == 413


def test_a_cross_site_post_is_refused(small_server: str) -> None:
    response = httpx.post(
        f"{small_server}/submit",
        data={"text": "hello"},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert "text/html" in response.headers["content-type"]  # a page, not the API's JSON
    assert "cross-site" in response.text.lower()


@pytest.fixture()
def token_server(tmp_path: Path) -> Iterator[str]:
    with serve_in_thread(create_app(tmp_path / "t.db", token="s3cret-token")) as base_url:
        yield base_url


@pytest.mark.parametrize("header", [None, "Bearer wrong", "s3cret-token", "Basic czNjcmV0"])
def test_writes_need_the_token_when_one_is_set(token_server: str, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = httpx.post(
        f"{token_server}/api/v1/articles", json={"text": CANAL_REOPENING}, headers=headers
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "token" in response.json()["message"]


def test_the_right_token_submits_and_reads_stay_open(token_server: str) -> None:
    assert httpx.get(f"{token_server}/api/v1/health").status_code == 200
    assert httpx.get(f"{token_server}/api/v1/stories").status_code == 200
    response = httpx.post(
        f"{token_server}/api/v1/articles",
        json={"text": CANAL_REOPENING, "title": "Canal reopens"},
        headers={"Authorization": "Bearer s3cret-token"},
        timeout=120,
    )
    assert response.status_code == 201, response.text


def test_the_form_asks_for_the_token_and_checks_it(token_server: str) -> None:
    form = httpx.get(f"{token_server}/submit").text
    assert 'name="token"' in form
    refused = httpx.post(f"{token_server}/submit", data={"text": CANAL_REOPENING})
    assert refused.status_code == 401
    assert "token" in refused.text
    accepted = httpx.post(
        f"{token_server}/submit",
        data={"text": CANAL_REOPENING, "title": "Canal reopens", "token": "s3cret-token"},
        timeout=120,
    )
    assert accepted.status_code == 303
    assert accepted.headers["location"].endswith("/brief")


# --------------------------------------------------------------------------- pages over HTTP


def test_pages_link_evidence_to_the_highlighted_sentence(
    api: str, archive_db: dict[str, object]
) -> None:
    site = api.removesuffix("/api/v1")
    ferry = archive_db["ferry"]
    home = httpx.get(site + "/")
    assert home.status_code == 200
    assert "Ferry crews strike in Kestrel Bay" in home.text
    story_id = httpx.get(f"{api}/articles/{ferry}").json()["story_id"]
    story = httpx.get(f"{site}/stories/{story_id}").text
    assert f'href="/articles/{ferry}?s=' in story
    article = httpx.get(f"{site}/articles/{ferry}", params={"s": 1}).text
    assert article.count('class="sent hl"') == 1
    assert f'class="sent hl" id="s-{ferry}-1"' in article
    assert article.count('class="sent"') >= 4


def test_pages_for_missing_things_are_404_html(api: str) -> None:
    site = api.removesuffix("/api/v1")
    for path in ("/stories/s0000", "/articles/nope", "/articles/nope/brief", "/actors/Nobody"):
        response = httpx.get(site + path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html")
        assert "Not found" in response.text


def test_search_page_lists_matching_articles(api: str, archive_db: dict[str, object]) -> None:
    site = api.removesuffix("/api/v1")
    page = httpx.get(site + "/search", params={"q": "library roof"}).text
    assert f'href="/articles/{archive_db["library"]}"' in page
    assert "<mark>" in page
    echoed = httpx.get(site + "/search", params={"q": '<b>bold</b> "x'}).text
    assert "<b>bold</b>" not in echoed
    assert "&lt;b&gt;bold&lt;/b&gt;" in echoed


def test_an_actors_page_shows_how_each_statement_was_made(
    api: str, archive_db: dict[str, object]
) -> None:
    """The page showed "— ¶s3": an attribution has no ``how`` of its own, and the template
    asked it for one; the cue and channel are the brief's."""
    site = api.removesuffix("/api/v1")
    page = httpx.get(f"{site}/actors/Colin Ashdown")
    assert page.status_code == 200
    assert "— urged, according to the regional broadcaster" in page.text, page.text
    assert re.search(r'class="meta">—\s*<a', page.text) is None
