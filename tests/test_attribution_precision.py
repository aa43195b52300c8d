"""Attribution candidates that PolNeAR's annotators do not count (found on the train split), on
sentences written for these tests: polls in general, letters and columns, titles of works,
markup tags."""

from __future__ import annotations

from newsbrief.analyze import analyze
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Attribution


def _atts(text: str) -> tuple[Attribution, ...]:
    return analyze(article_from_text(text)).attributions


def test_a_named_poll_attributes_but_polls_in_general_do_not() -> None:
    atts = _atts(
        "The senator slid in the polls after the debate.\n\n"
        "In a CBS News poll released on Monday, she led her rival by 24 points."
    )
    assert [(a.cue, a.source) for a in atts] == [("In", "a CBS News poll released on Monday")]


def test_in_a_column_is_not_a_document_source() -> None:
    atts = _atts(
        "In a column for the local paper, the mayor made the case for a new bridge.\n\n"
        "The vote is next week."
    )
    assert all(a.cue.lower() != "in" for a in atts)


def test_a_quoted_title_with_a_colon_names_no_speaker() -> None:
    atts = _atts(
        'The governor has written a book, "Crippled Harbours: How to Make the Ports Great '
        'Again," about his plans.\n\n"RAMOS: Governor, did you read the report?"'
    )
    assert [a.source for a in atts if a.cue == ":"] == ["RAMOS"]


def test_a_markup_tag_is_no_cue() -> None:
    atts = _atts(
        '<tweet pic="" author="portwatch" timestamp="1448038800" tweet_id="667777348029292544">'
        "Cranes idle at the port all day, no ships moving.</tweet>"
        "\n\nThe union said the strike would go on."
    )
    assert [a.cue for a in atts] == ["said"]


def test_a_chamber_approving_a_bill_says_nothing() -> None:
    """NeuS (the aid bill): "… while the Senate approved it by a voice vote" was the Senate's
    position in Who Thinks What, its words "it by a voice vote". Approving a proposal said in
    words stays one ("voters approve of the plan" is not this case)."""
    atts = _atts(
        "The assembly passed the ferry bill on Thursday, while the senate approved it by a voice"
        " vote.\n\nThe governor approved the plan to cut fares, her office said."
    )
    assert all(a.content != "it by a voice vote" and "voice vote" not in a.content for a in atts)
    assert any(a.cue == "approved" and "plan to cut fares" in a.content for a in atts), atts
