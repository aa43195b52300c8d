"""Shared pieces of the scorers: P/R/F counters, the result object, the pinned floors."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbrief.errors import DataError

FLOORS_FILE = Path(__file__).resolve().parents[2] / "eval_baseline.json"


@dataclass
class PRF:
    """Micro-averaged precision / recall / F1 from counts."""

    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def add(self, tp: float = 0.0, fp: float = 0.0, fn: float = 0.0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return f1_of(self.precision, self.recall)


def f1_of(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalResult:
    """What a scorer returns: ``lines`` are printed, the last one a one-line summary."""

    task: str
    n: int
    metrics: dict[str, float]
    lines: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "task": self.task,
            "n": self.n,
            "metrics": {k: round(v, 4) for k, v in self.metrics.items()},
        }
        out.update(self.extra)
        return out


def data_root() -> Path:
    """The benchmark data: ``$NEWSBRIEF_DATA``, else ``../shared/data`` beside the project root."""
    env = os.environ.get("NEWSBRIEF_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "data"


def jsonl_lines(path: Path) -> Iterator[tuple[int, str]]:
    """The non-blank lines of a JSON Lines file, each with its line number (from 1)."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            yield n, line


def require_dir(path: Path, what: str) -> Path:
    if not path.is_dir():
        raise DataError(f"{what}: {path} is not a folder")
    return path


def load_floors(path: Path = FLOORS_FILE) -> dict[str, dict[str, float]]:
    """The pinned dev-split floors: ``{task: {metric: floor}}``. Floors only go up."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}
