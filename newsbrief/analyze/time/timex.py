"""Time expressions: find them with the rule grammar and normalize them in TimeML terms.

The grammar (``rules``, ``calendar``, ``relative``) proposes candidate spans
over the raw text, tried only near anchor words so that the scan stays a small fraction of the
parse time. Overlaps are settled longest-first, then the survivors are normalized in text order
so that anaphoric expressions ("the previous day", "that month") can anchor on the last date
mentioned. The parse supplies the tense of the clause a timex attaches to (a bare "Tuesday" in a
past-tense clause is the one before the DCT), a few part-of-speech checks ("May" the modal) and
whether the expression is part of a name ("the Jan. 6 committee", "the Jan. 6 insurrection":
``nonevents``).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from datetime import datetime

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from newsbrief.analyze.time import calendar, relative  # noqa: F401  (register rules)
from newsbrief.analyze.time.nonevents import names_a_body, names_an_event
from newsbrief.analyze.time.points import Point, from_date
from newsbrief.analyze.time.resolve import Ctx, Norm, Tense
from newsbrief.analyze.time.rules import RULES, Rule
from newsbrief.models import Sentence, TimeExpr

__all__ = ["find_timexes"]

_FUTURE_AUX = frozenset({"will", "'ll", "ll", "shall", "wo", "may", "should", "must", "can", "ca"})
_WEAK_MODALS = frozenset({"would", "could", "might", "'d"})
# verbs whose object is a later event: "planned a rally on Saturday", "set for April"
_PLAN_VERBS = frozenset({"plan", "schedule", "expect", "set", "slate", "due", "intend", "aim",
                         "postpone", "delay", "reschedule", "promise", "pledge",
                         "vow"})  # fmt: skip
_SCHEDULED = frozenset({"debate", "summit", "meeting", "vote", "election", "game", "match",
                        "hearing", "deadline", "talks", "rally", "conference", "race", "trial",
                        "launch", "opening", "ceremony", "final", "primary", "caucus"})  # fmt: skip
_LIKELY = frozenset({"likely", "unlikely", "due", "poised", "ready", "certain", "sure", "set"})
# what is said of a thing still to come: "the upcoming vote", "a deadline looming"
_COMING = frozenset({"upcoming", "looming", "approaching", "impending", "forthcoming"})
_LOOM = frozenset({"loom", "approach", "near"})
_TRACK = frozenset({"track", "course", "line", "schedule", "pace"})
_NOMINAL_DEPS = frozenset({"nmod", "compound", "nummod", "amod", "npadvmod"})
_PAST_AUX = frozenset({"was", "were", "had", "did", "'d"})
_YEAR_PREV = frozenset({"in", "since", "by", "of", "until", "till", "before", "after", "from", "to",
                        "through", "during", "for", "between", "and", "or", "early", "late",
                        "mid", "fiscal", "year", "around", "circa", "than", "at", "'",
                        "summer", "spring", "fall", "winter", "autumn", "-",
                        "last"})  # fmt: skip
_NOT_YEAR_ENTS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"})
# "of 1909 Jolinda Drive": a house number, not a year
_STREET_AFTER = re.compile(
    r"\s+(?:[NSEW]\.?\s+)?(?:[A-Z][\w'’-]*\s+){1,3}(?:Drive|Dr|Street|St|Avenue|Ave|Road|Rd|Place|Pl"
    r"|Lane|Ln|Boulevard|Blvd|Court|Ct|Way|Circle|Terrace|Parkway|Pkwy|Highway|Hwy)\b"
)
# "until Tuesday", "as soon as Tuesday": a deadline or a hope looks forward whatever the tense
_FORWARD_CUE = re.compile(r"\b(?:until|till|as\s+soon\s+as|as\s+early\s+as)\s+$", re.I)
_WORD = re.compile(r"[A-Za-z]+|\d+'?s\b|\d+")
_WINDOW = 120  # characters after an anchor word a match may run on
_AMPM_END = re.compile(r"[ap]\.m\.$", re.I)


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


def find_timexes(doc: Doc, dct: datetime | None, sentences: list[Sentence]) -> list[TimeExpr]:
    """Find and normalize the time expressions of ``doc``, anchored on ``dct`` when given."""
    view = _DocView(doc)
    dct_point = from_date(dct, "day") if dct is not None else None
    text = doc.text
    chosen = _select(text, view, dct_point)
    starts = [s.start for s in sentences]
    out: list[TimeExpr] = []
    ctx = Ctx(dct=dct_point, probe=view)
    for cand in chosen:
        ctx.sentence = max(0, bisect.bisect_right(starts, cand.start) - 1)
        ctx.tense = (
            "future"
            if _FORWARD_CUE.search(text, max(0, cand.start - 24), cand.start)
            else view.tense(cand.start, cand.end)
        )
        norm = cand.rule.handler(cand.match, ctx)
        if norm is None:
            continue
        start = norm.start if norm.start is not None else cand.start
        end = _trim_end(text, start, cand.end)
        span = doc.char_span(start, end, alignment_mode="expand")
        named = span is not None and (names_a_body(span) or names_an_event(span))
        out.append(_record(text, start, end, norm, ctx.sentence, in_name=named))
        if norm.point is not None and norm.point.year is not None and norm.anchors_next:
            ctx.prev = norm.point
    return out


def _select(text: str, view: _DocView, dct: Point | None) -> list[_Candidate]:
    """All rule matches that normalize, overlaps settled longest-first; in text order."""
    probe = Ctx(dct=dct, probe=view)
    hits = _anchor_hits(text)
    cands: list[tuple[int, _Candidate]] = []
    for order, r in enumerate(RULES):
        if hits[order]:
            cands.extend((order, c) for c in _scan(r, text, hits[order], probe))
    cands.sort(key=lambda oc: (oc[1].start - oc[1].end, oc[1].start, oc[0]))
    taken: list[tuple[int, int]] = []
    kept: list[_Candidate] = []
    for _, c in cands:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _anchor_hits(text: str) -> list[list[tuple[int, int]]]:
    """For each rule, the spans of its anchor words in ``text`` (one pass over the words)."""
    hits: list[list[tuple[int, int]]] = [[] for _ in RULES]
    index = _word_index()
    for w in _WORD.finditer(text):
        word = w.group().lower()
        if word[0].isdigit():
            word = _number_class(word)
        for i in index.get(word, ()):
            hits[i].append(w.span())
    return hits


def _number_class(word: str) -> str:
    if word.endswith("s"):
        digits = word.rstrip("'s")
        if digits.endswith("0") or not word.endswith("'s"):
            return "#decade"  # "1990s", "1990's"
        word = digits  # "2017's election": a year's
    return "#year" if len(word) == 4 and 1500 <= int(word) <= 2099 else "#number"


@functools.cache
def _word_index() -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for i, r in enumerate(RULES):
        for word in r.anchors:
            index.setdefault(word, []).append(i)
    return {w: tuple(v) for w, v in index.items()}


def _scan(r: Rule, text: str, anchors: list[tuple[int, int]], probe: Ctx) -> list[_Candidate]:
    """Matches of one rule, tried only in a window before each occurrence of its anchor words.

    A match the rule's handler rejects is retried one character further on, so that a shorter
    reading inside it (``this week`` in ``until this week``) still gets its chance.
    """
    found: list[_Candidate] = []
    pos = 0
    for a_start, a_end in anchors:
        if a_start < pos:
            continue
        pos = max(pos, a_start - r.reach)
        while pos <= a_start:
            m = r.pattern.search(text, pos, a_end + _WINDOW)
            if m is None or m.start() > a_start:
                break
            m = r.pattern.match(text, m.start()) or m  # the window may have cut the match short
            if m.end() > m.start() and r.handler(m, probe) is not None:
                found.append(_Candidate(m.start(), m.end(), r, m))
                pos = m.end()
            else:
                pos = m.start() + 1
    return found


def _trim_end(text: str, start: int, end: int) -> int:
    """Leave out the final dot of a sentence-final ``p.m.`` (the full stop, in TimeML)."""
    if _AMPM_END.search(text[start:end]):
        rest = text[end : end + 3]
        if not rest.strip() or re.match(r"\s+[A-Z\"'`]", rest):
            return end - 1
    return end


def _record(
    text: str, start: int, end: int, norm: Norm, sentence: int, *, in_name: bool
) -> TimeExpr:
    return TimeExpr(
        text=text[start:end],
        start=start,
        end=end,
        type=norm.type,
        value=norm.value,
        granularity=norm.gran,
        anchor=norm.anchor,
        sentence_index=sentence,
        in_name=in_name,
    )


class _DocView:
    """Character-offset lookups into a parsed document (token tags, entity types, tense)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._starts: list[int] | None = None

    def token(self, offset: int) -> Token | None:
        if self._starts is None:
            self._starts = self.doc.to_array(IDX).tolist() if len(self.doc) else []
        if not self._starts:
            return None
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.doc[max(0, i)]

    def tag(self, offset: int) -> str:
        tok = self.token(offset)
        return str(tok.tag_) if tok is not None else ""

    def word_before(self, offset: int) -> str:
        tok = self.token(offset)
        if tok is None or tok.i == 0:
            return ""
        return str(self.doc[tok.i - 1].lower_)

    def looks_like_year(self, start: int, end: int) -> bool:
        tok = self.token(start)
        if tok is None:
            return False
        if tok.ent_type_ in _NOT_YEAR_ENTS or _STREET_AFTER.match(self.doc.text, end):
            return False
        if tok.ent_type_ in ("DATE", "EVENT"):
            return True
        return tok.i > 0 and self.doc[tok.i - 1].lower_ in _YEAR_PREV

    def tense(self, start: int, end: int) -> Tense | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return clause_tense(span.root)


def clause_tense(tok: Token, depth: int = 0) -> Tense | None:
    """The tense of the clause ``tok`` belongs to, from its governing verb and auxiliaries."""
    if depth == 0 and _still_ahead(tok):
        return "future"
    if tok.dep_ == "poss":
        # "Wednesday's ruling": a nominal date, no clause of its own; but a scheduled event
        # in a clause about the future is still to come ("expect Clinton to win Monday's
        # debate", written on a Sunday)
        event = tok.head
        if event.lemma_.lower() in _SCHEDULED and depth == 0 and event.head is not event:
            return "future" if clause_tense(event.head, depth + 1) == "future" else None
        return None
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            tense = verb_tense(tok, depth)
            if tense is not None:
                return tense
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _still_ahead(tok: Token) -> bool:
    """ "With an Aug. 31 deadline looming, …", "the upcoming June 30 vote": a date naming a
    thing said to be coming is ahead of the text, whatever the tense of the clause around it."""
    if tok.dep_ not in _NOMINAL_DEPS or tok.head is tok or tok.head.i < tok.i:
        return False
    noun = tok.head
    if any(c.lower_ in _COMING and c.dep_ in ("amod", "compound") for c in noun.children):
        return True
    return noun.dep_ in ("nsubj", "compound") and noun.head.lemma_ in _LOOM


def _on_track(verb: Token) -> bool:
    """ "is on track to vote", "remains on course to finish", "is in line to succeed": what the
    infinitive says is expected, not done."""
    if verb.lemma_ not in ("be", "remain", "stay", "appear", "seem", "look"):
        return False
    if not any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in verb.children):
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("on", "in")
        and any(g.dep_ == "pobj" and g.lower_ in _TRACK for g in c.children)
        for c in verb.children
    )


def verb_tense(verb: Token, depth: int = 0) -> Tense | None:
    """Past, present or future for one verb: auxiliaries first, then the verb's own tag."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or ("going" in words and verb.tag_ == "VB"):
        return "future"
    if words & _WEAK_MODALS:
        return "future" if verb.dep_ in ("ccomp", "xcomp", "advcl", "acl") else None
    if verb.lemma_ in _PLAN_VERBS and "had" not in words:
        return "future"
    if verb.lemma_ == "be" and any(
        c.dep_ == "acomp" and c.lemma_ in _LIKELY for c in verb.children
    ):
        return "future"  # "a decision was unlikely before the summer"
    if _on_track(verb):
        return "future"  # "the council is on track to vote this week"
    if verb.tag_ == "VB":
        if any(a.tag_ == "TO" for a in auxes) and depth < 2 and verb.head is not verb:
            return clause_tense(verb.head, depth + 1)
        if "did" in words:
            return "past"
        return "present" if words & {"do", "does"} else None
    if words & _PAST_AUX or verb.tag_ == "VBD" or words & {"has", "have", "'ve"}:
        return "past"
    if verb.tag_ == "VBN":
        return "present" if words & {"is", "are", "am", "'s", "'re", "be"} else "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VBG" and words:
        return "present"
    return None
