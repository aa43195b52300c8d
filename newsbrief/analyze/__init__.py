"""Stage 2: turn an Article into an Analysis (sentences, actors, attributions, time, events, roles).

spaCy objects stay inside this package; what leaves it are the records of ``newsbrief.models``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from newsbrief.analyze.actors import resolve_actors
from newsbrief.analyze.attribution import find_attributions
from newsbrief.analyze.nlp import parse, parse_many
from newsbrief.analyze.roles import assign_roles
from newsbrief.analyze.sentences import split_sentences
from newsbrief.analyze.time import find_events, find_timexes
from newsbrief.models import Analysis, Article, TimeExpr

__all__ = ["analyze", "analyze_doc", "analyze_many"]


def analyze(article: Article) -> Analysis:
    """Analyze one article."""
    return analyze_doc(article, parse(article.text, paragraph_starts=_starts(article)))


def analyze_many(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[Analysis]:
    """Analyze a stream of articles, parsing them in batches."""
    items = list(articles)
    for article, doc in zip(
        items, parse_many(((a.text, _starts(a)) for a in items), batch_size=batch_size), strict=True
    ):
        yield analyze_doc(article, doc)


def _in_body(article: Article, timexes: list[TimeExpr]) -> list[TimeExpr]:
    """Time expressions of the story's prose: not a dateline's "March 18" or a caption's date."""
    if not article.paragraph_kinds:
        return timexes
    starts = [p.start for p in article.paragraphs]
    return [
        t
        for t in timexes
        if article.paragraph_kind(bisect.bisect_right(starts, t.start) - 1) == "body"
    ]


def _starts(article: Article) -> tuple[int, ...]:
    """Paragraph starts the parser must respect, blank-line ones included: a headline without a
    full stop would otherwise run into the lead ("… vaccine works Corvel Labs announced")."""
    return tuple(p.start for p in article.paragraphs)


def analyze_doc(article: Article, doc: Doc) -> Analysis:
    """Analyze an article whose text is already parsed (``doc``)."""
    sentences = split_sentences(doc, article)
    actors = resolve_actors(doc, article, sentences)
    attributions = find_attributions(doc, article, sentences, actors)
    dct = article.published
    timexes = _in_body(article, find_timexes(doc, dct, sentences))
    events = find_events(doc, article, sentences, timexes, actors)
    sentences = assign_roles(doc, sentences, timexes, attributions, dct=dct)
    return Analysis(
        article=article,
        sentences=tuple(sentences),
        actors=actors.actors,
        attributions=tuple(attributions),
        timexes=tuple(timexes),
        events=tuple(events),
    )
