"""Where an archive ingest's time goes, per checkpoint window (``scale.py --stages``).

cProfile (``--profile``) charges every Python call, so it inflates the Python-heavy stages
five-fold and hides what grows below the Python level (SQLite's B-trees, the memory the larger
dictionaries and arrays spill into). This timer only wraps a dozen methods, once per call,
with ``time.perf_counter``: a few microseconds per article. The times are inclusive (a stage
holds the stages indented under it) and a method called inside another is counted in both.
"""

from __future__ import annotations

import functools
import gc
import importlib
import time
from collections.abc import Callable
from typing import Any

# (label, module, class, method): the ingest path without analysis, outermost first
STAGES: tuple[tuple[str, str, str, str], ...] = (
    ("ingest one article (Ingestor.add)", "newsbrief.ingest.batch", "Ingestor", "add"),
    ("  duplicate check (Deduper.find)", "newsbrief.stories.dedupe", "Deduper", "find"),
    ("    near-copy lookup and verify", "newsbrief.stories.dedupe", "Deduper", "find_near"),
    ("      LSH catch-up (sync)", "newsbrief.stories.lsh", "LshIndex", "sync"),
    ("      LSH candidates", "newsbrief.stories.lsh", "LshIndex", "candidates"),
    ("      read old signatures", "newsbrief.store.archive", "Archive", "signatures_at"),
    ("      read shingle sets", "newsbrief.store.archive", "Archive", "shingle_sets"),
    ("  store a new article", "newsbrief.ingest.batch", "Ingestor", "_store_new"),
    ("    save the article row", "newsbrief.store.archive", "Archive", "save_article"),
    ("    story threading", "newsbrief.stories", "StoryThreads", "assign"),
    ("      assigner", "newsbrief.stories.cluster", "StoryAssigner", "assign"),
    ("        score candidate stories", "newsbrief.stories.cluster", "StoryAssigner", "_scored"),
    ("        add member, settle", "newsbrief.stories.cluster", "StoryAssigner", "_add_member"),
    ("        fold into cores", "newsbrief.stories.cluster", "StoryAssigner", "_fold"),
    ("        re-cluster", "newsbrief.stories.cluster", "StoryAssigner", "_recluster"),
    ("      arcs", "newsbrief.stories.arc_threads", "ArcThreads", "observe"),
    ("deferred writes at commit", "newsbrief.store.base", "ArchiveBase", "_flush_deferred"),
    ("SQL statements (all)", "newsbrief.store.db", "Database", "execute"),
    ("SQL statements (all)", "newsbrief.store.db", "Database", "executemany"),
)
GC = "garbage collection"


class StageTimer:
    """Seconds per stage label in each window; ``window[0]`` names the window being measured
    (None: not counted), as ``scale.py`` sets it."""

    def __init__(self, window: list[int | None]) -> None:
        self.window = window
        self.totals: dict[int, dict[str, float]] = {}
        self._undo: list[Callable[[], None]] = []
        self._gc_start = 0.0

    def install(self) -> None:
        for label, module, cls, method in STAGES:
            owner = getattr(importlib.import_module(module), cls)
            original = owner.__dict__.get(method)
            if original is None:  # inherited: wrap what the class resolves to
                original = getattr(owner, method)
            setattr(owner, method, self._timed(label, original))
            self._undo.append(functools.partial(setattr, owner, method, original))
        gc.callbacks.append(self._gc)
        self._undo.append(lambda: gc.callbacks.remove(self._gc))

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()

    def _add(self, label: str, seconds: float) -> None:
        mark = self.window[0]
        if mark is not None:
            row = self.totals.setdefault(mark, {})
            row[label] = row.get(label, 0.0) + seconds

    def _timed(self, label: str, original: Callable[..., Any]) -> Callable[..., Any]:
        add, clock = self._add, time.perf_counter

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = clock()
            try:
                return original(*args, **kwargs)
            finally:
                add(label, clock() - t0)

        return timed

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            self._add(GC, time.perf_counter() - self._gc_start)

    def report(self, articles: dict[int, int]) -> list[str]:
        """The table: ms per article of each stage in each window (``articles``: how many
        articles each window held), and the growth from the first window to the last."""
        marks = sorted(m for m in self.totals if articles.get(m))
        if not marks:
            return []
        labels = list(dict.fromkeys([s[0] for s in STAGES] + [GC]))
        head = "".join(f"{m:>10}" for m in marks)
        lines = [f"  stages, ms per article (inclusive) at{head}   last - first"]
        for label in labels:
            cells = [1000 * self.totals[m].get(label, 0.0) / articles[m] for m in marks]
            row = "".join(f"{c:>10.3f}" for c in cells)
            lines.append(f"    {label:<36}{row}   {cells[-1] - cells[0]:>+10.3f}")
        return lines
