"""Speakers named by a plural role noun: "The analysts said", "Most of the senators said"."""

from __future__ import annotations

from spacy.tokens import Token

from newsbrief.analyze.actors import names
from newsbrief.analyze.actors.draft import Resolver

__all__ = ["plural_role", "plural_speakers"]


def plural_speakers(res: Resolver, tok: Token) -> None:
    """ "The analysts said …", "Two of the senators said …": a plural role noun as a speaker.
    The group a mention headed by the same noun stands for ("the officials" after "Pentagon
    officials said"), else a group named after the noun ("Analysts", "Senators"), not one
    person who holds the role."""
    if res.earlier_plural(tok):
        return
    res.group(tok)


def plural_role(tok: Token) -> bool:
    return tok.tag_ == "NNS" and tok.lemma_.lower() in names.ROLE_NOUNS
