"""What's New since a given time: developments in later articles that the story did not yet have.

The story "as it stood then" is every article published at or before ``since``. From the later
articles, their salient facts (the story summary's cross-source selection, run over the later
articles alone) that no earlier article already carries (TF-IDF cosine below the same-fact
threshold to every earlier candidate sentence) are new, newest development first, each credited to
every later outlet carrying it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from newsbrief.compose.story.salience import SAME_FACT, offer_sentences, salient_facts
from newsbrief.compose.story.summary import fact_item
from newsbrief.compose.story.vectors import TfIdf
from newsbrief.models import Analysis, SummaryItem

__all__ = ["split_at", "whats_new_since"]

MAX_ITEMS = 5


def _ts(t: datetime) -> float:
    return t.timestamp()


def split_at(
    analyses: Sequence[Analysis], since: datetime
) -> tuple[list[Analysis], list[Analysis]]:
    """Articles at or before ``since`` (undated ones count as old) and those after it."""
    cut = _ts(since)
    old: list[Analysis] = []
    new: list[Analysis] = []
    for a in analyses:
        p = a.article.published
        (new if p is not None and _ts(p) > cut else old).append(a)
    return old, new


def whats_new_since(analyses: Sequence[Analysis], since: datetime) -> tuple[SummaryItem, ...]:
    old, new = split_at(analyses, since)
    if not new:
        return ()
    facts = salient_facts(new, k=MAX_ITEMS * 2)
    old_offers = offer_sentences(old)[0] if old else []
    texts = [old[o.article].article.text[o.cand.start : o.cand.end] for o in old_offers]
    items: list[SummaryItem] = []
    for f in facts:
        text = new[f.ref.article].article.text[f.start : f.end]
        probe = TfIdf([*texts, text])
        last = len(texts)
        if texts and probe.neighbours(last, SAME_FACT):
            continue
        items.append(fact_item(new, f))
        if len(items) >= MAX_ITEMS:
            break
    return tuple(items)
