"""Verbs of saying used for a deed, on texts of our own: an assault ("attacked an army base,
killing four soldiers") and an act of war ("declared war on the cartels") are no one's
statement, while the verbal senses ("attacked the plan as reckless", "declared that the
crisis was over") stay attributions."""

from __future__ import annotations

from samples import speaker_of

from newsbrief.analyze import analyze
from newsbrief.ingest import article_from_text
from newsbrief.models import Analysis


def _analysis(text: str) -> Analysis:
    return analyze(article_from_text(text))


def _cues(analysis: Analysis) -> list[str]:
    return [a.cue for a in analysis.attributions]


def test_an_assault_is_no_statement() -> None:
    analysis = _analysis(
        "Border clash\n\nInsurgents attacked an army base near the border on Tuesday, killing"
        " four soldiers, the defence ministry said. Two years ago, they attacked the Sarvan"
        " Bridge with rockets. Later they attacked the Fenmore, killing two sailors."
    )
    assert not [c for c in _cues(analysis) if "attack" in c], analysis.attributions
    said = next(a for a in analysis.attributions if a.cue == "said")
    assert speaker_of(analysis, said) is not None


def test_words_against_a_plan_or_a_person_are_still_an_attack_in_words() -> None:
    analysis = _analysis(
        "Budget row\n\nSenator Lina Ortmann attacked the spending plan as reckless on Monday."
        " Her rival Tom Hale attacked Ortmann over her record on taxes."
    )
    cues = _cues(analysis)
    assert cues.count("attacked") == 2, analysis.attributions


def test_an_act_of_war_or_emergency_is_no_claim() -> None:
    analysis = _analysis(
        "Cartel offensive\n\nWe have seen this before: President Ana Ruiz declared war on the"
        " cartels on Sunday. The governor declared a state of emergency in three districts."
        " The mayor declared that the crisis was over."
    )
    declared = [a for a in analysis.attributions if a.cue == "declared"]
    assert [a.content for a in declared] == ["that the crisis was over"], analysis.attributions
