"""Quotations a colon introduces: "X scolded him: “…,” she said".

The words before the colon are the writer's lead-in (who spoke, to whom); what was said is the
quotation alone. The parser hangs the two on each other either way round, so ``content`` asks
here on both of its paths: a complement clause that took the lead-in in with the quotation,
and an object ("him") the colon and the quotation follow.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsbrief.analyze.attribution.core import Ctx
from newsbrief.analyze.attribution.spans import Range
from newsbrief.analyze.quotes import Quote

__all__ = ["introduced_quote", "quote_after_colon"]


def introduced_quote(ctx: Ctx, rng: Range) -> Quote | None:
    """The quotation that ends the complement ``rng`` of a cue after it ("…,” she said") when
    the words of ``rng`` before the quotation end in a colon: "she said" the quotation, not
    "X scolded him: “…”"."""
    start, end = ctx.chars(rng)
    quote = ctx.quotes.at(end - 1)
    if quote is None or not start < quote.start or end > quote.inner_end:
        return None
    return quote if ctx.text[start : quote.start].rstrip().endswith(":") else None


# people addressed in a crowd ("he urged voters, “…”"): the words were for them
_ADDRESSED = frozenset(
    {"voter", "reporter", "journalist", "supporter", "crowd", "audience", "member", "fan",
     "viewer", "listener", "delegate", "resident", "student", "worker", "colleague", "people"}
)  # fmt: skip


def quote_after_colon(ctx: Ctx, obj: Token, end: int) -> Quote | None:
    """ "X scolded him: “…”": the quotation a colon opens right after the object ``obj``
    (its subtree ends at token ``end``), in the same sentence, when the object is whom the
    words were for or about (a pronoun or a name): the quotation is what was said. So is one
    a comma opens after people addressed ("he urged voters, “Look what I've delivered”")."""
    doc = ctx.doc
    if end >= len(doc):
        return None
    addressed = obj.pos_ == "NOUN" and obj.lemma_.lower() in _ADDRESSED
    if not (
        (obj.pos_ in ("PRON", "PROPN") and doc[end].text == ":")
        or (addressed and doc[end].text in (":", ","))
    ):
        return None
    if ctx.sent(obj)[1] <= end + 1:  # the sentence ends at the colon
        return None
    return ctx.quotes.starting_near(doc[end].idx + 1, ctx.text, skip=" ")
