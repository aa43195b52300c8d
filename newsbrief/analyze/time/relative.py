"""The relative half of the grammar: deictic words, "last/next/this" units, weekdays, "ago" and
"later" offsets, anaphora ("the previous day", "that month"), durations and sets.

Long module: one table of grammar rules, each a pattern and a small normalizer registered on
import; splitting the table would only spread related patterns (their order matters) apart.
"""

from __future__ import annotations

import re
from datetime import date

from newsbrief.analyze.time.lexicon import NUMBER_WORD, UNITS, number_value
from newsbrief.analyze.time.points import Point
from newsbrief.analyze.time.resolve import (
    UNIT_GRAN,
    Ctx,
    Norm,
    anaphoric_shift,
    comparison,
    dct_shift,
    ref,
    weekday,
)
from newsbrief.analyze.time.rules import (
    MONTH,
    QMOD,
    UNIT,
    WEEKDAY,
    month_of,
    norm_rel,
    rule,
    weekday_of,
    without_det,
)

_PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def unit_letter(word: str) -> str:
    return UNITS.get(word.lower().rstrip("s"), "D")


# ----------------------------------------------------------------------------- deictic words


@rule(
    "today",
    r"(?:(?P<mod>early|late|earlier|later|mid-?afternoon|mid\s+afternoon)\s+)?"
    r"(?:the\s+day\s+(?P<before>before|after)\s+)?(?P<w>today|tonight|yesterday|tomorrow)"
    r"(?:\s+(?P<pod>morning|afternoon|evening|night))?(?![\w-])",
)
def _today(m: re.Match[str], ctx: Ctx) -> Norm | None:
    n = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m.group("w").lower()]
    if m.group("before"):
        n += -1 if m.group("before").lower() == "before" else 1
    mod = (m.group("mod") or "").lower()
    if "afternoon" in mod:
        return _part_of_day(ctx, n, "AF")
    return dct_shift(ctx, "day", "D", n)


def _part_of_day(ctx: Ctx, n: int, code: str) -> Norm:
    day = dct_shift(ctx, "day", "D", n).point
    if day is None or day.year is None:
        return Norm("TIME", f"XXXX-XX-XXT{code}", "time", "document")
    p = Point("time", day.year, day.month, day.day, time=code)
    return Norm("TIME", p.value, "time", "document", p)


@rule(
    "present_ref",
    r"(?<![\w-])(?:right\s+now|now|currently|nowadays|these\s+days|at\s+present"
    r"|this\s+(?:crucial\s+|present\s+)?moment)(?![\w-])",
)
def _present(m: re.Match[str], ctx: Ctx) -> Norm | None:
    return ref("PRESENT_REF")


@rule("present_adj", r"(?<![\w-])current(?![\w-])")
def _current(m: re.Match[str], ctx: Ctx) -> Norm | None:
    return ref("PRESENT_REF") if ctx.tag(m.start()) == "JJ" else None


@rule(
    "past_ref",
    r"(?<![\w-])(?:(?:more\s+|until\s+|only\s+|as\s+)?recently|lately"
    r"|the\s+(?:recent\s+|distant\s+)?past(?!\s+(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?"
    r"|centur\w+|quarters?|hours?|summers?|winters?|seasons?)\b)"
    r"|recent|formerly|in\s+the\s+old\s+days)(?![\w-])",
)
def _past(m: re.Match[str], ctx: Ctx) -> Norm | None:
    text = m.group(0).lower()
    if text == "recent" and ctx.tag(m.start()) != "JJ":
        return None
    return ref("PAST_REF")


@rule(
    "future_ref",
    r"(?<![\w-])(?:the\s+(?:near\s+|distant\s+|foreseeable\s+|not-too-distant\s+|immediate\s+)?future"
    r"|the\s+(?:near|short|long|medium)\s+term|a\s+later\s+date)(?![\w-])",
)
def _future(m: re.Match[str], ctx: Ctx) -> Norm | None:
    return ref("FUTURE_REF")


# ----------------------------------------------------------------------------- "last week" etc.

_REL_N = {"this": 0, "the current": 0, "last": -1, "this past": -1, "next": 1, "the coming": 1,
          "this coming": 1}  # fmt: skip
_ANAPHORA_N = {"the previous": -1, "the prior": -1, "the preceding": -1, "the following": 1,
               "the next": 1, "the same": 0, "that same": 0, "that": 0, "the": 0}  # fmt: skip


@rule(
    "fiscal_year",
    r"the\s+(?:(?:current|latest|last|previous|full)\s+)?(?:fiscal\s+)?year"
    r"(?=\s+(?:ended|ending|ends|that\s+ended|to\s+(?-i:[A-Z])))",
)
def _fiscal_year(m: re.Match[str], ctx: Ctx) -> Norm | None:
    return Norm("DURATION", "P1Y", "fuzzy")


@rule(
    "relative_unit",
    r"(?:(?P<mod>early|late|earlier|later|sometime|mid)\s+(?:in\s+)?)?"
    r"(?P<rel>this\s+past|this\s+coming|the\s+coming|the\s+current|this|last|next|the\s+previous"
    r"|the\s+prior|the\s+preceding|the\s+following|the\s+next|the\s+same|that\s+same|that"
    r"|the\s+past|the\s+last|the\s+full|the\s+whole|the)\s+"
    r"(?:(?P<fiscal>fiscal|calendar)\s+)?"
    r"(?P<unit>day|night|week|weekend|month|year|decade|morning|afternoon|evening)(?![\w-])",
)
def _relative_unit(m: re.Match[str], ctx: Ctx) -> Norm | None:
    rel, unit = norm_rel(m.group("rel")), m.group("unit").lower()
    mod = norm_rel(m.group("mod"))
    if unit in _PART_CODES:
        return _relative_part(ctx, rel, unit)
    if unit == "weekend" and rel in ("the", "this", "last", "next", "this past", "this coming"):
        return _weekend(ctx, rel)
    if rel == "the" and (unit in ("day", "night", "decade") or (not mod and unit == "month")):
        return None
    if unit == "night":
        return dct_shift(ctx, "day", "D", -1) if rel == "last" else None
    if rel in ("the past", "the last", "the full", "the whole"):
        return _past_unit(ctx, rel, unit)
    gran = "week" if unit == "weekend" else unit
    letter = unit_letter(unit if unit != "weekend" else "week")
    if rel in _REL_N:
        return dct_shift(ctx, gran, letter, _REL_N[rel])
    return anaphoric_shift(ctx, letter, _ANAPHORA_N[rel], gran)


def _past_unit(ctx: Ctx, rel: str, unit: str) -> Norm | None:
    """ "the past year" (the year before the DCT), "the past decade" (ten years up to now)."""
    if rel in ("the full", "the whole"):
        return dct_shift(ctx, unit, unit_letter(unit), 0) if unit == "year" else None
    if unit == "decade":
        return Norm("DURATION", "P10Y", "fuzzy")
    if unit in ("year", "month"):
        return dct_shift(ctx, unit, unit_letter(unit), -1)
    return dct_shift(ctx, "week", "W", 0) if unit == "week" else None


def _weekend(ctx: Ctx, rel: str) -> Norm:
    """The weekend before the DCT (past clause, "last"), or the coming one (future, "next")."""
    if ctx.dct is None or ctx.dct.year is None:
        return Norm("DATE", "XXXX-WXX-WE", "week", "document")
    dow = date(ctx.dct.year, ctx.dct.month, ctx.dct.day).isoweekday()
    forward = rel in ("next", "this coming") or (rel in ("the", "this") and ctx.direction > 0)
    n = (1 if rel == "next" and dow < 6 else 0) if forward else (0 if dow >= 6 else -1)
    week = dct_shift(ctx, "week", "W", n)
    return Norm("DATE", week.value + "-WE", "week", "document", week.point)


@rule("mid_afternoon", r"mid[-\s]?afternoon(?![\w-])")
def _mid_afternoon(m: re.Match[str], ctx: Ctx) -> Norm | None:
    return _part_of_day(ctx, 0, "AF")


def _relative_part(ctx: Ctx, rel: str, unit: str) -> Norm | None:
    code = _PART_CODES[unit]
    if rel in ("this", "that", "the same"):
        n = 0
    elif rel in ("the next", "the following"):
        out = anaphoric_shift(ctx, "D", 1, "day")
        return out
    elif rel == "last" and unit == "night":
        n = -1
    else:
        return None
    return _part_of_day(ctx, n, code)


@rule(
    "earlier_this",
    r"(?P<mod>earlier|later|early|late)\s+(?:in\s+)?(?P<rel>this|that|the)\s+"
    r"(?P<unit>day|week|month|year|decade)(?![\w-])",
)
def _earlier_this(m: re.Match[str], ctx: Ctx) -> Norm | None:
    unit = m.group("unit").lower()
    if m.group("rel").lower() == "this" or ctx.prev is None:
        return dct_shift(ctx, unit, unit_letter(unit), 0)
    return anaphoric_shift(ctx, unit_letter(unit), 0, unit)


@rule(
    "end_of",
    r"(?:around\s+)?(?:(?P<ye>year[-\s]end|the\s+year's\s+end|year's\s+end)"
    r"|the\s+(?P<pos>end|beginning|start|middle|turn)\s+of\s+(?P<rel>the|this|next|last|that)\s+"
    r"(?P<unit>year|month|week|quarter|decade|century))(?![\w-])",
)
def _end_of(m: re.Match[str], ctx: Ctx) -> Norm | None:
    if m.group("ye"):
        return dct_shift(ctx, "year", "Y", 0)
    unit, rel = m.group("unit").lower(), m.group("rel").lower()
    gran = {"century": "century"}.get(unit, unit)
    n = {"next": 1, "last": -1}.get(rel, 0)
    if rel == "that" and ctx.prev is not None:
        return anaphoric_shift(ctx, unit_letter(unit), 0, gran)
    return dct_shift(ctx, gran, unit_letter(unit), n)


# ----------------------------------------------------------------------------- weekdays


@rule(
    "weekday",
    r"(?:(?P<mod>early|late|earlier|later)\s+)?"
    r"(?:(?P<rel>last|next|this\s+coming|this\s+past|this|the\s+previous|the\s+following|that|coming)\s+)?"
    rf"(?P<wd>{WEEKDAY})(?P<plural>s)?(?:\s+(?P<pod>morning|afternoon|evening|night)(?P<pl2>s)?)?(?![\w-])",
)
def _weekday(m: re.Match[str], ctx: Ctx) -> Norm | None:
    if not m.group("wd")[0].isupper():
        return None
    dow = weekday_of(m.group("wd"))
    if m.group("plural") or m.group("pl2"):
        pod = _PART_CODES.get((m.group("pod") or "").lower(), "")
        return Norm("SET", f"XXXX-WXX-{dow}" + (f"T{pod}" if pod else ""), "fuzzy")
    out = weekday(ctx, dow, norm_rel(m.group("rel")))
    part = _PART_CODES.get((m.group("pod") or "").lower())
    if part and out.point is not None:
        return Norm("DATE", f"{out.value}T{part}", "day", out.anchor, out.point)
    return out


# ----------------------------------------------------------------------------- offsets


@rule(
    "ago",
    rf"(?:(?P<q>{QMOD})\s+)?(?P<num>{NUMBER_WORD})\s+(?P<unit>{UNIT})"
    r"(?:\s+or\s+(?:so|more|two|three|four|five|less))?"
    r"\s+(?P<dir>ago|earlier|later|before(?=\s*[,.;)]|\s*$)|after(?=\s*[,.;)]|\s*$)|back|from\s+now|hence)"
    r"(?![\w-])",
)
def _ago(m: re.Match[str], ctx: Ctx) -> Norm | None:
    direction = m.group("dir").lower()
    sign = -1 if direction in ("ago", "earlier", "before", "back") else 1
    letter = unit_letter(m.group("unit"))
    n = number_value(m.group("num"))
    if letter in ("S", "H", "MIN"):
        return None
    if n is None or n != int(n):
        return ref("PAST_REF" if sign < 0 else "FUTURE_REF")
    count, gran = int(n), UNIT_GRAN.get(letter, "day")
    if letter == "DE":
        letter, count, gran = "Y", count * 10, "year"
    if direction in ("ago", "back", "from now", "hence"):
        if letter == "Y" and count == 1 and ctx.prev is not None and ctx.prev.gran == "quarter":
            return comparison(anaphoric_shift(ctx, "Y", -1, "quarter"))
        return dct_shift(ctx, gran, letter, sign * count)
    prev_gran = ctx.prev.gran if ctx.prev is not None else ""
    if letter == "Y" and prev_gran in ("quarter", "half"):
        return comparison(anaphoric_shift(ctx, letter, sign * count, prev_gran))
    return anaphoric_shift(ctx, letter, sign * count, gran)


@rule(
    "year_ago_adj",
    r"(?:(?P<det>the)\s+)?(?:(?:comparable|corresponding|same)\s+)?year[-\s](?P<dir>ago|earlier)"
    r"(?:\s+(?P<what>period|quarter|(?:first|second|third|fourth)\s+quarter|nine\s+months|six\s+months))?"
    r"(?![\w-])",
)
def _year_ago_adj(m: re.Match[str], ctx: Ctx) -> Norm | None:
    what = (m.group("what") or "").lower()
    if m.group("det") and not what:
        return None
    if what.endswith("months"):
        return Norm("DURATION", "P9M" if what.startswith("nine") else "P6M", "fuzzy")
    base = ctx.prev if ctx.prev is not None and ctx.prev.gran != "day" else None
    if base is None:
        return comparison(dct_shift(ctx, "year", "Y", -1))
    return comparison(anaphoric_shift(ctx, "Y", -1, base.gran))


@rule(
    "day_before",
    r"(?:the\s+)?(?P<unit>day|week|month|year|night)\s+(?P<dir>before|after|earlier|later)"
    r"(?=\s*[,.;)]|\s+(?:that|the|his|her|its|their|he|she|they|it)\b)",
)
def _day_before(m: re.Match[str], ctx: Ctx) -> Norm | None:
    unit = m.group("unit").lower()
    sign = -1 if m.group("dir").lower() in ("before", "earlier") else 1
    letter = unit_letter("day" if unit == "night" else unit)
    return anaphoric_shift(ctx, letter, sign, UNIT_GRAN[letter])


# ----------------------------------------------------------------------------- durations, sets


@rule(
    "duration",
    r"(?:(?P<det>the|each\s+of\s+the|all\s+of\s+the|its|a|an)\s+)?"
    r"(?:(?P<rel>past|last|next|first|coming|previous|following|latest|final|remaining|initial|recent"
    r"|same|entire|whole|full|ensuing|preceding|succeeding)\s+)?"
    rf"(?:(?P<q>{QMOD})\s+)?(?P<num>{NUMBER_WORD})(?:\s+(?:or|to|and)\s+(?P<num2>{NUMBER_WORD}))?"
    r"(?:\s+(?:more|additional|full|straight|consecutive|trading|business|working|calendar|long))?"
    rf"[\s-]+(?P<unit>{UNIT})(?P<long>-long|-old|\s+old)?(?:\s+or\s+so)?(?![\w-])",
)
def _duration(m: re.Match[str], ctx: Ctx) -> Norm | None:
    if m.group("long") and "old" in m.group("long"):
        return None  # ages are not time expressions
    num = m.group("num").lower()
    unit = m.group("unit").lower()
    if num in ("a", "an") and not m.group("rel") and not m.group("q") and _per_unit(m, ctx):
        return None  # "$5 million a year": a rate, rarely marked up as a time expression
    if num in ("some", "many") and not unit.endswith("s"):
        return None
    n = number_value(num)
    out = Norm("DURATION", duration_value(n, unit_letter(unit)), "fuzzy")
    adjectival = "-" in m.group(0)[m.end("num") - m.start() :] or (
        not unit.endswith("s") and n is not None and n > 1
    )
    det = norm_rel(m.group("det"))
    if det in ("a", "an", "the", "its") and not m.group("rel") and (adjectival or det == "its"):
        return without_det(m, out)
    return out


def _per_unit(m: re.Match[str], ctx: Ctx) -> bool:
    """ "$5 million a year", "two flights a week": the article follows an amount, not a verb."""
    before = ctx.tag(m.start() - 2) if m.start() >= 2 else ""
    return before in ("CD", "NN", "NNS", "$")


def duration_value(n: float | None, letter: str) -> str:
    """``P3M``, ``PT2H``, ``P20Y`` (decades are written in years), ``PXY`` for vague counts."""
    if letter == "WE":
        return "P2D" if n == 1 else "PXWE" if n is None else f"P{int(n) * 2}D"
    if letter == "W2":
        letter, n = "W", None if n is None else n * 2
    if letter == "DE" and n is not None:
        letter, n = "Y", n * 10
    time = letter in ("H", "S", "MIN")
    letter = "M" if letter == "MIN" else letter
    if n is None:
        return f"PTX{letter}" if time else f"PX{letter}"
    whole, frac = int(n), n - int(n)
    body = f"{whole}{letter}"
    if frac:
        sub = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "M"), "W": (7, "D")}
        sub.update({"M": (60, "S")} if time else {"M": (30, "D")})
        mult, small = sub.get(letter, (0, ""))
        if mult:
            body += f"{int(frac * mult)}{small}"
    return f"PT{body}" if time else f"P{body}"


@rule(
    "vague_units",
    r"(?:(?P<det>the|recent|coming|past|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+first"
    r"|the\s+early|the\s+final|future|(?:the\s+)?(?:past|last|next|coming)\s+(?:few|several|many))\s+)?"
    r"(?P<unit>minutes|hours|days|weeks|months|years|decades|centuries|quarters)"
    r"(?P<tail>-long|\s+ahead|\s+to\s+come)?(?![\w-])",
)
def _vague_units(m: re.Match[str], ctx: Ctx) -> Norm | None:
    det = norm_rel(m.group("det"))
    unit = m.group("unit").lower()
    letter = unit_letter(unit)
    if det == "future":
        return ref("FUTURE_REF")
    if (det == "recent" and unit == "years") or det.endswith(("past few", "last few", "several")):
        return ref("PAST_REF")
    if (
        det in ("", "the")
        and not m.group("tail")
        and (ctx.tag(m.start("unit")) != "NNS" or unit not in ("days", "weeks", "centuries"))
    ):
        return None
    return Norm("DURATION", duration_value(None, letter), "fuzzy")


_SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
              "monthly": "P1M", "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y",
              "hourly": "PT1H", "semiannually": "P6M", "semiannual": "P6M"}  # fmt: skip


@rule(
    "set_word",
    r"(?<![\w-])(?:daily|nightly|weekly|biweekly|monthly|annually|yearly|hourly|semiannually)(?![\w-])",
)
def _set_word(m: re.Match[str], ctx: Ctx) -> Norm | None:
    return Norm("SET", _SET_WORDS[m.group(0).lower()], "fuzzy")


@rule(
    "every",
    r"(?P<q>every|each|per)\s+(?:(?P<other>other|two|three|four|five|six)\s+)?"
    rf"(?:(?P<wd>{WEEKDAY})|(?P<month>{MONTH})|(?P<season>spring|summer|fall|autumn|winter)"
    r"|(?P<unit>second|minute|hour|day|night|week|weekend|month|quarter|year|decade|morning|evening))"
    r"(?![\w-])",
)
def _every(m: re.Match[str], ctx: Ctx) -> Norm | None:
    if m.group("wd"):
        return Norm("SET", f"XXXX-WXX-{weekday_of(m.group('wd'))}", "fuzzy")
    if m.group("month"):
        return Norm("SET", f"XXXX-{month_of(m.group('month')):02d}", "fuzzy")
    if m.group("season"):
        code = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
        return Norm("SET", f"XXXX-{code[m.group('season').lower()]}", "fuzzy")
    unit = m.group("unit").lower()
    if unit in ("morning", "evening"):
        return Norm("SET", f"XXXX-XX-XXT{_PART_CODES[unit]}", "fuzzy")
    other = (m.group("other") or "").lower()
    n = 2 if other == "other" else number_value(other) if other else 1
    return Norm("SET", duration_value(n, unit_letter(unit)), "fuzzy")
