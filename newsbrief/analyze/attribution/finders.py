"""Attribution candidates from the parse: one pass over the tokens dispatches each possible cue
to its finder (verbs here and in ``content``, the rest in ``nonverbal``); afterwards a
direct quotation takes the quotations that run on after its cue's sentence (``running``) and
a quotation paragraph nobody reports goes to the statement before it (``orphans``)."""

from __future__ import annotations

from spacy.tokens import Token

from newsbrief.analyze import cues as lex
from newsbrief.analyze.attribution.channels import citing_verb, folded_citation, trailing_channel
from newsbrief.analyze.attribution.content import verb_content
from newsbrief.analyze.attribution.core import (
    Cand,
    Ctx,
    is_cue_token,
    lemma_of,
    overlaps,
    speechlike,
)
from newsbrief.analyze.attribution.deeds import deed
from newsbrief.analyze.attribution.idioms import idiom
from newsbrief.analyze.attribution.nonverbal import (
    according,
    colon,
    in_document,
    noun_cue,
    passive_state,
    predicate,
    signed_quotes,
)
from newsbrief.analyze.attribution.participles import NO_SOURCE, acl_source
from newsbrief.analyze.attribution.relative import relative_rejections
from newsbrief.analyze.attribution.spans import (
    Range,
    cue_range,
    source_range,
    subject_of,
    subtree_range,
    trim,
)

__all__ = ["Cand", "Ctx", "find_candidates"]


def find_candidates(ctx: Ctx) -> list[Cand]:
    out: list[Cand] = list(signed_quotes(ctx))
    for tok in ctx.doc:
        cand: Cand | None = None
        if tok.idx > 0 and ctx.text[tok.idx - 1] == "<":
            continue  # a markup tag name ("<tweet author=…>") is no cue
        if ctx.quotes.at(tok.idx) is not None:
            cand = colon(ctx, tok) if tok.text == ":" else None  # a quoted transcript turn
        elif _shouted(ctx, tok):
            continue
        elif tok.lower_ == "according":
            cand = according(ctx, tok)
        elif tok.lower_ == "in" and tok.dep_ == "prep":
            cand = in_document(ctx, tok)
        elif tok.text == ":":
            cand = colon(ctx, tok)
        elif tok.lemma_ == "be":
            cand = predicate(ctx, tok)
        elif tok.pos_ == "NOUN":
            cand = noun_cue(ctx, tok)
        elif tok.tag_ == "VBN" and tok.lower_ in lex.ADJECTIVES:
            cand = passive_state(ctx, tok) or _verb(ctx, tok)
        elif tok.pos_ in ("VERB", "AUX", "PROPN"):
            cand = None if _supposed(tok) or deed(tok) else _verb(ctx, tok)
        if cand is not None and cand.contents:
            out.append(cand)
    return relative_rejections(ctx, out)


def _shouted(ctx: Ctx, tok: Token) -> bool:
    """ "EVEN OZ’S BOSS THINKS HE’S FULL OF YOU-KNOW-WHAT — The head of …": a word of a line
    set in capitals (a run-in head, a headline) is display type, not a cue; so both its
    neighbouring words are in capitals too (an acronym beside lower-case words is a name).
    Only outside quotations: a quoted tweet in capitals keeps its cues."""
    if not _capitals(tok.text, 2):
        return False
    lo, hi = ctx.sent(tok)
    words = [t for t in ctx.doc[lo:hi] if any(ch.isalpha() for ch in t.text)]
    at = next((k for k, t in enumerate(words) if t.i == tok.i), None)
    if at is None:
        return False
    near = words[max(0, at - 1) : at] + words[at + 1 : at + 2]
    return bool(near) and all(_capitals(t.text, 1) for t in near)


def _capitals(word: str, least: int) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= least and all(ch.isupper() for ch in letters)


def _supposed(tok: Token) -> bool:
    """ "If Trump's plan rejected single mothers, …": a statement supposed, not made."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children)


# verbs of a state of mind (closed class): as an opening participle with a thing for object
# ("Fearing more deaths, the governor reissued …") they give the writer's account of a motive
_MIND = frozenset(
    {"fear", "hope", "worry", "expect", "believe", "think", "doubt", "suspect", "sense", "feel"}
)


def _motive(tok: Token, lemma: str) -> bool:
    """ "Fearing more deaths, Evers reissued …": a participle of a state of mind before the verb
    it hangs on, with a noun phrase and no clause after it, tells why the subject acted; it
    reports nothing the subject said ("Fearing that …, he said" still may)."""
    return (
        lemma in _MIND
        and tok.tag_ == "VBG"
        and tok.dep_ == "advcl"
        and tok.i < tok.head.i
        and not any(c.dep_ in ("ccomp", "mark") for c in tok.children)
    )


# pictures and recordings, which show what they show and say nothing (closed class)
_PICTURES = frozenset(
    {"video", "footage", "photo", "photograph", "picture", "image", "clip", "film", "map",
     "chart", "graphic", "screenshot", "livestream", "recording"}
)  # fmt: skip


def _picture_showing(tok: Token, lemma: str) -> bool:
    """ "retweeted the video early Sunday showing a parade …", "a photo showing the pier": what
    a picture shows is no one's statement (a poll or a study showing a finding still is one)."""
    if lemma != "show" or tok.tag_ != "VBG":
        return False
    if tok.dep_ == "acl":
        return tok.head.lemma_.lower() in _PICTURES
    return tok.dep_ == "advcl" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _PICTURES for c in tok.head.children
    )


def _verb(ctx: Ctx, tok: Token) -> Cand | None:
    lemma = lemma_of(tok)
    if not lemma or not lex.is_cue_lemma(lemma) or _motive(tok, lemma):
        return None
    if _picture_showing(tok, lemma):
        return None
    if (lemma == "cite" and folded_citation(tok)) or idiom(tok):
        return None
    if _document_participles(tok):
        return None  # "issued a statement saying …": the participle's candidate covers the verb
    doc = ctx.doc
    inverted = _inverted_quote(ctx, tok, lemma)
    if inverted is not None:
        return inverted
    medium = _medium_verb(tok)
    subj = subject_of(medium or tok)
    source = None
    if subj is not None:
        # "a ruling by the court ordering …" hung on a noun further back: the court
        source = acl_source(subj, tok) if subj.i == tok.head.i != tok.i else None
        source = source or source_range(doc, subj, ctx.sent(tok), is_cue_token)
        source = None if source == NO_SOURCE else source
    found = verb_content(ctx, tok, lemma, source)
    if found is None:
        return None
    contents, kind, extra, used = found
    trailing = trailing_channel(tok)
    if trailing is not None and trailing.channel.i == tok.i:
        # "“…,” said X, Y's head of research, reports Z": Z carries all of what comes before
        contents = [ctx.chars(trim(doc, (trailing.said.left_edge.i, tok.i)))]
    if source is not None and subj is not None and subj.dep_ == "nsubjpass":
        source = None
    if medium is not None:
        extra = [*extra, *doc[medium.i : tok.i], *(doc[i] for i in range(*cue_range(doc, medium)))]
    cue = cue_range(doc, tok, extra)
    if _bare_infinitive(tok, cue) or (source is None and _subordinate(tok)) or _unreal(tok):
        return None
    if source is not None and (not source[0] < source[1] or overlaps(ctx, source, contents)):
        source = None
    negated = any(c.dep_ == "neg" for c in tok.children)
    return ctx.cand(
        tok,
        cue,
        source=source,
        contents=contents,
        kind=kind,
        lemma=lemma,
        stance=lex.stance_of(lemma, negated=negated),
        target=_target(tok),
        channel=_statement_channel(ctx, tok) or _medium_channel(medium),
        via=_citing(ctx, tok),
        quotes=used,
    )


def _inverted_quote(ctx: Ctx, tok: Token, lemma: str) -> Cand | None:
    """ "“…,” said Norland's Water Minister Maria Lopez": the parser may take the speaker after
    the verb for its object; the quotation just before the verb is the content."""
    if lemma != "say" or subject_of(tok) is not None:
        return None
    obj = _speaker_after(tok)
    if obj is None or not (obj.pos_ == "PROPN" or obj.ent_type_ in ("PERSON", "ORG", "NORP")):
        return None
    quote = next(
        (
            q
            for q in ctx.quotes.quotes
            if q.end <= tok.idx and not ctx.text[q.end : tok.idx].strip() and q.closed
        ),
        None,
    )
    if quote is None or not speechlike(quote, ctx.text):
        return None
    source = source_range(ctx.doc, obj, ctx.sent(tok), is_cue_token)
    if obj.head.i != tok.i:  # the subject of a made-up clause: the speaker ends there
        source = (source[0], min(source[1], obj.i + 1))
    return ctx.cand(
        tok,
        (tok.i, tok.i + 1),
        source=source,
        contents=[(quote.inner_start, quote.inner_end)],
        kind="direct",
        lemma=lemma,
        quotes=[quote],
    )


def _speaker_after(tok: Token) -> Token | None:
    """The noun the parser hung after "said" as its object, or as the subject of a clause it
    made up ("said Maria Lopez after the talks ended": "Lopez … ended")."""
    for c in tok.children:
        if c.i <= tok.i:
            continue
        if c.dep_ in ("dobj", "attr"):
            return c
        if c.dep_ == "ccomp":
            subj = next((n for n in c.children if n.dep_ == "nsubj"), None)
            if subj is not None and subj.left_edge.i == tok.i + 1:
                return subj
    return None


def _document_of(verb: Token) -> Token | None:
    return next(
        (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in lex.STATEMENT_NOUNS),
        None,
    )


def _medium_verb(part: Token) -> Token | None:
    """ "X issued a statement saying …": the verb that put out the document a cue participle
    hangs on (the participle and the verb then make one cue, with the verb's subject as source)."""
    if part.tag_ != "VBG" or part.dep_ not in ("acl", "advcl", "xcomp"):
        return None
    head = part.head
    if head.dep_ == "dobj" and head.lemma_.lower() in lex.STATEMENT_NOUNS:
        head = head.head
    elif _document_of(head) is None:
        return None
    return head if head.pos_ == "VERB" and head.i < part.i else None


def _document_participles(verb: Token) -> bool:
    doc = _document_of(verb)
    if doc is None:
        return False
    parts = [*doc.children, *verb.children]
    return any(is_cue_token(p) and getattr(_medium_verb(p), "i", -1) == verb.i for p in parts)


def _medium_channel(medium: Token | None) -> str | None:
    doc = _document_of(medium) if medium is not None else None
    return None if doc is None else f"in a {doc.lemma_.lower()}"


def _bare_infinitive(tok: Token, cue: Range) -> bool:
    """ "went on Twitter to applaud …", "rules require delegates to vote for …": an infinitive
    of purpose or of a non-reporting verb is no attribution of its own (unless its cue grew into
    the verb it depends on, as in "declined to comment")."""
    if tok.tag_ != "VB" or tok.dep_ not in ("advcl", "xcomp", "acl") or cue[0] < tok.i - 1:
        return False
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


_MODALS = frozenset({"must", "should", "shall"})


def _unreal(tok: Token) -> bool:
    """ "which must approve any subsidy", "voters should reject it": an obligation is not an
    attribution of its own."""
    return any(c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.children)


def _subordinate(tok: Token) -> bool:
    """ "in saying …", "a deal to sign …": a gerund after a preposition or a relative infinitive
    with nobody to attribute it to."""
    return (tok.dep_ == "pcomp" and tok.tag_ == "VBG") or (tok.dep_ == "relcl" and tok.tag_ == "VB")


def _statement_channel(ctx: Ctx, tok: Token) -> str | None:
    """ "In a joint statement, the operators said …" → channel "in a joint statement"."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in lex.STATEMENT_NOUNS:
                start, end = ctx.chars((child.i, pobj.i + 1))
                text = ctx.text[start:end]
                return text[0].lower() + text[1:]
    return _broadcast_channel(ctx, tok)


# verbs whose "on" right after them says whom or what they were about, not where they spoke
_ON_WHAT = frozenset(
    ["call", "comment", "remark", "elaborate", "expound", "reflect", "insist", "dwell", "agree"]
)
_PLATFORMS = frozenset(["twitter", "facebook", "instagram", "television", "tv", "radio", "air"])


def _broadcast_channel(ctx: Ctx, tok: Token) -> str | None:
    """ "said on CNN", "said of the effort on “Fox News Sunday.”", "wrote on Twitter" → channel
    "on CNN" / "on Fox News Sunday" / "on Twitter" (a programme, network or platform)."""
    heads = [tok, *(p for c in tok.children if c.dep_ == "prep" for p in c.children)]
    for head in heads:
        for child in head.children:
            if child.dep_ != "prep" or child.lower_ != "on" or child.i < tok.i:
                continue
            if child.i == tok.i + 1 and tok.lemma_.lower() in _ON_WHAT:
                continue  # "called on President Obama to …", "commented on Smith": no channel
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            kinds = {t.ent_type_ for t in pobj.subtree}
            if pobj.ent_type_ == "PERSON" and pobj.lower_ not in _PLATFORMS:
                continue  # "commented on Smith": a person is what was talked about
            if kinds & {"DATE", "TIME", "EVENT"} and not kinds & {"ORG", "WORK_OF_ART"}:
                continue
            named = pobj.pos_ == "PROPN" or pobj.ent_type_ in ("ORG", "WORK_OF_ART")
            if not named and pobj.lower_ not in _PLATFORMS:
                continue
            words = [t for t in pobj.subtree if not (t.is_punct or t.is_quote)]
            if 1 <= len(words) <= 6:  # as written: "on CNN's State of the Union"
                text = ctx.text[words[0].idx : words[-1].idx + len(words[-1])]
                return "on " + text.replace("“", "").replace("”", "").replace('"', "")
    return None


def _citing(ctx: Ctx, tok: Token) -> tuple[str, ...]:
    """ "Kyodo reported, citing a government official, that …" → ("a government official",)."""
    cite = citing_verb(tok)
    obj = next((c for c in cite.children if c.dep_ == "dobj"), None) if cite else None
    if obj is None:
        return ()
    start, end = ctx.chars(trim(ctx.doc, subtree_range(obj)))
    return (ctx.text[start:end],)


# "denied the allegations, dismissing them": a rejected "them"/"it" is the claim, not its maker
_CLAIM_PRONOUNS = frozenset(["them", "it", "this", "that", "these", "those"])


def _target(tok: Token) -> Range | None:
    for child in tok.children:
        if child.dep_ == "dobj" and child.lower_ in _CLAIM_PRONOUNS:
            return None
        if child.dep_ == "dobj":
            poss = next((c for c in child.children if c.dep_ == "poss"), None)
            if poss is not None:
                return subtree_range(poss)
            return _without_clauses(child)
    return None


def _without_clauses(noun: Token) -> Range:
    """The noun's phrase up to the first clause that modifies it: "an appeal from Republicans
    challenging a ruling by the state court" is the Republicans' appeal; the court whose
    ruling it challenged is not whom rejecting it opposes."""
    start, end = subtree_range(noun)
    for tok in noun.subtree:  # the parser may hang the clause on the last noun before it
        if tok.i > noun.i and tok.dep_ in ("acl", "relcl"):
            end = min(end, tok.left_edge.i)
    return start, end
