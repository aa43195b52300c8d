"""RSS and Atom feeds: conditional fetching, parsing (feedparser) and one article per entry.

An entry's article is read from its link (the page's main text); when the page cannot be
fetched or has no usable text, the entry's own content or summary is used instead.

    fetch_feed(url, settings, etag=…, last_modified=…)  → FeedFetch (status 200 or 304)
    parse_feed(data, source)                            → Feed (title, entries)
    feed_items(feed, feed_key, settings)                → SourceItem per entry
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import feedparser
import httpx

from newsbrief.errors import FetchError, InputError, NewsbriefError
from newsbrief.ingest.jsonl import SourceItem
from newsbrief.models import Article
from newsbrief.settings import Settings

FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
_FEED_ROOT = re.compile(
    rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*)*<(?:rss|feed|rdf:RDF)\b",
    re.S | re.I,
)
_FEED_URL = re.compile(r"(?:\.(?:xml|rss|atom)|/(?:feed|rss|atom)/?)(?:\?.*)?$", re.I)
_BLOCKS = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|tr)>|<br\s*/?>", re.I)
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)


@dataclass(frozen=True)
class FeedFetch:
    """The answer to a (conditional) feed request: 200 with a body, or 304 Not Modified."""

    url: str
    status: int
    body: bytes | None
    etag: str | None
    last_modified: str | None
    content_type: str = ""  # the raw Content-Type header

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class FeedEntry:
    key: str  # the entry's id, else its link, else a hash of its title and date
    link: str | None
    title: str | None
    published: datetime | None
    author: str | None
    content_html: str | None  # the entry's full content, else its summary


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: tuple[FeedEntry, ...]


def looks_like_feed(data: bytes) -> bool:
    """True when the document's root element is ``rss``, ``feed`` (Atom) or ``rdf:RDF``."""
    return _FEED_ROOT.match(data[:4096].lstrip(b"\xef\xbb\xbf")) is not None


def looks_like_feed_url(url: str) -> bool:
    """A URL whose path names a feed (``….xml``, ``….rss``, ``/feed``): fetched as one."""
    return _FEED_URL.search(url) is not None


def fetch_feed(
    url: str,
    settings: Settings,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    what: str = "the feed ",
) -> FeedFetch:
    """GET a feed, conditionally when ``etag``/``last_modified`` are known; 304 has no body.

    The whole request (connect, headers, body) ends within ``settings.fetch_timeout_s``.
    ``what`` names the URL in error messages ("the feed …"; "" for a URL that may be a page).
    """
    from newsbrief.ingest.http import deadline_client
    from newsbrief.ingest.url import translate_http_error

    headers = {"User-Agent": settings.user_agent, "Accept": _ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with (
            deadline_client(
                total_s=settings.fetch_timeout_s,
                timeout_s=settings.fetch_timeout_s,
                follow_redirects=True,
                max_redirects=settings.fetch_max_redirects,
                headers=headers,
            ) as client,
            client.stream("GET", url) as response,
        ):
            return _read_feed_response(response, url, settings, what)
    except httpx.TooManyRedirects as exc:
        raise FetchError(
            f"{what}{url} redirected more than {settings.fetch_max_redirects} times"
        ) from exc
    except httpx.HTTPError as exc:
        error = translate_http_error(exc, url, settings)
        raise FetchError(f"{what}{error.message}", hint=error.hint) from exc


def _read_feed_response(
    response: httpx.Response, url: str, settings: Settings, what: str
) -> FeedFetch:
    etag = response.headers.get("etag")
    modified = response.headers.get("last-modified")
    if response.status_code == 304:
        return FeedFetch(str(response.url), 304, None, etag, modified)
    if response.status_code >= 400:
        raise FetchError(f"{what}{url} answered HTTP {response.status_code}")
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > settings.fetch_max_bytes:
            raise FetchError(f"{what}{url} is larger than {settings.fetch_max_bytes:,} bytes")
        chunks.append(chunk)
    return FeedFetch(
        str(response.url),
        response.status_code,
        b"".join(chunks),
        etag,
        modified,
        response.headers.get("content-type", ""),
    )


def parse_feed(data: bytes, source: str) -> Feed:
    """Parse RSS or Atom bytes; ``InputError`` when they are not a readable feed."""
    parsed: Any = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or "unreadable"
        raise InputError(f"{source} is not a readable RSS or Atom feed ({reason})")
    if not parsed.entries and not parsed.feed.get("title"):
        raise InputError(f"{source} is not an RSS or Atom feed")
    title = parsed.feed.get("title") or None
    return Feed(title=title, entries=tuple(_entry(e) for e in parsed.entries))


def _entry(raw: Any) -> FeedEntry:
    link = raw.get("link") or None
    title = raw.get("title") or None
    stamp = raw.get("published_parsed") or raw.get("updated_parsed")
    published = datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
    contents = raw.get("content") or []
    html = next((c.get("value") for c in contents if c.get("value")), None)
    key = raw.get("id") or link or _hash_key(title, published)
    return FeedEntry(
        key=str(key),
        link=link,
        title=title,
        published=published,
        author=raw.get("author") or None,
        content_html=html or raw.get("summary") or None,
    )


def _hash_key(title: str | None, published: datetime | None) -> str:
    basis = f"{title or ''}|{published.isoformat() if published else ''}"
    return "sha1:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()


def read_feed_file(path: Path) -> Feed:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path} could not be read: {exc.strerror or exc}") from exc
    return parse_feed(data, str(path))


def feed_items(feed: Feed, feed_key: str, settings: Settings) -> Iterator[SourceItem]:
    """One item per entry, newest last (so stories grow in publication order)."""
    entries = sorted(feed.entries, key=lambda e: (e.published is None, e.published or datetime.min))
    for entry in entries:
        label = entry.link or f"{feed_key}#{entry.key}"
        yield SourceItem(label, _entry_loader(entry, feed, settings), feed_key, entry.key)


def _entry_loader(entry: FeedEntry, feed: Feed, settings: Settings) -> Callable[[], Article]:
    return partial(entry_article, entry, feed.title, settings)  # picklable: it may run in a worker


def entry_article(entry: FeedEntry, feed_title: str | None, settings: Settings) -> Article:
    """The entry's article: its linked page, else its own content or summary."""
    from newsbrief.ingest import load_input

    if entry.link:
        try:
            page = load_input(entry.link, settings=settings, published=entry.published)
        except NewsbriefError as exc:
            if not entry.content_html:
                raise
            return _content_article(entry, feed_title, settings, reason=exc)
        return page.model_copy(
            update={
                "title": entry.title or page.title,
                "published": entry.published or page.published,
                "outlet": page.outlet or feed_title,
                "author": page.author or entry.author,
            }
        )
    if not entry.content_html:
        raise InputError(f"feed entry {entry.key!r} has neither a link nor any content")
    return _content_article(entry, feed_title, settings, reason=None)


def _content_article(
    entry: FeedEntry, feed_title: str | None, settings: Settings, reason: NewsbriefError | None
) -> Article:
    from newsbrief.ingest.text import article_from_text
    from newsbrief.ingest.validate import check_article_text

    text = fragment_text(entry.content_html or "")
    label = entry.link or entry.key
    try:
        check_article_text(text, f"the feed's text of {label}", min_words=settings.min_words)
    except InputError:
        if reason is not None:
            raise reason from None
        raise
    return article_from_text(
        text,
        title=entry.title,
        url=entry.link,
        outlet=feed_title,
        author=entry.author,
        published=entry.published,
        source=label,
    )


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), paragraphs kept apart."""
    if "<" not in html:
        return html.strip()
    import lxml.html

    marked = _BLOCKS.sub(lambda m: m.group(0) + "\n\n", html)
    root = lxml.html.fragment_fromstring(marked, create_parent="div")
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    text: str = root.text_content()
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def next_delay(every_s: float, failures: int, cap_s: float) -> float:
    """Seconds until the next poll: ``every`` when healthy, doubled per failure, capped."""
    if failures <= 0:
        return every_s
    return min(max(every_s, 1.0) * 2.0**failures, max(cap_s, every_s))
