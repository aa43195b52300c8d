"""Sorted runs of (band key, arrival) pairs: how the near-duplicate index (``lsh``) keeps its
band keys in a few numpy arrays, searched with ``np.searchsorted``, rather than in a dict of
millions of Python lists. A run is sorted by key, then by arrival, so a bucket's latest
entries are its last, and keeps only each bucket's latest ``per_bucket`` entries."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

Run = tuple["NDArray[np.uint64]", "NDArray[np.int64]"]  # keys, and arrivals, sorted (``run``)


def distinct(values: NDArray[np.int64]) -> NDArray[np.int64]:
    """The distinct values, sorted: ``np.unique``'s answer, by sorting (numpy 2's
    ``np.unique`` without counts goes through a hash table, ten times slower on the few
    thousand values of a lookup)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    first = np.empty(len(ordered), dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


def run(
    keys: NDArray[np.uint64], seqs: NDArray[np.int64], per_bucket: int
) -> tuple[NDArray[np.uint64], NDArray[np.int64]]:
    """(key, seq) pairs sorted by key, then by arrival: a run that ``np.searchsorted`` can
    read, whose last entries of a key are its latest. ``keys`` is one key per seq, or (as
    ``band_keys`` gives) a row of band keys per seq. Of a key's entries only the latest
    ``per_bucket`` are kept: a lookup reads no more of a bucket (see ``candidates``), and the
    rest of a crowded bucket would only make the run larger and slower to search."""
    if keys.ndim == 2:
        seqs = np.repeat(seqs, keys.shape[1])
        keys = keys.reshape(-1)
    order = np.lexsort((seqs, keys))
    return latest_per_bucket(keys[order], seqs[order], per_bucket)


def since(run: Run, oldest: int) -> Run:
    """The run's entries of arrivals after ``oldest``, in their order."""
    keys, seqs = run
    keep = seqs > oldest
    return (keys, seqs) if bool(keep.all()) else (keys[keep], seqs[keep])


def merge(older: Run, newer: Run, per_bucket: int) -> Run:
    """Two runs as one (what :func:`run` makes of their entries together). When every
    arrival of ``newer`` comes after every one of ``older`` (as a writer adds them), a stable
    sort by key of the two, one after the other, is already ordered by key, then arrival:
    a merge of two sorted sequences, several times faster than sorting afresh by both."""
    (k1, s1), (k2, s2) = older, newer
    keys, seqs = np.concatenate([k1, k2]), np.concatenate([s1, s2])
    if len(s1) and len(s2) and int(s1.max()) < int(s2.min()):
        order = np.argsort(keys, kind="stable")
        return latest_per_bucket(keys[order], seqs[order], per_bucket)
    return run(keys, seqs, per_bucket)  # one stored out of order: sort by both


def latest_per_bucket(keys: NDArray[np.uint64], seqs: NDArray[np.int64], per_bucket: int) -> Run:
    """Of entries sorted by key, then arrival, each key's latest ``per_bucket``."""
    n = len(keys)
    if n <= per_bucket:
        return keys, seqs
    # the end of each entry's key group (one pass, where a binary search per entry into a
    # run of millions would miss the cache at every step), and how far the entry is from it
    last = np.empty(n, dtype=bool)
    last[-1] = True
    np.not_equal(keys[1:], keys[:-1], out=last[:-1])
    ends = np.flatnonzero(last) + 1
    group = np.cumsum(last) - last  # entries before this one that end a group
    from_end = ends[group] - np.arange(n)
    if int(from_end.max(initial=0)) > per_bucket:
        kept = from_end <= per_bucket
        keys, seqs = keys[kept], seqs[kept]
    return keys, seqs
