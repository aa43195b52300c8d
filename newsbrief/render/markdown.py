"""A Brief as Markdown: the four sections, then the article regrouped under subheads.

Every item ends with an evidence reference such as ``[¶s3](#s-<article>-3)``; the body carries one
``<a id="s-<article>-<n>"></a>`` anchor per sentence, so the references work wherever the Markdown
is rendered to HTML; a story brief's list of sources carries one ``<a id="a-<article>"></a>`` per
article, the target of a reference to an article whose text the brief does not show. Article
text is untrusted: Markdown and HTML syntax in it is escaped.
"""

from __future__ import annotations

import re

from newsbrief.models import (
    ActorPosition,
    ArticleRef,
    BodySection,
    BodySentence,
    Brief,
    Disagreement,
    Evidence,
    MatterItem,
    Statement,
    SummaryItem,
    TimelineEntry,
)
from newsbrief.render.refs import (
    BACKGROUND_NOTE,
    EMPTY_NOTES,
    SECTION_TITLES,
    Resolver,
    article_anchor,
    as_sentence,
    brief_articles,
    elsewhere,
    empty_notes,
    format_datetime,
    matter_label,
    one_line,
    possessive,
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
    notes = empty_notes(brief)
    blocks = [
        f"# {md(brief.headline)}",
        *_byline(brief),
        _whats_new(brief, refs),
        _section("summary", _summary(brief, refs), notes),
        _section("story", _tight([_timeline_entry(e, refs) for e in brief.story_so_far]), notes),
        _section("matters", _tight([_matter(i, refs) for i in brief.why_it_matters]), notes),
        _section("who", [_actor(p, refs) for p in brief.who_thinks_what], notes),
        _coverage(brief, refs),
        _section("article", [_body_section(s, refs) for s in brief.sections], notes),
        _footer(brief),
    ]
    return "\n\n".join(b for b in blocks if b) + "\n"


def _item_ref(item: SummaryItem | MatterItem | BodySentence, refs: Resolver) -> str:
    """An item's reference; generated prose is marked ✎ and lists every sentence it cites."""
    if item.origin != "generated":
        return _ref(item.evidence, refs)
    return "✎ " + " ".join(_ref(c, refs) for c in item.citations or (item.evidence,))


def _ref(evidence: Evidence, refs: Resolver) -> str:
    ref = refs.ref(evidence)
    return f"[{ref.label}]({ref.href})" if ref.href else f"({ref.label})"


def _section(key: str, items: list[str], notes: dict[str, str] = EMPTY_NOTES) -> str:
    body = "\n\n".join(items) if items else f"*{notes[key]}*"
    return f"## {SECTION_TITLES[key]}\n\n{body}"


def _tight(items: list[str]) -> list[str]:
    """List items as one tight Markdown list (no blank lines between the items)."""
    return ["\n".join(items)] if items else []


def _byline(brief: Brief) -> list[str]:
    articles = brief_articles(brief)
    if len(articles) == 1 and not brief.background:
        a = articles[0]
        # with nothing but its title known, the heading above already says all there is
        known = a.outlet or a.author or a.published or a.url
        return [_article_line(a)] if known else []
    if not articles:
        return []
    n = len(articles)
    out = [f"*A story brief drawn from {n} article{'s' if n > 1 else ''}:*", _sources(articles)]
    if brief.background:
        out += [f"*{BACKGROUND_NOTE}:*", _sources(brief.background, start=n + 1)]
    return out


def _sources(articles: tuple[ArticleRef, ...], start: int = 1) -> str:
    """A numbered list of articles, each item with the anchor its references link to."""
    return "\n".join(
        f'{k}. <a id="{article_anchor(a.id)}"></a>{_article_line(a, with_title=True)}'
        for k, a in enumerate(articles, start=start)
    )


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
        f"{md(as_sentence(item.text), line_start=n == 0)} {_summary_ref(item, refs)}"
        + (f" *({md(', '.join(item.outlets))})*" if len(item.outlets) > 1 else "")
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
    line = f"- **{md(entry.date_label)}** — {md(entry.text)}{latest} "
    line += _refs(entry.evidence, entry.also, refs)
    if entry.also:
        who = f": {md(', '.join(entry.outlets))}" if entry.outlets else ""
        line += f" *({len(entry.also) + 1} articles{who})*"
    elif outlets := elsewhere(entry, refs.articles):
        line += f" *({md(outlets)})*"
    if entry.date_note:
        line += f" **{md(entry.date_note)}**"
    return line


def _summary_ref(item: SummaryItem, refs: Resolver) -> str:
    if item.origin == "generated":
        return _item_ref(item, refs)
    return _refs(item.evidence, item.also, refs)


def _refs(first: Evidence, also: tuple[Evidence, ...], refs: Resolver) -> str:
    return " ".join(_ref(ev, refs) for ev in (first, *also))


def _coverage(brief: Brief, refs: Resolver) -> str:
    cov = brief.coverage
    if cov is None:
        return ""
    lines: list[str] = []
    if cov.broke:
        when = f", {format_datetime(cov.first_report)}" if cov.first_report else ""
        lines.append(f"First reported by **{md(cov.broke)}**{when}.")
    if cov.wire_copies:
        lines.append(f"{cov.wire_copies} wire copies collapsed into the articles they copy.")
    rows = ["| Outlet | Articles | First report | Only this outlet reported |", "|---|---|---|---|"]
    for o in cov.outlets:
        first = format_datetime(o.first_report) if o.first_report else ""
        wire = f" ({o.copies} wire)" if o.copies else ""
        only = " ".join(f"{md(as_sentence(i.text))} {_ref(i.evidence, refs)}" for i in o.exclusive)
        cell = only.replace("|", "\\|") or "—"
        rows.append(f"| {md(o.outlet)} | {o.articles}{wire} | {first} | {cell} |")
    lines.append("\n".join(rows))
    return f"## {SECTION_TITLES['coverage']}\n\n" + "\n\n".join(lines)


def _matter(item: MatterItem, refs: Resolver) -> str:
    return f"- **{matter_label(item)}:** {md(item.text)} {_item_ref(item, refs)}"


def _actor(position: ActorPosition, refs: Resolver) -> str:
    details = ", ".join(md(d) for d in (position.role, position.affiliation) if d)
    heading = f"### {md(position.actor)}" + (f" ({details})" if details else "")
    blocks = [heading]
    if position.position:
        blocks.append(f"*Position:* {md(position.position)}")
    blocks.extend(_statement(s, refs) for s in position.statements)
    if position.disagrees_with:
        lines = [_disagreement(position, d, refs) for d in position.disagrees_with]
        blocks.append("Disagrees with:\n\n" + "\n".join(lines))
    return "\n\n".join(blocks)


def _disagreement(position: ActorPosition, d: Disagreement, refs: Resolver) -> str:
    if d.claim and d.claim_evidence is not None:
        return (
            f"- **{md(d.with_actor)}** — {md(position.actor)} {md(d.cue)}"
            f" {md(possessive(d.with_actor))} claim that “{md(d.claim)}”"
            f" {_ref(d.evidence, refs)} {_ref(d.claim_evidence, refs)}"
        )
    return f"- **{md(d.with_actor)}** — {md(d.cue)} {_ref(d.evidence, refs)}"


def _statement(statement: Statement, refs: Resolver) -> str:
    how = md(statement.how)
    stance = f" *({statement.stance}s)*" if statement.stance != "neutral" else ""
    when = f" · {format_datetime(statement.published)}" if statement.published else ""
    outlets = f" ({md(', '.join(statement.outlets))})" if len(statement.outlets) > 1 else ""
    cites = _refs(statement.evidence, statement.also, refs)
    tail = f" — {how}{stance}{when}{outlets} {cites}"
    if statement.kind == "direct":
        return f'> "{md(quote_text(statement))}"{tail}'
    if statement.kind == "mixed":
        return f"> {md(statement.text, line_start=True)}{tail}"
    return f"- {md(statement.text)}{tail}"


def _body_sentence(s: BodySentence, refs: Resolver | None) -> str:
    if s.origin == "generated" and refs is not None:
        return f"{md(s.text)} {_item_ref(s, refs)}"
    anchor = sentence_anchor(s.evidence.article_id, s.evidence.sentence_index)
    return f'<a id="{anchor}"></a>{md(s.text)}'


def _body_section(section: BodySection, refs: Resolver | None = None) -> str:
    paragraphs = [
        " ".join(_body_sentence(s, refs) for s in paragraph.sentences)
        for paragraph in section.paragraphs
        if paragraph.sentences
    ]
    return "\n\n".join([f"### {md(section.heading)}", *paragraphs])


def _footer(brief: Brief) -> str:
    made = f" on {format_datetime(brief.generated_at)}" if brief.generated_at else ""
    return (
        f"---\n\n*Brief generated by newsbrief{made}. "
        "A reference such as ¶s3 points to sentence 3 of the article (counting from 0)."
        + (
            " ✎ marks a sentence written by a language model and verified against the"
            " sentences it cites.*"
            if _has_generated(brief)
            else "*"
        )
    )


def _has_generated(brief: Brief) -> bool:
    body = [s for sec in brief.sections for p in sec.paragraphs for s in p.sentences]
    items = [*brief.executive_summary, *brief.why_it_matters, *body]
    return any(i.origin == "generated" for i in items)
