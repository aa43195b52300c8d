"""The LLM writer's answer cache: one row per (input hash, prompt version, model)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsbrief.store.base import ArchiveBase


class LLMCacheMixin(ArchiveBase):
    def cached_answer(self, input_hash: str, prompt_version: str, model: str) -> str | None:
        """The stored answer for this input, prompt version and model, if any."""
        row = self._conn.execute(
            "SELECT response FROM llm_cache"
            " WHERE input_hash = ? AND prompt_version = ? AND model = ?",
            (input_hash, prompt_version, model),
        ).fetchone()
        return str(row[0]) if row else None

    def store_answer(
        self,
        input_hash: str,
        prompt_version: str,
        model: str,
        response: str,
        *,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
    ) -> None:
        """Keep a model's answer (the latest one wins)."""
        now = datetime.now(UTC).replace(microsecond=0).isoformat()
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO llm_cache (input_hash, prompt_version, model, response,"
                " prompt_tokens, completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (input_hash, prompt_version, model) DO UPDATE SET"
                " response = excluded.response, prompt_tokens = excluded.prompt_tokens,"
                " completion_tokens = excluded.completion_tokens, created_at = excluded.created_at",
                (
                    input_hash,
                    prompt_version,
                    model,
                    response,
                    prompt_tokens,
                    completion_tokens,
                    now,
                ),
            )
