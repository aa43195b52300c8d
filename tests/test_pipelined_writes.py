"""Write transactions whose statements stream to PostgreSQL without waiting for each result
(``Database.pipelined``): a failed statement still fails its transaction, whole and with a
clear error; a row count still counts; a signature stored in a rolled-back transaction never
reaches the near-duplicate index. The same tests hold on SQLite, where nothing streams."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest
from samples import random_text

from newsbrief.errors import StoreError
from newsbrief.ingest.batch import Ingestor
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Article
from newsbrief.store import Archive
from newsbrief.stories.lsh import index_of


def _article(text: str, n: int) -> Article:
    return article_from_text(text, title=f"Report {n}", outlet=f"Outlet {n}")


def _count(archive: Archive, table: str) -> int:
    return int(archive._conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_a_failed_statement_fails_its_whole_transaction(
    archive_target: Path | str, caplog: pytest.LogCaptureFixture
) -> None:
    """The failing statement's result is never read: the error still comes out of the
    transaction as a StoreError saying why, nothing of it is stored, and no stray warning is
    logged."""
    rng = random.Random(1)
    first, second = _article(random_text(rng), 1), _article(random_text(rng), 2)
    with Archive.open(archive_target) as archive:
        archive.save_article(first)
        caplog.set_level(logging.WARNING)
        with pytest.raises(StoreError, match=r"(?i)unique|constraint"), archive.transaction():
            archive.save_article(second)
            archive._conn.execute(  # the same key again; its result is never read
                "INSERT INTO article_outlets (article_id, copy_id, outlet, kind, similarity,"
                " added_at) VALUES (?, ?, ?, 'first', 1.0, 'now')",
                (first.id, first.id, first.outlet or ""),
            )
            archive.save_article(_article(random_text(rng), 3))
        assert not [r for r in caplog.records if "terminating" in r.getMessage()]
        assert _count(archive, "articles") == 1
        assert archive.has_article(first.id) and not archive.has_article(second.id)
        assert archive.save_article(second)  # the archive writes on
        assert _count(archive, "articles") == 2


def test_row_counts_and_results_are_read_inside_a_transaction(
    archive_target: Path | str,
) -> None:
    rng = random.Random(2)
    original, copy = _article(random_text(rng), 1), _article(random_text(rng), 2)
    with Archive.open(archive_target) as archive, archive.transaction():
        # on PostgreSQL the statements stream: nothing below waits unless it reads a result
        assert (archive.db._pipeline is not None) == (not archive.is_sqlite)
        assert archive.save_article(original)
        assert not archive.save_article(original)  # already there: the count says so
        assert archive.add_copy(original.id, copy, "exact", 1.0)
        assert not archive.add_copy(original.id, copy, "exact", 1.0)
        assert archive.stored_copy(original.id, "no-hash") == original.id


def test_a_rolled_back_signature_never_reaches_the_index(archive_target: Path | str) -> None:
    """An article stored, then rolled back: a later near copy of it is a new article (the
    index did not keep its signature), and the index stays in step with the archive."""
    rng = random.Random(3)
    texts = [random_text(rng) for _ in range(6)]
    with Archive.open(archive_target) as archive:
        ingestor = Ingestor(archive, analyze=False)
        for n, text in enumerate(texts[:5]):
            ingestor.add(_article(text, n))
        gone = texts[5]
        with pytest.raises(RuntimeError), archive.transaction():
            assert ingestor.add(_article(gone, 5)).status == "new"
            raise RuntimeError("crash before commit")
        near = gone.rsplit(".", 2)[0] + ". A late line was added here by the desk."
        outcome = ingestor.add(_article(near, 6))
        assert outcome.status == "new", outcome.detail
        again = ingestor.add(_article(texts[2].replace("ferry", "boat", 1), 7))
        assert again.status == "duplicate" and "near copy" in again.detail
        index = index_of(archive)
        assert len(index) == _count(archive, "minhashes") == 6
