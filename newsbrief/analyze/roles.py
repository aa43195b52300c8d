"""Sentence roles: what each sentence does in the story.

Every sentence gets one of ``main_event``, ``consequence``, ``significance``, ``context``,
``reaction``, ``forward_looking`` or ``detail`` plus a score for each role. The scores add up
evidence from the parse we already have (tense and modality of the main verb, quotation marks),
cue phrases ("comes as", "marks the first", "is expected to", "warned"), the attributions and time
expressions found earlier, position in the article and how much the sentence shares with the lead.
Everything works on lowercased tokens, so headline-case, sentence-case and all-lowercase text
(as in CNN/DailyMail) are treated alike. One pass over the tokens, regexes compiled once.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from spacy.tokens import Doc, Span, Token

from newsbrief.analyze.role_cues import CUES, REACTION_LEMMAS, SPEECH_LEMMAS
from newsbrief.models import Attribution, Sentence, SentenceRole, TimeExpr

ROLES: tuple[SentenceRole, ...] = (
    "main_event",
    "consequence",
    "significance",
    "context",
    "reaction",
    "forward_looking",
    "detail",
)
_BASELINE = 1.0  # the score `detail` starts with: another role must beat it
_QUOTE_TEXTS = frozenset({'"', "``", "''", "“", "”", "'", "‘", "’"})
_DOUBLE_OPEN = frozenset({"``", "“"})
_DOUBLE_CLOSE = frozenset({"''", "”"})
_FUTURE_AUX = frozenset({"will", "wo", "'ll", "shall"})
_MODAL_AUX = frozenset({"could", "may", "might", "would", "should", "can"})
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_YEAR = re.compile(r"^(\d{4})")
_PAST_WORDS = frozenset({"ago", "last", "previous", "earlier", "former", "yesterday"})
_FUTURE_WORDS = frozenset({"next", "coming", "tomorrow", "upcoming", "later"})


@dataclass
class _Evidence:
    """Scores being added up for one sentence."""

    scores: dict[str, float] = field(default_factory=lambda: dict.fromkeys(ROLES, 0.0))

    def add(self, role: str, weight: float) -> None:
        self.scores[role] += weight


@dataclass(frozen=True)
class _Clause:
    """What the parse says about a sentence's main clause."""

    tense: str  # "past", "present", "perfect", "pluperfect", "future", "modal", "none"
    root_lemma: str
    quote_share: float  # share of the words that stand inside quotation marks
    has_quote: bool
    stub: bool  # only punctuation / a closing quote mark
    tokens: int

    @property
    def quoted(self) -> bool:
        return self.quote_share >= 0.5


@dataclass
class _QuoteState:
    """Whether we are inside a quotation, carried from sentence to sentence within a paragraph.
    A quotation rarely runs three sentences without a mark, so a stray apostrophe cannot flip
    the rest of the article."""

    inside: bool = False
    paragraph: int = -1
    unmarked: int = 0

    def enter(self, paragraph: int) -> None:
        if paragraph != self.paragraph:
            self.paragraph, self.inside, self.unmarked = paragraph, False, 0

    def advance(self, inside: bool, saw_quote: bool) -> None:
        self.unmarked = 0 if saw_quote else self.unmarked + 1
        self.inside = inside and self.unmarked < 3


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
    ref_year = dct.year if dct else _reference_year(timexes)
    lead_words = _lead_words(doc, sentences)
    salience = Counter(w for s in sentences for w in _sentence_words(s))
    quotes = _QuoteState()
    out: list[Sentence] = []
    first_content = _first_content_index(doc, sentences)
    for sent in sentences:
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None:
            out.append(sent.model_copy(update={"role": "detail", "role_scores": {"detail": 1.0}}))
            continue
        quotes.enter(sent.paragraph)
        clause = _clause(span, quotes)
        if clause.stub and out:
            prev = out[-1]
            out.append(sent.model_copy(update={"role": prev.role, "role_scores": prev.role_scores}))
            continue
        ev = _Evidence()
        norm = _normalized(span)
        _score_cues(ev, norm)
        _score_clause(ev, clause)
        _score_time(ev, tx_by_sent.get(sent.index, ()), ref_year, dct)
        _score_attribution(ev, attr_by_sent.get(sent.index, ()), clause)
        _score_position(ev, sent, first_content, lead_words, salience, clause)
        out.append(_finish(sent, ev, clause))
    return out


# --------------------------------------------------------------------------- features


def _normalized(span: Span) -> str:
    """Lowercased tokens joined by single spaces, curly quotes straightened, padded by spaces."""
    text = " ".join(t.lower_ for t in span)
    return " " + text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"') + " "


def _is_quote(tok: Token) -> bool:
    return tok.text in _QUOTE_TEXTS and tok.tag_ != "POS"


def _clause(span: Span, state: _QuoteState) -> _Clause:
    """Tense and modality of the main verb, and how much of the sentence is quotation."""
    inside = state.inside
    quoted_words = words = 0
    saw_quote = False
    for tok in span:
        if _is_quote(tok):
            saw_quote = True
            if tok.text in _DOUBLE_OPEN:
                inside = True
            elif tok.text in _DOUBLE_CLOSE:
                inside = False
            else:
                inside = not inside
        elif not (tok.is_punct or tok.is_space):
            words += 1
            quoted_words += inside
    state.advance(inside, saw_quote)
    root = span.root
    share = quoted_words / words if words else 0.0
    return _Clause(_tense(root), root.lemma_.lower(), share, saw_quote, words == 0, words)


def _tense(root: Token) -> str:
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    lowers = [a.lower_ for a in aux]
    if any(a in _FUTURE_AUX for a in lowers):
        return "future"
    if any(a in _MODAL_AUX for a in lowers):
        return "modal"
    if "had" in lowers and root.tag_ == "VBN":
        return "pluperfect"
    if any(a in ("has", "have", "'ve", "'s") for a in lowers) and root.tag_ == "VBN":
        return "perfect"
    tags = {root.tag_, *(a.tag_ for a in aux)}
    if "VBD" in tags:
        return "past"
    if tags & {"VBZ", "VBP"}:
        return "present"
    return "none"


def _score_cues(ev: _Evidence, norm: str) -> None:
    for role, pattern, weight in CUES:
        if pattern.search(norm):
            ev.add(role, weight)


def _score_clause(ev: _Evidence, clause: _Clause) -> None:
    if clause.quoted:
        ev.add("reaction", 2.2)
    elif clause.has_quote:
        ev.add("reaction", 0.6)
    if clause.tense == "future":
        ev.add("forward_looking", 1.4)
    elif clause.tense == "modal":
        ev.add("forward_looking", 0.5)
    elif clause.tense == "pluperfect":
        ev.add("context", 1.0)
    elif clause.tense in ("past", "perfect"):
        ev.add("main_event", 0.2)
    if clause.root_lemma in SPEECH_LEMMAS:
        ev.add("reaction", 0.9)
    if clause.root_lemma in REACTION_LEMMAS:
        ev.add("reaction", 1.2)
    if clause.tokens <= 3:
        ev.add("detail", 1.5)


def _score_time(
    ev: _Evidence, timexes: Sequence[TimeExpr], ref_year: int | None, dct: datetime | None
) -> None:
    for tx in timexes:
        direction = _direction(tx, ref_year, dct)
        if direction < 0:
            ev.add("context", 1.0)
        elif direction > 0:
            ev.add("forward_looking", 1.2)


def _score_attribution(ev: _Evidence, attributions: Sequence[Attribution], clause: _Clause) -> None:
    if not attributions:
        return
    direct = any(a.kind in ("direct", "mixed") for a in attributions)
    ev.add("reaction", 1.0 if direct and not clause.quoted else 0.6)


def _score_position(
    ev: _Evidence,
    sent: Sentence,
    first: int,
    lead_words: set[str],
    salience: Counter[str],
    clause: _Clause,
) -> None:
    rank = sent.index - first
    if rank == 0:
        ev.add("main_event", 2.4)
        return
    if rank < 0:
        return
    ev.add("main_event", 0.9 / (1 + rank))
    words = _sentence_words(sent)
    if words and lead_words and not clause.quoted:
        overlap = len(words & lead_words) / len(words | lead_words)
        ev.add("main_event", 3.5 * max(0.0, overlap - 0.12))
    if words:
        top = sum(salience[w] > 2 for w in words) / len(words)
        ev.add("main_event", 0.3 * top)


def _finish(sent: Sentence, ev: _Evidence, clause: _Clause) -> Sentence:
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
    if dct is not None and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        day = value[:10]
        today = dct.strftime("%Y-%m-%d")
        return -1 if day < today else (1 if day > today else 0)
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


def _reference_year(timexes: Sequence[TimeExpr]) -> int | None:
    years = [int(m.group(1)) for tx in timexes if (m := _YEAR.match(tx.value))]
    return max(years) if years else None


def _sentence_words(sent: Sentence) -> set[str]:
    return {w for phrase in sent.keyphrases for w in phrase.split() if len(w) > 2}


def _first_content_index(doc: Doc, sentences: list[Sentence]) -> int:
    """The first sentence that says something: skips datelines, time stamps and labels."""
    for sent in sentences[:6]:
        if len(sent.text.split()) >= 6:
            return sent.index
    return sentences[0].index


def _lead_words(doc: Doc, sentences: list[Sentence]) -> set[str]:
    first = _first_content_index(doc, sentences)
    return _sentence_words(sentences[first])
