"""What the model is shown and what it must answer: numbered sentences in, cited JSON out.

The model gets the headline, the publication date, the actors with their roles, the dated events
and the source sentences numbered ``[id]``; it answers a JSON object with the Executive Summary,
Why This Matters and the body under editorial subheads, each sentence with the ids it rests on.
``PROMPT_VERSION`` is part of the cache key: change it whenever the prompt or schema changes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from newsbrief.errors import WriterError
from newsbrief.models import Analysis, Brief
from newsbrief.write.source import SourceText

__all__ = ["PROMPT_VERSION", "Draft", "DraftSentence", "build_messages", "parse_draft"]

PROMPT_VERSION = "brief-v2"
MAX_SOURCE_CHARS = 14_000

SYSTEM = """You are a careful news editor. Retell the article below in plain, fluent English \
for a general reader, using ONLY facts stated in the numbered source sentences.
Rules:
- Every sentence you write cites, in "cites", the ids of the source sentences it rests on.
- Do not add any name, number, amount, date or place that the cited sentences do not contain.
- Keep who said what: when a source sentence attributes a claim ("X said", "according to Y"), \
say who said it.
- Keep negations and hedges ("not", "denied", "may", "could").
- Put quotation marks only around words copied exactly from a source sentence.
- No datelines, no "the article says".
Answer with one JSON object only, no prose around it, matching this JSON schema:
"""

TASK = """Write:
- "executive_summary": 2 or 3 sentences: what happened, who, when, where.
- "why_it_matters": 2 to 4 sentences forming a short paragraph: stakes, consequences, what to \
watch next.
- "sections": 2 to 4 sections retelling the body, each with a short editorial "heading" \
(2 to 5 words) and 1 to 4 "sentences"."""


class DraftSentence(BaseModel):
    model_config = ConfigDict(extra="ignore")

    text: str = Field(min_length=1)
    cites: list[int] = Field(default_factory=list)


class DraftSection(BaseModel):
    model_config = ConfigDict(extra="ignore")

    heading: str
    sentences: list[DraftSentence]


class Draft(BaseModel):
    model_config = ConfigDict(extra="ignore")

    executive_summary: list[DraftSentence]
    why_it_matters: list[DraftSentence] = Field(default_factory=list)
    sections: list[DraftSection] = Field(default_factory=list)


class Repair(BaseModel):
    model_config = ConfigDict(extra="ignore")

    sentences: list[DraftSentence]


def draft_schema() -> dict[str, Any]:
    """The answer's JSON schema. The bounds keep a small model from rambling past its token cap
    (llama.cpp turns them into a grammar); the prompt asks for the same."""
    sentence = {
        "type": "object",
        "properties": {
            "text": {"type": "string", "minLength": 10, "maxLength": 320},
            "cites": {"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 4},
        },
        "required": ["text", "cites"],
    }
    section = {
        "type": "object",
        "properties": {
            "heading": {"type": "string", "minLength": 3, "maxLength": 60},
            "sentences": {"type": "array", "items": sentence, "minItems": 1, "maxItems": 4},
        },
        "required": ["heading", "sentences"],
    }
    return {
        "type": "object",
        "properties": {
            "executive_summary": {"type": "array", "items": sentence, "minItems": 2, "maxItems": 3},
            "why_it_matters": {"type": "array", "items": sentence, "minItems": 1, "maxItems": 4},
            "sections": {"type": "array", "items": section, "minItems": 2, "maxItems": 4},
        },
        "required": ["executive_summary", "why_it_matters", "sections"],
    }


def repair_schema() -> dict[str, Any]:
    sentences = draft_schema()["properties"]["executive_summary"]
    return {"type": "object", "properties": {"sentences": sentences}, "required": ["sentences"]}


def build_messages(
    brief: Brief, analyses: Sequence[Analysis], source: SourceText
) -> list[dict[str, str]]:
    """The chat messages for one brief: the rules and schema, then the numbered sources."""
    lines = [f"Headline: {brief.headline}"]
    dates = sorted(
        {a.article.published.date().isoformat() for a in analyses if a.article.published}
    )
    if dates:
        lines.append(f"Published: {', '.join(dates)}")
    actors = [
        f"- {a.name}" + (f" ({a.role})" if a.role else "")
        for an in analyses
        for a in an.actors[:12]
        if a.kind in ("person", "organization", "country")
    ]
    if actors:
        lines += ["Actors:", *dict.fromkeys(actors)]
    index = {(e.article_id, e.sentence_index): i for i, e in enumerate(source.evidence)}
    events = [
        f"- {ev.date}: {ev.predicate} [{index[key]}]"
        for an in analyses
        for ev in an.events
        if ev.date and (key := (ev.evidence.article_id, ev.evidence.sentence_index)) in index
    ]
    if events:
        lines += ["Dated events:", *events[:20]]
    lines.append("Source sentences:")
    used = 0
    for i, text in enumerate(source.texts):
        line = f"[{i}] {text}"
        used += len(line)
        if used > MAX_SOURCE_CHARS:
            break
        lines.append(line)
    lines += ["", TASK]
    system = SYSTEM + json.dumps(draft_schema())
    return [{"role": "system", "content": system}, {"role": "user", "content": "\n".join(lines)}]


def repair_messages(
    messages: list[dict[str, str]], answer: str, failed: Sequence[tuple[DraftSentence, str]]
) -> list[dict[str, str]]:
    """Ask once more for the sentences that failed verification, giving the reasons."""
    items = "\n".join(
        f'{n}. "{d.text}" (cites {d.cites}): {reason}' for n, (d, reason) in enumerate(failed, 1)
    )
    ask = (
        "These sentences failed verification against the sentences they cite:\n"
        f"{items}\n"
        "Rewrite each one, in the same order, so that every fact in it is in the sentences it "
        "cites (or cite the right ones). Answer with JSON only: " + json.dumps(repair_schema())
    )
    return [*messages, {"role": "assistant", "content": answer}, {"role": "user", "content": ask}]


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.S)


def _json_object(content: str) -> Any:
    text = content.strip()
    fenced = _FENCE.search(text)
    if fenced:
        text = fenced.group(1).strip()
    try:
        return json.loads(text)
    except ValueError:
        pass
    start, end = text.find("{"), text.rfind("}")
    if start < 0:
        raise WriterError("the model's answer holds no JSON object")
    try:
        return json.loads(text[start : end + 1])
    except ValueError as exc:
        closed = close_truncated(text[start:])
        if closed is None:
            raise WriterError(f"the model's answer is malformed JSON: {exc}") from exc
        try:
            return json.loads(closed)
        except ValueError:
            raise WriterError(f"the model's answer is malformed JSON: {exc}") from exc


def close_truncated(text: str) -> str | None:
    """A JSON object cut off mid-way (the answer hit its token cap), closed after the last
    complete inner object: the sentences written in full are kept, the cut one is dropped."""
    stack: list[str] = []
    in_string = escaped = False
    cut: tuple[int, list[str]] | None = None
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "{[":
            stack.append("}" if ch == "{" else "]")
        elif ch in "}]":
            if not stack or stack.pop() != ch:
                return None
            if ch == "}" and stack:
                cut = (i + 1, list(stack))
    if cut is None:
        return None
    end, open_ = cut
    return text[:end] + "".join(reversed(open_))


def parse_draft(content: str) -> Draft:
    """The model's answer as a validated ``Draft``; ``WriterError`` when it is not one."""
    try:
        draft = Draft.model_validate(_json_object(content))
    except ValidationError as exc:
        raise WriterError(f"the model's JSON does not match the schema: {_first(exc)}") from exc
    if not draft.executive_summary:
        raise WriterError("the model wrote no Executive Summary")
    return draft


def parse_repair(content: str) -> Repair:
    try:
        return Repair.model_validate(_json_object(content))
    except ValidationError as exc:
        raise WriterError(f"the model's repair does not match the schema: {_first(exc)}") from exc


def _first(exc: ValidationError) -> str:
    err = exc.errors()[0]
    return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
