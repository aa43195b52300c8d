"""Plural pronouns on texts of our own: "they" after people named by a plural noun that no
actor stands for is left to no actor rather than given to the body or building those people
acted on ("armed separatists bombed the Dastia Trade Center. … they attacked"), and never to a
building that has not acted; a body that acted, or a group met before under the same noun, is
still "they"."""

from __future__ import annotations

from samples import said_with, speaker_of

from newsbrief.analyze import analyze
from newsbrief.ingest import article_from_text
from newsbrief.models import Analysis


def _analysis(text: str) -> Analysis:
    return analyze(article_from_text(text))


def _mentions(analysis: Analysis, name: str) -> list[str]:
    actor = next(a for a in analysis.actors if a.name == name)
    return [m.text for m in actor.mentions]


def test_they_after_people_who_bombed_a_building_is_not_the_building() -> None:
    analysis = _analysis(
        "Harbor attacks\n\nIn 1998, armed separatists bombed the Dastia Trade Center. In 2001,"
        " they attacked a navy ship, killing nine sailors."
    )
    assert _mentions(analysis, "Dastia Trade Center") == ["the Dastia Trade Center"]


def test_they_after_people_who_went_to_a_body_is_not_the_body() -> None:
    analysis = _analysis(
        "Wage protest\n\nHundreds of nurses marched to the Ministry of Labour on Monday. They"
        " said wages were too low."
    )
    assert speaker_of(analysis, said_with(analysis, "wages were too low")) is None
    assert _mentions(analysis, "Ministry of Labour") == ["the Ministry of Labour"]


def test_they_is_never_a_building_that_has_not_acted() -> None:
    analysis = _analysis(
        "Harbor storm\n\nA storm damaged the Dastia Trade Center on Monday. They said repairs"
        " would take a month."
    )
    assert speaker_of(analysis, said_with(analysis, "repairs would take")) is None


def test_they_is_still_a_body_that_acted_or_a_group_met_before() -> None:
    """A plural noun for things between them ("Talks collapsed") leaves "they" to the union
    that acted; "The leaders … their" is the group of leaders; a body with a place's word that
    acts ("The Halden Policy Center studied …") may be "they"."""
    analysis = _analysis(
        "Port talks\n\nThe Selane Dockworkers Union met the port operator on Monday. Talks"
        " collapsed after an hour. They said a strike would begin on Friday."
    )
    assert speaker_of(analysis, said_with(analysis, "strike would begin")) == (
        "Selane Dockworkers Union"
    )
    analysis = _analysis(
        "Tax plan\n\nThe Halden Policy Center studied the plan. They found that taxes would rise"
        " for most families."
    )
    assert speaker_of(analysis, said_with(analysis, "taxes would rise")) == "Halden Policy Center"
    analysis = _analysis(
        "Harbor summit\n\nLeaders said the summit would go on. The leaders made no secret of"
        " their disagreements over the harbor fees."
    )
    assert "their" in _mentions(analysis, "Leaders"), analysis.actors


def test_them_is_not_the_subject_of_its_own_clause() -> None:
    """ "Parents sent a letter to the board, urging them to reconsider": the board."""
    analysis = _analysis(
        "School vote\n\nThe Selane School Board voted to close two schools. In May, a group of"
        " parents sent a letter to the Selane School Board urging them to reconsider."
    )
    assert "them" in _mentions(analysis, "Selane School Board"), analysis.actors
