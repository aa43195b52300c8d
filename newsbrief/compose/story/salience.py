"""Cross-source salience: the facts of a story many outlets carry, each credited to all of them.

Every article's sentences are first scored as the single-article summary scores them (position,
centrality in the article, role, penalties for quotes and dangling openers). Across articles a
sentence then earns support from every *other* outlet (and, less, every other article) that carries
a sentence close to it (TF-IDF cosine), so a fact told by three outlets outranks one told by one,
and earns cover from the other articles' wording: the share of the other articles that use each of
its content words, averaged over its words (what several outlets say in their own words).
Both terms are averages, blind to how much a sentence tells: a fuller sentence earns a little for
each word up to ``LONG_WORDS`` (a column's bare claim, "President Trump doesn't understand that the
trade deficit is not an accounts payable …", ranks below the lead that gives the record, the year
and the cause).
Picks are greedy with cross-article redundancy removed; each pick becomes a ``Fact`` that lists the
matching sentence of every other article carrying it (near duplicates merged, credited to each).

Cost stays linear in the number of articles: each article offers its best ``PER_ARTICLE``
candidates, at most ``POOL`` of them are scored for support, and support is looked up through an
inverted index over all offered sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsbrief.compose.story.dates import SentenceRef
from newsbrief.compose.story.form import (
    LONG_WORDS,
    claim,
    cut_off,
    form_penalty,
    quote_fragment,
    summary_penalty,
    unfit,
)
from newsbrief.compose.story.vectors import TfIdf
from newsbrief.compose.summary import Candidate, summary_candidates
from newsbrief.compose.trim import content_words, overlap
from newsbrief.models import Analysis
from newsbrief.stories.features import words

__all__ = ["Fact", "exclusive_facts", "offer_sentences", "salient_facts"]

PER_ARTICLE = 8
POOL = 600
SUPPORT_MIN = 0.22  # cosine at which another article is taken to carry the same fact
SAME_FACT = 0.38  # cosine at which two sentences are merged as one fact
OUTLET_WEIGHT = 0.45  # score per other outlet carrying the fact (scaled by similarity)
ARTICLE_WEIGHT = 0.08  # score per other article carrying it
CENTROID_WEIGHT = 0.6
REDUNDANT = 0.45  # word overlap with a pick already made
REDUNDANT_COS = 0.35
FORM_WEIGHT = 1.5
WITHIN_WEIGHT = 1.0
COVER_WEIGHT = 1.0  # the other articles' use of the sentence's words (NeuS dev R-1 0.396 → 0.401)
WORD_WEIGHT = 0.005  # per word up to LONG_WORDS: a fuller sentence tells more (R-1 0.441 → 0.444)


@dataclass(frozen=True)
class Fact:
    """One fact of the story: its best sentence first, then the same fact in other articles."""

    ref: SentenceRef
    start: int
    end: int
    score: float
    also: tuple[SentenceRef, ...] = ()
    row: int = -1  # the sentence's row in the story's vectors

    @property
    def refs(self) -> tuple[SentenceRef, ...]:
        return (self.ref, *self.also)


@dataclass(frozen=True)
class _Offer:
    article: int
    cand: Candidate
    row: int
    within: float  # the single-article score, scaled so the article's best is 1


def _outlet(a: Analysis, i: int) -> str:
    return a.article.outlet or f"#{i}"


def offer_sentences(analyses: Sequence[Analysis]) -> tuple[list[_Offer], TfIdf]:
    """Each article's best ``PER_ARTICLE`` candidate sentences, and their vectors."""
    offers: list[_Offer] = []
    texts: list[str] = []
    for i, a in enumerate(analyses):
        text = a.article.text
        mended = (_mended(text, _credited(text, c)) for c in summary_candidates(a))
        fit = [c for c in mended if _fit(text[c.start : c.end])]
        cands = sorted(fit, key=lambda c: -c.score)[:PER_ARTICLE]
        top = max((c.score for c in cands), default=1.0)
        for c in cands:
            # scores are comparable within an article only (a long text inflates its
            # centrality term): each article's best candidate counts 1
            offers.append(_Offer(i, c, len(texts), c.score / top if top > 0 else 0.0))
            texts.append(a.article.text[c.start : c.end])
    return offers, TfIdf(texts)


def _fit(text: str) -> bool:
    """A sentence that can stand as a story-level fact: no page furniture, no cut quotation."""
    return not unfit(text) and not quote_fragment(text)


def _credited(text: str, cand: Candidate) -> Candidate:
    """The candidate with its trailing attribution ("…, the minister said.") given back when what
    it attributes is a claim, not a neutral fact: a forecast must not read as the story's own."""
    end = cand.sentence.end
    if cand.end >= end or not claim(text[cand.start : cand.end]):
        return cand
    shown = text[cand.start : end]
    return replace(cand, end=end, n_words=len(shown.split()), words=frozenset(content_words(shown)))


_MEND_WORDS = 8  # a sentence the source cut off keeps its first clause when it has this many


def _mended(text: str, cand: Candidate) -> Candidate:
    """A sentence the source cut off ("… has thrust the case into the debate on immigration
    policy, with", "…, but it is now") ends at its last complete clause (a comma, a semicolon
    or a dash before the cut), when that leaves ``_MEND_WORDS`` words; else it stays as it is
    (and :func:`~newsbrief.compose.story.form.unfit` leaves it out)."""
    shown = text[cand.start : cand.end]
    if not cut_off(shown):
        return cand
    stop = max(shown.rfind(", "), shown.rfind("; "), shown.rfind(" — "), shown.rfind(" – "))
    kept = shown[:stop].rstrip() if stop > 0 else ""
    if len(kept.split()) < _MEND_WORDS:
        return cand
    end = cand.start + len(kept)
    return replace(cand, end=end, n_words=len(kept.split()), words=frozenset(content_words(kept)))


Offers = tuple[list[_Offer], TfIdf]


def exclusive_facts(
    analyses: Sequence[Analysis],
    *,
    per_outlet: int = 2,
    tried: int = 10,
    offered: Offers | None = None,
) -> dict[str, list[Fact]]:
    """Per outlet, its most salient facts that no other outlet carries (in words alike, or
    by giving the same figure)."""
    offers, vectors = offered or offer_sentences(analyses)
    outlets = [_outlet(analyses[o.article], o.article) for o in offers]
    texts = [analyses[o.article].article.text[o.cand.start : o.cand.end] for o in offers]
    figures = [_figures(text) for text in texts]
    with_figures = [m for m, f in enumerate(figures) if f]
    by_outlet: dict[str, list[int]] = {}
    for j in sorted(range(len(offers)), key=lambda j: (-offers[j].within, j)):
        by_outlet.setdefault(outlets[j], []).append(j)
    out: dict[str, list[Fact]] = {}
    for outlet, rows in by_outlet.items():
        picks: list[Fact] = []
        for j in rows[:tried]:
            if form_penalty(texts[j]) > 0.3:
                continue
            near = vectors.neighbours(j, SAME_FACT)
            if any(outlets[m] != outlet for m in near):
                continue
            if figures[j] and any(
                outlets[m] != outlet and _same_figure(figures[j], figures[m]) for m in with_figures
            ):
                continue
            if any(vectors.sim(j, p.row) > REDUNDANT_COS for p in picks):
                continue
            picks.append(_fact(offers[j].within, j, near, offers))
            if len(picks) >= per_outlet:
                break
        out[outlet] = picks
    return out


def salient_facts(
    analyses: Sequence[Analysis],
    *,
    k: int,
    word_budget: int | None = None,
    min_picks: int = 2,
    offered: Offers | None = None,
) -> list[Fact]:
    """The ``k`` most salient facts across ``analyses`` (fewer once ``word_budget`` is spent and
    ``min_picks`` are picked);
    ``offered`` reuses the candidates ``offer_sentences`` made for the same analyses."""
    offers, vectors = offered or offer_sentences(analyses)
    if not offers:
        return []
    vectors_text = [analyses[o.article].article.text[o.cand.start : o.cand.end] for o in offers]
    outlets = [_outlet(analyses[o.article], o.article) for o in offers]
    centre = vectors.to_centroid(range(len(offers)))
    cover = _cover(analyses, vectors_text)
    pool = sorted(range(len(offers)), key=lambda j: -(offers[j].within + centre[j]))[:POOL]
    scored: list[tuple[float, int, dict[int, float]]] = []
    for j in pool:
        near = vectors.neighbours(j, SUPPORT_MIN)
        best_outlet: dict[str, float] = {}
        best_article: dict[int, float] = {}
        for m, sim in near.items():
            art = offers[m].article
            if art == offers[j].article:
                continue
            best_article[art] = max(best_article.get(art, 0.0), sim)
            if outlets[m] != outlets[j]:
                best_outlet[outlets[m]] = max(best_outlet.get(outlets[m], 0.0), sim)
        support = OUTLET_WEIGHT * sum(min(1.0, s / 0.5) for s in best_outlet.values())
        support += ARTICLE_WEIGHT * sum(min(1.0, s / 0.5) for s in best_article.values())
        score = WITHIN_WEIGHT * offers[j].within + CENTROID_WEIGHT * centre[j] + support
        score += COVER_WEIGHT * cover[j]
        score += WORD_WEIGHT * min(offers[j].cand.n_words, LONG_WORDS)
        score -= FORM_WEIGHT * summary_penalty(vectors_text[j])
        scored.append((score, j, near))
    scored.sort(key=lambda t: (-t[0], t[1]))
    figures = [_figures(text) for text in vectors_text]
    return _pick(scored, offers, vectors, figures, k, word_budget, min_picks)


def _cover(analyses: Sequence[Analysis], texts: Sequence[str]) -> list[float]:
    """For each text (a sentence of one of ``analyses``), the mean over its content words of the
    share of the other articles using the word (0 for a story of one article)."""
    if len(analyses) < 2:
        return [0.0] * len(texts)
    df: Counter[str] = Counter()
    for a in analyses:
        df.update(set(words(a.article.text)))
    others = len(analyses) - 1
    out: list[float] = []
    for text in texts:
        ws = set(words(text))
        # the sentence's own article uses each of its words: leave that one out
        out.append(sum(max(0, df[w] - 1) for w in ws) / (len(ws) * others) if ws else 0.0)
    return out


def _pick(
    scored: list[tuple[float, int, dict[int, float]]],
    offers: list[_Offer],
    vectors: TfIdf,
    figures: list[tuple[_Figure, ...]],
    k: int,
    word_budget: int | None,
    min_picks: int,
) -> list[Fact]:
    chosen: list[tuple[float, int, dict[int, float]]] = []
    words = 0
    for item in scored:
        # the budget ends a summary of ``min_picks`` or more picks (by default never one long
        # sentence alone)
        spent = word_budget is not None and len(chosen) >= min_picks and words >= word_budget
        if len(chosen) >= k or spent:
            break
        _, j, _ = item
        cand = offers[j].cand
        if any(
            overlap(cand.words, offers[c].cand.words) > REDUNDANT
            or vectors.sim(j, c) > REDUNDANT_COS
            or _same_figure(figures[j], figures[c])
            for _, c, _ in chosen
        ):
            continue
        chosen.append(item)
        words += cand.n_words
    return [_fact(score, j, near, offers) for score, j, near in chosen]


# a figure with its unit: "$1.9 trillion", "20.5 million", "90%", "4.4 percent"
_FIGURE = re.compile(
    r"[$€£]\s?\d[\d,.]*\d(?:\s(?:million|billion|trillion)\b)?"
    r"|\d(?:[\d,.]*\d)?\s?(?:%|percent\b|(?:million|billion|trillion)\b)",
    re.I,
)
# words that make the figure after them a round one, by the side the true value lies on:
# "more than 80 percent" (81 percent), "nearly $500 billion" ($484 billion), "about 40%"
_HEDGES = (
    ("above", re.compile(r"\b(?:more\s+than|over|upwards?\s+of)\s+$", re.I)),
    ("below", re.compile(r"\b(?:nearly|almost|close\s+to|less\s+than|under)\s+$", re.I)),
    ("about", re.compile(r"\b(?:about|around|roughly|approximately|some)\s+$", re.I)),
)
ROUNDED = 0.05  # a round figure this close to another (relative) may stand for it
ROUND_UNHEDGED = 0.01  # as close as this, a round number stands for another without a hedge


@dataclass(frozen=True)
class _Figure:
    """A figure as compared: its words, and its value, unit and hedge for a round one."""

    text: str  # "$484 billion", "90%"
    value: float
    unit: str  # the currency and scale, or "%"
    hedge: str | None  # "above", "below", "about"

    def same(self, other: _Figure) -> bool:
        """The same figure, or one outlet's round figure for another's exact one ("nearly
        $500 billion" and "$484 billion"; not "more than 4.4 million" and "4.25 million")."""
        if self.text == other.text:
            return True
        if self.unit != other.unit:
            return False
        large = max(abs(self.value), abs(other.value))
        gap = abs(self.value - other.value)
        if not (self.hedge or other.hedge):
            # "$350 billion" for "$349 billion": a round number that close needs no hedge
            round_one = any(v.is_integer() and v % 10 == 0 for v in (self.value, other.value))
            return round_one and large > 0 and gap <= ROUND_UNHEDGED * large
        if not large or gap > ROUNDED * large:
            return False
        if self.hedge and other.hedge:
            return True
        rounded, exact = (self, other) if self.hedge else (other, self)
        if rounded.hedge == "above":
            return exact.value >= rounded.value
        if rounded.hedge == "below":
            return exact.value <= rounded.value
        return True


def _figures(text: str) -> tuple[_Figure, ...]:
    """The sentence's figures with their units. Two picks that give the same one ("more than
    90% effective", "has proved to be more than 90% effective"), or a round figure for the
    other's exact one, are two outlets' words for one fact, however differently they are
    worded around it."""
    out: list[_Figure] = []
    for m in _FIGURE.finditer(text):
        words = " ".join(m.group().lower().replace("percent", "%").replace("% ", "%").split())
        words = words.replace(" %", "%")
        number = re.search(r"\d[\d,.]*", words)
        try:
            value = float(number.group().rstrip(".,").replace(",", "")) if number else 0.0
        except ValueError:
            value = 0.0
        unit = re.sub(r"[\d,.\s]+", " ", words).strip()
        before = text[: m.start()]
        hedge = next((side for side, words_ in _HEDGES if words_.search(before)), None)
        out.append(_Figure(words, value, unit, hedge))
    return tuple(out)


def _same_figure(a: tuple[_Figure, ...], b: tuple[_Figure, ...]) -> bool:
    return any(x.same(y) for x in a for y in b)


def _fact(score: float, j: int, near: dict[int, float], offers: list[_Offer]) -> Fact:
    own = offers[j]
    best: dict[int, tuple[float, int]] = {}
    for m, sim in near.items():
        art = offers[m].article
        if art != own.article and sim >= SAME_FACT and sim > best.get(art, (0.0, -1))[0]:
            best[art] = (sim, m)
    also = tuple(
        SentenceRef(offers[m].article, offers[m].cand.sentence.index)
        for _, m in sorted(best.values(), key=lambda t: (-t[0], t[1]))
    )
    return Fact(
        ref=SentenceRef(own.article, own.cand.sentence.index),
        start=own.cand.start,
        end=own.cand.end,
        score=score,
        also=also,
        row=j,
    )
