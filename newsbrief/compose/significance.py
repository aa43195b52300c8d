"""Why This Matters: the stakes, consequences and context of the story, and what to watch next.

Points come from sentences whose role (see ``newsbrief.analyze.roles``) is ``significance``
(→ ``stakes``), ``consequence`` or ``context``, and ``watch`` items from ``forward_looking`` ones
and from salient sentences that state an upcoming event (``newsbrief.compose.upcoming``).
Nothing is paraphrased: each item is the sentence, or the sentence without its agency tag,
caption label or trailing "…, officials said" (see ``newsbrief.compose.trim``). Sentences already
in the Executive Summary, and sentences that repeat one, are left out; when the roles give fewer
than two points, the sentences that come closest to those roles fill in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from newsbrief.compose.trim import (
    content_words,
    cut_off,
    has_quote,
    is_furniture,
    opens_dangling,
    overlap,
    quote_fragment,
    speakerless_quote,
    trim_span,
)
from newsbrief.compose.upcoming import future_dated, upcoming
from newsbrief.models import Analysis, Evidence, MatterItem, Sentence
from newsbrief.settings import Settings

Kind = Literal["stakes", "consequence", "context", "watch"]
KIND_OF_ROLE: dict[str, Kind] = {
    "significance": "stakes",
    "consequence": "consequence",
    "context": "context",
    "forward_looking": "watch",
}
_POINT_ROLES = ("significance", "consequence", "context")
_KIND_ORDER: dict[str, int] = {"stakes": 0, "consequence": 1, "context": 2, "watch": 3}
MIN_POINTS = 2
MAX_WATCH = 2
DANGLING_PENALTY = 0.2  # a point that needs the sentence before it ranks below a clear one
MAX_PER_KIND = 2
UPCOMING_BONUS = 0.3  # a salient upcoming event (see ``newsbrief.compose.upcoming``)
FALLBACK_MIN_SCORE = 0.12  # role probability a fallback point needs
REDUNDANT = 0.5


@dataclass(frozen=True)
class _Option:
    sentence: Sentence
    kind: Kind
    score: float
    words: frozenset[str]


def why_it_matters(
    analysis: Analysis, used: set[int], settings: Settings
) -> tuple[MatterItem, ...]:
    """Stakes / consequence / context points (2–4 where the article has them) plus watch items."""
    taken = [frozenset(content_words(s.text)) for s in analysis.sentences if s.index in used]
    pool = [
        s
        for s in analysis.sentences
        if s.index not in used and _usable(s) and not speakerless_quote(analysis, s)
    ]
    max_points = max(MIN_POINTS, settings.max_matters)
    points = _pick(_options(pool, _POINT_ROLES), taken, max_points)
    if len(points) < MIN_POINTS:
        chosen = {o.sentence.index for o in points}
        spare = [s for s in pool if s.index not in chosen]
        points += _pick(
            _fallback(spare), taken + [o.words for o in points], MIN_POINTS - len(points)
        )
    dated = future_dated(analysis)  # a scheduled event to watch
    watch_options = [
        replace(o, score=o.score + 0.3) if o.sentence.index in dated else o
        for o in _options(pool, ("forward_looking",))
    ]
    ahead = upcoming(analysis)
    watch_options += [  # a plan the roles did not call forward-looking: "talks are expected to …"
        _Option(s, "watch", _score(s, "forward_looking") + UPCOMING_BONUS, _words(s))
        for s in pool
        if s.index in ahead and s.role != "forward_looking"
    ]
    watch = _pick(watch_options, taken + [o.words for o in points], MAX_WATCH)
    chosen_all = sorted(points + watch, key=lambda o: (_KIND_ORDER[o.kind], o.sentence.index))
    return tuple(_item(analysis, o) for o in chosen_all)


def _usable(sent: Sentence) -> bool:
    # (not part of a sentence the split cut: the end of a quotation, "I'll be damned if I'm going
    # to pay for a landslide.”", or of a clause, "at a labor conference in Williamsburg …")
    return (
        len(sent.text.split()) >= 6
        and not is_furniture(sent.text)
        and not quote_fragment(sent.text)
        and not _LOWER_START.match(sent.text)
        and not cut_off(sent.text)
    )


_LOWER_START = re.compile(r"^\W*[a-z]+\b")  # not "iPhone sales …", "eBay said …"


def _options(pool: list[Sentence], roles: tuple[str, ...]) -> list[_Option]:
    out = []
    for sent in pool:
        if sent.role not in roles:
            continue
        out.append(_Option(sent, KIND_OF_ROLE[sent.role], _score(sent, sent.role), _words(sent)))
    return out


def _fallback(pool: list[Sentence]) -> list[_Option]:
    """Sentences whose strongest point-like role is close behind their assigned role."""
    out = []
    for sent in pool:
        role = max(_POINT_ROLES, key=lambda r: sent.role_scores.get(r, 0.0))
        if sent.role_scores.get(role, 0.0) >= FALLBACK_MIN_SCORE:
            out.append(_Option(sent, KIND_OF_ROLE[role], _score(sent, role) - 1.0, _words(sent)))
    return out


def _score(sent: Sentence, role: str) -> float:
    """Confidence in the role, a little credit for appearing early, less for quotations and for
    a sentence that opens on a word needing the one before it ("It is the home of …", "This
    has not gone over well …"): out of its place it does not say what it is about."""
    score = sent.role_scores.get(role, 0.0) + 0.3 / (1 + 0.1 * sent.index)
    if has_quote(sent.text):
        score -= 0.15
    if opens_dangling(sent.text):
        score -= DANGLING_PENALTY
    return score


def _pick(options: list[_Option], taken: list[frozenset[str]], limit: int) -> list[_Option]:
    chosen: list[_Option] = []
    per_kind: dict[str, int] = {}
    for opt in sorted(options, key=lambda o: -o.score):
        if len(chosen) >= limit:
            break
        if per_kind.get(opt.kind, 0) >= MAX_PER_KIND and opt.kind != "watch":
            continue
        others = taken + [c.words for c in chosen]
        if any(overlap(opt.words, w) > REDUNDANT for w in others):
            continue
        chosen.append(opt)
        per_kind[opt.kind] = per_kind.get(opt.kind, 0) + 1
    return chosen


def _words(sent: Sentence) -> frozenset[str]:
    return frozenset(content_words(sent.text))


def _item(analysis: Analysis, opt: _Option) -> MatterItem:
    start, end = trim_span(analysis, opt.sentence)
    return MatterItem(
        kind=opt.kind,
        text=analysis.article.text[start:end],
        evidence=Evidence(
            article_id=analysis.article.id,
            sentence_index=opt.sentence.index,
            start=start,
            end=end,
        ),
    )
