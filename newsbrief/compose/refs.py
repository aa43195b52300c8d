"""The ``ArticleRef`` a brief lists for each article it draws on."""

from __future__ import annotations

from newsbrief.models import Analysis, ArticleRef
from newsbrief.stories.titles import article_title

__all__ = ["article_ref"]


def article_ref(analysis: Analysis) -> ArticleRef:
    """The brief's reference to an article; its title is what a reader sees (the headline, or
    one composed from the lead), never empty."""
    a = analysis.article
    return ArticleRef(
        id=a.id,
        title=article_title(a.title, a.text),
        url=a.url,
        outlet=a.outlet,
        author=a.author,
        published=a.published,
    )
