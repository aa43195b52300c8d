"""Body sections under subheads, on articles of our own."""

from __future__ import annotations

import re

import pytest

from newsbrief.analyze import analyze
from newsbrief.compose.headings import _affiliated, _short, _surface, _title
from newsbrief.compose.subheads import body_sections
from newsbrief.compose.unshout import BodyCase, sentence_case
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Analysis
from newsbrief.settings import Settings

# Two topics: a rail strike (paragraphs 1-4) and a new tram line (paragraphs 5-8).
TRANSIT = "\n\n".join(
    (
        (
            "Train drivers in the northern region began a 48-hour strike on Monday over pay, "
            "cancelling most rail services between the port cities."
        ),
        (
            "The drivers' union said wage talks with the rail operator had collapsed after the "
            "company refused to improve its offer of a 3 percent pay rise."
        ),
        (
            "The rail operator said the union's demand for a 9 percent pay rise would force it to "
            "cut services and raise ticket prices."
        ),
        (
            "Commuters crowded onto replacement buses as the rail strike began, and the union "
            "warned that drivers would strike again next month if the operator did not improve its "
            "pay offer."
        ),
        (
            "Separately, the city council approved plans for a new tram line linking the university"
            " campus with the central station."
        ),
        (
            "The tram line will run for 11 kilometres and serve 14 stops, and the first trams are "
            "due to run in 2027."
        ),
        (
            "Construction of the tram tracks will close two main avenues to cars for most of next "
            "year, the council said."
        ),
        (
            "Shop owners along the tram route have asked for compensation for lost trade during the"
            " construction work."
        ),
    )
)


@pytest.fixture(scope="module")
def transit() -> Analysis:
    return analyze(article_from_text(TRANSIT))


def _sentence_indices(sections: tuple[object, ...]) -> list[int]:
    return [
        s.evidence.sentence_index
        for sec in sections
        for para in sec.paragraphs  # type: ignore[attr-defined]
        for s in para.sentences
    ]


def test_every_paragraph_lands_in_exactly_one_section_in_order(transit: Analysis) -> None:
    sections = body_sections(transit, Settings())
    assert 2 <= len(sections) <= 5
    assert _sentence_indices(sections) == [s.index for s in transit.sentences]
    n_paras = sum(len(sec.paragraphs) for sec in sections)
    assert n_paras == len(transit.article.paragraphs)


def test_the_cut_falls_where_the_topic_changes(transit: Analysis) -> None:
    sections = body_sections(transit, Settings())
    first_of = [sec.paragraphs[0].sentences[0].text for sec in sections]
    assert any(t.startswith("Separately, the city council") for t in first_of)


_FRAMES = {"position", "demands", "warnings", "objections", "response", "impact", "economic", "on"}


def test_headings_are_short_title_cased_phrases_from_the_text(transit: Analysis) -> None:
    text = transit.article.text.lower()
    headings = [sec.heading for sec in body_sections(transit, Settings())]
    assert len(set(headings)) == len(headings)
    for heading in headings:
        words = heading.split()
        assert 2 <= len(words) <= 5, heading
        assert words[0][0].isupper()
        for word in words:
            if word.lower() not in ("and", "of", "the", *_FRAMES):
                assert re.sub(r"['’]s?$", "", word.lower()) in text, heading
    assert any("tram" in h.lower() for h in headings)


# A flood story: the event, the farmers' side, the government's answer, the cost.
FLOOD = "\n\n".join(
    (
        "Floodwater covered large parts of the Marren delta on Sunday after the river burst its "
        "banks, forcing thousands of families from their homes.",
        "Rescue boats worked through the night and the delta's main road stayed closed on Monday.",
        '"We lost the whole harvest in one night," said Oda Kellin, who chairs the Delta Farmers '
        'Union. "Our members need help now, not in a year."',
        "Kellin said the farmers' union was demanding emergency payments for every flooded farm "
        "and new flood walls along the lower river.",
        "Agriculture Minister Piet Vander urged families to follow evacuation orders, according "
        "to the state broadcaster.",
        "Vander said the government would release 40 million euros in emergency aid this week.",
        "Traders warned that the flood would push up food prices across the economy.",
        "The delta supplies about a third of the country's vegetables, and exporters estimated "
        "losses at 5 million euros a day as a result of the closed road.",
    )
)


@pytest.fixture(scope="module")
def flood() -> Analysis:
    return analyze(article_from_text(FLOOD))


def test_headings_name_the_topic_not_a_person_or_place(flood: Analysis) -> None:
    headings = [sec.heading for sec in body_sections(flood, Settings())]
    assert len(set(headings)) == len(headings)
    people = {"oda", "kellin", "piet", "vander", "marren"}
    for heading in headings:
        assert not people & set(heading.lower().replace("'s", "").split()), heading


def test_a_side_that_holds_the_floor_heads_its_block(flood: Analysis) -> None:
    headings = [sec.heading for sec in body_sections(flood, Settings())]
    assert "Government Response" in headings, headings
    assert "Economic Impact" in headings, headings


def test_a_short_article_is_one_section() -> None:
    analysis = analyze(
        article_from_text(
            "The library reopened on Monday after a flood.\n\n"
            "Repairs to the reading room took six months and cost the city 2 million euros.\n\n"
            "The children's section will reopen next week."
        )
    )
    sections = body_sections(analysis, Settings())
    assert len(sections) == 1
    assert len(sections[0].paragraphs) == 3
    assert 1 <= len(sections[0].heading.split()) <= 5


def test_title_case_keeps_acronyms_and_lowercases_small_words() -> None:
    assert _title("cargo volumes") == "Cargo Volumes"
    assert _title("role of the EU") == "Role of the EU"
    assert _title("PORT SELANE") == "Port Selane"
    assert _title("self-driving cars") == "Self-Driving Cars"


def test_sides_are_named_shortly() -> None:
    assert _short("Republic of Halvoria") == "Halvoria"
    assert _short("Halvoria's foreign ministry") == "Halvoria"
    assert _short("Selane Dock and Harbour Workers' Union") == "Union"
    assert _short("Three companies") == "Companies"
    # a side's name is title-cased as a headline writes it, its small words left low
    assert _short("University of Halvern") == "University of Halvern"
    assert _short("Bank of Selane") == "Bank of Selane"


def test_a_party_speaks_as_its_members() -> None:
    """The Washington Post on Charlotte: "Republican, Wis.'s Position" (Paul D. Ryan, R-Wis.)
    and "Republican's Position" (Mike Pence) headed the blocks of two Republicans."""
    assert _affiliated("Republican, Wis.") == "Republicans"
    assert _affiliated("Republican") == "Republicans"
    assert _affiliated("Democrat, Calif.") == "Democrats"
    assert _affiliated("Halvoria's foreign ministry") == "Halvoria"


def test_a_heading_is_the_word_the_article_uses_not_a_longer_one() -> None:
    """NeuS (the aid bill): the topic "bill" was headed "Billion", the first word in the text
    that starts with those letters ("a $484 billion bill")."""
    analysis = analyze(
        article_from_text(
            "The governor signed a $2 billion ferry bill on Friday to keep the island routes"
            " running.\n\n"
            "The bill is the latest effort by the state to keep the ferries afloat."
        )
    )
    (section,) = body_sections(analysis, Settings())
    assert "billion" not in section.heading.lower(), section.heading
    assert _surface("bill", "a $2 billion ferry bill, and other bills") == "bill"
    assert _surface("ferry bill", "two ferry bills") == "ferry bills"
    assert _surface("child", "the children of the island") == "children"  # no other form


def test_a_measure_hyphened_onto_a_number_is_no_topic() -> None:
    """USA Today (veteran suicides): "a 46-page suicide analysis" headed its block "Page Suicide
    Analysis"; "a 9-year-old daughter" gave "Old Daughter"."""
    analysis = analyze(
        article_from_text(
            "A 46-page safety analysis released by the port authority found the ferries"
            " overcrowded.\n\nA 9-year-old passenger was hurt on the night crossing."
        )
    )
    phrases = [p for s in analysis.sentences for p in s.keyphrases]
    assert "safety analysis" in phrases, phrases
    assert not any(w in p.split() for p in phrases for w in ("page", "year", "old")), phrases


# A mayoral poll: the race, the earlier poll and the averages, then the districts and the method.
POLL = "\n\n".join(
    (
        "Mayor Ilse Brandt and her challenger Tomas Reyna are level three weeks before the Selane "
        "mayoral election, a new Harbour Tribune poll shows.",
        "Brandt has 41 percent support and Reyna 40 percent among likely voters, with 12 percent "
        "undecided. Among registered voters, Brandt leads by 2 percentage points.",
        "In the previous Harbour Tribune poll, taken in May, Brandt led by 6 percentage points. "
        "Polling averages now put the race within 1 point, and the averages have narrowed every "
        "week since the spring.",
        "Ferry fares and the harbour tunnel remain the main worries of voters in the eastern "
        "districts, where Reyna leads by 9 percentage points.",
        "The poll surveyed a random sample of 812 adults by phone from June 3 to 6. The random "
        "sample has a margin of error of plus or minus 3.5 percentage points.",
    )
)


def test_a_measure_is_no_topic() -> None:
    """Politico (a dead heat before the first debate): the blocks on the earlier poll and on the
    battleground states were headed "Percentage Points" and "Random Sample", words any poll story
    repeats, over "Polling Averages" and "Recent Polls" in the same blocks."""
    headings = [sec.heading for sec in body_sections(analyze(article_from_text(POLL)), Settings())]
    assert "Percentage Points" not in headings, headings
    assert "Random Sample" not in headings, headings
    assert "Polling Averages" in headings, headings


def test_a_bare_generic_noun_gives_way_to_a_specific_phrase() -> None:
    """NeuS (the $484 billion relief bill): the AP lead was headed "Bill", the one noun it said
    twice, over "Coronavirus Pandemic"."""
    analysis = analyze(
        article_from_text(
            "The governor on Friday signed a $2 billion bill to keep the island ferry routes"
            " running. The bill is the latest attempt by the state to help the harbour towns."
        )
    )
    (section,) = body_sections(analysis, Settings())
    assert len(section.heading.split()) >= 2, section.heading
    assert "latest" not in section.heading.lower(), section.heading


# --------------------------------------------------------------------------- capitals heads

FERRY = (
    "The harbor board of Port Arden on Tuesday approved new fees for ferry operators, "
    "which the Coastal Ferry Union said would cost its members their jobs.\n\n"
    "OPERATORS SAY FEES ARE TOO HIGH\n"
    "The largest operator, Bluewater, said it would pass the fees on to passengers. "
    "Its chief executive said the new fees were the highest on the coast.\n\n"
    "PORT ARDEN AND THE UNION WAIT FOR THE EU\n"
    "The Coastal Ferry Union said it would appeal to the EU transport commissioner. "
    "Passengers in Port Arden said they would take the bus instead.\n"
)


def test_an_articles_capitals_subheads_are_shown_in_sentence_case() -> None:
    """Words the body writes in lower case go to lower case, its names ("Port Arden",
    "Union") and acronyms ("EU") keep the body's form, the first word its capital."""
    analysis = analyze(article_from_text(FERRY))
    headings = [s.heading for s in body_sections(analysis, Settings())]
    assert headings[1:] == [
        "Operators say fees are too high",
        "Port Arden and the Union wait for the EU",
    ]


@pytest.mark.parametrize(
    ("heading", "body", "expected"),
    [
        ("U.S. TROOPS LEAVE", ["The troops left on Monday."], "U.S. troops leave"),
        ("WHAT I SAW", ["I saw the boats leave, she said."], "What I saw"),
        ("What Comes Next", ["The talks resume next week."], "What Comes Next"),
        ("THE CASE FOR NATO", ["Officials defended NATO on Monday."], "The case for NATO"),
        ("IN BRIEF:", [], "In brief:"),
    ],
)
def test_sentence_case_of_a_capitals_heading(heading: str, body: list[str], expected: str) -> None:
    assert sentence_case(heading, BodyCase(body)) == expected


ROUNDUP = (
    "Harbor Schools Roundup: Eskar Wins Twice\n\n"
    "Eskar won both of its games on Tuesday, and Port Arden lost at home.\n\n"
    "GIRLS BASKETBALL\n\n"
    "Eskar d. Port Arden 70-44\n\n"
    "Port Arden 14 11 6 15 — 44\n\n"
    "Eskar 18 22 13 17 — 70\n\n"
    "Eskar (1-0): Lee 25 points. Moss 17 points.\n\n"
    "Salt River d. Norland Bay 61-21\n\n"
    "BOYS SOCCER\n\n"
    "Eskar d. Salt River 3-1\n\n"
    "Eskar (4-0): K. Hale 1 goal. L. Park 1 goal.\n"
)


def test_subheads_in_a_row_each_head_a_section_of_their_own() -> None:
    """A section's heading over a game's result, and a result with no lines of its own, are
    kept, not folded into the heading that follows them; a row of figures is body, and the
    headline repeated above the body is no heading."""
    analysis = analyze(article_from_text(ROUNDUP, title="Harbor Schools Roundup: Eskar Wins Twice"))
    sections = body_sections(analysis, Settings())
    shown = [
        (s.heading, [" ".join(b.text for b in p.sentences) for p in s.paragraphs]) for s in sections
    ]
    assert [h for h, _ in shown][1:] == [
        "Girls basketball",
        "Eskar d. Port Arden 70-44",
        "Salt River d. Norland Bay 61-21",
        "Boys soccer",
        "Eskar d. Salt River 3-1",
    ]
    assert shown[0][1] == ["Eskar won both of its games on Tuesday, and Port Arden lost at home."]
    assert shown[1][1] == [] and shown[3][1] == [] and shown[4][1] == []
    assert shown[2][1][:2] == ["Port Arden 14 11 6 15 — 44", "Eskar 18 22 13 17 — 70"]
