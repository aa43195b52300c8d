"""Story-level tuning: days just before the first article, and cross-article word cover."""

from __future__ import annotations

from datetime import date, datetime

from newsbrief.analyze.light import light_analyze_many
from newsbrief.compose.story.dates import EARLIER_DAYS, day_scores
from newsbrief.compose.story.salience import _cover
from newsbrief.models import Analysis, Article

# every article of the stories below runs on this day
PUBLISHED = datetime(2024, 3, 11)


def _story(*texts: tuple[str, str]) -> list[Analysis]:
    """Articles (text, outlet), all published on ``PUBLISHED``, light-analyzed."""
    arts = [
        Article(id=f"a{i}", text=text, published=PUBLISHED, outlet=outlet)
        for i, (text, outlet) in enumerate(texts)
    ]
    return list(light_analyze_many(arts))


def test_a_day_shortly_before_the_first_article_is_a_candidate() -> None:
    story = _story(
        ("The dam above the valley broke on March 8, flooding three villages.", "Wire A"),
        ("Engineers said the dam failed on March 8 after days of rain.", "Paper B"),
        ("The council first warned about the dam on February 1.", "Paper B"),
    )
    scores = day_scores(story)
    assert date(2024, 3, 8) in scores  # three days before the first article
    assert set(scores[date(2024, 3, 8)][1]) == {0, 1}
    assert (PUBLISHED.date() - date(2024, 2, 1)).days > EARLIER_DAYS
    assert date(2024, 2, 1) not in scores  # long before coverage: left out


def test_cover_is_the_other_articles_use_of_the_words() -> None:
    story = _story(
        ("Flood waters reached the valley villages.", "Wire A"),
        ("Flood waters reached villages in the valley overnight.", "Paper B"),
        ("Flood waters reached homes of the valley villages.", "Paper C"),
    )
    shared, alone = _cover(story, ["Flood waters reached the valley villages.", "Zebra quartz"])
    assert shared == 1.0  # every word is used by both other articles
    assert alone == 0.0
    # flood, water, reached used by both others, "dam" by none
    assert _cover(story, ["Flood waters reached the dam."]) == [0.75]
    assert _cover(story[:1], ["Flood waters reached the valley villages."]) == [0.0]
