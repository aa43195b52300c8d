"""Upcoming events: sentences that state what is planned or expected next, for "What to watch".

The Story So Far keeps plans out (an event dated after the article's day is not history), so a
sentence such as "The council is expected to vote on the plan next week" would be lost when the
roles did not call it ``forward_looking``. Such a sentence is a watch candidate when it states an
upcoming event — an expectation frame ("is expected to", "is scheduled to", "is on track to"), or
a future-tense or planning clause dated after the article's day — and is salient: in the lead
paragraphs, or about one of the article's main actors.
"""

from __future__ import annotations

import re

from newsbrief.models import Analysis

__all__ = ["future_dated", "upcoming"]

LEAD_PARAGRAPHS = 2  # paragraphs 0 and 1
MAIN_ACTORS = 2  # the actors mentioned most
# "talks are expected to resume", "the Senate is on track to vote", "hearings are set to begin";
# not "talks were expected to resume on Friday", an expectation the article looks back on
_EXPECTED = re.compile(
    r"\b(?:is|are|be|been|remains?)\s+(?:\w+ly\s+|now\s+|also\s+|still\s+)?"
    r"(?:expected|scheduled|set|due|slated|poised|on\s+track|on\s+course)\s+to\s+[a-z]",
    re.I,
)
# a clause about what comes next: it needs a later date to count as an event
_AHEAD = re.compile(
    r"\b(?:will|shall|'ll|would)\s+(?!not\b|have\b)[a-z]|\b(?:plans?|planned|intends?|"
    r"intended|prepares?|preparing|planning|aims?)\s+to\s+[a-z]",
    re.I,
)


def upcoming(analysis: Analysis) -> set[int]:
    """Indices of the salient sentences that state an upcoming event."""
    later = _later_dated(analysis)
    main = _main_actor_sentences(analysis)
    out = set()
    for sent in analysis.sentences:
        if not (sent.paragraph < LEAD_PARAGRAPHS or sent.index in main):
            continue
        if _EXPECTED.search(sent.text) or (sent.index in later and _AHEAD.search(sent.text)):
            out.add(sent.index)
    return out


def future_dated(analysis: Analysis, *, named: bool = True) -> set[int]:
    """Sentences with a time expression after the article's day (``named``: counting one that
    is part of a name, "the 2030 Games")."""
    published = analysis.article.published
    today = published.date().isoformat() if published else None
    out = set()
    for tx in analysis.timexes:
        value = tx.value
        if tx.in_name and not named:
            continue
        if value == "FUTURE_REF" or (today and value[:1].isdigit() and value[: len(today)] > today):
            out.add(tx.sentence_index)
    return out


def _later_dated(analysis: Analysis) -> set[int]:
    """Sentences with a time expression not in a name, or an event, after the article's day."""
    out = future_dated(analysis, named=False)
    published = analysis.article.published
    if published is not None:
        today = published.date().isoformat()
        for ev in analysis.events:
            if ev.sort_key[:1].isdigit() and ev.sort_key[:10] > today:
                out.add(ev.evidence.sentence_index)
    return out


def _main_actor_sentences(analysis: Analysis) -> set[int]:
    ranked = sorted(analysis.actors, key=lambda a: -len(a.mentions))[:MAIN_ACTORS]
    return {m.sentence_index for a in ranked for m in a.mentions}
