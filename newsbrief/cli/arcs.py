"""``newsbrief arcs`` and ``newsbrief brief --arc``: story arcs, the long-running stories that
group developments (story threads)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from newsbrief.cli.archive import Db, err, out
from newsbrief.cli.output import counted
from newsbrief.errors import InputError, StoreError
from newsbrief.render import render
from newsbrief.settings import Settings
from newsbrief.store import Archive
from newsbrief.store.arcs import ArcRow
from newsbrief.store.records import StoryRow


def _row_json(row: ArcRow | StoryRow, counts: dict[str, int]) -> dict[str, Any]:
    """An arc or a development as data: id, title, ``counts``, first and last publication."""
    first, last = row.first_published, row.last_published
    return {
        "id": row.id,
        "title": row.title,
        **counts,
        "first_published": first.isoformat() if first else None,
        "last_published": last.isoformat() if last else None,
    }


def arc_json(row: ArcRow) -> dict[str, Any]:
    return _row_json(row, {"developments": row.development_count, "articles": row.article_count})


def development_json(row: StoryRow) -> dict[str, Any]:
    counts = {"articles": row.article_count, "independent_sources": row.independent_sources}
    return _row_json(row, counts)


def arcs(
    arc_id: Annotated[
        str | None, typer.Argument(help="Show this arc and its developments.", show_default=False)
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Most arcs to list.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead.")] = False,
    db: Db = None,
) -> None:
    """List story arcs (long-running stories), or show one arc's developments on a timeline."""
    settings = Settings(db_path=db) if db else Settings()
    with Archive.open(settings.db_path) as archive:
        if arc_id is not None:
            _show(archive, arc_id, as_json=as_json)
            return
        rows = archive.arcs(limit=limit)
        total = archive.arc_count()
    if as_json:
        typer.echo(json.dumps({"items": [arc_json(r) for r in rows], "total": total}))
        return
    if not rows:
        err.print("no arcs yet — add articles with `newsbrief ingest`")
        return
    table = Table(show_edge=False, pad_edge=False)
    for name in ("arc", "title", "devs", "articles", "span"):
        table.add_column(name, no_wrap=name != "title")
    for row in rows:
        first, last = row.first_published, row.last_published
        span = f"{first:%Y-%m-%d}" if first else "undated"
        if first and last and last.date() != first.date():
            span += f" – {last:%Y-%m-%d}"
        cells = (
            row.id,
            row.title or "",
            str(row.development_count),
            str(row.article_count),
            span,
        )
        table.add_row(*(Text(cell) for cell in cells))
    out.print(table)


def _show(archive: Archive, arc_id: str, *, as_json: bool) -> None:
    row = archive.get_arc(arc_id)
    if row is None:
        raise StoreError(f"no arc {arc_id!r} in {archive.path}", hint="list them: newsbrief arcs")
    devs = archive.arc_developments(row.id)
    if as_json:
        data = arc_json(row) | {"development_list": [development_json(d) for d in devs]}
        typer.echo(json.dumps(data))
        return
    out.print(f"{row.title or row.id}  ({row.id})", markup=False)
    developments = counted(row.development_count, "development")
    out.print(f"{developments}, {counted(row.article_count, 'article')}", markup=False)
    for d in devs:
        day = d.first_published.strftime("%Y-%m-%d") if d.first_published else "undated   "
        out.print(f"  {day}  {d.title or d.id}  [{d.article_count}]  {d.id}", markup=False)


def run_arc_brief(arc_id: str, *, settings: Settings, fmt: str, output: Path | None) -> None:
    """Brief a whole story arc: one story brief over the articles of all its developments
    (its Story So Far merges their dated events), then the list of developments."""
    from newsbrief.compose import compose_story_brief
    from newsbrief.compose.story.stored import copies_of

    with Archive.open(settings.db_path) as archive:
        row = archive.get_arc(arc_id)
        analyses = archive.arc_analyses(arc_id) if row is not None else []
        if row is None or not analyses:
            raise StoreError(
                f"no analyzed arc {arc_id!r} in {settings.db_path}",
                hint="list them with `newsbrief arcs` (articles ingested with --no-analyze"
                " have nothing to brief)",
            )
        devs = archive.arc_developments(row.id)
        brief = compose_story_brief(analyses, settings, copies=copies_of(archive, analyses))
    if fmt == "json":
        data = {
            "arc": arc_json(row) | {"development_list": [development_json(d) for d in devs]},
            "brief": brief.model_dump(mode="json"),
        }
        text = json.dumps(data, indent=2)
    else:
        text = render(brief, fmt)  # type: ignore[arg-type]
        if fmt == "md":
            lines = ["", f"## Developments of this arc ({len(devs)})", ""]
            for d in devs:
                day = d.first_published.strftime("%Y-%m-%d") if d.first_published else "undated"
                n = counted(d.article_count, "article")
                lines.append(f"- {day} — {d.title or d.id} ({n}, `{d.id}`)")
            text = text.rstrip("\n") + "\n" + "\n".join(lines)
    text = text if text.endswith("\n") else text + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"cannot write {output}: {exc.strerror}", hint="check the -o path is writable"
        ) from exc
    err.print(f"wrote {output}")
