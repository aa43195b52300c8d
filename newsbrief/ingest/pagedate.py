"""A web page's publication date, from its metadata only.

Where a publisher states the date: ``<meta>`` tags (Open Graph ``article:published_time``,
Dublin Core, ``pubdate`` and their kin), ``datePublished`` in JSON-LD or microdata, and
``<time datetime>`` (the one marked ``pubdate``/``datePublished`` first, else the first in the
article). Never a date found in the page's text: a month named in the body says when something
happened, not when the page was published, and taking it would shift the whole timeline. A page
without one has no date, and the reader is told so (``newsbrief.ingest``), unless its address
carries the day the publisher filed it under (``url_date``: ".../2019/11/20/slug/",
".../2019/nov/18/slug/", ".../slug-20191115/"), which is the publisher's statement too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import lxml.html

from newsbrief.ingest.text import parse_datetime

# <meta name|property|itemprop=…> keys that carry the publication date, best first.
META_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
)
_JSONLD_KEYS = ("datePublished", "dateCreated")


def metadata_date(html: str) -> datetime | None:
    """The page's publication date from its metadata, or None when it states none."""
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"))
    except (ValueError, lxml.etree.ParserError):
        return None
    for candidate in _candidates(root):
        parsed = _parse(candidate)
        if parsed is not None:
            return parsed
    return None


def _candidates(root: Any) -> Iterator[str]:
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if key and content and key not in metas:
            metas[key.strip()] = content
    for key in META_KEYS:
        if key in metas:
            yield metas[key]
    yield from _jsonld_dates(root)
    for el in root.xpath('//*[@itemprop="datePublished"]'):
        value = el.get("datetime") or el.get("content")
        if value:
            yield value
    yield from (t.get("datetime") for t in root.xpath("//time[@pubdate][@datetime]"))
    yield from (t.get("datetime") for t in root.xpath("//article//time[@datetime]")[:1])
    yield from (t.get("datetime") for t in root.xpath("//time[@datetime]")[:1])


def _jsonld_dates(root: Any) -> Iterator[str]:
    for script in root.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "null")
        except ValueError:
            continue
        for key in _JSONLD_KEYS:
            yield from _find_key(data, key)


def _find_key(data: object, key: str, depth: int = 0) -> Iterator[str]:
    if depth > 6:
        return
    if isinstance(data, dict):
        value = data.get(key)
        if isinstance(value, str):
            yield value
        for nested in data.values():
            if isinstance(nested, dict | list):
                yield from _find_key(nested, key, depth + 1)
    elif isinstance(data, list):
        for nested in data:
            yield from _find_key(nested, key, depth + 1)


def _parse(value: str) -> datetime | None:
    value = value.strip()
    if not value or not any(ch.isdigit() for ch in value):
        return None
    parsed = parse_datetime(value)
    if parsed is None or parsed > datetime.now(UTC) + timedelta(days=1) or parsed.year < 1990:
        return None
    return parsed


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# a day in an address's path: /2019/11/20/, /2019/nov/18/, -20191115/ or 2019-11-15
_PATH_DAY = (
    re.compile(r"/((?:19|20)\d\d)/(\d\d?)/(\d\d?)(?=[/_.-]|$)"),
    re.compile(r"/((?:19|20)\d\d)/([a-z]{3})[a-z]*/(\d\d?)(?=[/_.-]|$)", re.I),
    re.compile(r"(?<![\d])((?:19|20)\d\d)-?(\d\d)-?(\d\d)(?![\d])"),
)


def url_date(url: str | None) -> datetime | None:
    """The day an article's address files it under (".../2019/11/20/slug"), or None. Only
    the path is read, and only a whole date: a year and month alone say too little."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for pattern in _PATH_DAY:
        for m in pattern.finditer(path):
            year, month, day = m.groups()
            if month.isalpha():
                if month.lower() not in _MONTHS:
                    continue
                month = str(_MONTHS.index(month.lower()) + 1)
            try:
                found = datetime(int(year), int(month), int(day), tzinfo=UTC)
            except ValueError:
                continue
            if datetime(1990, 1, 1, tzinfo=UTC) <= found <= datetime.now(UTC) + timedelta(days=1):
                return found
    return None
