"""Watching feeds: conditional polls (ETag / Last-Modified) with exponential back-off."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from newsbrief.errors import InputError, NewsbriefError
from newsbrief.ingest.batch import BatchReport, Ingestor, Outcome
from newsbrief.ingest.feeds import feed_items, fetch_feed, next_delay, parse_feed


@dataclass(frozen=True)
class PollResult:
    """One poll of one feed: ``updated`` (entries read), ``not-modified`` (304) or ``error``."""

    feed: str
    status: Literal["updated", "not-modified", "error"]
    report: BatchReport
    error: str = ""
    next_in_s: float = 0.0


def poll_feed(
    ingestor: Ingestor, url: str, on_item: Callable[[Outcome], None] | None = None
) -> PollResult:
    """Fetch a feed conditionally and ingest the entries not handled before."""
    from newsbrief.ingest.feeds import read_feed_file
    from newsbrief.ingest.url import is_url

    archive, settings = ingestor.archive, ingestor.settings
    state = archive.feed_state(url)
    try:
        if is_url(url):
            fetched = fetch_feed(url, settings, etag=state.etag, last_modified=state.last_modified)
            if fetched.not_modified:
                archive.save_feed_state(replace(state, last_status="304", failures=0))
                return PollResult(url, "not-modified", BatchReport())
            feed = parse_feed(fetched.body or b"", url)
            etag, modified = fetched.etag, fetched.last_modified
        else:
            feed, etag, modified = read_feed_file(Path(url)), None, None
    except NewsbriefError as exc:
        failed = replace(
            state, last_status=f"error: {exc.message}"[:500], failures=state.failures + 1
        )
        archive.save_feed_state(failed)
        return PollResult(url, "error", BatchReport(), error=str(exc))
    report = ingestor.run(feed_items(feed, url, settings), on_item)
    archive.save_feed_state(
        replace(
            state,
            title=feed.title,
            etag=etag,
            last_modified=modified,
            last_status="200",
            failures=0,
        )
    )
    return PollResult(url, "updated", report)


def watch_feeds(
    feeds: Sequence[str],
    ingestor: Ingestor,
    *,
    every_s: float,
    max_polls: int | None = None,
    max_backoff_s: float = 3600.0,
    on_poll: Callable[[PollResult], None] | None = None,
    on_item: Callable[[Outcome], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Poll each feed every ``every_s`` seconds (backing off exponentially after errors, up to
    ``max_backoff_s``) until ``max_polls`` rounds are done (forever when None). Returns the
    number of rounds run."""
    if not feeds:
        raise InputError("no feeds given", hint="give one or more RSS/Atom feed URLs")
    due = dict.fromkeys(feeds, clock())
    rounds = 0
    while max_polls is None or rounds < max_polls:
        for url in feeds:
            if due[url] <= clock():
                result = poll_feed(ingestor, url, on_item)
                failures = ingestor.archive.feed_state(url).failures
                delay = next_delay(every_s, failures, max_backoff_s)
                due[url] = clock() + delay
                if on_poll is not None:
                    on_poll(replace(result, next_in_s=delay))
        rounds += 1
        if max_polls is not None and rounds >= max_polls:
            break
        sleep(max(0.0, min(due.values()) - clock()))
    return rounds
