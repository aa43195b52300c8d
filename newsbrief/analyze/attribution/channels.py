"""Channels a statement comes through, found on the parse: a "citing Y" participle ("Kyodo
reported, citing a government official, that …") and a trailing "reports X" after an
inverted "said" ("“…,” said Kathrin Jansen, Pfizer’s head of research, reports The Wall Street
Journal"), where the parser hands the speaker to the channel's verb."""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

from newsbrief.analyze import cues as lex


def folded_citation(tok: Token) -> bool:
    """ "X reported, citing Y, that …": the participle is part of the reporting verb's chain."""
    reporting = tok.dep_ != "ROOT" and tok.head.lemma_.lower() in lex.CLAUSE
    return reporting and any(c.dep_ == "ccomp" for c in tok.children)


def citing_verb(tok: Token) -> Token | None:
    return next(
        (
            c
            for c in tok.children
            if c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_.lower() == "cite"
        ),
        None,
    )


class TrailingChannel(NamedTuple):
    said: Token
    channel: Token
    speaker: Token
    outlet: Token


def trailing_channel(verb: Token) -> TrailingChannel | None:
    """ "“…,” said Kathrin Jansen, Pfizer’s head of research, reports The Wall Street Journal":
    a trailing "reports X" takes the name after "said" for its own subject. The parser makes
    "said" a parataxis of "reports" or "reports" a clause of "said"; the name is the subject of
    "reports", the outlet its second subject or its object. ``verb`` is either verb; the name
    is the speaker of "said", the outlet the channel's."""
    doc = verb.doc
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i > verb.i:
        said, channel = verb, verb.head
    elif verb.dep_ == "ccomp" and verb.head.i < verb.i:
        said, channel = verb.head, verb
    else:  # ``verb`` heads the other one
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
        said_before = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("parataxis", "ccomp") and c.i < verb.i and c.lemma_.lower() == "say"
            ),
            None,
        )
        if clause is not None:
            said, channel = verb, clause
        elif said_before is not None:
            said, channel = said_before, verb
        else:
            return None
    if said.i == 0 or not doc[said.i - 1].is_punct or said.lemma_.lower() != "say":
        return None
    if channel.lemma_.lower() not in _TRAILING_CHANNELS:
        return None
    subjects = [c for c in channel.children if c.dep_ == "nsubj"]
    name = next((c for c in subjects if c.left_edge.i == said.i + 1), None)
    if name is None or not (name.pos_ == "PROPN" or name.ent_type_ in ("PERSON", "ORG")):
        return None
    # the outlet: a second subject or the object of "reports", after it
    after = (c for c in channel.children if c.dep_ in ("nsubj", "dobj") and c.i > channel.i)
    outlet = next(after, None)
    if outlet is None or not (outlet.pos_ == "PROPN" or outlet.ent_type_ == "ORG"):
        return None
    return TrailingChannel(said, channel, name, outlet)


_TRAILING_CHANNELS = frozenset({"report", "write"})


def is_trailing_channel(said: Token, clause: Token) -> bool:
    """Whether ``clause``, a complement of ``said``, is a trailing "reports X" (no content)."""
    trailing = trailing_channel(said)
    return trailing is not None and trailing.channel.i == clause.i
