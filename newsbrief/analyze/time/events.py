"""Events: the dated clauses of an article, for "The Story So Far".

Each time expression that dates something (a calendar date, "recently", "in recent months", "the
past two years") is attached to the verb it modifies; the clause of that verb, trimmed to a
readable length and verbatim from the text, becomes the event. The lead event dated on the
document creation time (DCT) is today's development (``is_current``). A past-tense sentence
without a date that opens with "Since then" or "Before that" is placed just after (or before)
the nearest preceding dated event, or kept as undated context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from spacy.tokens import Doc, Span, Token

from newsbrief.analyze.actors.index import ActorIndex
from newsbrief.analyze.time.clauses import REPORTING, clause_head, governing_verb, predicate_span
from newsbrief.analyze.time.current import clause_actors, clause_subject, mark_current
from newsbrief.analyze.time.nonevents import cut_from_the_line, dates_nothing, dates_what_it_follows
from newsbrief.analyze.time.points import from_date, sort_key
from newsbrief.analyze.time.timex import verb_tense
from newsbrief.models import Article, Event, Evidence, Granularity, Sentence, TimeExpr

__all__ = ["find_events"]

_PAST_DURATION = re.compile(r"\b(?:past|last|recent|previous|preceding)\b", re.I)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365, "decade": 3650}
_UNIT_WORD = re.compile(r"\b(day|week|month|quarter|year|decade)s?\b", re.I)
_AFTER_CUES = re.compile(
    r"^(?:since\s+then|ever\s+since|after\s+that|afterwards?|later|subsequently|in\s+the"
    r"\s+(?:months|weeks|years|days)\s+(?:since|that\s+followed)|by\s+then|from\s+then\s+on)\b",
    re.I,
)
_BEFORE_CUES = re.compile(
    r"^(?:before\s+that|previously|earlier|until\s+then|prior\s+to\s+that)\b", re.I
)
_PERIODS = ("century", "decade", "year", "half", "season", "quarter", "month", "week")
_DEADLINE = re.compile(r"\b(?:by|until|till)\s+$", re.I)


@dataclass(frozen=True)
class _Dated:
    """A time expression that can date an event, with where it sorts."""

    timex: TimeExpr
    date: str
    granularity: Granularity
    key: str


def find_events(
    doc: Doc,
    article: Article,
    sentences: list[Sentence],
    timexes: list[TimeExpr],
    actors: ActorIndex,
) -> list[Event]:
    """Events of one article, in text order; at most one ``is_current``."""
    dct = article.published
    dated = [d for t in timexes if (d := _datable(t, dct)) is not None]
    spans = [(d.timex.start, d.timex.end) for d in dated]
    events: list[Event] = []
    seen_verbs: set[int] = set()
    located = []
    for d in dated:
        span = doc.char_span(d.timex.start, d.timex.end, alignment_mode="expand")
        if span is not None:
            located.append((d, span, governing_verb(span)))
    dating = {verb.i for _, _, verb in located if verb is not None}  # verbs a date dates
    located = [
        (d, span, verb)
        for d, span, verb in located
        if d.timex.sentence_index < len(sentences)
        and not dates_nothing(
            d.timex, sentences[d.timex.sentence_index], span, verb, d.date, dct
        )  # "up from $5 million a year earlier": a figure, not an event
    ]
    finest = _finest_per_verb(located)
    frames: dict[int, str] = {}  # sentence -> the day its reporting frame names
    for d, span, verb in located:
        sent = sentences[d.timex.sentence_index]
        if verb is not None and verb.i in seen_verbs:
            continue  # "rose in 2022 and 2023": one event, dated by the first expression
        if verb is not None and finest.get(verb.i, d) is not d:
            continue  # "After a break later that month, the tour picks up February 7th": the day
        if dates_what_it_follows(verb, dating):
            continue
        if not _has_verb(doc, sent):
            continue  # "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL": a listing
        if verb is not None:
            seen_verbs.add(verb.i)
        found = predicate_span(doc, sent, verb, span, spans)
        if found is None and _frames_on(verb, d):
            frames.setdefault(sent.index, d.date[:10])  # "…, the agency said Friday"
        if (
            found is None
            or cut_from_the_line(verb, found)
            or _gapped_relative(doc, verb, found)
            or _dates_a_modifier(verb, found, dating)
            or _dates_a_description(verb, found)
        ):
            continue
        if d.timex.in_name and any(
            found[0] <= s and e <= found[1]
            for s, e in spans
            if (s, e) != (d.timex.start, d.timex.end)
        ):
            continue  # "… charges Trump with inciting the Jan. 6 insurrection, on Monday night":
            # a line holding another date is that date's news, not the named upheaval's
        if dct is not None and _planned(verb, d, dct, article.text):
            d = _ahead(d, dct)
        events.append(_event(article, sent, found[0], found[1], d, actors, doc))
    events.extend(_undated_background(doc, article, sentences, timexes, events, actors))
    events.sort(key=lambda e: (e.evidence.sentence_index, e.evidence.start))
    return mark_current(doc, article, sentences, events, actors, frames)


# a day (or a time in it) beats a week, month or longer; among days, or among longer
# periods, the first stays ("Late Sunday night, the city lifted a midnight curfew")
_FINENESS = {"time": 0, "day": 0, "week": 1, "month": 1, "quarter": 1, "season": 1, "year": 1}


def _finest_per_verb(located: list[tuple[_Dated, Span, Token | None]]) -> dict[int, _Dated]:
    """For each verb dated by several expressions, the one nearest it in the parse, then a day
    before a longer period, then the first: "picks up February 7th" is the day's, though "After
    a break later that month" came first; "was arrested in April for a March 21 phone call" is
    April's, the call's day being the call's."""
    best: dict[int, tuple[tuple[int, int], _Dated]] = {}
    for d, span, verb in located:
        if verb is None:
            continue
        rank = (_hops(span.root, verb), _FINENESS.get(d.granularity, 9))
        held = best.get(verb.i)
        if held is None or rank < held[0]:
            best[verb.i] = (rank, d)
    return {i: d for i, (_, d) in best.items()}


def _hops(tok: Token, verb: Token) -> int:
    """How many heads up from ``tok`` the verb is (a large number when it is not above it)."""
    hops = 0
    while tok.i != verb.i and tok.head.i != tok.i and hops < 20:
        tok, hops = tok.head, hops + 1
    return hops if tok.i == verb.i else 20


def _has_verb(doc: Doc, sent: Sentence) -> bool:
    """The sentence says something happen or be: a listing's line ("June 9 -- Coral Sky
    Amphitheatre, Tampa, FL") or a caption's date has no verb, and is no event."""
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    return span is None or any(t.pos_ in ("VERB", "AUX") for t in span)


def _frames_on(verb: Token | None, d: _Dated) -> bool:
    """A day that dates only the reporting verb of a sentence ("…, the agency said Friday"):
    the report's day, which the report's news is of when the sentence leads the article."""
    return verb is not None and verb.lemma_ in REPORTING and d.granularity in ("day", "time")


def _gapped_relative(doc: Doc, verb: Token | None, span: tuple[int, int]) -> bool:
    """ "the city lifted a midnight curfew it put in place Thursday": the relative clause's
    object is the noun it modifies, outside the clause, so the clause alone ("it put in place")
    says nothing; the sentence's own event tells it."""
    if verb is None or verb.dep_ != "relcl":
        return False
    if any(c.dep_ in ("dobj", "nsubjpass", "attr", "ccomp", "xcomp") for c in verb.children):
        return False
    if any(c.tag_ in ("WDT", "WP", "WP$") or c.lower_ == "that" for c in verb.children):
        return False  # "the curfew that was put in place": the relative word is its subject
    return not span[0] <= verb.head.idx < span[1]


def _dates_a_modifier(verb: Token | None, span: tuple[int, int], dating: set[int]) -> bool:
    """ "The plan the committee approved in March was scrapped after …": the date is the
    modifier's (the approval), the line tells what the sentence's own past verb says (the
    scrapping, undated) — a line on that date would misdate it. So is "Roy Moore, who was the
    nominee in 2017's election, announced Thursday …": the main verb has a date of its own
    (``dating``), which dates the line. Else a modifier set off by a comma ("The deal,
    announced on Monday, will …"), one with a relative word, or a main verb of another tense
    is left alone."""
    if verb is None or verb.dep_ not in ("acl", "relcl"):
        return False
    noun = verb.head
    while noun.dep_ in ("acl", "relcl") and noun.head.i != noun.i:
        noun = noun.head.head if noun.head.dep_ not in _ARGUMENT_DEPS else noun.head
    main = noun.head if noun.dep_ in _ARGUMENT_DEPS else None
    if main is None or main.pos_ not in ("VERB", "AUX") or main.i == verb.i:
        return False
    if not span[0] <= main.idx < span[1] or verb.i <= main.i <= verb.right_edge.i:
        return False
    if main.i in dating:
        return True
    if any(c.tag_ in ("WDT", "WP") or c.lower_ == "that" for c in verb.children):
        return False  # "Protesters who gathered on Monday were dispersed": that day, mostly
    before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
    if before is not None and before.text == ",":
        return False
    return main.tag_ in ("VBD", "VBN") and not any(c.tag_ == "MD" for c in main.children)


def _dates_a_description(verb: Token | None, span: tuple[int, int]) -> bool:
    """ "… has declared …, another escalation in the war on cities that saw huge protests this
    summer": a relative clause on a noun after a preposition of topic describes that noun; its
    date is not the main clause's. One on where the main event happened ("spoke at the rally
    that was held on Monday") dates it too."""
    if verb is None or verb.dep_ != "relcl" or verb.head.dep_ != "pobj":
        return False
    if verb.head.head.lower_ in _AT_THE_TIME:
        return False
    root = verb.sent.root
    return (
        root.pos_ in ("VERB", "AUX")
        and span[0] <= root.idx < span[1]
        and not verb.left_edge.i <= root.i <= verb.right_edge.i
    )


_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass"})
# "spoke at the rally that was held on Monday": where the main event happened, so when too
_AT_THE_TIME = frozenset(
    {"at", "during", "in", "throughout", "amid", "after", "before", "since", "until"}
)


def _datable(t: TimeExpr, dct: datetime | None) -> _Dated | None:
    """Whether ``t`` can date an event, and how: calendar dates, past references, past spans."""
    if t.type in ("DATE", "TIME") and t.value[:1].isdigit() and "X" not in t.value[:4]:
        return _Dated(t, t.value, t.granularity, sort_key(t.value))
    if dct is None:
        return None
    if t.type == "DATE" and t.value == "PAST_REF":
        return _Dated(t, "PAST_REF", "fuzzy", _fuzzy_key(t.text, dct, default_days=14))
    if t.type == "DURATION" and _PAST_DURATION.search(t.text):
        return _Dated(
            t, "PAST_REF", "fuzzy", _fuzzy_key(t.text, dct, default_days=30, value=t.value)
        )
    return None


def _planned(verb: Token | None, d: _Dated, dct: datetime, text: str) -> bool:
    """A future-tense clause, or a deadline ("by the end of the year"), dated by a period that
    contains the DCT ("will meet later this week", "must fall by the end of the decade")."""
    if verb is None or d.granularity in ("day", "time", "fuzzy") or not _holds(d.date, dct):
        return False
    if _DEADLINE.search(text, max(0, d.timex.start - 8), d.timex.start):
        return True
    head = clause_head(verb)
    heads = (verb, head) if head.pos_ in ("VERB", "AUX") else (verb,)
    return any(verb_tense(v) == "future" for v in heads)


def _holds(value: str, dct: datetime) -> bool:
    """Whether the period ``value`` (a year, quarter, month, week ...) contains the DCT."""
    return any(from_date(dct, g).value == value for g in _PERIODS)


def _ahead(d: _Dated, dct: datetime) -> _Dated:
    """A future-tense event in a period that contains the DCT ("will meet later this week")
    sorts after the DCT: it is a plan, not part of the story so far."""
    tomorrow = (dct + timedelta(days=1)).date().isoformat()
    return replace(d, key=max(d.key, tomorrow))


def _fuzzy_key(text: str, dct: datetime, default_days: int, value: str = "") -> str:
    """Where a fuzzy past expression sorts: the start of "the past two years", roughly."""
    unit = _UNIT_WORD.search(text)
    days = default_days
    if unit is not None:
        count = re.match(r"P(\d+)", value)
        n = int(count.group(1)) if count else 2
        days = _UNIT_DAYS[unit.group(1).lower()] * n
    return (dct - timedelta(days=days)).date().isoformat() + "~"


def _event(
    article: Article,
    sent: Sentence,
    start: int,
    end: int,
    d: _Dated,
    actors: ActorIndex,
    doc: Doc,
) -> Event:
    return Event(
        date=d.date,
        granularity=d.granularity,
        sort_key=d.key,
        predicate=article.text[start:end],
        actor_ids=clause_actors(doc, start, end, actors),
        subject_id=clause_subject(doc, start, end, actors),
        timex=d.timex,
        evidence=Evidence(article_id=article.id, sentence_index=sent.index, start=start, end=end),
    )


def _undated_background(
    doc: Doc,
    article: Article,
    sentences: list[Sentence],
    timexes: list[TimeExpr],
    dated_events: list[Event],
    actors: ActorIndex,
) -> list[Event]:
    """ "Since then, the union has staged three walkouts": placed after the last dated event."""
    with_timex = {t.sentence_index for t in timexes}
    out: list[Event] = []
    for sent in sentences:
        if sent.index in with_timex:
            continue
        after, before = _AFTER_CUES.match(sent.text), _BEFORE_CUES.match(sent.text)
        if not (after or before) or not _past_clause(doc, sent):
            continue
        anchor = _preceding(dated_events, sent.index)
        key = ""
        if anchor is not None and anchor.date not in (None, "PAST_REF"):
            key = anchor.sort_key + ("~after" if after else "~before")
        out.append(
            Event(
                date=None,
                granularity="fuzzy",
                sort_key=key,
                predicate=sent.text,
                actor_ids=clause_actors(doc, sent.start, sent.end, actors),
                evidence=Evidence(
                    article_id=article.id, sentence_index=sent.index, start=sent.start, end=sent.end
                ),
            )
        )
    return out


def _preceding(events: list[Event], sentence_index: int) -> Event | None:
    before = [e for e in events if e.evidence.sentence_index < sentence_index and e.date]
    return max(before, key=lambda e: (e.evidence.sentence_index, e.evidence.start), default=None)


def _past_clause(doc: Doc, sent: Sentence) -> bool:
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    tags = {root.tag_} | {c.tag_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    return root.tag_ in ("VBD", "VBN") or bool(tags & {"VBD"})
