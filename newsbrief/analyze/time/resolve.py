"""Anchoring relative time expressions: on the document creation time (DCT), on the last date the
text mentioned (anaphora), and on the tense of the clause (which way a bare weekday points).

Without a DCT nothing is guessed: deictic expressions get X placeholders (``XXXX-XX-XX``) or a
``*_REF`` value; absolute dates are unaffected.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal, Protocol

from newsbrief.analyze.time.points import GRANS, Point, from_date, shift, x_value
from newsbrief.models import Granularity, TimexType

Tense = Literal["past", "present", "future"]
Anchor = Literal["absolute", "document", "previous"]

# calendar-unit letter → the granularity a point moved by that unit is shown at
UNIT_GRAN = {
    "D": "day",
    "W": "week",
    "WE": "week",
    "W2": "week",
    "M": "month",
    "Q": "quarter",
    "Y": "year",
    "DE": "decade",
    "CE": "century",
}


@dataclass(frozen=True)
class Norm:
    """A normalized expression: TimeML type and value, and the point it denotes (if a date)."""

    type: TimexType
    value: str
    gran: Granularity
    anchor: Anchor = "document"
    point: Point | None = None
    anchors_next: bool = True  # False: a comparison date ("a year earlier") that no later
    # anaphor should anchor on
    start: int | None = None  # extent override: where the expression starts inside the match


class Probe(Protocol):
    """Part-of-speech lookups by character offset (the parse, seen from the rules)."""

    def tag(self, offset: int) -> str: ...

    def word_before(self, offset: int) -> str: ...

    def looks_like_year(self, start: int, end: int) -> bool: ...


class NullProbe:
    """No parse: every word is untagged and every four-digit year is a year."""

    def tag(self, offset: int) -> str:
        return ""

    def word_before(self, offset: int) -> str:
        return ""

    def looks_like_year(self, start: int, end: int) -> bool:
        return True


@dataclass
class Ctx:
    """What a rule needs to anchor an expression."""

    dct: Point | None
    prev: Point | None = None
    tense: Tense | None = None
    sentence: int = 0
    probe: Probe = field(default_factory=lambda: NullProbe())

    def tag(self, offset: int) -> str:
        return self.probe.tag(offset)

    def word_before(self, offset: int) -> str:
        return self.probe.word_before(offset)

    def looks_like_year(self, start: int, end: int) -> bool:
        return self.probe.looks_like_year(start, end)

    @property
    def direction(self) -> int:
        """-1 looks back (past tense or none), +1 forward (present, future)."""
        return 1 if self.tense in ("future", "present") else -1

    def base(self) -> Point | None:
        """The anchor of an anaphoric expression: the last mentioned date, else the DCT."""
        return self.prev if self.prev is not None else self.dct


def comparison(norm: Norm) -> Norm:
    """Mark a comparison date ("a year earlier", "the year-ago quarter") as no anaphora anchor."""
    return replace(norm, anchors_next=False)


def ref(value: str, type_: TimexType = "DATE") -> Norm:
    return Norm(type_, value, "fuzzy")


def absolute(p: Point, type_: TimexType = "DATE") -> Norm:
    return Norm(type_, p.value, p.model_gran, "absolute", p)


def at(p: Point | None, gran: str, anchor: Anchor, type_: TimexType = "DATE") -> Norm:
    """The point ``p`` seen at granularity ``gran`` (X placeholders when ``p`` is unknown)."""
    if p is None:
        return Norm(type_, x_value(gran), Point(gran, None).model_gran, anchor)
    q = p.with_gran(gran) if gran != p.gran else p
    return Norm(type_, q.value, q.model_gran, anchor, q)


def dct_shift(ctx: Ctx, gran: str, unit: str, n: int) -> Norm:
    """The DCT moved by ``n`` units, shown at ``gran`` ("last month" = DCT month − 1)."""
    if ctx.dct is None:
        return at(None, gran, "document")
    moved = shift(ctx.dct.with_gran(gran), unit, n)
    return at(moved, gran, "document")


def anaphoric_shift(ctx: Ctx, unit: str, n: int, gran: str | None = None) -> Norm:
    """The last mentioned date moved by ``n`` units ("the previous day", "a year earlier")."""
    base = ctx.base()
    anchor: Anchor = "previous" if ctx.prev is not None else "document"
    unit_gran = UNIT_GRAN.get(unit, "day")
    if base is None or GRANS.index(base.gran) < GRANS.index(unit_gran):
        # a year cannot anchor "the day before": 2012 less a day is no date ("31 Dec 2011")
        return at(None, gran or unit_gran, anchor)
    g = gran or _finer(base.gran, unit_gran)
    moved = shift(base.with_gran(g) if g != base.gran else base, unit, n)
    return at(moved, g, anchor)


def _finer(a: str, b: str) -> str:
    return a if GRANS.index(a) > GRANS.index(b) else b


def weekday(ctx: Ctx, dow: int, rel: str = "") -> Norm:
    """A weekday: by tense from the DCT, or ``last``/``next``/``this``, or anaphoric."""
    if rel in ("the previous", "the following", "that", "the same"):
        base = ctx.base()
        anchor: Anchor = "previous" if ctx.prev is not None else "document"
    else:
        base, anchor = ctx.dct, "document"
    if base is None or base.year is None:
        return Norm("DATE", "XXXX-XX-XX", "day", anchor)
    d = date(base.year, base.month, base.day)
    delta = dow - d.isoweekday()
    if rel in ("last", "the previous", "this past"):
        delta = delta - 7 if delta >= 0 else delta
    elif rel in ("next", "the following", "this coming", "coming"):
        delta = delta + 7 if delta <= 0 else delta
    elif rel != "this":
        delta = _toward(delta, ctx.direction)
    return at(from_date(d + timedelta(days=delta), "day"), "day", anchor)


def _toward(delta: int, direction: int) -> int:
    """Move a same-week weekday offset (−6..6) to the past or the future side of the DCT."""
    if direction < 0:
        return delta - 7 if delta > 0 else delta
    return delta + 7 if delta < 0 else delta


def month_day(
    ctx: Ctx, month: int, day: int, year: int | None = None, dow: int | None = None
) -> Norm:
    """``Sept. 30``: the year from the text, else the DCT year chosen by tense (and weekday)."""
    if year is not None:
        return absolute(_safe_day(year, month, day))
    if ctx.dct is None or ctx.dct.year is None:
        return Norm("DATE", f"XXXX-{month:02d}-{day:02d}", "day", "document")
    y = ctx.dct.year
    options = [date(c, month, day) for c in (y - 1, y, y + 1) if _valid(c, month, day)]
    if not options:
        return Norm("DATE", f"XXXX-{month:02d}-{day:02d}", "day", "document")
    if dow is not None and any(d.isoweekday() == dow for d in options):
        options = [d for d in options if d.isoweekday() == dow]
    return at(from_date(pick_date(ctx, options), "day"), "day", "document")


def pick_date(ctx: Ctx, options: list[date]) -> date:
    """The candidate (one per year) that fits the DCT and the tense best."""
    if ctx.dct is None or ctx.dct.year is None:
        return options[0]
    dct = date(ctx.dct.year, ctx.dct.month, ctx.dct.day)
    return min(options, key=lambda d: _cost((d - dct).days, ctx.tense, 183))


def month_only(ctx: Ctx, month: int, year: int | None = None, rel: str = "") -> Norm:
    """``March``, ``last November``, ``June 1998``."""
    if year is not None:
        return absolute(Point("month", year, month))
    if ctx.dct is None or ctx.dct.year is None:
        return Norm("DATE", f"XXXX-{month:02d}", "month", "document")
    y = ctx.dct.year
    if rel in ("last", "this past"):
        y = y if month < ctx.dct.month else y - 1
    elif rel in ("next", "this coming"):
        y = y if month > ctx.dct.month else y + 1
    elif rel != "this":
        now = ctx.dct.year * 12 + ctx.dct.month
        y = min((y - 1, y, y + 1), key=lambda c: _cost(c * 12 + month - now, ctx.tense, 6))
    return at(Point("month", y, month), "month", "document")


def _cost(ahead: int, tense: Tense | None, half: int) -> float:
    """How unlikely a date ``ahead`` units after the DCT is, given the tense of its clause.

    Past clauses prefer dates before the DCT, future ones dates after it, but a date just a
    little on the "wrong" side (a past-tense report of next month's summit) still beats one a
    whole year away on the right side.
    """
    grace = half // 3
    if tense == "past" and ahead > grace:
        return abs(ahead) + half
    if tense == "future" and ahead < -grace:
        # what "will" happen is not months gone: "will play Shoreline on Sept. 12" in November
        # is next September's (the half-year penalty alone still took this one's)
        return abs(ahead) + 2 * half
    return abs(ahead)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _safe_day(year: int, month: int, day: int) -> Point:
    try:
        return from_date(date(year, month, day), "day")
    except ValueError:
        return Point("month", year, month)


def cyclic(ctx: Ctx, gran: str, index: int, rel: str, period: int) -> Point | None:
    """A season or quarter (``index`` within the year) picked relative to the DCT by ``rel``."""
    if ctx.dct is None or ctx.dct.year is None:
        return None
    now = ctx.dct.with_gran(gran)
    assert now.year is not None
    k_now = now.year * period + now.sub - (0 if gran == "season" else 1)
    k = now.year * period + index
    if rel in ("last", "this past", "the past"):
        while k >= k_now:
            k -= period
    elif rel in ("next", "this coming", "the coming"):
        while k <= k_now:
            k += period
    elif rel in ("", "the", "early", "late", "mid") and ctx.tense == "past" and k > k_now:
        k -= period
    y, i = divmod(k, period)
    return Point(gran, y, sub=i if gran == "season" else i + 1)
