"""The near-duplicate candidate index: LSH band keys of the stored signatures, in memory.

An article's MinHash signature is cut into ``BANDS`` bands; articles whose signatures agree on a
whole band are candidates for a near copy (see ``dedupe``). The archive stores only the
signatures, keyed by arrival (the article's rowid, ``seq``); the band keys live here, in the
process that writes, as sorted numpy runs (a few bytes per band, ~0.5 KiB per article) plus a
small buffer of the latest additions; the latest signatures themselves are held beside them
(``signatures.LatestSignatures``), so screening the candidates reads nothing. Nothing is written
per band, so an article costs one appended signature row however large the archive grows, where
32 bucket rows scattered over a large B-tree made each commit slower as the archive grew.

Staying true to the archive:

- built on first use in a process from the stored signatures (the latest ``WINDOW`` of them:
  ~0.3 s per 100,000 here), and kept for the database while the process lives;
- before the first lookup of a write transaction, :meth:`LshIndex.sync` reads the signatures
  stored since the last one it holds (another process's): one index range read, usually of
  one row; later in the transaction no other writer can store one, and this connection's own
  are added as they are stored (:meth:`LshIndex.stored`);
- a rolled-back transaction, or a deleted article, is noticed when the last signature it holds
  is no longer stored as it was: then it is rebuilt. Entries of articles deleted earlier stay
  until a rebuild and are harmless: a candidate no longer stored is skipped (its shingle set,
  which verifying needs, is gone with it).

The latest shingle sets are held too (``signatures.LatestSets``: those this process stored or
read), so verifying a copy of a recent article reads nothing. A set held is one the archive
still held when the write transaction began: the catch-up reads, in the same query, the
archive's count of deleted or rewritten sets (kept by triggers, migration 15), and when it has
moved every held set is let go; sets held during a transaction that rolls back are let go with it.

A lookup keeps, of each band's bucket, its latest ``PER_BUCKET`` articles (a crowded bucket is
boilerplate many articles share: no evidence of a copy, and reading all of it would cost more
as the archive grows), and returns the ``limit`` articles sharing the most bands, the latest
first among equals. A run keeps only a bucket's latest ``PER_BUCKET`` entries: the rest
would never be read, and only make the run larger and its binary searches slower.

One index serves every connection of the process to its database, so its methods run under its
lock (``LshIndex.lock``): two threads ingesting at once must not change it under each other.

Long module: the index, its catch-up with the archive and its lookup share one state and its
invariants, which split modules would have to expose.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from newsbrief.stories.runs import distinct, merge, run, since
from newsbrief.stories.signatures import NUM_PERM, LatestSets, LatestSignatures

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from newsbrief.store import Archive
    from newsbrief.store.signatures import SignatureRow

BANDS = 32  # of NUM_PERM // BANDS values each
WINDOW = 1_000_000  # about this many latest articles are indexed (~0.5 KiB each)
PER_BUCKET = 64  # latest articles read per bucket
BUFFER = 2048  # articles added before the buffer becomes a sorted run
PAGE = 20_000  # signatures read from the archive at a time
_SEQ_BITS = 40  # a (band, arrival) pair packed in one integer: arrivals stay under 2**40
_SEQ_MASK = (1 << _SEQ_BITS) - 1

_PRIME = np.uint64(0x100000001B3)  # FNV-1a's 64-bit prime


def _salts() -> NDArray[np.uint64]:
    """One fixed 64-bit start value per band, so equal rows in two bands give two keys."""
    return np.array(
        [
            int.from_bytes(hashlib.sha256(f"lsh-band:{b}".encode()).digest()[:8], "little")
            for b in range(BANDS)
        ],
        dtype=np.uint64,
    )


_SALTS = _salts()


def band_keys(signatures: NDArray[np.uint32]) -> NDArray[np.uint64]:
    """The band keys of signatures, shape (n, ``BANDS``): an FNV-1a-style hash of each band's
    rows, started from the band's salt (two different bands rarely share a key; when they do,
    the candidate is screened like any other). ``signatures`` is (n, NUM_PERM) or one row."""
    sig = np.atleast_2d(signatures).astype(np.uint64)
    rows = sig.reshape(len(sig), BANDS, -1)
    key = np.broadcast_to(_SALTS, (len(sig), BANDS)).copy()
    with np.errstate(over="ignore"):
        for r in range(rows.shape[2]):
            key ^= rows[:, :, r]
            key *= _PRIME
        key ^= key >> np.uint64(29)  # spread the high bits' mixing into the low ones
    return key


_T = TypeVar("_T")


def _locked(method: Callable[..., _T]) -> Callable[..., _T]:
    """Run under the index's lock: one index serves every connection of a process to its
    database, and two threads ingesting at once (a web server's submissions, two ingests in
    one program) must not change it under each other."""

    @functools.wraps(method)
    def run(self: LshIndex, *args: Any, **kwargs: Any) -> _T:
        with self.lock:
            return method(self, *args, **kwargs)

    return run


class LshIndex:
    """Band keys of an archive's stored signatures, in memory (see the module doc)."""

    def __init__(
        self, *, window: int = WINDOW, per_bucket: int = PER_BUCKET, buffer: int = BUFFER
    ) -> None:
        self.lock = threading.RLock()
        self.window = window
        self.per_bucket = per_bucket
        self.buffer = buffer
        self.built = False
        self._runs: list[tuple[NDArray[np.uint64], NDArray[np.int64]]] = []
        self._buffer: defaultdict[int, list[int]] = defaultdict(list)
        self._buffered = 0
        self._last: tuple[int, str] | None = None  # the latest (seq, article_id) held
        self._turn: int | None = None  # the write transaction the index was last synced in
        self.latest = LatestSignatures()  # the latest signatures themselves (``signatures``)
        self.sets = LatestSets()  # and the latest shingle sets, while no set has been deleted
        self._changes: int | None = None  # the archive's count of deleted or rewritten sets
        self._turn_sets: list[str] = []  # sets held since the write transaction began
        self._count = 0  # articles indexed
        # stored by this connection, their arrival numbers not yet read (``stored_later``)
        self._pending: list[
            tuple[
                Archive,
                Callable[[], int | None],
                tuple[str, bytes, int | None],
                NDArray[np.uint64],
                bytes | None,
            ]
        ] = []
        self._pending_keys: set[int] = set()  # their band keys

    # ------------------------------------------------------------------ staying in step

    @_locked
    def sync(self, archive: Archive, keys: NDArray[np.uint64] | None = None) -> None:
        """Take in the signatures the archive stored since the last one held (rebuilding when
        that one is gone: a rollback, a deletion, another database at the same place).

        ``keys``: the band keys of the lookup to come. The signatures this connection stored
        in this transaction are left pending when none of them shares a key with it: the
        lookup cannot find them, and taking them in waits for their arrival numbers (on
        PostgreSQL, for the server to have stored them). They are taken in at commit."""
        turn = archive.write_turn
        if self._pending and not (
            keys is not None
            and turn is not None
            and turn == self._turn
            and self.built
            and self._pending_keys.isdisjoint(np.asarray(keys, dtype=np.uint64).tolist())
        ):
            self.settle()
        if turn is not None and turn == self._turn and self.built:
            return  # synced earlier in this transaction: no other writer can have stored since
        self._turn = turn
        self._turn_sets = []
        if not self.built or self._last is None:
            self._build(archive)
            return
        changes, rows = archive.signatures_since(self._last[0], PAGE)
        self._note_changes(changes)
        if not rows or rows[0][:2] != self._last:
            self._build(archive)
            return
        self._take(rows[1:])
        while len(rows) == PAGE:  # another writer stored many since: read on, a page at a time
            rows = archive.signature_rows(rows[-1][0] + 1, PAGE)
            self._take(rows)

    @_locked
    def stored(
        self,
        archive: Archive,
        row: SignatureRow,
        keys: NDArray[np.uint64],
        shingle_set: bytes | None = None,
    ) -> None:
        """Take in a signature this connection just stored (``row``: seq, article id,
        signature, shingle count), and the shingle set stored with it. An article stored long
        ago and only now given a signature sits before the last one held, where catching up
        does not look: it is added as it is (a duplicate entry is harmless)."""
        seq = row[0]
        turn = archive.write_turn
        ahead = self._last is None or seq > self._last[0]
        if ahead and self.built and turn is not None and turn == self._turn:
            # synced earlier in this transaction: this is the next signature stored
            self._add(row, keys, shingle_set)
            return
        self.sync(archive)
        if self._last is not None and seq < self._last[0]:
            self._add(row, keys, shingle_set)
        elif shingle_set is not None:  # taken in by the catch-up, which reads no sets
            self._keep(row[1], shingle_set)

    @_locked
    def stored_later(
        self,
        archive: Archive,
        arrival: Callable[[], int | None],
        row: tuple[str, bytes, int | None],
        keys: NDArray[np.uint64],
        shingle_set: bytes | None = None,
    ) -> None:
        """:meth:`stored`, for a signature whose arrival number the archive gives later
        (``Archive.save_signature``): taken in before the next lookup, or when the
        transaction commits; forgotten if it rolls back."""
        self._pending.append((archive, arrival, row, keys, shingle_set))
        self._pending_keys.update(np.asarray(keys, dtype=np.uint64).tolist())
        archive.defer(f"lsh:{id(self)}", self.settle, self._forget)

    @_locked
    def settle(self) -> None:
        """Take in the signatures stored and not yet taken in."""
        pending, self._pending = self._pending, []
        self._pending_keys = set()
        for archive, arrival, (article_id, blob, size), keys, shingle_set in pending:
            seq = arrival()
            if seq is not None:
                self.stored(archive, (seq, article_id, blob, size), keys, shingle_set)

    @_locked
    def _forget(self) -> None:
        """The transaction rolled back: what it stored is not stored."""
        self._pending, self._pending_keys = [], set()
        for article_id in self._turn_sets:
            self.sets.discard(article_id)
        self._turn_sets = []

    def _build(self, archive: Archive) -> None:
        """Read the latest ``window`` signatures, a page at a time (memory stays near the
        index's own size), into one sorted run."""
        self._runs, self._buffer, self._buffered, self._last = [], defaultdict(list), 0, None
        self._count = 0
        self.latest.clear()
        self.sets.clear()
        self._changes = archive.shingle_set_changes()  # read first: a deletion during the
        self.built = True  # build is seen by the next catch-up
        keys: list[NDArray[np.uint64]] = []
        seqs: list[NDArray[np.int64]] = []
        after = archive.first_of_latest_signatures(self.window)
        held_from = archive.first_of_latest_signatures(self.latest.keep)
        while rows := archive.signature_rows(after, PAGE):
            seqs.append(np.array([r[0] for r in rows], dtype=np.int64))
            self._count += len(rows)
            keys.append(band_keys(_signatures([r[2] for r in rows])))
            self.latest.extend([r for r in rows if r[0] >= held_from])
            self._last = rows[-1][:2]
            if len(rows) < PAGE:
                break
            after = rows[-1][0] + 1
        if seqs:
            self._runs = [run(np.concatenate(keys), np.concatenate(seqs), self.per_bucket)]

    def _take(self, rows: list[SignatureRow]) -> None:
        if not rows:
            return
        keys = band_keys(_signatures([r[2] for r in rows]))
        for row, row_keys in zip(rows, keys, strict=True):
            self._add(row, row_keys)

    def _add(
        self, row: SignatureRow, keys: NDArray[np.uint64], shingle_set: bytes | None = None
    ) -> None:
        seq, article_id, blob, size = row
        self.latest.add(seq, article_id, blob, size)
        if shingle_set is not None:
            self._keep(article_id, shingle_set)
        self._count += 1
        for key in keys.tolist():
            self._buffer[key].append(seq)
        self._buffered += 1
        if self._last is None or seq >= self._last[0]:
            self._last = (seq, article_id)
        if self._buffered >= self.buffer:
            self._flush()

    def _flush(self) -> None:
        """Turn the buffer into a sorted run; merge runs of like size (so there are about
        log2(articles / BUFFER) of them), dropping entries older than the window."""
        if not self._buffer:
            return
        pairs = [(k, s) for k, seqs in self._buffer.items() for s in seqs]
        keys = np.fromiter((p[0] for p in pairs), dtype=np.uint64, count=len(pairs))
        seqs = np.fromiter((p[1] for p in pairs), dtype=np.int64, count=len(pairs))
        self._runs.append(run(keys, seqs, self.per_bucket))
        self._buffer, self._buffered = defaultdict(list), 0
        while len(self._runs) > 1 and len(self._runs[-2][0]) <= 2 * len(self._runs[-1][0]):
            older, newer = self._runs[-2], self._runs.pop()
            if self._last is not None:
                oldest = self._last[0] - self.window
                older, newer = since(older, oldest), since(newer, oldest)
            self._runs[-1] = merge(older, newer, self.per_bucket)

    def _note_changes(self, changes: int | None) -> None:
        """The archive's count of deleted or rewritten shingle sets, as the catch-up read it:
        when it has moved, the sets held may be stale, and all are let go."""
        if changes is None or changes != self._changes:
            self.sets.clear()
        self._changes = changes

    # ------------------------------------------------------------------ shingle sets

    @_locked
    def held_sets(self, article_ids: list[str]) -> dict[str, bytes]:
        """The shingle sets held of these articles (as stored when the index last caught up)."""
        return self.sets.get(article_ids)

    @_locked
    def keep_sets(self, archive: Archive, sets: dict[str, bytes]) -> None:
        """Hold shingle sets read from the archive (in this write transaction, if one is
        open: let go if it rolls back)."""
        if archive.write_turn is not None and sets:
            archive.defer(f"lsh:{id(self)}", self.settle, self._forget)
        for article_id, blob in sets.items():
            self._keep(article_id, blob)

    def _keep(self, article_id: str, blob: bytes) -> None:
        if self._changes is not None:
            self.sets.add(article_id, blob)
            if self._turn is not None:
                self._turn_sets.append(article_id)

    # ------------------------------------------------------------------ lookup

    @_locked
    def candidates(self, keys: NDArray[np.uint64], limit: int = 50) -> list[int]:
        """Arrival numbers of the articles sharing at least one band key with ``keys``, those
        sharing the most first (the latest first among equals), at most ``limit``. Of each
        band's bucket, its latest ``per_bucket`` articles count."""
        query = np.asarray(keys, dtype=np.uint64)
        bands: list[NDArray[np.int64]] = []
        seqs: list[NDArray[np.int64]] = []
        # the buffer's entries, gathered as Python ints and made one array: most of a
        # template-heavy stream's bands hit the buffer, an array per band cost more
        buffer_bands: list[int] = []
        buffer_seqs: list[int] = []
        get = self._buffer.get
        for band, key in enumerate(query.tolist()):
            held = get(key)
            if held:
                buffer_bands += [band] * len(held)
                buffer_seqs += held
        if buffer_seqs:
            bands.append(np.array(buffer_bands, dtype=np.int64))
            seqs.append(np.array(buffer_seqs, dtype=np.int64))
        every_band = np.arange(len(query), dtype=np.int64)
        for run_keys, run_seqs in self._runs:
            lo = np.searchsorted(run_keys, query, side="left")
            hi = np.searchsorted(run_keys, query, side="right")
            # a run is sorted by key, then arrival: a crowded bucket's latest are its last
            start = np.maximum(lo, hi - self.per_bucket)
            sizes = hi - start
            total = int(sizes.sum())
            if not total:
                continue
            # the positions start[b] … hi[b] - 1 of every band b, in one array
            firsts = np.cumsum(sizes) - sizes
            at = np.repeat(start - firsts, sizes) + np.arange(total)
            bands.append(np.repeat(every_band, sizes))
            seqs.append(run_seqs[at])
        if not seqs:
            return []
        # each band's distinct arrivals, in order of band, then arrival
        pairs = distinct((np.concatenate(bands) << _SEQ_BITS) | np.concatenate(seqs))
        band_of = pairs >> _SEQ_BITS
        # of each band, its latest per_bucket: those fewer than that from the band's end
        from_end = np.searchsorted(band_of, band_of, side="right") - np.arange(len(pairs))
        kept = pairs[from_end <= self.per_bucket] & _SEQ_MASK
        found, shared = np.unique(kept, return_counts=True)
        ranked = np.lexsort((-found, -shared))[:limit]  # most bands shared, then the latest
        return [int(seq) for seq in found[ranked]]

    def __len__(self) -> int:
        """The articles indexed (those added since the last build, counted as added)."""
        return self._count


def _signatures(blobs: list[bytes]) -> NDArray[np.uint32]:
    """Stored signature blobs as one (n, NUM_PERM) array; a blob of another length (a
    signature that was never computed) becomes a row that matches nothing real."""
    width = NUM_PERM * 4
    empty = b"\xff" * width
    joined = b"".join(b if len(b) == width else empty for b in blobs)
    return np.frombuffer(joined, dtype=np.uint32).reshape(len(blobs), NUM_PERM)


_INDEXES: dict[str, LshIndex] = {}
_INDEXES_LOCK = threading.Lock()


def index_of(archive: Archive) -> LshIndex:
    """The candidate index of the archive's database in this process: one per database, kept
    across openings (a web server opens the archive for each submission; it builds the
    index once and then only catches up)."""
    key = str(archive.path)
    with _INDEXES_LOCK:
        index = _INDEXES.get(key)
        if index is None:
            index = _INDEXES[key] = LshIndex()
    return index
