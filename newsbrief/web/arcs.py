"""Story arcs on the web: ``/api/v1/arcs`` (``{items, total, next}``), ``/api/v1/arcs/{id}``
(the arc with its developments) and the page ``/arcs/{id}`` (its developments on a timeline).
A merged-away arc id answers with the arc it was merged into."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from newsbrief.store import Archive
from newsbrief.store.arcs import ArcRow
from newsbrief.store.records import StoryRow
from newsbrief.web.api import BackendDep, Limit, Offset
from newsbrief.web.errors import ERROR_RESPONSES
from newsbrief.web.schemas import Page, page_of
from newsbrief.web.templating import render_page

api_router = APIRouter(
    prefix="/api/v1",
    tags=["api"],
    responses={status: ERROR_RESPONSES[status] for status in (400, 404, 422, 500)},
)
page_router = APIRouter(include_in_schema=False)


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class ArcOut(_Out):
    id: str
    title: str | None
    development_count: int = Field(description="story threads (developments) in the arc")
    article_count: int
    first_published: datetime | None
    last_published: datetime | None
    updated_at: datetime
    url: str = Field(description="the arc's page")


class DevelopmentOut(_Out):
    id: str
    title: str | None
    article_count: int
    independent_sources: int
    first_published: datetime | None
    last_published: datetime | None
    url: str = Field(description="the development's (story's) page")


class ArcDetail(ArcOut):
    developments: list[DevelopmentOut] = Field(description="earliest first")


def _arc_out(row: ArcRow) -> ArcOut:
    return ArcOut(
        id=row.id,
        title=row.title,
        development_count=row.development_count,
        article_count=row.article_count,
        first_published=row.first_published,
        last_published=row.last_published,
        updated_at=row.updated_at,
        url=f"/arcs/{row.id}",
    )


def _development_out(row: StoryRow) -> DevelopmentOut:
    return DevelopmentOut(
        id=row.id,
        title=row.title,
        article_count=row.article_count,
        independent_sources=row.independent_sources,
        first_published=row.first_published,
        last_published=row.last_published,
        url=f"/stories/{row.id}",
    )


def developments(archive: Archive, arc_id: str) -> list[StoryRow]:
    rows = (archive.get_story(sid) for sid in archive.arc_story_ids(arc_id))
    return [r for r in rows if r is not None]


@api_router.get("/arcs", response_model=Page[ArcOut])
def list_arcs(backend: BackendDep, limit: Limit = 20, offset: Offset = 0) -> Page[ArcOut]:
    """Story arcs (long-running stories), latest development first."""
    reader = backend.reader()
    rows = reader.arcs(limit=limit, offset=offset)
    total = reader.arc_count()
    items = [_arc_out(r) for r in rows]
    return page_of(items, "/api/v1/arcs", total=total, limit=limit, offset=offset)


@api_router.get("/arcs/{arc_id}", response_model=ArcDetail)
def get_arc(arc_id: str, backend: BackendDep) -> ArcDetail:
    """One arc with its developments, earliest first."""
    reader = backend.reader()
    row = reader.get_arc(arc_id)
    if row is None:
        raise HTTPException(404, f"no arc {arc_id!r}")
    devs = [_development_out(d) for d in developments(reader, row.id)]
    return ArcDetail(**_arc_out(row).model_dump(), developments=devs)


@page_router.get("/arcs/{arc_id}")
def arc_page(arc_id: str, backend: BackendDep) -> Response:
    """The arc's developments on a timeline, each linking to its story page."""
    reader = backend.reader()
    row = reader.get_arc(arc_id)
    if row is None:
        raise HTTPException(404, f"There is no story arc {arc_id!r} in this archive.")
    context = {
        "title": row.title or "Story arc",
        "arc": row,
        "developments": developments(reader, row.id),
    }
    return render_page("arc.html.j2", context)
