"""Incremental story clustering: each new article joins the most similar story or starts one.

An article becomes a vector of features from :mod:`newsbrief.stories.features` (words,
entity-like names, years, dates, numbers), weighted by TF-IDF with document frequencies that
grow with every article seen. A story keeps a centroid: the sum of its articles' normalized
term-frequency vectors, pruned to its strongest terms; IDF is applied when comparing, so old
stories are judged with today's statistics.

Cost per article stays flat as the archive grows: the article's top terms look up an inverted
index that maps a term to the stories having it among their top centroid terms, each list
capped to the most recently updated stories. Only those candidates are scored in full (cosine,
times a time decay when both sides are dated); the best one wins if it clears the threshold.

Persistence, so story ids stay stable across restarts::

    assigner = StoryAssigner()
    sid = assigner.assign(article_id, text, title, published)   # sid == "s" + 16 hex digits
    for sid in assigner.changed_stories():       # stories touched since the last call
        archive_row[sid] = assigner.story_state(sid)    # a JSON-serializable dict
    archive_stats = assigner.stats_state()       # document frequencies + counters (dict)

    later = StoryAssigner()
    later.load_stats(archive_stats)
    later.load_stories(archive_row.values())     # any order
    # ``later`` now assigns exactly as ``assigner`` would have.

``export_state()`` / ``StoryAssigner.from_state()`` bundle the two in one dict. A story id is
derived from the id of the article that opened it, so it never changes and never collides
across processes. ``assign`` must be called once per article: the archive dedupes first.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from newsbrief.errors import StoreError
from newsbrief.stories.features import Features, FeatureWeights, extract_features

STATE_VERSION = 1
CHANNELS = ("words", "entities", "numbers")
_DAY = 86400.0


@dataclass(frozen=True)
class ClusterSettings:
    """Knobs of the assigner; the defaults were chosen on the ECB+ dev split."""

    threshold: float = 0.2  # a story of one article is joined at this similarity
    size_slope: float = 0.05  # a story of n articles needs threshold + size_slope * ln(n)
    size_cap: int = 20  # n stops raising the bar here
    merge_threshold: float | None = None  # merge two stories at this average link
    merge_min_size: int = 2
    linkage: str = "average"
    channel_weights: tuple[float, float, float] = (1.0, 1.0, 1.0)  # words, entities, numbers
    query_terms: int = 24  # top article terms used to look up candidates
    index_terms: int = 24  # top centroid terms under which a story is indexed
    max_postings: int = 64  # stories kept per indexed term, most recently updated first
    max_candidates: int = 16  # stories scored in full per article
    centroid_terms: int = 150  # terms kept per story centroid and channel
    decay_grace_days: float = 3.0  # no penalty within this many days of the story's span
    decay_days: float = 10.0  # then the similarity decays as exp(-days / decay_days)
    max_vocab: int = 2_000_000  # document-frequency entries before singletons are dropped
    weights: FeatureWeights = field(default_factory=FeatureWeights)


Channels = tuple[dict[str, float], dict[str, float], dict[str, float]]


@dataclass
class _Story:
    id: str
    centroid: Channels  # per channel: the sum of the articles' unit-length TF vectors
    n: int = 0
    first: float | None = None
    last: float | None = None
    seq: int = 0  # update counter value at the last change (recency in the index)
    created: int = 0  # update counter value when the story was opened
    norms: tuple[float, ...] = (1.0, 1.0, 1.0)
    norm_docs: int = 0
    norm_seq: int = -1


@dataclass
class _Article:
    vecs: Channels  # per channel: unit-length TF-IDF
    idf: dict[str, float]
    ts: float | None


def _empty() -> Channels:
    return {}, {}, {}


def _timestamp(published: datetime | None) -> float | None:
    if published is None:
        return None
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return published.timestamp()


def _widen(story: _Story, first: float | None, last: float | None) -> None:
    if first is not None:
        story.first = first if story.first is None else min(story.first, first)
    if last is not None:
        story.last = last if story.last is None else max(story.last, last)


def _unit(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else vec


def story_id_for(article_id: str) -> str:
    """The id of a story opened by ``article_id``."""
    return "s" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:16]


class StoryAssigner:
    """Assigns articles, one at a time, to story threads. See the module docstring."""

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        self.n_docs = 0
        self.seq = 0
        self.df: dict[str, int] = {}
        self.stories: dict[str, _Story] = {}
        self._postings: dict[str, dict[str, None]] = {}
        self._changed: set[str] = set()
        self.aliases: dict[str, str] = {}  # merged story id -> the story that absorbed it
        self._merged: list[tuple[str, str]] = []

    # ---- assignment -------------------------------------------------------------------------

    def assign(
        self, article_id: str, text: str, title: str | None, published: datetime | None
    ) -> str:
        """Put the article in a story and return that story's id."""
        feats = extract_features(text, title, weights=self.settings.weights)
        self._count_document(feats)
        article = self._article(feats, published)
        best = self._best_story(article)
        if best is None:
            best = _Story(story_id_for(article_id), _empty(), created=self.seq + 1)
            self.stories[best.id] = best
        self._add_to_story(best, article)
        return self._merge_neighbour(best).id

    def resolve(self, story_id: str) -> str:
        """The live story an id stands for: itself, or the story that absorbed it."""
        while story_id in self.aliases:
            story_id = self.aliases[story_id]
        return story_id

    def similarity(
        self, story_id: str, text: str, title: str | None = None, published: datetime | None = None
    ) -> float:
        """How similar an article (not added) is to a story, with today's statistics."""
        feats = extract_features(text, title, weights=self.settings.weights)
        article = self._article(feats, published)
        story = self.stories[story_id]
        return self._score(article, story) * self._decay(story, article.ts)

    def _count_document(self, feats: Features) -> None:
        df = self.df
        for channel in feats.channels:
            for term in channel:
                df[term] = df.get(term, 0) + 1
        self.n_docs += 1
        if len(df) > self.settings.max_vocab:
            self.df = {t: c for t, c in df.items() if c > 1}

    def _idf(self, term: str) -> float:
        return math.log((self.n_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def _article(self, feats: Features, published: datetime | None) -> _Article:
        idf: dict[str, float] = {}
        vecs = []
        for channel in feats.channels:
            for t in channel:
                idf[t] = self._idf(t)
            vecs.append(_unit({t: w * idf[t] for t, w in channel.items()}))
        return _Article((vecs[0], vecs[1], vecs[2]), idf, _timestamp(published))

    def _candidates(self, article: _Article) -> list[_Story]:
        s = self.settings
        merged = {t: v for vec in article.vecs for t, v in vec.items()}
        votes: dict[str, float] = {}
        for term in heapq.nlargest(s.query_terms, merged, key=merged.__getitem__):
            posting = self._postings.get(term)
            if posting:
                w = merged[term]
                for sid in posting:
                    votes[sid] = votes.get(sid, 0.0) + w
        top = heapq.nlargest(s.max_candidates, votes, key=votes.__getitem__)
        return [self.stories[sid] for sid in top if sid in self.stories]

    def _story_candidates(self, story: _Story) -> list[_Story]:
        s = self.settings
        idf = self._idf
        weighted = {t: w * idf(t) for c in story.centroid for t, w in c.items()}
        votes: dict[str, float] = {}
        for term in heapq.nlargest(s.query_terms, weighted, key=weighted.__getitem__):
            for sid in self._postings.get(term, ()):
                if sid != story.id:
                    votes[sid] = votes.get(sid, 0.0) + weighted[term]
        top = heapq.nlargest(s.max_candidates, votes, key=votes.__getitem__)
        return [self.stories[sid] for sid in top if sid in self.stories]

    def _pair_score(self, a: _Story, b: _Story) -> float:
        """Average link between two stories: mean channel-mixed cosine over article pairs."""
        idf = self._idf
        total = weight = 0.0
        for i, (ca, cb, w) in enumerate(
            zip(a.centroid, b.centroid, self.settings.channel_weights, strict=True)
        ):
            if i == 2 and not (ca and cb):
                continue
            if len(cb) < len(ca):
                ca, cb = cb, ca
            dot = 0.0
            for t, v in ca.items():
                u = cb.get(t)
                if u is not None:
                    dot += v * u * idf(t) ** 2
            total += w * dot
            weight += w
        return self._gap_decay(a, b.first, b.last) * total / (weight * a.n * b.n) if weight else 0.0

    def _merge_neighbour(self, story: _Story) -> _Story:
        """Merge ``story`` with its most similar neighbour if their average link clears
        ``merge_threshold``; the older story survives. Returns the surviving story."""
        bar = self.settings.merge_threshold
        if bar is None:
            return story
        best: _Story | None = None
        best_score = bar
        if story.n < self.settings.merge_min_size:
            return story
        for other in self._story_candidates(story):
            if other.n < self.settings.merge_min_size:
                continue
            score = self._pair_score(story, other)
            if score >= best_score:
                best, best_score = other, score
        if best is None:
            return story
        keep, gone = (best, story) if best.created < story.created else (story, best)
        self._absorb(keep, gone)
        return keep

    def _absorb(self, keep: _Story, gone: _Story) -> None:
        for term in self._top_terms(gone):
            self._postings.get(term, {}).pop(gone.id, None)
        for ck, cg in zip(keep.centroid, gone.centroid, strict=True):
            for t, v in cg.items():
                ck[t] = ck.get(t, 0.0) + v
        keep.n += gone.n
        _widen(keep, gone.first, gone.last)
        self._prune(keep)
        del self.stories[gone.id]
        self.aliases[gone.id] = keep.id
        self._merged.append((gone.id, keep.id))
        self._touch(keep)
        self._changed.add(gone.id)

    def _best_story(self, article: _Article) -> _Story | None:
        """The candidate with the highest margin over its bar, if any clears it."""
        s = self.settings
        best: _Story | None = None
        best_margin = 0.0
        for story in self._candidates(article):
            score = self._score(article, story) * self._decay(story, article.ts)
            bar = s.threshold + s.size_slope * math.log(min(story.n, s.size_cap))
            if score - bar >= best_margin:
                best, best_margin = story, score - bar
        return best

    def _score(self, article: _Article, story: _Story) -> float:
        """Average-link similarity: the mean over the story's articles of the channel cosines,
        mixed by channel weight; the number channel counts only when both sides have numbers."""
        idf = article.idf
        total = weight = 0.0
        for i, (vec, cent, w) in enumerate(
            zip(article.vecs, story.centroid, self.settings.channel_weights, strict=True)
        ):
            if i == 2 and not (vec and cent):
                continue
            dot = 0.0
            for t, v in vec.items():
                c = cent.get(t)
                if c is not None:
                    dot += v * c * idf[t]
            if self.settings.linkage == "centroid":
                dot /= self._norm(story, i)
            else:
                dot /= story.n
            total += w * dot
            weight += w
        return total / weight if weight else 0.0

    def _norm(self, story: _Story, channel: int) -> float:
        if story.norm_docs * 1.1 < self.n_docs or story.norm_seq != story.seq:
            idf = self._idf
            story.norms = tuple(
                math.sqrt(sum((w * idf(t)) ** 2 for t, w in c.items())) or 1.0
                for c in story.centroid
            )
            story.norm_docs, story.norm_seq = self.n_docs, story.seq
        return story.norms[channel]

    def _decay(self, story: _Story, ts: float | None) -> float:
        return self._gap_decay(story, ts, ts)

    def _gap_decay(self, story: _Story, first: float | None, last: float | None) -> float:
        """1 when either side is undated or the time spans are close, then decaying."""
        if first is None or last is None or story.first is None or story.last is None:
            return 1.0
        gap = max(story.first - last, first - story.last, 0.0) / _DAY
        over = gap - self.settings.decay_grace_days
        return math.exp(-over / self.settings.decay_days) if over > 0 else 1.0

    # ---- story update and index -------------------------------------------------------------

    def _add_to_story(self, story: _Story, article: _Article) -> None:
        """Add the article's unit TF-IDF vectors to the story, stored without IDF (``v / idf``)
        so that comparisons use the IDF of their day."""
        for vec, c in zip(article.vecs, story.centroid, strict=True):
            for t, v in vec.items():
                c[t] = c.get(t, 0.0) + v / article.idf[t]
        story.n += 1
        _widen(story, article.ts, article.ts)
        self._prune(story)
        self._touch(story)

    def _prune(self, story: _Story) -> None:
        keep = self.settings.centroid_terms
        idf = self._idf
        for c in story.centroid:
            if len(c) > keep:
                top = heapq.nlargest(keep, c.items(), key=lambda kv: kv[1] * idf(kv[0]))
                c.clear()
                c.update(top)

    def _touch(self, story: _Story) -> None:
        self.seq += 1
        story.seq = self.seq
        self._index(story)
        self._changed.add(story.id)

    def _top_terms(self, story: _Story) -> list[str]:
        idf = self._idf
        weighted = {t: w * idf(t) for c in story.centroid for t, w in c.items()}
        return heapq.nlargest(self.settings.index_terms, weighted, key=weighted.__getitem__)

    def _index(self, story: _Story) -> None:
        s = self.settings
        for term in self._top_terms(story):
            posting = self._postings.setdefault(term, {})
            posting.pop(story.id, None)
            posting[story.id] = None
            if len(posting) > s.max_postings:
                del posting[next(iter(posting))]

    # ---- persistence ------------------------------------------------------------------------

    def changed_stories(self) -> list[str]:
        """Ids of the stories created or updated since the last call (then forgotten)."""
        changed = sorted(self._changed)
        self._changed.clear()
        return changed

    def story_state(self, story_id: str) -> dict[str, Any]:
        """One story's state as a JSON-serializable dict (see :meth:`load_stories`)."""
        st = self.stories[story_id]
        return {
            "version": STATE_VERSION,
            "id": st.id,
            "n": st.n,
            "first": st.first,
            "last": st.last,
            "seq": st.seq,
            "centroid": {name: dict(c) for name, c in zip(CHANNELS, st.centroid, strict=True)},
        }

    def load_stories(self, states: Iterable[dict[str, Any]]) -> None:
        """Restore stories saved with :meth:`story_state`, in any order, and rebuild the index."""
        loaded = [_story_from_state(state) for state in states]
        for story in sorted(loaded, key=lambda st: st.seq):
            self.stories[story.id] = story
            self.seq = max(self.seq, story.seq)
            self._index(story)

    def stats_state(self) -> dict[str, Any]:
        """The global statistics (document count, document frequencies) as a JSON-able dict."""
        return {"version": STATE_VERSION, "n_docs": self.n_docs, "seq": self.seq, "df": self.df}

    def load_stats(self, state: dict[str, Any]) -> None:
        """Restore what :meth:`stats_state` returned. Call it before :meth:`load_stories`."""
        _check_version(state)
        self.n_docs = int(state["n_docs"])
        self.seq = max(self.seq, int(state["seq"]))
        self.df = {str(t): int(c) for t, c in state["df"].items()}

    def export_state(self) -> dict[str, Any]:
        """Everything in one JSON-serializable dict."""
        stories = [self.story_state(sid) for sid in self.stories]
        return {"version": STATE_VERSION, "stats": self.stats_state(), "stories": stories}

    @classmethod
    def from_state(
        cls, state: dict[str, Any], settings: ClusterSettings | None = None
    ) -> StoryAssigner:
        """An assigner that continues where the exported one stopped."""
        _check_version(state)
        assigner = cls(settings)
        assigner.load_stats(state["stats"])
        assigner.load_stories(state["stories"])
        return assigner


def _check_version(state: dict[str, Any]) -> None:
    if state.get("version") != STATE_VERSION:
        raise StoreError(f"unsupported story state version: {state.get('version')!r}")


def _channels(state: dict[str, dict[str, float]]) -> Channels:
    c = [{str(t): float(w) for t, w in state.get(name, {}).items()} for name in CHANNELS]
    return c[0], c[1], c[2]


def _story_from_state(state: dict[str, Any]) -> _Story:
    _check_version(state)
    return _Story(
        id=str(state["id"]),
        centroid=_channels(state["centroid"]),
        n=int(state["n"]),
        first=None if state["first"] is None else float(state["first"]),
        last=None if state["last"] is None else float(state["last"]),
        seq=int(state["seq"]),
    )
