"""Events: dated clauses of a short article of our own, today's development, background."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsbrief.analyze.actors import resolve_actors
from newsbrief.analyze.nlp import parse
from newsbrief.analyze.sentences import split_sentences
from newsbrief.analyze.time import find_events, find_timexes
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Article, Event

DCT = datetime(2024, 6, 11, 8, 0)  # a Tuesday

STORY = (
    "PORT ARDEN - Ferry crews walked off the job on Tuesday after pay talks with the operator "
    "collapsed the previous day.\n\n"
    "The crews' current contract was signed in March 2019. Since then, the union has staged "
    "three walkouts.\n\n"
    "Fares rose sharply in recent months, passengers said.\n\n"
    "The two sides will meet again later this week, a ministry official said."
)


def events_of(text: str, dct: datetime | None = DCT) -> tuple[Article, list[Event]]:
    article = article_from_text(text, published=dct)
    doc = parse(article.text)
    sentences = split_sentences(doc, article)
    actors = resolve_actors(doc, article, sentences)
    timexes = find_timexes(doc, dct, sentences)
    return article, find_events(doc, article, sentences, timexes, actors)


@pytest.fixture(scope="module")
def story() -> tuple[Article, list[Event]]:
    return events_of(STORY)


def by_date(events: list[Event]) -> dict[str | None, Event]:
    return {e.date: e for e in events}


def test_each_dated_clause_becomes_an_event(story: tuple[Article, list[Event]]) -> None:
    _, events = story
    dated = by_date(events)
    assert dated["2024-06-11"].predicate == "Ferry crews walked off the job"
    assert dated["2024-06-10"].predicate == "pay talks with the operator collapsed"
    assert "contract was signed" in dated["2019-03"].predicate
    assert dated["2019-03"].granularity == "month"
    assert dated["2019-03"].sort_key == "2019-03-01"


def test_today_development_is_the_lead_event_on_the_dct(story: tuple[Article, list[Event]]) -> None:
    _, events = story
    current = [e for e in events if e.is_current]
    assert len(current) == 1
    assert current[0].date == "2024-06-11"
    assert current[0].evidence.sentence_index == 0


def test_predicates_are_verbatim_with_evidence(story: tuple[Article, list[Event]]) -> None:
    article, events = story
    for e in events:
        assert article.text[e.evidence.start : e.evidence.end] == e.predicate
        assert e.evidence.article_id == article.id


def test_fuzzy_past_and_future_plans(story: tuple[Article, list[Event]]) -> None:
    _, events = story
    recent = next(e for e in events if e.timex is not None and e.timex.text == "recent months")
    assert (recent.date, recent.granularity) == ("PAST_REF", "fuzzy")
    assert "2024-03" < recent.sort_key < "2024-06-11"  # a couple of months before the DCT
    plan = next(e for e in events if e.timex is not None and e.timex.text == "later this week")
    assert plan.date == "2024-W24"
    assert plan.sort_key > "2024-06-11"  # a plan sorts after today


def test_undated_background_follows_the_preceding_anchor(
    story: tuple[Article, list[Event]],
) -> None:
    _, events = story
    since = next(e for e in events if e.predicate.startswith("Since then"))
    assert since.date is None
    assert since.sort_key == "2019-03-01~after"


def test_background_without_anchor_stays_undated() -> None:
    _, events = events_of("Since then, the union has staged three walkouts.")
    since = next(e for e in events if e.predicate.startswith("Since then"))
    assert (since.date, since.sort_key) == (None, "")


def test_an_undated_lead_still_yields_today_development() -> None:
    _, events = events_of("Ferry crews walked off the job at the main harbour. Passengers waited.")
    (current,) = [e for e in events if e.is_current]
    assert current.date == "2024-06-11"
    assert current.predicate.startswith("Ferry crews walked off the job")


@pytest.mark.parametrize(
    "lead",
    [
        # a past change of a group quantified without a number, after an "After …" phrase
        "After the flood at Port Arden, many ferry workers became outspoken critics of the "
        "operator.",
        # an evaluation ("it" with an adjective) over a "these days" period, then the reader
        "It's hard out there for a ferry captain these days -- you can't sail an hour late "
        "and still keep your licence.",
        # habitual present
        "Ferry crews usually work twelve-hour shifts on the busiest crossings.",
        # "it" standing for the clause a noun judges
        "It is no secret that the ferry operator has struggled to hire captains.",
        # a trend: a change still going on
        "As more travellers return to the ferries, the question of fares is becoming "
        "increasingly urgent.",
        "The harbor board's fee war is rapidly becoming a farce.",
        # a thought told as a scene: a feature's anecdote
        "When the marine biologist Ana Ruiz looked inside the hull of the old ferry, she "
        "thought she was seeing things.",
    ],
)
def test_a_background_or_opinion_lead_is_no_development_of_the_day(lead: str) -> None:
    _, events = events_of(lead + " The operator declined to comment.")
    assert not any(e.is_current or e.date == "2024-06-11" for e in events), events


@pytest.mark.parametrize(
    "lead",
    [
        "Police arrested two men after a brawl at the ferry terminal.",
        "The harbour council has withdrawn its plan for a second pier.",
        "It is official -- the harbour council has approved the second pier.",
        "Five people are dead after a ferry capsized off the coast.",
        "It was the biggest drop in ferry traffic that the port had ever seen.",
        "Officials say the ferry will resume service with a smaller crew.",
        "Port officials believed the missing ferry had sunk in the storm.",
        "Calls are growing for the harbor master to resign over the ferry fees.",
    ],
)
def test_an_undated_news_lead_is_the_development_of_the_day(lead: str) -> None:
    _, events = events_of(lead + " The operator declined to comment.")
    (current,) = [e for e in events if e.is_current]
    assert current.date == "2024-06-11"
    assert current.evidence.sentence_index == 0


@pytest.mark.parametrize(
    ("dct", "current"),
    [
        (datetime(2024, 6, 12, 8, 0), False),  # the Wednesday after: Friday is last week's news
        (datetime(2024, 6, 8, 8, 0), True),  # the Saturday after: Friday's news is today's
    ],
)
def test_a_lead_whose_frame_names_a_day_is_that_days_news(dct: datetime, current: bool) -> None:
    _, events = events_of(
        "Ferry crews can safely sail with half their usual staff as long as they wear vests "
        "but should be kept off the upper decks at harbour dances, festivals, markets or choir "
        "practice, the Office for Maritime Safety and Inspection said Friday in easing its "
        "rules. Operators welcomed the change.",
        dct=dct,
    )
    (lead,) = [e for e in events if e.evidence.sentence_index == 0]
    assert lead.date == "2024-06-07"
    assert lead.predicate.startswith("Ferry crews can safely sail")
    assert lead.is_current is current


def test_no_dct_no_current_event() -> None:
    _, events = events_of("Ferry crews walked off the job in March 2019.", dct=None)
    assert [e.date for e in events] == ["2019-03"]
    assert not any(e.is_current for e in events)


def test_comparisons_are_not_events() -> None:
    _, events = events_of("Profit rose to $5 million from $3 million a year earlier.")
    assert all(e.timex is None or "earlier" not in e.timex.text for e in events)


def test_deadlines_in_the_current_period_are_plans() -> None:
    _, events = events_of("The company said it would cut 500 jobs by the end of the year.")
    (plan,) = [e for e in events if e.date == "2024"]
    assert plan.sort_key > "2024-06-11"


def test_a_date_after_following_dates_its_noun_not_the_sentence() -> None:
    """NeuS (the aid bill): "Trump on Friday signed … a measure …, following the House's
    approval of the legislation on Thursday" made a Thursday line of the Friday signing."""
    _, events = events_of(
        "The governor on Friday signed the ferry funding bill into law, following the"
        " assembly's approval of the legislation on Thursday and the senate's vote on Monday."
    )
    signed = [e for e in events if "signed" in e.predicate]
    assert signed, events
    assert {e.date for e in signed} == {"2024-06-07"}, [(e.date, e.predicate) for e in events]


def test_a_date_after_following_stays_when_the_sentence_has_no_other() -> None:
    _, events = events_of(
        "The mayor was taken to hospital following her collapse at the harbor ceremony on Sunday."
    )
    assert [e.date for e in events if "taken to hospital" in e.predicate] == ["2024-06-09"]


# a court story of our own: a March ruling that recalls the election it is about
COURT = (
    "The state supreme court on Monday rejected an appeal from the governor's party over a lower "
    "court ruling on absentee ballots. The court's decision is the latest sign that the judges "
    "have no appetite for disputes about the 2022 election results. The judges turned away "
    "appeals by the party and several county clerks of a ruling by the appeals court ordering "
    "officials to count absentee ballots that were postmarked by Election Day and arrived within "
    "a week."
)
COURT_DCT = datetime(2023, 3, 7, 12, 0)  # a Tuesday; Election Day was 8 November 2022


def test_a_year_naming_what_a_phrase_is_about_dates_no_event() -> None:
    """ "disputes about the 2022 election results": the year names the topic; the decision the
    sentence tells was not made in 2022 (it was shown on a line dated just "2022")."""
    _, events = events_of(COURT, COURT_DCT)
    assert not [e for e in events if e.date == "2022"], [e.predicate for e in events]
    _, kept = events_of("The mayor lost his seat in the 2019 election after a bitter race.")
    assert [e.date for e in kept] == ["2019"]  # a contest as the setting still dates it


def test_a_date_cut_out_of_the_line_does_not_date_the_line() -> None:
    """The sentence cut to length ("The judges turned away appeals … by the appeals court") left
    out "postmarked by Election Day": the March decision was shown on Election Day."""
    _, events = events_of(COURT, COURT_DCT)
    assert not [e for e in events if e.date == "2022-11-08"], [e.predicate for e in events]
    assert [e.date for e in events if e.is_current] == ["2023-03-06"]
    # a line cut from the dated clause itself keeps its date
    _, vote = events_of(
        "With the mayor casting the deciding vote, the city council voted late Tuesday night to "
        "repeal a parking rule issued by the transport office that would let wardens tow cars "
        "without notice from any street in the old town.",
        datetime(2023, 3, 8, 12, 0),
    )
    assert [e.date[:10] for e in vote if e.date] == ["2023-03-07"]


def test_what_a_condition_supposes_is_no_event() -> None:
    """ "allowed ballots to be counted even if they arrived three days after Election Day": the
    ballots' arrival is supposed, not reported (it was a line "even if they arrived three
    days" on Election Day)."""
    _, events = events_of(
        "Judge Maria Alvarez issued a sharp dissent Monday in response to the court's refusal to "
        "hear a challenge to a county ruling that allowed ballots to be counted even if they "
        "arrived three days after Election Day.",
        datetime(2023, 3, 8, 12, 0),
    )
    assert [e.date for e in events] == ["2023-03-06"], [e.predicate for e in events]


def test_a_reporting_frame_alone_is_no_event() -> None:
    """ "…, the Courier reported Monday, citing two aides": with the report cut away (it has its
    own date), who reported and whom they cited tell nothing that happened."""
    text = (
        "Doctors believe the senator recently had knee surgery, the Courier reported Monday, "
        "citing two aides. The senator has not appeared in public for a week."
    )
    _, events = events_of(text)
    for e in events:
        if e.date == "2024-06-10":
            assert "surgery" in e.predicate, e.predicate


def test_a_deadline_dates_the_deadline_not_the_clause() -> None:
    """ "With a Sept. 30 deadline looming, hundreds of families stayed …": Sept. 30 is when the
    deadline falls; the families staying is not an event of that day."""
    text = (
        "The river camp opened in January. With a Sept. 30 deadline looming, hundreds of "
        "families stayed in the camp."
    )
    _, events = events_of(text, datetime(2024, 10, 2, 12))
    assert not [e for e in events if e.date == "2024-09-30"]


def test_a_vote_the_council_is_on_track_to_hold_is_a_plan() -> None:
    """ "is on track to vote this week": the vote is expected, so it sorts after the creation
    time (a plan, not part of the story so far)."""
    text = "The harbour council is on track to vote this week on the new ferry budget."
    _, events = events_of(text)
    week = [e for e in events if e.date == "2024-W24"]
    assert week and all(e.sort_key > DCT.date().isoformat() for e in week)


def test_a_long_clause_is_not_cut_after_a_pronoun_that_needs_what_follows() -> None:
    _, events = events_of(
        "Housing report\n\nYet, a 2019 study by Halden College and the University of Norland at"
        " Eastbridge found that poor children in Dunmore have the worst odds of those in any big"
        " city in the nation to lift themselves out of poverty.\n\nA 2019 survey by the state"
        " housing office and the University of Norland found that renters in Dunmore pay more"
        " each month than those in any other city of its size in the region for the same flat."
    )
    lines = [e.predicate for e in events]
    assert len(lines) == 2, lines
    assert not any(line.endswith(("of those", "than those")) for line in lines), lines
    assert lines[0].endswith("of those in any big city in the nation"), lines


@pytest.mark.parametrize(
    ("text", "not_dated"),
    [
        (
            "The harbor board met on Tuesday. The band played a new version of the title track "
            "of its 1976 album for the board.",
            "1976",
        ),
        (
            "The harbor board met on Tuesday. Its report listed the costs of 1998's flood "
            "defences and of 2004's pier.",
            "1998",
        ),
    ],
)
def test_the_year_a_thing_was_made_does_not_date_the_clause(text: str, not_dated: str) -> None:
    """ "McDonald came out during the encore for a surprise version of …, the title track of
    their 1976 album": the story timeline dated the encore 1976."""
    _, events = events_of(text)
    dates = {e.date for e in events}
    assert not_dated not in dates, [(e.date, e.predicate) for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "Her 1998 campaign for the harbor board ended in defeat.",
        "The harbor was rebuilt during the 1998 flood season.",
    ],
)
def test_a_year_that_dates_its_clause_still_does(text: str) -> None:
    _, events = events_of(text)
    assert "1998" in {e.date for e in events}, [(e.date, e.predicate) for e in events]
