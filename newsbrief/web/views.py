"""What the pages show, computed from records: evidence links, the article text cut into
highlightable sentences, and an actor's statements across stories.

No HTML is built here; the templates (autoescaped) do that.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from newsbrief.compose.perspectives import statement_of
from newsbrief.models import Analysis, Article, Attribution, Brief, Evidence
from newsbrief.render.refs import EvidenceRef, Resolver, sentence_anchor
from newsbrief.stories.titles import article_title

__all__ = [
    "ArticleBlock",
    "Piece",
    "StatementView",
    "WebResolver",
    "actor_href",
    "actor_statements",
    "article_blocks",
    "evidence_href",
]


def evidence_href(evidence: Evidence) -> str:
    """The article view with the evidence sentence highlighted (``?s=``) and scrolled to."""
    index = evidence.sentence_index
    return (
        f"/articles/{quote(evidence.article_id, safe='')}?s={index}"
        f"#{sentence_anchor(evidence.article_id, index)}"
    )


def actor_href(name: str) -> str:
    return f"/actors/{quote(name, safe='')}"


class WebResolver:
    """Like the renderer's resolver, but every item links to the archive's article view."""

    def __init__(self, brief: Brief, stored: set[str]) -> None:
        self._inner = Resolver(brief)
        self._stored = stored

    def ref(self, evidence: Evidence) -> EvidenceRef:
        base = self._inner.ref(evidence)
        if evidence.article_id not in self._stored:
            return base
        title = f"Sentence {evidence.sentence_index} of the article, highlighted"
        return EvidenceRef(label=base.label, href=evidence_href(evidence), title=title)


# --------------------------------------------------------------------------- article text


@dataclass(frozen=True)
class Piece:
    """A run of article text: one sentence (``index`` set) or the gap between two."""

    text: str
    index: int | None = None
    anchor: str | None = None


@dataclass(frozen=True)
class ArticleBlock:
    pieces: tuple[Piece, ...]


def article_blocks(article: Article, analysis: Analysis | None) -> list[ArticleBlock]:
    """The article's paragraphs, each cut into its sentences (with their anchors)."""
    text = article.text
    spans = [(p.start, p.end) for p in article.paragraphs] or [(0, len(text))]
    sentences = sorted(analysis.sentences, key=lambda s: s.start) if analysis else []
    blocks: list[ArticleBlock] = []
    cursor = 0
    for start, end in spans:
        pieces: list[Piece] = []
        pos = start
        while cursor < len(sentences) and sentences[cursor].start < end:
            sent = sentences[cursor]
            cursor += 1
            if sent.end <= pos:
                continue
            if sent.start > pos:
                pieces.append(Piece(text[pos : sent.start]))
            stop = min(sent.end, end)
            anchor = sentence_anchor(article.id, sent.index)
            pieces.append(Piece(text[max(sent.start, pos) : stop], sent.index, anchor))
            pos = stop
        if pos < end:
            pieces.append(Piece(text[pos:end]))
        if any(p.text.strip() for p in pieces):
            blocks.append(ArticleBlock(tuple(pieces)))
    return blocks


# --------------------------------------------------------------------------- actors


@dataclass(frozen=True)
class StatementView:
    """One thing an actor said (``said``), in one article of one story, with its cue and
    channel as the brief shows them (``how``: an attribution has none of its own)."""

    article: Article
    article_title: str  # as a reader sees it: its headline, or one composed from its lead
    story_id: str | None
    said: Attribution
    how: str


def actor_statements(
    analysis: Analysis, actor_id: str, story_id: str | None
) -> list[StatementView]:
    """What the actor ``actor_id`` of this article said in it, in text order."""
    article = analysis.article
    title = article_title(article.title, article.text)
    said = [a for a in analysis.attributions if a.actor_id == actor_id]
    return [
        StatementView(article, title, story_id, a, statement_of(analysis, a).how)
        for a in sorted(said, key=lambda a: a.cue_span.start)
    ]
