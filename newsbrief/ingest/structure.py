"""The structure of an article's text: paragraphs, the article's own subheads, and furniture.

Text arrives in two shapes: paragraphs separated by blank lines, or one paragraph per line (what a
copy from a web page or a word processor gives). A block of lines is read as one paragraph per
line when its lines are paragraph-length and end their sentences (most of them end in ``.``,
``!``, ``?`` or a closing quote); a block hard-wrapped at a fixed width stays one paragraph.

Every paragraph then gets a kind:

- ``body``: prose of the story; the only kind that feeds sentences and so the brief;
- ``subhead``: the article's own section heading ("Economic Fallout"): a short title-like line with
  no final full stop, followed by more text; used as a heading of the body, never as a sentence.
  A run-in head in capitals that opens a paragraph ("CONGRESS HAS INVESTIGATED HIM — The
  senator …") is one too: its own span, the rest of the paragraph a body paragraph after it;
- ``byline`` ("By Jane Doe"), ``dateline`` ("ESKAR, Norland, March 18" on its own line),
  ``caption`` ("Photo: …", "(AP Photo/…)"), ``url`` (a bare link) and ``embed`` (an embedded
  social-media post: "… pic.twitter.com/… — Apple Music (@AppleMusic) September 27, 2016"): kept in
  the text, shown nowhere in the brief;
- ``note``: an editorial note on the article itself ("CLARIFICATION: The first sentence has been
  clarified …", "Correction: An earlier version of this article …", "Editor's note: …"): the
  newsroom speaking about its copy, not the story; kept in the text, shown nowhere in the brief
  (it is nobody's position, and no event of the story);
- ``related``: the run of headline-like lines that ends a page (links to other stories: short
  lines, none ending a sentence, at least ``_RELATED_MIN`` of them), or a row of such links in
  one paragraph near the end;
- ``promo``: the page promoting itself at the end of the article, set as prose ("Follow us on
  Twitter …", "Originally published on …", a disclaimer, an appeal to subscribe): see
  ``newsbrief.ingest.promo``.

Boilerplate lines (share prompts, newsletter sign-ups, "Also on <site>: …") are removed before
any of this (``newsbrief.ingest.boilerplate``).
"""

from __future__ import annotations

import re

from newsbrief.ingest.boilerplate import is_boilerplate
from newsbrief.ingest.promo import promo_tail
from newsbrief.models import ParagraphKind, Span

_PARA_BREAK = re.compile(r"\n[ \t]*\n+")
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")
_MIN_PARA_CHARS = 60  # a line this long that ends a sentence reads as a paragraph
_SUBHEAD_MAX_WORDS = 10
_SUBHEAD_MAX_CHARS = 80
_RELATED_MIN = 3
_RELATED_MAX_WORDS = 20


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SMALL_WORDS = _words(
    """a an the and or nor but of in on at to for by with from as vs via per into over under
    after before about than is are was were be its it's their his her our your this that"""
)
_BYLINE = re.compile(
    r"(?:[\d:/.,]+\s*(?:AM|PM|a\.m\.|p\.m\.)?\s*(?:[A-Z]{2,4}\s+)?[\d/.-]*\s*)?"
    r"(?i:by|words by|(?:additional )?reporting by|written by|story by|editing by|compiled by|"
    r"contributed by)\s+"
    r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|der|da|la|le|bin|al|and|&|,))*"
    r"(?:\s*[,|–—-]\s*[\w .,'’&-]{1,60})?",
)
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][\w.'’ -]{1,30})*"
    r"(?:\s*\((?:AP|Reuters|AFP|dpa|Xinhua|Bloomberg|UPI|[A-Z]{2,6})\))?"
    r"(?:,?\s*(?:" + _MONTH + r")(?:\s+\d{1,2})?(?:,?\s+\d{4})?)?\s*[-–—:]*",
)
_CAPTION = re.compile(
    r"(?:photo|image|picture|pictured|video|caption|graphic|illustration|file photo|photograph)"
    r"(?:\s*\(.{1,40}\))?\s*:.{0,300}"
    r"|.{0,300}\((?:AP|Reuters|AFP|Getty|EPA|Xinhua|Bloomberg|[A-Z][\w.]+)"
    r"(?: Photo)?\s*/\s*[^)]{1,60}\)\s*"
    r"|.{0,300}\b(?:photo|photograph|image|picture)(?:\s+credit)?\s*:\s*[A-Z][^.]{0,60}"
    r"|.{0,300}\((?:photo|image|picture|file photo)\b[^)]{0,60}\)\s*"
    r"|.{0,300}(?:/\s*)?(?:Getty Images|Shutterstock|AFP via Getty Images)\s*\)?\s*",
    re.I,
)
_URL = re.compile(r"(?:<)?(?:https?://|www\.)\S+(?:>)?|\S+\.(?:com|org|net|co\.uk)/\S*", re.I)


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Blocks of text separated by blank lines, as (start, end) offsets."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_BREAK.finditer(text):
        if text[pos : m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def structure(
    text: str, *, titled: bool = False
) -> tuple[tuple[Span, ...], tuple[ParagraphKind, ...]]:
    """Paragraph spans of a normalized text and the kind of each paragraph. ``titled``: the
    article's headline is known apart from the text, so a title-like line above all prose is a
    kicker or label, not the headline."""
    pieces: list[tuple[int, int]] = []
    for start, end in split_blocks(text):
        pieces.extend(_split_block(text, start, end))
    kinds = _kinds([text[a:b] for a, b in pieces], titled=titled)
    pieces, kinds = _run_in_heads(text, pieces, kinds)
    pieces, kinds = promo_tail(text, pieces, kinds)
    return tuple(Span(start=a, end=b) for a, b in pieces), tuple(kinds)


# a run-in head: words in capitals ("EVEN THE BOARD THINKS SO", "STAT OF THE WEEK"), then a dash
# and a sentence that starts in the usual way ("The head of …", "NATO said …")
_RUN_IN = re.compile(
    r"(?P<head>[A-Z0-9][^\sa-z—–()]*(?:[ \t]+(?!-)[^\sa-z—–()]+)*?)"
    r"(?:\s*[—–]|\s--?\s)\s*(?P<rest>[“\"‘']?[A-Z0-9$]\S*(?:\s+\S+)?)"
)
_RUN_IN_WORDS = 3
_OPENING_WORDS = 5  # the story's first paragraphs may open on a dateline ("SALT LAKE CITY —")
_OPENING_PARAS = 2


def _run_in_heads(
    text: str, pieces: list[tuple[int, int]], kinds: list[ParagraphKind]
) -> tuple[list[tuple[int, int]], list[ParagraphKind]]:
    """A body paragraph that opens with a run-in head split in two: the head a subhead, the
    rest a body paragraph (offsets stay those of the text; the dash between is in neither).
    Else the head is glued to the paragraph's first sentence, in the summary as in the body."""
    out: list[tuple[int, int]] = []
    out_kinds: list[ParagraphKind] = []
    prose = 0
    for (start, end), kind in zip(pieces, kinds, strict=True):
        head = _run_in_head(text[start:end], prose) if kind == "body" else None
        if head is not None:
            out.extend([(start, start + head[0]), (start + head[1], end)])
            out_kinds.extend(["subhead", "body"])
        else:
            out.append((start, end))
            out_kinds.append(kind)
        prose += kind == "body"
    return out, out_kinds


def _run_in_head(para: str, prose_before: int) -> tuple[int, int] | None:
    """(end of the head, start of the rest) when ``para`` opens with a run-in head: at least
    three words in capitals before a dash, then a sentence: its first word in lower case
    after a capital, or its second in lower case ("NATO said"; not "UNLIKELY The …", a head
    that runs on past its dash); not a dateline's place ("MYRTLE BEACH, S.C. -")."""
    m = _RUN_IN.match(para)
    if m is None or re.match(r"\S*[a-z]|\S+\s+[a-z]", m["rest"]) is None:
        return None
    head = m["head"]
    words = [w for w in head.split() if re.search(r"[A-Z0-9]", w)]
    least = _OPENING_WORDS if prose_before < _OPENING_PARAS else _RUN_IN_WORDS
    if len(words) < least or len(re.findall(r"[A-Z]", head)) < 2 * least:
        return None
    if "," in head and len(head.rsplit(",", 1)[1].split()) <= 2:
        return None  # "PLACE, STATE": a dateline
    return m.end("head"), m.start("rest")


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for line in text[start:end].split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One block → its paragraphs: every line when the block is one paragraph per line;
    otherwise the block whole, less leading and trailing special lines (a subhead or byline
    written straight above its paragraph)."""
    lines = _lines(text, start, end)
    if len(lines) <= 1:
        return lines
    if _per_line(text, lines):
        return lines
    head: list[tuple[int, int]] = []
    while len(lines) > 1 and _special(text[lines[0][0] : lines[0][1]]):
        head.append(lines.pop(0))
    tail: list[tuple[int, int]] = []
    while len(lines) > 1 and _furniture(text[lines[-1][0] : lines[-1][1]]) is not None:
        tail.insert(0, lines.pop())
    return [*head, (lines[0][0], lines[-1][1]), *tail]


def _per_line(text: str, lines: list[tuple[int, int]]) -> bool:
    """Paragraph per line: the lines that end a sentence are most of the long ones, and they are
    not cut at a fixed width (a hard-wrapped paragraph ends its lines mid-sentence)."""
    body = [text[a:b].strip() for a, b in lines]
    long_lines = [line for line in body[:-1] if len(line) >= _MIN_PARA_CHARS]
    if not long_lines:
        return any(_special(line) for line in body)
    ending = sum(1 for line in long_lines if _ENDS_SENTENCE.search(line))
    return ending * 3 >= len(long_lines) * 2


def _special(line: str) -> bool:
    return _furniture(line) is not None or _heading_like(line)


def _kinds(paragraphs: list[str], *, titled: bool) -> list[ParagraphKind]:
    """Furniture by its own shape; a heading-like line is a subhead when prose follows it and,
    unless the headline is known apart (``titled``), prose precedes it too (a first line above
    all prose is then the headline, and stays a sentence as it always was)."""
    furniture = [_furniture(p) for p in paragraphs]
    listed = _list_items(paragraphs)
    figures = [_figures(p) for p in paragraphs]
    heading = [
        f is None and not item and not row and _heading_like(p)
        for p, f, item, row in zip(paragraphs, furniture, listed, figures, strict=True)
    ]
    prose = [
        f is None and not h and not row
        for f, h, row in zip(furniture, heading, figures, strict=True)
    ]
    later = [False] * len(prose)  # later[i]: some prose paragraph comes after paragraph i
    for i in range(len(prose) - 2, -1, -1):
        later[i] = later[i + 1] or prose[i + 1]
    kinds: list[ParagraphKind] = []
    seen_prose = titled
    for i, (f, h) in enumerate(zip(furniture, heading, strict=True)):
        if f is not None:
            kinds.append(f)
        else:
            kinds.append("subhead" if h and seen_prose and later[i] else "body")
        seen_prose = seen_prose or prose[i]
    return _related_tail(paragraphs, kinds)


# a list item's lead: a date ("June 9 – Tampa …", "Oct. 3 -- Phoenix …"), a number or a bullet,
# and the separator after it
_LIST_LEAD = re.compile(
    r"(?P<lead>(?:" + _MONTH + r")\s+\d{1,2}(?:st|nd|rd|th)?\b|\d{1,4}[.)]?(?=\s)|[•*▪►])"
    r"[^–—|@:\n]{0,60}?(?P<sep>\s[–—]\s|\s--?\s|\s\|\s|\s@\s|:\s)"
)
_LIST_RUN = 3


def _list_items(paragraphs: list[str]) -> list[bool]:
    """Paragraphs in a run of at least ``_LIST_RUN`` one-line items of one shape (a tour's
    "June 9 – West Palm Beach, FL @ …" lines): the items of a list, none of them a subhead,
    though the ones without a final stop look like one."""
    shapes = []
    for para in paragraphs:
        text = para.strip()
        m = _LIST_LEAD.match(text) if "\n" not in text and len(text.split()) <= 25 else None
        lead = m["lead"] if m else ""
        kind = "date" if lead[:1].isalpha() else "number" if lead[:1].isdigit() else lead
        shapes.append((kind, m["sep"].strip()) if m else None)
    out = [False] * len(paragraphs)
    i = 0
    while i < len(shapes):
        j = i
        while j < len(shapes) and shapes[i] is not None and shapes[j] == shapes[i]:
            j += 1
        if j - i >= _LIST_RUN:
            out[i:j] = [True] * (j - i)
        i = max(j, i + 1)
    return out


def _related_tail(paragraphs: list[str], kinds: list[ParagraphKind]) -> list[ParagraphKind]:
    """Mark the trailing run of link-like lines ("Ciara to Host 2019 American Music Awards")."""
    k = len(paragraphs)
    while k > 0 and kinds[k - 1] == "body" and _link_like(paragraphs[k - 1]):
        k -= 1
    if len(paragraphs) - k >= _RELATED_MIN and k > 0:
        related: list[ParagraphKind] = ["related"] * (len(paragraphs) - k)
        kinds = [*kinds[:k], *related]
    return kinds


def _link_like(para: str) -> bool:
    text = para.strip()
    words = text.split()
    return (
        "\n" not in text
        and 2 <= len(words) <= _RELATED_MAX_WORDS
        and text[:1].isupper()
        and not _ENDS_SENTENCE.search(text)
        and not re.match(_MONTH, text)  # a list of dates ("Aug. 8 -- Chicago") is content
    )


def _furniture(line: str) -> ParagraphKind | None:
    """byline / dateline / caption / url / embed for a line that is one of them, else None."""
    text = line.strip()
    if _EMBED.search(text):
        return "embed"
    if len(text) <= _NOTE_MAX_CHARS and _NOTE.match(text):
        return "note"
    if "\n" in text or len(text) > 320:
        return None
    if _URL.fullmatch(text):
        return "url"
    words = text.split()
    if len(words) <= 16 and _BYLINE.fullmatch(text) and not _ENDS_PROSE.search(text):
        return "byline"
    if len(words) <= 10 and _DATELINE.fullmatch(text) and _has_caps_place(text):
        return "dateline"
    if _may_caption(text) and _CAPTION.fullmatch(text):
        return "caption"
    return None


def _may_caption(text: str) -> bool:
    """What every form of ``_CAPTION`` needs (a colon, a bracket or a picture agency's name):
    most lines have none of them, and are spared the pattern's backtracking."""
    if ":" in text or "(" in text:
        return True
    low = text.lower()
    return "getty images" in low or "shutterstock" in low


# An editorial note: the newsroom on its own copy (a correction, a clarification, an editor's
# note), at the start of a paragraph. "UPDATE:" is left as it is: what follows it is often news.
_NOTE = re.compile(
    r"(?:CLARIFICATION|CORRECTION|Clarification|Correction)S?\b(?:\s+(?:[Aa]ppended|[Aa]dded))?"
    r"(?:,?\s+(?:on\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})?\s*[:.—–-]"
    r"|(?:EDITOR|Editor)[’']?[Ss]?\s+(?:NOTE|[Nn]ote)\s*[:.—–-]"
    r"|(?:An|The)\s+(?:earlier|previous|original)\s+version\s+of\s+this\s+"
    r"(?:article|story|report|post)\b"
    r"|This\s+(?:article|story|report|post)\s+(?:has\s+been|was)\s+"
    r"(?:corrected|clarified|updated\s+to\s+(?:correct|clarify|reflect))"
)
_NOTE_MAX_CHARS = 800

# An embedded post: its short links, or the signature line "— Name (@handle) Month D, YYYY".
_EMBED = re.compile(
    r"pic\.twitter\.com/\S|https?://t\.co/\S"
    r"|[—–-]\s*[^—–\n]{1,80}\(@\w{1,30}\)\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}"
)
_ENDS_PROSE = re.compile(r"\b(?:said|says|told|was|were|is|are|has|have|had)\b", re.I)


def _figures(para: str) -> bool:
    """A line mostly of figures ("Rockledge 14 11 6 15 — 44", "29 November 2018 | 20 January
    2019"): body, but no title, and no prose that a heading above it could head."""
    words = para.split()
    if "\n" in para.strip() or not words:
        return False
    return sum(w[:1].isdigit() for w in words) > sum(w[:1].isalpha() for w in words)


def _has_caps_place(text: str) -> bool:
    """A dateline opens with a place in capitals and goes on with a comma, an agency in
    brackets, a date or a dash ("ECONOMIC FALLOUT" alone is a subhead)."""
    if re.match(r"[A-Z][A-Z.'’-]{2,}", text) is None:
        return False
    return bool(re.search(r"[,(–—-]|:$", text)) or re.search(_MONTH, text) is not None


_INTERVIEW = re.compile(r"(?:Q|A)\s*[:.]\s")


def _heading_like(line: str) -> bool:
    """A short title-like line without a final full stop: "Economic Fallout", "What comes next?"."""
    text = line.strip()
    if "\n" in text or not text or len(text) > _SUBHEAD_MAX_CHARS:
        return False
    words = text.split()
    if len(words) > _SUBHEAD_MAX_WORDS or not (text[0].isupper() or text[0].isdigit()):
        return False
    if re.search(r"[.,;:!\"'”’)\]-]$", text) or is_boilerplate(text):
        return False
    if text.endswith("?") and len(words) > 8:
        return False
    if _INTERVIEW.match(text):
        return False  # an interview's question or answer ("Q: Favorite apps?"), said, not a title
    if not re.search(r"[A-Za-z]{2}", text):
        return False
    content = [w for w in words[1:] if w.lower() not in _SMALL_WORDS and w[:1].isalpha()]
    capitalized = sum(1 for w in content if w[:1].isupper())
    # Title Case, or a short sentence-case label ("Economic fallout", "What happens next?")
    return not content or capitalized * 2 >= len(content) or len(words) <= 5


_CREDIT = re.compile(r"(?i)(?:additional )?(?:reporting|editing|compiled|contributed)\b")
_BY = re.compile(r"^.*?\b(?:[Bb]y|BY)\s+")


def byline_name(line: str) -> str | None:
    """ "By Jane Doe, Meridian Press Agency" → "Jane Doe"; None when no name follows "by" or the
    line credits a helper ("Additional reporting by …", "Editing by …")."""
    if _CREDIT.match(line.strip()):
        return None
    name = _BY.sub("", line.strip(), count=1)
    name = re.split(r"\s*[,|–—]\s*|\s+-\s+", name)[0].strip()
    return name or None
