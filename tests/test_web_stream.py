"""The web front page and story pages on a real dev stream, in Chromium at phone and desktop
widths: one title per story everywhere (list, breadcrumb, h1, API, CLI listing, Markdown brief)
and a sensible order (latest development first, weighted by independent sources; undated
stories after dated ones).

The stream: 28 PolNeAR dev articles (US political news, September–October 2016) with the
outlet and date their file names carry and the headline on their first line; a few are ingested
without a headline or without a date, as crawled pages often are. Screenshots go to
``$NEWSBRIEF_SCREENSHOTS`` when set (else a temporary folder).
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi, uvicorn) is not installed")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

CHROMIUM = "/usr/bin/chromium"
if shutil.which(CHROMIUM) is None:
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

from newsbrief.cli import main  # noqa: E402
from newsbrief.ingest.batch import ingest_sources  # noqa: E402
from newsbrief.settings import Settings  # noqa: E402
from newsbrief.store import Archive  # noqa: E402
from newsbrief.stories.ranking import RankInput, rank_key  # noqa: E402
from newsbrief.web import create_app  # noqa: E402
from newsbrief.web.server import serve_in_thread  # noqa: E402

PAGE_SIZE = 10
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
BAD_TITLE = re.compile(r"^(?:untitled|\(untitled\)|article [0-9a-f]{6,}|[0-9a-f]{8,})", re.I)


def _stream_lines(data_dir: Path) -> list[dict[str, str]]:
    texts = sorted((data_dir / "polnear" / "dev" / "text").iterdir())[::3][:28]
    lines = []
    for i, path in enumerate(texts):
        outlet, date, _ = path.name.split("_", 2)
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        line = {"text": body.strip(), "outlet": outlet}
        if i % 9 != 4:  # three without a headline
            line["title"] = title.strip()
        if i % 10 != 7:  # two without a date
            line["published"] = date
        lines.append(line)
    return lines


@pytest.fixture(scope="module")
def stream(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("stream")
    source = root / "dev.jsonl"
    lines = _stream_lines(data_dir)
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    db = root / "archive.db"
    with Archive.open(db) as archive:
        report = ingest_sources([str(source)], archive, Settings(db_path=db), analyze=True)
    assert report.count("new") == len(lines), report.summary()
    shots = Path(os.environ.get("NEWSBRIEF_SCREENSHOTS") or root / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    with serve_in_thread(create_app(db, page_size=PAGE_SIZE)) as base:
        yield {"base": base, "db": db, "shots": shots}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(params=sorted(WIDTHS))
def page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    width, height = WIDTHS[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=request.param == "phone"
    )
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    tab.width_name = request.param
    try:
        yield tab
    finally:
        context.close()


def _all_stories(base: str) -> list[dict[str, Any]]:
    body = httpx.get(f"{base}/api/v1/stories", params={"limit": 200}).json()
    assert body["total"] == len(body["items"]) and body["next"] is None
    return list(body["items"])


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _fits(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways ({width}px)"


def test_front_page_lists_the_api_order_with_one_title_each(
    page: Any, stream: dict[str, Any]
) -> None:
    base = stream["base"]
    stories = _all_stories(base)
    pages = math.ceil(len(stories) / PAGE_SIZE)
    assert pages >= 2, "the stream should fill more than one page"
    for number in (1, pages):
        page.goto(f"{base}/?page={number}")
        links = page.locator(".story-link")
        titles = [_one_line(t) for t in links.all_inner_texts()]
        ids = [h.rsplit("/", 1)[-1] for h in links.evaluate_all("els => els.map(e => e.href)")]
        expected = stories[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        assert ids == [s["id"] for s in expected]
        assert titles == [s["title"] for s in expected]
        assert page.locator(".page-count").inner_text() == f"Page {number} of {pages}"
        text = page.locator("main").inner_text()
        assert "00:00" not in text and "Untitled" not in text
        _fits(page)
        page.screenshot(path=str(stream["shots"] / f"front-{number}-{page.width_name}.png"))
    assert not [s["title"] for s in stories if BAD_TITLE.match(s["title"])]


def test_the_order_is_latest_development_weighted_by_sources(stream: dict[str, Any]) -> None:
    from datetime import datetime

    stories = _all_stories(stream["base"])
    keys = [
        rank_key(
            RankInput(
                id=s["id"],
                last_published=datetime.fromisoformat(s["last_published"])
                if s["last_published"]
                else None,
                independent_sources=s["independent_sources"],
                updated_at=datetime.fromisoformat(s["updated_at"]),
            )
        )
        for s in stories
    ]
    assert keys == sorted(keys)
    dated = [s["last_published"] is not None for s in stories]
    assert dated == sorted(dated, reverse=True), "an undated story jumped the queue"
    assert not all(dated), "the stream has undated stories; they must come last"
    newest = max(s["last_published"] for s in stories if s["last_published"])
    top = stories[0]
    assert top["last_published"] == newest or top["independent_sources"] > 1


def _cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    capsys.readouterr()
    assert main(["stories", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_story_has_one_title_everywhere(
    page: Any, stream: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    base, db = stream["base"], str(stream["db"])
    stories = _all_stories(base)
    listed = {s["id"]: s["title"] for s in _cli_json(capsys, "--db", db, "--limit", "200")["items"]}
    multi = [s for s in stories if s["article_count"] > 1]
    chosen = {s["id"]: s for s in [*stories[:2], *multi[:2], stories[-1]]}
    for story_id, story in chosen.items():
        title = story["title"]
        page.goto(f"{base}/stories/{story_id}")
        assert _one_line(page.locator("main h1, h1").first.inner_text()) == title
        assert _one_line(page.locator(".crumb-title").inner_text()) == title
        assert page.title() == f"{title} · newsbrief"
        assert listed[story_id] == title
        one = _cli_json(capsys, story_id, "--db", db)
        assert one["title"] == title and len(one["articles"]) == story["article_count"]
        assert all(a["title"] and not BAD_TITLE.match(a["title"]) for a in one["articles"])
        brief = httpx.get(f"{base}/api/v1/stories/{story_id}/brief").json()
        assert brief["headline"] == title
        article_titles = page.locator(".story-articles .article-list a").all_inner_texts()
        assert [_one_line(t) for t in article_titles] == [a["title"] for a in one["articles"]]
        _fits(page)
        page.screenshot(path=str(stream["shots"] / f"story-{story_id}-{page.width_name}.png"))
    capsys.readouterr()
    story_id = multi[0]["id"] if multi else stories[0]["id"]
    assert main(["brief", "--story", story_id, "--db", db]) == 0
    heading = capsys.readouterr().out.splitlines()[0]
    assert heading.removeprefix("# ").replace("\\", "") == chosen[story_id]["title"]
