"""A paragraph that is one quotation and nobody's: the speaker of the paragraph before.

News writing sets a quotation as a paragraph of its own, with no reporting verb, right after
the paragraph in which its speaker was last reported: "Erekat said it was only the latest move
by the US to force the Palestinians to capitulate. / “They wanted us on our knees …”". A
quotation that runs on from its speaker's own quotation is found by ``extend_quotes``; this
is the one that follows a statement in reported speech. It becomes a direct statement of that
speaker, with that cue, only when that statement ends the paragraph before (nothing else is
said after it) and the quotation fills its own paragraph.
"""

from __future__ import annotations

import dataclasses
import re

from newsbrief.analyze.attribution.core import Cand, Ctx

_ENDS_PARAGRAPH = re.compile(r"[.!?]?[\"'”’)]*[ \t]*\n\s*")


def orphan_quotes(ctx: Ctx, cands: list[Cand]) -> list[Cand]:
    """New direct candidates, one per orphan quotation paragraph (see the module doc)."""
    claimed = {q for c in cands for q in c.quotes}
    ordered = sorted(cands, key=lambda c: c.cue_chars[0])
    text = ctx.text
    out = []
    for quote in ctx.quotes.quotes:
        if quote in claimed or not _fills_paragraph(quote.start, quote.end, text):
            continue
        if any(c.covers((quote.inner_start, quote.inner_end)) for c in cands):
            continue
        before = [c for c in ordered if c.cue_chars[0] < quote.start]
        if not before:
            continue
        last = max(before, key=_end_of)
        if last.quotes or last.kind != "indirect" or last.source is None:
            continue
        if not any(ch.isalpha() for ch in last.lemma):  # a transcript's "NAME:" line
            continue
        if not _ENDS_PARAGRAPH.fullmatch(text[_end_of(last) : quote.start]):
            continue
        out.append(
            dataclasses.replace(
                last,
                kind="direct",
                contents=[(quote.inner_start, quote.inner_end)],
                quotes=[quote],
                cut_from=None,
            )
        )
    return out


def _end_of(cand: Cand) -> int:
    return max([cand.cue_chars[1], *(e for _, e in cand.contents)])


def _fills_paragraph(start: int, end: int, text: str) -> bool:
    return (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")
