"""How errors reach the client: one JSON shape for the API, and the HTTP status of each
newsbrief error.

    {"error": "not found", "message": "no story 's1234'", "hint": "…"}
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus

from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from newsbrief.errors import FetchError, InputError, NewsbriefError, StoreError
from newsbrief.web.safety import UnsafeURL

__all__ = ["api_error", "error_status", "validation_message"]


def error_status(exc: NewsbriefError) -> int:
    """400 for a refused URL, 422 for input that cannot be briefed or fetched, 503 otherwise."""
    if isinstance(exc, UnsafeURL):
        return 400
    if isinstance(exc, InputError | FetchError):
        return 422
    if isinstance(exc, StoreError):
        return 503
    return 500


def api_error(
    status: int,
    message: str,
    *,
    hint: str | None = None,
    detail: object = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """The API's error response: a short error name, a message and, when useful, a hint."""
    body: dict[str, object] = {"error": _reason(status), "message": message}
    if hint:
        body["hint"] = hint
    if detail is not None:
        body["detail"] = detail
    return JSONResponse(body, status_code=status, headers=dict(headers) if headers else None)


_REASONS = {
    400: "bad request",
    401: "unauthorized",
    403: "forbidden",
    404: "not found",
    405: "method not allowed",
    413: "request too large",
    422: "invalid request",
    500: "internal error",
    503: "unavailable",
}


def _reason(status: int) -> str:
    """A stable short name for the status (Python's own phrases change between versions)."""
    if status in _REASONS:
        return _REASONS[status]
    try:
        return HTTPStatus(status).phrase.lower()
    except ValueError:
        return "error"


def validation_message(exc: RequestValidationError) -> str:
    """One line naming each bad field: ``body.published: Input should be a valid datetime``."""
    parts = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ()))
        parts.append(f"{loc}: {err.get('msg', 'invalid')}" if loc else str(err.get("msg")))
    return "; ".join(parts) or "invalid request"
