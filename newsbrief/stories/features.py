"""Cheap story-clustering features from raw article text (no parse: a few regex passes).

Features fall in three channels (words, entities, numbers), each compared on its own, and
every feature gets the sublinear weight ``1 + ln(count)``:

    word        lowercased content word, stopwords dropped, plurals stripped ("strikes" → "strike")
    e:<name>    entity-like token: a run of capitalized words ("e:betty ford center"), the run's
                last word too ("e:ford"), and single capitalized words not at a sentence start
    y:<year>    a year 1900–2099: events of one topic years apart differ here
    d:<mon dd>  a month-day date ("d:jun 13", from "June 13" or "13 June"), at half weight: a
                week's unrelated news shares a few dates
    n:<number>  another number of two or more digits (ages, tolls, sums), or a code mixing
                letters and digits ("n:ie11", "n:12th", "n:88-72"); clock times are skipped

The title and the lead (the first few hundred characters: news puts the event first) count
extra. Entities, years, dates and numbers are what separate two events of the same topic (two rehab
stays, two earthquakes), so each has its own channel, weighing as much as all the words.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsbrief.models import Article

_STOPWORD_TEXT = """a about above across after afterwards again against all almost alone along
    already also
    although always am among amongst an and another any anyhow anyone anything anyway anywhere are
    around as at back be became because become becomes been before beforehand behind being below
    beside besides between beyond both but by can cannot could did do does doing done down during
    each either else elsewhere enough even ever every everyone everything everywhere except few
    first for former formerly from further get gets got had has have having he her here hereafter
    hers herself him himself his how however i if in indeed into is it its itself just last later
    least less many may me meanwhile might mine more moreover most mostly much must my myself
    namely neither never nevertheless new next no nobody none nor not nothing now nowhere of off
    often on once one only onto or other others otherwise our ours ourselves out over own per
    perhaps please put rather re said same say says see seem seemed seeming seems several she
    should since so some somehow someone something sometime sometimes somewhere still such than
    that the their theirs them themselves then thence there thereafter thereby therefore therein
    thereupon these they this those though through throughout thus to together too toward towards
    under until up upon us very via was we well were what whatever when whence whenever where
    whereas whereby wherein whether which while who whoever whole whom whose why will with within
    without would yet you your yours yourself yourselves mr mrs ms dr told according also two three
    four five six seven eight nine ten monday tuesday wednesday thursday friday saturday sunday
    today yesterday tomorrow week year years month months day days time news report reports
    reported reuters ap afp percent like made make including"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
MONTHS = {
    "jan": "jan", "january": "jan", "feb": "feb", "february": "feb", "mar": "mar", "march": "mar",
    "apr": "apr", "april": "apr", "may": "may", "jun": "jun", "june": "jun", "jul": "jul",
    "july": "jul", "aug": "aug", "august": "aug", "sep": "sep", "sept": "sep",
    "september": "sep", "oct": "oct", "october": "oct", "nov": "nov", "november": "nov",
    "dec": "dec", "december": "dec",
}  # fmt: skip

_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]")
_CAP = r"[A-Z][A-Za-z'’&-]*(?:\.[A-Z]\.?)?"
_CAP_RUN = re.compile(rf"{_CAP}(?:[ \t]+(?:of[ \t]+|de[ \t]+)?{_CAP})*")
_MONTH = (
    r"(?P<{}>Jan|January|Feb|February|Mar|March|Apr|April|May|Jun|June|Jul|July|Aug|August|"
    r"Sept?|September|Oct|October|Nov|November|Dec|December)\.?"
)
_NUMERIC = re.compile(
    r"(?<![\w.:])(?:"
    r"(?P<time>\d{1,2}\s?:\s?\d\d(?:\s?:\s?\d\d)?)"
    rf"|{_MONTH.format('m1')}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH.format('m2')}"
    r"|(?P<code>[A-Za-z]+\d[\w-]*|\d+[A-Za-z][\w-]*|\d+(?:-\d+)+)"
    r"|(?P<num>\d[\d,]*(?:\.\d+)?)"
    r")"
)
_SENTENCE_END = frozenset(".!?\"“”'`:\n")
_POSSESSIVE = ("'s", "’s")
_WORD_END = re.compile(r"\s")


@dataclass(frozen=True)
class FeatureWeights:
    """Relative weights inside the number channel, and how much a title occurrence counts."""

    year: float = 1.0
    date: float = 0.5  # a shared month-day is weak evidence (a week's news shares a few)
    number: float = 1.0
    title: float = 2.0  # a feature seen in the title counts this many times
    lead: float = 1.0  # a feature seen in the lead counts this many times more
    lead_chars: int = 300  # the lead: the text's first characters (to the end of a word)


@dataclass(frozen=True)
class Features:
    """One article's sublinear term frequencies, one dict per channel."""

    words: dict[str, float]
    entities: dict[str, float]
    numbers: dict[str, float]

    @property
    def channels(self) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
        return self.words, self.entities, self.numbers

    def interned(self) -> Features:
        """The same features, each term the process's one interned copy of its string.

        The assigner looks every term up many times an article, in dicts that grow with the
        archive (document frequencies, IDF, centroids, postings). A lookup with the very
        string object a dict holds is decided by identity; a fresh copy (a term just
        extracted, or unpickled from a worker) is compared character by character, which
        reads the stored key, usually from memory that is no longer in the CPU's cache."""
        intern = sys.intern
        return Features(*({intern(t): w for t, w in c.items()} for c in self.channels))


def _stem(word: str) -> str:
    if word.endswith(_POSSESSIVE):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Content words of ``text``: lowercased, stopwords and short words dropped, lightly stemmed."""
    out = []
    for w in _WORD.findall(text.lower()):
        if w not in STOPWORDS:
            s = _stem(w)
            if len(s) > 2 and s not in STOPWORDS:
                out.append(s)
    return out


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_END


def entities(text: str) -> list[str]:
    """Entity-like names: runs of capitalized words, their last word, lone capitalized words.

    A lone capitalized word at a sentence start counts only when the text also uses it as a
    name elsewhere ("Williams was stopped" after "Jamal Williams").
    """
    out: list[str] = []
    maybe: list[str] = []
    for m in _CAP_RUN.finditer(text):
        parts = [_stem_name(p) for p in m.group().split()]
        first = 0
        while first < len(parts) and parts[first] in STOPWORDS:
            first += 1
        parts = parts[first:]
        if not parts:
            continue
        if len(parts) > 1:
            out.append(" ".join(parts))
            if parts[-1] not in STOPWORDS:
                out.append(parts[-1])
            continue
        name = parts[0]
        if name in MONTHS or len(name) < 2:
            continue
        if first or not _sentence_start(text, m.start()):
            out.append(name)
        else:
            maybe.append(name)
    if maybe:
        known = set(out)
        out.extend(name for name in maybe if name in known)
    return out


def _stem_name(word: str) -> str:
    word = word.lower().rstrip(".")
    return word[:-2] if word.endswith(_POSSESSIVE) else word


def numbers(text: str) -> list[str]:
    """Year (``y:``), month-day (``d:``) and number or code (``n:``) features of ``text``.

    Clock times are skipped; codes keep letters and digits together ("n:ie11", "n:88-72",
    "n:12th"); plain numbers need two digits or more.
    """
    out = []
    for m in _NUMERIC.finditer(text):
        kind = m.lastgroup
        if kind == "num":
            digits = m.group(kind).replace(",", "")
            if len(digits) == 4 and digits[:2] in ("19", "20") and digits.isdigit():
                out.append("y:" + digits)
            elif len(digits) >= 2:
                out.append("n:" + digits)
        elif kind == "code":
            out.append("n:" + m.group(kind).lower())
        elif kind in ("d1", "m2"):  # the group that closed last: the day, or the month
            month = m.group("m1") or m.group("m2")
            day = m.group("d1") or m.group("d2")
            out.append(f"d:{MONTHS[month.lower()]} {int(day)}")
    return out


def term_counts(text: str) -> Counter[str]:
    """Raw counts of every feature of ``text``, entity features prefixed with ``e:``."""
    counts: Counter[str] = Counter(words(text))
    counts.update("e:" + e for e in entities(text))
    counts.update(numbers(text))
    return counts


def lead(text: str, chars: int) -> str:
    """The first ``chars`` characters of ``text``, extended to the end of the word."""
    if len(text) <= chars:
        return text
    m = _WORD_END.search(text, chars)
    return text[: m.start()] if m else text


def extract_features(
    text: str, title: str | None = None, *, weights: FeatureWeights = FeatureWeights()
) -> Features:
    """Sublinear term frequencies of one article, split into channels (IDF comes later).

    A feature seen ``c`` times (a title occurrence counts ``weights.title`` times, one in the
    lead ``1 + weights.lead`` times) gets ``1 + ln c``, times its kind weight in the number
    channel.
    """
    counts: dict[str, float] = dict(term_counts(text))
    extra = [(title, weights.title)] if title else []
    if weights.lead and weights.lead_chars:
        extra.append((lead(text, weights.lead_chars), weights.lead))
    for part, weight in extra:
        for term, n in term_counts(part).items():
            counts[term] = counts.get(term, 0.0) + n * weight
    kinds = {"y": weights.year, "d": weights.date, "n": weights.number}
    out = Features({}, {}, {})
    for term, c in counts.items():
        tf = 1.0 + math.log(c)
        if term[1:2] != ":":
            out.words[term] = tf
        elif term[0] == "e":
            out.entities[term] = tf
        else:
            out.numbers[term] = tf * kinds[term[0]]
    return out


# an article's features and the weights they were extracted under (an assigner with other
# weights extracts its own)
StoryFeatures = tuple[Features, FeatureWeights]


def story_features(article: Article, weights: FeatureWeights = FeatureWeights()) -> StoryFeatures:
    """The features the story assigner extracts from an article (its text and title), ready
    to be handed to it: a worker that loads an article extracts them too, off the process that
    threads it."""
    return extract_features(article.text, article.title, weights=weights), weights
