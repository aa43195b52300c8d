"""A Brief as Markdown: the four sections, then the article regrouped under subheads.

Every item ends with an evidence reference such as ``[¶s3](#s-<article>-3)``; the body carries one
``<a id="s-<article>-<n>"></a>`` anchor per sentence, so the references work wherever the Markdown
is rendered to HTML. Article text is untrusted: Markdown and HTML syntax in it is escaped.
"""

from __future__ import annotations

import re

from newsbrief.models import (
    ActorPosition,
    ArticleRef,
    BodySection,
    Brief,
    Evidence,
    MatterItem,
    Statement,
    TimelineEntry,
)
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

__all__ = ["render_markdown"]

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^(\s*)([#>+=~|-]|\d+[.)])")


def md(text: str, *, line_start: bool = False) -> str:
    """Escape untrusted text for inline Markdown (no raw HTML, links or emphasis get through)."""
    out = _ENTITY_LIKE.sub(r"\\&", _INLINE_SPECIAL.sub(r"\\\1", one_line(text)))
    if line_start:
        out = _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), out, count=1)
    return out


def render_markdown(brief: Brief) -> str:
    """The whole brief as one Markdown document, ending with a newline."""
    refs = Resolver(brief)
    blocks = [
        f"# {md(brief.headline)}",
        *_byline(brief),
        _whats_new(brief, refs),
        _section("summary", _summary(brief, refs)),
        _section("story", _tight([_timeline_entry(e, refs) for e in brief.story_so_far])),
        _section("matters", _tight([_matter(i, refs) for i in brief.why_it_matters])),
        _section("who", [_actor(p, refs) for p in brief.who_thinks_what]),
        _section("article", [_body_section(s) for s in brief.sections]),
        _footer(brief),
    ]
    return "\n\n".join(b for b in blocks if b) + "\n"


def _ref(evidence: Evidence, refs: Resolver) -> str:
    ref = refs.ref(evidence)
    return f"[{ref.label}]({ref.href})" if ref.href else f"({ref.label})"


def _section(key: str, items: list[str]) -> str:
    body = "\n\n".join(items) if items else f"*{EMPTY_NOTES[key]}*"
    return f"## {SECTION_TITLES[key]}\n\n{body}"


def _tight(items: list[str]) -> list[str]:
    """List items as one tight Markdown list (no blank lines between the items)."""
    return ["\n".join(items)] if items else []


def _byline(brief: Brief) -> list[str]:
    articles = brief_articles(brief)
    if len(articles) == 1:
        return [_article_line(articles[0])]
    if not articles:
        return []
    lines = [f"{n}. {_article_line(a, with_title=True)}" for n, a in enumerate(articles, start=1)]
    return [f"*A story brief drawn from {len(articles)} articles:*", "\n".join(lines)]


def _article_line(article: ArticleRef, *, with_title: bool = False) -> str:
    parts: list[str] = []
    if with_title and article.title:
        parts.append(f"**{md(article.title)}**")
    if article.outlet:
        parts.append(md(article.outlet))
    if article.author:
        parts.append(f"by {md(article.author)}")
    if article.published:
        parts.append(format_datetime(article.published))
    if article.url:
        parts.append(_url(article.url))
    if parts:
        return " · ".join(parts)
    return md(article.title) if article.title else "Source details unknown"


def _url(url: str) -> str:
    """An autolink when the URL is safe to show as one, otherwise escaped text."""
    if web_url(url):
        return f"<{url}>"
    return md(url)


def _summary(brief: Brief, refs: Resolver) -> list[str]:
    if not brief.executive_summary:
        return []
    parts = [
        f"{md(as_sentence(item.text), line_start=n == 0)} {_ref(item.evidence, refs)}"
        for n, item in enumerate(brief.executive_summary)
    ]
    return [" ".join(parts)]


def _whats_new(brief: Brief, refs: Resolver) -> str:
    """A story brief's "What's New" block; nothing when there is nothing new."""
    if not brief.whats_new:
        return ""
    items = [f"- {md(i.text)} {_ref(i.evidence, refs)}" for i in brief.whats_new]
    return f"## {SECTION_TITLES['new']}\n\n" + "\n".join(items)


def _timeline_entry(entry: TimelineEntry, refs: Resolver) -> str:
    latest = " *(latest)*" if entry.is_current else ""
    return f"- **{md(entry.date_label)}** — {md(entry.text)}{latest} {_ref(entry.evidence, refs)}"


def _matter(item: MatterItem, refs: Resolver) -> str:
    return f"- **{matter_label(item)}:** {md(item.text)} {_ref(item.evidence, refs)}"


def _actor(position: ActorPosition, refs: Resolver) -> str:
    details = ", ".join(md(d) for d in (position.role, position.affiliation) if d)
    heading = f"### {md(position.actor)}" + (f" ({details})" if details else "")
    blocks = [heading]
    if position.position:
        blocks.append(f"*Position:* {md(position.position)}")
    blocks.extend(_statement(s, refs) for s in position.statements)
    if position.disagrees_with:
        lines = [
            f"- **{md(d.with_actor)}** — {md(d.cue)} {_ref(d.evidence, refs)}"
            for d in position.disagrees_with
        ]
        blocks.append("Disagrees with:\n\n" + "\n".join(lines))
    return "\n\n".join(blocks)


def _statement(statement: Statement, refs: Resolver) -> str:
    how = ", ".join(md(x) for x in (statement.cue, statement.channel) if x)
    stance = f" *({statement.stance}s)*" if statement.stance != "neutral" else ""
    tail = f" — {how}{stance} {_ref(statement.evidence, refs)}"
    if statement.kind == "direct":
        return f'> "{md(quote_text(statement))}"{tail}'
    if statement.kind == "mixed":
        return f"> {md(statement.text, line_start=True)}{tail}"
    return f"- {md(statement.text)}{tail}"


def _body_section(section: BodySection) -> str:
    paragraphs = [
        " ".join(
            f'<a id="{sentence_anchor(s.evidence.article_id, s.evidence.sentence_index)}"></a>'
            f"{md(s.text)}"
            for s in paragraph.sentences
        )
        for paragraph in section.paragraphs
        if paragraph.sentences
    ]
    return "\n\n".join([f"### {md(section.heading)}", *paragraphs])


def _footer(brief: Brief) -> str:
    made = f" on {format_datetime(brief.generated_at)}" if brief.generated_at else ""
    return (
        f"---\n\n*Brief generated by newsbrief{made}. "
        "A reference such as ¶s3 points to sentence 3 of the article (counting from 0).*"
    )
