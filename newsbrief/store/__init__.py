"""Stage 3 storage: the SQLite archive (the only module that writes SQL) and its migrations.

Usage::

    with Archive.open(path) as archive:
        archive.save(analysis, brief)                 # one transaction
        archive.search("port strike", actor="Oyelaran", since=datetime(2024, 6, 1))
        archive.stories(since=...)                    # StoryRow: articles, independent sources
        archive.story_analyses(story_id)              # for compose_story_brief
        archive.save_story_brief(story_id, brief)     # versioned; new_since_last_brief(story_id)

Batch and stream ingest (dedupe, story threads) live in ``newsbrief.ingest.batch``.
"""

from newsbrief.store.archive import Archive
from newsbrief.store.records import FeedState, OutletRun, SearchHit, StoryRow

__all__ = ["Archive", "FeedState", "OutletRun", "SearchHit", "StoryRow"]
