"""A fast partial analysis: sentences and day-level time expressions only.

For long-running stories of hundreds of articles (timeline evaluation, story briefs over a big
archive) the full pipeline costs seconds per article. This path splits sentences without the
parser (on line breaks when the text is one sentence per line, else on sentence-final punctuation),
parses only the sentences that carry a day-level date anchor (a month name, a weekday, "today",
"yesterday", a numeric date) and runs the project's own timex grammar on each of those, against the
article's publication date. What comes back is an ordinary ``Analysis`` with ``sentences`` and
``timexes`` filled in (no actors, attributions or events), so that composing code treats both
kinds alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from newsbrief.analyze.nlp import parse_many
from newsbrief.analyze.time import find_timexes
from newsbrief.models import Analysis, Article, Sentence, TimeExpr

__all__ = ["DAY_ANCHOR", "light_analyze_many", "split_light"]

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
DAY_ANCHOR = re.compile(
    rf"\b(?:{_MONTHS}|{_DAYS}|today|tonight|yesterday|tomorrow|overnight|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})\b",
    re.I,
)
_SENT_END = re.compile(r"(?<=[.!?])[\"'\u201d)]*\s+(?=[\"'\u201c(`]*[A-Z0-9])")
_MIN_CHARS = 12


def split_light(text: str) -> list[tuple[int, int]]:
    """Sentence spans without a parser: line breaks first, then sentence-final punctuation."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        cut = start
        for m in _SENT_END.finditer(text, start, end):
            spans.append((cut, m.start()))
            cut = m.end()
        spans.append((cut, end))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        piece = text[s:e]
        lead = len(piece) - len(piece.lstrip())
        stripped = piece.strip()
        if len(stripped) >= _MIN_CHARS or (stripped and not out):
            out.append((s + lead, s + lead + len(stripped)))
        elif stripped and out:  # a fragment too short to stand alone joins the sentence before
            out[-1] = (out[-1][0], s + lead + len(stripped))
    return out


def light_analyze_many(articles: Iterable[Article], *, batch_size: int = 64) -> Iterator[Analysis]:
    """Sentences and timexes for each article; only sentences with a date anchor are parsed."""
    for article in articles:
        yield _light(article, batch_size)


def _light(article: Article, batch_size: int) -> Analysis:
    text = article.text
    sentences = [
        Sentence(index=i, start=s, end=e, text=text[s:e], paragraph=0)
        for i, (s, e) in enumerate(split_light(text))
    ]
    dated = [s for s in sentences if DAY_ANCHOR.search(s.text)]
    timexes: list[TimeExpr] = []
    docs = parse_many((s.text for s in dated), batch_size=batch_size)
    for sent, doc in zip(dated, docs, strict=True):
        local = [Sentence(index=0, start=0, end=len(sent.text), text=sent.text, paragraph=0)]
        for t in find_timexes(doc, article.published, local):
            timexes.append(
                t.model_copy(
                    update={
                        "start": t.start + sent.start,
                        "end": t.end + sent.start,
                        "sentence_index": sent.index,
                    }
                )
            )
    return Analysis(article=article, sentences=tuple(sentences), timexes=tuple(timexes))
