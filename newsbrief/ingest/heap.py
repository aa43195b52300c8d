"""The writer's long-lived heap, kept out of the cyclic garbage collector's scans."""

from __future__ import annotations

import gc

__all__ = ["LONG_LIVED", "LongLived"]


class LongLived:
    """The writer's heap (story vectors, the near-duplicate index), long-lived, kept out of the
    cyclic collector's way: scanned again and again, it cost 0.10 -> 0.38 ms per article from
    1k to 100k articles (``bench/scale.py --stages``). Every ``every`` articles the young
    generations are collected and the survivors frozen (``gc.freeze``): collections scan only
    what is new. Every ``full_every`` freezes a full collection reclaims any cycle frozen
    since (none was measured; this bounds one)."""

    def __init__(self, every: int = 1024, full_every: int = 64) -> None:
        self.every, self.full_every = every, full_every
        self.added = self.freezes = 0

    def added_one(self) -> None:
        self.added += 1
        if self.added % self.every:
            return
        self.freezes += 1
        if self.freezes % self.full_every == 0:
            gc.unfreeze()
            gc.collect()
        else:
            gc.collect(1)
        gc.freeze()


LONG_LIVED = LongLived()  # one heap per process, whatever the number of ingestors
