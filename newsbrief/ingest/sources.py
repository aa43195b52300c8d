"""Source specs (files, folders, URLs, JSON Lines, feeds, ``-``) expanded into source items.

Each item loads its article lazily; a source that cannot be read becomes one failing item that
says why, so a batch goes on past it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path

from newsbrief.errors import InputError, NewsbriefError, UnsupportedInput
from newsbrief.ingest.feeds import (
    FEED_SUFFIXES,
    feed_items,
    fetch_feed,
    looks_like_feed,
    parse_feed,
)
from newsbrief.ingest.jsonl import JSONL_SUFFIXES, SourceItem, iter_jsonl, iter_jsonl_file
from newsbrief.models import Article
from newsbrief.settings import Settings

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"})


def expand_sources(sources: Sequence[str], settings: Settings) -> Iterator[SourceItem]:
    """Items from files, folders, URLs, JSON Lines (``-`` reads them from stdin) and feeds."""
    from newsbrief.ingest.url import is_url

    for spec in sources:
        if spec == "-":
            yield from _guarded("-", partial(_stdin_items, settings))
        elif is_url(spec):
            yield from _guarded(spec, partial(_url_items, spec, settings))
        elif Path(spec).is_dir():
            paths = folder_files(Path(spec))
            if not paths:
                yield from _guarded(spec, partial(_nothing_in, Path(spec)))
            for path in paths:
                yield from _guarded(str(path), partial(_file_items, path, settings))
        else:
            yield from _guarded(spec, partial(_file_items, Path(spec), settings))


def _guarded(label: str, make: Callable[[], Iterator[SourceItem]]) -> Iterator[SourceItem]:
    """The source's items; if reading the source itself fails, one failing item says why."""
    try:
        yield from make()
    except NewsbriefError as exc:
        error = exc
        yield SourceItem(label, partial(_raise, error))


def _raise(exc: Exception) -> Article:
    raise exc


def _nothing_in(folder: Path) -> Iterator[SourceItem]:
    raise InputError(
        f"nothing to ingest in {folder}: no article, JSON Lines or feed files in it",
        hint="give a folder of .txt/.md/.html, .jsonl or .xml/.rss/.atom files",
    )
    yield  # pragma: no cover  (a generator, like the other sources)


def _stdin_items(settings: Settings) -> Iterator[SourceItem]:
    """JSON Lines from standard input; an error when it is closed or has no lines."""
    if sys.stdin is None or sys.stdin.closed:
        raise InputError(
            "standard input is closed: nothing to read from -",
            hint='pipe JSON Lines in, e.g. echo \'{"url": "https://…"}\' | newsbrief ingest -',
        )
    found = False
    for item in iter_jsonl(sys.stdin, "standard input", settings):
        found = True
        yield item
    if not found:
        raise InputError(
            "standard input is empty: no JSON Lines to ingest",
            hint='give one JSON object per line, e.g. {"url": "https://…"}',
        )


def folder_files(folder: Path) -> list[Path]:
    """Article, JSON Lines and feed files under ``folder`` (recursively, hidden ones skipped)."""
    known = ARTICLE_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in known
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _file_items(path: Path, settings: Settings) -> Iterator[SourceItem]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from iter_jsonl_file(path, settings)
    elif suffix in FEED_SUFFIXES:
        data = path.read_bytes() if path.is_file() else b""
        if not looks_like_feed(data):
            raise UnsupportedInput(f"{path} is not an RSS or Atom feed")
        yield from feed_items(parse_feed(data, str(path)), str(path.resolve()), settings)
    else:
        yield _file_item(path, settings)


def _file_item(path: Path, settings: Settings) -> SourceItem:
    """An article file, read here; its loader only extracts (so it may run in a worker
    process, or on a cluster machine that does not have the file)."""
    from newsbrief.ingest import article_from_raw
    from newsbrief.ingest.files import read_file

    try:
        raw = read_file(path)
    except Exception as exc:  # the item fails with the reason, as its loading would have
        return SourceItem(str(path), partial(_raise, exc))
    return SourceItem(str(path), partial(article_from_raw, raw, settings))


def _url_items(url: str, settings: Settings) -> Iterator[SourceItem]:
    """A feed URL's entries, or the one article page a URL points at."""
    fetched = fetch_feed(url, settings, what="")  # one request: a feed or an article page
    body = fetched.body or b""
    if looks_like_feed(body):
        yield from feed_items(parse_feed(body, url), url, settings)
    else:
        yield SourceItem(
            url, partial(_page_article, url, fetched.url, fetched.content_type, body, settings)
        )


def _page_article(
    url: str, final_url: str, content_type: str, body: bytes, settings: Settings
) -> Article:
    """The article of a page fetched before (while telling a feed from a page)."""
    from newsbrief.ingest import load_input
    from newsbrief.ingest.url import page_from_bytes

    page = page_from_bytes(final_url, content_type, body)
    return load_input(url, settings=settings, fetched=page)
