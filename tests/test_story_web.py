"""The story brief on the web: the story page and the API serve coverage, the merged timeline
with its date flag, and the pictures, from a real archive served on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi, uvicorn) is not installed")
pytest.importorskip("uvicorn", reason="the web extra (fastapi, uvicorn) is not installed")

from test_story import _pair, tram_pair

from newsbrief.ingest.batch import Ingestor
from newsbrief.models import Brief
from newsbrief.store.archive import Archive
from newsbrief.web import create_app
from newsbrief.web.server import serve_in_thread


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    db = tmp_path_factory.mktemp("story-web") / "archive.db"
    analyses = _pair()
    with Archive.open(db) as archive:
        ingest = Ingestor(archive)
        ids = [ingest.add(a.article, a).article_id for a in analyses]
        story = archive.story_of(ids[0])
        assert story is not None
        if archive.story_of(ids[1]) != story:
            archive.add_to_story(ids[1], story)
    with serve_in_thread(create_app(db)) as base_url:
        yield base_url, story


def test_story_page_shows_coverage_timeline_flag_and_pictures(served: tuple[str, str]) -> None:
    base, story = served
    page = httpx.get(f"{base}/stories/{story}", timeout=60)
    assert page.status_code == 200
    html = page.text
    assert 'id="coverage"' in html and "First reported by" in html and "Wire A" in html
    assert "Sources differ on the date" in html
    assert 'class="pic pic-coverage"' in html and 'role="img"' in html
    assert '<table class="coverage">' in html  # the text fallback beside the picture


def test_story_brief_api_carries_the_same_data(served: tuple[str, str]) -> None:
    base, story = served
    res = httpx.get(f"{base}/api/v1/stories/{story}/brief", timeout=60)
    assert res.status_code == 200
    brief = Brief.model_validate(res.json())
    assert brief.coverage is not None
    assert brief.coverage.broke == "Wire A"
    assert [o.outlet for o in brief.coverage.outlets] == ["Wire A", "Paper B"]
    assert sum(c.articles for c in brief.coverage.strip) == 2
    assert any(e.date_note for e in brief.story_so_far)
    assert any(len(i.outlets) == 2 for i in brief.executive_summary)


def test_a_line_from_the_arcs_earlier_story_links_to_its_sentence(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """On the story page, a Story So Far line drawn from the arc's earlier story linked nowhere
    (the earlier article is stored, but not the story's): it opens that sentence now."""
    db = tmp_path_factory.mktemp("story-web-arc") / "archive.db"
    with Archive.open(db) as archive:
        ingest = Ingestor(archive)
        old_id, new_id = (ingest.add(a.article, a).article_id for a in tram_pair())
        story = archive.story_of(new_id)
        assert story is not None and archive.story_of(old_id) != story
    with serve_in_thread(create_app(db)) as base:
        html = httpx.get(f"{base}/stories/{story}", timeout=60).text
    assert f'href="/articles/{old_id}?s=0#s-{old_id}-0"' in html
    assert f'<li id="a-{old_id}">' in html and "Council backs Kesselburg tram line" in html
