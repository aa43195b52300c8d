"""Where the batch runner's loading and analysis run: in this process, in N local worker
processes, or on the workers of a Dask cluster. Part of the batch runner, so (like
``ingest.batch``) an orchestrator that drives later stages (``analyze``, the duplicate
fingerprint) on purpose.

Two steps of an ingest are pure functions of the item and fan out:

- loading: turning an item into an article (extracting an HTML page's main text, fetching a
  linked page, parsing a JSON line) and its duplicate fingerprint. Files are read by the
  ingest process and only their bytes travel (a cluster machine need not have them);
- analysis (the spaCy parse and everything built on it), for the articles that are new.

Everything that reads or writes the archive (which items were seen, dedupe, the story
assigner, the chunk commits) stays in the one process that runs the
:class:`~newsbrief.ingest.batch.Ingestor`. Story threading is therefore exactly what a
single-process run gives: articles reach the one assigner in input order.

An :class:`Analyzer` takes a chunk of loaders (``load``) or of articles (``submit``) and
returns a handle whose ``result()`` gives, per item, its result or the reason it failed.
Workers load the spaCy model once each (on start for local processes, on their first task on
a cluster). Input warnings raised while loading in a worker come back with the results and are
raised again in the ingest process, which prints them.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, NamedTuple, Protocol, TypeVar

from newsbrief.errors import (
    InputError,
    InputWarning,
    InternalError,
    NewsbriefError,
    StoreError,
)
from newsbrief.models import Analysis, Article
from newsbrief.store.db import driver_errors
from newsbrief.stories.dedupe import Fingerprint, fingerprint
from newsbrief.stories.features import StoryFeatures, story_features

__all__ = [
    "AnalysisResult",
    "Analyzer",
    "DaskAnalyzer",
    "InProcessAnalyzer",
    "LoadResult",
    "Loaded",
    "ProcessAnalyzer",
    "analyze_chunk",
    "attempt",
    "default_workers",
    "load_chunk",
    "make_analyzer",
]

_DRIVER_ERRORS = driver_errors()
T = TypeVar("T")
R = TypeVar("R", covariant=True)

# per article: its analysis, or None with the reason and the exit code of the failure
AnalysisResult = list[tuple[Analysis | None, str, int]]
Loader = Callable[[], Article]


class Loaded(NamedTuple):
    """One item loaded: its article and fingerprint, or None with the reason and the exit code
    of the failure; the input warnings raised on the way (as message and category); and the
    article's story features (under the default feature weights), which the story assigner
    would otherwise extract in the ingest process."""

    article: Article | None
    fp: Fingerprint | None
    error: str
    code: int
    warned: tuple[tuple[str, type[Warning]], ...] = ()
    features: StoryFeatures | None = None


LoadResult = list[Loaded]


class Handle(Protocol[R]):
    def result(self) -> R: ...


class Analyzer(Protocol):
    """Loads and analyzes chunks; ``slots`` is how many chunks it works on at once."""

    slots: int

    def load(self, loaders: Sequence[Loader]) -> Handle[LoadResult] | None:
        """Load a chunk's items elsewhere; None: the caller loads them itself, in order."""

    def submit(self, articles: Sequence[Article]) -> Handle[AnalysisResult]: ...

    def close(self) -> None: ...


def attempt(fn: Callable[[], T]) -> tuple[T | None, str, int]:
    """Run one item's step: its value, or None, the reason it failed and that error's exit code.

    Archive failures are not an item's fault and propagate; any other error is the item's.
    """
    try:
        return fn(), "", 0
    except (StoreError, *_DRIVER_ERRORS):  # type: ignore[misc]
        raise
    except NewsbriefError as exc:
        return None, str(exc), exc.exit_code
    except Exception as exc:  # a bad item must not stop the batch: report it and go on
        return None, f"{type(exc).__name__}: {exc}", InternalError.exit_code


def load_one(loader: Loader, *, features: bool = False) -> Loaded:
    """Load one item here; its warnings are raised here, as they happen. With ``features``
    (a worker loading for the ingest process), its story features too, and the fingerprint
    complete (``Fingerprint.complete``): here, in the ingest process, the assigner extracts
    them for the articles that are new."""
    article, error, code = attempt(loader)
    if article is None:
        return Loaded(None, None, error, code)
    extracted = story_features(article) if features else None
    fp = fingerprint(article.text)
    if features:  # for the ingest process: its band keys and sorted shingles travel too
        fp.complete()
    return Loaded(article, fp, error, code, features=extracted)


def load_chunk(loaders: Sequence[Loader]) -> LoadResult:
    """Load a chunk in a worker: each item's article and fingerprint, or why it failed; the
    input warnings it raised are kept with it, to be raised again by the ingest process."""
    out = []
    for loader in loaders:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", InputWarning)
            loaded = load_one(loader, features=True)
        warned = tuple(
            (str(w.message), w.category) for w in caught if issubclass(w.category, InputWarning)
        )
        out.append(loaded._replace(warned=warned))
    return out


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
    """Loading and analysis in the calling process (``--workers 1``)."""

    slots = 1

    def load(self, loaders: Sequence[Loader]) -> None:
        """None: the batch runner loads each item itself."""
        return None

    def submit(self, articles: Sequence[Article]) -> Handle[AnalysisResult]:
        return _Done(analyze_chunk(articles))

    def close(self) -> None:
        """Nothing to release: the analysis ran in this process."""


def _warm_up(parent: int, model: bool) -> None:
    """Worker initializer: exit with the ingest process (even one killed by ``kill -9``,
    which cannot shut its pool down), then load the spaCy model once (when it will analyze)."""
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    if model:
        from newsbrief.analyze.nlp import get_nlp

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

    def __init__(self, workers: int, *, model: bool = True) -> None:
        if workers < 1:
            raise InputError(f"--workers must be at least 1, not {workers}")
        self.workers = workers
        self.slots = workers + 1
        self.model = model  # load the spaCy model on start (False: the workers only load items)
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
                initargs=(os.getpid(), self.model),
            )
        return self._pool

    def load(self, loaders: Sequence[Loader]) -> Handle[LoadResult]:
        future: Future[LoadResult] = self._executor().submit(load_chunk, list(loaders))
        return future

    def submit(self, articles: Sequence[Article]) -> Handle[AnalysisResult]:
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

    def load(self, loaders: Sequence[Loader]) -> Handle[LoadResult]:
        future: Handle[LoadResult] = self._client.submit(load_chunk, list(loaders), pure=False)
        return future

    def submit(self, articles: Sequence[Article]) -> Handle[AnalysisResult]:
        future: Handle[AnalysisResult] = self._client.submit(
            analyze_chunk, list(articles), pure=False
        )
        return future

    def close(self) -> None:
        self._client.close()


def make_analyzer(
    *, workers: int | None = None, cluster: str | None = None, analyze: bool = True
) -> Analyzer:
    """The analyzer for ``--workers N`` (default: every core) or ``--cluster ADDRESS``. Without
    analysis (``--no-analyze``) the items are loaded here unless workers or a cluster are
    asked for."""
    if cluster:
        return DaskAnalyzer(cluster)
    if not analyze and workers is None:
        return InProcessAnalyzer()
    n = default_workers() if workers is None else workers
    if n < 1:
        raise InputError(f"--workers must be at least 1, not {n}")
    return InProcessAnalyzer() if n == 1 else ProcessAnalyzer(n, model=analyze)
