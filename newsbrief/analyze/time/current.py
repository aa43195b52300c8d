"""Today's development: the lead event of an article, dated on its publication date (DCT) or
on the day its reporting frame names; and the actors a dated clause mentions, and its subject."""

from __future__ import annotations

from datetime import date, timedelta

from spacy.tokens import Doc

from newsbrief.analyze.actors.index import ActorIndex
from newsbrief.analyze.time.clauses import predicate_span
from newsbrief.analyze.time.eventive import reports_event
from newsbrief.models import Article, Event, Evidence, Sentence

__all__ = ["clause_actors", "clause_subject", "mark_current"]

_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "agent"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def clause_actors(doc: Doc, start: int, end: int, actors: ActorIndex) -> tuple[str, ...]:
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


def clause_subject(doc: Doc, start: int, end: int, actors: ActorIndex) -> str | None:
    """The actor that is the clause's grammatical subject ("Justice Clarence Thomas issued a
    dissent"), None when the subject is no actor: "Two Pennsylvania judges tossed out …" (the
    place only modifies the judges), "It is a truism that America …", "A tally by Johns Hopkins
    University showed …". A story timeline tells one day's developments apart by who did them."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    subject = next(
        (t for t in span.root.children if t.dep_ in _SUBJECT_DEPS and span.start <= t.i < span.end),
        None,
    )
    if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    name = next((e for e in span.ents if e.start <= subject.i < e.end), None)
    if name is not None:
        return actors.actor_at(name.start_char, name.end_char)
    return actors.actor_at(subject.idx, subject.idx + len(subject))


def mark_current(
    doc: Doc,
    article: Article,
    sentences: list[Sentence],
    events: list[Event],
    actors: ActorIndex,
    frames: dict[int, str] | None = None,
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
    lead = _lead_event(doc, article, sentences[:3], actors, dated, frames or {})
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
    doc: Doc,
    article: Article,
    lead: list[Sentence],
    actors: ActorIndex,
    dated: set[int],
    frames: dict[int, str],
) -> Event | None:
    """The main clause of the first real sentence (not a dateline or a fragment), on the DCT,
    or on the day its reporting frame names ("Pupils may sit closer, the agency said Friday":
    Friday's news, today's development only when Friday is recent, see ``_recent``); none when
    that sentence carries its own, earlier date ("… made 200,000 arrests in July": not today's
    news), asks a question (a feature's lede) or reports no event: background or comment ("After
    the shooting, many survivors became advocates", "It's tough out there these days", see
    ``eventive``). The article then has no development of the day; its lead is still a sentence
    of the brief like any other."""
    dct = article.published
    for sent in lead:
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if dct is None or span is None or len(span) < 6 or span.root.pos_ not in ("VERB", "AUX"):
            continue
        if sent.index in dated:
            return None
        if sent.text.rstrip(" \"'”’)").endswith("?"):
            return None  # a feature's lede ("Remember New Jersey’s quest for a slogan?")
        if not reports_event(span.root):
            return None
        found = predicate_span(doc, sent, span.root, None, [])
        if found is not None:
            day = frames.get(sent.index, dct.date().isoformat())
            current = day == dct.date().isoformat() or _recent(day, dct.date())
            return _current_event(doc, article, sent, found, actors, day, current)
    return None


def _current_event(
    doc: Doc,
    article: Article,
    sent: Sentence,
    found: tuple[int, int],
    actors: ActorIndex,
    day: str,
    current: bool,
) -> Event:
    start, end = found
    return Event(
        date=day,
        granularity="day",
        sort_key=day,
        predicate=article.text[start:end],
        actor_ids=clause_actors(doc, start, end, actors),
        subject_id=clause_subject(doc, start, end, actors),
        is_current=current,
        evidence=Evidence(article_id=article.id, sentence_index=sent.index, start=start, end=end),
    )
