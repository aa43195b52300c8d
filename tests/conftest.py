"""Shared fixtures: the benchmark data folder (skips when absent), the example articles, a fresh
archive and the fixture news site on loopback. Sample texts and helpers: ``samples.py``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from samples import FEED_PAGES, feedsite

from newsbrief.evaluate.common import data_root
from newsbrief.store import Archive

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


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    """A fresh SQLite archive in a temporary folder, open for the test."""
    with Archive.open(tmp_path / "archive.db") as opened:
        yield opened


@pytest.fixture
def feed_site() -> Iterator[Any]:
    """The fixture news site (an RSS feed and its article pages) served on 127.0.0.1, every
    page visible."""
    state = feedsite.FeedSite(dict(FEED_PAGES), visible=list(FEED_PAGES))
    with feedsite.Server(state):
        yield state
