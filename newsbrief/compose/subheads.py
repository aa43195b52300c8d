"""Regrouped body under subheads (PLACEHOLDER contract, replaced by the summary work)."""

from __future__ import annotations

from newsbrief.compose.evidence import sentence_evidence
from newsbrief.models import Analysis, BodyParagraph, BodySection, BodySentence
from newsbrief.settings import Settings


def body_sections(analysis: Analysis, settings: Settings) -> tuple[BodySection, ...]:
    paras: dict[int, list[BodySentence]] = {}
    for s in analysis.sentences:
        paras.setdefault(s.paragraph, []).append(
            BodySentence(text=s.text, evidence=sentence_evidence(analysis, s))
        )
    body = tuple(BodyParagraph(sentences=tuple(v)) for _, v in sorted(paras.items()))
    return (BodySection(heading="The article", paragraphs=body),)
