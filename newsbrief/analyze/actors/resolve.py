"""Actors: resolve every mention of a person, organization, country or outlet to one actor.

One pass over the tokens, rules over the parse and the named entities (no coreference model):

* named entities (PERSON, ORG, GPE) become actors; full names and surnames, acronyms and
  ``the <org word>`` descriptions merge into one actor whose name is the fullest proper name;
  an organization's name the model cut short ("House" of "House Freedom Caucus", of "House
  Democrats") runs on to the body word or party members it names;
* an ORG or GPE the small model gives to a person (a name after a title, or with a surname seen
  before) is repaired to a person; outlets (``Kyodo news agency``, ``state media``) become media;
* titles and appositions give role and affiliation ("German Chancellor Olaf Scholz",
  "Irena Vasquel, general secretary of the union", "Japan's vice minister …, Kenji Morisawa");
* pronouns go to the nearest compatible preceding actor (persons by gender, learned from
  honorifics, gendered role words, common first names and earlier pronouns, see ``gender``;
  a nearer unnamed "the woman" keeps "she" from them; ``it``/``they`` to organizations and
  groups, ``they`` to none where people no actor stands for come first, see ``they``),
  relative pronouns to the noun they modify, ``the chancellor`` to the person with that role,
  and a capital used as a subject ("Washington rejected") to its country;
* unnamed collective speakers ("analysts said", "the operators said", "Democratic senators
  said") become group actors.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsbrief.analyze.actors import bodies, described, extents, names, placed_roles
from newsbrief.analyze.actors.draft import Draft, Resolver, members_of, shares_of
from newsbrief.analyze.actors.index import KIN, ActorIndex
from newsbrief.analyze.actors.plural import (
    modal,
    one_group_per_noun,
    plural_role,
    plural_speakers,
)
from newsbrief.analyze.cues import OPPOSE, STATEMENT_NOUNS, is_cue_lemma
from newsbrief.analyze.quotes import QuoteIndex, find_quotes
from newsbrief.models import Actor, Article, Sentence

_PLACES = frozenset({"GPE", "LOC", "FAC"})
_FOLLOWERS = frozenset(w for w in names.FOLLOWERS | KIN if w.endswith("s"))  # ("a friend": one)


def resolve_actors(doc: Doc, article: Article, sentences: list[Sentence]) -> ActorIndex:
    """Resolve the actors of one parsed article."""
    quotes = QuoteIndex(find_quotes(article.text, article.paragraphs))
    res = Resolver(doc, article.text, sentences, lambda offset: quotes.at(offset) is not None)
    datelines = [
        (p.start, p.end)
        for i, p in enumerate(article.paragraphs)
        if article.paragraph_kind(i) == "dateline"
    ]
    ents = res.prose_entities(doc.ents, datelines)
    res.place_words = {
        w for e in ents.values() if e.label_ in _PLACES for w in e.text.lower().split()
    }
    res.name_words = {
        w for e in ents.values() if e.label_ != "PERSON" for w in e.text.lower().split()
    }
    skip_to = 0
    for tok in doc:
        if tok.i < skip_to or (res.outside_prose(tok) and tok.i not in ents):
            continue
        ent = ents.get(tok.i)
        if ent is not None:
            ent = extents.widened(ent)
        if ent is not None and _entity(res, ent):
            skip_to = ent.end
            continue
        if (end := res.untagged_person(tok)) is not None:  # "Ivanka Trump acknowledged …"
            skip_to = end
            continue
        _token(res, tok)
    for tok in doc:  # "Klobuchar and Grassley said": the two of them speak, not the last named
        if tok.dep_ in ("nsubj", "nsubjpass") and is_cue_lemma(tok.head.lemma_.lower()):
            res.joint_speakers(tok)
    one_group_per_noun(res)  # "Experts said …", "tax experts said …": one group
    res.finish()
    return _index(res.drafts, article.text)


# --------------------------------------------------------------------------- named entities


def _entity(res: Resolver, ent: Span) -> bool:
    ent = extents.possessor(extents.described(extents.undated(extents.joined(ent))))
    ent = extents.unsaid(extents.outlet(extents.uncomma(ent)))
    label = ent.label_
    if label not in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    name = _entity_name(ent)
    alone = len(ent) == 1 and all(t.is_punct for t in ent.sent if t.i != ent.start)
    if label == "PERSON" and alone and not res.knows_surname(name):
        return False  # "Harsh? He doesn't think so.": a word asked on its own is no one
    if not name or _noise(res, ent, name):
        return label == "PERSON" and bool(name) and _as_place(res, ent, name)
    if label == "NORP":
        return _norp(res, ent)
    # (not "Michael Bloomberg", nor "Bloomberg" once he is named: a person, not the outlet)
    person = (label == "PERSON" and len(name.split()) >= 2) or res.knows_surname(name)
    if label in ("GPE", "ORG") and len(ent) == 1 and res.knows_surname(name):
        res.person(ent, name)  # "Klobuchar and Grassley said": the model's GPE is the senator
        return True
    if (names.is_media_name(name) or _followed_by_media_word(ent)) and not person:
        res.named(ent, name, "media", affiliation=_possessor_country(ent))
    elif (
        label == "PERSON"
        and len(ent) == 1
        and ent[0].tag_ in ("NNS", "NNPS")
        and not res.knows_surname(name)  # "Sanders" after "Bernie Sanders" is no group
    ):
        res.group(ent[0])
    elif label == "PERSON" or (label == "ORG" and _looks_like_person(res, ent, name)):
        res.person(ent, name)
    elif label == "GPE":
        country = names.CAPITALS.get(name.lower()) if extents.for_government(ent) else None
        res.named(ent, country or name, "country", alias=name if country else None)
    else:
        res.named(ent, name, "organization", affiliation=_possessor_country(ent))
    return True


def _entity_name(ent: Span) -> str:
    toks = list(ent)
    while toks and (toks[0].lower_ in names.HONORIFICS or extents.opens_a_name(toks[0])):
        toks = toks[1:]
    if ent.label_ == "PERSON":
        while len(toks) > 1 and toks[0].lower_.rstrip(".") in names.TITLE_PREFIXES:
            toks = toks[1:]
    if not toks:
        return ""
    return names.clean_name("".join(t.text_with_ws for t in toks))


_DATELINE = re.compile(r"\s*(?:,[^\n,—–-]{0,40})?\s*[—–-]")


def _noise(res: Resolver, ent: Span, name: str) -> bool:
    """Dateline capitals ("PORT SELANE, Valmora -") and one-word "persons" that are places: a word
    of a place name, or the country of a demonym ("Valmora" beside "Valmoran")."""
    if (
        name.isupper()
        and name.lower() not in names.SPLIT_OUTLETS  # "USA TODAY", as the paper writes it
        and (len(name) > 5 or (ent.start_char < 60 and _DATELINE.match(res.text, ent.end_char)))
    ):
        return True
    if ent.label_ != "PERSON" or " " in name:
        return False
    low = name.lower()
    return low in res.place_words or any(
        word.startswith(low[:-1]) and len(word) > len(low) and word[-1] == "n"
        for word in res.name_words
    )


def _as_place(res: Resolver, ent: Span, name: str) -> bool:
    if name.isupper():
        return True
    res.named(ent, name, "country")
    return True


def _looks_like_person(res: Resolver, ent: Span, name: str) -> bool:
    if names.is_org_name(name) or not all(t.is_title or t.is_punct for t in ent):
        return False
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_.rstrip(".") in names.TITLE_PREFIXES | names.HONORIFICS:
        return True
    return len(ent) <= 3 and res.knows_surname(name.split()[-1])


def _followed_by_media_word(ent: Span) -> bool:
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].lower_ in ("news", "agency", "newspaper", "tv")


def _possessor_country(ent: Span) -> str | None:
    """ "Japan's Kyodo news agency": the country owning the noun phrase."""
    head = ent.root.head if ent.root.dep_ == "compound" else ent.root
    for child in head.children:
        if child.dep_ == "poss" and child.ent_type_ in ("GPE", "NORP"):
            return names.CAPITALS.get(child.lower_) or names.clean_name(child.text)
        if child.dep_ in ("amod", "compound") and child.ent_type_ == "NORP":
            return names.country_of(child.text) or child.text
    return None


def _norp(res: Resolver, ent: Span) -> bool:
    """ "Iranian state media": a demonym modifying an outlet word makes a media actor; a party's
    or a people's members as a speaker ("Republicans said") are a group."""
    root = ent.root
    head = root.head
    if root.dep_ in ("amod", "compound") and head.lower_ in {"media", "television", "tv", "press"}:
        lo = min(ent.start, head.left_edge.i)
        span = ent.doc[lo : head.i + 1]
        country = names.country_of(ent.text) or ent.text
        res.named(span, names.clean_name(span.text), "media", affiliation=country)
        return True
    if root.tag_ == "NNPS" and ent.end == root.i + 1 and _speaks(root) and not modal(root.head):
        res.group(root)  # "Republicans said", "Palestinians argued": a group, as "Lawmakers said"
        return True
    return False


# --------------------------------------------------------------------------- other tokens


_PRONOUNS = {"he", "him", "his", "she", "her", "it", "its", "they", "them", "their"}


# "the pair", "the two senators", "both men": how many named together each stands for (0: any)
_JOINT_NOUNS = {"pair": 2, "duo": 2, "trio": 3}
_JOINT_COUNTS = {"two": 2, "three": 3, "four": 4, "both": 2}
_PEOPLE = frozenset({"man", "woman", "men", "women", "people", "leader", "lawmaker", "brother"})


def _joint(res: Resolver, tok: Token) -> bool:
    """A speaker that refers back to people (or bodies) named together: "the bipartisan pair
    said", "the two senators said", "both companies said" (see ``Resolver.joint``)."""
    if not (tok.dep_ in ("nsubj", "nsubjpass") and is_cue_lemma(tok.head.lemma_.lower())):
        return False
    lemma = tok.lemma_.lower()
    dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "predet", "nummod")]
    count = next((_JOINT_COUNTS[d] for d in dets if d in _JOINT_COUNTS), 0)
    if lemma in _JOINT_NOUNS and "the" in dets:
        count = count or _JOINT_NOUNS[lemma]
    elif not (count and tok.tag_ == "NNS"):
        return False
    if lemma in names.ORG_WORDS and lemma not in names.GROUP_HEADS:
        return res.joint(tok, count, "organization")
    if lemma in _JOINT_NOUNS or lemma in _PEOPLE or lemma in names.ROLE_NOUNS:
        return res.joint(tok, count, "person")
    return False


def _token(res: Resolver, tok: Token) -> None:
    low = tok.lower_
    if tok.pos_ in ("NOUN", "PROPN") and not res.quoted(tok.idx) and _joint(res, tok):
        return
    named = tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.is_title)
    if named and not tok.ent_type_ and res.knows_surname(tok.text):
        res.person(tok.doc[tok.i : tok.i + 1], tok.text)
        return
    if named and not tok.ent_type_ and res.short_name(tok):  # "Teravion" for "Teravion Systems"
        return
    if tok.pos_ in ("NOUN", "PROPN") and (
        bodies.placed(res, tok) or bodies.of_chamber(res, tok) or placed_roles.person(res, tok)
    ):
        return  # "the U.S. embassy in …", "the Vermont senator": not the place (see either)
    if tok.pos_ == "PRON" and low in _PRONOUNS:
        if not res.quoted(tok.idx):
            res.pronoun(tok)
    elif low in ("who", "that", "which", "whom") and tok.dep_ in ("nsubj", "nsubjpass", "dobj"):
        if tok.head.dep_ == "relcl":
            res.relative(tok)
    elif tok.pos_ == "NOUN" and (
        not tok.ent_type_ or (tok.ent_type_ == "CARDINAL" and members_of(tok) is not None)
    ):  # "Hundreds of workers": a number the model tagged, made of people
        _noun(res, tok)
    elif tok.pos_ == "PROPN" and not tok.ent_type_ and low in names.ORG_WORDS:
        bodies.office(res, tok)


_OUTLET_HEADS = frozenset(
    {"agency", "media", "newspaper", "broadcaster", "television", "outlet", "paper"}
)


def _modified(tok: Token) -> bool:
    return any(c.dep_ in ("appos", "compound") for c in tok.children)


def _names_inside(tok: Token) -> bool:
    """ "Japan's Kyodo news agency": the noun phrase already names an actor (not "Trump's
    critics", a group of their own)."""
    return tok.lower_ not in names.FOLLOWERS and any(
        t.ent_type_ in ("PERSON", "ORG") for t in tok.doc[tok.left_edge.i : tok.i]
    )


def _noun(res: Resolver, tok: Token) -> None:
    res.unnamed_person(tok)
    low = tok.lower_
    det = next((c for c in tok.children if c.dep_ in ("det", "poss")), None)
    if low in ("media", "television") and any(
        c.lower_ in ("state", "state-run") for c in tok.children
    ):
        if not any(c.ent_type_ == "NORP" for c in tok.children):
            span = tok.doc[tok.left_edge.i : tok.i + 1]
            res.named(
                span, names.clean_name(span.text), "media", affiliation=res.nearby_country(tok)
            )
        return
    # "Some of the analysts said": a share of a group, which speaks as the group does, not
    # "the analysts" someone named before
    definite = det is not None and det.lower_ == "the" and shares_of(tok) is None
    if plural_role(tok) and not _modified(tok) and (definite or shares_of(tok) is not None):
        speaker = shares_of(tok) or tok
        if _speaks(speaker) and not modal(speaker.head) and not res.quoted(tok.idx):
            plural_speakers(res, tok)  # "The analysts said", "Two of the senators said"
            return
    if definite and tok.lemma_.lower() in names.ROLE_NOUNS and not _modified(tok):
        if not res.role_mention(tok) and tok.dep_ == "nsubj" and tok.head.dep_ == "ROOT":
            res.sole_actor(tok, untitled=True)
        return
    if definite and low in names.ORG_WORDS and bodies.office(res, tok):
        return
    if definite and low in names.ORG_WORDS and res.description(tok):
        return
    if res.quoted(tok.idx):
        return
    according = (
        tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"
    )
    speaking = _speaks(shares_of(tok) or tok) or _rejects_in_relative(tok)
    opposed = tok.dep_ == "dobj" and tok.head.lemma_.lower() in OPPOSE
    lemma = tok.lemma_.lower()
    if definite and speaking and lemma in STATEMENT_NOUNS and res.issuer(tok):
        return  # "The statement noted …": whoever issued it
    if described.speaker(res, tok, speaking=speaking):
        return
    if any(c.dep_ == "appos" for c in tok.children) or _names_inside(tok):
        if definite and low in names.ORG_WORDS:
            _remember_apposition(res, tok)
        return
    if definite and speaking and lemma in names.ROLE_NOUNS and lemma not in names.GROUP_HEADS:
        res.unnamed_official(tok)
        return
    members = members_of(tok)  # "a group of economists said": the economists
    if members is not None:
        lemma = members.lemma_.lower()
    groups = lemma in names.GROUP_HEADS or lemma in names.ORG_WORDS or low in _FOLLOWERS
    # "Democratic senators said", "Several judges have cited": a group, as "Lawmakers said"
    role = speaking and plural_role(members or tok) and not modal(tok.head)
    if according or ((speaking or opposed) and groups) or role:
        res.group(tok, media=lemma in _OUTLET_HEADS)
    elif tok.dep_ in ("poss", "dobj", "pobj", "nsubj"):
        res.group(tok, create=False)


def _speaks(tok: Token) -> bool:
    return tok.dep_ == "nsubj" and is_cue_lemma(tok.head.lemma_.lower())


def _remember_apposition(res: Resolver, tok: Token) -> None:
    """ "The group, WeWorkers Coalition, formed …": a later "the group" is that coalition."""
    for child in tok.children:
        if child.dep_ != "appos" or child.ent_type_ != "ORG":
            continue
        ent = next((e for e in tok.doc.ents if e.start <= child.i < e.end), None)
        if ent is not None:
            res.described[tok.lower_] = names.clean_name(ent.text).lower()
            return


def _rejects_in_relative(tok: Token) -> bool:
    """ "…, which the opposition rejects": the noun right before the verb of rejection."""
    doc = tok.doc
    nxt = tok.i + 1
    while nxt < len(doc) and doc[nxt].lower_ in ("has", "have", "strongly", "flatly", "also"):
        nxt += 1
    if nxt >= len(doc) or doc[nxt].lower_ not in names.REJECT_FORMS:
        return False
    return any(t.lower_ in ("which", "that") for t in doc[max(0, tok.i - 3) : tok.i])


# --------------------------------------------------------------------------- records


def _affiliations(drafts: list[Draft]) -> None:
    """ "general secretary of the union" → the union's full name when one organization has it."""
    orgs = [d for d in drafts if d.kind in ("organization", "media", "country") and d.mentions]
    for draft in drafts:
        if not draft.affiliation or draft.kind != "person":
            continue
        words = set(draft.affiliation.lower().split())
        if words <= names.GENERIC_NAME_WORDS:
            continue  # "Republican nominee …": the party, not the Republican National Committee
        owners = [
            o for o in orgs if words <= set(o.name.lower().split()) and o.name != draft.affiliation
        ]
        if len(owners) == 1:
            draft.affiliation = owners[0].name


def _index(drafts: list[Draft], text: str = "") -> ActorIndex:
    _affiliations(drafts)
    actors: list[Actor] = []
    by_span: dict[tuple[int, int], str] = {}
    for draft in drafts:
        if not draft.mentions:
            continue
        actor = draft.to_actor(f"a{len(actors) + 1}")
        actors.append(actor)
        for m in actor.mentions:
            by_span.setdefault((m.start, m.end), actor.id)
    return ActorIndex(actors=tuple(actors), _by_span=by_span, _text=text)
