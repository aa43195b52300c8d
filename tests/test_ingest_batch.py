"""Batch ingest over real HTTP (feed + article pages on 127.0.0.1), JSON Lines and folders."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from samples import FEED_PAGES, feedsite

from newsbrief.cli import main
from newsbrief.ingest.batch import BatchReport, ingest_sources
from newsbrief.settings import Settings
from newsbrief.store import Archive

PAGES: dict[str, Any] = dict(FEED_PAGES)
ORIGINALS = [s for s, p in PAGES.items() if p.copy_of is None]
COPIES = [s for s, p in PAGES.items() if p.copy_of is not None]


def slug_of(label: str) -> str:
    return label.rsplit("/", 1)[-1].removesuffix(".html")


def ingest(archive: Archive, *sources: str, analyze: bool = False) -> BatchReport:
    return ingest_sources(list(sources), archive, Settings(), analyze=analyze)


def test_feed_ingest_collapses_copies_and_keeps_stories_apart(
    feed_site: Any, archive: Archive
) -> None:
    report = ingest(archive, f"{feed_site.base}/feed.xml")
    status = {slug_of(o.label): o.status for o in report.outcomes}
    assert sorted(s for s, v in status.items() if v == "new") == sorted(ORIGINALS)
    assert sorted(s for s, v in status.items() if v == "duplicate") == sorted(COPIES)
    assert archive.count_articles() == len(ORIGINALS)
    threads: dict[str, set[str]] = defaultdict(set)
    for o in report.outcomes:
        assert o.story_id is not None
        threads[o.story_id].add(PAGES[slug_of(o.label)].story)
    assert all(len(stories) == 1 for stories in threads.values())  # no thread mixes stories
    wire = archive.outlets(report.outcomes[0].article_id or "")
    assert wire and wire[0].is_original


def test_feed_ingest_makes_three_story_threads(feed_site: Any, archive: Archive) -> None:
    report = ingest(archive, f"{feed_site.base}/feed.xml")
    threads: dict[str, set[str]] = defaultdict(set)
    for o in report.outcomes:
        threads[PAGES[slug_of(o.label)].story].add(o.story_id or "")
    assert {story: len(ids) for story, ids in threads.items()} == {
        "port": 1,
        "drought": 1,
        "bridge": 1,
    }
    rows = archive.stories()
    assert len(rows) == 3
    assert all(row.article_count == 8 for row in rows)


def test_feed_entries_are_not_fetched_again(feed_site: Any, archive: Archive) -> None:
    ingest(archive, f"{feed_site.base}/feed.xml")
    pages_before = feed_site.page_requests()
    again = ingest(archive, f"{feed_site.base}/feed.xml")
    assert {o.status for o in again.outcomes} == {"seen"}
    assert feed_site.page_requests() == pages_before
    assert archive.count_articles() == len(ORIGINALS)


def test_dead_link_falls_back_to_feed_content(feed_site: Any, archive: Archive) -> None:
    feed_site.visible = ["bridge-06", "bridge-07", "bridge-08"]
    feed_site.dead = {"bridge-07", "bridge-08"}
    feed_site.full_content = {"bridge-07"}
    report = ingest(archive, f"{feed_site.base}/feed.xml")
    by_slug = {slug_of(o.label): o for o in report.outcomes}
    assert by_slug["bridge-06"].status == "new"
    assert by_slug["bridge-07"].status == "new"  # from content:encoded
    stored = archive.get_article(by_slug["bridge-07"].article_id or "")
    assert stored is not None and stored.title == PAGES["bridge-07"].title
    assert stored.text.startswith("A temporary steel bridge")
    assert by_slug["bridge-08"].status == "failed"  # only a short summary to fall back on
    assert "404" in by_slug["bridge-08"].detail


def _jsonl_lines(base: str) -> list[str]:
    drought = PAGES["drought-01"]
    return [
        json.dumps({"text": PAGES["bridge-01"].text, "title": "Bridge", "outlet": "Ledger"}),
        "{not json",
        json.dumps({"title": "no body at all"}),
        json.dumps({"text": PAGES["port-01"].text, "published": "someday"}),
        json.dumps({"html": feedsite.page_html(drought), "published": "2024-07-02T07:30:00Z"}),
        "",
        json.dumps({"url": f"{base}/articles/port-02.html", "outlet": "Override Outlet"}),
        json.dumps({"text": "Too short to be an article."}),
    ]


def test_jsonl_ingest_reports_bad_lines_and_keeps_going(
    feed_site: Any, archive: Archive, tmp_path: Path
) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(_jsonl_lines(feed_site.base)) + "\n", encoding="utf-8")
    report = ingest(archive, str(path))
    by_line = {o.label.rsplit(":", 1)[-1]: o for o in report.outcomes}
    assert [by_line[n].status for n in ("1", "5", "7")] == ["new", "new", "new"]
    assert "not valid JSON" in by_line["2"].detail
    assert "exactly one of" in by_line["3"].detail
    assert "is not a date" in by_line["4"].detail
    assert "words" in by_line["8"].detail
    assert report.count("failed") == 4 and "6" not in by_line
    from_url = archive.get_article(by_line["7"].article_id or "")
    assert from_url is not None and from_url.outlet == "Override Outlet"
    from_html = archive.get_article(by_line["5"].article_id or "")
    assert from_html is not None and from_html.title == PAGES["drought-01"].title
    assert from_html.published is not None and from_html.published.day == 2


def _write_folder(folder: Path) -> None:
    (folder / "sub").mkdir(parents=True)
    for i, slug in enumerate(("drought-02", "drought-04", "bridge-02")):
        page = PAGES[slug]
        header = f"Title: {page.title}\nOutlet: {page.outlet}\n"
        header += f"Published: {page.published.isoformat()}\n\n"
        target = folder / ("sub" if i == 2 else "") / f"{slug}.txt"
        target.write_text(header + page.text + "\n", encoding="utf-8")
    (folder / "page.html").write_text(feedsite.page_html(PAGES["port-05"]), encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not read")
    (folder / ".hidden.txt").write_text("ignored", encoding="utf-8")
    line = {"text": PAGES["port-06"].text, "title": PAGES["port-06"].title}
    (folder / "more.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    (folder / "broken.xml").write_text("<html>not a feed</html>", encoding="utf-8")


def test_folder_ingest(archive: Archive, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    _write_folder(folder)
    report = ingest(archive, str(folder))
    assert report.count("new") == 5
    failed = report.failures
    assert len(failed) == 1 and "not an RSS or Atom feed" in failed[0].detail
    labels = " ".join(o.label for o in report.outcomes)
    assert "notes.pdf" not in labels and ".hidden" not in labels
    stored = [archive.get_article(o.article_id or "") for o in report.outcomes if o.article_id]
    assert {a.outlet for a in stored if a} >= {"Daily Beacon", "Coast Herald"}


def test_missing_source_is_one_failure(archive: Archive, tmp_path: Path) -> None:
    report = ingest(archive, str(tmp_path / "nowhere.txt"), str(tmp_path / "nope.jsonl"))
    assert report.count("failed") == 2
    assert "nowhere.txt" in report.outcomes[0].detail
    assert "nope.jsonl" in report.outcomes[1].detail


def test_ingest_with_analysis_feeds_search(archive: Archive, tmp_path: Path) -> None:
    lines = [
        {"text": PAGES[s].text, "title": PAGES[s].title, "outlet": PAGES[s].outlet,
         "published": PAGES[s].published.isoformat()}
        for s in ("bridge-03", "bridge-05", "drought-05")
    ]  # fmt: skip
    path = tmp_path / "three.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    report = ingest(archive, str(path), analyze=True)
    assert report.count("new") == 3
    for outcome in report.outcomes:
        analysis = archive.get_analysis(outcome.article_id or "")
        assert analysis is not None and analysis.sentences
    hits = archive.search("inquiry")
    assert [h.title for h in hits][:1] == [PAGES["bridge-03"].title]


def test_cli_ingest_stories_and_search(
    archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "inbox"
    _write_folder(folder)
    db = str(archive.path)
    assert main(["ingest", str(folder), "--db", db, "--no-analyze"]) == 0
    err = capsys.readouterr().err
    assert "5 new" in err and "failed:" in err and "broken.xml" in err
    assert main(["stories", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert "Corvale" in listed or "Brightwater" in listed
    assert main(["search", "orchards", "--db", db]) == 0
    found = capsys.readouterr().out
    assert PAGES["drought-04"].title in found
    assert main(["search", "orchards", "--since", "2030-01-01", "--db", db]) == 0
    assert PAGES["drought-04"].title not in capsys.readouterr().out
    assert main(["ingest", str(tmp_path / "missing.txt"), "--db", db]) == 2


def test_the_writers_heap_is_frozen_and_its_cycles_still_reclaimed(tmp_path: Path) -> None:
    """What the writer holds is frozen out of the cyclic collector's scans every few articles
    (``LongLived``); a cycle frozen with it, dropped later, is reclaimed by the periodic full
    collection, not kept for the life of the process."""
    import gc
    import weakref

    from newsbrief.ingest.heap import LongLived

    class Node:
        me: object = None

    heap = LongLived(every=2, full_every=2)
    try:
        node = Node()
        node.me = node  # a cycle, alive for now
        ref = weakref.ref(node)
        heap.added_one()
        assert heap.freezes == 0
        heap.added_one()  # the first freeze: the node with the rest
        assert heap.freezes == 1 and gc.get_freeze_count() > 0
        del node
        gc.collect()
        assert ref() is not None  # frozen: the collector does not look at it
        heap.added_one()
        heap.added_one()  # the second freeze is a full collection first
        assert ref() is None
        assert gc.get_freeze_count() > 0  # and what lives is frozen again
    finally:
        gc.unfreeze()
    # every stored article counts towards the process's next freeze
    from newsbrief.ingest import article_from_text
    from newsbrief.ingest.batch import Ingestor
    from newsbrief.ingest.heap import LONG_LIVED

    before = LONG_LIVED.added
    with Archive.open(tmp_path / "a.db") as archive:
        Ingestor(archive, analyze=False).add(
            article_from_text("The port of Halvern reopened on Monday after a two-week strike.")
        )
    assert LONG_LIVED.added == before + 1
