"""A quotation paragraph with no reporting verb: whose it is, on texts of our own."""

from __future__ import annotations

from newsbrief.analyze import analyze
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Attribution


def _quoted(text: str, words: str) -> list[Attribution]:
    analysis = analyze(article_from_text(text))
    return [a for a in analysis.attributions if words in a.content]


def test_a_quote_paragraph_after_another_speakers_statement_is_that_speakers() -> None:
    """ "“…,” said Ruiz. / Berg said … / “They want us gone …”": Berg's, not Ruiz's (it went
    to the last quotation's speaker across Berg's own statement)."""
    text = (
        "The harbor board raised the ferry fees on Tuesday.\n\n"
        '"The fees are fair and overdue," said Ana Ruiz, the harbor master.\n\n'
        "Tomas Berg, who runs two ferries, said the fees would drive small operators out.\n\n"
        '"They want us gone, and they will get their way."'
    )
    found = _quoted(text, "They want us gone")
    assert [(a.source, a.kind) for a in found] == [("Tomas Berg, who runs two ferries", "direct")]


def test_a_quote_runs_on_past_its_own_speakers_other_clause() -> None:
    text = (
        "The harbor board raised the ferry fees on Tuesday.\n\n"
        '"The fees are fair and overdue," said Ana Ruiz, the harbor master. She did not '
        'suggest a delay. "We will decide the rest in May and not before."'
    )
    found = _quoted(text, "We will decide the rest")
    assert [a.source for a in found] == ["Ana Ruiz, the harbor master"]


def test_a_quote_paragraph_after_a_statement_that_does_not_end_its_paragraph_is_left() -> None:
    text = (
        "The harbor board raised the ferry fees on Tuesday.\n\n"
        "Tomas Berg said the fees were too high. The board meets again in May.\n\n"
        '"They want us gone, and they will get their way."'
    )
    assert not [a for a in _quoted(text, "They want us gone") if a.source == "Tomas Berg"]
