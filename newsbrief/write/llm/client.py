"""A small client for any OpenAI-compatible chat-completions endpoint, on plain httpx.

Why not the ``openai`` package: httpx is already a runtime dependency, the protocol needed here is
one POST, and owning the loop keeps retries, timeouts and fallbacks identical across servers
(llama.cpp, Ollama, vLLM, LM Studio, hosted APIs) without a new required dependency.

- ``POST {base}/chat/completions`` with the model, messages, temperature and a JSON schema as
  ``response_format``; a server that rejects it (400/422, or a 5xx naming ``response_format``) is
  asked again with ``{"type": "json_object", "schema": …}`` (llama.cpp constrains its output to
  that schema) and then without, and the choice is remembered.
- 429 and 5xx answers and timeouts are retried with exponential back-off (``Retry-After`` honoured
  up to a cap); everything else, an empty answer or a refusal raises ``WriterError``.
- At most ``concurrency`` requests run at once per client (a semaphore shared by threads).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from newsbrief.errors import WriterError

__all__ = ["ChatClient", "Completion", "Usage"]

_RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
_MAX_WAIT_S = 8.0


@dataclass(frozen=True)
class Completion:
    content: str
    prompt_tokens: int = 0
    completion_tokens: int = 0


@dataclass
class Usage:
    """Tokens and requests of a run (cached answers count as requests saved, not tokens)."""

    requests: int = 0
    cached: int = 0
    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, c: Completion) -> None:
        with self._lock:
            self.requests += 1
            self.prompt_tokens += c.prompt_tokens
            self.completion_tokens += c.completion_tokens


class ChatClient:
    def __init__(
        self,
        *,
        url: str,
        model: str,
        key: str | None = None,
        timeout_s: float = 60.0,
        retries: int = 2,
        concurrency: int = 2,
        temperature: float = 0.2,
        max_tokens: int = 1500,
        backoff_s: float = 0.5,
    ) -> None:
        base = url.rstrip("/")
        self.endpoint = base if base.endswith("/chat/completions") else base + "/chat/completions"
        self.model = model
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.retries = max(0, retries)
        self.backoff_s = backoff_s
        self.usage = Usage()
        self._formats = ["json_schema", "json_object", "none"]
        self._slots = threading.BoundedSemaphore(max(1, concurrency))
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self._http = httpx.Client(timeout=httpx.Timeout(timeout_s), headers=headers)

    def close(self) -> None:
        self._http.close()

    def complete(self, messages: list[dict[str, str]], *, schema: dict[str, Any]) -> Completion:
        """One chat completion; returns the message content (JSON text, if the model obliged)."""
        while True:
            fmt = self._formats[0]
            body: dict[str, Any] = {
                "model": self.model,
                "messages": messages,
                "temperature": self.temperature,
                "max_tokens": self.max_tokens,
            }
            if fmt == "json_schema":
                body["response_format"] = {
                    "type": "json_schema",
                    "json_schema": {"name": "brief", "schema": schema},
                }
            elif fmt == "json_object":  # llama.cpp's server constrains the output to ``schema``
                body["response_format"] = {"type": "json_object", "schema": schema}
            response = self._post(body)
            if _format_refused(response) and len(self._formats) > 1:
                self._formats.pop(0)  # this server does not take that response_format
                continue
            return self._read(response)

    def _post(self, body: dict[str, Any]) -> httpx.Response:
        attempt = 0
        while True:
            try:
                with self._slots:
                    response = self._http.post(self.endpoint, json=body)
            except httpx.TimeoutException as exc:
                if attempt >= self.retries:
                    raise WriterError(f"the model at {self.endpoint} timed out") from exc
                wait = self.backoff_s * 2**attempt
            except httpx.HTTPError as exc:
                raise WriterError(f"cannot reach {self.endpoint}: {exc}") from exc
            else:
                if response.status_code not in _RETRY_STATUS or attempt >= self.retries:
                    return response
                wait = _retry_after(response) or self.backoff_s * 2**attempt
            attempt += 1
            with self.usage._lock:
                self.usage.retries += 1
            time.sleep(min(wait, _MAX_WAIT_S))

    def _read(self, response: httpx.Response) -> Completion:
        if response.status_code != 200:
            raise WriterError(
                f"the model answered HTTP {response.status_code}: {response.text[:120]!r}"
            )
        try:
            data = response.json()
            message = data["choices"][0]["message"]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise WriterError("the model's answer is not a chat completion") from exc
        if message.get("refusal"):
            raise WriterError(f"the model refused: {str(message['refusal'])[:120]}")
        content = message.get("content") or ""
        if not content.strip():
            raise WriterError("the model returned empty content")
        usage = data.get("usage") or {}
        completion = Completion(
            content=content,
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            completion_tokens=int(usage.get("completion_tokens") or 0),
        )
        self.usage.add(completion)
        return completion


def _format_refused(response: httpx.Response) -> bool:
    """The server did not take the ``response_format`` (400/422; llama.cpp answers 500)."""
    if response.status_code in (400, 422):
        return True
    return response.status_code >= 500 and "response_format" in response.text


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return float(value) if value else None
    except ValueError:
        return None
