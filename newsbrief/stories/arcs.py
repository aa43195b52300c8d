"""Story arcs: the second level above story threads. A thread (a *development*: one event, a few
days) belongs to exactly one arc (the long-running story: weeks to months, e.g. the 2010 Gulf oil
spill from the blast to the final seal).

The :class:`ArcAssigner` watches the story assigner's output, one article at a time:

- an article joining a development that already has an arc adds its vectors to the arc's
  profile;
- an article opening a development (or a development split off by re-clustering, which keeps
  the arc of the development it left) is scored against the arcs: the best one at
  ``threshold`` takes the new development, else the development opens an arc;
- two developments merged by the story assigner are one event, so their arcs become one;
- after an arc changed, it is compared with the arcs sharing its strongest terms, and merged
  with one as alike as ``merge_threshold`` (arcs opened apart for the same story converge).

Similarity is entity-driven: words and entity-like names (from
:mod:`newsbrief.stories.features`), each a TF-IDF cosine against the arc profile (the sum of its
articles' unit vectors with the IDF divided out, pruned to its strongest terms), the entity
channel weighing more; dates and numbers are left out (they separate the days of one story,
which is what developments are for). The document frequencies are the story assigner's. Time
decays the similarity only past a long grace period (a long-running story goes quiet for weeks).

Ids are stable by rule, as for stories: an arc's id comes from the development that opened it;
when arcs merge, the one opened first survives and the other redirects to it.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsbrief.stories.arc_state import (
    STATE_VERSION,
    Arc,
    ArcJournal,
    DocFrequencies,
    Profile,
    Weighted,
    arc_from_state,
    arc_id_for,
    arc_to_state,
    check_version,
)
from newsbrief.stories.features import Features, FeatureWeights, extract_features
from newsbrief.stories.scoring import Idf, Scorer, largest, timestamp_of

__all__ = [
    "Arc",
    "ArcAssigner",
    "ArcJournal",
    "ArcSettings",
    "DocFrequencies",
    "arc_id_for",
]

_DAY = 86400.0


@dataclass(frozen=True)
class ArcSettings:
    """Knobs of the arc assigner. ``threshold`` and ``merge_threshold`` were chosen on the
    Timeline17 dev data (``newsbrief eval arcs``, see ``docs/arcs.md``)."""

    threshold: float = 0.06  # a new development joins the best arc at this similarity
    merge_threshold: float = 0.25  # two arcs merge at this profile similarity
    channel_weights: tuple[float, float] = (1.0, 2.0)  # words, entities
    min_df: int = 2  # terms seen in fewer articles are left out of similarities, but ...
    norm_floor: float = 0.7  # ... a vector's norm stays at least this part of its full norm
    profile_terms: int = 300  # terms kept per arc profile and channel
    query_terms: int = 24  # an article's (or arc's) top terms used to look up candidate arcs
    index_terms: int = 32  # top profile terms under which an arc is indexed
    max_postings: int = 64  # arcs kept per indexed term, most recently updated first
    max_candidates: int = 12  # arcs scored in full
    repair_small: int = 16  # arcs up to this many articles are re-indexed and repaired on ...
    repair_every: int = 4  # ... every article, bigger ones on every this many
    decay_grace_days: float = 45.0  # no penalty within this many days of the arc's span
    decay_days: float = 180.0  # then the similarity decays as exp(-days / decay_days)
    weights: FeatureWeights = field(default_factory=FeatureWeights)


class ArcAssigner:
    """Groups developments (story threads) into arcs, one article at a time."""

    def __init__(self, settings: ArcSettings | None = None) -> None:
        self.settings = settings or ArcSettings()
        self.arcs: dict[str, Arc] = {}
        self.arc_of: dict[str, str] = {}  # story id -> arc id (live arcs only)
        self.seq = 0
        self.n_articles = 0
        self.journal = ArcJournal()
        self._postings: dict[str, dict[str, None]] = {}
        self._df: DocFrequencies | None = None
        self._cache: dict[str, tuple[int, int, Weighted]] = {}  # arc id -> (seq, n_docs, …)
        self._idfs: Idf | None = None  # the IDF table of other frequencies than a Scorer's

    # ---- the per-article step ---------------------------------------------------------------

    def observe(
        self,
        *,
        text: str,
        title: str | None,
        published: datetime | None,
        story_id: str,
        merged: Mapping[str, str],
        moved: Mapping[str, str],
        previous_story: Callable[[str], str | None],
        frequencies: DocFrequencies,
        features: Features | None = None,
    ) -> str:
        """Take one article the story assigner has just placed in ``story_id`` (``merged`` and
        ``moved``: its journal; ``previous_story``: an article's story before the moves;
        ``features``: the article's, when already extracted with ``settings.weights``);
        return the arc of ``story_id``."""
        self._df = frequencies
        self.n_articles += 1
        for old, survivor in merged.items():
            self._story_merged(old, survivor)
        orphans = []
        for article_id, sid in moved.items():
            if sid == story_id or sid in self.arc_of:
                continue
            before = previous_story(article_id)
            arc = self.arc_of.get(merged.get(before, before)) if before else None
            if arc is None:
                orphans.append(sid)
            else:
                self._link(sid, arc)
        feats = features
        if feats is None:
            feats = extract_features(text, title, weights=self.settings.weights)
        ts = timestamp_of(published)
        contribution = self._contribution(feats)
        arc_id = self.arc_of.get(story_id)
        if arc_id is None:
            arc_id = self._place(story_id, feats, ts)
        for sid in orphans:  # split off a development that had none: keep them together
            if sid not in self.arc_of:
                self._link(sid, arc_id)
        target = self.arcs[arc_id]
        self._add(target, contribution, 1, ts, ts)
        self._repair(target)
        return self.arc_of[story_id]

    def drain(self) -> ArcJournal:
        journal, self.journal = self.journal, ArcJournal()
        return journal

    def resolve_story(self, story_id: str) -> str | None:
        return self.arc_of.get(story_id)

    # ---- placing a development --------------------------------------------------------------

    def _place(self, story_id: str, feats: Features, ts: float | None) -> str:
        vecs = self._article_vectors(feats)
        best: tuple[float, str] | None = None
        for arc in self._candidates(vecs):
            score = self._cosine(vecs, self._profile(arc)) * self._decay(arc, ts, ts)
            if best is None or score > best[0]:
                best = (score, arc.id)
        if best is not None and best[0] >= self.settings.threshold:
            self._link(story_id, best[1])
            return best[1]
        arc = Arc(arc_id_for(story_id), founder=self.n_articles, founder_story=story_id)
        self.arcs[arc.id] = arc
        self._link(story_id, arc.id)
        return arc.id

    def _link(self, story_id: str, arc_id: str) -> None:
        self.arc_of[story_id] = arc_id
        self.journal.links[story_id] = arc_id

    def _story_merged(self, old: str, survivor: str) -> None:
        """Development ``old`` joined ``survivor``, which keeps its arc. When that leaves
        ``old``'s arc without a development, the arc joins the survivor's (a redirect); an arc
        with other developments stays: one doubtful merge of two developments must not glue
        two long stories together (their profiles decide that, see :meth:`_repair`)."""
        old_arc = self.arc_of.pop(old, None)
        self.journal.links.pop(old, None)
        self.journal.unlinked.add(old)
        if old_arc is None:
            return
        new_arc = self.arc_of.get(survivor)
        if new_arc is None:
            self._link(survivor, old_arc)
        elif new_arc != old_arc and old_arc not in self.arc_of.values():
            self._merge(self.arcs[old_arc], self.arcs[new_arc])

    # ---- vectors ----------------------------------------------------------------------------

    def _idf(self, term: str) -> float:
        return self._idf_table()[term]

    def _idf_table(self) -> Mapping[str, float]:
        """The IDF of terms under today's frequencies (``table[term]``; all 1.0 without
        frequencies): the story assigner's table, where each term's is computed once per
        article."""
        df = self._df
        if df is None:
            return Idf({}, 0)  # no counts: log(1 / 1) + 1, every term's IDF is 1
        if isinstance(df, Scorer):
            return df.idfs()  # the story assigner's table, filled in for this article already
        table = self._idfs
        if table is None or table.n_docs != df.n_docs or table.df is not df.df:
            table = self._idfs = Idf(df.df, df.n_docs)
        return table

    def _contribution(self, feats: Features) -> Profile:
        """The article's unit TF-IDF vectors with the IDF divided out (what it adds to a
        profile)."""
        out = []
        idf = self._idf_table()
        for channel in (feats.words, feats.entities):
            full = {t: w * idf[t] for t, w in channel.items()}
            norm = math.sqrt(sum([v * v for v in full.values()])) or 1.0
            out.append({t: v / norm / idf[t] for t, v in full.items()})
        return out[0], out[1]

    def _article_vectors(self, feats: Features) -> Weighted:
        return self._weighted((feats.words, feats.entities))

    def _weighted(self, profile: Profile) -> Weighted:
        """Today's IDF applied, the terms fewer than ``min_df`` articles have left out (they
        are no evidence of likeness), the norm kept to at least ``norm_floor`` of the full one:
        in a small archive most terms are rare, and two unrelated articles sharing a few common
        words would otherwise be nothing but those words, and look alike."""
        df = self._df
        min_df = self.settings.min_df if df is not None else 0
        get = df.df.get if df is not None else (lambda t, d=0: 0)
        idf = self._idf_table()
        out, norms = [], []
        for channel in profile:
            full = {t: w * idf[t] for t, w in channel.items()}
            kept = {t: v for t, v in full.items() if get(t, 0) >= min_df}
            own = math.sqrt(sum([v * v for v in kept.values()]))
            floor = self.settings.norm_floor * math.sqrt(sum([v * v for v in full.values()]))
            out.append(kept)
            norms.append(max(own, floor) or 1.0)
        return Weighted((out[0], out[1]), (norms[0], norms[1]))

    def _profile(self, arc: Arc) -> Weighted:
        """The arc's profile with IDF applied (cached until the arc changes or the collection
        grows by a tenth)."""
        n_docs = self._df.n_docs if self._df else 0
        cached = self._cache.get(arc.id)
        if cached is None or cached[0] != arc.seq or cached[1] * 1.1 < n_docs:
            cached = (arc.seq, n_docs, self._weighted(arc.profile))
            self._cache[arc.id] = cached
        return cached[2]

    def _cosine(self, a: Weighted, b: Weighted) -> float:
        """Weighted mean of the channel cosines (over the floored norms)."""
        total = weight = 0.0
        for va, vb, na, nb, w in zip(
            a.vecs, b.vecs, a.norms, b.norms, self.settings.channel_weights, strict=True
        ):
            weight += w
            if len(va) > len(vb):
                va, vb = vb, va
            get = vb.get
            dot = sum([v * c for t, v in va.items() if (c := get(t)) is not None])
            total += w * dot / (na * nb)
        return total / weight if weight else 0.0

    def _decay(self, arc: Arc, first: float | None, last: float | None) -> float:
        if first is None or last is None or arc.first is None or arc.last is None:
            return 1.0
        gap = max(arc.first - last, first - arc.last, 0.0) / _DAY
        over = gap - self.settings.decay_grace_days
        return math.exp(-over / self.settings.decay_days) if over > 0 else 1.0

    # ---- profiles, index, repair ------------------------------------------------------------

    def _add(
        self, arc: Arc, vecs: Profile, n: int, first: float | None, last: float | None
    ) -> None:
        for mine, theirs in zip(arc.profile, vecs, strict=True):
            for t, v in theirs.items():
                mine[t] = mine.get(t, 0.0) + v
        arc.n += n
        arc.widen(first, last)
        self._settle(arc)

    def _settle(self, arc: Arc) -> None:
        """Note the arc's state for writing; while it is small, and then on every
        ``repair_every`` change, prune its profile and re-index it."""
        self.seq += 1
        arc.seq = self.seq
        self.journal.arcs.add(arc.id)
        if arc.n > self.settings.repair_small and arc.n % self.settings.repair_every:
            return
        k = self.settings.profile_terms
        weighted = []
        idf = self._idf_table()
        for channel in arc.profile:
            full = {t: v * idf[t] for t, v in channel.items()}
            if len(channel) > k:
                top = largest(full, k)
                kept = {t: channel[t] for t in top}
                channel.clear()
                channel.update(kept)
                full = {t: full[t] for t in top}
            weighted.append(full)
        scaled: dict[str, float] = {}
        for full, w in zip(weighted, self.settings.channel_weights, strict=True):
            norm = math.sqrt(sum([v * v for v in full.values()])) or 1.0
            for t, v in full.items():
                scaled[t] = w * v / norm
        for term in largest(scaled, self.settings.index_terms):
            posting = self._postings.setdefault(term, {})
            posting.pop(arc.id, None)
            posting[arc.id] = None
            if len(posting) > self.settings.max_postings:
                del posting[next(iter(posting))]

    def _candidates(self, vecs: Weighted, exclude: str | None = None) -> list[Arc]:
        s = self.settings
        scaled: dict[str, float] = {}
        for channel, norm, w in zip(vecs.vecs, vecs.norms, s.channel_weights, strict=True):
            for t, v in channel.items():
                scaled[t] = w * v / norm
        votes: dict[str, float] = {}
        for term in largest(scaled, s.query_terms):
            for aid in self._postings.get(term, ()):
                if aid != exclude and aid in self.arcs:
                    votes[aid] = votes.get(aid, 0.0) + scaled[term]
        top = heapq.nlargest(s.max_candidates, votes, key=votes.__getitem__)
        return [self.arcs[aid] for aid in top]

    def _repair(self, arc: Arc) -> None:
        """Merge the arc with the most alike other arc while one clears ``merge_threshold``
        (while the arc is small, then on every ``repair_every`` article)."""
        if arc.n > self.settings.repair_small and arc.n % self.settings.repair_every:
            return
        while True:
            mine = self._profile(arc)
            best: tuple[float, Arc] | None = None
            for other in self._candidates(mine, exclude=arc.id):
                score = self._cosine(mine, self._profile(other))
                score *= self._decay(other, arc.first, arc.last)
                if best is None or score > best[0]:
                    best = (score, other)
            if best is None or best[0] < self.settings.merge_threshold:
                return
            arc = self._merge(arc, best[1])

    def _merge(self, a: Arc, b: Arc) -> Arc:
        """One arc of two: the one opened first survives, the other redirects to it."""
        survivor, gone = (a, b) if a.founder <= b.founder else (b, a)
        for mine, theirs in zip(survivor.profile, gone.profile, strict=True):
            for t, v in theirs.items():
                mine[t] = mine.get(t, 0.0) + v
        survivor.n += gone.n
        survivor.widen(gone.first, gone.last)
        del self.arcs[gone.id]
        self._cache.pop(gone.id, None)
        for story, arc_id in self.arc_of.items():
            if arc_id == gone.id:
                self.arc_of[story] = survivor.id
        self.journal.record_merge(gone.id, survivor.id)
        self._settle(survivor)
        return survivor

    # ---- persistence ------------------------------------------------------------------------

    def arc_state(self, arc_id: str) -> dict[str, Any]:
        return arc_to_state(self.arcs[arc_id])

    def stats_state(self) -> dict[str, Any]:
        return {"version": STATE_VERSION, "seq": self.seq, "n_articles": self.n_articles}

    def load(
        self,
        stats: Mapping[str, Any],
        arcs: Iterable[Mapping[str, Any]],
        links: Iterable[tuple[str, str]],
        *,
        frequencies: DocFrequencies | None = None,
    ) -> None:
        """Restore what :meth:`stats_state`, :meth:`arc_state` and the development → arc links
        (``links``: story id, arc id) saved."""
        check_version(stats)
        self._df = frequencies
        self.seq = int(stats["seq"])
        self.n_articles = int(stats["n_articles"])
        for arc in sorted((arc_from_state(state) for state in arcs), key=lambda a: a.seq):
            self.arcs[arc.id] = arc
            self._settle(arc)  # re-indexes it, oldest change first
        self.arc_of = {sid: aid for sid, aid in links if aid in self.arcs}
        self.journal = ArcJournal()
