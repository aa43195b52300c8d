"""Executive Summary (PLACEHOLDER contract, replaced by the summary work)."""

from __future__ import annotations

from newsbrief.compose.evidence import sentence_evidence
from newsbrief.models import Analysis, SummaryItem
from newsbrief.settings import Settings


def executive_summary(analysis: Analysis, settings: Settings) -> tuple[SummaryItem, ...]:
    return tuple(
        SummaryItem(text=s.text, evidence=sentence_evidence(analysis, s))
        for s in analysis.sentences[: settings.summary_sentences]
    )
