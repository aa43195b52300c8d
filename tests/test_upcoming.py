"""What to watch: a salient sentence stating an upcoming event is a watch candidate even when the
roles call it something else (a plan stays out of The Story So Far, so it would be lost)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsbrief.analyze import analyze
from newsbrief.compose.significance import why_it_matters
from newsbrief.compose.upcoming import upcoming
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Analysis
from newsbrief.settings import Settings

STRIKE = "\n\n".join(
    (
        "Bus drivers in Dunmore walked off the job on Monday after talks between their union and "
        "the city transit authority broke down over pay.",
        "Most routes in the city were cancelled, and schools told parents to plan other ways to "
        "get children to class.",
        "The union said the authority had offered a 2 percent raise, well below inflation.",
        "The drivers last went on strike in 2016, when a walkout lasted nine days.",
        "The transit authority said the strike was costing it about $400,000 a day in lost fares.",
        "The transit authority is on track to present a new offer to the union this week.",
    )
)


@pytest.fixture(scope="module")
def strike() -> Analysis:
    return analyze(article_from_text(STRIKE, published=datetime(2024, 5, 7, tzinfo=UTC)))


def test_a_plan_about_a_main_actor_is_what_to_watch(strike: Analysis) -> None:
    plan = next(s.index for s in strike.sentences if "on track to" in s.text)
    assert strike.sentences[plan].role != "forward_looking"  # what the fix is for
    items = why_it_matters(strike, {0, 1, 2}, Settings())
    watch = [i for i in items if i.kind == "watch"]
    assert [i.evidence.sentence_index for i in watch] == [plan]


def test_a_plan_in_the_summary_is_not_repeated(strike: Analysis) -> None:
    plan = next(s.index for s in strike.sentences if "on track to" in s.text)
    items = why_it_matters(strike, {0, 1, plan}, Settings())
    assert plan not in {i.evidence.sentence_index for i in items}


def test_a_past_event_dated_after_the_article_is_not_upcoming() -> None:
    text = "\n\n".join(
        (
            "Retail sales in Ostvik fell sharply in June as shoppers cut back on clothing and "
            "furniture, the statistics office said.",
            "Sales at department stores dropped 9 percent from a year earlier.",
            "Online sales rose for a sixth month in a row.",
        )
    )
    # the article's date is before the month it reports (as in a misdated feed)
    analysis = analyze(article_from_text(text, published=datetime(2024, 5, 7, tzinfo=UTC)))
    assert upcoming(analysis) == set()


def test_a_plan_far_from_the_lead_and_the_main_actors_is_left_out() -> None:
    text = "\n\n".join(
        (
            "Firefighters in Ralston contained a warehouse fire on Sunday after a blaze that "
            "burned for nine hours.",
            "No one was hurt, the fire service said, though smoke closed two roads.",
            "The fire service said the cause of the fire was not yet known.",
            "A nearby bakery said it had lost a day of deliveries.",
            "A charity run through the district is expected to go ahead next month.",
        )
    )
    analysis = analyze(article_from_text(text, published=datetime(2024, 5, 7, tzinfo=UTC)))
    assert upcoming(analysis) == set()


def test_an_expectation_told_in_the_past_is_not_upcoming() -> None:
    text = STRIKE.replace(
        "Most routes in the city were cancelled, and schools told parents to plan other ways to "
        "get children to class.",
        "Talks were expected to resume on Friday, but the drivers' union stayed away.",
    )
    analysis = analyze(article_from_text(text, published=datetime(2024, 5, 7, tzinfo=UTC)))
    past = next(s for s in analysis.sentences if "were expected to" in s.text)
    assert past.paragraph < 2  # in the lead: salient, so only its tense keeps it out
    assert past.index not in upcoming(analysis)
