"""Time expressions (PLACEHOLDER contract, replaced by the timex work)."""

from __future__ import annotations

from datetime import datetime

from spacy.tokens import Doc

from newsbrief.models import Sentence, TimeExpr


def find_timexes(doc: Doc, dct: datetime | None, sentences: list[Sentence]) -> list[TimeExpr]:
    return []
