"""Who Thinks What? speakers seen on PolNeAR dev texts, each on a text of our own with the
same shape: a named person's lawyer ("Pagliano's lawyer has said"), bodies named together
("The Afghan government and the Taliban said"), a share of a group ("Some experts said", "Some
of the analysts said") and a quoted phrase inside a statement of the same speaker ("adding
that the agreements were handed out “like candy.”")."""

from __future__ import annotations

from samples import said_with, speaker_of

from newsbrief.analyze import analyze
from newsbrief.compose import compose_brief
from newsbrief.ingest import article_from_text
from newsbrief.models import Analysis


def _analysis(text: str) -> Analysis:
    return analyze(article_from_text(text))


def test_a_named_persons_unnamed_lawyer_speaks_for_them_through_the_lawyer() -> None:
    analysis = _analysis(
        "Ferry inquiry\n\nSenator Mara Lindqvist refused to testify on Monday. Lindqvist's"
        " lawyer has said she will not answer any questions from the panel. Her attorney said"
        " the subpoena had no merit."
    )
    named = said_with(analysis, "any questions")
    assert speaker_of(analysis, named) == "Mara Lindqvist", analysis.attributions
    assert named.channel == "through Lindqvist's lawyer", named
    pronoun = said_with(analysis, "no merit")
    assert speaker_of(analysis, pronoun) == "Mara Lindqvist"
    assert pronoun.channel == "through her attorney", pronoun


def test_a_named_lawyer_speaks_himself_and_a_deputy_is_no_channel() -> None:
    analysis = _analysis(
        "Ferry inquiry\n\nSenator Mara Lindqvist refused to testify on Monday. Lindqvist's"
        " lawyer, Jonas Berg, said she would not answer questions. Lindqvist's deputy said"
        " the panel was biased."
    )
    named = said_with(analysis, "answer questions")
    assert speaker_of(analysis, named) == "Jonas Berg", analysis.attributions
    assert named.channel is None
    assert speaker_of(analysis, said_with(analysis, "was biased")) != "Mara Lindqvist"


def test_bodies_named_together_as_the_speaker_speak_together() -> None:
    analysis = _analysis(
        "Border talks\n\nTalks stalled in Geneva last week. The Vestan government and the"
        " Harbor Workers Alliance said on Sunday that talks would resume in March."
    )
    speaker = speaker_of(analysis, said_with(analysis, "resume in March"))
    assert speaker is not None, analysis.attributions
    assert "Vestan government" in speaker and "Harbor Workers Alliance" in speaker, speaker


def test_a_share_of_a_group_speaks_as_the_group() -> None:
    analysis = _analysis(
        "Port deal\n\nThe port signed the deal on Monday. Some of the analysts said the deal was"
        " weak. Many of the economists said it would lift wages."
    )
    assert speaker_of(analysis, said_with(analysis, "was weak")) == "Analysts", (
        analysis.attributions
    )
    assert speaker_of(analysis, said_with(analysis, "lift wages")) == "Economists"


def test_a_quoted_phrase_inside_the_speakers_own_statement_is_not_shown_again() -> None:
    analysis = _analysis(
        "Permit row\n\n“Deals should not be a requirement for talking to the police,” Mayor Dana"
        " Koss said in a statement, adding that the permits were handed out “like candy.”"
    )
    koss = next(p for p in compose_brief(analysis).who_thinks_what if p.actor == "Dana Koss")
    shown = [s.text for s in koss.statements]
    assert any("handed out" in t for t in shown), shown
    assert not any(t.strip(' .“”"') == "like candy" for t in shown), shown
