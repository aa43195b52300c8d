"""How errors reach the client: one JSON shape for the API, and the HTTP status of each
newsbrief error.

    {"error": "not found", "message": "no story 's1234'", "hint": "…"}
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import HTTPException
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from newsbrief.errors import FetchError, InputError, NewsbriefError, StoreError
from newsbrief.web.safety import UnsafeURL

__all__ = [
    "ERROR_RESPONSES",
    "ApiError",
    "ErrorOut",
    "error_status",
    "has_control_chars",
    "validation_message",
]


class ErrorOut(BaseModel):
    """Every API error: a short stable name, a message, and sometimes a hint and details."""

    model_config = ConfigDict(frozen=True)

    error: str = Field(description='a short stable name: "not found", "unauthorized", …')
    message: str = Field(description="what went wrong, in one line")
    hint: str | None = Field(default=None, description="what to do about it, when known")
    detail: list[dict[str, Any]] | None = Field(
        default=None, description="for 422: each invalid field, as {loc, msg}"
    )


def _doc(description: str) -> dict[str, Any]:
    return {"description": description, "model": ErrorOut}


ERROR_RESPONSES: dict[int, dict[str, Any]] = {
    400: _doc("a malformed request (e.g. control characters in a query)"),
    401: _doc("a token is required (Authorization: Bearer …)"),
    404: _doc("no such story, article or page"),
    413: _doc("the request body is too large"),
    422: _doc("a parameter or body field is invalid"),
    500: _doc("an unexpected failure (a bug); nothing was changed"),
}


class ApiError(HTTPException):
    """An HTTP error with the API's hint and details (rendered by the app's handler)."""

    def __init__(
        self,
        status_code: int,
        message: str,
        *,
        hint: str | None = None,
        detail: object = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(status_code, message, headers=dict(headers) if headers else None)
        self.hint = hint
        self.extra = detail

    def response(self) -> JSONResponse:
        """The API's error response: a short error name, a message and, when useful, a hint."""
        body: dict[str, object] = {"error": _reason(self.status_code), "message": str(self.detail)}
        if self.hint:
            body["hint"] = self.hint
        if self.extra is not None:
            body["detail"] = self.extra
        return JSONResponse(body, status_code=self.status_code, headers=self.headers)


def has_control_chars(text: str) -> bool:
    """True when ``text`` holds a NUL or another control character (tabs and newlines
    excepted): such text never reaches SQLite's full-text parser."""
    return any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text)


def error_status(exc: NewsbriefError) -> int:
    """400 for a refused URL, 422 for input that cannot be briefed or fetched, 503 otherwise."""
    if isinstance(exc, UnsafeURL):
        return 400
    if isinstance(exc, InputError | FetchError):
        return 422
    if isinstance(exc, StoreError):
        return 503
    return 500


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
