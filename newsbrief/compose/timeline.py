"""The Story So Far (PLACEHOLDER contract, replaced by the timex/events work)."""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.models import Analysis, TimelineEntry


def story_so_far(analyses: Sequence[Analysis]) -> tuple[TimelineEntry, ...]:
    return ()
