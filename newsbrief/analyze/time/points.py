"""Calendar points at a granularity, shifted by calendar units and written as TimeML values.

A ``Point`` is "a day", "a month", "a quarter", ... with the fields its granularity needs; its
``value`` is the TimeML string (``2024-06-11``, ``2024-W24``, ``2024-Q2``, ``2024-SU``, ``199`` for
the 1990s, ``19`` for the 20th century). A missing year prints as ``XXXX``.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from newsbrief.models import Granularity

# Granularities from coarse to fine; "half" and "season" sit between year and month.
GRANS = ("century", "decade", "year", "half", "season", "quarter", "month", "week", "day", "time")
SEASON_CODES = ("SP", "SU", "FA", "WI")
_SEASON_START = {0: 3, 1: 6, 2: 9, 3: 12}
_MODEL_GRAN: dict[str, Granularity] = {
    "century": "decade",
    "decade": "decade",
    "year": "year",
    "half": "quarter",
    "season": "season",
    "quarter": "quarter",
    "month": "month",
    "week": "week",
    "day": "day",
    "time": "time",
}


@dataclass(frozen=True)
class Point:
    """A calendar unit: ``gran`` says which fields matter (``sub`` = quarter, half or season)."""

    gran: str
    year: int | None
    month: int = 1
    day: int = 1
    sub: int = 0
    time: str = ""

    @property
    def model_gran(self) -> Granularity:
        return _MODEL_GRAN[self.gran]

    @property
    def value(self) -> str:
        return point_value(self)

    def as_date(self) -> date | None:
        """The first day of the point (``None`` when the year is unknown)."""
        if self.year is None:
            return None
        if self.gran in ("day", "week", "time"):
            return date(self.year, self.month, self.day)
        return date(self.year, _first_month(self), 1)

    def with_gran(self, gran: str) -> Point:
        """The point at another granularity (coarser or finer, keeping the first day)."""
        d = self.as_date()
        if d is None or gran in ("decade", "century"):
            return replace(self, gran=gran)
        return from_date(d, gran)


def _first_month(p: Point) -> int:
    if p.gran == "quarter":
        return 3 * (p.sub - 1) + 1
    if p.gran == "half":
        return 6 * (p.sub - 1) + 1
    if p.gran == "season":
        return _SEASON_START[p.sub]
    if p.gran in ("month", "day", "week", "time"):
        return p.month
    return 1


def from_date(d: date | datetime, gran: str) -> Point:
    """The point of granularity ``gran`` that contains day ``d``."""
    y, m = d.year, d.month
    if gran == "quarter":
        return Point("quarter", y, sub=(m - 1) // 3 + 1)
    if gran == "half":
        return Point("half", y, sub=1 if m <= 6 else 2)
    if gran == "season":
        idx = 3 if m in (12, 1, 2) else (m - 3) // 3
        return Point("season", y - 1 if m in (1, 2) else y, sub=idx)
    if gran == "decade":
        return Point("decade", y - y % 10)
    if gran == "century":
        return Point("century", y - y % 100)
    if gran == "year":
        return Point("year", y)
    if gran == "month":
        return Point("month", y, m)
    time = f"{d.hour:02d}:{d.minute:02d}" if isinstance(d, datetime) and gran == "time" else ""
    return Point(gran, y, m, d.day, time=time)


def point_value(p: Point) -> str:
    y = "XXXX" if p.year is None else f"{p.year:04d}"
    if p.gran == "century":
        return "XX" if p.year is None else f"{p.year // 100:02d}"
    if p.gran == "decade":
        return "XXX" if p.year is None else f"{p.year // 10:03d}"
    if p.gran == "year":
        return y
    if p.gran == "quarter":
        return f"{y}-Q{p.sub}"
    if p.gran == "half":
        return f"{y}-H{p.sub}"
    if p.gran == "season":
        return f"{y}-{SEASON_CODES[p.sub]}"
    if p.gran == "month":
        return f"{y}-{p.month:02d}"
    if p.gran == "week":
        if p.year is None:
            return "XXXX-WXX"
        iso = date(p.year, p.month, p.day).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    day = f"{y}-{p.month:02d}-{p.day:02d}"
    return f"{day}T{p.time}" if p.gran == "time" and p.time else day


def shift(p: Point, unit: str, n: int) -> Point | None:
    """``p`` moved by ``n`` calendar units (``D W M Q Y DE CE``); ``None`` if meaningless."""
    if n == 0:
        return p
    if p.year is None:
        return None
    if unit in ("Y", "DE", "CE"):
        step = {"Y": 1, "DE": 10, "CE": 100}[unit] * n
        if unit == "Y" and p.gran in ("decade", "century"):
            return None
        return _move_year(p, p.year + step)
    if unit == "Q":
        if p.gran == "quarter":
            k = p.year * 4 + p.sub - 1 + n
            return Point("quarter", k // 4, sub=k % 4 + 1)
        return _move_months(p, 3 * n)
    if unit == "M":
        return _move_months(p, n)
    if unit in ("D", "W") and p.gran in ("day", "week", "time"):
        d = date(p.year, p.month, p.day) + timedelta(days=n * (7 if unit == "W" else 1))
        return replace(p, year=d.year, month=d.month, day=d.day)
    return None


def _move_year(p: Point, year: int) -> Point:
    day = p.day
    if p.gran in ("day", "week", "time"):
        day = min(day, calendar.monthrange(year, p.month)[1])
    return replace(p, year=year, day=day)


def _move_months(p: Point, n: int) -> Point | None:
    if p.gran not in ("month", "day", "week", "time") or p.year is None:
        return None
    k = p.year * 12 + p.month - 1 + n
    year, month = k // 12, k % 12 + 1
    day = min(p.day, calendar.monthrange(year, month)[1])
    return replace(p, year=year, month=month, day=day)


def x_value(gran: str) -> str:
    """A value with the shape of ``gran`` but unknown digits, for relative dates without a DCT."""
    return {
        "century": "XX",
        "decade": "XXX",
        "year": "XXXX",
        "half": "XXXX-HX",
        "season": "XXXX-XX",
        "quarter": "XXXX-QX",
        "month": "XXXX-XX",
        "week": "XXXX-WXX",
        "day": "XXXX-XX-XX",
        "time": "XXXX-XX-XXTXX:XX",
    }[gran]


def sort_key(value: str) -> str:
    """An ISO-like key that orders TimeML date values: ``2019-03`` → ``2019-03-01``."""
    if value in ("PAST_REF",):
        return "0000"
    if value in ("PRESENT_REF", "FUTURE_REF") or not value[:1].isdigit():
        return "9999" if value == "FUTURE_REF" else ""
    head = value.split("T")[0]
    parts = head.split("-")
    if len(parts[0]) < 4:  # decade "199" / century "19"
        return (parts[0] + "0000")[:4] + "-01-01"
    year = parts[0]
    if len(parts) == 1:
        return f"{year}-01-01"
    second = parts[1]
    if second.startswith("Q") and second[1:].isdigit():
        return f"{year}-{3 * int(second[1:]) - 2:02d}-01"
    if second.startswith("H") and second[1:].isdigit():
        return f"{year}-{6 * int(second[1:]) - 5:02d}-01"
    if second in SEASON_CODES:
        return f"{year}-{_SEASON_START[SEASON_CODES.index(second)]:02d}-01"
    if second.startswith("W") and second[1:].isdigit():
        try:
            return date.fromisocalendar(int(year), int(second[1:]), 1).isoformat()
        except ValueError:
            return f"{year}-01-01"
    if second.isdigit():
        day = parts[2] if len(parts) > 2 and parts[2].isdigit() else "01"
        key = f"{year}-{second}-{day}"
        return key + ("T" + value.split("T")[1] if "T" in value else "")
    return f"{year}-01-01"
