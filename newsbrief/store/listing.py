"""The archive's story listings: stories in front-page order (see
:mod:`newsbrief.stories.ranking`), each with its title (:mod:`newsbrief.stories.titles`),
counts, outlets and dates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from newsbrief.store import codec
from newsbrief.store.base import ArchiveBase
from newsbrief.store.queries import story_titles
from newsbrief.store.records import StoryRow
from newsbrief.stories.ranking import RankInput, rank_key

_STORY_ROWS = """
SELECT s.id, s.title, COUNT(sa.article_id),
       COUNT(DISTINCT COALESCE(NULLIF(a.original_outlet, ''), NULLIF(a.outlet, ''), a.id)),
       MIN(a.published), MAX(a.published), s.updated_at,
       (SELECT {outlets} FROM (
            SELECT DISTINCT o.outlet FROM article_outlets o
              JOIN story_articles x ON x.article_id = o.article_id
             WHERE x.story_id = s.id AND o.outlet != '' ORDER BY o.outlet) AS t)
FROM stories s
JOIN story_articles sa ON sa.story_id = s.id
JOIN articles a ON a.id = sa.article_id
"""
_RANK_ROWS = """
SELECT s.id, MAX(a.published),
       COUNT(DISTINCT COALESCE(NULLIF(a.original_outlet, ''), NULLIF(a.outlet, ''), a.id)),
       s.updated_at
FROM stories s
JOIN story_articles sa ON sa.story_id = s.id
JOIN articles a ON a.id = sa.article_id
"""


class StoryListingMixin(ArchiveBase):
    def resolve_story(self, story_id: str) -> str:
        """The id a story goes by now: itself, or the story it was merged into."""
        value = self._scalar("SELECT merged_into FROM stories WHERE id = ?", (story_id,))
        return story_id if value is None else str(value)

    def ranked_story_ids(self, since: datetime | None = None) -> list[str]:
        """Every live story's id in front-page order (see :mod:`newsbrief.stories.ranking`);
        ``since`` keeps those whose latest development (or, undated, last update) is since
        then."""
        sql = _RANK_ROWS + " GROUP BY s.id"
        params: list[object] = []
        if since is not None:
            sql += " HAVING COALESCE(MAX(a.published), s.updated_at) >= ?"
            params.append(codec.utc_key(since))
        ranked = [
            RankInput(
                id=str(r[0]),
                last_published=codec.parse_utc_key(r[1]),
                independent_sources=int(r[2]),
                updated_at=datetime.fromisoformat(str(r[3])),
            )
            for r in self._conn.execute(sql, params)
        ]
        return [r.id for r in sorted(ranked, key=rank_key)]

    def stories(
        self, since: datetime | None = None, limit: int | None = None, offset: int = 0
    ) -> list[StoryRow]:
        """Stories in front-page order: latest development first, weighted by the number of
        independent sources, undated ones last; ``since`` keeps those updated since then."""
        ids = self.ranked_story_ids(since)
        ids = ids[offset:] if limit is None else ids[offset : offset + limit]
        return self.story_rows(ids)

    def story_rows(self, story_ids: Sequence[str]) -> list[StoryRow]:
        """The rows of these stories, in the order given (unknown ids skipped)."""
        found: dict[str, StoryRow] = {}
        titles = story_titles(self._conn, list(story_ids))
        for start in range(0, len(story_ids), 500):
            chunk = list(story_ids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            outlets = self._conn.dialect.group_concat("outlet", 31, "outlet")
            sql = _STORY_ROWS.format(outlets=outlets) + f" WHERE s.id IN ({marks}) GROUP BY s.id"
            for row in self._conn.execute(sql, chunk):
                found[str(row[0])] = _story_row(row, titles)
        return [found[sid] for sid in story_ids if sid in found]

    def get_story(self, story_id: str) -> StoryRow | None:
        """A story (a merged-away id gives the story it was merged into, under that id)."""
        rows = self.story_rows([self.resolve_story(story_id)])
        return rows[0] if rows else None


def _story_row(row: Sequence[Any], titles: Mapping[str, str]) -> StoryRow:
    outlets = tuple(str(row[7]).split("\x1f")) if row[7] else ()
    return StoryRow(
        id=str(row[0]),
        title=titles.get(str(row[0])) or str(row[1] or "News story"),
        article_count=int(row[2]),
        independent_sources=int(row[3]),
        outlets=outlets,
        first_published=codec.parse_utc_key(row[4]),
        last_published=codec.parse_utc_key(row[5]),
        updated_at=datetime.fromisoformat(str(row[6])),
    )
