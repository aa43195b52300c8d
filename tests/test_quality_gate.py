"""The quality gate: every task pinned in eval_baseline.json is scored on its dev split and must
not fall under its floors. Floors only go up (see the README)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from newsbrief.evaluate.common import FLOORS_FILE, EvalResult, load_floors

FLOORS = load_floors()
CEILINGS: dict[str, dict[str, float]] = {
    task: metrics
    for task, metrics in json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
    .get("_ceilings", {})
    .items()
    if not task.startswith("_")
}
TOLERANCE = 1e-4


def _run(task: str, data: Path) -> EvalResult:
    module = importlib.import_module(f"newsbrief.evaluate.{task}")
    if task == "extraction":
        return module.evaluate(data / "aeb")  # type: ignore[no-any-return]
    if task == "attribution":
        return module.evaluate(data / "polnear" / "dev")  # type: ignore[no-any-return]
    if task == "timex":
        return module.evaluate(data / "tempeval3" / "tbaq")  # type: ignore[no-any-return]
    if task == "summary":
        cnndm = data / "cnndm"
        return module.evaluate(cnndm / "dev.src.txt", cnndm / "dev.ref.txt")  # type: ignore[no-any-return]
    if task == "clustering":
        return module.evaluate(data / "ecbplus")  # type: ignore[no-any-return]
    if task == "arcs":
        return module.evaluate(data / "tls")  # type: ignore[no-any-return]
    if task == "faithfulness":
        return module.evaluate(data / "qags")  # type: ignore[no-any-return]
    if task == "clustering_mixed":  # the clustering eval's mixed-stream mode
        return module.evaluate(data / "ecbplus", data / "aeb")  # type: ignore[no-any-return]
    if task == "roles":
        return module.evaluate()  # type: ignore[no-any-return]
    if task == "tls":  # the documented subset (GATE_FOLDERS: three events, ~1 min)
        return module.evaluate(data / "tls", only=module.GATE_FOLDERS)  # type: ignore[no-any-return]
    if task == "mds":
        return module.evaluate(data / "neus" / "val")  # type: ignore[no-any-return]
    raise AssertionError(f"no dev split wired for task {task!r}")


def test_floors_file_is_well_formed() -> None:
    assert FLOORS, "eval_baseline.json pins no floors"
    for task, metrics in FLOORS.items():
        assert metrics, task
        for name, floor in metrics.items():
            assert 0.0 <= floor <= 1.0, (task, name, floor)


@pytest.mark.data
@pytest.mark.slow
@pytest.mark.parametrize("task", sorted(FLOORS))
def test_dev_split_meets_floors(task: str, data_dir: Path) -> None:
    result = _run(task, data_dir)
    assert result.task == task.removesuffix("_mixed")
    assert result.n > 0
    below = {
        name: (round(result.metrics.get(name, -1.0), 4), floor)
        for name, floor in FLOORS[task].items()
        if result.metrics.get(name, -1.0) < floor - TOLERANCE
    }
    assert not below, f"{task} fell under its floors (measured, floor): {below}"
    above = {
        name: (result.metrics.get(name), ceiling)
        for name, ceiling in CEILINGS.get(task, {}).items()
        if result.metrics.get(name, float("inf")) > ceiling
    }
    assert not above, f"{task} went over its ceilings (measured, ceiling): {above}"


def test_ceilings_are_for_pinned_tasks() -> None:
    for task, metrics in CEILINGS.items():
        assert task in FLOORS, task
        assert metrics and all(value >= 0 for value in metrics.values()), task


@pytest.mark.data
@pytest.mark.slow
def test_tls_beats_its_baseline_on_every_metric(data_dir: Path) -> None:
    """On the gate's subset the system is ahead of the in-run baseline on all five figures."""
    from newsbrief.evaluate.tls import GATE_FOLDERS, METRICS, evaluate

    result = evaluate(data_dir / "tls", only=GATE_FOLDERS)
    behind = {m for m in METRICS if result.metrics[m] <= result.metrics[f"baseline_{m}"]}
    assert not behind, f"tls at or under its baseline on {sorted(behind)}"
