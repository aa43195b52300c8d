"""Attribution candidates from the parse: verbal cues, ``according to``, headline colons."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from newsbrief.analyze import cues as lex
from newsbrief.analyze.attr_spans import (
    Range,
    char_range,
    clause_range,
    cue_range,
    cut_tail,
    source_range,
    subject_of,
    subtree_range,
    trim,
)
from newsbrief.analyze.quotes import Quote, QuoteIndex
from newsbrief.models import AttributionKind, Sentence

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


class Ctx:
    """The parse, the text, its quotes and the sentence (record) bounds of every token."""

    def __init__(self, doc: Doc, text: str, quotes: QuoteIndex, sentences: list[Sentence]) -> None:
        self.doc = doc
        self.text = text
        self.quotes = quotes
        self.bounds: list[Range] = []
        self._sent_of = [0] * len(doc)
        k = 0
        for sent in sentences:
            lo = k
            while k < len(doc) and doc[k].idx < sent.end:
                self._sent_of[k] = len(self.bounds)
                k += 1
            self.bounds.append((lo, k))
        while k < len(doc):
            self._sent_of[k] = max(0, len(self.bounds) - 1)
            k += 1
        if not self.bounds:
            self.bounds.append((0, len(doc)))

    def sent(self, tok: Token) -> Range:
        return self.bounds[self._sent_of[tok.i]]

    def sentence_index(self, tok: Token) -> int:
        return self._sent_of[tok.i]

    def clip(self, rng: Range, tok: Token) -> Range:
        lo, hi = self.sent(tok)
        return trim(self.doc, (max(rng[0], lo), min(rng[1], hi)))

    def in_quote(self, offset: int) -> bool:
        return self.quotes.at(offset) is not None

    def chars(self, rng: Range) -> Chars:
        return char_range(self.doc, rng)


def find_candidates(ctx: Ctx) -> list[Cand]:
    out: list[Cand] = list(_signed_quotes(ctx))
    for tok in ctx.doc:
        if ctx.quotes.at(tok.idx) is not None:
            continue
        cand: Cand | None = None
        if tok.lower_ == "according":
            cand = _according(ctx, tok)
        elif tok.lower_ == "in" and tok.dep_ == "prep":
            cand = _in_document(ctx, tok)
        elif tok.text == ":":
            cand = _colon(ctx, tok)
        elif tok.lemma_ == "be":
            cand = _predicate(ctx, tok)
        elif tok.pos_ == "NOUN":
            cand = _noun_cue(ctx, tok)
        elif tok.pos_ in ("VERB", "AUX", "PROPN"):
            cand = _verb(ctx, tok)
        if cand is not None and cand.contents:
            out.append(cand)
    return out


# --------------------------------------------------------------------------- verbs


def _is_cue_token(tok: Token) -> bool:
    return lex.is_cue_lemma(_lemma(tok))


def _is_quoting_token(tok: Token) -> bool:
    return _lemma(tok) in lex.QUOTING


_AGAIN = frozenset({"say", "add", "note", "argue", "insist", "claim", "call", "believe", "suggest"})


def _reports_again(tok: Token) -> bool:
    """A verb that starts a new attribution when it is conjoined to reported content."""
    return _lemma(tok) in _AGAIN


def _acl_source(ctx: Ctx, noun: Token, verb: Token) -> Range | None:
    """ "62 percent of voters saying …": the noun phrase before the participle."""
    lo, _ = subtree_range(noun)
    rng = trim(ctx.doc, (max(lo, ctx.sent(verb)[0]), verb.left_edge.i))
    return rng if rng[0] < rng[1] else None


_LEMMA_FIXES = {"hop": "hope", "retweete": "retweet"}


def _lemma(tok: Token) -> str:
    if tok.pos_ == "PROPN":
        return {"says": "say", "said": "say", "tells": "tell", "slams": "slam"}.get(tok.lower_, "")
    lemma = str(tok.lemma_).lower()
    if lemma == "hop" and not tok.lower_.startswith("hope") and tok.lower_ != "hoping":
        return lemma
    return _LEMMA_FIXES.get(lemma, lemma)


def _verb(ctx: Ctx, tok: Token) -> Cand | None:
    lemma = _lemma(tok)
    if not lemma or not lex.is_cue_lemma(lemma):
        return None
    if lemma == "cite" and _folded_citation(tok):
        return None
    doc = ctx.doc
    subj = subject_of(tok)
    source = None
    if subj is not None:
        source = _acl_source(ctx, subj, tok) if subj is tok.head else None
        source = source or source_range(doc, subj, ctx.sent(tok), _is_cue_token)
    found = _content(ctx, tok, lemma, source)
    if found is None:
        return None
    contents, kind, extra, used = found
    if source is not None and subj is not None and subj.dep_ == "nsubjpass":
        source = None
    cue = cue_range(doc, tok, extra)
    if source is not None and (not source[0] < source[1] or _inside(ctx, source, contents)):
        source = None
    negated = any(c.dep_ == "neg" for c in tok.children)
    return Cand(
        cue=cue,
        head=tok.i,
        cue_chars=ctx.chars(cue),
        source=source,
        contents=contents,
        kind=kind,
        lemma=lemma,
        stance=lex.stance_of(lemma, negated=negated),
        target=_target(tok),
        channel=_statement_channel(ctx, tok),
        via=_citing(ctx, tok),
        quotes=used,
    )


def _statement_channel(ctx: Ctx, tok: Token) -> str | None:
    """ "In a joint statement, the operators said …" → channel "in a joint statement"."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in lex.STATEMENT_NOUNS:
                start, end = ctx.chars((child.i, pobj.i + 1))
                text = ctx.text[start:end]
                return text[0].lower() + text[1:]
    return None


def _citing(ctx: Ctx, tok: Token) -> tuple[str, ...]:
    """ "Kyodo reported, citing a government official, that …" → ("a government official",)."""
    cite = _citing_verb(tok)
    obj = next((c for c in cite.children if c.dep_ == "dobj"), None) if cite else None
    if obj is None:
        return ()
    start, end = ctx.chars(trim(ctx.doc, subtree_range(obj)))
    return (ctx.text[start:end],)


Found = tuple[list[Chars], AttributionKind, list[Token], list[Quote]]


_RAISING = frozenset({"seem", "appear"})
_PASSIVE_RAISING = frozenset(
    {"expect", "say", "believe", "think", "report", "know", "consider", "rumor", "allege", "see"}
)


def _raised(ctx: Ctx, tok: Token, lemma: str) -> Found | None:
    """ "X seems to …", "X is expected to …": the subject and the infinitive are the content."""
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    if lemma not in _RAISING and not (passive and lemma in _PASSIVE_RAISING):
        return None
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
    if xcomp is None or not any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
        return None
    if _is_cue_token(xcomp):
        return _NO_CONTENT
    parts = [ctx.clip(subtree_range(xcomp), tok)]
    if subj is not None:
        parts.insert(0, ctx.clip(subtree_range(subj), tok))
    return [ctx.chars(p) for p in parts if p[0] < p[1]], "indirect", [], []


_NO_CONTENT: Found = ([], "indirect", [], [])


def _content(ctx: Ctx, tok: Token, lemma: str, source: Range | None) -> Found | None:
    raised = _raised(ctx, tok, lemma)
    if raised is not None:
        return raised if raised[0] else None
    if lemma in lex.CLAUSE:
        found = _clause_content(ctx, tok, lemma, source)
        if found is not None:
            return found
    if lemma in lex.PHRASAL:
        found = _phrasal_content(ctx, tok, lemma)
        if found is not None:
            return found
    if lemma in lex.INFINITIVE:
        found = _infinitive_content(ctx, tok)
        if found is not None:
            return found
    if lemma in lex.OBJECT:
        return _object_content(ctx, tok)
    return None


def _complement(ctx: Ctx, tok: Token) -> Token | None:
    """The clausal complement of ``tok`` inside its sentence, nearest first (also the one the
    parser hangs on a "citing …" participle: "X reported, citing Y, that …")."""
    lo, hi = ctx.sent(tok)
    comps = [c for c in tok.children if c.dep_ == "ccomp" and lo <= c.i < hi]
    if not comps:
        cite = _citing_verb(tok)
        comps = [c for c in cite.children if c.dep_ == "ccomp" and lo <= c.i < hi] if cite else []
    return min(comps, key=lambda c: abs(c.i - tok.i)) if comps else None


def _folded_citation(tok: Token) -> bool:
    """ "X reported, citing Y, that …": the participle is part of the reporting verb's chain."""
    reporting = tok.dep_ != "ROOT" and tok.head.lemma_.lower() in lex.CLAUSE
    return reporting and any(c.dep_ == "ccomp" for c in tok.children)


def _citing_verb(tok: Token) -> Token | None:
    return next(
        (
            c
            for c in tok.children
            if c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() == "cite"
        ),
        None,
    )


def _clause_content(ctx: Ctx, tok: Token, lemma: str, source: Range | None) -> Found | None:
    doc, quotes = ctx.doc, ctx.quotes
    comp = _complement(ctx, tok)
    used: list[Quote] = []
    blocked: list[Range] = []
    cue = cue_range(doc, tok)
    if comp is not None:
        rng = ctx.clip(subtree_range(comp), tok)
        rng = cut_tail(doc, comp, rng, lambda t: _reports_again(t) and not ctx.in_quote(t.idx))
        inside = quotes.at(comp.idx)
        if inside is not None and rng[0] < rng[1] and not inside.contains(*ctx.chars(rng)):
            inside = None
        if inside is None and rng[0] < rng[1]:
            chars = ctx.chars(rng)
            left = quotes.ending_near(ctx.chars(cue)[0], ctx.text) if comp.i < tok.i else None
            if left is None or left.end <= chars[0]:
                found = [chars]
                if comp.i < tok.i:
                    found.extend(_sandwich_tail(ctx, tok, rng, cue, source))
                kind: AttributionKind = (
                    "mixed" if any(quotes.between(*c) for c in found) else "indirect"
                )
                return found, kind, [], []
        if inside is not None:
            used.append(inside)
    blocked.extend(subtree_range(c) for c in tok.children if c.dep_ in ("ccomp", "parataxis"))
    if tok.dep_ == "parataxis" and tok.head.i != tok.i and not used:
        return _parataxis_content(ctx, tok)
    if lemma not in lex.QUOTING and not used:
        return None
    clause = clause_range(tok, blocked, cue, source, ctx.sent(tok), ctx.in_quote)
    return _quoted(ctx, tok, clause, used)


def _sandwich_tail(
    ctx: Ctx, tok: Token, content: Range, cue: Range, source: Range | None
) -> list[Chars]:
    """ "X would be aided, Devine said, by the calendar": the words after a mid-sentence cue."""
    doc = ctx.doc
    hi = ctx.sent(tok)[1]
    k = max(cue[1], source[1]) if source is not None else cue[1]
    if k >= hi or doc[k].text != ",":
        return []
    rng = trim(doc, (k + 1, hi))
    if rng[1] - rng[0] < 2 or ctx.quotes.at(doc[rng[0]].idx) is not None:
        return []
    first = doc[rng[0]]
    if (first.pos_ in ("VERB", "AUX") and _is_cue_token(first)) or first.pos_ in ("CCONJ", "SCONJ"):
        return []
    if any(_is_quoting_token(t) and t.pos_ == "VERB" for t in doc[rng[0] : rng[1]]):
        return []
    return [ctx.chars(rng)]


def _quoted(ctx: Ctx, tok: Token, clause: Range, used: list[Quote]) -> Found | None:
    text, quotes = ctx.text, ctx.quotes
    cs, ce = ctx.chars(clause)
    left = quotes.ending_near(cs, text)
    right = quotes.starting_near(ce, text, skip=" ,:\n" if ":" in text[ce : ce + 3] else " ,:")
    if right is not None and not _speechlike(right, text):
        right = None
    for q in (left, right):
        if q is not None and q not in used and q.end > q.start:
            used.append(q)
    if not used:
        return _preceding_clause(ctx, tok, clause)
    used.sort(key=lambda q: q.start)
    contents = [(q.inner_start, q.inner_end) for q in used]
    lead = _lead_in(ctx, tok, used[0], left)
    if lead is not None:
        contents[0] = (lead, contents[0][1])
        return contents, "mixed", [], used
    return contents, "direct", [], used


def _speechlike(q: Quote, text: str) -> bool:
    inner = text[q.inner_start : q.inner_end]
    return len(inner.split()) >= 3 or bool(_QUOTE_END.search(inner))


def _lead_in(ctx: Ctx, tok: Token, first: Quote, left: Quote | None) -> int | None:
    """Start of the words opening the sentence before its left quote ("But X's “…,” he said")."""
    if first is not left:
        return None
    doc = ctx.doc
    i, _ = trim(doc, ctx.sent(tok))
    start = doc[i].idx
    if not start < first.start < tok.idx:
        return None
    lead = [t for t in doc[i : i + 16] if t.idx < first.start]
    if not 1 <= len(lead) <= 14 or any(t.is_quote for t in lead) or lead[-1].is_punct:
        return None
    return start


def _parataxis_content(ctx: Ctx, tok: Token) -> Found | None:
    doc, quotes = ctx.doc, ctx.quotes
    lo, hi = ctx.clip(subtree_range(tok.head), tok)
    cut_lo, cut_hi = subtree_range(tok)
    parts = [trim(doc, (lo, cut_lo)), trim(doc, (cut_hi, hi))]
    chars = [ctx.chars(p) for p in parts if p[0] < p[1]]
    if not chars:
        return None
    q = quotes.at(chars[0][0])
    if q is not None and all(q.contains(*c) for c in chars):
        return [(q.inner_start, q.inner_end)], "direct", [], [q]
    kind: AttributionKind = "mixed" if any(quotes.between(*c) for c in chars) else "indirect"
    return chars, kind, [], []


def _phrasal_content(ctx: Ctx, tok: Token, lemma: str) -> Found | None:
    for child in tok.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in lex.PHRASAL[lemma] and child.i > tok.i:
            target = child
            if child.dep_ == "prt":
                target = next(
                    (c for c in tok.children if c.dep_ == "prep" and c.i > child.i), child
                )
            obj = next((c for c in target.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None:
                continue
            rng = ctx.clip(subtree_range(obj), tok)
            if rng[0] < rng[1]:
                extra = [child] + ([target] if target is not child else [])
                return [ctx.chars(rng)], "indirect", extra, []
    return None


def _infinitive_content(ctx: Ctx, tok: Token) -> Found | None:
    if any(c.dep_ == "auxpass" for c in tok.children):
        return None
    xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
    if xcomp is None or not any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
        return None
    lo, hi = subtree_range(xcomp)
    obj = next((c for c in tok.children if c.dep_ == "dobj" and tok.i < c.i < xcomp.i), None)
    if obj is not None:
        lo = obj.left_edge.i
    rng = ctx.clip((lo, hi), tok)
    if rng[0] >= rng[1]:
        return None
    return [ctx.chars(rng)], "indirect", [], []


def _object_content(ctx: Ctx, tok: Token) -> Found | None:
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is None:
        return _fronted_object(ctx, tok)
    lo, hi = subtree_range(obj)
    for child in tok.children:
        if child.i <= obj.i:
            continue
        if child.dep_ in ("oprd", "xcomp", "ccomp") or (
            child.dep_ == "prep"
            and child.lower_ in _OBJ_PREPS
            and child.i == hi
            and not _dated(child)
        ):
            hi = max(hi, child.right_edge.i + 1)
    rng = ctx.clip((lo, hi), tok)
    if rng[0] >= rng[1]:
        return None
    return [ctx.chars(rng)], "indirect", [], []


def _dated(prep: Token) -> bool:
    return any(c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def _fronted_object(ctx: Ctx, tok: Token) -> Found | None:
    """The object before the verb: a relative pronoun, the noun a relative clause modifies, or
    the subject of a passive ("which she once supported", "a deal she backed", "X was praised")."""
    rel = next((c for c in tok.children if c.dep_ == "dobj" and c.i < tok.i), None)
    if rel is not None:
        return [ctx.chars(subtree_range(rel))], "indirect", [], []
    if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
        lo = tok.head.left_edge.i
        rng = ctx.clip((lo, tok.left_edge.i), tok)
        if rng[0] < rng[1]:
            return [ctx.chars(rng)], "indirect", [], []
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subj is None:
        return None
    parts = [ctx.clip(subtree_range(subj), tok)]
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "with")), None)
    if prep is not None and prep.i > tok.i:
        parts.append(ctx.clip(subtree_range(prep), tok))
    found = [ctx.chars(p) for p in parts if p[0] < p[1]]
    return (found, "indirect", [], []) if found else None


def _preceding_clause(ctx: Ctx, tok: Token, clause: Range) -> Found | None:
    """ "…, the budget office reported.": the sentence before the closing attribution."""
    doc = ctx.doc
    lo, hi = ctx.sent(tok)
    if trim(doc, (clause[1], hi))[0] < trim(doc, (clause[1], hi))[1]:
        return None
    k = clause[0] - 1
    while k > lo and doc[k].is_space:
        k -= 1
    if k <= lo or doc[k].text not in {",", "—", "--"}:
        return None
    rng = trim(doc, (lo, k))
    if rng[1] - rng[0] < 3:
        return None
    return [ctx.chars(rng)], "indirect", [], []


def _target(tok: Token) -> Range | None:
    for child in tok.children:
        if child.dep_ == "dobj":
            poss = next((c for c in child.children if c.dep_ == "poss"), None)
            if poss is not None:
                return subtree_range(poss)
            return subtree_range(child)
    return None


def _inside(ctx: Ctx, rng: Range, contents: list[Chars]) -> bool:
    s, e = ctx.chars(rng)
    return any(a < e and s < b for a, b in contents)


# --------------------------------------------------------------------------- nouns


def _noun_cue(ctx: Ctx, tok: Token) -> Cand | None:
    """"the union's claim that …", "Smith's belief that …": a possessed noun with a that-clause."""
    lemma = tok.lemma_.lower()
    if lemma not in lex.CLAUSE_NOUNS:
        return None
    content = next(
        (
            c
            for c in tok.children
            if c.i > tok.i
            and c.dep_ in ("acl", "ccomp")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    source = _noun_source(tok)
    if content is None or source is None:
        return None
    rng = ctx.clip(subtree_range(content), tok)
    if rng[0] >= rng[1]:
        return None
    cue = (tok.i, tok.i + 1)
    return Cand(
        cue=cue, head=tok.i, cue_chars=ctx.chars(cue), source=source, contents=[ctx.chars(rng)],
        kind="indirect", lemma=lemma,
    )


def _noun_source(tok: Token) -> Range | None:
    for child in tok.children:
        if child.dep_ == "poss":
            return subtree_range(child)
        if child.dep_ == "prep" and child.lower_ == "by" and child.i > tok.i:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return subtree_range(pobj)
    return None


# --------------------------------------------------------------------------- predicates


_PRED_PREPS = frozenset({"of", "about", "at", "with", "to", "on", "over", "against", "for"})


def _predicate(ctx: Ctx, tok: Token) -> Cand | None:
    """ "X is convinced that …", "X was against it", "X is a supporter of Y"."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    pred = next(
        (c for c in tok.children if c.dep_ in ("acomp", "attr", "prep") and c.i > tok.i), None
    )
    if pred is None:
        return None
    lemma = pred.lemma_.lower()
    content: Token | None = None
    extra: list[Token] = [pred]
    if pred.dep_ == "prep" and lemma == "against":
        content = next((c for c in pred.children if c.dep_ == "pobj"), None)
    elif (pred.dep_ == "acomp" and lemma in lex.ADJECTIVES) or (
        pred.dep_ == "attr" and lemma in lex.STANCE_NOUNS
    ):
        for child in pred.children:
            if child.dep_ in ("ccomp", "xcomp") and child.i > pred.i:
                content = child
                break
            if child.dep_ == "prep" and child.lower_ in _PRED_PREPS and child.i > pred.i:
                content = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
                extra.append(child)
                break
        extra.extend(
            c for c in pred.children if c.i < pred.i and c.dep_ in ("advmod", "amod", "det")
        )
    if content is None:
        return None
    rng = ctx.clip(subtree_range(content), tok)
    if rng[0] >= rng[1]:
        return None
    cue = _span_of(tok, extra)
    return Cand(
        cue=cue,
        head=tok.i,
        cue_chars=ctx.chars(cue),
        source=source_range(ctx.doc, subj, ctx.sent(tok)),
        contents=[ctx.chars(rng)],
        kind="indirect",
        lemma=lemma,
        stance=lex.stance_of(
            "oppose" if lemma in ("against", "opposed", "critic", "opponent") else lemma
        ),
    )


def _span_of(tok: Token, extra: list[Token]) -> Range:
    idx = [tok.i, *(t.i for t in extra)]
    for c in tok.children:
        if c.dep_ in ("aux", "neg") or (c.dep_ == "advmod" and c.i > tok.i):
            idx.append(c.i)
    lo, hi = min(idx), max(idx) + 1
    return lo, hi


# --------------------------------------------------------------------------- according to, colon


def _according(ctx: Ctx, tok: Token) -> Cand | None:
    doc = ctx.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    source = ctx.clip(subtree_range(pobj), tok)
    lo, hi = ctx.sent(tok)
    cut = (tok.i, max(source[1], pobj.right_edge.i + 1))
    parts = [trim(doc, (lo, cut[0])), trim(doc, (cut[1], hi))]
    contents = [ctx.chars(p) for p in parts if p[1] - p[0] >= 2]
    if not contents or source[0] >= source[1]:
        return None
    cue = (tok.i, tok.i + 2)
    return Cand(
        cue=cue,
        head=tok.i,
        cue_chars=ctx.chars(cue),
        source=source,
        contents=contents,
        kind="indirect",
        lemma="according to",
    )


_DOCUMENTS = frozenset(
    "poll polls survey surveys study report analysis memo letter filing ad column".split()
)


def _in_document(ctx: Ctx, tok: Token) -> Cand | None:
    """"In a CBS News poll, Clinton led by 24 points": a document as the source of a clause."""
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    head = tok.head
    if pobj is None or pobj.lemma_.lower() not in _DOCUMENTS or head.pos_ not in ("VERB", "AUX"):
        return None
    if _is_cue_token(head) or head.dep_ not in ("ROOT", "conj"):
        return None
    doc = ctx.doc
    lo, hi = ctx.sent(tok)
    source = trim(doc, subtree_range(pobj))
    cut = (tok.i, pobj.right_edge.i + 1)
    parts = [trim(doc, (lo, cut[0])), trim(doc, (cut[1], hi))]
    contents = [ctx.chars(p) for p in parts if p[1] - p[0] >= 3]
    if not contents:
        return None
    cue = (tok.i, tok.i + 1)
    return Cand(
        cue=cue, head=tok.i, cue_chars=ctx.chars(cue), source=source,
        contents=contents, kind="indirect", lemma="in",
    )


def _namey(tok: Token, headline: bool) -> bool:
    return tok.pos_ == "PROPN" or bool(tok.ent_type_) or (headline and tok.is_title)


def _colon(ctx: Ctx, tok: Token) -> Cand | None:
    doc = ctx.doc
    lo, hi = ctx.sent(tok)
    left = trim(doc, (lo, tok.i))
    if not 1 <= left[1] - left[0] <= 4 or hi - tok.i < 4:
        return None
    headline = ctx.sentence_index(tok) == 0
    if not all(_namey(doc[i], headline) or doc[i].is_punct for i in range(*left)):
        return None
    right = trim(doc, (tok.i + 1, hi))
    if right[0] >= right[1]:
        return None
    cue = (tok.i, tok.i + 1)
    return Cand(
        cue=cue,
        head=tok.i,
        cue_chars=ctx.chars(cue),
        source=left,
        contents=[ctx.chars(right)],
        kind="indirect",
        lemma=":",
    )


_SIGNATURE = re.compile(r"[ \t]*(?P<dash>[―—–]|--?)[ \t]*(?P<name>[A-Z][^\n,;(“\"]{1,60})")


def _signed_quotes(ctx: Ctx) -> Iterator[Cand]:
    """A quotation signed with a dash and a name: "“We need jobs.” ― Maria Lopez"."""
    doc = ctx.doc
    for q in ctx.quotes.quotes:
        m = _SIGNATURE.match(ctx.text, q.end)
        if m is None:
            continue
        name = m.group("name").rstrip(" .")
        words = name.split()
        if not 1 <= len(words) <= 6 or not all(w[:1].isupper() or w in ("de", "van", "von") for w in words):
            continue
        cue = doc.char_span(m.start("dash"), m.end("dash"), alignment_mode="expand")
        src = doc.char_span(m.start("name"), m.start("name") + len(name), alignment_mode="expand")
        if cue is None or src is None or q.inner_end <= q.inner_start:
            continue
        yield Cand(
            cue=(cue.start, cue.end), head=cue.start, cue_chars=ctx.chars((cue.start, cue.end)),
            source=(src.start, src.end), contents=[(q.inner_start, q.inner_end)], kind="direct",
            lemma="signature", quotes=[q],
        )


# --------------------------------------------------------------------------- quotes running on


def extend_quotes(ctx: Ctx, cands: list[Cand]) -> None:
    """Give a direct quote the quotations that follow its cue's sentence and nobody else claims."""
    claimed = {q for c in cands for q in c.quotes}
    for cand in sorted(cands, key=lambda c: c.cue):
        if not cand.quotes:
            continue
        last = cand.quotes[-1]
        anchor = max(last.end, cand.cue_chars[1])
        if cand.source is not None:
            anchor = max(anchor, ctx.chars(cand.source)[1])
        while True:
            nxt = ctx.quotes.following(last)
            if nxt is None or nxt in claimed or nxt.start < anchor:
                break
            if not _runs_on(ctx.text[anchor : nxt.start], nxt, ctx.text):
                break
            cand.quotes.append(nxt)
            cand.contents.append((nxt.inner_start, nxt.inner_end))
            claimed.add(nxt)
            last = nxt
            anchor = nxt.end


_GAP = re.compile(r"[^\"“”\n]{0,120}?[.!?:;]?\s*")
_QUOTE_END = re.compile(r"[.!?,;:—…-]\W*$")


def _runs_on(gap: str, nxt: Quote, text: str) -> bool:
    """Whether quote ``nxt`` continues the speech: only the end of the cue's sentence between."""
    if "\n\n" in gap and not nxt.continues and not _whole_paragraph(nxt, text):
        return False
    if not _GAP.fullmatch(gap.replace("\n\n", " ")):
        return False
    if gap.strip() and not re.search(r"[.!?:;]\s*$", gap):
        return False
    inner = text[nxt.inner_start : nxt.inner_end]
    return len(inner.split()) >= 3 and bool(_QUOTE_END.search(inner) or not nxt.closed)


def _whole_paragraph(q: Quote, text: str) -> bool:
    return text[q.end : q.end + 2].strip(" ") in ("", "\n", "\n\n") or text[q.end] == "\n"
