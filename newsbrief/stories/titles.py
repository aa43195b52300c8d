"""Titles a reader sees: one per article and one per story, the same in every view.

    article_title(title, text)        → the article's headline, else one composed from its lead
    story_title(sources)              → the story's most representative headline
    headline_from_lead(text)          → a short headline from the lead's first clause

Pure functions over plain values (no spaCy, no archive), so that the store (story listings),
compose (the brief's headline) and the web and CLI (lists, breadcrumbs, page titles) all give
the same title. A title is never empty, never "Untitled story" and never a bare id or hash.

The story title is the headline of the article that shares the most terms with the other
articles of the story (its title words found in their titles and leads); a titled article wins
over an untitled one; a tie goes to the earliest published (undated ones after dated ones),
then to the smaller id. A headline that asks ("Should the WHO face consequences …?") comes
after those that state, as a column's does; one that states and then asks ("… in North Carolina.
What are the pros and cons?") is taken without its question. When no article has a usable
headline the story takes the headline composed from the lead of the article chosen the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

__all__ = [
    "LEAD_CHARS",
    "TitleSource",
    "article_title",
    "headline_from_lead",
    "story_title",
    "usable_title",
]

LEAD_CHARS = 600  # how much of an article's text a title needs (its lead)
MAX_TITLE_CHARS = 160
_SHORT_WORDS = 14  # a lead sentence this short is the headline as it stands
_CLAUSE_WORDS = 20  # a main clause up to this long is kept whole (complete beats clipped)
_CUT_WORDS = 16  # a longer one is cut at a phrase boundary (or clipped) to at most this
_FALLBACK = "News story"

_SPACE = re.compile(r"\s+")
_ABBREVIATIONS = frozenset(
    """inc ltd co corp jr sr st no vs etc mr mrs ms dr prof gov sen rep lt gen col capt sgt
    maj adm cmdr rev hon pres atty supt mt ft jan feb mar apr aug sept sep oct nov dec
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont
    neb nev okla ore pa tenn tex va vt wash wis wyo""".split()  # noqa: SIM905
)
_HASHLIKE = re.compile(r"^(?:article|story)?[\s#:_-]*[0-9a-f]{8,}(?:…|\.\.\.)?$", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"^\(?(?:untitled(?: story| article)?|no title|none|null)\)?$", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|\d+")
# "WASHINGTON (Reuters) - ", "LONDON, May 24 (AP) — ", "PARIS -- ", "By Jane Doe, Reuters"
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z .,'’-]{1,40}(?:,\s*[A-Z][a-z]{1,5}\.)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*"
    r"(?:\([A-Za-z .&'-]{1,30}\))?\s*(?:-{1,2}|—|–|―|:)\s+)"
)
# a page's time stamp before its lead, as scraped pages keep it: "Page last updated at 08:03 GMT ,
# Tuesday , 26 July 2011 09:03 UK", "9 November 2011 Last updated at 10:48 GMT Help", "Last
# updated : 29 June 2010", "(Updated at 11:20 a.m. ET , 6:20 p.m. local time)", and a server's
# "(an error occurred while processing this directive)"
_STAMP = re.compile(
    r"^\s*(?:(?:(?:\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s+)?(?:page\s+)?last\s+updated\s*(?:at|on|:)?\s*"
    r"(?:\d{1,2}:\d{2}\s*(?:GMT|BST|UTC|ET)?\s*,?\s*)?(?:[A-Z][a-z]+day\s*,\s*)?"
    r"(?:\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*)?(?:\d{1,2}:\d{2}\s+UK\s*)?(?:Help\s+)?)"
    r"|(?:-LRB-|\()\s*an error occurred while processing this directive\s*(?:-RRB-|\))\s*"
    r"|(?:-LRB-|\()\s*(?:updated|posted)\s+at\s+[^()]{0,60}?(?:-RRB-|\))\s*)+",
    re.I,
)
# a lead's label line ("ABSTRACT.", "FULL TEXT.", "Advertisement") is not its first sentence
_LABEL_LINE = re.compile(r"^[A-Z][A-Za-z ]{0,24}[.:]?$")
_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:,[^\n]{0,40})?\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])")
_LAST_TOKEN = re.compile(r"(\S+)[.!?][\"”’']?$")
_CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:who|which|that|after|as|while|when|where|according|saying|but|and|"
    r"amid|despite|following|in a|in an|the|[a-z]+ing)\b)|;\s+|\s+[—–]\s+|\s+--\s+|"
    r"\s+(?=(?:if|because|unless|although|though|whereas|so that)\s)"
)
# where a long clause may end: before a prepositional or time phrase
_PHRASE_BREAK = re.compile(
    r"\s+(?=(?:on|in|at|for|over|after|before|amid|during|with|from|following)\s)"
)
_ASIDE = re.compile(r",\s+(?:who|which|whose|where)\b[^,;]{1,90},\s+")
_STOP = frozenset(
    """a an the and or but of in on at to for from by with as is are was were be been being
    has have had will would could should may might can this that these those it its their his
    her they them he she we you i not no new says said say over after before into about up
    out more than also who what when where which how why just amid while under""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class TitleSource:
    """What a title is chosen from, for one article: its stored headline (or None), the start
    of its text (``LEAD_CHARS`` is enough), its publication time and its id."""

    id: str
    title: str | None
    lead: str
    published: datetime | None = None


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _clip(text: str) -> str:
    if len(text) <= MAX_TITLE_CHARS:
        return text
    cut = text[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


def usable_title(title: str | None) -> str | None:
    """The headline on one line, or None when it is missing, a placeholder or a bare id."""
    if title is None:
        return None
    line = _one_line(title)
    if not line or not _WORD.search(line):
        return None
    if _HASHLIKE.match(line) or _PLACEHOLDER.match(line):
        return None
    return _clip(_without_closing_stop(line))


def _without_closing_stop(line: str) -> str:
    """A headline without its closing full stop, semicolon, colon or comma; an abbreviation's
    stop ("U.S.", "Acme Inc.") stays."""
    stripped = line.rstrip(".;:,")
    if stripped == line or not stripped:
        return line
    last = stripped.split()[-1].strip("\"'“”‘’()")
    if line[len(stripped)] == "." and (
        len(last) == 1 or "." in last or last.lower() in _ABBREVIATIONS
    ):
        return line
    return stripped


def headline_from_lead(text: str) -> str:
    """A headline composed from the lead: its first sentence without dateline or byline, cut
    to its main clause (who did what) when long. Never empty."""
    lead = _BYLINE.sub("", text.lstrip()[: LEAD_CHARS * 2], count=1)
    lead = _STAMP.sub("", lead, count=1)
    lines = [line.strip() for line in lead.split("\n") if line.strip()]
    while len(lines) > 1 and _LABEL_LINE.match(lines[0]) and len(lines[0].split()) <= 3:
        lines.pop(0)
    if _stray(lines):
        lines.pop(0)
        lines = [line for line in _STAMP.sub("", lines[0], count=1).split("\n") if line] + lines[1:]
    lead = _one_line(_DATELINE.sub("", "\n".join(lines), count=1))
    if not lead:
        return _FALLBACK
    first = _first_sentence(lead)
    alone = _headline_line(text, lines)
    if alone and first.startswith(alone) and len(first) > len(alone):
        first = alone  # the first sentence ran on from a headline into the dateline and lead
    if len(lines) > 1 and first.endswith(("?", "!")):
        # a headline line that asks or exclaims and goes on ("Trump impeachment conviction?
        # 'Zero chance,' Republicans say, as …") is one headline, not a question alone
        line = _one_line(_DATELINE.sub("", lines[0], count=1))
        if line.startswith(first) and len(line.split()) <= _CLAUSE_WORDS:
            first = line
    words = first.split()
    if len(words) > _SHORT_WORDS:
        first = _ASIDE.sub(" ", first, count=1)
        first = _main_clause(first)
        if len(first.split()) > _CLAUSE_WORDS:
            first = _phrase_cut(first)
    first = _balanced_quotes(_unwrapped(first.rstrip(" .")))
    if not _WORD.search(first):
        return _FALLBACK
    return _clip(first[0].upper() + first[1:])


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_ENDS_SENTENCE = re.compile(r"[.!?…:;,][\"'”’)\]]*$")
_DASHED_DATELINE = re.compile(r"[A-Z][A-Z.'’ ,()]{2,60}\s*[-–—]\s")  # "WASHINGTON — …"


def _headline_line(text: str, lines: list[str]) -> str | None:
    """The first line as a headline of its own: a paragraph of one short line that ends no
    sentence ("Senators push bill to curb drug prices" above "WASHINGTON — Senators …"),
    or such a line straight above a dashed dateline, when text follows it; else None. A line
    broken off a hard-wrapped paragraph shares its paragraph with the next line, so it is
    not one."""
    if len(lines) < 2:
        return None
    block = next((b.strip() for b in _BLANK_LINE.split(text.lstrip()) if b.strip()), "")
    line = lines[0]
    if _ENDS_SENTENCE.search(line):
        return None
    if _one_line(block) != line and not _DASHED_DATELINE.match(lines[1]):
        return None
    line = _one_line(_DATELINE.sub("", line, count=1))
    return line if 4 <= len(line.split()) <= _CLAUSE_WORDS else None


def _stray(lines: list[str]) -> bool:
    """A first line about something else: a page's sidebar headline ("2 men charged in death of
    Chicago teen …" above a blog post on Libya), none of whose terms the lines after it use, when
    those lines open with a sentence that can head the article instead."""
    if len(lines) < 2 or len(lines[1].split()) < 8:
        return False
    if lines[1][0].islower():
        return False  # the second line goes on with the first one's sentence (hard-wrapped)
    return not _terms(lines[0]) & _terms(" ".join(lines[1:]))


def _unwrapped(text: str) -> str:
    """The text without quotation marks around all of it, and without a full stop left inside a
    closing quote ("… of ‘The 411.’" → "… of ‘The 411’"); quotes inside the text stay."""
    text = _STOP_IN_QUOTE.sub("", text.strip())
    if len(text) > 1 and text[0] in _OPENING and text[-1] in _CLOSING:
        inner = text[1:-1].strip()
        if not any(mark in inner for mark in _OPENING):
            return inner
    return text


_OPENING = "“‘\"'"
_CLOSING = "”’\"'"
_CLOSING_SINGLE = re.compile(r"’(?!\w)")
_STOP_IN_QUOTE = re.compile(r"[.,;:]+(?=[”’\"']+$)")


def _balanced_quotes(text: str) -> str:
    """Close a quotation a cut left open."""
    if text.count("“") > text.count("”"):
        text = text.rstrip("…") + "”" + ("…" if text.endswith("…") else "")
    closing_single = len(_CLOSING_SINGLE.findall(text))  # not an apostrophe ("Blige’s")
    if text.count("‘") > closing_single:
        text = text.rstrip("…") + "’" + ("…" if text.endswith("…") else "")
    if text.count('"') % 2:
        text = text.rstrip("…") + '"' + ("…" if text.endswith("…") else "")
    return text


def _first_sentence(text: str) -> str:
    """The text up to its first sentence end, not counting an abbreviation's stop ("Mr.",
    "Gov.", "Mary J.", "U.S.")."""
    for match in _SENTENCE_END.finditer(text):
        head = text[: match.start()]
        last = _LAST_TOKEN.search(head)
        token = last.group(1).strip("\"'“”‘’(") if last else ""
        if head.endswith(".") and (
            len(token) == 1 or "." in token or token.lower() in _ABBREVIATIONS
        ):
            continue
        return head.strip()
    return text.strip()


def _phrase_cut(clause: str) -> str:
    """The clause cut before its last phrase boundary that leaves 8 to ``_CUT_WORDS`` words;
    else its first words and an ellipsis."""
    best = None
    for match in _PHRASE_BREAK.finditer(clause):
        head = clause[: match.start()].rstrip(",;:—–- ")
        if 8 <= len(head.split()) <= _CUT_WORDS:
            best = head
    if best is not None:
        return best
    return " ".join(clause.split()[: _CUT_WORDS - 2]).rstrip(",;:—–-") + "…"


def _main_clause(sentence: str) -> str:
    """The sentence up to its first clause break that leaves at least six words."""
    for match in _CLAUSE_BREAK.finditer(sentence):
        head = sentence[: match.start()].strip()
        if len(head.split()) >= 6:
            return head
    return sentence


def article_title(title: str | None, text: str) -> str:
    """The article's headline when it has a usable one, else one composed from its lead."""
    return usable_title(title) or headline_from_lead(text)


def _terms(text: str) -> set[str]:
    return {w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in _STOP}


def _order_key(source: TitleSource) -> tuple[bool, str, str]:
    when = source.published.isoformat() if source.published is not None else ""
    return (source.published is None, when, source.id)


_MAX_SOURCES = 60  # a long-running story is judged on this many articles, spread over time


def _sample(sources: Sequence[TitleSource]) -> Sequence[TitleSource]:
    """At most ``_MAX_SOURCES`` articles, evenly spread in time (titled ones, when any are),
    so that a story of thousands of articles costs no more than one of sixty."""
    titled = [s for s in sources if usable_title(s.title)]
    pool = sorted(titled or sources, key=_order_key)
    if len(pool) <= _MAX_SOURCES and len(pool) == len(sources):
        return sources
    if len(pool) <= _MAX_SOURCES:
        return [*pool, *[s for s in sources if s not in pool][: _MAX_SOURCES - len(pool)]]
    step = len(pool) / _MAX_SOURCES
    return [pool[int(i * step)] for i in range(_MAX_SOURCES)]


# a column's label: "OPINION: Clinton's comment is not entirely wrong" heads an article, not a story
_OPINION_LABEL = re.compile(
    r"^\s*(?:opinion|op-ed|commentary|analysis|editorial|column|perspective|viewpoint)"
    r"\s*(?::|\||—|–|-)\s*(?=\S)",
    re.I,
)


# "… new poll finds. Will it cost him Florida?": a statement, then the question it raises
_THEN_QUESTION = re.compile(r"(?<=[a-z0-9)])[.!]\s+(?=[A-Z])(?=[^.!?]*\?\s*$)")


_ASKING = re.compile(r"\?(?![’'\"”])")


def _asks(headline: str) -> bool:
    """A headline that asks ("Should the WHO face consequences …?"): the story is what was
    reported, not a question about it. A quoted question ("… at a Wedding: ‘Can I Kiss You?’")
    is something reported."""
    return bool(_ASKING.search(headline))


def _statement(headline: str) -> str:
    """The headline without the question it ends on, when a statement comes first."""
    match = _THEN_QUESTION.search(headline)
    return headline[: match.start()] if match else headline


def story_title(sources: Sequence[TitleSource]) -> str:
    """The story's title: the most representative usable headline (see the module docstring),
    else the headline composed from the lead of the most representative article. A news
    headline is preferred to a column's, and a column's label ("OPINION:") is not the story's."""
    if not sources:
        return _FALLBACK
    sources = _sample(sources)
    context = [_terms(f"{s.title or ''} {s.lead[:LEAD_CHARS]}") for s in sources]
    titled = [(i, _statement(t)) for i, s in enumerate(sources) if (t := usable_title(s.title))]
    candidates = titled or [(i, headline_from_lead(s.lead)) for i, s in enumerate(sources)]

    def score(i: int, headline: str) -> float:
        words = _terms(headline)
        if not words or len(sources) == 1:
            return 0.0
        shared = sum(len(words & context[j]) for j in range(len(sources)) if j != i)
        return round(shared / math.sqrt(len(words)), 6)

    def opinion(c: tuple[int, str]) -> bool:
        return bool(_OPINION_LABEL.match(c[1])) or _asks(c[1])

    best = min(candidates, key=lambda c: (opinion(c), -score(*c), _order_key(sources[c[0]])))
    return _OPINION_LABEL.sub("", best[1]) or best[1]
