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
_DOUBLE_QUOTES = frozenset({'"', "``", "`", "''", "“", "”"})
_SINGLE_QUOTES = frozenset({"'", "‘", "’"})
_DOUBLE_OPEN = frozenset({"``", "`", "“"})
_DOUBLE_CLOSE = frozenset({"''", "”"})
_FUTURE_AUX = frozenset({"will", "wo", "'ll", "shall"})
_MODAL_AUX = frozenset({"could", "may", "might"})
_WEAK_MODAL_AUX = frozenset({"would", "should", "can", "'d"})
_YEAR_WORD = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_YEAR_TOKEN = re.compile(r" (1[89]\d\d|20\d\d) ")
_STATIVE = frozenset(
    {"be", "have", "include", "represent", "allow", "contain", "remain", "hold", "own", "serve"}
)
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_YEAR = re.compile(r"^(\d{4})")
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?(?=$|T)")
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

    tense: str  # past, present, perfect, pluperfect, future, modal, weak_modal, none
    content_tense: str  # the same for the clauses the main verb governs (what was said …)
    root_lemma: str
    quote_share: float  # share of the words that stand inside quotation marks
    has_quote: bool
    stub: bool  # only punctuation / a closing quote mark
    tokens: int
    lemmas: frozenset[str]  # content words

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
    ref_year = dct.year if dct else (_reference_year(timexes) or _latest_year(sentences))
    salience = Counter(w for s in sentences for w in _sentence_words(s))
    parsed = _parse_all(doc, sentences)
    first = _first_content_index(sentences)
    lead = parsed[first][1]
    lead_lemmas = lead.lemmas if lead is not None else frozenset()
    out: list[Sentence] = []
    for sent, (norm, clause) in zip(sentences, parsed, strict=True):
        if clause is None:
            scores = {r: float(r == "detail") for r in ROLES}
            out.append(sent.model_copy(update={"role": "detail", "role_scores": scores}))
            continue
        if clause.stub and out:
            prev = out[-1]
            out.append(sent.model_copy(update={"role": prev.role, "role_scores": prev.role_scores}))
            continue
        ev = _Evidence()
        _score_cues(ev, norm)
        _score_clause(ev, clause)
        sent_timexes = tx_by_sent.get(sent.index, ())
        _score_time(ev, sent_timexes, ref_year, dct)
        if not sent_timexes:
            _score_years(ev, norm, ref_year)
        _score_attribution(ev, attr_by_sent.get(sent.index, ()), clause)
        _score_position(ev, sent.index - first, clause, lead_lemmas)
        _score_salience(ev, sent, salience)
        out.append(_finish(sent, ev))
    return out


def _parse_all(doc: Doc, sentences: list[Sentence]) -> list[tuple[str, _Clause | None]]:
    """The normalized text and clause facts of every sentence, quotes tracked across them."""
    quotes = _QuoteState()
    out: list[tuple[str, _Clause | None]] = []
    for sent in sentences:
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None:
            out.append(("", None))
            continue
        quotes.enter(sent.paragraph)
        out.append(_clause(span, quotes))
    return out


# --------------------------------------------------------------------------- features


def _normalized(lowers: list[str]) -> str:
    """Lowercased tokens joined by single spaces, curly quotes straightened, padded by spaces."""
    text = " ".join(lowers)
    return " " + text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"') + " "


def _is_quote(tok: Token) -> bool:
    """A quotation mark; a single quote only when the tagger reads it as one, not as an
    apostrophe ("the red wings ' drew miller", "i 'm")."""
    if tok.text in _DOUBLE_QUOTES:
        return True
    return tok.text in _SINGLE_QUOTES and tok.tag_ in ("``", "''")


def _clause(span: Span, state: _QuoteState) -> tuple[str, _Clause]:
    """The normalized sentence; tense and modality of the main verb, and how much of the
    sentence is quotation.

    Double quotes carry from sentence to sentence. A single quote only carries when it is the
    sentence's last token: tokenized text attaches the opening quote of the next sentence there
    ("… on wednesday . '"); anywhere else it pairs up within the sentence.
    """
    double = state.inside
    single = False
    quoted_words = words = 0
    saw_quote = False
    lemmas: set[str] = set()
    lowers: list[str] = []
    last_single = False
    for tok in span:
        if tok.is_space:
            continue
        lowers.append(tok.lower_)
        last_single = False
        if _is_quote(tok):
            saw_quote = True
            if tok.text in _DOUBLE_OPEN:
                double = True
            elif tok.text in _DOUBLE_CLOSE:
                double = False
            elif tok.text == '"':
                double = not double
            else:
                single = not single
                last_single = True
        elif not tok.is_punct:
            words += 1
            quoted_words += double or single
            if tok.pos_ in _CONTENT_POS and not tok.is_stop:
                lemmas.add(tok.lemma_.lower())
    state.advance(double or (single and last_single), saw_quote)
    root = span.root
    share = quoted_words / words if words else 0.0
    lemma = root.lemma_.lower()
    return _normalized(lowers), _Clause(
        tense=_tense(root),
        content_tense=_content_tense(root),
        root_lemma=lemma,
        quote_share=share,
        has_quote=saw_quote,
        stub=words == 0,
        tokens=words,
        lemmas=frozenset(lemmas),
    )


def _content_tense(root: Token) -> str:
    """Future or modal in a coordinated or complement clause: "said it would …", "… and will"."""
    found = "none"
    for child in root.children:
        if child.dep_ not in ("conj", "ccomp", "xcomp") or child.pos_ not in ("VERB", "AUX"):
            continue
        tense = _tense(child)
        if tense in ("future", "weak_modal") and _would_or_will(child):
            return "future"
        if tense == "modal":
            found = "modal"
    return found


def _would_or_will(verb: Token) -> bool:
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return bool(aux & (_FUTURE_AUX | {"would", "'d"}))


def _tense(root: Token) -> str:
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    lowers = [a.lower_ for a in aux]
    if any(a in _FUTURE_AUX for a in lowers):
        return "future"
    if any(a in _MODAL_AUX for a in lowers):
        return "modal"
    if any(a in _WEAK_MODAL_AUX for a in lowers):
        return "weak_modal"
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
    for role, gate, cues in CUES:
        if gate.search(norm) is None:
            continue
        for pattern, weight in cues:
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
        ev.add("forward_looking", 0.9)
    elif clause.tense == "weak_modal":
        ev.add("forward_looking", 0.3)
    if clause.content_tense == "future" and clause.tense != "future":
        ev.add("forward_looking", 1.2 if clause.root_lemma in SPEECH_LEMMAS else 0.8)
    elif clause.content_tense == "modal":
        ev.add("forward_looking", 0.9 if clause.root_lemma in SPEECH_LEMMAS else 0.4)
    elif clause.tense == "pluperfect":
        ev.add("context", 1.0)
    elif clause.tense in ("past", "perfect"):
        ev.add("main_event", 0.2)
    if clause.root_lemma in SPEECH_LEMMAS:
        ev.add("reaction", 0.6)
    if clause.root_lemma in REACTION_LEMMAS:
        ev.add("reaction", 1.2)
    if clause.tokens <= 3:
        ev.add("detail", 1.5)


def _score_time(
    ev: _Evidence, timexes: Sequence[TimeExpr], ref_year: int | None, dct: datetime | None
) -> None:
    directions = {_direction(tx, ref_year, dct) for tx in timexes}
    if -1 in directions:
        ev.add("context", 1.0)
    if 1 in directions:
        ev.add("forward_looking", 1.2)


def _score_years(ev: _Evidence, norm: str, ref_year: int | None) -> None:
    """Years written out, when the time-expression finder gave nothing for the sentence."""
    if ref_year is None:
        return
    years = {int(y) for y in _YEAR_TOKEN.findall(norm)}
    if any(year < ref_year for year in years):
        ev.add("context", 0.9)
    if any(year > ref_year for year in years):
        ev.add("forward_looking", 0.9)


def _score_attribution(ev: _Evidence, attributions: Sequence[Attribution], clause: _Clause) -> None:
    if not attributions:
        return
    direct = any(a.kind in ("direct", "mixed") for a in attributions)
    if direct:
        ev.add("reaction", 0.3 if clause.quoted else 0.8)
    else:
        ev.add("reaction", 0.2)


def _score_position(ev: _Evidence, rank: int, clause: _Clause, lead: frozenset[str]) -> None:
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
        perfect = clause.tense in ("perfect", "pluperfect")
        if perfect or (clause.tense == "present" and clause.root_lemma in _STATIVE):
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


def _first_content_index(sentences: list[Sentence]) -> int:
    """The first sentence that says something: skips datelines, time stamps and labels."""
    for pos, sent in enumerate(sentences[:6]):
        if len(sent.text.split()) >= 6:
            return pos
    return 0
