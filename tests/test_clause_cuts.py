"""A long dated clause is cut to a readable length, never between a word and the preposition it
needs ("the deployment" of what, "with regard" to what, "in response" to what): the phrase is
kept when it is short, else the cut comes before an earlier phrase."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsbrief.analyze import analyze
from newsbrief.ingest import article_from_text

_LONG = {
    (
        "The vote on Tuesday is the latest step in a long series of moves made by members of"
        " both parties over the past week with regard to the formation of the new select"
        " committee on water rights."
    ): "over the past week",
    (
        "Council members on Monday approved a plan that would expand the number of late-night"
        " ferry crossings between the two harbors in response to the growing demand of"
        " commuters from the eastern districts of the city."
    ): "between the two harbors",
    (
        "These storms, along with unusually high tides on Friday prompted the port authority at"
        " its emergency meeting in Harborview to order the deployment of four rotating repair"
        " crews to the damaged piers on the north shore of the bay."
    ): "to order the deployment of four rotating repair crews",
}


@pytest.mark.parametrize("text", list(_LONG))
def test_a_long_clause_is_cut_where_it_reads_whole(text: str) -> None:
    published = datetime(2024, 5, 10, tzinfo=UTC)
    analysis = analyze(article_from_text(text, title="Harbor news", published=published))
    predicates = [e.predicate for e in analysis.events if e.date]
    assert predicates
    for predicate in predicates:
        assert len(predicate) < len(text) - 20, predicate  # cut, not the whole sentence
        assert predicate.endswith(_LONG[text]), predicate


_MEASURED = (
    "The appeals panel on Thursday rejected a request from county officials challenging a state"
    " court ruling that allowed ballots received up to three days after the vote to be counted"
    " to make up for delays in the mail service.",
    "The port authority on Wednesday said that the new cargo terminal on the southern edge of the"
    " harbor would open to ships more than two weeks before the date set by the contractors last"
    " spring.",
)


@pytest.mark.parametrize("text", _MEASURED)
def test_a_cut_never_leaves_a_measure_without_what_it_measures_from(text: str) -> None:
    """ "… ballots received up to three days" with "after the vote" cut away reads as another
    fact: the cut comes earlier (or the clause stays whole)."""
    published = datetime(2024, 5, 10, tzinfo=UTC)
    analysis = analyze(article_from_text(text, title="Harbor news", published=published))
    predicates = [e.predicate for e in analysis.events if e.date]
    assert predicates
    for predicate in predicates:
        assert not predicate.endswith(("three days", "two weeks")), predicate
