"""A clause the parser broke at "as", on a text of our own: "with Norland backing the
government as Dovia, Arland and Tesk support some rebel groups" ("as Dovia, …" hung on
"backing", "support" left without a subject) is Norland backing the government and the three
countries supporting the rebels, not the sentence's subject supporting them."""

from __future__ import annotations

from newsbrief.analyze import analyze
from newsbrief.ingest import article_from_text


def test_the_noun_of_a_broken_as_clause_is_the_next_verbs_subject() -> None:
    analysis = analyze(
        article_from_text(
            "Kestria talks\n\nThe council's worst failure has been over Kestria, with Norland"
            " backing the government as Dovia, Arland and Tesk support some rebel groups."
        )
    )
    found = {a.cue: (a.source, a.content) for a in analysis.attributions}
    assert found["backing"] == ("Norland", "the government"), analysis.attributions
    assert found["support"] == ("Dovia, Arland and Tesk", "some rebel groups")


def test_an_as_clause_with_its_own_subject_is_left_alone() -> None:
    analysis = analyze(
        article_from_text(
            "Rates rise\n\nThe minister said prices rose as the central bank raised rates."
        )
    )
    said = next(a for a in analysis.attributions if a.cue == "said")
    assert said.source == "The minister"
    assert said.content == "prices rose as the central bank raised rates"
