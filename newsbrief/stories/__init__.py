"""Stage 3 (with ``store``): duplicates and story threads.

- :mod:`newsbrief.stories.dedupe`: exact and near-duplicate (MinHash) detection.
- :mod:`newsbrief.stories.cluster`: the incremental story assigner.
- :class:`StoryThreads`: the assigner persisted in the archive, so story ids stay stable across
  runs and processes.
- :func:`whats_new`: the items of a story brief that come from articles the previous brief of
  the story did not cover.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsbrief.models import Brief, SummaryItem

if TYPE_CHECKING:
    from newsbrief.models import Article
    from newsbrief.store import Archive
    from newsbrief.stories.cluster import StoryAssigner

__all__ = ["StoryThreads", "whats_new"]


class _Recording(dict[str, int]):
    """The assigner's document-frequency table, remembering which terms changed."""

    def __init__(self, data: dict[str, int]) -> None:
        super().__init__(data)
        self.changed: set[str] = set()

    def __setitem__(self, key: str, value: int) -> None:
        super().__setitem__(key, value)
        self.changed.add(key)


class StoryThreads:
    """Assigns stored articles to story threads, keeping the assigner's state in the archive.

    Call :meth:`assign` inside the archive transaction that stores the article: the membership
    and the assigner's updated state then commit (or roll back) together with it. When another
    process has assigned articles since (or a transaction rolled back), the assigner reloads.
    Only what one article changed is written: its story's state and the document frequencies
    of its terms.
    """

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self._assigner: StoryAssigner | None = None
        self._token: str | None = None

    def _current(self) -> StoryAssigner:
        from newsbrief.stories.cluster import StoryAssigner

        token = self.archive.cluster_token()
        if self._assigner is None or token != self._token:
            assigner = StoryAssigner()
            saved = self.archive.load_cluster_state()
            if saved is not None:
                stats, stories = saved
                assigner.load_stats(stats)
                assigner.load_stories(stories)
            assigner.changed_stories()
            self._assigner, self._token = assigner, token
        return self._assigner

    def assign(self, article: Article) -> str:
        """Put a newly stored article in a story; return the story id."""
        with self.archive.transaction():
            assigner = self._current()
            self._assigner = None  # until this article's state is written
            if not isinstance(assigner.df, _Recording):
                assigner.df = _Recording(assigner.df)
            df = assigner.df
            df.changed.clear()
            story_id = assigner.assign(article.id, article.text, article.title, article.published)
            full = assigner.df is not df  # the assigner rebuilt (pruned) its table
            changed_df = assigner.df if full else {t: df[t] for t in df.changed if t in df}
            meta = {k: v for k, v in assigner.stats_state().items() if k != "df"}
            stories = {sid: assigner.story_state(sid) for sid in assigner.changed_stories()}
            token = self.archive.save_cluster_state(meta, changed_df, stories, full=full)
            self.archive.add_to_story(article.id, story_id, article.title)
            self._assigner, self._token = assigner, token
        return story_id


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
