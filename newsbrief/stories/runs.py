"""Sorted runs of (band key, arrival) pairs: how the near-duplicate index (``lsh``) keeps its
band keys in a few numpy arrays, searched with ``np.searchsorted``, rather than in a dict of
millions of Python lists. A run is sorted by key, then by arrival, so a bucket's latest
entries are its last, and keeps only each bucket's latest ``per_bucket`` entries.

A large run also gets a directory (:func:`directory`): for each value of the keys' top bits
(a cell, 8 to 16 entries on average), the position of the cell's first entry. A lookup
(:func:`bounds`) reads the directory once per key, then ``SPAN`` entries from the cell's first
(one gather for the 32 keys), and counts those up to the key less one and up to the key: the
binary search's left and right answers, as every entry before the cell is below the key. The
reads do not wait on one another, where a binary search over millions of entries waits on a
dozen cache misses in turn per key. When a window holds no entry above its key (a crowded
bucket or cell, the run's end, a key of 0), the run is searched with ``np.searchsorted``
instead, so the answers are always exactly the binary search's. A directory costs a 32-bit
position per cell: under half a byte per entry, beside the run's 16. Runs under
``DIRECTORY_FROM`` entries are searched plainly. Measured, it saves little: with the cache cold
between lookups, each numpy call's own cost (about ten per lookup through a directory, two
binary searches without) weighs about as much as the binary searches' misses."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

Run = tuple["NDArray[np.uint64]", "NDArray[np.int64]"]  # keys, and arrivals, sorted (``run``)
# a run's directory: the first position of each cell, and the shift that gives a key's cell
Directory = tuple["NDArray[np.int32]", np.uint64]

CELL = 16  # a directory has a cell per 8 to 16 entries of its run
SPAN = 32  # entries read from a cell's first: a lookup past them searches the run instead
DIRECTORY_FROM = 1 << 16  # entries: a smaller run is searched plainly
_SPAN = np.arange(SPAN, dtype=np.int64)


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


def directory(keys: NDArray[np.uint64]) -> Directory | None:
    """The directory of a run's sorted keys (see the module doc); None for a small run."""
    n = len(keys)
    if n < DIRECTORY_FROM or n >= 2**31:
        return None
    bits = max(1, (n // CELL).bit_length())  # 2**bits cells of n / 2**bits entries: 8 to 16
    shift = np.uint64(64 - bits)
    counts = np.bincount((keys >> shift).astype(np.intp), minlength=1 << bits)
    starts = np.zeros(1 << bits, dtype=np.int32)
    np.cumsum(counts[:-1], out=starts[1:])  # entries in the cells before each one
    return starts, shift


def limits(query: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """The keys less one, then the keys, shape (2, keys, 1): what :func:`bounds` compares a
    window with (an entry below a key is one up to the key less one)."""
    return np.concatenate((query - np.uint64(1), query)).reshape(2, -1, 1)


def bounds(
    keys: NDArray[np.uint64],
    found: Directory | None,
    query: NDArray[np.uint64],
    limit: NDArray[np.uint64] | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Where each key of ``query`` starts and ends in a run (``np.searchsorted``'s left and
    right answers), read through the run's directory when it has one (``limit``: the
    query's :func:`limits`)."""
    if found is not None:
        starts, shift = found
        first = starts[query >> shift]  # the first entry of each key's cell
        # SPAN entries from there (past the run's end, its last entry again), sorted; every
        # entry before the cell's first is below the key: those below it, and up to it
        window = keys.take(first[:, None] + _SPAN, mode="clip")
        counts = (window <= (limits(query) if limit is None else limit)).sum(axis=2)
        if int(counts.max()) < SPAN:
            # each window holds an entry above its key (so the key is not 0, whose key less
            # one wraps round): the counts are exact
            lo, hi = counts + first
            return lo, hi
    return np.searchsorted(keys, query, side="left"), np.searchsorted(keys, query, side="right")
