"""Actor resolution on small texts of our own: names, titles, pronouns, outlets, metonyms."""

from __future__ import annotations

import pytest

from newsbrief.analyze import analyze
from newsbrief.analyze.actors import ActorIndex, names, resolve_actors
from newsbrief.analyze.nlp import parse
from newsbrief.analyze.sentences import split_sentences
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Actor, Article, Mention

# Passages read by the tables of actor profiles and pronouns below.
FOREIGN_MINISTER = (
    "Foreign Minister Annalena Baerbock met her Polish counterpart in Warsaw. "
    "She stressed that the border would remain open."
)
APPOSITION = (
    "Irena Vasquel, general secretary of the Dockworkers Union, said the strike would go on."
)
OUTLETS = (
    "Japan's Kyodo news agency reported that the talks had stalled. "
    "Iranian state media said the tanker had been released."
)
# "director of research" is what Vos does; the institute is where ("research" is no employer)
ROLE_OF_A_FIELD = (
    "Pieter Vos, director of research at the Halvern Institute, said the data were sound."
)
# the university is the affiliation, not where it stands
ROLE_AT_A_PLACE = (
    "Marta Lindqvist, economics professor at Ostervik University in Sweden, said the plan "
    "would fail."
)
# a second role joined to the school is not part of its name
TWO_ROLES = (
    "Lena Marsh, an associate professor of surgery at the Halvern School of Medicine and the "
    "editor of a medical blog, said the results were weak."
)
# a name joined to a name is one organisation's name, not a second role
NAME_AND_NAME = (
    "Mira Sand, founder of Iraq and Afghanistan Veterans of Halvern, said the clinic was full."
)
# guards: "for" an institution and "of" in an institution's name stay as they were
ROLE_FOR_AN_ORG = "Tomas Rell, spokesman for the Halvern Institute, said the data were sound."
ROLE_AT_AN_ORG_OF = "Olle Dahl, a professor at the University of Selane, said the bridge was safe."
POSSESSIVE_ROLES = (
    "The National Water Board said it would review the plan. Its chair, Milan Hradec, "
    'said a decision would come in May. "We are worried," said Jonas Berg, the board\'s '
    "spokesman."
)


def _resolve(text: str) -> tuple[Article, ActorIndex]:
    article = article_from_text(text)
    doc = parse(article.text)
    return article, resolve_actors(doc, article, split_sentences(doc, article))


def _named(index: ActorIndex, name: str) -> Actor:
    matches = [a for a in index.actors if a.name == name]
    assert len(matches) == 1, [a.name for a in index.actors]
    return matches[0]


def _actor(text: str, name: str) -> Actor:
    """The one actor of this name resolved in the text."""
    _, index = _resolve(text)
    return _named(index, name)


def _texts(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions]


def _spoken(text: str) -> list[tuple[str, str | None, str]]:
    """(cue, the speaker's name, content) of every attribution of an analyzed text."""
    analysis = analyze(article_from_text(text))
    names_of = {a.id: a.name for a in analysis.actors}
    return [(a.cue, names_of.get(a.actor_id or ""), a.content) for a in analysis.attributions]


# (passage, actor, kind, role, affiliation): each actor is resolved once, with these fields
PROFILES = [
    (FOREIGN_MINISTER, "Annalena Baerbock", "person", "foreign minister", None),
    (APPOSITION, "Irena Vasquel", "person", "general secretary", "Dockworkers Union"),
    (OUTLETS, "Kyodo", "media", None, "Japan"),
    (OUTLETS, "Iranian state media", "media", None, "Iran"),
    (ROLE_OF_A_FIELD, "Pieter Vos", "person", "director of research", "Halvern Institute"),
    (ROLE_AT_A_PLACE, "Marta Lindqvist", "person", "economics professor", "Ostervik University"),
    (
        TWO_ROLES,
        "Lena Marsh",
        "person",
        "associate professor of surgery",
        "Halvern School of Medicine",
    ),
    (NAME_AND_NAME, "Mira Sand", "person", "founder", "Iraq and Afghanistan Veterans of Halvern"),
    (ROLE_FOR_AN_ORG, "Tomas Rell", "person", "spokesman", "Halvern Institute"),
    (ROLE_AT_AN_ORG_OF, "Olle Dahl", "person", "professor", "University of Selane"),
    (POSSESSIVE_ROLES, "Milan Hradec", "person", "chair", "National Water Board"),
    (POSSESSIVE_ROLES, "Jonas Berg", "person", "spokesman", "National Water Board"),
]


@pytest.mark.parametrize(
    ("text", "name", "kind", "role", "affiliation"),
    PROFILES,
    ids=[name for _, name, *_ in PROFILES],
)
def test_actor_kind_role_and_affiliation(
    text: str, name: str, kind: str, role: str | None, affiliation: str | None
) -> None:
    """The actor of this name is resolved once, with this kind, role and affiliation."""
    actor = _actor(text, name)
    assert (actor.kind, actor.role, actor.affiliation) == (kind, role, affiliation)


@pytest.mark.parametrize(
    ("text", "pronoun", "name"),
    [
        pytest.param(
            FOREIGN_MINISTER,
            "She",
            "Annalena Baerbock",
            id="pronoun-goes-to-the-preceding-person",
        ),
        pytest.param(
            "Mrs. Dana Whitfield thanked Mr. Paul Okafor for his help. "
            "He said the repairs would take a week.",
            "He",
            "Paul Okafor",
            id="pronoun-skips-a-person-of-the-other-gender",
        ),
        pytest.param(
            "Tomas Reinhardt, who runs the terminal, said the offer was final.",
            "who",
            "Tomas Reinhardt",
            id="relative-pronoun-points-at-its-noun",
        ),
        pytest.param(
            "Donald Pruitt met Melanie Vance at the depot on Monday. "
            "“We are out of diesel,” she said.",
            "she",
            "Melanie Vance",
            id="she-skips-a-man-known-by-his-first-name",
        ),
        pytest.param(
            "Melanie Vance introduced Donald Pruitt to a crew. Later he inspected the trucks.",
            "he",
            "Donald Pruitt",
            id="he-skips-a-woman-known-by-her-first-name",
        ),
        pytest.param(
            "Lawyers for Mr. Lyle Booker and Dana Quist filed papers on Friday. His former "
            "partner agreed, but said she would not run for the board.",
            "she",
            "Dana Quist",
            id="a-gender-guessed-from-a-wrongly-taken-pronoun-does-not-shut-her-out",
        ),
        pytest.param(
            "Avery Dorsey spoke first at the hearing on the canal. “It is too late,” she said.",
            "she",
            "Avery Dorsey",
            id="guard-the-only-person-present-whose-gender-is-not-known",
        ),
        pytest.param(
            "Melanie Vance opened the depot at dawn. She said the trucks were ready.",
            "She",
            "Melanie Vance",
            id="guard-the-only-person-present",
        ),
    ],
)
def test_pronoun_resolves_to_its_person(text: str, pronoun: str, name: str) -> None:
    article, index = _resolve(text)
    start = article.text.index(pronoun)
    assert index.actor_at(start, start + len(pronoun)) == _named(index, name).id


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Avery Dorsey spoke first at the hearing on the canal. The woman’s voice shook as "
            "the vote neared. “It is too late,” she said.",
            id="the-woman",
        ),
        pytest.param(
            "Avery Dorsey spoke at the rally. My mother has softened with age, but even now "
            "she still says the same things.",
            id="my-mother",
        ),
    ],
)
def test_pronoun_for_someone_unnamed_goes_to_no_actor(text: str) -> None:
    """ "The woman", "my mother": a nearer person of the pronoun's gender whom the article
    does not name is who "she" is, not the person named before."""
    article, index = _resolve(text)
    start = article.text.rindex(" she ") + 1
    assert index.actor_at(start, start + 3) is None


def test_full_name_surname_and_title_are_one_actor() -> None:
    scholz = _actor(
        "German Chancellor Olaf Scholz said on Monday that the budget would be balanced. "
        "Scholz added that taxes would not rise. The chancellor also rejected calls for new debt.",
        "Olaf Scholz",
    )
    assert (scholz.kind, scholz.role, scholz.affiliation) == ("person", "chancellor", "Germany")
    assert _texts(scholz) == ["Olaf Scholz", "Scholz", "The chancellor"]


def test_capital_standing_for_its_government() -> None:
    us = _actor("Washington rejected the proposal on Tuesday.", "United States")
    assert us.kind == "country"
    assert "Washington" in us.aliases


def test_a_capital_accused_stands_for_its_government_a_city_visited_does_not() -> None:
    _, index = _resolve(
        "China said on Monday it would send more patrol boats. Vietnam has accused Beijing "
        "of encroaching into its waters. The minister later visited Hanoi and Tokyo."
    )
    china = _named(index, "China")
    assert "Beijing" in china.aliases
    assert "Hanoi" not in _named(index, "Vietnam").aliases  # visited: a city, not its side


def test_unnamed_speakers_become_groups() -> None:
    text = "Analysts said the strike would hurt exports. The analysts expect a deal soon."
    analysts = _actor(text, "Analysts")
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
    _, index = _resolve(
        "MARLOW VALLEY - Teravion Systems said on Monday it would open a plant in the region. "
        "The plant will employ 400 people, the company said. Teravion reported record sales."
    )
    teravion = _named(index, "Teravion Systems")
    assert teravion.kind == "organization"
    assert "Teravion" in teravion.aliases
    assert _texts(teravion)[0] == "Teravion Systems"
    assert "the company" in _texts(teravion)
    assert not any("VALLEY" in a.name for a in index.actors)


def test_the_company_is_the_recent_company_not_an_authority() -> None:
    _, index = _resolve(
        "Ostra Robotics said it would build a plant. The Competition Authority said it would "
        "review the aid. Analysts said the company had moved fast."
    )
    assert "the company" in _texts(_named(index, "Ostra Robotics"))
    assert "the company" not in _texts(_named(index, "Competition Authority"))


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Callers to the FHA hotline waited for hours, and the FHA could do more. The agency "
            "said it would hire 200 operators by spring.",
            "FHA",
        ),
        (
            "Inspectors at the Coastal Fisheries Service said catches had fallen. In a memo, "
            "the agency said the quota should be cut.",
            "Coastal Fisheries Service",
        ),
    ],
)
def test_the_agency_is_the_public_body_named_before(text: str, body: str) -> None:
    """ "the agency" after "the FHA" is the FHA, not an actor of its own called "Agency"."""
    _, index = _resolve(text)
    assert "agency" in " ".join(_texts(_named(index, body))).lower()
    assert not [a.name for a in index.actors if a.name.lower() == "agency"]


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("the Department of Veterans Affairs", "VA"),
        ("the Department of Housing and Urban Development", "HUD"),
        ("the U.S. Department of Justice", "DOJ"),
    ],
)
def test_a_department_and_its_acronym_are_one_body(full: str, short: str) -> None:
    _, index = _resolve(
        f"A report released by {full} last month found delays in processing claims. "
        f"Officials at the {short} said the backlog would be cleared by June, and the "
        f"{short} has hired 300 new staff."
    )
    bodies = [a for a in index.actors if a.name.endswith(full.split(" of ")[-1])]
    assert len(bodies) == 1, [a.name for a in index.actors]
    assert short in _texts(bodies[0])
    assert not [a.name for a in index.actors if a.name == short]


def test_surname_after_full_name_is_the_same_person_even_if_tagged_as_organization() -> None:
    forsberg = _actor(
        "Daniela Forsberg, chief executive of Ostra Robotics, spoke on Monday. "
        "Forsberg said the plant would open in May. Later, Forsberg said costs had risen.",
        "Daniela Forsberg",
    )
    assert _texts(forsberg).count("Forsberg") == 2
    assert forsberg.affiliation == "Ostra Robotics"


def test_formal_country_name_and_short_name_are_one_country() -> None:
    _, index = _resolve(
        "The delegation of the Republic of Nauvia walked out. "
        "Nauvia said the talks had failed, and Nauvia will not return."
    )
    (nauvia,) = [a for a in index.actors if "Nauvia" in a.name]
    assert nauvia.kind == "country"
    assert len(nauvia.mentions) == 3


def test_a_headline_surname_taken_for_an_organization_is_the_person() -> None:
    """ "Mixed signals on Trump leave plan" (the model tags "Trump" an organization), then
    "Donald Trump's new proposal …": one person, not a stray organization "Trump"."""
    _, index = _resolve(
        "Mixed signals on Trump leave plan.\n\n"
        "Donald Trump's new proposal for paid leave is vague about who would be eligible, "
        "labor experts say. Trump said on Monday that the plan would help working mothers."
    )
    trumps = [a for a in index.actors if "Trump" in a.name]
    assert [(a.name, a.kind) for a in trumps] == [("Donald Trump", "person")]
    assert trumps[0].mentions[0].sentence_index == 0


# (passage, the speaker's words, the actor they stand for, its kind)
PLACED_BODIES = [
    pytest.param(
        "The U.S. embassy in Afghanistan had previously said it could not guarantee safe "
        "passage to the airport.",
        "The U.S. embassy in Afghanistan",
        "U.S. embassy in Afghanistan",
        "organization",
        id="embassy-not-its-country",
    ),
    pytest.param(
        "The British embassy said its staff had left the city before dawn.",
        "The British embassy",
        "British embassy",
        "organization",
        id="embassy-of-a-demonym",
    ),
    pytest.param(
        "Russia's foreign ministry said the new tariffs broke a trade treaty.",
        "Russia's foreign ministry",
        "Russia's foreign ministry",
        "organization",
        id="ministry-of-a-possessor",
    ),
    pytest.param(
        "Britain's defence ministry said two tankers had landed. The Kenyan health ministry "
        "said clinic visits had doubled.",
        "The Kenyan health ministry",
        "Kenyan health ministry",
        "organization",
        id="not-the-ministry-named-before",
    ),
    pytest.param(
        "The U.S. said it would send two more hospital ships.",
        "The U.S.",
        "U.S.",
        "country",
        id="the-country-itself",
    ),
    pytest.param(
        "Washington rejected the grain proposal on Tuesday.",
        "Washington",
        "United States",
        "country",
        id="a-capital-for-its-country",
    ),
    pytest.param(
        "U.S. Ambassador Lena Harwick said the evacuation flights would continue.",
        "U.S. Ambassador Lena Harwick",
        "Lena Harwick",
        "person",
        id="a-titled-person",
    ),
]


@pytest.mark.parametrize(("text", "words", "name", "kind"), PLACED_BODIES)
def test_a_public_body_a_place_modifies_speaks_for_itself(
    text: str, words: str, name: str, kind: str
) -> None:
    """ "The U.S. embassy in Afghanistan said …": the embassy speaks, not the country that only
    says whose embassy it is; the country or a titled person still speak for themselves."""
    article, index = _resolve(text)
    start = article.text.index(words)
    actor = index.get(index.actor_at(start, start + len(words)) or "")
    assert actor is not None, [a.name for a in index.actors]
    assert (actor.name, actor.kind) == (name, kind)


def test_a_public_body_is_one_actor_wherever_it_recurs() -> None:
    _, index = _resolve(
        "The U.S. embassy in Afghanistan said the gates would close at noon. Hours later, the "
        "U.S. embassy said the gates would stay open. The embassy urged citizens to wait at home."
    )
    embassy = _named(index, "U.S. embassy in Afghanistan")
    assert _texts(embassy) == [
        "The U.S. embassy in Afghanistan",
        "the U.S. embassy",
        "The embassy",
    ]
    assert _named(index, "U.S.").kind == "country"


def test_a_post_is_named_by_its_place_once_the_place_is_given() -> None:
    """ "the U.S. embassy", then "the U.S. embassy in Kabul": one embassy, named by its place;
    the one in Islamabad is another."""
    _, index = _resolve(
        "The U.S. embassy said the gates would close at noon. Hours later, the U.S. embassy in "
        "Kabul said the gates would stay open. The U.S. embassy in Islamabad said flights to "
        "Doha were full."
    )
    kabul = _named(index, "U.S. embassy in Kabul")
    assert _texts(kabul) == ["The U.S. embassy", "the U.S. embassy in Kabul"]
    assert _texts(_named(index, "U.S. embassy in Islamabad")) == ["The U.S. embassy in Islamabad"]


def test_the_country_word_opening_two_bodies_does_not_make_them_one() -> None:
    """ "U.S." says whose body it is, not which: the U.S. Embassy is not the State Department."""
    _, index = _resolve(
        "The U.S. Embassy in Kabul said it had suspended visa interviews. A U.S. State "
        "Department spokesman said the interviews would resume in March."
    )
    state = _named(index, "U.S. State Department")
    assert "U.S. Embassy" not in state.name and "U.S. Embassy" not in state.aliases


def test_a_body_is_known_by_the_acronym_that_leaves_out_its_last_conjunct() -> None:
    _, index = _resolve(
        "The Centers for Disease Control and Prevention on Friday announced new guidance for "
        "schools. Students must keep three feet apart, the agency said. Masks should remain "
        "mandatory, according to the CDC."
    )
    body = _named(index, "Centers for Disease Control and Prevention")
    assert len(body.mentions) == 3  # the full name, "the agency" and "the CDC"
    assert [a.name for a in index.actors] == [body.name]


def test_a_longer_last_conjunct_stays_in_the_acronym() -> None:
    assert "CDC" in names.acronyms("Centers for Disease Control and Prevention")
    assert "DH" not in names.acronyms("Department of Health and Human Services")
    assert "HHS" in names.acronyms("Department of Health and Human Services")


def test_a_subhead_or_a_byline_names_no_actor() -> None:
    """A subhead "The Harbor Board Fee Schedule" made the board's name "Harbor Board Fee
    Schedule" (the longest form wins); the byline's reporter became an actor of the story."""
    text = (
        "By Dana Whitlock\n\n"
        "The Harbor Board on Tuesday approved new fees for ferry operators, ending a dispute "
        "that had run for months.\n\n"
        "The Harbor Board said the fees take effect in July.\n\n"
        "The Harbor Board Fee Schedule\n\n"
        "Operators will pay by the ton, the Harbor Board said."
    )
    _, index = _resolve(text)
    names_found = [a.name for a in index.actors]
    assert "Harbor Board" in names_found, names_found
    assert not any("Schedule" in n or "Whitlock" in n for n in names_found), names_found


def test_an_event_named_by_its_host_has_no_speaker() -> None:
    """ "The CNN/New York Times debate on Tuesday night revealed new dynamics": the story brief
    showed CNN as holding that position. A poll still speaks through its pollster."""
    spoken = _spoken(
        "The CNN/New York Times debate on Tuesday night revealed deep splits over the "
        "harbor fees. Senator Ann Lee said the fees were fair. A CNN poll found that most "
        "voters oppose them."
    )
    by_cue = {cue: name for cue, name, _ in spoken}
    assert by_cue["revealed"] is None
    assert by_cue["found"] == "CNN"


def test_one_country_under_its_several_names() -> None:
    """ "The US welcomed the exchange …", "… with the United States …", "the U.S.": a brief
    showed "US" and "United States" as two actors of one article."""
    _, index = _resolve(
        "The US welcomed the ferry exchange on Monday. Talks with the United States had "
        "stalled in May. The U.S. said the crews were safe, and Britain and the UK "
        "government agreed."
    )
    us = _named(index, "United States")
    assert {"US", "U.S."} <= set(us.aliases)
    assert not [a for a in index.actors if a.name in ("US", "U.S.")]


def test_a_committee_a_chamber_names_speaks_as_itself() -> None:
    """ "A House panel voted Thursday to hold … in contempt": the brief showed "House"."""
    spoken = _spoken(
        "A House panel voted Thursday to hold the harbor master in contempt of Congress. "
        "The House later approved the measure. The Senate committee said it would review "
        "the case."
    )
    by_cue = {cue: name for cue, name, _ in spoken}
    assert by_cue["voted"] == "House panel"
    assert by_cue["said"] == "Senate committee"
    assert by_cue["later approved"] == "House"


def test_a_pronoun_prefers_its_sentences_subject_to_a_possessor_in_it() -> None:
    """ "Putney later told CNN that the video would not show a gun in Scott's hand, but he
    said witnesses saw a gun": the police chief said it, not the man the police shot."""
    spoken = _spoken(
        "Tomas Berg was stopped by the harbor police on Tuesday.\n\n"
        "Karl Nyman, the harbor police chief, said the footage was unclear.\n\n"
        "Nyman later told reporters that the camera did not show Berg's hands, but he said "
        "witnesses saw a knife."
    )
    assert [name for _, name, content in spoken if "witnesses saw" in content] == ["Karl Nyman"]


def test_his_family_and_his_colleagues_are_not_him() -> None:
    """ "Scott's relatives … said", "his family has called on police …": the man the police
    shot was shown saying what his family said."""
    spoken = _spoken(
        "Tomas Berg ran the harbor for a decade. His family said he was tired, and every one "
        "of his colleagues said he should stay."
    )
    speakers = [name for cue, name, _ in spoken if cue == "said"]
    assert len(speakers) == 2 and "Tomas Berg" not in speakers, speakers


def test_a_full_name_of_the_other_gender_is_not_the_surname_known_so_far() -> None:
    """ "Mr. Obama …", then "the first lady, Michelle Obama": one person, whose name and
    whose 39 mentions became Michelle Obama's, and "The president told …" hers."""
    _, index = _resolve(
        "President Berg spoke in Port Arden on Monday. Mr. Berg said the harbor would stay "
        "open. He will campaign with the first lady, Maria Berg, next week."
    )
    names_found = [a.name for a in index.actors if a.kind == "person"]
    assert "Maria Berg" in names_found and "Berg" in names_found, names_found
    assert _named(index, "Berg").role == "president"


def test_a_party_s_candidate_is_not_another_party_s() -> None:
    """ "Libertarian presidential candidate Gary Johnson's doctor …", then "the Democratic
    presidential candidate will announce plans Friday": not Johnson."""
    spoken = _spoken(
        "Libertarian presidential candidate Tomas Berg toured the harbor on Monday. The "
        "Democratic presidential candidate will announce plans for the port on Friday, her "
        "campaign said."
    )
    plans = [name for cue, name, _ in spoken if cue == "will announce"]
    assert plans and "Tomas Berg" not in plans


def test_those_close_to_him_and_his_successor_are_not_him() -> None:
    spoken = _spoken(
        "Tomas Berg ran the harbor for a decade. Those close to him say he is tired. His "
        "successor will push for new fees."
    )
    speakers = {cue: name for cue, name, _ in spoken}
    assert speakers.get("say") != "Tomas Berg" and speakers.get("will push for") != "Tomas Berg"


def test_his_in_a_trailing_reporting_clause_is_the_sentences_subject() -> None:
    """ "Michael Cohen is willing to speak with Special Counsel Robert Mueller about …, his
    lawyer said": Cohen's lawyer (NeuS val), not Mueller's."""
    _, index = _resolve(
        "Tomas Berg is willing to speak with harbor master Karl Nyman about the fees, his "
        "lawyer said on Tuesday."
    )
    assert "his" in _texts(_named(index, "Tomas Berg"))


def test_an_organizations_court_or_department_speaks_as_itself() -> None:
    """ "The European Union's top court last week ruled that …" was the European Union's."""
    spoken = _spoken(
        "The Harbor Union's top court ruled on Monday that the fees were legal. The Harbor "
        "Union said it would comply. Lumera's legal department said it would appeal."
    )
    pairs = [(cue, name) for cue, name, _ in spoken]
    assert ("ruled", "Harbor Union's top court") in pairs, pairs
    assert ("said", "Lumera's legal department") in pairs, pairs


def test_a_sentences_opening_adjective_is_no_part_of_a_name() -> None:
    """ "Key Security Council members distanced themselves …" made an actor "Key Security
    Council"."""
    _, index = _resolve(
        "Key Harbor Council members rejected the fees on Monday. The Harbor Council said it "
        "would meet again."
    )
    names_found = [a.name for a in index.actors]
    assert "Harbor Council" in names_found and not any(n.startswith("Key") for n in names_found)


def test_a_countrys_politicians_speak_as_a_group_not_as_the_country() -> None:
    """ "US politicians attacked BP when they gave evidence at Senate hearings" was the US's."""
    spoken = _spoken(
        "French politicians attacked the ferry line on Monday. Harbor regulators said the "
        "fees were legal."
    )
    by_cue = {cue: name for cue, name, _ in spoken}
    assert by_cue["attacked"] == "French politicians"
    assert by_cue["said"] == "Harbor regulators"


def test_a_lists_bullet_is_no_part_of_a_name() -> None:
    """ "- Alibaba leaders have denied …" (a bulleted list item) made an actor "- Alibaba
    leaders"."""
    assert names.clean_name("- Harbor leaders") == "Harbor leaders"
    assert names.clean_name("• Harbor Board") == "Harbor Board"
    assert names.clean_name("Coca-Cola") == "Coca-Cola"


def test_a_motive_told_by_the_writer_is_no_statement() -> None:
    """ "Fearing more deaths statewide from Covid-19, Gov. Tony Evers reissued several mask
    mandates" showed Evers saying "more deaths statewide"; a state of mind with a clause after
    it still reports what the speaker thinks."""
    spoken = _spoken(
        "Fearing more crashes on the north pier, Mayor Ana Ruiz closed it to cars on Monday. "
        "Harbor pilots, fearing that the fees would drive ferries away, wrote to the board."
    )
    assert [(cue, content) for cue, _, content in spoken] == [
        ("fearing", "that the fees would drive ferries away")
    ]


def test_a_persons_advisers_speak_not_the_person() -> None:
    """ "Advisers to Mr. Obama say …" was Obama's; a spokesman "to" someone speaks for them."""
    for opening, speaker in [
        ("Advisers to Mr. Obama say", "Advisers"),
        ("Aides to President Obama said", "Aides"),
        ("A spokesman to Mr. Obama said", "Obama"),
    ]:
        spoken = _spoken(f"The harbor board met on Monday. {opening} the fee plan would pass.")
        assert [(cue, name) for cue, name, _ in spoken] == [(opening.split()[-1], speaker)]


def test_the_company_is_no_event() -> None:
    """ "But the company says …" after "at the American Music Awards" was the awards'."""
    spoken = _spoken(
        "Harbor Lines will carry fans to the Port Arden Music Awards on Sunday. The Port Arden "
        "Music Awards expect a record crowd this year. But the company says it will not add boats."
    )
    assert [(cue, name) for cue, name, _ in spoken][-1] == ("says", "Harbor Lines")


def test_a_participle_on_where_someone_posted_is_theirs() -> None:
    """ "Taylor Swift posted on Twitter accusing Big Machine …" was Twitter's."""
    spoken = _spoken(
        "The harbor board met on Monday. On Friday, John Smith posted on Twitter accusing Harbor "
        "Lines of lying."
    )
    assert [(cue, name) for cue, name, _ in spoken] == [("accusing", "John Smith")]
    # a place that is no medium: the companies plan, not he
    spoken = _spoken(
        "Donald Trump spoke on Monday. He will turn up the heat on other companies planning to "
        "send jobs abroad."
    )
    assert ("planning", None) in [(cue, name) for cue, name, _ in spoken]


def test_according_to_a_role_and_the_name_set_off_after_it() -> None:
    """ "According to his aunt, Jane Starner, “He was brilliant …”" showed "his aunt" saying
    "Jane Starner, “He was brilliant …”"."""
    spoken = _spoken(
        "The harbor board met on Monday. According to his aunt, Jane Smith, “He was brilliant "
        "from the start.”"
    )
    assert spoken == [("According to", "Jane Smith", "He was brilliant from the start")]


def test_a_quotation_a_comma_opens_after_people_addressed_is_what_was_said() -> None:
    """ "Audience members laughed when he urged voters, “Look what I have said …”" gave
    "voters" as what Boris Johnson urged."""
    spoken = _spoken(
        "Boris Johnson spoke at the harbor on Monday. The crowd laughed when he urged voters, "
        "“Look what I have done for the harbor.”"
    )
    assert spoken[-1] == ("urged", "Boris Johnson", "Look what I have done for the harbor.")


def test_what_a_picture_shows_is_no_statement() -> None:
    """ "The president had retweeted the video early Sunday showing a parade …" showed Trump
    saying "a parade of Trump supporters"; a poll showing a finding is still a statement."""
    spoken = _spoken(
        "Donald Trump spoke on Monday. The president had retweeted the video early Sunday "
        "showing a parade of supporters in golf carts. A poll released Monday showing Smith "
        "ahead of Jones surprised the campaign."
    )
    assert [cue for cue, _, _ in spoken if cue.endswith("showing")] == ["showing"]
    assert ("showing", None, "Smith ahead of Jones") in spoken


def test_an_as_clause_with_its_own_matter_does_not_take_the_main_clause() -> None:
    """ "…, marking a 21-year high in monthly border crossings, as the Biden administration
    considers lifting Covid-19 restrictions" showed the administration saying "marking a
    21-year high"; "as she said" still reports the clause it comments on."""
    spoken = _spoken(
        "Harbor pilots stopped 300 ferries in June, marking a record for the port, as the harbor "
        "board considers lifting the night curfew. Her father grew up here, as she said."
    )
    assert not any(content.startswith("marking") for _, _, content in spoken)
    assert ("said", None, "Her father grew up here") in spoken


def test_an_organizations_name_the_model_cut_at_and_is_whole() -> None:
    """ "according to new Customs and Border Protection figures" made an actor "Customs"."""
    spoken = _spoken(
        "Harbor police made 2,000 arrests at the ferry terminals this year, according to "
        "Customs and Border Protection figures published on Friday."
    )
    assert [name for _, name, _ in spoken] == ["Customs and Border Protection"]


def test_answering_a_call_out_is_no_reply() -> None:
    """ "police officers responding to domestic disputes" showed the officers saying "domestic
    disputes"; a reply to criticism is still one."""
    spoken = _spoken(
        "The harbor board met on Monday. Firefighters responding to a call at the pier found "
        "the fire out. The mayor responded to the criticism by calling it unfair."
    )
    assert [cue for cue, _, _ in spoken] == ["responded to", "calling"]


def test_a_hyphened_arabic_surname_speaks_and_is_one_person() -> None:
    """ "President Bashar al-Assad said …" had no speaker (the parser made each word of the
    name a subject), and "Mr Assad" was another person."""
    text = (
        "President Bashar al-Assad said on Monday that the harbor talks would go on. Mr Assad "
        "later said he would not resign."
    )
    analysis = analyze(article_from_text(text, title="Harbor talks"))
    names_of = {a.id: a.name for a in analysis.actors}
    assert [(a.source, names_of.get(a.actor_id or "")) for a in analysis.attributions] == [
        ("President Bashar al-Assad", "Bashar al-Assad"),
        ("Mr Assad", "Bashar al-Assad"),
    ]


def _fragments(text: str) -> list[tuple[str, bool]]:
    """(content, fragment) of every attribution: a fragment is scored, never shown."""
    return [(a.content, a.fragment) for a in analyze(article_from_text(text)).attributions]


def test_a_work_written_is_no_statement() -> None:
    """ "Mike Ford wrote three novels" was shown as his statement; it stays an attribution
    (PolNeAR marks one), kept out of what anyone is shown saying."""
    assert _fragments(
        "The harbor board met on Monday. Ann Lee wrote three novels about the port. She wrote "
        "that the fees were unfair."
    ) == [
        ("three novels about the port", True),
        ("that the fees were unfair", False),
    ]


def test_a_persons_victims_and_their_lawyers_are_not_the_person() -> None:
    """ "Lawyers for Epstein's victims who are suing his estate will find …" was Epstein's
    (through "who", taken for him); "his accusers said" is theirs."""
    spoken = _spoken(
        "Karl Brandt died in August. Lawyers for Brandt's victims who are suing his estate will "
        "find the interview useful. His accusers said the interview was a disgrace."
    )
    assert [(cue, name) for cue, name, _ in spoken] == [
        ("will find", None),
        ("said", "Karl Brandt's accusers"),
    ]


def test_a_press_releases_dateline_is_no_part_of_what_was_said() -> None:
    """ "New York, NY – The range of native ad units … in 2017, according to analysis from
    Poynter" showed the dateline as Poynter's words, in the timeline and in Why This Matters."""
    text = (
        "Harbor Lines expects a record summer.\n\n"
        "Port Arden, ME – Ferry traffic across the bay doubled in 2023, according to analysis "
        "from the Harbor Institute."
    )
    spoken = _spoken(text)
    assert [content for cue, _, content in spoken if cue == "according to"] == [
        "Ferry traffic across the bay doubled in 2023"
    ]


def test_a_persons_family_speaks_for_itself() -> None:
    """ "Michael Jackson's three brothers have defended the decision …" and "His brothers said
    …" were Jackson's; the brothers are a group of their own when the article names whose."""
    spoken = _spoken(
        "Karl Brandt died in 2009. Karl Brandt's three brothers have defended the harbor plan. "
        "His sisters said the ferry would go ahead."
    )
    assert [name for _, name, _ in spoken] == [None, "Karl Brandt's sisters"]


def test_a_pronoun_between_two_as_near_goes_to_the_one_of_its_gender() -> None:
    """ "Taylor Swift's first six albums were released through Big Machine, which was bought
    out by a company owned by Scooter Braun. In a Tumblr post at the time she described this
    …" was Braun's: neither is the subject, and "she" had stood for Swift already. A person
    just presented with a title still speaks next."""
    spoken = _spoken(
        "Ann Lee says she will sing her old songs. Ann Lee's first albums were released by Harbor "
        "Records, which was bought by a company owned by the manager Chris Moss this year. In a "
        "post at the time she described this as the worst case."
    )
    assert [(cue, name) for cue, name, _ in spoken] == [
        ("says", "Ann Lee"),
        ("described", "Ann Lee"),
    ]


def test_what_stands_for_an_action_said_elsewhere_is_no_statement() -> None:
    """ "…, as Biden has pledged to do" showed Biden's statement as "to do"."""
    assert _fragments(
        "The harbor board met on Monday. Ann Lee wrote that the ferries would run all winter, "
        "as the mayor has pledged to do."
    ) == [
        ("that the ferries would run all winter", False),
        ("to do", True),
    ]
