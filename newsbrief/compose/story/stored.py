"""A story brief as the archive holds the story: all its analyzed articles, the outlets that ran
copies of each (dedupe), the story's title and the dated background of its arc.

The one place where the CLI, the web app and ``brief --arc`` turn archive rows into the inputs
of :func:`~newsbrief.compose.story.brief.compose_story_brief`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from newsbrief.compose.story.brief import compose_story_brief
from newsbrief.compose.story.coverage import Copy
from newsbrief.models import Analysis, Brief
from newsbrief.settings import Settings
from newsbrief.store import Archive

__all__ = ["copies_of", "story_brief_from_archive"]


def copies_of(archive: Archive, analyses: Sequence[Analysis]) -> dict[str, list[Copy]]:
    """For each article, the outlets (and their publication times) that ran a copy of it."""
    return {
        a.article.id: [(r.outlet, r.published) for r in archive.outlets(a.article.id)]
        for a in analyses
    }


def story_brief_from_archive(
    archive: Archive,
    story_id: str,
    settings: Settings,
    *,
    since: datetime | None = None,
    analyses: Sequence[Analysis] | None = None,
) -> Brief | None:
    """The brief of a stored story over all its analyzed articles (None when it has none);
    ``analyses``: the story's analyses when the caller has read them already."""
    analyses = archive.story_analyses(story_id) if analyses is None else analyses
    if not analyses:
        return None
    story = archive.get_story(story_id)
    return compose_story_brief(
        analyses,
        settings,
        copies=copies_of(archive, analyses),
        since=since,
        headline=story.title if story is not None else None,
        history=archive.arc_history(story_id),
    )
