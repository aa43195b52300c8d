"""The arc assigner's records and their JSON states (what the archive stores): an
:class:`Arc` (its profile: the sum of its articles' unit vectors, IDF divided out), the
:class:`ArcJournal` of one article's changes, and how arcs are named."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from newsbrief.errors import StoreError
from newsbrief.stories.journal import redirect

STATE_VERSION = 1
Profile = tuple[dict[str, float], dict[str, float]]  # words, entities


class Weighted(NamedTuple):
    """A profile with today's IDF applied, rare terms left out, and the norms to divide by."""

    vecs: Profile
    norms: tuple[float, float]


class DocFrequencies(Protocol):
    """Where the IDF comes from: the story assigner (its ``df`` and ``n_docs``)."""

    @property
    def df(self) -> Mapping[str, int]: ...

    @property
    def n_docs(self) -> int: ...


def arc_id_for(story_id: str) -> str:
    """The id of an arc opened by the development ``story_id``."""
    return "a" + hashlib.sha1(story_id.encode("utf-8")).hexdigest()[:16]


@dataclass
class Arc:
    id: str
    founder: int  # arrival number of the article that opened it (older arcs survive merges)
    founder_story: str
    n: int = 0  # articles seen
    first: float | None = None
    last: float | None = None
    seq: int = 0  # update counter at its last change (recency in the index)
    profile: Profile = field(default_factory=lambda: ({}, {}))

    def widen(self, first: float | None, last: float | None) -> None:
        for ts in (first, last):
            if ts is not None:
                self.first = ts if self.first is None else min(self.first, ts)
                self.last = ts if self.last is None else max(self.last, ts)


@dataclass
class ArcJournal:
    """What one article changed: arc states to write, development → arc links, merges."""

    arcs: set[str] = field(default_factory=set)
    links: dict[str, str] = field(default_factory=dict)  # story id -> arc id
    unlinked: set[str] = field(default_factory=set)  # story ids merged away
    merged: dict[str, str] = field(default_factory=dict)  # arc id -> the arc it joined

    def record_merge(self, old: str, survivor: str) -> None:
        redirect(self.merged, old, survivor)
        self.merged[old] = survivor
        self.arcs.discard(old)
        redirect(self.links, old, survivor)


def arc_to_state(arc: Arc) -> dict[str, Any]:
    return {
        "version": STATE_VERSION,
        "id": arc.id,
        "founder": arc.founder,
        "founder_story": arc.founder_story,
        "n": arc.n,
        "first": arc.first,
        "last": arc.last,
        "seq": arc.seq,
        "words": {t: round(v, 6) for t, v in arc.profile[0].items()},
        "entities": {t: round(v, 6) for t, v in arc.profile[1].items()},
    }


def check_version(state: Mapping[str, Any]) -> None:
    if state.get("version") != STATE_VERSION:
        raise StoreError(f"unsupported arc state version: {state.get('version')!r}")


def arc_from_state(state: Mapping[str, Any]) -> Arc:
    check_version(state)
    return Arc(
        id=str(state["id"]),
        founder=int(state["founder"]),
        founder_story=str(state["founder_story"]),
        n=int(state["n"]),
        first=None if state["first"] is None else float(state["first"]),
        last=None if state["last"] is None else float(state["last"]),
        seq=int(state["seq"]),
        profile=(  # terms interned, as an article's are (``Features.interned``)
            {sys.intern(str(t)): float(v) for t, v in state["words"].items()},
            {sys.intern(str(t)): float(v) for t, v in state["entities"].items()},
        ),
    )
