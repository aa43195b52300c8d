"""Shared fixtures: the benchmark data folder (skips when absent) and the example articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.evaluate.common import data_root

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    root = data_root()
    if not root.is_dir():
        pytest.skip(f"benchmark data not found at {root} (set NEWSBRIEF_DATA)")
    return root


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
