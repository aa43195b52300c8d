"""Shared fixtures: the benchmark data folder (skips when absent), the example articles, a fresh
archive and the fixture news site on loopback. Sample texts and helpers: ``samples.py``."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from samples import FEED_PAGES, feedsite

from newsbrief.evaluate.common import data_root
from newsbrief.store import Archive
from newsbrief.store.pgtemp import PgServer, unavailable_reason

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    root = data_root()
    if not root.is_dir():
        pytest.skip(f"benchmark data not found at {root} (set NEWSBRIEF_DATA)")
    return root


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


# ---------------------------------------------------------------------- archive backends
# The store, stories, ingest and web suites run on both backends: ``archive_target`` (and the
# module-scoped ``module_archive_target``) is a fresh SQLite file or a fresh database on a
# throwaway PostgreSQL server started once per session (skipped, with the reason, where no
# server can be started).

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    reason = unavailable_reason()
    if reason:
        pytest.skip(f"PostgreSQL backend not testable here: {reason}")
    server = PgServer.start()
    try:
        yield server
    finally:
        server.stop()


def _new_target(backend: str, folder: Path, request: pytest.FixtureRequest) -> Path | str:
    if backend == "sqlite":
        return folder / "archive.db"
    server: PgServer = request.getfixturevalue("pg_server")
    return server.create_database()


@pytest.fixture(params=BACKENDS)
def archive_target(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """A new, empty archive: a SQLite file path or a PostgreSQL URL."""
    return _new_target(str(request.param), tmp_path, request)


@pytest.fixture(scope="module", params=BACKENDS)
def module_archive_target(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path | str:
    return _new_target(str(request.param), tmp_path_factory.mktemp("archive"), request)


# ---------------------------------------------------------------------- a local Dask cluster


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def dask_cluster() -> Iterator[str]:
    """A Dask scheduler and two single-threaded worker processes on 127.0.0.1 (real
    processes, started the way an operator would); yields the scheduler's address."""
    try:
        import distributed
    except ImportError:
        pytest.skip("Dask distributed is not installed (pip install 'newsbrief[cluster]')")
    bindir = Path(sys.executable).parent
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    common = ["--no-dashboard"]
    procs = [
        subprocess.Popen(
            [
                str(bindir / "dask"),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                *common,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    ]
    worker = [str(bindir / "dask"), "worker", address, "--host", "127.0.0.1", "--nworkers", "1"]
    worker += ["--nthreads", "1", "--memory-limit", "0", *common]
    try:
        time.sleep(1.0)
        for _ in range(2):
            procs.append(
                subprocess.Popen(
                    worker,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            )
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in reversed(procs):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@pytest.fixture
def archive(archive_target: Path | str) -> Iterator[Archive]:
    """A fresh archive, open for the test: a SQLite file in a temporary folder, and (the same
    test again) a database on the session's PostgreSQL server."""
    with Archive.open(archive_target) as opened:
        yield opened


@pytest.fixture
def feed_site() -> Iterator[Any]:
    """The fixture news site (an RSS feed and its article pages) served on 127.0.0.1, every
    page visible."""
    state = feedsite.FeedSite(dict(FEED_PAGES), visible=list(FEED_PAGES))
    with feedsite.Server(state):
        yield state
