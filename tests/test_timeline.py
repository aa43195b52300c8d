"""The Story So Far: ordering, merging across articles, labels at the real granularity."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from newsbrief.analyze.actors import resolve_actors
from newsbrief.analyze.nlp import parse
from newsbrief.analyze.sentences import split_sentences
from newsbrief.analyze.time import find_events, find_timexes
from newsbrief.analyze.time.points import sort_key
from newsbrief.compose.timeline import date_label, story_so_far
from newsbrief.ingest import load_input
from newsbrief.ingest.text import article_from_text
from newsbrief.models import (
    Analysis,
    Article,
    Event,
    Evidence,
    Granularity,
    TimeExpr,
    TimelineEntry,
)

MONDAY = datetime(2024, 6, 10, 18, 0)
TUESDAY = datetime(2024, 6, 11, 8, 0)

EARLIER = (
    "Pay talks between the ferry operator and its crews collapsed on Monday, union leaders said. "
    "The crews' current contract was signed in March 2019."
)
LATEST = (
    "Ferry crews walked off the job on Tuesday after pay talks with the operator collapsed the "
    "previous day.\n\n"
    "The crews' current contract was signed in March 2019. Since then, the union has staged "
    "three walkouts.\n\n"
    "Fares rose sharply in recent months, passengers said. Traffic fell in 2022.\n\n"
    "The two sides will meet again later this week, a ministry official said."
)


def analysis(text: str, published: datetime) -> Analysis:
    article = article_from_text(text, published=published)
    doc = parse(article.text)
    sentences = split_sentences(doc, article)
    actors = resolve_actors(doc, article, sentences)
    timexes = find_timexes(doc, published, sentences)
    events = find_events(doc, article, sentences, timexes, actors)
    return Analysis(
        article=article,
        sentences=tuple(sentences),
        timexes=tuple(timexes),
        events=tuple(events),
    )


@pytest.fixture(scope="module")
def earlier() -> Analysis:
    return analysis(EARLIER, MONDAY)


@pytest.fixture(scope="module")
def latest() -> Analysis:
    return analysis(LATEST, TUESDAY)


def labels(entries: tuple[TimelineEntry, ...]) -> list[str]:
    return [e.date_label for e in entries]


def test_oldest_first_and_today_last(latest: Analysis) -> None:
    entries = story_so_far([latest])
    assert labels(entries) == [
        "March 2019",
        "After March 2019",
        "2022",
        "recent months",
        "Monday 10 June 2024",
        "Tuesday 11 June 2024",
    ]
    assert [e.is_current for e in entries] == [False] * 5 + [True]
    assert entries[-1].text == "Ferry crews walked off the job"


def test_plans_are_not_part_of_the_story_so_far(latest: Analysis) -> None:
    assert not any("meet again" in e.text for e in story_so_far([latest]))


def test_entries_are_verbatim_and_linked_to_their_sentence(latest: Analysis) -> None:
    text = latest.article.text
    for entry in story_so_far([latest]):
        sentence = latest.sentences[entry.evidence.sentence_index]
        assert text[entry.evidence.start : entry.evidence.end] == entry.text
        assert entry.text in sentence.text


def test_duplicates_across_articles_are_merged(earlier: Analysis, latest: Analysis) -> None:
    entries = story_so_far([earlier, latest])
    contract = [e for e in entries if e.date == "2019-03"]
    assert len(contract) == 1
    assert contract[0].evidence.article_id == earlier.article.id  # first report kept
    collapse = [e for e in entries if e.date == "2024-06-10"]
    assert len(collapse) == 1
    current = [e for e in entries if e.is_current]
    assert len(current) == 1
    assert current[0].evidence.article_id == latest.article.id
    assert entries[-1].is_current


def test_empty_input_gives_empty_timeline() -> None:
    assert story_so_far([]) == ()


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("2019-03", "March 2019"),
        ("2024-06-11", "Tuesday 11 June 2024"),
        ("2024-06-11TMO", "Tuesday 11 June 2024, morning"),
        ("2024-06-11T15:00", "Tuesday 11 June 2024, 15:00"),
        ("2015", "2015"),
        ("2024-Q1", "Q1 2024"),
        ("2024-H2", "Second half of 2024"),
        ("2024-SU", "Summer 2024"),
        ("2024-W24", "Week of 10 June 2024"),
        ("199", "1990s"),
        ("19", "20th century"),
        ("20", "21st century"),
    ],
)
def test_date_labels_keep_the_granularity(value: str, label: str) -> None:
    assert date_label(value) == label


def test_other_news_of_today_stays_in_the_body() -> None:
    text = (
        "Ferry crews walked off the job on Tuesday. Cranes stood idle on Tuesday morning. "
        "Talks had collapsed on Monday."
    )
    entries = story_so_far([analysis(text, TUESDAY)])
    assert [e.date_label for e in entries] == ["Monday 10 June 2024", "Tuesday 11 June 2024"]
    assert entries[-1].is_current


def test_invalid_values_are_shown_as_they_are() -> None:
    assert date_label("2024-02-30") == "2024-02-30"
    assert date_label("PRESENT_REF") == "PRESENT_REF"


def test_example_articles_read_in_order(examples_dir: Path) -> None:
    paths = sorted(examples_dir.glob("*.txt"))
    if not paths:
        pytest.skip("no example articles")
    for path in paths:
        article = load_input(str(path))
        assert article.published is not None, path
        entries = story_so_far([analysis_of(article)])
        assert entries and entries[-1].is_current, path
        assert sum(e.is_current for e in entries) == 1
        published = article.published.date().isoformat()
        dated = [e for e in entries if e.date and e.date[:1].isdigit()]
        assert all(date_key(e.date) <= published for e in dated), path  # no plans
        keys = [date_key(e.date) for e in dated]
        assert keys == sorted(keys), path
        for e in entries:
            assert article.text[e.evidence.start : e.evidence.end] == e.text


def test_port_strike_example_timeline(examples_dir: Path) -> None:
    path = examples_dir / "port-strike.txt"
    if not path.exists():
        pytest.skip("port-strike example absent")
    article = load_input(str(path))
    labels = [e.date_label for e in story_so_far([analysis_of(article)])]
    if "March 2019" in article.text:
        assert "March 2019" in labels
    if "recent months" in article.text:
        assert "recent months" in labels
    assert labels.index("March 2019") < labels.index("recent months")


def date_key(value: str | None) -> str:
    return sort_key(value or "")[:10]


def analysis_of(article: Article) -> Analysis:
    doc = parse(article.text)
    sentences = split_sentences(doc, article)
    actors = resolve_actors(doc, article, sentences)
    timexes = find_timexes(doc, article.published, sentences)
    events = find_events(doc, article, sentences, timexes, actors)
    return Analysis(
        article=article, sentences=tuple(sentences), timexes=tuple(timexes), events=tuple(events)
    )


def test_periods_that_start_together_are_shown_as_they_end() -> None:
    """ "in the first quarter" and "in January" of one year both start on 1 January: the month
    ends first and comes first, the quarter next, the whole year last (before, the quarter came
    first only because its sentence did)."""
    text = (
        "The bakery chain opened its fortieth shop on Monday.\n\n"
        "Bread sales climbed 12 percent in the first quarter, the chain said. Sales fell in 2024 "
        "as a whole.\n\n"
        "The chain hired a new head baker in January."
    )
    entries = story_so_far([analysis(text, datetime(2024, 5, 20, 9, 0))])
    labels = [e.date_label for e in entries if not e.is_current]
    assert labels == ["January 2024", "Q1 2024", "2024"], labels


def test_of_two_dates_showing_one_text_the_one_it_names_stays() -> None:
    """ "The mayor's landmark 2023 visit … was followed by a trip … a month later": when the
    year and the month after December 2022 both date the same shown words and both sort to
    1 January 2023, the entry is labelled with the year the words name, not "January 2023"."""
    base = analysis(
        "The bakery chain opened its fortieth shop on Monday.\n\n"
        "The mayor's landmark 2023 visit to Kessel was welcomed by the bakers, and the governor "
        "came a month later.",
        datetime(2024, 5, 20, 9, 0),
    )
    text = base.article.text
    sent = base.sentences[1]
    shown = "The mayor's landmark 2023 visit to Kessel was welcomed by the bakers"
    start = text.index(shown)
    evidence = Evidence(
        article_id=base.article.id,
        sentence_index=sent.index,
        start=start,
        end=start + len(shown),
    )

    def dated(words: str, value: str, granularity: Granularity) -> Event:
        at = text.index(words)
        timex = TimeExpr(
            text=words,
            start=at,
            end=at + len(words),
            type="DATE",
            value=value,
            granularity=granularity,
            sentence_index=sent.index,
        )
        return Event(
            date=value,
            granularity=granularity,
            sort_key=sort_key(value),
            predicate=shown,
            timex=timex,
            evidence=evidence,
        )

    for events in (
        [dated("a month later", "2023-01", "month"), dated("2023", "2023", "year")],
        [dated("2023", "2023", "year"), dated("a month later", "2023-01", "month")],
    ):
        entries = story_so_far([base.model_copy(update={"events": tuple(events)})])
        assert [e.date_label for e in entries if e.text == shown] == ["2023"], entries


def test_a_dated_clause_whose_object_is_a_relative_pronoun_shows_its_sentence() -> None:
    """ "a finding that she reported in 2009" cut to its clause reads "she reported": what?"""
    text = (
        "The harbor board approved new ferry fees on Tuesday.\n\n"
        "He himself was shocked to find a gene called Kx12 in ferry barnacles, a finding that "
        "he reported in 2009."
    )
    (entry,) = [e for e in story_so_far([analysis(text, TUESDAY)]) if e.date_label == "2009"]
    assert entry.text.startswith("He himself was shocked to find a gene called Kx12")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ferry crews gave up on Monday.", "The ferry crews gave up"),
        (
            "On Monday the striking ferry crews finally gave in.",
            "the striking ferry crews finally gave in",
        ),
    ],
)
def test_a_phrasal_verbs_particle_ends_the_clause_with_it(sentence: str, expected: str) -> None:
    text = "The harbor board approved new fees on Tuesday. " + sentence
    entries = story_so_far([analysis(text, TUESDAY)])
    assert [e.text for e in entries if e.date_label.startswith("Monday")] == [expected]


def test_a_listings_dated_lines_are_no_events() -> None:
    """A tour's dates ("June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL") were lines of
    The Story So Far, dated last June."""
    text = (
        "The Harbor Band announced a reunion tour on Monday.\n\n"
        "The tour dates:\n\n"
        "June 9 -- Harbor Amphitheatre, Port Arden, ME\n\n"
        "June 12 -- North Pier Pavilion, Eskar, NH\n\n"
        "June 14 -- Salt River Arena, Norland, VT"
    )
    entries = story_so_far([analysis(text, TUESDAY)])
    assert [e.text for e in entries] == ["The Harbor Band announced a reunion tour"]


def test_a_clause_dated_twice_takes_its_day_over_a_month() -> None:
    """ "After a break later that month, the schedule picks up February 7th" was dated by
    "later that month"."""
    text = (
        "The harbor board approved new fees on Tuesday. The ferry strike began on June 3 and "
        "ended on June 5. After a pause later that month, talks resume on May 7 in Eskar."
    )
    entries = story_so_far([analysis(text, TUESDAY)])
    assert [e.date_label for e in entries if "talks resume" in e.text] == ["Tuesday 7 May 2024"]


def test_a_press_releases_dateline_is_no_part_of_a_line() -> None:
    text = (
        "The harbor board approved new fees on Tuesday.\n\n"
        "Port Arden, ME – Ferry traffic across the bay doubled in 2023, the board said."
    )
    (entry,) = [e for e in story_so_far([analysis(text, TUESDAY)]) if e.date_label == "2023"]
    assert entry.text.startswith("Ferry traffic across the bay doubled")


@pytest.mark.parametrize(
    ("sentence", "label", "start"),
    [
        # the date nearest the verb dates it: the call's day is the call's
        (
            "Ann Lee was arrested in April for a March 21 phone call to the harbor office.",
            "April 2024",
            "Ann Lee was arrested",
        ),
        # a content clause the parser took for a relative one still speaks for its date
        (
            "The denials came in spite of the facts that the captain stayed with the owner in "
            "his harbor villa in the early 2000s.",
            "2000s",
            "the captain stayed with the owner",
        ),
    ],
)
def test_a_clause_keeps_the_date_that_dates_it(sentence: str, label: str, start: str) -> None:
    text = "The harbor board approved new fees on Tuesday. " + sentence
    entries = [e for e in story_so_far([analysis(text, TUESDAY)]) if e.date_label == label]
    assert [e.text[: len(start)] for e in entries] == [start]
