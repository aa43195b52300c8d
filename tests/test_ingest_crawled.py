"""Crawled pages in JSON Lines (url as metadata with html/text) and written publication dates."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from samples import BRIDGE, LIBRARY_REPAIRS

from newsbrief.cli import main
from newsbrief.ingest import load_input
from newsbrief.ingest.batch import ingest_sources
from newsbrief.ingest.text import parse_datetime
from newsbrief.settings import Settings
from newsbrief.store import Archive

ORCHARD = (
    "Apple growers in the Lune valley expect their smallest harvest in a decade after late"
    " frosts in April destroyed much of the blossom, the regional farmers' union said on"
    " Thursday. Several family orchards have asked the province for emergency loans to cover"
    " wages for pickers they had already hired. Cider makers warned that prices would rise"
    " in the autumn because they will have to buy fruit from abroad this year."
)
HTML = (
    "<html><head><title>Harbour Road bridge reopens</title></head><body><article>"
    "<h1>Harbour Road bridge reopens</h1>"
    + "".join(f"<p>{s.strip()}.</p>" for s in BRIDGE.split(". ") if s.strip())
    + "</article></body></html>"
)


def _closed_port() -> int:
    """A loopback port nothing listens on: fetching it would fail."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_url_with_html_or_text_is_metadata_and_not_fetched(tmp_path: Path) -> None:
    port = _closed_port()
    page_url = f"http://127.0.0.1:{port}/news/bridge.html"
    lines = [
        {"url": page_url, "html": HTML, "published": "2024-06-11T09:30:00Z"},
        {"url": page_url + "?text", "text": LIBRARY_REPAIRS, "title": "T"},
        {"url": "javascript:alert(1)", "text": ORCHARD, "title": "J"},
    ]
    path = tmp_path / "crawl.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    with Archive.open(tmp_path / "a.db") as archive:
        report = ingest_sources([str(path)], archive, Settings(), analyze=False)
        assert [o.status for o in report.outcomes] == ["new", "new", "new"], report.summary()
        stored = [archive.get_article(o.article_id or "") for o in report.outcomes]
    assert stored[0] is not None and stored[0].url == page_url
    assert stored[0].title == "Harbour Road bridge reopens"
    assert stored[1] is not None and stored[1].url == page_url + "?text"
    assert stored[2] is not None and stored[2].url is None  # never a javascript: URL


def test_text_and_html_together_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": BRIDGE, "html": HTML}) + "\n", encoding="utf-8")
    with Archive.open(tmp_path / "a.db") as archive:
        report = ingest_sources([str(path)], archive, Settings(), analyze=False)
    assert report.count("failed") == 1
    assert "exactly one of" in report.outcomes[0].detail


EDT = timezone(timedelta(hours=-4))


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Posted: May 24, 2005", datetime(2005, 5, 24, tzinfo=UTC)),
        ("24 May 2005 14:05 BST", datetime(2005, 5, 24, 13, 5, tzinfo=UTC)),
        ("Tuesday, June 11, 2024 9:30 AM EDT", datetime(2024, 6, 11, 9, 30, tzinfo=EDT)),
        ("Updated: June 11, 2024 at 9:30 a.m. EDT", datetime(2024, 6, 11, 9, 30, tzinfo=EDT)),
        ("Published 3:05 p.m. ET Sept. 22, 2016", datetime(2016, 9, 22, 15, 5, tzinfo=EDT)),
        ("Tue, 11 Jun 2024 09:30:00 GMT", datetime(2024, 6, 11, 9, 30, tzinfo=UTC)),
    ],
)
def test_written_publication_dates_parse(written: str, expected: datetime) -> None:
    assert parse_datetime(written) == expected


def test_a_published_header_in_a_written_form_is_read(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        f"Title: Bridge\nPublished: Posted: May 24, 2005\n\n{BRIDGE}\n", encoding="utf-8"
    )
    article = load_input(str(path))
    assert article.published == datetime(2005, 5, 24, tzinfo=UTC)
    path.write_text(f"Title: Bridge\nPublished: sometime soon\n\n{BRIDGE}\n", encoding="utf-8")
    assert main(["brief", str(path), "--no-store"]) == 2  # still a clear refusal
