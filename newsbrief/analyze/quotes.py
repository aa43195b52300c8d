"""Quotation spans found on the characters, before any parsing decision.

Marks handled: curly “ ”, straight ``"`` and the doubled apostrophe ``''`` some newspapers use.
Single quotes are left alone (they are mostly apostrophes, and nested quotes sit inside a double
quote anyway). A straight mark opens when it follows whitespace or an opening bracket and closes
when it follows a word or punctuation; curly marks fall back to their shape. A quote still open
at the end of its paragraph ends there (``closed=False``); a news-style quote that runs over
several paragraphs reopens at the start of the next one, which ``continues`` records.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.models import Span

_MARK = re.compile(r"''|[\"“”]")
_OPEN_BEFORE = set(" \t\n([{—–-/\u00a0")


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True
    continues: bool = False

    def contains(self, start: int, end: int) -> bool:
        return self.inner_start <= start and end <= self.inner_end


def _orientation(text: str, pos: int, mark: str) -> str:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    opens_ctx = before in _OPEN_BEFORE and not after.isspace()
    closes_ctx = before not in _OPEN_BEFORE
    if mark == "“":
        return "close" if closes_ctx and (after.isspace() or not after.isalnum()) else "open"
    if mark == "”":
        return "open" if opens_ctx and after.isalnum() else "close"
    if opens_ctx:
        return "open"
    return "close" if closes_ctx else "either"


def find_quotes(text: str, paragraphs: Sequence[Span] = ()) -> list[Quote]:
    """Every double-quoted stretch of ``text``, in order."""
    paras = list(paragraphs) or [Span(start=0, end=len(text))]
    quotes: list[Quote] = []
    for para in paras:
        open_at: int | None = None
        open_len = 0
        first = True
        for m in _MARK.finditer(text, para.start, para.end):
            kind = _orientation(text, m.start(), m.group())
            if open_at is None:
                if kind != "close":
                    open_at, open_len = m.start(), len(m.group())
                continue
            if kind == "open" and m.group() == "“":
                open_at, open_len = m.start(), len(m.group())
                continue
            quotes.append(
                _quote(open_at, open_len, m.end(), len(m.group()), True, first, quotes, para)
            )
            first = False
            open_at = None
        if open_at is not None:
            end = para.end
            while end > open_at + open_len and text[end - 1].isspace():
                end -= 1
            quotes.append(_quote(open_at, open_len, end, 0, False, first, quotes, para))
    return quotes


def _quote(
    start: int,
    open_len: int,
    end: int,
    close_len: int,
    closed: bool,
    first: bool,
    previous: list[Quote],
    para: Span,
) -> Quote:
    continues = bool(first and previous and not previous[-1].closed and start == para.start)
    return Quote(start, end, start + open_len, end - close_len, closed, continues)


class QuoteIndex:
    """Look up the quote covering a character offset."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self._starts = [q.start for q in quotes]

    def at(self, offset: int) -> Quote | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.quotes[i].inner_start <= offset < self.quotes[i].inner_end:
            return self.quotes[i]
        return None

    def starting_near(self, offset: int, text: str, *, skip: str = " ,:\n") -> Quote | None:
        """The quote whose opening mark comes right after ``offset`` (only ``skip`` between)."""
        i = bisect.bisect_left(self._starts, offset)
        if i < len(self.quotes) and not text[offset : self.quotes[i].start].strip(skip):
            return self.quotes[i]
        return None

    def ending_near(self, offset: int, text: str, *, skip: str = " ,") -> Quote | None:
        """The quote whose closing mark comes right before ``offset`` (only ``skip`` between)
        and that does not close its sentence with a period ("“…,” she said", not "“….” She")."""
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0 and self.quotes[i].end > offset:
            i -= 1
        if i < 0 or text[self.quotes[i].end : offset].strip(skip):
            return None
        quote = self.quotes[i]
        inner = text[quote.inner_start : quote.inner_end].rstrip()
        if inner.endswith(".") and not inner.endswith(".."):
            return None
        return quote

    def following(self, quote: Quote) -> Quote | None:
        i = self.quotes.index(quote)
        return self.quotes[i + 1] if i + 1 < len(self.quotes) else None

    def between(self, start: int, end: int) -> list[Quote]:
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.quotes) and self.quotes[i].start < end:
            out.append(self.quotes[i])
            i += 1
        return out
