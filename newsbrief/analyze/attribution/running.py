"""Quotations that run on: a direct quote takes the quotations after its cue's sentence.

"“A,” said Ruiz. “B.”": B is Ruiz's too, as long as only the end of the reporting sentence
lies between and no other speaker is reported in between (see ``_cue_between``); a quotation
paragraph after a statement in reported speech is ``orphans``'s.
"""

from __future__ import annotations

import bisect
import re

from newsbrief.analyze.attribution.core import QUOTE_END, Cand, Ctx
from newsbrief.analyze.quotes import Quote


def extend_quotes(ctx: Ctx, cands: list[Cand]) -> None:
    """Give a direct quote the quotations that follow its cue's sentence and nobody else claims;
    of two cues over one quotation ("X scolded him: “A,” she said. “B.”") the later one, the
    reporting clause the next quotation follows. Never across another speaker's cue: after
    "“A,” said Bell. / Erekat said it was the latest move. / “B.”", B is not Bell's."""
    claimed = {q for c in cands for q in c.quotes}
    starts = [t.idx for t in ctx.doc]

    def sentence_at(char: int) -> int:
        return ctx.sentence_index(ctx.doc[max(0, bisect.bisect_right(starts, char) - 1)])

    cues = sorted(
        (c.cue_chars[0], sentence_at(c.cue_chars[0]), _named_source(ctx, c)) for c in cands
    )
    for cand in sorted(cands, key=lambda c: c.cue):
        if not cand.quotes:
            continue
        last = cand.quotes[-1]
        if any(o.cue > cand.cue and o.quotes and o.quotes[-1] == last for o in cands):
            continue
        anchor = max(last.end, cand.cue_chars[1])
        if cand.source is not None:
            anchor = max(anchor, ctx.chars(cand.source)[1])
        source = ctx.text[slice(*ctx.chars(cand.source))] if cand.source else ""
        while True:
            nxt = ctx.quotes.following(last)
            if nxt is None or nxt in claimed or nxt.start < anchor:
                break
            if _cue_between(cues, (anchor, nxt.start), sentence_at(anchor - 1), source):
                break
            if not _runs_on(ctx.text[anchor : nxt.start], nxt, ctx.text):
                break
            cand.quotes.append(nxt)
            cand.contents.append((nxt.inner_start, nxt.inner_end))
            claimed.add(nxt)
            last = nxt
            anchor = nxt.end


def _named_source(ctx: Ctx, cand: Cand) -> str:
    """The name a candidate's speaker is given ("Erekat"), or "" for a pronoun or a noun."""
    if cand.source is None:
        return ""
    toks = ctx.doc[cand.source[0] : cand.source[1]]
    return toks.root.text if toks.root.pos_ == "PROPN" else ""


def _cue_between(
    cues: list[tuple[int, int, str]], span: tuple[int, int], sentence: int, source: str
) -> bool:
    """Whether another speaker's reporting clause, in a sentence after ``sentence``, lies in
    ``span``: the speech after it is that speaker's, not the earlier quote's ("“A,” said Bell.
    / Erekat said it was the latest move. / “B.”": B is not Bell's). A cue in the quote's own
    sentence ("…,” said Caddell, speaking of …") or of the same speaker ("He didn't suggest
    retaliation.", "Said Ellis: …") does not stop it."""
    lo = bisect.bisect_left(cues, (span[0], -1, ""))
    hi = bisect.bisect_left(cues, (span[1], -1, ""))
    return any(sent > sentence and name and name not in source for _, sent, name in cues[lo:hi])


_GAP = re.compile(r"(?:[^\"“”\n]|[\"“][^\"“”\n]{1,40}[\"”]){0,250}?[.!?:;]?\s*")


def _runs_on(gap: str, nxt: Quote, text: str) -> bool:
    """Whether quote ``nxt`` continues the speech: only the end of the cue's sentence between."""
    if "\n\n" in gap and not nxt.continues and not _whole_paragraph(nxt, text):
        return False
    if not _GAP.fullmatch(gap.replace("\n\n", " ")):
        return False
    if gap.strip() and not re.search(r"[.!?:;]\s*$", gap):
        return False
    inner = text[nxt.inner_start : nxt.inner_end]
    return len(inner.split()) >= 3 and bool(QUOTE_END.search(inner) or not nxt.closed)


def _whole_paragraph(q: Quote, text: str) -> bool:
    return text[q.end : q.end + 2].strip(" ") in ("", "\n", "\n\n") or text[q.end] == "\n"
