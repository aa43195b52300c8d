"""The JSON API under ``/api/v1``: stories, articles, search, briefs, submissions, health.

Briefs are served exactly as ``Brief.model_dump(mode="json")`` (the schema ``newsbrief schema``
prints). Errors are JSON: ``{"error": …, "message": …, "hint": …}`` with a 4xx status.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from newsbrief import __version__
from newsbrief.errors import InputError, NewsbriefError
from newsbrief.models import Brief
from newsbrief.store import queries
from newsbrief.store.migrations import LATEST
from newsbrief.web.backend import Backend
from newsbrief.web.errors import (
    ERROR_RESPONSES,
    ApiError,
    ErrorOut,
    error_status,
    has_control_chars,
)
from newsbrief.web.safety import token_matches
from newsbrief.web.schemas import (
    ActorOut,
    ArticleDetail,
    ArticleOut,
    Health,
    Page,
    SearchOut,
    StoryOut,
    SubmitIn,
    SubmitOut,
    article_links,
    article_out,
    hit_out,
    out_of,
    page_of,
    story_out,
)
from newsbrief.web.submit import Submission, brief_submission

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
    items = [story_out(r) for r in rows]
    return page_of(items, "/api/v1/stories", total=len(ids), limit=limit, offset=offset)


@router.get("/stories/{story_id}", response_model=StoryOut)
def get_story(story_id: str, backend: BackendDep) -> StoryOut:
    row = backend.reader().get_story(story_id)
    if row is None:
        raise _not_found(f"story {story_id!r}")
    return story_out(row)


@router.get("/stories/{story_id}/articles", response_model=Page[ArticleOut])
def story_articles(
    story_id: str, backend: BackendDep, limit: Limit = 200, offset: Offset = 0
) -> Page[ArticleOut]:
    """A story's articles, oldest first."""
    rows = queries.story_articles(backend.connection(), story_id)
    if not rows:
        raise _not_found(f"story {story_id!r}")
    path = f"/api/v1/stories/{story_id}/articles"
    items = [article_out(r) for r in rows[offset : offset + limit]]
    return page_of(items, path, total=len(rows), limit=limit, offset=offset)


@router.get("/stories/{story_id}/brief", response_model=Brief)
def story_brief(story_id: str, backend: BackendDep) -> Response:
    """The story's brief across all its articles."""
    brief = backend.story_brief(story_id)
    if brief is None:
        if backend.reader().get_story(story_id) is None:
            raise _not_found(f"story {story_id!r}")
        raise ApiError(
            404,
            f"the articles of story {story_id!r} have not been analyzed yet",
            hint="run newsbrief ingest --analyze on them; /articles lists them meanwhile",
        )
    return _brief_response(brief)


@router.get("/articles", response_model=Page[ArticleOut])
def list_articles(backend: BackendDep, limit: Limit = 20, offset: Offset = 0) -> Page[ArticleOut]:
    """Articles, newest first."""
    conn = backend.connection()
    rows = queries.list_articles(conn, limit=limit, offset=offset)
    total = queries.counts(conn).articles
    items = [article_out(r) for r in rows]
    return page_of(items, "/api/v1/articles", total=total, limit=limit, offset=offset)


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
        **article_links(article_id),
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
        stories=[story_out(s) for s in stories],
        articles=[hit_out(h) for h in hits],
        actors=[_actor_out(a) for a in actors],
    )


def _actor_out(row: queries.ActorRow) -> ActorOut:
    from newsbrief.web.views import actor_href

    return out_of(ActorOut, row, url=actor_href(row.name))


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
    sub = Submission(**body.model_dump(), source="api")
    try:
        result = brief_submission(backend, sub)
    except NewsbriefError as exc:
        return ApiError(error_status(exc), exc.message, hint=exc.hint or None).response()
    out = SubmitOut(
        article_id=result.article_id,
        story_id=result.story_id,
        created=result.created,
        page_url=f"/articles/{result.article_id}/brief",
        brief_url=f"/api/v1/articles/{result.article_id}/brief",
        brief=result.brief.model_dump(mode="json"),
    )
    return JSONResponse(out.model_dump(mode="json"), status_code=201 if result.created else 200)
