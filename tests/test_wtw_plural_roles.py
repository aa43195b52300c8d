"""Who Thinks What? speakers named by a plural role noun that is on no group list, on texts of
our own: bare ("Senators said"), modified ("Democratic senators said": a group of its own),
counted ("Several judges have said") and under a plural title written short ("Sens. Ann Lee
and Bob Moss said": each of them a senator, as "Sen. Ann Lee" is)."""

from __future__ import annotations

from samples import said_with, speaker_of

from newsbrief.analyze import analyze
from newsbrief.compose import compose_brief
from newsbrief.ingest import article_from_text
from newsbrief.models import Analysis


def _analysis(text: str) -> Analysis:
    return analyze(article_from_text(text))


def test_a_bare_plural_role_noun_speaks_as_a_group() -> None:
    analysis = _analysis(
        "Budget vote\n\nThe vote on the harbor budget was delayed on Monday. Senators said the"
        " bill would pass next week. Ministers said the harbor fees would stay as they are."
    )
    assert speaker_of(analysis, said_with(analysis, "bill would pass")) == "Senators"
    assert speaker_of(analysis, said_with(analysis, "fees would stay")) == "Ministers"


def test_a_modified_plural_role_noun_is_a_group_of_its_own() -> None:
    analysis = _analysis(
        "Budget vote\n\nThe vote on the harbor budget was delayed on Monday. Democratic senators"
        " said the bill would pass next week. Republican governors said the fees were too high."
    )
    assert speaker_of(analysis, said_with(analysis, "bill would pass")) == "Democratic senators"
    assert speaker_of(analysis, said_with(analysis, "fees were too high")) == (
        "Republican governors"
    )


def test_a_counted_plural_role_noun_speaks_as_the_group_in_the_brief() -> None:
    analysis = _analysis(
        "Records case\n\nThe county clerk lost the appeal on Tuesday. Several judges have said"
        " the records must be released before the vote."
    )
    assert speaker_of(analysis, said_with(analysis, "records must be released")) == "Judges"
    brief = compose_brief(analysis)
    assert "Judges" in [p.actor for p in brief.who_thinks_what], brief.who_thinks_what


def test_a_plural_role_noun_that_only_may_speak_is_no_speaker() -> None:
    """ "Senators would say …": what they may say, as with "the senators would say"."""
    analysis = _analysis(
        "Budget vote\n\nThe vote on the harbor budget was delayed on Monday. Senators would say"
        " the bill is too costly, an aide to the mayor warned."
    )
    assert all(a.name != "Senators" for a in analysis.actors), analysis.actors


def test_a_plural_title_written_short_makes_each_named_person_a_holder() -> None:
    analysis = _analysis(
        "Budget vote\n\nThe vote on the harbor budget was delayed. Sens. Ann Lee and Bob Moss"
        " said the bill would pass. Reps. Carla Diaz and Tom Pike said the fees were too high."
    )
    roles = {a.name: a.role for a in analysis.actors if a.kind == "person"}
    assert roles == {
        "Ann Lee": "senator",
        "Bob Moss": "senator",
        "Carla Diaz": "representative",
        "Tom Pike": "representative",
    }, analysis.actors
    assert speaker_of(analysis, said_with(analysis, "bill would pass")) == "Ann Lee and Bob Moss"


def test_a_partys_or_a_peoples_members_speak_as_a_group() -> None:
    analysis = analyze(
        article_from_text(
            "Budget fight\n\nRepublicans said on Monday the spending bill was dead. Democrats"
            " argued that it could still pass, and Palestinians said the plan was unfair."
        )
    )
    speakers = {(a.cue, speaker_of(analysis, a)) for a in analysis.attributions}
    assert speakers == {
        ("said", "Republicans"),
        ("argued", "Democrats"),
        ("said", "Palestinians"),
    }, analysis.attributions
