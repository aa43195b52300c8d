"""Verbs of naming on texts of our own: "called the plan a disaster" states the object together
with what it was called, so the content is both in one span (as PolNeAR spans it) — not the
object alone when the parser hangs a coordinated object on the verb, nor the quoted name alone
when the name is in quotation marks."""

from __future__ import annotations

import pytest

from newsbrief.analyze import analyze
from newsbrief.ingest import article_from_text


def _called(text: str, cue: str = "called") -> tuple[str | None, str, str]:
    analysis = analyze(article_from_text("Harbour vote\n\n" + text))
    (att,) = [a for a in analysis.attributions if a.cue == cue]
    return att.source, att.content, att.kind


@pytest.mark.parametrize(
    ("text", "content", "kind"),
    [
        pytest.param(
            "Councillors called the harbour levy and the demand for a public inquiry a cynical"
            " manoeuvre aimed at delaying the vote.",
            "the harbour levy and the demand for a public inquiry a cynical manoeuvre aimed at"
            " delaying the vote",
            "indirect",
            id="coordinated-object-hung-on-the-verb-and-its-predicative",
        ),
        pytest.param(
            "Fishermen called the quota cut and the demand for new licences a betrayal of the"
            " coast.",
            "the quota cut and the demand for new licences a betrayal of the coast",
            "indirect",
            id="two-objects-and-the-name-they-were-given",
        ),
        pytest.param(
            "Mayor Lena Ortiz called the harbour plan “a gift to developers.”",
            "the harbour plan “a gift to developers.”",
            "mixed",
            id="quoted-name-keeps-its-object",
        ),
        pytest.param(
            "Ortiz called half of the council “cowards.”",
            "half of the council “cowards.”",
            "mixed",
            id="quoted-name-inside-the-objects-phrase",
        ),
        pytest.param(
            "Ortiz called her rival's remarks on Monday “a new low” for the campaign.",
            "her rival's remarks on Monday “a new low” for the campaign",
            "mixed",
            id="a-preposition-after-the-object-is-no-call-on",
        ),
    ],
)
def test_a_naming_verb_states_its_object_with_the_name(text: str, content: str, kind: str) -> None:
    source, found, found_kind = _called(text)
    assert source is not None
    assert (found, found_kind) == (content, kind)


def test_a_quoted_name_alone_is_still_a_direct_quote() -> None:
    """ "what it calls “…”": no object outside the quotation, so the quotation is the content."""
    _, content, kind = _called(
        "The union is protesting what it calls “the worst pay offer in a generation.”", "calls"
    )
    assert (content, kind) == ("the worst pay offer in a generation.", "direct")
