"""The JSON API under ``/api/v1``: stories, articles, search, briefs, submissions, health.

Briefs are served exactly as ``Brief.model_dump(mode="json")`` (the schema ``newsbrief schema``
prints). Errors are JSON: ``{"error": …, "message": …, "hint": …}`` with a 4xx status.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from newsbrief import __version__
from newsbrief.errors import InputError, NewsbriefError
from newsbrief.models import Article, Brief
from newsbrief.store import queries
from newsbrief.store.migrations import LATEST
from newsbrief.store.records import SearchHit, StoryRow
from newsbrief.web.backend import Backend
from newsbrief.web.errors import (
    ERROR_RESPONSES,
    ApiError,
    ErrorOut,
    api_error,
    error_status,
    has_control_chars,
)
from newsbrief.web.safety import token_matches
from newsbrief.web.submit import MAX_TEXT_CHARS, Submission, brief_submission

router = APIRouter(
    prefix="/api/v1",
    tags=["api"],
    responses={
        400: ERROR_RESPONSES[400],
        404: ERROR_RESPONSES[404],
        422: ERROR_RESPONSES[422],
        500: ERROR_RESPONSES[500],
    },
)

Limit = Annotated[int, Query(ge=1, le=200, description="How many to return.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="How many to skip.")]


def get_backend(request: Request) -> Backend:
    backend: Backend = request.app.state.backend
    return backend


BackendDep = Annotated[Backend, Depends(get_backend)]

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description="`Authorization: Bearer <token>`, needed to write when the server has a token",
)


def require_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """The write token, checked before the request body is read or validated."""
    given = f"Bearer {credentials.credentials}" if credentials is not None else None
    if not token_matches(request.app.state.config.token, given):
        raise ApiError(
            401,
            "a valid token is required to submit articles",
            hint="send the header Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )


TokenDep = Annotated[None, Depends(require_token)]


# --------------------------------------------------------------------------- response models


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Health(Out):
    status: str = "ok"
    version: str
    schema_version: int
    articles: int
    stories: int


class StoryOut(Out):
    id: str
    title: str = Field(description="the story's title, the same on every page and in the brief")
    article_count: int
    independent_sources: int
    outlets: list[str]
    first_published: datetime | None
    last_published: datetime | None
    updated_at: datetime
    url: str = Field(description="the story's page")
    brief_url: str = Field(description="the story's brief as JSON")


class ArticleOut(Out):
    id: str
    title: str = Field(description="the headline, or one composed from the lead")
    outlet: str | None
    url: str | None = Field(description="where the article was published")
    published: datetime | None
    story_id: str | None
    page_url: str
    brief_url: str


class ArticleDetail(Out):
    article: Article
    story_id: str | None
    page_url: str
    brief_url: str


class ArticleHit(ArticleOut):
    snippet: str = Field(description="matched words are marked «like this»")
    score: float


class ActorOut(Out):
    name: str
    kind: str
    role: str | None
    affiliation: str | None
    article_count: int
    story_count: int
    url: str


class SearchOut(Out):
    query: str
    stories: list[StoryOut]
    articles: list[ArticleHit]
    actors: list[ActorOut]


ItemT = TypeVar("ItemT")


class Page(Out, Generic[ItemT]):
    """One page of a list: its items, how many there are in all, and the next page's URL."""

    items: list[ItemT]
    total: int = Field(description="how many there are in all")
    next: str | None = Field(description="the URL of the next page; null on the last")


def _next_url(path: str, *, total: int, limit: int, offset: int) -> str | None:
    if offset + limit >= total:
        return None
    return f"{path}?{urlencode({'limit': limit, 'offset': offset + limit})}"


class SubmitIn(BaseModel):
    """An article to ingest and brief: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    html: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    url: str | None = Field(default=None, max_length=2048)
    title: str | None = Field(default=None, max_length=500)
    outlet: str | None = Field(default=None, max_length=200)
    published: datetime | None = None


class SubmitOut(Out):
    article_id: str
    story_id: str | None
    created: bool = Field(description="False when the article was already in the archive")
    page_url: str
    brief_url: str
    brief: dict[str, Any] = Field(description="the brief, as `newsbrief schema` describes it")


# --------------------------------------------------------------------------- helpers


def _story_out(row: StoryRow) -> StoryOut:
    return StoryOut(
        id=row.id,
        title=row.title,
        article_count=row.article_count,
        independent_sources=row.independent_sources,
        outlets=list(row.outlets),
        first_published=row.first_published,
        last_published=row.last_published,
        updated_at=row.updated_at,
        url=f"/stories/{row.id}",
        brief_url=f"/api/v1/stories/{row.id}/brief",
    )


def _article_out(row: queries.ArticleRow) -> ArticleOut:
    return ArticleOut(
        id=row.id,
        title=row.title,
        outlet=row.outlet,
        url=row.url,
        published=row.published,
        story_id=row.story_id,
        page_url=f"/articles/{row.id}",
        brief_url=f"/api/v1/articles/{row.id}/brief",
    )


def _hit_out(hit: SearchHit) -> ArticleHit:
    return ArticleHit(
        id=hit.article_id,
        title=hit.title,
        outlet=hit.outlet,
        url=None,
        published=hit.published,
        story_id=hit.story_id,
        page_url=f"/articles/{hit.article_id}",
        brief_url=f"/api/v1/articles/{hit.article_id}/brief",
        snippet=hit.snippet,
        score=hit.score,
    )


def _brief_response(brief: Brief) -> JSONResponse:
    return JSONResponse(brief.model_dump(mode="json"))


def _not_found(what: str) -> HTTPException:
    return HTTPException(404, f"there is no {what} in this archive")


# --------------------------------------------------------------------------- routes


@router.get("/health", response_model=Health)
def health(backend: BackendDep) -> Health:
    """Whether the server can read its archive, with a few counts."""
    counts = queries.counts(backend.connection())
    return Health(
        version=__version__,
        schema_version=LATEST,
        articles=counts.articles,
        stories=counts.stories,
    )


@router.get("/stories", response_model=Page[StoryOut])
def list_stories(backend: BackendDep, limit: Limit = 20, offset: Offset = 0) -> Page[StoryOut]:
    """Stories in front-page order: latest development first, weighted by the number of
    independent sources; stories with no dated article last."""
    reader = backend.reader()
    ids = reader.ranked_story_ids()
    rows = reader.story_rows(ids[offset : offset + limit])
    return Page[StoryOut](
        items=[_story_out(r) for r in rows],
        total=len(ids),
        next=_next_url("/api/v1/stories", total=len(ids), limit=limit, offset=offset),
    )


@router.get("/stories/{story_id}", response_model=StoryOut)
def get_story(story_id: str, backend: BackendDep) -> StoryOut:
    row = backend.reader().get_story(story_id)
    if row is None:
        raise _not_found(f"story {story_id!r}")
    return _story_out(row)


@router.get("/stories/{story_id}/articles", response_model=Page[ArticleOut])
def story_articles(
    story_id: str, backend: BackendDep, limit: Limit = 200, offset: Offset = 0
) -> Page[ArticleOut]:
    """A story's articles, oldest first."""
    rows = queries.story_articles(backend.connection(), story_id)
    if not rows:
        raise _not_found(f"story {story_id!r}")
    path = f"/api/v1/stories/{story_id}/articles"
    return Page[ArticleOut](
        items=[_article_out(r) for r in rows[offset : offset + limit]],
        total=len(rows),
        next=_next_url(path, total=len(rows), limit=limit, offset=offset),
    )


@router.get("/stories/{story_id}/brief", response_model=Brief)
def story_brief(story_id: str, backend: BackendDep) -> Response:
    """The story's brief across all its articles."""
    brief = backend.story_brief(story_id)
    if brief is None:
        raise _not_found(f"story {story_id!r}")
    return _brief_response(brief)


@router.get("/articles", response_model=Page[ArticleOut])
def list_articles(backend: BackendDep, limit: Limit = 20, offset: Offset = 0) -> Page[ArticleOut]:
    """Articles, newest first."""
    conn = backend.connection()
    rows = queries.list_articles(conn, limit=limit, offset=offset)
    total = queries.counts(conn).articles
    return Page[ArticleOut](
        items=[_article_out(r) for r in rows],
        total=total,
        next=_next_url("/api/v1/articles", total=total, limit=limit, offset=offset),
    )


@router.get("/articles/{article_id}", response_model=ArticleDetail)
def get_article(article_id: str, backend: BackendDep) -> ArticleDetail:
    """One article: its text, metadata and paragraph spans."""
    reader = backend.reader()
    article = reader.get_article(article_id)
    if article is None:
        raise _not_found(f"article {article_id!r}")
    return ArticleDetail(
        article=article,
        story_id=reader.story_of(article_id),
        page_url=f"/articles/{article_id}",
        brief_url=f"/api/v1/articles/{article_id}/brief",
    )


@router.get("/articles/{article_id}/brief", response_model=Brief)
def article_brief(article_id: str, backend: BackendDep) -> Response:
    """The brief of one article."""
    brief = backend.article_brief(article_id)
    if brief is None:
        raise _not_found(f"briefed article {article_id!r}")
    return _brief_response(brief)


@router.get("/search", response_model=SearchOut)
def search(
    backend: BackendDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Words to find.")],
    limit: Limit = 20,
) -> SearchOut:
    """Articles matching every word, their stories, and actors whose name contains the text."""
    if has_control_chars(q):
        raise ApiError(400, "the search text contains control characters", hint="send words")
    reader = backend.reader()
    try:
        hits = reader.search(q, limit=limit)
    except InputError as exc:
        raise HTTPException(400, exc.message) from exc
    story_ids = list(dict.fromkeys(h.story_id for h in hits if h.story_id))
    stories = [s for s in (reader.get_story(sid) for sid in story_ids) if s is not None]
    actors = queries.search_actors(backend.connection(), q, limit=limit)
    return SearchOut(
        query=q,
        stories=[_story_out(s) for s in stories],
        articles=[_hit_out(h) for h in hits],
        actors=[_actor_out(a) for a in actors],
    )


def _actor_out(row: queries.ActorRow) -> ActorOut:
    from newsbrief.web.views import actor_href

    return ActorOut(
        name=row.name,
        kind=row.kind,
        role=row.role,
        affiliation=row.affiliation,
        article_count=row.article_count,
        story_count=row.story_count,
        url=actor_href(row.name),
    )


@router.post(
    "/articles",
    status_code=201,
    response_model=SubmitOut,
    responses={
        200: {"description": "the article was already in the archive", "model": SubmitOut},
        400: {"description": "a refused URL (not a public address)", "model": ErrorOut},
        401: {"description": "a token is required (Authorization: Bearer …)", "model": ErrorOut},
        413: {"description": "the request body is too large", "model": ErrorOut},
        422: {
            "description": "malformed JSON, or input that cannot be briefed (too short, not"
            " English, unreachable)",
            "model": ErrorOut,
        },
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": SubmitIn.model_json_schema()}},
        }
    },
)
async def submit_article(request: Request, backend: BackendDep, _token: TokenDep) -> Response:
    """Ingest an article (pasted text, HTML, or a public URL to fetch), brief it and store it.

    The token is checked first; the body (a `SubmitIn` JSON object) only after it."""
    body = _submit_body(await request.body())
    return await run_in_threadpool(_submit, backend, body)


def _submit_body(raw: bytes) -> SubmitIn:
    try:
        return SubmitIn.model_validate_json(raw or b"null")
    except ValidationError as exc:
        detail = [
            {"loc": ["body", *(str(p) for p in e["loc"])], "msg": e["msg"]} for e in exc.errors()
        ]
        message = "; ".join(f"{'.'.join(str(p) for p in d['loc'])}: {d['msg']}" for d in detail)
        raise ApiError(422, message or "invalid request body", detail=detail) from exc


def _submit(backend: Backend, body: SubmitIn) -> Response:
    sub = Submission(
        text=body.text,
        html=body.html,
        url=body.url,
        title=body.title,
        outlet=body.outlet,
        published=body.published,
        source="api",
    )
    try:
        result = brief_submission(backend, sub)
    except NewsbriefError as exc:
        return api_error(error_status(exc), exc.message, hint=exc.hint or None)
    out = SubmitOut(
        article_id=result.article_id,
        story_id=result.story_id,
        created=result.created,
        page_url=f"/articles/{result.article_id}/brief",
        brief_url=f"/api/v1/articles/{result.article_id}/brief",
        brief=result.brief.model_dump(mode="json"),
    )
    return JSONResponse(out.model_dump(mode="json"), status_code=201 if result.created else 200)
