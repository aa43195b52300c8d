"""The pages' Jinja2 environment: the web templates first, then the renderer's (for the brief
partial and its stylesheet). Autoescaping is on for every template and string."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from newsbrief.render.html import BRIEF_FILTERS
from newsbrief.render.refs import one_line
from newsbrief.web.views import actor_href, evidence_href

__all__ = ["STATIC_DIR", "environment", "highlight_snippet", "render_page"]

STATIC_DIR = Path(__file__).parent / "static"
SNIPPET_OPEN = "«"
SNIPPET_CLOSE = "»"


def short_date(value: datetime | None) -> str:
    """'11 Jun 2024'; empty for None."""
    return f"{value.day} {value:%b %Y}" if value else ""


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def as_sentence(text: str) -> str:
    """'the text is short' → 'The text is short.' (messages and hints shown as prose)."""
    text = one_line(text)
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def bare_quote(text: str) -> str:
    """A direct quote without its own quotation marks or trailing comma (the page adds “ ”)."""
    return one_line(text).strip("\"“”'‘’").rstrip(",").strip()


def highlight_snippet(snippet: str) -> Markup:
    """A search snippet, escaped, with each «matched term» wrapped in ``<mark>``."""
    out: list[str] = []
    rest = snippet
    while True:
        start = rest.find(SNIPPET_OPEN)
        end = rest.find(SNIPPET_CLOSE, start + 1) if start >= 0 else -1
        if start < 0 or end < 0:
            out.append(str(escape(rest)))
            break
        out.append(str(escape(rest[:start])))
        out.append(f"<mark>{escape(rest[start + 1 : end])}</mark>")
        rest = rest[end + 1 :]
    return Markup("".join(out))


@cache
def environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("newsbrief.web", "templates"),
                PackageLoader("newsbrief.render", "templates"),
            ]
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(BRIEF_FILTERS)
    env.filters.update(
        short_date=short_date,
        snippet=highlight_snippet,
        sentence=as_sentence,
        bare_quote=bare_quote,
    )
    env.globals.update(plural=plural, actor_href=actor_href, evidence_href=evidence_href)
    return env


def render_page(
    template: str,
    context: Mapping[str, Any],
    *,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status_code, headers=dict(headers) if headers else None)
