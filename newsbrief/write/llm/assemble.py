"""Put a verified draft into the brief: generated items where they passed, extractive elsewhere.

``final`` holds, in the draft's order (summary, why it matters, then each section's sentences),
the verification of each generated sentence that passed, or ``None`` for one that failed twice.
A failed summary or why-it-matters sentence gives way to the extractive item at its position; a
failed body sentence to the first source sentence it cited, verbatim. The Story So Far and Who
Thinks What? stay extractive.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TypeVar

from newsbrief.models import (
    BodyParagraph,
    BodySection,
    BodySentence,
    Brief,
    MatterItem,
    SummaryItem,
)
from newsbrief.write.llm.prompt import Draft, DraftSentence
from newsbrief.write.source import SourceText
from newsbrief.write.verify import Checked

__all__ = ["assemble"]

MAX_SUMMARY = 3
MAX_MATTERS = 4
_HEADING_WORDS = 8
_Item = TypeVar("_Item", SummaryItem, MatterItem)


def assemble(
    brief: Brief, draft: Draft, final: Sequence[Checked | None], source: SourceText
) -> Brief:
    it = iter(final)
    summary = _items(
        draft.executive_summary,
        it,
        extractive=brief.executive_summary,
        limit=MAX_SUMMARY,
        generated=lambda c: SummaryItem.model_validate(_generated(c, source)),
    )
    kinds = {
        (m.evidence.article_id, m.evidence.sentence_index): m.kind for m in brief.why_it_matters
    }
    matters = _items(
        draft.why_it_matters,
        it,
        extractive=brief.why_it_matters,
        limit=MAX_MATTERS,
        generated=lambda c: _matter(c, source, kinds),
    )
    sections = [_section(sec.heading, sec.sentences, it, source) for sec in draft.sections]
    kept = tuple(s for s in sections if s is not None)
    return brief.model_copy(
        update={
            "executive_summary": summary or brief.executive_summary,
            "why_it_matters": matters or brief.why_it_matters,
            "sections": kept or brief.sections,
        }
    )


def _generated(c: Checked, source: SourceText) -> dict[str, object]:
    return {
        "text": c.text,
        "evidence": source.evidence[c.cited[0]],
        "origin": "generated",
        "citations": tuple(source.evidence[i] for i in c.cited),
        "cited_text": tuple(source.texts[i] for i in c.cited),
        "verification": c.verification,
    }


def _matter(c: Checked, source: SourceText, kinds: Mapping[tuple[str, int], str]) -> MatterItem:
    """A generated why-it-matters item, of the kind of the first extractive item it cites."""
    ev = [source.evidence[i] for i in c.cited]
    kind = next(
        (kinds[k] for e in ev if (k := (e.article_id, e.sentence_index)) in kinds),
        "context",
    )
    return MatterItem.model_validate({**_generated(c, source), "kind": kind})


def _items(
    drafts: Sequence[DraftSentence],
    it: Iterator[Checked | None],
    *,
    extractive: Sequence[_Item],
    limit: int,
    generated: Callable[[Checked], _Item],
) -> tuple[_Item, ...]:
    """One item per draft sentence, up to ``limit``: the generated one where it passed, else the
    extractive item at its position (once). Every draft sentence's verification is consumed."""
    out: list[_Item] = []
    for n, _ in enumerate(drafts):
        c = next(it)
        if n >= limit:
            continue
        if c is not None:
            out.append(generated(c))
        elif n < len(extractive) and extractive[n] not in out:
            out.append(extractive[n])
    return tuple(out)


def _section(
    heading: str,
    drafts: Sequence[DraftSentence],
    it: Iterator[Checked | None],
    source: SourceText,
) -> BodySection | None:
    sentences: list[BodySentence] = []
    for d in drafts:
        c = next(it)
        if c is not None:
            sentences.append(BodySentence.model_validate(_generated(c, source)))
            continue
        cite = next((i for i in d.cites if 0 <= i < len(source)), None)
        if cite is None:
            continue
        item = BodySentence(text=source.texts[cite], evidence=source.evidence[cite])
        if item not in sentences:
            sentences.append(item)
    title = _heading(heading)
    if not sentences or not title:
        return None
    return BodySection(heading=title, paragraphs=(BodyParagraph(sentences=tuple(sentences)),))


def _heading(text: str) -> str:
    words = re.sub(r"\s+", " ", text).strip().strip("#*:.").split(" ")
    return " ".join(words[:_HEADING_WORDS]).strip()
