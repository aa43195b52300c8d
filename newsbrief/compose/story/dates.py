"""Which days matter in a story, and the sentences that say what happened on each.

Works on analyses that carry sentences and day-level time expressions (full or light analyses
alike); a date inside a name ("the special committee investigating the Jan. 6 insurrection",
marked ``in_name`` by the analysis) dates something else and counts for nothing here. A day earns
support from every article that points at it: an article that mentions the day after the fact
(published later) and one published that day count the same (the one looks back at the day, the
other reports it); one mentioning it beforehand is a plan and does not count. Days are ranked by
that support and the number of outlets behind it (``DayWeights``; the centrality of a day's
sentences lowered Timeline17 date F1, see docs/story-briefs.md). For each chosen day the candidate
sentences (those whose time expression resolves to the day, and the leads of the articles published
on it) are ranked by centrality among themselves, by how many articles carry the same fact
and by form (a sentence of reasonable length, not a quote fragment), redundancy removed.

The same code serves the timeline evaluation (``newsbrief eval tls``) and The Story So Far of a
story brief.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsbrief.compose.story.vectors import TfIdf
from newsbrief.models import Analysis

__all__ = ["DayPick", "DayWeights", "SentenceRef", "baseline_days", "day_scores", "pick_days"]

# a plain day only: counting times of day too ("Friday night" 2024-03-08TNI, "3:44 pm"
# 2011-03-18T15:44) lowered Timeline17 dev date F1 (0.530 -> 0.525; see docs/story-briefs.md)
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
LEAD_SENTENCES = 3
# days this long before the first article still count: coverage often starts after the event
EARLIER_DAYS = 7


@dataclass(frozen=True, order=True)
class SentenceRef:
    """One sentence of one analysis (positions into the given sequence)."""

    article: int
    sentence: int


@dataclass(frozen=True)
class DayPick:
    """A chosen day, its support and its chosen sentences (best first)."""

    day: date
    score: float
    sentences: tuple[SentenceRef, ...]
    articles: tuple[int, ...] = field(default=())  # every article pointing at the day


@dataclass
class _Pool:
    """Every (day, sentence) pointer of a story, with the vectors of the sentences involved."""

    analyses: Sequence[Analysis]
    mentions: dict[date, list[SentenceRef]]  # sentences whose timex resolves to the day
    published: dict[date, list[int]]  # articles published on the day
    refs: list[SentenceRef]
    row: dict[SentenceRef, int]
    vectors: TfIdf

    def text(self, ref: SentenceRef) -> str:
        return self.analyses[ref.article].sentences[ref.sentence].text

    def pub(self, article: int) -> date | None:
        p = self.analyses[article].article.published
        return p.date() if p is not None else None


def _parse_day(value: str) -> date | None:
    m = _DAY.match(value)
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _pool(analyses: Sequence[Analysis]) -> _Pool:
    mentions: dict[date, list[SentenceRef]] = defaultdict(list)
    published: dict[date, list[int]] = defaultdict(list)
    for i, a in enumerate(analyses):
        pub = a.article.published
        if pub is not None:
            published[pub.date()].append(i)
        seen: set[tuple[date, int]] = set()
        for t in a.timexes:
            if t.in_name:
                continue  # "the Jan. 6 committee": dates something else, not its sentence
            day = _parse_day(t.value) if t.type == "DATE" else None
            if day is not None and (day, t.sentence_index) not in seen:
                seen.add((day, t.sentence_index))
                mentions[day].append(SentenceRef(i, t.sentence_index))
    refs = sorted({r for rs in mentions.values() for r in rs} | _leads(analyses, published))
    row = {r: k for k, r in enumerate(refs)}
    texts = [analyses[r.article].sentences[r.sentence].text for r in refs]
    return _Pool(analyses, dict(mentions), dict(published), refs, row, TfIdf(texts))


def _leads(analyses: Sequence[Analysis], published: dict[date, list[int]]) -> set[SentenceRef]:
    return {
        SentenceRef(i, s.index)
        for arts in published.values()
        for i in arts
        for s in analyses[i].sentences[:LEAD_SENTENCES]
    }


def _centroid_rank(pool: _Pool, refs: Sequence[SentenceRef]) -> list[float]:
    """Cosine of each sentence to the centroid of ``refs``."""
    return pool.vectors.to_centroid([pool.row[r] for r in refs])


# --------------------------------------------------------------------------- baseline


def baseline_days(analyses: Sequence[Analysis], *, n_days: int, per_day: int) -> list[DayPick]:
    """The in-run baseline: days ranked by how many articles mention or are published on them;
    for each, the sentences mentioning it closest to the centroid of all sentences mentioning it."""
    pool = _pool(analyses)
    support: dict[date, set[int]] = defaultdict(set)
    for day, refs in pool.mentions.items():
        support[day].update(r.article for r in refs)
    for day, arts in pool.published.items():
        support[day].update(arts)
    ranked = sorted(support, key=lambda d: (-len(support[d]), d))
    picks: list[DayPick] = []
    for day in ranked:
        if len(picks) >= n_days:
            break
        refs = pool.mentions.get(day, [])
        if not refs:
            continue
        sims = _centroid_rank(pool, refs)
        order = sorted(range(len(refs)), key=lambda k: (-sims[k], refs[k]))
        chosen = _distinct(pool, [refs[k] for k in order], per_day)
        picks.append(DayPick(day, float(len(support[day])), tuple(chosen)))
    return picks


def _distinct(pool: _Pool, ranked: Sequence[SentenceRef], k: int) -> list[SentenceRef]:
    """The first ``k`` sentences of ``ranked`` whose texts differ."""
    out: list[SentenceRef] = []
    seen: set[str] = set()
    for r in ranked:
        key = " ".join(pool.text(r).lower().split())
        if key not in seen:
            seen.add(key)
            out.append(r)
        if len(out) >= k:
            break
    return out


# --------------------------------------------------------------------------- system


@dataclass(frozen=True)
class DayWeights:
    """How much each kind of pointer at a day counts; each count enters as ``ln(1 + count)``.

    Two signals carry the same weight: the articles that look back at the day and the articles
    published on it; the sentences looking back count for less than a third as much (one article
    repeating a date is not several articles). The articles published the day after add nothing
    once their "yesterday" counts as looking back. Set on the Timeline17 dev folders: the same
    ratios are chosen leaving out any one timeline or any one event (docs/story-briefs.md,
    "Tuning"); the scale only sets the day's weight against the outlets term here and the other
    terms of the story timeline's ranking."""

    after: float = 2.5  # articles published after the day that mention it
    after_sentences: float = 0.75  # their sentences mentioning it
    same: float = 0.0  # articles published that day that mention it
    before: float = 0.0  # articles mentioning the day ahead of it (plans)
    published: float = 2.5  # articles published that day
    published_next: float = 0.0  # articles published the day after (reports of the day)
    outlets: float = 1.0  # distinct outlets pointing at the day, beyond the first


def pick_days(
    analyses: Sequence[Analysis],
    *,
    n_days: int,
    per_day: int,
    weights: DayWeights | None = None,
) -> list[DayPick]:
    """The ``n_days`` most important days of the story with ``per_day`` sentences each."""
    w = weights or DayWeights()
    pool = _pool(analyses)
    scores = _day_scores(pool, w)
    # ties (common: the scores are sums of a few log counts) go to the later day
    ranked = sorted(scores, key=lambda d: (-scores[d][0], -d.toordinal()))
    picks: list[DayPick] = []
    for day in ranked:
        if len(picks) >= n_days:
            break
        chosen = _day_sentences(pool, day, per_day)
        if chosen:
            picks.append(DayPick(day, scores[day][0], tuple(chosen), scores[day][1]))
    return picks


def _day_scores(pool: _Pool, w: DayWeights) -> dict[date, tuple[float, tuple[int, ...]]]:
    pubs = [d for d in (pool.pub(i) for i in range(len(pool.analyses))) if d is not None]
    lo, hi = (min(pubs) - timedelta(days=EARLIER_DAYS), max(pubs)) if pubs else (date.min, date.max)
    out: dict[date, tuple[float, tuple[int, ...]]] = {}
    for day in set(pool.mentions) | set(pool.published):
        if not lo <= day <= hi:
            continue
        after: set[int] = set()
        same: set[int] = set()
        before: set[int] = set()
        after_sentences = 0
        for r in pool.mentions.get(day, []):
            pub = pool.pub(r.article)
            if pub is None or pub > day:
                after.add(r.article)
                after_sentences += 1
            elif pub == day:
                same.add(r.article)
            else:
                before.add(r.article)
        published = pool.published.get(day, [])
        nxt = pool.published.get(day + timedelta(days=1), []) if day < date.max else []
        pointing = after | same | before | set(published)
        outlets = {pool.analyses[i].article.outlet for i in pointing} - {None}
        score = (
            w.after * math.log1p(len(after))
            + w.after_sentences * math.log1p(after_sentences)
            + w.same * math.log1p(len(same))
            + w.before * math.log1p(len(before))
            + w.published * math.log1p(len(published))
            + w.published_next * math.log1p(len(nxt))
            + w.outlets * math.log1p(max(0, len(outlets) - 1))
        )
        out[day] = (score, tuple(sorted(pointing)))
    return out


def _day_sentences(pool: _Pool, day: date, k: int) -> list[SentenceRef]:
    refs = list(pool.mentions.get(day, []))
    if len(refs) < k:
        refs.extend(
            SentenceRef(i, s.index)
            for i in pool.published.get(day, [])
            for s in pool.analyses[i].sentences[:LEAD_SENTENCES]
        )
    refs = sorted(set(refs))
    if not refs:
        return []
    sims = _centroid_rank(pool, refs)
    score = [sims[j] * _form(pool.text(r)) for j, r in enumerate(refs)]
    order = sorted(range(len(refs)), key=lambda j: (-score[j], refs[j]))
    return _mmr(pool, [refs[j] for j in order], k)


def _form(text: str) -> float:
    """Prefer whole, mid-length sentences: not fragments, not run-ons, not quotes."""
    words = len(text.split())
    factor = 1.0
    if words < 8:
        factor *= 0.5
    elif words > 45:
        factor *= 0.7
    if text.lstrip().startswith(("``", '"', "\u201c", "'")):
        factor *= 0.8
    return factor


def _mmr(
    pool: _Pool, ranked: Sequence[SentenceRef], k: int, limit: float = 0.5
) -> list[SentenceRef]:
    out: list[SentenceRef] = []
    for r in ranked:
        if len(out) >= k:
            break
        row = pool.row[r]
        if any(pool.vectors.sim(row, pool.row[o]) > limit for o in out):
            continue
        out.append(r)
    return out


def day_scores(
    analyses: Sequence[Analysis], weights: DayWeights | None = None
) -> dict[date, tuple[float, tuple[int, ...]]]:
    """Every day the story points at (within its coverage), its score and the articles behind it."""
    return _day_scores(_pool(analyses), weights or DayWeights())
