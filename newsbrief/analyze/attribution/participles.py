"""The source of a participle cue the parser hung on a noun ("62 percent of voters saying …",
"a ruling by the court ordering …")."""

from __future__ import annotations

from spacy.tokens import Token

from newsbrief.analyze.attribution.spans import Range, subtree_range

__all__ = ["NO_SOURCE", "acl_source"]

# a range that stands for "nobody": the cue is kept, its speaker cannot be told
NO_SOURCE: Range = (0, 0)

# nouns for what a court or an authority decides: what follows is its order, not the appeal's
_RULINGS = frozenset(
    {"ruling", "decision", "order", "judgment", "judgement", "verdict", "opinion", "injunction"}
)
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def acl_source(noun: Token, verb: Token) -> Range | None:
    """The source of a participle cue hung on ``noun`` when the participle directly follows a
    ruling nested below that noun ("appeals by the party of a ruling by the state's top court
    ordering …"): the ruling's maker ("the state's top court"), or nobody (``NO_SOURCE``) when
    the ruling names none; likewise the agent of a nested "by" phrase. None when nothing is
    nested there: the noun phrase is the source as usual ("62 percent of voters saying …")."""
    start = verb.left_edge.i
    if start == 0 or start <= noun.i:
        return None
    path: list[Token] = []
    tok = verb.doc[start - 1]
    while tok.i != noun.i:
        if tok.head.i == tok.i or not noun.left_edge.i <= tok.i <= noun.right_edge.i:
            return None  # the word before the participle is not inside the noun's phrase
        path.append(tok)
        tok = tok.head
    for tok in path:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in _RULINGS:
            return _maker(tok) or NO_SOURCE
    preps = [t for t in path if t.dep_ == "prep"]
    if not preps or preps[0].head.i == noun.i or preps[0].lower_ != "by":
        return None  # "a statement by the senator saying …": the phrase as a whole
    agent = next((c for c in preps[0].children if c.dep_ == "pobj"), None)
    if agent is None or agent.ent_type_ not in _ACTOR_ENTS:
        return NO_SOURCE
    return subtree_range(agent)


def _maker(ruling: Token) -> Range | None:
    """ "a ruling by the court", "the court's ruling": who made it."""
    for child in ruling.children:
        if child.dep_ == "poss" and child.i < ruling.i:
            return child.left_edge.i, child.i + 1  # without the "'s"
        if child.dep_ == "prep" and child.lower_ == "by":
            agent = next((c for c in child.children if c.dep_ == "pobj"), None)
            return subtree_range(agent) if agent is not None else None
    return None
