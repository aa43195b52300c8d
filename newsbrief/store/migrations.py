"""Ordered schema migrations, each one a function recorded in ``schema_migrations``.

Append new migrations at the end; never edit or reorder one that has shipped. ``migrate`` runs the
missing ones in order, each inside its own transaction, so a half-applied migration never sticks.

One list serves both backends. A migration gets a :class:`~newsbrief.store.db.Database` and
writes its DDL in SQLite's types through :func:`run_script`, which has the dialect translate
them for PostgreSQL (``INTEGER`` → ``BIGINT``, ``BLOB`` → ``BYTEA``, ``REAL`` → ``DOUBLE
PRECISION``, ``WITHOUT ROWID`` dropped, ``(col COLLATE NOCASE)`` indexes → ``(lower(col))``);
what has no translation (the full-text index, ``rowid``) asks ``db.dialect`` or branches on
``db.dialect.postgres``. Data statements use the store's portable SQL (``?`` placeholders,
``ON CONFLICT`` upserts). On PostgreSQL the migrations run under the archive's writer lock, so
two processes opening a new archive at once do not both migrate it.

Long module: the migrations are append-only history, and the one ordered list must stay next
to the functions it names; splitting it would only move shipped DDL around.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime

from newsbrief.errors import StoreError
from newsbrief.store.db import Database, driver_errors

Migration = Callable[[Database], None]


def run_script(conn: Database, script: str) -> None:
    """Run several DDL statements (in SQLite's types) inside the current transaction.

    ``Connection.executescript`` would COMMIT first, so statements are split here instead.
    """
    pending = ""
    for line in conn.dialect.ddl(script).splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in migration: {pending.strip()[:60]}")


def _m001_core(conn: Database) -> None:
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
        """,
    )
    if conn.dialect.postgres:  # SQLite's implicit rowid, which the full-text index keys on
        conn.execute("ALTER TABLE articles ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY")
        conn.execute("CREATE UNIQUE INDEX articles_rowid ON articles (rowid)")


def _m002_stream(conn: Database) -> None:
    """Outlets that ran each text, dedupe signatures, stories, actors, events, feeds, FTS."""
    run_script(
        conn,
        """
        ALTER TABLE articles ADD COLUMN original_outlet TEXT;

        -- every outlet that ran an article's text (itself and its syndicated copies)
        CREATE TABLE article_outlets (
            article_id   TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            copy_id      TEXT NOT NULL,   -- the id of the text as that outlet ran it
            outlet       TEXT NOT NULL,   -- '' when unknown
            url          TEXT,
            title        TEXT,
            published    TEXT,
            kind         TEXT NOT NULL CHECK (kind IN ('first', 'exact', 'near')),
            similarity   REAL NOT NULL,
            added_at     TEXT NOT NULL,
            PRIMARY KEY (article_id, copy_id, outlet)
        );
        CREATE INDEX article_outlets_copy ON article_outlets (copy_id);
        CREATE INDEX article_outlets_url ON article_outlets (url);

        -- MinHash signatures and their LSH band buckets (near-duplicate candidates)
        CREATE TABLE signatures (
            article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            minhash     BLOB NOT NULL
        );
        CREATE TABLE lsh_buckets (
            band        INTEGER NOT NULL,
            bucket      INTEGER NOT NULL,
            article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            PRIMARY KEY (band, bucket, article_id)
        ) WITHOUT ROWID;

        CREATE TABLE stories (
            id          TEXT PRIMARY KEY,
            title       TEXT,
            state       TEXT,            -- the story assigner's state of this story (JSON)
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        );
        CREATE TABLE story_articles (
            article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            story_id    TEXT NOT NULL REFERENCES stories (id),
            added_at    TEXT NOT NULL
        );
        CREATE INDEX story_articles_story ON story_articles (story_id, added_at);
        -- the story assigner's global statistics: counters and document frequencies
        CREATE TABLE cluster_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE cluster_df (
            term  TEXT PRIMARY KEY,
            n     INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE actors (
            article_id   TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            actor_id     TEXT NOT NULL,
            name         TEXT NOT NULL,
            kind         TEXT NOT NULL,
            role         TEXT,
            affiliation  TEXT,
            aliases      TEXT NOT NULL,   -- JSON list
            PRIMARY KEY (article_id, actor_id)
        );
        CREATE INDEX actors_name ON actors (name COLLATE NOCASE);

        CREATE TABLE events (
            article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            idx         INTEGER NOT NULL,
            date        TEXT,
            sort_key    TEXT NOT NULL,
            predicate   TEXT NOT NULL,
            is_current  INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE INDEX events_sort ON events (sort_key);

        CREATE TABLE feeds (
            url            TEXT PRIMARY KEY,
            title          TEXT,
            etag           TEXT,
            last_modified  TEXT,
            last_polled    TEXT,
            last_status    TEXT,
            failures       INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE feed_entries (
            feed_url    TEXT NOT NULL,
            entry_key   TEXT NOT NULL,
            status      TEXT NOT NULL CHECK (status IN ('ingested', 'duplicate', 'failed')),
            article_id  TEXT,
            attempts    INTEGER NOT NULL DEFAULT 1,
            detail      TEXT,
            seen_at     TEXT NOT NULL,
            PRIMARY KEY (feed_url, entry_key)
        );
        """,
    )
    run_script(conn, conn.dialect.fts_table())
    conn.execute("UPDATE articles SET original_outlet = outlet")
    conn.execute(
        "INSERT INTO article_outlets (article_id, copy_id, outlet, url, title, published, kind,"
        " similarity, added_at)"
        " SELECT id, id, COALESCE(outlet, ''), url, title, published, 'first', 1.0, ingested_at"
        " FROM articles"
    )
    conn.execute(
        "INSERT INTO articles_fts (rowid, article_id, title, text, actors)"
        " SELECT rowid, id, COALESCE(title, ''), text, '' FROM articles"
    )
    _backfill_actors(conn)


def _backfill_actors(conn: Database) -> None:
    """Fill the actor table and the FTS actor column from analyses stored before version 2."""
    rows = conn.execute("SELECT article_id, record FROM analyses").fetchall()
    for article_id, record in rows:
        actors = json.loads(record).get("actors", [])
        for actor in actors:
            conn.execute(
                "INSERT INTO actors (article_id, actor_id, name, kind, role, affiliation, aliases)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article_id, actor_id) DO UPDATE SET"
                " name = excluded.name, kind = excluded.kind, role = excluded.role,"
                " affiliation = excluded.affiliation, aliases = excluded.aliases",
                (
                    article_id,
                    actor["id"],
                    actor["name"],
                    actor["kind"],
                    actor.get("role"),
                    actor.get("affiliation"),
                    json.dumps(actor.get("aliases", [])),
                ),
            )
        names = " ".join(a["name"] for a in actors)
        conn.execute(
            "UPDATE articles_fts SET actors = ?"
            " WHERE rowid = (SELECT rowid FROM articles WHERE id = ?)",
            (names, article_id),
        )


def _m003_story_repair(conn: Database) -> None:
    """Story merges (redirects), the assigner's movable members, and its term log."""
    run_script(
        conn,
        """
        -- a story merged into another redirects to it (always the final survivor)
        ALTER TABLE stories ADD COLUMN merged_into TEXT;
        CREATE INDEX stories_merged_into ON stories (merged_into);
        -- the assigner's core of the story (its folded members), apart from the small state
        ALTER TABLE stories ADD COLUMN core TEXT;

        -- the story assigner's latest members per story, which local re-clustering may move
        CREATE TABLE cluster_members (
            seq         INTEGER PRIMARY KEY,  -- arrival number in the assigner
            article_id  TEXT NOT NULL,
            story_id    TEXT NOT NULL,
            state       TEXT NOT NULL         -- the member's state (JSON)
        );
        -- the terms of each article counted since the document frequencies were last written
        CREATE TABLE cluster_log (
            seq    INTEGER PRIMARY KEY,
            terms  TEXT NOT NULL              -- JSON list
        );
        """,
    )


def _m005_arcs(conn: Database) -> None:
    """Story arcs: developments (story threads) grouped into long-running stories."""
    run_script(
        conn,
        """
        -- an arc: the arc assigner's state of it; an arc merged into another redirects to it
        CREATE TABLE arcs (
            id           TEXT PRIMARY KEY,
            state        TEXT,            -- the assigner's state (JSON); NULL once merged away
            merged_into  TEXT,            -- always the final survivor
            created_at   TEXT NOT NULL,
            updated_at   TEXT NOT NULL
        );
        CREATE INDEX arcs_merged_into ON arcs (merged_into);
        -- each development (story) belongs to one live arc
        CREATE TABLE story_arcs (
            story_id  TEXT PRIMARY KEY,
            arc_id    TEXT NOT NULL
        );
        CREATE INDEX story_arcs_arc ON story_arcs (arc_id);
        -- the arc assigner's counters and its change token (detects other writers)
        CREATE TABLE arc_meta (
            key    TEXT PRIMARY KEY,
            value  TEXT NOT NULL
        );
        """,
    )


def _m006_llm_cache(conn: Database) -> None:
    """Answers of the LLM writer, keyed by (input hash, prompt version, model)."""
    run_script(
        conn,
        """
        CREATE TABLE IF NOT EXISTS llm_cache (
            input_hash        TEXT NOT NULL,
            prompt_version    TEXT NOT NULL,
            model             TEXT NOT NULL,
            response          TEXT NOT NULL,
            prompt_tokens     INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            created_at        TEXT NOT NULL,
            PRIMARY KEY (input_hash, prompt_version, model)
        );
        """,
    )


def _m012_signature_sizes(conn: Database) -> None:
    """The shingle count of each signature, so near-duplicate candidates are screened on their
    signatures before their texts are read (NULL for signatures stored before: read)."""
    run_script(conn, "ALTER TABLE signatures ADD COLUMN shingles INTEGER;")


def _m013_dedupe_index(conn: Database) -> None:
    """Each signature's shingle set (sorted 32-bit hashes), so a near-duplicate candidate that
    passes the screening is verified without re-shingling its text (NULL for signatures
    stored before: the text is read); and the LSH bucket rows keyed by arrival (the article's
    rowid), so a lookup reads only the latest members of a crowded bucket."""
    run_script(
        conn,
        """
        ALTER TABLE signatures ADD COLUMN shingle_set BLOB;
        CREATE TABLE lsh_index (
            band        INTEGER NOT NULL,
            bucket      INTEGER NOT NULL,
            seq         INTEGER NOT NULL,  -- the article's rowid: later articles sort last
            article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            PRIMARY KEY (band, bucket, seq)
        ) WITHOUT ROWID;
        INSERT INTO lsh_index (band, bucket, seq, article_id)
            SELECT b.band, b.bucket, a.rowid, b.article_id
            FROM lsh_buckets b JOIN articles a ON a.id = b.article_id;
        DROP TABLE lsh_buckets;
        """,
    )


def _m014_dedupe_in_memory(conn: Database) -> None:
    """Near-duplicate candidates come from an index the writer keeps in memory
    (``stories.lsh``), rebuilt from the stored signatures: the 32 LSH bucket rows an article
    wrote (scattered pages in a large B-tree, most of the commit's growth with the archive)
    are dropped. The signatures are keyed by arrival (the article's rowid), so a rebuild reads
    them in order and a writer catches up on what others added; the shingle sets move to a
    table of their own, so the rebuild's scan reads only the signatures."""
    run_script(
        conn,
        """
        CREATE TABLE minhashes (
            seq         INTEGER PRIMARY KEY,  -- the article's rowid: arrival order
            article_id  TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
            minhash     BLOB NOT NULL,
            shingles    INTEGER               -- the shingle count (NULL: stored before it was)
        );
        INSERT INTO minhashes (seq, article_id, minhash, shingles)
            SELECT a.rowid, s.article_id, s.minhash, s.shingles
            FROM signatures s JOIN articles a ON a.id = s.article_id;
        CREATE TABLE shingle_sets (
            article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            hashes      BLOB NOT NULL         -- sorted 32-bit shingle hashes
        );
        INSERT INTO shingle_sets (article_id, hashes)
            SELECT article_id, shingle_set FROM signatures WHERE shingle_set IS NOT NULL;
        DROP TABLE lsh_index;
        DROP TABLE signatures;
        """,
    )


def _m015_shingle_set_changes(conn: Database) -> None:
    """A count of the stored shingle sets deleted or rewritten (by any process, through the
    articles' cascade or directly), kept by triggers: the writer holds the latest sets in
    memory (``stories.signatures.LatestSets``) and drops them when the count has moved, so a
    set it holds is one the archive still holds as it was when the transaction began."""
    run_script(
        conn,
        """
        CREATE TABLE shingle_set_changes (
            one  INTEGER PRIMARY KEY CHECK (one = 1),
            n    INTEGER NOT NULL
        );
        INSERT INTO shingle_set_changes (one, n) VALUES (1, 0);
        """,
    )
    if conn.dialect.postgres:
        conn.execute(
            "CREATE FUNCTION newsbrief_shingle_sets_changed() RETURNS trigger"
            " LANGUAGE plpgsql SET search_path FROM CURRENT AS $$ BEGIN"
            " UPDATE shingle_set_changes SET n = n + 1; RETURN NULL; END $$"
        )
        conn.execute(
            "CREATE TRIGGER shingle_sets_deleted AFTER DELETE ON shingle_sets"
            " FOR EACH STATEMENT EXECUTE FUNCTION newsbrief_shingle_sets_changed()"
        )
        conn.execute(  # row-level: an upsert that inserts fires no UPDATE row trigger
            "CREATE TRIGGER shingle_sets_rewritten AFTER UPDATE ON shingle_sets FOR EACH ROW"
            " WHEN (OLD.hashes IS DISTINCT FROM NEW.hashes OR OLD.article_id <> NEW.article_id)"
            " EXECUTE FUNCTION newsbrief_shingle_sets_changed()"
        )
        return
    run_script(
        conn,
        """
        CREATE TRIGGER shingle_sets_deleted AFTER DELETE ON shingle_sets
        BEGIN
            UPDATE shingle_set_changes SET n = n + 1;
        END;
        CREATE TRIGGER shingle_sets_rewritten AFTER UPDATE ON shingle_sets
        WHEN OLD.hashes IS NOT NEW.hashes OR OLD.article_id IS NOT NEW.article_id
        BEGIN
            UPDATE shingle_set_changes SET n = n + 1;
        END;
        """,
    )


def _m016_article_triggers(conn: Database) -> None:
    """What a new article row implies, its full-text row and its first outlet's row, is
    written by a trigger on ``articles`` (``Dialect.article_triggers``), not by two more
    statements. On PostgreSQL the full-text index keeps only its ``tsvector`` and GIN index:
    the title, text and actor names it held were copies (the text the largest part of a row),
    and search snippets now come from the article's text."""
    if conn.dialect.postgres:
        run_script(
            conn,
            """
            CREATE TABLE articles_fts_lean (
                rowid       INTEGER PRIMARY KEY,
                article_id  TEXT NOT NULL,
                tsv         tsvector NOT NULL
            );
            INSERT INTO articles_fts_lean (rowid, article_id, tsv)
                SELECT rowid, article_id, tsv FROM articles_fts;
            DROP TABLE articles_fts;
            ALTER TABLE articles_fts_lean RENAME TO articles_fts;
            CREATE INDEX articles_fts_tsv ON articles_fts USING GIN (tsv);
            """,
        )
    for statement in conn.dialect.article_triggers():
        conn.execute(statement)


# Versions 4-11 are taken by work landing in parallel; a missing version is applied whenever it
# appears, in list order (ascending versions), so the list may be merged in any order of arrival.
MIGRATIONS: tuple[tuple[int, str, Migration], ...] = (
    (1, "core", _m001_core),
    (2, "stream", _m002_stream),
    (3, "story repair", _m003_story_repair),
    (5, "arcs", _m005_arcs),
    (6, "llm cache", _m006_llm_cache),
    (12, "signature sizes", _m012_signature_sizes),
    (13, "dedupe index", _m013_dedupe_index),
    (14, "dedupe index in memory", _m014_dedupe_in_memory),
    (15, "shingle set changes", _m015_shingle_set_changes),
    (16, "article triggers", _m016_article_triggers),
)

LATEST = max(version for version, _, _ in MIGRATIONS)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def applied_versions(conn: Database) -> set[int]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return {int(row[0]) for row in conn.execute("SELECT version FROM schema_migrations")}


def migrate(conn: Database) -> list[int]:
    """Apply the missing migrations in order; return the versions applied now."""
    begin = conn.dialect.begin_write()
    if conn.dialect.postgres:  # take the writer lock before creating the migrations table
        for statement in begin:
            conn.execute(statement)
        try:
            done = applied_versions(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    else:
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
        for statement in begin:
            conn.execute(statement)
        try:
            if conn.dialect.postgres and _applied(conn, version):
                conn.execute("COMMIT")  # another process applied it while we waited
                continue
            fn(conn)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, _now()),
            )
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back by itself (disk full)
                with suppress(*driver_errors()):
                    conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(version)
    return applied


def _applied(conn: Database, version: int) -> bool:
    row = conn.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,))
    return row.fetchone() is not None
