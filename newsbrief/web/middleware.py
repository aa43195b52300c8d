"""The ASGI middleware every response passes through: security headers (CSP and friends),
HEAD answered like GET, cross-site writes refused, request bodies capped. Errors go out as the
API's JSON under ``/api/`` and as the site's HTML error page elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

__all__ = ["BodyLimit", "ErrorPage", "HeadAsGet", "SameOrigin", "SecurityHeaders"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'; img-src 'self' data:; style-src 'self'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)


class SecurityHeaders:
    """Adds the CSP and friends to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


ErrorPage = Callable[[int, str], bytes]


class HeadAsGet:
    """Answers HEAD wherever GET is answered: the same status and headers, no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] != "http.response.body":
                await send(message)
            elif not message.get("more_body", False):
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


class SameOrigin:
    """Refuses (403) a write that a browser sent from another site (cross-site form posts).

    Clients that send no ``Origin`` header (curl, scripts) are not affected. ``page`` renders
    the HTML error page for requests outside ``/api/``.
    """

    def __init__(self, app: ASGIApp, page: ErrorPage | None = None) -> None:
        self.app = app
        self.page = page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in _UNSAFE_METHODS:
            headers = {k.lower(): v for k, v in scope.get("headers", [])}
            if _cross_site(headers):
                message = "cross-site requests are refused; use this site's pages"
                await _send_error(send, scope, self.page, 403, "forbidden", message)
                return
        await self.app(scope, receive, send)


def _cross_site(headers: dict[bytes, bytes]) -> bool:
    """True for a write a browser sent from another origin (another port counts as another).

    ``Sec-Fetch-Site`` decides when the browser sends it; otherwise ``Origin`` must name this
    host. A request with neither (curl, scripts) is not a browser's cross-site request.
    """
    fetch_site = headers.get(b"sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.lower() not in (b"same-origin", b"none")
    origin = headers.get(b"origin")
    if origin is None:
        return False
    host = headers.get(b"host", b"").decode("latin-1").lower()
    return urlsplit(origin.decode("latin-1")).netloc.lower() != host


async def _send_error(
    send: Send, scope: Scope, page: ErrorPage | None, status: int, error: str, message: str
) -> None:
    """The error as the API's JSON under ``/api/`` (or without a page renderer), else as the
    site's HTML error page."""
    if page is None or str(scope.get("path", "")).startswith("/api/"):
        await _send_json(send, status, error, message)
        return
    await _send_body(send, status, page(status, message), b"text/html; charset=utf-8")


async def _send_json(send: Send, status: int, error: str, message: str) -> None:
    body = json.dumps({"error": error, "message": message}).encode()
    await _send_body(send, status, body, b"application/json")


async def _send_body(send: Send, status: int, body: bytes, content_type: bytes) -> None:
    headers = [
        (b"content-type", content_type),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Answers 413 to a request whose body is larger than ``max_bytes``.

    ``Content-Length`` is checked before anything is read; a body without one (chunked) is read
    up to the limit here, then handed on whole, so the app never sees more than ``max_bytes``.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, page: ErrorPage | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.page = page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None:
            if declared > self.max_bytes:
                await self._reject(send, scope)
                return
            await self.app(scope, receive, send)
            return
        body = await self._read_body(receive)
        if body is None:
            await self._reject(send, scope)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read_body(self, receive: Receive) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _reject(self, send: Send, scope: Scope) -> None:
        message = f"the request body is larger than the {self.max_bytes:,}-byte limit"
        await _send_error(send, scope, self.page, 413, "request too large", message)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
