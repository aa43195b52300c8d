"""The brief of a bundled example must match its golden file (regenerate with
scripts/regen_golden.py after an intended change, and review the diff)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from samples import SECTION_KEYS

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("regen_golden", ROOT / "scripts" / "regen_golden.py")
assert _spec and _spec.loader
regen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regen)


@pytest.mark.parametrize("name", regen.ALL)
def test_brief_matches_golden(name: str) -> None:
    expected = json.loads((ROOT / "tests" / "golden" / f"{name}.json").read_text(encoding="utf-8"))
    actual = regen.golden_brief(name)
    for key in SECTION_KEYS:
        assert actual[key] == expected[key], f"{key} differs from tests/golden/{name}.json"
    assert actual == expected
