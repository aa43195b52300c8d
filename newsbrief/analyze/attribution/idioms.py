"""Verbs of saying that attribute nothing: idioms ("that said", "it's fair to say", "a stream
called Miracle Run", "cards they never asked for") and what someone declined to say."""

from __future__ import annotations

from spacy.tokens import Token

_HEDGES = frozenset({"fair", "safe", "hard", "difficult", "easy", "early", "needless", "suffice"})


_NAMING = frozenset({"called", "named", "dubbed", "titled", "entitled", "known", "labeled"})
_NAME_VERBS = frozenset({"call", "name", "dub", "term", "nickname", "title", "label"})
_NAME_POS = frozenset({"PROPN", "DET", "NUM", "PUNCT", "X"})


def _gives_a_name(tok: Token) -> bool:
    """ "a simulation they call TNG50", "the group, which locals call the Brotherhood": a
    relative clause that names its noun says nothing (unlike "Trump, who called Clinton a
    liar", whose predicative is no name)."""
    if tok.lemma_ not in _NAME_VERBS or tok.dep_ not in ("relcl", "acl"):
        return False
    oprd = [c for c in tok.children if c.dep_ == "oprd"]
    return bool(oprd) and all(t.pos_ in _NAME_POS for c in oprd for t in c.subtree)


def idiom(tok: Token) -> bool:
    """ "That said, …", "it's fair to say …", "it's worth noting …", "a stream called Miracle
    Run", "cards they never asked for": a verb of saying that attributes nothing."""
    doc = tok.doc
    if tok.lower_ in _NAMING and tok.dep_ == "acl":
        return not any(c.dep_ == "agent" for c in tok.children)
    if _gives_a_name(tok):
        return True
    if tok.lemma_ == "ask" and any(
        c.lower_ == "for" and not list(c.children) for c in tok.children
    ):
        return True  # "credit cards in the mail they never asked for": a thing wanted, not words
    if tok.dep_ == "xcomp" and tok.head.lower_ == "worth":
        return True
    if _declined(tok):
        return True  # "declined to threaten Moscow or even declare it responsible"
    before = " ".join(t.lower_ for t in doc[max(0, tok.i - 2) : tok.i])
    if tok.lemma_ == "say" and before.endswith(("let 's", "let ’s", "without", "go without")):
        return True  # "let's say you …", "it goes without saying"
    if tok.lower_ == "said" and 0 < tok.i < len(doc) - 1:
        return doc[tok.i - 1].lower_ == "that" and doc[tok.i + 1].text == ","
    if tok.dep_ not in ("xcomp", "advcl") or tok.lemma_ != "say":
        return False
    return tok.head.lower_ in _HEDGES or any(c.lower_ in _HEDGES for c in tok.head.children)


_DECLINING = frozenset({"decline", "refuse", "fail", "avoid", "hesitate", "neglect"})


def _declined(tok: Token) -> bool:
    """A verb of saying joined to an infinitive that someone declined (refused, failed) to
    do: "declined to threaten Moscow or even directly declare it responsible" says nothing.
    (An infinitive right after the verb of declining is that verb's cue: "declined to
    comment".)"""
    if tok.dep_ != "conj" or tok.tag_ not in ("VB", "VBP"):  # a bare form ("declare")
        return False
    first = tok.head
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first.dep_ == "xcomp" and first.head.lemma_.lower() in _DECLINING:
        return True
    # the parser may join the bare verb to "declined" itself, past the infinitive and an
    # "or" ("declined to threaten Moscow or even declare …"; not "declined to comment but say
    # privately …", a statement of its own)
    if first.lemma_.lower() not in _DECLINING:
        return False
    doc = tok.doc
    return any(
        c.dep_ == "xcomp"
        and c.i < tok.i
        and any(t.lower_ in ("or", "nor") for t in doc[c.i : tok.i])
        for c in first.children
    )
