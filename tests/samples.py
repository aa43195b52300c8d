"""Shared test material: sample articles written for these tests, a helper that stores one
through the library, the feed-site fixture module (tests/fixtures/feed/feedsite.py) and small
loopback HTTP servers (``serving`` a handler class, ``send_body`` for its answers, ``Dribbler``).

Imported by test modules as ``samples`` (pytest puts this folder on ``sys.path``); fixtures
built on it live in ``conftest.py``.
"""

from __future__ import annotations

import importlib.util
import random
import socket
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

from newsbrief.analyze import analyze
from newsbrief.compose import compose_brief
from newsbrief.ingest import article_from_text
from newsbrief.ingest.batch import Ingestor, Outcome
from newsbrief.models import Analysis, Article, Attribution
from newsbrief.store import Archive

TESTS = Path(__file__).resolve().parent
# The brief's top-level sections (public API: their names never change).
SECTION_KEYS = (
    "executive_summary",
    "story_so_far",
    "why_it_matters",
    "who_thinks_what",
    "sections",
)

FERRY_STRIKE = (
    "Ferry crews at the port of Kestrel Bay walked off the job on Monday, halting crossings to "
    "the outer islands after pay talks with the operator broke down the previous evening.\n\n"
    "The Kestrel Ferry Workers' Association said about 400 members had joined the strike. "
    '"We have asked for a fair wage for three years and we are tired of waiting," said Marta '
    "Olsen, the association's president, speaking outside the terminal.\n\n"
    "The operator, Bayline Ferries, said in a statement that it had offered a 5 percent raise "
    "and warned that the stoppage would cost the island economy dearly. Transport minister Colin "
    "Ashdown urged both sides to return to talks, according to the regional broadcaster.\n\n"
    "Islanders say the crossings are their only link to hospitals and schools on the mainland. "
    "Talks are expected to resume later this week."
)

LIBRARY_VOTE = (
    "The city council of Arden voted on Wednesday to close the old central library for two "
    "years of repairs, after engineers found cracks in the roof beams of the reading hall.\n\n"
    "Council leader Priya Natarajan said the building was no longer safe for the public. "
    '"We cannot ask families to sit under a roof that might fail," she told the council '
    "chamber.\n\n"
    "The library's books will move to a temporary branch in the former post office on Mill "
    "Street, which is due to open in March. Residents' groups said the closure would hit "
    "pupils who rely on the library for quiet study space and free internet access."
)

CANAL_REOPENING = (
    "The Harrow canal reopened to barges on Thursday after eight months of repairs to its "
    "locks, the waterways agency said. Boat owners had waited since last spring for the work "
    "to finish, and several hire companies said they had lost most of a season. The agency "
    "said the new gates should last for fifty years and that tolls would not rise this year. "
    '"It is a relief to see the water moving again," said lock keeper Tom Brannock, who has '
    "worked on the canal for two decades."
)


BRIDGE = (
    "Crews reopened the Harbour Road bridge in Kestrel Bay on Tuesday after three weeks of"
    " repairs to its steel deck, the county roads department said. Engineers found corrosion"
    " in two support beams during a routine inspection in May and closed the bridge to all"
    " traffic. Drivers had faced a detour of about twelve kilometres through the town centre."
    " The department said the repairs cost 1.2 million dollars and came in under budget."
)
LIBRARY_REPAIRS = (
    "The Arden town council voted on Monday to close the central library for eight months"
    " so that its roof and heating can be replaced, the mayor's office announced. A temporary"
    " lending point will open in the community hall on Mill Street from the first of July."
    " Librarians said the reading rooms had been too cold to use for most of last winter."
    " The council set aside 3 million euros for the work in its spring budget."
)

FERRY_TITLE = "Ferry crews strike in Kestrel Bay"
FERRY_OUTLET = "Harbour Post"
FERRY_PUBLISHED = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


_WORDS = (
    "ferry crossing harbor council vote budget strike pilots union school district storm levee",
    "river flood mayor court ruling tariff steel grain export drought reservoir",
)
_VOCAB = tuple(w for line in _WORDS for w in line.split(" "))


def story_articles(
    texts: Iterable[tuple[str, int, str]], *, key: str, title: str, year: int, month: int
) -> list[Article]:
    """A story's articles from (text, day of the month, outlet): ids ``key0``, ``key1`` …,
    titles "``title``, part 1" …, published at 09:00 UTC on their day."""
    return [
        Article(
            id=f"{key}{i}",
            title=f"{title}, part {i + 1}",
            text=text,
            published=datetime(year, month, day, 9, tzinfo=UTC),
            outlet=outlet,
        )
        for i, (text, day, outlet) in enumerate(texts)
    ]


def said_with(analysis: Analysis, words: str) -> Attribution:
    """The first attribution whose content holds ``words``."""
    return next(a for a in analysis.attributions if words in a.content)


def speaker_of(analysis: Analysis, att: Attribution) -> str | None:
    """The name of the actor an attribution credits, if any."""
    actor = next((x for x in analysis.actors if x.id == att.actor_id), None)
    return actor.name if actor is not None else None


def random_text(rng: random.Random, *, words: int = 12, sentences: int = 8) -> str:
    """A text of ``sentences`` sentences of ``words`` words drawn from a small news vocabulary:
    unrelated texts that share words (many articles for the store's tests)."""
    return " ".join(
        " ".join(rng.choice(_VOCAB) for _ in range(words)).capitalize() + "."
        for _ in range(sentences)
    )


def store_article(
    db: Path | str, text: str, title: str, outlet: str, published: datetime
) -> tuple[str, Outcome]:
    """Analyze, brief and store one article through the library (dedupe, story threads, one
    transaction), as ``newsbrief brief`` does; return its id and the ingest outcome."""
    article = article_from_text(text, title=title, outlet=outlet, published=published)
    analysis = analyze(article)
    with Archive.open(db) as archive:
        outcome = Ingestor(archive).add(article, analysis, brief=compose_brief(analysis))
    return article.id, outcome


def store_ferry(db: Path | str) -> str:
    """The ferry-strike article, stored; its id."""
    article_id, _ = store_article(db, FERRY_STRIKE, FERRY_TITLE, FERRY_OUTLET, FERRY_PUBLISHED)
    return article_id


def _load_feedsite() -> ModuleType:
    """The fixture site module (a feed and article pages served on loopback), loaded once."""
    name = "newsbrief_tests_feedsite"
    if name not in sys.modules:
        path = TESTS / "fixtures" / "feed" / "feedsite.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        sys.modules[name] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules[name]


feedsite = _load_feedsite()
FEED_PAGES: dict[str, Any] = {p.slug: p for p in feedsite.load_pages()}


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[ThreadingHTTPServer]:
    """Serve ``handler`` on 127.0.0.1 (a free port) from a background thread while the block
    runs; the port is ``server.server_address[1]``."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def send_body(
    handler: BaseHTTPRequestHandler, body: bytes, content_type: str, status: int = 200
) -> None:
    """Answer the handler's request with a whole body of this type (and its length)."""
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class Dribbler:
    """A loopback HTTP server that sends its headers, then one body byte every 0.5 s (or
    dribbles the headers themselves), and records when each client hung up."""

    def __init__(self, *, headers_too: bool = False, content_type: str = "text/html") -> None:
        self.headers_too = headers_too
        self.content_type = content_type
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.requests: list[str] = []
        self.hung_up: list[float] = []
        self.started: list[float] = []
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:  # closed
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            request = conn.recv(65536).decode("latin-1")
            self.requests.append(request.split("\r\n", 1)[0])
            self.started.append(time.monotonic())
            head = f"HTTP/1.1 200 OK\r\nContent-Type: {self.content_type}\r\n\r\n".encode()
            if not self.headers_too:
                conn.sendall(head)
                head = b""
            payload = head + b"<html><body><p>" + b"x" * 10_000
            try:
                for i in range(len(payload)):
                    if self.stop.is_set():
                        return
                    conn.sendall(payload[i : i + 1])
                    time.sleep(0.5)
            except OSError:
                self.hung_up.append(time.monotonic())

    def close(self) -> None:
        self.stop.set()
        self.sock.close()
