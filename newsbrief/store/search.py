"""Full-text search over the archive (title, text and actor names): SQLite FTS5, or
PostgreSQL's tsvector with a GIN index (see ``newsbrief.store.dialect``)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from newsbrief.errors import InputError
from newsbrief.store import codec
from newsbrief.store.base import ArchiveBase
from newsbrief.store.records import SearchHit
from newsbrief.stories.titles import LEAD_CHARS, article_title

_TERM = re.compile(r'"([^"]+)"|(\S+)')
_WORDISH = re.compile(r"\w")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HIT_COLUMNS = (
    "a.id, a.title, a.outlet, a.published, {snippet}, {score}, sa.story_id,"
    f" substr(a.text, 1, {LEAD_CHARS})"
)
_FROM = " FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id"
_ACTOR_FILTER = (
    " AND EXISTS (SELECT 1 FROM actors r WHERE r.article_id = a.id"
    " AND (r.name {like} ? ESCAPE '\\' OR r.aliases {like} ? ESCAPE '\\'))"
)
_SINCE_FILTER = " AND COALESCE(a.published, substr(a.ingested_at, 1, 19)) >= ?"


def fts_query(query: str) -> str:
    """Turn what a user typed into a safe FTS5 query: every word or "quoted phrase" must
    match (punctuation such as ``U.S.`` or ``-`` never becomes FTS syntax)."""
    if _CONTROL.search(query):
        raise InputError("the search text contains control characters", hint="search for words")
    parts = []
    for m in _TERM.finditer(query):
        term = m.group(1) or m.group(2)
        if _WORDISH.search(term):
            parts.append('"' + term.replace('"', '""') + '"')
    return " ".join(parts)


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class SearchMixin(ArchiveBase):
    def search(
        self,
        query: str,
        actor: str | None = None,
        since: datetime | None = None,
        limit: int = 20,
    ) -> list[SearchHit]:
        """Articles matching every word of ``query`` (best first), optionally only those
        naming ``actor`` (a substring of an actor's name or alias) and published since ``since``.
        An empty query with an actor lists that actor's articles, newest first."""
        match = fts_query(query)
        if not match and not actor:
            raise InputError("give words to search for, or --actor", hint='e.g. "port strike"')
        params: list[Any] = []
        dialect = self._conn.dialect
        if match:
            fts = dialect.fts_query()
            sql = (
                "SELECT "
                + _HIT_COLUMNS.format(snippet=fts.snippet, score=fts.score)
                + fts.source
                + " LEFT JOIN story_articles sa ON sa.article_id = a.id"
                + " WHERE "
                + fts.where
            )
            params.append(match)
        else:
            sql = (
                "SELECT "
                + _HIT_COLUMNS.format(snippet="substr(a.text, 1, 160)", score="0.0")
                + _FROM
                + " WHERE TRUE"
            )
        if actor:
            sql += _ACTOR_FILTER.format(like=dialect.like)
            params += [_like(actor), _like(actor)]
        if since is not None:
            sql += _SINCE_FILTER
            params.append(codec.utc_key(since))
        sql += " ORDER BY 6 DESC, a.published DESC, a.id LIMIT ?"
        params.append(limit)
        return [_hit(row) for row in self._conn.execute(sql, params)]


def _hit(row: Any) -> SearchHit:
    return SearchHit(
        article_id=str(row[0]),
        title=article_title(row[1], str(row[7] or "")),
        outlet=row[2],
        published=codec.parse_utc_key(row[3]),
        snippet=" ".join(str(row[4]).split()),
        score=float(row[5]),
        story_id=row[6],
    )
