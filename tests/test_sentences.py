"""Sentence records: closing quotes stay with their sentence, paragraphs are never crossed."""

from __future__ import annotations

from newsbrief.analyze.nlp import parse
from newsbrief.analyze.sentences import split_sentences
from newsbrief.ingest.text import article_from_text

TEXT = (
    '"We will not give in. The operators made record profits," said Irena Vasquel, the union '
    'leader. She called the offer "an insult."\n\n'
    "Talks collapsed on Monday. The minister urged both sides to return to the table"
)


def _sentences() -> list[str]:
    article = article_from_text(TEXT)
    return [s.text for s in split_sentences(parse(article.text), article)]


def test_closing_quote_stays_with_its_sentence() -> None:
    sents = _sentences()
    assert all(any(ch.isalnum() for ch in s) for s in sents), sents
    assert any(s.endswith('"an insult."') for s in sents), sents
    assert not any(s.startswith('" ') or s == '"' for s in sents)


def test_offsets_index_the_article_and_paragraphs_are_not_crossed() -> None:
    article = article_from_text(TEXT)
    sents = split_sentences(parse(article.text), article)
    for s in sents:
        assert article.text[s.start : s.end] == s.text
        assert "\n\n" not in s.text
    assert [s.index for s in sents] == list(range(len(sents)))
    assert sents[-1].paragraph == 1 and sents[0].paragraph == 0
    assert sents[-1].text.startswith("The minister urged")


def test_keyphrases_are_lowercased_content_phrases() -> None:
    article = article_from_text(TEXT)
    sents = split_sentences(parse(article.text), article)
    phrases = {p for s in sents for p in s.keyphrases}
    assert "operator" in phrases or "operators" in phrases
    assert all(p == p.lower() for p in phrases)


def _split(text: str) -> list[str]:
    article = article_from_text(text)
    return [s.text for s in split_sentences(parse(article.text), article)]


def test_a_quoted_question_or_exclamation_does_not_end_the_reporting_sentence() -> None:
    opening = "The harbour was quiet at dawn. "
    for said in (
        "“Are the ferries running?” she asked, but the pier was already empty.",
        '"Are the ferries running?" she asked, but the pier was already empty.',
        "“Stop the boat!” he shouted, and the crew cut the engine before it reached the rocks.",
    ):
        assert _split(opening + said) == [opening.strip(), said]


def test_a_sentence_still_ends_after_a_quote_that_ends_one() -> None:
    sents = _split("“We are done.” The talks ended on Friday. “Is it over?” Nobody answered her.")
    assert sents == [
        "“We are done.”",
        "The talks ended on Friday.",
        "“Is it over?”",
        "Nobody answered her.",
    ]


def test_a_plural_title_written_short_does_not_end_the_sentence() -> None:
    """ "Sens. Ann Lee and Bob Moss": spaCy splits "Sens." at its stop and the parser then
    ended a sentence there, leaving "…particularly Sens." and a sentence of bare names."""
    text = (
        "The harbor bill drew backers from both parties, particularly Sens. Ann Lee and Bob "
        "Moss, who wrote its first draft. Reps. Carla Ruiz and Dan Webb voted against it. "
        "Govs. Ella Park and Finn Hale said nothing."
    )
    article = article_from_text(text)
    sents = [s.text for s in split_sentences(parse(article.text), article)]
    assert len(sents) == 3, sents
    assert sents[0].endswith("who wrote its first draft.")
    assert sents[1].startswith("Reps. Carla Ruiz") and sents[2].startswith("Govs. Ella Park")
