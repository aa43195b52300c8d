"""Incremental story clustering with local repair: each new article joins the most similar
story (or opens one), then the stories around it are re-clustered, so early mistakes undo.

Similarity (term statistics, channel cosines, time decay) is :mod:`newsbrief.stories.scoring`;
this module keeps the membership state.

Precision first: a story of a few articles takes a new one only when one of its members is
a close match under a stricter evidence gate (``pair_threshold``, ``pair_evidence``), in the
assignment (for a one-article story) and in the re-clustering below (for small stories), so
that two articles alike only in generic vocabulary, a date or an outlet do not start a story
and a loosely related article does not ride into a small story on its average.

Long module: assignment, folding, re-clustering and persistence all keep the same invariants
over stories, members and the candidate index (what a core holds, who founded a story, which
states the journal must persist); apart, each part would have to re-establish them.

Cost per article stays flat: the article's top terms look up an inverted index that maps a
term to the stories having it among their top centroid terms (each list capped to the most
recently updated stories); only those candidates are scored in full.

**Local re-clustering.** A story remembers the vectors of its latest ``member_window``
articles ("free" members); older ones are folded, a batch at a time, into its "core", which
stays together. After each article, the story it joined and the candidates that scored near
it form a window; average link over the window's free members and cores
(:mod:`newsbrief.stories.recluster`) may split a story or merge several. Ids stay stable by
rule: a story's id comes from its founder (its oldest article, by arrival), the part of a
split holding the founder (or the core) keeps the id, a part without one takes the id of its
own oldest article, and when stories merge the one with the oldest founder survives while
the others redirect to it. Stories untouched for ``live_window`` articles fold all their
members into the core (bounded memory).

Whoever keeps the membership drains the :class:`~newsbrief.stories.journal.Journal` after each
article (moves, merges, and which story and member states changed) and persists those
states; :meth:`StoryAssigner.load` restores them in any order.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from newsbrief.stories import state as st
from newsbrief.stories.features import Features, StoryFeatures, extract_features
from newsbrief.stories.journal import Journal
from newsbrief.stories.recluster import Node, average_link, similarity_matrices
from newsbrief.stories.scoring import (
    ArticleVectors,
    ClusterSettings,
    Cosines,
    Scorer,
    largest,
    top_terms,
    unit_vector,
)
from newsbrief.stories.state import Channels, Member, Story

__all__ = ["ClusterSettings", "StoryAssigner", "story_id_for"]


def story_id_for(article_id: str) -> str:
    """The id of a story opened by ``article_id``."""
    return "s" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:16]


class StoryAssigner(Scorer):
    """Assigns articles, one at a time, to story threads. See the module docstring."""

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        super().__init__(settings)
        self.seq = 0
        self.stories: dict[str, Story] = {}
        self.members: dict[int, Member] = {}
        self.journal = Journal()
        self._postings: dict[str, dict[str, None]] = {}
        # the latest article's id and features (the arc assigner reuses them)
        self.last_features: tuple[str, Features] | None = None

    # ---- assignment -------------------------------------------------------------------------

    def assign(
        self,
        article_id: str,
        text: str,
        title: str | None,
        published: datetime | None,
        *,
        features: StoryFeatures | None = None,
    ) -> str:
        """Put the article in a story, repair the stories around it, and return the id of the
        article's story (see :attr:`journal` for everything that changed). ``features``: the
        article's, extracted already (a worker that loaded it did), used when extracted under
        this assigner's weights."""
        if features is not None and features[1] == self.settings.weights:
            feats = features[0]
        else:
            feats = extract_features(text, title, weights=self.settings.weights)
        feats = feats.interned()
        self.last_features = (article_id, feats)
        self._count_document(feats)
        article = self._article(feats, published)
        scored, cosines = self._scored(article)
        member = Member(article_id, self.n_docs, article.ts, self._member_tf(feats, article))
        story = self._joined(article, scored, cosines)
        if story is None:
            story = Story(story_id_for(article_id), founder=member.seq, founder_id=article_id)
            self.stories[story.id] = story
            self.journal.record_story(story.id)
        self._add_member(story, member)
        floor = self.settings.neighbour_floor
        near = [s for s, score in scored if score >= floor and s is not story]
        joined = next((score for s, score in scored if s is story), 0.0)
        if self._due(story, joined, bool(near)):
            self._recluster(story, near[: self.settings.window_stories - 1])
        if self.n_docs % 1000 == 0:
            self._freeze_stale()
        return self.journal.moved[article_id]  # where re-clustering left it

    def _joined(
        self,
        article: ArticleVectors,
        scored: list[tuple[Story, float]],
        cosines: dict[str, Cosines],
    ) -> Story | None:
        """The best candidate story the article may join: one scoring ``threshold`` or more,
        and when the story is a single article, ``pair_threshold`` under the stricter
        ``pair_evidence`` gate (two articles alone make a story only on strong evidence;
        ``cosines``: each scored story's, as :meth:`_scored` computed them)."""
        s = self.settings
        for story, score in scored:
            if score < s.threshold:
                return None
            if story.n > 1 or not s.pair_threshold:
                return story
            strict = self._combined(cosines[story.id], s.pair_evidence) * self._decay(
                story, article.ts
            )
            if strict >= s.pair_threshold:
                return story
        return None

    def _due(self, story: Story, score: float, near: bool) -> bool:
        """Whether the story just joined is re-clustered now: not when the article matched
        it confidently and no other story came near; else while the story is small, then
        every few articles (a big story's latest article rarely changes the picture)."""
        s = self.settings
        if score >= s.confident and not near:
            return False
        return story.n <= s.recluster_small or story.n % s.recluster_every == 0

    def similarity(
        self, story_id: str, text: str, title: str | None = None, published: datetime | None = None
    ) -> float:
        """How similar an article (not added) is to a story, with today's statistics."""
        feats = extract_features(text, title, weights=self.settings.weights)
        article = self._article(feats, published)
        story = self.stories[story_id]
        return self._score(article, story) * self._decay(story, article.ts)

    def drain(self) -> Journal:
        """The changes since the last call (then forgotten)."""
        journal, self.journal = self.journal, Journal()
        return journal

    def _scored(
        self, article: ArticleVectors
    ) -> tuple[list[tuple[Story, float]], dict[str, Cosines]]:
        """Candidate stories with their decayed similarity, best first, and each one's
        channel cosines (by story id)."""
        s = self.settings
        merged = {t: v for vec in article.vecs for t, v in vec.items()}
        votes: dict[str, float] = {}
        vote, postings, stories = votes.get, self._postings, self.stories
        for term in largest(merged, s.query_terms):
            posting = postings.get(term)
            if posting:
                w = merged[term]
                for sid in posting:
                    votes[sid] = vote(sid, 0.0) + w
        live = {sid: v for sid, v in votes.items() if sid in stories}
        top = heapq.nlargest(s.max_candidates, live, key=live.__getitem__)
        scored = []
        cosines: dict[str, Cosines] = {}
        for sid in top:
            story = self.stories[sid]
            cosines[sid] = cos = self._cosines(article, story)
            scored.append((story, self._combined(cos) * self._decay(story, article.ts)))
        scored.sort(key=lambda pair: (-pair[1], pair[0].founder))
        return scored, cosines

    # ---- members, cores, centroids ----------------------------------------------------------

    def _contribution(self, member: Member) -> Channels:
        """A member's unit TF-IDF vector, the IDF divided out again (what it adds to a
        centroid), under an IDF at most ``refresh_growth`` stale."""
        if member.contribution is None or self._stale(member.contribution_docs):
            out = []
            idf = self.idfs()
            for tf in member.tf:
                unit = unit_vector({t: w * idf[t] for t, w in tf.items()})
                out.append({t: v / idf[t] for t, v in unit.items()})
            member.contribution = (out[0], out[1], out[2])
            member.contribution_docs = self.n_docs
        return member.contribution

    def _node(self, member: Member) -> Node:
        """A member as a re-clustering node: unit TF-IDF vectors over the shared terms, redone
        when the IDF has gone stale, or when the member's small story was just joined and a
        term the node left out as rare has been seen again since (see ``_shared_since``)."""
        if member.node is None or self._stale(member.node_docs) or self._shared_since(member):
            unit = [self._unit_damped(c) for c in self._weighted(member.tf, damp=False)]
            member.node = Node.of((unit[0], unit[1], unit[2]), 1.0, member.ts, member.ts)
            member.node_docs = self.n_docs
            get, least = self.df.get, self.settings.min_df
            member.node_rare = tuple(t for c in member.tf for t in c if get(t, 0) < least)
        return member.node

    def _shared_since(self, member: Member) -> bool:
        """A story's first article, as a node, leaves out every word only it had. When the
        next article shares them (the ferry's name, the port, the operator) and joins, the
        node must have them back, or re-clustering sees two strangers and splits the pair
        the assigner had just joined: 71 of the 319 articles of a stream of NeuS triples that
        ended apart from their triple were split so (B-cubed recall 0.637 -> 0.700). Only in
        a small story being re-clustered for the article it just took: nodes elsewhere keep
        the damping they were computed with, which the ECB+ settings were chosen under."""
        story = self.stories.get(member.story)
        if story is None or story.n > self.settings.small_story or story.seq != self.seq:
            return False
        get, least = self.df.get, self.settings.min_df
        return any(get(t, 0) >= least for t in member.node_rare)

    def _stale(self, docs: int) -> bool:
        return docs * self.settings.refresh_growth < self.n_docs

    def _add_member(self, story: Story, member: Member) -> None:
        member.story = story.id
        self.members[member.seq] = member
        story.free.append(member.seq)
        story.n += 1
        story.widen(member.ts)
        for c, vec in zip(story.centroid, self._contribution(member), strict=True):
            for t, v in vec.items():
                c[t] = c.get(t, 0.0) + v
        self.journal.moved[member.article_id] = story.id
        self.journal.members.add(member.seq)
        self._settle(story)

    def _settle(self, story: Story) -> None:
        """Keep the founder in the core once there is one, fold the oldest members when the
        free ones overflow, prune the centroid, and re-index the story."""
        s = self.settings
        if story.n_core and story.founder in story.free:
            self._fold(story, [story.founder])
        if len(story.free) >= s.member_window + s.fold_batch:
            self._fold(story, story.free[: len(story.free) - s.member_window])
        self.seq += 1
        story.seq = self.seq
        weighted = self._weighted(story.centroid, damp=False)  # rare terms may be shared later
        for c, wc in zip(story.centroid, weighted, strict=True):
            if len(c) > s.centroid_terms:
                top = largest(wc, s.centroid_terms)
                kept = {t: c[t] for t in top}
                c.clear()
                c.update(kept)
                kept_w = {t: wc[t] for t in top}
                wc.clear()
                wc.update(kept_w)
        self._set_norms(story, weighted)
        self._index(story, weighted)
        self.journal.record_story(story.id)

    def _fold(self, story: Story, seqs: Sequence[int]) -> None:
        """Move members into the story's core: they stay in the story but no longer move."""
        for seq in seqs:
            member = self.members.pop(seq)
            story.free.remove(seq)
            for c, vec in zip(story.core, self._contribution(member), strict=True):
                for t, v in vec.items():
                    c[t] = c.get(t, 0.0) + v
            story.n_core += 1
            story.widen_core(member.ts)
            self.journal.members.discard(seq)
            self.journal.dropped.add(seq)
        story.core = self._pruned(story.core)
        self.journal.cores.add(story.id)

    def _pruned(self, vecs: Channels) -> Channels:
        k = self.settings.centroid_terms
        out = []
        for c, wc in zip(vecs, self._weighted(vecs, damp=False), strict=True):
            out.append(c if len(c) <= k else {t: c[t] for t in top_terms(wc, k)})
        return out[0], out[1], out[2]

    def _rebuild(self, story: Story) -> None:
        """Recompute the centroid and span from the core and the free members."""
        cent = [dict(c) for c in story.core]
        story.first, story.last = story.core_first, story.core_last
        for seq in story.free:
            member = self.members[seq]
            story.widen(member.ts)
            for c, vec in zip(cent, self._contribution(member), strict=True):
                for t, v in vec.items():
                    c[t] = c.get(t, 0.0) + v
        story.centroid = (cent[0], cent[1], cent[2])
        story.n = story.n_core + len(story.free)

    def _index(self, story: Story, weighted: list[dict[str, float]]) -> None:
        """File the story under its top terms (rare ones included: they may be shared later);
        each posting keeps the latest stories only."""
        s = self.settings
        norms = [math.sqrt(sum([v * v for v in wc.values()])) or 1.0 for wc in weighted]
        scaled = {
            t: v / norm for wc, norm in zip(weighted, norms, strict=True) for t, v in wc.items()
        }
        for term in largest(scaled, s.index_terms):
            posting = self._postings.setdefault(term, {})
            posting.pop(story.id, None)
            posting[story.id] = None
            if len(posting) > s.max_postings:
                del posting[next(iter(posting))]

    def _freeze_stale(self) -> None:
        """Fold every member of the stories not updated for ``live_window`` articles."""
        horizon = self.seq - self.settings.live_window
        for story in list(self.stories.values()):
            if story.free and story.seq < horizon:
                self._fold(story, list(story.free))
                self.journal.record_story(story.id)

    # ---- local re-clustering ----------------------------------------------------------------

    def _nodes(
        self, target: Story, neighbours: Sequence[Story]
    ) -> tuple[list[Node], list[tuple[Story, int]]]:
        """The window's nodes and what each stands for: the target story's core (seq -1) and
        free members (their seq), the same for each neighbour story while the window has
        room, else the neighbour whole (seq -2: it may merge, and is split only when it is
        the target itself)."""
        nodes: list[Node] = []
        owners: list[tuple[Story, int]] = []
        for story in (target, *neighbours):
            size = len(story.free) + (1 if story.n_core else 0)
            if story is not target and len(nodes) + size > self.settings.window_nodes:
                nodes.append(self._mean_node(story, core=False))
                owners.append((story, -2))
                continue
            if story.n_core:
                nodes.append(self._mean_node(story, core=True))
                owners.append((story, -1))
            for seq in story.free:
                nodes.append(self._node(self.members[seq]))
                owners.append((story, seq))
        return nodes, owners

    def _mean_node(self, story: Story, *, core: bool) -> Node:
        """The story's core, or the whole story, as one node: the mean of its members' unit
        vectors with today's IDF (cached until the story changes or the IDF goes stale)."""
        key = (story.seq, int(core))
        cached = story.node_cache
        if cached is None or cached[0] != key or self._stale(cached[1]):
            vecs, n = (story.core, story.n_core) if core else (story.centroid, story.n)
            first, last = (story.core_first, story.core_last) if core else (story.first, story.last)
            mean = [{t: w / n for t, w in c.items()} for c in vecs]
            weighted = self._weighted((mean[0], mean[1], mean[2]))
            node = Node.of((weighted[0], weighted[1], weighted[2]), n, first, last)
            story.node_cache = cached = (key, self.n_docs, node)
        return cached[2]

    def _recluster(self, target: Story, neighbours: Sequence[Story]) -> None:
        nodes, owners = self._nodes(target, neighbours)
        if len(nodes) < 2:
            return
        s = self.settings
        sim, pair_sim = similarity_matrices(
            nodes, s.channel_weights, self._decay_array, s.evidence, s.pair_evidence
        )
        groups = average_link(
            sim,
            [n.weight for n in nodes],
            s.link_threshold,
            pair_threshold=s.pair_threshold,
            pair_sim=pair_sim,
            small=s.small_story,
        )
        current = {id(story) for story, _ in owners}
        if len(groups) == len(current) and all(
            len({id(owners[i][0]) for i in group}) == 1 for group in groups
        ):
            return  # the partition is unchanged
        for group in groups:
            self._settle_group([owners[i] for i in group])

    def _settle_group(self, parts: list[tuple[Story, int]]) -> None:
        """Make one re-clustered group a story: the held story with the oldest founder keeps
        its id and absorbs the others' cores; a group holding none opens a new story."""
        held = {
            story.id: story
            for story, seq in parts
            if seq < 0 or (not story.n_core and seq == story.founder)
        }
        seqs = sorted(
            [seq for _, seq in parts if seq >= 0]
            + [seq for story, kind in parts if kind == -2 for seq in story.free]
        )
        if held:
            target = min(held.values(), key=lambda story: story.founder)
        else:
            founder = self.members[seqs[0]]
            target = Story(
                story_id_for(founder.article_id), founder=founder.seq, founder_id=founder.article_id
            )
            self.stories[target.id] = target
        for story in held.values():
            if story is not target:
                target.absorb_core(story)
                del self.stories[story.id]
                self.journal.record_merge(story.id, target.id)
        if len(held) > 1:
            target.core = self._pruned(target.core)
            self.journal.cores.add(target.id)
        target.free = seqs
        for seq in seqs:
            member = self.members[seq]
            if member.story != target.id:
                member.story = target.id
                self.journal.moved[member.article_id] = target.id
                self.journal.members.add(seq)
        self._rebuild(target)
        self._settle(target)

    # ---- persistence ------------------------------------------------------------------------

    def story_state(self, story_id: str) -> dict[str, Any]:
        """One story's state (without its core) as a JSON-serializable dict."""
        return st.story_to_state(self.stories[story_id])

    def core_state(self, story_id: str) -> dict[str, Any]:
        """One story's core (folded members) as a JSON-serializable dict; it changes far
        less often than the story state, so it is kept apart (see :meth:`load`)."""
        return st.core_to_state(self.stories[story_id])

    def member_state(self, seq: int) -> dict[str, Any]:
        """One free member's state as a JSON-serializable dict (see :meth:`load`)."""
        return st.member_to_state(self.members[seq])

    def stats_state(self) -> dict[str, Any]:
        """The global statistics (document count, document frequencies) as a JSON-able dict."""
        return {"version": st.VERSION, "n_docs": self.n_docs, "seq": self.seq, "df": self.df}

    def load_stats(self, state: dict[str, Any]) -> None:
        """Restore what :meth:`stats_state` returned. Call it before :meth:`load`."""
        st.check_version(state)
        self.n_docs = int(state["n_docs"])
        self.seq = max(self.seq, int(state["seq"]))
        self.df = {sys.intern(str(t)): int(c) for t, c in state["df"].items()}

    def load(
        self, stories: Iterable[dict[str, Any]], members: Iterable[dict[str, Any]] = ()
    ) -> None:
        """Restore stories and members saved with :meth:`story_state` (each with its
        :meth:`core_state` under ``"core"``) and :meth:`member_state`, in any order; rebuild
        the centroids and the candidate index."""
        loaded = [st.story_from_state(state) for state in stories]
        by_id = {story.id: story for story in loaded}
        for state in members:
            member = st.member_from_state(state)
            story = by_id.get(member.story)
            if story is not None:
                self.members[member.seq] = member
                story.free.append(member.seq)
        for story in sorted(loaded, key=lambda s: s.seq):
            story.free.sort()
            self._rebuild(story)
            story.n = max(story.n, story.n_core + len(story.free))
            self.stories[story.id] = story
            self.seq = max(self.seq, story.seq)
            weighted = self._weighted(story.centroid, damp=False)
            self._set_norms(story, weighted)
            self._index(story, weighted)

    def export_state(self) -> dict[str, Any]:
        """Everything in one JSON-serializable dict."""
        return {
            "version": st.VERSION,
            "stats": self.stats_state(),
            "stories": [
                {**self.story_state(sid), "core": self.core_state(sid)} for sid in self.stories
            ],
            "members": [self.member_state(seq) for seq in self.members],
        }

    @classmethod
    def from_state(
        cls, state: dict[str, Any], settings: ClusterSettings | None = None
    ) -> StoryAssigner:
        """An assigner that continues where the exported one stopped."""
        st.check_version(state)
        assigner = cls(settings)
        assigner.load_stats(state["stats"])
        assigner.load(state["stories"], state.get("members", ()))
        return assigner
