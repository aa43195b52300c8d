"""How alike an article and a story are: the term statistics and the similarity the story
assigner (:mod:`newsbrief.stories.cluster`) uses, apart from its membership state.

An article becomes three TF-IDF vectors from :mod:`newsbrief.stories.features` (words,
entity-like names, years/dates/numbers), with document frequencies that grow with every article
seen. A story keeps one centroid per channel: the sum of its articles' unit vectors, pruned to
its strongest terms and kept with the IDF divided out, so old stories are compared with
today's statistics. Similarity is the weighted mean of the channel cosines (the number channel
only counts when both sides have numbers), scaled down where the :class:`Evidence` gate finds
too little shared content or too few shared names, times a gentle time decay when both sides
are dated (none within a week of the story's span, then slowly over weeks). Terms no other
article has are left out of the cosines (they only dilute them), with the norm kept to at
least ``norm_floor`` of the full one so that in a small archive, where every term is rare, two
unrelated articles sharing a few words do not look alike.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from newsbrief.stories.features import Features, FeatureWeights
from newsbrief.stories.recluster import Evidence, combine_one
from newsbrief.stories.state import Channels, Story

_DAY = 86400.0


@dataclass(frozen=True)
class ClusterSettings:
    """Knobs of the assigner. ``link_threshold``, ``channel_weights``, ``min_df``,
    ``norm_floor``, ``confident`` and the lead weight were chosen on the ECB+ dev split;
    ``threshold`` hardly matters there, re-clustering decides.

    Precision first: ``pair_threshold``, ``small_story`` and ``pair_evidence`` (the close-match
    rule: an article joins a story of up to ``small_story`` articles only when one member
    scores ``pair_threshold`` with it under a gate that wants shared content words and shared
    names) and the half weight of month-day dates were chosen on the mixed stream
    (``newsbrief eval clustering --mixed``: ECB+ interleaved with 83 unrelated real web
    pages): false merges among the pages 12 -> 0 at seed 0 (0 for all five seeds; the pages
    alone: 9 -> 0), ECB+ B-cubed F1 0.930 at seed 0, 0.934 mean of five arrival orders.
    The index and window limits keep the cost per article flat (``bench/scale.py``)."""

    threshold: float = 0.22  # join the best story at this similarity (0..1)
    link_threshold: float = 0.22  # re-clustering merges groups at this average similarity
    pair_threshold: float = 0.4  # an article joins a small story only with a member this close
    small_story: int = 5  # ... under pair_evidence; stories of this many articles are small
    channel_weights: tuple[float, float, float] = (1.0, 1.0, 1.5)  # words, entities, numbers
    min_df: int = 2  # terms seen in fewer articles are left out of similarities, but ...
    norm_floor: float = 0.7  # ... a vector's norm stays at least this part of its full norm
    query_terms: int = 24  # top article terms used to look up candidates
    index_terms: int = 24  # top centroid terms under which a story is indexed
    max_postings: int = 64  # stories kept per indexed term, most recently updated first
    max_candidates: int = 8  # stories scored in full per article
    centroid_terms: int = 150  # terms kept per story centroid (and core) and channel
    member_window: int = 24  # latest members per story that re-clustering may move
    fold_batch: int = 8  # members folded into the core at a time (fewer core rewrites)
    member_terms: int = 96  # terms kept per member and channel
    window_stories: int = 4  # stories re-clustered together: the joined one and neighbours
    window_nodes: int = 48  # neighbours beyond this many nodes come in whole
    neighbour_floor: float = 0.2  # a candidate scoring this joins the window
    recluster_small: int = 24  # stories up to this size are re-clustered on every article ...
    recluster_every: int = 4  # ... bigger ones on every this many
    confident: float = 0.45  # an article joining at this score with no neighbour: no repair
    refresh_growth: float = 1.25  # cached member vectors are redone when the corpus grew so
    live_window: int = 10_000  # a story not updated in this many articles freezes
    decay_grace_days: float = 7.0  # no penalty within this many days of the story's span
    decay_days: float = 30.0  # then the similarity decays as exp(-days / decay_days)
    max_vocab: int = 2_000_000  # document-frequency entries before singletons are dropped
    weights: FeatureWeights = field(default_factory=FeatureWeights)
    evidence: Evidence = field(default_factory=Evidence)  # what any match must share
    pair_evidence: Evidence = field(default_factory=lambda: Evidence(0.25, 0.15))  # close match


Cosines = tuple[float, float, float, float]  # words, entities, numbers; 1.0 if both have numbers


@dataclass
class ArticleVectors:
    vecs: Channels  # per channel: unit-length TF-IDF
    idf: dict[str, float]
    ts: float | None
    _terms: list[list[tuple[str, float, float]]] | None = field(default=None, repr=False)

    def weighted_terms(self) -> list[list[tuple[str, float, float]]]:
        """Per channel, (term, value, IDF) in the vector's order: what scoring against each
        candidate story reads (built once per article, not once per candidate)."""
        if self._terms is None:
            idf = self.idf
            self._terms = [[(t, v, idf[t]) for t, v in vec.items()] for vec in self.vecs]
        return self._terms


class Idf(dict[str, float]):
    """The IDF of terms under one state of the document frequencies, filled in as terms are
    asked for (``idf[term]``). An article's step asks for the same terms again and again (its
    own, its story's centroid, its arc's profile): each logarithm is taken once. The value is
    the same expression every caller used to compute, so the same bits."""

    __slots__ = ("_count", "a", "df", "n_docs")

    def __init__(self, df: Mapping[str, int], n_docs: int) -> None:
        super().__init__()
        self.df, self.n_docs = df, n_docs
        self.a, self._count = n_docs + 1, df.get

    def __missing__(self, term: str) -> float:
        value = self[term] = math.log(self.a / (self._count(term, 0) + 1)) + 1.0
        return value


def timestamp_of(published: datetime | None) -> float | None:
    if published is None:
        return None
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return published.timestamp()


def unit_vector(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum([v * v for v in vec.values()]))
    return {t: v / norm for t, v in vec.items()} if norm else vec


def largest(vec: Mapping[str, float], k: int) -> list[str]:
    """The ``k`` terms of the largest values, largest first, ties in the vector's order: what
    ``heapq.nlargest(k, vec, key=vec.__getitem__)`` gives, by one sort in C (two to four times
    faster on the few hundred terms of a vector; ``nlargest`` stays where a few are picked
    from thousands)."""
    return sorted(vec, key=vec.__getitem__, reverse=True)[:k]


def top_terms(vec: dict[str, float], k: int) -> dict[str, float]:
    if len(vec) <= k:
        return vec
    return {t: vec[t] for t in largest(vec, k)}


class Scorer:
    """Document frequencies and the similarity measures over them. ``df`` (term -> document
    count) is only ever changed by :meth:`_count_document`, or replaced by a new dict when
    singletons are pruned, so a caller may wrap it to learn which terms changed."""

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        self.n_docs = 0
        self.df: dict[str, int] = {}
        self._idfs = Idf(self.df, 0)

    def _count_document(self, feats: Features) -> None:
        df = self.df
        for channel in feats.channels:
            for term in channel:
                df[term] = df.get(term, 0) + 1
        self.n_docs += 1
        if len(df) > self.settings.max_vocab:
            self.df = {t: c for t, c in df.items() if c > 1}

    def idfs(self) -> Idf:
        """Today's IDF, term by term (``idfs()[term]``): one table while neither the counts
        nor the table itself change (an article's whole step), a new one after."""
        idfs = self._idfs
        if idfs.n_docs != self.n_docs or idfs.df is not self.df:
            idfs = self._idfs = Idf(self.df, self.n_docs)
        return idfs

    def _idf(self, term: str) -> float:
        return self.idfs()[term]

    def _article(self, feats: Features, published: datetime | None) -> ArticleVectors:
        """The article's unit vectors over the terms other articles have too (see
        :meth:`_damped`)."""
        idf: dict[str, float] = {}
        idfs = self.idfs()
        vecs = []
        for channel in feats.channels:
            full = {}
            for t, w in channel.items():
                idf[t] = v = idfs[t]
                full[t] = w * v
            vecs.append(self._unit_damped(full))
        return ArticleVectors((vecs[0], vecs[1], vecs[2]), idf, timestamp_of(published))

    def _unit_damped(self, full: dict[str, float]) -> dict[str, float]:
        damped = self._damped(full)
        norm = self._floored_norm(damped, full)
        return {t: v / norm for t, v in damped.items()}

    def _member_tf(self, feats: Features, article: ArticleVectors) -> Channels:
        """The article's term frequencies, pruned to its strongest terms per channel (rare
        terms included: later articles may share them)."""
        k, idf = self.settings.member_terms, article.idf
        out = []
        for channel in feats.channels:
            out.append(
                {t: channel[t] for t in top_terms({t: w * idf[t] for t, w in channel.items()}, k)}
            )
        return out[0], out[1], out[2]

    def _score(
        self, article: ArticleVectors, story: Story, evidence: Evidence | None = None
    ) -> float:
        """The channel cosines between article and story centroid, combined as
        :func:`~newsbrief.stories.recluster.combine` says (weighted mean, the number channel
        only when both sides have numbers, under the evidence gate)."""
        return self._combined(self._cosines(article, story), evidence)

    def _cosines(self, article: ArticleVectors, story: Story) -> Cosines:
        """The channel cosines between article and story centroid (under today's IDF), and
        1.0 when both have numbers (else 0.0): what :meth:`_combined` combines."""
        norms = self._norms(story)
        terms = article.weighted_terms()
        cos = []
        for i, (pairs, cent) in enumerate(zip(terms, story.centroid, strict=True)):
            get = cent.get
            # the same products in the same order as v * cent[t] * idf[t]: the same bits
            dot = sum([v * c * w for t, v, w in pairs if (c := get(t)) is not None])
            cos.append(dot / norms[i])
        both = 1.0 if article.vecs[2] and story.centroid[2] else 0.0
        return cos[0], cos[1], cos[2], both

    def _combined(self, cos: Cosines, evidence: Evidence | None = None) -> float:
        s = self.settings
        gate = s.evidence if evidence is None else evidence
        return combine_one(cos[0], cos[1], cos[2], cos[3], s.channel_weights, gate)

    def _weighted(self, vecs: Channels, *, damp: bool = True) -> list[dict[str, float]]:
        """Vectors kept with the IDF divided out, with today's IDF applied again (and, when
        ``damp``, the rare terms left out, see :meth:`_damped`)."""
        idf = self.idfs()
        out = [{t: w * idf[t] for t, w in c.items()} for c in vecs]
        return [self._damped(c) for c in out] if damp else out

    def _damped(self, vec: dict[str, float]) -> dict[str, float]:
        """Without the terms seen in fewer than ``min_df`` articles: a term no other article
        has is no evidence of similarity, it only dilutes the cosine (see
        :meth:`_floored_norm` for the small archive, where every term is rare)."""
        get, min_df = self.df.get, self.settings.min_df
        return {t: v for t, v in vec.items() if get(t, 0) >= min_df}

    def _floored_norm(self, damped: dict[str, float], full: dict[str, float]) -> float:
        """The norm a damped vector is divided by: its own, but at least ``norm_floor`` of the
        undamped one. In a small archive most terms are rare, and two unrelated articles that
        share three words would otherwise be nothing but those words, and look alike."""
        own = math.sqrt(sum([v * v for v in damped.values()]))
        floor = self.settings.norm_floor * math.sqrt(sum([v * v for v in full.values()]))
        return max(own, floor) or 1.0

    def _set_norms(self, story: Story, full: list[dict[str, float]] | None = None) -> None:
        """The centroid's damped channel norms under today's IDF (``full``: the undamped
        weighted centroid, when at hand)."""
        full = self._weighted(story.centroid, damp=False) if full is None else full
        get, min_df, floor = self.df.get, self.settings.min_df, self.settings.norm_floor
        n = []
        for c in full:  # _floored_norm(_damped(c), c), without building the damped vector
            own = math.sqrt(sum([v * v for t, v in c.items() if get(t, 0) >= min_df]))
            n.append(max(own, floor * math.sqrt(sum([v * v for v in c.values()]))) or 1.0)
        story.norms = (n[0], n[1], n[2])
        story.norm_docs, story.norm_seq = self.n_docs, story.seq

    def _norms(self, story: Story) -> tuple[float, float, float]:
        """The centroid's channel norms under today's IDF, refreshed when it changed or when
        the collection grew by a tenth since."""
        if story.norm_seq != story.seq or story.norm_docs * 1.1 < self.n_docs:
            self._set_norms(story)
        return story.norms

    def decay(self, gap_s: float) -> float:
        """The similarity factor for a time gap (seconds) between an article and a story's
        span: 1 within the grace period, then a slow exponential decay."""
        over = gap_s / _DAY - self.settings.decay_grace_days
        return math.exp(-over / self.settings.decay_days) if over > 0 else 1.0

    def _decay_array(self, gaps_s: np.ndarray) -> np.ndarray:
        over = np.maximum(gaps_s / _DAY - self.settings.decay_grace_days, 0.0)
        return np.asarray(np.exp(-over / self.settings.decay_days))

    def _decay(self, story: Story, ts: float | None) -> float:
        if ts is None or story.first is None or story.last is None:
            return 1.0
        return self.decay(max(story.first - ts, ts - story.last, 0.0))
