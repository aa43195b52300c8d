"""A date inside a name ("the special committee investigating the Jan. 6 fire") does not date the
sentence it sits in: not on the story timeline, not in the day pool of compose/story/dates.py."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from samples import story_articles

from newsbrief.analyze import analyze_many
from newsbrief.analyze.light import light_analyze_many
from newsbrief.compose.story.dates import day_scores, pick_days
from newsbrief.compose.story.timeline import story_timeline
from newsbrief.models import Analysis, Article

FIRE = date(2024, 1, 6)

# our own story: a warehouse fire on Saturday 6 January 2024, and the council committee set up
# to investigate it; the committee's sentences name the fire's date but report later news
_TEXTS = (
    (
        "Fire crews battled a blaze at the Dockside warehouse on Saturday for nine hours before "
        "bringing it under control. Two firefighters were treated for smoke inhalation.",
        8,
        "Harbour Gazette",
    ),
    (
        "The city council on Monday voted to create a special committee investigating the Jan. 6 "
        "warehouse fire at Dockside. Councillor Mara Lind will chair the five-member panel.",
        9,
        "Civic Times",
    ),
    (
        "Members of the special committee investigating the January 6 warehouse fire met for the "
        "first time on Tuesday and asked the port authority for its inspection records. The "
        "committee expects to report in the spring.",
        10,
        "Evening Ledger",
    ),
)

_COMMITTEE = "special committee investigating the"


def _articles() -> list[Article]:
    return story_articles(_TEXTS, key="fire", title="Dockside fire", year=2024, month=1)


@pytest.fixture(scope="module")
def full() -> list[Analysis]:
    return list(analyze_many(_articles()))


@pytest.fixture(scope="module")
def light() -> list[Analysis]:
    return list(light_analyze_many(_articles()))


def _text(analyses: list[Analysis], article: int, sentence: int) -> str:
    return analyses[article].sentences[sentence].text


def test_the_date_in_the_committee_name_is_marked(full: list[Analysis]) -> None:
    for a in full[1:]:
        named = [t for t in a.timexes if t.value == FIRE.isoformat()]
        assert named and all(t.in_name for t in named), a.timexes
    fire = [t for t in full[0].timexes if t.value == FIRE.isoformat()]
    assert fire and not any(t.in_name for t in fire)


def test_story_timeline_dates_the_fire_not_the_committee(full: list[Analysis]) -> None:
    entries = story_timeline(full)
    on_fire_day = [e for e in entries if e.date == FIRE.isoformat()]
    assert on_fire_day, [(e.date, e.text) for e in entries]
    for e in on_fire_day:
        assert _COMMITTEE not in _text(
            full, int(e.evidence.article_id[-1]), e.evidence.sentence_index
        )
    assert any("battled a blaze" in e.text for e in on_fire_day)
    # the committee's own news is still on the timeline, on its own days
    later = {e.date for e in entries if "committee" in e.text or "council" in e.text}
    assert later and FIRE.isoformat() not in later


@pytest.mark.parametrize("kind", ["full", "light"])
def test_day_pool_ignores_the_named_date(kind: str, request: pytest.FixtureRequest) -> None:
    analyses: list[Analysis] = request.getfixturevalue(kind)
    # only the article that reports the fire points at its day
    assert day_scores(analyses)[FIRE][1] == (0,)
    picks = {p.day: p for p in pick_days(analyses, n_days=5, per_day=3)}
    assert FIRE in picks
    texts = [_text(analyses, r.article, r.sentence) for r in picks[FIRE].sentences]
    assert texts and all(_COMMITTEE not in t for t in texts), texts
    assert any("battled a blaze" in t for t in texts)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Two picks were vetoed from the Jan. 6 select committee on Wednesday.", True),
        ("The panel probing the March 3 derailment asked the rail operator for its logs.", True),
        ("The committee met on March 3 to elect a chair.", False),
        ("Rescue crews reached the derailed carriages on March 3 after a night of rain.", False),
        ("The chief executive testified at the House transport committee, March 3, 2024.", False),
    ],
)
def test_only_a_date_inside_a_name_is_marked(text: str, named: bool) -> None:
    (analysis,) = analyze_many(
        [Article(id="one", text=text, published=datetime(2024, 3, 8, 9, tzinfo=UTC))]
    )
    days = [t for t in analysis.timexes if t.value in ("2024-01-06", "2024-03-03")]
    assert days, analysis.timexes
    assert all(t.in_name is named for t in days), days
