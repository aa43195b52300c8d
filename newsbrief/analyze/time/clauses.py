"""The clause a time expression dates, cut out of the parse as a verbatim, readable span.

"Dockworkers walked off the job on Tuesday, ... after talks collapsed the previous day": for
``Tuesday`` the clause of *walked* minus the ``after ...`` clause (it has its own date) and minus
the date itself at its edge; for ``the previous day`` the clause of *collapsed* minus its
subordinator. Spans stay contiguous so that the text is a substring of the article.

Long module: where a clause starts and where it may be cut are one set of rules over one parse
(the clause head, what to keep, the edges to strip), each a small function the others call;
split up, every part would import the rest.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from newsbrief.models import Sentence

MAX_TOKENS = 28
MIN_TOKENS = 2
_LEAD_STRIP = frozenset({"after", "as", "when", "because", "while", "since", "that", "if",
                         "although", "though", "once", "before", "until", "whereas", "and",
                         "but", "or", "so", "which", "who", "where", "then", "also", "'s",
                         "\u2019s", "_"})  # fmt: skip
_EDGE_POS = frozenset({"PUNCT", "CCONJ", "SCONJ"})
_TRAIL_STRIP_POS = frozenset({"PUNCT", "CCONJ", "SCONJ", "ADP", "DET", "PART"})
_CLAUSE_DEPS = frozenset({"advcl", "conj", "parataxis", "ccomp", "xcomp", "relcl", "acl"})
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z .'-]{1,40}(?:,\s*[A-Z][\w .'-]{1,40})?(?:\s*\([A-Za-z .]{2,20}\))?"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}, [A-Z]{2})"  # a press release's "New York, NY –"
    r"\s*(?:-|--|_|\u2013|\u2014)\s+"
)
_CONTENT_DEPS = frozenset({"ccomp", "dobj", "xcomp", "parataxis", "advcl", "prep", "conj"})
# a reporting verb's preposition that brings what was said ("warned of", "reported on"); the
# others say where or how ("said in an e-mail", "told reporters at a briefing")
_ABOUT = frozenset({"of", "on", "about", "for", "against", "over"})
REPORTING = frozenset({"say", "tell", "announce", "report", "state", "add", "confirm", "claim",
                       "warn", "insist", "argue", "write", "declare", "note",
                       "disclose"})  # fmt: skip
# participles that name a report's source: "citing officials", "quoting a spokesman"
_SOURCING = frozenset({"cite", "quote"})
_CUT_PUNCT = frozenset({",", ";", "--", ":", "\u2014", "\u2013"})
_PHRASE_STARTS = frozenset({"prep", "mark", "cc", "advmod", "relcl", "acl", "advcl"})
_RELATIVE_WORDS = frozenset({"that", "which", "who", "whom", "whose"})
_QUOTES = frozenset({'"', "'", "``", "''", "\u201c", "\u201d", "\u2018", "\u2019"})


_PREPOSITIONS = frozenset(
    {"since", "in", "from", "until", "till", "after", "before", "by", "during"}
)


def misparsed_subject(tok: Token) -> bool:
    """ "… who had been held … since 2016 were released Tuesday": a date after a preposition
    that the parser made the subject of the next verb ("2016 were released")."""
    return (
        tok.dep_ in ("nsubj", "nsubjpass")
        and (tok.like_num or tok.ent_type_ in ("DATE", "TIME"))
        and tok.left_edge.i > 0
        and tok.doc[tok.left_edge.i - 1].lower_ in _PREPOSITIONS
    )


def governing_verb(span: Span) -> Token | None:
    """The verb a time expression modifies (the first verbal ancestor of its head)."""
    tok = span.root
    for _ in range(10):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def predicate_span(
    doc: Doc,
    sent: Sentence,
    verb: Token | None,
    timex: Span | None,
    timex_spans: list[tuple[int, int]],
) -> tuple[int, int] | None:
    """Character offsets of the clause of ``verb``, trimmed; the sentence when that fails.

    ``None`` when the clause says nothing but who reported ("..., the company said Friday").
    """
    sent_span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    if verb is None or sent_span is None:
        return _fallback(doc, sent)
    head = clause_head(verb)
    if any(misparsed_subject(c) for c in head.children):
        return _fallback(doc, sent)  # its subject is a date: "… since 2016 were released"
    lo, hi = sent_span.start, sent_span.end
    own = (timex.start_char, timex.end_char) if timex is not None else (-1, -1)
    others = [s for s in timex_spans if s != own]
    keep = {t.i for t in head.subtree if lo <= t.i < hi}
    for child in [*head.children, *(verb.children if head is not verb else ())]:
        if child is verb or child.i not in keep or _contains(list(child.subtree), own):
            continue
        sub = list(child.subtree)
        if _is_clause(child) and (_contains_other(sub, others) or _own_subject(child)):
            keep.difference_update(t.i for t in sub)
    if timex is not None:  # "left the company in October, SoftBank, its largest investor, …":
        for child in timex.root.children:  # a name the parser coordinated with the date
            if (
                child.dep_ == "conj"
                and child.pos_ == "PROPN"
                and child.ent_type_ not in ("DATE", "TIME")
            ):
                keep.difference_update(t.i for t in child.subtree)
    if _reporting_only(head, keep):
        return None
    first, last = _run_around(head.i, keep)
    first = _after_dateline(doc, sent, first)
    # a date that is the subject ("The quarter was terrible") stays in the clause
    # (and one that is what the clause says: "the only decade … was the 1930s")
    strip = (
        None if timex is not None and timex.root.dep_ in ("nsubj", "nsubjpass", "attr") else timex
    )
    first, last = _strip(doc, first, last, strip)
    first, last = _shorten(doc, first, last, strip)
    if _object_left_behind(head, first, last):
        return _fallback(doc, sent)  # "a finding that she reported in 2009": "she reported" what?
    if not _informative(doc, first, last) or not _main_verb_has_subject(doc, first, last):
        # "a violent mob that stormed the Capitol", "came despite emergency Fed action": a noun
        # phrase or a predicate without its subject reads as a fragment; the sentence does not
        return _fallback(doc, sent)
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _object_left_behind(head: Token, first: int, last: int) -> bool:
    """A relative clause whose object is its relative pronoun, cut to a few words that say
    nothing without the noun ("she reported"); a long one is a clause the parser took for a
    relative ("the facts that Prince Andrew stayed with Epstein … in the early 2000s")."""
    return (
        head.dep_ == "relcl"
        and any(c.dep_ == "dobj" and c.tag_ in ("WDT", "WP") for c in head.children)
        and last - first + 1 <= 3
    )


def _reporting_only(head: Token, keep: set[int]) -> bool:
    """A reporting verb whose reported content was cut away: nothing left to tell."""
    if head.lemma_ not in REPORTING or head.pos_ != "VERB":
        return False
    if sum(1 for i in keep if i < head.i and head.doc[i].text in _QUOTES) >= 2:
        return False  # the quotation before it is what was said: "“…, the better,” Biden told"
    return not any(
        c.i in keep
        and c.dep_ in _CONTENT_DEPS
        and (c.dep_ != "prep" or (c.lower_ in _ABOUT and not _dated(c)))
        and not (c.dep_ == "dobj" and head.lemma_ == "tell")  # "told reporters": who heard it
        and not _aside(c)
        for c in head.children
    )


def _aside(clause: Token) -> bool:
    """ "…, adding to fears about unfulfilled demand": a participle clause after the reporting
    verb comments on the news, it is not what was said ("…, adding that talks had failed" is).
    Nor is one that names the source ("…, the paper reported Monday, citing two officials"):
    it is part of the reporting frame."""
    if clause.dep_ != "advcl" or clause.tag_ != "VBG":
        return False
    if clause.lemma_ in _SOURCING and not any(c.dep_ == "ccomp" for c in clause.children):
        return True
    return not any(c.dep_ in ("ccomp", "dobj") for c in clause.children)


def _dated(prep: Token) -> bool:
    """ "on Tuesday", "over the weekend": a preposition bringing a date, not what was said."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def _informative(doc: Doc, first: int, last: int) -> bool:
    """At least two words, one of them a verb (a bare noun phrase reads as a fragment)."""
    if last - first + 1 < MIN_TOKENS:
        return False
    return any(doc[i].pos_ in ("VERB", "AUX") for i in range(first, last + 1))


def clause_head(verb: Token) -> Token:
    """Where the clause of ``verb`` starts: the noun a participle modifies ("a deal signed in
    March"), the reporting verb of a reported clause ("X said on Monday it would ..."), or the
    verb itself."""
    for _ in range(3):  # "is expected to meet", "declined to comment": the finite verb
        if not (_infinitive(verb) and verb.head.pos_ in ("VERB", "AUX")):
            break
        verb = verb.head
    head = verb.head
    if verb.dep_ == "conj" and _relative_subject(verb) and head.pos_ in ("VERB", "AUX"):
        return clause_head(head)  # "That includes …, the last of which reported …"
    if verb.dep_ == "relcl" and any(
        c.dep_ in ("nsubj", "nsubjpass") and not _relative(c) for c in verb.children
    ):
        return verb  # "Trell, where the clinic has served 2,000 people since 1987": a clause
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
        return head
    if verb.dep_ == "ccomp" and head.lemma_ in REPORTING and head.i < verb.i and _has_subject(head):
        return head
    if _small_clause(verb):
        return head  # "19 states saw new cases reach daily records on Sunday"
    return verb


def _small_clause(verb: Token) -> bool:
    """A bare infinitive after a verb of perceiving or causing ("saw new cases reach …", "made
    prices rise"): part of that verb's event, not one of its own."""
    head = verb.head
    return (
        verb.dep_ == "ccomp"
        and verb.tag_ == "VB"
        and head.pos_ == "VERB"
        and head.i < verb.i
        and not any(c.dep_ in ("aux", "mark") or c.tag_ == "TO" for c in verb.children)
    )


def _relative(subject: Token) -> bool:
    """A subject that is or holds a relative pronoun ("which", "the last of which")."""
    return any(t.tag_ in ("WDT", "WP") for t in subject.subtree)


def _relative_subject(verb: Token) -> bool:
    """A clause the parser coordinated though its subject is relative ("…, the last of which
    reported …"): it describes a noun of the clause before, it is not one of its own."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ not in ("WDT", "WP") and _relative(c)
        for c in verb.children
    )


def _infinitive(verb: Token) -> bool:
    """A subjectless infinitive or complement ("to begin production") hanging off a verb."""
    if verb.dep_ not in ("xcomp", "advcl") or _has_subject(verb):
        return False
    return verb.dep_ == "xcomp" or any(c.tag_ == "TO" for c in verb.children)


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _is_clause(tok: Token) -> bool:
    return tok.dep_ in _CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX")


def _own_subject(tok: Token) -> bool:
    """A coordinated or paratactic clause with a subject of its own is another event."""
    return tok.dep_ in ("conj", "parataxis") and any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children
    )


def _after_dateline(doc: Doc, sent: Sentence, first: int) -> int:
    """Skip a wire dateline ("PORT SELANE, Valmora - ") at the start of the clause."""
    m = _DATELINE.match(sent.text)
    if m is None or doc[first].idx >= sent.start + m.end():
        return first
    i = first
    while i < len(doc) and doc[i].idx < sent.start + m.end():
        i += 1
    return i


def _contains_other(tokens: list[Token], others: list[tuple[int, int]]) -> bool:
    return any(any(s <= t.idx < e for s, e in others) for t in tokens)


def _contains(tokens: list[Token], span: tuple[int, int]) -> bool:
    return any(span[0] <= t.idx < span[1] for t in tokens)


def _run_around(center: int, keep: set[int]) -> tuple[int, int]:
    first = last = center
    while first - 1 in keep:
        first -= 1
    while last + 1 in keep:
        last += 1
    return first, last


def _in_timex(tok: Token, timex: Span | None) -> bool:
    return timex is not None and timex.start <= tok.i < timex.end


def _strip(doc: Doc, first: int, last: int, timex: Span | None) -> tuple[int, int]:
    """Drop edge punctuation, conjunctions, subordinators and the date itself at either edge."""
    changed = True
    while changed and first < last:
        changed = False
        tok = doc[first]
        # an opening quote mark stays when the span closes its quotation ("“The more time …,
        # the better,” Biden told reporters")
        if not _closes_later(doc, first, last) and (
            tok.is_punct
            or tok.pos_ in _EDGE_POS
            or (
                tok.lower_ in _LEAD_STRIP
                and not _demonstrative(tok)
                and not _opens_kept_clause(doc, tok, first, last)
            )
            or tok.text in _QUOTES
        ):
            first, changed = first + 1, True
        elif _in_timex(tok, timex) or (tok.pos_ == "ADP" and _in_timex(doc[first + 1], timex)):
            # "On Tuesday, the union ...": the date is shown by the label
            first, changed = first + 1, True
        tok = doc[last]
        trailing = (
            (tok.pos_ in _TRAIL_STRIP_POS and tok.dep_ != "prt")  # "where Floyd grew up"
            or tok.text in _QUOTES
            or _in_timex(tok, timex)
        )
        if trailing and last > first and not _opened_before(doc, first, last):
            last, changed = last - 1, True
    return first, last


def _opens_kept_clause(doc: Doc, tok: Token, first: int, last: int) -> bool:
    """ "After signing two orders, Biden said …": the subordinator of a clause inside the span,
    not of the span's own clause ("after talks collapsed" → "talks collapsed"), stays; without
    it the span opens "signing two orders, …"."""
    if tok.dep_ not in ("mark", "prep") or not first < tok.head.i <= last:
        return False
    head = tok.head
    return head.pos_ in ("VERB", "AUX") and first <= head.head.i <= last and head.head is not head


def _demonstrative(tok: Token) -> bool:
    """ "That includes Texas, …", "That offer was rejected": a demonstrative, not a
    subordinator (stripped, it left "includes Texas, …" and "offer was rejected")."""
    return tok.tag_ == "DT"


_OPENING_QUOTES = frozenset({'"', "``", "\u201c"})
_CLOSING_QUOTES = frozenset({'"', "''", "\u201d"})


def _closes_later(doc: Doc, first: int, last: int) -> bool:
    """``doc[first]`` opens a double-quoted quotation that closes within ``last``."""
    if doc[first].text not in _OPENING_QUOTES:
        return False
    return any(doc[i].text in _CLOSING_QUOTES for i in range(first + 1, last + 1))


def _opened_before(doc: Doc, first: int, last: int) -> bool:
    """``doc[last]`` closes a double-quoted quotation or a bracket the span opened ("… a
    “pointless show vote.”", "… Kevin McCarthy (R-CA)"): the closing mark stays with it."""
    if doc[last].text == ")":
        return sum((doc[i].text == "(") - (doc[i].text == ")") for i in range(first, last)) > 0
    if doc[last].text not in _CLOSING_QUOTES:
        return False
    marks = [doc[i].text for i in range(first, last) if doc[i].text in _QUOTE_MARKS]
    return bool(marks) and marks[-1] in _OPENING_QUOTES


_QUOTE_MARKS = frozenset({'"', "``", "''", "\u201c", "\u201d"})


def _shorten(doc: Doc, first: int, last: int, timex: Span | None) -> tuple[int, int]:
    """Cut a long clause at the last comma or semicolon that keeps it readable."""
    if last - first + 1 <= MAX_TOKENS:
        return first, last
    limit = first + MAX_TOKENS - 1
    cut = next(
        (
            end  # (a comma after a relative word: "… a quest that, unknown to both of us, …")
            for i in range(limit, first + 6, -1)
            if doc[i].text in _CUT_PUNCT
            and _readable_cut(doc, first, end := _without_dangling(doc, first, i - 1))
        ),
        None,
    )
    if cut is None:  # no comma: cut before the last phrase that starts within the limit
        starts = [i for i in range(limit, first + 7, -1) if doc[i].dep_ in _PHRASE_STARTS]
        cut = next(
            (
                stop
                for i in starts
                if (stop := _phrase_cut(doc, first, i)) is not None
                and _readable_cut(doc, first, stop)
            ),
            None,
        )
        if cut is None:  # only before a phrase the words need, too long to keep: cut there
            cut = next((i - 1 for i in starts if _readable_cut(doc, first, i - 1)), None)
    if cut is None:  # no readable cut: the whole clause when not too long
        if last - first + 1 <= 2 * MAX_TOKENS:
            return first, last
        cut = _before_open(doc, first, limit)  # never inside "(D-Calif.)"
    first, last = _strip(doc, first, cut, timex)
    last = _without_dangling(doc, first, last)  # never end on "… on Monday that would"
    return _strip(doc, first, last, timex)


def _phrase_cut(doc: Doc, first: int, i: int) -> int | None:
    """Where to end a clause cut at the phrase starting at ``i``: before it, or, for a
    preposition the words before it need ("the formation" of what, "with regard" to what),
    after it when that stays near the length limit (else nowhere here)."""
    tok = doc[i]
    before = doc[i - 1]
    needed = tok.dep_ == "prep" and (
        tok.lower_ == "of"
        or (before.pos_ == "NOUN" and tok.head.i == before.i and doc[i - 2].pos_ == "ADP")
    )
    to = _range_end(doc, i)
    if to is not None:  # "from 18 to 21": both ends, or neither
        end = max(to.right_edge.i, to.i + 1)
        return end if end - first < MAX_TOKENS + _SLACK and end < len(doc) else i - 1
    if not needed:
        return i - 1
    end = tok.right_edge.i
    return end if end - first < MAX_TOKENS + _SLACK else None


def _range_end(doc: Doc, i: int) -> Token | None:
    """The "to" closing a range that "from" at ``i`` opens ("from 18 to 21"), if any."""
    if doc[i].lower_ not in ("from", "between"):
        return None
    ends = ("to", "through", "until") if doc[i].lower_ == "from" else ("and",)
    return next((doc[j] for j in range(i + 2, min(len(doc), i + 5)) if doc[j].lower_ in ends), None)


_SLACK = 8  # tokens a cut may run past the limit to keep a phrase whole


def _without_dangling(doc: Doc, first: int, last: int) -> int:
    """``last`` moved back over a relative word or an auxiliary that would end the cut."""
    while last > first and (doc[last].pos_ == "AUX" or doc[last].lower_ in _RELATIVE_WORDS):
        last -= 1
    return last


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


_WH_TAGS = frozenset({"WDT", "WP", "WRB"})  # "… no information about where the journalists"


def _readable_cut(doc: Doc, first: int, last: int) -> bool:
    """The clause cut at ``last`` still says who did what, leaves no bracket open, no
    subordinate clause without its verb ("… announced that if the White House"), no
    reporting verb without what was reported and no word without the complement it needs."""
    kept = set(range(first, last + 1))
    return (
        _says_who_did(doc, first, last)
        and _closed(doc, first, last)
        and not any(
            (doc[i].dep_ == "mark" or doc[i].tag_ in _WH_TAGS) and doc[i].head.i > last
            for i in range(first, last + 1)
        )
        and not any(  # "McConnell announced" with what he announced cut away
            _reporting_only(doc[i], kept) for i in range(first, last + 1)
        )
        and not any(  # "concluded that it could help" with "to shrink the size …" cut away
            c.dep_ in _COMPLEMENTS and c.i > last and not _remark_after_dash(doc, last, c)
            for i in range(first, last + 1)
            for c in doc[i].children
        )
        and not (  # "a much better" with "than expected" cut away
            last + 1 < len(doc)
            and doc[last].tag_ in ("JJR", "RBR")
            and doc[last + 1].lower_ == "than"
        )
        and not _bare_participle(doc, first, last)
        and not _bare_pronoun(doc, last)
        and not _half_a_range(doc, first, last)
        and not _bare_measure(doc, last)
        and not (last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I")  # "September 11|, 2001"
    )


def _bare_pronoun(doc: Doc, last: int) -> bool:
    """ "… the worst odds of those" with "in any big city" cut away, "… more than those": a
    pronoun that stands for nothing without the phrase after it."""
    tok = doc[last]
    return (tok.pos_ == "PRON" or tok.tag_ == "DT") and any(
        c.i > last and c.dep_ in ("prep", "acl", "relcl") for c in tok.children
    )


def _remark_after_dash(doc: Doc, last: int, comp: Token) -> bool:
    """ "… shows it is more than 90% effective -- a much better than expected efficacy": a
    second complement of a kind the verb has before the cut, after a dash right after it, is a
    remark on the first; the clause does not need it."""
    if last + 1 >= len(doc) or doc[last + 1].text not in ("--", "\u2014", "\u2013"):
        return False
    return any(o.dep_ == comp.dep_ and o.i <= last for o in comp.head.children)


def _half_a_range(doc: Doc, first: int, last: int) -> bool:
    """ "to raise the minimum age to purchase tobacco from 18" with "to 21" cut away: a cut
    between the two ends of a range reads as the wrong fact."""
    if last + 1 >= len(doc) or doc[last + 1].lower_ not in ("to", "through", "until", "-"):
        return False
    return any(doc[k].lower_ in ("from", "between") for k in range(max(first, last - 4), last + 1))


# what a measure is measured from or out of: "three days after", "ten percent of"
_MEASURED_FROM = frozenset({"after", "before", "ago", "earlier", "later", "than", "of"})
_MEASURES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY"})


def _bare_measure(doc: Doc, last: int) -> bool:
    """ "ballots received up to three days" with "after the vote" cut away, "more than two
    weeks" with "before the deadline", "ten percent" with "more than last year": a measure
    without what it is measured from reads as another fact. The parser hangs the measure on
    the word after it ("days" on "after") or, misled, on the verb ("received … days")."""
    tok = doc[last]
    if (
        last + 1 >= len(doc)
        or tok.ent_type_ not in _MEASURES
        or not any(c.dep_ in ("nummod", "quantmod") for c in tok.children)
    ):
        return False  # "two Saudi hijackers before …" counts people, it measures nothing
    return doc[last + 1].lower_ in _MEASURED_FROM or (tok.dep_ == "npadvmod" and tok.head.i > last)


def _bare_participle(doc: Doc, first: int, last: int) -> bool:
    """ "… by President Trump's behavior as detailed" with "in the report" cut away: a clause
    that ends on the verb of a subordinate clause ("as detailed", "as reported") whose phrase
    was cut off."""
    tok = doc[last]
    return (
        tok.pos_ == "VERB"
        and tok.dep_ in ("advcl", "acl", "relcl")
        and any(c.dep_ == "mark" and first <= c.i < tok.i for c in tok.children)
        and any(c.dep_ in ("prep", "agent") and c.i > last for c in tok.children)
    )


_COMPLEMENTS = frozenset({"xcomp", "ccomp", "dobj", "attr", "acomp", "oprd", "pobj"})


def _closed(doc: Doc, first: int, last: int) -> bool:
    """No bracket or curly quotation left open: a cut inside "(D-Calif.)" or inside “an evil man
    responsible for …” reads broken."""
    depth = quote = 0
    for i in range(first, last + 1):
        text = doc[i].text
        depth += (text == "(") - (text == ")")
        quote += (text == "\u201c") - (text == "\u201d")
    return depth <= 0 and quote <= 0


def _before_open(doc: Doc, first: int, last: int) -> int:
    """``last``, or the token before a bracket the span leaves open."""
    opened: list[int] = []
    for i in range(first, last + 1):
        if doc[i].text == "(":
            opened.append(i)
        elif doc[i].text == ")" and opened:
            opened.pop()
    return opened[0] - 1 if opened and opened[0] - 1 > first else last


def _says_who_did(doc: Doc, first: int, last: int) -> bool:
    """A cut keeps a verb and its subject: not "McConnell, whose home state …" alone."""
    return any(
        doc[i].dep_ in _SUBJECTS
        and doc[i].head.pos_ in ("VERB", "AUX")
        and first <= doc[i].head.i <= last
        and doc[i].head.dep_ not in ("relcl", "acl")
        for i in range(first, last + 1)
    )


def _main_verb_has_subject(doc: Doc, first: int, last: int) -> bool:
    """The span's own main verb has its subject in the span ("threatened to fire her if she
    …" does not: the subject there is the subordinate clause's)."""
    for i in range(first, last + 1):
        head = doc[i].head
        if head.i == i or not first <= head.i <= last:  # a root of the span
            tok = doc[i]
            if tok.pos_ not in ("VERB", "AUX"):
                return False  # a noun phrase: "a violent mob that stormed the Capitol"
            return any(c.dep_ in _SUBJECTS and first <= c.i <= last for c in tok.children)
    return False


def _fallback(doc: Doc, sent: Sentence) -> tuple[int, int]:
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return sent.start, sent.end
    first, last = _strip(doc, span.start, span.end - 1, None)  # no closing full stop
    if last - first + 1 > MAX_TOKENS:
        first, last = _shorten(doc, first, last, None)
    return doc[first].idx, doc[last].idx + len(doc[last].text)
