"""Whether an undated lead reports an event: what lets it stand for the day's development.

A news lead without a date is dated on the publication day (``current``) because it says what
an actor did or has done ("Police arrested two men", "The council has withdrawn the plan",
"Officials say …"). Features and opinion pieces open otherwise, and dating their first sentence
on the publication day put background or the writer's view at the end of The Story So Far as
the latest development. Told apart by the parse of the main clause alone (its tense, its
subject and whether it is a copula or linking verb with a predicative complement), never by
the words of a story:

- the writer's or the reader's voice: a first- or second-person subject ("you can't …",
  "we've seen …", "I grew up …");
- an evaluation: "it" with a predicative adjective ("It's tough out there …", "It is unclear
  whether …") or with a noun judging the clause "it" stands for ("It is a truism that …"), the
  writer judging a state of affairs;
- a generalization about a group: a past predicative clause whose subject is quantified
  without a number ("After the shooting, many survivors became advocates": a change over
  months, not an act of the day; "Three people are dead after …" counts and stays news, and so
  does a group's present state, "Many residents are angry after …");
- habitual present: the simple present with a frequency adverb or a "these days" period
  ("Voters rarely turn out …"), what happens as a rule;
- a trend: a change still going on ("the question of one's vaccination status is becoming
  increasingly relevant", "Voters are growing more anxious"), no act of the day;
- a thought told as a scene: a verb of thinking in the simple past in a "when" clause's scene
  ("When the immunologist looked inside the lungs, he thought he was seeing things"), a
  feature's anecdote, not an act.

A clause the parser hung before the main verb ("It's tough out there these days -- you can't
…") is the lead's opening, the line the timeline shows, and is judged too, unless the main verb
tells an act itself: "It is official -- the council has approved the plan" (past or perfect), or
"It is no longer possible to contain the virus, the agency said" (a statement made that day).
"""

from __future__ import annotations

from spacy.tokens import Token

from newsbrief.analyze.time.clauses import REPORTING
from newsbrief.analyze.time.timex import verb_tense

__all__ = ["reports_event"]

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_PREDICATIVE = frozenset({"acomp", "attr", "oprd"})
_IT = {"Person": "3", "Gender": "Neut", "Number": "Sing"}  # the morphology of "it"
_QUOTE_MARKS = frozenset({'"', "``", "''", "\u201c", "\u201d"})
# determiners and pronouns that quantify a group without counting it (closed class)
_QUANTIFIERS = frozenset({"many", "most", "some", "few", "several", "all", "numerous", "countless"})
# verbs of thinking (closed class): in the simple past, a state of mind told, not an act
_THINKING = frozenset({"think", "believe", "suspect", "wonder", "imagine", "suppose", "assume"})
# adverbs of frequency: what happens as a rule, not once (closed class)
_FREQUENCY = frozenset(
    {"always", "usually", "often", "typically", "generally", "frequently", "rarely", "seldom",
     "sometimes", "never", "nowadays"}
)  # fmt: skip


def reports_event(root: Token) -> bool:
    """False when the main clause of ``root``'s sentence is background or comment, not an
    actor doing something (see the module docstring)."""
    if _background(root):
        return False
    if verb_tense(root) == "past" or (root.lemma_ in REPORTING and root.pos_ == "VERB"):
        return True  # "It is official -- the council has approved …": the act is the news
    return not any(
        _background(c)
        for c in root.children
        if c.dep_ in ("ccomp", "parataxis") and c.i < root.i and _subject(c) is not None
    )


def _background(verb: Token) -> bool:
    """The clause of ``verb`` speaks in the writer's voice, evaluates, generalizes about a
    group, tells what happens as a rule or a thought as a scene: the kinds of the module
    docstring."""
    subject = _subject(verb)
    if subject is not None and _speaker_or_reader(subject):
        return True
    if _predicative(verb) and subject is not None:
        if _it(subject) and (
            any(c.dep_ == "acomp" and c.pos_ == "ADJ" for c in verb.children) or _extraposed(verb)
        ):
            return True
        if _quantified(subject) and verb_tense(verb) == "past":
            return True
    return _habitual(verb) or _thought(verb) or _trend(verb)


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in _SUBJECTS), None)


def _speaker_or_reader(subject: Token) -> bool:
    """ "I", "we", "you": the writer's or the reader's voice. Not inside a quotation: the
    quoted speaker's "we" is reported ("… by protesters chanting, “We believe survivors.”",
    where the parser may make the chant the main clause)."""
    if subject.pos_ != "PRON" or subject.morph.to_dict().get("Person") not in ("1", "2"):
        return False
    before = subject.doc.text[subject.sent.start_char : subject.idx]
    return sum(before.count(mark) for mark in _QUOTE_MARKS) % 2 == 0


def _it(subject: Token) -> bool:
    """ "It" standing for nothing named: the subject of an evaluation ("there" is left alone:
    "There has been an explosion" tells what happened)."""
    features = subject.morph.to_dict()
    return subject.tag_ == "PRP" and all(features.get(k) == v for k, v in _IT.items())


def _extraposed(verb: Token) -> bool:
    """ "It is a truism that …", "It's no secret that …": "it" stands for the clause after the
    noun, which the noun judges. A ranked noun counts instead ("It's the fifth straight week
    that job losses …", "the biggest …"): that is news about the clause's event."""
    noun = next((c for c in verb.children if c.dep_ == "attr"), None)
    if noun is None or any(c.ent_type_ == "ORDINAL" or c.tag_ == "JJS" for c in noun.subtree):
        return False
    return any(
        c.dep_ in ("acl", "ccomp")
        and any(m.dep_ == "mark" and m.lower_ in ("that", "whether") for m in c.children)
        for c in (*noun.children, *verb.children)
    )


def _predicative(verb: Token) -> bool:
    """A copula or linking verb with its complement ("is tough", "became advocates"); not a
    passive ("were shot dead" is something done to someone)."""
    children = list(verb.children)
    return any(c.dep_ in _PREDICATIVE for c in children) and not any(
        c.dep_ in ("auxpass", "nsubjpass") for c in children
    )


def _quantified(subject: Token) -> bool:
    """ "many survivors", "most of the residents": a group taken as a whole, uncounted."""
    if subject.lower_ in _QUANTIFIERS:
        return True
    return any(
        c.dep_ in ("det", "amod", "predet") and c.lower_ in _QUANTIFIERS for c in subject.children
    )


def _habitual(verb: Token) -> bool:
    """The simple present with a frequency adverb or a period around now ("these days")."""
    if verb.tag_ not in ("VBZ", "VBP"):
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.lemma_ != "do" for c in verb.children):
        return False
    for c in verb.children:
        if c.dep_ in ("advmod", "neg") and c.lower_ in _FREQUENCY:
            return True
        if c.dep_ == "npadvmod" and c.tag_ == "NNS" and _proximal_plural(c):
            return True
    return False


def _proximal_plural(noun: Token) -> bool:
    """ "these days", "these weeks": a stretch of time that includes today."""
    return any(d.dep_ == "det" and d.lower_ == "these" for d in noun.children)


def _thought(verb: Token) -> bool:
    """A verb of thinking in the simple past, with a subject, in the scene a "when" clause
    sets ("When he looked …, he thought he was seeing things"); not a passive or a perfect
    ("It was believed …", "has wondered …")."""
    return (
        verb.tag_ == "VBD"
        and verb.lemma_ in _THINKING
        and _subject(verb) is not None
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        and any(
            c.dep_ == "advcl" and any(m.dep_ == "advmod" and m.lower_ == "when" for m in c.children)
            for c in verb.children
        )
    )


def _trend(verb: Token) -> bool:
    """ "is becoming increasingly relevant", "are growing more anxious": a change of state in
    the present progressive, or anything done "increasingly"."""
    progressive = verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in verb.children
    )
    complements = [c for c in verb.children if c.dep_ in _PREDICATIVE]
    if progressive and verb.lemma_ in ("become", "grow", "get") and complements:
        return True  # ("Calls are growing for …" has none: the calls are news)
    return any(
        t.dep_ == "advmod" and t.lower_ == "increasingly"
        for c in (verb, *complements)
        for t in c.children
    )
