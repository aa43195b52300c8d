"""Term vectors packed into flat numpy arrays, so that the story assigner scores an article
against all its candidate stories at once (``Scorer._cosines_of``).

A story's centroid is three dicts of up to ``centroid_terms`` terms each. Scoring an article
against eight of them term by term probed 24 hash tables scattered over a heap that grows to a
gigabyte with the archive: each probe a likely cache miss, so the same work cost twice as much
at 30,000 articles as at 1,000. Packed, a story is three contiguous arrays (a key, a value and
a channel per term: 24 bytes a term), read from start to end, and the article
is one sorted array searched by all its candidates' terms in one ``np.searchsorted``.

A term's key is its string's hash (which Python caches in the string) mixed with its channel,
so that the same term in two channels gives two keys. Two different terms with one 64-bit key
would count as one; the chance is about 2**-64 per pair. A story's entries are kept in key
order, so its products are summed in one order however its dicts were built. Python randomizes
string hashes per process, so two processes may sum in different orders and differ in the last
bit of a cosine (the term-by-term sums were in the article's term order).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

# one fixed 64-bit value per channel (words, entities, numbers), as signed integers
_SALTS = (0, -0x61C8864680B583EB, 0x3C6EF372FE94F82B)


@dataclass(frozen=True)
class Packed:
    """Terms of up to three channels: ``keys`` (sorted), and each key's ``values`` and
    ``channels`` (0, 1, 2)."""

    keys: NDArray[np.int64]
    values: NDArray[np.float64]
    channels: NDArray[np.intp]


def _packed(keys: NDArray[np.int64], values: NDArray[np.float64], sizes: list[int]) -> Packed:
    """Salt each channel's keys, and sort the entries by key."""
    channels = np.repeat(np.arange(len(sizes), dtype=np.intp), sizes)
    end = sizes[0]
    for c in range(1, len(sizes)):
        keys[end : end + sizes[c]] ^= np.int64(_SALTS[c])
        end += sizes[c]
    order = np.argsort(keys, kind="stable")
    return Packed(keys[order], values[order], channels[order])


def pack(vecs: Sequence[dict[str, float]]) -> Packed:
    """The channels' terms and values, in key order."""
    sizes = [len(vec) for vec in vecs]
    n = sum(sizes)
    keys = np.fromiter(chain.from_iterable(map(hash, vec) for vec in vecs), np.int64, n)
    values = np.fromiter(chain.from_iterable(vec.values() for vec in vecs), np.float64, n)
    return _packed(keys, values, sizes)


def pack_weighted(vecs: Sequence[dict[str, float]], idf: Mapping[str, float]) -> Packed:
    """Unit vectors with each value times its term's IDF (``idf[term]``), packed."""
    sizes = [len(vec) for vec in vecs]
    n = sum(sizes)
    keys = np.fromiter(chain.from_iterable(map(hash, vec) for vec in vecs), np.int64, n)
    values = np.fromiter(
        (v * idf[t] for vec in vecs for t, v in vec.items()), dtype=np.float64, count=n
    )
    return _packed(keys, values, sizes)


def dots(article: Packed, stories: Sequence[Packed], n_channels: int = 3) -> NDArray[np.float64]:
    """The dot products of the article with each story, channel by channel: shape
    (len(stories), n_channels). A story's products are summed in its key order."""
    out = np.zeros(len(stories) * n_channels, dtype=np.float64)
    if not stories or not len(article.keys):
        return out.reshape(len(stories), n_channels)
    keys = np.concatenate([p.keys for p in stories])
    values = np.concatenate([p.values for p in stories])
    sizes = [len(p.keys) for p in stories]
    slots = np.concatenate([p.channels for p in stories])
    slots += np.repeat(np.arange(0, len(stories) * n_channels, n_channels), sizes)
    at = np.searchsorted(article.keys, keys)
    np.minimum(at, len(article.keys) - 1, out=at)
    hit = article.keys[at] == keys
    at = at[hit]
    products = values[hit] * article.values[at]
    out += np.bincount(slots[hit], weights=products, minlength=len(out))
    return out.reshape(len(stories), n_channels)
