"""The LLM writer: retell a composed brief in prose, keep only what the verifier accepts.

For one brief (an article's or a story's): build the numbered sources, ask the model once (or
take its cached answer), parse and validate the JSON, verify every sentence against the ids it
cites, ask once more for the failures with their reasons, and assemble the brief: a sentence that
still fails is replaced by the extractive item it stood for. Any ``WriterError`` (down, slow,
refusal, malformed JSON, empty content) falls back to the extractive brief and is remembered in
``warnings``; the writer never fails a brief.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import KW_ONLY, dataclass, field
from typing import Any

from newsbrief.errors import WriterError
from newsbrief.models import Analysis, Brief
from newsbrief.store.llmcache import LLMCacheMixin
from newsbrief.write.llm.assemble import assemble
from newsbrief.write.llm.client import ChatClient, Completion, Usage
from newsbrief.write.llm.prompt import (
    PROMPT_VERSION,
    DraftSentence,
    build_messages,
    draft_schema,
    parse_draft,
    parse_repair,
    repair_messages,
    repair_schema,
)
from newsbrief.write.source import SourceText
from newsbrief.write.verify import DEFAULT_THRESHOLD, Checked, verify_sentence

__all__ = ["AnswerCache", "LLMWriter", "WriterStats"]


# the model's answers are kept in the archive (``newsbrief.store.llmcache``)
AnswerCache = LLMCacheMixin


@dataclass
class WriterStats:
    briefs: int = 0
    fallbacks: int = 0
    accepted: int = 0  # generated sentences that passed (first time or after the re-ask)
    repaired: int = 0  # of those, passed only after the re-ask
    rejected: int = 0  # failed twice: replaced by the extractive item
    first_try_failed: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass(eq=False)
class LLMWriter:
    name = "llm"

    client: ChatClient
    _: KW_ONLY
    cache: AnswerCache | None = None
    threshold: float = DEFAULT_THRESHOLD
    price_in: float = 0.0  # USD per million prompt tokens
    price_out: float = 0.0  # USD per million completion tokens
    stats: WriterStats = field(default_factory=WriterStats, init=False)

    def cost(self, usage: Usage) -> float:
        """The run's cost in USD at the configured prices (0 when none are set)."""
        return (
            usage.prompt_tokens * self.price_in + usage.completion_tokens * self.price_out
        ) / 1e6

    def write(self, brief: Brief, analyses: Sequence[Analysis]) -> Brief:
        """The brief retold; the extractive ``brief`` itself when the model fails."""
        self.stats.briefs += 1
        try:
            return self._write(brief, analyses)
        except WriterError as exc:
            self.stats.fallbacks += 1
            self.stats.warnings.append(exc.message)
            return brief

    def _write(self, brief: Brief, analyses: Sequence[Analysis]) -> Brief:
        source = SourceText.from_analyses(analyses)
        messages = build_messages(brief, analyses, source)
        answer = self._ask(messages, draft_schema(), parse_draft)
        draft = parse_draft(answer)
        items = [*draft.executive_summary, *draft.why_it_matters]
        items += [s for sec in draft.sections for s in sec.sentences]
        final: list[Checked | None] = [self._check(d, source) for d in items]
        failed = [i for i, c in enumerate(final) if c is not None and not _ok(c)]
        self.stats.first_try_failed += len(failed)
        if failed:
            reasons = [(items[i], "; ".join(_reasons(final[i]))) for i in failed]
            fixes = self._repair(messages, answer, reasons, source)
            for i, fix in zip(failed, fixes, strict=True):
                final[i] = fix
                self.stats.repaired += fix is not None
        self.stats.accepted += sum(c is not None for c in final)
        self.stats.rejected += sum(c is None for c in final)
        return assemble(brief, draft, final, source)

    def _check(self, d: DraftSentence, source: SourceText) -> Checked:
        return verify_sentence(d.text, source, cited=d.cites, threshold=self.threshold)

    def _repair(
        self,
        messages: list[dict[str, str]],
        answer: str,
        failed: list[tuple[DraftSentence, str]],
        source: SourceText,
    ) -> list[Checked | None]:
        """One more ask for the failures; each comes back verified, or ``None``."""
        try:
            content = self._ask(
                repair_messages(messages, answer, failed), repair_schema(), parse_repair
            )
            repair = parse_repair(content)
        except WriterError as exc:  # the failures fall back one by one
            self.stats.warnings.append(f"re-ask failed: {exc.message}")
            return [None] * len(failed)
        out: list[Checked | None] = []
        for n in range(len(failed)):
            c = self._check(repair.sentences[n], source) if n < len(repair.sentences) else None
            out.append(c if c is not None and _ok(c) else None)
        return out

    def _ask(
        self,
        messages: list[dict[str, str]],
        schema: dict[str, Any],
        validate: Callable[[str], object],
    ) -> str:
        """The model's answer: from the cache, else asked (and cached once it validates)."""
        key = _input_hash(messages, schema)
        model = self.client.model
        if self.cache is not None:
            hit = self.cache.cached_answer(key, PROMPT_VERSION, model)
            if hit is not None:
                self.client.usage.cached += 1
                return hit
        completion: Completion = self.client.complete(messages, schema=schema)
        validate(completion.content)  # a malformed answer raises here and is never cached
        if self.cache is not None:
            self.cache.store_answer(
                key,
                PROMPT_VERSION,
                model,
                completion.content,
                prompt_tokens=completion.prompt_tokens,
                completion_tokens=completion.completion_tokens,
            )
        return completion.content


def _ok(c: Checked) -> bool:
    return c.verification.verdict == "supported"


def _reasons(c: Checked | None) -> tuple[str, ...]:
    return c.verification.reasons if c is not None else ()


def _input_hash(messages: list[dict[str, str]], schema: dict[str, Any]) -> str:
    blob = json.dumps({"messages": messages, "schema": schema}, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
