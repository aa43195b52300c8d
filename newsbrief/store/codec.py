"""Small conversions between records and the archive's columns: times, hashes, brief ids."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime

from newsbrief.models import Brief

_WORD = re.compile(r"\w+", re.UNICODE)


def now() -> str:
    """The current UTC time as ISO 8601 with microseconds (sortable as text)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def utc_key(value: datetime | None) -> str | None:
    """A sortable UTC ISO string; naive datetimes are taken to be UTC already."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="seconds")


def parse_utc_key(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None


def normalized_words(text: str) -> list[str]:
    """Lowercased word tokens: what exact and near-duplicate detection compare."""
    return _WORD.findall(text.lower())


def text_hash(text: str) -> str:
    """Hash of the normalized words, blind to case, punctuation, quotes and spacing."""
    return words_hash(normalized_words(text))


def words_hash(words: list[str]) -> str:
    """:func:`text_hash` of a text whose :func:`normalized_words` are ``words``."""
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:32]


def same_brief(a: Brief, b: Brief) -> bool:
    """Equal content, whatever the time each was generated."""
    return a.model_copy(update={"generated_at": None}) == b.model_copy(
        update={"generated_at": None}
    )


def brief_article_ids(brief: Brief) -> list[str]:
    refs = [*brief.articles, *([brief.article] if brief.article else [])]
    return sorted({ref.id for ref in refs})


def parse_iso(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
