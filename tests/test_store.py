"""The SQLite archive: real files, idempotent saves, reopening, failures as StoreError."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsbrief.analyze import analyze
from newsbrief.compose import compose_brief
from newsbrief.errors import StoreError
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Analysis, Brief
from newsbrief.store import Archive
from newsbrief.store.migrations import LATEST

TEXT = (
    "Dockworkers at the port of Halvern walked off the job on Tuesday after talks with the "
    "operators collapsed the previous day.\n\n"
    'The union said the operators had refused to discuss pay. "We have waited three years '
    'for a fair offer," said union leader Mara Oyelaran.\n\n'
    "The operators said in a joint statement that the strike would hurt exporters. Cargo "
    "volumes at Halvern have been falling in recent months, according to the port authority."
)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    article = article_from_text(
        TEXT,
        title="Halvern dockworkers strike",
        outlet="Coast Herald",
        published=datetime(2024, 6, 11, 9, 30, tzinfo=UTC),
        url="https://example.test/halvern-strike",
    )
    return analyze(article)


@pytest.fixture(scope="module")
def brief(analysis: Analysis) -> Brief:
    return compose_brief(analysis)


def test_save_and_read_back(tmp_path: Path, analysis: Analysis, brief: Brief) -> None:
    db = tmp_path / "nested" / "dir" / "archive.db"
    with Archive.open(db) as archive:
        assert archive.save(analysis, brief) is True
        assert archive.count_articles() == 1
        assert archive.get_article(analysis.article.id) == analysis.article
        assert archive.get_analysis(analysis.article.id) == analysis
        stored = archive.get_brief("article", analysis.article.id)
        assert stored is not None
        assert stored.executive_summary == brief.executive_summary
    assert db.exists()


def test_save_is_idempotent(tmp_path: Path, analysis: Analysis, brief: Brief) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        assert archive.save(analysis, brief) is True
        assert archive.save(analysis, brief) is False
        assert archive.save(analysis, brief.model_copy(update={"generated_at": None})) is False
        assert archive.count_articles() == 1
        assert archive.brief_versions("article", analysis.article.id) == [1]
        changed = brief.model_copy(update={"headline": "Strike at Halvern enters day two"})
        archive.save(analysis, changed)
        assert archive.brief_versions("article", analysis.article.id) == [1, 2]
        latest = archive.get_brief("article", analysis.article.id)
        assert latest is not None and latest.headline == "Strike at Halvern enters day two"
        first = archive.get_brief("article", analysis.article.id, version=1)
        assert first is not None and first.headline == brief.headline


def test_reopen_keeps_data_and_schema(tmp_path: Path, analysis: Analysis) -> None:
    db = tmp_path / "a.db"
    with Archive.open(db) as archive:
        archive.save(analysis)
    with Archive.open(db) as archive:
        assert archive.count_articles() == 1
        assert archive.schema_version() == LATEST
        assert archive.get_analysis(analysis.article.id) == analysis
        assert archive.integrity_check() == "ok"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY 1")]
    conn.close()
    assert versions == list(range(1, LATEST + 1))


def test_article_without_analysis(tmp_path: Path) -> None:
    article = article_from_text("A short note about the harbour. It was quiet.", title="Note")
    with Archive.open(tmp_path / "a.db") as archive:
        assert archive.save_article(article) is True
        assert archive.get_analysis(article.id) is None
        assert archive.get_article("no-such-id") is None


def test_failed_save_rolls_back(tmp_path: Path, analysis: Analysis) -> None:
    bad = Analysis.model_construct(article=analysis.article, sentences=object())
    with Archive.open(tmp_path / "a.db") as archive:
        with pytest.raises(Exception):  # noqa: B017 - any serialization failure
            archive.save(bad)
        assert archive.count_articles() == 0
        assert archive.save(analysis) is True


def test_corrupt_file_is_a_store_error(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_bytes(b"this is a shopping list, not a database\n" * 200)
    with pytest.raises(StoreError, match="not a usable newsbrief archive"):
        Archive.open(db)


def test_unwritable_path_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(StoreError, match="cannot create the archive folder"):
        Archive.open(blocker / "sub" / "archive.db")


def test_folder_path_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Archive.open(tmp_path)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    Archive.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 'x')",
        (LATEST + 1,),
    )
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer than this newsbrief knows"):
        Archive.open(db)


def test_naive_and_aware_times_round_trip(tmp_path: Path) -> None:
    early = article_from_text("Early text about the ferry.", published=datetime(2024, 1, 2, 10))
    late = article_from_text(
        "Late text about the ferry.", published=datetime(2024, 1, 2, 12, tzinfo=UTC)
    )
    with Archive.open(tmp_path / "a.db") as archive:
        archive.save_article(late)
        archive.save_article(early)
        assert archive.get_article(early.id) == early
        assert archive.get_article(late.id) == late
