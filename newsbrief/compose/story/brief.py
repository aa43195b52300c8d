"""``compose_story_brief``: the brief of a whole story."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from newsbrief.compose.perspectives import who_thinks_what
from newsbrief.compose.refs import article_ref
from newsbrief.compose.significance import why_it_matters
from newsbrief.compose.story.coverage import Copy, story_coverage
from newsbrief.compose.story.sections import story_matters, story_perspectives
from newsbrief.compose.story.summary import story_summary
from newsbrief.compose.story.timeline import story_timeline
from newsbrief.compose.story.whatsnew import whats_new_since
from newsbrief.compose.subheads import body_sections
from newsbrief.models import Analysis, Brief, SummaryItem
from newsbrief.settings import Settings

__all__ = ["compose_story_brief", "story_headline"]


def _order_key(a: Analysis) -> tuple[bool, float]:
    p = a.article.published
    return (p is None, p.timestamp() if p is not None else 0.0)


def story_headline(analyses: Sequence[Analysis], summary: Sequence[SummaryItem] = ()) -> str:
    """The newest headline any article carries; else the first summary sentence; else the lead."""
    for a in sorted(analyses, key=_order_key, reverse=True):
        if a.article.title and a.article.title.strip():
            return a.article.title.strip()
    if summary:
        return _short(summary[0].text)
    for a in analyses:
        if a.sentences:
            return a.sentences[0].text
    return "A story without text"


def _headline(ordered: Sequence[Analysis], summary: Sequence[SummaryItem]) -> str:
    if len(ordered) == 1:  # as the single-article brief heads it
        lead = ordered[0]
        return lead.article.title or (lead.sentences[0].text if lead.sentences else "Untitled")
    return story_headline(ordered, summary)


def _short(text: str, words: int = 14) -> str:
    """A sentence cut to a headline's length at a word boundary."""
    parts = text.split()
    if len(parts) <= words:
        return text.rstrip(" .")
    return " ".join(parts[:words]).rstrip(" ,;:—-") + " …"


def compose_story_brief(
    analyses: Sequence[Analysis],
    settings: Settings | None = None,
    *,
    copies: Mapping[str, Sequence[Copy]] | None = None,
    since: datetime | None = None,
    title: str | None = None,
) -> Brief:
    """The brief of a story across all its articles (newest article leading the body).

    ``copies`` maps an article id to the other runs of its text (outlet, publication time), as the
    archive recorded them at dedupe; ``since`` fills What's New with what came after that time;
    ``title`` overrides the headline (a story title chosen elsewhere).
    """
    if not analyses:
        raise ValueError("a story brief needs at least one article")
    settings = settings or Settings()
    ordered = sorted(analyses, key=_order_key)
    lead = ordered[-1]
    summary = story_summary(ordered, settings)
    if len(ordered) == 1:
        used = {item.evidence.sentence_index for item in summary}
        matters = why_it_matters(lead, used, settings)
        perspectives = who_thinks_what(ordered)
        coverage = None
    else:
        matters = story_matters(ordered, summary, settings)
        perspectives = story_perspectives(ordered)
        coverage = story_coverage(ordered, copies=copies)
    return Brief(
        headline=title or _headline(ordered, summary),
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
