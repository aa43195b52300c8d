"""Claim features of a short text (a summary sentence, a source passage) for the verifier.

``newsbrief.write.verify`` checks generated sentences against the sentences they cite; it needs
the tokens, lemmas, part of speech, dependency arcs, entity types, negation and modality of both
sides, and the TimeML values of their dates. Those come from the shared spaCy parse, so they are
read here and handed over as plain frozen records: spaCy objects never leave ``analyze``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from spacy.tokens import Doc, Token

from newsbrief.analyze.nlp import parse, parse_many
from newsbrief.analyze.time import find_timexes
from newsbrief.models import Sentence

__all__ = ["ClaimText", "ClaimToken", "claim_text", "claim_texts", "split_text"]

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
_NEG_WORDS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "none", "neither", "nor"})
_HEDGES = frozenset({"may", "might", "could", "would", "should", "can", "must"})
# complements a negation reaches down: "not allowed [to move]", "no plans [to order]"
_SCOPE_DEPS = frozenset({"xcomp", "acl", "pcomp", "ccomp"})
_QUOTE_STRIP = "`'\"\u2018\u2019\u201c\u201d"


@dataclass(frozen=True)
class ClaimToken:
    """One token of a parsed text; ``head`` and ``content_head`` index into the same text."""

    text: str
    norm: str  # lowercase, quote marks stripped
    lemma: str
    pos: str
    dep: str
    ent: str  # entity label, "" outside entities
    head: int
    content_head: int  # nearest content-word ancestor (itself at the root)
    start: int
    is_stop: bool
    is_punct: bool
    like_num: bool
    negated: bool  # under a negation: its own ("did not say") or a head's ("no plans to order")
    modals: tuple[str, ...]  # modal auxiliaries attached to it ("may", "could")

    @property
    def is_content(self) -> bool:
        return self.pos in CONTENT_POS and not self.is_stop and not self.is_punct


@dataclass(frozen=True)
class ClaimText:
    """A parsed text: tokens, sentence token ranges, entity spans and normalized dates."""

    text: str
    tokens: tuple[ClaimToken, ...]
    sentences: tuple[tuple[int, int], ...]  # token index ranges, end exclusive
    entities: tuple[tuple[str, str], ...]  # (text, label)
    dates: tuple[tuple[str, str], ...]  # (text, TimeML value)


def claim_text(text: str, *, dct: datetime | None = None) -> ClaimText:
    """Parse ``text`` into claim features; dates are normalized against ``dct`` when given."""
    return _claims(parse(text), dct)


def claim_texts(texts: Iterable[str], *, dct: datetime | None = None) -> Iterator[ClaimText]:
    """The same for many texts, parsed in batches."""
    for doc in parse_many(texts):
        yield _claims(doc, dct)


def _claims(doc: Doc, dct: datetime | None) -> ClaimText:
    tokens = tuple(_token(t) for t in doc)
    sents = tuple((s.start, s.end) for s in doc.sents)
    ents = tuple((e.text, e.label_) for e in doc.ents)
    records = [
        Sentence(index=i, start=s.start_char, end=s.end_char, text=s.text, paragraph=0)
        for i, s in enumerate(doc.sents)
    ]
    dates = tuple((tx.text, tx.value) for tx in find_timexes(doc, dct, records))
    return ClaimText(text=doc.text, tokens=tokens, sentences=sents, entities=ents, dates=dates)


def _token(t: Token) -> ClaimToken:
    return ClaimToken(
        text=t.text,
        norm=t.lower_.strip(_QUOTE_STRIP),
        lemma=t.lemma_.lower().strip(_QUOTE_STRIP),
        pos=t.pos_,
        dep=t.dep_,
        ent=t.ent_type_,
        head=t.head.i,
        content_head=_content_head(t).i,
        start=t.idx,
        is_stop=t.is_stop,
        is_punct=t.is_punct or t.is_space,
        like_num=t.like_num,
        negated=_negated(t) or _in_negated_scope(t),
        modals=tuple(c.lower_ for c in t.children if c.dep_ == "aux" and c.lower_ in _HEDGES),
    )


def _content_head(t: Token) -> Token:
    head = t.head
    for _ in range(3):
        if head is head.head or (head.pos_ in CONTENT_POS and not head.is_stop):
            break
        head = head.head
    return head


def _negated(t: Token) -> bool:
    if t.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
        return False
    return any(c.dep_ == "neg" or c.lower_ in _NEG_WORDS for c in t.children)


def split_text(text: str) -> list[str]:
    """The sentences of a short text (a summary), as the shared parser cuts them."""
    return [s.text.strip() for s in parse(text).sents if s.text.strip()]


def _in_negated_scope(t: Token) -> bool:
    """A governing verb or noun is negated: "had no plans to order", "never allowed to move"."""
    cur = t
    for _ in range(3):
        if cur.dep_ not in _SCOPE_DEPS or cur.head is cur:
            return False
        cur = cur.head
        if _negated(cur):
            return True
    return False
