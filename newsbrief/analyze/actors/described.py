"""Speakers known by a description that names someone else too: who is meant.

- "a former DNC chairman", "a former Obama administration official": someone who no longer
  holds the post speaks for themself, not for the body or the person named in it;
- "a member of the House Intelligence Committee": one member, not the committee;
- "the Trump administration", "a Lindqvist administration official": a body named after the
  person who leads it (``leader``) is an organization of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsbrief.analyze.actors import names

if TYPE_CHECKING:
    from newsbrief.analyze.actors.draft import Resolver

NAMED = ("ORG", "PERSON", "GPE", "NORP")
LED_BODIES = frozenset(["administration", "campaign", "government", "team", "camp", "presidency"])


def speaker(res: Resolver, tok: Token, *, speaking: bool) -> bool:
    """Resolve a noun that is such a description (``speaking``: the subject of a cue), and
    say whether it was one."""
    lemma = tok.lemma_.lower()
    lead = leader(tok, res.knows_surname) if lemma in LED_BODIES else None
    if lead is not None:
        span = tok.doc[min(lead.i, tok.left_edge.i) : tok.i + 1]
        res.led_body(span, f"{lead.text} {tok.text.lower()}")
        return True
    if not speaking:
        return False
    before = tok.doc[tok.left_edge.i : tok.i]
    if lemma in names.ROLE_NOUNS and former(tok) and any(t.ent_type_ in NAMED for t in before):
        res.former_official(tok)  # "A former DNC chairman says": not the DNC
        return True
    body = member_of(tok)
    if body is not None:  # "A member of the House Intelligence Committee said": not the committee
        res.former_official(tok, tok.doc[tok.left_edge.i : body.right_edge.i + 1])
        return True
    return False


def member_of(tok: Token) -> Token | None:
    """The named body "a member of" it is of ("a member of the House Intelligence
    Committee"): one member speaks for themself."""
    if tok.lemma_.lower() != "member" or tok.tag_ != "NN":
        return None
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    body = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if body is None or body.right_edge.i - tok.left_edge.i > 10:
        return None
    named = any(t.ent_type_ in NAMED for t in body.subtree)
    return body if named else None


def leader(tok: Token, knows_surname: Callable[[str], bool]) -> Token | None:
    """The person a body is named after, right before it ("the Trump administration"): a
    modifier of the body word, or (as the parser may attach it) of the noun the body word
    modifies ("a Lindqvist administration official"), or its owner ("Clinton's campaign");
    a person's name, or a surname seen before whatever the model tags it here."""
    if tok.i == 0:
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if owner is not None:  # "Donald Trump's presidential campaign"
        return owner if owner.ent_type_ == "PERSON" or knows_surname(owner.text) else None
    prev = tok.doc[tok.i - 1]
    if prev.dep_ not in ("compound", "amod") or prev.head.i not in (tok.i, tok.head.i):
        return None
    person = prev.ent_type_ == "PERSON" or (prev.pos_ == "PROPN" and knows_surname(prev.text))
    return prev if person else None


def former(tok: Token) -> bool:
    """ "a former DNC chairman", "an ex-FBI agent": someone who no longer holds the post."""
    return names.once_held(tok.doc[tok.left_edge.i : tok.i])
