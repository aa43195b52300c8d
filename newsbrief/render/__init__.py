"""Stage 5: render a Brief as Markdown, a self-contained HTML page, or JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args

from newsbrief.models import Brief
from newsbrief.render.html import render_html
from newsbrief.render.jsonout import brief_schema, render_json
from newsbrief.render.markdown import render_markdown

__all__ = [
    "FORMATS",
    "Format",
    "brief_schema",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
]

Format = Literal["md", "html", "json"]
FORMATS: tuple[str, ...] = get_args(Format)

_RENDERERS: dict[str, Callable[[Brief], str]] = {
    "md": render_markdown,
    "html": render_html,
    "json": render_json,
}


def render(brief: Brief, fmt: Format) -> str:
    """The brief in one of the formats ``md``, ``html`` or ``json``."""
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return renderer(brief)
