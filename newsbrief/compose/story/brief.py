"""``compose_story_brief``: the brief of a whole story."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from newsbrief.analyze.time.points import sort_key
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
from newsbrief.models import Analysis, ArticleRef, Brief, TimelineEntry
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


BACKGROUND_ENTRIES = 6  # most entries the arc's earlier developments add to a Story So Far


def _with_history(
    own: tuple[TimelineEntry, ...], history: Sequence[Analysis], ordered: Sequence[Analysis]
) -> tuple[TimelineEntry, ...]:
    """The story's own timeline with the background its arc gives it: the entries of the
    timeline merged over the arc's earlier developments and this story that are dated before
    the story's first article (at most ``BACKGROUND_ENTRIES``: the first and the latest ones),
    so the Story So Far tells how the story got here and still ends with its own development.
    One timeline in date order: the story's own articles may recall older dates than the
    background's (a 2002 kidnapping beside last week's fighting)."""
    start = next((a.article.published for a in ordered if a.article.published), None)
    if not history or start is None:
        return own
    merged = story_timeline([*sorted(history, key=_order_key), *ordered])
    first_day = start.date().isoformat()
    seen = {(e.evidence.article_id, e.evidence.sentence_index) for e in own}
    background = [
        e.model_copy(update={"is_current": False})
        for e in merged
        if e.date
        and e.date[:10] < first_day
        and (e.evidence.article_id, e.evidence.sentence_index) not in seen
    ]
    if len(background) > BACKGROUND_ENTRIES:
        half = BACKGROUND_ENTRIES // 2
        background = background[:half] + background[-(BACKGROUND_ENTRIES - half) :]
    own_keys = {(e.date, e.text) for e in own}
    entries = [*(e for e in background if (e.date, e.text) not in own_keys), *own]
    return tuple(sorted(entries, key=lambda e: sort_key(e.date or "")))  # stable: background first


def _cited(
    history: Sequence[Analysis], timeline: tuple[TimelineEntry, ...]
) -> tuple[ArticleRef, ...]:
    """The earlier articles of the arc the timeline cites, oldest first: the brief lists them,
    so a line drawn from one names its article as a line from the story's own does."""
    cited = {ev.article_id for e in timeline for ev in (e.evidence, *e.also)}
    return tuple(article_ref(a) for a in sorted(history, key=_order_key) if a.article.id in cited)


def compose_story_brief(
    analyses: Sequence[Analysis],
    settings: Settings | None = None,
    *,
    copies: Mapping[str, Sequence[Copy]] | None = None,
    since: datetime | None = None,
    headline: str | None = None,
    history: Sequence[Analysis] = (),
) -> Brief:
    """The brief of a story across all its articles (newest article leading the body).

    ``copies`` maps an article id to the other runs of its text (outlet, publication time), as the
    archive recorded them at dedupe; ``since`` fills What's New with what came after that time;
    ``headline`` is the story's title as the archive lists it (over all its articles, analyzed or
    not); without it the title is chosen over these articles the same way. ``history`` holds
    articles of the earlier developments of the story's arc: the Story So Far draws on their
    dated events too (nothing else does).
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
    timeline = _with_history(story_timeline(ordered), history, ordered)
    return Brief(
        headline=headline or _headline(ordered),
        articles=tuple(article_ref(a) for a in ordered),
        background=_cited(history, timeline),
        executive_summary=summary,
        story_so_far=timeline,
        why_it_matters=matters,
        who_thinks_what=perspectives,
        sections=body_sections(lead, settings),
        whats_new=whats_new_since(ordered, since) if since is not None else (),
        since=since,
        coverage=coverage,
        generated_at=datetime.now(UTC).replace(microsecond=0),
    )
