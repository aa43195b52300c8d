"""The parser-free splitter (analyze/light.py) does not end a sentence inside an abbreviation.

Rule under test: a title ("Gov.", "Sen.", "Dr.") never ends a sentence; a month abbreviation or
"No." ends none before a number ("Jan. 6", "No. 2") but may before a word ("in Jan. Then …"); and
"Inc.", "Jr.", an initial, "U.S." or "p.m." end one only when a common sentence opener follows
("… to the U.S. The …" splits, "U.S. Rep. …", "Apple Inc. Chief Executive …" do not).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from newsbrief.analyze.light import light_analyze_many, split_light
from newsbrief.models import Article


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_light(text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The panel heard its first witness on Jan. 6 in a packed room.",
        "Dockworkers marched again on Sept. 11 to mark the anniversary.",
        "Gov. Andrew Cuomo signed the budget late on Friday night.",
        "Sen. Rand Paul held the floor for almost thirteen hours.",
        "Mr. Smith and Mrs. Okafor left the hearing before the vote.",
        "Dr. Alvarez said the ward had been full since the weekend.",
        "Rep. Gerry Connolly asked for the records in a short letter.",
        "Lt. Gen. Carter Ham commands the troops in the region.",
        "The parade began on St. Patrick's Day outside the cathedral.",
        "The club climbed to No. 2 in the league table after the win.",
        "The ruling in Roe v. Wade was argued again before the court.",
        "John F. Kennedy visited the city shortly before the election.",
        "Officials at the U.S. Coast Guard said the search would go on.",
        "The vote came at 9 p.m. Tuesday after a long night of debate.",
        "Shares of Apple Inc. Chief Executive Tim Cook's rival fell sharply.",
    ],
)
def test_an_abbreviation_keeps_the_sentence_whole(sentence: str) -> None:
    assert _sentences(sentence) == [sentence]


_SPLITS = {
    "a month without a number ends a sentence": (
        "Talks that began after Sept. 11 broke down in Jan. Then the strikes began again.",
        ["Talks that began after Sept. 11 broke down in Jan.", "Then the strikes began again."],
    ),
    "U.S. and Inc. end a sentence before an opener": (
        "Prices rose after U.S. Rep. Ed Markey spoke. The envoy flew back to the U.S. "
        "The plant was sold to Harbor Inc. It will reopen in the spring.",
        [
            "Prices rose after U.S. Rep. Ed Markey spoke.",
            "The envoy flew back to the U.S.",
            "The plant was sold to Harbor Inc.",
            "It will reopen in the spring.",
        ],
    ),
    "No. ends one as an answer, not before a number": (
        "The team fell from No. 1 after the loss. Asked about a rally, the coach said No. He left.",
        # "He left." is too short to stand alone and joins the sentence before
        [
            "The team fell from No. 1 after the loss.",
            "Asked about a rally, the coach said No. He left.",
        ],
    ),
    "a closing quote after an abbreviation ends one": (
        'Gov. Ann Reyes said, "We were all born in the U.S." Then the crowd cheered her on.',
        ['Gov. Ann Reyes said, "We were all born in the U.S."', "Then the crowd cheered her on."],
    ),
    "closing quotes and brackets stay with their sentence": (
        "\u201cWe will rebuild the pier.\u201d The mayor (who spoke last.) Then left the hall.",
        [
            "\u201cWe will rebuild the pier.\u201d",
            "The mayor (who spoke last.)",
            "Then left the hall.",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(_SPLITS))
def test_true_sentence_ends_still_split(case: str) -> None:
    text, expected = _SPLITS[case]
    assert _sentences(text) == expected


def test_the_date_after_a_month_abbreviation_is_found() -> None:
    article = Article(
        id="a1",
        text="The committee met on Jan. 6 the day the rioters broke in.\nIt adjourned late.",
        published=datetime(2021, 2, 1),
        outlet="Wire",
    )
    (analysis,) = light_analyze_many([article])
    assert [s.text for s in analysis.sentences] == [
        "The committee met on Jan. 6 the day the rioters broke in.",
        "It adjourned late.",
    ]
    days = {t.value for t in analysis.timexes}
    assert date(2021, 1, 6).isoformat() in days, days
