"""A headline's capitals are no evidence of a name, on texts of our own: "Derelict Harlow and
Vance;" opens the headline, so the model's "Derelict Harlow" is President Harlow, as the body
names him, and so is the pair; a given name only the headline gives is kept."""

from __future__ import annotations

from newsbrief.analyze import analyze
from newsbrief.ingest import article_from_text


def _names(text: str) -> list[str]:
    return [actor.name for actor in analyze(article_from_text(text)).actors]


def test_a_headlines_first_word_is_no_first_name() -> None:
    names = _names(
        "Derelict Harlow and Vance; \nMorrow will go on offense against radical terrorism.\n\n"
        "Last weekend, the city once again saw attacks. President Harlow and Ada Vance did not"
        " react as if these people were victims. Harlow and Vance call them lone wolves."
    )
    assert "Harlow" in names, names
    assert "Harlow and Ada Vance" in names, names
    assert not [n for n in names if "Derelict" in n], names


def test_a_given_name_the_body_also_writes_is_kept() -> None:
    names = _names(
        "Hillary Harlow Was Headed Home\n\nThe senator left early on Monday, aides said."
        " Harlow later said she felt fine, and Hillary Harlow thanked her staff."
    )
    assert "Hillary Harlow" in names, names


def test_a_headlines_first_name_is_kept_when_the_body_uses_the_bare_surname() -> None:
    names = _names(
        "Pat Morrow: Voters Are Worried About the Race\n\nThe pollster said on Monday that"
        " voters were worried. Morrow told the network the race was tight."
    )
    assert "Pat Morrow" in names, names


def test_a_leads_full_name_is_kept_when_the_body_says_ms() -> None:
    names = _names(
        "Daniela Forsberg said on Monday that the plant would open in May. Ms. Forsberg added"
        " that costs had risen, and Ms. Forsberg thanked the workers."
    )
    assert "Daniela Forsberg" in names, names
