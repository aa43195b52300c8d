"""The order of the front page: latest development first, with weight for the number of
independent sources.

A story's rank is the day of its latest dated article plus ``SOURCE_WEIGHT_DAYS`` for every
doubling of its independent sources (distinct outlets, syndicated copies collapsed): a story
that eight outlets reported yesterday ranks above one a single outlet reported today. A story
whose articles are all undated cannot be placed in time, so it does not jump the queue: it
comes after the dated ones (most recently ingested first).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

__all__ = ["SOURCE_WEIGHT_DAYS", "RankInput", "rank_key"]

SOURCE_WEIGHT_DAYS = 1.0
_DAY = 86_400.0


@dataclass(frozen=True)
class RankInput:
    id: str
    last_published: datetime | None  # the latest dated article; None when none is dated
    independent_sources: int
    updated_at: datetime  # when the archive last added an article to the story


def rank_key(story: RankInput) -> tuple[int, float, str]:
    """Sort key (ascending = shown first)."""
    if story.last_published is None:
        return (1, -story.updated_at.timestamp() / _DAY, story.id)
    days = story.last_published.timestamp() / _DAY
    boost = SOURCE_WEIGHT_DAYS * math.log2(max(story.independent_sources, 1))
    return (0, -(days + boost), story.id)
