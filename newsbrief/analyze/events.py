"""Events (PLACEHOLDER contract, replaced by the timex/events work)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsbrief.analyze.actors import ActorIndex
from newsbrief.models import Article, Event, Sentence, TimeExpr


def find_events(
    doc: Doc,
    article: Article,
    sentences: list[Sentence],
    timexes: list[TimeExpr],
    actors: ActorIndex,
) -> list[Event]:
    return []
