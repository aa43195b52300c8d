"""LexRank (Erkan & Radev, 2004), threshold variant, written for newsbrief as an eval baseline.

Sentences are TF-IDF vectors (``newsbrief.compose.story.vectors``); two sentences are linked when
their cosine reaches the threshold (0.1); each sentence's score is its stationary probability in
the degree-normalized link graph with a uniform random jump (damping 0.85), found by power
iteration.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsbrief.compose.story.vectors import TfIdf

THRESHOLD = 0.1
DAMPING = 0.85


def lexrank_scores(
    sentences: Sequence[str], *, threshold: float = THRESHOLD, iterations: int = 100
) -> list[float]:
    n = len(sentences)
    if n == 0:
        return []
    vec = TfIdf(sentences)
    adj = np.zeros((n, n))
    for i in range(n):
        adj[i, i] = 1.0
        for j in vec.neighbours(i, threshold):
            adj[i, j] = 1.0
    trans = adj / adj.sum(axis=1, keepdims=True)
    p = np.full(n, 1.0 / n)
    for _ in range(iterations):
        nxt = (1 - DAMPING) / n + DAMPING * (trans.T @ p)
        if np.abs(nxt - p).sum() < 1e-9:
            p = nxt
            break
        p = nxt
    return [float(x) for x in p]


def lexrank(sentences: Sequence[str], *, k: int) -> list[str]:
    """The ``k`` top-ranked sentences, best first."""
    scores = lexrank_scores(sentences)
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    return [sentences[i] for i in order[:k]]
