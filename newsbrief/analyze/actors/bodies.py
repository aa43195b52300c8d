"""Public bodies the model named in part or not at all: the body speaks, not the place.

- ``office``: "the U.S. Attorney’s Office for the Western District …", a body named by
  capitalized words the model left untagged (or tagged as a place alone);
- ``placed``: "the U.S. embassy in Afghanistan", "the Kenyan health ministry", "Russia's
  foreign ministry", "the European Union's top court": a public body's common noun that a
  place (or an organization, as possessor) modifies. The place only says
  whose body it is; the body is an organization of its own, named by its noun phrase, so that
  it neither speaks as the country ("U.S.") nor goes to an unnamed group or to another ministry
  named before ("the defence ministry");
- ``of_chamber``: "A House panel voted …", "the Senate committee said": a committee an
  organization's name modifies speaks as itself, not as the House or the Senate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from newsbrief.analyze.actors import names

if TYPE_CHECKING:
    from newsbrief.analyze.actors.draft import Resolver

# public bodies a place's name or demonym may modify (a plural is several bodies, no one body)
_BODIES = frozenset(
    {"embassy", "consulate", "mission", "delegation", "ministry", "government", "agency",
     "department", "court", "police", "military", "army", "navy", "parliament", "legislature",
     "cabinet", "regime"}
)  # fmt: skip
# bodies known by where they sit as well ("the U.S. embassy in Kabul", "mission to the U.N.")
_POSTS = frozenset({"embassy", "consulate", "mission", "delegation"})
_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss"})
_INSIDE = frozenset({"amod", "compound", "nmod"})  # a word of a longer noun phrase


def placed(res: Resolver, tok: Token) -> bool:
    """Resolve ``tok`` as the head of such a body ("embassy" of "The U.S. embassy in
    Afghanistan"), and say whether it was one. Only the head of its own noun phrase: "Kenyan
    police officers" are officers (but "the Iraqi government's spokesman" speaks for it)."""
    if tok.ent_type_ or tok.lemma_.lower() not in _BODIES or tok.dep_ in _INSIDE:
        return False
    if tok.tag_ not in ("NN", "NNP") and tok.lower_ != "police":
        return False
    place = next((c for c in tok.lefts if c.dep_ in _MODIFIERS and is_place(c)), None)
    if place is None:  # "the European Union's top court", "Google's legal department"
        place = next((c for c in tok.lefts if c.dep_ == "poss" and c.ent_type_ == "ORG"), None)
    if place is None:
        return False
    doc = tok.doc
    first = place.left_edge.i
    if doc[first].lower_ == "the":
        first += 1
    body = names.clean_name(doc[first : tok.i + 1].text)
    where = _post(tok) if tok.lemma_.lower() in _POSTS else None
    end = where.i + 1 if where is not None else tok.i + 1
    name = names.clean_name(doc[first:end].text)
    res.named(doc[tok.left_edge.i : end], name, "organization", alias=body if where else None)
    return True


def is_place(tok: Token) -> bool:
    """A country, city or state ("U.S.", "Tulsa", "Russia's"), or a country's demonym
    ("Kenyan", "South Korean"); not a party ("Republican")."""
    if tok.ent_type_ == "GPE":
        return True
    words = tok.doc[tok.left_edge.i : tok.i + 1].text
    return tok.ent_type_ == "NORP" and bool(names.country_of(words) or names.country_of(tok.text))


def _post(tok: Token) -> Token | None:
    """Where a diplomatic post sits, or whom it is sent to: the "Afghanistan" of "the U.S.
    embassy in Afghanistan", the "United Nations" of "the Norwegian mission to the United
    Nations" (the name ends there, before a clause that may hang on it: "…, which …")."""
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "to", "at"):
            where = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if where is not None and where.ent_type_ in ("GPE", "ORG"):
                return where
    return None


def office(res: Resolver, tok: Token) -> bool:
    """ "the U.S. Attorney’s Office for the Western District …": a body named by capitalized
    words the model left untagged (or tagged as a place alone) is an organization."""
    if tok.doc[tok.left_edge.i].lower_ != "the":
        return False
    name = _office_name(tok)
    if name is None:
        return False
    res.named(name, names.clean_name(name.text), "organization")
    return True


def _office_name(tok: Token) -> Span | None:
    """ "the U.S. Attorney’s Office": a capitalized body word after capitalized words the model
    left untagged (or tagged as a place) is a body's proper name, from the first of them."""
    if not tok.is_title or tok.ent_type_ in ("ORG", "PERSON"):
        return None
    doc = tok.doc
    i = tok.i
    while i - 1 > tok.left_edge.i and (
        doc[i - 1].text[:1].isupper() or doc[i - 1].text in ("'s", "’s")
    ):
        i -= 1
    if doc[i].text in ("'s", "’s") or i == tok.i or i - 1 != tok.left_edge.i:
        return None  # only "the" before the name, and a name of more than the body word
    return doc[i : tok.i + 1]


# what a chamber or a body sets up: a committee speaks for itself
_PANELS = frozenset({"panel", "committee", "subcommittee", "commission"})


def of_chamber(res: Resolver, tok: Token) -> bool:
    """Resolve ``tok`` as the head of a committee an organization's name modifies ("panel" of
    "A House panel voted"), and say whether it was one."""
    if tok.ent_type_ or tok.lemma_.lower() not in _PANELS or tok.dep_ in _INSIDE:
        return False
    if tok.tag_ != "NN":
        return False
    org = next((c for c in tok.lefts if c.dep_ in _INSIDE and c.ent_type_ == "ORG"), None)
    if org is None:
        return False
    doc = tok.doc
    span = doc[org.left_edge.i : tok.i + 1]
    res.named(span, names.clean_name(span.text), "organization")
    return True
