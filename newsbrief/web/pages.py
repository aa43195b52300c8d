"""The server-rendered pages: stories, a story's brief, an article (evidence highlighted), an
actor across stories, search, and the form that briefs a pasted text or URL."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from newsbrief.errors import InputError, NewsbriefError
from newsbrief.ingest.text import parse_datetime
from newsbrief.models import Brief
from newsbrief.render.html import brief_context
from newsbrief.store import queries
from newsbrief.stories.titles import article_title
from newsbrief.web.backend import Backend
from newsbrief.web.errors import error_status, has_control_chars
from newsbrief.web.safety import token_matches
from newsbrief.web.submit import Submission, brief_submission
from newsbrief.web.templating import render_page
from newsbrief.web.views import WebResolver, actor_statements, article_blocks

router = APIRouter(include_in_schema=False)


def get_backend(request: Request) -> Backend:
    backend: Backend = request.app.state.backend
    return backend


BackendDep = Annotated[Backend, Depends(get_backend)]


@cache
def _brief_css() -> bytes:
    return (files("newsbrief.render") / "templates" / "brief.css").read_bytes()


@router.get("/static/brief.css")
def brief_css() -> Response:
    """The brief's stylesheet, shared with the standalone HTML renderer."""
    headers = {"Cache-Control": "public, max-age=3600"}
    return Response(_brief_css(), media_type="text/css", headers=headers)


@router.get("/", response_class=HTMLResponse)
def stories_page(
    request: Request, backend: BackendDep, page: Annotated[int, Query(ge=1, le=10_000)] = 1
) -> Response:
    size: int = request.app.state.config.page_size
    reader = backend.reader()
    ids = reader.ranked_story_ids()
    pages = max(1, -(-len(ids) // size))
    if page > pages:
        raise HTTPException(404, f"There is no page {page}: the stories fill {pages}.")
    offset = (page - 1) * size
    context = {
        "nav": "stories",
        "stories": reader.story_rows(ids[offset : offset + size]),
        "page": page,
        "pages": pages,
        "total": len(ids),
        "has_next": page < pages,
        "counts": queries.counts(backend.connection()),
        "title": "Latest stories" if page == 1 else f"Latest stories, page {page} of {pages}",
    }
    return render_page("stories.html.j2", context)


def _brief_context(brief: Brief, stored: set[str]) -> dict[str, object]:
    """What the renderer's brief partial needs, with evidence linking to the article view (the
    arc's earlier articles the Story So Far cites are stored too)."""
    stored = stored | {a.id for a in brief.background}
    return brief_context(brief, WebResolver(brief, stored).ref)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(story_id: str, backend: BackendDep) -> Response:
    story = backend.reader().get_story(story_id)
    if story is None:
        raise HTTPException(404, f"There is no story {story_id!r} in this archive.")
    brief = backend.story_brief(story_id)
    articles = queries.story_articles(backend.connection(), story_id)
    arc_id = backend.reader().arc_of_story(story.id)
    context = {
        **(_brief_context(brief, {a.id for a in articles}) if brief is not None else {}),
        "brief": brief,
        "story": story,
        "story_articles": articles,
        "arc": backend.reader().get_arc(arc_id) if arc_id else None,
        "title": story.title,
    }
    return render_page("story.html.j2", context)


@router.get("/articles/{article_id}/brief", response_class=HTMLResponse)
def article_brief_page(article_id: str, backend: BackendDep) -> Response:
    brief = backend.article_brief(article_id)
    if brief is None:
        raise HTTPException(404, f"There is no briefed article {article_id!r} here.")
    context = {
        **_brief_context(brief, {article_id}),
        "article_id": article_id,
        "story_id": backend.reader().story_of(article_id),
        "title": brief.headline,
    }
    return render_page("article_brief.html.j2", context)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    article_id: str,
    backend: BackendDep,
    s: Annotated[int | None, Query(ge=0, description="sentence to highlight")] = None,
) -> Response:
    reader = backend.reader()
    article = reader.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"There is no article {article_id!r} in this archive.")
    analysis = reader.get_analysis(article_id)
    story_id = reader.story_of(article_id)
    context = {
        "article": article,
        "blocks": article_blocks(article, analysis),
        "highlight": s,
        "story": reader.get_story(story_id) if story_id else None,
        "outlets": reader.outlets(article_id),
        "has_brief": analysis is not None,
        "title": article_title(article.title, article.text),
    }
    return render_page("article.html.j2", context)


@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor_page(name: str, backend: BackendDep) -> Response:
    mentions = queries.actor_mentions(backend.connection(), name)
    if not mentions:
        raise HTTPException(404, f"No one called {name!r} appears in this archive.")
    reader = backend.reader()
    statements = []
    for mention in mentions:
        analysis = reader.get_analysis(mention.article.id)
        if analysis is not None:
            statements += actor_statements(analysis, mention.actor_id, mention.article.story_id)
    actors = queries.search_actors(backend.connection(), name, limit=50)
    same = [a for a in actors if a.name.lower() == name.lower()]
    context = {
        "name": same[0].name if same else name,
        "actor": same[0] if same else None,
        "mentions": mentions,
        "statements": statements,
        "title": name,
    }
    return render_page("actor.html.j2", context)


@router.get("/search", response_class=HTMLResponse)
def search_page(backend: BackendDep, q: Annotated[str, Query(max_length=200)] = "") -> Response:
    if has_control_chars(q):
        raise HTTPException(400, "The search text contains control characters.")
    q = " ".join(q.split())
    reader = backend.reader()
    hits = []
    if q:
        try:
            hits = reader.search(q, limit=30)
        except InputError:
            hits = []
    story_ids = list(dict.fromkeys(h.story_id for h in hits if h.story_id))
    stories = [s for s in (reader.get_story(sid) for sid in story_ids[:10]) if s is not None]
    actors = queries.search_actors(backend.connection(), q) if q else []
    context = {"nav": "search", "q": q, "hits": hits, "stories": stories, "actors": actors}
    return render_page("search.html.j2", context)


@router.get("/submit", response_class=HTMLResponse)
def submit_form(request: Request) -> Response:
    return render_page("submit.html.j2", _form_context(request, {}))


def _form_context(
    request: Request, values: dict[str, str], error: str = "", hint: str = ""
) -> dict[str, object]:
    return {
        "nav": "submit",
        "values": values,
        "error": error,
        "hint": hint,
        "needs_token": bool(request.app.state.config.token),
        "title": "Brief an article",
    }


@router.post("/submit", response_class=HTMLResponse)
def submit_post(
    request: Request,
    backend: BackendDep,
    text: Annotated[str, Form(max_length=400_000)] = "",
    url: Annotated[str, Form(max_length=2048)] = "",
    title: Annotated[str, Form(max_length=500)] = "",
    outlet: Annotated[str, Form(max_length=200)] = "",
    published: Annotated[str, Form(max_length=40)] = "",
    token: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    values = {"text": text, "url": url, "title": title, "outlet": outlet, "published": published}
    if not token_matches(request.app.state.config.token, f"Bearer {token}"):
        context = _form_context(request, values, "The access token is missing or wrong.")
        return render_page("submit.html.j2", context, status_code=401)
    try:
        sub = Submission(
            text=text.strip() or None,
            url=url.strip() or None,
            title=title.strip() or None,
            outlet=outlet.strip() or None,
            published=_published(published),
        )
        result = brief_submission(backend, sub)
    except NewsbriefError as exc:
        context = _form_context(request, values, exc.message, exc.hint)
        return render_page("submit.html.j2", context, status_code=error_status(exc))
    return RedirectResponse(f"/articles/{result.article_id}/brief", status_code=303)


def _published(value: str) -> datetime | None:
    if not value.strip():
        return None
    parsed = parse_datetime(value.strip())
    if parsed is None:
        raise InputError(
            f"the publication date {value!r} is not a date", hint="write it like 2024-06-11"
        )
    return parsed
