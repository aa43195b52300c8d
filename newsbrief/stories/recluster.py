"""Average-link clustering of a small window of story members (the assigner's local repair).

Nodes are single articles (unit TF-IDF vectors, one per channel) or the pinned core of a
large story (the mean of its older members' vectors, weighing as many articles). Two nodes
are as similar as the assigner's article-to-story score says: the weighted mean of the channel
cosines, the number channel counting only when both sides have numbers, times the time decay
between their spans. Clusters merge by group average (each node weighs its article count)
while the best pair clears the threshold. A window holds a few stories, at most a few hundred
nodes, so the dense matrices here stay small.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

Vectors = tuple[dict[str, float], dict[str, float], dict[str, float]]


@dataclass(frozen=True)
class Node:
    """One article, or a story's pinned core: its vectors with IDF applied, as arrays (term
    hashes, valid in this process only; weights; channel of each term)."""

    ids: np.ndarray
    vals: np.ndarray
    chan: np.ndarray
    weight: float  # articles it stands for
    first: float | None  # time span (seconds), None when undated
    last: float | None

    @classmethod
    def of(cls, vecs: Vectors, weight: float, first: float | None, last: float | None) -> Node:
        n = sum(len(v) for v in vecs)
        ids = np.fromiter((hash(t) for v in vecs for t in v), dtype=np.int64, count=n)
        vals = np.fromiter((w for v in vecs for w in v.values()), dtype=float, count=n)
        chan = np.repeat(np.arange(3, dtype=np.int8), [len(v) for v in vecs])
        return cls(ids, vals, chan, weight, first, last)

    @property
    def has_numbers(self) -> bool:
        return bool(len(self.chan)) and int(self.chan[-1]) == 2


def channel_sims(nodes: Sequence[Node]) -> list[np.ndarray]:
    """Per channel, the dot products between the nodes' vectors (diagonal left at 0)."""
    n = len(nodes)
    lengths = [len(node.ids) for node in nodes]
    if not sum(lengths):
        return [np.zeros((n, n)) for _ in range(3)]
    ids = np.concatenate([node.ids for node in nodes])
    vals = np.concatenate([node.vals for node in nodes])
    chan = np.concatenate([node.chan for node in nodes])
    rows = np.repeat(np.arange(n), lengths)
    _, first, inv, counts = np.unique(
        ids, return_index=True, return_inverse=True, return_counts=True
    )
    shared = counts > 1  # a term only one node has adds nothing off the diagonal
    keep = shared[inv]
    col = (np.cumsum(shared) - 1)[inv[keep]]
    m = np.zeros((n, int(shared.sum())))
    m[rows[keep], col] = vals[keep]
    col_chan = chan[first[shared]]
    out = []
    for c in range(3):
        part = m[:, col_chan == c]
        dots = part @ part.T
        np.fill_diagonal(dots, 0.0)
        out.append(dots)
    return out


def _decay_matrix(nodes: Sequence[Node], decay: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    first = np.array([np.nan if n.first is None else n.first for n in nodes])
    last = np.array([np.nan if n.last is None else n.last for n in nodes])
    gap = np.maximum(np.maximum(first[:, None] - last[None, :], first[None, :] - last[:, None]), 0)
    return np.where(np.isnan(gap), 1.0, decay(np.nan_to_num(gap)))


@dataclass(frozen=True)
class Evidence:
    """What two articles must share before their similarity counts in full (precision first).

    ``words`` and ``entities``: the channel cosines under which the similarity is scaled down
    in proportion: an article and a story that share no names, or no content words, do not
    report the same development, however alike their dates or vocabulary are.
    """

    words: float = 0.0
    entities: float = 0.0


def combine(
    words: NDArray[np.float64] | float,
    ents: NDArray[np.float64] | float,
    nums: NDArray[np.float64] | float,
    both: NDArray[np.float64] | float,
    weights: tuple[float, float, float],
    evidence: Evidence = Evidence(),
) -> NDArray[np.float64]:
    """The similarity from the channel cosines (elementwise): their weighted mean, the number
    channel counting only where ``both`` sides have numbers, under the :class:`Evidence` gate."""
    w0, w1, w2 = weights
    words, ents = np.asarray(words, dtype=float), np.asarray(ents, dtype=float)
    both = np.asarray(both, dtype=float)
    sim = (w0 * words + w1 * ents + w2 * np.asarray(nums, dtype=float) * both) / (
        w0 + w1 + w2 * both
    )
    if evidence.words > 0:
        sim = sim * np.minimum(1.0, words / evidence.words)
    if evidence.entities > 0:
        sim = sim * np.minimum(1.0, ents / evidence.entities)
    return np.asarray(sim, dtype=float)


def combine_one(
    words: float,
    ents: float,
    nums: float,
    both: float,
    weights: tuple[float, float, float],
    evidence: Evidence = Evidence(),
) -> float:
    """:func:`combine` of one pair in plain floats: the same arithmetic in the same order (so
    the same result to the last bit), without numpy's cost per call on scalars."""
    w0, w1, w2 = weights
    sim = (w0 * words + w1 * ents + w2 * nums * both) / (w0 + w1 + w2 * both)
    if evidence.words > 0:
        sim = sim * min(1.0, words / evidence.words)
    if evidence.entities > 0:
        sim = sim * min(1.0, ents / evidence.entities)
    return sim


def similarity_matrix(
    nodes: Sequence[Node],
    weights: tuple[float, float, float],
    decay: Callable[[np.ndarray], np.ndarray],
    evidence: Evidence = Evidence(),
) -> np.ndarray:
    """The nodes' pairwise similarity: :func:`combine` of the :func:`channel_sims`, times the
    time decay (``decay`` maps gaps in seconds to factors, elementwise) between their spans."""
    return similarity_matrices(nodes, weights, decay, evidence)[0]


def similarity_matrices(
    nodes: Sequence[Node],
    weights: tuple[float, float, float],
    decay: Callable[[np.ndarray], np.ndarray],
    *gates: Evidence,
) -> list[np.ndarray]:
    """:func:`similarity_matrix` under each evidence gate, the channel cosines computed once."""
    words, ents, nums = channel_sims(nodes)
    has = np.array([node.has_numbers for node in nodes])
    both = np.outer(has, has).astype(float)
    factor = _decay_matrix(nodes, decay)
    return [np.asarray(combine(words, ents, nums, both, weights, g) * factor) for g in gates]


def average_link(
    sim: np.ndarray,
    weights: Sequence[float],
    threshold: float,
    pair_threshold: float = 0.0,
    pair_sim: np.ndarray | None = None,
    small: float = np.inf,
) -> list[list[int]]:
    """Group-average clusters of the nodes: merge the best pair while it clears ``threshold``;
    a single article (weight 1) joins another node or group only when ``pair_sim`` (default
    ``sim``: the same measure under a stricter evidence gate) reaches ``pair_threshold``
    between it and at least one member, when the group weighs ``small`` articles or fewer: in
    a small story an article needs one close match, not just a group average that a loosely
    related member lifts.

    Returns the clusters as lists of node indices, each sorted, in order of their first node.
    """
    n = len(sim)
    sim = sim.astype(float, copy=True)
    np.fill_diagonal(sim, -np.inf)
    size = np.asarray(weights, dtype=float).copy()
    strict = sim if pair_sim is None else pair_sim
    linked = strict >= pair_threshold  # groups with a close pair of members between them
    label = np.arange(n)
    for _ in range(n - 1):
        single, few = size <= 1.0, size <= small
        blocked = ((single[:, None] & few[None, :]) | (few[:, None] & single[None, :])) & ~linked
        flat = int(np.argmax(np.where(blocked, -np.inf, sim)))
        i, j = divmod(flat, n)
        if sim[i, j] < threshold or blocked[i, j]:
            break
        either = linked[i] | linked[j]
        linked[i], linked[:, i] = either, either
        merged = (size[i] * sim[i] + size[j] * sim[j]) / (size[i] + size[j])
        sim[i], sim[:, i] = merged, merged
        sim[i, i] = -np.inf
        sim[j], sim[:, j] = -np.inf, -np.inf
        size[i] += size[j]
        label[label == j] = i
    groups: dict[int, list[int]] = {}
    for node, lab in enumerate(label.tolist()):
        groups.setdefault(lab, []).append(node)
    return sorted(groups.values(), key=lambda g: g[0])
