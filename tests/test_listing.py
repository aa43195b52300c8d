"""Story listings: front-page order, dates without a made-up time, `newsbrief stories` as data."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsbrief.cli import main
from newsbrief.ingest.batch import ingest_sources
from newsbrief.render.refs import format_datetime
from newsbrief.settings import Settings
from newsbrief.store import Archive
from newsbrief.stories.ranking import RankInput, rank_key

NOW = datetime(2024, 6, 12, 12, 0, tzinfo=UTC)
TEXTS = {
    "bridge": (
        "Crews reopened the Harbour Road bridge in Kestrel Bay on Tuesday after three weeks of"
        " repairs to its steel deck, the county roads department said. Engineers found corrosion"
        " in two support beams during a routine inspection in May and closed the bridge to all"
        " traffic. Drivers had faced a detour of about twelve kilometres through the town."
    ),
    "library": (
        "The Arden town council voted on Monday to close the central library for eight months"
        " so that its roof and heating can be replaced, the mayor's office announced. A"
        " temporary lending point will open in the community hall on Mill Street in July."
        " Librarians said the reading rooms had been too cold to use for most of last winter."
    ),
    "orchard": (
        "Apple growers in the Lune valley expect their smallest harvest in a decade after late"
        " frosts in April destroyed much of the blossom, the regional farmers' union said on"
        " Thursday. Several family orchards have asked the province for emergency loans to"
        " cover wages for pickers. Cider makers warned that prices would rise in the autumn."
    ),
}


def _story(sid: str, day: int | None, sources: int) -> RankInput:
    when = datetime(2024, 6, day, 9, tzinfo=UTC) if day else None
    return RankInput(id=sid, last_published=when, independent_sources=sources, updated_at=NOW)


def test_rank_latest_development_weighted_by_sources_undated_last() -> None:
    stories = [
        _story("old-single", 8, 1),
        _story("undated", None, 5),
        _story("yesterday-eight", 10, 8),
        _story("today-single", 11, 1),
        _story("today-two", 11, 2),
    ]
    ranked = [s.id for s in sorted(stories, key=rank_key)]
    assert ranked == ["yesterday-eight", "today-two", "today-single", "old-single", "undated"]


def test_date_only_publication_dates_show_no_made_up_time() -> None:
    assert format_datetime(datetime(2016, 9, 19, tzinfo=UTC)) == "19 September 2016"
    assert format_datetime(datetime(2016, 9, 19)) == "19 September 2016"
    assert format_datetime(datetime(2016, 9, 19, 9, 30, tzinfo=UTC)) == (
        "19 September 2016, 09:30 UTC"
    )
    edt = timezone(timedelta(hours=-4))
    assert format_datetime(datetime(2016, 9, 19, tzinfo=edt)) == "19 September 2016, 00:00 -0400"


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    lines = [
        {"text": TEXTS["bridge"], "title": "Bridge reopens", "published": "2024-06-11"},
        {"text": TEXTS["library"], "outlet": "Arden Courier", "published": "2024-06-10"},
        {"text": TEXTS["orchard"], "title": "Frost hits orchards", "url": "javascript:x()"},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    db = tmp_path / "a.db"
    with Archive.open(db) as archive:
        report = ingest_sources([str(path)], archive, Settings(db_path=db), analyze=False)
    assert report.count("new") == 3
    return db


def test_stories_json_lists_stories_with_their_articles(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stories", "--json", "--db", str(db)]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert listing["total"] == 3
    titles = [s["title"] for s in listing["items"]]
    # dated first, latest first; the undated story (ingested last) does not jump the queue
    assert titles[0] == "Bridge reopens" and titles[2] == "Frost hits orchards"
    assert titles[1].startswith("The Arden town council voted on Monday")  # from its lead
    story = listing["items"][1]
    assert set(story) >= {"id", "title", "updated", "article_count", "sources", "articles"}
    assert story["sources"] == ["Arden Courier"] and story["article_count"] == 1
    (article,) = story["articles"]
    assert set(article) == {"id", "title", "url", "outlet", "published"}
    assert article["published"] == "2024-06-10T00:00:00+00:00"
    assert listing["items"][2]["articles"][0]["url"] is None  # never a javascript: URL


def test_stories_shows_one_thread(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stories", "--json", "--db", str(db)]) == 0
    first = json.loads(capsys.readouterr().out)["items"][0]
    assert main(["stories", first["id"], "--json", "--db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out) == first
    assert main(["stories", first["id"], "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Bridge reopens"
    assert "2024-06-11" in out and "00:00" not in out
    assert main(["stories", "s-none", "--db", str(db)]) == 4
    assert "no story 's-none'" in capsys.readouterr().err
