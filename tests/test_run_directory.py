"""The directory in front of a large sorted run (``stories.runs``): a lookup through it gives
exactly ``np.searchsorted``'s answers, and the index's candidates are those a plain binary
search gives."""

from __future__ import annotations

import numpy as np
import pytest

from newsbrief.stories import runs
from newsbrief.stories.lsh import LshIndex, band_keys
from newsbrief.stories.runs import bounds, directory, limits, run
from newsbrief.stories.signatures import NUM_PERM

_TOP = 2**64 - 1


def _run_keys(rng: np.random.Generator, n: int, per_bucket: int) -> np.ndarray:
    """A sorted run's keys: random 64-bit keys, some crowded buckets (up to ``per_bucket``
    equal keys), keys at 0 and at 2**64 - 1, and a band of the key space left empty."""
    keys = rng.integers(0, 2**64, size=n, dtype=np.uint64, endpoint=False)
    keys[(keys >> np.uint64(60)) == 5] = 0  # cells of a sixteenth of the keys all empty
    crowded = rng.integers(0, 2**64, size=4, dtype=np.uint64)
    extra = [np.full(int(rng.integers(1, per_bucket + 1)), c, dtype=np.uint64) for c in crowded]
    edges = [np.zeros(int(rng.integers(0, 3)), np.uint64), np.full(2, _TOP, np.uint64)]
    keys = np.concatenate([keys[: max(0, n - 2 * per_bucket)], *extra, *edges])
    seqs = np.arange(1, len(keys) + 1, dtype=np.int64)
    return run(keys, seqs, per_bucket)[0]


def _queries(rng: np.random.Generator, keys: np.ndarray) -> list[np.ndarray]:
    """Keys in the run (crowded ones too), their neighbours, random keys, the ends of the key
    space, and the first and last keys of cells, in lots of 32."""
    found = directory(keys)
    near = rng.choice(keys, size=64) if len(keys) else np.zeros(0, np.uint64)
    with np.errstate(over="ignore"):
        pool = [near, near + np.uint64(1), near - np.uint64(1)]
    pool.append(rng.integers(0, 2**64, size=64, dtype=np.uint64, endpoint=False))
    pool.append(np.array([0, 1, _TOP, _TOP - 1, 2**63, 2**63 - 1], dtype=np.uint64))
    if found is not None:
        cells = rng.integers(0, len(found[0]), size=32).astype(np.uint64) << found[1]
        with np.errstate(over="ignore"):
            pool += [cells, cells - np.uint64(1)]
    every = np.concatenate(pool)
    rng.shuffle(every)
    return [every[i : i + 32] for i in range(0, len(every), 32)]


@pytest.mark.parametrize("n", [1, 2, 17, 300, 5000, 70_000])
def test_a_lookup_through_the_directory_is_a_binary_search(
    n: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runs, "DIRECTORY_FROM", 1)  # a directory for every run, however small
    rng = np.random.default_rng(n)
    for per_bucket in (1, 5, 64):
        keys = _run_keys(rng, n, per_bucket) if n > 1 else np.array([7], dtype=np.uint64)
        found = directory(keys)
        assert found is not None
        assert found[0].nbytes <= max(8, len(keys) // 2)  # under half a byte per entry
        for query in _queries(rng, keys):
            lo, hi = bounds(keys, found, query, limits(query))
            assert lo.tolist() == np.searchsorted(keys, query, side="left").tolist()
            assert hi.tolist() == np.searchsorted(keys, query, side="right").tolist()
            assert [a.tolist() for a in bounds(keys, found, query)] == [lo.tolist(), hi.tolist()]


def test_only_large_runs_get_a_directory() -> None:
    assert directory(np.arange(100, dtype=np.uint64)) is None
    large = np.sort(np.random.default_rng(1).integers(0, 2**64, 70_000, dtype=np.uint64))
    found = directory(large)
    assert found is not None and 8 <= len(large) / len(found[0]) <= 16


def test_candidates_are_those_of_a_plain_binary_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stream with families of near copies and a shared boilerplate band, over several runs
    and the buffer: read through directories, or searched plainly, the same candidates in the
    same order."""
    monkeypatch.setattr(runs, "DIRECTORY_FROM", 64)
    rng = np.random.default_rng(4)
    index = LshIndex(buffer=40)
    signatures: list[np.ndarray] = []
    for seq in range(1, 1200):
        if signatures and rng.random() < 0.4:  # a near copy of an earlier one
            sig = signatures[int(rng.integers(0, len(signatures)))].copy()
            sig[rng.integers(0, NUM_PERM, 6)] = rng.integers(0, 2**32, 6, dtype=np.uint32)
        else:
            sig = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32)
        if rng.random() < 0.3:
            sig[:4] = 9  # boilerplate: a crowded bucket in band 0
        signatures.append(sig)
        index._add((seq, f"a{seq}", b"", None), band_keys(sig)[0])
    assert len(index._runs) >= 2 and index._buffered
    assert sum(d is not None for d in index._directories) >= 2
    plain = LshIndex(buffer=40)
    plain._runs, plain._buffer = index._runs, index._buffer
    plain._directories = [None] * len(index._runs)
    for n in range(200):
        sig = signatures[int(rng.integers(0, len(signatures)))].copy()
        sig[rng.integers(0, NUM_PERM, n % 12)] = rng.integers(0, 2**32, n % 12, dtype=np.uint32)
        query = band_keys(sig)[0]
        for limit in (5, 50):
            assert index.candidates(query, limit) == plain.candidates(query, limit)
