"""The Story So Far: the dated events of a story, oldest first, ending with today's development.

Events come from every given analysis (earlier articles of the same story first). Events dated
after their own article's creation time are plans, not history, and stay out. The same event
reported twice (same date, mostly the same words) is shown once. Each entry carries the date at
its real granularity ("March 2019", "Tuesday 11 June 2024", "Q1 2024", "recent months") and the
clause it came from, verbatim, with its evidence.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsbrief.compose.trim import (
    cut_off,
    is_furniture,
    is_headline_line,
    quote_fragment,
    repeats_title,
    trim_span,
)
from newsbrief.models import Analysis, Event, TimelineEntry

__all__ = ["date_label", "readable", "says_who", "story_so_far"]

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "with", "by",
    "from", "as", "is", "was", "were", "are", "be", "been", "has", "have", "had", "that", "this",
    "it", "its", "their", "his", "her", "they", "he", "she", "said", "says", "will", "would",
})  # fmt: skip
_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}
_SEASONS = {"SP": "Spring", "SU": "Summer", "FA": "Autumn", "WI": "Winter"}
MERGE_OVERLAP = 0.5
PER_DATE = 2
MAX_ENTRIES = 12


@dataclass(frozen=True)
class _Item:
    order: int  # analysis index, for stable ordering across articles
    event: Event
    current: bool


def story_so_far(analyses: Sequence[Analysis]) -> tuple[TimelineEntry, ...]:
    """The timeline of the given analyses; the last one is today's article."""
    if not analyses:
        return ()
    items: list[_Item] = []
    last = len(analyses) - 1
    for order, analysis in enumerate(analyses):
        today = _today(analysis) if order == last else None
        for event in analysis.events:
            if _furniture(event, analysis):
                continue
            current = event.is_current and order == last
            if _is_history(event, analysis) and (current or not _same_day(event, today)):
                items.append(_Item(order, event, current))
    merged = _select(_merge(items))
    dated = sorted((i for i in merged if i.event.sort_key and not i.current), key=_key)
    undated = [i for i in merged if not i.event.sort_key and not i.current]
    current_items = [i for i in merged if i.current][:1]
    labels = {i.event.sort_key[:10]: _label(i.event) for i in dated if i.event.date}
    ordered = [*dated, *undated, *current_items]
    entries = [readable(_entry(i, labels), analyses[i.order]) for i in ordered]
    return _once(entries, ordered)


def _once(entries: list[TimelineEntry], items: list[_Item]) -> tuple[TimelineEntry, ...]:
    """One entry per shown sentence: when two dates of one sentence both show it whole ("…
    testifying Tuesday who listened in on the July 25 call"), the latest is the sentence's own
    news and the earlier a date it recalls, so the latest stays (the current one first; see
    ``_rank``)."""
    best: dict[tuple[str, int, str], int] = {}
    for k, (entry, item) in enumerate(zip(entries, items, strict=True)):
        key = (entry.evidence.article_id, entry.evidence.sentence_index, entry.text)
        j = best.get(key)
        if j is None or _rank(item, entry) > _rank(items[j], entries[j]):
            best[key] = k
    keep = set(best.values())
    return tuple(e for k, e in enumerate(entries) if k in keep)


def _rank(item: _Item, entry: TimelineEntry) -> tuple[bool, str, bool]:
    """Which of two dates that show one text it keeps: the current one, the latest, then the
    one the text names ("Obama's landmark 2012 visit …, preceded by … a month later": 2012,
    not the month after December 2011)."""
    timex = item.event.timex
    named = timex is not None and entry.evidence.start <= timex.start < entry.evidence.end
    return (item.current, item.event.sort_key, named)


# openings that leave out who: a pronoun, an auxiliary whose subject the parse left behind
# ("have been released and have arrived safely in Tunisia"), or a gerund cut out of its sentence
# ("instigating the deadly 6 January riot", from "accuse the ex-president of instigating …")
_PRONOUN_OPENING = re.compile(
    r"^(?:he|she|they|it|him|them|his|her|their|its|i|we|you|me|(?-i:us)|my|our|your"
    r"|(?-i:that|this|these|those)"
    r"|have|has|had|was|were|is|are|will|would|could|should|can|may|might|must|been|being"
    r"|(?-i:[a-z]+ing))\b",
    re.I,
)
_SENTENCE_WORDS = 45


def says_who(text: str) -> bool:
    """False for a clause that opens on a pronoun, an auxiliary or a gerund: it does not say
    who."""
    return not _PRONOUN_OPENING.match(text)


def readable(entry: TimelineEntry, analysis: Analysis) -> TimelineEntry:
    """A clause that opens on a pronoun ("he has been a registered Republican") or on an
    auxiliary ("have been released …") does not say who; the whole sentence does, when it is
    not long and tells of no other time."""
    if not _PRONOUN_OPENING.match(entry.text):
        return entry
    index = entry.evidence.sentence_index
    if not 0 <= index < len(analysis.sentences):
        return entry
    if any(e.evidence.sentence_index == index and e.date != entry.date for e in analysis.events):
        # "Mr. Biden made his announcement Thursday … after he began his first presidential
        # campaign in June 1987": the sentence under June 1987 would say he announced then
        return entry
    sent = analysis.sentences[index]
    start, end = trim_span(analysis, sent)
    text = analysis.article.text[start:end].rstrip(" .")
    if len(text.split()) > _SENTENCE_WORDS or _PRONOUN_OPENING.match(text):
        return entry
    evidence = entry.evidence.model_copy(update={"start": start, "end": start + len(text)})
    return entry.model_copy(update={"text": text, "evidence": evidence})


def _furniture(event: Event, analysis: Analysis) -> bool:
    """An event read off the headline above the text (repeating the title, or a first line in
    title case: "Examining the U.N.'s Record on Urgent Global Challenges."), a
    question ("How well is the United Nations performing … of the past decade?": it asks, it
    reports nothing), a credit line or other page furniture: not a development."""
    index = event.evidence.sentence_index
    if not 0 <= index < len(analysis.sentences):
        return False
    sent = analysis.sentences[index]
    text = sent.text.rstrip()
    headline = is_headline_line(analysis, sent) and _title_case(text)
    return (
        is_furniture(text)
        or repeats_title(analysis, sent)
        or headline
        or text.endswith("?")
        or quote_fragment(text)  # "OUT,” Noem tweeted" (from "… We are here to Get. It. OUT,”)
        or cut_off(text)  # "… yet another example of America’s dangerous and"
    )


def _title_case(text: str) -> bool:
    """Most words of four letters or more capitalized, as a headline's are (a lead's are not)."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’.-]*", text) if len(w) >= 4]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _today(analysis: Analysis) -> str | None:
    published = analysis.article.published
    return published.date().isoformat() if published is not None else None


def _same_day(event: Event, today: str | None) -> bool:
    """Other news of the latest article's own day is the article itself, not background."""
    return today is not None and event.sort_key[:10] == today


def _select(items: list[_Item]) -> list[_Item]:
    """At most ``PER_DATE`` entries a date and ``MAX_ENTRIES`` in all, the ones nearest the top
    of their article first (the lead carries what matters)."""
    ranked = sorted(items, key=lambda i: (not i.current, -i.order, i.event.evidence.sentence_index))
    per_date: dict[str, int] = {}
    kept: list[_Item] = []
    for item in ranked:
        date_key = item.event.date or item.event.sort_key
        if per_date.get(date_key, 0) >= PER_DATE and not item.current:
            continue
        per_date[date_key] = per_date.get(date_key, 0) + 1
        kept.append(item)
    return kept[:MAX_ENTRIES]


def _is_history(event: Event, analysis: Analysis) -> bool:
    """Past or present relative to the event's own article (plans and forecasts stay out)."""
    published = analysis.article.published
    if published is None or not event.sort_key[:1].isdigit():
        return True
    return event.sort_key[:10] <= published.date().isoformat()


# periods that start together are shown in the order they end: "January 2024" before "Q1 2024"
# before "2024"
_SPAN = {"time": 0, "day": 1, "week": 2, "month": 3, "season": 4, "quarter": 5, "year": 6}


def _key(item: _Item) -> tuple[str, int, int, int, int]:
    e = item.event
    span = _SPAN.get(e.granularity, len(_SPAN))
    return (e.sort_key, span, item.order, e.evidence.sentence_index, e.evidence.start)


def _merge(items: list[_Item]) -> list[_Item]:
    """Drop an item that repeats an earlier one: same date and heavy word overlap."""
    kept: list[_Item] = []
    for item in items:
        dup = next((k for k in kept if _same_event(k.event, item.event)), None)
        if dup is None:
            kept.append(item)
        elif item.current and not dup.current:
            kept[kept.index(dup)] = item
    return kept


def _same_event(a: Event, b: Event) -> bool:
    if a.date != b.date or (a.date is None and a.sort_key != b.sort_key):
        return False
    wa, wb = _content_words(a.predicate), _content_words(b.predicate)
    if not wa or not wb:
        return a.predicate == b.predicate
    return len(wa & wb) / min(len(wa), len(wb)) >= MERGE_OVERLAP and len(wa & wb) >= 2


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _entry(item: _Item, labels: dict[str, str]) -> TimelineEntry:
    e = item.event
    return TimelineEntry(
        date=e.date,
        date_label=_label(e) if e.date else _undated_label(e, labels),
        granularity=e.granularity,
        text=e.predicate,
        is_current=item.current,
        evidence=e.evidence,
    )


def _label(e: Event) -> str:
    if e.date and not e.date[:1].isdigit():
        return e.timex.text.lower() if e.timex is not None else "recently"
    return date_label(e.date or "")


def _undated_label(e: Event, labels: dict[str, str]) -> str:
    """ "After March 2019" for an event placed after a dated anchor, else "Earlier"."""
    anchor = labels.get(e.sort_key[:10])
    if anchor and e.sort_key.endswith("~after"):
        return f"After {anchor}"
    if anchor and e.sort_key.endswith("~before"):
        return f"Before {anchor}"
    return "Earlier"


def date_label(value: str) -> str:
    """A TimeML date value at its own granularity: ``2019-03`` → ``March 2019``.

    A value that is not a valid calendar date is shown as it is.
    """
    try:
        return _date_label(value)
    except (ValueError, IndexError):
        return value


def _date_label(value: str) -> str:
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T(\w\w)(?::(\d\d))?)?", value):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        day = date(y, mo, d)
        text = f"{calendar.day_name[day.weekday()]} {d} {calendar.month_name[mo]} {y}"
        if m.group(4):
            part = _PARTS.get(m.group(4), f"{m.group(4)}:{m.group(5) or '00'}")
            text += f", {part}"
        return text
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        return f"{calendar.month_name[int(m.group(2))]} {m.group(1)}"
    if m := re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value):
        first = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 6 if m.group(3) else 1)
        what = "Weekend of" if m.group(3) else "Week of"
        return f"{what} {first.day} {calendar.month_name[first.month]} {first.year}"
    if m := re.fullmatch(r"(\d{4})-Q(\d)", value):
        return f"Q{m.group(2)} {m.group(1)}"
    if m := re.fullmatch(r"(\d{4})-H(\d)", value):
        return f"{'First' if m.group(2) == '1' else 'Second'} half of {m.group(1)}"
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return f"{_SEASONS[m.group(2)]} {m.group(1)}"
    if re.fullmatch(r"\d{4}", value):
        return value
    if re.fullmatch(r"\d{3}", value):
        return f"{value}0s"
    if re.fullmatch(r"\d{2}", value):
        n = int(value) + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} century"
    return value
