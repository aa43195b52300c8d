"""A story timeline line is a clause its date belongs to, on texts of our own."""

from __future__ import annotations

from datetime import UTC, datetime

from newsbrief.analyze import analyze
from newsbrief.compose.story.timeline import _dated_far
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Event, Evidence, TimeExpr

TEXT = (
    "The fine would be ten times greater than the $2m bill that Harbor Lines, which operated "
    "the Harbor Star ferry, faces under existing port rules following its sinking on 3 June. "
    "The Harbor Star sank near Port Arden on 3 June with the loss of four lives."
)


def test_a_clause_that_ends_well_before_its_date_is_not_that_dates_account() -> None:
    """BP spill arc (Timeline17, Guardian): "Tuesday 20 April 2010 — The cap would be 133
    times greater than the $75m bill that BP, which operated the Deepwater Horizon rig" spoke
    for 20 April, the date of the explosion the cut clause no longer mentions."""
    analysis = analyze(article_from_text(TEXT, published=datetime(2024, 6, 11, tzinfo=UTC)))
    first, second = (t for t in analysis.timexes if t.text == "3 June")
    cut = "The fine would be ten times greater than the $2m bill that Harbor Lines"
    sank = "The Harbor Star sank near Port Arden"

    def event(predicate: str, timex: TimeExpr) -> Event:
        sentence = analysis.sentences[timex.sentence_index]
        evidence = Evidence(
            article_id=analysis.article.id,
            sentence_index=sentence.index,
            start=sentence.start,
            end=sentence.end,
        )
        return Event(date="2024-06-03", predicate=predicate, timex=timex, evidence=evidence)

    assert _dated_far(event(cut, first), analysis)
    assert not _dated_far(event(sank, second), analysis)
