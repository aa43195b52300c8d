"""Briefing an article sent to the server (the form and ``POST /api/v1/articles``).

Pasted text and HTML are read like standard input; a URL is fetched only after
:func:`newsbrief.web.safety.check_url` has found it public, and every redirect hop is checked
again by the guard handed to ``fetch_url``. The article is analyzed and briefed outside the
write lock, then stored by the batch ingestor (dedupe, story thread, analysis and brief in one
transaction), exactly as ``newsbrief ingest`` would store it.
"""

from __future__ import annotations

import io
import socket
import threading
from dataclasses import dataclass
from datetime import datetime

from newsbrief.analyze import analyze
from newsbrief.compose import compose_brief
from newsbrief.errors import InputError
from newsbrief.ingest import load_input
from newsbrief.ingest.batch import Ingestor
from newsbrief.models import Article, Brief
from newsbrief.web.backend import Backend
from newsbrief.web.safety import Resolver, VettedHosts, peer_guard

__all__ = ["MAX_TEXT_CHARS", "Submission", "Submitted", "brief_submission"]

MAX_TEXT_CHARS = 400_000
_ANALYZE_LOCK = threading.Lock()  # one spaCy parse at a time in this process


@dataclass(frozen=True)
class Submission:
    """What a visitor sent: exactly one of ``text``, ``html`` or ``url``, and optional metadata."""

    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    source: str = "web"


@dataclass(frozen=True)
class Submitted:
    article_id: str
    story_id: str | None
    created: bool
    brief: Brief


def _one_input(sub: Submission) -> tuple[str, str]:
    given = [(k, v) for k, v in (("text", sub.text), ("html", sub.html), ("url", sub.url)) if v]
    if len(given) != 1:
        raise InputError(
            "give exactly one of text, html or url",
            hint="paste the article's text, or give the address of its web page",
        )
    kind, value = given[0]
    if len(value) > MAX_TEXT_CHARS:
        raise InputError(f"the {kind} is longer than {MAX_TEXT_CHARS:,} characters")
    return kind, value


def _as_html_document(html: str) -> str:
    head = html.lstrip()[:64].lower()
    if head.startswith(("<!doctype html", "<html")):
        return html
    return f"<!DOCTYPE html><html><body>{html}</body></html>"


def read_submission(backend: Backend, sub: Submission, resolver: Resolver | None = None) -> Article:
    """The submitted article, read and checked like any other input."""
    kind, value = _one_input(sub)
    title, outlet = sub.title or None, sub.outlet or None
    if kind == "url":
        url = value.strip()
        vetted = VettedHosts(resolver=resolver or socket.getaddrinfo)
        vetted.guard(url)  # refuse before anything else happens
        article = load_input(
            url,
            title=title,
            outlet=outlet,
            published=sub.published,
            settings=backend.settings,
            guard=vetted.guard,
            peer_guard=peer_guard,
            connect_to=vetted.connect_to,
        )
        return article.model_copy(update={"source": url})
    body = _as_html_document(value) if kind == "html" else value
    try:
        article = load_input(
            "-",
            title=title,
            outlet=outlet,
            published=sub.published,
            settings=backend.settings,
            stdin=io.StringIO(body),
        )
    except InputError as exc:
        raise _relabel(exc, f"the pasted {'HTML' if kind == 'html' else 'text'}") from exc
    return article.model_copy(update={"source": sub.source})


def _relabel(exc: InputError, label: str) -> InputError:
    """The same error, naming the pasted input instead of standard input ('-')."""
    message = exc.message
    if message.startswith("-"):
        message = label + message[1:]
    return type(exc)(message, hint=exc.hint)


def brief_submission(
    backend: Backend, sub: Submission, *, resolver: Resolver | None = None
) -> Submitted:
    """Read, analyze, brief and store a submitted article; return where it landed.

    An article already in the archive is not briefed again; a copy of a stored text (another
    outlet's run of it) is recorded as such and answered with the stored article's brief.
    """
    article = read_submission(backend, sub, resolver)
    reader = backend.reader()
    known = reader.get_brief("article", article.id)
    if known is not None:
        return Submitted(article.id, reader.story_of(article.id), False, known)
    with _ANALYZE_LOCK:
        analysis = analyze(article)
    brief = compose_brief(analysis, backend.settings)
    with backend.writer() as archive:
        outcome = Ingestor(archive, backend.settings).add(
            article, analysis, brief=brief, label=article.source
        )
    article_id = outcome.article_id or article.id
    if article_id != article.id:
        brief = backend.article_brief(article_id) or brief
    return Submitted(article_id, outcome.story_id, outcome.status == "new", brief)
