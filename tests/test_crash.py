"""kill -9 in the middle of an ingest: rerun, and every article is stored exactly once, whole."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsbrief.ingest.batch import ingest_sources
from newsbrief.ingest.text import article_from_text
from newsbrief.settings import Settings
from newsbrief.store import Archive

N_ITEMS = 600
PLACES = ["Halvern", "Corvale", "Brightwater", "Ostra", "Lindmark", "Pellow", "Saragh", "Tiv"]
SUBJECTS = ["the council", "the union", "the ministry", "the court", "the company", "the agency"]
VERBS = ["approved", "rejected", "delayed", "reviewed", "announced", "questioned", "funded"]
OBJECTS = ["a new budget", "the harbour plan", "a school", "the tram line", "a water tax"]


def _text(rng: random.Random, i: int) -> str:
    """A short, distinct news-like article (distinct enough that no two are near copies)."""
    sentences = []
    for _ in range(9):
        sentences.append(
            f"On day {rng.randint(1, 28)} {rng.choice(SUBJECTS)} of {rng.choice(PLACES)} "
            f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} worth {rng.randint(10, 99_999)} crowns, "
            f"and {rng.randint(2, 500)} residents said that it was {rng.choice(VERBS)} "
            f"by item {i} before the {rng.choice(PLACES)} vote."
        )
    return " ".join(sentences[:5]) + "\n\n" + " ".join(sentences[5:])


def _write_items(path: Path, n: int = N_ITEMS) -> set[str]:
    rng = random.Random(7)
    ids = set()
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = _text(rng, i)
            ids.add(article_from_text(text).id)
            line = {"text": text, "title": f"Item {i}", "outlet": f"Outlet {i % 7}"}
            out.write(json.dumps(line) + "\n")
    return ids


def _count(db: Path | str) -> int:
    if isinstance(db, str):
        return _pg_count(db)
    try:
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.OperationalError:
        return 0
    try:
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def _pg_count(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            row = conn.execute("SELECT COUNT(*) FROM articles").fetchone()
    except psycopg.Error:
        return 0
    return int(row[0]) if row else 0


def _start(
    items: Path, db: Path | str, options: tuple[str, ...] = ("--no-analyze",)
) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "newsbrief", "ingest", str(items), "--db", str(db)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [*cmd, *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # kill -9 reaches the main process only, as a crash would
    )


def _kill_midway(proc: subprocess.Popen[bytes], db: Path | str, at_least: int) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if _count(db) >= at_least:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            return _count(db)
        time.sleep(0.02)
    proc.kill()
    pytest.fail(f"the ingest ended before it could be killed (rc={proc.returncode})")


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun(tmp_path: Path) -> None:
    items, db = tmp_path / "items.jsonl", tmp_path / "archive.db"
    expected = _write_items(items)
    assert len(expected) == N_ITEMS

    proc = _start(items, db)
    stored_at_kill = _kill_midway(proc, db, at_least=N_ITEMS // 6)
    assert proc.returncode == -signal.SIGKILL
    assert 0 < stored_at_kill < N_ITEMS

    with Archive.open(db) as archive:
        assert archive.integrity_check() == "ok"
        _assert_whole(archive, archive.count_articles())
        report = ingest_sources([str(items)], archive, Settings(), analyze=False)
        assert report.count("failed") == 0
        assert report.count("known") >= stored_at_kill
        assert report.count("new") + report.count("known") == N_ITEMS
        assert set(archive.article_ids()) == expected
        _assert_whole(archive, N_ITEMS)
        assert archive.integrity_check() == "ok"


N_ANALYZED = 96


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["workers", "cluster"])
def test_sigkill_mid_parallel_ingest_then_rerun(
    tmp_path: Path, archive_target: Path | str, mode: str, request: pytest.FixtureRequest
) -> None:
    """kill -9 of the ingest process while its analysis runs in 2 worker processes (or on a
    2-worker Dask cluster): the rerun stores the rest; nothing lost, nothing twice, every
    stored article analyzed, on both backends."""
    items = tmp_path / "items.jsonl"
    expected = _write_items(items, N_ANALYZED)
    if mode == "cluster":
        options: tuple[str, ...] = ("--cluster", request.getfixturevalue("dask_cluster"))
    else:
        options = ("--workers", "2")
    proc = _start(items, archive_target, options)
    stored_at_kill = _kill_midway(proc, archive_target, at_least=32)
    assert proc.returncode == -signal.SIGKILL
    assert 0 < stored_at_kill < N_ANALYZED

    with Archive.open(archive_target) as archive:
        assert archive.integrity_check() == "ok"
        _assert_whole(archive, archive.count_articles(), analyzed=True)
    rerun = _start(items, archive_target, options)
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err.decode()
    assert f"{N_ANALYZED - stored_at_kill} new" in err.decode()
    with Archive.open(archive_target) as archive:
        assert set(archive.article_ids()) == expected
        _assert_whole(archive, N_ANALYZED, analyzed=True)


def _assert_whole(archive: Archive, n: int, *, analyzed: bool = False) -> None:
    """Every stored article has all its parts, exactly once; the assigner counted each once."""
    conn = archive._conn
    one = {
        "articles": "SELECT COUNT(*) FROM articles",
        "distinct ids": "SELECT COUNT(DISTINCT id) FROM articles",
        "story members": "SELECT COUNT(*) FROM story_articles",
        "first runs": "SELECT COUNT(*) FROM article_outlets WHERE kind = 'first'",
        "signatures": "SELECT COUNT(*) FROM minhashes",
        "shingle sets": "SELECT COUNT(*) FROM shingle_sets",
        "fts rows": "SELECT COUNT(*) FROM articles_fts",
        "stray members": "SELECT COUNT(*) FROM story_articles WHERE article_id NOT IN"
        " (SELECT id FROM articles)",
    }
    if analyzed:
        one["analyses"] = "SELECT COUNT(*) FROM analyses"
    counts = {name: int(conn.execute(sql).fetchone()[0]) for name, sql in one.items()}
    assert counts == {**dict.fromkeys(one, n), "stray members": 0}
    meta = conn.execute("SELECT value FROM cluster_meta WHERE key = 'stats'").fetchone()
    assert json.loads(meta[0])["n_docs"] == n
