"""Length in a story's Executive Summary: the summary's follows the length of what it sums up
(three headlines-and-leads get a sentence or two, a story of full articles three or four), and a
sentence that tells more ranks above a bare claim."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from test_story import REPORT_A, REPORT_B

from newsbrief.analyze import analyze, analyze_many
from newsbrief.compose import compose_story_brief
from newsbrief.compose.story.salience import _figures, _same_figure
from newsbrief.compose.story.summary import WORD_BUDGET, story_summary, word_budget
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Analysis, Article

# three outlets' leads of one story, each a sentence (as NeuS gives a story: headline and lead)
_LEADS = [
    (
        "Amid new threats to test a hydrogen bomb over the Pacific Ocean, the president said "
        "on Friday that the regime's leader would be tested like never before.",
        "Wire A",
    ),
    (
        "Japan must brace itself for a missile launched over its territory if the regime "
        "carries out its threat to test a hydrogen bomb over the Pacific Ocean, the defence "
        "minister said.",
        "Paper B",
    ),
    (
        "Experts warn of dire consequences if the regime detonates a hydrogen bomb over the "
        "Pacific Ocean.",
        "Paper C",
    ),
]

# what a full article adds after its lead
_MORE = (
    "The foreign ministry summoned the ambassador on Saturday to protest the threat. "
    "Officials in Tokyo said the coast guard had raised its alert level along the northern "
    "coast. Fishing crews were told to stay in port until further notice. The regime tested "
    "a device underground in September, its sixth such test in eleven years. Analysts said "
    "an atmospheric test would be the first anywhere since 1980. Markets in the region fell "
    "sharply on Monday as investors sought safer assets. The United Nations Security Council "
    "is expected to meet on Tuesday to discuss new sanctions against the regime. Diplomats "
    "said a draft resolution would cut oil shipments to the country by a third."
)


def _story(texts: list[tuple[str, str]]) -> list[Analysis]:
    arts = [
        Article(id=f"s{i}", text=text, outlet=outlet, published=datetime(2017, 9, 22))
        for i, (text, outlet) in enumerate(texts)
    ]
    return list(analyze_many(arts))


def test_a_story_of_three_leads_is_summed_up_in_one_sentence() -> None:
    story = _story(_LEADS)
    assert word_budget(story) < WORD_BUDGET  # a quarter of the leads' words
    items = story_summary(story)
    assert len(items) == 1, [i.text for i in items]
    assert "hydrogen bomb" in items[0].text


def test_a_story_of_full_articles_keeps_two_or_more_sentences() -> None:
    story = _story([(f"{text} {_MORE}", outlet) for text, outlet in _LEADS])
    assert word_budget(story) == WORD_BUDGET
    items = story_summary(story)
    assert 2 <= len(items) <= 4, [i.text for i in items]
    for item in items:
        a = next(x for x in story if x.article.id == item.evidence.article_id)
        assert a.article.text[item.evidence.start : item.evidence.end] == item.text


# what the two strike reports of test_story add as full articles, the later one a day later
_MORE_A = (
    "The union wants the company to pay the wages it has owed since January. Brandt said in a "
    "statement that a buyer for the plant had pulled out in February, leaving it short of cash. "
    "The plant is the largest employer in Kesselburg, a town of 30,000 people. Its furnaces were "
    "shut down safely on Sunday evening, the company said. Workers gathered outside the gates on "
    "Monday morning with banners. The regional labour office said it had offered to mediate "
    "between the two sides. Brandt last faced a strike in 2019, when workers walked out for two "
    "days over pensions."
)
_MORE_B = (
    "Three parts makers in the valley said they would cut shifts next week if the plant stays "
    "closed. The regional economy minister, Petra Lind, said the government would not bail out "
    "the company. Talks between the union and management on Tuesday ended without agreement. "
    "Brandt said it was still looking for a new buyer for the plant. Workers at the plant have "
    "not been paid since January."
)


def test_two_short_reports_are_summed_up_shorter_than_two_full_ones() -> None:
    def story(more_a: str, more_b: str) -> list[Analysis]:
        a = article_from_text(
            f"{REPORT_A} {more_a}".strip(),
            outlet="Wire A",
            published=datetime(2024, 3, 5, 9, tzinfo=UTC),
        )
        b = article_from_text(
            f"{REPORT_B} {more_b}".strip(),
            outlet="Paper B",
            published=datetime(2024, 3, 6, 9, tzinfo=UTC),
        )
        return [analyze(a), analyze(b)]

    short = compose_story_brief(story("", "")).executive_summary
    assert 2 <= len(short) <= 3, [i.text for i in short]
    assert "walked out" in short[0].text
    full = story(_MORE_A, _MORE_B)
    items = compose_story_brief(full).executive_summary
    assert len(items) > len(short)
    # newest development first: the later report's own fact leads
    assert items[0].evidence.article_id == full[1].article.id
    assert items[0].outlets == ("Paper B",)


def test_the_lead_that_tells_more_ranks_above_a_bare_claim() -> None:
    """NeuS: the record trade deficit, told by a news lead and by two columns; the column's
    "President Trump doesn't understand …" ranked first, above the lead that gives the figure,
    the year and the cause."""
    story = _story(
        [
            (
                "The U.S. trade deficit in goods hit a record in 2018, defying President Trump’s "
                "efforts to narrow the gap, as imports jumped and some exports, including "
                "soybeans and other farm products, got hammered by retaliation against U.S. "
                "trade policies.",
                "left",
            ),
            (
                "President Trump doesn’t understand that the trade deficit is not an accounts "
                "payable that the United States must settle by writing a big check. He insists "
                "money is being “taken out” of the",
                "center",
            ),
            (
                "Where’s the Valium? Mass quantities may be needed to calm the apparent media "
                "panic over Wednesday’s Commerce Department report that the U.S. trade deficit "
                "hit a record last year. Everyone can calm down, and President Trump can take a "
                "bow that his tax reform and deregulation are working as intended.",
                "right",
            ),
        ]
    )
    items = story_summary(story)
    assert items, "the story has a summary"
    assert items[0].text.startswith("The U.S. trade deficit in goods hit a record in 2018"), [
        i.text for i in items
    ]


# two outlets' leads of one fact, worded apart (their word overlap and cosine stay under the
# redundancy limits), and a third outlet with the same fact and more
_VACCINE = [
    (
        "Drugmaker Halvex said Monday an early look at data from its experimental vaccine "
        "shows it is more than 90% effective, a much better than expected result if the trend "
        "continues through the winter months. The company plans to publish the full results "
        "in a medical journal next year. Shares of the company rose sharply in early trading "
        "on the news. Independent scientists cautioned that the trial is still under way and "
        "that the interim figures could change as more volunteers fall ill. Regulators have "
        "said they will not rule on the shot before the end of the year at the earliest.",
        "Wire A",
    ),
    (
        "Halvex announced Monday that the shot it developed with partner Norvacc has proved to "
        "be more than 90% effective, and that it plans to ask regulators for permission to "
        "sell it before the end of the month. The trial enrolled 43,000 volunteers in six "
        "countries, half of whom received a placebo. The companies said no serious safety "
        "concerns had been observed so far. Health officials in several countries said they "
        "had already ordered millions of doses. Distribution will be difficult because the "
        "vaccine must be stored at very low temperatures.",
        "Paper B",
    ),
    (
        "The first results of a large vaccine trial were met with relief by doctors and "
        "officials on Monday. Hospitals in many regions are near capacity as infections climb. "
        "Officials warned that even a highly effective vaccine would not reach most people "
        "for months, and urged the public to keep wearing masks. The trial data have not yet "
        "been reviewed by outside experts. Several other vaccines are in late-stage trials and "
        "could report results within weeks.",
        "Paper C",
    ),
]


def test_one_figure_twice_is_one_fact() -> None:
    """Two outlets' leads that give the same figure ("more than 90% effective") in other words
    are one fact: the summary says it once and goes on to what else the story reports."""
    story = _story(_VACCINE)
    items = story_summary(story)
    assert len(items) >= 2
    with_figure = [i for i in items if "90%" in i.text]
    assert len(with_figure) == 1, [i.text for i in items]


# two outlets' leads of one signing: one gives the exact sum, the other a round one
_RELIEF = [
    (
        "Governor Ana Ruiz signed a $312 million flood relief package Thursday to rebuild "
        "bridges and schools damaged when the Vela River burst its banks last month. The "
        "package passed the state senate by a wide margin earlier in the week. Engineers "
        "say the two main bridges will take at least a year to replace. Farmers in the "
        "valley have asked for help with lost harvests, which the package does not cover. "
        "Opposition lawmakers said the money should have come sooner.",
        "Wire A",
    ),
    (
        "Governor Ana Ruiz signed a more than $300 million disaster aid bill into law Thursday "
        "that also sets aside money for temporary housing and for clearing debris along the "
        "valley. About 4,000 families are still living in shelters or with relatives. "
        "The state emergency agency will hand out the housing grants starting next week. "
        "Insurers have received more than 9,000 claims since the flood.",
        "Paper B",
    ),
    (
        "Residents of the Vela valley returned to damaged homes on Thursday as cleanup crews "
        "cleared roads of mud and fallen trees. Volunteers from neighboring towns handed out "
        "food and water. Power has been restored to most of the valley, the utility said. "
        "Schools will stay closed until the end of the month.",
        "Paper C",
    ),
]


def test_a_round_figure_for_an_exact_one_is_one_fact() -> None:
    """ "a nearly $300 million … bill" and "a $312 million … package", signed the same day by
    the same governor, are two outlets' words for one signing: the summary says it once."""
    items = story_summary(_story(_RELIEF))
    assert len(items) >= 2
    signed = [i.text for i in items if "signed" in i.text]
    assert len(signed) == 1, [i.text for i in items]


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("signed a nearly $500 billion bill", "signed a $484 billion bill", True),
        ("a package of roughly $1.4 trillion", "a $1.37 trillion package", True),
        ("a more than 80 percent increase", "the fee rises by 81 percent", True),
        ("More than 4.4 million filed claims", "economists had forecast 4.25 million", False),
        ("nearly $500 billion", "$520 billion", False),  # the true value lies below 500
        ("about 40%", "45%", False),  # too far apart to be one figure rounded
        ("$484 billion", "$500 billion", False),  # two exact figures: two facts
        ("its $350 billion funding capacity", "the $349 billion lending limit", True),
        ("$349 billion", "$347 billion", False),  # neither is a round number
        ("$350 billion", "$345 billion", False),  # round, but too far for no hedge
        ("nearly $500 million", "$484 billion", False),  # another scale
    ],
)
def test_a_round_figure_stands_for_an_exact_one_only_on_its_side(
    one: str, other: str, same: bool
) -> None:
    assert _same_figure(_figures(one), _figures(other)) is same
    assert _same_figure(_figures(other), _figures(one)) is same


def test_a_fact_another_outlet_gives_as_a_round_figure_is_no_exclusive() -> None:
    """Coverage's "only this outlet reported": the signing is told by two outlets, one with the
    exact sum and one with a round one, so it is neither's alone."""
    coverage = compose_story_brief(_story(_RELIEF)).coverage
    assert coverage is not None
    only = {o.outlet: [i.text for i in o.exclusive] for o in coverage.outlets}
    assert set(only) == {"Wire A", "Paper B", "Paper C"}
    assert not [t for texts in only.values() for t in texts if "signed" in t], only
    assert only["Wire A"] and only["Paper B"]  # what else each of them told
