"""``newsbrief stories``: the story threads, as a table or as JSON, or one thread in full.

newsbrief stories                    # front-page order: latest development, more sources
newsbrief stories --json             # {"items": [...], "total": N}, each with its articles
newsbrief stories STORY_ID [--json]  # one thread: its title, sources and articles
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from newsbrief.cli.archive import Db, Since, parse_since
from newsbrief.cli.output import counted
from newsbrief.errors import StoreError
from newsbrief.settings import Settings
from newsbrief.store.queries import ArticleRow
from newsbrief.store.records import StoryRow

__all__ = ["stories", "story_json"]

_out = typer.echo


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def story_json(
    row: StoryRow, articles: list[ArticleRow], *, arc: str | None = None
) -> dict[str, Any]:
    """One story as data: the listing's JSON shape (also used by tests and scripts); ``arc``:
    the story arc the story (a development) belongs to (``newsbrief arcs ARC``)."""
    return {
        "id": row.id,
        "title": row.title,
        "arc": arc,
        "updated": _iso(row.last_published or row.updated_at),
        "first_published": _iso(row.first_published),
        "last_published": _iso(row.last_published),
        "article_count": row.article_count,
        "independent_sources": row.independent_sources,
        "sources": list(row.outlets),
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "url": a.url,
                "outlet": a.outlet,
                "published": _iso(a.published),
            }
            for a in articles
        ],
    }


def _when(value: datetime | None) -> str:
    if value is None:
        return "undated"
    if (value.hour, value.minute, value.second) == (0, 0, 0):
        return value.strftime("%Y-%m-%d")
    return value.strftime("%Y-%m-%d %H:%M")


def stories(
    story_id: Annotated[
        str | None,
        typer.Argument(help="Show this one story thread (its articles) instead of the list."),
    ] = None,
    since: Since = None,
    limit: Annotated[int, typer.Option(min=1, help="Most stories to list.")] = 50,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (stories with their articles).")
    ] = False,
    db: Db = None,
) -> None:
    """List story threads (latest development first, weighted by independent sources), or
    show one: id, title, articles, sources and last update."""
    from newsbrief.store import Archive

    settings = Settings(db_path=db) if db else Settings()
    with Archive.open(settings.db_path, busy_timeout_s=settings.busy_timeout_s) as archive:
        if story_id is not None:
            row = archive.get_story(story_id)
            if row is None:
                raise StoreError(
                    f"no story {story_id!r} in {settings.db_path}",
                    hint="list them with `newsbrief stories`",
                )
            arc = archive.arc_of_story(row.id)
            _show_one(row, archive.story_article_rows(row.id), arc=arc, as_json=as_json)
            return
        ids = archive.ranked_story_ids(parse_since(since))
        rows = archive.story_rows(ids[:limit])
        listed = [(r, archive.story_article_rows(r.id) if as_json else []) for r in rows]
        arcs = archive.arcs_of_stories([r.id for r in rows]) if as_json else {}
    if as_json:
        items = [story_json(r, a, arc=arcs.get(r.id)) for r, a in listed]
        _out(json.dumps({"items": items, "total": len(ids)}, ensure_ascii=False, indent=2))
        return
    _table(rows, total=len(ids))


def _show_one(row: StoryRow, articles: list[ArticleRow], *, arc: str | None, as_json: bool) -> None:
    if as_json:
        _out(json.dumps(story_json(row, articles, arc=arc), ensure_ascii=False, indent=2))
        return
    _out(row.title)
    sources = ", ".join(row.outlets) or "no outlet named"
    _out(
        f"story {row.id} · {counted(row.article_count, 'article')}"
        f" · {counted(row.independent_sources, 'independent source')}"
        f" ({sources}) · latest {_when(row.last_published)}" + (f" · arc {arc}" if arc else "")
    )
    table = Table(show_edge=False, pad_edge=False)
    for name in ("published", "outlet", "title", "article"):
        table.add_column(name, no_wrap=name != "title")
    for a in articles:
        table.add_row(*(Text(c) for c in (_when(a.published), a.outlet or "", a.title, a.id)))
    _print_table(table)


def _table(rows: list[StoryRow], *, total: int) -> None:
    if not rows:
        typer.echo("no stories yet — add articles with `newsbrief ingest`", err=True)
        return
    table = Table(show_edge=False, pad_edge=False)
    for name in ("story", "title", "articles", "sources", "last update"):
        table.add_column(name, no_wrap=name != "title")
    for row in rows:
        cells = (
            row.id,
            row.title,
            str(row.article_count),
            str(row.independent_sources),
            _when(row.last_published) if row.last_published else f"added {_when(row.updated_at)}",
        )
        table.add_row(*(Text(cell) for cell in cells))
    _print_table(table)
    if total > len(rows):
        typer.echo(f"{len(rows)} of {total} stories; --limit for more", err=True)


def _print_table(table: Table) -> None:
    from newsbrief.cli.archive import out

    out.print(table)
