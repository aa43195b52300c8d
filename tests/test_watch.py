"""Watching feeds: conditional requests (304), no entry ingested twice, capped backoff."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from samples import FEED_PAGES, feedsite

from newsbrief.cli import main
from newsbrief.ingest.batch import Ingestor
from newsbrief.ingest.feeds import next_delay
from newsbrief.ingest.watch import PollResult, poll_feed, watch_feeds
from newsbrief.store import Archive

PAGES: dict[str, Any] = dict(FEED_PAGES)
SLUGS = list(PAGES)


@pytest.fixture
def site() -> Iterator[Any]:
    state = feedsite.FeedSite(dict(PAGES), visible=SLUGS[:10])
    with feedsite.Server(state):
        yield state


@pytest.fixture
def ingestor(archive_target: Path | str) -> Iterator[Ingestor]:
    with Archive.open(archive_target) as archive:
        yield Ingestor(archive, analyze=False)


def test_conditional_polls_and_no_double_ingest(site: Any, ingestor: Ingestor) -> None:
    feed = f"{site.base}/feed.xml"
    first = poll_feed(ingestor, feed)
    assert first.status == "updated"
    assert first.report.count("new") + first.report.count("duplicate") == 10
    stored = ingestor.archive.count_articles()
    pages = site.page_requests()

    second = poll_feed(ingestor, feed)
    assert second.status == "not-modified"
    assert site.feed_requests(304) == 1
    assert site.page_requests() == pages

    site.visible = SLUGS[:15]  # five new entries appear
    third = poll_feed(ingestor, feed)
    assert third.status == "updated"
    assert third.report.count("seen") == 10
    assert len(third.report.outcomes) - third.report.count("seen") == 5
    assert site.page_requests() == pages + 5

    site.honor_conditional = False  # a server that always answers in full
    fourth = poll_feed(ingestor, feed)
    assert fourth.status == "updated"
    assert {o.status for o in fourth.report.outcomes} == {"seen"}
    assert site.page_requests() == pages + 5
    new_total = sum(r.report.count("new") for r in (first, third))
    assert ingestor.archive.count_articles() == stored + third.report.count("new") == new_total
    state = ingestor.archive.feed_state(feed)
    assert state.etag and state.last_modified and state.failures == 0


def test_backoff_doubles_and_is_capped() -> None:
    assert next_delay(900, 0, 3600) == 900
    assert [next_delay(10, n, 60) for n in range(1, 5)] == [20, 40, 60, 60]
    assert next_delay(0, 3, 3600) == 8  # even "every 0s" waits after errors


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds

    def watch(self, feed: str, ingestor: Ingestor, *, polls: int) -> tuple[int, list[PollResult]]:
        """Watch one feed every 10 s (back-off capped at 60 s) for ``polls`` rounds on this
        clock; the rounds run and each poll's result."""
        results: list[PollResult] = []
        rounds = watch_feeds(
            [feed],
            ingestor,
            every_s=10,
            max_polls=polls,
            max_backoff_s=60,
            on_poll=results.append,
            sleep=self.sleep,
            clock=self.clock,
        )
        return rounds, results


def test_watch_backs_off_on_errors_and_recovers(site: Any, ingestor: Ingestor) -> None:
    site.broken_feed = True
    fake = FakeTime()
    rounds, results = fake.watch(f"{site.base}/feed.xml", ingestor, polls=4)
    assert rounds == 4
    assert [r.status for r in results] == ["error"] * 4
    assert fake.sleeps == [20, 40, 60]
    assert "500" in results[0].error
    assert ingestor.archive.feed_state(f"{site.base}/feed.xml").failures == 4

    site.broken_feed = False
    _, results = fake.watch(f"{site.base}/feed.xml", ingestor, polls=2)
    assert [r.status for r in results] == ["updated", "not-modified"]
    assert [r.next_in_s for r in results] == [10, 10]
    assert ingestor.archive.feed_state(f"{site.base}/feed.xml").failures == 0


def test_watch_command(site: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "watch.db")
    feed = f"{site.base}/feed.xml"
    args = ["watch", feed, "--every", "0s", "--max-polls", "3", "--no-analyze", "--db", db]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert err.count("not modified") == 2
    assert "10 items" in err
    with Archive.open(Path(db)) as archive:
        assert archive.feed_entry_count(feed) == 10
    assert main(["watch", feed, "--every", "soon", "--db", db]) == 2
