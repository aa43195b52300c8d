"""Typed records that flow between the pipeline stages.

Everything that leaves ``newsbrief.analyze`` is one of these immutable records; spaCy objects never
do. Character offsets (``start``/``end``) always index into ``Article.text``, end exclusive.

The brief's JSON (``Brief.model_dump(mode="json")``) is public API: its top-level keys are
``article`` / ``articles``, ``executive_summary``, ``story_so_far``, ``why_it_matters``,
``who_thinks_what`` and ``sections``, and they stay stable.

Long module: the records are one schema (the brief's JSON and the API's), read together and
versioned together; split, a field's type and its description would sit in other files.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
)

SCHEMA_VERSION = "1.0"


class Record(BaseModel):
    """Base for every record: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Record):
    """A character span into an article's text, end exclusive."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Evidence(Record):
    """Where a brief item comes from: one sentence (and a span inside it) of one article."""

    article_id: str
    sentence_index: int = Field(ge=0)
    start: int = Field(ge=0, description="character offset into the article text")
    end: int = Field(ge=0, description="character offset into the article text, exclusive")


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address a page may link to, else None: a
    ``javascript:``, ``data:`` or ``file:`` URL from some input is dropped, never shown."""
    if not url:
        return None
    url = url.strip()
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() not in ("http", "https") or not rest:
        return None
    if any(ord(c) < 33 or c == "\x7f" for c in url):
        return None
    return url


WebUrl = Annotated[str | None, AfterValidator(web_url)]

# --------------------------------------------------------------------------- ingest


ParagraphKind = Literal[
    "body", "subhead", "byline", "dateline", "caption", "url", "embed", "note", "related", "promo"
]


class Article(Record):
    """One news article, as ingested. ``id`` is derived from the normalized text."""

    id: str
    text: str
    title: str | None = None
    url: WebUrl = Field(default=None, description="where it was published (http(s) only)")
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    source: str | None = Field(default=None, description="where it was read from: a path, URL, '-'")
    paragraphs: tuple[Span, ...] = Field(default=(), description="paragraph spans of `text`")
    paragraph_kinds: tuple[ParagraphKind, ...] = Field(
        default=(),
        description="kind of each paragraph (parallel to `paragraphs`); empty: all body",
    )

    def paragraph_kind(self, index: int) -> ParagraphKind:
        """The kind of paragraph ``index``: "body" unless the text marked it otherwise."""
        if 0 <= index < len(self.paragraph_kinds):
            return self.paragraph_kinds[index]
        return "body"


# --------------------------------------------------------------------------- analyze

SentenceRole = Literal[
    "main_event",
    "consequence",
    "significance",
    "context",
    "reaction",
    "forward_looking",
    "detail",
]
ActorKind = Literal["person", "organization", "country", "media", "group"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Granularity = Literal[
    "day", "week", "month", "quarter", "season", "year", "decade", "time", "fuzzy"
]
AttributionKind = Literal["direct", "indirect", "mixed"]


class Sentence(Record):
    index: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    paragraph: int = Field(ge=0, description="index into Article.paragraphs")
    role: SentenceRole = "detail"
    role_scores: dict[str, float] = Field(default_factory=dict)
    keyphrases: tuple[str, ...] = Field(
        default=(), description="noun chunks / entities, lowercased"
    )
    entities: tuple[str, ...] = Field(default=(), description="named entity texts in the sentence")


class Mention(Record):
    """One textual mention of an actor."""

    text: str
    start: int
    end: int
    sentence_index: int


class Actor(Record):
    id: str = Field(description="stable within the article, e.g. 'a3'")
    name: str = Field(description="canonical name: the fullest proper name the text gives")
    kind: ActorKind
    role: str | None = Field(default=None, description="title or role, e.g. 'foreign minister'")
    affiliation: str | None = Field(default=None, description="organization or country")
    aliases: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


class Attribution(Record):
    """Somebody said, thought or reported something: source + cue + content (+ channel)."""

    source: str | None = Field(description="the speaker span as written, None when implicit")
    source_span: Span | None = None
    actor_id: str | None = Field(default=None, description="the resolved Actor.id of the source")
    cue: str
    cue_span: Span
    content: str = Field(description="verbatim substring of the article text")
    content_span: Span
    kind: AttributionKind
    channel: str | None = Field(
        default=None, description="how it reached us: 'according to Kyodo', 'in a joint statement'"
    )
    channel_chain: tuple[str, ...] = Field(
        default=(), description="nested channels, outermost first (agency → official)"
    )
    stance: Literal["neutral", "oppose", "support"] = "neutral"
    target_actor_id: str | None = Field(default=None, description="who is opposed/supported")
    fragment: bool = Field(
        default=False,
        description="the content is not a clause (no verb, or a predicate without its subject) "
        'or only names a topic ("discussed the plan"): scored as an attribution, never shown '
        "as anyone's statement",
    )
    evidence: Evidence


class TimeExpr(Record):
    text: str
    start: int
    end: int
    type: TimexType
    value: str = Field(description="TimeML value: 2024-06-11, 2019-03, P3M, PAST_REF, XXXX-12-25 …")
    granularity: Granularity = "day"
    anchor: Literal["absolute", "document", "previous"] = "document"
    sentence_index: int = 0
    in_name: bool = Field(
        default=False,
        description="part of a name ('the Jan. 6 committee', 'the Voting Rights Act of 1965'): "
        "it dates something else, not its sentence",
    )


class Event(Record):
    date: str | None = Field(description="normalized value of the date (TimeML), None if undated")
    granularity: Granularity = "fuzzy"
    sort_key: str = Field(default="", description="ISO-like key used to order events")
    predicate: str = Field(description="short clause describing what happened")
    actor_ids: tuple[str, ...] = ()
    subject_id: str | None = Field(
        default=None, description="the actor that is the clause's grammatical subject, if any"
    )
    timex: TimeExpr | None = None
    is_current: bool = Field(default=False, description="today's development in this article")
    evidence: Evidence


class Analysis(Record):
    """Everything ``analyze`` learned about one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    actors: tuple[Actor, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    timexes: tuple[TimeExpr, ...] = ()
    events: tuple[Event, ...] = ()


# --------------------------------------------------------------------------- compose

Origin = Literal["extracted", "generated"]
Verdict = Literal["supported", "unsupported"]


class Verification(Record):
    """The verifier's outcome for one sentence checked against the source sentences it cites."""

    verdict: Verdict
    support: float = Field(ge=0.0, le=1.0, description="lexical support by the cited text, 0..1")
    reasons: tuple[str, ...] = Field(default=(), description="why it failed, one line each")


class Written(Record):
    """A brief item that a writer may have generated rather than extracted.

    ``origin`` says which; a generated item lists every source sentence it rests on in
    ``citations`` (its ``evidence`` is the first of them) and ``cited_text`` (so that a reader can
    check it), and carries the verifier's outcome. These fields are left out of the JSON while they
    hold their defaults, so an extractive brief serializes exactly as before.
    """

    origin: Origin = "extracted"
    citations: tuple[Evidence, ...] = ()
    cited_text: tuple[str, ...] = Field(
        default=(), description="the cited source sentences, verbatim, in citation order"
    )
    verification: Verification | None = None

    @model_serializer(mode="wrap")
    def _omit_writer_defaults(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        data: dict[str, object] = handler(self)
        if self.origin == "extracted" and not self.citations and self.verification is None:
            for key in ("origin", "citations", "cited_text", "verification"):
                data.pop(key, None)
        return data


class ArticleRef(Record):
    id: str
    title: str | None = None
    url: WebUrl = None
    outlet: str | None = None
    author: str | None = None
    published: datetime | None = None


class SummaryItem(Written):
    text: str
    evidence: Evidence
    also: tuple[Evidence, ...] = Field(
        default=(), description="story briefs: the same fact in other articles (merged)"
    )
    outlets: tuple[str, ...] = Field(
        default=(), description="story briefs: every outlet carrying the fact, first reporter first"
    )


class TimelineEntry(Record):
    date: str | None = Field(description="normalized value: 2019-03, 2024-06-11; None if undated")
    date_label: str = Field(description="human label at the date's granularity: 'March 2019'")
    granularity: Granularity
    text: str
    is_current: bool = False
    evidence: Evidence
    also: tuple[Evidence, ...] = Field(
        default=(), description="story briefs: the same event as other articles report it"
    )
    outlets: tuple[str, ...] = Field(default=(), description="story briefs: outlets reporting it")
    date_note: str | None = Field(
        default=None, description="story briefs: sources disagree on the date (which says what)"
    )


class MatterItem(Written):
    kind: Literal["stakes", "consequence", "context", "watch"]
    text: str
    evidence: Evidence
    also: tuple[Evidence, ...] = Field(
        default=(), description="story briefs: the same point in other articles"
    )
    outlets: tuple[str, ...] = ()


class Statement(Record):
    kind: AttributionKind
    cue: str
    text: str = Field(
        description="verbatim content as written in the source, less the comma before a "
        "closing quotation mark that joined the quotation to its reporting clause; the pieces "
        "of a quotation its reporting clause interrupts are joined by ' … ' (evidence spans "
        "them all)"
    )
    channel: str | None = None
    stance: Literal["neutral", "oppose", "support"] = "neutral"
    evidence: Evidence
    also: tuple[Evidence, ...] = Field(
        default=(), description="story briefs: the same statement as other outlets carry it"
    )
    outlets: tuple[str, ...] = ()
    published: datetime | None = Field(
        default=None, description="story briefs: when the article carrying it was published"
    )

    @property
    def how(self) -> str:
        """The cue and the channel as a reader sees them: "said in a statement" once, when the
        cue already holds the channel (or names its document: "issued a statement calling",
        not "…, in a statement"), else "said, according to Kyodo"."""
        if not self.channel or _holds(self.cue.lower(), self.channel.lower()):
            return self.cue
        if self.channel.startswith(f"{self.cue} "):  # the cue and whom it was told: "told Reuters"
            return self.channel
        return f"{self.cue}, {self.channel}"


_DOCUMENT_CHANNEL = re.compile(r"in (?:a|an|the|its|their|his|her) (?:[\w-]+ )*?([\w-]+)")


def _holds(cue: str, channel: str) -> bool:
    if channel in cue:
        return True
    document = _DOCUMENT_CHANNEL.fullmatch(channel)
    return document is not None and re.search(rf"\b{re.escape(document[1])}\b", cue) is not None


class Disagreement(Record):
    with_actor: str = Field(description="canonical name of the other actor")
    cue: str
    evidence: Evidence
    claim: str | None = Field(
        default=None, description="story briefs: the other actor's statement that is disputed"
    )
    claim_evidence: Evidence | None = None


class ActorPosition(Record):
    actor: str = Field(description="canonical name")
    kind: ActorKind
    role: str | None = None
    affiliation: str | None = None
    position: str = Field(description="one-line position, drawn from their statements")
    statements: tuple[Statement, ...]
    disagrees_with: tuple[Disagreement, ...] = ()


class BodySentence(Written):
    text: str
    evidence: Evidence


class BodyParagraph(Record):
    sentences: tuple[BodySentence, ...]


class BodySection(Record):
    heading: str
    paragraphs: tuple[BodyParagraph, ...]


class OutletCoverage(Record):
    """One outlet's share of a story."""

    outlet: str
    articles: int = Field(ge=0, description="articles of the story it published (copies included)")
    copies: int = Field(default=0, ge=0, description="of those, wire copies of another's text")
    first_report: datetime | None = None
    exclusive: tuple[SummaryItem, ...] = Field(
        default=(), description="what it reported that no other outlet did"
    )


class CoverageCell(Record):
    """How many articles one outlet published on one day (the coverage strip)."""

    outlet: str
    day: str = Field(description="ISO date")
    articles: int = Field(ge=0)


class Coverage(Record):
    """Who covered a story, when, and what only they reported."""

    outlets: tuple[OutletCoverage, ...]
    broke: str | None = Field(default=None, description="the outlet that reported it first")
    first_report: datetime | None = None
    wire_copies: int = Field(default=0, ge=0, description="copies collapsed into one article")
    strip: tuple[CoverageCell, ...] = ()


class Brief(Record):
    """The explainer brief. Its JSON schema is public API (``newsbrief schema``)."""

    schema_version: str = SCHEMA_VERSION
    headline: str
    article: ArticleRef | None = None
    articles: tuple[ArticleRef, ...] = ()
    background: tuple[ArticleRef, ...] = Field(
        default=(),
        description="story briefs: earlier articles of the story's arc (not the story's own) "
        "that The Story So Far cites, oldest first",
    )
    executive_summary: tuple[SummaryItem, ...]
    story_so_far: tuple[TimelineEntry, ...]
    why_it_matters: tuple[MatterItem, ...]
    who_thinks_what: tuple[ActorPosition, ...]
    sections: tuple[BodySection, ...]
    whats_new: tuple[SummaryItem, ...] = Field(
        default=(), description="story briefs: what came in since the story's previous brief"
    )
    since: datetime | None = Field(
        default=None, description="story briefs: What's New is measured from this time"
    )
    coverage: Coverage | None = Field(default=None, description="story briefs: who covered it")
    generated_at: datetime | None = None
