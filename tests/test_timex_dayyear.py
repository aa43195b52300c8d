"""A day whose year is written apart from it: tokenized text ("25 June , 2009") and a year given
relative to the creation time or to the date before ("20 April of last year", "that year")."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsbrief.analyze.nlp import parse
from newsbrief.analyze.sentences import split_sentences
from newsbrief.analyze.time import find_timexes
from newsbrief.ingest.text import article_from_text
from newsbrief.models import TimeExpr

DCT = datetime(2011, 1, 20, 9, 0)


def timexes(text: str, dct: datetime = DCT) -> dict[str, TimeExpr]:
    article = article_from_text(text, published=dct)
    doc = parse(article.text)
    return {t.text: t for t in find_timexes(doc, dct, split_sentences(doc, article))}


# sentence -> (extent, value) of its one day
WRITTEN_APART = {
    # tokenized corpora put a space before the comma; the year still belongs to the day
    "Jackson died in Los Angeles on 25 June , 2009 .": ("25 June , 2009", "2009-06-25"),
    "The rig exploded on April 20 , 2010 .": ("April 20 , 2010", "2010-04-20"),
    "The rig exploded on April 20, 2010.": ("April 20, 2010", "2010-04-20"),
    "On April 20 of last year, the rig exploded.": ("April 20 of last year", "2010-04-20"),
    "Jackson died at his home on 25 June last year.": ("25 June last year", "2010-06-25"),
    "The plant reopens on 3 March next year.": ("3 March next year", "2012-03-03"),
}


@pytest.mark.parametrize("sentence", sorted(WRITTEN_APART))
def test_the_year_written_apart_from_the_day(sentence: str) -> None:
    extent, value = WRITTEN_APART[sentence]
    got = timexes(sentence)
    assert extent in got, sorted(got)
    assert (got[extent].value, got[extent].granularity) == (value, "day")


def test_that_year_takes_the_year_of_the_date_before() -> None:
    got = timexes("The trial opened in 2009. The singer had died on 25 June that year.")
    assert got["25 June that year"].value == "2009-06-25"
    assert got["25 June that year"].anchor == "previous"


def test_a_relative_year_is_not_a_date_written_out() -> None:
    # the timeline's "sources differ on the date" only compares dates each source wrote out
    got = timexes("On April 20 of last year, the rig exploded. It sank on April 22, 2010.")
    assert got["April 20 of last year"].anchor == "document"
    assert got["April 22, 2010"].anchor == "absolute"


def test_a_number_after_the_comma_is_no_year_unless_it_reads_as_one() -> None:
    got = timexes("On June 5, 12,000 people marched in the capital.")
    assert got["June 5"].value == "2010-06-05"


def test_may_after_a_day_number_is_the_month() -> None:
    may = datetime(2010, 6, 15)
    assert timexes("Carcasses found since 2 May have been sent for testing.", may)[
        "2 May"
    ].value == ("2010-05-02")
    assert timexes("2 MAY : BP starts drilling the first relief well.", may)["2 MAY"].value == (
        "2010-05-02"
    )
    assert "2 may" not in timexes("Officials said 2 may be enough.", may)
