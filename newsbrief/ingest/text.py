"""Plain text (and Markdown) into an Article: normalize, split paragraphs, derive a stable id."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, datetime

from newsbrief.errors import InputError
from newsbrief.ingest.boilerplate import is_boilerplate
from newsbrief.ingest.structure import byline_name, structure
from newsbrief.models import Article, Span

_PARA_BREAK = re.compile(r"\n[ \t]*\n+")
_SPACES = re.compile(r"[ \t\u00a0]+")
# an agency's tag glued to the lead's first word ("(CNN)The United States …", "LONDON
# (Reuters)Britain …"): the tokenizer reads "CNN)The" as one word and the model makes an actor
# "CNN)The United States"; a space puts the tag apart, where the brief's trim removes it
_GLUED_TAG = re.compile(
    r"^((?:[A-Z][\w.'’-]*[ ,]{0,2}){0,4}\((?:[A-Z]{2,6}|Reuters|Bloomberg|Xinhua|dpa)\))"
    r"(?=[A-Z“\"‘])"
)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


def normalize_text(text: str) -> str:
    """NFC, unified newlines, collapsed runs of spaces, no trailing spaces, single blank lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    lines = [_GLUED_TAG.sub(r"\1 ", _SPACES.sub(" ", line).strip()) for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def strip_boilerplate(text: str) -> str:
    """A normalized text without its boilerplate lines (share prompts, sign-ups, promos)."""
    lines = text.split("\n")
    if not any(is_boilerplate(line) for line in lines):
        return text
    kept = [line for line in lines if not is_boilerplate(line)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


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
    """Build an Article from plain text. Validation (length, language) happens in ``ingest``.

    Boilerplate lines are dropped; paragraphs and their kinds (body, the article's own subheads,
    bylines, datelines, captions, links) come from ``newsbrief.ingest.structure``.
    """
    body = strip_boilerplate(normalize_text(text))
    paragraphs, kinds = structure(body, titled=title is not None)
    if author is None:
        author = next(
            (
                byline_name(body[p.start : p.end])
                for p, k in zip(paragraphs, kinds, strict=True)
                if k == "byline"
            ),
            None,
        )
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
        paragraphs=paragraphs,
        paragraph_kinds=kinds if any(k != "body" for k in kinds) else (),
    )


_HEADER_LINE = re.compile(
    r"^(title|outlet|source|published|date|author|by|url|link)\s*:\s*(.*?)\s*$", re.I
)
_HEADER_KEYS = {
    "title": "title",
    "outlet": "outlet",
    "source": "outlet",
    "published": "published",
    "date": "published",
    "author": "author",
    "by": "author",
    "url": "url",
    "link": "url",
}


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split a leading metadata block (``Title: …`` lines, then a blank line) from the body.

    Every line of the block must be a known ``Key: value`` line (title, outlet, published, author,
    url, and a few synonyms); otherwise the text has no header and comes back whole. A headline
    line of its own above the block ("Senators push bill …", then "Published: …") is the title
    when the block names none.
    """
    stripped = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").lstrip("\n")
    block, sep, rest = stripped.partition("\n\n")
    if not sep:
        return {}, text
    meta = _header_block(block)
    if meta is not None:
        return meta, rest
    second, sep, after = rest.lstrip("\n").partition("\n\n")
    meta = _header_block(second) if sep and _headline_alone(block) else None
    if meta is None:
        return {}, text
    meta.setdefault("title", block.strip().lstrip("#").strip())
    return meta, after


def _header_block(block: str) -> dict[str, str] | None:
    """The ``Key: value`` lines of a header block, or None when a line is not one."""
    meta: dict[str, str] = {}
    for line in block.split("\n"):
        m = _HEADER_LINE.match(line.strip())
        if m is None:
            return None
        if m.group(2):
            meta.setdefault(_HEADER_KEYS[m.group(1).lower()], m.group(2))
    return meta


def _headline_alone(block: str) -> bool:
    """One line that ends no sentence, of headline length."""
    line = block.strip()
    return "\n" not in line and 1 <= len(line.split()) <= 25 and not line.endswith((".", ":"))


def parse_datetime(value: str) -> datetime | None:
    """A date or date-time as an aware datetime; naive values are taken as UTC.

    ISO 8601 first (``Z`` and ``+0000`` offsets included), then a complete written date such as
    "June 11, 2024 9:30 AM". Returns ``None`` when the value is neither.
    """
    value = value.strip()
    if not value:
        return None
    try:
        parsed: datetime | None = datetime.fromisoformat(value)
    except ValueError:
        parsed = _parse_written_date(value)
    if parsed is None:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def parse_given_date(value: str | None, *, refusal: str, hint: str) -> datetime | None:
    """A date someone gave (``None`` when none was given), as :func:`parse_datetime` reads it;
    ``InputError(refusal, hint=hint)`` when it is not a date."""
    if value is None:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        raise InputError(refusal, hint=hint)
    return parsed


# "Posted: …", "Published 3:05 p.m. ET …", "Last updated on …": labels pages put before a date
_DATE_LABEL = re.compile(
    r"^(?:(?:first|last|originally)\s+)?(?:posted|published|updated|modified|date[d]?|"
    r"created|filed)\b\s*(?:on|at)?\s*[:\-–—]?\s*",
    re.I,
)
_MERIDIEM = re.compile(r"\b([ap])\.\s?m\.?(?=\s|$|,)", re.I)
_AT_TIME = re.compile(r"(?<=\d{4})\s+at\s+|\s+at\s+(?=\d{1,2}[:.]?\d{0,2}\s*[ap]m\b)", re.I)
# US zone names without the standard/daylight letter: the zone's rule decides the offset
_US_ZONES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
_US_ZONE = re.compile(r"\s*\b(ET|CT|MT|PT)\b\.?", re.I)


def _parse_written_date(value: str) -> datetime | None:
    import dateparser  # imported here: it is slow to load and rarely needed

    text = _DATE_LABEL.sub("", value, count=1)
    text = _MERIDIEM.sub(lambda m: m.group(1).upper() + "M", text)
    text = _AT_TIME.sub(" ", text)
    zone = None
    found = _US_ZONE.search(text)
    if found is not None:
        zone = _US_ZONES[found.group(1).upper()]
        text = _US_ZONE.sub("", text, count=1)
    parsed: datetime | None = dateparser.parse(
        text.strip(" ,|·"),
        languages=["en"],
        settings={"REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["absolute-time"]},
    )
    if parsed is not None and zone is not None and parsed.tzinfo is None:
        parsed = _in_zone(parsed, zone)
    return parsed


def _in_zone(value: datetime, zone: str) -> datetime:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return value.replace(tzinfo=ZoneInfo(zone))
    except ZoneInfoNotFoundError:
        return value
