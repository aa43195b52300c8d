"""The archive: one SQLite file (WAL mode) holding articles, analyses, briefs and story threads.

This package is the only place in newsbrief that writes SQL. Every public write runs in one
transaction, so a crash (even ``kill -9``) loses nothing committed and leaves no half-written
article.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from types import TracebackType

from newsbrief.errors import ArchiveReadOnly, StoreError
from newsbrief.models import Analysis, Article, Brief
from newsbrief.store import codec
from newsbrief.store.arcs import ArcsMixin
from newsbrief.store.base import ArchiveBase, store_error
from newsbrief.store.copies import CopiesMixin
from newsbrief.store.db import Database, Target, connect, driver_errors, is_url
from newsbrief.store.feeds import FeedsMixin
from newsbrief.store.llmcache import LLMCacheMixin
from newsbrief.store.migrations import migrate
from newsbrief.store.search import SearchMixin
from newsbrief.store.signatures import SignaturesMixin
from newsbrief.store.stories import StoriesMixin


class Archive(
    CopiesMixin,
    ArcsMixin,
    StoriesMixin,
    SignaturesMixin,
    FeedsMixin,
    SearchMixin,
    LLMCacheMixin,
    ArchiveBase,
):
    """A newsbrief archive. Open with ``Archive.open(path)``; use as a context manager.

    Tables: articles (with every outlet that ran each text), analyses, actors, events, briefs
    (versioned, per article and per story), stories and their members, story arcs, dedupe
    signatures, feed state, an FTS5 index over title, text and actors, and the LLM writer's
    answer cache.
    """

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(cls, target: Target, *, busy_timeout_s: float = 10.0) -> Archive:
        """Open (or create) the archive at ``target`` and bring its schema up to date.

        ``target`` is a SQLite file path, or a ``postgresql://`` URL (the ``postgres`` extra).
        A write waits up to ``busy_timeout_s`` for another process's write to finish before it
        fails with ``ArchiveLocked`` (SQLite).
        """
        if is_url(target):
            return cls._migrated(connect(target))
        path = Path(target).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except PermissionError as exc:
            raise ArchiveReadOnly(
                f"cannot create the archive folder {path.parent}: permission denied"
            ) from exc
        except OSError as exc:
            raise StoreError(
                f"cannot create the archive folder {path.parent}: {exc.strerror or exc}"
            ) from exc
        if path.is_dir():
            raise StoreError(f"the archive path {path} is a folder, not a file")
        try:
            db = connect(path, timeout_s=busy_timeout_s)
        except sqlite3.Error as exc:
            raise store_error(exc, path, "open") from exc
        return cls._migrated(db, busy_timeout_s)

    @classmethod
    def _migrated(cls, db: Database, busy_timeout_s: float = 10.0) -> Archive:
        try:
            if not db.dialect.postgres:
                _configure(db.raw, busy_timeout_s)
            migrate(db)
        except driver_errors() as exc:  # locked, read-only, full, not a database, corrupt
            db.close()
            raise store_error(exc, db.target, "open") from exc
        except BaseException:
            db.close()
            raise
        return cls(db)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ articles

    def save(self, analysis: Analysis, brief: Brief | None = None) -> bool:
        """Store an article with its analysis (and brief) in one transaction.

        Returns True when the article was new. Saving the same article again replaces its
        analysis and adds a brief version only when the brief's content changed.
        """
        with self.transaction():
            new = self.save_article(analysis.article)
            self.save_analysis(analysis)
            if brief is not None:
                self.save_brief("article", analysis.article.id, brief)
        return new

    def save_article(
        self, article: Article, *, text_hash: str | None = None, new: bool = False
    ) -> bool:
        """Insert the article unless its id is already stored; True when it was new.

        The article's outlet is recorded as the first to run the text, and the text is indexed
        for full-text search (by a trigger: ``Dialect.article_triggers``). ``text_hash``: the text's
        :func:`~newsbrief.store.codec.text_hash` when the caller has it already. ``new``: the
        caller found no article with this id in this same transaction (the ingest's duplicate
        check), so nothing waits to learn whether the row went in (on PostgreSQL the
        statements stream on); were it stored after all, the insert would clash with it and
        the transaction fail, never half-written.
        """
        text_hash = text_hash or codec.text_hash(article.text)
        with self.transaction() as conn:
            published = codec.utc_key(article.published)
            cur = conn.execute(
                "INSERT INTO articles (id, title, url, outlet, author, published,"
                " language, source, text, text_hash, record, ingested_at, original_outlet)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + ("" if new else " ON CONFLICT DO NOTHING"),
                (
                    article.id,
                    article.title,
                    article.url,
                    article.outlet,
                    article.author,
                    published,
                    article.language,
                    article.source,
                    article.text,
                    text_hash,
                    article.model_dump_json(),
                    codec.now(),
                    article.outlet,
                ),
            )
            if not new and cur.rowcount != 1:
                return False
            self._stored_now(article.id, text_hash)
            return True

    def save_analysis(self, analysis: Analysis) -> None:
        """Store (or replace) an article's analysis, its actors and events (article too if new)."""
        article_id = analysis.article.id
        with self.transaction() as conn:
            if not self.has_article(article_id):
                self.save_article(analysis.article)
            conn.execute(
                "INSERT INTO analyses (article_id, record, created_at) VALUES (?, ?, ?)"
                " ON CONFLICT (article_id) DO UPDATE SET record = excluded.record,"
                " created_at = excluded.created_at",
                (article_id, analysis.model_dump_json(exclude={"article"}), codec.now()),
            )
            conn.execute("DELETE FROM actors WHERE article_id = ?", (article_id,))
            conn.executemany(
                "INSERT INTO actors (article_id, actor_id, name, kind, role, affiliation, aliases)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (article_id, a.id, a.name, a.kind, a.role, a.affiliation, json.dumps(a.aliases))
                    for a in analysis.actors
                ],
            )
            conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
            conn.executemany(
                "INSERT INTO events (article_id, idx, date, sort_key, predicate, is_current)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (article_id, i, e.date, e.sort_key, e.predicate, int(e.is_current))
                    for i, e in enumerate(analysis.events)
                ],
            )
            names = " ".join(
                dict.fromkeys(n for a in analysis.actors for n in (a.name, *a.aliases))
            )
            conn.execute(conn.dialect.fts_actors(), (names, article_id))

    def article_text(self, article_id: str) -> str | None:
        row = self._conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        return str(row[0]) if row else None

    def article_texts(self, article_ids: list[str]) -> dict[str, str]:
        """The texts of these articles (those stored), in one query."""
        if not article_ids:
            return {}
        marks = ", ".join("?" * len(article_ids))
        rows = self._conn.execute(
            f"SELECT id, text FROM articles WHERE id IN ({marks})", tuple(article_ids)
        )
        return {str(r[0]): str(r[1]) for r in rows}

    def has_article(self, article_id: str) -> bool:
        row = self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def has_analysis(self, article_id: str) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM analyses WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row is not None

    def get_article(self, article_id: str) -> Article | None:
        row = self._conn.execute(
            "SELECT record FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return Article.model_validate_json(row[0]) if row else None

    def get_analysis(self, article_id: str) -> Analysis | None:
        """The stored analysis, rebuilt from JSON (no re-parsing); None when not analyzed."""
        return self._analysis(article_id)

    def count_articles(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def article_ids(self) -> list[str]:
        """Every stored article id, oldest ingest first."""
        rows = self._conn.execute("SELECT id FROM articles ORDER BY ingested_at, rowid")
        return [str(r[0]) for r in rows]

    # ------------------------------------------------------------------ briefs

    def save_brief(self, subject: str, subject_id: str, brief: Brief) -> int:
        """Store a brief of an article or story as a new version; return its version number.

        When the content equals the latest version (ignoring ``generated_at``) nothing is
        added and the latest version number is returned.
        """
        if subject not in ("article", "story"):
            raise ValueError(f"subject must be 'article' or 'story', not {subject!r}")
        if subject == "story":
            subject_id = self.resolve_story(subject_id)
        with self.transaction() as conn:
            latest = conn.execute(
                "SELECT version, record FROM briefs WHERE subject = ? AND subject_id = ?"
                " ORDER BY version DESC LIMIT 1",
                (subject, subject_id),
            ).fetchone()
            if latest and codec.same_brief(Brief.model_validate_json(latest[1]), brief):
                return int(latest[0])
            version = int(latest[0]) + 1 if latest else 1
            conn.execute(
                "INSERT INTO briefs (subject, subject_id, version, article_ids, record, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    subject,
                    subject_id,
                    version,
                    json.dumps(codec.brief_article_ids(brief)),
                    brief.model_dump_json(),
                    codec.now(),
                ),
            )
            return version

    def save_story_brief(self, story_id: str, brief: Brief) -> int:
        """Store a story brief as its next version (unless unchanged); return the version."""
        return self.save_brief("story", story_id, brief)

    def get_brief(self, subject: str, subject_id: str, version: int | None = None) -> Brief | None:
        """A stored brief: the latest version, or the given one (a merged-away story's id
        gives the briefs of the story it was merged into)."""
        if subject == "story":
            subject_id = self.resolve_story(subject_id)
        sql = "SELECT record FROM briefs WHERE subject = ? AND subject_id = ?"
        params: tuple[object, ...] = (subject, subject_id)
        if version is not None:
            sql += " AND version = ?"
            params += (version,)
        row = self._conn.execute(sql + " ORDER BY version DESC LIMIT 1", params).fetchone()
        return Brief.model_validate_json(row[0]) if row else None

    def brief_versions(self, subject: str, subject_id: str) -> list[int]:
        if subject == "story":
            subject_id = self.resolve_story(subject_id)
        rows = self._conn.execute(
            "SELECT version FROM briefs WHERE subject = ? AND subject_id = ? ORDER BY version",
            (subject, subject_id),
        )
        return [int(r[0]) for r in rows]

    # ------------------------------------------------------------------ checks

    def integrity_check(self) -> str:
        """'ok' when the database is sound (SQLite: ``PRAGMA integrity_check``)."""
        return str(self._conn.execute(self._conn.dialect.integrity_sql()).fetchone()[0])

    def schema_version(self) -> int:
        row = self._conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)


CACHE_KIB = 65536
# WAL pages before an automatic checkpoint (the default is 1,000: 4 MiB). Each chunk of
# articles dirties a few hundred B-tree pages scattered over the file (LSH buckets, indexes);
# checkpointing every 32 MiB writes each of those pages back once for many commits, instead
# of once every commit or two.
WAL_CHECKPOINT_PAGES = 8192


def _configure(conn: sqlite3.Connection, busy_timeout_s: float) -> None:
    conn.execute(f"PRAGMA busy_timeout = {max(0, int(busy_timeout_s * 1000))}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError(f"cannot switch the archive to WAL mode (got {mode!r})")
    # a killed process loses no committed chunk; a power cut may lose the latest (never the
    # consistency) until the next checkpoint
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
    # 64 MiB of page cache (the default is 2 MiB): the random B-tree inserts of every article
    # (LSH buckets, hash and story indexes) stay in memory as the archive grows
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    conn.execute("PRAGMA foreign_keys = ON")
