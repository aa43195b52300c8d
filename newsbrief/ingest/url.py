"""Fetch one article page over HTTP(S) with httpx: timeouts, a size cap, a redirect limit.

Redirects are followed here, one hop at a time, so that ``guard`` sees every URL before it is
requested (the web app passes a guard that refuses private and loopback addresses). With
``connect_to`` the connection goes to the address the guard vetted, never to a second DNS
answer (DNS rebinding); the Host header and TLS server name stay the URL's host.

Errors, all raised before any page text is returned:

    FetchError          DNS failure, connection refused, timeout, HTTP 4xx/5xx,
                        too many redirects, body larger than ``fetch_max_bytes``
    UnsupportedInput    not an http(s) URL, or a response that is neither HTML nor text
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email.message import Message
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

import httpx

from newsbrief.errors import FetchError, UnsupportedInput
from newsbrief.ingest.http import ConnectTo, deadline_client
from newsbrief.ingest.validate import decode_bytes
from newsbrief.settings import Settings

Guard = Callable[[str], None]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown"})
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"


class Fetched(NamedTuple):
    """A fetched page: the URL after redirects, its media type (no parameters), its text."""

    url: str
    content_type: str
    text: str


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def fetch_url(
    url: str,
    settings: Settings | None = None,
    *,
    guard: Guard | None = None,
    peer_guard: Guard | None = None,
    connect_to: ConnectTo | None = None,
) -> Fetched:
    """GET ``url`` and return ``(final_url, content_type, text)``.

    ``guard(url)`` is called before the first request and before each redirect hop; it refuses a
    URL by raising (a ``FetchError`` is the expected choice). ``peer_guard(ip)`` is called with
    the address each response actually came from, before anything is read from it: it closes the
    gap where DNS answers differently between the guard's look-up and the connection.
    ``connect_to(host, port)`` gives the address to open the connection to (the one the guard
    vetted), so that no second DNS look-up happens at all; it refuses by raising.
    """
    settings = settings or Settings()
    check_scheme(url)
    deadline = time.monotonic() + settings.fetch_timeout_s
    headers = {"User-Agent": settings.user_agent, "Accept": _ACCEPT}
    with deadline_client(
        total_s=settings.fetch_timeout_s,
        timeout_s=settings.fetch_timeout_s,
        headers=headers,
        connect_to=connect_to,
        trust_env=connect_to is None,  # a proxy would resolve the host itself
    ) as client:
        for _hop in range(settings.fetch_max_redirects + 1):
            if guard is not None:
                guard(url)
            with _fetch_errors(url, settings), client.stream("GET", url) as response:
                if peer_guard is not None:
                    peer_guard(_peer_address(response))
                target = _redirect_target(response)
                if target is None:
                    return _read(response, settings, deadline)
            url = target
    raise FetchError(
        f"{url} redirected more than {settings.fetch_max_redirects} times",
        hint="the site may be in a redirect loop; open it in a browser and give the final URL",
    )


def _peer_address(response: httpx.Response) -> str:
    """The IP address the response came from; refuses when the transport does not tell."""
    stream = response.extensions.get("network_stream")
    addr = stream.get_extra_info("server_addr") if stream is not None else None
    if not addr:
        raise FetchError(
            f"cannot tell which address {response.url} was fetched from",
            hint="the page was not read; give the article as text or HTML instead",
        )
    return str(addr[0])


def check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UnsupportedInput(f"{url!r} is not an http(s) URL")


def _redirect_target(response: httpx.Response) -> str | None:
    if not response.is_redirect:
        return None
    location: str | None = response.headers.get("location")
    if not location:
        raise FetchError(f"{response.url} sent a redirect without a Location header")
    target = urljoin(str(response.url), location)
    check_scheme(target)
    return target


def _read(response: httpx.Response, settings: Settings, deadline: float) -> Fetched:
    url = str(response.url)
    _check_status(response)
    check_page_type(url, parse_content_type(response.headers.get("content-type", ""))[0])
    _check_declared_length(response, settings)
    data = b"".join(_capped_chunks(response, settings, deadline))
    return page_from_bytes(url, response.headers.get("content-type", ""), data)


def check_page_type(url: str, media_type: str) -> None:
    """``UnsupportedInput`` unless the media type is HTML or text (or not given)."""
    if media_type and media_type not in HTML_TYPES | TEXT_TYPES:
        raise UnsupportedInput(
            f"{url} is {media_type}, not an HTML page or plain text",
            hint="give the URL of the article's web page",
        )


def page_from_bytes(url: str, content_type: str, data: bytes) -> Fetched:
    """A fetched body (already read, e.g. by the feed fetcher) as a page: type checked, decoded."""
    media_type, charset = parse_content_type(content_type)
    check_page_type(url, media_type)
    text = decode_bytes(data, url, charset=charset)
    return Fetched(url=url, content_type=media_type or _sniff_type(text), text=text)


def _check_status(response: httpx.Response) -> None:
    if response.status_code < 400:
        return
    reason = response.reason_phrase or "error"
    hint = (
        "the page does not exist or is not public; check the URL"
        if response.status_code < 500
        else "the site had a server error; try again later or save the page and brief the file"
    )
    raise FetchError(f"{response.url} answered HTTP {response.status_code} {reason}", hint=hint)


def parse_content_type(raw: str) -> tuple[str, str | None]:
    """The media type (lower case, no parameters) and charset of a Content-Type header."""
    if not raw:
        return "", None
    msg = Message()
    msg["content-type"] = raw
    charset = msg.get_param("charset")
    return msg.get_content_type(), charset if isinstance(charset, str) else None


def _check_declared_length(response: httpx.Response, settings: Settings) -> None:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > settings.fetch_max_bytes:
        raise _too_large(str(response.url), settings)


def _capped_chunks(
    response: httpx.Response, settings: Settings, deadline: float
) -> Iterator[bytes]:
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > settings.fetch_max_bytes:
            raise _too_large(str(response.url), settings)
        if time.monotonic() > deadline:
            raise _timed_out(str(response.url), settings)
        yield chunk


def _sniff_type(text: str) -> str:
    head = text[:1024].lstrip().lower()
    return "text/html" if head.startswith(("<!doctype html", "<html", "<head")) else "text/plain"


def _too_large(url: str, settings: Settings) -> FetchError:
    return FetchError(
        f"{url} is larger than the {settings.fetch_max_bytes:,}-byte limit",
        hint="save the article text to a file and brief that, or raise fetch_max_bytes",
    )


def _timed_out(url: str, settings: Settings) -> FetchError:
    return FetchError(
        f"{url} did not answer within {settings.fetch_timeout_s:g} s",
        hint="the site is slow or unreachable; try again later or save the page and brief the file",
    )


@contextmanager
def _fetch_errors(url: str, settings: Settings) -> Iterator[None]:
    """Turn httpx's transport errors into one clear ``FetchError`` each."""
    try:
        yield
    except httpx.HTTPError as exc:
        raise _translate(exc, url, settings) from exc


def translate_http_error(exc: httpx.HTTPError, url: str, settings: Settings) -> FetchError:
    """One clear ``FetchError`` for an httpx failure (timeout, DNS, refused …)."""
    return _translate(exc, url, settings)


def _translate(exc: httpx.HTTPError, url: str, settings: Settings) -> FetchError:
    host = urlsplit(url).hostname or url
    if isinstance(exc, httpx.TimeoutException):
        return _timed_out(url, settings)
    if isinstance(exc, httpx.ConnectError) and _is_dns_failure(exc):
        return FetchError(
            f"could not resolve the host name {host!r}",
            hint="check the spelling of the URL and your network connection",
        )
    if isinstance(exc, httpx.ConnectError):
        return FetchError(f"could not connect to {host}: {exc}")
    return FetchError(f"fetching {url} failed: {exc}")


def _is_dns_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return True
        text = str(seen).lower()
        if "name or service not known" in text or "name resolution" in text:
            return True
        seen = seen.__cause__ or seen.__context__
    return False
