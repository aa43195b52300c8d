"""Verbs of naming: "called the plan a disaster", "branded him a liar", "deemed the move illegal".

What such a verb states is its object together with the object predicative, what the object was
called: "Democrats called the citation and the demand a ploy" says the two are a ploy; the
object alone ("the citation") says nothing, nor does the name alone ("a ploy"). PolNeAR spans the
content the same way, object and predicative in one span.

The parser hangs the predicative on the verb in several ways (oprd, a second dobj, appos,
npadvmod, attr), or, when it is quoted, inside the object's own phrase ("half of the crowd
“deplorables”"); a quoted name is the name given, not the words said, so the quotation stays
inside the span (a mixed statement) instead of standing alone as a direct quote. ``content``
asks here first and extends the span with its own rules for what follows the verb.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsbrief.analyze.attribution.core import Chars, Ctx, Found
from newsbrief.analyze.attribution.spans import Range, subtree_range, trim
from newsbrief.models import AttributionKind

__all__ = [
    "NAMING",
    "named_after",
    "names",
    "past_quote",
    "predicative",
    "predicative_range",
    "with_name",
]

NAMING = frozenset({"call", "label", "dub", "brand", "deem", "name", "term", "declare"})
_PREDICATIVE = frozenset({"oprd", "nmod", "dep", "attr", "npadvmod", "ccomp"})


def names(ctx: Ctx, tok: Token, obj: Token) -> bool:
    """Whether what the object ``obj`` of the naming verb ``tok`` was called follows it: an
    object predicative the parser hung on the verb, or a quotation opening inside the object's
    phrase or right after it ("called half of the crowd “deplorables”")."""
    if any(c.i > obj.i and _predicative_dep(c) for c in tok.children):
        return True
    # a quotation that ends the object's phrase, not one inside a clause of it ("the
    # Commission, which is aimed at teaching “the miracle of history” and …")
    start, end = ctx.chars(subtree_range(obj))
    if any(q.inner_end >= end for q in ctx.quotes.between(start + 1, end)):
        return True
    return ctx.quotes.starting_near(end, ctx.text, skip=" ") is not None


def predicative_range(tok: Token) -> Range | None:
    """ "called a former aide “disgusting”" (the parser found no object, only an object
    predicative that took the object in): from the first predicative word after the verb to the
    end of the predicative; None without one."""
    oprd = [c for c in tok.children if c.dep_ == "oprd" and c.i > tok.i]
    if not oprd:
        return None
    lo = min(c.left_edge.i for c in tok.children if c.i > tok.i and c.dep_ in _PREDICATIVE)
    return lo, oprd[-1].right_edge.i + 1


def _predicative_dep(tok: Token) -> bool:
    """How the parser hangs an object predicative on the verb (a date is no name: "called the
    meeting Tuesday")."""
    if tok.dep_ == "npadvmod":
        return tok.ent_type_ not in ("DATE", "TIME")
    return tok.dep_ in ("oprd", "attr", "dobj", "appos", "nmod", "dep")


def named_after(tok: Token, adverb: Token) -> bool:
    """ "called the decision Tuesday a mistake": a time phrase between the object and its
    predicative (oprd) belongs to the span that runs on to that predicative."""
    pred = next((c for c in tok.children if c.i > adverb.i and c.dep_ == "oprd"), None)
    doc = tok.doc
    return pred is not None and not any(t.text == "," for t in doc[adverb.i : pred.left_edge.i])


def past_quote(ctx: Ctx, rng: Range) -> int | None:
    """The first token after a quotation that opens inside ``rng`` and runs past its end
    (``a "good news story in an era when …"``: the parser hung the rest of the quoted name on
    the verb); a name is not cut mid-quotation. None when the span ends outside quotes."""
    lo, hi = rng
    if not lo < hi:
        return None
    start, end = ctx.chars(rng)
    quote = next((q for q in ctx.quotes.between(start, end) if q.end > end), None)
    if quote is None:
        return None
    return next((t.i for t in ctx.doc[hi:] if t.idx >= quote.end), len(ctx.doc))


def with_name(ctx: Ctx, rng: Range) -> Found | None:
    """The span as a statement: mixed when a quotation lies in it. None when it is all one
    quotation ("what it calls “the biggest attack”"): that is a direct quote, found as one."""
    rng = trim(ctx.doc, rng)
    if not rng[0] < rng[1]:
        return None
    chars: Chars = ctx.chars(rng)
    if any(q.inner_start <= chars[0] and chars[1] <= q.inner_end for q in ctx.quotes.quotes):
        return None
    # with the marks of a quotation the span opens or closes with, which trimming took off
    # ("that Pelosi called “ill-suited,” “embarrassing” and “the worst”", "''…''")
    opened = ctx.quotes.at(chars[0])
    if opened is not None and opened.inner_start == chars[0]:
        chars = (opened.start, chars[1])
    closed = ctx.quotes.at(chars[1] - 1)
    if closed is not None and closed.inner_end == chars[1]:
        chars = (chars[0], closed.end)
    kind: AttributionKind = "mixed" if ctx.quotes.between(*chars) else "indirect"
    return [chars], kind, [], []


def predicative(ctx: Ctx, tok: Token) -> Found | None:
    """ "Graham called both Trump and Clinton “crazy”" (the parser found no object, only an
    object predicative): everything from the verb to the end of that predicative."""
    rng = predicative_range(tok) if tok.lemma_.lower() in NAMING else None
    if rng is None:
        return None
    rng = ctx.clip(trim(ctx.doc, rng), tok)
    return ([ctx.chars(rng)], "indirect", [], []) if rng[0] < rng[1] else None
