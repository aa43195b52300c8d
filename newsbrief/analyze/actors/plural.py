"""Speakers named by a plural role noun: "The analysts said", "Most of the senators said", and
the bare noun for the one group the article names with a modifier ("Experts said", "tax experts
said": one group)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsbrief.analyze.actors import names
from newsbrief.analyze.actors.draft import Draft, Resolver, shares_of

__all__ = ["modal", "one_group_per_noun", "plural_role", "plural_speakers"]

# what narrows a plural noun to a group of its own: "tax experts", "Republican senators",
# "Obama's advisers"
_NARROWING = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
# words before a plural noun that take a share of a group or count it, and leave the group as
# it is ("some experts", "many of the experts", "two experts"); not "other experts"
_SHARE_WORDS = frozenset(
    {"some", "many", "most", "several", "few", "all", "more", "numerous", "various", "both"}
)


def plural_speakers(res: Resolver, tok: Token) -> None:
    """ "The analysts said …", "Two of the senators said …": a plural role noun as a speaker.
    The group a mention headed by the same noun stands for ("the officials" after "Pentagon
    officials said"), or the people who hold the role named together just before ("The
    senators said" after "Senators Ann Lee and Bob Moss said": the two of them, as "the two
    senators" would be; a number of its own, "the two ministers" after three, is for
    ``Resolver.joint`` to match), else a group named after the noun ("Analysts", "Senators"),
    not one person who holds the role."""
    if res.earlier_plural(tok):
        return
    role = tok.lemma_.lower()
    counted = any(c.dep_ in ("nummod", "predet") for c in tok.children)  # "the two senators"
    if not counted and shares_of(tok) is None and res.joint(tok, 0, "person", role=role):
        return
    res.group(tok)


def plural_role(tok: Token) -> bool:
    """ "senators", "ministers", "judges": a plural role noun, which names a group when it
    speaks ("Democratic senators said …"), whether or not it is on the group lists."""
    return tok.tag_ == "NNS" and tok.lemma_.lower() in names.ROLE_NOUNS


def modal(verb: Token) -> bool:
    """ "whether the judges would rule that …": what they may say, not what they said."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def one_group_per_noun(res: Resolver) -> None:
    """ "Experts said …" and later "tax experts said …": where the article names a group of a
    plural noun with one modifier only, the bare noun is that group (one actor, under the
    fuller name), before or after it. Not where two modifiers name two groups ("Democratic
    senators", "Republican senators"), nor where a bare noun is narrowed after it ("officials
    at the agency") or by "other"."""
    groups: dict[str, list[tuple[Draft, list[Token]]]] = {}
    for draft in res.drafts:
        heads = _heads(res.doc, draft) if draft.kind == "group" else []
        lemmas = {t.lemma_.lower() for t in heads}
        if len(lemmas) == 1:
            groups.setdefault(lemmas.pop(), []).append((draft, heads))
    for lemma, drafts in groups.items():
        kinds = _variants(res.doc, lemma)
        if len(kinds) != 1 or "" in kinds:
            continue
        # (the group may have taken a bare "the experts" already: ``Resolver.earlier_plural``)
        wide = [d for d, heads in drafts if {_narrowed(t) for t in heads} - {""} == kinds]
        bare = [
            d
            for d, heads in drafts
            if d.name.lower() == heads[0].lower_
            and all(_narrowed(t) == "" and not _qualified(t) for t in heads)
        ]
        if len(wide) == 1 and bare:
            for draft in bare:
                wide[0].mentions.extend(draft.mentions)
                wide[0].aliases.append(draft.name)
                draft.mentions = []


def _heads(doc: Doc, draft: Draft) -> list[Token]:
    """The plural nouns that head a draft's mentions (pronouns left out); none where a mention
    is headed by anything else."""
    heads = []
    for m in draft.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span) or span[-1].pos_ == "PRON":
            continue
        if span[-1].tag_ != "NNS":
            return []
        heads.append(span[-1])
    return heads


def _variants(doc: Doc, lemma: str) -> set[str]:
    """The groups the article's plural nouns of ``lemma`` may name: each modifier's words, and
    "" where a bare noun is narrowed after it ("officials at the agency")."""
    kinds = set()
    for tok in doc:
        if tok.tag_ == "NNS" and tok.lemma_.lower() == lemma:
            narrowed = _narrowed(tok)
            if narrowed or _qualified(tok):
                kinds.add(narrowed)
    return kinds


def _narrowed(tok: Token) -> str:
    """The words that narrow ``tok`` before it ("tax", "federal and state", "other"), lower
    case; "" for none."""
    mods = [
        c
        for c in tok.lefts
        if (c.dep_ in _NARROWING and c.lower_ not in _SHARE_WORDS) or c.lower_ == "other"
    ]
    if not mods:
        return ""
    words = tok.doc[min(c.left_edge.i for c in mods) : tok.i]
    return " ".join(t.lower_ for t in words if not t.is_punct)


def _qualified(tok: Token) -> bool:
    return any(c.dep_ in ("prep", "appos") for c in tok.rights)
