"""The writer's statements keep reading by index on PostgreSQL however the archive grew.

psycopg prepares a statement after a few runs and PostgreSQL may then keep one generic plan for
it, made from the table's size at that moment. A plan made while the archive was nearly empty
and that reads a whole table costs O(archive) per article until autovacuum's ANALYZE re-plans
it (the exact-copy lookup did: a sequential scan of ``articles`` for every new article).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from typing import Any

import pytest
from samples import random_text

from newsbrief.ingest.batch import Ingestor
from newsbrief.ingest.jsonl import SourceItem
from newsbrief.ingest.text import article_from_text
from newsbrief.store import Archive
from newsbrief.store.pgtemp import PgServer

pytestmark = pytest.mark.postgres

# the tables that grow with the archive
_GROWING = {"articles", "articles_fts", "article_outlets", "stories", "story_articles", "arcs"}


@pytest.fixture
def grown_archive(pg_server: PgServer) -> Iterator[Archive]:
    """An archive that was empty when the writer's statements were first prepared, then grew
    to a few hundred articles through the batch ingest on the same connection (too soon for
    autovacuum)."""
    rng = random.Random(5)
    texts = [random_text(rng, words=14, sentences=10) for _ in range(400)]
    items = [
        SourceItem(f"r{n}", lambda t=text, n=n: article_from_text(t, title=f"Report {n}"))
        for n, text in enumerate(texts)
    ]
    with Archive.open(pg_server.create_database()) as archive:
        report = Ingestor(archive, analyze=False).run(items)
        assert report.count("new") >= 300
        yield archive


def _whole_table_plans(raw: Any) -> list[str]:
    """The prepared statements of this connection whose kept generic plan reads a growing
    table whole."""
    prepared = raw.execute(
        "SELECT name, statement, parameter_types::text FROM pg_prepared_statements"
        " WHERE generic_plans > 0"
    ).fetchall()
    assert prepared
    scans = []
    for name, statement, types in prepared:
        nulls = ", ".join(["NULL"] * (types.count(",") + 1)) if types != "{}" else ""
        plan = raw.execute(f"EXPLAIN EXECUTE {name}" + (f"({nulls})" if nulls else "")).fetchall()
        for (line,) in plan:
            scanned = re.search(r"Seq Scan on (\w+)", line)
            if scanned and scanned.group(1) in _GROWING:
                scans.append(f"{scanned.group(1)}: {' '.join(statement.split())[:100]}")
    return scans


def test_no_cached_plan_of_the_writer_scans_a_grown_table(grown_archive: Archive) -> None:
    raw = grown_archive.db.raw
    assert raw.execute("SELECT COUNT(*) FROM articles").fetchone()[0] >= 300
    # the statements every new article runs were prepared, and their generic plans are in use
    kept = raw.execute("SELECT statement FROM pg_prepared_statements WHERE generic_plans > 0")
    assert any("INSERT INTO articles (" in s for (s,) in kept)
    assert not _whole_table_plans(raw)


def test_story_merges_keep_reading_by_index(pg_server: PgServer) -> None:
    """Merging stories (and arcs) redirects whatever pointed at the merged one: prepared while
    there were five stories, the redirect still reads by index among thousands."""
    with Archive.open(pg_server.create_database()) as archive:
        raw = archive.db.raw
        state = '{"terms": "' + "x" * 1500 + '"}'  # a story's state: ~5 rows a page
        rows = [(f"s{n}", state, "2026-12-04", "2026-12-04") for n in range(3000)]
        insert = "INSERT INTO {} (id, state, created_at, updated_at) VALUES (%s, %s, %s, %s)"
        with raw.cursor() as cur:
            cur.executemany(insert.format("stories"), rows[:5])
            cur.executemany(insert.format("arcs"), rows[:5])
        # psycopg prepares a statement on its 6th run, PostgreSQL keeps a generic plan from
        # the 6th run of a prepared one
        for n in range(14):  # s0 -> s1 -> ... -> s14
            archive.merge_stories({f"s{n}": f"s{n + 1}"})
            archive.save_arc_changes({}, links={}, merged={f"s{n}": f"s{n + 1}"})
        with raw.cursor() as cur:
            cur.executemany(insert.format("stories"), rows[5:])
            cur.executemany(insert.format("arcs"), rows[5:])
        archive.merge_stories({"s100": "s101"})
        archive.save_arc_changes({}, links={}, merged={"s100": "s101"})
        assert not _whole_table_plans(raw)


def test_the_exact_copy_lookup_is_planned_for_each_call(grown_archive: Archive) -> None:
    """Its list of hashes would get a whole-table plan while the archive is small: it is
    never kept as a prepared statement."""
    raw = grown_archive.db.raw
    for _ in range(8):
        grown_archive.stored_copies([("a", "b"), ("c", "d")])
    kept = raw.execute("SELECT statement FROM pg_prepared_statements").fetchall()
    assert kept and not [s for (s,) in kept if "text_hash IN" in s]


def test_the_exact_copy_lookup_prefers_the_article_itself(grown_archive: Archive) -> None:
    first, second = grown_archive.db.raw.execute(
        "SELECT id, text_hash FROM articles ORDER BY rowid LIMIT 2"
    ).fetchall()
    assert grown_archive.stored_copy(second[0], first[1]) == second[0]
    assert grown_archive.stored_copy("not-stored", first[1]) == first[0]
    assert grown_archive.stored_copy("not-stored", "no-such-hash") is None
