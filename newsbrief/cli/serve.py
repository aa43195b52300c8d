"""The ``serve`` command: the web app and JSON API over an archive, run by uvicorn."""

from __future__ import annotations

import ipaddress
import os
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
    if not token and not _is_loopback(host):
        err.print(f"warning: listening on {host} without --token: anyone can submit articles")
    where = f"{redact(settings.db_path)} on http://{_url_host(host)}:{port}/"
    if workers == 1:
        app = create_app(settings.db_path, token=token, settings=settings)
        err.print(f"serving {where}")
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
        return
    from newsbrief.store import Archive
    from newsbrief.web.app import ENV_DB, ENV_TOKEN

    Archive.open(settings.db_path).close()  # create or migrate once, before the workers start
    os.environ[ENV_DB] = str(settings.db_path)
    os.environ[ENV_TOKEN] = token or ""
    err.print(f"serving {where} with {workers} worker processes")
    uvicorn.run(
        "newsbrief.web.app:app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
