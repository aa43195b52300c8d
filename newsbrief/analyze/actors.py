"""Actors: resolve every mention of a person, organization, country or outlet to one actor.

PLACEHOLDER contract (replaced by the actors/attribution work): ``resolve_actors`` returns an
``ActorIndex`` with the actors and a lookup from a character span to the actor mentioned there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsbrief.models import Actor, Article, Sentence


@dataclass(frozen=True)
class ActorIndex:
    actors: tuple[Actor, ...] = ()
    _by_span: dict[tuple[int, int], str] = field(default_factory=dict)

    def actor_at(self, start: int, end: int) -> str | None:
        """The id of the actor mentioned by the text span [start, end), if any."""
        hit = self._by_span.get((start, end))
        if hit:
            return hit
        for (s, e), actor_id in self._by_span.items():
            if s < end and start < e:
                return actor_id
        return None

    def get(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)


def resolve_actors(doc: Doc, article: Article, sentences: list[Sentence]) -> ActorIndex:
    return ActorIndex()
