"""Plain text (and Markdown) into an Article: normalize, split paragraphs, derive a stable id."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, datetime

from newsbrief.models import Article, Span

_PARA_BREAK = re.compile(r"\n[ \t]*\n+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


def normalize_text(text: str) -> str:
    """NFC, unified newlines, collapsed runs of spaces, no trailing spaces, single blank lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def article_id(text: str) -> str:
    """A stable id: the first 16 hex digits of the SHA-256 of the whitespace-collapsed text."""
    canon = " ".join(text.split()).lower()
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()[:16]


def paragraph_spans(text: str) -> tuple[Span, ...]:
    """Paragraphs are separated by blank lines; single newlines inside a paragraph are kept."""
    spans: list[Span] = []
    pos = 0
    for m in _PARA_BREAK.finditer(text):
        if text[pos : m.start()].strip():
            spans.append(Span(start=pos, end=m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append(Span(start=pos, end=len(text)))
    return tuple(spans)


def split_markdown_title(text: str) -> tuple[str | None, str]:
    """If the text opens with a Markdown heading, return it as the title and the rest as body."""
    first, _, rest = text.partition("\n")
    m = _MD_HEADING.match(first)
    if m:
        return m.group(1).strip(), rest.lstrip("\n")
    return None, text


def article_from_text(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    published: datetime | None = None,
    source: str | None = None,
    language: str | None = "en",
) -> Article:
    """Build an Article from plain text. Validation (length, language) happens in ``ingest``."""
    body = normalize_text(text)
    return Article(
        id=article_id(body),
        text=body,
        title=title,
        url=url,
        outlet=outlet,
        author=author,
        published=published,
        language=language,
        source=source,
        paragraphs=paragraph_spans(body),
    )


def parse_datetime(value: str) -> datetime | None:
    """Parse an ISO 8601 date or date-time; naive values are taken as UTC. None if unparseable."""
    raw = value.strip()
    if raw.endswith("Z"):
        raw = raw[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed
