"""The FastAPI app: server-rendered pages over the archive and a JSON API under ``/api/v1``.

    app = create_app(Path("archive.db"), token="s3cret")   # then: uvicorn.run(app)

Pages are Jinja2 templates with autoescaping on and no scripts at all (the CSP forbids them);
the API serves the brief in the same JSON schema as ``newsbrief schema``. Write endpoints need
``Authorization: Bearer <token>`` when a token is set.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsbrief import __version__
from newsbrief.errors import NewsbriefError
from newsbrief.settings import Settings
from newsbrief.web import api, arcs, pages
from newsbrief.web.backend import Backend
from newsbrief.web.errors import ApiError, error_status, validation_message
from newsbrief.web.middleware import BodyLimit, HeadAsGet, SameOrigin, SecurityHeaders
from newsbrief.web.templating import STATIC_DIR, render_page

__all__ = ["WebConfig", "app_from_env", "create_app"]

# ``newsbrief serve --workers N``: each uvicorn worker process builds its app from these
ENV_DB = "NEWSBRIEF_SERVE_DB"
ENV_TOKEN = "NEWSBRIEF_SERVE_TOKEN"


@dataclass(frozen=True)
class WebConfig:
    """How the server runs: the write token (None: open) and the request body limit."""

    token: str | None = None
    max_body_bytes: int = 2_000_000
    page_size: int = 25  # stories per front page


def create_app(
    db_path: Path | str,
    *,
    token: str | None = None,
    settings: Settings | None = None,
    max_body_bytes: int = 2_000_000,
    page_size: int = 25,
) -> FastAPI:
    """The web app over the archive at ``db_path`` (created when missing)."""
    backend = Backend(db_path, settings)
    config = WebConfig(token=token or None, max_body_bytes=max_body_bytes, page_size=page_size)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        backend.close()

    app = FastAPI(
        title="newsbrief",
        version=__version__,
        summary="Grounded explainer briefs over a news archive.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.backend = backend
    app.state.config = config
    app.include_router(api.router)
    app.include_router(arcs.api_router)
    app.include_router(pages.router)
    app.include_router(arcs.page_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _install_error_handlers(app)
    app.add_middleware(SameOrigin, page=_error_page)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes, page=_error_page)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    return app


def _install_error_handlers(app: FastAPI) -> None:
    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = str(exc.detail)
        if request.url.path.startswith("/api/"):
            if not isinstance(exc, ApiError):
                exc = ApiError(exc.status_code, message, headers=exc.headers)
            return exc.response()
        return render_page(
            "error.html.j2",
            {"status": exc.status_code, "message": message},
            status_code=exc.status_code,
            headers=exc.headers,
        )

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        message = validation_message(exc)
        if request.url.path.startswith("/api/"):
            return ApiError(422, message, detail=_jsonable_errors(exc)).response()
        return render_page("error.html.j2", {"status": 422, "message": message}, status_code=422)

    async def on_newsbrief_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NewsbriefError)
        status = error_status(exc)
        if request.url.path.startswith("/api/"):
            return ApiError(status, exc.message, hint=exc.hint or None).response()
        context = {"status": status, "message": exc.message, "hint": exc.hint}
        return render_page("error.html.j2", context, status_code=status)

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        """A bug: the API still answers in its JSON shape, a page with the error page."""
        message = "an unexpected error occurred; nothing was changed"
        if request.url.path.startswith("/api/"):
            error = ApiError(500, message, hint="report it with the request that caused it")
            return error.response()
        return render_page("error.html.j2", {"status": 500, "message": message}, status_code=500)

    app.add_exception_handler(Exception, on_unexpected)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(NewsbriefError, on_newsbrief_error)


def _error_page(status: int, message: str) -> bytes:
    """The HTML error page the middleware sends to a page (not an API) request."""
    context: dict[str, object] = {"status": status, "message": message}
    if status == 413:
        context["hint"] = "paste a shorter text, or give the article's URL instead"
    return bytes(render_page("error.html.j2", context).body)


def _jsonable_errors(exc: RequestValidationError) -> list[dict[str, object]]:
    return [
        {"loc": [str(p) for p in err.get("loc", ())], "msg": str(err.get("msg", ""))}
        for err in exc.errors()
    ]


def app_from_env() -> FastAPI:
    """The app factory each worker process of ``newsbrief serve --workers N`` calls: the
    archive and token come from the serving process's environment."""
    return create_app(os.environ[ENV_DB], token=os.environ.get(ENV_TOKEN) or None)
