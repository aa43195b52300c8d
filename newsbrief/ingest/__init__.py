"""Stage 1: read an input (file, HTML, URL, standard input) into an Article.

``load_input(spec)`` takes a ``.txt``/``.md`` path, an ``.html``/``.htm`` path, an ``http(s)://``
URL or ``-`` for standard input. Metadata comes from the input (a ``Title:``/``Outlet:``/
``Published:`` header block in text files, a leading Markdown heading, or the page's metadata for
HTML) and is overridden by the keyword arguments. The text is then checked: enough words
(``settings.min_words``) and English.
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO, NamedTuple, TextIO

from newsbrief.errors import InputError, InputNote, NoMainText, UnsupportedInput
from newsbrief.ingest.files import Kind, RawInput, markdown_to_text, read_file, read_stdin
from newsbrief.ingest.html import HtmlExtract, extract_html
from newsbrief.ingest.http import ConnectTo
from newsbrief.ingest.pagedate import url_date
from newsbrief.ingest.text import (
    article_from_text,
    article_id,
    normalize_text,
    parse_given_date,
    split_header,
    split_markdown_title,
)
from newsbrief.ingest.url import HTML_TYPES, Fetched, Guard, fetch_url, is_url
from newsbrief.ingest.validate import check_article_text, check_english, word_count
from newsbrief.models import Article
from newsbrief.settings import Settings

__all__ = [
    "Fetched",
    "HtmlExtract",
    "article_from_raw",
    "article_from_text",
    "article_id",
    "extract_html",
    "fetch_url",
    "load_input",
]


def load_input(
    spec: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: datetime | None = None,
    settings: Settings | None = None,
    stdin: TextIO | BinaryIO | None = None,
    guard: Guard | None = None,
    peer_guard: Guard | None = None,
    connect_to: ConnectTo | None = None,
    fetched: Fetched | None = None,
) -> Article:
    """Read one article. Keyword arguments override the metadata found in the input.

    Raises ``InputNotFound``, ``UnsupportedInput``, ``EmptyArticle``, ``NotEnglish``,
    ``NoMainText`` or ``FetchError``, each with a message naming the input and a hint.
    ``guard``, ``peer_guard`` and ``connect_to`` are passed to ``fetch_url`` for URLs (see
    there); ``fetched`` is the URL's page when it was already fetched (it is not fetched again).
    """
    settings = settings or Settings()
    fetched_url: str | None
    if fetched is not None:
        raw, fetched_url = _from_fetched(spec, fetched), fetched.url
    else:
        raw, fetched_url = _read(spec, settings, stdin, _Guards(guard, peer_guard, connect_to))
    return article_from_raw(
        raw, settings, url=fetched_url, title=title, outlet=outlet, published=published
    )


def article_from_raw(
    raw: RawInput,
    settings: Settings,
    *,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: datetime | None = None,
) -> Article:
    """The article of an input already read (``url``: where it was fetched from): its main
    text and metadata extracted and checked. The part of :func:`load_input` that needs no
    file or network, so it may run on another process or machine."""
    found = _parse(raw, url, settings)
    given = replace(
        found,
        title=title or found.title,
        outlet=outlet or found.outlet,
        published=_aware(published) or found.published,
        url=found.url or url,
    )
    if raw.kind == "html" and given.published is None:
        filed = url_date(given.url)
        if filed is not None:
            given = replace(given, published=filed)
            warnings.warn(
                f"{raw.source}: the page states no publication date in its metadata; its"
                f" address files it under {filed:%Y-%m-%d}, which anchors relative dates"
                " ('on Tuesday'); give --published to set another",
                InputNote,
                stacklevel=2,
            )
        else:
            warnings.warn(
                f"{raw.source}: the page states no publication date in its metadata, so none"
                " is set and relative dates ('on Tuesday') stay unresolved; give --published"
                " to anchor them",
                InputNote,
                stacklevel=2,
            )
    return article_from_text(**asdict(given), source=raw.source, language="en")


class _Guards(NamedTuple):
    guard: Guard | None
    peer_guard: Guard | None
    connect_to: ConnectTo | None


def _read(
    spec: str,
    settings: Settings,
    stdin: TextIO | BinaryIO | None,
    guards: _Guards,
) -> tuple[RawInput, str | None]:
    if spec == "-":
        return read_stdin(stdin if stdin is not None else _default_stdin()), None
    if is_url(spec):
        fetched = fetch_url(
            spec,
            settings,
            guard=guards.guard,
            peer_guard=guards.peer_guard,
            connect_to=guards.connect_to,
        )
        return _from_fetched(spec, fetched), fetched.url
    if "://" in spec:
        raise UnsupportedInput(f"{spec!r}: only http:// and https:// URLs can be fetched")
    return read_file(Path(spec)), None


def _from_fetched(spec: str, fetched: Fetched) -> RawInput:
    kind: Kind = "html" if fetched.content_type in HTML_TYPES else "text"
    return RawInput(fetched.text, kind, spec)


def _default_stdin() -> TextIO | BinaryIO:
    if sys.stdin is None or sys.stdin.closed:  # started with stdin closed (``<&-``)
        raise InputError(
            "standard input is closed: nothing to read from -",
            hint="pipe the article in, e.g. cat story.txt | newsbrief brief -",
        )
    buffer: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    return buffer if buffer is not None else sys.stdin


def _parse(raw: RawInput, url: str | None, settings: Settings) -> HtmlExtract:
    """The input's main text and the metadata it states (a text file's header block, a
    page's metadata)."""
    if raw.kind == "html":
        return _parse_html(raw, url, settings)
    return _parse_text(raw, settings)


def _parse_html(raw: RawInput, url: str | None, settings: Settings) -> HtmlExtract:
    page = extract_html(raw.text, url=url, source=raw.source)
    n = word_count(page.text)
    if n < settings.min_words:
        raise NoMainText(
            f"only {n} words of main text found in {raw.source}; "
            f"a brief needs at least {settings.min_words}"
        )
    check_english(page.text, raw.source)
    return page


def _parse_text(raw: RawInput, settings: Settings) -> HtmlExtract:
    header, body = split_header(raw.text)
    md_title, body = split_markdown_title(normalize_text(body))
    if raw.kind == "markdown":
        body = markdown_to_text(body)
    check_article_text(body, raw.source, min_words=settings.min_words)
    published = header.get("published")
    return HtmlExtract(
        body,
        title=header.get("title") or md_title,
        outlet=header.get("outlet"),
        author=header.get("author"),
        published=parse_given_date(
            published,
            refusal=f"{raw.source}: the Published: line {published!r} is not a date",
            hint="write it as an ISO date, e.g. Published: 2024-06-11T09:30:00+00:00",
        ),
        url=header.get("url"),
    )


def _aware(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)
