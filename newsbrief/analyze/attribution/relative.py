"""Rejections in a relative clause: "Norland says the dam is safe, a claim which Talvia rejects,
saying that …" and "The government says the plan is safe, which the opposition disputes".

The small parser often reads "Talvia rejects" as a noun compound, so the clause is found on the
tokens: a relative pronoun after a comma (or after "a claim" / "an assertion" set off by one),
a short noun phrase, then a verb of rejection. That gives an attribution of its own: the noun
phrase is the source, the verb the cue, the rejected claim (the content before the comma) or the
"saying …" that follows the verb the content, stance "oppose", and as target the source of the
attribution whose content holds the claim; that content is cut before the relative clause.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsbrief.analyze import cues as lex
from newsbrief.analyze.actors.names import REJECT_FORMS as _REJECT
from newsbrief.analyze.attribution.core import Cand, Ctx
from newsbrief.analyze.attribution.spans import Range, trim

_CLAIM_NOUNS = lex.words(
    """claim claims assertion assertions allegation allegations charge charges argument view
    account suggestion statement"""
)
_SAYING = lex.words(
    "saying arguing insisting noting pointing adding claiming contending maintaining"
)
_MAX_SOURCE = 6
_SKIP = frozenset({"has", "have", "had", "strongly", "flatly", "firmly", "also", "still"})


def relative_rejections(ctx: Ctx, cands: list[Cand]) -> list[Cand]:
    """The candidates with each relative-clause rejection added (and linked, see module doc)."""
    doc = ctx.doc
    out = list(cands)
    for tok in doc:
        if tok.lower_ not in ("which", "that"):
            continue
        found = _clause(doc, tok)
        if found is None:
            continue
        verb, source, cut = found
        own = next((c for c in out if c.head == verb.i), None)
        claimer = _claimer(ctx, [c for c in out if c is not own], tok, cut)
        claim = _claim(ctx, claimer, cut)
        saying = _saying(ctx, verb)
        contents = [saying[1]] if saying is not None else ([claim] if claim else [])
        if own is not None:  # the parser found the verb: link it, fix a bare "which" content
            if _relative_only(ctx, own) and contents:
                own.contents = contents
            own.stance = "oppose"
            if claimer is not None and claimer.source is not None:
                own.target = claimer.source
            continue
        if not contents:
            continue
        if saying is not None:  # "…, saying that …" is the rejecting side's, not the claimer's
            out = [c for c in out if c.head != saying[0]]
        out.append(
            Cand(
                cue=(verb.i, verb.i + 1),
                head=verb.i,
                cue_chars=ctx.chars((verb.i, verb.i + 1)),
                source=source,
                contents=contents,
                kind="indirect",
                lemma="reject",
                stance="oppose",
                target=claimer.source if claimer is not None else None,
            )
        )
    return out


def _claimer(ctx: Ctx, cands: list[Cand], rel: Token, cut: int) -> Cand | None:
    """The attribution whose content holds the rejected claim: its content runs over the
    relative pronoun, or (already cut at the comma) ends right before the relative clause."""
    at = ctx.chars((rel.i, rel.i + 1))
    hit = next((c for c in cands if c.covers(at)), None)
    if hit is not None:
        return hit
    lo = ctx.doc[ctx.sent(rel)[0]].idx
    near = [
        c
        for c in cands
        if c.cue_chars[0] >= lo and any(lo <= s and cut - 3 <= e <= cut for s, e in c.contents)
    ]
    return near[-1] if near else None


def _relative_only(ctx: Ctx, cand: Cand) -> bool:
    return all(ctx.text[s:e].strip().lower() in ("which", "that") for s, e in cand.contents)


def _clause(doc: Doc, rel: Token) -> tuple[Token, Range, int] | None:
    """(verb, source range, character offset where the claim ends) for "…, [a claim] which X
    rejects", else None."""
    i = rel.i
    before = doc[i - 1] if i > 0 else None
    cut: int | None = None
    if before is not None and before.text == ",":
        cut = before.idx
    elif before is not None and before.lemma_.lower() in _CLAIM_NOUNS:
        k = i - 1
        while k > 0 and doc[k - 1].pos_ in ("DET", "ADJ", "PRON") and doc[k - 1].text != ",":
            k -= 1
        if k > 0 and doc[k - 1].text == ",":
            cut = doc[k - 1].idx
    if cut is None:
        return None
    for j in range(i + 1, min(len(doc), i + 2 + _MAX_SOURCE)):
        word = doc[j]
        if word.is_punct or word.is_sent_start:
            return None
        if word.lower_ in _REJECT and j > i + 1:
            source = _source(doc, i + 1, j)
            return (word, source, cut) if source is not None else None
    return None


def _source(doc: Doc, lo: int, hi: int) -> Range | None:
    while hi > lo and doc[hi - 1].lower_ in _SKIP:
        hi -= 1
    rng = trim(doc, (lo, hi))
    if rng[0] >= rng[1]:
        return None
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in doc[rng[0] : rng[1]]):
        return None
    return rng


def _claim(ctx: Ctx, claimer: Cand | None, cut: int) -> tuple[int, int] | None:
    """Cut the claimer's content before the relative clause; return the claim as content."""
    if claimer is None:
        return None
    for k, (start, end) in enumerate(claimer.contents):
        if start < cut <= end:
            stop = cut
            while stop > start and ctx.text[stop - 1] in " ,;—–-":
                stop -= 1
            claimer.contents[k] = (start, stop)
            return (start, stop) if start < stop else None
        if start < end and cut - 3 <= end <= cut:
            return (start, end)
    return None


def _saying(ctx: Ctx, verb: Token) -> tuple[int, tuple[int, int]] | None:
    """ "…, saying that X": (index of the participle, the characters of what it says)."""
    doc = ctx.doc
    j = verb.i + 1
    if j + 1 >= len(doc) or doc[j].text != "," or doc[j + 1].lower_ not in _SAYING:
        return None
    part = doc[j + 1]
    lo = part.i + 1
    if lo < len(doc) and doc[lo].lower_ == "that":
        lo += 1
    hi = ctx.sent(part)[1]
    rng = trim(doc, (lo, hi))
    if rng[1] - rng[0] < 3:
        return None
    return part.i, ctx.chars(rng)
