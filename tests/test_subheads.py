"""Body sections under subheads, on articles of our own."""

from __future__ import annotations

import re

import pytest

from newsbrief.analyze import analyze
from newsbrief.compose.subheads import _title, body_sections
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


def test_headings_are_short_title_cased_phrases_from_the_text(transit: Analysis) -> None:
    text = transit.article.text.lower()
    headings = [sec.heading for sec in body_sections(transit, Settings())]
    assert len(set(headings)) == len(headings)
    for heading in headings:
        words = heading.split()
        assert 2 <= len(words) <= 5, heading
        assert words[0][0].isupper()
        for word in words:
            if word.lower() not in ("and", "of", "the"):
                assert re.sub(r"['’]s$", "", word.lower()) in text, heading
    assert any("tram" in h.lower() for h in headings)


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
