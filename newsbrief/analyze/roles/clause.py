"""What the parse says about a sentence, for sentence roles (see ``newsbrief.analyze.roles``).

One walk over each sentence's tokens collects: tense, aspect and modality of the main verb and of
the clause it reports ("said it would …"); how much of the sentence stands inside quotation marks
(carried from sentence to sentence); whether a speaker commits to a future step in the first
person ("we will appeal"); and which words belong to the main clause rather than to a clause that
only describes a noun ("a super PAC *that intends to* …", "*called EB-5*"). Role cues and time
expressions count fully in the main clause and only in part inside such descriptions.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

_DOUBLE_QUOTES = frozenset({'"', "``", "`", "''", "“", "”"})
_SINGLE_QUOTES = frozenset({"'", "‘", "’"})
_DOUBLE_OPEN = frozenset({"``", "`", "“"})
_DOUBLE_CLOSE = frozenset({"''", "”"})
_FUTURE_AUX = frozenset({"will", "wo", "'ll", "shall"})
_MODAL_AUX = frozenset({"could", "may", "might"})
_WEAK_MODAL_AUX = frozenset({"would", "should", "can", "'d"})
_WOULD = frozenset({"would", "'d"})
# verbs of state or evaluation: "would be a top manager", "would allow it to …" are hypothetical
# judgements, not plans or schedules
_HYPOTHETICAL = frozenset(
    {"be", "have", "fit", "allow", "like", "love", "prefer", "seem", "mean", "make", "help"}
)
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
# clauses and phrases that describe a noun rather than carry the sentence's own statement
_EMBEDDING = frozenset({"relcl", "acl", "appos"})
_EMBEDDING_IF_HEADED = frozenset({"amod"})  # "contributors intent on deciding …", not "the only"
_FIRST_PERSON = frozenset({"i", "we"})
_SPEAKER_WORDS = frozenset(
    {"i", "me", "my", "we", "us", "our", "you", "your", "u", "'m", "'re", "'ve", "'ll", "hopefully"}
)
_WARN_LEMMAS = frozenset({"warn", "caution"})
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_NEGATION = frozenset({"not", "n't", "never"})


@dataclass(frozen=True)
class Clause:
    """What the parse says about a sentence's main clause."""

    tense: str  # past, present, perfect, pluperfect, future, modal, weak_modal, none
    content_tense: str  # the same for the clauses the main verb governs (what was said …)
    root_lemma: str
    quote_share: float  # share of the words that stand inside quotation marks
    has_quote: bool
    stub: bool  # only punctuation / a closing quote mark
    tokens: int
    lemmas: frozenset[str]  # content words
    main: str  # the normalized main clause: words of noun-describing clauses left out
    commitment: bool  # a first-person future step: "we will appeal", "i 'm going to"
    warning: bool  # a warning of what may come: "warned that … could", "cautioned against"

    @property
    def quoted(self) -> bool:
        return self.quote_share >= 0.5


@dataclass
class QuoteState:
    """Whether we are inside a quotation, carried from sentence to sentence within a paragraph.
    A quotation rarely runs three sentences without a mark, so a stray apostrophe cannot flip
    the rest of the article."""

    double: bool = False
    single: bool = False
    paragraph: int = -1
    unmarked: int = 0

    def enter(self, paragraph: int) -> None:
        if paragraph != self.paragraph:
            self.paragraph, self.double, self.single, self.unmarked = paragraph, False, False, 0

    def advance(self, double: bool, single: bool, saw_quote: bool) -> None:
        self.unmarked = 0 if saw_quote else self.unmarked + 1
        self.double = double and self.unmarked < 3
        self.single = single and self.unmarked < 3


def normalized(lowers: list[str]) -> str:
    """Lowercased tokens joined by single spaces, curly quotes straightened, padded by spaces."""
    text = " ".join(lowers)
    return " " + text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"') + " "


def is_embedded(tok: Token, root: Token) -> bool:
    """Whether the token sits in a clause or phrase that describes a noun (see ``_EMBEDDING``)."""
    while tok.i != root.i and tok.head.i != tok.i:
        if _embeds(tok):
            return True
        tok = tok.head
    return False


def _embeds(tok: Token) -> bool:
    """Whether the token opens a clause or phrase that describes a noun."""
    if tok.dep_ in _EMBEDDING:
        return True
    return tok.dep_ in _EMBEDDING_IF_HEADED and any(c.dep_ == "prep" for c in tok.children)


def _embedded_tokens(span: Span) -> set[int]:
    """Indices of the tokens under a noun-describing clause, found top-down from the root."""
    out: set[int] = set()
    stack = [(span.root, False)]
    while stack:
        tok, inside = stack.pop()
        if inside:
            out.add(tok.i)
        for child in tok.children:
            stack.append((child, inside or _embeds(child)))
    return out


def _is_quote(tok: Token) -> bool:
    """A quotation mark; a single quote only when the tagger reads it as one, not as an
    apostrophe ("the red wings ' drew miller", "i 'm")."""
    if tok.text in _DOUBLE_QUOTES:
        return True
    return tok.text in _SINGLE_QUOTES and tok.tag_ in ("``", "''")


@dataclass
class _Walk:
    """Counts gathered in the walk over one sentence's tokens."""

    double: bool
    single: bool = False
    quoted_words: int = 0  # of the main clause's words
    main_words: int = 0
    words: int = 0
    saw_quote: bool = False
    last_single: bool = False
    speaker_words: bool = False


def _walk(span: Span, state: QuoteState) -> tuple[_Walk, list[str], list[str], set[str]]:
    """Quote marks, quoted words, the normalized tokens (all, main clause) and content lemmas.
    The share of quoted words is taken over the main clause: "' … , ' said rose , who was
    looking to become …" is mostly quotation.

    Quotations carry from sentence to sentence. Tokenized text attaches the opening single quote
    of the next sentence to the end of the one before ("… on wednesday . '"), so a final single
    quote opens a quotation whatever the count before it.
    """
    w = _Walk(double=state.double, single=state.single)
    embedded = _embedded_tokens(span)
    lowers: list[str] = []
    main: list[str] = []
    lemmas: set[str] = set()
    for tok in span:
        if tok.is_space:
            continue
        lowers.append(tok.lower_)
        if tok.i not in embedded:
            main.append(tok.lower_)
        w.last_single = False
        if _is_quote(tok):
            _mark(w, tok.text)
        elif not tok.is_punct:
            w.words += 1
            if tok.i not in embedded:
                w.main_words += 1
                w.quoted_words += w.double or w.single
            w.speaker_words |= _spoken(tok)
            if tok.pos_ in _CONTENT_POS and not tok.is_stop:
                lemmas.add(tok.lemma_.lower())
    return w, lowers, main, lemmas


def _spoken(tok: Token) -> bool:
    """A word that belongs to speech more than to narration: first and second person,
    contractions ("it 's", "we 're")."""
    lower = tok.lower_
    return lower in _SPEAKER_WORDS or (lower in ("'s", "’s") and tok.pos_ == "AUX")


def _mark(w: _Walk, text: str) -> None:
    w.saw_quote = True
    if text in _DOUBLE_OPEN:
        w.double = True
    elif text in _DOUBLE_CLOSE:
        w.double = False
    elif text == '"':
        w.double = not w.double
    else:
        w.single = not w.single
        w.last_single = True


def clause(span: Span, state: QuoteState) -> tuple[str, Clause]:
    """The normalized sentence and what its parse says (see ``Clause``).

    A sentence carried into a quotation by a single quote mark, with no mark of its own and
    nothing of speech in it (no "i", "we", "you", no contraction), reads as narration: single
    marks are easily lost or misread, and the quotation had ended.
    """
    carried = state.single and not state.double
    w, lowers, main, lemmas = _walk(span, state)
    share = w.quoted_words / w.main_words if w.main_words else 0.0
    if carried and not w.saw_quote and not w.speaker_words:
        share, w.single = 0.0, False
    state.advance(w.double, w.single or w.last_single, w.saw_quote)
    root = span.root
    return normalized(lowers), Clause(
        tense=tense(root),
        content_tense=_content_tense(root, span),
        root_lemma=root.lemma_.lower(),
        quote_share=share,
        has_quote=w.saw_quote,
        stub=w.words == 0,
        tokens=w.words,
        lemmas=frozenset(lemmas),
        main=normalized(main),
        commitment=_commitment(span, share >= 0.5),
        warning=_warning(span),
    )


def _content_tense(root: Token, span: Span) -> str:
    """Future or modal in a coordinated or complement clause: "said it would …", "… and will"."""
    found = "none"
    for child in root.children:
        if not span.start <= child.i < span.end:
            continue  # the parser joined the sentence to its neighbour
        if child.dep_ not in ("conj", "ccomp", "xcomp") or child.pos_ not in ("VERB", "AUX"):
            continue
        child_tense = tense(child)
        if child_tense == "future" or (child_tense == "weak_modal" and _would(child)):
            return "future"
        if child_tense == "modal":
            found = "modal"
    return found


def _would(verb: Token) -> bool:
    """A "would" that reports a plan ("said it would end the sanctions"), not a judgement
    ("would be a top manager") or a condition ("would consider it an insult if …")."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if not aux & _WOULD or verb.lemma_.lower() in _HYPOTHETICAL:
        return False
    return not any(c.dep_ == "advcl" and _conditional(c) for c in verb.children)


def _conditional(clause_head: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in clause_head.children)


def _commitment(span: Span, quoted: bool) -> bool:
    """A speaker's future step: "we will appeal", "i 'm going to retire"; inside a quotation,
    also a named actor's ("weatherford police will investigate"). A negated future ("will not
    tolerate") states a stance rather than a step."""
    for tok in span:
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        verb = tok.head
        if not (tok.lower_ in _FIRST_PERSON or (quoted and _named_actor(tok))):
            continue
        if verb.lemma_.lower() in _HYPOTHETICAL or any(
            c.lower_ in _NEGATION for c in verb.children
        ):
            continue
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if aux & _FUTURE_AUX or (verb.lower_ == "going" and _has_to_verb(verb)):
            return True
    return False


def _negated(verb: Token) -> bool:
    return any(c.lower_ in _NEGATION for c in verb.children)


def _named_actor(tok: Token) -> bool:
    """A subject that names a person or an organisation: "police" in "weatherford police"."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    named = (tok, *(c for c in tok.children if c.dep_ == "compound"))
    return any(t.ent_type_ in _ACTOR_ENTS or t.pos_ == "PROPN" for t in named)


def _warning(span: Span) -> bool:
    """A verb of warning whose content looks ahead: "warned that prices would rise", "warned
    of delays"; "warned that the plan was flawed" is a judgement, not a warning of what comes."""
    for tok in span:
        if tok.lemma_.lower() not in _WARN_LEMMAS:
            continue
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "against"):
                return True
            if child.dep_ in ("ccomp", "xcomp") and tense(child) in ("future", "modal"):
                return True
            if child.dep_ in ("ccomp", "xcomp") and tense(child) == "weak_modal" and _would(child):
                return True
    return False


def _has_to_verb(verb: Token) -> bool:
    return any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in verb.children)


def tense(root: Token) -> str:
    """Tense, aspect or modality of a verb from its auxiliaries and tag.

    "would" with a verb of state ("would be a top manager") and a negated "could" ("could n't
    help") are neither plans nor forecasts: they read as ``weak_modal`` and ``past``.
    """
    aux = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    lowers = [a.lower_ for a in aux]
    negated = _negated(root)
    if any(a in _FUTURE_AUX for a in lowers):
        return "future"
    if any(a in _MODAL_AUX for a in lowers):
        return "past" if negated and "could" in lowers else "modal"
    if any(a in _WEAK_MODAL_AUX for a in lowers):
        return "weak_modal"
    if "had" in lowers and root.tag_ == "VBN":
        return "pluperfect"
    if any(a in ("has", "have", "'ve", "'s") for a in lowers) and root.tag_ == "VBN":
        return "perfect"
    tags = {root.tag_, *(a.tag_ for a in aux)}
    if "VBD" in tags:
        return "past"
    if tags & {"VBZ", "VBP"}:
        return "present"
    return "none"
