"""Stage 5 on the web: server-rendered pages and a JSON API over the archive (FastAPI).

``create_app(db_path, token=...)`` builds the app; ``newsbrief serve`` runs it with uvicorn.
FastAPI and uvicorn are imported only here, so the rest of newsbrief works without them.
"""

from newsbrief.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
