"""What the archive's queries return (besides the pipeline's own records)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

CopyKind = Literal["first", "exact", "near"]


@dataclass(frozen=True)
class OutletRun:
    """One outlet that ran an article's text: the first one ingested, or a syndicated copy."""

    outlet: str | None
    url: str | None
    title: str | None
    published: datetime | None
    kind: CopyKind
    similarity: float
    is_original: bool = False


@dataclass(frozen=True)
class StoryRow:
    """One story thread, as listed by ``newsbrief stories``."""

    id: str
    title: str  # newsbrief.stories.titles.story_title over its articles: the same everywhere
    article_count: int
    independent_sources: int  # distinct original outlets; syndicated copies do not count
    outlets: tuple[str, ...]  # every outlet that ran anything in the story, copies included
    first_published: datetime | None
    last_published: datetime | None
    updated_at: datetime  # when the archive last added an article to it


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    title: str  # the headline, or one composed from the lead
    outlet: str | None
    published: datetime | None
    snippet: str
    score: float  # higher is better
    story_id: str | None


@dataclass(frozen=True)
class FeedState:
    """What the archive remembers of a feed between polls."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_polled: datetime | None = None
    last_status: str | None = None
    failures: int = 0
