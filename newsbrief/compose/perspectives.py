"""Who Thinks What? (PLACEHOLDER contract, replaced by the attribution work)."""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.models import ActorPosition, Analysis


def who_thinks_what(analyses: Sequence[Analysis]) -> tuple[ActorPosition, ...]:
    return ()
