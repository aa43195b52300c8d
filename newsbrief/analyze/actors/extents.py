"""Where a named entity's words begin and end, where the small model got it wrong: a name cut
short ("House" of "House Freedom Caucus"), cut at "and", run into a dateline, or run on past a
possessive into what the organization puts out."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsbrief.analyze.actors import names
from newsbrief.analyze.cues import OPPOSE, is_cue_lemma


def outlet(ent: Span) -> Span:
    """ "USA TODAY": an outlet's name the model split (``names.SPLIT_OUTLETS``), whole, as an
    organization (not the country "USA")."""
    doc = ent.doc
    if ent.end < len(doc):
        words = f"{ent.text} {doc[ent.end].text}".lower()
        if words in names.SPLIT_OUTLETS:
            return Span(doc, ent.start, ent.end + 1, label="ORG")
    return ent


def widened(ent: Span) -> Span:
    """ "House Freedom Caucus", "Senate Intelligence Committee": an organization's name the model
    cut short ("House"), its words a chain of capitalized compounds ending on a body word
    ("caucus", "committee") or a party's members ("House Democrats"), that the model left
    untagged or tagged apart ("Caucus", "Farmland Caucus" as a person); a title or a person
    after it stays out ("House Speaker Nancy Pelosi")."""
    doc = ent.doc
    head = ent.root
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    if (
        ent.label_ != "ORG"
        or not 0 < head.i - ent.end + 1 <= 4
        or not (head.lower_ in names.ORG_WORDS or _party_members(head))
    ):
        return ent
    rest = {e.start for e in doc.ents if ent.end <= e.start and e.end == head.i + 1}
    first = min(rest, default=head.i + 1)
    for t in doc[ent.end : head.i + 1]:
        if t.pos_ != "PROPN" or not t.is_title or t.lower_.rstrip(".") in names.TITLE_PREFIXES:
            return ent
        if t.ent_type_ and t.i < first:
            return ent  # another name before the body word ("House Speaker Nancy Pelosi")
        if t.i != head.i and (t.dep_ != "compound" or not t.i < t.head.i <= head.i):
            return ent
    return Span(doc, ent.start, head.i + 1, label=ent.label_)


def _party_members(tok: Token) -> bool:
    """ "Democrats", "Republicans" after a chamber: the members of a party in it."""
    return tok.tag_ == "NNPS" and tok.ent_type_ == "NORP"


def joined(ent: Span) -> Span:
    """ "Selane Dock and Harbour Workers' Union", "Customs and Border Protection figures": a
    name the model cut at "and" (before it or after it; the words on the other side are in
    capitals and no name of their own)."""
    doc = ent.doc
    k = ent.start - 1
    if ent.label_ != "ORG":
        return ent
    if k < 1 or doc[k].lower_ != "and" or not doc[k - 1].is_title:
        return _joined_after(ent)
    lo = k - 1
    while lo > 0 and doc[lo - 1].is_title and not doc[lo - 1].is_sent_start:
        lo -= 1
    if lo > 0 and doc[lo - 1].lower_ == "the":
        lo -= 1
    return Span(doc, lo, ent.end, label=ent.label_)


def _joined_after(ent: Span) -> Span:
    doc = ent.doc
    k = ent.end
    if k + 1 >= len(doc) or doc[k].lower_ != "and":
        return ent
    hi = k + 1
    while hi < len(doc) and hi - k <= 4 and doc[hi].is_title and doc[hi].pos_ == "PROPN":
        if doc[hi].ent_type_:
            return ent  # "Apple and Google": two names
        hi += 1
    if hi == k + 1 or (hi < len(doc) and doc[hi].is_title):
        return ent
    return Span(doc, ent.start, hi, label=ent.label_)


_DASHES = frozenset({"-", "—", "–", "--"})


def undated(ent: Span) -> Span:
    """ "CORVEL VALLEY - Lumera Semiconductor": drop a capitalized dateline the model took in."""
    for k, tok in enumerate(ent):
        if tok.text in _DASHES and 0 < k < len(ent) - 1:
            if all(t.is_upper or t.is_punct for t in ent[:k]):
                return Span(ent.doc, ent.start + k + 1, ent.end, label=ent.label_)
            break
    return ent


def uncomma(ent: Span) -> Span:
    """ "by Politico, Democratic party insiders are …": the model ran a name on across a comma
    into the words of the clause that follows; cut it at the comma when a word after it
    belongs to a word after the name."""
    if ent.label_ not in ("ORG", "PERSON"):
        return ent
    for k, tok in enumerate(ent):
        if tok.text == "," and 0 < k < len(ent) - 1:
            if any(t.head.i >= ent.end for t in ent[k + 1 :]):
                return Span(ent.doc, ent.start, ent.start + k, label=ent.label_)
            break
    return ent


def unsaid(ent: Span) -> Span:
    """ "Obama Says African-American Museum Will Tell …": a title-case headline's verb of
    saying that the model took into the person's name."""
    word = ent[-1].lower_
    saying = word in ("said", "told") or (word.endswith("s") and is_cue_lemma(word[:-1]))
    if ent.label_ != "PERSON" or len(ent) < 2 or not saying or not ent[-1].is_title:
        return ent
    return Span(ent.doc, ent.start, ent.end - 1, label=ent.label_)


def described(ent: Span) -> Span:
    """ "Drugmaker Pfizer", "Insurer Aviva": a word saying what kind of company it is, which
    the model takes into the name when it opens a sentence (and then may take the whole for a
    person): the company's name alone."""
    word = ent[0].lower_
    kind = word in _KINDS or (word.endswith("maker") and word != "maker")
    if ent.label_ not in ("ORG", "PERSON") or len(ent) < 2 or not kind or not ent[1].is_title:
        return ent
    return Span(ent.doc, ent.start + 1, ent.end, label="ORG")


# what a company is, said before its name ("chipmaker", "automaker" … end in "maker")
_KINDS = frozenset({"insurer", "lender", "retailer", "miner", "brewer", "refiner", "broadcaster"})


def possessor(ent: Span) -> Span:
    """ "the Bureau of Labor Statistics' Job Openings": an organization's own name (three words
    or more, "the" not counted) before a possessive, when what follows is something it puts out
    (a survey, a report), not a body of its own ("the Justice Department's Office of Inspector
    General" stays whole, and so do "McDonald's Corp." and "People's Republic")."""
    if ent.label_ != "ORG":
        return ent
    own = 1 if ent[0].lower_ == "the" else 0
    for k, tok in enumerate(ent):
        if tok.tag_ == "POS" and k - own >= 3 and k < len(ent) - 1:
            if any(t.lower_ in names.ORG_WORDS or t.lower_ in _PARTS for t in ent[k + 1 :]):
                return ent
            return Span(ent.doc, ent.start, ent.start + k, label=ent.label_)
    return ent


# what follows a possessive as a body of its own, or a name's own part ("People's Republic")
_PARTS = frozenset({"school", "college", "faculty", "republic"})


# what a government is accused of or blamed for, not a city attacked or visited
_AGAINST = OPPOSE - {"attack", "counter", "knock", "pan", "protest", "question", "rip"}


def for_government(ent: Span) -> bool:
    """A place name standing for its government: a subject ("Washington rejected the plan")
    or the one a stance is taken against ("Vietnam has accused Beijing of encroaching"), so
    that "Beijing" is China's side in who disagrees with whom."""
    root = ent.root
    if root.dep_ == "dobj":
        return root.head.lemma_.lower() in _AGAINST
    return root.dep_ in ("nsubj", "nsubjpass", "poss") and root.head.pos_ in ("VERB", "NOUN")


# words a sentence may open on that the model takes into the name after them ("Key Security
# Council members distanced themselves": the Security Council's)
_OPENING_ADJECTIVES = frozenset({"key", "top", "senior", "leading", "prominent", "several"})


def opens_a_name(tok: Token) -> bool:
    """Whether a name's first word is no part of it: "the", or a sentence's capitalized
    adjective ("Key Security Council")."""
    return tok.lower_ == "the" or (bool(tok.is_sent_start) and tok.lower_ in _OPENING_ADJECTIVES)
