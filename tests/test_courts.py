"""A court named by its rank ("Vermont’s top court", "the top court") is the Supreme Court the
story names: one actor in Who Thinks What?, under the court's name."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsbrief.analyze import analyze_many
from newsbrief.compose.courts import as_named, ranked_courts
from newsbrief.compose.perspectives import who_thinks_what
from newsbrief.models import Actor, ActorKind, Article


def _actor(name: str, kind: ActorKind = "organization") -> Actor:
    return Actor(id=name, name=name, kind=kind)


VT = "Vermont Supreme Court"


@pytest.mark.parametrize(
    ("ranked", "named", "meant"),
    [
        ("Vermont’s top court", [VT], VT),
        ("Vermont's highest court", ["Supreme Court of Vermont"], "Supreme Court of Vermont"),
        ("Vermont’s top court", ["U.S. Supreme Court", VT], VT),
        ("Top court", [VT], VT),
        ("the state's top court", ["Supreme Court", VT], VT),
        ("the nation’s top court", ["U.S. Supreme Court", VT], "U.S. Supreme Court"),
    ],
)
def test_a_court_named_by_rank_takes_the_name_of_the_court_meant(
    ranked: str, named: list[str], meant: str
) -> None:
    actor = _actor(ranked, "group")
    courts = ranked_courts([actor, *(_actor(n) for n in named)])
    shown = as_named(actor, courts)
    assert (shown.name, shown.kind) == (meant, "organization")


@pytest.mark.parametrize(
    ("ranked", "named"),
    [
        ("Vermont’s top court", ["Maine Supreme Court"]),  # another state's court
        ("the top court", ["U.S. Supreme Court", VT]),  # which one?
        ("New York's top court", ["New York Supreme Court"]),  # a trial court there
        ("the high court", ["Supreme Court"]),  # a High Court is a court of its own
        ("Vermont’s top court", []),
    ],
)
def test_a_court_named_by_rank_stays_as_written_when_the_story_names_no_one_court(
    ranked: str, named: list[str]
) -> None:
    actor = _actor(ranked)
    assert as_named(actor, ranked_courts([actor, *(_actor(n) for n in named)])) == actor


# our own story: one outlet names the court, the next calls it "Vermont’s top court"
_TEXTS = (
    "The Vermont Supreme Court said on Monday that the legislature had overstepped its powers when "
    "it capped rents in Burlington. Landlords welcomed the ruling.",
    "Vermont’s top court said the legislature had no power to cap rents, in a ruling that tenant "
    "groups called a betrayal. Protests are planned for Friday.",
)


def test_the_court_and_its_rank_are_one_actor_in_a_story() -> None:
    analyses = list(
        analyze_many(
            Article(
                id=f"court{i}",
                title=f"Rent cap ruling, part {i + 1}",
                text=text,
                published=datetime(2024, 6, 11 + i, 9, tzinfo=UTC),
                outlet=outlet,
            )
            for i, (text, outlet) in enumerate(zip(_TEXTS, ("Courier", "Tribune"), strict=True))
        )
    )
    positions = who_thinks_what(analyses)
    courts = [p for p in positions if "court" in p.actor.lower()]
    assert [p.actor for p in courts] == ["Vermont Supreme Court"], positions
    assert len(courts[0].statements) == 2
