"""Attributions without a reporting verb: "according to X", "in a poll", headline colons,
"X is convinced that …", "the union's claim that …", quotations signed with a dash."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from spacy.tokens import Doc, Span, Token

from newsbrief.analyze import cues as lex
from newsbrief.analyze.attribution.core import Cand, Ctx, is_cue_token
from newsbrief.analyze.attribution.spans import (
    FINITE_TAGS,
    Range,
    source_range,
    subtree_range,
    trim,
)


def noun_cue(ctx: Ctx, tok: Token) -> Cand | None:
    """ "the union's claim that …", "Smith's belief that …": a possessed noun with a that-clause."""
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
    return ctx.cand(tok, (tok.i, tok.i + 1), source=source, contents=[ctx.chars(rng)], lemma=lemma)


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


def predicate(ctx: Ctx, tok: Token) -> Cand | None:
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
    stance = lex.stance_of(
        "oppose" if lemma in ("against", "opposed", "critic", "opponent") else lemma
    )
    return _indirect(ctx, tok, subj, content, extra, lemma=lemma, stance=stance)


def passive_state(ctx: Ctx, tok: Token) -> Cand | None:
    """ "Protesters were frustrated that …", "X is convinced of Y" parsed as a passive verb."""
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subj is None or not any(c.dep_ == "auxpass" for c in tok.children):
        return None
    extra: list[Token] = []
    content: Token | None = None
    for child in tok.children:
        if child.i < tok.i:
            if child.dep_ in ("auxpass", "advmod"):
                extra.append(child)
        elif child.dep_ in ("ccomp", "xcomp"):
            content = child
            break
        elif child.dep_ in ("prep", "agent") and child.lower_ in _PRED_PREPS | {"by"}:
            content = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            extra.append(child)
            break
    return _indirect(ctx, tok, subj, content, extra, lemma=tok.lower_)


def _indirect(
    ctx: Ctx,
    tok: Token,
    subj: Token,
    content: Token | None,
    extra: list[Token],
    *,
    lemma: str,
    stance: Literal["neutral", "oppose", "support"] = "neutral",
) -> Cand | None:
    """An indirect attribution cued by ``tok``: content is ``content``'s subtree, clipped."""
    if content is None:
        return None
    rng = ctx.clip(subtree_range(content), tok)
    if rng[0] >= rng[1]:
        return None
    source = source_range(ctx.doc, subj, ctx.sent(tok))
    contents = [ctx.chars(rng)]
    return ctx.cand(
        tok, _span_of(tok, extra), source=source, contents=contents, lemma=lemma, stance=stance
    )


def _span_of(tok: Token, extra: list[Token]) -> Range:
    idx = [tok.i, *(t.i for t in extra)]
    for c in tok.children:
        if c.dep_ in ("aux", "neg") or (c.dep_ == "advmod" and c.i > tok.i):
            idx.append(c.i)
    lo, hi = min(idx), max(idx) + 1
    return lo, hi


# --------------------------------------------------------------------------- according to, colon


def according(ctx: Ctx, tok: Token) -> Cand | None:
    doc = ctx.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    source = ctx.clip(subtree_range(pobj), tok)
    if source[0] >= source[1]:
        return None
    source = _with_apposed_name(doc, source)
    cut = (tok.i, max(source[1], pobj.right_edge.i + 1))
    return _around(ctx, tok, source, cut, cue_len=2, min_len=2, lemma="according to")


def _with_apposed_name(doc: Doc, source: Range) -> Range:
    """ "According to his aunt, Jane Starner, “He was …”": the name set off by commas after
    the source phrase is the source too (the parser left it out of the phrase), not the
    start of what she said."""
    comma = source[1]
    if comma + 2 >= len(doc) or doc[comma].text != "," or doc[comma + 1].ent_iob_ != "B":
        return source
    if doc[comma + 1].ent_type_ != "PERSON":
        return source
    end = comma + 2
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return (source[0], end) if end < len(doc) and doc[end].text == "," else source


_DOCUMENTS = frozenset(
    [
        "poll",
        "polls",
        "survey",
        "surveys",
        "study",
        "report",
        "analysis",
        "memo",
        "letter",
        "filing",
        "ad",
        "column",
    ]
)


def in_document(ctx: Ctx, tok: Token) -> Cand | None:
    """ "In a CBS News poll, Clinton led by 24 points": a document as the source of a clause."""
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    head = tok.head
    if pobj is None or pobj.lemma_.lower() not in _DOCUMENTS or head.pos_ not in ("VERB", "AUX"):
        return None
    if _standing(pobj):
        return None
    if is_cue_token(head) or head.dep_ not in ("ROOT", "conj"):
        return None
    source = trim(ctx.doc, subtree_range(pobj))
    cut = (tok.i, pobj.right_edge.i + 1)
    return _around(ctx, tok, source, cut, cue_len=1, min_len=3, lemma="in")


def _around(
    ctx: Ctx, tok: Token, source: Range, cut: Range, *, cue_len: int, min_len: int, lemma: str
) -> Cand | None:
    """An indirect attribution whose cue opens at ``tok`` and whose source phrase spans ``cut``:
    the content is what the sentence says before and after it (parts of ``min_len`` tokens or
    more; None when there is none)."""
    lo, hi = ctx.sent(tok)
    lo = _after_press_dateline(ctx.doc, lo, cut[0])
    parts = [trim(ctx.doc, (lo, cut[0])), trim(ctx.doc, (cut[1], hi))]
    contents = [ctx.chars(p) for p in parts if p[1] - p[0] >= min_len]
    if not contents:
        return None
    return ctx.cand(tok, (tok.i, tok.i + cue_len), source=source, contents=contents, lemma=lemma)


_DASH_TOKENS = frozenset({"-", "–", "—", "--"})


def _after_press_dateline(doc: Doc, lo: int, hi: int) -> int:
    """Past a press release's dateline opening the sentence ("New York, NY – The range of …"):
    a place in capitals, a comma, a two-letter state and a dash."""
    k = lo
    while k < min(hi, lo + 5) and doc[k].is_title and doc[k].pos_ == "PROPN":
        k += 1
    if k == lo or k + 2 >= hi or doc[k].text != ",":
        return lo
    state, dash = doc[k + 1], doc[k + 2]
    if len(state.text) == 2 and state.is_upper and dash.text in _DASH_TOKENS:
        return k + 3
    return lo


_TITLE_SMALL = lex.words("a an the and or of in on at to for by with from as is who how")


def _title_of_work(inner: str) -> bool:
    """ "“Backfire: Carly Fiorina's High-Stakes Battle for the Soul of Hewlett-Packard”": a quoted
    title in Title Case names a book or film, not a speaker and what they said."""
    words = [w for w in re.findall(r"[\w'’-]+", inner) if w.lower() not in _TITLE_SMALL]
    return len(words) >= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _standing(pobj: Token) -> bool:
    """ "slid in the polls", "ahead in national polls": polls in general tell a standing, not a
    finding of one poll (a named one, "in a CBS News poll", does); "in a letter", "in a column"
    is where someone wrote, said by a verb of its own (measured on PolNeAR train)."""
    if pobj.lemma_.lower() in _WRITTEN:
        return True
    named = any(t.pos_ == "PROPN" for t in pobj.subtree)
    return pobj.tag_ == "NNS" and pobj.lemma_.lower() in ("poll", "survey") and not named


_WRITTEN = frozenset(["letter", "column", "ad", "memo", "filing"])


def _namey(tok: Token, headline: bool) -> bool:
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    return tok.is_upper or (headline and tok.is_title)


# "Q:"/"A:" interview turns and headline labels ("BREAKING:", "The Latest:") name no speaker
_LABELS = lex.words(
    """
    q a the latest breaking revealed wow editor's editor’s note correction update updated
    previously exclusive busted just leaked boom bombshell look watch video photos listen
    read more paid notice delegate stat of week fix is in analysis opinion
    """
)


def _label(words: str) -> bool:
    return all(w in _LABELS for w in words.lower().replace("-", " ").split())


def colon(ctx: Ctx, tok: Token) -> Cand | None:
    """ "Carson: Cruz Is Wrong" (a headline), "TAPPER: Do you think …" (a transcript turn)."""
    doc = ctx.doc
    lo = ctx.sent(tok)[0]
    quote = ctx.quotes.at(tok.idx)
    if quote is not None:  # a transcript turn quoted whole: "“PENCE: Well, …”"
        if _title_of_work(ctx.text[quote.inner_start : quote.inner_end]):
            return None
        while lo < tok.i and doc[lo].idx < quote.inner_start:
            lo += 1
    left = trim(doc, (lo, tok.i))
    if not 1 <= left[1] - left[0] <= 4:
        return None
    headline = ctx.sentence_index(tok) == 0
    if not all(_namey(doc[i], headline) or doc[i].is_punct for i in range(*left)):
        return None
    if _label(doc[left[0] : left[1]].text):
        return None
    right = trim(doc, (tok.i + 1, ctx.paragraph_end(tok)))
    if right[1] - right[0] < 3:
        return None
    if right[0] >= right[1]:
        return None
    if quote is None and not headline and not _says(doc[right[0] : right[1]]):
        return None  # "Jonathan P. Blair: Possession of methamphetamine, held in jail …": a list
    start, end = ctx.chars(right)
    if quote is not None:
        end = min(end, quote.inner_end)
    return ctx.cand(tok, (tok.i, tok.i + 1), source=left, contents=[(start, end)], lemma=":")


def _says(words: Span) -> bool:
    """Words after a name and a colon in the body that say something: a clause with a finite
    verb ("Do you think …"), not a list of charges or items (a headline may drop its verb:
    "Obama: Economy on the mend")."""
    return any(t.tag_ in FINITE_TAGS and t.dep_ != "amod" for t in words)


_NAME_WORD = r"(?:(?:Dr|Mr|Mrs|Ms|Sen|Rep|Gov|Rev|Jr|Sr|St)\.|[A-Z]\.|[A-Z][\w'’-]*)"
_SIGNATURE = re.compile(
    rf"[ \t\u00a0]*(?P<dash>[―—–]|--?)[ \t\u00a0]*"
    rf"(?P<name>{_NAME_WORD}(?:[ \t\u00a0]+(?:{_NAME_WORD}|de|van|von|del|da|la|bin)){{0,5}})"
)


def signed_quotes(ctx: Ctx) -> Iterator[Cand]:
    """A quotation signed with a dash and a name: "“We need jobs.” ― Maria Lopez"."""
    doc = ctx.doc
    for q in ctx.quotes.quotes:
        m = _SIGNATURE.match(ctx.text, q.end)
        if m is None or q.inner_end <= q.inner_start:
            continue
        cue = doc.char_span(m.start("dash"), m.end("dash"), alignment_mode="expand")
        src = doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand")
        if cue is None or src is None:
            continue
        yield Cand(
            cue=(cue.start, cue.end),
            head=cue.start,
            cue_chars=(m.start("dash"), m.end("dash")),
            source=(src.start, src.end),
            contents=[(q.inner_start, q.inner_end)],
            kind="direct",
            lemma="signature",
            quotes=[q],
        )
