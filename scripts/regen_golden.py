"""Regenerate the golden briefs in tests/golden/ from the bundled examples and the real-world-shaped
fixtures (tests/fixtures/realworld/). Never hand-edit them.

.venv/bin/python scripts/regen_golden.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = ("port-strike",)
# real-world-shaped articles written for the tests: name → file under tests/fixtures/realworld/
REALWORLD = {
    "river-dam": "river-dam.txt",
    "rail-tender": "rail-tender.txt",
    "clinic-closures": "clinic-closures.html",
}
ALL = (*EXAMPLES, *REALWORLD)


def source_path(name: str) -> Path:
    """Where the article of golden brief ``name`` lives."""
    if name in REALWORLD:
        return ROOT / "tests" / "fixtures" / "realworld" / REALWORLD[name]
    return ROOT / "examples" / f"{name}.txt"


def golden_brief(name: str) -> dict[str, Any]:
    """The brief of one example as JSON, without the volatile ``generated_at`` stamp."""
    from newsbrief.analyze import analyze
    from newsbrief.compose import compose_brief
    from newsbrief.ingest import load_input

    brief = compose_brief(analyze(load_input(str(source_path(name)))))
    data = brief.model_dump(mode="json")
    data.pop("generated_at", None)
    return data


def main() -> int:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name in ALL:
        path = GOLDEN / f"{name}.json"
        path.write_text(json.dumps(golden_brief(name), indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
