"""The Story So Far of a story: one merged timeline over every article.

Each article's dated events (time expressions normalized against that article's own publication
date, and today's development dated by publication) are pooled. Events on the same date that say
mostly the same thing are one entry, listing every article and outlet that reports it. Entries
are chosen by support (how many articles and outlets point at the date, the day-level weights of
``newsbrief.compose.story.dates`` for day dates) and by how central their words are to the story;
the best-formed clause speaks for each. A date shows its best entry, and a second one only when
that is another development by another actor (a ruling and a dissent from it) and the timeline
has room. When the same event is dated differently by two sources (day dates at most three days
apart, heavy word overlap, different articles), the entry keeps the better-supported date and
says so in ``date_note`` rather than silently picking one.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from newsbrief.compose.courts import ranked_courts
from newsbrief.compose.story.dates import DayWeights, SentenceRef, day_scores
from newsbrief.compose.story.doers import another_development
from newsbrief.compose.story.form import form_penalty, unfit
from newsbrief.compose.story.summary import outlets_of
from newsbrief.compose.story.vectors import TfIdf
from newsbrief.compose.timeline import date_label, readable, says_who, story_so_far
from newsbrief.compose.trim import content_words, opens_dangling, overlap
from newsbrief.models import Analysis, Event, TimelineEntry

__all__ = ["story_timeline"]

MAX_ENTRIES = 12
PER_DATE = 2  # lines on one date: its best, and one more by another actor (``_choose``)
SAME_EVENT = 0.45  # word overlap of two clauses on one date taken as one event
CONFLICT_OVERLAP = 0.6
CONFLICT_DAYS = 3
_PRONOUN = re.compile(r"(?:he|she|they|it|this|that|these|those|his|her|their|its)\b", re.I)
MIN_WORDS = 6  # a shorter clause is a fragment ("what we attempted to do")
LONG_STORY_DAYS = 60  # a story published over this long runs its timeline across that time
WINDOWS = MAX_ENTRIES // 2  # stretches of a long story's time that each get a line first


@dataclass
class _Cluster:
    date: str
    sort_key: str
    granularity: str
    members: list[tuple[int, Event]] = field(default_factory=list)
    current: bool = False
    notes: dict[str, list[str]] = field(default_factory=dict)  # date label -> outlets

    @property
    def articles(self) -> set[int]:
        return {i for i, _ in self.members}


def story_timeline(analyses: Sequence[Analysis]) -> tuple[TimelineEntry, ...]:
    """The merged timeline of ``analyses`` (oldest article first, the newest last)."""
    if len(analyses) <= 1:
        return story_so_far(analyses)
    clusters = _cluster(_events(analyses))
    clusters = _settle_conflicts(clusters, analyses)
    ranked = _rank(clusters, analyses)
    chosen = _choose(ranked, analyses)
    newest = analyses[-1].article.published
    today = newest.date().isoformat() if newest is not None else None
    # a date's lines in rank order, but today's development ends today's date
    chosen.sort(key=lambda c: (c.sort_key, c.current and today is not None and c.date >= today))
    for c in chosen:
        c.current = False
    if chosen and today is not None and chosen[-1].date[:10] >= today:
        chosen[-1].current = True  # the timeline ends with today's development
    return tuple(_entry(c, analyses) for c in chosen)


def _events(analyses: Sequence[Analysis]) -> list[tuple[int, Event, bool]]:
    newest = len(analyses) - 1
    out: list[tuple[int, Event, bool]] = []
    for i, a in enumerate(analyses):
        pub = a.article.published.date().isoformat() if a.article.published else None
        for e in a.events:
            if not e.date or not e.date[:1].isdigit() or not e.sort_key[:1].isdigit():
                continue
            if pub is not None and e.sort_key[:10] > pub:
                continue  # a plan, not history
            sentence = a.sentences[e.evidence.sentence_index].text
            short = len(e.predicate.split()) < MIN_WORDS
            if unfit(sentence) or short or form_penalty(e.predicate) >= 0.5:
                continue
            if "T" in e.date:  # a time of day: the day is what the timeline shows
                e = e.model_copy(update={"date": e.date[:10], "granularity": "day"})
            out.append((i, e, e.is_current and i == newest))
    return out


def _cluster(items: list[tuple[int, Event, bool]]) -> list[_Cluster]:
    by_date: dict[str, list[_Cluster]] = {}
    firsts: dict[int, set[str]] = {}  # the words of each cluster's first clause
    for i, e, current in items:
        assert e.date is not None
        words = content_words(e.predicate)
        bucket = by_date.setdefault(e.date, [])
        home = next((c for c in bucket if overlap(words, firsts[id(c)]) >= SAME_EVENT), None)
        if home is None:
            home = _Cluster(e.date, e.sort_key, e.granularity)
            firsts[id(home)] = words
            bucket.append(home)
        home.members.append((i, e))
        home.current = home.current or current
    return [c for bucket in by_date.values() for c in bucket]


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _settle_conflicts(clusters: list[_Cluster], analyses: Sequence[Analysis]) -> list[_Cluster]:
    """Merge one event dated differently by different sources; keep the note.

    Only clusters at most ``CONFLICT_DAYS`` apart are compared (a window over the sorted days),
    so the cost stays linear in the number of clusters for a story spread over time.
    """
    days = sorted(
        ((d, c) for c in clusters if (d := _day(c.date)) is not None and _explicit(c)),
        key=lambda t: t[0],
    )
    ordinals = [d.toordinal() for d, _ in days]
    dated = _sentence_days(analyses)
    words = {id(c): content_words(c.members[0][1].predicate) for _, c in days}
    gone: set[int] = set()
    for a_day, a in sorted(days, key=lambda t: -len(t[1].articles)):
        if id(a) in gone:
            continue
        wa = words[id(a)]
        lo = bisect.bisect_left(ordinals, a_day.toordinal() - CONFLICT_DAYS)
        hi = bisect.bisect_right(ordinals, a_day.toordinal() + CONFLICT_DAYS)
        for _, b in days[lo:hi]:
            if b is a or id(b) in gone or b.date == a.date or a.articles & b.articles:
                continue
            if overlap(wa, words[id(b)]) < CONFLICT_OVERLAP:
                continue
            if _mentions(a, b.date, dated) or _mentions(b, a.date, dated):
                continue  # a sentence dating both ("sank on 22 April after the 20 April blast")
            if not a.notes:
                a.notes[date_label(a.date)] = list(outlets_of(analyses, _refs(a)))
            a.notes[date_label(b.date)] = list(outlets_of(analyses, _refs(b)))
            a.members.extend(b.members)
            gone.add(id(b))
    return [c for c in clusters if id(c) not in gone]


def _explicit(c: _Cluster) -> bool:
    """Every source of the cluster writes the date out ("3 March 2024"), none infers it from a
    weekday or "yesterday": only such dates can be said to disagree."""
    return all(e.timex is not None and e.timex.anchor == "absolute" for _, e in c.members)


def _sentence_days(analyses: Sequence[Analysis]) -> dict[tuple[int, int], set[str]]:
    """The day values each sentence's time expressions resolve to."""
    out: dict[tuple[int, int], set[str]] = {}
    for i, a in enumerate(analyses):
        for t in a.timexes:
            if t.type == "DATE" and len(t.value) >= 10:
                out.setdefault((i, t.sentence_index), set()).add(t.value[:10])
    return out


def _mentions(c: _Cluster, day: str, dated: dict[tuple[int, int], set[str]]) -> bool:
    return any(day in dated.get((i, e.evidence.sentence_index), ()) for i, e in c.members)


def _refs(c: _Cluster) -> list[SentenceRef]:
    return [SentenceRef(i, e.evidence.sentence_index) for i, e in c.members]


def _rank(clusters: list[_Cluster], analyses: Sequence[Analysis]) -> list[_Cluster]:
    texts = [" ".join(e.predicate for _, e in c.members) for c in clusters]
    vectors = TfIdf(texts)
    centre = vectors.to_centroid(range(len(texts)))
    days = day_scores(analyses, DayWeights())
    scores: dict[int, float] = {}
    for k, c in enumerate(clusters):
        outlets = {analyses[i].article.outlet for i in c.articles} - {None}
        score = 2 * math.log1p(len(c.articles)) + math.log1p(max(0, len(outlets) - 1))
        day = _day(c.date)
        if day is not None and day in days:
            score += 0.5 * days[day][0]
        scores[id(c)] = score + 2 * centre[k] + (0.5 if c.granularity == "day" else 0.0)
    return sorted(clusters, key=lambda c: (-scores[id(c)], c.sort_key))


def _choose(ranked: list[_Cluster], analyses: Sequence[Analysis]) -> list[_Cluster]:
    """The best entry of each date, best dates first; then, while room remains, a second line
    on a day already kept when it is another development by another actor (a ruling and a
    justice's dissent from it; see ``doers``). A month or a year holds too much for a second
    line to be news of its own day. The second pass only adds lines: the dates are those the
    first pass picked, and the total stays within ``MAX_ENTRIES``."""
    kept: list[_Cluster] = []
    by_date: dict[str, list[_Cluster]] = {}
    sentences: set[tuple[int, int]] = set()

    def take(c: _Cluster) -> None:
        i, e = _best(c, analyses)
        sentences.add((i, e.evidence.sentence_index))
        by_date.setdefault(c.date, []).append(c)
        kept.append(c)

    def fresh(c: _Cluster) -> bool:
        i, e = _best(c, analyses)
        return (i, e.evidence.sentence_index) not in sentences

    for c in _across_the_span(ranked, analyses):
        if c.date not in by_date and fresh(c):
            take(c)
    for c in ranked:
        if len(kept) >= MAX_ENTRIES:
            return kept
        if c.date not in by_date and fresh(c):
            take(c)
    courts = ranked_courts(a for analysis in analyses for a in analysis.actors)
    for c in ranked:
        if len(kept) >= MAX_ENTRIES:
            break
        lines = by_date.get(c.date, [])
        if not lines or len(lines) >= PER_DATE or any(c is d for d in lines) or not fresh(c):
            continue
        if c.granularity == "day" and another_development(
            c.members, (d.members for d in lines), analyses, courts
        ):
            take(c)
    return kept


def _across_the_span(ranked: list[_Cluster], analyses: Sequence[Analysis]) -> list[_Cluster]:
    """For a story told over months (an arc: a war, an epidemic), the best entry of each of
    ``WINDOWS`` equal stretches of the time its articles were published, so that The Story So
    Far runs the story's length: ranked by support alone, its lines all fell in the last few
    months, which later articles recap most. A shorter story keeps the ranking as it is."""
    days = sorted(a.article.published.date() for a in analyses if a.article.published)
    if not days or (days[-1] - days[0]).days < LONG_STORY_DAYS:
        return []
    width = (days[-1] - days[0]).days / WINDOWS
    best: dict[int, _Cluster] = {}
    for c in ranked:
        start = _start(c)
        if start is None or not days[0] <= start <= days[-1]:
            continue
        best.setdefault(min(WINDOWS - 1, int((start - days[0]).days // width)), c)
    return [best[w] for w in sorted(best)]


def _start(c: _Cluster) -> date | None:
    """The first day of the cluster's date ("2011-08" starts on 1 August)."""
    key = c.sort_key[:10]
    for form in (key, key[:7] + "-01", key[:4] + "-01-01"):
        day = _day(form)
        if day is not None:
            return day
    return None


def _best(c: _Cluster, analyses: Sequence[Analysis]) -> tuple[int, Event]:
    """The best-formed clause: standing alone (no opening pronoun, no dateline bits), mid-length,
    from nearest the top of its article, and holding its date (see ``_dated_far``)."""

    def form(item: tuple[int, Event]) -> tuple[float, int, int]:
        text = item[1].predicate
        shape = -abs(len(text.split()) - 18) / 18 - form_penalty(text)
        if opens_dangling(text) or _PRONOUN.match(text) or not says_who(text):
            shape -= 0.5
        if _dated_far(item[1], analyses[item[0]]):
            shape -= 0.5
        return (round(shape, 3), -item[1].evidence.sentence_index, -item[0])

    return max(c.members, key=form)


_FAR = 20  # characters between a clause's end and its date that leave the date to another


def _dated_far(event: Event, analysis: Analysis) -> bool:
    """Whether the clause shown ends well before the date that dates it: "The cap would be 133
    times greater than the $75m bill that BP, which operated the Deepwater Horizon rig [, faces
    … following its explosion on 20 April]" is no account of 20 April; a clause another
    article writes around the date ("the Deepwater Horizon rig exploded on 20 April") is."""
    timex = event.timex
    if timex is None:
        return False
    sentence = analysis.sentences[event.evidence.sentence_index]
    at = sentence.text.find(event.predicate)
    if at < 0:
        return False
    return timex.start - sentence.start > at + len(event.predicate) + _FAR


def _entry(c: _Cluster, analyses: Sequence[Analysis]) -> TimelineEntry:
    i, e = _best(c, analyses)
    seen = {i}
    also = []
    for j, other in c.members:
        if j not in seen:
            seen.add(j)
            also.append(other.evidence)
    note = None
    if len(c.notes) > 1:
        note = "Sources differ on the date: " + "; ".join(
            f"{label} ({', '.join(outlets) or 'unnamed outlet'})"
            for label, outlets in c.notes.items()
        )
    entry = TimelineEntry(
        date=c.date,
        date_label=date_label(c.date),
        granularity=e.granularity,
        text=e.predicate,
        is_current=c.current,
        evidence=e.evidence,
        also=tuple(also),
        outlets=outlets_of(analyses, _refs(c)),
        date_note=note,
    )
    return readable(entry, analyses[i])  # the whole sentence where the clause does not say who
