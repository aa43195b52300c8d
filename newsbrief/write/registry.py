"""The writers behind a tiny registry: a name → a factory taking the settings (and a cache).

The extractive writer, which returns the composed brief unchanged, is the default and just one
more backend. ``register`` adds another (an optional extra can call it on import).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from newsbrief.errors import InputError
from newsbrief.models import Analysis, Brief
from newsbrief.settings import Settings
from newsbrief.write.llm.writer import AnswerCache

__all__ = ["ExtractiveWriter", "Writer", "get_writer", "register", "writer_names"]


class Writer(Protocol):
    name: str

    def write(self, brief: Brief, analyses: Sequence[Analysis]) -> Brief: ...


class ExtractiveWriter:
    """The default: the composed brief as it is (offline, deterministic)."""

    name = "extractive"

    def write(self, brief: Brief, analyses: Sequence[Analysis]) -> Brief:
        del analyses
        return brief


WriterFactory = Callable[[Settings, AnswerCache | None], Writer]
_WRITERS: dict[str, WriterFactory] = {}


def register(name: str, factory: WriterFactory) -> None:
    _WRITERS[name] = factory


def writer_names() -> list[str]:
    return sorted(_WRITERS)


def get_writer(settings: Settings, *, cache: AnswerCache | None = None) -> Writer:
    """The writer ``settings.writer`` names."""
    factory = _WRITERS.get(settings.writer)
    if factory is None:
        raise InputError(
            f"unknown writer {settings.writer!r}", hint=f"use one of: {', '.join(writer_names())}"
        )
    return factory(settings, cache)


def _extractive(settings: Settings, cache: AnswerCache | None) -> Writer:
    del settings, cache
    return ExtractiveWriter()


def _llm(settings: Settings, cache: AnswerCache | None) -> Writer:
    from newsbrief.write.llm import ChatClient, LLMWriter

    if not settings.llm_url:
        raise InputError(
            "--writer llm needs an endpoint: nothing is sent anywhere until one is configured",
            hint="set NEWSBRIEF_LLM_URL (e.g. http://127.0.0.1:8080/v1) and NEWSBRIEF_LLM_MODEL",
        )
    client = ChatClient(
        url=settings.llm_url,
        model=settings.llm_model or "default",
        key=settings.llm_key,
        timeout_s=settings.llm_timeout_s,
        retries=settings.llm_retries,
        concurrency=settings.llm_concurrency,
        temperature=settings.llm_temperature,
        max_tokens=settings.llm_max_tokens,
    )
    return LLMWriter(
        client, cache=cache, price_in=settings.llm_price_in, price_out=settings.llm_price_out
    )


register("extractive", _extractive)
register("llm", _llm)
