"""Why This Matters and Who Thinks What? across the articles of a story.

- Why This Matters: the points each of the newest ``RECENT`` articles offers (stakes,
  consequences, context, what to watch), pooled; a point made by several articles is one item
  credited to all of them and outranks a point made by one; points already in the summary stay out.
- Who Thinks What?: actors merged across articles (``who_thinks_what`` over the whole story: same
  canonical name, surname of a full name); then each actor's statements deduplicated across outlets
  (the same words carried by several outlets are one statement listing them all), each dated by its
  article, oldest first, so a change of position shows with its dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsbrief.compose.perspectives import who_thinks_what
from newsbrief.compose.significance import why_it_matters
from newsbrief.compose.story.form import form_penalty, unfit
from newsbrief.compose.trim import content_words, overlap
from newsbrief.models import ActorPosition, Analysis, Evidence, MatterItem, Statement, SummaryItem
from newsbrief.settings import Settings

__all__ = ["story_matters", "story_perspectives"]

RECENT = 12
MIN_STATEMENT_WORDS = 5
MAX_STATEMENTS = 5
MAX_ACTORS = 8
CLAIM_OVERLAP = 0.2
_CLAIM_THAT = re.compile(
    r"\b(?:claims?|assertions?|allegations?|suggestions?|statements?|arguments?|contention|"
    r"insistence|view)\s+that\s+(.+?)[\s.;!]*$"
)
SAME_POINT = 0.5
SAME_STATEMENT = 0.6
_KIND_ORDER = {"stakes": 0, "consequence": 1, "context": 2, "watch": 3}


def _outlet(analyses: Sequence[Analysis], article_id: str) -> str | None:
    return next((a.article.outlet for a in analyses if a.article.id == article_id), None)


def story_matters(
    analyses: Sequence[Analysis], summary: Sequence[SummaryItem], settings: Settings
) -> tuple[MatterItem, ...]:
    used: dict[str, set[int]] = {}
    for s_item in summary:
        for ev in (s_item.evidence, *s_item.also):
            used.setdefault(ev.article_id, set()).add(ev.sentence_index)
    summary_words = [frozenset(content_words(s_item.text)) for s_item in summary]
    groups: list[tuple[MatterItem, list[Evidence], frozenset[str], int]] = []
    recent = list(analyses)[-RECENT:]
    for rank, a in enumerate(reversed(recent)):  # newest first
        for item in why_it_matters(a, used.get(a.article.id, set()), settings):
            if form_penalty(item.text) >= 0.3:
                continue
            words = frozenset(content_words(item.text))
            if any(overlap(words, w) > SAME_POINT for w in summary_words):
                continue
            home = next((g for g in groups if overlap(words, g[2]) > SAME_POINT), None)
            if home is None:
                groups.append((item, [], words, rank))
            elif item.evidence.article_id not in {
                e.article_id for e in (home[0].evidence, *home[1])
            }:
                home[1].append(item.evidence)
    groups.sort(key=lambda g: (-len(g[1]), _KIND_ORDER[g[0].kind], g[3]))
    chosen = groups[: settings.max_matters]
    chosen.sort(key=lambda g: _KIND_ORDER[g[0].kind])
    out = []
    for item, also, _, _ in chosen:
        outlets: list[str] = []
        for ev in (item.evidence, *also):
            o = _outlet(analyses, ev.article_id)
            if o and o not in outlets:
                outlets.append(o)
        out.append(item.model_copy(update={"also": tuple(also), "outlets": tuple(outlets)}))
    return tuple(out)


def story_perspectives(analyses: Sequence[Analysis]) -> tuple[ActorPosition, ...]:
    by_id = {a.article.id: a for a in analyses}
    published = {a.article.id: a.article.published for a in analyses}
    outlets = {a.article.id: a.article.outlet for a in analyses}
    out = []
    for pos in who_thinks_what(analyses):
        merged: list[tuple[Statement, list[Evidence], frozenset[str]]] = []
        for st in pos.statements:
            if len(st.text.split()) < MIN_STATEMENT_WORDS or unfit(_sentence(by_id, st)):
                continue
            words = frozenset(content_words(st.text))
            home = next((m for m in merged if overlap(words, m[2]) >= SAME_STATEMENT), None)
            if home is None:
                merged.append((st, [], words))
            elif st.evidence.article_id != home[0].evidence.article_id:
                home[1].append(st.evidence)
        statements = []
        for st, also, _ in merged:
            names: list[str] = []
            for ev in (st.evidence, *also):
                o = outlets.get(ev.article_id)
                if o and o not in names:
                    names.append(o)
            statements.append(
                st.model_copy(
                    update={
                        "also": tuple(also),
                        "outlets": tuple(names),
                        "published": published.get(st.evidence.article_id),
                    }
                )
            )
        if not statements:
            continue
        # the statements most outlets carry, then shown oldest first (positions with dates)
        statements.sort(key=lambda s: -len(s.outlets))
        statements = statements[:MAX_STATEMENTS]
        statements.sort(key=lambda s: (s.published is None, _ts(s)))
        out.append(pos.model_copy(update={"statements": tuple(statements)}))
    return _pair_claims(tuple(out[:MAX_ACTORS]), by_id)


def _pair_claims(
    positions: tuple[ActorPosition, ...], by_id: dict[str, Analysis]
) -> tuple[ActorPosition, ...]:
    """Give each disagreement the other actor's statement it disputes ("A rejects B's claim
    that …"): the statement of B sharing the most words with A's disputing sentence."""
    by_name = {p.actor: p for p in positions}
    out = []
    for pos in positions:
        pairs = []
        for d in pos.disagrees_with:
            other = by_name.get(d.with_actor)
            a = by_id.get(d.evidence.article_id)
            if other is None or a is None or not other.statements:
                pairs.append(d)
                continue
            sentence = a.sentences[d.evidence.sentence_index]
            m = _CLAIM_THAT.search(sentence.text)
            if m is not None:  # "rejects the operators' claim that …": the claim as A words it
                start = sentence.start + m.start(1)
                ev = d.evidence.model_copy(update={"start": start, "end": start + len(m[1])})
                pairs.append(d.model_copy(update={"claim": m[1], "claim_evidence": ev}))
                continue
            said = frozenset(content_words(sentence.text))
            best = max(other.statements, key=lambda st: overlap(said, content_words(st.text)))
            if overlap(said, content_words(best.text)) < CLAIM_OVERLAP:
                pairs.append(d)
                continue
            pairs.append(d.model_copy(update={"claim": best.text, "claim_evidence": best.evidence}))
        out.append(pos.model_copy(update={"disagrees_with": tuple(pairs)}))
    return tuple(out)


def _sentence(by_id: dict[str, Analysis], st: Statement) -> str:
    a = by_id.get(st.evidence.article_id)
    return a.sentences[st.evidence.sentence_index].text if a is not None else st.text


def _ts(s: Statement) -> float:
    if s.published is None:
        return 0.0
    return s.published.replace(tzinfo=None).timestamp()
