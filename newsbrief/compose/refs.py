"""The ``ArticleRef`` a brief lists for each article it draws on."""

from __future__ import annotations

from newsbrief.models import Analysis, ArticleRef

__all__ = ["article_ref"]


def article_ref(analysis: Analysis) -> ArticleRef:
    a = analysis.article
    return ArticleRef(
        id=a.id, title=a.title, url=a.url, outlet=a.outlet, author=a.author, published=a.published
    )
