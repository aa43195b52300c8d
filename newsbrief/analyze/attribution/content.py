"""Where a verbal cue's content is: complement clauses, quotations, objects, infinitives.

Long module: the rules fall back on one another in one order (a complement, else a quotation
next to the cue, else an object), and each rule's exceptions are the next one's cases.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsbrief.analyze import cues as lex
from newsbrief.analyze.attribution.channels import citing_verb, is_trailing_channel
from newsbrief.analyze.attribution.colons import introduced_quote, quote_after_colon
from newsbrief.analyze.attribution.core import (
    Chars,
    Ctx,
    Found,
    is_cue_token,
    is_quoting_token,
    lemma_of,
    speechlike,
)
from newsbrief.analyze.attribution.frames import light_verb, raised, regard
from newsbrief.analyze.attribution.naming import (
    NAMING,
    named_after,
    names,
    past_quote,
    predicative,
    predicative_range,
    with_name,
)
from newsbrief.analyze.attribution.spans import (
    Range,
    as_subject,
    clause_range,
    cue_range,
    cut_tail,
    subtree_range,
    trim,
)
from newsbrief.analyze.quotes import Quote
from newsbrief.models import AttributionKind


def verb_content(ctx: Ctx, tok: Token, lemma: str, source: Range | None) -> Found | None:
    if lemma in lex.REGARD:
        return regard(ctx, tok)
    found_raised = raised(ctx, tok, lemma)
    if found_raised is not None:
        return found_raised if found_raised[0] else None
    named = _named_content(ctx, tok) if lemma in NAMING else None
    if named is not None:
        return named
    if lemma in lex.PHRASAL and not any(c.dep_ == "ccomp" for c in tok.children):
        found = _phrasal_content(ctx, tok, lemma)
        if found is not None:
            return found
    light = light_verb(ctx, tok)
    if light is not None:
        return light
    if lemma in lex.CLAUSE:
        found = _clause_content(ctx, tok, lemma, source)
        if found is not None:
            return found
    if lemma in lex.INFINITIVE:
        found = _infinitive_content(ctx, tok)
        if found is not None:
            return found
    if lemma in lex.OBJECT:
        return _object_content(ctx, tok)
    return None


def _complement(ctx: Ctx, tok: Token) -> Token | None:
    """The clausal complement of ``tok`` inside its sentence, nearest first (also the one the
    parser hangs on a "citing …" participle: "X reported, citing Y, that …")."""
    lo, hi = ctx.sent(tok)
    comps = [c for c in tok.children if c.dep_ == "ccomp" and lo <= c.i < hi]
    comps = [
        c
        for c in comps
        if not (is_trailing_channel(tok, c) or _when(tok, c) or _joint(tok, c) is not None)
    ]
    if _answer(tok) is not None:
        # "“You winning?” she said, but …, Melanie said yes": the answer is what was said
        comps = [c for c in comps if c.i > tok.i]
    if not comps:
        cite = citing_verb(tok)
        comps = [c for c in cite.children if c.dep_ == "ccomp" and lo <= c.i < hi] if cite else []
    return min(comps, key=lambda c: abs(c.i - tok.i)) if comps else None


# subordinators that open a clause saying when or why, not what ("…, after he admitted …")
_WHEN = frozenset({"after", "before", "when", "while", "because", "since", "until", "once"})


def _when(tok: Token, comp: Token) -> bool:
    """ "“You should resign,” Warren told Stumpf, after he admitted he hadn't been held
    accountable": the parser made "held" the complement; a clause after the cue and a comma
    that opens on another verb's "after" says when, not what was said. (A trailing "reports
    X", see ``channels``, is no complement either.)"""
    first = comp.left_edge
    return (
        first.i > tok.i + 1
        and first.dep_ == "mark"
        and first.head.i != comp.i
        and first.lower_ in _WHEN
        and tok.doc[first.i - 1].text == ","
    )


# verbs whose object is whom they spoke to, so a clause after it is still theirs ("told reporters
# and aides he would stay")
_ADDRESSED = lex.words("tell inform assure reassure remind warn caution notify advise promise ask")
_JOINTS = frozenset({"and", "but"})
_NOT_A_SUBJECT = frozenset({"VERB", "SCONJ", "CCONJ", "PUNCT", "ADP"})


def _joint(tok: Token, comp: Token) -> Token | None:
    """ "Pilots reported no delays at the quay and port officials told the Courier they …": the
    parser hung the clause after "and" on the first verb, past its object. With a subject of
    its own it is another statement, joined to this one, not what this one reported; the
    "and" (or "but") where it begins, else None."""
    if comp.i < tok.i or lemma_of(tok) in _ADDRESSED:
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i < comp.i), None)
    if obj is None:
        return None
    between = tok.doc[obj.i + 1 : comp.i]
    joint = next((t for t in reversed(between) if t.lower_ in _JOINTS), None)
    if joint is None or joint.pos_ != "CCONJ":
        return None
    subject = tok.doc[joint.i + 1 : comp.i]
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in subject):
        return None
    return None if any(t.pos_ in _NOT_A_SUBJECT for t in subject) else joint


def _complement_range(tok: Token, comp: Token) -> Range:
    """ "A had told B …, but C overruled it, the source added": every complement left of the cue.
    One right of it runs on into a subjectless one after commas ("announced that a vaccine
    developed with its partner, BioNTech, has proved …": "developed", then "has proved")."""
    lo, hi = subtree_range(comp)
    doc = tok.doc
    for other in sorted(tok.children, key=lambda c: c.i):
        if other.dep_ != "ccomp" or (other.i < tok.i) != (comp.i < tok.i) or other.i == comp.i:
            continue
        if comp.i < tok.i:
            lo = min(lo, other.left_edge.i)
        elif other.i > comp.i and _runs_on(doc, hi, other):
            hi = max(hi, other.right_edge.i + 1)
    return lo, hi


def _runs_on(doc: Doc, end: int, clause: Token) -> bool:
    """Only commas between ``end`` and ``clause``, which has no subject or marker of its own."""
    between = doc[end : clause.left_edge.i]
    if clause.left_edge.i < end or any(t.text != "," for t in between):
        return False
    own = ("nsubj", "nsubjpass", "csubj", "expl", "mark")
    return clause.tag_ != "VBG" and not any(c.dep_ in own for c in clause.children)


def _clause_content(ctx: Ctx, tok: Token, lemma: str, source: Range | None) -> Found | None:
    doc, quotes = ctx.doc, ctx.quotes
    comp = _complement(ctx, tok)
    used: list[Quote] = []
    blocked: list[Range] = []
    cue = cue_range(doc, tok)
    if comp is not None:
        rng = ctx.clip(_complement_range(tok, comp), tok)
        rng = cut_tail(doc, comp, rng, lambda t: is_quoting_token(t) and not ctx.in_quote(t.idx))
        inside = quotes.at(comp.idx)
        if inside is not None and rng[0] < rng[1] and not inside.contains(*ctx.chars(rng)):
            inside = None
        if inside is None and rng[0] < rng[1] and comp.i < tok.i:
            inside = introduced_quote(ctx, rng)
        if inside is None and rng[0] < rng[1]:
            chars = ctx.chars(rng)
            left = quotes.ending_near(ctx.chars(cue)[0], ctx.text) if comp.i < tok.i else None
            if left is None or left.end <= chars[0]:
                found = _around_clause(ctx, rng, cue, source)
                if comp.i < tok.i:
                    found.extend(_sandwich_tail(ctx, tok, rng, cue, source))
                kind: AttributionKind = (
                    "mixed" if any(quotes.between(*c) for c in found) else "indirect"
                )
                return found, kind, [], []
        if inside is not None:
            used.append(inside)
    blocked.extend(subtree_range(c) for c in tok.children if c.dep_ in ("ccomp", "parataxis"))
    lo, hi = ctx.sent(tok)
    if tok.dep_ == "parataxis" and lo <= tok.head.i < hi and tok.head.i != tok.i and not used:
        return _parataxis_content(ctx, tok)
    if not used:
        short = _short_answer(ctx, tok) or _as_clause(ctx, tok, cue, source)
        if short is not None:
            return short
    if lemma not in lex.QUOTING and not used:
        return None
    if not used and _time_or_reason_clause(tok) and not _quote_after(ctx, cue):
        return None  # "…, when, in fact, he responded quickly": the main clause is not his
    clause = clause_range(tok, blocked, cue, source, ctx.sent(tok), ctx.in_quote)
    if source is not None and source[0] > tok.i and ctx.doc[cue[0] - 1].text == ",":
        clause = (cue[0], clause[1])  # "…, said X": whatever hangs before the comma is content
    return _quoted(ctx, tok, clause, used)


# what opens a clause of time, reason or condition, not a reporting parenthetical
_SUBORDINATORS = frozenset(
    {"when", "whenever", "while", "because", "since", "after", "before", "until", "if",
     "unless", "although", "though", "once", "whereas"}
)  # fmt: skip


def _time_or_reason_clause(tok: Token) -> bool:
    """A cue verb in a clause of time or reason hung on the sentence's verb ("The video had
    been altered to show him failing to answer, when, in fact, he responded quickly") reports
    nothing of that sentence; "X, he said" hangs no such word."""
    return tok.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _SUBORDINATORS and c.i < tok.i
        for c in tok.children
    )


def _quote_after(ctx: Ctx, cue: Range) -> bool:
    """ "while chanting, “Hands up, don't shoot.”": the quotation the cue opens."""
    return ctx.quotes.starting_near(ctx.chars(cue)[1], ctx.text) is not None


def _around_clause(ctx: Ctx, rng: Range, cue: Range, source: Range | None) -> list[Chars]:
    """ "which he said had harmed the economy": content on both sides of its own cue."""
    lo, hi = cue if source is None else (min(cue[0], source[0]), max(cue[1], source[1]))
    if not rng[0] < lo < rng[1]:
        return [ctx.chars(rng)]
    parts = [trim(ctx.doc, (rng[0], lo)), trim(ctx.doc, (hi, rng[1]))]
    return [ctx.chars(p) for p in parts if p[0] < p[1]]


_ANSWERS = frozenset({"yes", "no", "so", "nothing", "otherwise"})


def _short_answer(ctx: Ctx, tok: Token) -> Found | None:
    """ "46 percent said yes", "neither side would say so"."""
    answer = _answer(tok)
    return None if answer is None else ([ctx.chars((answer.i, answer.i + 1))], "indirect", [], [])


def _answer(tok: Token) -> Token | None:
    return next(
        (
            c
            for c in tok.children
            if c.i > tok.i and c.lower_ in _ANSWERS and c.dep_ in ("intj", "dobj", "advmod")
        ),
        None,
    )


def _as_clause(ctx: Ctx, tok: Token, cue: Range, source: Range | None) -> Found | None:
    """ "Her father grew up here, as she said": the clause the "as" comment attaches to. When the
    verb has an object of its own, that is what was said ("made the remark as he discussed his
    plan": the "as" says when); whom it was told to is none ("as she told us")."""
    if tok.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return None
    if any(c.dep_ == "xcomp" for c in tok.children):
        return None  # "…, as the administration considers lifting the rules": its own matter
    if lemma_of(tok) not in _ADDRESSED and any(
        c.dep_ == "dobj" and c.pos_ != "PRON" for c in tok.children
    ):
        return _object_content(ctx, tok)
    rng = ctx.clip(subtree_range(tok.head), tok)
    lo, hi = subtree_range(tok)
    parts = [trim(ctx.doc, (rng[0], lo)), trim(ctx.doc, (hi, rng[1]))]
    found = [ctx.chars(p) for p in parts if p[1] - p[0] >= 2]
    return (found, "indirect", [], []) if found else None


def _sandwich_tail(
    ctx: Ctx, tok: Token, content: Range, cue: Range, source: Range | None
) -> list[Chars]:
    """ "X would be aided, Devine said, by the calendar": the words after a mid-sentence cue; not
    a channel there ("…, the minister said, according to Kyodo": how the words reached us)."""
    doc = ctx.doc
    hi = ctx.sent(tok)[1]
    k = max(cue[1], source[1]) if source is not None else cue[1]
    if k >= hi or doc[k].text != ",":
        return []
    rng = trim(doc, (k + 1, hi))
    if rng[1] - rng[0] < 2 or ctx.quotes.at(doc[rng[0]].idx) is not None:
        return []
    first = doc[rng[0]]
    if (first.pos_ in ("VERB", "AUX") and is_cue_token(first)) or first.pos_ in ("CCONJ", "SCONJ"):
        return []
    if first.lower_ == "according":
        return []
    if any(is_quoting_token(t) and t.pos_ == "VERB" for t in doc[rng[0] : rng[1]]):
        return []
    return [ctx.chars(rng)]


def _quoted(ctx: Ctx, tok: Token, clause: Range, used: list[Quote]) -> Found | None:
    text, quotes = ctx.text, ctx.quotes
    cs, ce = ctx.chars(clause)
    left = quotes.ending_near(cs, text)
    right = quotes.starting_near(ce, text, skip=" ,:\n" if ":" in text[ce : ce + 3] else " ,:")
    if right is not None and (not speechlike(right, text) or _named_work(right, text)):
        right = None
    for q in (left, right):
        if q is not None and q not in used and q.end > q.start:
            used.append(q)
    if not used:
        return _preceding_clause(ctx, tok, clause)
    used.sort(key=lambda q: q.start)
    contents = [(q.inner_start, q.inner_end) for q in used]
    lead = _lead_in(ctx, tok, used[0], left)
    if lead is not None:
        contents[0] = (lead, contents[0][1])
        return contents, "mixed", [], used
    return contents, "direct", [], used


# "said … on “Fox News Sunday.”", "told reporters in “The Daily”": the quote names a programme,
# a column or a book — where something was said, not what was said
# "on “Fox News Sunday”", also with a network's name between: "on CNN's “State of the Union”"
_NAMING_PREPOSITION = re.compile(
    r"\b(?:on|in|at|via|during)\s+(?:(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*['’]s\s+)?$", re.I
)
_WORK_WORDS = 8


def _named_work(quote: Quote, text: str) -> bool:
    inner = text[quote.inner_start : quote.inner_end]
    before = text[max(0, quote.start - 48) : quote.start]
    return bool(_NAMING_PREPOSITION.search(before)) and len(inner.split()) <= _WORK_WORDS


def _lead_in(ctx: Ctx, tok: Token, first: Quote, left: Quote | None) -> int | None:
    """Start of the words opening the sentence before its left quote ("But X's “…,” he said")."""
    if first is not left:
        return None
    doc = ctx.doc
    i, _ = trim(doc, ctx.sent(tok))
    start = doc[i].idx
    if not start < first.start < tok.idx:
        return None
    lead = [t for t in doc[i : i + 16] if t.idx < first.start]
    if not 1 <= len(lead) <= 14 or any(t.is_quote for t in lead) or lead[-1].is_punct:
        return None
    return start


def _parataxis_content(ctx: Ctx, tok: Token) -> Found | None:
    doc, quotes = ctx.doc, ctx.quotes
    lo, hi = ctx.clip(subtree_range(tok.head), tok)
    cut_lo, cut_hi = subtree_range(tok)
    parts = [trim(doc, (lo, cut_lo)), trim(doc, (cut_hi, hi))]
    chars = [ctx.chars(p) for p in parts if p[0] < p[1]]
    if not chars:
        return None
    q = quotes.at(chars[0][0])
    if q is not None and all(q.contains(*c) for c in chars):
        return [(q.inner_start, q.inner_end)], "direct", [], [q]
    kind: AttributionKind = "mixed" if any(quotes.between(*c) for c in chars) else "indirect"
    return chars, kind, [], []


# what police, firefighters or medics respond to: a call out, not words (closed class)
_CALL_OUTS = frozenset(
    {"call", "dispute", "incident", "emergency", "fire", "alarm", "scene", "crash", "shooting",
     "disturbance", "accident", "blaze", "break-in", "robbery", "report"}
)  # fmt: skip


def _phrasal_content(ctx: Ctx, tok: Token, lemma: str) -> Found | None:
    for child in tok.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in lex.PHRASAL[lemma] and child.i > tok.i:
            target = child
            if child.dep_ == "prt":
                target = next(
                    (c for c in tok.children if c.dep_ == "prep" and c.i > child.i), child
                )
            obj = next((c for c in target.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None:
                continue
            if lemma == "respond" and obj.lemma_.lower() in _CALL_OUTS:
                return None  # "officers responding to domestic disputes": a call out answered
            lo, hi = subtree_range(obj)
            if target.head.i == tok.i:
                hi = _right_end(ctx, tok, hi)
            rng = ctx.clip((lo, hi), tok)
            if rng[0] < rng[1]:
                extra = [child] + ([target] if target is not child else [])
                return [ctx.chars(rng)], "indirect", extra, []
    return None


def _infinitive_content(ctx: Ctx, tok: Token) -> Found | None:
    if any(c.dep_ == "auxpass" for c in tok.children):
        return None
    xcomp = next(
        (c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.i > tok.i and _to_clause(c)),
        None,
    )
    if xcomp is None:
        return None
    lo, hi = subtree_range(xcomp)
    obj = next((c for c in tok.children if c.dep_ == "dobj" and tok.i < c.i < xcomp.i), None)
    if obj is not None:
        lo = obj.left_edge.i
    rng = ctx.clip((lo, hi), tok)
    if rng[0] >= rng[1]:
        return None
    return [ctx.chars(rng)], "indirect", [], []


def _predicative_as(tok: Token) -> bool:
    return tok.dep_ == "oprd" or (tok.dep_ == "prep" and tok.lower_ == "as")


def _to_clause(verb: Token) -> bool:
    """ "to leave", also "his party to work" (a subject and an infinitive, parsed as ccomp)."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _object_content(ctx: Ctx, tok: Token) -> Found | None:
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is None:
        return predicative(ctx, tok) or _fronted_object(ctx, tok)
    if tok.lemma_.lower() == "approve" and obj.lower_ in _BARE_OBJECTS and not list(obj.children):
        return None  # "the Senate approved it by a voice vote": a vote on a thing, no words
    lo, hi = subtree_range(obj)
    told = quote_after_colon(ctx, obj, hi)
    if told is not None:
        return [(told.inner_start, told.inner_end)], "direct", [], [told]
    rng = ctx.clip((lo, _right_end(ctx, tok, hi)), tok)
    if rng[0] >= rng[1]:
        return None
    return [ctx.chars(rng)], "indirect", [], []


_BARE_OBJECTS = frozenset({"it", "them"})


def _named_content(ctx: Ctx, tok: Token) -> Found | None:
    """ "called the plan a disaster" (``naming``): the object with what it was called, and what
    follows them as for any object; not cut inside a quoted name. Before the verb's other
    frames: "called his remarks on Saturday “a wake-up call”" is no "call on"."""
    if any(c.dep_ == "ccomp" for c in tok.children):
        return None  # "called it a mistake that …": the clause is what was said
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is not None:
        if not names(ctx, tok, obj):
            return None
        lo, hi = subtree_range(obj)
        hi = _right_end(ctx, tok, hi)
        after = past_quote(ctx, (lo, hi))
        hi = hi if after is None else _right_end(ctx, tok, after)
    else:
        rng = predicative_range(tok)
        if rng is None:
            return None
        lo, hi = rng
        hi = past_quote(ctx, rng) or hi
    return with_name(ctx, ctx.clip((lo, hi), tok))


_RIGHT_STOP = frozenset({"advcl", "npadvmod"})
_OBJECTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "oprd", "dative"})


def _right_end(ctx: Ctx, tok: Token, hi: int) -> int:
    """The end of the verb's clause to the right: what it governs there up to a comma-led or
    adverbial clause, a time expression, a conjoined verb or "according to". A noun the parser
    conjoined to the verb is the rest of a list of objects ("citing its workforce, stable power
    and rail links": "power" hangs on "citing")."""
    doc = ctx.doc
    for child in sorted(tok.children, key=lambda c: c.i):
        if child.i < hi or child.is_punct:
            continue
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN") and hi > tok.i + 1:
            hi = child.right_edge.i + 1
            continue
        if child.dep_ == "cc" and hi > tok.i + 1 and _listed(tok, child):
            continue  # "called the citation and the demand a ploy": the "and" of that list
        if child.dep_ == "npadvmod" and named_after(tok, child):
            hi = child.right_edge.i + 1  # "called the decision Tuesday a mistake"
            continue
        if child.lower_ == "according" or child.dep_ in ("conj", "cc") or _next_subject(child):
            break
        joint = _joint(tok, child) if child.dep_ == "ccomp" else None
        if joint is not None:  # the object ends where the joined clause begins
            return min(hi, joint.i)
        comma_led = doc[child.left_edge.i - 1].text == ","
        if comma_led or child.dep_ in _RIGHT_STOP:
            break
        hi = max(hi, child.right_edge.i + 1)
    return hi


def _listed(tok: Token, cc: Token) -> bool:
    """The conjunction the parser hung on the verb joins a noun to its object list: the child
    after it is a noun conjoined to the verb (a verb there is a clause of its own), and no verb
    opens that noun's phrase ("denounced his administration and renewed calls for …": the
    parser took "renewed" for an adjective)."""
    after = next((c for c in tok.children if c.i > cc.i), None)
    if after is None or after.dep_ != "conj" or after.pos_ not in ("NOUN", "PROPN"):
        return False
    return tok.doc[cc.i + 1].pos_ not in ("VERB", "AUX")


def _next_subject(child: Token) -> bool:
    """ "backing the government as the United States, Britain and France support …": the "as"
    phrase is the next verb's subject (``spans.as_subject``), not part of this object."""
    after = child.right_edge.i + 1
    if child.lower_ != "as" or after >= len(child.doc):
        return False
    subject = as_subject(child.doc[after])
    return subject is not None and subject.head.i == child.i


def _fronted_object(ctx: Ctx, tok: Token) -> Found | None:
    """The object before the verb: a relative pronoun, the noun a relative clause modifies, or
    the subject of a passive ("which she once supported", "a deal she backed", "X was praised")."""
    rel = next((c for c in tok.children if c.dep_ == "dobj" and c.i < tok.i), None)
    if rel is not None:
        parts = [subtree_range(rel)]
        pred = next((c for c in tok.children if c.i > tok.i and _predicative_as(c)), None)
        if pred is not None:  # "which she described as “dangerous”"
            parts.append(ctx.clip(subtree_range(pred), tok))
        return [ctx.chars(p) for p in parts if p[0] < p[1]], "indirect", [], []
    if tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN"):
        lo = tok.head.left_edge.i
        rng = ctx.clip((lo, tok.left_edge.i), tok)
        if rng[0] < rng[1]:
            return [ctx.chars(rng)], "indirect", [], []
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subj is None:
        return None
    parts = [ctx.clip(subtree_range(subj), tok)]
    prep = next(
        (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "with")), None
    )
    if prep is not None and prep.i > tok.i:
        parts.append(ctx.clip(subtree_range(prep), tok))
    found = [ctx.chars(p) for p in parts if p[0] < p[1]]
    return (found, "indirect", [], []) if found else None


def _preceding_clause(ctx: Ctx, tok: Token, clause: Range) -> Found | None:
    """ "…, the budget office reported.": the sentence before the closing attribution."""
    doc = ctx.doc
    lo, hi = ctx.sent(tok)
    if trim(doc, (clause[1], hi))[0] < trim(doc, (clause[1], hi))[1]:
        return None
    if any(c.dep_ in _OBJECTS or c.lower_ in ("which", "who") for c in tok.children):
        return None  # "…, which first reported the story": not a closing attribution
    k = clause[0] - 1
    while k > lo and doc[k].is_space:
        k -= 1
    if k == lo and doc[k].text == "," and ctx.sentence_index(tok) > 0:
        lo = ctx.bounds[ctx.sentence_index(tok) - 1][0]  # the parser cut the sentence at the comma
    if k <= lo or doc[k].text not in {",", "—", "--"}:
        return None
    rng = trim(doc, (lo, k))
    if rng[1] - rng[0] < 3 or not any(t.pos_ in ("VERB", "AUX") for t in doc[rng[0] : rng[1]]):
        return None
    return [ctx.chars(rng)], "indirect", [], []
