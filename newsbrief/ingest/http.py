"""An httpx client with an overall deadline: connect, TLS, headers and body together.

httpx's timeouts are per operation (each connect, each read): a server that dribbles one byte
every second never trips a 15-second read timeout, and can hold a fetch for as long as it likes.
Here every network operation's timeout is clamped to the time left before one deadline, and an
operation started after it fails at once, so a fetch ends at the deadline (give or take one
read) whatever the server does. The same client serves article pages and feeds.

The deadline is enforced in httpcore's network backend (the layer that owns the sockets); a
timeout there surfaces as httpx's own ``ConnectTimeout`` / ``ReadTimeout`` / ``WriteTimeout``.
"""

from __future__ import annotations

import ssl
import time
import typing
from collections.abc import Callable, Iterable, Mapping

import httpcore
import httpx

__all__ = ["ConnectTo", "DeadlineBackend", "deadline_client"]

ConnectTo = Callable[[str, int], str]  # (host, port) → the IP address to connect to


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream = stream
        self._deadline = deadline

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise error("the overall deadline passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        left = self._left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(
            self._stream.start_tls(ssl_context, server_hostname, left), self._deadline
        )

    def get_extra_info(self, info: str) -> typing.Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's sync backend, every operation bounded by ``deadline`` (``time.monotonic()``
    seconds); with ``connect_to``, each TCP connection goes to the address it gives for the
    host (the Host header and TLS server name stay the host's)."""

    def __init__(self, deadline: float, connect_to: ConnectTo | None = None) -> None:
        self._backend = httpcore.SyncBackend()
        self._connect_to = connect_to
        self.deadline = deadline

    def _left(self, timeout: float | None) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("the overall deadline passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        left = self._left(timeout)
        address = self._connect_to(host, port) if self._connect_to is not None else host
        stream = self._backend.connect_tcp(address, port, left, local_address, socket_options)
        return _DeadlineStream(stream, self.deadline)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_unix_socket(path, self._left(timeout), socket_options)
        return _DeadlineStream(stream, self.deadline)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(min(seconds, max(0.0, self.deadline - time.monotonic())))


def deadline_client(
    *,
    total_s: float,
    timeout_s: float,
    headers: Mapping[str, str],
    follow_redirects: bool = False,
    max_redirects: int = 5,
    connect_to: ConnectTo | None = None,
    trust_env: bool = True,
) -> httpx.Client:
    """An ``httpx.Client`` whose requests all end within ``total_s`` seconds from now.

    ``timeout_s`` still bounds each single operation (httpx's usual timeout). ``connect_to``
    gives the address to open each connection to (one vetted for the host; default: the host's);
    ``trust_env=False`` ignores proxy and SSL settings from the environment.
    """
    transport = httpx.HTTPTransport(trust_env=trust_env)
    pool = transport._pool  # httpx builds its httpcore pool here; we give it our backend
    if not isinstance(pool, httpcore.ConnectionPool) or not hasattr(pool, "_network_backend"):
        raise RuntimeError("unsupported httpx/httpcore version: cannot set a fetch deadline")
    pool._network_backend = DeadlineBackend(time.monotonic() + total_s, connect_to)
    return httpx.Client(
        transport=transport,
        trust_env=trust_env,
        timeout=timeout_s,
        headers=dict(headers),
        follow_redirects=follow_redirects,
        max_redirects=max_redirects,
    )
