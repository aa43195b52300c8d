"""Day ranking of a story (compose/story/dates.py): articles count, repeats within one do not."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest

from newsbrief.analyze.light import light_analyze_many
from newsbrief.compose.story.dates import DayWeights, day_scores
from newsbrief.models import Article


def _article(i: int, text: str, day: int) -> Article:
    return Article(id=f"a{i}", text=text, published=datetime(2024, 3, day), outlet="Wire")


def test_two_articles_looking_back_outweigh_one_repeating_a_date() -> None:
    repeated = " ".join(
        f"Witness {k} recalled the events of March 4 at the port." for k in range(1, 9)
    )
    story = list(
        light_analyze_many(
            [
                _article(0, "The strike began on March 3 at the northern terminal.", 10),
                _article(1, "Dockworkers walked out on March 3 after talks failed.", 11),
                _article(2, repeated, 12),
            ]
        )
    )
    scores = day_scores(story)
    began, recalled = scores[date(2024, 3, 3)], scores[date(2024, 3, 4)]
    assert set(began[1]) == {0, 1} and set(recalled[1]) == {2}
    assert began[0] > recalled[0]


def test_the_day_after_adds_nothing_by_default() -> None:
    # articles published on 6 March neither mention 5 March nor make it a day of the story
    story = list(
        light_analyze_many(
            [
                _article(0, "The port reopened on March 5.", 7),
                _article(1, "Ships queued outside the harbour.", 6),
                _article(2, "Cranes stood idle along the quay.", 6),
            ]
        )
    )
    weights = DayWeights()
    plain = day_scores(story)[date(2024, 3, 5)][0]
    # one article looking back with one sentence, nothing else
    assert plain == pytest.approx((weights.after + weights.after_sentences) * math.log(2))
    assert day_scores(story, DayWeights(published_next=1.0))[date(2024, 3, 5)][0] > plain
