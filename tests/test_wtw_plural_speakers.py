"""Who Thinks What? speakers on texts of our own: a participle cue hung by the parser on a
distant noun ("appeals by the party … of a ruling by the court ordering …": the court orders),
a definite plural role noun as the speaker ("The economists said": a group) and a share of
one ("Most of the senators said", "Two of the analysts said")."""

from __future__ import annotations

from samples import said_with, speaker_of

from newsbrief.analyze import analyze
from newsbrief.ingest import article_from_text
from newsbrief.models import Analysis


def _analysis(text: str) -> Analysis:
    return analyze(article_from_text(text))


def test_a_rulings_participle_belongs_to_the_ruling_not_the_appeal() -> None:
    analysis = _analysis(
        "Ballot appeal\n\nThe judges rejected appeals by the county Democratic Party and several"
        " Democratic council members of a ruling by the state's highest court ordering clerks"
        " to count provisional ballots that arrived late."
    )
    ordering = next(a for a in analysis.attributions if a.cue == "ordering")
    assert ordering.source == "the state's highest court", analysis.attributions
    assert speaker_of(analysis, ordering) != "county Democratic Party"


def test_a_ruling_with_no_maker_named_gives_nospeaker_of() -> None:
    analysis = _analysis(
        "Ballot appeal\n\nThe judges rejected appeals by the county Democratic Party of a ruling"
        " ordering clerks to count provisional ballots."
    )
    ordering = [a for a in analysis.attributions if a.cue == "ordering"]
    assert all(a.actor_id is None and a.source is None for a in ordering), ordering


def test_a_definite_plural_role_noun_speaks_as_a_group() -> None:
    analysis = _analysis(
        "Port deal\n\nThe port signed the deal on Monday. The economists said wages would rise."
    )
    assert speaker_of(analysis, said_with(analysis, "wages would rise")) == "Economists"


def test_the_plural_noun_refers_back_to_the_body_its_officials_spoke_for() -> None:
    analysis = _analysis(
        "Naval drills\n\nPentagon officials said the drills would go ahead. The officials said"
        " the ships were ready. Analysts said costs would rise. The analysts said the navy"
        " was stretched."
    )
    assert speaker_of(analysis, said_with(analysis, "ships were ready")) == "Pentagon"
    assert speaker_of(analysis, said_with(analysis, "navy was stretched")) == "Analysts"


def test_a_numbered_or_most_share_of_role_holders_speaks_as_the_group() -> None:
    analysis = _analysis(
        "Budget vote\n\nThe vote was delayed. Most of the senators said the bill needed more"
        " work. Two of the analysts said inflation would fall."
    )
    assert speaker_of(analysis, said_with(analysis, "more work")) == "Senators", (
        analysis.attributions
    )
    assert speaker_of(analysis, said_with(analysis, "inflation would fall")) == "Analysts"
