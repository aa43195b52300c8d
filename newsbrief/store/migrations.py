"""Ordered schema migrations, each one a function recorded in ``schema_migrations``.

Append new migrations at the end; never edit or reorder one that has shipped. ``migrate`` runs the
missing ones in order, each inside its own transaction, so a half-applied migration never sticks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from newsbrief.errors import StoreError

Migration = Callable[[sqlite3.Connection], None]


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run several statements inside the current transaction.

    ``Connection.executescript`` would COMMIT first, so statements are split here instead.
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in migration: {pending.strip()[:60]}")


def _m001_core(conn: sqlite3.Connection) -> None:
    """Articles, their analyses and their briefs (versioned)."""
    run_script(
        conn,
        """
        CREATE TABLE articles (
            id            TEXT PRIMARY KEY,
            title         TEXT,
            url           TEXT,
            outlet        TEXT,
            author        TEXT,
            published     TEXT,           -- UTC, ISO 8601, sortable; NULL when unknown
            language      TEXT,
            source        TEXT,
            text          TEXT NOT NULL,
            text_hash     TEXT NOT NULL,  -- hash of the normalized words (exact dedupe)
            record        TEXT NOT NULL,  -- the Article as JSON
            ingested_at   TEXT NOT NULL
        );
        CREATE INDEX articles_text_hash ON articles (text_hash);
        CREATE INDEX articles_published ON articles (published);
        CREATE INDEX articles_url ON articles (url);

        CREATE TABLE analyses (
            article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            record      TEXT NOT NULL,    -- the Analysis as JSON, without its article
            created_at  TEXT NOT NULL
        );

        CREATE TABLE briefs (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            subject      TEXT NOT NULL CHECK (subject IN ('article', 'story')),
            subject_id   TEXT NOT NULL,
            version      INTEGER NOT NULL,
            article_ids  TEXT NOT NULL,   -- JSON list of the article ids the brief covers
            record       TEXT NOT NULL,   -- the Brief as JSON
            created_at   TEXT NOT NULL,
            UNIQUE (subject, subject_id, version)
        );
        """
    )


MIGRATIONS: tuple[tuple[int, str, Migration], ...] = ((1, "core", _m001_core),)

LATEST = MIGRATIONS[-1][0]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return {int(row[0]) for row in conn.execute("SELECT version FROM schema_migrations")}


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply the missing migrations in order; return the versions applied now."""
    done = applied_versions(conn)
    newer = [v for v in done if v > LATEST]
    if newer:
        raise StoreError(
            f"the archive has schema version {max(newer)}, newer than this newsbrief knows"
            f" ({LATEST})",
            hint="upgrade newsbrief, or point --db at another archive",
        )
    applied: list[int] = []
    for version, name, fn in MIGRATIONS:
        if version in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            fn(conn)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, _now()),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(version)
    return applied
