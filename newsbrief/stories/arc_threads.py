"""The arc assigner persisted in the archive (see :mod:`newsbrief.stories.arcs`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    the arc links and states then commit (or roll back) with the article. When another process
    has written arcs since (or a transaction rolled back), the assigner reloads.
    """

    def __init__(self, archive: Archive, *, settings: ArcSettings | None = None) -> None:
        self.archive = archive
        self.settings = settings
        self._assigner: ArcAssigner | None = None
        self._token: str | None = None

    def _current(self, frequencies: DocFrequencies) -> ArcAssigner:
        token = self.archive.arc_token()
        if self._assigner is None or token != self._token:
            assigner = ArcAssigner(self.settings)
            saved = self.archive.load_arc_state()
            if saved is not None:
                assigner.load(saved.stats, saved.arcs, saved.links, frequencies=frequencies)
            self._assigner, self._token = assigner, token
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
            self._assigner = None  # until this article's state is written
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
            states = {aid: assigner.arc_state(aid) for aid in changes.arcs if aid in assigner.arcs}
            token = archive.save_arc_state(
                assigner.stats_state(),
                states,
                links=changes.links,
                unlinked=changes.unlinked - set(changes.links),
                merged=changes.merged,
            )
            self._assigner, self._token = assigner, token
        return arc_id
