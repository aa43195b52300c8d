"""JSON Lines input: one article per line.

Each line is ``{"url"|"text"|"html": …, "title": …, "published": …, "outlet": …}``. A line
with ``text`` or ``html`` may also carry ``url``, as crawlers store pages: the page's address,
kept as metadata and never fetched. A line with only ``url`` is fetched.

Reading is lazy and per line: a malformed line becomes one failing item (its error names the
file and line) and never stops the lines after it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import IO, Any, NamedTuple

from newsbrief.errors import InputError, InputNotFound
from newsbrief.models import Article
from newsbrief.settings import Settings

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_BODY_KEYS = ("text", "html", "url")
_KNOWN_KEYS = frozenset({*_BODY_KEYS, "title", "published", "outlet", "author", "id"})


class SourceItem(NamedTuple):
    """One unit of batch work: a label for reports and a loader that reads the article.

    ``feed``/``entry`` name a feed entry, so a feed's entries are ingested only once.
    """

    label: str
    load: Callable[[], Article]
    feed: str | None = None
    entry: str | None = None


def iter_jsonl_file(path: Path, settings: Settings) -> Iterator[SourceItem]:
    """The items of a JSON Lines file, one per non-blank line."""
    try:
        handle = path.open("r", encoding="utf-8-sig")
    except OSError as exc:
        raise InputNotFound(f"{path} could not be read: {exc.strerror or exc}") from exc
    with handle:
        yield from iter_jsonl(handle, str(path), settings)


def iter_jsonl(stream: IO[str], source: str, settings: Settings) -> Iterator[SourceItem]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        label = f"{source}:{number}"
        yield SourceItem(label, _loader(line, label, settings))


def _loader(line: str, label: str, settings: Settings) -> Callable[[], Article]:
    return partial(_line_article, line, label, settings)  # picklable: it may run in a worker


def _line_article(line: str, label: str, settings: Settings) -> Article:
    return jsonl_article(_parse_line(line, label), label, settings)


def _parse_line(line: str, label: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{label}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise InputError(f"{label}: each line must be a JSON object")
    unknown = sorted(set(record) - _KNOWN_KEYS)
    if unknown:
        raise InputError(
            f"{label}: unknown field(s) {', '.join(unknown)}",
            hint='each line holds "url", "text" or "html", and optionally "title", '
            '"published", "outlet", "author"',
        )
    bodies = [key for key in ("text", "html") if record.get(key)]
    if len(bodies) > 1 or not (bodies or record.get("url")):
        raise InputError(
            f'{label}: give exactly one of "text" or "html" (with "url" as the page\'s'
            ' address, not fetched), or "url" alone to fetch the page'
            + (f" (got {', '.join(bodies)})" if bodies else "")
        )
    for key, value in record.items():
        if value is not None and not isinstance(value, str):
            raise InputError(f'{label}: "{key}" must be a string')
    return record


def _published(value: str | None, label: str) -> datetime | None:
    from newsbrief.ingest.text import parse_given_date

    refusal = f'{label}: "published" {value!r} is not a date'
    return parse_given_date(value or None, refusal=refusal, hint="use ISO 8601")


def jsonl_article(record: dict[str, Any], label: str, settings: Settings) -> Article:
    """The article one JSON Lines record describes (fetching its URL when it gives one)."""
    from newsbrief.ingest import load_input
    from newsbrief.ingest.text import article_from_text
    from newsbrief.ingest.validate import check_article_text

    title, outlet, url = record.get("title"), record.get("outlet"), record.get("url") or None
    published = _published(record.get("published"), label)
    if record.get("html"):
        return html_article(
            record["html"],
            label,
            settings,
            title=title,
            outlet=outlet,
            published=published,
            url=url,
        )
    if not record.get("text") and url:
        return load_input(url, title=title, outlet=outlet, published=published, settings=settings)
    check_article_text(record["text"], label, min_words=settings.min_words)
    return article_from_text(
        record["text"],
        title=title,
        url=url,
        outlet=outlet,
        author=record.get("author"),
        published=published,
        source=label,
    )


def html_article(
    html: str,
    label: str,
    settings: Settings,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: datetime | None = None,
    url: str | None = None,
) -> Article:
    """An article from a whole HTML page; the given metadata wins over the page's."""
    from newsbrief.ingest.html import extract_html
    from newsbrief.ingest.text import article_from_text
    from newsbrief.ingest.validate import check_article_text

    page = extract_html(html, url=url, source=label)
    check_article_text(page.text, label, min_words=settings.min_words)
    return article_from_text(
        page.text,
        title=title or page.title,
        url=url or page.url,
        outlet=outlet or page.outlet,
        author=page.author,
        published=published or page.published,
        source=label,
    )
