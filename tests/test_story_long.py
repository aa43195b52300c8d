"""A story told over months: The Story So Far runs its whole length, not only the last weeks
that later articles recap most (the Syria arc of Timeline17 showed only 2012's lines of an arc
running from April 2011)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsbrief.analyze import analyze_many
from newsbrief.compose.story.timeline import MAX_ENTRIES, story_timeline
from newsbrief.ingest.text import article_from_text

_PLACES = ("Port Arden", "Eskar", "Salt River", "Norland Bay", "Vellen", "Tamsin Point")
_RECAPS = [
    f"Crews closed the {where} ferry terminal on July {day} after a fire"
    for where, day in zip(_PLACES * 3, range(2, 30, 2), strict=False)
]


def _articles() -> list:
    """Six early articles, a month apart, each with its own development; then four articles
    in August that each retell fourteen closures of July."""
    early = [
        article_from_text(
            f"The harbor board in {where} voted on Monday to cut ferry fares by {k + 2} percent, "
            "a move opposed by the ferry operators. The operators said they would appeal.",
            title=f"{where} cuts fares",
            published=datetime(2024, 1 + k, 8, 12, tzinfo=UTC),
        )
        for k, where in enumerate(_PLACES[:5])
    ]
    late = [
        article_from_text(
            "The ferry crisis deepened this summer. "
            + ". ".join(_RECAPS)
            + f". Officials said on Monday that all terminals would reopen by October {k + 1}.",
            title="Ferry terminals closed",
            published=datetime(2024, 8, 5 + k, 12, tzinfo=UTC),
        )
        for k in range(4)
    ]
    return early + late


def test_a_long_storys_timeline_runs_its_whole_length() -> None:
    timeline = story_timeline(list(analyze_many(_articles())))
    assert len(timeline) <= MAX_ENTRIES
    early = [e.date for e in timeline if e.date < "2024-06"]
    # the five fare cuts fall in four of the six stretches of January to August: one line each
    assert len(early) >= 4 and {d[:7] for d in early} >= {"2024-03", "2024-04", "2024-05"}, early
    assert sum(e.date.startswith("2024-07") for e in timeline) >= 6
