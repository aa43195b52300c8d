"""Renderers: Markdown, HTML and JSON of hand-made briefs (and one brief from the real pipeline)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

import pytest
from markdown_it import MarkdownIt

from newsbrief import models as m
from newsbrief.render import Format, render, render_html, render_json, render_markdown

AID = "a1b2c3d4e5f60718"

SENTENCES = [
    "Dockworkers at Port Selane went on strike on Tuesday after wage talks failed the day before.",
    "The strike marks the first full stoppage at the port in more than a decade.",
    '"We will not wait any longer," said Irena Vasquel, general secretary of the dock union.',
    "In a joint statement, the operators said cargo volumes had been falling in recent months.",
    "The union rejects the operators' claim that the port is losing business.",
    "The dispute dates back to a wage deal signed in March 2019.",
    "Transport Minister Halvard Oskarsen urged both sides to return to talks, "
    "according to the state news agency.",
    "Both sides are expected to meet again later this week.",
]
TEXT = " ".join(SENTENCES)


def ev(index: int, article_id: str = AID, sentences: list[str] = SENTENCES) -> m.Evidence:
    text = " ".join(sentences)
    start = text.index(sentences[index])
    return m.Evidence(
        article_id=article_id,
        sentence_index=index,
        start=start,
        end=start + len(sentences[index]),
    )


def dated(
    date: str,
    label: str,
    granularity: m.Granularity,
    text: str,
    evidence: m.Evidence,
    *,
    is_current: bool = False,
) -> m.TimelineEntry:
    """A timeline entry of The Story So Far."""
    return m.TimelineEntry(
        date=date, date_label=label, granularity=granularity, text=text, evidence=evidence
    ).model_copy(update={"is_current": is_current})


def statement(
    kind: m.AttributionKind,
    cue: str,
    text: str,
    index: int,
    *,
    stance: Literal["neutral", "oppose", "support"] = "neutral",
    channel: str | None = None,
) -> m.Statement:
    """What an actor said, with its cue, as written in sentence ``index``."""
    return m.Statement(
        kind=kind, cue=cue, text=text, channel=channel, stance=stance, evidence=ev(index)
    )


def body(sentences: list[str], article_id: str = AID) -> tuple[m.BodySection, ...]:
    def para(*indexes: int) -> m.BodyParagraph:
        return m.BodyParagraph(
            sentences=tuple(
                m.BodySentence(text=sentences[i], evidence=ev(i, article_id, sentences))
                for i in indexes
            )
        )

    return (
        m.BodySection(heading="Walkout at the docks", paragraphs=(para(0, 1), para(2))),
        m.BodySection(heading="Claims and counterclaims", paragraphs=(para(3, 4), para(5))),
        m.BodySection(heading="What comes next", paragraphs=(para(6, 7),)),
    )


def port_brief(sentences: list[str] = SENTENCES, *, url: str | None = None) -> m.Brief:
    """A complete single-article brief, made by hand."""
    vasquel = m.ActorPosition(
        actor="Irena Vasquel",
        kind="person",
        role="general secretary",
        affiliation="dock union",
        position="The union will not wait any longer for a fair offer.",
        statements=(
            statement("direct", "said", "We will not wait any longer,", 2),
            statement(
                "indirect",
                "rejects",
                "the operators' claim that the port is losing business",
                4,
                stance="oppose",
            ),
        ),
        disagrees_with=(
            m.Disagreement(with_actor="Port operators", cue="rejects", evidence=ev(4)),
        ),
    )
    oskarsen = m.ActorPosition(
        actor="Halvard Oskarsen",
        kind="person",
        role="Transport Minister",
        position="Both sides should return to talks.",
        statements=(
            statement(
                "indirect",
                "urged",
                "both sides to return to talks",
                6,
                channel="according to the state news agency",
            ),
        ),
    )
    return m.Brief(
        headline="Dockworkers strike at Port Selane",
        article=m.ArticleRef(
            id=AID,
            title="Dockworkers strike at Port Selane",
            url=url or "https://news.example.org/port-strike",
            outlet="Meridian Press Agency",
            published=datetime(2024, 6, 11, 9, 30, tzinfo=UTC),
        ),
        executive_summary=(
            m.SummaryItem(text=sentences[0], evidence=ev(0, sentences=sentences)),
            m.SummaryItem(text=sentences[1], evidence=ev(1, sentences=sentences)),
        ),
        story_so_far=(
            dated("2019-03", "March 2019", "month", "A wage deal was signed.", ev(5)),
            dated(
                "2024-06-11",
                "11 June 2024",
                "day",
                "Dockworkers went on strike.",
                ev(0),
                is_current=True,
            ),
        ),
        why_it_matters=(
            m.MatterItem(kind="stakes", text=sentences[1], evidence=ev(1, sentences=sentences)),
            m.MatterItem(kind="watch", text=SENTENCES[7], evidence=ev(7)),
        ),
        who_thinks_what=(vasquel, oskarsen),
        sections=body(sentences),
        generated_at=datetime(2024, 6, 11, 10, 0, tzinfo=UTC),
    )


def empty_brief() -> m.Brief:
    return m.Brief(
        headline="A short item",
        article=m.ArticleRef(id=AID, outlet="Wire"),
        executive_summary=(),
        story_so_far=(),
        why_it_matters=(),
        who_thinks_what=(),
        sections=(),
    )


class PageParser(HTMLParser):
    """Collects ids, links, sentence spans and every tag name of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.sentence_ids: list[str] = []
        self.srcs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if a.get("href") is not None:
            self.hrefs.append(str(a["href"]))
        if a.get("src") is not None:
            self.srcs.append(str(a["src"]))
        if tag == "span" and a.get("class") == "sent":
            self.sentence_ids.append(str(a.get("id")))


def parse_page(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


# --------------------------------------------------------------------------- Markdown


def test_markdown_sections_in_order_with_byline() -> None:
    out = render_markdown(port_brief())
    headings = re.findall(r"^## (.+)$", out, flags=re.M)
    assert headings == [
        "Executive Summary",
        "The Story So Far",
        "Why This Matters",
        "Who Thinks What?",
        "The Article",
    ]
    lines = out.splitlines()
    assert lines[0] == "# Dockworkers strike at Port Selane"
    byline = lines[2]
    assert "Meridian Press Agency" in byline
    assert "11 June 2024, 09:30 UTC" in byline
    assert "<https://news.example.org/port-strike>" in byline
    assert re.findall(r"^### (.+)$", out, flags=re.M)[-3:] == [
        "Walkout at the docks",
        "Claims and counterclaims",
        "What comes next",
    ]


def test_markdown_items_carry_evidence_links_to_body_anchors() -> None:
    out = render_markdown(port_brief())
    links = re.findall(r"\[¶s(\d+)\]\(#(s-[\w-]+)\)", out)
    anchors = set(re.findall(r'<a id="(s-[\w-]+)"></a>', out))
    assert len(anchors) == len(SENTENCES)
    assert len(links) >= 9
    for index, target in links:
        assert target == f"s-{AID}-{index}"
        assert target in anchors


def test_markdown_timeline_and_statements() -> None:
    out = render_markdown(port_brief())
    assert f"- **March 2019** — A wage deal was signed. [¶s5](#s-{AID}-5)" in out
    assert "- **11 June 2024** — Dockworkers went on strike. *(latest)*" in out
    assert "### Irena Vasquel (general secretary, dock union)" in out
    assert f'> "We will not wait any longer" — said [¶s2](#s-{AID}-2)' in out
    indirect = "- both sides to return to talks — urged, according to the state news agency"
    assert indirect in out
    assert "Disagrees with:" in out
    assert "- **Port operators** — rejects" in out
    assert "- **What to watch:** Both sides are expected to meet again later this week." in out


def test_markdown_escapes_untrusted_text() -> None:
    hostile = [*SENTENCES]
    hostile[0] = (
        "Strikers chanted <script>alert('x')</script> and [click](javascript:evil) *loudly*."
    )
    hostile[1] = "# Not a heading: the stoppage is the first in a decade."
    out = render_markdown(port_brief(hostile))
    rendered = MarkdownIt("commonmark").render(out)
    assert "<script>" not in rendered
    assert "&lt;script&gt;" in rendered
    assert 'href="javascript:evil"' not in rendered
    assert "<em>loudly</em>" not in rendered
    assert "<h1>Not a heading" not in rendered
    # the evidence links still work once rendered
    assert f'<a href="#s-{AID}-0">¶s0</a>' in rendered


# --------------------------------------------------------------------------- HTML


def test_html_links_every_item_to_a_sentence_span() -> None:
    page = parse_page(render_html(port_brief()))
    assert page.sentence_ids == [f"s-{AID}-{i}" for i in range(len(SENTENCES))]
    internal = [h for h in page.hrefs if h.startswith("#s-")]
    assert len(internal) >= 9
    for href in internal:
        assert href[1:] in page.ids


def test_html_has_toc_sections_and_is_self_contained() -> None:
    html = render_html(port_brief())
    page = parse_page(html)
    for key in ("summary", "story", "matters", "who", "article"):
        assert f"#{key}" in page.hrefs
        assert key in page.ids
    for title in ("Executive Summary", "The Story So Far", "Why This Matters", "Who Thinks What?"):
        assert f">{title}</h2>" in html
    assert "script" not in page.tags
    assert "link" not in page.tags
    assert page.srcs == []
    assert 'name="viewport"' in html
    assert ".sent:target" in html
    assert "@media print" in html
    assert "url(" not in html


def test_html_escapes_script_in_article_text() -> None:
    hostile = [*SENTENCES]
    hostile[2] = '"<script>alert(1)</script>" said the <b>union</b> & friends.'
    brief = port_brief(hostile, url="javascript:alert(2)")
    html = render_html(brief.model_copy(update={"headline": "Strike <img src=x onerror=alert(3)>"}))
    page = parse_page(html)
    assert "script" not in page.tags
    assert "img" not in page.tags
    assert "b" not in page.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(3)&gt;" in html
    assert not any(h.startswith("javascript:") for h in page.hrefs)


def test_html_statements_and_timeline() -> None:
    html = render_html(port_brief())
    assert "“We will not wait any longer”" in html
    assert 'class="statement indirect"' in html
    assert "according to the state news agency" in html
    assert 'class="current"' in html
    assert '<time datetime="2019-03">March 2019</time>' in html


@pytest.mark.parametrize(
    ("fmt", "note_as"), [("md", "\n*{}*\n"), ("html", '<p class="empty">{}</p>')]
)
def test_every_section_of_an_empty_brief_says_so(fmt: Format, note_as: str) -> None:
    out = render(empty_brief(), fmt)
    notes = [
        "No summary could be drawn from this article.",
        "No dated background in this article.",
        "No statements of stakes or consequences in this article.",
        "No attributed statements in this article.",
        "No article text to show.",
    ]
    places = [out.index(note_as.format(note)) for note in notes]
    assert places == sorted(places)


def test_story_brief_labels_evidence_by_article() -> None:
    old_sentences = ["Talks on a new wage deal began in January.", "They stalled in May."]
    old = m.ArticleRef(id="0f0f0f0f0f0f0f0f", title="Talks begin", url="https://example.org/talks")
    new = m.ArticleRef(id=AID, title="Strike", outlet="Meridian Press Agency")
    earlier = dated(
        "2024-01",
        "January 2024",
        "month",
        "Talks on a new wage deal began.",
        ev(0, old.id, old_sentences),
    )
    brief = port_brief().model_copy(update={"article": None, "articles": (old, new)})
    brief = brief.model_copy(update={"story_so_far": (earlier, *brief.story_so_far)})
    out = render_markdown(brief)
    assert "*A story brief drawn from 2 articles:*" in out
    assert "— Talks on a new wage deal began. [¶1·s0](https://example.org/talks)" in out
    assert f"[¶2·s5](#s-{AID}-5)" in out
    page = parse_page(render_html(brief))
    assert "https://example.org/talks" in page.hrefs
    for href in (h for h in page.hrefs if h.startswith("#s-")):
        assert href[1:] in page.ids


def test_a_line_from_an_article_the_brief_does_not_list_names_its_outlet() -> None:
    """A one-article story brief whose timeline draws on an earlier story of the arc showed a
    bare "(¶s0)": whose sentence 0 it was could not be told."""
    other = dated(
        "2024-01",
        "January 2024",
        "month",
        "Talks on a new wage deal began.",
        ev(0, "0f0f0f0f0f0f0f0f", ["Talks on a new wage deal began in January."]),
    ).model_copy(update={"outlets": ("Harbour Gazette",)})
    brief = port_brief()
    brief = brief.model_copy(update={"story_so_far": (other, *brief.story_so_far)})
    out = render_markdown(brief)
    assert "— Talks on a new wage deal began. (¶s0) *(Harbour Gazette)*" in out
    own = next(line for line in out.splitlines() if "went on strike" in line and "**" in line)
    assert own.endswith(f"(#s-{AID}-0)"), own  # the brief's own article is not named on its lines
    assert '<span class="outlets">Harbour Gazette</span>' in render_html(brief)


def test_a_line_from_an_earlier_development_names_its_article_and_links_to_it() -> None:
    """A story brief's line drawn from an earlier story of the arc showed "(¶s0) *(outlet)*": no
    title, and a label that pointed nowhere. The brief lists those articles (``background``)
    after its own, and such a line is labelled and linked as any other earlier article's."""
    old = m.ArticleRef(
        id="0f0f0f0f0f0f0f0f",
        title="Wage talks open at the port",
        outlet="Harbour Gazette",
        published=datetime(2024, 1, 9, 8, 0, tzinfo=UTC),
    )
    other = dated(
        "2024-01",
        "January 2024",
        "month",
        "Talks on a new wage deal began.",
        ev(0, old.id, ["Talks on a new wage deal began in January."]),
    ).model_copy(update={"outlets": ("Harbour Gazette",)})
    brief = port_brief()
    own = brief.article
    assert own is not None
    brief = brief.model_copy(
        update={
            "article": None,
            "articles": (own,),
            "background": (old,),
            "story_so_far": (other, *brief.story_so_far),
        }
    )
    out = render_markdown(brief)
    assert "(¶s0)" not in out and "*(Harbour Gazette)*" not in out
    line = next(line for line in out.splitlines() if "Talks on a new wage deal began." in line)
    assert line.endswith("— Talks on a new wage deal began. [¶2·s0](#a-0f0f0f0f0f0f0f0f)"), line
    assert "*The Story So Far also draws on earlier developments of this story:*" in out
    assert (
        '2. <a id="a-0f0f0f0f0f0f0f0f"></a>**Wage talks open at the port** · Harbour Gazette' in out
    )
    own_line = next(line for line in out.splitlines() if "went on strike" in line and "**" in line)
    assert own_line.endswith(f"[¶1·s0](#s-{AID}-0)"), own_line
    rendered = MarkdownIt("commonmark").render(out)
    assert 'href="#a-0f0f0f0f0f0f0f0f"' in rendered and 'id="a-0f0f0f0f0f0f0f0f"' in rendered
    page = parse_page(render_html(brief))
    assert "a-0f0f0f0f0f0f0f0f" in page.ids and "#a-0f0f0f0f0f0f0f0f" in page.hrefs
    for href in (h for h in page.hrefs if h.startswith("#s-") or h.startswith("#a-")):
        assert href[1:] in page.ids
    html = render_html(brief)
    assert '<ol class="sources" start="2">' in html
    assert "Sentence 0 of the earlier article “Wage talks open at the port”" in html


# --------------------------------------------------------------------------- JSON and dispatch


def test_json_round_trips_and_keeps_public_keys() -> None:
    brief = port_brief()
    out = render_json(brief)
    assert m.Brief.model_validate_json(out) == brief
    data = json.loads(out)
    for key in (
        "article",
        "articles",
        "executive_summary",
        "story_so_far",
        "why_it_matters",
        "who_thinks_what",
        "sections",
    ):
        assert key in data
    schema_keys = set(m.Brief.model_json_schema()["properties"])
    assert set(data) == schema_keys
    assert data["who_thinks_what"][0]["statements"][0]["evidence"]["sentence_index"] == 2


def test_render_dispatches_and_rejects_unknown_formats() -> None:
    brief = port_brief()
    assert render(brief, "md") == render_markdown(brief)
    assert render(brief, "html").startswith("<!DOCTYPE html>")
    assert json.loads(render(brief, "json"))["headline"] == brief.headline
    with pytest.raises(ValueError, match="unknown format"):
        render(brief, "pdf")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- end to end


@pytest.mark.slow
def test_pipeline_brief_renders_with_working_links() -> None:
    from newsbrief.analyze import analyze
    from newsbrief.compose import compose_brief
    from newsbrief.ingest.text import article_from_text

    raw = Path(__file__).resolve().parents[1] / "examples" / "port-strike.txt"
    text = raw.read_text(encoding="utf-8").split("\n\n", 1)[1]
    article = article_from_text(text, title="Dockworkers strike at Port Selane")
    brief = compose_brief(analyze(article))
    page = parse_page(render_html(brief))
    assert len(page.sentence_ids) == sum(
        len(p.sentences) for s in brief.sections for p in s.paragraphs
    )
    for href in (h for h in page.hrefs if h.startswith("#s-")):
        assert href[1:] in page.ids
    md_out = render_markdown(brief)
    assert md_out.startswith("# Dockworkers strike at Port Selane\n")
    assert m.Brief.model_validate_json(render_json(brief)) == brief


def test_whats_new_block_only_when_there_is_news() -> None:
    plain = port_brief()
    assert "What's New" not in render(plain, "md")
    assert 'id="new"' not in render(plain, "html")
    item = m.SummaryItem(text=SENTENCES[0], evidence=ev(0))
    fresh = plain.model_copy(update={"whats_new": (item,)})
    md_out = render(fresh, "md")
    assert md_out.index("## What's New") < md_out.index("## Executive Summary")
    html_out = render(fresh, "html")
    assert 'id="new"' in html_out and f'href="#s-{AID}-0"' in html_out


def test_trimmed_summary_items_read_as_sentences() -> None:
    item = m.SummaryItem(text=SENTENCES[0].rstrip("."), evidence=ev(0))
    brief = port_brief().model_copy(update={"executive_summary": (item,)})
    assert SENTENCES[0].rstrip(".") + "." in render(brief, "md").replace("\\", "")
    assert SENTENCES[0].rstrip(".") + "." in render(brief, "html")
    assert json.loads(render(brief, "json"))["executive_summary"][0]["text"] == item.text
