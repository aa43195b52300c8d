"""The time-expression grammar: precompiled patterns, each with a function that normalizes a match.

Extents follow the TimeML/TempEval-3 guidelines: a leading preposition is left out ("on Tuesday" →
``Tuesday``, "for three weeks" → ``three weeks``), while determiners and modifiers that are part of
the expression stay in ("the previous day", "the past two months", "early next year", "nearly two
years"). Rules never see spaCy objects: the few part-of-speech checks go through ``Ctx.tag``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from newsbrief.analyze.time.lexicon import (
    MONTHS,
    ORDINALS,
    WEEKDAYS,
    alternation,
    spelled_year,
)
from newsbrief.analyze.time.points import Point
from newsbrief.analyze.time.resolve import (
    Ctx,
    Norm,
    absolute,
    at,
    dct_shift,
    month_day,
    month_only,
)

Handler = Callable[[re.Match[str], Ctx], Norm | None]


@dataclass(frozen=True)
class Rule:
    """A pattern, the word every match contains (``anchor``) and how far before it a match may
    start (``reach``): the scanner only tries the pattern near anchors, which keeps it cheap."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    anchors: frozenset[str]
    reach: int


RULES: list[Rule] = []

_UNITS = "second minute hour day night week weekend fortnight month quarter year decade century"
_UNIT_WORDS = _UNITS + " " + " ".join(w + "s" for w in _UNITS.split()) + " centuries"
_MONTH_WORDS = (
    "january jan february feb march mar april apr may june jun july jul august aug september"
    " sept sep october oct november nov december dec"
)
_WEEKDAY_WORDS = "monday tuesday wednesday thursday friday saturday sunday"
# rule name -> (anchor words, reach): every match contains one of the words and starts at most
# ``reach`` characters before it. "#year" stands for a number 1500-2099, "#decade" for "1990s"
# or "80s", "#number" for any other number.
ANCHORS: dict[str, tuple[str, int]] = {
    "month_day": (_MONTH_WORDS, 45),
    "day_month": (_MONTH_WORDS, 25),
    "iso_date": ("#year", 0),
    "slash_date": ("#number", 0),
    "month_year": (_MONTH_WORDS, 25),
    "month_rel_year": (_MONTH_WORDS, 0),
    "month": (_MONTH_WORDS, 25),
    "year": ("#year nineteen eighteen thousand", 30),
    "decade": ("#decade twenties thirties forties fifties sixties seventies eighties nineties", 20),
    "century": ("century", 30),
    "quarter": ("quarter", 70),
    "half": ("half", 40),
    "period": ("period", 70),
    "season": ("spring summer fall autumn winter", 25),
    "holiday": ("christmas new thanksgiving easter independence labor memorial election"
                " halloween valentine boxing veterans bastille", 10),
    "clock": ("m am pm noon midnight midday est edt cst cdt mst mdt pst pdt gmt utc", 45),
    "today": ("today tonight yesterday tomorrow", 40),
    "present_ref": ("now currently nowadays days present moment being", 20),
    "present_adj": ("current", 0),
    "past_ref": ("recent recently lately past formerly old", 20),
    "future_ref": ("future term date", 30),
    "relative_unit": ("day night week weekend month year decade morning afternoon evening", 50),
    "fiscal_year": ("year", 45),
    "mid_afternoon": ("afternoon", 10),
    "earlier_this": ("day week month year decade", 30),
    "end_of": ("end beginning start middle turn", 25),
    "weekday": (_WEEKDAY_WORDS + " " + " ".join(w + "s" for w in _WEEKDAY_WORDS.split()), 30),
    "ago": ("ago earlier later before after back now hence", 90),
    "year_ago_adj": ("ago earlier", 35),
    "day_before": ("before after earlier later", 20),
    "duration": (_UNIT_WORDS, 90),
    "vague_units": (_UNIT_WORDS, 40),
    "set_word": ("daily nightly weekly biweekly monthly annually yearly hourly semiannually", 0),
    "every": ("every each per", 0),
}  # fmt: skip


def rule(name: str, pattern: str) -> Callable[[Handler], Handler]:
    """Register ``handler`` for ``pattern`` (compiled once, case-insensitive)."""
    anchor, reach = ANCHORS[name]

    def wrap(handler: Handler) -> Handler:
        compiled = re.compile(r"(?<![\w])(?:" + pattern + ")", re.I)
        RULES.append(Rule(name, compiled, handler, frozenset(anchor.split()), reach))
        return handler

    return wrap


# ----------------------------------------------------------------------------- building blocks

_END = r"(?![\w-])"
MONTH = rf"(?:{alternation(MONTHS)})(?![a-z])"
WEEKDAY = rf"(?:{alternation(WEEKDAYS)})"
ORDINAL_WORD = alternation(ORDINALS)
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen)[-\s]+(?:{_TENS}(?:[-\s]+{_ONES})?|{_TEENS}|oh[-\s]+{_ONES})"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_TEENS}|{_ONES}))?)"
)
# quantity modifiers that TimeML keeps inside the extent ("nearly two years", "at least 72
# hours"); "about" and "over" mostly stay outside in TimeBank and are left out here.
QMOD = (
    r"(?:around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|at\s+least"
    r"|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|fewer\s+than|barely|close\s+to"
    r"|upwards\s+of|the\s+better\s+part\s+of)"
)
_LEADING_DET = re.compile(r"(?:the|a|an|its|that|this|their|his|her)\s+", re.I)


def without_det(m: re.Match[str], norm: Norm) -> Norm:
    """The expression minus a leading determiner: "a [third-quarter] loss", "a [two-year] term"."""
    det = _LEADING_DET.match(m.group(0))
    return replace(norm, start=m.start() + det.end()) if det else norm


UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?"
    r"|years?|decades?|century|centuries)"
)


def year_group(name: str) -> str:
    return rf"(?P<{name}>(?<![\d.,$])(?:1[5-9]\d\d|20\d\d)(?![\d%])|{SPELLED_YEAR})"


def day_group(name: str) -> str:
    digits = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:.,]\d)(?![\d%])"
    return rf"(?P<{name}>{digits}|{ORDINAL_WORD})"


FULL_MONTHS = frozenset(k for k in MONTHS if len(k) > 4 or k in ("may", "june", "july"))


_DAY_AFTER = re.compile(r"\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b")
_MARCH_NOUN = re.compile(r"\s+(?:for|of|on|to|against|through|from)\b")


def to_year(text: str | None) -> int | None:
    if not text:
        return None
    t = text.strip()
    return int(t) if t.isdigit() else spelled_year(t)


def to_day(text: str) -> int:
    t = text.lower()
    return ORDINALS[t] if t in ORDINALS else int(re.sub(r"\D", "", t))


def month_of(text: str) -> int:
    return MONTHS[text.lower().rstrip()]


def weekday_of(text: str) -> int:
    return WEEKDAYS[text.lower()]


def norm_rel(text: str | None) -> str:
    return " ".join(text.lower().split()) if text else ""


def ambiguous_month(m: re.Match[str], group: str, ctx: Ctx) -> bool:
    """``may``/``march`` etc. that are not month names here (modal, verb, lower case)."""
    word = m.group(group)
    if word.lower() not in ("may", "march", "mar.", "jan", "dec", "oct", "nov", "aug", "sept"):
        return False
    if not word[0].isupper():
        return True
    return ctx.tag(m.start(group)) in ("MD", "VB", "VBP", "VBZ", "VBD")


# ----------------------------------------------------------------------------- absolute dates

# "20 April of last year", "25 June that year": a day whose year is given relative to the DCT or
# to the date before it (the year rule alone would read only "last year" and lose the day)
_REL_YEAR = r"\s+(?:of\s+)?(?P<relyear>last|this|next|that)\s+year"


def _day_year(m: re.Match[str], ctx: Ctx) -> int | None:
    """The year written with a day: a number, or one relative to the DCT or the previous date."""
    if m.group("year"):
        return to_year(m.group("year"))
    rel = (m.group("relyear") or "").lower()
    if rel == "that":
        return ctx.prev.year if ctx.prev is not None else None
    if rel and ctx.dct is not None and ctx.dct.year is not None:
        return ctx.dct.year + {"last": -1, "this": 0, "next": 1}[rel]
    return None


def _rel_anchor(m: re.Match[str], out: Norm) -> Norm:
    """A day dated "last year" / "that year" is anchored like its year, not written out."""
    rel = (m.group("relyear") or "").lower()
    if not rel or out.anchor != "absolute":
        return out
    return replace(out, anchor="previous" if rel == "that" else "document")


@rule(
    "month_day",
    rf"(?P<weekof>the\s+week\s+of\s+)?"
    rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?:this\s+coming|this|next|last)\s+{WEEKDAY},?\s+)?"
    rf"(?:(?P<mod>early|late|mid)[-\s]+)?(?P<month>{MONTH})\s+{day_group('day')}"
    rf"(?:(?:\s*,\s*|\s+){year_group('year')}|{_REL_YEAR})?{_END}",
)
def _month_day(m: re.Match[str], ctx: Ctx) -> Norm | None:
    if ambiguous_month(m, "month", ctx):
        return None
    dow = weekday_of(m.group("wd")) if m.group("wd") else None
    day = to_day(m.group("day"))
    out = _rel_anchor(m, month_day(ctx, month_of(m.group("month")), day, _day_year(m, ctx), dow))
    if m.group("weekof") and out.point is not None:
        return at(out.point, "week", out.anchor)
    return out


@rule(
    "day_month",
    rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?{day_group('day')}\s+(?:of\s+)?(?P<month>{MONTH})"
    rf"(?:(?:\s*,\s*|\s+){year_group('year')}|{_REL_YEAR})?{_END}",
)
def _day_month(m: re.Match[str], ctx: Ctx) -> Norm | None:
    if not m.group("day")[0].isdigit():
        return None
    if not m.group("month")[0].isupper() and ambiguous_month(m, "month", ctx):
        return None  # after a day number a capitalized "May" is the month ("since 2 May have")
    out = month_day(ctx, month_of(m.group("month")), to_day(m.group("day")), _day_year(m, ctx))
    return _rel_anchor(m, out)


@rule("iso_date", r"(?<![\d-])(?P<y>(?:1[89]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])")
def _iso_date(m: re.Match[str], ctx: Ctx) -> Norm | None:
    return month_day(ctx, int(m.group("m")), int(m.group("d")), int(m.group("y")))


@rule(
    "slash_date",
    r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d{4}|\d\d)(?![\d/])",
)
def _slash_date(m: re.Match[str], ctx: Ctx) -> Norm | None:
    y = int(m.group("y"))
    y = y if y > 99 else (1900 + y if y > 30 else 2000 + y)
    return month_day(ctx, int(m.group("m")), int(m.group("d")), y)


@rule(
    "month_year",
    rf"(?:(?P<mod>early|late|mid)[-\s]+|the\s+(?P<pos>beginning|end|middle|start)\s+of\s+)?"
    rf"(?P<month>{MONTH})(?:\s+of)?,?\s+{year_group('year')}{_END}",
)
def _month_year(m: re.Match[str], ctx: Ctx) -> Norm | None:
    if ambiguous_month(m, "month", ctx):
        return None
    return month_only(ctx, month_of(m.group("month")), to_year(m.group("year")))


@rule("month_rel_year", rf"(?P<month>{MONTH})\s+(?P<rel>last|this|next)\s+year{_END}")
def _month_rel_year(m: re.Match[str], ctx: Ctx) -> Norm | None:
    if ambiguous_month(m, "month", ctx):
        return None
    shift_by = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    if ctx.dct is None or ctx.dct.year is None:
        return month_only(ctx, month_of(m.group("month")))
    return at(
        Point("month", ctx.dct.year + shift_by, month_of(m.group("month"))), "month", "document"
    )


@rule(
    "month",
    rf"(?:(?P<rel>last|this\s+past|this\s+coming|this|next)\s+|(?P<mod>early|late|mid)[-\s]+"
    rf"|the\s+(?P<pos>beginning|end|middle|start)\s+of\s+)?(?P<month>{MONTH})",
)
def _month(m: re.Match[str], ctx: Ctx) -> Norm | None:
    word = m.group("month")
    if ambiguous_month(m, "month", ctx) or ("." not in word and word.lower() not in FULL_MONTHS):
        return None
    if word.lower() == "march" and _MARCH_NOUN.match(m.string, m.end()):
        return None  # "the annual March for Life"
    if _DAY_AFTER.match(m.string, m.end()):
        return None  # "last Oct. 23": the month-day rule takes "Oct. 23"
    return month_only(ctx, month_of(word), rel=norm_rel(m.group("rel")))


@rule(
    "year",
    rf"(?:(?P<mod>early|late|mid|post|pre)[-\s]+|the\s+(?P<pos>beginning|end|middle|start|spring|summer|fall)"
    rf"\s+of\s+|(?P<fiscal>fiscal(?:\s+year)?|the\s+year|calendar\s+year)\s+)?{year_group('year')}"
    rf"(?P<later>\s+(?:or\s+later|and\s+beyond))?{_END}",
)
def _year(m: re.Match[str], ctx: Ctx) -> Norm | None:
    year = to_year(m.group("year"))
    if year is None:
        return None
    explicit = m.group("mod") or m.group("pos") or m.group("fiscal")
    if not explicit and not ctx.looks_like_year(m.start("year"), m.end("year")):
        return None
    return absolute(Point("year", year))


@rule(
    "decade",
    r"(?:the\s+)?(?:(?P<mod>early|late|mid)[-\s]+)?(?:(?P<dec>(?:1[5-9]|20)\d)0'?s|'(?P<short>\d)0'?s"
    r"|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?![\w])",
)
def _decade(m: re.Match[str], ctx: Ctx) -> Norm | None:
    if m.group("dec"):
        return absolute(Point("decade", int(m.group("dec")) * 10))
    if m.group("word") and not m.group(0).lower().startswith("the"):
        return None
    if m.group("short"):
        digit = int(m.group("short"))
        century = 1900 if digit >= 2 or ctx.dct is None else 2000
        return absolute(Point("decade", century + digit * 10))
    words = [
        "twenties",
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
    ]
    return absolute(Point("decade", 1920 + 10 * words.index(m.group("word").lower())))


@rule(
    "century",
    rf"(?:the\s+)?(?:(?P<mod>early|late|mid)[-\s]+)?(?:(?P<ord>{ORDINAL_WORD}|\d{{1,2}}(?:st|nd|rd|th))"
    r"|(?P<rel>this|last|next|the\s+last|the\s+past|the\s+next|the\s+previous))[\s-]+century(?!\w)",
)
def _century(m: re.Match[str], ctx: Ctx) -> Norm | None:
    if m.group("ord"):
        return absolute(Point("century", (to_day(m.group("ord")) - 1) * 100))
    rel = norm_rel(m.group("rel"))
    if rel in ("the last", "the past", "the next"):
        return None  # "the past century" reads as a duration; left to the duration rule
    n = {"this": 0, "last": -1, "the previous": -1, "next": 1}[rel]
    return dct_shift(ctx, "century", "CE", n)
