"""Stage 3 (with ``store``): duplicates and story threads.

- :mod:`newsbrief.stories.dedupe`: exact and near-duplicate (MinHash) detection.
- :mod:`newsbrief.stories.cluster`: the incremental story assigner.
- :class:`StoryThreads`: the assigner persisted in the archive, so story ids stay stable across
  runs and processes.
- :class:`~newsbrief.stories.arc_threads.ArcThreads`: developments (story threads) grouped
  into long-running arcs, also persisted (:mod:`newsbrief.stories.arcs`).
- :func:`whats_new`: the items of a story brief that come from articles the previous brief of
  the story did not cover.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsbrief.errors import StoreError
from newsbrief.models import Brief, SummaryItem
from newsbrief.stories.arc_threads import ArcThreads
from newsbrief.stories.features import StoryFeatures

if TYPE_CHECKING:
    from newsbrief.models import Article
    from newsbrief.store import Archive
    from newsbrief.stories.cluster import ClusterSettings, StoryAssigner

__all__ = ["StoryThreads", "whats_new"]


class _Recording(dict[str, int]):
    """The assigner's document-frequency table, remembering which terms changed: since the
    last write of the table (``changed``) and since the last article (``fresh``)."""

    def __init__(self, data: dict[str, int]) -> None:
        super().__init__(data)
        self.changed: set[str] = set()
        self.fresh: set[str] = set()

    def __setitem__(self, key: str, value: int) -> None:
        super().__setitem__(key, value)
        self.changed.add(key)
        self.fresh.add(key)


class StoryThreads:
    """Assigns stored articles to story threads, keeping the assigner's state in the archive.

    Call :meth:`assign` inside the archive transaction that stores the article: the membership
    (the article's, and the moves and merges local re-clustering made) and the assigner's
    updated state then commit (or roll back) together with it. When another process has
    assigned articles since (or a transaction rolled back), the assigner reloads.

    Only what articles changed is written: the membership and a new story's row at once; the
    states of the stories and members they touched, their stories' update times, the articles'
    terms (in a log) and the counters once, when the transaction commits (:meth:`Archive.defer
    <newsbrief.store.base.ArchiveBase.defer>`: a story 5 articles of a chunk joined is written
    once). The document-frequency table itself is written every ``flush_every`` articles (the
    terms changed since), which empties the log; a reload reads the table and replays the
    log, so nothing is lost between flushes.
    """

    def __init__(
        self,
        archive: Archive,
        *,
        settings: ClusterSettings | None = None,
        flush_every: int = 1000,
    ) -> None:
        self.archive = archive
        self.settings = settings
        self.flush_every = flush_every
        self._assigner: StoryAssigner | None = None
        self._token: str | None = None
        self._flushed = 0  # n_docs when the df table was last written
        self._df = _Recording({})  # the assigner's df table
        self.arcs = ArcThreads(archive)
        self._key = f"stories:{id(self)}"  # this assigner's deferred write
        self._stored: set[str] = set()  # stories known to have a row in the archive
        # written when the transaction commits: stories, cores and members changed since
        self._stories: set[str] = set()
        self._cores: set[str] = set()
        self._members: set[int] = set()
        self._log: list[tuple[int, list[str]]] = []  # articles' terms, since the table's write
        self._touched: set[str] = set()  # stories articles joined or moved to
        self._pending = False

    def _current(self) -> StoryAssigner:
        from newsbrief.stories.cluster import StoryAssigner

        if self._assigner is not None and self._pending:
            return self._assigner  # our transaction holds the writer's turn: no one else wrote
        self.archive.run_deferred("stories:")  # another assigner's writes first
        token = self.archive.cluster_token()
        if self._assigner is None or token != self._token:
            assigner = StoryAssigner(self.settings)
            df = _Recording({})
            self._flushed = 0
            saved = self.archive.load_cluster_state()
            if saved is not None:
                self._flushed = int(saved.stats.get("flushed", saved.stats["n_docs"]))
                assigner.load_stats(saved.stats)
                df = _Recording(assigner.df)
                for _, terms in saved.log:
                    for term in terms:
                        df[term] = df.get(term, 0) + 1
            assigner.df = self._df = df
            if saved is not None:
                assigner.load(saved.stories, saved.members)
            assigner.drain()
            self._assigner, self._token = assigner, token
            self._stored = set(assigner.stories)
            self._stories, self._cores, self._members = set(), set(), set()
        return self._assigner

    def assign(self, article: Article, features: StoryFeatures | None = None) -> str:
        """Put a newly stored article in a story; return the story id. ``features``: its story
        features, when extracted already (``stories.features.story_features``)."""
        archive = self.archive
        with archive.transaction():
            assigner = self._current()
            self._assigner = None  # until this article's state is written
            df = self._df
            df.fresh.clear()
            story_id = assigner.assign(
                article.id, article.text, article.title, article.published, features=features
            )
            journal = assigner.drain()
            last = assigner.last_features
            shared = None
            if last is not None and last[0] == article.id:
                shared = (last[1], assigner.settings.weights)
            # before the moves land
            self.arcs.observe(article, story_id, journal, assigner, features=shared)
            # a new story gets its row now (moves and merges name it); the states of stories
            # already stored, cores and members are written when the transaction commits
            new = {
                sid: assigner.story_state(sid)
                for sid in sorted(journal.stories - self._stored)
                if sid in assigner.stories
            }
            self._write_df(assigner, df)
            archive.save_cluster_changes(new, {}, dropped=journal.dropped)
            archive.merge_stories(journal.merged)
            archive.move_to_stories(journal.moved, touch=False)
            self._touched |= set(journal.moved.values())
            self._stored |= set(new)
            self._stories |= journal.stories - set(new)
            self._cores |= journal.cores
            self._members = (self._members | journal.members) - journal.dropped
            self._assigner, self._pending = assigner, True
            archive.defer(self._key, self._flush, self._discard)
        return story_id

    def _flush(self) -> None:
        """Write the counters and the states changed since the last flush (those still live)."""
        assigner = self._assigner
        if assigner is None:
            # an article's assignment failed half-way and the error was swallowed: what is
            # in memory is neither the stored state nor a whole one; store nothing of it
            raise StoreError(
                "the story assigner failed during this transaction; nothing was stored"
            )
        live, members = assigner.stories, assigner.members
        stories = {sid: assigner.story_state(sid) for sid in sorted(self._stories) if sid in live}
        cores = {sid: assigner.core_state(sid) for sid in sorted(self._cores) if sid in live}
        states = {
            seq: assigner.member_state(seq) for seq in sorted(self._members) if seq in members
        }
        meta = {k: v for k, v in assigner.stats_state().items() if k != "df"}
        meta["flushed"] = self._flushed
        if self._log:
            self.archive.log_cluster_terms(self._log)
        if self._touched:
            self.archive.touch_stories(self._touched)
        self._token = self.archive.save_cluster_state(meta, stories, states, cores=cores)
        self._stories, self._cores, self._members = set(), set(), set()
        self._log, self._touched = [], set()
        self._pending = False

    def _discard(self) -> None:
        """The transaction rolled back: what the assigner holds was not stored; reload."""
        self._assigner = None
        self._log, self._touched = [], set()
        self._pending = False

    def _write_df(self, assigner: StoryAssigner, df: _Recording) -> None:
        """Log the article's terms; write the table when due (or when it was rebuilt)."""
        full = assigner.df is not df  # the assigner pruned its table: write all of it
        if full or assigner.n_docs - self._flushed >= self.flush_every:
            table = assigner.df if full else {t: df[t] for t in df.changed if t in df}
            self.archive.flush_cluster_df(table, full=full)
            self._log = []  # the table has their terms
            if full:
                assigner.df = self._df = _Recording(assigner.df)
            df.changed.clear()
            self._flushed = assigner.n_docs
        else:
            self._log.append((assigner.n_docs, sorted(df.fresh)))


def whats_new(current: Brief, previous: Brief | None) -> tuple[SummaryItem, ...]:
    """What the current story brief says that comes from articles the previous one lacked.

    Summary sentences first, then timeline entries, each once, with their evidence; empty when
    there was no previous brief (everything is new) or no new article.
    """
    if previous is None:
        return ()
    covered = {ref.id for ref in previous.articles}
    if previous.article is not None:
        covered.add(previous.article.id)
    items: list[SummaryItem] = []
    seen: set[tuple[str, int]] = set()
    candidates = [
        *((s.text, s.evidence) for s in current.executive_summary),
        *((t.text, t.evidence) for t in current.story_so_far),
    ]
    for text, evidence in candidates:
        key = (evidence.article_id, evidence.sentence_index)
        if evidence.article_id in covered or key in seen:
            continue
        seen.add(key)
        items.append(SummaryItem(text=text, evidence=evidence))
    return tuple(items)
