"""Verb frames outside plain reporting: raising ("X seems to …", "X is expected to …"), light
verbs ("expressed concern about X") and verbs of regarding ("see X as Y")."""

from __future__ import annotations

from spacy.tokens import Token

from newsbrief.analyze import cues as lex
from newsbrief.analyze.attribution.core import Ctx, Found, is_quoting_token
from newsbrief.analyze.attribution.spans import subtree_range

NO_CONTENT: Found = ([], "indirect", [], [])

_RAISING = frozenset({"seem", "appear"})
_PASSIVE_RAISING = frozenset(
    {"expect", "say", "believe", "think", "report", "know", "consider", "rumor", "allege", "see"}
)


def raised(ctx: Ctx, tok: Token, lemma: str) -> Found | None:
    """ "X seems to …", "X is expected to …": the subject and the infinitive are the content."""
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    if lemma not in _RAISING and not (passive and lemma in _PASSIVE_RAISING):
        return None
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
    if xcomp is None or not any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
        xcomp = _seems_like(tok) if lemma in _RAISING else None
        if xcomp is None:
            return None
    if is_quoting_token(xcomp):
        return NO_CONTENT  # "X seems to say …": the inner verb attributes
    parts = [ctx.clip(subtree_range(xcomp), tok)]
    if subj is not None:
        parts.insert(0, ctx.clip(subtree_range(subj), tok))
    return [ctx.chars(p) for p in parts if p[0] < p[1]], "indirect", [], []


def _seems_like(tok: Token) -> Token | None:
    """ "X seems ready to …", "it seemed like …", "X seemed an insult away from …"."""
    return next(
        (
            c
            for c in tok.children
            if c.i > tok.i
            and (c.dep_ in ("acomp", "attr", "oprd") or (c.dep_ == "prep" and c.lower_ == "like"))
        ),
        None,
    )


def light_verb(ctx: Ctx, tok: Token) -> Found | None:
    """ "expressed deep concern about X", "made the case for X", "took aim at X": the noun and
    its preposition join the cue, the preposition's object is the content."""
    if tok.lemma_.lower() not in lex.LIGHT_VERBS:
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is None or obj.lemma_.lower() not in lex.LIGHT_NOUNS:
        return None
    for prep in (*obj.children, *tok.children):
        if prep.dep_ == "prep" and prep.i > obj.i and prep.lower_ in _LIGHT_PREPS:
            pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                rng = ctx.clip(subtree_range(pobj), tok)
                extra = [obj, prep, *(t for t in obj.subtree if t.i < obj.i)]
                return [ctx.chars(rng)], "indirect", extra, []
    return None


_LIGHT_PREPS = frozenset(
    {"about", "over", "for", "with", "on", "into", "of", "at", "against", "to"}
)


_EVALUATIVE = frozenset({"favorably", "unfavorably", "positively", "negatively", "favourably"})


def regard(ctx: Ctx, tok: Token) -> Found | None:
    """ "voters see Clinton as the stronger candidate", "55 percent view Trump unfavorably": the
    object with what it is seen as (without the "as" phrase, no attribution: "saw him there")."""
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None:
        return None
    tail = [
        c
        for c in (*tok.children, *obj.children)
        if c.i > max(obj.i, tok.i)
        and ((c.dep_ == "prep" and c.lower_ == "as") or c.lower_ in _EVALUATIVE)
    ]
    if not tail:
        return None
    lo = obj.left_edge.i if obj.dep_ == "dobj" else tok.i + 1
    rng = ctx.clip((lo, max(t.right_edge.i for t in tail) + 1), tok)
    if obj.dep_ == "nsubjpass":
        parts = [ctx.clip(subtree_range(obj), tok), rng]
        return [ctx.chars(p) for p in parts if p[0] < p[1]], "indirect", [], []
    return ([ctx.chars(rng)], "indirect", [], []) if rng[0] < rng[1] else None
