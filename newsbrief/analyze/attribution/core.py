"""Shared pieces of the attribution finders: candidates, the parse context, lemma helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypedDict, Unpack

from spacy.tokens import Doc, Token

from newsbrief.analyze import cues as lex
from newsbrief.analyze.attribution.spans import Range, char_range, trim
from newsbrief.analyze.quotes import Quote, QuoteIndex
from newsbrief.models import AttributionKind, Sentence

Chars = tuple[int, int]
Found = tuple[list[Chars], AttributionKind, list[Token], list[Quote]]
QUOTE_END = re.compile(r"[.!?,;:—…-]\W*$")


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
    # the statement whose content this clause was cut from ("…, accusing her …, the Post
    # reported"): what it says came through that statement's speaker
    cut_from: Cand | None = field(default=None, compare=False, repr=False)

    def content_size(self) -> int:
        return sum(e - s for s, e in self.contents)

    def covers(self, span: Chars) -> bool:
        return any(s <= span[0] and span[1] <= e for s, e in self.contents)


class CandOptions(TypedDict, total=False):
    """The fields of a ``Cand`` that have defaults."""

    stance: lex.Stance
    target: Range | None
    channel: str | None
    via: tuple[str, ...]
    quotes: list[Quote]


class Ctx:
    """The parse, the text, its quotes and the sentence (record) bounds of every token."""

    def __init__(self, doc: Doc, text: str, quotes: QuoteIndex, sentences: list[Sentence]) -> None:
        self.doc = doc
        self.text = text
        self.quotes = quotes
        self.bounds: list[Range] = []
        self.paragraph_of: list[int] = [s.paragraph for s in sentences] or [0]
        self._sent_of = [0] * len(doc)
        k = 0
        for sent in sentences:
            # tokens between sentences (a subhead, a caption) belong to no sentence's range
            while k < len(doc) and doc[k].idx < sent.start:
                self._sent_of[k] = len(self.bounds)
                k += 1
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

    def paragraph_end(self, tok: Token) -> int:
        """Token index where the paragraph of ``tok`` ends."""
        k = self._sent_of[tok.i]
        while k + 1 < len(self.bounds) and self.paragraph_of[k + 1] == self.paragraph_of[k]:
            k += 1
        return self.bounds[k][1]

    def clip(self, rng: Range, tok: Token) -> Range:
        lo, hi = self.sent(tok)
        return trim(self.doc, (max(rng[0], lo), min(rng[1], hi)))

    def in_quote(self, offset: int) -> bool:
        return self.quotes.at(offset) is not None

    def chars(self, rng: Range) -> Chars:
        return char_range(self.doc, rng)

    def cand(
        self,
        head: Token,
        cue: Range,
        *,
        source: Range | None,
        contents: list[Chars],
        kind: AttributionKind = "indirect",
        lemma: str,
        **optional: Unpack[CandOptions],
    ) -> Cand:
        """A candidate headed by ``head`` whose cue is the tokens ``cue``."""
        return Cand(
            cue=cue,
            head=head.i,
            cue_chars=self.chars(cue),
            source=source,
            contents=contents,
            kind=kind,
            lemma=lemma,
            **optional,
        )


def is_cue_token(tok: Token) -> bool:
    return lex.is_cue_lemma(lemma_of(tok))


def is_quoting_token(tok: Token) -> bool:
    return lemma_of(tok) in lex.QUOTING


_LEMMA_FIXES = {"hop": "hope", "retweete": "retweet"}


def lemma_of(tok: Token) -> str:
    if tok.pos_ == "PROPN":
        return {"says": "say", "said": "say", "tells": "tell", "slams": "slam"}.get(tok.lower_, "")
    lemma = str(tok.lemma_).lower()
    if lemma == "hop" and not tok.lower_.startswith("hope") and tok.lower_ != "hoping":
        return lemma
    return _LEMMA_FIXES.get(lemma, lemma)


def speechlike(q: Quote, text: str) -> bool:
    inner = text[q.inner_start : q.inner_end]
    return len(inner.split()) >= 3 or bool(QUOTE_END.search(inner))


def overlaps(ctx: Ctx, rng: Range, contents: list[Chars]) -> bool:
    s, e = ctx.chars(rng)
    return any(a < e and s < b for a, b in contents)
