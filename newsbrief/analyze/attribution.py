"""Attributions (PLACEHOLDER contract, replaced by the attribution work)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsbrief.analyze.actors import ActorIndex
from newsbrief.models import Article, Attribution, Sentence


def find_attributions(
    doc: Doc, article: Article, sentences: list[Sentence], actors: ActorIndex
) -> list[Attribution]:
    return []
