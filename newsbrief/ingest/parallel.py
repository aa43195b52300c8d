"""Where the batch runner's analysis runs: in this process, in N local worker processes, or on
the workers of a Dask cluster. Part of the batch runner, so (like ``ingest.batch``) an
orchestrator that drives a later stage (``analyze``) on purpose.

Analysis (the spaCy parse and everything built on it) is the cost of an ingest and is a pure
function of the article, so it fans out; everything that reads or writes the archive (dedupe,
the story assigner, the chunk commits) stays in the one process that runs the
:class:`~newsbrief.ingest.batch.Ingestor`. Story threading is therefore exactly what a
single-process run gives: articles reach the one assigner in input order.

An :class:`Analyzer` takes a chunk of articles and returns a handle whose ``result()`` gives,
per article, its analysis or the reason it failed. Workers load the spaCy model once each (on
start for local processes, on their first task on a cluster).
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

from newsbrief.errors import InputError, InternalError, NewsbriefError
from newsbrief.models import Analysis, Article

__all__ = [
    "AnalysisResult",
    "Analyzer",
    "DaskAnalyzer",
    "InProcessAnalyzer",
    "ProcessAnalyzer",
    "analyze_chunk",
    "default_workers",
    "make_analyzer",
]

# per article: its analysis, or None with the reason and the exit code of the failure
AnalysisResult = list[tuple[Analysis | None, str, int]]


class Handle(Protocol):
    def result(self) -> AnalysisResult: ...


class Analyzer(Protocol):
    """Analyzes chunks of articles; ``slots`` is how many chunks it works on at once."""

    slots: int

    def submit(self, articles: Sequence[Article]) -> Handle: ...

    def close(self) -> None: ...


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _failure(exc: Exception) -> tuple[str, int]:
    if isinstance(exc, NewsbriefError):
        return str(exc), exc.exit_code
    return f"{type(exc).__name__}: {exc}", InternalError.exit_code


def analyze_chunk(articles: Sequence[Article]) -> AnalysisResult:
    """Analyze a chunk in one pass; when that fails, each article alone, so that one bad
    article fails by itself (with its reason) and the others are analyzed."""
    from newsbrief.analyze import analyze, analyze_many

    try:
        return [(a, "", 0) for a in analyze_many(list(articles))]
    except Exception:  # one article broke the batch: analyze each alone below to find it
        results: AnalysisResult = []
    for article in articles:
        try:
            results.append((analyze(article), "", 0))
        except Exception as exc:  # a bad article must not stop the batch
            reason, code = _failure(exc)
            results.append((None, f"analysis failed: {reason}", code))
    return results


class _Done:
    def __init__(self, value: AnalysisResult) -> None:
        self._value = value

    def result(self) -> AnalysisResult:
        return self._value


class InProcessAnalyzer:
    """Analysis in the calling process (``--workers 1``)."""

    slots = 1

    def submit(self, articles: Sequence[Article]) -> Handle:
        return _Done(analyze_chunk(articles))

    def close(self) -> None:
        """Nothing to release: the analysis ran in this process."""


def _warm_up(parent: int) -> None:
    """Worker initializer: exit with the ingest process (even one killed by ``kill -9``,
    which cannot shut its pool down), then load the spaCy model once."""
    from newsbrief.analyze.nlp import get_nlp

    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    get_nlp()


def _exit_with(parent: int) -> None:
    while True:
        time.sleep(0.5)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(3)
        except PermissionError:
            pass  # alive, owned by another user


class ProcessAnalyzer:
    """Analysis in ``workers`` local processes (forkserver, else spawn), started on first use;
    each loads the model once. One more chunk than workers is kept in flight so that no worker
    waits while the main process stores a chunk."""

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise InputError(f"--workers must be at least 1, not {workers}")
        self.workers = workers
        self.slots = workers + 1
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            methods = multiprocessing.get_all_start_methods()
            method = "forkserver" if "forkserver" in methods else "spawn"
            ctx = multiprocessing.get_context(method)
            if method == "forkserver":
                ctx.set_forkserver_preload(["newsbrief.analyze"])
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=ctx,
                initializer=_warm_up,
                initargs=(os.getpid(),),
            )
        return self._pool

    def submit(self, articles: Sequence[Article]) -> Handle:
        future: Future[AnalysisResult] = self._executor().submit(analyze_chunk, list(articles))
        return future

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskAnalyzer:
    """Analysis on the workers of a running Dask cluster (``newsbrief[cluster]``), reached at
    ``address`` (e.g. ``tcp://10.0.0.5:8786``). Keeps two chunks per worker thread in flight."""

    def __init__(self, address: str, *, timeout_s: float = 30.0) -> None:
        try:
            distributed: Any = importlib.import_module("distributed")
        except ImportError as exc:
            raise InputError(
                "--cluster needs Dask distributed",
                hint="install the cluster extra: pip install 'newsbrief[cluster]'",
            ) from exc
        try:
            self._client: Any = distributed.Client(address, timeout=timeout_s, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        threads = sum(self._client.nthreads().values())
        if threads < 1:
            self._client.close()
            raise InputError(f"the Dask cluster at {address} has no workers")
        self.slots = 2 * threads

    def submit(self, articles: Sequence[Article]) -> Handle:
        future: Handle = self._client.submit(analyze_chunk, list(articles), pure=False)
        return future

    def close(self) -> None:
        self._client.close()


def make_analyzer(*, workers: int | None = None, cluster: str | None = None) -> Analyzer:
    """The analyzer for ``--workers N`` (default: every core) or ``--cluster ADDRESS``."""
    if cluster:
        return DaskAnalyzer(cluster)
    n = default_workers() if workers is None else workers
    if n < 1:
        raise InputError(f"--workers must be at least 1, not {n}")
    return InProcessAnalyzer() if n == 1 else ProcessAnalyzer(n)
