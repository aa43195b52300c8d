"""The arc assigner persisted in the archive (see :mod:`newsbrief.stories.arcs`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsbrief.errors import StoreError
from newsbrief.stories.arcs import ArcAssigner, ArcSettings, DocFrequencies

if TYPE_CHECKING:
    from newsbrief.models import Article
    from newsbrief.store import Archive
    from newsbrief.stories.features import Features, FeatureWeights
    from newsbrief.stories.journal import Journal

__all__ = ["ArcThreads"]


class ArcThreads:
    """Groups the archive's story threads into arcs, keeping the arc assigner's state there.

    Call :meth:`observe` inside the archive transaction that stores the article and threads
    it into its story, after the story assigner and before its moves and merges are written:
    the arc links and merges are written at once, the states of the arcs that changed (and the
    assigner's counters) once, when that transaction commits (:meth:`Archive.defer
    <newsbrief.store.base.ArchiveBase.defer>`): an ingest that stores 16 articles in one
    transaction writes an arc that 10 of them joined once, not 10 times. All of it commits (or
    rolls back) with the articles. When another process has written arcs since (or a
    transaction rolled back), the assigner reloads.
    """

    def __init__(self, archive: Archive, *, settings: ArcSettings | None = None) -> None:
        self.archive = archive
        self.settings = settings
        self._assigner: ArcAssigner | None = None
        self._token: str | None = None
        self._stored: set[str] = set()  # arcs with a row in the archive
        self._dirty: set[str] = set()  # arcs whose state is written when the transaction ends
        self._key = f"arcs:{id(self)}"  # this assigner's deferred write
        self._pending = False

    def _current(self, frequencies: DocFrequencies) -> ArcAssigner:
        if self._assigner is not None and self._pending:
            return self._assigner  # our transaction holds the writer's turn: no one else wrote
        self.archive.run_deferred("arcs:")  # another assigner's writes first
        token = self.archive.arc_token()
        if self._assigner is None or token != self._token:
            assigner = ArcAssigner(self.settings)
            saved = self.archive.load_arc_state()
            if saved is not None:
                assigner.load(saved.stats, saved.arcs, saved.links, frequencies=frequencies)
            self._assigner, self._token = assigner, token
            self._stored = set(assigner.arcs)
            self._dirty = set()
        return self._assigner

    def observe(
        self,
        article: Article,
        story_id: str,
        journal: Journal,
        frequencies: DocFrequencies,
        *,
        features: tuple[Features, FeatureWeights] | None = None,
    ) -> str:
        """Put the article's development in an arc (the story assigner's ``journal`` for
        this article, not yet written; ``features``: the article's features as the story
        assigner extracted them, and the weights it used, reused when they are this
        assigner's); return the arc id."""
        archive = self.archive
        with archive.transaction():
            assigner = self._current(frequencies)
            feats = None
            if features is not None and features[1] == assigner.settings.weights:
                feats = features[0]
            self._assigner = None  # until this article's changes are written or deferred
            arc_id = assigner.observe(
                text=article.text,
                title=article.title,
                published=article.published,
                story_id=story_id,
                merged=journal.merged,
                moved=journal.moved,
                previous_story=archive.story_of,
                frequencies=frequencies,
                features=feats,
            )
            changes = assigner.drain()
            live = {aid for aid in changes.arcs if aid in assigner.arcs}
            # a new arc gets its row now (its links and merges name it); the others' states
            # are written once, when the transaction ends
            new = {aid: assigner.arc_state(aid) for aid in sorted(live - self._stored)}
            archive.save_arc_changes(
                new,
                links=changes.links,
                unlinked=changes.unlinked - set(changes.links),
                merged=changes.merged,
            )
            self._stored |= set(new)
            self._dirty |= live - set(new)
            self._assigner, self._pending = assigner, True
            archive.defer(self._key, self._flush, self._discard)
        return arc_id

    def _flush(self) -> None:
        """Write the states of the arcs changed since the last flush, and the counters."""
        assigner = self._assigner
        if assigner is None:
            # an article's observe failed half-way and the error was swallowed: what is in
            # memory is neither the stored state nor a whole one; store nothing of it
            raise StoreError("the arc assigner failed during this transaction; nothing was stored")
        states = {
            aid: assigner.arc_state(aid) for aid in sorted(self._dirty) if aid in assigner.arcs
        }
        self._token = self.archive.save_arc_state(assigner.stats_state(), states, links={})
        self._dirty = set()
        self._pending = False

    def _discard(self) -> None:
        """The transaction rolled back: what the assigner holds was not stored; reload."""
        self._assigner = None
        self._dirty = set()
        self._pending = False
