"""Actor resolution on small texts of our own: names, titles, pronouns, outlets, metonyms."""

from __future__ import annotations

from newsbrief.analyze.actors import ActorIndex, resolve_actors
from newsbrief.analyze.nlp import parse
from newsbrief.analyze.sentences import split_sentences
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Actor, Article, Mention


def _resolve(text: str) -> tuple[Article, ActorIndex]:
    article = article_from_text(text)
    doc = parse(article.text)
    return article, resolve_actors(doc, article, split_sentences(doc, article))


def _named(index: ActorIndex, name: str) -> Actor:
    matches = [a for a in index.actors if a.name == name]
    assert len(matches) == 1, [a.name for a in index.actors]
    return matches[0]


def _texts(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions]


def test_full_name_surname_and_title_are_one_actor() -> None:
    text = (
        "German Chancellor Olaf Scholz said on Monday that the budget would be balanced. "
        "Scholz added that taxes would not rise. The chancellor also rejected calls for new debt."
    )
    _, index = _resolve(text)
    scholz = _named(index, "Olaf Scholz")
    assert scholz.kind == "person"
    assert scholz.role == "chancellor"
    assert scholz.affiliation == "Germany"
    assert _texts(scholz) == ["Olaf Scholz", "Scholz", "The chancellor"]


def test_pronoun_goes_to_the_preceding_person() -> None:
    text = (
        "Foreign Minister Annalena Baerbock met her Polish counterpart in Warsaw. "
        "She stressed that the border would remain open."
    )
    article, index = _resolve(text)
    baerbock = _named(index, "Annalena Baerbock")
    assert baerbock.role == "foreign minister"
    she = article.text.index("She")
    assert index.actor_at(she, she + 3) == baerbock.id


def test_pronoun_skips_a_person_of_the_other_gender() -> None:
    text = (
        "Mrs. Dana Whitfield thanked Mr. Paul Okafor for his help. "
        "He said the repairs would take a week."
    )
    article, index = _resolve(text)
    he = article.text.index("He said")
    assert index.actor_at(he, he + 2) == _named(index, "Paul Okafor").id


def test_apposition_gives_role_and_affiliation() -> None:
    text = "Irena Vasquel, general secretary of the Dockworkers Union, said the strike would go on."
    _, index = _resolve(text)
    vasquel = _named(index, "Irena Vasquel")
    assert vasquel.role == "general secretary"
    assert vasquel.affiliation == "Dockworkers Union"


def test_relative_pronoun_points_at_its_noun() -> None:
    text = "Tomas Reinhardt, who runs the terminal, said the offer was final."
    article, index = _resolve(text)
    who = article.text.index("who")
    assert index.actor_at(who, who + 3) == _named(index, "Tomas Reinhardt").id


def test_outlets_with_their_countries() -> None:
    text = (
        "Japan's Kyodo news agency reported that the talks had stalled. "
        "Iranian state media said the tanker had been released."
    )
    _, index = _resolve(text)
    kyodo = _named(index, "Kyodo")
    assert (kyodo.kind, kyodo.affiliation) == ("media", "Japan")
    iran = _named(index, "Iranian state media")
    assert (iran.kind, iran.affiliation) == ("media", "Iran")


def test_capital_standing_for_its_government() -> None:
    _, index = _resolve("Washington rejected the proposal on Tuesday.")
    us = _named(index, "United States")
    assert us.kind == "country"
    assert "Washington" in us.aliases


def test_unnamed_speakers_become_groups() -> None:
    text = "Analysts said the strike would hurt exports. The analysts expect a deal soon."
    _, index = _resolve(text)
    analysts = _named(index, "Analysts")
    assert analysts.kind == "group"
    assert len(analysts.mentions) >= 1


def test_actor_index_lookup_prefers_the_person_in_a_long_span() -> None:
    mentions = {
        "a1": Mention(text="Halvoria", start=0, end=8, sentence_index=0),
        "a2": Mention(text="Anton Berg", start=30, end=40, sentence_index=0),
    }
    actors = (
        Actor(id="a1", name="Halvoria", kind="country", mentions=(mentions["a1"],)),
        Actor(id="a2", name="Anton Berg", kind="person", mentions=(mentions["a2"],)),
    )
    index = ActorIndex(actors=actors, _by_span={(0, 8): "a1", (30, 40): "a2"})
    assert index.actor_at(0, 40) == "a2"
    assert index.actor_at(0, 8) == "a1"
    assert index.actor_at(50, 60) is None
    found = index.get("a2")
    assert found is not None and found.name == "Anton Berg"
    assert index.get("a9") is None


def test_dateline_stays_out_of_an_organization_name() -> None:
    text = (
        "MARLOW VALLEY - Teravion Systems said on Monday it would open a plant in the region. "
        "The plant will employ 400 people, the company said. Teravion reported record sales."
    )
    _, index = _resolve(text)
    teravion = _named(index, "Teravion Systems")
    assert teravion.kind == "organization"
    assert "Teravion" in teravion.aliases
    assert _texts(teravion)[0] == "Teravion Systems"
    assert "the company" in _texts(teravion)
    assert not any("VALLEY" in a.name for a in index.actors)


def test_the_company_is_the_recent_company_not_an_authority() -> None:
    text = (
        "Ostra Robotics said it would build a plant. The Competition Authority said it would "
        "review the aid. Analysts said the company had moved fast."
    )
    _, index = _resolve(text)
    ostra = _named(index, "Ostra Robotics")
    assert "the company" in _texts(ostra)
    authority = _named(index, "Competition Authority")
    assert "the company" not in _texts(authority)


def test_surname_after_full_name_is_the_same_person_even_if_tagged_as_organization() -> None:
    text = (
        "Daniela Forsberg, chief executive of Ostra Robotics, spoke on Monday. "
        "Forsberg said the plant would open in May. Later, Forsberg said costs had risen."
    )
    _, index = _resolve(text)
    forsberg = _named(index, "Daniela Forsberg")
    assert _texts(forsberg).count("Forsberg") == 2
    assert forsberg.affiliation == "Ostra Robotics"


def test_possessive_role_takes_the_owner_as_affiliation() -> None:
    text = (
        "The National Water Board said it would review the plan. Its chair, Milan Hradec, "
        'said a decision would come in May. "We are worried," said Jonas Berg, the board\'s '
        "spokesman."
    )
    _, index = _resolve(text)
    hradec = _named(index, "Milan Hradec")
    assert hradec.role == "chair"
    assert hradec.affiliation == "National Water Board"
    assert _named(index, "Jonas Berg").affiliation == "National Water Board"


def test_formal_country_name_and_short_name_are_one_country() -> None:
    text = (
        "The delegation of the Republic of Nauvia walked out. "
        "Nauvia said the talks had failed, and Nauvia will not return."
    )
    _, index = _resolve(text)
    (nauvia,) = [a for a in index.actors if "Nauvia" in a.name]
    assert nauvia.kind == "country"
    assert len(nauvia.mentions) == 3
