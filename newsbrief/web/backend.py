"""The web app's access to the archive: read-only connections (one per worker thread; on
PostgreSQL taken from a psycopg connection pool), story briefs composed on demand and kept in
memory, and the one write path (briefing a submitted article), serialized by a lock (and, on
PostgreSQL, across server processes by the archive's writer lock).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsbrief.compose import compose_brief, compose_story_brief
from newsbrief.models import Brief
from newsbrief.settings import Settings
from newsbrief.store import Archive
from newsbrief.store.db import Database, Target, configure_pg, is_url
from newsbrief.store.dialect import POSTGRESQL
from newsbrief.store.queries import open_readonly
from newsbrief.stories.titles import article_title

__all__ = ["Backend"]

_CACHE_SIZE = 256
_POOL_SIZE = 32  # PostgreSQL connections per server process, at most


class Backend:
    """Everything the routes need from the archive at ``db_path``."""

    def __init__(self, db_path: Target, settings: Settings | None = None) -> None:
        self.db_path: Target = db_path if is_url(db_path) else Path(db_path).expanduser()
        self.settings = settings or Settings(db_path=self.db_path)
        Archive.open(self.db_path).close()  # create it and bring its schema up to date
        self._local = threading.local()
        self._connections: list[Database] = []
        self._pool: Any = _pool(str(self.db_path)) if is_url(self.db_path) else None
        self._guard = threading.Lock()
        self.write_lock = threading.Lock()
        self._briefs: OrderedDict[tuple[str, tuple[str, ...]], Brief] = OrderedDict()

    # ------------------------------------------------------------------ connections

    def reader(self) -> Archive:
        """This thread's read-only view of the archive (an Archive whose writes fail)."""
        archive: Archive | None = getattr(self._local, "archive", None)
        if archive is None:
            archive = Archive(self.connection(), self.db_path)
            self._local.archive = archive
        return archive

    def connection(self) -> Database:
        """This thread's read-only connection (for ``newsbrief.store.queries``)."""
        conn: Database | None = getattr(self._local, "conn", None)
        if conn is None:
            if self._pool is not None:
                raw = self._pool.getconn()
                conn = Database(raw, POSTGRESQL, self.db_path, release=self._pool.putconn)
            else:
                conn = open_readonly(self.db_path)
            with self._guard:
                self._connections.append(conn)
            self._local.conn = conn
        return conn

    @contextmanager
    def writer(self) -> Iterator[Archive]:
        """The archive opened for writing, one writer at a time."""
        with self.write_lock, Archive.open(self.db_path) as archive:
            yield archive

    def close(self) -> None:
        with self._guard:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
            if self._pool is not None:
                self._pool.close()
                self._pool = None

    # ------------------------------------------------------------------ briefs

    def story_brief(self, story_id: str) -> Brief | None:
        """The brief of a story over all its articles: the stored one when it is current,
        otherwise composed from the stored analyses (and kept in memory)."""
        archive = self.reader()
        ids = tuple(archive.story_article_ids(story_id))
        story = archive.get_story(story_id)
        if not ids or story is None:
            return None
        stored = archive.get_brief("story", story_id)
        if stored is not None and not archive.new_since_last_brief(story_id):
            return self._retitled(stored, story.title, story_id)
        key = (story_id, ids)
        with self._guard:
            cached = self._briefs.get(key)
            if cached is not None:
                self._briefs.move_to_end(key)
                return cached
        analyses = archive.story_analyses(story_id)
        if not analyses:
            return None
        history = archive.arc_history(story_id)
        copies = {
            a.article.id: [(r.outlet, r.published) for r in archive.outlets(a.article.id)]
            for a in analyses
        }
        brief = compose_story_brief(
            analyses, self.settings, copies=copies, headline=story.title, history=history
        )
        with self._guard:
            self._briefs[key] = brief
            while len(self._briefs) > _CACHE_SIZE:
                self._briefs.popitem(last=False)
        return brief

    def _retitled(self, brief: Brief, headline: str, story_id: str) -> Brief:
        """A stored story brief with the titles readers see now (a brief stored by an older
        newsbrief may hold no title for an untitled article)."""
        titles = {row.id: row.title for row in self.reader().story_article_rows(story_id)}
        articles = tuple(
            ref.model_copy(update={"title": titles.get(ref.id, ref.title)})
            for ref in brief.articles
        )
        return brief.model_copy(update={"headline": headline, "articles": articles})

    def article_brief(self, article_id: str) -> Brief | None:
        """The latest stored brief of one article, or one composed from its stored analysis."""
        reader = self.reader()
        brief = reader.get_brief("article", article_id)
        if brief is None:
            analysis = reader.get_analysis(article_id)
            return compose_brief(analysis, self.settings) if analysis is not None else None
        article = reader.get_article(article_id)
        if article is None:
            return brief
        title = article_title(article.title, article.text)
        update: dict[str, object] = {"headline": title}
        if brief.article is not None:
            update["article"] = brief.article.model_copy(update={"title": title})
        return brief.model_copy(update=update)


def _pool(url: str) -> Any:
    """A pool of read-only PostgreSQL connections (autocommit: each query sees the latest
    committed state)."""
    from psycopg_pool import ConnectionPool

    def configure(conn: Any) -> None:
        configure_pg(conn, readonly=True)

    return ConnectionPool(
        url,
        min_size=1,
        max_size=_POOL_SIZE,
        kwargs={"autocommit": True},
        configure=configure,
        open=True,
        name="newsbrief-readers",
    )
