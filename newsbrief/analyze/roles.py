"""Sentence roles (PLACEHOLDER contract, replaced by the roles/summary work)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsbrief.models import Attribution, Sentence, TimeExpr


def assign_roles(
    doc: Doc, sentences: list[Sentence], timexes: list[TimeExpr], attributions: list[Attribution]
) -> list[Sentence]:
    return sentences
