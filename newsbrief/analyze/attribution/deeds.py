"""Verbs of saying used for a deed: "they attacked the USS Cole, killing 17 sailors" (an
assault, not a verbal attack), "bin Laden declared war on the United States" (an act of war,
not a claim). The cue lexicon lists "attack" and "declare" for "Trump attacked the plan" and
"declared that the crisis was over"; these tell the other sense by what the verb is done to
and with, so no position is read out of an assault or a war.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["deed"]

# "attack" in its verbal sense takes a person, a body or an idea; these senses are blows
_ASSAULTS = frozenset({"attack", "assail", "blast"})
# what is attacked by force: places, buildings, vehicles, forces in the field
_TARGETS = frozenset(
    {
        *("base", "station", "post", "outpost", "checkpoint", "camp", "barracks", "garrison"),
        *("convoy", "patrol", "ship", "vessel", "tanker", "warship", "destroyer", "boat"),
        *("plane", "aircraft", "helicopter", "train", "bus", "truck", "car", "vehicle"),
        *("building", "embassy", "consulate", "compound", "headquarters", "facility", "plant"),
        *("village", "town", "city", "capital", "district", "neighborhood", "neighbourhood"),
        *("market", "mosque", "church", "synagogue", "temple", "school", "hospital", "hotel"),
        *("airport", "port", "harbor", "harbour", "bridge", "pipeline", "refinery", "prison"),
        *("troops", "soldiers", "forces", "positions", "civilians", "worshippers", "police"),
    }
)
# the weapons an attack is made "with"
_WEAPONS = frozenset(
    {
        *("bomb", "bombs", "rocket", "rockets", "missile", "missiles", "drone", "drones"),
        *("gun", "guns", "rifle", "rifles", "knife", "knives", "grenade", "grenades"),
        *("explosive", "explosives", "artillery", "mortar", "mortars", "shell", "shells"),
        *("machete", "machetes", "tear", "gunfire", "airstrike", "airstrikes"),
    }
)
# "…, killing 17 sailors": the harm a participle after the attack tells
_HARMS = frozenset({"kill", "wound", "injure", "leave", "destroy", "damage", "burn"})
# "declared war": acts done by declaring, with nothing claimed
_DECLARED_ACTS = frozenset(
    {"war", "emergency", "martial", "bankruptcy", "curfew", "disaster", "independence"}
)
# object entities that are things and places, never the target of words
_THING_ENTITIES = frozenset({"FAC", "PRODUCT", "LOC"})


def deed(tok: Token) -> bool:
    """Whether the verb ``tok`` reports a deed rather than words (see the module doc)."""
    lemma = tok.lemma_.lower()
    if lemma == "declare":
        return any(_declared_act(c) for c in tok.children if c.dep_ == "dobj")
    if lemma not in _ASSAULTS:
        return False
    for child in tok.children:
        if child.dep_ == "dobj" and (
            child.lemma_.lower() in _TARGETS
            or child.lower_ in _TARGETS
            or child.ent_type_ in _THING_ENTITIES
        ):
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ == "with"
            and any(o.lower_ in _WEAPONS for o in child.children if o.dep_ == "pobj")
        ):
            return True
        if (
            child.dep_ in ("advcl", "xcomp", "conj")
            and child.tag_ == "VBG"
            and child.lemma_.lower() in _HARMS
        ):
            return True
    return False


def _declared_act(obj: Token) -> bool:
    """ "war", "martial law", "a state of emergency", "bankruptcy"."""
    if obj.lemma_.lower() in _DECLARED_ACTS or obj.lower_ in _DECLARED_ACTS:
        return True
    if any(c.lower_ == "martial" for c in obj.children):
        return True
    if obj.lemma_.lower() == "state":
        return any(
            p.lower_ == "of" and any(o.lower_ in _DECLARED_ACTS for o in p.children)
            for p in obj.children
        )
    return False
