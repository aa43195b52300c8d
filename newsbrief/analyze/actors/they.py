"""Who "they" may be when no actor stands for them: the subject a plural noun names.

"In 1993, radical Islamists bombed the World Trade Center. In 2000, they attacked the USS
Cole": "they" are the Islamists, whom no actor stands for, and not the building they bombed.
``Resolver.pronoun`` ranks its actors and asks here whether such a subject comes first; if one
does, the pronoun is left to no actor rather than given to the nearest body it may stand for.
People named by a plural noun ("radical Islamists", "hundreds of nurses") come before any actor
ranked after them; a plural noun for things ("talks collapsed") only before a body that was
acted on, not one that acted ("The union met …. Talks collapsed …. They said …": the union).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from spacy.tokens import Token

from newsbrief.analyze.actors import names

__all__ = ["left_to_no_one"]


class Resolver(Protocol):
    """What is read here of ``draft.Resolver`` (which imports this module)."""

    window: int

    def sentence_of(self, offset: int) -> int: ...
    def quoted(self, offset: int) -> bool: ...
    def holds(self, i: int) -> bool: ...
    def headed_alike(self, idx: int, noun: Token) -> bool: ...


Rank = tuple[int, int, int]
# plural nouns for people that head no group list ("men", "people"); with the group and role
# nouns, a nationality or other group the model tags ("radical Islamists") and a noun in
# "-ist" ("separatists", "terrorists")
_PEOPLE = frozenset(
    {
        *("man", "woman", "people", "person", "child", "citizen", "civilian", "resident"),
        *("soldier", "troop", "fighter", "rebel", "militant", "insurgent", "gunman", "attacker"),
        *("victim", "refugee", "migrant", "immigrant", "taxpayer", "consumer", "customer"),
        *("patient", "miner", "guard", "inmate", "prisoner", "hostage", "nurse", "teacher"),
    }
)
# nouns that count or gather people ("hundreds of nurses", "a crowd of protesters")
_AMOUNTS = frozenset({"hundred", "thousand", "dozen", "million", "group", "crowd", "number"})
_CLAUSES = frozenset({"ROOT", "conj"})  # a sentence's own clause, not one inside another


def left_to_no_one(res: Resolver, tok: Token, best: tuple[Rank, int]) -> bool:
    """Whether a plural pronoun ``tok`` stands for a subject no actor holds rather than for
    ``best``, the actor :meth:`Resolver._best_antecedent` ranked first (with its rank): a
    subject named by the same noun as one of that actor's mentions is that actor ("The leaders
    made … their" after "Leaders")."""
    rank, idx = best
    for subject_rank, noun, people in _plural_subjects(res, tok):
        if subject_rank > rank:
            return False
        if (people or rank[1] == 1) and not res.headed_alike(idx, noun):
            return True
    return False


def _plural_subjects(res: Resolver, tok: Token) -> Iterator[tuple[Rank, Token, bool]]:
    """The subjects of main clauses before ``tok``, within the pronouns' window, that a plural
    noun no actor holds names (or a "they" itself left to no one), nearest first: each with
    its rank (sentences back, 0 for a subject, the latest first) and whether it names people."""
    here = res.sentence_of(tok.idx)
    outside = not res.quoted(tok.idx)
    for prev in reversed(tok.doc[: tok.i]):
        distance = here - res.sentence_of(prev.idx)
        if distance > res.window:
            return
        if prev.dep_ not in ("nsubj", "nsubjpass") or (outside and res.quoted(prev.idx)):
            continue
        if not _main_clause(prev.head) or _own_subject(prev, tok):
            continue
        members = _members(prev)
        noun = members if members is not None else prev
        if noun.tag_ not in ("NNS", "NNPS") and prev.lower_ != "they":
            continue
        if any(res.holds(t.i) for t in tok.doc[prev.left_edge.i : noun.i + 1]):
            continue  # "Pentagon officials said": the Pentagon, an actor
        yield (distance, 0, -prev.i), noun, prev.lower_ == "they" or _people(noun)


def _main_clause(verb: Token) -> bool:
    """The verb of the sentence's own clause or one joined to it ("… bombed X and killed Y"),
    not of a clause inside ("when …", what someone said)."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ in _CLAUSES


def _own_subject(subject: Token, pronoun: Token) -> bool:
    """Whether ``subject`` is the subject of an object pronoun's own clause, or of the clause
    that governs one with no subject of its own ("parents sent a letter to the board, urging
    them to reconsider"): "them" is someone else, or it would be "themselves"."""
    if pronoun.dep_ not in ("dobj", "dative", "pobj") or pronoun.lower_ != "them":
        return False
    verb = pronoun.head if pronoun.dep_ != "pobj" else pronoun.head.head
    while (
        not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        and verb.dep_ in ("advcl", "xcomp", "conj")
        and verb.head.i != verb.i
    ):
        verb = verb.head
    return subject.head.i == verb.i


def _people(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    return (
        noun.ent_type_ == "NORP"
        or lemma in _PEOPLE
        or (lemma.endswith("ist") and len(lemma) > 5)
        or lemma in names.GROUP_HEADS
        or lemma in names.ROLE_NOUNS
        or noun.lower_ in names.FOLLOWERS
    )


def _members(noun: Token) -> Token | None:
    """The plural noun after "of" that a number or share is made of ("hundreds of nurses",
    "most of the miners"), else None."""
    if noun.pos_ not in ("NUM", "PRON", "DET", "ADJ") and noun.lemma_.lower() not in _AMOUNTS:
        return None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    member = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return member if member is not None and member.tag_ in ("NNS", "NNPS") else None
