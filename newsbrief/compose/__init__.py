"""Stage 4: compose the four sections (and the regrouped body) of a Brief from analyses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from newsbrief.compose.perspectives import who_thinks_what
from newsbrief.compose.significance import why_it_matters
from newsbrief.compose.subheads import body_sections
from newsbrief.compose.summary import executive_summary
from newsbrief.compose.timeline import story_so_far
from newsbrief.models import Analysis, ArticleRef, Brief
from newsbrief.settings import Settings
from newsbrief.stories.titles import TitleSource, article_title, story_title

__all__ = ["article_ref", "compose_brief", "compose_story_brief", "story_headline"]


def article_ref(analysis: Analysis) -> ArticleRef:
    """The brief's reference to an article; its title is what a reader sees (the headline, or
    one composed from the lead), never empty."""
    a = analysis.article
    return ArticleRef(
        id=a.id,
        title=article_title(a.title, a.text),
        url=a.url,
        outlet=a.outlet,
        author=a.author,
        published=a.published,
    )


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


def story_headline(analyses: Sequence[Analysis]) -> str:
    """The story's title over these articles (:func:`newsbrief.stories.titles.story_title`)."""
    return story_title(
        [
            TitleSource(a.article.id, a.article.title, a.article.text, a.article.published)
            for a in analyses
        ]
    )


def compose_story_brief(
    analyses: Sequence[Analysis],
    settings: Settings | None = None,
    *,
    headline: str | None = None,
) -> Brief:
    """The brief of a story across several articles, newest article leading. ``headline`` is
    the story's title as the archive lists it (over all its articles, analyzed or not);
    without it the title is chosen over these articles the same way."""
    if not analyses:
        raise ValueError("a story brief needs at least one article")
    settings = settings or Settings()
    ordered = sorted(analyses, key=lambda a: (a.article.published is None, a.article.published))
    lead = ordered[-1]
    summary = executive_summary(lead, settings)
    used = {item.evidence.sentence_index for item in summary}
    return Brief(
        headline=headline or story_headline(ordered),
        articles=tuple(article_ref(a) for a in ordered),
        executive_summary=summary,
        story_so_far=story_so_far(ordered),
        why_it_matters=why_it_matters(lead, used, settings),
        who_thinks_what=who_thinks_what(ordered),
        sections=body_sections(lead, settings),
        generated_at=datetime.now(UTC).replace(microsecond=0),
    )
