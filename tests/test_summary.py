"""Executive Summary on small articles of our own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsbrief.analyze import analyze
from newsbrief.compose.summary import MAX_SENTENCES, MIN_SENTENCES, executive_summary
from newsbrief.compose.trim import content_words, overlap, trim_span
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Analysis
from newsbrief.settings import Settings

FERRY = "\n\n".join(
    (
        (
            "(CNN) — A passenger ferry ran aground off the island of Tessa on Sunday, forcing "
            "coastguard crews to evacuate 212 people in rough seas, officials said."
        ),
        (
            "Rescue boats reached the vessel within 40 minutes, and all passengers were brought "
            "ashore by nightfall, the coastguard said."
        ),
        (
            "A passenger ferry ran aground off Tessa on Sunday and coastguard crews evacuated 212 "
            "people from it."
        ),
        "But it was not the first accident on the route.",
        (
            "The ferry operator, Blue Line, said the ship had passed a safety inspection in January"
            " and that it would cooperate with investigators."
        ),
        (
            '"We are deeply sorry for what our passengers went through," said Petra Holm, Blue '
            "Line's chief executive."
        ),
        (
            "Investigators are expected to examine the ship's navigation equipment this week, "
            "according to the transport ministry."
        ),
    )
)


@pytest.fixture(scope="module")
def ferry() -> Analysis:
    return analyze(article_from_text(FERRY, published=datetime(2024, 8, 12, tzinfo=UTC)))


def test_summary_has_two_to_four_sentences_in_article_order(ferry: Analysis) -> None:
    items = executive_summary(ferry, Settings())
    assert MIN_SENTENCES <= len(items) <= MAX_SENTENCES
    indices = [i.evidence.sentence_index for i in items]
    assert indices == sorted(indices)
    assert "ran aground off the island of Tessa" in items[0].text


def test_every_item_is_a_verbatim_span_with_exact_evidence(ferry: Analysis) -> None:
    text = ferry.article.text
    for item in executive_summary(ferry, Settings()):
        ev = item.evidence
        assert ev.article_id == ferry.article.id
        assert text[ev.start : ev.end] == item.text
        sent = ferry.sentences[ev.sentence_index]
        assert sent.start <= ev.start < ev.end <= sent.end


def test_agency_tag_and_attribution_tail_are_trimmed(ferry: Analysis) -> None:
    lead = executive_summary(ferry, Settings())[0].text
    assert lead.startswith("A passenger ferry ran aground")
    assert lead.endswith("in rough seas")
    assert "officials said" not in lead


def test_no_two_items_say_the_same_thing(ferry: Analysis) -> None:
    items = executive_summary(ferry, Settings())
    words = [content_words(i.text) for i in items]
    for a in range(len(words)):
        for b in range(a + 1, len(words)):
            assert overlap(words[a], words[b]) <= 0.5
    # the sentence that restates the lead is not picked
    restated = next(
        s for s in ferry.sentences if s.text.startswith("A passenger ferry ran aground off Tessa")
    )
    assert restated.index not in {i.evidence.sentence_index for i in items}


def test_a_sentence_that_needs_its_predecessor_is_avoided(ferry: Analysis) -> None:
    texts = [i.text for i in executive_summary(ferry, Settings())]
    assert not any(t.startswith("But ") for t in texts)


def test_quotations_are_not_trimmed(ferry: Analysis) -> None:
    quote = next(s for s in ferry.sentences if s.text.startswith('"We are'))
    start, end = trim_span(ferry, quote)
    assert (start, end) == (quote.start, quote.end)


def test_summary_length_follows_the_setting_within_bounds(ferry: Analysis) -> None:
    two = executive_summary(ferry, Settings(summary_sentences=2))
    assert len(two) == 2
    many = executive_summary(ferry, Settings(summary_sentences=9))
    assert len(many) <= MAX_SENTENCES


def test_lowercased_tokenized_text_is_summarized_too() -> None:
    text = (
        "( cnn ) a wildfire forced the evacuation of 3,000 residents from the hill town of "
        "ravello on monday , fire officials said . the blaze started in dry scrubland and "
        "spread quickly in strong winds . firefighters from three regions were sent to help . "
        "`` it is the worst fire we have seen here in twenty years , '' said the mayor . "
        "by evening the fire had burned 400 hectares of forest ."
    )
    analysis = analyze(article_from_text(text))
    items = executive_summary(analysis, Settings())
    assert items[0].text.startswith("a wildfire forced the evacuation")
    assert "fire officials said" not in items[0].text
    for item in items:
        assert analysis.article.text[item.evidence.start : item.evidence.end] == item.text


def test_a_very_short_article_gives_what_it_has() -> None:
    analysis = analyze(
        article_from_text("The city library will stay open on Sundays from next month.")
    )
    items = executive_summary(analysis, Settings())
    assert len(items) == 1
    assert items[0].evidence.sentence_index == 0
