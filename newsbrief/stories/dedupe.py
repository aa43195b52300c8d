"""Duplicate detection: exact copies by a hash of the normalized words, near copies (syndicated
wire text with a new headline, a dateline, a trimmed ending) by MinHash over word shingles.

A fingerprint holds what both checks need::

    fp = fingerprint(article.text)
    match = Deduper(archive).find(article, fp)   # None, or the stored article it copies
    ...                                          # store a new article, then:
    Deduper(archive).remember(article.id, fp)    # index it for later near-duplicate checks

Near-duplicate candidates come from LSH banding of the signature (``BANDS`` bands of ``ROWS``
rows: pairs with a shingle Jaccard of 0.6 collide in some band with probability ≈ 0.99, pairs at
0.2 with ≈ 0.05), kept in memory by the writer (``lsh``). A candidate is first screened on its
signature (the latest 100,000 are held in memory beside the band keys, ``signatures``; older
ones are read from the archive): one whose estimated Jaccard falls five standard errors below
the least Jaccard a copy of the two sizes could have is dropped unread; the others are verified
on the exact shingle sets, stored beside the signature (sorted 32-bit hashes; the latest are
held in memory too, ``signatures.LatestSets``; read from the text only for articles stored
before they were). Screening, and verifying on stored sets rather than
re-shingling texts, keep the cost per article flat as an archive grows (more candidates share a
band, few are copies)."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from newsbrief.store.codec import normalized_words, words_hash
from newsbrief.stories.lsh import BANDS, LshIndex, band_keys, index_of
from newsbrief.stories.signatures import NUM_PERM, Held, held_rows

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from newsbrief.models import Article
    from newsbrief.store import Archive

SHINGLE = 5  # words per shingle
ROWS = NUM_PERM // BANDS
_SEED = 20240611
_MASK32 = np.uint64(0xFFFFFFFF)
SCREEN_SIGMAS = 5.0


def _coefficients() -> tuple[NDArray[np.uint64], NDArray[np.uint64]]:
    """Multiply-shift hash family: h_i(x) = ((a_i * x + b_i) mod 2^64) >> 32, a_i odd.

    The coefficients come from SHA-256 of fixed labels, so stored signatures stay comparable
    across numpy versions and machines."""

    def word(label: str) -> int:
        return int.from_bytes(hashlib.sha256(f"{_SEED}:{label}".encode()).digest()[:8], "little")

    a = np.array([word(f"a{i}") | 1 for i in range(NUM_PERM)], dtype=np.uint64)
    b = np.array([word(f"b{i}") for i in range(NUM_PERM)], dtype=np.uint64)
    return a, b


_A, _B = _coefficients()


def shingles(text: str) -> frozenset[int]:
    """CRC-32 hashes of the text's overlapping word ``SHINGLE``-grams (normalized words)."""
    return _shingles(normalized_words(text))


def _shingles(words: list[str]) -> frozenset[int]:
    if not words:
        return frozenset()
    n = max(1, len(words) - SHINGLE + 1)
    return frozenset(zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(n))


def minhash(hashes: frozenset[int]) -> NDArray[np.uint32]:
    """The ``NUM_PERM``-value MinHash signature of a set of 32-bit hashes."""
    if not hashes:
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    x = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))[:, None]
    with np.errstate(over="ignore"):
        h = (x * _A[None, :] + _B[None, :]) >> np.uint64(32)
    sig: NDArray[np.uint32] = (h & _MASK32).min(axis=0).astype(np.uint32)
    return sig


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """Share of the smaller set found in the larger one (a trimmed copy scores high)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def shingle_array(hashes: frozenset[int]) -> NDArray[np.uint32]:
    """A shingle set as a sorted array (what the archive stores, and what verifying reads)."""
    return np.sort(np.fromiter(hashes, dtype=np.uint32, count=len(hashes)))


def overlap(a: NDArray[np.uint32], b: NDArray[np.uint32]) -> int:
    """The number of hashes two sorted shingle arrays share."""
    if not len(a) or not len(b):
        return 0
    return int(np.intersect1d(a, b, assume_unique=True).size)


@dataclass(frozen=True)
class Fingerprint:
    text_hash: str
    shingles: frozenset[int]
    signature: NDArray[np.uint32]

    @property
    def band_keys(self) -> NDArray[np.uint64]:
        """The signature's LSH band keys (``lsh.band_keys``)."""
        cached: NDArray[np.uint64] | None = self.__dict__.get("_keys")
        if cached is None:
            cached = band_keys(self.signature)[0]
            object.__setattr__(self, "_keys", cached)
        return cached

    @property
    def sorted_shingles(self) -> NDArray[np.uint32]:
        cached: NDArray[np.uint32] | None = self.__dict__.get("_sorted")
        if cached is None:
            cached = shingle_array(self.shingles)
            object.__setattr__(self, "_sorted", cached)
        return cached

    def complete(self) -> Fingerprint:
        """Compute what the duplicate check and the index derive from the signature and the
        shingles (band keys, sorted shingles) now: a worker does, so that they travel with
        the fingerprint and the ingest process does not."""
        _ = self.band_keys, self.sorted_shingles
        return self


def fingerprint(text: str) -> Fingerprint:
    words = normalized_words(text)
    sh = _shingles(words)
    return Fingerprint(words_hash(words), sh, minhash(sh))


def _held(index: LshIndex, archive: Archive, seqs: list[int]) -> Held:
    """The candidates' signatures in candidate order, one row per article: from those the
    index holds, the rest read from the archive (one query); a candidate no longer stored is
    left out."""
    positions, missing = index.latest.lookup(seqs)
    if not missing:
        held = index.latest.take(positions)
    else:
        found = archive.signatures_at(missing)
        mine = index.latest.take([p for p in positions if p >= 0])
        read = held_rows([found[s] for s in missing if s in found])
        order: list[int] = []
        n_mine, k = len(mine.ids), 0
        for seq, p in zip(seqs, positions, strict=True):
            if p >= 0:
                order.append(len(order) - k)
            elif seq in found:
                order.append(n_mine + k)
                k += 1
        at = np.asarray(order, dtype=np.int64)
        ids = mine.ids + read.ids
        held = Held(
            [ids[i] for i in order],
            np.concatenate([mine.signatures, read.signatures])[at],
            np.concatenate([mine.sizes, read.sizes])[at],
        )
    first_at: dict[str, int] = {}
    for i, c in enumerate(held.ids):
        first_at.setdefault(c, i)  # an article twice (a stale entry): its first place
    if len(first_at) == len(held.ids):
        return held
    first = sorted(first_at.values())
    at = np.asarray(first, dtype=np.int64)
    return Held([held.ids[i] for i in first], held.signatures[at], held.sizes[at])


@dataclass(frozen=True)
class DuplicateMatch:
    """The stored article an incoming one copies."""

    article_id: str
    kind: Literal["exact", "near"]
    similarity: float  # 1.0 for exact copies; the shingle Jaccard for near ones


class Deduper:
    """Finds stored articles that an incoming article copies, exactly or nearly.

    A near copy needs a shingle Jaccard of at least ``threshold``, or (for a trimmed copy) a
    containment of at least ``min_containment`` with a shorter side of ``min_shingles`` or more.
    """

    def __init__(
        self,
        archive: Archive,
        *,
        threshold: float = 0.6,
        min_containment: float = 0.8,
        min_shingles: int = 30,
    ) -> None:
        self.archive = archive
        self.threshold = threshold
        self.min_containment = min_containment
        self.min_shingles = min_shingles

    def find(self, article: Article, fp: Fingerprint | None = None) -> DuplicateMatch | None:
        fp = fp or fingerprint(article.text)
        same = self.archive.stored_copy(article.id, fp.text_hash)  # this id first
        if same is not None:
            return DuplicateMatch(same, "exact", 1.0)
        return self.find_near(fp)

    def find_near(self, fp: Fingerprint) -> DuplicateMatch | None:
        """The stored article this one copies nearly (the exact check made already)."""
        best: DuplicateMatch | None = None
        index = index_of(self.archive)
        with index.lock:  # (another thread's connection may be changing it)
            index.sync(self.archive, fp.band_keys)
            held = _held(index, self.archive, index.candidates(fp.band_keys))
            if not held.ids:
                return None
            # the estimated Jaccard of the article with each candidate: the share of equal
            # values
            estimates = (held.signatures == fp.signature).mean(axis=1)
            keep = self._may_copy(fp, held.sizes, estimates)
            survivors = [c for c, ok in zip(held.ids, keep.tolist(), strict=True) if ok]
            sets = index.held_sets(survivors)
            unread = [c for c in survivors if c not in sets]
            if unread:
                read = self.archive.shingle_sets(unread)  # one round trip for all of them
                index.keep_sets(self.archive, read)
                sets.update(read)
        unset = [c for c in survivors if c not in sets]
        texts = self.archive.article_texts(unset)  # stored before the sets were
        mine = fp.sorted_shingles
        for candidate in survivors:
            blob = sets.get(candidate)
            if blob is not None:
                other = np.frombuffer(blob, dtype=np.uint32)
            elif candidate in texts:
                other = shingle_array(shingles(texts[candidate]))
            else:
                continue
            shared = overlap(mine, other)
            union = len(mine) + len(other) - shared
            sim = shared / union if len(mine) and len(other) else 0.0
            small = min(len(mine), len(other))
            copy = sim >= self.threshold or (
                small >= self.min_shingles and shared / small >= self.min_containment
            )
            if copy and (best is None or sim > best.similarity):
                best = DuplicateMatch(candidate, "near", round(sim, 4))
        return best

    def _may_copy(
        self, fp: Fingerprint, sizes: NDArray[np.int64], est: NDArray[np.float64]
    ) -> NDArray[np.bool_]:
        """False only where the signatures say the candidate cannot be a copy (see the module
        doc): its estimated Jaccard ``est`` lies ``SCREEN_SIGMAS`` standard errors below the
        least Jaccard a copy of these sizes can have (a candidate whose size or signature is
        unknown, -1, or an article without shingles, is always verified)."""
        if not fp.shingles:
            return np.ones(len(sizes), dtype=bool)
        mine = len(fp.shingles)
        small, large = np.minimum(sizes, mine), np.maximum(sizes, mine)
        least = np.full(len(sizes), self.threshold)
        m = self.min_containment
        trimmed = small >= self.min_shingles  # a trimmed copy contained in the other
        with np.errstate(divide="ignore", invalid="ignore"):
            contained = m * small / (small + large - m * small)
        least = np.where(trimmed, np.minimum(least, contained), least)
        bound = least - SCREEN_SIGMAS * np.sqrt(least * (1 - least) / NUM_PERM)
        keep: NDArray[np.bool_] = (sizes <= 0) | (est >= bound)
        return keep

    def remember(self, article_id: str, fp: Fingerprint) -> None:
        """Index a newly stored article so later copies of it are found (its arrival number
        is read when the index next needs it: on PostgreSQL nothing waits for the server
        here)."""
        signature = fp.signature.tobytes()
        shingle_set = fp.sorted_shingles.tobytes()
        arrival = self.archive.save_signature(
            article_id, signature, shingles=len(fp.shingles), shingle_set=shingle_set
        )
        row = (article_id, signature, len(fp.shingles))
        index_of(self.archive).stored_later(self.archive, arrival, row, fp.band_keys, shingle_set)
