"""Attribution candidates from the parse: verbal cues, ``according to``, headline colons."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsbrief.analyze import cues as lex
from newsbrief.analyze.attr_spans import (
    Range,
    char_range,
    clause_range,
    cue_range,
    source_range,
    subject_of,
    subtree_range,
    trim,
)
from newsbrief.analyze.quotes import Quote, QuoteIndex
from newsbrief.models import AttributionKind

Chars = tuple[int, int]

_OBJ_PREPS = frozenset({"of", "for", "as", "over", "on", "about", "with", "to"})
_TELLING = frozenset({"tell", "ask", "remind", "assure", "warn", "urge"})


@dataclass
class Cand:
    """An attribution before it becomes a record: token ranges for source/cue, chars for content."""

    cue: Range
    head: int
    cue_chars: Chars
    source: Range | None
    contents: list[Chars]
    kind: AttributionKind
    lemma: str
    stance: lex.Stance = "neutral"
    target: Range | None = None
    channel: str | None = None
    via: tuple[str, ...] = ()
    quotes: list[Quote] = field(default_factory=list)

    def content_size(self) -> int:
        return sum(e - s for s, e in self.contents)

    def covers(self, span: Chars) -> bool:
        return any(s <= span[0] and span[1] <= e for s, e in self.contents)


def find_candidates(doc: Doc, text: str, quotes: QuoteIndex) -> list[Cand]:
    out: list[Cand] = []
    for tok in doc:
        if quotes.at(tok.idx) is not None:
            continue
        cand: Cand | None = None
        if tok.lower_ == "according":
            cand = _according(doc, tok)
        elif tok.text == ":":
            cand = _colon(doc, tok)
        elif tok.pos_ in ("VERB", "AUX", "PROPN"):
            cand = _verb(doc, text, tok, quotes)
        if cand is not None and cand.contents:
            out.append(cand)
    return out


# --------------------------------------------------------------------------- verbs


def _lemma(tok: Token) -> str:
    if tok.pos_ == "PROPN":
        return {"says": "say", "said": "say", "tells": "tell", "slams": "slam"}.get(tok.lower_, "")
    return str(tok.lemma_).lower()


def _verb(doc: Doc, text: str, tok: Token, quotes: QuoteIndex) -> Cand | None:
    lemma = _lemma(tok)
    if not lemma or not lex.is_cue_lemma(lemma):
        return None
    subj = subject_of(tok)
    source = source_range(doc, subj) if subj is not None else None
    found = _content(doc, text, tok, lemma, quotes, source)
    if found is None:
        return None
    contents, kind, extra, used = found
    cue = cue_range(doc, tok, extra)
    if source is not None and (not source[0] < source[1] or _inside(doc, source, contents)):
        source = None
    negated = any(c.dep_ == "neg" for c in tok.children)
    return Cand(
        cue=cue,
        head=tok.i,
        cue_chars=char_range(doc, cue),
        source=source,
        contents=contents,
        kind=kind,
        lemma=lemma,
        stance=lex.stance_of(lemma, negated=negated),
        target=_target(tok),
        quotes=used,
    )


Found = tuple[list[Chars], AttributionKind, list[Token], list[Quote]]


def _content(
    doc: Doc, text: str, tok: Token, lemma: str, quotes: QuoteIndex, source: Range | None
) -> Found | None:
    if lemma in lex.SPEECH or lemma in lex.COGNITION:
        found = _clause_content(doc, text, tok, quotes, source)
        if found is not None:
            return found
    if lemma in lex.PHRASAL:
        found = _phrasal_content(doc, tok, lemma)
        if found is not None:
            return found
    if lemma in lex.INFINITIVE:
        found = _infinitive_content(doc, tok)
        if found is not None:
            return found
    if lemma in lex.OBJECT:
        return _object_content(doc, tok)
    return None


def _clause_content(
    doc: Doc, text: str, tok: Token, quotes: QuoteIndex, source: Range | None
) -> Found | None:
    comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    used: list[Quote] = []
    blocked: list[Range] = []
    if comp is not None:
        rng = trim(doc, subtree_range(comp))
        inside = quotes.at(comp.idx)
        if inside is None and rng[0] < rng[1]:
            chars = char_range(doc, rng)
            kind: AttributionKind = "mixed" if quotes.between(*chars) else "indirect"
            return [chars], kind, [], []
        if inside is not None:
            used.append(inside)
            blocked.append(subtree_range(comp))
    if tok.dep_ == "parataxis" and tok.head.i != tok.i and not used:
        return _parataxis_content(doc, tok, quotes)
    if str(tok.lemma_).lower() not in lex.SPEECH and not used:
        return None
    cue = cue_range(doc, tok)
    clause = clause_range(tok, blocked, cue, source)
    cs, ce = char_range(doc, clause)
    left = quotes.ending_near(cs, text)
    right = quotes.starting_near(ce, text, skip=" ,:\n" if ":" in text[ce : ce + 3] else " ,:")
    for q in (left, right):
        if q is not None and q not in used and q.end > q.start:
            used.append(q)
    if not used:
        return None
    used.sort(key=lambda q: q.start)
    return [(q.inner_start, q.inner_end) for q in used], "direct", [], used


def _parataxis_content(doc: Doc, tok: Token, quotes: QuoteIndex) -> Found | None:
    head = tok.head
    lo, hi = subtree_range(head)
    cut_lo, cut_hi = subtree_range(tok)
    parts = [trim(doc, (lo, cut_lo)), trim(doc, (cut_hi, hi))]
    chars = [char_range(doc, p) for p in parts if p[0] < p[1]]
    if not chars:
        return None
    q = quotes.at(chars[0][0])
    if q is not None and all(q.contains(*c) for c in chars):
        return [(q.inner_start, q.inner_end)], "direct", [], [q]
    kind: AttributionKind = "mixed" if any(quotes.between(*c) for c in chars) else "indirect"
    return chars, kind, [], []


def _phrasal_content(doc: Doc, tok: Token, lemma: str) -> Found | None:
    for child in tok.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in lex.PHRASAL[lemma] and child.i > tok.i:
            target = child
            if child.dep_ == "prt":
                target = next((c for c in tok.children if c.dep_ == "prep" and c.i > child.i), child)
            obj = next((c for c in target.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None:
                continue
            rng = trim(doc, subtree_range(obj))
            if rng[0] < rng[1]:
                extra = [child] + ([target] if target is not child else [])
                return [char_range(doc, rng)], "indirect", extra, []
    return None


def _infinitive_content(doc: Doc, tok: Token) -> Found | None:
    xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
    if xcomp is None or not any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
        return None
    lo, hi = subtree_range(xcomp)
    obj = next((c for c in tok.children if c.dep_ in ("dobj",) and tok.i < c.i < xcomp.i), None)
    if obj is not None:
        lo = obj.left_edge.i
    rng = trim(doc, (lo, hi))
    return [char_range(doc, rng)], "indirect", [], []


def _object_content(doc: Doc, tok: Token) -> Found | None:
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is None or obj.pos_ == "PRON" and obj.lower_ in ("it", "this", "that") and False:
        return None
    lo, hi = subtree_range(obj)
    for child in tok.children:
        if child.i <= obj.i:
            continue
        if child.dep_ in ("oprd", "xcomp", "ccomp") or (
            child.dep_ == "prep" and child.lower_ in _OBJ_PREPS and child.i == hi
        ):
            hi = max(hi, child.right_edge.i + 1)
    rng = trim(doc, (lo, hi))
    if rng[0] >= rng[1]:
        return None
    return [char_range(doc, rng)], "indirect", [], []


def _target(tok: Token) -> Range | None:
    for child in tok.children:
        if child.dep_ == "dobj":
            poss = next((c for c in child.children if c.dep_ == "poss"), None)
            if poss is not None:
                return subtree_range(poss)
            if child.pos_ in ("PROPN", "PRON") or child.ent_type_:
                return subtree_range(child)
    return None


def _inside(doc: Doc, rng: Range, contents: list[Chars]) -> bool:
    s, e = char_range(doc, rng)
    return any(a < e and s < b for a, b in contents)


# --------------------------------------------------------------------------- according to, colon


def _according(doc: Doc, tok: Token) -> Cand | None:
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    source = trim(doc, subtree_range(pobj))
    sent = tok.sent
    cut = (tok.i, max(source[1], pobj.right_edge.i + 1))
    parts = [trim(doc, (sent.start, cut[0])), trim(doc, (cut[1], sent.end))]
    contents = [char_range(doc, p) for p in parts if p[1] - p[0] >= 2]
    if not contents:
        return None
    cue = (tok.i, tok.i + 2)
    return Cand(
        cue=cue, head=tok.i, cue_chars=char_range(doc, cue), source=source,
        contents=contents, kind="indirect", lemma="according to",
    )


def _colon(doc: Doc, tok: Token) -> Cand | None:
    sent = tok.sent
    left = trim(doc, (sent.start, tok.i))
    if not 1 <= left[1] - left[0] <= 4 or sent.end - tok.i < 4:
        return None
    if not all(doc[i].pos_ in ("PROPN",) or doc[i].is_punct for i in range(*left)):
        return None
    right = trim(doc, (tok.i + 1, sent.end))
    if right[0] >= right[1]:
        return None
    return Cand(
        cue=(tok.i, tok.i + 1), head=tok.i, cue_chars=char_range(doc, (tok.i, tok.i + 1)),
        source=left, contents=[char_range(doc, right)], kind="indirect", lemma=":",
    )


# --------------------------------------------------------------------------- quotes running on


def extend_quotes(doc: Doc, text: str, quotes: QuoteIndex, cands: list[Cand]) -> None:
    """Give a direct quote the quotations that follow its cue's sentence and nobody else claims."""
    claimed = {q for c in cands for q in c.quotes}
    for cand in sorted(cands, key=lambda c: c.cue):
        if cand.kind != "direct" or not cand.quotes:
            continue
        last = cand.quotes[-1]
        sent_end = doc[cand.head].sent.end_char
        while True:
            nxt = quotes.following(last)
            if nxt is None or nxt in claimed or nxt.start < sent_end:
                break
            gap = text[max(last.end, sent_end) : nxt.start]
            if gap.strip() or ("\n" in gap and not nxt.continues):
                break
            cand.quotes.append(nxt)
            cand.contents.append((nxt.inner_start, nxt.inner_end))
            claimed.add(nxt)
            last = nxt
            sent_end = nxt.end
