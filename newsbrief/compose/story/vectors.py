"""Sparse TF-IDF sentence vectors (numpy-free dicts), cosine, centroids and neighbours.

Words are the story-clustering content words (``newsbrief.stories.features.words``: lowercased,
stopwords dropped, plurals stripped), weighted ``(1 + ln tf) · idf`` with ``idf = ln((1+N)/(1+df))
+ 1`` and scaled to unit length. Neighbour search goes through an inverted index, so asking for the
neighbours of a fixed number of sentences costs time linear in the number of sentences.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from newsbrief.stories.features import words

__all__ = ["TfIdf", "cosine"]

Vec = dict[str, float]


def cosine(a: Vec, b: Vec) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _unit(vec: Vec) -> Vec:
    norm = math.sqrt(sum(w * w for w in vec.values()))
    return {t: w / norm for t, w in vec.items()} if norm else {}


class TfIdf:
    """Unit TF-IDF vectors of ``texts``, with an inverted index over them."""

    def __init__(self, texts: Sequence[str]) -> None:
        counts = [Counter(words(t)) for t in texts]
        df: Counter[str] = Counter()
        for c in counts:
            df.update(c.keys())
        n = len(texts)
        self.idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
        self.vecs: list[Vec] = [
            _unit({t: (1 + math.log(k)) * self.idf[t] for t, k in c.items()}) for c in counts
        ]
        self._index: dict[str, list[tuple[int, float]]] | None = None

    def __len__(self) -> int:
        return len(self.vecs)

    def sim(self, i: int, j: int) -> float:
        return cosine(self.vecs[i], self.vecs[j])

    def centroid(self, rows: Iterable[int]) -> Vec:
        acc: defaultdict[str, float] = defaultdict(float)
        for i in rows:
            for t, w in self.vecs[i].items():
                acc[t] += w
        return _unit(dict(acc))

    def to_centroid(self, rows: Sequence[int]) -> list[float]:
        """Cosine of each row to the centroid of ``rows``."""
        c = self.centroid(rows)
        return [cosine(self.vecs[i], c) for i in rows]

    def index(self) -> dict[str, list[tuple[int, float]]]:
        if self._index is None:
            idx: dict[str, list[tuple[int, float]]] = defaultdict(list)
            for i, vec in enumerate(self.vecs):
                for t, w in vec.items():
                    idx[t].append((i, w))
            self._index = dict(idx)
        return self._index

    def neighbours(self, i: int, min_sim: float) -> dict[int, float]:
        """Rows (other than ``i``) whose cosine with row ``i`` reaches ``min_sim``."""
        acc: defaultdict[int, float] = defaultdict(float)
        index = self.index()
        for t, w in self.vecs[i].items():
            for j, v in index.get(t, ()):
                acc[j] += w * v
        return {j: s for j, s in acc.items() if j != i and s >= min_sim}
