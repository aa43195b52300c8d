"""Sentence records from the parse, never crossing a paragraph boundary."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from newsbrief.models import Article, Sentence, Span

_KEEP_CHUNK = re.compile(r"[a-z]")
_STOP_HEADS = {"it", "he", "she", "they", "we", "i", "you", "this", "that", "who", "which", "what"}


def split_sentences(doc: Doc, article: Article) -> list[Sentence]:
    """Turn spaCy sentences into records; a sentence that spans a paragraph break is cut there."""
    paras = list(article.paragraphs) or [Span(start=0, end=len(article.text))]
    para_starts = [p.start for p in paras]
    out: list[Sentence] = []
    for sent in doc.sents:
        for start, end in _cut_at_paragraphs(sent.start_char, sent.end_char, paras):
            text = article.text[start:end]
            stripped = text.strip()
            if not stripped:
                continue
            lead = len(text) - len(text.lstrip())
            start += lead
            end = start + len(stripped)
            span = doc.char_span(start, end, alignment_mode="expand")
            ents = tuple(e.text for e in span.ents) if span is not None else ()
            chunks = _keyphrases(span) if span is not None else ()
            para = max(0, bisect.bisect_right(para_starts, start) - 1)
            out.append(
                Sentence(
                    index=len(out),
                    start=start,
                    end=end,
                    text=stripped,
                    paragraph=para,
                    keyphrases=chunks,
                    entities=ents,
                )
            )
    return out


def _cut_at_paragraphs(start: int, end: int, paras: list[Span]) -> list[tuple[int, int]]:
    pieces = []
    for p in paras:
        lo, hi = max(start, p.start), min(end, p.end)
        if lo < hi:
            pieces.append((lo, hi))
    return pieces or [(start, end)]


def _keyphrases(span: object) -> tuple[str, ...]:
    phrases: list[str] = []
    try:
        chunks = list(span.noun_chunks)  # type: ignore[attr-defined]
    except ValueError:  # no parser in the pipeline
        return ()
    for chunk in chunks:
        toks = [t for t in chunk if not (t.is_stop or t.is_punct or t.like_num)]
        if not toks or (len(toks) == 1 and toks[0].lower_ in _STOP_HEADS):
            continue
        phrase = " ".join(t.lemma_.lower() if t.pos_ == "NOUN" else t.lower_ for t in toks)
        if _KEEP_CHUNK.search(phrase):
            phrases.append(phrase)
    return tuple(phrases)
