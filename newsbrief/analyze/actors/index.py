"""The article's actor index: from a character span (a speaker's words, a target) to the actor
mentioned there, ranking the mentions inside it (persons before outlets, organizations, places
and groups; a place that only describes a person, or a possessor, is not the one meant)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from newsbrief.analyze.actors.names import BODIES_OF, FOLLOWERS, ROLE_NOUNS
from newsbrief.models import Actor, ActorKind

_RANK: dict[ActorKind, int] = {"person": 0, "media": 1, "organization": 2, "country": 3, "group": 4}
_MAX_MENTION = 300
_POSSESSIVE = ("'s", "’s")
_OWNERS = frozenset({"his", "her", "its", "their", "my", "our", "your"})  # possessive pronouns
KIN = frozenset(
    {"son", "sons", "daughter", "daughters", "wife", "husband", "brother", "brothers", "sister",
     "sisters", "mother", "father", "parents", "children", "kids", "child", "grandson",
     "granddaughter", "niece", "nephew", "cousin"}
)  # fmt: skip
_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|across|out\s+of)\s+(?:the\s+)?$", re.I)
# a place after a located place and a comma: "in Kabul, Afghanistan"
_IN_PLACE_COMMA = re.compile(
    r"\b(?:in|at|near|outside)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},\s*$"
)
_AND_BEFORE = re.compile(r",?\s+(?:and|or)\s+(?:the\s+)?$")
_WORDS = re.compile(r"[A-Za-z][A-Za-z-]*")
_MEMBER_OF = re.compile(r"\bmember\s+of\s+(?:the\s+)?$", re.I)
# what a speaker knows about: "Experts on North Korea … said" (the experts speak, not the
# country they study)
# an event the speaker's words name by its organizer or host ("The CNN/New York Times debate on
# Tuesday night revealed …"): an event says nothing, and its host did not say it either
_EVENT_AFTER = re.compile(
    r"[\w\s/&.'’-]{0,40}?\b(?:debates?|hearings?|summits?|meetings?|conferences?|trials?|"
    r"elections?|votes?|races?|rallies|rally|ceremony|ceremonies|match|matches|games?|"
    r"tournaments?|festivals?|concerts?)\b(?:\s+(?:on|in|at|of|last|this)\b[\w\s,.'’-]{0,40})?\W*$",
    re.I,
)
_CLOSE_TO = re.compile(r"\bclose\s+to\s+$", re.I)
# what the speaker knows, cites or speaks of, inside the speaker's words
_WHAT_ABOUT = re.compile(
    r"\b(?:familiar\s+with|regarding|concerning|citing|about)\b[^,;—–]*$", re.I
)
_RELATIVE_WORDS = frozenset({"who", "whom", "whose", "which", "that"})
# a relative clause the mention sits in, no comma closing it before the mention
_IN_RELATIVE = re.compile(r"\b(?:" + "|".join(_RELATIVE_WORDS) + r")\b[^,;—–]*$", re.I)
# where an envoy is posted: "China's ambassador to Britain accused the UK …" is China's envoy
_POSTED_TO = re.compile(
    r"\b(?:ambassadors?|envoys?|emissar(?:y|ies)|consuls?|representatives?|delegates?)\s+"
    r"(?:to|in)\s+(?:the\s+)?$",
    re.I,
)
# a person's own people ("Advisers to Mr. Obama say …"): they speak, not the one they serve
# (a spokesman or a lawyer "to" someone does speak for them: see REPRESENTATIVES)
_SERVING = re.compile(
    r"\b(?i:aides?|advis[eo]rs?|allies|ally|associates?|friends?|confidants?|loyalists?)\s+"
    r"(?i:to)\s+(?:the\s+)?(?:[A-Z][a-z]*\.?\s+){0,2}$"  # "to Mr. ", "to Vice President "
)
_TOPIC_OF = re.compile(
    r"\b(?:experts?|specialists?|analysts?|scholars?|observers?|watchers?|researchers?|"
    r"commentators?|historians?|authorities)\s+(?:on|about)\s+(?:the\s+)?$",
    re.I,
)
# "his predecessor, Fiona Hill": a role in lower case, then a comma, names the one after it
_APPOSED = re.compile(r"\s+(?:[a-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*,\s*$")
_COORDINATED = re.compile(r"[,;&(/]|\b(?:and|or|with|nor)\b", re.I)
# what a possessor does not speak through: a person in a role of theirs
_HELD_ROLES = frozenset(
    {"president", "vice-president", "spokesman", "spokeswoman", "spokesperson", "lawyer",
     "lawyers", "attorney", "attorneys", "adviser", "advisers", "advisor", "aide", "aides",
     "son", "daughter", "wife", "husband", "brother", "sister", "mother", "father", "deputy",
     "secretary", "press", "chief", "envoy", "running"}
)  # fmt: skip
# who speaks for the possessor, unnamed ("Trump's lawyer said"): the possessor's words, as
# "his lawyer said" are
REPRESENTATIVES = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "lawyer", "lawyers", "attorney", "attorneys"}
)
# papers a named person owns, which speak for themselves ("bin Laden documents")
_PAPERS = frozenset(
    {"documents", "document", "records", "papers", "files", "memo", "memos", "letters",
     "emails", "diaries", "diary", "notes"}
)  # fmt: skip
_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Capt|Rev)\.?\s+")
# people a place describes but does not speak for ("the New York businessman", "a resident of
# Ohio"); an official of a place ("the Indiana governor") may stand for it
_PERSON_NOUNS = frozenset(
    {"businessman", "businesswoman", "man", "woman", "voter", "voters", "resident", "residents",
     "native", "developer", "mogul", "billionaire", "veteran", "student", "father", "mother",
     "farmer", "worker", "workers", "entrepreneur", "investor", "lawyer", "doctor", "teacher",
     "operative", "operatives", "strategist", "strategists", "consultant", "donor", "donors",
     "pollster", "fan", "fans", "mom", "dad", "judge", "judges", "juror", "jurors",
     # nor the parts of a place ("a third of U.S. states reported …")
     "states", "cities", "counties", "provinces", "regions", "towns", "districts"}
)  # fmt: skip

# what "the" and a place may describe a person by ("the Vermont senator", "the Texas Republican")
_TITLED = ROLE_NOUNS | {"republican", "democrat"}

_PARTY_NAMES = frozenset(
    {"gop", "republican", "republicans", "democratic", "democrats", "republican party",
     "democratic party", "labour", "tory", "tories", "conservatives", "liberal democrats"}
)  # fmt: skip
# a party's people, who speak for themselves when the party only describes them
_PARTY_PEOPLE = frozenset(
    {"nominee", "candidate", "hopeful", "challenger", "incumbent", "senator", "congressman",
     "congresswoman", "lawmaker", "lawmakers", "governor", "mayor", "leader", "chairman"}
)  # fmt: skip


@dataclass(frozen=True)
class ActorIndex:
    """The article's actors and a lookup from a character span to the actor mentioned there."""

    actors: tuple[Actor, ...] = ()
    _by_span: dict[tuple[int, int], str] = field(default_factory=dict)
    _starts: list[tuple[int, int, str]] = field(default_factory=list)
    _text: str = ""

    def __post_init__(self) -> None:
        if self._by_span and not self._starts:
            self._starts.extend(sorted((s, e, a) for (s, e), a in self._by_span.items()))

    def actor_at(self, start: int, end: int) -> str | None:
        """The id of the actor mentioned by the text span [start, end), if any: an exact mention
        first, then the highest-ranked mention inside it (person > outlet > organization >
        country > group), then any overlapping mention."""
        hit = self._by_span.get((start, end))
        if hit:
            return hit
        lo = bisect.bisect_left(self._starts, (start - _MAX_MENTION, -1, ""))
        best: tuple[tuple[int, int, int, int], str] | None = None
        for s, e, actor_id in self._starts[lo:]:
            if s >= end:
                break
            if e <= start:
                continue
            inside = 0 if start <= s and e <= end else 1
            if inside == 0 and s > start and self._located(start, s):
                continue  # "the Argus Leader in Sioux Falls": the place is not the speaker
            if inside == 0 and self._place_as_modifier(actor_id, start, s, e, end):
                continue  # "the New York businessman", "the governor of South Dakota"
            # "Bressen's Foreign Minister Ahmed Karimi": the possessor is not the speaker
            # (the parser's mention may hold the "'s" itself: "Hillary Clinton’s")
            around = (self._text[e : e + 2], self._text[e - 2 : e])
            owns = any(p in _POSSESSIVE for p in around) or self._kin_of(s, e, end)
            owner = 1 if e < end and owns else 0  # "Trump's …", "Her daughter"
            if e < end and self._rank(actor_id) == 0 and self._belongs(e, end, owner):
                continue  # "Donald Trump's vice president", "Osama bin Laden documents"
            if e < end and self._has_them(actor_id, s, e, end, owns):
                continue  # "Many of his supporters", "Trump's critics", "his campaign"
            if inside == 0 and e < end and self._names_another(actor_id, e, end):
                continue  # "Clinton campaign spokesman Brian Fallon": Fallon speaks
            if inside == 0 and _MEMBER_OF.search(self._text, max(start, s - 16), s):
                continue  # "Member of House panel says": one member, not the House
            if inside == 0 and _CLOSE_TO.search(self._text, max(start, s - 24), s):
                continue  # "Those close to him say": others, who know him
            if inside == 0 and _WHAT_ABOUT.search(self._text, start, s):
                continue  # "an official familiar with it", "a professor citing … the agency"
            if inside == 0 and s > start and self._text[s:e].lower() in _RELATIVE_WORDS:
                continue  # "Lawyers for Epstein's victims who are suing": the victims, not he
            if inside == 0 and _IN_RELATIVE.search(self._text, start, s):
                continue  # "The group that owns most of her music, Big Machine": not her
            if inside == 0 and _POSTED_TO.search(self._text, max(start, s - 30), s):
                continue  # "China's ambassador to Britain": the country posted to is not he
            if inside == 0 and _SERVING.search(self._text, max(start, s - 30), s):
                continue  # "Advisers to Mr. Obama say": his advisers, not he
            if inside == 0 and _TOPIC_OF.search(self._text, max(start, s - 24), s):
                continue  # "Experts on North Korea said": the experts
            if inside == 0 and e < end and _EVENT_AFTER.match(self._text, e, end):
                continue  # "The CNN/New York Times debate revealed": no one of the two said it
            if inside == 0 and self._nested(actor_id, s, e, start, end):
                continue  # "an Obama administration official": the administration's
            key = (inside, owner, self._rank(actor_id), s)
            if best is None or key < best[0]:
                best = (key, actor_id)
        return best[1] if best else self._by_surname(start, end)

    def _kin_of(self, s: int, e: int, end: int) -> bool:
        """ "Her daughter likes …": a possessive pronoun before one of the family, who is
        someone else (a spokesman or a lawyer, who speak for them, are not)."""
        if self._text[s:e].lower() not in _OWNERS:
            return False
        words = _WORDS.findall(self._text, e, min(end, e + 40))[:1]
        return bool(words) and words[0].lower() in KIN

    def _has_them(self, actor_id: str, s: int, e: int, end: int, owns: bool) -> bool:
        """The actor mentioned at [s, e) only has the people who speak: a possessive pronoun or
        name before its followers or critics ("Many of his supporters believe …": not his
        belief), or before a person's family, staff or campaign ("Michael Jackson's three
        brothers have defended …"), people of their own; "his lawyer" or
        "his spokesman" still speak for him, and a country's or company's people for it."""
        if not owns and self._text[s:e].lower() not in _OWNERS:
            return False
        words = [w.lower() for w in _WORDS.findall(self._text, e, min(end, e + 40))[:4]]
        words = [w for w in words if w != "s"][:3]
        people = FOLLOWERS | BODIES_OF | KIN if self._rank(actor_id) == 0 else FOLLOWERS
        return any(w in people for w in words)

    def _belongs(self, e: int, end: int, owner: int) -> bool:
        """The person mentioned ending at ``e`` only owns who or what speaks: someone in a role
        of theirs ("Donald Trump's vice president posted …"; a country's or a company's officials
        do speak for it) or their papers ("according to … internal Osama bin Laden documents")."""
        words = _WORDS.findall(self._text, e, min(end, e + 40))[:3]
        if owner:
            words = [w for w in words if w.lower() not in ("s", "top", "former", "vice", "own")]
            if words and words[0].lower() in REPRESENTATIVES and not self._later_person(e, end):
                return False  # "Trump's lawyer said": his words (not "…'s lawyer, Jo Moss")
            return bool(words) and words[0].lower() in _HELD_ROLES
        return bool(words) and words[0].lower() in _PAPERS

    def _later_person(self, e: int, end: int) -> bool:
        lo = bisect.bisect_left(self._starts, (e, -1, ""))
        return any(s < end and self._rank(a) == 0 for s, _, a in self._starts[lo:])

    def _nested(self, actor_id: str, s: int, e: int, start: int, end: int) -> bool:
        """Whether another actor's mention inside [start, end) holds the mention [s, e):
        "Obama" in "Obama administration", the body a person leads."""
        lo = bisect.bisect_left(self._starts, (start, -1, ""))
        for s2, e2, other in self._starts[lo:]:
            if s2 > s:
                break
            if other != actor_id and e <= e2 <= end and (s2, e2) != (s, e):
                return True
        return False

    def _names_another(self, actor_id: str, e: int, end: int) -> bool:
        """A person named later in the speaker's words, not coordinated with the one ending at
        ``e``: that one only describes who speaks ("Clinton campaign spokesman Brian Fallon",
        "Trump adviser Kellyanne Conway"), where "Klobuchar and Grassley" are two speakers."""
        if self._rank(actor_id) != 0:
            return False
        lo = bisect.bisect_left(self._starts, (e, -1, ""))
        for s, e2, other in self._starts[lo:]:
            if s >= end:
                break
            if e2 > end or other == actor_id or self._rank(other) != 0:
                continue
            gap = self._text[e:s]
            if not _COORDINATED.search(gap) or _APPOSED.match(gap):
                return True
        return False

    def _located(self, start: int, s: int) -> bool:
        """A mention at ``s`` that says where the speaker at ``start`` is: right after a
        locative ("in Sioux Falls"), or a place coordinated after one ("Recent polls in
        Pennsylvania and Virginia")."""
        if _LOCATIVE.search(self._text, max(start, s - 8), s):
            return True
        if _IN_PLACE_COMMA.search(self._text, max(start, s - 60), s):
            return True  # "diplomats at the embassy in Kabul, Afghanistan": where, too
        before = self._text[start:s]
        coordinated = _AND_BEFORE.search(before)
        if coordinated is None:
            return False
        first = coordinated.start()
        return any(
            ps < start + first and _LOCATIVE.search(self._text, max(start, ps - 8), ps)
            for ps, pe, _ in self._starts
            if start < ps and pe <= start + first + 1
        )

    def _by_surname(self, start: int, end: int) -> str | None:
        """A name the parser did not tag ("Lopez later told …"): the one person whose full name
        ends with it, or whose name or alias it is (titles such as "Ms." aside)."""
        words = _TITLE.sub("", self._text[start:end]).split()
        if not words or len(words) > 3 or not all(w[:1].isupper() for w in words):
            return None
        said = " ".join(words)
        hits = {
            a.id
            for a in self.actors
            if a.kind == "person"
            and (said in (a.name, *a.aliases) or a.name.split()[-len(words) :] == words)
        }
        return hits.pop() if len(hits) == 1 else None

    def get(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def _place_as_modifier(self, actor_id: str, start: int, s: int, e: int, end: int) -> bool:
        """A place naming where a person is from or works, inside the speaker's words: before a
        person's noun ("the New York businessman", "a Virginia voter", "one Florida Democratic
        operative"), or a role noun or party member after "the" ("the Vermont senator", "the
        Texas Republican"), or after one and "of" ("a resident of Ohio"); a party before the
        title of one of its people ("The GOP presidential nominee argued": the nominee, not the
        GOP)."""
        actor = self.get(actor_id)
        if actor is None:
            return False
        after = self._text[e:end].split()
        if actor.kind == "organization" and self._text[s:e].lower() in _PARTY_NAMES:
            titles = {w.strip(",.;:'’\"”").lower() for w in after[:3]}
            return bool(titles & _PARTY_PEOPLE)
        if actor.kind != "country":
            return False
        before = self._text[start:s].split()
        of_place = len(before) >= 2 and before[-1] == "of" and before[-2].lower() in _PERSON_NOUNS
        # the noun the place describes, next to it or at the end ("one Florida Democratic
        # operative")
        described = {w.strip(",.;:'’\"”").lower() for w in after[:1] + after[-1:]}
        head = {w.strip(",.;:'’\"”").lower() for w in after[-1:]}
        titled = before[-1:] in (["the"], ["The"]) and bool(head & _TITLED)
        return bool(described & _PERSON_NOUNS) or of_place or titled

    def _rank(self, actor_id: str) -> int:
        actor = self.get(actor_id)
        return _RANK[actor.kind] if actor else 9
