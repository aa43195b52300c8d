"""Read-only queries the web app needs beyond what :class:`Archive` offers: article listings
with paging, actors across articles, and archive counts.

Nothing here writes. Every function takes a :class:`~newsbrief.store.db.Database` (the web app
opens read-only ones with :func:`open_readonly`, one per thread) and returns plain records; the
schema is the one ``newsbrief.store.migrations`` defines, on either backend.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newsbrief.models import web_url
from newsbrief.store.db import Database, Target, connect
from newsbrief.stories.titles import LEAD_CHARS, TitleSource, article_title, story_title

__all__ = [
    "ActorMention",
    "ActorRow",
    "ArticleRow",
    "Counts",
    "actor_mentions",
    "counts",
    "list_articles",
    "open_readonly",
    "search_actors",
    "story_articles",
    "story_titles",
    "title_sources",
]


def open_readonly(target: Target) -> Database:
    """A read-only connection to an existing archive (used by one thread at a time)."""
    return connect(target, readonly=True)


def _when(value: object) -> datetime | None:
    """A stored UTC timestamp as an aware datetime."""
    if not value:
        return None
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class ArticleRow:
    """An article as listed: ``title`` is what a reader sees (its headline, or one composed
    from its lead: never empty, never an id)."""

    id: str
    title: str
    outlet: str | None
    url: str | None
    published: datetime | None
    ingested_at: datetime | None
    story_id: str | None


@dataclass(frozen=True)
class ActorRow:
    """An actor across the archive: every actor of this name (any case) in any article."""

    name: str
    kind: str
    role: str | None
    affiliation: str | None
    article_count: int
    story_count: int


@dataclass(frozen=True)
class ActorMention:
    """One article in which an actor appears, with the actor's id in that article."""

    article: ArticleRow
    actor_id: str
    role: str | None
    affiliation: str | None


@dataclass(frozen=True)
class Counts:
    articles: int
    stories: int
    actors: int


_ARTICLE_SELECT = f"""
    SELECT a.id, a.title, a.outlet, a.url, a.published, a.ingested_at, sa.story_id,
           substr(a.text, 1, {LEAD_CHARS})
    FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id
"""


def _article(row: tuple[object, ...]) -> ArticleRow:
    return ArticleRow(
        id=str(row[0]),
        title=article_title(_text(row[1]), str(row[7] or "")),
        outlet=_text(row[2]),
        url=web_url(_text(row[3])),
        published=_when(row[4]),
        ingested_at=_when(row[5]),
        story_id=_text(row[6]),
    )


def list_articles(conn: Database, *, limit: int = 50, offset: int = 0) -> list[ArticleRow]:
    """Articles, newest first (publication date, then ingest time)."""
    rows = conn.execute(
        _ARTICLE_SELECT
        + " ORDER BY COALESCE(a.published, a.ingested_at) DESC, a.id LIMIT ? OFFSET ?",
        (limit, offset),
    )
    return [_article(r) for r in rows]


def story_articles(conn: Database, story_id: str) -> list[ArticleRow]:
    """The articles of a story, oldest published first (undated ones by ingest order); a story
    merged into another is read as the one it was merged into."""
    for _ in range(16):  # follow merge redirects (short chains; the bound guards a cycle)
        target = conn.execute(
            "SELECT merged_into FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        if target is None or target[0] is None:
            break
        story_id = str(target[0])
    rows = conn.execute(
        _ARTICLE_SELECT
        + " WHERE sa.story_id = ? ORDER BY a.published IS NULL, a.published, sa.added_at",
        (story_id,),
    )
    return [_article(r) for r in rows]


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_actors(conn: Database, text: str, *, limit: int = 20) -> list[ActorRow]:
    """Actors whose name (or an alias) contains ``text``, most often seen first."""
    needle = " ".join(text.split())
    if not needle:
        return []
    d = conn.dialect
    rows = conn.execute(
        "SELECT MIN(ac.name), MAX(ac.kind), MAX(ac.role), MAX(ac.affiliation),"
        " COUNT(DISTINCT ac.article_id), COUNT(DISTINCT sa.story_id)"
        " FROM actors ac LEFT JOIN story_articles sa ON sa.article_id = ac.article_id"
        f" WHERE ac.name {d.like} ? ESCAPE '\\' OR ac.aliases {d.like} ? ESCAPE '\\'"
        f" GROUP BY {d.nocase('ac.name')} ORDER BY COUNT(DISTINCT ac.article_id) DESC, 1"
        " LIMIT ?",
        (_like(needle), _like(needle), limit),
    )
    return [ActorRow(str(r[0]), str(r[1]), r[2], r[3], int(r[4]), int(r[5])) for r in rows]


def actor_mentions(conn: Database, name: str, *, limit: int = 100) -> list[ActorMention]:
    """The articles in which an actor of this exact name (any case) appears, oldest first."""
    rows = conn.execute(
        "SELECT a.id, a.title, a.outlet, a.url, a.published, a.ingested_at, sa.story_id,"
        f" substr(a.text, 1, {LEAD_CHARS}), ac.actor_id, ac.role, ac.affiliation"
        " FROM actors ac JOIN articles a ON a.id = ac.article_id"
        " LEFT JOIN story_articles sa ON sa.article_id = a.id"
        f" WHERE {conn.dialect.nocase('ac.name')} = {conn.dialect.nocase('?')}"
        " ORDER BY COALESCE(a.published, a.ingested_at), a.id LIMIT ?",
        (name, limit),
    )
    return [ActorMention(_article(r[:8]), str(r[8]), r[9], r[10]) for r in rows]


def counts(conn: Database) -> Counts:
    row = conn.execute(
        "SELECT (SELECT COUNT(*) FROM articles),"
        " (SELECT COUNT(*) FROM stories WHERE merged_into IS NULL),"
        f" (SELECT COUNT(DISTINCT {conn.dialect.nocase('name')}) FROM actors)"
    ).fetchone()
    return Counts(int(row[0]), int(row[1]), int(row[2]))


def story_titles(conn: Database, story_ids: list[str]) -> dict[str, str]:
    """Each story's title (see :mod:`newsbrief.stories.titles`), from its articles."""
    select = (
        f"SELECT sa.story_id, a.id, a.title, substr(a.text, 1, {LEAD_CHARS}), a.published"
        " FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
    )
    sources = title_sources(conn, story_ids, select, key="sa.story_id", chunk=500, when=_when)
    return {sid: story_title(found) for sid, found in sources.items()}


def title_sources(
    conn: Database,
    ids: Sequence[str],
    select: str,
    *,
    key: str,
    chunk: int,
    when: Callable[[Any], datetime | None],
) -> dict[str, list[TitleSource]]:
    """The title sources of each id's articles: ``select`` gives rows of (id, article id,
    title, lead, published) and is asked for ``chunk`` ids at a time (``key IN (…)``)."""
    sources: dict[str, list[TitleSource]] = {i: [] for i in ids}
    for start in range(0, len(ids), chunk):
        part = list(ids[start : start + chunk])
        marks = ", ".join("?" * len(part))
        for row in conn.execute(f"{select} WHERE {key} IN ({marks})", part):
            sources[str(row[0])].append(
                TitleSource(str(row[1]), _text(row[2]), str(row[3] or ""), when(row[4]))
            )
    return sources
