"""A role noun a place modifies names a person, never the place: "the Vermont senator".

"the Vermont senator", "the French president", "the Texas Republican", "the Illinois Democrat":
the place (or nationality) only says where the person is from or serves; the description
names one person. Without this the place was the speaker ("Vermont acknowledged …"): the "the
senator" rule (``Resolver.role_mention``) leaves a role noun a place modifies alone, and the
fallback to the one person who has acted wants no one else to have acted.

Who is meant, when the article lets us know:

1. the person holding that role, from that place or from no known other one: the latest one
   known to be from there ("Sen. Amy Lee (D-Vt.)" for "the Vermont senator", not "Sen. Bo Park
   (R-Ohio)" named since), else the latest; for a party's member, one of that party known to
   be from that place;
2. else, for a subject, the last person who acted in the same sentence ("As far as whether Lee
   still senses anger …, the Vermont senator acknowledged …"), or who is the subject of the
   sentence before ("Lee spoke on Monday. The Vermont senator said …"), if they may be the one
   described: not one known to hold another office ("Gov. Ann Ross" is not "the Vermont
   senator"), nor from another place or party, nor of the other gender ("the Ohio
   congresswoman"), nor an official known only by another description; not one whose verb
   governs the description ("Lee said the Vermont senator was wrong"), nor a subject inside
   what another says. The person named last, whatever their part, is not enough ("… hours
   after Lee posted tweets shaming Ann Ross. The Indiana governor said": neither of them);
3. else the one person who has acted so far, if they may be;
4. else a speaker is known by the description itself ("Vermont senator"): a wrong actor is
   worse than none named. Anything else is left to the rules for other nouns.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsbrief.analyze.actors import names
from newsbrief.analyze.actors.bodies import is_place
from newsbrief.analyze.cues import is_cue_lemma

if TYPE_CHECKING:
    from newsbrief.analyze.actors.draft import Draft, Resolver

# a party's members, as a place may modify them ("the Texas Republican")
_MEMBERS = frozenset({"republican", "democrat"})
# the first letters of each party's words ("Democratic", "Democrat"; "Republican", "GOP")
_PARTIES = {"democr": ("democr",), "republ": ("republ", "gop")}
# roles held besides an office: "the Democratic nominee" may be "the Vermont senator" too
_BESIDES = frozenset(
    {"candidate", "nominee", "leader", "member", "lawmaker", "founder", "cofounder",
     "co-founder", "activist", "campaigner", "organizer", "organiser", "head", "chief",
     "official", "expert", "analyst", "president-elect", "deputy"}
)  # fmt: skip
# one office, written in several ways
_OFFICE = {"congressman": "representative", "congresswoman": "representative", "ceo": "executive"}
# a state as a party tag writes it ("Vt.", "Calif.", "N.Y.")
_STATE_TAG = re.compile(r"^(?:[A-Z][a-z]{0,5}\.|(?:[A-Z]\.){2})$")


def person(res: Resolver, tok: Token) -> bool:
    """Resolve ``tok`` as the head of such a description ("senator" of "the Vermont
    senator"), and say whether it was resolved."""
    lemma = tok.lemma_.lower()
    office = _office(lemma) if lemma in names.ROLE_NOUNS else None
    if tok.tag_ not in ("NN", "NNP") or (office is None and lemma not in _MEMBERS):
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return False
    before = tok.doc[tok.left_edge.i : tok.i]
    places = [_phrase(c) for c in tok.lefts if c.dep_ in ("compound", "amod") and is_place(c)]
    if (
        not places
        or names.once_held(before)
        or any(t.ent_type_ in ("PERSON", "ORG") for t in before)
    ):
        return False  # "the former Vermont governor", "the Clinton campaign's Ohio director"
    parties = {
        p for t in (*before, tok) if t.ent_type_ == "NORP" and (p := _party(t.text)) is not None
    }
    want = _Wanted(res, office, places, parties, _gender(lemma))
    seen = res.people_seen(tok)
    holders = [d for d, *_ in seen if want.holder(res.drafts[d])]
    if holders:  # one known to be from there first ("Sen. Amy Lee (D-Vt.)")
        here = [d for d in holders if want.from_there(res.drafts[d])]
        res.known_as((here or holders)[0], tok)
        return True
    if tok.dep_ not in ("nsubj", "nsubjpass") or res.quoted(tok.idx):
        return False
    governing = {a.i for a in tok.ancestors}
    recent = (
        d
        for d, back, subject, token in seen
        if subject
        and (back == 0 or (back == 1 and _main_subject(tok.doc[token])))
        and tok.doc[token].head.i not in governing
        and not _in_others_words(tok.doc[token])
    )
    found = next((d for d in recent if want.fits(res.drafts[d])), None)
    acted = {d for d, _, subject, _ in seen if subject}
    if found is None and len(acted) == 1 and want.fits(res.drafts[next(iter(acted))]):
        found = next(iter(acted))
    if found is not None:
        res.known_as(found, tok)
        return True
    return is_cue_lemma(tok.head.lemma_.lower()) and res.described_person(tok)


class _Wanted:
    """What the description says of the person it names."""

    def __init__(
        self,
        res: Resolver,
        office: str | None,
        places: list[str],
        parties: set[str],
        gender: str | None,
    ) -> None:
        self.place_words = res.place_words
        self.office = office
        self.places = places
        self.parties = parties
        self.gender = gender

    def holder(self, draft: Draft) -> bool:
        """Holds the role: the office ("senator"), or for a party's member that party and a
        place of theirs that is this one."""
        if not draft.role or not self._may_be(draft):
            return False
        if self.office is not None:
            return self.office in {_office(w) for w in _words(draft.role)}
        said = f"{draft.affiliation or ''} {draft.role}".lower()
        return _shows(said, self.parties) and self.from_there(draft)

    def from_there(self, draft: Draft) -> bool:
        """A place of theirs is the description's."""
        theirs = self._their_places(draft)
        return any(_same_place(p, t) for p in self.places for t in theirs)

    def fits(self, draft: Draft) -> bool:
        """May be the person described: no other office, place, party or gender known."""
        if draft.name.lower() == draft.role_key:
            return False  # an official known only by another description ("Indiana governor")
        held = _offices(draft.role or "") - _BESIDES
        if self.office is not None and self.office not in _BESIDES and held - {self.office}:
            return False
        return self._may_be(draft)

    def _may_be(self, draft: Draft) -> bool:
        if self.gender and draft.gender not in (None, self.gender) and not draft.gender_guessed:
            return False
        said = f"{draft.affiliation or ''} {draft.role or ''}".lower()
        other = {p for p in _PARTIES if p not in self.parties}
        if self.parties and _shows(said, other) and not _shows(said, self.parties):
            return False
        return not self._their_places(draft) or self.from_there(draft)

    def _their_places(self, draft: Draft) -> list[str]:
        """The places an actor's affiliation and role name ("Democrat, Vt.": a party tag's
        state, "Indiana governor")."""
        parts = [p.strip() for p in (draft.affiliation or "").split(",") if p.strip()]
        tagged = len(parts) == 2 and parts[0] in names.PARTIES.values()
        found = [p for i, p in enumerate(parts) if (tagged and i == 1) or self._is_place(p)]
        words = [w for w in (draft.role or "").split() if w[:1].isupper()]
        run = " ".join(w for w in words if w.lower().strip(".,") in self.place_words)
        return found + ([run] if run else [])

    def _is_place(self, text: str) -> bool:
        words = text.lower().split()
        return bool(
            _STATE_TAG.match(text)
            or names.country_of(text)
            or (words and all(w in self.place_words for w in words))
        )


def _main_subject(tok: Token) -> bool:
    """The subject of its sentence's main verb."""
    return tok.head.i == tok.sent.root.i and tok.dep_ in ("nsubj", "nsubjpass")


def _in_others_words(subject: Token) -> bool:
    """A subject inside what another is said to say ("Lee said Ross was wrong, but the Vermont
    senator …": not Ross); not in a question put to the one described ("Asked whether Lee
    still hears anger, the Vermont senator …")."""
    verb = subject.head
    while verb.dep_ in ("conj", "ccomp", "xcomp") and verb.head.i != verb.i:
        if verb.dep_ == "ccomp" and is_cue_lemma(verb.head.lemma_.lower()):
            return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.head.children)
        verb = verb.head
    return False


def _phrase(tok: Token) -> str:
    """The whole place a modifier names ("South Carolina"), as a country for a nationality
    ("French": France)."""
    text = tok.doc[tok.left_edge.i : tok.i + 1].text
    if text.lower().startswith("the "):
        text = text[4:]
    return names.country_of(text) or names.country_of(tok.text) or text


def _party(word: str) -> str | None:
    low = word.lower()
    return next((p for p, forms in _PARTIES.items() if low.startswith(forms)), None)


def _shows(text: str, parties: set[str] | frozenset[str]) -> bool:
    return any(form in text for p in parties for form in _PARTIES[p])


def _office(word: str) -> str:
    word = names.ABBREVIATED_ROLES.get(word.rstrip("."), word)
    return _OFFICE.get(word, word)


def _words(role: str) -> list[str]:
    return [w.strip(",.").lower() for w in role.split()]


def _offices(role: str) -> set[str]:
    return {_office(w) for w in _words(role) if w in names.ROLE_NOUNS or w in _OFFICE}


def _gender(lemma: str) -> str | None:
    return "m" if lemma in names.MALE_WORDS else "f" if lemma in names.FEMALE_WORDS else None


def _same_place(a: str, b: str) -> bool:
    """ "Vermont" and "Vt.", "Illinois" and "Ill.", "New York" and "N.Y.", "United States" and
    "U.S.": one place (not "South Carolina" and "South Dakota")."""
    x, y = a.lower().strip(". "), b.lower().strip(". ")
    if x == y or x.startswith(y) or y.startswith(x):
        return True
    long, short = (a, b) if len(a) >= len(b) else (b, a)
    if "." not in short and not short.isupper():
        return False  # two names, not a name and its short form ("Texas", "Tennessee")
    letters = re.sub(r"[^a-z]", "", short.lower())
    long = long.lower()
    initials = "".join(w[0] for w in long.split())
    return bool(letters) and (letters == initials or _abbreviates(letters, long.replace(" ", "")))


def _abbreviates(short: str, long: str) -> bool:
    """ "vt" of "vermont", "calif" of "california": the first letter, then the others in
    order."""
    if not short or short[0] != long[0]:
        return False
    rest = iter(long[1:])
    return all(ch in rest for ch in short[1:])
