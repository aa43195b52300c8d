"""Mutable actor drafts and the resolver state that ``actors.resolve_actors`` drives.

Long module: the resolver's state (drafts, the mention index, the gender and role memories used
for pronouns and "the chancellor") changes in one place, so the merge rules that must agree with
each other are read together.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsbrief.analyze.actors import names
from newsbrief.analyze.actors.gender import described_gender, name_gender, unnamed
from newsbrief.analyze.actors.index import KIN
from newsbrief.analyze.actors.they import left_to_no_one
from newsbrief.analyze.cues import is_cue_lemma
from newsbrief.models import Actor, ActorKind, Mention, Sentence

_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_PLURAL = frozenset({"they", "them", "their", "theirs"})
_NAME_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}
_WINDOW = 3  # sentences a pronoun looks back
# verbs that put out a document ("issued a statement", "released a report")
_ISSUE_VERBS = frozenset({"issue", "release", "publish", "put", "send", "post", "circulate"})
_JOINT_WINDOW = 8  # ... and "the pair", "the two senators" for the people named together
_BODIES = ("organization", "media", "country")
# words a writer uses for an organization already named ("the far-right group")
_COLLECTIVE = frozenset({"group", "organization", "organisation"})
# words of a public body's name that "the agency" may stand for
_BODY_WORDS = frozenset(
    {
        *("agency", "administration", "bureau", "office", "service", "services"),
        *("department", "commission", "authority", "enforcement", "investigations"),
        *("centers", "institutes"),  # "the Centers for Disease Control", "National Institutes"
    }
)


@dataclass
class Draft:
    name: str
    kind: ActorKind
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None
    gender_guessed: bool = False  # from a pronoun taken for this actor, not from its words
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    possessor: int | None = None  # token owning the role noun: "Its chair", "the alliance's"

    @property
    def role_key(self) -> str | None:
        return self.role.lower() if self.role else None

    def to_actor(self, actor_id: str) -> Actor:
        seen = {self.name.lower()}
        aliases = []
        for alias in self.aliases:
            if alias.lower() not in seen:
                seen.add(alias.lower())
                aliases.append(alias)
        return Actor(
            id=actor_id,
            name=self.name,
            kind=self.kind,
            role=None if (self.role or "").lower() == self.name.lower() else self.role,
            affiliation=self.affiliation,
            aliases=tuple(aliases),
            mentions=tuple(sorted(self.mentions, key=lambda m: m.start)),
        )


@dataclass
class _Seen:
    sentence: int
    draft: int
    subject: bool
    token: int
    quoted: bool
    owns_role: bool = False  # "Donald Trump's vice president": the one who acts is another
    reported: bool = False  # a subject inside what someone else says ("X says it means Trump …")
    introduced: bool = False  # a person's first mention, with a title ("Henry Crespo, president")


class Resolver:
    """Actor drafts, the name keys that merge mentions, and the recency history for pronouns."""

    window = _WINDOW  # sentences a pronoun looks back

    def __init__(
        self, doc: Doc, text: str, sentences: list[Sentence], quoted: Callable[[int], bool]
    ) -> None:
        self.doc = doc
        self.text = text
        self.quoted = quoted
        self.drafts: list[Draft] = []
        self._starts = [s.start for s in sentences]
        self._ends = [s.end for s in sentences]
        self._keys: dict[str, int] = {}
        self._surnames: dict[str, int] = {}
        self._bearers: dict[str, list[int]] = {}  # every person of a surname, in order met
        self._first_words: dict[str, list[int]] = {}  # people named in full, by first name
        self._token_owner: dict[int, int] = {}
        self._history: list[_Seen] = []
        self._unnamed: list[tuple[int, str]] = []  # "the woman": (token, gender)
        self.place_words: set[str] = set()
        self.name_words: set[str] = set()
        # "the group, WeWorkers Coalition, …": the noun → the name it was given in apposition
        self.described: dict[str, str] = {}

    # ------------------------------------------------------------------ helpers

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def outside_prose(self, tok: Token) -> bool:
        """Whether a token lies outside the story's sentences: a subhead ("The Doobie Brothers
        Tour Dates"), a byline, a caption or a row of links names no actor, nor lends one its
        longest name."""
        return not self._in_prose(tok.idx)

    def prose_entities(
        self, ents: Iterable[Span], datelines: Sequence[tuple[int, int]] = ()
    ) -> dict[int, Span]:
        """The named entities by first token, each cut to its part in the story's sentences:
        the model runs one on from a dateline into the lead ("MARLOW VALLEY - Teravion
        Systems": Teravion Systems) or from a subhead into the paragraph under it ("The
        Harbor Board Fee Schedule Operators": no name, "Operators" opens a sentence). A place
        in a dateline ("ESKAR, Norland, March 18") counts: it tells a country from the
        organization the model takes it for in the story ("Norland says …")."""
        out: dict[int, Span] = {}
        for ent in ents:
            if ent.label_ == "GPE" and any(a <= ent.start_char < b for a, b in datelines):
                out[ent.start] = ent
                continue
            inside = [t.i for t in ent if self._in_prose(t.idx)]
            if not inside:
                continue
            if inside[0] != ent.start:
                if ent.doc[inside[0]].pos_ != "PROPN":
                    continue
                ent = Span(ent.doc, inside[0], ent.end, label=ent.label_)
            out[ent.start] = ent
        return out

    def _in_prose(self, offset: int) -> bool:
        k = bisect.bisect_right(self._starts, offset) - 1
        return k >= 0 and offset < self._ends[k]

    def knows_surname(self, word: str) -> bool:
        return word.lower() in self._surnames

    def _new(self, name: str, kind: ActorKind) -> int:
        self.drafts.append(Draft(name=name, kind=kind))
        return len(self.drafts) - 1

    def _mention(self, idx: int, span: Span | Token) -> None:
        if isinstance(span, Token):
            start, end, root, toks = span.idx, span.idx + len(span), span, [span]
        else:
            start, end, root, toks = span.start_char, span.end_char, span.root, list(span)
        sent = self.sentence_of(start)
        draft = self.drafts[idx]
        draft.mentions.append(
            Mention(text=self.text[start:end], start=start, end=end, sentence_index=sent)
        )
        for t in toks:
            self._token_owner[t.i] = idx
        subject = root.dep_ in ("nsubj", "nsubjpass")
        owns_role = root.dep_ == "poss" and root.head.lemma_.lower() in names.ROLE_NOUNS
        reported = subject and _in_reported_clause(root)
        introduced = (
            draft.kind == "person"
            and len(draft.mentions) == 1
            and not subject
            and any(c.dep_ == "appos" for c in root.children)
        )
        self._history.append(
            _Seen(sent, idx, subject, root.i, self.quoted(start), owns_role, reported, introduced)
        )

    # ------------------------------------------------------------------ named actors

    def person(self, ent: Span, name: str) -> None:
        parts = [p for p in name.split() if p.lower() not in _NAME_SUFFIXES] or name.split()
        surname = _ARTICLE.sub("", parts[-1].lower())  # "al-Assad" and "Mr Assad": one surname
        key = name.lower()
        idx = self._keys.get(key)
        named = None
        if len(parts) == 1:
            people = [i for i in self._bearers.get(surname, ()) if self.drafts[i].kind == "person"]
            named = self._named_before(ent, people)  # "Ivanka Trump", the model tagging "Trump"
            if named is not None:
                idx = named
            elif idx is not None and people and self.drafts[idx].kind != "person":
                idx = self._likeliest(people)  # "Trump leave plan" (an organization) in a
                # headline, then "Donald Trump": a bare "Trump" is the person
        for n in range(len(parts) - 1, 1, -1):  # "De Blasio" in a headline, then "Bill de Blasio"
            if idx is None:
                idx = self._keys.get(" ".join(parts[-n:]).lower())
        if idx is None and len(parts) == 1 and len(self._bearers.get(surname, ())) > 1:
            idx = self._likeliest(self._bearers[surname])
        if idx is None and surname in self._surnames:
            known = self.drafts[self._surnames[surname]]
            kn = known.name.split()
            if len(parts) == 1 or len(kn) == 1 or kn[0] == parts[0] or _tail_of(parts, kn):
                idx = self._surnames[surname]
            if len(kn) == 1 and len(parts) > 1 and _other_gender(known, name):
                idx = None  # "Mr. Obama", then "the first lady, Michelle Obama": two people
        if idx is None and len(parts) == 1:
            idx = self._keys.get("first:" + surname)
        if idx is None and len(parts) > 1:
            idx = self._first_name_seen(parts[0])  # "Hillary", then "Hillary Clinton"
        if idx is None:
            idx = self._new(name, "person")
        draft = self.drafts[idx]
        if draft.kind != "person":
            draft.kind = "person"
        if len(name) > len(draft.name):
            draft.aliases.append(draft.name)
            draft.name = name
        else:
            draft.aliases.append(name)
        if named is None:  # (a bare "Trump" after "Ivanka Trump" is not hers for that)
            self._keys[key] = idx
            self._surnames[surname] = idx
        bearers = self._bearers.setdefault(surname, [])
        if idx not in bearers:
            bearers.append(idx)
        if len(parts) > 1:
            self._keys.setdefault("first:" + parts[0].lower(), idx)
            firsts = self._first_words.setdefault(parts[0], [])
            if idx not in firsts:
                firsts.append(idx)
        self._learn_person(draft, ent)
        self._mention(idx, ent)

    def _first_name_seen(self, first: str) -> int | None:
        """A person known so far by this one word only ("Hillary"), when it is not anyone's
        surname too and no title came with it ("President Obama": a surname)."""
        idx = self._keys.get(first.lower())
        if idx is None:
            return None
        draft = self.drafts[idx]
        others = [i for i in self._bearers.get(first.lower(), ()) if i != idx]
        one_word = draft.kind == "person" and len(draft.name.split()) == 1
        return idx if one_word and not others and draft.role is None else None

    def untagged_person(self, tok: Token) -> int | None:
        """The full name of a person already met, starting at ``tok``, where the model tagged
        no entity this time ("Ivanka Trump acknowledged …" after "… by Ivanka Trump"): taken
        as a mention of that person; the token after it is returned (None: no such name)."""
        if not tok.text[:1].isupper():
            return None
        for idx in self._first_words.get(tok.text, ()):
            words = self.drafts[idx].name.split()
            end = tok.i + len(words)
            if end <= len(tok.doc) and [t.text for t in tok.doc[tok.i : end]] == words:
                self.person(tok.doc[tok.i : end], self.drafts[idx].name)
                return end
        return None

    def _named_before(self, ent: Span, bearers: list[int]) -> int | None:
        """The one of several people with this surname whose first name comes just before it
        ("Ivanka Trump", where the model tagged only "Trump")."""
        if ent.start == 0:
            return None
        before = ent.doc[ent.start - 1].text
        if not before[:1].isupper():
            return None
        for i in bearers:
            words = self.drafts[i].name.split()
            if len(words) > 1 and words[0] == before:
                return i
        return None

    def _likeliest(self, bearers: list[int]) -> int:
        """Of several people with one surname ("Bill Clinton", "his wife Hillary Clinton"), the
        one a bare "Clinton" means: the latest of them seen as a sentence's subject (the one the
        story is following), else the one mentioned most, else the first met."""
        for seen in reversed(self._history):
            if seen.subject and seen.draft in bearers:
                return seen.draft
        return max(bearers, key=lambda i: (len(self.drafts[i].mentions), -bearers.index(i)))

    def _learn_person(self, draft: Draft, ent: Span) -> None:
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        words = [t.lower_ for t in ent] + ([before.lower_] if before is not None else [])
        _learn_gender(draft, words)
        _know_gender(draft, name_gender(draft.name) or described_gender(ent))
        if draft.role is None:
            role, affiliation = person_role(ent)
            if role:
                draft.role = role
                draft.affiliation = draft.affiliation or affiliation
                draft.possessor = _role_possessor(ent)
                _learn_gender(draft, role.split())

    def finish(self) -> None:
        """What is settled once the whole article has been read."""
        self.possessed_affiliations()
        self.headline_surnames()
        self.headline_words()

    def headline_surnames(self) -> None:
        """ "Mixed messages on Trump leave plan": a headline's surname the model took for an
        organization, mentioned nowhere else, is the person of that surname the article names
        (the one mentioned most, of several)."""
        for draft in self.drafts:
            if draft.kind != "organization" or len(draft.mentions) != 1:
                continue
            if draft.mentions[0].sentence_index != 0 or " " in draft.name:
                continue
            people = [
                self.drafts[i]
                for i in self._bearers.get(draft.name.lower(), ())
                if self.drafts[i].kind == "person" and self.drafts[i] is not draft
            ]
            if people:
                person = max(people, key=lambda d: len(d.mentions))
                person.mentions = sorted([*person.mentions, *draft.mentions], key=lambda m: m.start)
                draft.mentions = []

    def headline_words(self) -> None:
        """ "Derelict Obama and Clinton; Trump will go on offense": a headline's first word, or
        any word of a headline in title case, is capitalized whatever it is, so the model may
        take "Derelict" for a first name. A person named longer only there, by words that
        are no given name and appear nowhere else, is named as the article's body names
        them: by a full name of fewer words ("Donald Trump" after "Rip Donald Trump"), or by a
        title and the surname ("President Obama"; a bare surname may follow a lead's full
        name, "Daniela Forsberg, …", and a headline's too)."""
        if not len(self.doc):
            return
        head = next(iter(self.doc.sents))
        words = [t for t in head if t.is_alpha]
        title_case = len(words) > 2 and sum(t.is_title for t in words) > 0.7 * len(words)
        # a lead tells what happened in the past tense ("Daniela Forsberg … said"); a headline
        # in the present ("Defiant Harlow vows to fight on"), or with no verb at all
        lead = any(t.tag_ == "VBD" for t in head)
        renamed: set[int] = set()
        for idx, draft in enumerate(self.drafts):
            if draft.kind != "person" or " " not in draft.name:
                continue
            body = [m.text for m in draft.mentions if m.sentence_index > 0]
            if draft.name in body:
                continue
            parts = draft.name.split()
            tails = [b for b in body if 0 < len(b.split()) < len(parts) and _ends(parts, b.split())]
            if not tails:
                continue
            shown = max(tails, key=lambda b: len(b.split()))
            if " " not in shown and not self._titled(draft, shown):
                continue  # "Daniela Forsberg, …" then "Forsberg": a lead, not a headline
            extra = parts[: len(parts) - len(shown.split())]
            first = next((m for m in draft.mentions if m.text == draft.name), None)
            if first is None or first.sentence_index != 0:
                continue
            opens = first.start == head.start_char
            if not ((opens and not lead) or title_case) or name_gender(extra[0]) is not None:
                continue
            later = self.text[head.end_char :]
            if any(re.search(rf"\b{re.escape(w)}\b", later) for w in extra):
                continue
            # the headline's words were no name: neither the name nor an alias
            draft.aliases = [a for a in draft.aliases if a not in (shown, draft.name)]
            draft.name = shown
            renamed.add(idx)
        for key, idx in self._keys.items():  # "Derelict Obama and Hillary Clinton" too
            if key.startswith("joint:"):
                members = [int(m) for m in key[len("joint:") :].split(",")]
                if renamed.intersection(members):
                    named = [self.drafts[i].name for i in members]
                    self.drafts[idx].name = ", ".join(named[:-1]) + " and " + named[-1]

    def _titled(self, draft: Draft, surname: str) -> bool:
        """Whether the body names the person by a title and this surname ("President Obama"):
        known by title, a person the body never gives a first name to has none in the
        headline either."""
        for m in draft.mentions:
            if m.sentence_index == 0 or m.text != surname:
                continue
            before = self.text[max(0, m.start - 30) : m.start].split()
            if before and before[-1].lower().rstrip(".") in names.TITLE_PREFIXES | names.HONORIFICS:
                return True
        return False

    def possessed_affiliations(self) -> None:
        """ "Its chair, Milan Hradecky", "Jonas Brenner, the alliance's spokesman": the actor the
        possessor was resolved to (after the pass, since an apposition may follow the name)."""
        for draft in self.drafts:
            if draft.affiliation is not None or draft.possessor is None:
                continue
            owner = self._token_owner.get(draft.possessor)
            if owner is not None and self.drafts[owner].kind in (
                "organization",
                "media",
                "country",
            ):
                draft.affiliation = self.drafts[owner].name

    def named(
        self,
        span: Span,
        name: str,
        kind: ActorKind,
        *,
        affiliation: str | None = None,
        alias: str | None = None,
    ) -> None:
        key = name.lower()
        # "Washington Post/ABC News" and "Washington Post-ABC News": one poll's two spellings
        joined = "~" + _JOINER.sub(" ", key) if kind != "person" else None
        idx = self._keys.get(key)
        if idx is None and joined is not None:
            idx = self._keys.get(joined)
        if idx is None and alias and kind == "organization":
            bare = self._keys.get(alias.lower())  # "the U.S. embassy", then "… in Kabul"
            idx = bare if bare is not None and self.drafts[bare].name == alias else None
        if idx is None and name.isupper() and len(name) >= 2:
            idx = self._keys.get("#" + name)
        short = self._short_key(name) if kind == "organization" else None
        if kind == "country":  # "Republic of Halvoria", "the US" and "the United States"
            short = "country:" + names.country_key(name)
        body = _body_key(name) if kind == "organization" else None
        if idx is None and body is not None:
            idx = self._keys.get(body)  # "the Security Council" of the "U.N. Security Council"
            if idx is not None:
                short = None  # (not the U.N. itself)
        if idx is None and short is not None:
            idx = self._keys.get(short)  # "Lumera" after "Lumera Semiconductor", or before it
        if idx is None:
            idx = self._new(name, kind)
            for abbr in names.acronyms(name):
                self._keys.setdefault("#" + abbr, idx)
        draft = self.drafts[idx]
        if short is not None:
            self._keys.setdefault(short, idx)
        if body is not None:
            self._keys.setdefault(body, idx)
        # the fuller name: "Lumera Semiconductor"; a country's own, "United States", not "US"
        fuller = draft.name in name or short == f"country:{name}".lower()
        if kind != "person" and len(name) > len(draft.name) and fuller:
            draft.aliases.append(draft.name)
            draft.name = name
        self._keys[key] = idx
        if joined is not None:
            self._keys.setdefault(joined, idx)
        if alias:
            draft.aliases.append(alias)
            self._keys[alias.lower()] = idx
        elif name != draft.name:
            draft.aliases.append(name)
        draft.affiliation = draft.affiliation or affiliation
        self._mention(idx, span)

    # ------------------------------------------------------------------ references

    def pronoun(self, tok: Token) -> None:
        low = tok.lower_
        gender = _GENDER.get(low)
        partner = _joined_to(tok) if gender else None
        if partner is not None:
            # "The Republican nominee and his aides": the nominee's aides, whoever the nominee
            # is, and no one named before
            idx = self._token_owner.get(partner.i)
            if idx is not None and self.drafts[idx].kind == "person":
                self._mention(idx, tok)
            return
        kinds: tuple[ActorKind, ...]
        if gender:
            kinds = ("person",)
        elif low in ("it", "its"):
            if self._thing_before(tok):
                return  # "… ,” the article read. “…,” it added": the article, no actor
            kinds = ("organization", "media", "country")
        else:
            kinds = ("group", "organization", "media", "country")
        best = self._best_antecedent(tok, kinds, gender)
        if best is None and gender:  # a gender guessed from a pronoun may be a wrong guess
            best = self._best_antecedent(tok, kinds, gender, guesses=False)
        if gender and self._unnamed_nearer(tok, gender, best[0] if best else None):
            best = None
        if low in _PLURAL:
            joint = self._joint_antecedent(tok)
            if joint is not None and (best is None or joint[0] < best[0]):
                best = joint
            if best is not None and left_to_no_one(self, tok, best):
                best = None  # "radical Islamists bombed the World Trade Center. … they": them
        idx = best[1] if best else None
        if idx is not None:
            draft = self.drafts[idx]
            if gender and (draft.gender is None or draft.gender_guessed):
                draft.gender, draft.gender_guessed = gender, True
            self._mention(idx, tok)

    def unnamed_person(self, tok: Token) -> None:
        said = unnamed(tok)
        if said is not None:
            self._unnamed.append((tok.i, said))

    def _unnamed_nearer(self, tok: Token, gender: str, than: tuple[int, int, int] | None) -> bool:
        """ "… Kevin Doyle …. The woman’s enthusiasm for him …. “…,” she said": a person the
        article does not name, of the pronoun's gender, nearer than the best named one (ranked
        as :meth:`_best_antecedent` ranks): "she" is that woman, none of the actors."""
        here = self.sentence_of(tok.idx)
        outside = not self.quoted(tok.idx)
        for i, said in reversed(self._unnamed):
            noun = self.doc[i]
            distance = here - self.sentence_of(noun.idx)
            if i >= tok.i or said != gender or i in self._token_owner:
                continue
            if distance > _WINDOW:
                break
            if outside and self.quoted(noun.idx):
                continue
            subject = noun.dep_ in ("nsubj", "nsubjpass") or distance == 0
            if than is None or (distance, 0 if subject else 1, -i) < than:
                return True
        return False

    def _thing_before(self, tok: Token) -> bool:
        """The sentence before opens on a thing that speaks ("the article read", "the report
        said") whose subject no actor holds: a following "it" is that thing."""
        here = self.sentence_of(tok.idx)
        if here == 0 or tok.i == 0:
            return False
        start = self._starts[here - 1]
        first = tok.doc.char_span(start, start + 1, alignment_mode="expand")
        if first is None or not len(first):
            return False
        root = first[0].sent.root
        if root.i >= tok.i:
            return False
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        return subj is not None and subj.pos_ == "NOUN" and subj.i not in self._token_owner

    def _joint_antecedent(self, tok: Token) -> tuple[tuple[int, int, int], int] | None:
        """ "Obama and Clinton call them … Their Orwellian fantasy …": the people named
        together, ranked as :meth:`_best_antecedent` ranks a single antecedent."""
        found = self._coordinated(tok, 0, "person", window=_WINDOW)
        if found is None:
            return None
        members, first = found
        distance = self.sentence_of(tok.idx) - self.sentence_of(first.idx)
        subject = first.dep_ in ("nsubj", "nsubjpass") or distance == 0
        return (distance, 0 if subject else 1, -first.i), self._joint_of(members)

    def _best_antecedent(
        self, tok: Token, kinds: tuple[ActorKind, ...], gender: str | None, *, guesses: bool = True
    ) -> tuple[tuple[int, int, int], int] | None:
        """The nearest actor of these kinds the pronoun may stand for: never a person whose
        gender the article shows to be the other (``gender``), nor, while ``guesses``, one
        whose gender was guessed from an earlier pronoun."""
        here = self.sentence_of(tok.idx)
        outside = not self.quoted(tok.idx)
        plural = tok.lower_ in _PLURAL
        best: tuple[tuple[int, int, int], int] | None = None
        candidates: list[tuple[tuple[int, int, int], int]] = []
        presented: set[int] = set()  # persons just presented with a title (they speak next)
        for seen in reversed(self._history):
            if here - seen.sentence > _WINDOW:
                break
            if seen.token >= tok.i or (outside and seen.quoted) or (gender and seen.owns_role):
                continue  # "Trump's vice president posted …, in which he": not Trump
            draft = self.drafts[seen.draft]
            other = draft.gender not in (None, gender) and (guesses or not draft.gender_guessed)
            if draft.kind not in kinds or (gender and other):
                continue
            if plural and draft.kind == "country" and not draft.name.endswith("s"):
                continue  # "North Korea … they said": a country is "it" (the Philippines: they)
            if plural and names.is_facility(draft.name) and not self._acted_as(seen.draft):
                continue  # "bombed the World Trade Center. … they attacked": a place, no one
            distance = here - seen.sentence
            # "Clinton says it means Trump never paid. She says …": the one who says, not the
            # subject of what she says, when both are as near
            rank = 0 if (seen.subject and not seen.reported) or distance == 0 else 1
            if seen.introduced and not self._main_subject_person(seen.token):
                # "… something that concerns Henry Crespo, president of …. “…,” he said": a
                # person presented with a title is who speaks next, unless the sentence's own
                # subject is a person ("Smith criticized the plan of Crespo, president of …")
                rank = 0
                presented.add(seen.draft)
            if plural and distance == 0 and not seen.subject:
                rank = 1  # "Proponents have urged Congress to …, although they say": the subject
            if distance == 0 and not seen.subject and self.doc[seen.token].dep_ == "poss":
                rank = 1  # "Putney told CNN … a gun in Scott's hand, but he said": not Scott
            if distance == 0 and not seen.subject and tok.dep_ == "poss" and _reports(tok.head):
                rank = 1  # "Cohen is willing to speak with Mueller …, his lawyer said": Cohen's
            key = (distance, rank, -seen.token)
            candidates.append((key, seen.draft))
            if best is None or key < best[0]:
                best = (key, seen.draft)
        if best is None or not gender or best[1] in presented:
            return best
        # as near and as prominent, and not just presented: one shown or taken to be of the
        # pronoun's gender before one not known ("Taylor Swift's first six albums … owned by
        # Scooter Braun. … she described this …": Swift, whom "she" stood for already)
        level = [c for c in candidates if c[0][:2] == best[0][:2]]
        return min(level, key=lambda c: (self.drafts[c[1]].gender != gender, c[0]))

    def holds(self, i: int) -> bool:
        """Whether token ``i`` is part of an actor's mention."""
        return i in self._token_owner

    def headed_alike(self, idx: int, noun: Token) -> bool:
        """Whether a mention of an actor is headed by the same noun ("Leaders" and "the
        leaders")."""
        lemma = noun.lemma_.lower()
        return any(
            seen.draft == idx and self.doc[seen.token].lemma_.lower() == lemma
            for seen in self._history
        )

    def _acted_as(self, idx: int) -> bool:
        """Whether an actor has been a subject so far ("the Tax Policy Center found …")."""
        return any(seen.subject and seen.draft == idx for seen in self._history)

    def _main_subject_person(self, token: int) -> bool:
        """The subject of the sentence's main verb (of the sentence holding ``token``) is a
        person."""
        root = self.doc[token].sent.root
        return any(
            c.dep_ in ("nsubj", "nsubjpass")
            and (owner := self._token_owner.get(c.i)) is not None
            and self.drafts[owner].kind == "person"
            for c in root.children
        )

    def issuer(self, tok: Token) -> bool:
        """ "The Security Council issued a statement …. The statement noted …": a document
        speaks for whoever issued it, the latest actor who issued one so called (within the
        pronouns' window), instead of being an actor of its own."""
        lemma = tok.lemma_.lower()
        here = self.sentence_of(tok.idx)
        for prev in reversed(tok.doc[: tok.i]):
            if here - self.sentence_of(prev.idx) > _WINDOW:
                break
            if prev.dep_ != "dobj" or prev.lemma_.lower() != lemma:
                continue
            if prev.head.lemma_.lower() not in _ISSUE_VERBS:
                continue
            subj = next((c for c in prev.head.children if c.dep_ == "nsubj"), None)
            idx = self._token_owner.get(subj.i) if subj is not None else None
            if idx is not None:
                self._mention(idx, tok.doc[tok.left_edge.i : tok.i + 1])
                return True
        return False

    def relative(self, tok: Token) -> None:
        """ "…, who said …": the relative pronoun stands for the noun its clause modifies."""
        noun = tok.head.head
        idx = self._token_owner.get(noun.i)
        if idx is None:
            idx = next(
                (self._token_owner[c.i] for c in noun.children if c.i in self._token_owner), None
            )
        if idx is not None:
            self._mention(idx, tok)

    def role_mention(self, tok: Token) -> bool:
        """ "the chancellor": the most recent person holding that role."""
        lemma = tok.lemma_.lower()
        # "the Democratic presidential nominee" is not the Republican one
        sides = [
            names.country_of(c.text) or c.text
            for c in tok.children
            if c.i < tok.i and c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")
        ]
        for seen in reversed(self._history):
            draft = self.drafts[seen.draft]
            if draft.kind == "person" and draft.role and lemma in draft.role.lower().split():
                if draft.affiliation and any(not _same_side(s, draft.affiliation) for s in sides):
                    continue
                if _other_party(sides, draft.role):
                    continue  # "the Democratic presidential candidate" is not the Libertarian
                self._mention(seen.draft, tok.doc[tok.left_edge.i : tok.i + 1])
                return True
        return False

    def led_body(self, span: Span, name: str) -> None:
        """ "the Trump administration", "the Biden campaign": a body named after its leader is
        an organization of its own, not the leader."""
        key = "body:" + name.lower()
        idx = self._keys.get(key)
        if idx is None:
            idx = self._new(name, "organization")
            self._keys[key] = idx
        self._mention(idx, span)

    def unnamed_official(self, tok: Token) -> None:
        """ "the Japanese trade minister said": a speaker the article never names is an actor
        all the same, known by the role; "the minister" later is the same person."""
        if self.role_mention(tok):
            return
        people = self._acted()
        unnamed = {p for p in people if self.drafts[p].name.lower() == self.drafts[p].role_key}
        if self.sole_actor(tok):
            return
        if people - unnamed:
            return  # several people have acted: which one is meant cannot be told
        # only officials known by their role have acted: "the Ohio secretary of state" after
        # "the Indiana governor" is another one, "the governor" the same (``role_mention``)
        self.described_person(tok)

    def described_person(self, tok: Token) -> bool:
        """The noun phrase ``tok`` heads is a person known by it alone ("the Ohio governor"),
        one actor for each description; whether it could be (not five words or more)."""
        span = tok.doc[tok.left_edge.i : tok.i + 1]
        name = names.clean_name(_strip_det(span, _QUANTIFIERS))
        if not name or len(name.split()) > 5:
            return False
        self._described(span, name, name)
        return True

    def people_seen(self, tok: Token) -> list[tuple[int, int, bool, int]]:
        """The persons mentioned before ``tok``, the latest first: (draft, how many sentences
        back, whether as a subject, the mention's token); none inside a quote when ``tok`` is
        outside one, nor one owning a role ("Trump's running mate": another person)."""
        here = self.sentence_of(tok.idx)
        outside = not self.quoted(tok.idx)
        return [
            (seen.draft, here - seen.sentence, seen.subject, seen.token)
            for seen in reversed(self._history)
            if seen.token < tok.i
            and not (outside and seen.quoted)
            and not seen.owns_role
            and self.drafts[seen.draft].kind == "person"
        ]

    def known_as(self, idx: int, tok: Token) -> None:
        """The noun phrase ``tok`` heads ("the Vermont senator") is a mention of person
        ``idx``, who holds the role it names from then on unless one of theirs is known."""
        span = tok.doc[tok.left_edge.i : tok.i + 1]
        draft = self.drafts[idx]
        name = names.clean_name(_strip_det(span, _QUANTIFIERS))
        if not draft.role and name:
            draft.role = _role_cased(span, name)
        self._mention(idx, span)

    def _acted(self) -> set[int]:
        return {
            seen.draft
            for seen in self._history
            if seen.subject and self.drafts[seen.draft].kind == "person"
        }

    def sole_actor(self, tok: Token, *, untitled: bool = False) -> bool:
        """ "Joe Biden announced … the former vice president says", "Donald Trump isn't saying
        much …. The Republican presidential nominee has wondered …": the one person who has
        acted so far is the one so described, and holds that role from then on (``untitled``:
        only if no role of theirs is known, as "Justice Frank Nervo" is no nominee)."""
        span = tok.doc[tok.left_edge.i : tok.i + 1]
        name = names.clean_name(_strip_det(span, _QUANTIFIERS))
        people = self._acted()
        if not name or len(name.split()) > 5 or len(people) != 1:
            return False
        (acted,) = people
        draft = self.drafts[acted]
        if draft.name.lower() == draft.role_key or (untitled and draft.role):
            return False
        draft.role = draft.role or _role_cased(span, name)
        self._mention(acted, span)
        return True

    def _described(self, span: Span, name: str, key: str) -> None:
        """A person known only by a description (``key``: how it is matched)."""
        key = "role:" + key.lower()
        idx = self._keys.get(key)
        if idx is None:
            idx = self._new(name[0].upper() + name[1:], "person")
            self.drafts[idx].role = _role_cased(span, name)
            self._keys[key] = idx
        self._mention(idx, span)

    def former_official(self, tok: Token, span: Span | None = None) -> None:
        """ "A former DNC chairman says …": someone who once held a post at a body speaks for
        themself, not for the body. Known by the description, the body by its acronym (the
        headline's "Former DNC chairman" is the lead's "a former Democratic National Committee
        chairman"); a plural ("former DNC officials") is a group. ``span``: the words that
        describe them, when more than the noun and what precedes it ("a member of the
        House Intelligence Committee")."""
        if tok.tag_ in ("NNS", "NNPS"):
            self.group(tok)
            return
        span = span or tok.doc[tok.left_edge.i : tok.i + 1]
        name = names.clean_name(_strip_det(span, _QUANTIFIERS))
        if not name:
            return
        short = name
        for ent in span.ents:
            letters = names.acronym(ent.text) if ent.label_ == "ORG" else ""
            if letters and ent.text in short:
                short = short.replace(ent.text, letters)
        self._described(span, name, short)

    def short_name(self, tok: Token) -> bool:
        """A lone capitalized word the model did not tag that is an organization's short name."""
        idx = self._keys.get("short:" + tok.lower_) if tok.is_title else None
        if idx is None:
            return False
        self.drafts[idx].aliases.append(tok.text)
        self._mention(idx, tok)
        return True

    def _short_key(self, name: str) -> str | None:
        """The key an organization's distinctive first word gives ("Lumera" for "Lumera
        Semiconductor"); none for generic words ("National", "Valley" in a place name)."""
        first = name.split()[0].lower().strip(".,")
        if not name[:1].isupper() or len(first) < 3 or first in names.GENERIC_NAME_WORDS:
            return None
        if first in names.ORG_WORDS or first in names.TITLE_PREFIXES or first in self.place_words:
            return None
        return None if names.country_of(first.replace(".", "")) else "short:" + first

    def description(self, tok: Token) -> bool:
        """ "the union", "the ministry": the most recent organization named with that word, or
        the one named in apposition to it before ("The group, WeWorkers Coalition, …"); "the
        company", "the firm": the most recent company that is more than a passing mention; "the
        group" (or "the far-right group"): the organization just seen acting as a subject."""
        low = tok.lower_
        span = tok.doc[tok.left_edge.i : tok.i + 1]
        named = self.described.get(low)
        for seen in reversed(self._history):
            if named is not None and self.drafts[seen.draft].name.lower() == named:
                self._mention(seen.draft, span)  # "the group" after "The group, X Coalition,"
                return True
        for seen in reversed(self._history):
            draft = self.drafts[seen.draft]
            if draft.kind in ("organization", "media") and low in draft.name.lower().split():
                self._mention(seen.draft, span)
                return True
        if low == "agency" and not any(c.dep_ == "prep" for c in tok.children):
            body = self._agency(tok)  # "the VA … The agency isn't offering …"
            if body is not None:
                self._mention(body, span)
                return True
        if low in _COLLECTIVE and not any(c.dep_ == "prep" for c in tok.children):
            body = self._acting_body(tok)  # (not "the group of protesters")
            if body is not None:
                self._mention(body, span)
                return True
        if tok.lemma_.lower() not in names.COMPANY_WORDS:
            return False
        company = self._company()
        if company is not None:
            self._mention(company, span)
        return company is not None

    def _agency(self, tok: Token) -> int | None:
        """ "the agency": the public body last named before it, by an acronym ("the VA",
        "the EPA") or by a name with a body's word ("Immigration and Customs Enforcement")."""
        for seen in reversed(self._history):
            if seen.token >= tok.i:
                continue
            draft = self.drafts[seen.draft]
            if draft.kind != "organization":
                continue
            words = [w.strip(".,'’") for w in draft.name.split()]
            if any(w.lower() in _BODY_WORDS for w in words) or (
                len(words) == 1 and 2 <= len(words[0]) <= 5 and words[0].isupper()
            ):
                return seen.draft
        return None

    def _acting_body(self, tok: Token) -> int | None:
        """ "The Tax Policy Center … came to a similar conclusion. …, the group said": the
        organization that was a subject in this sentence or the one before, if one was."""
        here = self.sentence_of(tok.idx)
        for seen in reversed(self._history):
            if seen.token >= tok.i:
                continue
            if here - seen.sentence > 1:
                break
            if seen.subject and self.drafts[seen.draft].kind == "organization":
                return seen.draft
        return None

    def _company(self) -> int | None:
        """ "the company": the organization last named that is neither an institution nor an
        event (the AMAs, the Cannes Film Festival), a subject or named twice before one
        named in passing."""
        passing: int | None = None
        for seen in reversed(self._history):
            draft = self.drafts[seen.draft]
            if draft.kind != "organization" or names.is_institution(draft.name):
                continue
            if _EVENT_NAME.search(draft.name):
                continue
            if seen.subject or len(draft.mentions) > 1:
                return seen.draft
            passing = seen.draft if passing is None else passing
        return passing

    def group(self, tok: Token, *, create: bool = True, media: bool = False) -> None:
        """An unnamed collective speaker: "analysts", "business groups", "a ministry official";
        with ``create=False`` only a further mention of a group already seen."""
        span = tok.doc[tok.left_edge.i : tok.i + 1]
        named = span
        members = members_of(tok)
        if members is not None:  # "small groups of protesters": the protesters
            named = tok.doc[members.left_edge.i : members.i + 1]
            span = tok.doc[tok.left_edge.i : members.i + 1]
        name = names.clean_name(_strip_det(named, _QUANTIFIERS))
        if not name:
            return
        owner = self._token_owner.get(named[0].i, -1) if named[0].pos_ == "PRON" else -1
        people = names.GROUP_HEADS | names.FOLLOWERS | names.BODIES_OF | KIN
        if owner >= 0 and self.drafts[owner].kind == "person" and tok.lemma_ in people:
            # "his supporters": whose, as the section on them will be read on its own
            name = f"{self.drafts[owner].name}'s {named[1:].text}"
        key = "group:" + name.lower()
        idx = self._keys.get(key)
        if idx is None and not create:
            return
        if idx is None:
            idx = self._new(name[0].upper() + name[1:], "media" if media else "group")
            self._keys[key] = idx
        self._mention(idx, span)

    def earlier_plural(self, tok: Token) -> bool:
        """ "the officials" after "Pentagon officials said": the group or body (within
        ``_WINDOW`` sentences) a mention headed by the same plural noun stood for."""
        here = self.sentence_of(tok.idx)
        for seen in reversed(self._history):
            if here - seen.sentence > _WINDOW:
                break
            head = tok.doc[seen.token]
            if head.dep_ in ("compound", "poss", "amod") and head.head.i > head.i:
                head = head.head  # "Pentagon officials": the Pentagon, by its officials
            if seen.token >= tok.i or head.tag_ != "NNS" or head.lemma_ != tok.lemma_:
                continue
            if self.drafts[seen.draft].kind in ("group", "organization", "media", "country"):
                self._mention(seen.draft, tok.doc[tok.left_edge.i : tok.i + 1])
                return True
            return False  # "the senators" after a senator (a person): not one of them
        return False

    def joint(self, tok: Token, count: int, kind: ActorKind, *, role: str | None = None) -> bool:
        """ "the bipartisan pair", "the two senators", "both companies": the people (or bodies,
        ``kind``) named together just before ("Senators Amy Klobuchar and Chuck Grassley"),
        ``count`` of them (0: two or more), as one actor that speaks for them all; with
        ``role``, only people who each hold it ("the senators": "senator", "state senator")."""
        found = self._coordinated(tok, count, kind)
        if found is None:
            return False
        if role is not None and not all(
            (self.drafts[i].role_key or "").split()[-1:] == [role] for i in found[0]
        ):
            return False
        idx = self._joint_of(found[0])
        draft = self.drafts[idx]
        if draft.role is None and tok.tag_ == "NNS" and tok.lemma_.lower() in names.ROLE_NOUNS:
            draft.role = tok.lower_  # "the two senators": (senators)
        self._mention(idx, tok.doc[tok.left_edge.i : tok.i + 1])
        return True

    def joint_speakers(self, first: Token) -> None:
        """People or bodies named together as a speaker ("Klobuchar and Grassley said in a
        joint statement", "The Afghan government and the Taliban said"): one actor for them
        all, mentioned by the whole coordination."""
        if first.i not in self._token_owner or not any(c.dep_ == "conj" for c in first.children):
            return
        chain = _conj_chain(first)
        owners = [self._token_owner.get(t.i) for t in chain]
        members = [i for i in dict.fromkeys(owners) if i is not None]
        if None in owners or len(members) < 2:
            return
        span = first.doc[first.left_edge.i : chain[-1].i + 1]
        self._mention(self._joint_of(members), span)

    def _joint_of(self, members: list[int]) -> int:
        """The actor that stands for ``members`` together ("Amy Klobuchar and Chuck
        Grassley"), made on first use."""
        key = "joint:" + ",".join(map(str, members))
        idx = self._keys.get(key)
        if idx is None:
            named = [self.drafts[i].name for i in members]
            idx = self._new(", ".join(named[:-1]) + " and " + named[-1], "group")
            self._keys[key] = idx
        return idx

    def _coordinated(
        self, tok: Token, count: int, kind: ActorKind, window: int = _JOINT_WINDOW
    ) -> tuple[list[int], Token] | None:
        """The actors of the latest coordination of ``kind`` ("A and B") within ``window``
        sentences before ``tok``, when there are ``count`` of them (0: any number over one),
        and the coordination's first name."""
        here = self.sentence_of(tok.idx)
        for seen in reversed(self._history):
            if here - seen.sentence > window:
                break
            first = tok.doc[seen.token]
            if seen.token >= tok.i or first.dep_ != "conj":
                continue
            # up the chain while it names actors (a parse may hang "Obama and Clinton" on a
            # noun before them: "… terror war, Obama and Clinton call them")
            while (
                first.dep_ == "conj"
                and first.head.i < first.i
                and first.head.i in self._token_owner
            ):
                first = first.head
            owners = [self._token_owner.get(t.i) for t in _conj_chain(first)]
            members = [i for i in dict.fromkeys(owners) if i is not None]
            if not any(self.drafts[i].kind == kind for i in members):
                continue  # not a coordination of these ("Medicare and Medicaid" for people)
            whole = None not in owners and all(self.drafts[i].kind == kind for i in members)
            if whole and len(members) >= 2 and (not count or len(members) == count):
                return members, first
            return None  # one of them unknown, or not as many: no guess
        return None

    def nearby_country(self, tok: Token) -> str | None:
        """The country named closest before ``tok`` in its sentence or the one before."""
        here = self.sentence_of(tok.idx)
        for seen in reversed(self._history):
            if (
                seen.token < tok.i
                and here - seen.sentence <= 1
                and self.drafts[seen.draft].kind == "country"
            ):
                return self.drafts[seen.draft].name
        return None


def _conj_chain(first: Token) -> list[Token]:
    """``first`` and the tokens coordinated under it ("A, B and C"), in order."""
    chain, todo = [first], [first]
    while todo:
        for child in todo.pop().children:
            if child.dep_ == "conj":
                chain.append(child)
                todo.append(child)
    return sorted(chain, key=lambda t: t.i)


# --------------------------------------------------------------------------- roles


def person_role(ent: Span) -> tuple[str | None, str | None]:
    """Role and affiliation from titles before the name or an apposition around it; a U.S.
    politician's party tag ("Sen. Rand Paul, R-Ky.") gives the affiliation."""
    role = affiliation = None
    for finder in (_prefix_role, _appos_role, _head_role, _shared_title):
        role, affiliation = finder(ent)
        if role:
            break
    return (role, affiliation or _party(ent)) if role else (None, None)


def _shared_title(ent: Span) -> tuple[str | None, str | None]:
    """ "Senators Amy Klobuchar and Chuck Grassley": a plural title before the first of the
    names coordinated is each one's (in the singular)."""
    first = ent.root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first is ent.root:
        return None, None
    doc = ent.doc
    head = next((e for e in doc.ents if e.start <= first.i < e.end and e.label_ == "PERSON"), None)
    if head is None:
        return None, None
    plural = (head.root.dep_ == "appos" and _plural_title(head.root.head)) or (
        _title_before(head) is not None
    )
    if not plural:
        return None, None
    role, affiliation = _prefix_role(head)
    return (role, affiliation) if role else _head_role(head)


def _party(ent: Span) -> str | None:
    doc = ent.doc
    after = doc[ent.end : ent.end + 6].text.lstrip(" ,(")
    m = names.PARTY_TAG.match(after.split(" ")[0].rstrip(",)")) if after else None
    return f"{names.PARTIES[m['party']]}, {m['state']}" if m else None


def _learn_gender(draft: Draft, words: list[str]) -> None:
    """Gender from honorifics and gendered role words ("Mrs.", "spokesman"); they overrule
    one guessed from a pronoun ("David Kamin … said … her proposals" took Mrs. Clinton's "her"
    for his; "Mr. Kamin" says otherwise, and "he added" is his again)."""
    for w in words:
        _know_gender(
            draft, "m" if w in names.MALE_WORDS else "f" if w in names.FEMALE_WORDS else None
        )


def _know_gender(draft: Draft, said: str | None) -> None:
    """A gender the article's words show (see ``gender``): it overrules one guessed from a
    pronoun, not one shown before."""
    if said is not None and (draft.gender is None or draft.gender_guessed):
        draft.gender, draft.gender_guessed = said, False


def _role_possessor(ent: Span) -> int | None:
    """The possessive determiner of the role noun in apposition with the name."""
    head = next((c for c in ent.root.children if c.dep_ == "appos" and c.i >= ent.end), None)
    if head is None and ent.root.dep_ == "appos" and ent.root.head.i < ent.start:
        head = ent.root.head
    poss = next((c for c in head.children if c.dep_ == "poss"), None) if head is not None else None
    return poss.i if poss is not None else None


def _prefix_role(ent: Span) -> tuple[str | None, str | None]:
    """ "German Chancellor Olaf Scholz", "Transport Minister Halvard Oskarsen"."""
    doc = ent.doc
    toks = [t for t in ent if t.lower_.rstrip(".") in names.TITLE_PREFIXES]
    k = ent.start - 1
    while (k >= 0 and doc[k].head.i in range(ent.start, ent.end)) or (
        k >= 0
        and doc[k].dep_ in ("compound", "amod")
        and doc[k].head.i > k
        and doc[k].head.i < ent.end
    ):
        if doc[k].dep_ not in ("compound", "amod", "nmod"):
            break
        toks.insert(0, doc[k])
        k -= 1
    title = _title_before(ent)
    if (
        title is not None
        and title.lower_.rstrip(".") in names.PLURAL_ABBREVIATIONS
        and title not in toks
    ):
        toks.insert(0, title)  # "Sens. Ann Lee and …", however the parser hangs the title
    affiliation = next((_country_named(t) for t in toks if t.ent_type_ in ("NORP", "GPE")), None)
    words = [
        t for t in toks if t.ent_type_ not in ("NORP", "GPE") and t.lower_ not in names.HONORIFICS
    ]
    spelled = [  # one person's title: "Senators A and B" makes each a senator; an
        # institution's name keeps its capitals ("Manhattan Supreme Court justice"), so does
        # an acronym ("former acting FBI director")
        names.ABBREVIATED_ROLES.get(t.lower_.rstrip("."), _title_word(t))
        if t.ent_type_ not in ("ORG", "PERSON")  # "Clinton campaign spokesman"
        or t.lower_.rstrip(".") in names.PLURAL_ABBREVIATIONS  # (the model's "Sens. Jon Tester")
        else t.text
        for t in words
    ]
    if not any(
        w.rstrip(".") in names.ROLE_NOUNS or t.lemma_.lower().rstrip(".") in names.ROLE_NOUNS
        for w, t in zip(spelled, words, strict=True)
    ):
        return None, affiliation
    # as written between the words ("vice-presidential nominee", not "vice - presidential"); an
    # abbreviation's stop split off by the parser goes ("Lt. Gen." → "lieutenant general")
    parts: list[str] = []
    for w, t in zip(spelled, words, strict=True):
        if t.text == "." and parts:
            parts[-1] = parts[-1].rstrip() + t.whitespace_
        else:
            parts.append((w.rstrip(".") if w != t.lower_ else w) + t.whitespace_)
    return "".join(parts).strip(), affiliation


def _country_named(tok: Token) -> str:
    """The country a place or nationality word of a title names, read from the whole name the
    word is part of ("South Korean President Park" is of South Korea, not of "South")."""
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    if ent is not None:
        whole = names.country_of(ent.text)
        if whole:
            return whole
        if len(ent) > 1 and not names.country_of(tok.text):
            return ent.text
    return names.country_of(tok.text) or tok.text


def _appos_role(ent: Span) -> tuple[str | None, str | None]:
    """ "Irena Vasquel, general secretary of the union"."""
    appos = next((c for c in ent.root.children if c.dep_ == "appos" and c.i >= ent.end), None)
    return _role_np(appos) if appos is not None else (None, None)


def _premodifiers(head: Token) -> list[Token]:
    """The adjectives and nouns before a noun, theirs included ("former CIA station chief")."""
    out = []
    for c in head.children:
        if c.dep_ in ("amod", "compound") and c.i < head.i:
            out += [*_premodifiers(c), c]
    return out


def _title_word(tok: Token) -> str:
    """A word of a title, as one person's and in lower case, but an institution's name or an
    acronym ("Manhattan Supreme Court justice", "former acting FBI director")."""
    return tok.text if tok.ent_type_ == "ORG" or _acronym(tok) else _singular(tok)


def _singular(tok: Token) -> str:
    """A title word as one person's: "senators" → "senator", "Sens." → "senator" ("Ministers"
    opening a sentence too, which the model may take for a proper noun)."""
    if (short := tok.lower_.rstrip(".")) in names.PLURAL_ABBREVIATIONS:
        return names.ABBREVIATED_ROLES[short]
    return tok.lower_[:-1] if _plural_title(tok) else tok.lower_


def _plural_title(tok: Token) -> bool:
    """ "Senators", "ministers", "Sens.", "Reps.": a title of several people."""
    low = tok.lower_
    if tok.is_title and low.rstrip(".") in names.PLURAL_ABBREVIATIONS:
        return True
    return tok.tag_ in ("NNS", "NNP", "NNPS") and low.endswith("s") and low[:-1] in names.ROLE_NOUNS


def _title_before(ent: Span) -> Token | None:
    """The plural title right before a name ("Senators Ann Lee and …"), also one written short
    that the tokenizer cut from its stop ("Sens" "." "Ann Lee": the parser may even end a
    sentence there)."""
    doc, k = ent.doc, ent.start - 1
    if k >= 1 and doc[k].text == "." and _plural_title(doc[k - 1]):
        return doc[k - 1] if doc[k - 1].lower_ in names.PLURAL_ABBREVIATIONS else None
    return doc[k] if k >= 0 and _plural_title(doc[k]) else None


def _head_role(ent: Span) -> tuple[str | None, str | None]:
    """ "Japan's vice minister for global affairs, Kenji Morisawa"."""
    if ent.root.dep_ != "appos" or ent.root.head.i >= ent.start:
        return None, None
    return _role_np(ent.root.head)


def _role_np(head: Token) -> tuple[str | None, str | None]:
    if head.pos_ != "NOUN" or head.lemma_.lower() not in names.ROLE_NOUNS:
        return None, None
    doc = head.doc
    words = [
        _title_word(t)
        for t in sorted([*_premodifiers(head), head], key=lambda t: t.i)
        if t.ent_type_ not in ("NORP", "GPE")
    ]
    affiliation = None
    for child in head.children:
        if child.dep_ == "poss" and (
            child.ent_type_ in ("GPE", "ORG", "NORP") or child.pos_ == "PROPN"
        ):
            affiliation = names.clean_name(child.text)
        elif child.dep_ in ("amod", "compound") and child.ent_type_ == "NORP":
            affiliation = names.country_of(child.text) or child.text
    for child in head.children:
        if child.dep_ != "prep" or child.lower_ not in ("of", "at", "for", "with"):
            continue
        pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        span = doc[pobj.left_edge.i : pobj.right_edge.i + 1]
        org_like = (
            pobj.ent_type_
            or pobj.lemma_.lower() in names.ORG_WORDS
            or child.lower_ in ("at", "with")
            # "director of the VOA Eurasian division" names where; "director of debate" what
            or (child.lower_ == "of" and any(t.ent_type_ or t.pos_ == "PROPN" for t in span))
        )
        if org_like and affiliation is None:
            affiliation = names.clean_name(_strip_det(doc[span.start : _org_end(pobj) + 1]))
        elif not org_like and len(span) <= 5:
            words += [child.lower_, span.text.lower()]
    return " ".join(words), affiliation


def _org_end(pobj: Token) -> int:
    """Where an organization a role is at ends: before "in" and its place ("Seton Hall
    University in New Jersey" is Seton Hall University) and before a second role joined to it
    ("the Wayne State University School of Medicine and the editor of a … blog"; a name
    joined to a name, "Iraq and Afghanistan Veterans of America", stays whole)."""
    for c in pobj.rights:
        if c.dep_ == "conj" and c.pos_ == "NOUN" and not c.ent_type_:
            end = c.left_edge.i - 1
            while end > pobj.i and pobj.doc[end].dep_ in ("cc", "punct"):
                end -= 1
            return end
        if (
            c.dep_ == "prep"
            and c.lower_ == "in"
            and any(g.ent_type_ in ("GPE", "LOC") for g in c.children)
        ):
            return c.i - 1
    return pobj.right_edge.i


_JOINER = re.compile(r"\s*[/\-\u2013]\s*")
# an event's name ("American Music Awards", "the AMAs", "Cannes Film Festival"): no company
_EVENT_NAME = re.compile(
    r"\b(?:Awards?|Festival|Games|Olympics|Championships?|Cup|Prizes?|Tournament|Conference|"
    r"Summit|Expo|Marathon|Bowl)$|^(?:the\s+)?[A-Z]{2,}s$"
)
# the article an Arabic surname may carry or drop ("Bashar al-Assad", "Mr Assad")
_ARTICLE = re.compile(r"^(?:al|el)[-‑]")
_QUANTIFIERS = frozenset(
    {"the", "a", "an", "many", "some", "several", "most", "other", "few", "all"}
)
_SHARES = _QUANTIFIERS | {"both", "each"}
# collectives named by what they are made of: "groups of protesters", "hundreds of workers"
_COLLECTIVES = frozenset(
    {"group", "crowd", "band", "handful", "dozen", "dozens", "hundreds", "thousands", "number"}
)


def members_of(tok: Token) -> Token | None:
    """The plural noun after "of" that a collective head is made of ("small groups of
    protesters", "hundreds of workers"), else None."""
    if tok.lemma_.lower() not in _COLLECTIVES and tok.lower_ not in _COLLECTIVES:
        return None
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    member = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    if member is None or member.pos_ != "NOUN" or member.tag_ != "NNS":
        return None
    return member


def _joined_to(tok: Token) -> Token | None:
    """The one person a possessive pronoun's noun is joined to ("The nominee and his aides",
    "Trump and his aides"): a name or a role noun, else None."""
    noun = tok.head
    partner = noun.head
    if tok.dep_ != "poss" or noun.dep_ != "conj" or partner.i >= tok.i:
        return None
    if partner.tag_ not in ("NN", "NNP") or (noun.i - partner.i) > 4:
        return None
    person = partner.ent_type_ == "PERSON" or partner.lemma_.lower() in names.ROLE_NOUNS
    return partner if person else None


def shares_of(tok: Token) -> Token | None:
    """The quantity of a plural noun after "of" ("Many of his supporters believe …", "Two of
    the senators said": the supporters speak, some of them), else None."""
    of = tok.head
    if tok.dep_ != "pobj" or tok.tag_ != "NNS" or of.lower_ != "of" or of.dep_ != "prep":
        return None
    share = of.head
    if share.pos_ == "NUM" and share.dep_ in ("nsubj", "nsubjpass"):
        return share
    return share if share.lower_ in _SHARES and share.pos_ in ("ADJ", "DET", "PRON") else None


_OWNER = re.compile(
    r"^(?:U\.?N\.?|United Nations|U\.?S\.?|United States|E\.?U\.?|European Union)\s+(?=\S)"
)


def _body_key(name: str) -> str | None:
    """The key a body of two or more words has with or without the union or country it
    belongs to: "U.N. Security Council", "United Nations Security Council" and "Security
    Council" are one council."""
    rest = _OWNER.sub("", name)
    return "owned:" + rest.lower() if len(rest.split()) >= 2 else None


def _strip_det(span: Span, words: frozenset[str] = frozenset({"the", "a", "an"})) -> str:
    toks = list(span)
    while toks and toks[0].lower_ in words:
        toks = toks[1:]
    return "".join(t.text_with_ws for t in toks).strip()


def _ends(name: list[str], tail: list[str]) -> bool:
    """``tail`` is the last words of ``name``, as written."""
    return name[-len(tail) :] == tail


def _tail_of(a: list[str], b: list[str]) -> bool:
    """One name the other's last words, two or more, in any case: "De Blasio" (a headline, a
    sentence's start) and "Bill de Blasio", "Van Hollen" and "Chris Van Hollen"."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 2 and [w.lower() for w in long_[-len(short) :]] == [
        w.lower() for w in short
    ]


def _role_cased(span: Span, name: str) -> str:
    """A role known from a description, in lower case but its acronyms and the names in it
    ("the former acting FBI director", "the Japanese trade minister")."""
    proper = {t.text for t in span if _acronym(t) or t.ent_type_ in ("NORP", "GPE", "ORG")}
    return " ".join(w if w in proper else w.lower() for w in name.split())


def _acronym(tok: Token) -> bool:
    """ "FBI", "NATO": capital letters only, two or more."""
    return tok.is_upper and tok.is_alpha and len(tok.text) > 1


def _same_side(a: str, b: str) -> bool:
    """ "Democratic" and "Democrat", "Republican" and "Republicans": one party (or country)."""
    return a.lower()[:5] == b.lower()[:5]


def _in_reported_clause(subject: Token) -> bool:
    """The subject of a clause that a verb of saying governs ("it means Trump never paid" under
    "Clinton says"): another one's words, not the sentence's own actor."""
    verb = subject.head
    while verb.dep_ in ("conj", "ccomp", "xcomp") and verb.head.i != verb.i:
        if verb.dep_ == "ccomp" and is_cue_lemma(verb.head.lemma_.lower()):
            return True
        verb = verb.head
    return False


def _other_gender(known: Draft, name: str) -> bool:
    """Whether a full name's first name is of the other gender than the one the article showed
    for a person known so far by surname ("Mr. Obama", "President Obama … he": not Michelle)."""
    given = name_gender(name)
    return bool(given and known.gender and not known.gender_guessed and known.gender != given)


_PARTY_WORDS = ("democr", "republ", "libert", "green", "indep", "gop")


def _other_party(sides: list[str], role: str) -> bool:
    """Whether a role names a party ("libertarian presidential candidate") other than every
    party a description names ("the Democratic presidential candidate")."""
    named = [p for p in _PARTY_WORDS if any(s.lower().startswith(p) for s in sides)]
    held = [p for p in _PARTY_WORDS if any(w.startswith(p) for w in role.lower().split())]
    return bool(named and held and not set(named) & set(held))


def _reports(noun: Token) -> bool:
    """A noun that is the subject of a verb of saying ("his lawyer said")."""
    return noun.dep_ == "nsubj" and is_cue_lemma(noun.head.lemma_.lower())
