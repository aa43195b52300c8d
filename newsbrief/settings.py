"""One Settings object, built at the edge (CLI flags, environment) and passed down the pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, field_validator

_URL_SCHEMES = ("postgresql://", "postgres://")


def db_target(value: str | Path) -> Path | str:
    """An archive target as given: a ``postgresql://`` URL stays a string, anything else is a
    SQLite file path."""
    if isinstance(value, str) and value.startswith(_URL_SCHEMES):
        return value
    return Path(value)


def default_db_path() -> Path | str:
    """The archive's default location: ``$NEWSBRIEF_DB`` (a path or a ``postgresql://`` URL)
    or the user's data directory."""
    env = os.environ.get("NEWSBRIEF_DB")
    if env:
        return db_target(env)
    return Path(platformdirs.user_data_dir("newsbrief")) / "archive.db"


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # a SQLite file, or a PostgreSQL URL (``postgresql://user@host/db``, the postgres extra)
    db_path: Path | str = Field(default_factory=default_db_path)
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

    @field_validator("db_path", mode="before")
    @classmethod
    def _db_target(cls, value: object) -> object:
        return db_target(value) if isinstance(value, str | Path) else value
