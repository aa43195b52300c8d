"""Scale-out: analysis in several processes and on a Dask cluster gives exactly the archive a
single-process ingest gives (same analyses, same story threads), on both backends; two
ingests writing one PostgreSQL archive at once store every article once."""

from __future__ import annotations

import json
import random
import threading
from pathlib import Path

import pytest

from newsbrief.cli import main
from newsbrief.ingest.batch import ingest_sources
from newsbrief.ingest.parallel import ProcessAnalyzer, make_analyzer
from newsbrief.settings import Settings
from newsbrief.store import Archive

PLACES = ["Halvern", "Corvale", "Brightwater", "Ostra", "Lindmark", "Pellow"]
EVENTS = [
    ("dockworkers", "strike", "the port authority", "wages"),
    ("farmers", "protest", "the agriculture ministry", "water quotas"),
    ("nurses", "walkout", "the hospital board", "staffing"),
    ("students", "sit-in", "the university council", "tuition fees"),
]
N_STORIES = 6
PER_STORY = 4


def _article(rng: random.Random, story: int, k: int) -> dict[str, str]:
    place = PLACES[story % len(PLACES)]
    who, what, body, over = EVENTS[story % len(EVENTS)]
    leader = ["Mara Olsen", "Tomas Reyes", "Ines Duarte", "Kofi Mensah", "Lena Park", "Raj Iyer"][
        story
    ]
    lines = [
        f"{who.capitalize()} in {place} began a {what} on Monday over {over}, the largest in"
        f" the city for a decade.",
        f'"We will not go back until {body} listens," said {leader}, who leads the {place} {who}.',
        f"{body.capitalize()} said in a statement that talks had failed the previous day.",
        f"Officials in {place} said {rng.randint(200, 9000)} people joined the {what} on day"
        f" {k + 1}.",
        f"According to local radio, {leader} rejected an offer made last week by {body}.",
        f"The {what} could cost {place} {rng.randint(2, 90)} million crowns a week, analysts"
        f" warned, and further talks are expected on Friday.",
    ]
    for _ in range(4):  # specifics of this article, so that articles are not near copies
        who_said = rng.choice(["the mayor", "a spokesman", "the police", "a judge"])
        things = rng.choice(["buses", "ships", "letters", "shops"])
        extra = rng.choice(["tents", "banners", "vans", "drums"])
        lines.append(
            f"On day {rng.randint(1, 28)} {who_said} of {rng.choice(PLACES)} counted"
            f" {rng.randint(10, 99_999)} {things} and {rng.randint(2, 500)} {extra}"
            f" near item {story}-{k}."
        )
    rng.shuffle(lines)
    return {
        "text": " ".join(lines[:3]) + "\n\n" + " ".join(lines[3:]),
        "title": f"{place} {who} {what}, day {k + 1}",
        "outlet": f"Outlet {k}",
        "published": f"2025-03-{1 + k:02d}T0{story}:00:00Z",
    }


@pytest.fixture(scope="module")
def items(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = random.Random(11)
    rows = [_article(rng, s, k) for k in range(PER_STORY) for s in range(N_STORIES)]
    path = tmp_path_factory.mktemp("scale") / "items.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _snapshot(archive: Archive) -> tuple[dict[str, str], dict[str, str]]:
    """Story membership (as a partition keyed by founder-independent labels) and analyses."""
    db = archive.db
    members = {
        str(a): str(s) for a, s in db.execute("SELECT article_id, story_id FROM story_articles")
    }
    analyses = {str(a): str(r) for a, r in db.execute("SELECT article_id, record FROM analyses")}
    return members, analyses


def _partition(members: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article, story in members.items():
        groups.setdefault(story, set()).add(article)
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(scope="module")
def reference(
    items: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, str], dict[str, str]]:
    """The single-process ingest the parallel ones must reproduce."""
    db = tmp_path_factory.mktemp("reference") / "archive.db"
    with Archive.open(db) as archive:
        report = ingest_sources([str(items)], archive, Settings(), analyze=True)
        assert report.count("new") == N_STORIES * PER_STORY
        return _snapshot(archive)


def _check_same(archive: Archive, reference: tuple[dict[str, str], dict[str, str]]) -> None:
    members, analyses = _snapshot(archive)
    assert len(analyses) == N_STORIES * PER_STORY
    assert analyses == reference[1]  # the same analysis, whichever process made it
    assert members == reference[0]  # the same story ids: one assigner, input order
    assert len(_partition(members)) >= N_STORIES // 2  # threads exist, not one lump


@pytest.mark.slow
def test_two_worker_processes_give_the_single_process_archive(
    items: Path, archive_target: Path | str, reference: tuple[dict[str, str], dict[str, str]]
) -> None:
    analyzer = ProcessAnalyzer(2)
    try:
        with Archive.open(archive_target) as archive:
            report = ingest_sources([str(items)], archive, Settings(), analyzer=analyzer)
            assert report.count("new") == N_STORIES * PER_STORY and not report.failures
            _check_same(archive, reference)
    finally:
        analyzer.close()


@pytest.mark.slow
@pytest.mark.cluster
def test_cluster_ingest_gives_the_single_process_archive(
    items: Path,
    archive_target: Path | str,
    reference: tuple[dict[str, str], dict[str, str]],
    dask_cluster: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = str(archive_target)
    assert main(["ingest", str(items), "--db", db, "--cluster", dask_cluster]) == 0
    assert f"{N_STORIES * PER_STORY} new" in capsys.readouterr().err
    with Archive.open(archive_target) as archive:
        _check_same(archive, reference)
    # a rerun finds every article known and analyzes nothing again
    assert main(["ingest", str(items), "--db", db, "--cluster", dask_cluster]) == 0
    assert f"{N_STORIES * PER_STORY} known" in capsys.readouterr().err


def test_bad_worker_and_cluster_options_are_one_line_errors(
    items: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "a.db")
    assert main(["ingest", str(items), "--db", db, "--workers", "0"]) == 2
    assert "--workers must be at least 1" in capsys.readouterr().err
    assert main(["ingest", str(items), "--db", db, "--workers", "2", "--cluster", "x"]) != 0
    err = capsys.readouterr().err
    assert "either --workers or --cluster" in err and "Traceback" not in err
    assert make_analyzer(workers=1).slots == 1


@pytest.mark.postgres
def test_unreachable_postgresql_is_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("psycopg")
    url = "postgresql://nobody:secret@127.0.0.1:9/none"
    assert main(["stories", "--db", url]) != 0
    err = capsys.readouterr().err
    assert "cannot connect to the archive postgresql://nobody@127.0.0.1:9/none" in err
    assert "secret" not in err and "Traceback" not in err


@pytest.mark.slow
@pytest.mark.postgres
def test_two_ingests_into_one_postgresql_archive_store_each_article_once(
    items: Path, pg_server: object, tmp_path: Path
) -> None:
    """Concurrent writers: two processes' ingests of overlapping inputs at once (each article
    once, every story membership whole): transactions and the writer lock, not luck."""
    from newsbrief.store.pgtemp import PgServer

    assert isinstance(pg_server, PgServer)
    url = pg_server.create_database()
    rows = items.read_text(encoding="utf-8").splitlines()
    halves = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    halves[0].write_text("\n".join(rows[: len(rows) * 2 // 3]) + "\n", encoding="utf-8")
    halves[1].write_text("\n".join(rows[len(rows) // 3 :]) + "\n", encoding="utf-8")
    Archive.open(url).close()
    errors: list[BaseException] = []

    def run(path: Path) -> None:
        try:
            with Archive.open(url) as archive:
                ingest_sources([str(path)], archive, Settings(), analyze=False)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(h,)) for h in halves]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors
    with Archive.open(url) as archive:
        db = archive.db
        n = len(rows)
        assert archive.count_articles() == n
        assert db.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0] == n
        assert db.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == n
        meta = db.execute("SELECT value FROM cluster_meta WHERE key = 'stats'").fetchone()
        assert json.loads(meta[0])["n_docs"] == n


@pytest.mark.slow
@pytest.mark.postgres
def test_serve_with_two_worker_processes_over_postgresql(pg_server: object, items: Path) -> None:
    """``newsbrief serve --workers 2`` over PostgreSQL: both processes serve the archive, and
    an article written meanwhile by another process is visible at once."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    from newsbrief.store.pgtemp import PgServer

    assert isinstance(pg_server, PgServer)
    url = pg_server.create_database()
    with Archive.open(url) as archive:
        ingest_sources([str(items)], archive, Settings(), analyze=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "newsbrief", "serve", "--db", url, "--port", str(port)]
    server = subprocess.Popen(
        [*cmd, "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            try:
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        health = httpx.get(base + "/health", timeout=5).json()
        assert health["articles"] == N_STORIES * PER_STORY
        with httpx.Client(timeout=10) as client:
            statuses = {client.get(base + "/stories").status_code for _ in range(20)}
        assert statuses == {200}
        with Archive.open(url) as archive:
            from newsbrief.ingest.text import article_from_text

            archive.save_article(article_from_text("A late note about the harbour. " * 12))
        assert httpx.get(base + "/health", timeout=5).json()["articles"] == health["articles"] + 1
    finally:
        server.terminate()
        server.wait(timeout=30)
