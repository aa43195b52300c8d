"""Helpers shared by the section builders."""

from __future__ import annotations

from newsbrief.models import Analysis, Evidence, Sentence


def sentence_evidence(analysis: Analysis, sentence: Sentence) -> Evidence:
    """Evidence pointing at a whole sentence."""
    return span_evidence(analysis, sentence.index, sentence.start, sentence.end)


def span_evidence(analysis: Analysis, sentence_index: int, start: int, end: int) -> Evidence:
    """Evidence pointing at the characters ``start:end`` of sentence ``sentence_index``."""
    return Evidence(
        article_id=analysis.article.id, sentence_index=sentence_index, start=start, end=end
    )


def sentence_at(analysis: Analysis, offset: int) -> Sentence | None:
    """The sentence containing character ``offset``."""
    for s in analysis.sentences:
        if s.start <= offset < s.end:
            return s
    return None
