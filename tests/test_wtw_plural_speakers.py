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


def test_the_role_noun_refers_back_to_the_people_named_together_with_it() -> None:
    """ "Senators Ann Lee and Bob Moss said …. The senators said …": the two of them, as one
    speaker with their role, as "the two senators" would be; not a group "Senators"."""
    analysis = _analysis(
        "Budget deal\n\nSenators Ann Lee and Bob Moss said on Monday that the budget would pass."
        " The senators said the vote would come next week."
    )
    pair = said_with(analysis, "budget would pass")
    later = said_with(analysis, "vote would come")
    assert later.actor_id == pair.actor_id, analysis.actors
    assert speaker_of(analysis, later) == "Ann Lee and Bob Moss"
    actor = next(a for a in analysis.actors if a.id == later.actor_id)
    assert actor.role == "senators", actor


def test_people_named_together_who_do_not_all_hold_the_role_are_not_the_role_noun() -> None:
    analysis = _analysis(
        "Budget deal\n\nSenator Ann Lee and Governor Bob Moss said on Monday that the budget"
        " would pass. The senators said the vote would come next week."
    )
    assert speaker_of(analysis, said_with(analysis, "vote would come")) == "Senators"


def test_a_bare_plural_noun_is_the_one_group_named_with_a_modifier() -> None:
    """ "Experts said …", then "tax experts said …" (and "the experts said …"): one group,
    under the fuller name."""
    analysis = _analysis(
        "Tax plan\n\nExperts said on Monday that the plan would cost billions. The treasury"
        " disagreed. But tax experts said the savings were real. The experts said the vote"
        " was close."
    )
    first = said_with(analysis, "cost billions")
    assert speaker_of(analysis, first) == "Tax experts", analysis.actors
    assert said_with(analysis, "savings were real").actor_id == first.actor_id
    assert said_with(analysis, "vote was close").actor_id == first.actor_id


def test_two_modifiers_name_two_groups_and_the_bare_noun_neither() -> None:
    analysis = _analysis(
        "Tax plan\n\nDemocratic lawmakers said on Monday that the plan would cost billions."
        " Republican lawmakers said the plan would pay for itself. Lawmakers said the vote"
        " would come next week. Tax experts said the plan was vague. Other experts said the"
        " savings were real."
    )
    speakers = [
        speaker_of(analysis, said_with(analysis, words))
        for words in ("cost billions", "pay for itself", "next week", "was vague", "were real")
    ]
    assert speakers == [
        "Democratic lawmakers",
        "Republican lawmakers",
        "Lawmakers",
        "Tax experts",
        "Experts",
    ], speakers
