"""The JSON API's request and response models (what ``/openapi.json`` documents), and the
conversions from the archive's records to them."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict, Field

from newsbrief.models import Article
from newsbrief.store import queries
from newsbrief.store.records import SearchHit, StoryRow
from newsbrief.web.submit import MAX_TEXT_CHARS

# --------------------------------------------------------------------------- response models


class Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class Health(Out):
    status: str = "ok"
    version: str
    schema_version: int
    articles: int
    stories: int


class StoryOut(Out):
    id: str
    title: str = Field(description="the story's title, the same on every page and in the brief")
    article_count: int
    independent_sources: int
    outlets: list[str]
    first_published: datetime | None
    last_published: datetime | None
    updated_at: datetime
    url: str = Field(description="the story's page")
    brief_url: str = Field(description="the story's brief as JSON")


class ArticleOut(Out):
    id: str
    title: str = Field(description="the headline, or one composed from the lead")
    outlet: str | None
    url: str | None = Field(description="where the article was published")
    published: datetime | None
    story_id: str | None
    page_url: str
    brief_url: str


class ArticleDetail(Out):
    article: Article
    story_id: str | None
    page_url: str
    brief_url: str


class ArticleHit(ArticleOut):
    snippet: str = Field(description="matched words are marked «like this»")
    score: float


class ActorOut(Out):
    name: str
    kind: str = Field(description="person, organization, country, media or group")
    role: str | None
    affiliation: str | None
    article_count: int = Field(description="articles in which an actor of this name appears")
    story_count: int = Field(description="the stories those articles belong to")
    url: str = Field(description="the actor's page: what they said, and where they appear")


class SearchOut(Out):
    query: str
    stories: list[StoryOut]
    articles: list[ArticleHit]
    actors: list[ActorOut]


ItemT = TypeVar("ItemT")


class Page(Out, Generic[ItemT]):
    """One page of a list: its items, how many there are in all, and the next page's URL."""

    items: list[ItemT]
    total: int = Field(description="how many there are in all")
    next: str | None = Field(description="the URL of the next page; null on the last")


def next_url(path: str, *, total: int, limit: int, offset: int) -> str | None:
    if offset + limit >= total:
        return None
    return f"{path}?{urlencode({'limit': limit, 'offset': offset + limit})}"


def page_of(items: list[ItemT], path: str, *, total: int, limit: int, offset: int) -> Page[ItemT]:
    """One page of a list endpoint: these items, the total, and the next page's URL."""
    return Page[ItemT](
        items=items, total=total, next=next_url(path, total=total, limit=limit, offset=offset)
    )


class SubmitIn(BaseModel):
    """An article to ingest and brief: exactly one of ``text``, ``html`` or ``url``."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    html: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    url: str | None = Field(default=None, max_length=2048)
    title: str | None = Field(default=None, max_length=500)
    outlet: str | None = Field(default=None, max_length=200)
    published: datetime | None = None


class SubmitOut(Out):
    article_id: str
    story_id: str | None
    created: bool = Field(description="False when the article was already in the archive")
    page_url: str
    brief_url: str
    brief: dict[str, Any] = Field(description="the brief, as `newsbrief schema` describes it")


# --------------------------------------------------------------------------- helpers


OutT = TypeVar("OutT", bound=Out)


def out_of(model: type[OutT], record: object, **computed: Any) -> OutT:
    """``model`` with ``computed`` fields as given and every other field copied from the
    record's attribute of the same name."""
    copied = {name: getattr(record, name) for name in model.model_fields if name not in computed}
    return model(**copied, **computed)


def article_links(article_id: str) -> dict[str, str]:
    """The article's page and its brief in the API."""
    return {
        "page_url": f"/articles/{article_id}",
        "brief_url": f"/api/v1/articles/{article_id}/brief",
    }


def story_out(row: StoryRow) -> StoryOut:
    return out_of(
        StoryOut, row, url=f"/stories/{row.id}", brief_url=f"/api/v1/stories/{row.id}/brief"
    )


def article_out(row: queries.ArticleRow) -> ArticleOut:
    return out_of(ArticleOut, row, **article_links(row.id))


def hit_out(hit: SearchHit) -> ArticleHit:
    """A search hit as an article (hits carry no URL)."""
    return out_of(ArticleHit, hit, id=hit.article_id, url=None, **article_links(hit.article_id))
