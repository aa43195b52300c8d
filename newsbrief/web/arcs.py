"""Story arcs on the web: ``/api/v1/arcs`` (``{items, total, next}``), ``/api/v1/arcs/{id}``
(the arc with its developments) and the page ``/arcs/{id}`` (its developments on a timeline).
A merged-away arc id answers with the arc it was merged into."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response
from pydantic import Field

from newsbrief.store import Archive
from newsbrief.store.arcs import ArcRow
from newsbrief.store.records import StoryRow
from newsbrief.web.api import BackendDep, Limit, Offset
from newsbrief.web.errors import ERROR_RESPONSES
from newsbrief.web.schemas import Out, Page, out_of, page_of
from newsbrief.web.templating import render_page

api_router = APIRouter(
    prefix="/api/v1",
    tags=["api"],
    responses={status: ERROR_RESPONSES[status] for status in (400, 404, 422, 500)},
)
page_router = APIRouter(include_in_schema=False)


class ArcOut(Out):
    id: str
    title: str | None
    development_count: int = Field(description="story threads (developments) in the arc")
    article_count: int
    first_published: datetime | None
    last_published: datetime | None
    updated_at: datetime
    url: str = Field(description="the arc's page")


class DevelopmentOut(Out):
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
    return out_of(ArcOut, row, url=f"/arcs/{row.id}")


def _development_out(row: StoryRow) -> DevelopmentOut:
    return out_of(DevelopmentOut, row, url=f"/stories/{row.id}")


def _arc(reader: Archive, arc_id: str, *, missing: str) -> ArcRow:
    row = reader.get_arc(arc_id)
    if row is None:
        raise HTTPException(404, missing)
    return row


@api_router.get("/arcs", response_model=Page[ArcOut])
def list_arcs(backend: BackendDep, limit: Limit = 20, offset: Offset = 0) -> Page[ArcOut]:
    """Story arcs (long-running stories), latest development first."""
    reader = backend.reader()
    items = [_arc_out(r) for r in reader.arcs(limit=limit, offset=offset)]
    return page_of(items, "/api/v1/arcs", total=reader.arc_count(), limit=limit, offset=offset)


@api_router.get("/arcs/{arc_id}", response_model=ArcDetail)
def get_arc(arc_id: str, backend: BackendDep) -> ArcDetail:
    """One arc with its developments, earliest first."""
    reader = backend.reader()
    row = _arc(reader, arc_id, missing=f"no arc {arc_id!r}")
    devs = [_development_out(d) for d in reader.arc_developments(row.id)]
    return ArcDetail(**_arc_out(row).model_dump(), developments=devs)


@page_router.get("/arcs/{arc_id}")
def arc_page(arc_id: str, backend: BackendDep) -> Response:
    """The arc's developments on a timeline, each linking to its story page."""
    reader = backend.reader()
    row = _arc(reader, arc_id, missing=f"There is no story arc {arc_id!r} in this archive.")
    context = {
        "title": row.title or "Story arc",
        "arc": row,
        "developments": reader.arc_developments(row.id),
    }
    return render_page("arc.html.j2", context)
