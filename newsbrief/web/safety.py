"""The web server's defences: the public-address check for fetched URLs, the write token,
request size limits and the security headers every response carries.

Article text is untrusted input; so is every URL a visitor asks the server to fetch. A URL is
fetched only when each address its host resolves to is a public one, and the check runs again on
every redirect hop. :class:`VettedHosts` gives ``fetch_url`` both its ``guard`` (the check) and
its ``connect_to`` (the connection goes to the address the check vetted, so a DNS answer that
changes between the check and the connection — DNS rebinding — never reaches an internal
address); ``peer_guard`` checks the connected address once more.
"""

from __future__ import annotations

import hmac
import ipaddress
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from newsbrief.errors import FetchError, InputError

__all__ = [
    "UnsafeURL",
    "VettedHosts",
    "check_url",
    "is_public_address",
    "peer_guard",
    "resolve_addresses",
    "token_matches",
    "url_guard",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[..., list[tuple[Any, ...]]]

MAX_URL_LENGTH = 2048

# Never fetched, whatever ``ipaddress`` thinks of them on this Python version.
_BLOCKED = tuple(
    ipaddress.ip_network(net)
    for net in (
        "0.0.0.0/8",  # "this" network
        "10.0.0.0/8",  # private
        "100.64.0.0/10",  # carrier-grade NAT
        "127.0.0.0/8",  # loopback
        "169.254.0.0/16",  # link-local, cloud metadata (169.254.169.254)
        "172.16.0.0/12",  # private
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # documentation
        "192.88.99.0/24",  # 6to4 relay anycast
        "192.168.0.0/16",  # private
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # documentation
        "203.0.113.0/24",  # documentation
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, broadcast
        "::/96",  # unspecified, loopback, IPv4-compatible
        "64:ff9b::/96",  # NAT64: would reach any IPv4 address
        "64:ff9b:1::/48",  # local-use NAT64
        "100::/64",  # discard
        "2001::/23",  # IETF protocol assignments, Teredo
        "2001:db8::/32",  # documentation
        "2002::/16",  # 6to4: would reach any IPv4 address
        "fc00::/7",  # unique local, cloud metadata (fd00:ec2::254)
        "fe80::/10",  # link-local
        "fec0::/10",  # site-local (deprecated)
        "ff00::/8",  # multicast
    )
)


class UnsafeURL(InputError):
    """A URL the server refuses to fetch: not http(s), or not a public address."""

    default_hint = "only http(s) URLs of public web servers can be briefed"


def is_public_address(address: str | IPAddress) -> bool:
    """True when ``address`` (a literal IPv4 or IPv6 address) is a public unicast address."""
    if isinstance(address, str):
        try:
            address = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_public_address(address.ipv4_mapped)
    if any(address in net for net in _BLOCKED if net.version == address.version):
        return False
    return address.is_global and not (address.is_multicast or address.is_reserved)


def resolve_addresses(
    host: str, port: int, *, resolver: Resolver = socket.getaddrinfo
) -> list[IPAddress]:
    """Every address ``host`` resolves to (a literal address resolves to itself)."""
    try:
        infos = resolver(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve the host {host!r}: {exc}") from exc
    addresses: list[IPAddress] = []
    for info in infos:
        literal = str(info[4][0]).split("%", 1)[0]
        addresses.append(ipaddress.ip_address(literal))
    if not addresses:
        raise FetchError(f"the host {host!r} has no address")
    return addresses


def check_url(url: str, *, resolver: Resolver = socket.getaddrinfo) -> str:
    """Return ``url`` when it may be fetched; raise ``UnsafeURL`` otherwise.

    The host is resolved (``getaddrinfo``) and every address it resolves to must be public, so
    ``localhost``, ``127.1``, ``[::1]`` and names pointing at private networks are all refused.
    """
    vet_url(url, resolver=resolver)
    return url


def vet_url(url: str, *, resolver: Resolver = socket.getaddrinfo) -> tuple[str, list[IPAddress]]:
    """The URL's host and the public addresses it resolves to; ``UnsafeURL`` when it may not
    be fetched (see :func:`check_url`)."""
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeURL(f"the URL is longer than {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise UnsafeURL(f"not a valid URL: {exc}") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise UnsafeURL(f"only http and https URLs can be fetched, not {parts.scheme or 'none'!r}")
    if parts.username is not None or parts.password is not None:
        raise UnsafeURL("URLs with a user name or password are not fetched")
    host = parts.hostname
    if not host:
        raise UnsafeURL("the URL has no host")
    if port is None:
        port = 443 if parts.scheme.lower() == "https" else 80
    addresses = resolve_addresses(host, port, resolver=resolver)
    for address in addresses:
        if not is_public_address(address):
            raise UnsafeURL(f"{host} resolves to {address}, which is not a public address")
    return host, addresses


class VettedHosts:
    """One fetch's DNS decisions: ``guard(url)`` vets a URL (and each redirect hop) and pins
    its host to the address it vetted; ``connect_to(host, port)`` gives that pinned address,
    so the connection never follows a second, different DNS answer. A host that was not
    vetted is refused."""

    def __init__(self, *, resolver: Resolver = socket.getaddrinfo) -> None:
        self._resolver = resolver
        self._pins: dict[str, str] = {}

    def guard(self, url: str) -> None:
        host, addresses = vet_url(str(url), resolver=self._resolver)
        self._pins[_host_key(host)] = str(addresses[0])

    def connect_to(self, host: str, port: int) -> str:
        pinned = self._pins.get(_host_key(host))
        if pinned is None:
            raise UnsafeURL(f"{host} was not checked before the connection; it is not fetched")
        return pinned


def _host_key(host: str) -> str:
    return host.strip("[]").rstrip(".").lower()


def url_guard(*, resolver: Resolver = socket.getaddrinfo) -> Callable[[str], None]:
    """The ``guard`` for ``fetch_url``: checks the first URL and every redirect hop."""

    def guard(url: str) -> None:
        check_url(str(url), resolver=resolver)

    return guard


def peer_guard(address: str) -> None:
    """The ``peer_guard`` for ``fetch_url``: the address actually connected to must be public
    (closes DNS rebinding between ``check_url``'s look-up and the connection)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError as exc:
        raise UnsafeURL(f"the page came from an unreadable address {address!r}") from exc
    if not is_public_address(ip):
        raise UnsafeURL(f"the page came from {ip}, which is not a public address")


def token_matches(expected: str | None, authorization: str | None) -> bool:
    """True when no token is configured, or the header is ``Bearer <expected>``."""
    if not expected:
        return True
    if not authorization:
        return False
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())
