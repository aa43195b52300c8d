"""A Brief as one self-contained HTML page (inline CSS, no scripts, no external assets).

Every sentence of the regrouped body is a ``<span id="s-<article>-<n>">``; every brief item links to
its sentence, and the linked sentence is highlighted with CSS ``:target``. Autoescaping is on:
article text is untrusted.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from newsbrief.models import Brief
from newsbrief.render.refs import (
    EMPTY_NOTES,
    SECTION_TITLES,
    Resolver,
    as_sentence,
    brief_articles,
    format_datetime,
    matter_label,
    one_line,
    quote_text,
    sentence_anchor,
    web_url,
)

__all__ = ["render_html"]

TEMPLATE = "brief.html.j2"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("newsbrief.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = format_datetime
    env.filters["one_line"] = one_line
    env.filters["as_sentence"] = as_sentence
    env.filters["web_url"] = web_url
    return env


def render_html(brief: Brief) -> str:
    """The whole brief as one HTML5 document."""
    template = _environment().get_template(TEMPLATE)
    return template.render(
        brief=brief,
        articles=brief_articles(brief),
        ref=Resolver(brief).ref,
        anchor=sentence_anchor,
        matter_label=matter_label,
        quote_text=quote_text,
        titles=SECTION_TITLES,
        notes=EMPTY_NOTES,
    )
