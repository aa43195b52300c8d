"""Token-range helpers for attribution spans: subjects, source extents, cue extents, clauses.

Ranges are half-open token index pairs ``(i, j)`` into the Doc.

Long module: the subject finder's fallbacks and the source extents are one set of rules over
one parse (where a misparsed speaker is found decides where its source span may start and end).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Span, Token

from newsbrief.analyze.attribution.channels import trailing_channel
from newsbrief.analyze.cues import (
    CLAUSE,
    CUE_ADVERBS,
    NON_CUE_ADVERBS,
    SOURCE_CUT_ADVERBS,
    STATEMENT_NOUNS,
)

Range = tuple[int, int]

_INHERIT_SUBJECT = {"advcl", "xcomp", "conj", "pcomp"}
_CUE_CHILD = {"aux", "auxpass", "neg", "prt"}
_RELATIVE = {"who", "that", "which", "whom", "whose"}
_CLOSING = {",", '"', "”", "''", "—", "--"}
_BY_DOING = {"by", "after", "before", "while", "without", "in", "since"}
_RIGHT_SKIP = {"however", "too", "also", "then", "so", "now", "here", "there", "again", "tonight"}


def subtree_range(tok: Token) -> Range:
    return tok.left_edge.i, tok.right_edge.i + 1


def trim(doc: Doc, rng: Range) -> Range:
    """Drop punctuation and whitespace tokens at both ends, and a dangling "and" at the end."""
    i, j = rng
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space or doc[j - 1].dep_ == "cc"):
        if doc[j - 1].text == ")" and _opened(doc, i, j - 1):
            break  # "… Rep. Ilhan Omar (D-Minn.)": the bracket it opened closes with it
        j -= 1
    return i, j


def _opened(doc: Doc, i: int, j: int) -> bool:
    """More "(" than ")" among the tokens [i, j)."""
    return sum((doc[k].text == "(") - (doc[k].text == ")") for k in range(i, j)) > 0


def _one_name(subjects: list[Token]) -> bool:
    """Subjects that are the words of one name, side by side ("Bashar", "al", "-", "Assad")."""
    return bool(subjects[0].ent_type_) and all(
        b.i == a.i + 1 and b.ent_iob_ == "I" and b.ent_type_ == a.ent_type_
        for a, b in itertools.pairwise(subjects)
    )


# where one posts or appears and says something (a named one, "Twitter", "CNN", is a name)
_MEDIA = frozenset(
    {"television", "tv", "radio", "air", "show", "program", "programme", "podcast", "video",
     "website", "blog", "post", "interview", "stage", "camera", "broadcast", "livestream"}
)  # fmt: skip


def _medium_of(noun: Token) -> Token | None:
    """The verb whose place or medium ``noun`` is ("Swift posted on Twitter accusing …",
    "appeared on CNN saying …"), when a participle hangs on it: the verb's subject speaks."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("on", "in", "via"):
        return None
    if noun.pos_ != "PROPN" and noun.lemma_.lower() not in _MEDIA:
        return None  # "turn up the heat on other companies planning to …": the companies plan
    verb = prep.head
    return verb if verb.pos_ == "VERB" and prep.i > verb.i else None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The speaker: the subject, a passive agent, the noun a participle modifies ("voters saying"),
    or the subject inherited from the governing verb for participles and conjuncts."""
    if (trailing := trailing_channel(verb)) is not None:  # "“…,” said X, …, reports Y"
        return trailing.speaker if verb.i == trailing.said.i else trailing.outlet
    # a quoted title after the verb is no speaker ("said … on Fox News’s “Fox and Friends.”")
    subjects = [
        c
        for c in verb.children
        if c.dep_ in ("nsubj", "csubj") and not (c.i > verb.i and _quoted_title(c))
    ]
    if len(subjects) > 1 and verb.i > 0 and verb.doc[verb.i - 1].text in _CLOSING:
        return subjects[-1]  # "…, said Alan Abramowitz": the parser made the content a subject too
    if len(subjects) > 1 and all(c.dep_ == "nsubj" for c in subjects):
        if _one_name(subjects):
            return subjects[-1]  # "Bashar al-Assad said": the parser made each word a subject
        # "44 percent would back Trump, while … 1 percent support Stein": two subjects of one
        # verb is a broken parse; no speaker beats a wrong one (PolNeAR source P 0.842 -> 0.848)
        return None
    if subjects:
        return subjects[0]
    after_quote = _name_after_quote(verb)
    if after_quote is not None:
        return after_quote
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN", "NUM"):
        medium = _medium_of(verb.head)
        if medium is not None and depth < 3:
            return subject_of(medium, depth + 1)  # "posted on Twitter accusing …": who posted
        return verb.head
    if verb.tag_ == "VBN" and verb.dep_ == "advcl":
        return None
    misparsed = _misparsed_subject(verb) or as_subject(verb)
    if misparsed is not None:
        return misparsed
    if _imperative_after_but(verb):
        return None  # "only Steyer will be on stage, but expect …": the writer's imperative
    if depth < 3 and verb.dep_ in _INHERIT_SUBJECT and verb.head.i != verb.i:
        head = verb.head
        interrupted = _interrupted_by_aside(verb)
        if interrupted is not None:
            return subject_of(interrupted, depth + 1)
        if (
            head.dep_ == "ccomp"
            and head.head.lemma_.lower() in CLAUSE
            and head.head.i < verb.i  # "…, accusing her of …, the Post reported": not the Post
            and _reports_on(verb)
        ):
            return subject_of(head.head, depth + 1)
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in _BY_DOING:
            head = head.head  # "X distanced himself by saying …": the subject of the main verb
        controller = _object_of(head, verb)
        if controller is not None:
            return controller  # "left many nations feeling that …": the nations feel it
        if head.pos_ in ("VERB", "AUX"):
            return subject_of(head, depth + 1)
    return None


def _object_of(head: Token, verb: Token) -> Token | None:
    """The object a participle right after it tells of ("left many E.U. nations feeling that
    they faced no threat", "kept voters guessing"): the object is who does it, not the
    subject of the verb before."""
    if verb.dep_ not in ("xcomp", "oprd") or verb.tag_ != "VBG":
        return None
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    return obj if obj is not None and obj.right_edge.i + 1 == verb.i else None


_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def _interrupted_by_aside(verb: Token) -> Token | None:
    """ "looping the streets - where the Panthers played - while chanting …": a clause after a
    dash aside, hung on the aside's verb, continues the clause the aside interrupts (returned)."""
    doc, head = verb.doc, verb.head
    close = verb.left_edge.i - 1
    if close < 1 or doc[close].text not in _DASHES or not head.i < close < verb.i:
        return None
    opening = head.left_edge.i - 1
    if opening < 0 or doc[opening].text not in _DASHES or head.head.i == head.i:
        return None
    outer = head.head
    return outer if outer.pos_ in ("VERB", "AUX") and outer.i < opening else None


def _imperative_after_but(verb: Token) -> bool:
    """A plural-present verb coordinated after a comma and a conjunction with a clause whose
    subject is singular: it cannot share that subject, it is the writer's imperative ("only
    Steyer will be on stage, but expect Bloomberg’s shadow to …"); "they met, but disagree"
    shares it."""
    if verb.dep_ != "conj" or verb.tag_ != "VBP" or verb.i < 2:
        return False
    doc = verb.doc
    if not (doc[verb.i - 1].dep_ == "cc" and doc[verb.i - 2].text == ","):
        return False
    subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and (
        subject.tag_ in ("NN", "NNP") or subject.lower_ in ("he", "she", "it")
    )


def _name_after_quote(verb: Token) -> Token | None:
    """ "“…,” Flynn, a top Trump surrogate, said": the name opening the words between a closing
    quotation mark and the verb, which the parser hung elsewhere (an apposition of the quote)."""
    doc = verb.doc
    for i in range(verb.i - 1, max(-1, verb.i - 12), -1):
        if doc[i].text in ("”", "''", '"'):
            name = doc[i + 1] if i + 1 < verb.i else None
            if name is None or name.pos_ != "PROPN" or name.ent_type_ not in ("PERSON", "ORG", ""):
                return None
            while name.dep_ == "compound" and name.head.i < verb.i and name.head.pos_ == "PROPN":
                name = name.head
            return name
        if doc[i].text in ("“", "``") or doc[i].pos_ in ("VERB", "AUX"):
            return None
    return None


def _quoted_title(tok: Token) -> bool:
    """The phrase of ``tok`` opens on a quotation mark: “Fox and Friends”."""
    first = tok.left_edge.i
    return first > 0 and tok.doc[first - 1].text in _OPENING_MARKS


_OPENING_MARKS = frozenset({'"', "“", "``", "‘"})
_NAMEY = ("PROPN", "PRON")
_ODD_DEPS = ("advmod", "npadvmod", "dep", "nmod", "compound", "dobj", "attr", "oprd", "appos")


def _reports_on(verb: Token) -> bool:
    """A verb in a reported clause that continues the report ("X said A and added B", "X said
    A, citing B"): its subject is the reporter's."""
    if verb.dep_ == "conj":
        return True
    comma_led = verb.left_edge.i > 0 and verb.doc[verb.left_edge.i - 1].text == ","
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and comma_led


_FINITE = frozenset({"VBP", "VBZ", "VBD"})  # a verb with a tense: it needs a subject


def as_subject(verb: Token) -> Token | None:
    """ "with Russia backing the government as the United States, Britain and France support
    some groups": the parser hung "as the United States …" on the verb before and left
    "support" without a subject. A finite verb with no subject of its own, right after the
    noun phrase of an "as", has that noun for its subject."""
    if verb.tag_ not in _FINITE or any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return None
    doc = verb.doc
    for i in range(verb.i - 1, max(-1, verb.i - 16), -1):
        noun = doc[i]
        if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.dep_ == "prep":
            named = noun.pos_ == "PROPN"  # "as part of the second front …, Obama" is no subject
            return noun if named and noun.right_edge.i == verb.i - 1 else None
    return None


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


def _misparsed_subject(verb: Token) -> Token | None:
    """A name the parser attached oddly: "Reinhardt told …" (advmod), "…,” said Maynard" (dobj)."""
    doc = verb.doc
    for child in verb.children:
        if child.dep_ not in _ODD_DEPS:
            continue
        if child.pos_ not in _NAMEY and child.ent_type_ not in ("PERSON", "ORG", "NORP"):
            continue
        if child.dep_ not in ("dobj", "attr", "oprd", "appos") and child.right_edge.i == verb.i - 1:
            return child
        if (
            child.i == verb.i + 1
            and verb.i > 0
            and doc[verb.i - 1].is_punct
            and child.pos_ != "PRON"
        ):
            return child
    return None


def source_range(
    doc: Doc, subj: Token, limit: Range | None = None, is_cue: Callable[[Token], bool] | None = None
) -> Range:
    """The subject NP without comma-led clauses that attribute something themselves, leading
    adverbs, a dateline or punctuation."""
    i, j = subtree_range(subj)
    if subj.lower_ in _RELATIVE:
        return subj.i, subj.i + 1
    k = subj.i
    while (
        k > 0
        and doc[k].ent_iob_ == "I"
        and doc[k - 1].dep_ == subj.dep_ == "nsubj"
        and doc[k - 1].head.i == subj.head.i
    ):
        k -= 1  # "Bashar al-Assad said", each word made a subject of its own: the whole name
    i = min(i, doc[k].left_edge.i)
    cut_at = j
    for tok in _heads_of_np(subj):
        for child in tok.children:
            if child.dep_ in ("relcl", "acl", "advcl") and child.i > subj.i:
                left = child.left_edge.i
                if left > i and _cut_clause(doc, child, is_cue):
                    cut_at = min(cut_at, left)
            elif (
                child.dep_ == "prep"
                and child.i > subj.i
                and (_is_statement_pp(child) or _charge(subj, child))
            ):
                cut_at = min(cut_at, child.i)
    j = cut_at
    i = _after_dateline(doc, i, subj)
    while i < j and (doc[i].lower_ in SOURCE_CUT_ADVERBS or doc[i].dep_ in ("cc", "preconj")):
        i += 1
    if limit is not None:
        i, j = max(i, limit[0]), min(j, limit[1])
    return trim(doc, (i, j))


def _charge(subj: Token, prep: Token) -> bool:
    """ "is accused by critics of promoting high-tax policies": the parser hangs what the verb
    charges on its agent; "of"/"for" and a gerund is no part of who speaks (the speaker was
    Corbyn, named by "his party" inside that phrase). Only a passive's agent: "co-editor of
    Debating The Donald" keeps its book."""
    if subj.head.dep_ != "agent":
        return False
    return prep.lower_ in ("of", "for") and any(c.tag_ == "VBG" for c in prep.children)


def _cut_clause(doc: Doc, clause: Token, is_cue: Callable[[Token], bool] | None) -> bool:
    """Whether a clause hanging off the source NP stays out of the source span."""
    if clause.dep_ != "relcl":
        return True
    if doc[clause.left_edge.i - 1].text not in {",", "—", "–", "("}:
        return False
    if is_cue is None:
        return True
    return any(t.pos_ == "VERB" and is_cue(t) for t in clause.subtree)


def _after_dateline(doc: Doc, i: int, subj: Token) -> int:
    """Skip a wire dateline ("Dec 29 (Reuters) - …", "CORVEL VALLEY - …") that the parser
    folded into the subject."""
    for k in range(i, subj.i):
        if doc[k].text in {"-", "—", "--", "–"}:
            before = doc[i:k]
            if any(t.text == ")" for t in before) or all(t.is_upper or t.is_punct for t in before):
                return k + 1
    return i


def _heads_of_np(subj: Token) -> Iterable[Token]:
    yield subj
    for child in subj.children:
        if child.dep_ in ("appos", "conj"):
            yield child


def _statement_pp(prep: Token) -> range:
    """Tokens of "in a (joint) statement" (the prepositional phrase up to its noun)."""
    if prep.lower_ != "in":
        return range(0)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() != "statement":
        return range(0)
    return range(prep.i, pobj.i + 1)


def _is_statement_pp(prep: Token) -> bool:
    return any(c.dep_ == "pobj" and c.lemma_.lower() in STATEMENT_NOUNS for c in prep.children)


def cue_range(doc: Doc, verb: Token, extra: Iterable[Token] = ()) -> Range:
    """The verb with its auxiliaries, negation, particles and close adverbs (a contiguous run),
    plus the verbs it is the infinitive of ("continued to portray", "declined to respond")."""
    keep = {t.i for t in extra}
    node: Token = verb
    for _ in range(3):
        keep |= _verb_group(node)
        head = node.head
        if node.dep_ != "xcomp" or head.i >= node.i or head.pos_ not in ("VERB", "AUX"):
            break
        between = doc[head.i + 1 : node.left_edge.i]
        if len(between) > 2 or any(
            t.pos_ not in ("ADV", "PART") and t.dep_ != "prt" for t in between
        ):
            break
        if node.left_edge.i < node.i and doc[node.left_edge.i].lower_ != "to":
            break
        node = head
    i = j = verb.i
    while i - 1 in keep or (i - 1 > min(keep) and doc[i - 1].pos_ == "ADV" and i - 2 in keep):
        i -= 1
    while j + 1 in keep:
        j += 1
    return i, j + 1


def _cue_adverb(adv: Token) -> bool:
    """A left adverb that belongs to the cue ("has repeatedly argued", "now says"), not a
    sentence adverb or a wh-word ("however", "when")."""
    if adv.lower_ in CUE_ADVERBS:
        return True
    bare = adv.n_lefts + adv.n_rights == 0 and adv.text.islower()  # not a misparsed name
    return adv.pos_ == "ADV" and adv.lower_ not in NON_CUE_ADVERBS and bare


def _verb_group(verb: Token) -> set[int]:
    keep = {verb.i}
    for child in verb.children:
        left_adverb = child.dep_ == "advmod" and child.i < verb.i and _cue_adverb(child)
        if child.dep_ in _CUE_CHILD or left_adverb:
            keep.add(child.i)
        elif child.dep_ == "advmod" and child.i == verb.i + 1 and child.lower_ not in _RIGHT_SKIP:
            if child.pos_ == "ADV" and not child.ent_type_:
                keep.add(child.i)
        elif child.dep_ == "prep" and verb.lemma_ == "say" and child.i > verb.i:
            keep.update(_statement_pp(child))
    return keep


def clause_range(
    verb: Token,
    content: Iterable[Range],
    cue: Range,
    source: Range | None,
    sent: Range,
    quoted: Callable[[int], bool],
) -> Range:
    """Extent of the attributing clause: source and cue, plus the verb's subtree outside content."""
    lo, hi = cue
    if source is not None:
        lo, hi = min(lo, source[0]), max(hi, source[1])
    blocked = list(content)
    for tok in verb.subtree:
        if any(a <= tok.i < b for a, b in blocked):
            continue
        if tok.is_punct or tok.is_space or not sent[0] <= tok.i < sent[1] or quoted(tok.idx):
            continue
        if abs(tok.i - verb.i) <= 12:
            lo, hi = min(lo, tok.i), max(hi, tok.i + 1)
    return lo, hi


def cut_tail(doc: Doc, head: Token, rng: Range, is_cue: Callable[[Token], bool]) -> Range:
    """Cut a content clause before a conjoined clause that attributes again (" and says …");
    ``is_cue`` decides which verbs attribute (and can rule out those inside quotes)."""
    i, j = rng
    for child in head.children:
        if not i < child.i < j or child.pos_ not in ("VERB", "AUX") or not is_cue(child):
            continue
        if child.dep_ == "conj":
            j = min(j, _before_cc(doc, child.left_edge.i, i))
        elif (
            child.dep_ == "advcl" and child.tag_ == "VBG" and doc[child.left_edge.i - 1].text == ","
        ):
            j = min(j, child.left_edge.i - 1)
    while i < j and _leading_time(doc[i], head):
        i = doc[i].right_edge.i + 1
    return trim(doc, (i, j))


def _leading_time(tok: Token, head: Token) -> bool:
    """ "said Tuesday his actions …": a date the parser put at the head of the content."""
    if tok.head.i != head.i or tok.i >= head.i:
        return False
    if tok.dep_ == "npadvmod" and tok.ent_type_ in ("DATE", "TIME"):
        return True
    return tok.dep_ == "prep" and any(c.ent_type_ in ("DATE", "TIME") for c in tok.children)


def _before_cc(doc: Doc, k: int, floor: int) -> int:
    while k - 1 > floor and (doc[k - 1].dep_ == "cc" or doc[k - 1].is_punct):
        k -= 1
    return k


def char_range(doc: Doc, rng: Range) -> tuple[int, int]:
    i, j = rng
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # a finite verb or modal


_ASIDE_MARKS = frozenset({",", "—", "–", "-", "--"})


def _relative_aside(doc: Doc, span: Span) -> bool:
    """ ", which would have been flat …" after the cue: a relative clause about a noun, not what
    was said ("economists had predicted — which would have been flat from March")."""
    first = span[0]
    return first.lower_ == "which" and span.start > 0 and doc[span.start - 1].text in _ASIDE_MARKS


def is_fragment(doc: Doc, start: int, end: int, *, needs_verb: bool = False) -> bool:
    """A content that is not a clause: a finite predicate whose subject lies outside it
    ("remained unclear", "said talks would resume"), or, where the cue needs a clause
    (``needs_verb``: "according to"), no verb at all ("Prime Minister Karl Holm"). A noun phrase
    is a fine content for a verb cue ("called for an inquiry"). A relative clause set off after
    the cue (", which …") is one too."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return True
    if _relative_aside(doc, span):
        return True
    if not any(t.pos_ in ("VERB", "AUX") for t in span):
        return needs_verb
    roots = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    root = roots[0] if roots else span.root
    # (finite by itself, or by its first auxiliary: "might now be leaking into the water")
    auxiliaries = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < root.i]
    if root.tag_ not in FINITE_TAGS and not (auxiliaries and auxiliaries[0].tag_ in FINITE_TAGS):
        return False
    heads = [root, *auxiliaries]  # (a subject the parser hung on an auxiliary counts)
    return not any(c.dep_ in _SUBJECTS for h in heads for c in h.children)
