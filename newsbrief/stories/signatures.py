"""The latest stored MinHash signatures and shingle counts, in memory beside the band keys.

A near-duplicate lookup screens its ~50 candidates on their signatures (``dedupe``). Reading
them from the archive was one query per article whose cost grew with the archive (more
crowded buckets, a larger B-tree); the writer already sees every signature as it is stored or
caught up on (``lsh.LshIndex``), so it keeps the latest ``KEEP`` of them here, in arrival
order, ~0.6 KiB each (~60 MiB for 100,000). A candidate older than that, or one stored out of
arrival order (an old article given a signature late), is read from the archive as before.

What is held is what the archive held when it was read: a signature row never changes once
stored (an article gets one signature, when it is stored or, once, later), and a candidate
deleted since is harmless: it is verified on its shingle set, which is gone with it.

The candidates that survive screening are verified on their shingle sets: the latest sets
(up to ``SET_BYTES``) are held here too, in :class:`LatestSets`, let go whenever any set has
been deleted (see that class).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray

NUM_PERM = 128  # MinHash values per signature
KEEP = 100_000  # latest signatures held (~0.6 KiB each)
SET_BYTES = 64 * 2**20  # shingle sets held, in bytes (4 per shingle: ~2.4 KiB a 600-word article)
_UNKNOWN = -1  # a shingle count not stored, or a signature not of NUM_PERM values: verify


@dataclass(frozen=True)
class Held:
    """Candidates' signatures, in the order asked: article ids, a (n, NUM_PERM) array and the
    shingle counts (-1: unknown, always verified)."""

    ids: list[str]
    signatures: NDArray[np.uint32]
    sizes: NDArray[np.int64]


def held_rows(rows: list[tuple[str, bytes, int | None]]) -> Held:
    """Signature rows read from the archive, as :class:`Held`."""
    width = NUM_PERM * 4
    sigs = np.zeros((len(rows), NUM_PERM), dtype=np.uint32)
    sizes = np.full(len(rows), _UNKNOWN, dtype=np.int64)
    for i, (_, blob, size) in enumerate(rows):
        if len(blob) == width:
            sigs[i] = np.frombuffer(blob, dtype=np.uint32)
            if size is not None:
                sizes[i] = size
    return Held([r[0] for r in rows], sigs, sizes)


class LatestSignatures:
    """The latest ``keep`` signatures by arrival number (see the module doc)."""

    def __init__(self, keep: int = KEEP) -> None:
        self.keep = keep
        self.clear()

    def clear(self) -> None:
        self._n = 0
        self._seqs = np.empty(0, dtype=np.int64)
        self._sigs = np.empty((0, NUM_PERM), dtype=np.uint32)
        self._sizes = np.empty(0, dtype=np.int64)
        self._ids: list[str] = []

    def __len__(self) -> int:
        return self._n

    def add(self, seq: int, article_id: str, signature: bytes, size: int | None) -> None:
        """Hold one stored signature; one arriving out of order is left to the archive."""
        if self.keep <= 0 or (self._n and seq <= int(self._seqs[self._n - 1])):
            return
        if self._n == len(self._seqs):
            self._make_room()
        i = self._n
        self._seqs[i] = seq
        if len(signature) == NUM_PERM * 4:
            self._sigs[i] = np.frombuffer(signature, dtype=np.uint32)
            self._sizes[i] = _UNKNOWN if size is None else size
        else:
            self._sigs[i] = 0
            self._sizes[i] = _UNKNOWN
        self._ids.append(article_id)
        self._n += 1

    def extend(self, rows: Sequence[tuple[int, str, bytes, int | None]]) -> None:
        """Hold many stored signatures at once (rows in arrival order, as ``add`` takes
        them): what building the index from the archive does, ~100,000 rows at a time."""
        if self.keep <= 0 or not rows:
            return
        if self._n and rows[0][0] <= int(self._seqs[self._n - 1]):
            for row in rows:  # not after the latest held: one at a time, as ``add`` decides
                self.add(*row)
            return
        rows = rows[-self.keep :]
        width = NUM_PERM * 4
        whole = [i for i, row in enumerate(rows) if len(row[2]) == width]
        sigs = np.zeros((len(rows), NUM_PERM), dtype=np.uint32)
        if whole:
            joined = b"".join(rows[i][2] for i in whole)
            sigs[whole] = np.frombuffer(joined, dtype=np.uint32).reshape(len(whole), NUM_PERM)
        sizes = np.full(len(rows), _UNKNOWN, dtype=np.int64)
        for i in whole:
            size = rows[i][3]
            if size is not None:
                sizes[i] = size
        old = min(self._n, self.keep - len(rows))  # the latest held that stay
        lo, hi = self._n - old, self._n
        self._seqs = np.concatenate(
            [self._seqs[lo:hi], np.fromiter((r[0] for r in rows), np.int64, len(rows))]
        )
        self._sigs = np.concatenate([self._sigs[lo:hi], sigs])
        self._sizes = np.concatenate([self._sizes[lo:hi], sizes])
        self._ids = self._ids[lo:hi] + [r[1] for r in rows]
        self._n = len(self._seqs)

    def _make_room(self) -> None:
        """Grow the arrays (doubling) up to a quarter over ``keep``; beyond that, drop the
        oldest quarter."""
        limit = self.keep + max(1, self.keep // 4)
        if len(self._seqs) >= limit:
            drop = self._n - self.keep
            n = self._n - drop
            self._seqs[:n] = self._seqs[drop : self._n]
            self._sigs[:n] = self._sigs[drop : self._n]
            self._sizes[:n] = self._sizes[drop : self._n]
            del self._ids[:drop]
            self._n = n
            return
        cap = min(limit, max(1024, 2 * len(self._seqs)))
        for name in ("_seqs", "_sizes"):
            old = getattr(self, name)
            grown = np.empty(cap, dtype=np.int64)
            grown[: self._n] = old[: self._n]
            setattr(self, name, grown)
        sigs = np.empty((cap, NUM_PERM), dtype=np.uint32)
        sigs[: self._n] = self._sigs[: self._n]
        self._sigs = sigs

    def lookup(self, seqs: list[int]) -> tuple[list[int], list[int]]:
        """(positions held, as ``take`` wants them, or -1) for each asked arrival number, and
        the asked numbers not held (to be read from the archive)."""
        if not self._n or not seqs:
            return [-1] * len(seqs), list(seqs)
        held = self._seqs[: self._n]
        asked = np.asarray(seqs, dtype=np.int64)
        at = np.minimum(np.searchsorted(held, asked), self._n - 1)
        found = held[at] == asked
        positions = np.where(found, at, -1).tolist()
        missing = asked[~found].tolist()
        return positions, missing

    def take(self, positions: list[int]) -> Held:
        """The held rows at these positions (all >= 0), in that order."""
        at = np.asarray(positions, dtype=np.int64)
        return Held([self._ids[p] for p in positions], self._sigs[at], self._sizes[at])


class LatestSets:
    """The shingle sets (sorted 32-bit hashes, as stored) of the latest articles stored or
    verified, up to ``budget`` bytes, the oldest let go first.

    Verifying a near-copy candidate needs its set; reading it is a round trip to the database
    (on PostgreSQL a wait for the server per article with candidates, the wait that grew most
    with the archive). A set never changes once stored, but it can be deleted, with its
    article, by any process: the index drops every set it holds when the archive's count of
    deleted or rewritten sets has moved (``LshIndex.sync``, once per write transaction), so a
    set held here is one the archive held when the transaction began, as the exact-copy
    lookups are (``store.copies``)."""

    def __init__(self, budget: int = SET_BYTES) -> None:
        self.budget = budget
        self._sets: OrderedDict[str, bytes] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._sets)

    def clear(self) -> None:
        self._sets.clear()
        self._bytes = 0

    def add(self, article_id: str, blob: bytes) -> None:
        if len(blob) > self.budget:
            return
        self.discard(article_id)
        self._sets[article_id] = blob
        self._bytes += len(blob)
        while self._bytes > self.budget:
            _, dropped = self._sets.popitem(last=False)
            self._bytes -= len(dropped)

    def discard(self, article_id: str) -> None:
        old = self._sets.pop(article_id, None)
        if old is not None:
            self._bytes -= len(old)

    def get(self, article_ids: Iterable[str]) -> dict[str, bytes]:
        """The sets held of these articles."""
        sets = self._sets
        return {a: sets[a] for a in article_ids if a in sets}
