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
# the closing quotes and brackets after the mark (group 1) stay with the sentence they close
_SENT_END = re.compile(r"(?<=[.!?])([\"'\u201d)]*)\s+(?=[\"'\u201c(`]*[A-Z0-9])")
_MIN_CHARS = 12


def _words(line: str) -> frozenset[str]:
    return frozenset(line.split())


# A period after one of these is never a sentence end: a title stands before a name.
_TITLES = _words(
    "Mr Mrs Ms Messrs Dr Gov Govs Sen Sens Rep Reps Gen Lt Col Sgt Capt Cmdr Adm Maj Cpl Pvt "
    "Prof Rev Hon Pres Atty Supt Det Insp Mt Ft vs v"
)
# ... nor after these when a number follows: "Jan. 6", "Sept. 11", "No. 2", "Vol. 3".
_BEFORE_NUMBER = _words(
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No Nos Art Vol Fig Sec Ch Pt p pp"
)
# These may end a sentence ("... sold to Apple Inc.", "... back in the U.S."), and so may an
# initial ("Plan B.") or an acronym with inner periods ("U.S.", "a.m."): the period ends one only
# when a common sentence opener follows ("Apple Inc. The company" but "Apple Inc. Chief Executive").
_MAY_END = _words(
    "Inc Corp Co Ltd Bros Jr Sr St Ave Blvd Rd Dept Univ Assn etc approx est "
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo "
    "Mont Neb Nev Okla Ore Pa Tenn Vt Va Wash Wis Wyo"
)
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
_OPENERS = _words(
    "The A An This That These Those There Then Thus It Its He She They We I You His Her Their "
    "Our My Your In On At By For From With Without Of To As After Before During Since Until When "
    "While Where What Who Why How If But And Or So Yet Also However Meanwhile Still Now Some "
    "Many Most All Both Each Other Others One Another No Not Such Last Earlier Later"
)
_NEXT_WORD = re.compile(r"[\"'\u201c(`]*(\w*)")


def _abbreviation_ends_here(text: str, dot: int, nxt: int) -> bool:
    """False when the period at ``dot`` closes an abbreviation that runs on into ``nxt``."""
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot]
    if not word:
        return True
    following = _NEXT_WORD.match(text, nxt)
    after = following.group(1) if following else ""
    if word in _TITLES:
        return False
    if word in _BEFORE_NUMBER and after[:1].isdigit():
        return False
    if word in _MAY_END or (_ACRONYM.fullmatch(word) and (len(word) == 1 or "." in word)):
        return after in _OPENERS
    return True


def period_ends_sentence(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` may end a sentence: not after "Mr." or "Sen." before a
    name, nor "Jan." before a number (see ``_abbreviation_ends_here``)."""
    nxt = dot + 1
    while nxt < len(text) and not text[nxt].isspace():
        nxt += 1  # a closing quotation mark or bracket
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    return _abbreviation_ends_here(text, dot, nxt)


def split_light(text: str) -> list[tuple[int, int]]:
    """Sentence spans without a parser: line breaks first, then sentence-final punctuation.

    A period after a title ("Gov.", "Sen.", "Dr."), after a month or "No." before a number, and
    after "Inc.", "Jr.", an initial or "U.S." unless a common sentence opener follows, does not
    end a sentence (see ``_abbreviation_ends_here``).
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        cut = start
        for m in _SENT_END.finditer(text, start, end):
            dot = m.start() - 1
            at_dot = text[dot] == "." and not m.group(1)
            if at_dot and not _abbreviation_ends_here(text, dot, m.end()):
                continue
            spans.append((cut, m.end(1)))
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
