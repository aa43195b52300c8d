"""The ``serve`` command: the web app and JSON API over an archive, run by uvicorn."""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
from typing import Annotated

import typer
from rich.console import Console

from newsbrief.errors import InputError
from newsbrief.settings import Settings
from newsbrief.store.db import redact

err = Console(stderr=True, highlight=False, soft_wrap=True)


def serve(
    db: Annotated[
        str | None,
        typer.Option(
            help="Archive: a SQLite file, or a postgresql:// URL (default: $NEWSBRIEF_DB or the"
            " user data dir)."
        ),
    ] = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 exposes it to the network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="NEWSBRIEF_TOKEN",
            help="Require 'Authorization: Bearer TOKEN' to submit articles (env NEWSBRIEF_TOKEN).",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            help="Server processes (more than 1 suits a PostgreSQL archive: SQLite allows one"
            " writer at a time)."
        ),
    ] = 1,
) -> None:
    """Serve the archive: stories, briefs, articles, actors, search, and a JSON API (/api/v1).

    Binds 127.0.0.1 by default; without --token, anyone who can reach it may submit articles.
    A port already in use (or one this user may not bind) exits with code 2.
    """
    try:
        import uvicorn

        from newsbrief.web import create_app
    except ImportError as exc:
        raise InputError(
            f"the web server needs FastAPI and uvicorn ({exc.name} is missing)",
            hint="pip install fastapi uvicorn python-multipart",
        ) from exc
    if workers < 1:
        raise InputError(f"--workers must be at least 1, not {workers}")
    settings = Settings(db_path=db) if db else Settings()
    sock = bind_port(host, port)
    try:
        if not token and not _is_loopback(host):
            err.print(f"warning: listening on {host} without --token: anyone can submit articles")
        where = f"{redact(settings.db_path)} on http://{_url_host(host)}:{port}/"
        if workers == 1:
            app = create_app(settings.db_path, token=token, settings=settings)
            err.print(f"serving {where}")
            config = uvicorn.Config(app, log_level="warning", server_header=False)
            uvicorn.Server(config).run(sockets=[sock])
        else:
            _serve_workers(settings, token, workers, sock, where)
    finally:
        sock.close()


def _serve_workers(
    settings: Settings, token: str | None, workers: int, sock: socket.socket, where: str
) -> None:
    """``--workers N``: uvicorn's supervisor forks N server processes on the bound socket;
    each builds the app from the environment (``newsbrief.web.app.app_from_env``)."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from newsbrief.store import Archive
    from newsbrief.web.app import ENV_DB, ENV_TOKEN

    Archive.open(settings.db_path).close()  # create or migrate once, before the workers start
    os.environ[ENV_DB] = str(settings.db_path)
    os.environ[ENV_TOKEN] = token or ""
    err.print(f"serving {where} with {workers} worker processes")
    config = uvicorn.Config(
        "newsbrief.web.app:app_from_env",
        factory=True,
        workers=workers,
        log_level="warning",
        server_header=False,
    )
    Multiprocess(config, sockets=[sock]).run()


def bind_port(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``; a clear ``InputError`` (exit 2) when the port is
    taken, not ours to bind, or the host is not an address of this machine."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        where = f"{_url_host(host)}:{port}"
        if exc.errno == errno.EADDRINUSE:
            raise InputError(
                f"port {port} is already in use on {host}: another server is listening at {where}",
                hint="stop that server, or choose another port with --port",
            ) from exc
        if exc.errno == errno.EACCES:
            raise InputError(
                f"not allowed to listen on {where} (ports under 1024 need privileges)",
                hint="choose a port above 1024 with --port",
            ) from exc
        raise InputError(
            f"cannot listen on {where}: {exc.strerror or exc}",
            hint="check --host: it must be an address of this machine",
        ) from exc


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
