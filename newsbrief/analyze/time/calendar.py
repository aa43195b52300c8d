"""The calendar half of the grammar: quarters and halves, reporting periods ("the year-ago
quarter"), seasons, holidays and clock times.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsbrief.analyze.time.lexicon import SEASONS
from newsbrief.analyze.time.points import Point, from_date
from newsbrief.analyze.time.resolve import (
    Ctx,
    Norm,
    absolute,
    anaphoric_shift,
    at,
    comparison,
    cyclic,
    dct_shift,
    month_day,
    pick_date,
    weekday,
)
from newsbrief.analyze.time.rules import (
    MONTH,
    WEEKDAY,
    day_group,
    month_of,
    norm_rel,
    rule,
    to_day,
    to_year,
    weekday_of,
    without_det,
    year_group,
)

# ----------------------------------------------------------------------------- quarters, halves


_QUARTER_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
                "4th": 4, "final": 4, "last": 4, "latter": 2}  # fmt: skip


@rule(
    "quarter",
    r"(?:(?P<det>the|its|this|that|a)\s+)?"
    r"(?:(?P<poss>this\s+year's|last\s+year's|next\s+year's|(?:1[89]|20)\d\d's)\s+)?"
    r"(?:(?:comparable|corresponding|same|flat|seasonally\s+slow|traditionally\s+strong)\s+)?"
    r"(?:(?P<adj>year[-\s]ago|year[-\s]earlier|latest|current|previous|prior|most\s+recent|coming"
    rf"|{year_group('adjyear')})[\s-]+)?"
    r"(?:fiscal[\s-]+)?(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+)?"
    r"(?:fiscal[\s-]+)?(?P<unit>quarter)(?![\w-])"
    rf"(?:\s+of\s+(?:fiscal\s+)?(?:{year_group('ofyear')}|(?P<ofrel>this|last|next|the)\s+year))?"
    r"(?P<ago>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?",
)
def _quarter(m: re.Match[str], ctx: Ctx) -> Norm | None:
    out = _quarter_norm(m, ctx)
    if out is not None and (re.search(r"-quarter", m.group(0), re.I) or m.group("det") == "its"):
        return without_det(m, out)
    return out


def _quarter_norm(m: re.Match[str], ctx: Ctx) -> Norm | None:
    det, adj, ordinal = norm_rel(m.group("det")), norm_rel(m.group("adj")), m.group("ord")
    if not (det or adj or ordinal or m.group("poss")):
        return None  # a bare "quarter" is mostly a fraction
    if det == "a" and not ordinal and not adj:
        return None
    year = _quarter_year(m, ctx)
    if ordinal:
        return _quarter_point(ctx, _QUARTER_ORD[ordinal.lower()], year, m, adj)
    if adj in ("current",) or det == "this":
        base = ctx.dct.with_gran("quarter") if ctx.dct else None
    elif ctx.prev is not None and ctx.prev.gran == "quarter":
        base = ctx.prev
    else:
        base = _last_quarter(ctx)
    if base is None:
        return Norm("DATE", "XXXX-QX", "quarter", "document")
    if adj.startswith("year") or m.group("ago"):
        return comparison(anaphoric_shift(Ctx(dct=ctx.dct, prev=base), "Y", -1, "quarter"))
    if year is not None:
        return absolute(Point("quarter", year, sub=base.sub))
    return at(base, "quarter", "previous" if ctx.prev is base else "document")


def _quarter_year(m: re.Match[str], ctx: Ctx) -> int | None:
    for group in ("adjyear", "ofyear"):
        if m.group(group):
            return to_year(m.group(group))
    poss = norm_rel(m.group("poss")) or norm_rel(m.group("ofrel"))
    if poss[:4].isdigit():
        return int(poss[:4])
    if ctx.dct is None or ctx.dct.year is None or not poss:
        return None
    for word, n in (("this", 0), ("last", -1), ("next", 1), ("the", 0)):
        if poss.startswith(word):
            return ctx.dct.year + n
    return None


def _quarter_point(ctx: Ctx, q: int, year: int | None, m: re.Match[str], adj: str) -> Norm:
    ago = bool(m.group("ago")) or adj.startswith("year")
    if year is None:
        if ctx.dct is None or ctx.dct.year is None:
            return Norm("DATE", f"XXXX-Q{q}", "quarter", "document")
        now = ctx.dct.with_gran("quarter")
        year = ctx.dct.year - (1 if q > now.sub and ctx.tense != "future" else 0)
    out = absolute(Point("quarter", year - (1 if ago else 0), sub=q))
    return comparison(out) if ago else out


def _last_quarter(ctx: Ctx) -> Point | None:
    if ctx.dct is None or ctx.dct.year is None:
        return None
    now = ctx.dct.with_gran("quarter")
    k = now.year * 4 + now.sub - 2 if now.year is not None else 0
    return Point("quarter", k // 4, sub=k % 4 + 1)


@rule(
    "half",
    r"(?:(?P<det>the|its|this\s+year's|last\s+year's|next\s+year's)\s+)?"
    r"(?P<ord>first|second|last|latter|1st|2nd)[\s-]+half"
    rf"(?:\s+of\s+(?:(?:the\s+|fiscal\s+)?{year_group('ofyear')}|(?P<ofrel>this|last|next|the)\s+year))?"
    r"(?![\w-])",
)
def _half(m: re.Match[str], ctx: Ctx) -> Norm | None:
    half = 1 if m.group("ord").lower() in ("first", "1st") else 2
    year = to_year(m.group("ofyear"))
    rel = norm_rel(m.group("ofrel")) or norm_rel(m.group("det"))
    if year is None and ctx.dct is not None and ctx.dct.year is not None:
        year = ctx.dct.year + (-1 if rel.startswith("last") else 1 if rel.startswith("next") else 0)
    if year is None:
        return Norm("DATE", f"XXXX-H{half}", "quarter", "document")
    return absolute(Point("half", year, sub=half))


@rule(
    "period",
    r"(?:the\s+)?(?:(?P<adj>comparable|corresponding|same|year[-\s]ago|year[-\s]earlier|latest"
    rf"|{year_group('year')})\s+)+period"
    r"(?P<ago>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+(?:last|the\s+previous)\s+year))?(?![\w-])",
)
def _period(m: re.Match[str], ctx: Ctx) -> Norm | None:
    text = m.group(0).lower()
    base = ctx.prev if ctx.prev is not None and ctx.prev.gran != "day" else _last_quarter(ctx)
    if m.group("year"):
        year = to_year(m.group("year"))
        if year is None:
            return None
        if base is not None and base.gran in ("quarter", "half", "month", "season"):
            return absolute(Point(base.gran, year, base.month, sub=base.sub))
        return absolute(Point("year", year))
    if "latest" in text and not m.group("ago"):
        return at(base, base.gran if base else "quarter", "previous")
    shifted = anaphoric_shift(Ctx(dct=ctx.dct, prev=base), "Y", -1, base.gran if base else "year")
    return comparison(shifted)


# ----------------------------------------------------------------------------- seasons, holidays


@rule(
    "season",
    r"(?:(?P<rel>this\s+past|this\s+coming|the\s+coming|the\s+past|this|last|next|the|that)\s+)?"
    r"(?:(?P<mod>early|late|mid)[-\s]+)?(?P<season>spring|summer|fall|autumn|winter)"
    rf"(?:\s+of\s+(?:{year_group('ofyear')}|(?P<ofrel>this|last|next)\s+year)|\s+{year_group('year')})?"
    r"(?![\w-])",
)
def _season(m: re.Match[str], ctx: Ctx) -> Norm | None:
    rel = norm_rel(m.group("rel"))
    word = m.group("season")
    year = to_year(m.group("ofyear") or m.group("year"))
    if not rel and not m.group("mod") and year is None and ctx.tag(m.start("season"))[:2] != "NN":
        return None
    idx = ("SP", "SU", "FA", "WI").index(SEASONS[word.lower()])
    if year is not None:
        return absolute(Point("season", year, sub=idx))
    if rel == "that" and ctx.prev is not None and ctx.prev.year is not None:
        return at(Point("season", ctx.prev.year, sub=idx), "season", "previous")
    if m.group("ofrel") and ctx.dct is not None and ctx.dct.year is not None:
        n = {"this": 0, "last": -1, "next": 1}[m.group("ofrel").lower()]
        return at(Point("season", ctx.dct.year + n, sub=idx), "season", "document")
    point = cyclic(ctx, "season", idx, rel or norm_rel(m.group("mod")), 4)
    return at(point, "season", "document")


_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year's": (1, 1),
    "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
    "boxing day": (12, 26), "veterans day": (11, 11), "bastille day": (7, 14),
}  # fmt: skip


@rule(
    "holiday",
    r"(?:(?P<rel>last|next|this)\s+)?(?P<hol>(?-i:Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?"
    r"|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Independence\s+Day|Labor\s+Day|Memorial\s+Day"
    r"|Election\s+Day|Halloween|Valentine's\s+Day|Boxing\s+Day|Veterans\s+Day|Bastille\s+Day))"
    rf"(?:,?\s+{year_group('year')})?(?![\w-])",
)
def _holiday(m: re.Match[str], ctx: Ctx) -> Norm | None:
    name = " ".join(m.group("hol").lower().split())
    year = to_year(m.group("year"))
    if year is None and ctx.dct is not None and ctx.dct.year is not None:
        year = ctx.dct.year + {"last": -1, "next": 1}.get(norm_rel(m.group("rel")), 0)
    if name in _HOLIDAYS:
        month, day = _HOLIDAYS[name]
        if year is None:
            return Norm("DATE", f"XXXX-{month:02d}-{day:02d}", "day", "document")
        if m.group("year") or m.group("rel"):
            return absolute(Point("day", year, month, day))
        return month_day(ctx, month, day)
    if year is None:
        return None
    if m.group("year") or m.group("rel"):
        return absolute(from_date(movable_feast(name, year), "day"))
    options = [movable_feast(name, y) for y in (year - 1, year, year + 1)]
    return at(from_date(pick_date(ctx, options), "day"), "day", "document")


def movable_feast(name: str, year: int) -> date:
    """Thanksgiving (4th Thursday of November), Labor Day, Memorial Day, Election Day, Easter."""
    if name.startswith("easter"):
        return _easter(year)
    if name.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 4, 4)
    if name == "labor day":
        return _nth_weekday(year, 9, 1, 1)
    if name == "memorial day":
        last = _nth_weekday(year, 5, 1, 4)
        return last + timedelta(days=7) if (last + timedelta(days=7)).month == 5 else last
    return _nth_weekday(year, 11, 1, 1) + timedelta(days=1)  # election day


def _nth_weekday(year: int, month: int, iso_dow: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (iso_dow - first.isoweekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


# ----------------------------------------------------------------------------- clock times


@rule(
    "clock",
    r"(?:(?P<q>around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
    r"(?:(?P<hh>[01]?\d|2[0-3])(?::(?P<mm>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.?|[ap]m(?![\w]))"
    r"|(?P<hh2>[01]?\d|2[0-3]):(?P<mm2>[0-5]\d)(?=\s+(?:[ECMP][SD]T|GMT|UTC))"
    r"|(?P<word>noon|midnight|midday))"
    r"(?:\s+(?P<tz>[ECMP][SD]T|GMT|UTC)(?![\w]))?"
    rf"(?:,?\s+(?:(?P<wd>{WEEKDAY})|(?P<dw>today|yesterday|tomorrow|tonight)"
    rf"|(?P<month>{MONTH})\s+{day_group('day')}))?(?![\w])",
)
def _clock(m: re.Match[str], ctx: Ctx) -> Norm | None:
    hhmm = _clock_value(m)
    if hhmm is None:
        return None
    if m.group("wd"):
        day = weekday(ctx, weekday_of(m.group("wd"))).point
    elif m.group("dw"):
        n = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m.group("dw").lower()]
        day = dct_shift(ctx, "day", "D", n).point
    elif m.group("month"):
        day = month_day(ctx, month_of(m.group("month")), to_day(m.group("day"))).point
    else:
        day = ctx.prev if ctx.prev is not None and ctx.prev.gran in ("day", "time") else ctx.dct
    if day is None or day.year is None or day.gran not in ("day", "time"):
        return Norm("TIME", f"XXXX-XX-XXT{hhmm}", "time", "document")
    p = Point("time", day.year, day.month, day.day, time=hhmm)
    return Norm("TIME", p.value, "time", "document", p)


def _clock_value(m: re.Match[str]) -> str | None:
    word = (m.group("word") or "").lower()
    if word:
        return "24:00" if word == "midnight" else "12:00"
    hh = int(m.group("hh") or m.group("hh2"))
    mm = int(m.group("mm") or m.group("mm2") or 0)
    ampm = (m.group("ampm") or "").lower()
    if ampm.startswith("p") and hh < 12:
        hh += 12
    elif ampm.startswith("a") and hh == 12:
        hh = 0
    return f"{hh:02d}:{mm:02d}" if hh <= 24 else None
