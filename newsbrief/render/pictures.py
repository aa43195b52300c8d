"""Inline SVG pictures of a story brief: the timeline on a date axis, and the coverage strip.

Both scale to their container (``viewBox``, ``width="100%"``), use system fonts, draw in
``currentColor`` plus one accent so they print in black and white, and carry a ``<title>`` and an
``aria-label``; the lists and tables beside them are the text fallback. Every text placed in them is
XML-escaped here. ``None`` when there is nothing worth drawing.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from html import escape

from newsbrief.models import Brief, Coverage, TimelineEntry

__all__ = ["coverage_svg", "timeline_svg"]

WIDTH = 360  # drawn for a phone; the page caps its width on larger screens
PAD = 22
ACCENT = "#b5432f"


def _point(value: str | None) -> date | None:
    """The first day a TimeML calendar value covers (year, month or day values)."""
    if not value or not value[:4].isdigit():
        return None
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return date.fromisoformat(value[:10])
        if len(value) == 7 and value[4] == "-" and value[5:7].isdigit():
            return date(int(value[:4]), int(value[5:7]), 1)
        if len(value) == 4:
            return date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def _x(day: date, lo: date, hi: date) -> float:
    span = max(1, (hi - lo).days)
    return PAD + (WIDTH - 2 * PAD) * (day - lo).days / span


def _short(day: date, span_days: int) -> str:
    if span_days > 3 * 365:
        return str(day.year)
    if span_days > 120:
        return f"{calendar.month_abbr[day.month]} {day.year}"
    return f"{day.day} {calendar.month_abbr[day.month]}"


def timeline_svg(brief: Brief) -> str | None:
    points = [(e, _point(e.date)) for e in brief.story_so_far]
    dated = [(e, d) for e, d in points if d is not None]
    if len({d for _, d in dated}) < 2:
        return None  # one day (a ruling and a dissent on it) is no axis: the list says it all
    lo, hi = min(d for _, d in dated), max(d for _, d in dated)
    span = (hi - lo).days
    ordered = sorted(dated, key=lambda t: t[1])
    # background years before the story would squeeze its own weeks into a corner: past two
    # years of span, events are spaced evenly (and the picture says it is not to scale)
    to_scale = span <= 730
    height = 130
    axis_y = 56
    parts = [
        f'<svg class="pic pic-timeline" role="img" viewBox="0 0 {WIDTH} {height}" width="100%"'
        f' aria-label="Timeline of {len(dated)} dated events from {escape(_short(lo, 9999))}'
        f' to {escape(_short(hi, 9999))}" xmlns="http://www.w3.org/2000/svg"'
        ' font-family="system-ui, sans-serif" font-size="12">',
        "<title>The Story So Far on a date axis; circle size: how many articles report it</title>",
        f'<line x1="{PAD}" y1="{axis_y}" x2="{WIDTH - PAD}" y2="{axis_y}"'
        ' stroke="currentColor" stroke-width="1.5"/>',
    ]
    last_label = -1e9
    step = (WIDTH - 2 * PAD) / max(1, len(ordered) - 1)
    for n, (entry, day) in enumerate(ordered):
        x = _x(day, lo, hi) if to_scale else PAD + n * step
        sources = 1 + len(entry.also)
        r = min(14.0, 4.0 + 2.5 * (sources - 1))
        fill = ACCENT if entry.is_current else "currentColor"
        label = escape(f"{entry.date_label}: {_sources_line(entry)}")
        parts.append(
            f'<g><title>{label}</title><circle cx="{x:.1f}" cy="{axis_y}" r="{r:.1f}"'
            f' fill="{fill}" fill-opacity="0.75"/>'
        )
        if sources > 1:
            parts.append(
                f'<text x="{x:.1f}" y="{axis_y - r - 4:.1f}" text-anchor="middle">{sources}</text>'
            )
        parts.append("</g>")
        if x - last_label >= 44:
            y = axis_y + 26 + (14 if n % 2 else 0)
            parts.append(
                f'<text x="{x:.1f}" y="{y}" text-anchor="middle">'
                f"{escape(_short(day, span) if to_scale else _label(entry, day))}</text>"
            )
            last_label = x
    note = "" if to_scale else " (not to scale)"
    parts.append(
        f'<text x="{PAD}" y="{height - 6}" font-size="11">'
        f"circle size, number: articles reporting it{note}</text></svg>"
    )
    return "".join(parts)


def _label(entry: TimelineEntry, day: date) -> str:
    """An axis label at the entry's own granularity (for the evenly spaced picture)."""
    if entry.granularity == "year":
        return str(day.year)
    if entry.granularity in ("month", "quarter", "season"):
        return f"{calendar.month_abbr[day.month]} {day.year}"
    return f"{day.day} {calendar.month_abbr[day.month]} {day.year % 100:02d}"


def _sources_line(entry: TimelineEntry) -> str:
    n = 1 + len(entry.also)
    who = ", ".join(entry.outlets)
    return f"{n} article{'s' if n > 1 else ''}" + (f" ({who})" if who else "")


def coverage_svg(coverage: Coverage | None) -> str | None:
    if coverage is None or not coverage.strip or len(coverage.outlets) < 1:
        return None
    days = sorted({date.fromisoformat(c.day) for c in coverage.strip})
    lo, hi = days[0], days[-1]
    weekly = (hi - lo).days > 60
    step = 7 if weekly else 1
    bins = max(1, (hi - lo).days // step + 1)
    outlets = [o.outlet for o in coverage.outlets]
    label_w = 80
    cell = max(2.0, min(24.0, (WIDTH - label_w - 10) / bins))
    row_h = 18
    height = 30 + row_h * len(outlets) + 20
    counts: dict[tuple[str, int], int] = {}
    for c in coverage.strip:
        b = (date.fromisoformat(c.day) - lo).days // step
        counts[(c.outlet, b)] = counts.get((c.outlet, b), 0) + c.articles
    top = max(counts.values())
    parts = [
        f'<svg class="pic pic-coverage" role="img" viewBox="0 0 {WIDTH} {height}" width="100%"'
        f' aria-label="Articles per outlet per {"week" if weekly else "day"},'
        f' {len(outlets)} outlets" xmlns="http://www.w3.org/2000/svg"'
        ' font-family="system-ui, sans-serif" font-size="11">',
        f"<title>Coverage: articles per outlet per {'week' if weekly else 'day'}</title>",
    ]
    for r, outlet in enumerate(outlets):
        y = 20 + r * row_h
        parts.append(f'<text x="0" y="{y + 12}">{escape(outlet[:12])}</text>')
        for b in range(bins):
            n = counts.get((outlet, b), 0)
            if not n:
                continue
            x = label_w + b * cell
            when = lo + timedelta(days=b * step)
            tip = escape(f"{outlet}: {n} article{'s' if n > 1 else ''}, {when.isoformat()}")
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{max(1.5, cell - 1):.1f}" height="{row_h - 4}"'
                f' fill="{ACCENT}" fill-opacity="{0.25 + 0.75 * n / top:.2f}"><title>{tip}</title>'
                "</rect>"
            )
    foot = 20 + row_h * len(outlets) + 14
    parts.append(f'<text x="{label_w}" y="{foot}">{escape(lo.isoformat())}</text>')
    parts.append(
        f'<text x="{WIDTH - 4}" y="{foot}" text-anchor="end">{escape(hi.isoformat())}</text></svg>'
    )
    return "".join(parts)
