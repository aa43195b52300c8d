"""Why This Matters (PLACEHOLDER contract, replaced by the summary work)."""

from __future__ import annotations

from newsbrief.models import Analysis, MatterItem
from newsbrief.settings import Settings


def why_it_matters(analysis: Analysis, used: set[int], settings: Settings) -> tuple[MatterItem, ...]:
    return ()
