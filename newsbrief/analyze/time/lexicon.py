"""Word tables for the time-expression grammar: months, weekdays, seasons, units, numbers.

Every table maps a lowercased surface form to its meaning; the regex alternations built from them
list longer forms first so that ``Sept.`` wins over ``Sep``.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan.": 1, "jan": 1,
    "february": 2, "feb.": 2, "feb": 2,
    "march": 3, "mar.": 3,
    "april": 4, "apr.": 4,
    "may": 5,
    "june": 6, "jun.": 6,
    "july": 7, "jul.": 7,
    "august": 8, "aug.": 8, "aug": 8,
    "september": 9, "sept.": 9, "sep.": 9, "sept": 9,
    "october": 10, "oct.": 10, "oct": 10,
    "november": 11, "nov.": 11, "nov": 11,
    "december": 12, "dec.": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4,
    "friday": 5, "saturday": 6, "sunday": 7,
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "mid-afternoon": "AF", "mid afternoon": "AF",
    "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "final": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "thirtieth": 30,
}  # fmt: skip

_UNITS_SMALL: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "couple": 2, "a couple of": 2, "a dozen": 12, "dozen": 12,
}  # fmt: skip

_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

VAGUE_QUANTITIES = frozenset({"few", "a few", "several", "some", "many", "the", ""})

# TimeML unit letters for durations, and the date granularity each unit moves.
UNITS: dict[str, str] = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "W2", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE", "centurie": "CE", "millennium": "ML",
}  # fmt: skip


def alternation(words: object) -> str:
    """A regex alternation of the given words, longest first, dots escaped."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|a\s+couple\s+of|a\s+dozen|a\s+few|an?|one|two|three|four|five"
    r"|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|hundreds?|thousands?|dozens?|couple|few|several|some|many"
    r"|\d+(?:\.\d+)?(?:\s+1/2)?)"
    r"(?:\s+and\s+a\s+half|\s+(?:hundred|thousand))?"
)


def number_value(text: str) -> float | None:
    """The number a quantity phrase denotes: ``two`` → 2, ``twenty four`` → 24, ``few`` → None."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t in VAGUE_QUANTITIES or t in {"a few", "many", "hundreds", "thousands", "dozens"}:
        return None
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if t.endswith(" 1/2"):
        t, half = t[: -len(" 1/2")], 0.5
    scale = 1
    for word, mult in (("hundred", 100), ("thousand", 1000)):
        if t.endswith(" " + word):
            t, scale = t[: -len(word) - 1], mult
    base = _plain_number(t)
    return None if base is None else (base + half) * scale


def _plain_number(t: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    if t in _UNITS_SMALL:
        return float(_UNITS_SMALL[t])
    parts = t.split()
    if parts and parts[0] in _TENS:
        rest = _UNITS_SMALL.get(parts[1], 0) if len(parts) == 2 else 0
        return float(_TENS[parts[0]] + rest) if len(parts) <= 2 else None
    if t in {"hundred", "thousand"}:
        return 100.0 if t == "hundred" else 1000.0
    return None


_YEAR_WORDS = re.compile(r"nineteen|twenty|two\s+thousand", re.I)


def spelled_year(text: str) -> int | None:
    """``nineteen ninety-six`` → 1996, ``two thousand`` → 2000, ``two thousand three`` → 2003."""
    t = " ".join(text.lower().replace("-", " ").split())
    if t.startswith("two thousand"):
        rest = t[len("two thousand") :].strip().removeprefix("and ").strip()
        extra = _plain_number(rest) if rest else 0.0
        return None if extra is None else 2000 + int(extra)
    head, _, rest = t.partition(" ")
    century = {"nineteen": 1900, "twenty": 2000, "eighteen": 1800}.get(head)
    tail = _plain_number(rest) if rest else None
    if century is None or tail is None or not 0 <= tail < 100:
        return None
    return century + int(tail)
