"""Regenerate the golden briefs in tests/golden/ from the bundled examples. Never hand-edit them.

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


def golden_brief(name: str) -> dict[str, Any]:
    """The brief of one example as JSON, without the volatile ``generated_at`` stamp."""
    from newsbrief.analyze import analyze
    from newsbrief.compose import compose_brief
    from newsbrief.ingest import load_input

    brief = compose_brief(analyze(load_input(str(ROOT / "examples" / f"{name}.txt"))))
    data = brief.model_dump(mode="json")
    data.pop("generated_at", None)
    return data


def main() -> int:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name in EXAMPLES:
        path = GOLDEN / f"{name}.json"
        path.write_text(json.dumps(golden_brief(name), indent=2, ensure_ascii=False) + "\n")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
