"""One Settings object, built at the edge (CLI flags, environment) and passed down the pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from pydantic import BaseModel, ConfigDict, Field


def default_db_path() -> Path:
    """The archive's default location: ``$NEWSBRIEF_DB`` or the user's data directory."""
    env = os.environ.get("NEWSBRIEF_DB")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir("newsbrief")) / "archive.db"


def default_busy_timeout_s() -> float:
    """How long a write waits for another process's: ``$NEWSBRIEF_BUSY_TIMEOUT`` seconds, or 10."""
    try:
        return max(0.0, float(os.environ.get("NEWSBRIEF_BUSY_TIMEOUT", "10")))
    except ValueError:
        return 10.0


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    db_path: Path = Field(default_factory=default_db_path)
    busy_timeout_s: float = Field(default_factory=default_busy_timeout_s)
    # fetching
    fetch_timeout_s: float = 15.0
    fetch_max_bytes: int = 5_000_000
    fetch_max_redirects: int = 5
    user_agent: str = "newsbrief/0.1 (+offline explainer briefs)"
    # ingest
    min_words: int = 40
    # compose
    summary_sentences: int = 3
    max_matters: int = 4
    max_sections: int = 5
    min_sections: int = 2
