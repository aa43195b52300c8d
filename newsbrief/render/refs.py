"""Shared by every renderer: sentence anchors, evidence labels, bylines, empty-section notes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsbrief.models import ArticleRef, Brief, Evidence, MatterItem, Statement, TimelineEntry

__all__ = [
    "BACKGROUND_NOTE",
    "EMPTY_NOTES",
    "MATTER_LABELS",
    "SECTION_TITLES",
    "EvidenceRef",
    "Resolver",
    "article_anchor",
    "as_sentence",
    "brief_articles",
    "elsewhere",
    "empty_notes",
    "format_datetime",
    "matter_label",
    "one_line",
    "possessive",
    "quote_text",
    "sentence_anchor",
    "web_url",
]

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")
_WEB_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_OPEN_QUOTES = '"“'
_CLOSE_QUOTES = '"”'

SECTION_TITLES = {
    "summary": "Executive Summary",
    "story": "The Story So Far",
    "matters": "Why This Matters",
    "who": "Who Thinks What?",
    "article": "The Article",
    "new": "What's New",
    "coverage": "Coverage",
}

EMPTY_NOTES = {
    "summary": "No summary could be drawn from this article.",
    "story": "No dated background in this article.",
    "matters": "No statements of stakes or consequences in this article.",
    "who": "No attributed statements in this article.",
    "article": "No article text to show.",
}

# heads the list of the arc's earlier articles a story brief's Story So Far cites
BACKGROUND_NOTE = "The Story So Far also draws on earlier developments of this story"

MATTER_LABELS = {
    "stakes": "Stakes",
    "consequence": "Consequence",
    "context": "Context",
    "watch": "What to watch",
}


def empty_notes(brief: Brief) -> dict[str, str]:
    """The empty-section notes, worded for a story when the brief draws on several articles."""
    if len(brief_articles(brief)) <= 1:
        return EMPTY_NOTES
    return {k: v.replace("this article", "these articles") for k, v in EMPTY_NOTES.items()}


def possessive(name: str) -> str:
    """``Operators`` → ``Operators’``, ``the union`` → ``the union’s``."""
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def sentence_anchor(article_id: str, sentence_index: int) -> str:
    """The id of a sentence in the rendered body: ``s-<article_id>-<sentence_index>``."""
    return f"s-{_UNSAFE_ID.sub('_', article_id)}-{sentence_index}"


def article_anchor(article_id: str) -> str:
    """The id of an article's entry in the brief's list of sources: ``a-<article_id>``."""
    return f"a-{_UNSAFE_ID.sub('_', article_id)}"


def web_url(url: str | None) -> bool:
    """True for an absolute http(s) URL that is safe to put in a link (no script URLs)."""
    return url is not None and _WEB_URL.fullmatch(url) is not None


def one_line(text: str) -> str:
    """Collapse every run of whitespace (newlines included) into one space."""
    return " ".join(text.split())


def as_sentence(text: str) -> str:
    """One line that ends like a sentence: a trimmed item ("…capacity") gets its full stop back.

    Only for display where items run together as prose; the JSON keeps the verbatim text.
    """
    line = one_line(text)
    if line and (line[-1].isalnum() or line[-1] in ")%"):
        return line + "."
    return line


def format_datetime(value: datetime) -> str:
    """'11 June 2024, 09:30 UTC'; a date-only label ('11 June 2024') when the time is exactly
    midnight, without a zone or in UTC: that is how a date-only publication date is stored, and
    a made-up '00:00 UTC' would mislead."""
    day = f"{value.day} {value:%B %Y}"
    offset = value.utcoffset()
    if (value.hour, value.minute, value.second) == (0, 0, 0) and not offset:
        return day
    if offset is None:
        zone = ""
    elif offset == timedelta(0):
        zone = " UTC"
    else:
        zone = f" {value:%z}"
    return f"{day}, {value:%H:%M}{zone}"


def brief_articles(brief: Brief) -> tuple[ArticleRef, ...]:
    """The articles a brief draws on, in the brief's order (one for a single-article brief)."""
    if brief.articles:
        return brief.articles
    return (brief.article,) if brief.article is not None else ()


def elsewhere(entry: TimelineEntry, articles: tuple[ArticleRef, ...]) -> str | None:
    """The outlets of a timeline line drawn from an article the brief does not list (an earlier
    story of the same arc): its bare ``¶s0`` would not say whose sentence it is."""
    if entry.also or not entry.outlets or any(a.id == entry.evidence.article_id for a in articles):
        return None
    return ", ".join(entry.outlets)


@dataclass(frozen=True)
class EvidenceRef:
    """How one piece of evidence is shown: a label and, when there is one, a link target."""

    label: str
    href: str | None
    title: str


class Resolver:
    """Turns Evidence into an EvidenceRef for one brief.

    Sentences of the regrouped body get in-page links (``#s-<article>-<index>``). Evidence from an
    earlier article of a story, or of the story's arc (``Brief.background``), whose body is not
    shown, links to that article's URL when known, else to its entry in the list of sources.
    ``articles``: every article the brief lists, the story's own first, then the background,
    numbered in that order.
    """

    def __init__(self, brief: Brief) -> None:
        self.articles = (*brief_articles(brief), *brief.background)
        self._number = {a.id: n for n, a in enumerate(self.articles, start=1)}
        self.listed = len(self.articles) > 1  # the byline lists them, each with its anchor
        self._in_body = {
            (s.evidence.article_id, s.evidence.sentence_index)
            for section in brief.sections
            for paragraph in section.paragraphs
            for s in paragraph.sentences
            if s.origin == "extracted"  # a generated sentence has no anchor of its own
        }

    def ref(self, evidence: Evidence) -> EvidenceRef:
        key = (evidence.article_id, evidence.sentence_index)
        if key in self._in_body:
            return EvidenceRef(
                label=self._label(evidence),
                href="#" + sentence_anchor(*key),
                title=f"Sentence {evidence.sentence_index} of the article",
            )
        article = self._article(evidence.article_id)
        if article is None:
            title = f"Sentence {evidence.sentence_index} of article {evidence.article_id}"
            return EvidenceRef(label=self._label(evidence), href=None, title=title)
        name = article.title or article.outlet or "untitled"
        title = f"Sentence {evidence.sentence_index} of the earlier article “{name}”"
        href = article.url if web_url(article.url) else None
        if href is None and self.listed:
            href = "#" + article_anchor(article.id)
        return EvidenceRef(label=self._label(evidence), href=href, title=title)

    def _article(self, article_id: str) -> ArticleRef | None:
        for article in self.articles:
            if article.id == article_id:
                return article
        return None

    def _label(self, evidence: Evidence) -> str:
        """``¶s3``; ``¶2·s3`` (article 2 of the list) when the brief lists several articles."""
        if self.listed and evidence.article_id in self._number:
            return f"¶{self._number[evidence.article_id]}·s{evidence.sentence_index}"
        return f"¶s{evidence.sentence_index}"


def matter_label(item: MatterItem) -> str:
    return MATTER_LABELS[item.kind]


def quote_text(statement: Statement) -> str:
    """A direct quote without the quotation marks around it (the renderers add their own)."""
    text = one_line(statement.text)
    if statement.kind == "direct":
        return text.lstrip(_OPEN_QUOTES).rstrip(_CLOSE_QUOTES).rstrip(", ").strip()
    return text
