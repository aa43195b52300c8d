"""The scale benchmark's stage timer (``bench/stages.py``): it times the real ingest path on a
real SQLite archive, nests as the path does, and leaves the classes as it found them."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from pathlib import Path
from types import ModuleType

import pytest

from newsbrief.ingest.batch import Ingestor
from newsbrief.ingest.text import article_from_text
from newsbrief.store import Archive
from newsbrief.stories.cluster import StoryAssigner

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> tuple[ModuleType, ModuleType]:
    return _load("stages"), _load("scale")


def test_stage_times_nest_and_the_classes_are_restored(
    bench: tuple[ModuleType, ModuleType], tmp_path: Path
) -> None:
    stages, scale = bench
    original = StoryAssigner.__dict__["_scored"]
    window: list[int | None] = [None]
    timer = stages.StageTimer(window)
    timer.install()
    try:
        assert StoryAssigner.__dict__["_scored"] is not original
        arts = list(itertools.islice(scale.stream(60, seed=3), 60))
        with Archive.open(tmp_path / "a.db") as archive:
            ingestor = Ingestor(archive, analyze=False)
            for i, art in enumerate(arts):
                window[0] = 1000 if i >= 20 else None  # the first 20 are not counted
                with archive.transaction():
                    ingestor.add(
                        article_from_text(art.text, title=art.title, published=art.published)
                    )
    finally:
        timer.uninstall()
    assert StoryAssigner.__dict__["_scored"] is original
    row = timer.totals[1000]
    outer = row["ingest one article (Ingestor.add)"]
    assert outer > 0
    for inner, within in [
        ("  duplicate check (Deduper.find)", outer),
        ("  store a new article", outer),
        ("    story threading", row["  store a new article"]),
        ("      assigner", row["    story threading"]),
        ("        score candidate stories", row["      assigner"]),
    ]:
        assert 0 < row[inner] <= within, inner
    assert row["SQL statements (all)"] > 0
    table = timer.report({1000: 40})
    assert table[0].split()[-1] == "first" and "1000" in table[0]
    scored = next(line for line in table if "score candidate stories" in line)
    # ms per article over the 40 counted articles, and no growth with a single window
    assert float(scored.split()[-2]) == pytest.approx(
        1000 * row["        score candidate stories"] / 40, abs=1e-3
    )
    assert scored.split()[-1] == "+0.000"
