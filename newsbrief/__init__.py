"""newsbrief: grounded explainer briefs from news articles.

The public API, one function per pipeline stage plus a one-shot helper::

    import newsbrief
    article = newsbrief.load_input("examples/port-strike.txt")
    analysis = newsbrief.analyze(article)
    brief = newsbrief.compose_brief(analysis)
    print(newsbrief.render(brief, "md"))

    brief = newsbrief.brief("examples/port-strike.txt")   # the same, in one call

Heavy modules (spaCy, trafilatura) load on first use, so ``import newsbrief`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from newsbrief.errors import NewsbriefError
from newsbrief.models import Analysis, Article, Brief
from newsbrief.settings import Settings

if TYPE_CHECKING:
    from newsbrief.analyze import analyze, analyze_many
    from newsbrief.compose import compose_brief, compose_story_brief
    from newsbrief.ingest import article_from_text, load_input
    from newsbrief.render import render

__version__ = "0.3.18"
__all__ = [
    "Analysis",
    "Article",
    "Brief",
    "NewsbriefError",
    "Settings",
    "__version__",
    "analyze",
    "analyze_many",
    "article_from_text",
    "brief",
    "compose_brief",
    "compose_story_brief",
    "load_input",
    "render",
]

_LAZY = {
    "analyze": "newsbrief.analyze",
    "analyze_many": "newsbrief.analyze",
    "compose_brief": "newsbrief.compose",
    "compose_story_brief": "newsbrief.compose",
    "load_input": "newsbrief.ingest",
    "article_from_text": "newsbrief.ingest",
    "render": "newsbrief.render",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsbrief' has no attribute {name!r}")


def brief(spec: str, *, settings: Settings | None = None, **metadata: Any) -> Brief:
    """Read one input (path, URL or '-'), analyze it and compose its brief."""
    from newsbrief.analyze import analyze as _analyze
    from newsbrief.compose import compose_brief as _compose
    from newsbrief.ingest import load_input as _load

    article = _load(spec, settings=settings, **metadata)
    return _compose(_analyze(article), settings)
