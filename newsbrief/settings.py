"""One Settings object, built at the edge (CLI flags, environment) and passed down the pipeline."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

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


def _env_seconds(name: str, default: float) -> float:
    try:
        return max(0.0, float(os.environ.get(name, default)))
    except ValueError:
        return default


def default_busy_timeout_s() -> float:
    """How long a write waits for another process's: ``$NEWSBRIEF_BUSY_TIMEOUT`` s, or 10."""
    return _env_seconds("NEWSBRIEF_BUSY_TIMEOUT", 10.0)


def default_fetch_timeout_s() -> float:
    """The overall limit on one fetch: ``$NEWSBRIEF_FETCH_TIMEOUT`` seconds, or 15."""
    return _env_seconds("NEWSBRIEF_FETCH_TIMEOUT", 15.0) or 15.0


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # a SQLite file, or a PostgreSQL URL (``postgresql://user@host/db``, the postgres extra)
    db_path: Path | str = Field(default_factory=default_db_path)
    busy_timeout_s: float = Field(default_factory=default_busy_timeout_s)
    # fetching
    fetch_timeout_s: float = Field(default_factory=default_fetch_timeout_s)  # connect + body
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
    # writer: "extractive" (default, offline) or "llm" (an OpenAI-compatible chat endpoint)
    writer: Literal["extractive", "llm"] = "extractive"
    llm_url: str | None = Field(default=None, description="base URL, e.g. http://127.0.0.1:8080/v1")
    llm_model: str | None = None
    llm_key: str | None = Field(default=None, repr=False)
    llm_timeout_s: float = 60.0
    llm_concurrency: int = 2
    llm_temperature: float = 0.2
    llm_retries: int = 2
    llm_max_tokens: int = 1500
    llm_price_in: float = Field(default=0.0, description="USD per million prompt tokens")
    llm_price_out: float = Field(default=0.0, description="USD per million completion tokens")

    @field_validator("db_path", mode="before")
    @classmethod
    def _db_target(cls, value: object) -> object:
        return db_target(value) if isinstance(value, str | Path) else value


_LLM_ENV = {
    "NEWSBRIEF_LLM_URL": "llm_url",
    "NEWSBRIEF_LLM_MODEL": "llm_model",
    "NEWSBRIEF_LLM_KEY": "llm_key",
    "NEWSBRIEF_LLM_TIMEOUT": "llm_timeout_s",
    "NEWSBRIEF_LLM_CONCURRENCY": "llm_concurrency",
    "NEWSBRIEF_LLM_TEMPERATURE": "llm_temperature",
    "NEWSBRIEF_LLM_RETRIES": "llm_retries",
    "NEWSBRIEF_LLM_MAX_TOKENS": "llm_max_tokens",
    "NEWSBRIEF_LLM_PRICE_IN": "llm_price_in",
    "NEWSBRIEF_LLM_PRICE_OUT": "llm_price_out",
}


def llm_env() -> dict[str, Any]:
    """The LLM writer's settings given in the environment (``NEWSBRIEF_LLM_*``), by field name."""
    return {field: os.environ[var] for var, field in _LLM_ENV.items() if os.environ.get(var)}
