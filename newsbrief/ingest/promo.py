"""The page's own promotion at the end of an article: appeals, sign-offs and link lists.

Line-level boilerplate (``newsbrief.ingest.boilerplate``) drops a share prompt or a sign-up on
a line of its own. Web pages also end an article with paragraphs that are promotion set as
prose: "Follow us on Twitter @Spacedotcom or Facebook.", "Originally published on Live
Science.", "The views and opinions expressed in the article do not necessarily reflect those
of …", "If you enjoyed this article, we have a proposition for you: Join …", a book plug, a
row of links to other stories ("- 15 Amazing Images of Stars - 11 Fascinating Facts …").
On the article-extraction benchmark's pages they reached the timeline ("2018 — Mike Wall's
book about the search for alien life …") and the summary.

Only the end of an article is read this way, and only whole sentences of the shapes below:

- read from the end, up to the ``TAIL``-th paragraph that is the story's, a body paragraph
  whose every sentence is promotion is ``promo``;
- in the last body paragraph, promotion runs to the end: from its first promotional sentence
  on, the paragraph is split off as ``promo`` (an appeal does not return to the story);
- a paragraph that is a row of links (items opened by a dash, none ending a sentence) is
  ``related``, as the link lines that end a page are;
- a subhead left with no body paragraph under it heads nothing but promotion: ``promo`` too.

The text keeps every character (offsets stay those of the article); these paragraphs are shown
nowhere in the brief, as bylines and captions are not.
"""

from __future__ import annotations

import re

from newsbrief.ingest.boilerplate import is_boilerplate
from newsbrief.models import ParagraphKind

TAIL = 3  # the last body paragraphs read for promotion

_SOCIAL = (
    r"(?:facebook|twitter|x|instagram|linkedin|youtube|tiktok|threads|bluesky|telegram|"
    r"flipboard|pinterest|snapchat)"
)
_PROMO = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (
            # follow / visit / like … on a social network
            r"(?:be sure to |please |and )?(?:follow|find|visit|like|join|connect with) "
            r"(?:him|her|them|us|me|@\w+|[\w .&'’-]{1,40}) on " + _SOCIAL + r"\b.{0,120}",
            # where the piece first ran, and the outlet's own disclaimer
            r"(?:this (?:article|story|piece|post) (?:was|is|has been) )?(?:originally )?"
            r"(?:published|appeared|reprinted|republished) (?:on|in|at|by|with permission "
            r"(?:from|of)) [\w .,&'’:-]{1,80}\.?",
            r"(?:originally|first) (?:published|appeared) (?:on|in|at) .{1,80}",
            r"(?:disclaimer\s*:.{0,400}|the views and opinions expressed .{0,300}"
            r"|the views expressed (?:in|here|are) .{0,300}|opinions expressed .{0,200}"
            r"(?:are|is) (?:their|his|her|the author'?s?) own.{0,200})",
            # appeals to read, listen, subscribe, come back
            r"if you (?:enjoyed|liked|like|enjoy|value|appreciate) (?:this|our|the) (?:article|"
            r"story|post|piece|journalism|reporting)\b.{0,200}",
            r"get (?:access to|started with|the day'?s|the latest|our|more) .{0,200}",
            r"catch up on .{0,160}(?:podcast|newsletter|show|episode)\b.{0,80}",
            r"listen (?:to [\w .&'’-]{1,40} )?(?:live|back|here|now|again)\b.{0,120}",
            r"(?:looking for|want) more [\w .,&'’-]{1,60}\?.{0,160}",
            r"stay tuned (?:for|to) .{1,120}",
            r"have an? [\w .-]{1,40} (?:device|speaker)\?.{0,200}",
            r"(?:now )?you can (?:hear|listen to|read|watch|get) .{1,80} (?:each|every) "
            r"(?:morning|day|week|evening)\b.{0,40}",
            r"just search for .{1,120}",
            # a book or an album plugged by its author's page
            r"[\w .'’-]{1,60}['’]s (?:new |latest )?(?:book|novel|album|podcast|newsletter)\b"
            r".{0,200}\b(?:is|are) (?:out|available) now\b.{0,80}",
        )
    ),
    re.I,
)
# "- 15 Amazing Images of Stars - 11 Fascinating Facts About Our Milky Way Galaxy - …"
_LINK_ITEM = re.compile(r"\s*(?:^|\n|\s)[-–•]\s+")
_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9@])")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)]*$")
_SMALL = frozenset(
    re.findall(r"\w+", "a an the and or nor but of in on at to for by with from as vs via per")
)


def is_promo(sentence: str) -> bool:
    """Whether a sentence is the page promoting itself (see the module doc)."""
    text = sentence.strip()
    return bool(text) and (is_boilerplate(text) or _PROMO.fullmatch(text) is not None)


def is_link_row(paragraph: str) -> bool:
    """A row of links: two items or more, each opened by a dash or bullet and set as a
    headline (most of its words capitalized, no final stop). A list of steps or features in
    sentence case ("- Sign up for an account for $12 a month - …") is the story's."""
    text = paragraph.strip()
    if not re.match(r"[-–•]\s", text):
        return False
    items = [i.strip() for i in _LINK_ITEM.split(text) if i.strip()]
    return len(items) >= 2 and all(_headline(i) for i in items)


def _headline(item: str) -> bool:
    if _ENDS_SENTENCE.search(item):
        return False
    words = [w for w in item.split()[1:] if w[:1].isalpha() and w.lower() not in _SMALL]
    return sum(w[:1].isupper() for w in words) * 2 >= len(words)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A paragraph's sentences as offsets (a light split: structure comes before the parse)."""
    out = []
    pos = start
    for m in _SENTENCE.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def promo_tail(
    text: str, pieces: list[tuple[int, int]], kinds_in: list[ParagraphKind]
) -> tuple[list[tuple[int, int]], list[ParagraphKind]]:
    """The pieces and kinds with the article's closing promotion marked (see the module doc)."""
    pieces, kinds = list(pieces), list(kinds_in)
    body = [i for i, k in enumerate(kinds) if k == "body"]
    if len(body) < 2:
        return pieces, kinds  # a one-paragraph text is all story
    story = 0  # body paragraphs read that stay the story's
    for i in reversed(body):
        start, end = pieces[i]
        if is_link_row(text[start:end]):
            kinds[i] = "related"
        elif all(is_promo(text[a:b]) for a, b in sentences(text, start, end)):
            kinds[i] = "promo"
        else:
            story += 1
            if story == TAIL:
                break
    if not story:
        return list(pieces), list(kinds_in)  # nothing left of a story: read it all as one
    last = max((i for i in body if kinds[i] == "body"), default=None)
    if last is not None:
        start, end = pieces[last]
        sents = sentences(text, start, end)
        first = next((k for k, (a, b) in enumerate(sents) if is_promo(text[a:b])), None)
        if first == 0:
            kinds[last] = "promo"
        elif first is not None:
            pieces[last : last + 1] = [(start, sents[first - 1][1]), (sents[first][0], end)]
            kinds[last : last + 1] = ["body", "promo"]
    return pieces, _heads_of_nothing(kinds)


def _heads_of_nothing(kinds: list[ParagraphKind]) -> list[ParagraphKind]:
    """A subhead heads nothing when only paragraphs shown nowhere (or none) follow it before
    the end or the next subhead. A subhead right before another is a section's heading over
    the next one's ('GIRLS BASKETBALL', then a game's result), unless both head nothing."""
    out = list(kinds)
    headed = False  # a body paragraph comes before the next subhead (read from the end)
    nested = False  # the next subhead heads something and nothing stands between
    for i in range(len(kinds) - 1, -1, -1):
        if kinds[i] == "body":
            headed = True
        elif kinds[i] == "subhead":
            follows = i + 1 < len(kinds) and kinds[i + 1] == "subhead"
            if not headed and not (follows and nested):
                out[i] = "promo"
            nested = out[i] == "subhead"
            headed = False
        else:
            nested = False
    return out
