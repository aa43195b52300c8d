"""A Brief as one self-contained HTML page (inline CSS, no scripts, no external assets).

Every sentence of the regrouped body is a ``<span id="s-<article>-<n>">``; every brief item links to
its sentence, and the linked sentence is highlighted with CSS ``:target``. Autoescaping is on:
article text is untrusted.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from newsbrief.models import Brief, Evidence
from newsbrief.render import refs
from newsbrief.render.pictures import coverage_svg, timeline_svg

__all__ = ["BRIEF_FILTERS", "brief_context", "render_html"]

TEMPLATE = "brief.html.j2"
# the filters the brief templates use (the web app's environment registers them too)
BRIEF_FILTERS: dict[str, Callable[..., Any]] = {
    "when": refs.format_datetime,
    "one_line": refs.one_line,
    "as_sentence": refs.as_sentence,
    "web_url": refs.web_url,
    "possessive": refs.possessive,
}


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsbrief.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(BRIEF_FILTERS)
    return env


def brief_context(
    brief: Brief, ref: Callable[[Evidence], refs.EvidenceRef] | None = None
) -> dict[str, Any]:
    """What ``brief_body.html.j2`` needs (the web app includes it too, with its own ``ref``).

    ``ref`` turns evidence into a link; by default, in-page links to the regrouped body.
    """
    return {
        "brief": brief,
        "articles": refs.brief_articles(brief),
        "listed": (*refs.brief_articles(brief), *brief.background),
        "background_note": refs.BACKGROUND_NOTE,
        "article_anchor": refs.article_anchor,
        "ref": ref or refs.Resolver(brief).ref,
        "anchor": refs.sentence_anchor,
        "elsewhere": refs.elsewhere,
        "matter_label": refs.matter_label,
        "quote_text": refs.quote_text,
        "titles": refs.SECTION_TITLES,
        "notes": refs.empty_notes(brief),
        "pictures": {"timeline": timeline_svg(brief), "coverage": coverage_svg(brief.coverage)},
    }


def render_html(brief: Brief) -> str:
    """The whole brief as one HTML5 document."""
    template = _environment().get_template(TEMPLATE)
    return template.render(**brief_context(brief))
