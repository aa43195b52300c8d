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

Vectors = tuple[dict[str, float], dict[str, float], dict[str, float]]


@dataclass(frozen=True)
class Node:
    """One article, or a story's pinned core: per-channel vectors with IDF applied."""

    vecs: Vectors
    weight: float  # articles it stands for
    first: float | None  # time span (seconds), None when undated
    last: float | None


def channel_sims(nodes: Sequence[Node]) -> list[np.ndarray]:
    """Per channel, the matrix of dot products between the nodes' vectors."""
    out = []
    for c in range(3):
        vocab: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for i, node in enumerate(nodes):
            for term, w in node.vecs[c].items():
                rows.append(i)
                cols.append(vocab.setdefault(term, len(vocab)))
                vals.append(w)
        m = np.zeros((len(nodes), max(1, len(vocab))))
        m[rows, cols] = vals
        out.append(m @ m.T)
    return out


def similarity_matrix(
    nodes: Sequence[Node],
    weights: tuple[float, float, float],
    decay: Callable[[float], float],
) -> np.ndarray:
    """The nodes' pairwise similarity: the channel mean of :func:`channel_sims`, decayed."""
    words, ents, nums = channel_sims(nodes)
    has = np.array([bool(node.vecs[2]) for node in nodes])
    both = np.outer(has, has)
    w0, w1, w2 = weights
    sim = (w0 * words + w1 * ents + w2 * nums * both) / (w0 + w1 + w2 * both)
    dated = [i for i, node in enumerate(nodes) if node.first is not None]
    for x, i in enumerate(dated):
        for j in dated[x + 1 :]:
            a, b = nodes[i], nodes[j]
            gap = max(a.first - b.last, b.first - a.last, 0.0)  # type: ignore[operator]
            if gap:
                factor = decay(gap)
                sim[i, j] *= factor
                sim[j, i] *= factor
    return sim


def average_link(sim: np.ndarray, weights: Sequence[float], threshold: float) -> list[list[int]]:
    """Group-average clusters of the nodes: merge the best pair while it clears ``threshold``.

    Returns the clusters as lists of node indices, each sorted, in order of their first node.
    """
    n = len(sim)
    sim = sim.astype(float, copy=True)
    np.fill_diagonal(sim, -np.inf)
    size = np.asarray(weights, dtype=float).copy()
    label = np.arange(n)
    for _ in range(n - 1):
        flat = int(np.argmax(sim))
        i, j = divmod(flat, n)
        if sim[i, j] < threshold:
            break
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
