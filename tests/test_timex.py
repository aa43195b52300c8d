"""Time expressions on sentences of our own: extents, types and TimeML values."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsbrief.analyze.nlp import parse
from newsbrief.analyze.sentences import split_sentences
from newsbrief.analyze.time import find_timexes
from newsbrief.ingest.text import article_from_text
from newsbrief.models import TimeExpr

# Tuesday 11 June 2024
DCT = datetime(2024, 6, 11, 9, 30)


def timexes(text: str, dct: datetime | None = DCT) -> list[TimeExpr]:
    article = article_from_text(text, published=dct)
    doc = parse(article.text)
    return find_timexes(doc, dct, split_sentences(doc, article))


def found(text: str, dct: datetime | None = DCT) -> dict[str, tuple[str, str]]:
    """Extent text -> (type, value)."""
    return {t.text: (t.type, t.value) for t in timexes(text, dct)}


# (sentence, extent, type, value), creation time DCT
EXPRESSIONS = [
    # absolute dates
    ("The deal was signed in March 2019.", "March 2019", "DATE", "2019-03"),
    ("The law took effect on June 11, 2024.", "June 11, 2024", "DATE", "2024-06-11"),
    ("The law took effect on 11 June 2024.", "11 June 2024", "DATE", "2024-06-11"),
    ("Output peaked in 1998.", "1998", "DATE", "1998"),
    ("Inflation was high in the 1990s.", "the 1990s", "DATE", "199"),
    ("Inflation was high in the 1990's.", "the 1990's", "DATE", "199"),
    # a year's (straight apostrophe): was read as a decade word, and nothing was found
    ("He lost 2017's Senate election.", "2017", "DATE", "2017"),
    ("He lost 2017’s Senate election.", "2017", "DATE", "2017"),
    ("The treaty dates from the 20th century.", "the 20th century", "DATE", "19"),
    ("Sales rose in the first quarter.", "the first quarter", "DATE", "2024-Q1"),
    (
        "The plant will open in the second half of 2025.",
        "the second half of 2025",
        "DATE",
        "2025-H2",
    ),
    ("The port will close on Christmas Day.", "Christmas Day", "DATE", "2024-12-25"),
    # relative to the creation time
    ("Prices rose sharply last year.", "last year", "DATE", "2023"),
    ("The minister resigned last month.", "last month", "DATE", "2024-05"),
    ("The company will report results next year.", "next year", "DATE", "2025"),
    ("The unions met yesterday.", "yesterday", "DATE", "2024-06-10"),
    ("The board meets tomorrow.", "tomorrow", "DATE", "2024-06-12"),
    ("The talks resume later this week.", "later this week", "DATE", "2024-W24"),
    ("The firm was founded three years ago.", "three years ago", "DATE", "2021"),
    ("Sales fell earlier this year.", "earlier this year", "DATE", "2024"),
    ("Shares rose this summer.", "this summer", "DATE", "2024-SU"),
    # durations
    ("Cargo volumes have been falling in recent months.", "recent months", "DURATION", "PXM"),
    ("The strike lasted for three weeks.", "three weeks", "DURATION", "P3W"),
    ("They agreed a two-year contract.", "two-year", "DURATION", "P2Y"),
    ("The meeting ran for two hours.", "two hours", "DURATION", "PT2H"),
    ("Costs have risen in the past two years.", "the past two years", "DURATION", "P2Y"),
    ("The talks lasted 5 1/2 hours.", "5 1/2 hours", "DURATION", "PT5H30M"),
    # fuzzy references
    ("The market is calm now.", "now", "DATE", "PRESENT_REF"),
    ("The plant currently employs 900 people.", "currently", "DATE", "PRESENT_REF"),
    ("The union recently staged a walkout.", "recently", "DATE", "PAST_REF"),
    ("Ties may improve in the near future.", "the near future", "DATE", "FUTURE_REF"),
]


@pytest.mark.parametrize(
    ("sentence", "extent", "type_", "value"),
    EXPRESSIONS,
    ids=[extent for _, extent, _, _ in EXPRESSIONS],
)
def test_time_expression_type_and_value(sentence: str, extent: str, type_: str, value: str) -> None:
    assert found(sentence)[extent] == (type_, value)


def test_weekday_follows_the_tense_of_its_clause() -> None:
    # a Wednesday story: "on Tuesday he said" is the day before; "will meet on Tuesday" is next
    wednesday = datetime(2024, 6, 12)
    assert found("On Tuesday he said the strike would go on.", wednesday)["Tuesday"][1] == (
        "2024-06-11"
    )
    assert found("The two sides will meet on Tuesday.", wednesday)["Tuesday"][1] == "2024-06-18"
    assert found("The committee meets on Friday.", wednesday)["Friday"][1] == "2024-06-14"


def test_a_day_that_will_come_is_not_months_gone() -> None:
    """Written in November: a band "will play" a hometown show on Sept. 12 next September, not
    the one two months gone; a day just past still reads as this year's, and the past tense
    looks back."""
    november = datetime(2019, 11, 19, 12)
    assert found("The band will play the harbor stage on Sept. 12.", november)["Sept. 12"][1] == (
        "2020-09-12"
    )
    assert found("The band will play the harbor stage on Nov. 2.", november)["Nov. 2"][1] == (
        "2019-11-02"
    )
    assert found("The band played the harbor stage on Sept. 12.", november)["Sept. 12"][1] == (
        "2019-09-12"
    )


def test_a_scheduled_event_of_a_weekday_in_a_clause_about_the_future_is_still_to_come() -> None:
    """Politico, on a Sunday: "voters expect Clinton to win Monday's debate" is the next day;
    "Monday's debate" lost, or "Wednesday's ruling" to be appealed, are past."""
    sunday = datetime(2016, 9, 25, 12)
    assert found("Voters expect Clinton to win Monday's debate.", sunday)["Monday"][1] == (
        "2016-09-26"
    )
    assert found("Clinton will attend Friday's summit.", sunday)["Friday"][1] == "2016-09-30"
    assert found("Trump lost Monday's debate.", sunday)["Monday"][1] == "2016-09-19"
    assert found("Wednesday's ruling will be appealed.", sunday)["Wednesday"][1] == "2016-09-21"


def test_a_date_said_to_be_coming_is_ahead_whatever_the_tense_of_its_clause() -> None:
    """Written on 2 March: a deadline "looming" on Sept. 30 is the coming one, not last year's,
    though the clause around it is in the past tense; so is an "upcoming" vote."""
    march = datetime(2024, 3, 2, 12)
    text = "With a Sept. 30 deadline looming, hundreds of families stayed in the river camp."
    assert found(text, march)["Sept. 30"][1] == "2024-09-30"
    text = "Residents were angry ahead of the upcoming Sept. 30 vote on the harbour plan."
    assert found(text, march)["Sept. 30"][1] == "2024-09-30"
    # without the cue the past tense still looks back
    assert found("Hundreds of families stayed in the camp on Sept. 30.", march)["Sept. 30"][1] == (
        "2023-09-30"
    )


def test_weekday_extent_leaves_the_preposition_out() -> None:
    (t,) = timexes("Dockworkers walked off the job on Tuesday.")
    assert (t.text, t.value, t.granularity) == ("Tuesday", "2024-06-11", "day")


def test_anaphora_anchor_on_the_last_mentioned_date() -> None:
    text = (
        "The deal was signed on March 4, 2019. Talks had collapsed the previous day. "
        "A week later, workers voted on it. Prices rose that month. "
        "The agreement expired the following year."
    )
    got = found(text)
    assert got["March 4, 2019"] == ("DATE", "2019-03-04")
    assert got["the previous day"] == ("DATE", "2019-03-03")
    assert got["A week later"][1] == "2019-W10"  # a week after Sunday 3 March
    assert got["that month"] == ("DATE", "2019-03")
    assert got["the following year"] == ("DATE", "2020")
    anchors = {t.text: t.anchor for t in timexes(text)}
    assert anchors["the previous day"] == "previous"
    assert anchors["March 4, 2019"] == "absolute"


def test_sets() -> None:
    got = found("Ferries sail every Tuesday and the bulletin appears daily.")
    assert got["every Tuesday"] == ("SET", "XXXX-WXX-2")
    assert got["daily"] == ("SET", "P1D")


def test_clock_times() -> None:
    got = found("The blast happened at 3 p.m. on Tuesday, and the ministry spoke at noon.")
    assert got["3 p.m."] == ("TIME", "2024-06-11T15:00")
    assert got["noon"][0] == "TIME"


def test_without_a_creation_time_nothing_is_guessed() -> None:
    got = found("The deal was signed in March 2019 and talks resumed last week.", dct=None)
    assert got["March 2019"] == ("DATE", "2019-03")
    assert got["last week"] == ("DATE", "XXXX-WXX")
    holiday = found("The port closes on Christmas Day.", dct=None)
    assert holiday["Christmas Day"] == ("DATE", "XXXX-12-25")


def test_words_that_only_look_like_dates_are_left_alone() -> None:
    assert found("You may leave. Protesters joined the March for Life.") == {}
    assert found("The company sold 1,500 cars to 2000 customers, he said.") == {}
    assert found("She is 52 years old.") == {}


def test_offsets_and_sentences_index_the_article() -> None:
    text = "The strike began on Monday.\n\nIt was the first since 1998."
    article = article_from_text(text, published=DCT)
    doc = parse(article.text)
    for t in find_timexes(doc, DCT, split_sentences(doc, article)):
        assert article.text[t.start : t.end] == t.text
    indices = {
        t.text: t.sentence_index for t in find_timexes(doc, DCT, split_sentences(doc, article))
    }
    assert indices == {"Monday": 0, "1998": 1}
