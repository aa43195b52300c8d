"""``compose_story_brief``: the brief of a whole story."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from newsbrief.compose.perspectives import who_thinks_what
from newsbrief.compose.refs import article_ref
from newsbrief.compose.significance import why_it_matters
from newsbrief.compose.story.coverage import Copy, story_coverage
from newsbrief.compose.story.salience import offer_sentences
from newsbrief.compose.story.sections import story_matters, story_perspectives
from newsbrief.compose.story.summary import story_summary
from newsbrief.compose.story.timeline import story_timeline
from newsbrief.compose.story.whatsnew import whats_new_since
from newsbrief.compose.subheads import body_sections
from newsbrief.models import Analysis, Brief
from newsbrief.settings import Settings
from newsbrief.stories.titles import TitleSource, article_title, story_title

__all__ = ["compose_story_brief", "story_headline"]


def _order_key(a: Analysis) -> tuple[bool, float]:
    p = a.article.published
    return (p is None, p.timestamp() if p is not None else 0.0)


def story_headline(analyses: Sequence[Analysis]) -> str:
    """The story's title over these articles (:func:`newsbrief.stories.titles.story_title`)."""
    return story_title(
        [
            TitleSource(a.article.id, a.article.title, a.article.text, a.article.published)
            for a in analyses
        ]
    )


def _headline(ordered: Sequence[Analysis]) -> str:
    if len(ordered) == 1:  # as the single-article brief heads it
        return article_title(ordered[0].article.title, ordered[0].article.text)
    return story_headline(ordered)


def compose_story_brief(
    analyses: Sequence[Analysis],
    settings: Settings | None = None,
    *,
    copies: Mapping[str, Sequence[Copy]] | None = None,
    since: datetime | None = None,
    headline: str | None = None,
) -> Brief:
    """The brief of a story across all its articles (newest article leading the body).

    ``copies`` maps an article id to the other runs of its text (outlet, publication time), as the
    archive recorded them at dedupe; ``since`` fills What's New with what came after that time;
    ``headline`` is the story's title as the archive lists it (over all its articles, analyzed or
    not); without it the title is chosen over these articles the same way.
    """
    if not analyses:
        raise ValueError("a story brief needs at least one article")
    settings = settings or Settings()
    ordered = sorted(analyses, key=_order_key)
    lead = ordered[-1]
    offered = offer_sentences(ordered) if len(ordered) > 1 else None
    summary = story_summary(ordered, settings, offered=offered)
    if len(ordered) == 1:
        used = {item.evidence.sentence_index for item in summary}
        matters = why_it_matters(lead, used, settings)
        perspectives = who_thinks_what(ordered)
        coverage = None
    else:
        matters = story_matters(ordered, summary, settings)
        perspectives = story_perspectives(ordered)
        coverage = story_coverage(ordered, copies=copies, offered=offered)
    return Brief(
        headline=headline or _headline(ordered),
        articles=tuple(article_ref(a) for a in ordered),
        executive_summary=summary,
        story_so_far=story_timeline(ordered),
        why_it_matters=matters,
        who_thinks_what=perspectives,
        sections=body_sections(lead, settings),
        whats_new=whats_new_since(ordered, since) if since is not None else (),
        since=since,
        coverage=coverage,
        generated_at=datetime.now(UTC).replace(microsecond=0),
    )
