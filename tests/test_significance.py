"""Why This Matters on a small article of our own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsbrief.analyze import analyze
from newsbrief.compose.significance import why_it_matters
from newsbrief.compose.summary import executive_summary
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Analysis
from newsbrief.settings import Settings

MILL = "\n\n".join(
    (
        (
            "The Corran paper mill will close in June, its owner Norvik Group announced on "
            "Wednesday, ending 140 years of papermaking in the town."
        ),
        (
            "About 600 people work at the plant, which is the largest private employer in the "
            "valley."
        ),
        (
            "The closure is expected to cost the region another 900 jobs at suppliers and hauliers,"
            " according to a study by the regional council."
        ),
        "The mill was founded in 1884 and has changed hands four times since the 1990s.",
        "Demand for newsprint has fallen by half over the past decade as readers moved online.",
        '"This is a dark day for Corran," said Lena Ford, the town\'s mayor.',
        (
            "Unions will meet company managers next week to negotiate severance terms, and the "
            "regional government has promised to present a rescue plan by the end of the month."
        ),
    )
)


@pytest.fixture(scope="module")
def mill() -> Analysis:
    return analyze(article_from_text(MILL, published=datetime(2024, 2, 14, tzinfo=UTC)))


@pytest.fixture(scope="module")
def used(mill: Analysis) -> set[int]:
    return {i.evidence.sentence_index for i in executive_summary(mill, Settings())}


def test_points_are_distinct_from_the_summary(mill: Analysis, used: set[int]) -> None:
    items = why_it_matters(mill, used, Settings())
    assert items
    assert not {i.evidence.sentence_index for i in items} & used


def test_two_to_four_points_plus_watch_items(mill: Analysis, used: set[int]) -> None:
    items = why_it_matters(mill, used, Settings())
    points = [i for i in items if i.kind != "watch"]
    assert 2 <= len(points) <= 4
    watch = [i for i in items if i.kind == "watch"]
    assert watch, "the article names a meeting next week and a plan due this month"
    assert any("next week" in i.text for i in watch)


def test_background_is_context(mill: Analysis, used: set[int]) -> None:
    items = why_it_matters(mill, used, Settings())
    founded = [i for i in items if "founded in 1884" in i.text]
    assert founded
    assert founded[0].kind == "context"


def test_items_are_verbatim_with_exact_evidence(mill: Analysis, used: set[int]) -> None:
    text = mill.article.text
    for item in why_it_matters(mill, used, Settings()):
        ev = item.evidence
        assert text[ev.start : ev.end] == item.text
        sent = mill.sentences[ev.sentence_index]
        assert sent.start <= ev.start < ev.end <= sent.end


def test_kinds_come_in_a_fixed_order(mill: Analysis, used: set[int]) -> None:
    order = {"stakes": 0, "consequence": 1, "context": 2, "watch": 3}
    kinds = [order[i.kind] for i in why_it_matters(mill, used, Settings())]
    assert kinds == sorted(kinds)


def test_an_article_without_such_sentences_gives_no_points() -> None:
    analysis = analyze(article_from_text("The cat sat on the mat."))
    assert why_it_matters(analysis, {0}, Settings()) == ()
