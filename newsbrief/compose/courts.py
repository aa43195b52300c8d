"""A court named by its rank is the Supreme Court the story names: one actor, not two.

Reports name a court once and then by its rank ("Pennsylvania’s top court", "the state's highest
court", "the top court"), and one outlet's rank is another outlet's name ("the Pennsylvania
Supreme Court"). Left as written, a story's Who Thinks What? shows one court as two actors.
Where the story names the Supreme Court meant, the description takes that name:

- "X's top court", "X's highest court": the Supreme Court of X ("X Supreme Court", "Supreme Court
  of X");
- "the state's top court": the one Supreme Court named with a place;
- "the nation's top court", "the country's top court": the one named without a place ("U.S."
  and "United States" are none: the "U.S. Supreme Court" is the nation's);
- "the top court": the one Supreme Court named.

When the story names no such court, or more than one fits, the description stays as written. A
"high court" is left alone (the High Court is a court of its own in several countries), and so
is the New York Supreme Court (a trial court: New York's top court is its Court of Appeals).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsbrief.analyze.actors import names
from newsbrief.models import Actor

__all__ = ["as_named", "ranked_courts"]

_RANKED = re.compile(
    r"^(?i:the\s+)?(?:(?P<owner>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*|state|nation|country)"
    r"(?:['’]s|['’])\s+)?(?i:top|highest)\s+(?i:court)$"
)
_SUPREME = re.compile(
    r"^(?:the\s+)?(?:(?P<before>.+?)(?:['’]s)?\s+)?Supreme\s+Court"
    r"(?:\s+of\s+(?:the\s+)?(?P<after>.+))?$"
)
_NATIONAL = frozenset({"", "united states", "us", "u.s.", "america", "the united states"})
# places whose "Supreme Court" is not their top court (New York's is a trial court)
_NOT_TOP = frozenset({"new york", "new york state"})


def ranked_courts(actors: Iterable[Actor]) -> dict[str, Actor]:
    """The Supreme Court each court named by its rank among ``actors`` (a story's actors) is,
    keyed by that description's lowercased name."""
    actors = list(actors)
    named: dict[str, Actor] = {}  # a Supreme Court's place ("" for none) -> the first named so
    for actor in actors:
        place = _supreme_place(actor.name) if actor.kind == "organization" else None
        if place is not None and place not in _NOT_TOP:
            named.setdefault(place, actor)
    out: dict[str, Actor] = {}
    for actor in actors:
        m = _RANKED.match(" ".join(actor.name.split()))
        if m is None:
            continue
        owner = m.group("owner")
        if owner is None:
            fits = list(named.values())
        elif owner in ("nation", "country"):
            fits = [a for place, a in named.items() if not place]
        elif owner == "state":
            fits = [a for place, a in named.items() if place]
        else:
            fits = [a for place, a in named.items() if place and place == _place(owner)]
        if len(fits) == 1:
            out[_key(actor.name)] = fits[0]
    return out


def as_named(actor: Actor, courts: dict[str, Actor]) -> Actor:
    """``actor`` under the name of the Supreme Court it is (see ``ranked_courts``)."""
    court = courts.get(_key(actor.name))
    return (
        actor
        if court is None
        else actor.model_copy(update={"name": court.name, "kind": court.kind})
    )


def _supreme_place(name: str) -> str | None:
    """ "Pennsylvania Supreme Court", "Supreme Court of Pennsylvania": "pennsylvania"; "U.S.
    Supreme Court": ""; None for a name of no Supreme Court."""
    m = _SUPREME.match(" ".join(names.without_nation(name).split()))
    if m is None:
        return None
    return _place(m.group("before") or m.group("after") or "")


def _place(text: str) -> str:
    words = text.lower().split()
    if words[-1:] == ["state"]:  # "the Pennsylvania state Supreme Court"
        words = words[:-1]
    place = " ".join(words)
    return "" if place in _NATIONAL else place


def _key(name: str) -> str:
    return " ".join(name.lower().split())
