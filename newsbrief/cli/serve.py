"""The ``serve`` command: the web app and JSON API over an archive, run by uvicorn."""

from __future__ import annotations

import ipaddress
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
    settings = Settings(db_path=db) if db else Settings()
    app = create_app(settings.db_path, token=token, settings=settings)
    if not token and not _is_loopback(host):
        err.print(f"warning: listening on {host} without --token: anyone can submit articles")
    err.print(f"serving {redact(settings.db_path)} on http://{_url_host(host)}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
