"""Time expressions in a clause that do not date it: what "The Story So Far" leaves out.

A date can sit in a clause without saying when its verb happened: the base of a comparison
("up from $5 million a year earlier", "the lowest rate since December 1969", "more than they
have in any month so far this year"), the name of a body or a law ("the Jan. 6 select
committee", "the Voting Rights Act of 1965"), a contest still to come ("to enter the 2020
race"), what a person is called ("2012 GOP presidential nominee Mitt Romney"), what a phrase is
about ("cases concerning the 2020 election results"), what a condition supposes ("even if they
arrived after Election Day"), or a "today" that means nowadays ("the galaxies we observe
today"). A line cut short before the verb its date modifies is not that date's either
(:func:`cut_from_the_line`).
"""

from __future__ import annotations

import re
from datetime import datetime

from spacy.tokens import Span, Token

from newsbrief.analyze.time.clauses import misparsed_subject
from newsbrief.models import Sentence, TimeExpr

__all__ = [
    "cut_from_the_line",
    "dates_nothing",
    "dates_what_it_follows",
    "names_a_body",
    "names_an_event",
]


def dates_nothing(
    t: TimeExpr,
    sent: Sentence,
    span: Span,
    verb: Token | None,
    value: str,
    dct: datetime | None,
) -> bool:
    """True when ``t`` (parsed as ``span``, its normalized ``value``, the verb it modifies)
    does not date the clause of ``verb`` in ``sent``."""
    return (
        _comparison(t, sent)
        or misparsed_subject(span.root)
        or _compared(verb)
        or _generic_today(t, verb)
        or names_a_body(span)
        or _coming_contest(span, value, dct)
        or _in_a_title(span)
        or _contest_described(span, verb)
        or _names_attacks(span)
        or _nothing_since(span, verb)
        or _names_the_object(span, verb)
        or _names_a_topic(span)
        or _conditional(verb)
        or _names_a_deadline(span)
        or _year_of_a_thing(span, value)
    )


# prepositions whose object dates what happens ("in the 2008 crisis", "during its 1976 tour")
_WHEN = frozenset(
    {"in", "during", "since", "after", "before", "until", "by", "through", "throughout", "from",
     "to", "at", "amid", "following"}
)  # fmt: skip


def _year_of_a_thing(span: Span, value: str) -> bool:
    """ "the title track of their 1976 album", "performances of 1972's Toulouse Street": a
    year that says when a thing was made, not when the clause happened ("McDonald came out
    during the encore …" was dated 1976). Only a thing after a preposition that is not one of
    time ("during the 2008 crisis" dates its clause) or in apposition; a subject's or an
    object's year may be its clause's ("Her 2016 campaign ended", "won the 2016 race")."""
    if len(value) != 4 or not value.isdigit():
        return False
    doc, root = span.doc, span.root
    if span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"):
        noun = root  # "1972's Toulouse Street and 1973's …", however the parser hung them
        while noun.dep_ in ("conj", "poss", "compound") and noun.head.i != noun.i:
            noun = noun.head
        return not (noun.dep_ == "pobj" and noun.head.lower_ in _WHEN)
    if root.dep_ not in ("nummod", "compound", "amod", "nmod") or not root.head.i > root.i:
        return False
    noun = root.head
    if noun.dep_ == "appos":
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ not in _WHEN


def cut_from_the_line(verb: Token | None, line: tuple[int, int]) -> bool:
    """ "The judges turned away appeals … of a ruling ordering officials to count ballots that
    were postmarked by Election Day": where the dated clause cannot stand alone, the line is the
    sentence cut to length, and the cut can leave out the verb the date modifies. What is left
    tells a clause above it (the sentence's main event), which the date does not date
    (``line``: the line's character offsets). A line cut from the dated clause itself ("With
    the mayor casting the deciding vote, the council voted late Tuesday") still is its date's."""
    if verb is None or line[0] <= verb.idx < line[1]:
        return False
    return any(line[0] <= above.idx < line[1] for above in verb.ancestors)


def _conditional(verb: Token | None) -> bool:
    """ "a ruling that allowed ballots to be counted even if they arrived three days after
    Election Day": what a condition supposes has not happened on its date."""
    return (
        verb is not None
        and verb.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children)
    )


# prepositions (and participles used as ones) that bring what something is about, not when
_TOPIC = frozenset({"about", "concerning", "regarding", "surrounding", "involving", "into"})


def _names_a_topic(span: Span) -> bool:
    """ "no interest in cases concerning the 2020 election results", "questions about the March 3
    vote": a date naming the thing a phrase is about dates that thing, not the clause around it
    ("lost his seat in the 2016 election" is still dated by it)."""
    root = span.root
    if root.dep_ not in ("nummod", "compound", "amod", "nmod", "npadvmod", "poss"):
        return False
    noun = root.head
    if noun.i < root.i or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    return noun.dep_ in ("pobj", "dobj") and noun.head.lower_ in _TOPIC


_DEADLINES = frozenset({"deadline", "cutoff", "cut-off"})


def _names_a_deadline(span: Span) -> bool:
    """ "With an Aug. 31 deadline looming, thousands remained …", "the March 1 cutoff": the date
    is when the deadline falls, not when the clause around it happened."""
    root = span.root
    if root.dep_ in ("nummod", "compound", "amod", "nmod", "npadvmod", "poss"):
        noun = root.head
        return noun.i > root.i and noun.lemma_.lower() in _DEADLINES
    # "the deadline of March 1"
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in _DEADLINES


_YEAR_AGO = re.compile(r"year[-\s](?:ago|earlier)\b", re.I)
_AGO = re.compile(r"\b(?:ago|earlier)$", re.I)
_COMPARING = re.compile(r"\b(?:compared|from|versus|than|up|down)\b", re.I)
_CHANGE_BASE = re.compile(
    r"\b(?:increase[ds]?|decrease[ds]?|ris(?:e|es|en|ing)|rose|drop(?:s|ped)?|jump(?:s|ed)?"
    r"|gain(?:s|ed)?|declin(?:e|es|ed)|fall(?:s|en)?|fell|grow(?:s|n)?|grew|growth"
    r"|climb(?:s|ed)?|higher|lower|more|less|up|down)\b"
    r"[^.;]{0,30}?\b(?:over|than|from|compared (?:with|to)|versus)\s+(?:in\s+|during\s+)?$"
    # "would have been flat from the revised March numbers"
    r"|\b(?:flat|unchanged|steady|up|down|higher|lower)\s+from\s+(?:the\s+)?(?:\w+\s+)?$"
    # "the lowest jobless rate since December 1969", "for the first time since March"
    r"|\b(?:lowest|highest|largest|biggest|smallest|worst|best|fastest|slowest|strongest"
    r"|weakest|steepest|sharpest|deepest|longest|shortest|most|least|first\s+time|record)"
    r"\b[^.;]{0,40}?\bsince\s+(?:the\s+)?(?:start\s+of\s+|end\s+of\s+)?$"
    # "the only decade dating back to the 1910s that …": how far back a comparison looks
    r"|\b(?:dating|going|stretching|reaching)\s+back\s+to\s+(?:the\s+)?$",
    re.I,
)


def _comparison(t: TimeExpr, sent: Sentence) -> bool:
    """ "Year-ago" figures, "compared with ... a year earlier" and the base of a change ("a 12%
    increase over the previous month", "higher than last year", "the lowest rate since December
    1969") are comparisons."""
    if _YEAR_AGO.search(t.text):
        return True
    if _CHANGE_BASE.search(sent.text[: max(0, t.start - sent.start)]):
        return True
    return bool(_AGO.search(t.text)) and bool(_COMPARING.search(sent.text))


_BODIES = frozenset(
    {"committee", "subcommittee", "commission", "panel", "inquiry", "investigation", "probe"}
)


_ACT_OF = re.compile(r"\b[A-Z][a-z]+ (?:Act|Accords?|Agreement|Treaty|Convention) of\s+$")


def names_a_body(span: Span) -> bool:
    """ "the Jan. 6 select committee", "the 9/11 commission", "the Voting Rights Act of 1965": a
    date in a body's or a law's name says when something else happened, not when the clause's
    verb did; so does one naming what a body looks into ("the special committee investigating
    the Jan. 6 insurrection", "the inquiry into the March 3 crash")."""
    if _ACT_OF.search(span.doc.text, max(0, span.start_char - 60), span.start_char):
        return True
    root = span.root
    noun = root.head
    if root.dep_ not in ("nmod", "compound", "amod", "npadvmod") or root.i > noun.i:
        return False  # "testifies at the House committee, June 17": a date after it dates the verb
    if _is_body(noun):
        return True
    link = noun.head  # the verb or preposition that attaches the noun the date modifies
    return (
        noun.dep_ in ("dobj", "pobj")
        and link.dep_ in ("acl", "relcl", "prep")
        and _is_body(link.head)
    )


def _is_body(noun: Token) -> bool:
    return noun.lemma_.lower() in _BODIES or any(
        c.lemma_.lower() in _BODIES for c in noun.children if c.dep_ == "compound"
    )


_CONTESTS = frozenset(
    {"race", "election", "elections", "campaign", "cycle", "primary", "primaries", "contest",
     "nomination", "season", "budget", "olympics", "census", "hopeful", "hopefuls",
     "candidate", "contender", "nominee"}
)  # fmt: skip


def _coming_contest(span: Span, value: str, dct: datetime | None) -> bool:
    """ "to enter the 2020 race", "2020 Democratic hopefuls took aim at …", written in 2019 or
    2020: the year names the contest the clause is about, not when its verb happens ("won the
    2016 election", written later, is an event of 2016)."""
    root = span.root
    if dct is None or root.dep_ not in ("nummod", "compound", "amod", "nmod"):
        return False
    if root.head.lemma_.lower() not in _CONTESTS and root.head.lower_ not in _CONTESTS:
        return False
    return value[:4].isdigit() and int(value[:4]) >= dct.year


# people a contest or a year made what they are: "2012 GOP presidential nominee Mitt Romney"
_TITLES = frozenset(
    {"nominee", "candidate", "hopeful", "contender", "challenger", "champion", "winner",
     "runner", "laureate", "medalist", "medallist", "finalist", "graduate", "alumnus",
     "alumna", "draftee", "rookie"}
)  # fmt: skip


def _in_a_title(span: Span) -> bool:
    """ "2012 GOP presidential nominee Mitt Romney said …", "a 2016 presidential candidate":
    a year in what a person is called says when they became it, not when the clause's verb
    happened (the year of a contest itself still dates its events: "won the 2016 election")."""
    root = span.root
    if root.dep_ not in ("nummod", "compound", "amod", "nmod", "npadvmod"):
        return False
    head = root.head
    if head.i < root.i:
        return False
    # the title is the word the year modifies, or, when the parser hung the year on the name,
    # one of the name's compounds after the year ("2012 [GOP presidential nominee] Romney")
    words = [head, *(c for c in head.children if c.dep_ == "compound" and c.i > root.i)]
    return any(w.lemma_.lower() in _TITLES or w.lower_ in _TITLES for w in words)


_ATTACKERS = frozenset({"attacks", "attackers", "hijackers", "bombings", "bombers", "plotters"})
# an upheaval a calendar day names ("the Jan. 6 insurrection", "the 6 January riot")
_UPHEAVALS = frozenset(
    {"insurrection", "riot", "riots", "uprising", "coup", "massacre", "attack", "bombing",
     "storming", "siege"}
)  # fmt: skip
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


def names_an_event(span: Span) -> bool:
    """A date that is part of an event's name: the day of famous attacks ("the September 11
    terrorist attacks") or of an upheaval ("the Jan. 6 insurrection"; a weekday does not name
    one: "the Monday attack killed 12" is dated by it). The upheaval's day still dates a clause
    about it ("accuse him of instigating the 6 January riot"), but not a story's day (``in_name``):
    "will send the article, which charges Trump with inciting the Jan. 6 insurrection, on Monday"
    is Monday's news."""
    if _names_attacks(span):
        return True
    root = span.root
    if root.dep_ not in ("compound", "nmod", "amod", "nummod", "npadvmod"):
        return False
    head = root.head
    return head.i > root.i and head.lower_ in _UPHEAVALS and not _WEEKDAY.search(span.text)


def _names_attacks(span: Span) -> bool:
    """ "the September 11 terrorist attacks", "September 11, 2001 attackers": a day before
    plural attacks or attackers names a past atrocity (its year often left out, and so resolved
    against the article's), not when the clause happened ("the Monday attack killed 12" still
    dates its clause)."""
    doc, root = span.doc, span.root
    after = [t.lower_ for t in doc[span.end : span.end + 2]]
    if after and after[0] in ("terrorist", "terror"):
        after = after[1:]
    if after and after[0] in _ATTACKERS:
        return True  # the words themselves, however the parser hung them
    if root.dep_ not in ("compound", "nmod", "amod", "nummod", "npadvmod"):
        return False
    head = root.head
    return head.i > root.i and head.lower_ in _ATTACKERS


def _contest_described(span: Span, verb: Token | None) -> bool:
    """ "the report summarizing the special counsel's investigation into the 2016 race": a
    contest's year under a participle that describes a noun names what that thing is about;
    the clause around it did not happen then."""
    root = span.root
    if verb is None or verb.dep_ != "acl" or verb.tag_ not in ("VBG", "VBN"):
        return False
    if root.dep_ not in ("nummod", "compound", "amod", "nmod"):
        return False
    return root.head.lemma_.lower() in _CONTESTS or root.head.lower_ in _CONTESTS


def _compared(verb: Token | None) -> bool:
    """The clause of a comparison's base, with its own subject ("… than they have in any month
    so far this year"); not an elliptical one ("added fewer jobs than expected in September")."""
    if verb is None:
        return False
    children = list(verb.children)
    return any(c.dep_ == "mark" and c.lower_ == "than" for c in children) and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in children
    )


def _generic_today(t: TimeExpr, verb: Token | None) -> bool:
    """ "the galaxies we observe today", "why the universe appears as it is today": "today" in
    a present-tense relative or adverbial clause means nowadays, not the day of the news."""
    if verb is None or t.text.lower() not in ("today", "nowadays"):
        return False
    return verb.tag_ in ("VBP", "VBZ") and verb.dep_ in ("relcl", "advcl", "acl")


def _nothing_since(span: Span, verb: Token | None) -> bool:
    """ "voters who have not cast a ballot since 2008": what has not happened since a date did
    not happen on it."""
    if verb is None or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    if before.lower_ != "since" or before.head.i != verb.i:
        return False
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children)


def _names_the_object(timex: Span, verb: Token | None) -> bool:
    """ "They cite the 2000 election in Florida": a date naming the thing a present-tense verb
    takes as its object dates that thing, not what the verb says happens now."""
    if verb is None or verb.tag_ not in ("VBP", "VBZ"):
        return False
    root = timex.root
    noun = root.head
    return (
        root.dep_ in ("compound", "nummod", "amod", "poss")
        and noun.pos_ in ("NOUN", "PROPN")
        and noun.dep_ == "dobj"
        and noun.head.i == verb.i
    )


def dates_what_it_follows(verb: Token | None, dating: set[int]) -> bool:
    """ "Trump on Friday signed …, following the House's approval of the legislation on
    Thursday": "following" (or "preceding") used as a preposition, its date its object's (the
    approval), under a verb with a date of its own (``dating``): a line of that clause on
    Thursday would misdate the signing. Without one ("was headed to an emergency room following
    her collapse on Sunday") the date is the nearest the sentence gives, and stays."""
    return (
        verb is not None
        and verb.tag_ == "VBG"
        and verb.lemma_.lower() in ("follow", "precede")
        and verb.dep_ in ("prep", "advcl")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        and verb.head.i in dating
    )
