"""Coverage: which outlets covered a story, how much, from when, and what only each reported.

Wire copies were collapsed into one stored article at ingest (``newsbrief.stories.dedupe``); the
archive passes each article's other runs (outlet, publication time) as ``copies`` so that every
outlet that ran the text is counted, and the earliest run is credited as the one that broke it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime

from newsbrief.compose.story.salience import Offers, exclusive_facts
from newsbrief.compose.story.summary import evidence_of, outlets_of
from newsbrief.models import Analysis, Coverage, CoverageCell, OutletCoverage, SummaryItem

__all__ = ["Copy", "story_coverage"]

Copy = tuple[str | None, datetime | None]  # (outlet, published) of one other run of the text
UNKNOWN_OUTLET = "unknown outlet"


def story_coverage(
    analyses: Sequence[Analysis],
    *,
    copies: Mapping[str, Sequence[Copy]] | None = None,
    exclusive_per_outlet: int = 1,
    offered: Offers | None = None,
) -> Coverage:
    copies = copies or {}
    runs: list[tuple[str, datetime | None, bool]] = []  # outlet, time, is a copy
    for a in analyses:
        art = a.article
        runs.append((art.outlet or UNKNOWN_OUTLET, art.published, False))
        for outlet, when in copies.get(art.id, ()):
            if (outlet or UNKNOWN_OUTLET) != (art.outlet or UNKNOWN_OUTLET):
                runs.append((outlet or UNKNOWN_OUTLET, when, True))
    counts = Counter(o for o, _, _ in runs)
    copy_counts = Counter(o for o, _, c in runs if c)
    first: dict[str, datetime] = {}
    for outlet, when, _ in runs:
        if when is not None and (outlet not in first or _key(when) < _key(first[outlet])):
            first[outlet] = when
    exclusive = _exclusives(analyses, exclusive_per_outlet, offered) if len(counts) > 1 else {}
    order = sorted(counts, key=lambda o: (o not in first, _key(first[o]) if o in first else 0, o))
    outlets = tuple(
        OutletCoverage(
            outlet=o,
            articles=counts[o],
            copies=copy_counts[o],
            first_report=first.get(o),
            exclusive=exclusive.get(o, ()),
        )
        for o in order
    )
    broke = order[0] if order and order[0] in first else None
    return Coverage(
        outlets=outlets,
        broke=broke,
        first_report=first.get(broke) if broke else None,
        wire_copies=sum(copy_counts.values()),
        strip=_strip(runs),
    )


def _key(t: datetime) -> float:
    return t.timestamp() if t.tzinfo is not None else t.replace(tzinfo=None).timestamp()


def _strip(runs: Sequence[tuple[str, datetime | None, bool]]) -> tuple[CoverageCell, ...]:
    cells = Counter((o, when.date().isoformat()) for o, when, _ in runs if when is not None)
    return tuple(CoverageCell(outlet=o, day=d, articles=n) for (o, d), n in sorted(cells.items()))


def _exclusives(
    analyses: Sequence[Analysis], per_outlet: int, offered: Offers | None
) -> dict[str, tuple[SummaryItem, ...]]:
    facts = exclusive_facts(analyses, per_outlet=per_outlet, offered=offered)
    out: dict[str, tuple[SummaryItem, ...]] = {}
    for outlet, picks in facts.items():
        items = []
        for f in picks:
            a = analyses[f.ref.article]
            ev = evidence_of(analyses, f.ref).model_copy(update={"start": f.start, "end": f.end})
            items.append(
                SummaryItem(
                    text=a.article.text[f.start : f.end],
                    evidence=ev,
                    outlets=outlets_of(analyses, [f.ref]),
                )
            )
        out[outlet] = tuple(items)
    return out
