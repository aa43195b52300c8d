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

__all__ = ["article_ref", "compose_brief", "compose_story_brief"]


def article_ref(analysis: Analysis) -> ArticleRef:
    a = analysis.article
    return ArticleRef(
        id=a.id, title=a.title, url=a.url, outlet=a.outlet, author=a.author, published=a.published
    )


def compose_brief(
    analysis: Analysis, settings: Settings | None = None, *, history: Sequence[Analysis] = ()
) -> Brief:
    """The brief of one article; ``history`` holds earlier articles of the same story, if any."""
    settings = settings or Settings()
    summary = executive_summary(analysis, settings)
    used = {item.evidence.sentence_index for item in summary}
    return Brief(
        headline=analysis.article.title or _first_sentence(analysis),
        article=article_ref(analysis),
        executive_summary=summary,
        story_so_far=story_so_far([*history, analysis]),
        why_it_matters=why_it_matters(analysis, used, settings),
        who_thinks_what=who_thinks_what([analysis]),
        sections=body_sections(analysis, settings),
        generated_at=datetime.now(UTC).replace(microsecond=0),
    )


def compose_story_brief(
    analyses: Sequence[Analysis],
    settings: Settings | None = None,
    *,
    history: Sequence[Analysis] = (),
) -> Brief:
    """The brief of a story across several articles, newest article leading; ``history``
    holds articles of earlier developments of the story's arc, whose dated events the Story
    So Far draws on too."""
    if not analyses:
        raise ValueError("a story brief needs at least one article")
    settings = settings or Settings()
    ordered = sorted(analyses, key=lambda a: (a.article.published is None, a.article.published))
    lead = ordered[-1]
    summary = executive_summary(lead, settings)
    used = {item.evidence.sentence_index for item in summary}
    return Brief(
        headline=lead.article.title or _first_sentence(lead),
        articles=tuple(article_ref(a) for a in ordered),
        executive_summary=summary,
        story_so_far=story_so_far([*history, *ordered]),
        why_it_matters=why_it_matters(lead, used, settings),
        who_thinks_what=who_thinks_what(ordered),
        sections=body_sections(lead, settings),
        generated_at=datetime.now(UTC).replace(microsecond=0),
    )


def _first_sentence(analysis: Analysis) -> str:
    return analysis.sentences[0].text if analysis.sentences else "(untitled)"
