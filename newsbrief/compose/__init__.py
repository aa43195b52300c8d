"""Stage 4: compose the four sections (and the regrouped body) of a Brief from analyses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from newsbrief.compose.perspectives import who_thinks_what
from newsbrief.compose.refs import article_ref
from newsbrief.compose.significance import why_it_matters
from newsbrief.compose.story import compose_story_brief, story_headline
from newsbrief.compose.subheads import body_sections
from newsbrief.compose.summary import executive_summary
from newsbrief.compose.timeline import story_so_far
from newsbrief.models import Analysis, Brief
from newsbrief.settings import Settings
from newsbrief.stories.titles import article_title

__all__ = ["article_ref", "compose_brief", "compose_story_brief", "story_headline"]


def compose_brief(
    analysis: Analysis, settings: Settings | None = None, *, history: Sequence[Analysis] = ()
) -> Brief:
    """The brief of one article; ``history`` holds earlier articles of the same story, if any."""
    settings = settings or Settings()
    summary = executive_summary(analysis, settings)
    used = {item.evidence.sentence_index for item in summary}
    return Brief(
        headline=article_title(analysis.article.title, analysis.article.text),
        article=article_ref(analysis),
        executive_summary=summary,
        story_so_far=story_so_far([*history, analysis]),
        why_it_matters=why_it_matters(analysis, used, settings),
        who_thinks_what=who_thinks_what([analysis]),
        sections=body_sections(analysis, settings),
        generated_at=datetime.now(UTC).replace(microsecond=0),
    )
