"""The story assigner's records and their JSON states (what the archive stores).

A :class:`Story` keeps a core (the folded older members: a sum of unit vectors with the IDF
divided out, pruned) and the arrival numbers of its free members; its centroid is derived
(core plus free members) and rebuilt on load. A :class:`Member` keeps one article's pruned
term frequencies. Version 1 states (a centroid per story, no members) still load: the
centroid becomes the core.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

from newsbrief.errors import StoreError
from newsbrief.stories.recluster import Node

VERSION = 2
CHANNELS = ("words", "entities", "numbers")
Channels = tuple[dict[str, float], dict[str, float], dict[str, float]]


def _empty() -> Channels:
    return {}, {}, {}


@dataclass
class Member:
    """A free member: one article that re-clustering may still move."""

    article_id: str
    seq: int  # arrival number (1-based): the order that decides which article is oldest
    ts: float | None
    tf: Channels  # sublinear term frequencies of its strongest terms, per channel
    story: str = ""
    # derived under the IDF of that many documents, redone as the collection grows
    node: Node | None = field(default=None, repr=False, compare=False)
    node_docs: int = field(default=0, repr=False, compare=False)
    # its terms the node left out as rare (seen in fewer than ``min_df`` articles): once one is
    # shared, the node is redone (see ``StoryAssigner._node``)
    node_rare: tuple[str, ...] = field(default=(), repr=False, compare=False)
    contribution: Channels | None = field(default=None, repr=False, compare=False)
    contribution_docs: int = field(default=0, repr=False, compare=False)


@dataclass
class Story:
    id: str
    founder: int  # arrival number of its oldest article, whose id it carries
    founder_id: str = ""
    n: int = 0
    n_core: int = 0
    first: float | None = None
    last: float | None = None
    core_first: float | None = None
    core_last: float | None = None
    seq: int = 0  # update counter value at the last change (recency in the index)
    core: Channels = field(default_factory=_empty)
    free: list[int] = field(default_factory=list)  # free members' arrival numbers, oldest first
    centroid: Channels = field(default_factory=_empty)
    norms: tuple[float, float, float] = (1.0, 1.0, 1.0)  # centroid norms with IDF applied ...
    norm_docs: int = 0  # ... as of this many documents ...
    norm_seq: int = -1  # ... and this update
    # (story seq, core or whole), documents when computed, the node: see StoryAssigner
    node_cache: tuple[tuple[int, int], int, Node] | None = field(
        default=None, repr=False, compare=False
    )

    def widen(self, ts: float | None) -> None:
        if ts is not None:
            self.first = ts if self.first is None else min(self.first, ts)
            self.last = ts if self.last is None else max(self.last, ts)

    def widen_core(self, ts: float | None) -> None:
        if ts is not None:
            self.core_first = ts if self.core_first is None else min(self.core_first, ts)
            self.core_last = ts if self.core_last is None else max(self.core_last, ts)

    def absorb_core(self, other: Story) -> None:
        """Add another story's core (vectors, count, span) to this one's."""
        for mine, theirs in zip(self.core, other.core, strict=True):
            for t, v in theirs.items():
                mine[t] = mine.get(t, 0.0) + v
        self.n_core += other.n_core
        self.widen_core(other.core_first)
        self.widen_core(other.core_last)


def check_version(state: dict[str, Any]) -> None:
    if state.get("version") not in (1, VERSION):
        raise StoreError(f"unsupported story state version: {state.get('version')!r}")


def _channels(state: dict[str, dict[str, float]]) -> Channels:
    # terms interned, as an article's are (``Features.interned``)
    c = [
        {sys.intern(str(t)): float(w) for t, w in state.get(name, {}).items()} for name in CHANNELS
    ]
    return c[0], c[1], c[2]


def _dump(vecs: Channels, digits: int) -> dict[str, dict[str, float]]:
    return {
        name: {t: round(w, digits) for t, w in c.items()}
        for name, c in zip(CHANNELS, vecs, strict=True)
    }


def _time(value: Any) -> float | None:
    return None if value is None else float(value)


def story_to_state(story: Story) -> dict[str, Any]:
    return {
        "version": VERSION,
        "id": story.id,
        "founder": story.founder,
        "founder_id": story.founder_id,
        "n": story.n,
        "n_core": story.n_core,
        "first": story.first,
        "last": story.last,
        "core_first": story.core_first,
        "core_last": story.core_last,
        "seq": story.seq,
    }


def core_to_state(story: Story) -> dict[str, dict[str, float]]:
    return _dump(story.core, 7)


def story_from_state(state: dict[str, Any]) -> Story:
    check_version(state)
    if state["version"] == 1:  # a centroid and no members: all of it is core
        n = int(state["n"])
        first, last = _time(state["first"]), _time(state["last"])
        return Story(
            id=str(state["id"]), founder=0, n=n, n_core=n, first=first, last=last,
            core_first=first, core_last=last, seq=int(state["seq"]),
            core=_channels(state["centroid"]),
        )  # fmt: skip
    return Story(
        id=str(state["id"]),
        founder=int(state["founder"]),
        founder_id=str(state.get("founder_id", "")),
        n=int(state["n"]),
        n_core=int(state["n_core"]),
        first=_time(state["first"]),
        last=_time(state["last"]),
        core_first=_time(state["core_first"]),
        core_last=_time(state["core_last"]),
        seq=int(state["seq"]),
        core=_channels(state.get("core") or {}),
    )


def member_to_state(member: Member) -> dict[str, Any]:
    return {
        "article_id": member.article_id,
        "seq": member.seq,
        "ts": member.ts,
        "story": member.story,
        "tf": _dump(member.tf, 4),
    }


def member_from_state(state: dict[str, Any]) -> Member:
    return Member(
        article_id=str(state["article_id"]),
        seq=int(state["seq"]),
        ts=_time(state["ts"]),
        tf=_channels(state["tf"]),
        story=str(state["story"]),
    )
