"""Two developments on one date: a story timeline shows a court's ruling and a justice's dissent
from it, both dated Monday, as two lines, but the ruling told by two outlets in other words (and
under another name for the court) stays one line."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from samples import story_articles

from newsbrief.analyze import analyze, analyze_many
from newsbrief.compose import compose_story_brief
from newsbrief.compose.story.timeline import MAX_ENTRIES, PER_DATE, story_timeline
from newsbrief.models import Analysis, Article, TimelineEntry
from newsbrief.render.pictures import timeline_svg

MONDAY = "2024-06-10"

# our own story: a state court strikes down a rent cap on Monday 10 June 2024; one outlet reports
# the ruling, another the dissent, a third the ruling again (the court "Vermont's highest court")
_RULING = (
    "The Vermont Supreme Court on Monday struck down a law that capped rents in Burlington, "
    "ruling that the legislature had overstepped its powers. Landlords' groups welcomed the "
    "decision.",
    11,
    "Courier",
)
_DISSENT = (
    "Justice Maren Holt wrote a sharp dissent on Monday, warning that thousands of tenants would "
    "now face steep rent increases. She was joined by two colleagues.",
    12,
    "Tribune",
)
_RETOLD = (
    "Vermont's highest court on Monday threw out the Burlington rent cap in a unanimous opinion "
    "backed by most justices. Tenant unions plan protests next week.",
    12,
    "Herald",
)


def _story(*texts: tuple[str, int, str]) -> list[Analysis]:
    articles = story_articles(texts, key="rent", title="Rent cap ruling", year=2024, month=6)
    return list(analyze_many(articles))


@pytest.fixture(scope="module")
def ruling_and_dissent() -> tuple[TimelineEntry, ...]:
    return story_timeline(_story(_RULING, _DISSENT))


@pytest.fixture(scope="module")
def told_twice() -> tuple[TimelineEntry, ...]:
    return story_timeline(_story(_RULING, _RETOLD))


def _on_monday(timeline: tuple[TimelineEntry, ...]) -> list[str]:
    return [e.text for e in timeline if e.date == MONDAY]


def test_a_dissent_on_the_day_of_the_ruling_is_a_line_of_its_own(
    ruling_and_dissent: tuple[TimelineEntry, ...],
) -> None:
    monday = _on_monday(ruling_and_dissent)
    assert len(monday) == 2, ruling_and_dissent
    assert "struck down" in monday[0]  # the date's best line first, the second after it
    assert "dissent" in monday[1]


def test_the_ruling_told_again_by_another_outlet_is_no_second_line(
    told_twice: tuple[TimelineEntry, ...],
) -> None:
    """ "threw out" in other words, by "Vermont's highest court": the same court, one event."""
    assert len(_on_monday(told_twice)) == 1, told_twice


def test_a_day_keeps_at_most_two_lines() -> None:
    timeline = story_timeline(_story(_RULING, _DISSENT, _RETOLD))
    monday = _on_monday(timeline)
    assert len(monday) == PER_DATE == 2, timeline
    assert sum("dissent" in t for t in monday) == 1, timeline
    assert len(timeline) <= MAX_ENTRIES


def test_two_lines_of_one_day_draw_no_date_axis() -> None:
    """A picture of two dots on one day says nothing the list does not."""
    brief = compose_story_brief(_story(_RULING, _DISSENT))
    assert len({e.date for e in brief.story_so_far}) == 1 < len(brief.story_so_far)
    assert timeline_svg(brief) is None


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        (_DISSENT[0], "Maren Holt"),
        (
            "Two Vermont judges on Monday threw out a pair of lawsuits over the Burlington rent "
            "cap, the second blow to landlords this month. An appeal is expected.",
            None,  # the judges did it: the state only says whose judges they are
        ),
        (
            "It is a truism that Burlington became a costlier city on Monday, when the rent cap "
            "fell. Tenants are worried.",
            None,
        ),
    ],
)
def test_a_dated_clause_knows_its_subject(text: str, subject: str | None) -> None:
    """Who did it is the clause's subject, not the first name in it."""
    a = analyze(
        Article(
            id="subj", title="Rent cap", text=text, published=datetime(2024, 6, 11, 9, tzinfo=UTC)
        )
    )
    names = {actor.id: actor.name for actor in a.actors}
    monday = [e for e in a.events if e.date == MONDAY]
    assert monday and monday[0].actor_ids, a.events
    assert names.get(monday[0].subject_id or "") == subject
