"""The batch runner: source items → articles → dedupe → archive → story thread → analysis.

The one module of the ingest stage that drives the later stages (analyze, store, stories); the
rest of ``newsbrief.ingest`` only reads inputs, and ``newsbrief.ingest`` does not import this
module. Sources are expanded into items by ``ingest.sources``; feeds are polled by
``ingest.watch``.

Each article is stored whole in one transaction (the article, its outlet, its dedupe signature,
its story membership and the assigner's state, its analysis, and the feed entry that led to
it); a batch run commits a chunk of articles at a time. An interrupted run (even ``kill -9``)
can simply be run again: a chunk is in the archive entirely or not at all.

Failure policy: a bad item (unreadable file, bad JSON line, dead link, text too short, an
analysis that raises) becomes a ``failed`` outcome with its reason, and the batch goes on.
Only an archive failure (``StoreError``) stops it.
"""

from __future__ import annotations

import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Literal

from newsbrief.errors import InputError, InputWarning
from newsbrief.ingest.heap import LONG_LIVED
from newsbrief.ingest.jsonl import SourceItem
from newsbrief.ingest.parallel import (
    AnalysisResult,
    Analyzer,
    Handle,
    InProcessAnalyzer,
    Loaded,
    LoadResult,
    analyze_chunk,
    load_one,
)
from newsbrief.ingest.sources import expand_sources
from newsbrief.models import Analysis, Article, Brief
from newsbrief.settings import Settings
from newsbrief.store import Archive
from newsbrief.stories import StoryThreads
from newsbrief.stories.dedupe import Deduper, DuplicateMatch, Fingerprint, fingerprint
from newsbrief.stories.features import StoryFeatures

Status = Literal["new", "duplicate", "known", "seen", "failed"]


@dataclass(frozen=True)
class Outcome:
    """What happened to one item.

    new: stored as a new article · duplicate: a copy of a stored text (its outlet recorded)
    known: already in the archive · seen: a feed entry handled before · failed: see ``detail``
    """

    label: str
    status: Status
    article_id: str | None = None
    story_id: str | None = None
    detail: str = ""
    exit_code: int = 0  # for a failure: the exit code of its error (2 input, 3 fetch …)


@dataclass
class BatchReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in ("new", "duplicate", "known", "seen", "failed")]
        return f"{len(self.outcomes)} items: " + ", ".join(parts)

    def extend(self, other: BatchReport) -> None:
        self.outcomes.extend(other.outcomes)


@dataclass
class _Loading:
    """A chunk being loaded: its items, the outcomes of those handled before (feed entries
    seen; None for the others) and the analyzer's handle on the loading of the others (None:
    they are loaded here)."""

    items: list[SourceItem]
    seen: list[Outcome | None]
    handle: Handle[LoadResult] | None


@dataclass
class _Chunk:
    """A chunk between preparation and storage: its items, the new articles being analyzed
    and the analyzer's handle on them."""

    pending: list[_Pending | Outcome]
    fresh: list[_Pending]
    handle: Handle[AnalysisResult] | None


@dataclass
class _Pending:
    item: SourceItem
    article: Article
    fp: Fingerprint
    analysis: Analysis | None = None
    features: StoryFeatures | None = None  # its story features, when loaded by a worker
    copy: bool = False  # a copy of a stored text: recorded, not analyzed
    error: str = ""  # why its analysis failed
    code: int = 0  # the exit code of that failure


class Ingestor:
    """Adds articles to an archive: dedupe, store, thread into stories, analyze."""

    def __init__(
        self,
        archive: Archive,
        settings: Settings | None = None,
        *,
        analyze: bool = True,
        batch_size: int = 16,
        analyzer: Analyzer | None = None,
    ) -> None:
        self.archive = archive
        self.settings = settings or Settings()
        self.analyze = analyze
        self.batch_size = batch_size
        self.analyzer: Analyzer = analyzer or InProcessAnalyzer()
        self.deduper = Deduper(archive)
        self.threads = StoryThreads(archive)

    # ------------------------------------------------------------------ one article

    def add(
        self,
        article: Article,
        analysis: Analysis | None = None,
        *,
        brief: Brief | None = None,
        label: str | None = None,
        feed: str | None = None,
        entry: str | None = None,
        loaded: Loaded | None = None,
    ) -> Outcome:
        """Store one article (and its analysis and brief, when given) in one transaction.
        ``loaded``: the article as a worker loaded it, with its fingerprint and features."""
        item = SourceItem(label or article.source or article.id, lambda: article, feed, entry)
        fp = (loaded and loaded.fp) or fingerprint(article.text)
        p = _Pending(item, article, fp, analysis, features=loaded and loaded.features)
        return self._commit(p, brief)

    def expect(self, articles: Iterable[_Pending | Loaded]) -> None:
        """In a write transaction, before adding these articles one by one: look up in one
        query which are stored already, exactly (``Archive.expect_articles``)."""
        self.archive.expect_articles(
            (a.article.id, a.fp.text_hash) for a in articles if a.article and a.fp
        )

    def _commit(self, p: _Pending, brief: Brief | None = None) -> Outcome:
        archive, article = self.archive, p.article
        with archive.transaction():
            match = self.deduper.find(article, p.fp)
            outcome = self._store_new(p) if match is None else self._store_copy(p, match)
            own = outcome.article_id == article.id  # the stored text is this very article
            if own and p.analysis is not None and not archive.has_analysis(article.id):
                archive.save_analysis(p.analysis)  # also fills in one skipped before
            if own and brief is not None:
                archive.save_brief("article", article.id, brief)
            if p.item.feed and p.item.entry:
                entry_status = "ingested" if outcome.status == "new" else "duplicate"
                archive.mark_entry(
                    p.item.feed, p.item.entry, entry_status, article_id=outcome.article_id
                )
        LONG_LIVED.added_one()
        return outcome

    def _store_new(self, p: _Pending) -> Outcome:
        # the duplicate check just found no article with this id, in this transaction
        self.archive.save_article(p.article, text_hash=p.fp.text_hash, new=True)
        self.deduper.remember(p.article.id, p.fp)
        story_id = self.threads.assign(p.article, p.features)
        return Outcome(p.item.label, "new", p.article.id, story_id)

    def _store_copy(self, p: _Pending, match: DuplicateMatch) -> Outcome:
        stored_id = match.article_id
        status = self._record_copy(p.article, stored_id, match.kind, match.similarity)
        if match.kind == "exact" and self.archive.get_signature(stored_id) is None:
            self.deduper.remember(stored_id, p.fp)  # stored without one (``Archive.save``)
        detail = "" if status == "known" else f"{match.kind} copy of {stored_id}"
        if match.kind == "near" and detail:  # a copy recorded before has no detail
            detail += f" (similarity {match.similarity:.2f})"
        return Outcome(p.item.label, status, stored_id, self._ensure_story(stored_id), detail)

    def _record_copy(self, article: Article, stored_id: str, kind: str, sim: float) -> Status:
        if self.archive.find_copy(article.id, article.outlet) is not None:
            return "known"
        copy_kind: Literal["exact", "near"] = "near" if kind == "near" else "exact"
        return "duplicate" if self.archive.add_copy(stored_id, article, copy_kind, sim) else "known"

    def _ensure_story(self, article_id: str) -> str | None:
        """The story of a stored article, threading it now if it was stored without one."""
        story_id = self.archive.story_of(article_id)
        if story_id is None:
            stored = self.archive.get_article(article_id)
            if stored is not None:
                story_id = self.threads.assign(stored)
        return story_id

    # ------------------------------------------------------------------ a batch

    def run(
        self, items: Iterable[SourceItem], on_item: Callable[[Outcome], None] | None = None
    ) -> BatchReport:
        """Ingest every item, loading and analyzing in chunks; never stops on a bad item.

        Chunks are loaded, then their new articles analyzed, by ``self.analyzer`` (here, in
        worker processes, or on a cluster) while earlier chunks are stored: up to
        ``analyzer.slots`` chunks are being loaded and as many analyzed, and they are stored
        (one transaction each) in input order, by this process only.
        """
        report = BatchReport()
        loading: deque[_Loading] = deque()
        inflight: deque[_Chunk] = deque()
        iterator = iter(items)
        while chunk := list(islice(iterator, self.batch_size)):
            loading.append(self._start_loading(chunk))
            while len(loading) >= self.analyzer.slots:
                self._analyze_loaded(loading.popleft(), inflight, report, on_item)
        while loading:
            self._analyze_loaded(loading.popleft(), inflight, report, on_item)
        while inflight:
            self._store_chunk(inflight.popleft(), report, on_item)
        return report

    def _start_loading(self, chunk: list[SourceItem]) -> _Loading:
        """Hand the loading of a chunk's items (but feed entries handled before) to the
        analyzer."""
        seen = [self._seen(item) for item in chunk]
        todo = [item.load for item, done in zip(chunk, seen, strict=True) if done is None]
        handle = None
        if todo:
            try:
                handle = self.analyzer.load(todo)
            except Exception:  # an item that cannot travel (or a broken pool): load them here
                handle = None
        return _Loading(chunk, seen, handle)

    def _analyze_loaded(
        self,
        loading: _Loading,
        inflight: deque[_Chunk],
        report: BatchReport,
        on_item: Callable[[Outcome], None] | None,
    ) -> None:
        inflight.append(self._start_chunk(loading))
        while len(inflight) >= self.analyzer.slots:
            self._store_chunk(inflight.popleft(), report, on_item)

    def _start_chunk(self, loading: _Loading) -> _Chunk:
        """Dedupe a loaded chunk and hand its new articles to the analyzer."""
        loaded = list(self._loaded(loading))
        stored = self.archive.stored_copies(
            [(one.article.id, one.fp.text_hash) for one in loaded if one.article and one.fp]
        )
        rest = iter(loaded)
        pending = [
            done if done is not None else self._prepare(item, next(rest), stored)
            for item, done in zip(loading.items, loading.seen, strict=True)
        ]
        fresh = [p for p in pending if isinstance(p, _Pending) and not p.copy]
        handle = None
        if self.analyze and fresh:
            for p in fresh:
                warn_if_cut(p.article)
            handle = self.analyzer.submit([p.article for p in fresh])
        return _Chunk(pending, fresh, handle)

    def _loaded(self, loading: _Loading) -> Iterator[Loaded]:
        """The chunk's items loaded (but those seen before), in order: by the analyzer, whose
        input warnings are raised here; here, when it did not load them or it failed."""
        todo = [i for i, done in zip(loading.items, loading.seen, strict=True) if done is None]
        results: LoadResult | None = None
        if loading.handle is not None:
            try:
                results = loading.handle.result()
            except Exception:  # a worker died, or an item cannot travel: load them here
                results = None
        if results is None:
            yield from (load_one(item.load) for item in todo)
            return
        for result in results:
            for message, category in result.warned:
                warnings.warn(message, category, stacklevel=2)
            yield result

    def _store_chunk(
        self, chunk: _Chunk, report: BatchReport, on_item: Callable[[Outcome], None] | None
    ) -> None:
        """Collect a chunk's analyses, then store all of it in one transaction (one commit per
        chunk keeps the archive's write cost flat; an interrupted chunk is redone whole on the
        next run)."""
        if chunk.handle is not None:
            try:
                results = chunk.handle.result()
            except Exception:
                results = analyze_chunk([p.article for p in chunk.fresh])
            for p, (analysis, error, code) in zip(chunk.fresh, results, strict=True):
                p.analysis, p.error, p.code = analysis, error, code
        with self.archive.transaction():
            self.expect(p for p in chunk.pending if isinstance(p, _Pending) and not p.error)
            outcomes = [self._finish(p) for p in chunk.pending]
        for outcome in outcomes:
            report.outcomes.append(outcome)
            if on_item is not None:
                on_item(outcome)

    def _finish(self, p: _Pending | Outcome) -> Outcome:
        if isinstance(p, Outcome):
            return p
        if p.error:
            return self._fail(p.item, p.error, p.code)
        return self._commit(p)

    def _seen(self, item: SourceItem) -> Outcome | None:
        if item.feed and item.entry and self.archive.entry_done(item.feed, item.entry):
            return Outcome(item.label, "seen", detail="feed entry handled before")
        return None

    def _prepare(
        self, item: SourceItem, loaded: Loaded, stored: dict[tuple[str, str], str | None]
    ) -> _Pending | Outcome:
        """The item ready to store, marked when it copies a stored article (so that it is not
        analyzed; the check is made again when it is stored)."""
        if loaded.article is None or loaded.fp is None:
            return self._fail(item, loaded.error, loaded.code)
        p = _Pending(item, loaded.article, loaded.fp, features=loaded.features)
        exact = stored.get((loaded.article.id, loaded.fp.text_hash))
        p.copy = exact is not None or self.deduper.find_near(p.fp) is not None
        return p

    def _fail(self, item: SourceItem, reason: str, code: int) -> Outcome:
        if item.feed and item.entry:
            self.archive.mark_entry(item.feed, item.entry, "failed", detail=reason[:500])
        return Outcome(item.label, "failed", detail=reason, exit_code=code)


def warn_if_cut(article: Article) -> None:
    """An ``InputWarning`` when the article is longer than the analysis reads (``MAX_CHARS``):
    it says where the analysis stops. The whole text is still stored."""
    from newsbrief.analyze.nlp import MAX_CHARS

    n = len(article.text)
    if n <= MAX_CHARS:
        return
    inside = [p for p in article.paragraphs if p.start < MAX_CHARS]
    tail = " ".join(article.text[max(0, MAX_CHARS - 60) : MAX_CHARS].split()[1:])
    where = f"in paragraph {len(inside)} of {len(article.paragraphs)}, after “…{tail}”"
    warnings.warn(
        f"{article.source or article.id}: the text is {n:,} characters long; only the first"
        f" {MAX_CHARS:,} are analyzed (the brief stops {where}); the whole text is stored",
        InputWarning,
        stacklevel=2,
    )


def ingest_sources(
    sources: Sequence[str],
    archive: Archive,
    settings: Settings,
    *,
    analyze: bool = True,
    on_item: Callable[[Outcome], None] | None = None,
    analyzer: Analyzer | None = None,
) -> BatchReport:
    """``newsbrief ingest``: every source's items into the archive (analysis by ``analyzer``,
    in this process when None)."""
    if not sources:
        raise InputError("no sources given", hint="give files, folders, URLs, .jsonl or feeds")
    items = expand_sources(sources, settings)
    ingestor = Ingestor(archive, settings, analyze=analyze, analyzer=analyzer)
    return ingestor.run(items, on_item)
