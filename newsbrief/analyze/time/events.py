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
from datetime import date, datetime, timedelta

from spacy.tokens import Doc, Span, Token

from newsbrief.analyze.actors.index import ActorIndex
from newsbrief.analyze.time.clauses import clause_head, governing_verb, predicate_span
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
_YEAR_AGO = re.compile(r"year[-\s](?:ago|earlier)\b", re.I)
_AGO = re.compile(r"\b(?:ago|earlier)$", re.I)
_COMPARING = re.compile(r"\b(?:compared|from|versus|than|up|down)\b", re.I)
_CHANGE_BASE = re.compile(
    r"\b(?:increase[ds]?|decrease[ds]?|ris(?:e|es|en|ing)|rose|drop(?:s|ped)?|jump(?:s|ed)?"
    r"|gain(?:s|ed)?|declin(?:e|es|ed)|fall(?:s|en)?|fell|grow(?:s|n)?|grew|growth"
    r"|climb(?:s|ed)?|higher|lower|more|less|up|down)\b"
    r"[^.;]{0,30}?\b(?:over|than|from|compared (?:with|to)|versus)\s+(?:in\s+|during\s+)?$"
    # "would have been flat from the revised March numbers"
    r"|\b(?:flat|unchanged|steady|up|down|higher|lower)\s+from\s+(?:the\s+)?(?:\w+\s+)?$"
    # "the lowest jobless rate since December 1969", "for the first time since March"
    r"|\b(?:lowest|highest|largest|biggest|smallest|worst|best|fastest|slowest|strongest"
    r"|weakest|steepest|sharpest|deepest|longest|shortest|most|least|first\s+time|record)"
    r"\b[^.;]{0,40}?\bsince\s+(?:the\s+)?(?:start\s+of\s+|end\s+of\s+)?$"
    # "the only decade dating back to the 1910s that …": how far back a comparison looks
    r"|\b(?:dating|going|stretching|reaching)\s+back\s+to\s+(?:the\s+)?$",
    re.I,
)
_PERIODS = ("century", "decade", "year", "half", "season", "quarter", "month", "week")
_DEADLINE = re.compile(r"\b(?:by|until|till)\s+$", re.I)
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "agent"})


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
    for d in dated:
        span = doc.char_span(d.timex.start, d.timex.end, alignment_mode="expand")
        if span is None or d.timex.sentence_index >= len(sentences):
            continue
        sent = sentences[d.timex.sentence_index]
        if _comparison(d.timex, sent):
            continue  # "up from $5 million a year earlier": a figure, not an event
        verb = governing_verb(span)
        if _generic_today(d.timex, verb) or _names_a_body(span) or _coming_contest(span, d, dct):
            continue
        if _compared(verb):
            continue  # "more checks in March … than they have in any month so far this year"
        if verb is not None and verb.i in seen_verbs:
            continue  # "rose in 2022 and 2023": one event, dated by the first expression
        if verb is not None:
            seen_verbs.add(verb.i)
        found = predicate_span(doc, sent, verb, span, spans)
        if found is None:
            continue
        if dct is not None and _planned(verb, d, dct, article.text):
            d = _ahead(d, dct)
        events.append(_event(article, sent, found[0], found[1], d, actors, doc))
    events.extend(_undated_background(doc, article, sentences, timexes, events, actors))
    events.sort(key=lambda e: (e.evidence.sentence_index, e.evidence.start))
    return _mark_current(doc, article, sentences, events, actors)


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


def _comparison(t: TimeExpr, sent: Sentence) -> bool:
    """ "Year-ago" figures, "compared with ... a year earlier" and the base of a change ("a 12%
    increase over the previous month", "higher than last year", "the lowest rate since December
    1969") are comparisons."""
    if _YEAR_AGO.search(t.text):
        return True
    if _CHANGE_BASE.search(sent.text[: max(0, t.start - sent.start)]):
        return True
    return bool(_AGO.search(t.text)) and bool(_COMPARING.search(sent.text))


_BODIES = frozenset(
    {"committee", "subcommittee", "commission", "panel", "inquiry", "investigation", "probe"}
)


_ACT_OF = re.compile(r"\b[A-Z][a-z]+ (?:Act|Accords?|Agreement|Treaty|Convention) of\s+$")


def _names_a_body(span: Span) -> bool:
    """ "the Jan. 6 select committee", "the 9/11 commission", "the Voting Rights Act of 1965": a
    date in a body's or a law's name says when something else happened, not when the clause's
    verb did."""
    if _ACT_OF.search(span.doc.text, max(0, span.start_char - 60), span.start_char):
        return True
    root = span.root
    if root.dep_ not in ("nmod", "compound", "amod", "npadvmod"):
        return False
    return root.head.lemma_.lower() in _BODIES or any(
        c.lemma_.lower() in _BODIES for c in root.head.children if c.dep_ == "compound"
    )


_CONTESTS = frozenset(
    {"race", "election", "elections", "campaign", "cycle", "primary", "primaries", "contest",
     "nomination", "season", "budget", "olympics", "census", "hopeful", "hopefuls",
     "candidate", "contender", "nominee"}
)  # fmt: skip


def _coming_contest(span: Span, d: _Dated, dct: datetime | None) -> bool:
    """ "to enter the 2020 race", "2020 Democratic hopefuls took aim at …", written in 2019 or
    2020: the year names the contest the clause is about, not when its verb happens ("won the
    2016 election", written later, is an event of 2016)."""
    root = span.root
    if dct is None or root.dep_ not in ("nummod", "compound", "amod", "nmod"):
        return False
    if root.head.lemma_.lower() not in _CONTESTS and root.head.lower_ not in _CONTESTS:
        return False
    return d.date[:4].isdigit() and int(d.date[:4]) >= dct.year


def _compared(verb: Token | None) -> bool:
    """The clause of a comparison's base, with its own subject ("… than they have in any month
    so far this year"); not an elliptical one ("added fewer jobs than expected in September")."""
    if verb is None:
        return False
    children = list(verb.children)
    return any(c.dep_ == "mark" and c.lower_ == "than" for c in children) and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in children
    )


def _generic_today(t: TimeExpr, verb: Token | None) -> bool:
    """ "the galaxies we observe today", "why the universe appears as it is today": "today" in
    a present-tense relative or adverbial clause means nowadays, not the day of the news."""
    if verb is None or t.text.lower() not in ("today", "nowadays"):
        return False
    return verb.tag_ in ("VBP", "VBZ") and verb.dep_ in ("relcl", "advcl", "acl")


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
        actor_ids=_actor_ids(doc, start, end, actors),
        timex=d.timex,
        evidence=Evidence(article_id=article.id, sentence_index=sent.index, start=start, end=end),
    )


def _actor_ids(doc: Doc, start: int, end: int, actors: ActorIndex) -> tuple[str, ...]:
    """Actors mentioned in the clause: its named entities and its subject/object heads."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ()
    probes: list[tuple[int, int]] = [(e.start_char, e.end_char) for e in span.ents]
    probes += [
        (t.idx, t.idx + len(t))
        for t in span
        if t.dep_ in _ACTOR_DEPS and t.pos_ in ("PROPN", "NOUN", "PRON")
    ]
    found: list[str] = []
    for s, e in probes:
        actor = actors.actor_at(s, e)
        if actor is not None and actor not in found:
            found.append(actor)
    return tuple(found)


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
                actor_ids=_actor_ids(doc, sent.start, sent.end, actors),
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


def _mark_current(
    doc: Doc,
    article: Article,
    sentences: list[Sentence],
    events: list[Event],
    actors: ActorIndex,
) -> list[Event]:
    """Mark the lead event dated on (or just before) the DCT as today's development.

    When no event qualifies, the main clause of the first sentence stands for it, dated on the
    DCT: a news lead reports today's development even when it carries no date.
    """
    dct = article.published
    if dct is None or not sentences:
        return events
    today = dct.date()
    lead_limit = min(3, len(sentences))
    for i, e in enumerate(events):
        if e.evidence.sentence_index >= lead_limit or not e.date or not e.date[:1].isdigit():
            continue
        if _recent(e.sort_key[:10], today) and e.granularity in ("day", "time"):
            events[i] = e.model_copy(update={"is_current": True})
            return events
    dated = {e.evidence.sentence_index for e in events if e.date and e.date[:1].isdigit()}
    lead = _lead_event(doc, article, sentences[:3], actors, dated)
    if lead is None:
        return events
    rest = [e for e in events if e.evidence != lead.evidence]
    return [lead, *rest]


def _recent(day: str, today: date) -> bool:
    """On ``today`` or at most two working days before it: Monday's lead reports Friday's news
    ("Hillary let the cat out of a bag Friday"), as Wednesday's reports Monday's."""
    try:
        then = date.fromisoformat(day)
    except ValueError:
        return False
    if then > today or (today - then).days > 4:
        return False
    working = sum(
        1 for k in range(1, (today - then).days + 1) if (then + timedelta(days=k)).weekday() < 5
    )
    return (today - then).days <= 2 or working <= 1


def _lead_event(
    doc: Doc, article: Article, lead: list[Sentence], actors: ActorIndex, dated: set[int]
) -> Event | None:
    """The main clause of the first real sentence (not a dateline or a fragment), on the DCT;
    none when that sentence carries its own, earlier date ("… made 200,000 arrests in July":
    not today's news) or asks a question (a feature's lede)."""
    dct = article.published
    for sent in lead:
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if dct is None or span is None or len(span) < 6 or span.root.pos_ not in ("VERB", "AUX"):
            continue
        if sent.index in dated:
            return None
        if sent.text.rstrip(" \"'”’)").endswith("?"):
            return None  # a feature's lede ("Remember New Jersey’s quest for a slogan?")
        found = predicate_span(doc, sent, span.root, None, [])
        if found is not None:
            return _current_event(doc, article, sent, found, actors, dct)
    return None


def _current_event(
    doc: Doc,
    article: Article,
    sent: Sentence,
    found: tuple[int, int],
    actors: ActorIndex,
    dct: datetime,
) -> Event:
    start, end = found
    value = dct.date().isoformat()
    return Event(
        date=value,
        granularity="day",
        sort_key=value,
        predicate=article.text[start:end],
        actor_ids=_actor_ids(doc, start, end, actors),
        is_current=True,
        evidence=Evidence(article_id=article.id, sentence_index=sent.index, start=start, end=end),
    )
