"""Sentence roles: what each sentence does in the story.

Every sentence gets one of ``main_event``, ``consequence``, ``significance``, ``context``,
``reaction``, ``forward_looking`` or ``detail`` plus a score for each role. The scores add up
evidence from the parse we already have (tense and modality of the main verb, quotation marks),
cue phrases ("comes as", "marks the first", "is expected to", "warned"), the attributions and time
expressions found earlier, position in the article and how much the sentence shares with the lead.
Everything works on lowercased tokens, so headline-case, sentence-case and all-lowercase text
(as in CNN/DailyMail) are treated alike. One walk over each sentence's tokens; the regexes
are compiled once, at import.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import get_args

from spacy.tokens import Doc, Span

from newsbrief.analyze.roles.clause import Clause, QuoteState, is_embedded
from newsbrief.analyze.roles.clause import clause as clause_facts
from newsbrief.analyze.roles.cues import CUES, REACTION_LEMMAS, SPEECH_LEMMAS
from newsbrief.models import Attribution, Sentence, SentenceRole, TimeExpr

ROLES: tuple[SentenceRole, ...] = get_args(SentenceRole)
_BASELINE = 1.0  # the score `detail` starts with: another role must beat it
_EMBEDDED_WEIGHT = 0.5  # share of a cue's or a date's weight inside a noun-describing clause
_DISCOUNTED = frozenset({"forward_looking", "context"})
_DATELINE = re.compile(r"^[A-Z][A-Z .,'()/]{2,40} ?(?:-{1,2}|—|–)$")
_LEDE_WINDOW = 8
_PERFECT_RANK = 2  # the opening sentences tell the news in the perfect ("has died")
_YEAR_WORD = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_YEAR_TOKEN = re.compile(r" (1[89]\d\d|20\d\d) ")
_STATIVE = frozenset(
    {"be", "have", "include", "represent", "allow", "contain", "remain", "hold", "own", "serve"}
)
_YEAR = re.compile(r"^(\d{4})")
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?(?=$|T)")
_PAST_WORDS = frozenset({"ago", "last", "previous", "earlier", "former", "yesterday"})
_FUTURE_WORDS = frozenset({"next", "coming", "tomorrow", "upcoming", "later"})
_WARN_LEMMAS = frozenset({"warn", "caution", "predict", "forecast", "expect"})


@dataclass
class _Evidence:
    """Scores being added up for one sentence."""

    scores: dict[str, float] = field(default_factory=lambda: dict.fromkeys(ROLES, 0.0))

    def add(self, role: str, weight: float) -> None:
        self.scores[role] += weight


def assign_roles(
    doc: Doc,
    sentences: list[Sentence],
    timexes: list[TimeExpr],
    attributions: list[Attribution],
    *,
    dct: datetime | None = None,
) -> list[Sentence]:
    """Return the sentences with ``role`` and ``role_scores`` filled in."""
    if not sentences:
        return []
    tx_by_sent: dict[int, list[TimeExpr]] = {}
    for tx in timexes:
        tx_by_sent.setdefault(tx.sentence_index, []).append(tx)
    attr_by_sent: dict[int, list[Attribution]] = {}
    for att in attributions:
        attr_by_sent.setdefault(att.evidence.sentence_index, []).append(att)
    ref_year = dct.year if dct else (_reference_year(timexes) or _latest_year(sentences))
    salience = Counter(w for s in sentences for w in _sentence_words(s))
    parsed = _parse_all(doc, sentences)
    first = _first_content_index(sentences)
    ledes = _ledes(sentences, first, doc.text)
    lead = parsed[first].clause
    lead_lemmas = lead.lemmas if lead is not None else frozenset()
    out: list[Sentence] = []
    for sent, facts in zip(sentences, parsed, strict=True):
        clause = facts.clause
        if clause is None or facts.span is None:
            scores = {r: float(r == "detail") for r in ROLES}
            out.append(sent.model_copy(update={"role": "detail", "role_scores": scores}))
            continue
        if clause.stub and out:
            prev = out[-1]
            out.append(sent.model_copy(update={"role": prev.role, "role_scores": prev.role_scores}))
            continue
        ev = _Evidence()
        _score_cues(ev, facts.norm, clause.main)
        _score_clause(ev, clause)
        sent_timexes = tx_by_sent.get(sent.index, ())
        _score_time(ev, sent_timexes, _TimeFrame(ref_year, dct, facts.span), clause)
        if not sent_timexes:
            _score_years(ev, facts.norm, ref_year)
        _score_attribution(ev, attr_by_sent.get(sent.index, ()), clause)
        rank = 0 if sent.index in ledes else sent.index - first
        _score_position(ev, rank, clause, lead_lemmas)
        _score_salience(ev, sent, salience)
        out.append(_finish(sent, ev))
    return out


@dataclass(frozen=True)
class _Facts:
    norm: str
    clause: Clause | None
    span: Span | None


@dataclass(frozen=True)
class _TimeFrame:
    """What a time expression is compared with: the article's year and date, and its sentence."""

    ref_year: int | None
    dct: datetime | None
    span: Span


def _parse_all(doc: Doc, sentences: list[Sentence]) -> list[_Facts]:
    """The normalized text and clause facts of every sentence, quotes tracked across them."""
    quotes = QuoteState()
    out: list[_Facts] = []
    for sent in sentences:
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None:
            out.append(_Facts("", None, None))
            continue
        quotes.enter(sent.paragraph)
        norm, facts = clause_facts(span, quotes)
        out.append(_Facts(norm, facts, span))
    return out


# --------------------------------------------------------------------------- scoring


def _score_cues(ev: _Evidence, norm: str, main: str) -> None:
    """Cues count fully, except that plans and background told only inside a noun-describing
    clause ("a super PAC that intends to …") count in part."""
    for role, gate, cues in CUES:
        if gate.search(norm) is None:
            continue
        for pattern, weight in cues:
            if pattern.search(norm) is None:
                continue
            full = role not in _DISCOUNTED or pattern.search(main) is not None
            ev.add(role, weight if full else weight * _EMBEDDED_WEIGHT)


def _score_clause(ev: _Evidence, clause: Clause) -> None:
    if clause.quoted:
        ev.add("reaction", 2.2)
    elif clause.has_quote:
        ev.add("reaction", 0.6)
    _score_tense(ev, clause)
    if clause.root_lemma in SPEECH_LEMMAS:
        ev.add("reaction", 0.6)
    if clause.root_lemma in REACTION_LEMMAS:
        ev.add("reaction", 1.2)
    if clause.tokens <= 3:
        ev.add("detail", 1.5)


def _score_tense(ev: _Evidence, clause: Clause) -> None:
    if clause.tense == "future":
        ev.add("forward_looking", 1.4)
    elif clause.tense == "modal":
        ev.add("forward_looking", 0.9)
    elif clause.tense == "weak_modal":
        ev.add("forward_looking", 0.3)
    ahead = clause.content_tense in ("future", "modal")
    if clause.content_tense == "future" and clause.tense != "future":
        ev.add("forward_looking", 1.2 if clause.root_lemma in SPEECH_LEMMAS else 0.8)
    elif clause.content_tense == "modal":
        ev.add("forward_looking", 0.9 if clause.root_lemma in SPEECH_LEMMAS else 0.4)
    elif clause.tense == "pluperfect":
        ev.add("context", 1.0)
    elif clause.tense in ("past", "perfect"):
        ev.add("main_event", 0.2)
    if clause.warning or (
        clause.root_lemma in _WARN_LEMMAS and (ahead or clause.tense in ("future", "modal"))
    ):
        ev.add("forward_looking", 1.0)
    if clause.commitment:
        ev.add("forward_looking", 2.2 if clause.quoted else 0.8)


def _score_time(
    ev: _Evidence, timexes: Sequence[TimeExpr], frame: _TimeFrame, clause: Clause
) -> None:
    """Dates before the article's day point to background, after it to what comes next; a date
    inside a noun-describing clause counts in part. A date in the current week, month or year
    with a verb in the future or a modal ("could start this week") points ahead too. Without the
    article's date, a year written out with a verb in the past ("in 2012 a customer found")
    points back: news tells today's events by weekday, not by year."""
    ahead = "future" in (clause.tense, clause.content_tense) or "modal" in (
        clause.tense,
        clause.content_tense,
    )
    told_past = clause.tense in ("past", "perfect", "pluperfect")
    weight = {-1: 0.0, 1: 0.0}
    for tx in timexes:
        direction = _direction(tx, frame.ref_year, frame.dct)
        if direction == 0 and ahead and tx.type in ("DATE", "TIME") and tx.value != "PRESENT_REF":
            direction = 1
        elif direction == 0 and frame.dct is None and _YEAR_WORD.search(tx.text) and told_past:
            direction = -1
        if direction:
            share = _EMBEDDED_WEIGHT if _tx_embedded(tx, frame.span) else 1.0
            weight[direction] = max(weight[direction], share)
    ev.add("context", 1.0 * weight[-1])
    ev.add("forward_looking", 1.2 * weight[1])
    if weight[-1] == 1.0:
        # effects of an earlier event are background ("were left homeless when … in 2012")
        ev.scores["consequence"] *= 0.5


def _tx_embedded(tx: TimeExpr, span: Span) -> bool:
    tx_span = span.doc.char_span(tx.start, tx.end, alignment_mode="expand")
    return tx_span is not None and is_embedded(tx_span.root, span.root)


def _score_years(ev: _Evidence, norm: str, ref_year: int | None) -> None:
    """Years written out, when the time-expression finder gave nothing for the sentence."""
    if ref_year is None:
        return
    years = {int(y) for y in _YEAR_TOKEN.findall(norm)}
    if any(year < ref_year for year in years):
        ev.add("context", 0.9)
    if any(year > ref_year for year in years):
        ev.add("forward_looking", 0.9)


def _score_attribution(ev: _Evidence, attributions: Sequence[Attribution], clause: Clause) -> None:
    if not attributions:
        return
    direct = any(a.kind in ("direct", "mixed") for a in attributions)
    if direct:
        ev.add("reaction", 0.3 if clause.quoted else 0.8)
    else:
        ev.add("reaction", 0.2)


def _score_position(ev: _Evidence, rank: int, clause: Clause, lead: frozenset[str]) -> None:
    """The lead states the main event; later sentences that restate it do too."""
    if rank == 0:
        ev.add("main_event", 3.2)
        return
    if rank < 0:
        return
    ev.add("main_event", 0.9 / (1 + rank))
    if not clause.lemmas or not lead or clause.quoted:
        return
    restates = len(clause.lemmas & lead) / min(len(clause.lemmas), len(lead))
    ev.add("main_event", 2.5 * max(0.0, restates - 0.2))
    if restates < 0.3:
        _score_background(ev, rank, clause)


def _score_background(ev: _Evidence, rank: int, clause: Clause) -> None:
    """A sentence that does not restate the lead and tells what has (long) been so, or states a
    standing fact, gives background; past the opening, the perfect tells of earlier events."""
    if clause.tense == "pluperfect" or (clause.tense == "perfect" and rank >= _PERFECT_RANK):
        ev.add("context", 1.0)
    elif clause.tense == "perfect" or (clause.tense == "present" and clause.root_lemma in _STATIVE):
        ev.add("context", 0.5)


def _score_salience(ev: _Evidence, sent: Sentence, salience: Counter[str]) -> None:
    words = _sentence_words(sent)
    if words:
        ev.add("main_event", 0.3 * sum(salience[w] > 2 for w in words) / len(words))


def _finish(sent: Sentence, ev: _Evidence) -> Sentence:
    scores = ev.scores
    scores["detail"] += _BASELINE
    role = max(ROLES, key=lambda r: scores[r])
    total = sum(math.exp(v) for v in scores.values())
    probs = {r: round(math.exp(scores[r]) / total, 4) for r in ROLES}
    return sent.model_copy(update={"role": role, "role_scores": probs})


# --------------------------------------------------------------------------- helpers


def _direction(tx: TimeExpr, ref_year: int | None, dct: datetime | None) -> int:
    """-1 when the expression points before the article's day, +1 after, 0 same or unknown."""
    value = tx.value
    if value == "PAST_REF":
        return -1
    if value == "FUTURE_REF":
        return 1
    if tx.type == "DURATION" or tx.type == "SET":
        words = set(tx.text.lower().split())
        return -1 if "ago" in words or "past" in words else 0
    m = _CALENDAR.match(value)
    if dct is not None and m:
        point = m.group(0)
        today = dct.strftime("%Y-%m-%d")[: len(point)]
        return -1 if point < today else (1 if point > today else 0)
    m = _YEAR.match(value)
    if m and ref_year is not None:
        year = int(m.group(1))
        if year != ref_year:
            return -1 if year < ref_year else 1
    words = set(tx.text.lower().split())
    if words & _PAST_WORDS:
        return -1
    if words & _FUTURE_WORDS:
        return 1
    return 0


def _latest_year(sentences: list[Sentence]) -> int | None:
    """The latest year the article mentions: "now", when nothing better is known."""
    years = [int(y) for s in sentences for y in _YEAR_WORD.findall(s.text)]
    return max(years) if years else None


def _reference_year(timexes: Sequence[TimeExpr]) -> int | None:
    years = [int(m.group(1)) for tx in timexes if (m := _YEAR.match(tx.value))]
    return max(years) if years else None


def _sentence_words(sent: Sentence) -> set[str]:
    return {w for phrase in sent.keyphrases for w in phrase.split() if len(w) > 2}


def _ledes(sentences: list[Sentence], first: int, text: str) -> set[int]:
    """The first sentence that says something, and the story's opening after a dateline ("WASHINGTON
    -" after an abstract), whether the dateline stands as a sentence of its own or the sentence
    starts right after it on its line."""
    out = {sentences[first].index}
    for pos, sent in enumerate(sentences[:_LEDE_WINDOW]):
        if pos + 1 < len(sentences) and _DATELINE.match(sent.text.strip()):
            out.add(sentences[pos + 1].index)
        before = text[text.rfind("\n", 0, sent.start) + 1 : sent.start].strip()
        if before and _DATELINE.match(before):
            out.add(sent.index)
    return out


def _first_content_index(sentences: list[Sentence]) -> int:
    """The first sentence that says something: skips datelines, time stamps and labels."""
    for pos, sent in enumerate(sentences[:6]):
        if len(sent.text.split()) >= 6:
            return pos
    return 0
