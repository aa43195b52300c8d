"""The Executive Summary of a story reads as a neutral roundup: no cut quotations, sentences that
stand alone, no columnist's voice, and a claim keeps the party it is attributed to."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsbrief.analyze import analyze_many
from newsbrief.compose.story.form import claim, cut_off, quote_fragment, summary_penalty
from newsbrief.compose.story.salience import offer_sentences
from newsbrief.compose.story.summary import story_summary
from newsbrief.models import Analysis, Article

# (sentence, whether it is a piece of a quotation the sentence split cut)
_QUOTATIONS = [
    ("“We at the Supreme Court have lost a cherished colleague.", True),
    ("'Most of the masks you get over the counter don’t work.", True),
    ("They don’t prevent infection,' Paul of Kentucky said in the video.", True),
    ('Yes, I can win."', True),
    ("The United States' top general told the military there had been no change yet.", False),
    ("Salas' husband, a defense lawyer, answered the door.", False),
    ("“We have no rules,” said David Schoen, one of the lawyers representing Trump.", False),
    ('Trump tweeted that the leader would be "tested like never before."', False),
]


@pytest.mark.parametrize(("text", "cut"), _QUOTATIONS)
def test_a_quotation_cut_by_the_sentence_split_is_a_fragment(text: str, cut: bool) -> None:
    assert quote_fragment(text) is cut


def test_a_sentence_that_needs_the_one_before_or_speaks_as_a_columnist_ranks_lower() -> None:
    plain = summary_penalty("The supporters chanted outside the rally in Tulsa on Saturday.")
    assert plain == 0.0
    assert summary_penalty("They're the supporters who chanted outside the rally.") > plain
    assert summary_penalty("That goes against what the administration has signalled.") > plain
    assert summary_penalty("Think about it this way: a vote against is a vote for delay.") > plain
    assert summary_penalty("The deal is obviously a win for the governor and his allies.") > plain
    # the columnist's words inside a quotation are the speaker's, not the item's voice
    assert summary_penalty('The governor called the deal "obviously a win" on Monday.') == plain


def test_a_claim_is_a_forecast_a_possibility_or_an_obligation() -> None:
    assert claim("The Senate may vote on the bill as soon as Wednesday")
    assert claim("Japan must brace itself for the possible launch of a missile")
    assert claim("Rising interest rates will push interest payments to record levels")
    assert not claim("The Senate passed the bill on Wednesday")
    assert not claim('The senator said the plan "will fail" and walked out')


def _story(texts: list[tuple[str, str]]) -> list[Analysis]:
    arts = [
        Article(id=f"s{i}", text=text, outlet=outlet, published=datetime(2024, 3, 11))
        for i, (text, outlet) in enumerate(texts)
    ]
    return list(analyze_many(arts))


@pytest.fixture(scope="module")
def senate() -> list[Analysis]:
    return _story(
        [
            (
                "The Senate may vote on the flood relief bill as soon as Wednesday, Majority "
                "Leader Dana Keller said. The bill would send $4 billion to the river valley "
                "towns hit by the March floods.",
                "Wire A",
            ),
            (
                "“We will not leave the valley behind. The flood relief bill sends $4 billion "
                "to the towns,” Keller told reporters. The Senate passed a first relief bill for "
                "the river valley towns in April, officials said.",
                "Paper B",
            ),
            (
                "The river valley towns hit by the March floods are waiting for the $4 billion "
                "flood relief bill, which the Senate may vote on as soon as Wednesday, aides said. "
                "Repairs to the valley's bridges have not begun.",
                "Paper C",
            ),
        ]
    )


def test_a_cut_quotation_is_never_offered(senate: list[Analysis]) -> None:
    offers, _ = offer_sentences(senate)
    shown = [senate[o.article].article.text[o.cand.start : o.cand.end] for o in offers]
    assert shown, "the story offers candidates"
    assert not any(t.startswith("“We will not leave") for t in shown), shown
    assert not any(quote_fragment(t) for t in shown), shown


def test_a_claim_keeps_its_attribution_a_fact_may_drop_it(senate: list[Analysis]) -> None:
    offers, _ = offer_sentences(senate)
    shown = [senate[o.article].article.text[o.cand.start : o.cand.end] for o in offers]
    forecast = [t for t in shown if t.startswith("The Senate may vote")]
    assert forecast == [
        "The Senate may vote on the flood relief bill as soon as Wednesday, Majority Leader "
        "Dana Keller said."
    ]
    fact = [t for t in shown if t.startswith("The Senate passed")]
    assert fact == ["The Senate passed a first relief bill for the river valley towns in April"]
    for item in story_summary(senate):
        a = next(x for x in senate if x.article.id == item.evidence.article_id)
        assert a.article.text[item.evidence.start : item.evidence.end] == item.text
        if claim(item.text):
            sentence = a.sentences[item.evidence.sentence_index]
            assert item.evidence.end == sentence.end, item.text


# (sentence, whether the source cut it off)
_CUT_OFF = [
    ("The policy was seen as progressive and inclusionary, but it is now", True),
    ("Booker hit a new low Thursday, with an utterly pathetic fit of oh-so-dramatic . . .", True),
    ("The arrest has thrust the case into the debate on immigration policy, with", True),
    ("It appears to be yet another example of America’s dangerous and", True),
    ("Researchers created viruses that grew faster than the virus they were based on", False),
    ("At least one officer was hospitalized after two explosions on Thursday morning", False),
    ("It was bad, but it is better now.", False),
]


@pytest.mark.parametrize(("text", "cut"), _CUT_OFF)
def test_a_sentence_the_source_cut_off_is_told_apart(text: str, cut: bool) -> None:
    assert cut_off(text) is cut


def test_a_cut_off_sentence_keeps_its_first_clause_or_is_not_offered() -> None:
    """NeuS: "The policy was seen as progressive and inclusionary, but it is now" and "… into
    the debate on immigration policy, with" as Executive Summary items (the sources' leads end
    there)."""
    story = _story(
        [
            (
                "The State Department reversed its visa policy for the partners of diplomats "
                "on Monday. The policy was seen as progressive and inclusionary, but it is now",
                "Wire A",
            ),
            (
                "The State Department changed the visa policy for diplomats' partners this week, "
                "officials said. Partners who are not married will have to leave the country, "
                "with",
                "Paper B",
            ),
        ]
    )
    offers, _ = offer_sentences(story)
    shown = [story[o.article].article.text[o.cand.start : o.cand.end] for o in offers]
    assert "The policy was seen as progressive and inclusionary" in shown, shown
    assert not any(cut_off(t) for t in shown), shown
