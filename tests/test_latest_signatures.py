"""The latest signatures held in memory by the near-duplicate index (``stories.signatures``),
the one-query exact-copy lookup, and the index's runs trimmed to what a lookup reads."""

from __future__ import annotations

import math
import random
from pathlib import Path

import numpy as np
import pytest

from newsbrief.ingest.batch import Ingestor
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Article
from newsbrief.store import Archive
from newsbrief.stories.dedupe import SCREEN_SIGMAS, Deduper, DuplicateMatch, _held, fingerprint
from newsbrief.stories.lsh import LshIndex, index_of
from newsbrief.stories.runs import distinct, merge, run
from newsbrief.stories.signatures import NUM_PERM, LatestSignatures

_WORDS = tuple(
    " ".join(
        [
            "harbor council budget river vote bridge school storm mayor union strike court",
            "ruling price market tax fire road rail water power grid clinic nurse farm crop",
            "drought rain port ship crew cargo fuel plan report audit police judge jury law",
        ]
    ).split(" ")
)
# every article carries it: the band keys it gives crowd a few buckets
_BOILERPLATE = (
    "This report was prepared by the regional desk with material from partner newsrooms "
    "and will be updated as more information becomes available to our reporters today."
)


def _body(rng: random.Random, sentences: int = 9) -> list[str]:
    return [
        " ".join(rng.choice(_WORDS) for _ in range(rng.randint(9, 14))).capitalize() + "."
        for _ in range(sentences)
    ]


def _article(body: list[str], n: int) -> Article:
    text = " ".join(body) + " " + _BOILERPLATE
    return article_from_text(text, title=f"Story {n}", outlet=f"Outlet {n % 5}")


def _edited(body: list[str], rng: random.Random) -> list[str]:
    """A near copy: the last sentence dropped and one word changed."""
    out = body[:-1]
    words = out[2].split()
    words[3] = "amended"
    return [*out[:2], " ".join(words), *out[3:]]


def test_held_rows_are_found_in_order_and_trimmed_to_the_latest() -> None:
    latest = LatestSignatures(keep=6)
    rng = np.random.default_rng(3)
    sigs = {seq: rng.integers(0, 2**32, NUM_PERM, dtype=np.uint32) for seq in range(1, 12)}
    for seq in (1, 2, 3, 5, 8):
        latest.add(seq, f"a{seq}", sigs[seq].tobytes(), 100 + seq)
    latest.add(4, "late", sigs[4].tobytes(), 1)  # out of arrival order: left to the archive
    latest.add(9, "short", b"\x00" * 12, 50)  # not a whole signature: always verified
    positions, missing = latest.lookup([8, 4, 1, 9, 99])
    assert missing == [4, 99]
    held = latest.take([p for p in positions if p >= 0])
    assert held.ids == ["a8", "a1", "short"]
    assert held.sizes.tolist() == [108, 101, -1]
    assert (held.signatures[0] == sigs[8]).all() and (held.signatures[1] == sigs[1]).all()
    for seq in (10, 11):  # past keep + a quarter: the oldest go
        latest.add(seq, f"a{seq}", sigs[seq].tobytes(), None)
    assert len(latest) <= 7
    positions, missing = latest.lookup([1, 11, 10, 9])
    assert missing == [1] and -1 not in positions[1:]
    assert latest.take(positions[1:]).sizes.tolist() == [-1, -1, -1]


def test_a_lookup_finds_the_same_copies_held_in_memory_or_read_from_the_archive(
    archive_target: Path | str,
) -> None:
    """The same matches (article, kind, similarity) whether the candidates' signatures are
    held in memory, all read from the archive, or some of each."""
    rng = random.Random(5)
    bodies = [_body(rng) for _ in range(30)]
    with Archive.open(archive_target) as archive:
        ingestor = Ingestor(archive, analyze=False)
        for n, body in enumerate(bodies):
            ingestor.add(_article(body, n))
        probes = [_article(_edited(body, rng), 100 + n) for n, body in enumerate(bodies[:12])]
        probes += [_article(_body(rng), 200 + n) for n in range(6)]  # no copy stored
        index = index_of(archive)
        results: dict[int, list[DuplicateMatch | None]] = {}
        for keep in (100_000, 0, 7):
            index.latest.keep = keep
            index.built = False  # rebuilt on the next lookup, holding the latest ``keep``
            with archive.transaction():
                results[keep] = [Deduper(archive).find(p, fingerprint(p.text)) for p in probes]
            assert len(index.latest) == min(keep, len(bodies))
    assert results[0] == results[100_000] == results[7]
    found = results[0]
    assert all(m is not None and m.kind == "near" for m in found[:12])
    assert [m.article_id for m in found[:12] if m] == [_article(b, 0).id for b in bodies[:12]]
    assert found[12:] == [None] * 6


def test_an_exact_copy_is_looked_up_by_id_first_then_by_the_earliest_text(
    archive: Archive,
) -> None:
    first = article_from_text("The river rose two meters overnight. " * 8, title="Flood")
    second = first.model_copy(update={"id": "second-run", "title": "Flood, again"})
    archive.save_article(first)
    archive.save_article(second)  # stored as is: the same words under another id
    words = fingerprint(first.text).text_hash
    assert archive.stored_copy("second-run", words) == "second-run"
    assert archive.stored_copy("a-new-id", words) == first.id
    assert archive.stored_copy("a-new-id", "no-such-hash") is None
    assert archive.stored_copy(first.id, "no-such-hash") == first.id


@pytest.mark.parametrize("per_bucket", [1, 3])
def test_runs_keep_only_what_a_lookup_reads(per_bucket: int) -> None:
    """A crowded bucket keeps its latest ``per_bucket`` entries in a run, and the candidates
    are those an index keeping everything gives."""
    rng = np.random.default_rng(2)
    trimmed = LshIndex(per_bucket=per_bucket, buffer=16)
    keys = [rng.integers(0, 6, size=32).astype(np.uint64) + np.arange(32) * 10 for _ in range(90)]
    for seq, row in enumerate(keys, start=1):
        trimmed._add((seq, f"a{seq}", b"", None), row)
    assert len(trimmed._runs) >= 1
    assert len(trimmed) == len(keys)  # articles, however few entries their runs keep
    for run_keys, _ in trimmed._runs:
        assert np.unique(run_keys, return_counts=True)[1].max() <= per_bucket
    for query in keys[::7]:
        held: dict[int, int] = {}
        for band, key in enumerate(query.tolist()):
            bucket = [s for s, row in enumerate(keys, start=1) if int(row[band]) == key]
            for seq in bucket[-per_bucket:]:
                held[seq] = held.get(seq, 0) + 1
        expected = sorted(held, key=lambda s: (-held[s], -s))[:50]
        assert trimmed.candidates(query) == expected


@pytest.mark.parametrize("in_order", [True, False])
def test_merging_two_runs_gives_the_run_of_all_their_entries(in_order: bool) -> None:
    """Two runs merged are the run their entries make together: sorted by key, then arrival,
    each key's latest ``per_bucket`` kept; also when the newer run holds an arrival older
    than some of the older run's (a signature stored late), where the fast merge cannot
    be used."""
    rng = np.random.default_rng(5)
    for trial in range(40):
        n1, n2 = int(rng.integers(0, 300)), int(rng.integers(0, 300))
        spread = int(rng.integers(1, 40))  # few keys: crowded buckets
        k1 = rng.integers(0, spread, size=n1).astype(np.uint64)
        k2 = rng.integers(0, spread, size=n2).astype(np.uint64)
        s1 = np.arange(1, n1 + 1, dtype=np.int64)
        s2 = np.arange(n1 + 1, n1 + n2 + 1, dtype=np.int64)
        if not in_order and n1 and n2:
            s2[int(rng.integers(0, n2))] = int(rng.integers(1, n1 + 1))  # one stored late
        per_bucket = int(rng.integers(1, 8))
        older, newer = run(k1, s1, per_bucket), run(k2, s2, per_bucket)
        merged = merge(older, newer, per_bucket)
        expected = run(
            np.concatenate([older[0], newer[0]]), np.concatenate([older[1], newer[1]]), per_bucket
        )
        assert merged[0].tolist() == expected[0].tolist(), trial
        assert merged[1].tolist() == expected[1].tolist(), trial


def test_distinct_values_are_numpys_unique() -> None:
    rng = np.random.default_rng(6)
    for n in (0, 1, 2, 50, 3000):
        values = rng.integers(0, max(1, n // 3), size=n).astype(np.int64)
        assert distinct(values).tolist() == np.unique(values).tolist()


def test_the_candidates_rows_match_the_archive_in_candidate_order(
    archive_target: Path | str,
) -> None:
    """Held and archive-read rows interleaved in the order asked, as the archive has them;
    a number no longer stored is left out."""
    rng = random.Random(8)
    with Archive.open(archive_target) as archive:
        ingestor = Ingestor(archive, analyze=False)
        for n in range(20):
            ingestor.add(_article(_body(rng), n))
        index = index_of(archive)
        index.latest.keep = 6
        index.built = False
        index.sync(archive)
        seqs = [int(r[0]) for r in archive._conn.execute("SELECT seq FROM minhashes")]
        rng.shuffle(seqs)
        asked = [*seqs[:8], 10**9, *seqs[8:]]  # the latest 6 held, the rest read
        got = _held(index, archive, asked)
        stored = archive.signatures_at(asked)
        expected = [stored[s] for s in asked if s in stored]
        assert got.ids == [row[0] for row in expected]
        assert [bytes(sig.tobytes()) for sig in got.signatures] == [row[1] for row in expected]
        assert got.sizes.tolist() == [row[2] for row in expected]


def _may_copy_by_hand(d: Deduper, mine: int, size: int, est: float) -> bool:
    """The screen written out for one candidate: dropped only when the estimate lies
    SCREEN_SIGMAS standard errors below the least Jaccard a copy of these sizes can have."""
    if size <= 0 or mine == 0:
        return True
    least = d.threshold
    small, large = min(mine, size), max(mine, size)
    if small >= d.min_shingles:
        m = d.min_containment
        least = min(least, m * small / (small + large - m * small))
    return est >= least - SCREEN_SIGMAS * math.sqrt(least * (1 - least) / NUM_PERM)


def test_the_screen_drops_only_what_cannot_be_a_copy() -> None:
    d = Deduper.__new__(Deduper)
    d.threshold, d.min_containment, d.min_shingles = 0.6, 0.8, 30
    sizes = np.array([-1, 0, 5, 29, 30, 31, 60, 100, 250, 400, 1000], dtype=np.int64)
    for mine in (0, 10, 40, 120, 600):
        fp = fingerprint(" ".join(f"w{i}" for i in range(mine + 4)) if mine else "")
        assert len(fp.shingles) == mine
        for est in np.linspace(0.0, 1.0, 129):
            got = d._may_copy(fp, sizes, np.full(len(sizes), est)).tolist()
            assert got == [_may_copy_by_hand(d, mine, int(s), float(est)) for s in sizes]


def test_holding_many_at_once_holds_what_one_at_a_time_does() -> None:
    rng = np.random.default_rng(4)
    rows = [
        (
            seq,
            f"a{seq}",
            b"\x01" * 8 if seq % 9 == 0 else rng.integers(0, 2**32, NUM_PERM, np.uint32).tobytes(),
            None if seq % 7 == 0 else 50 + seq,
        )
        for seq in range(3, 120, 2)
    ]
    one, many = LatestSignatures(keep=25), LatestSignatures(keep=25)
    for row in rows:
        one.add(*row)
    for start in range(0, len(rows), 13):  # pages, as the index is built
        many.extend(rows[start : start + 13])
    many.extend(rows[5:8])  # not after the latest held: nothing changes
    asked = [r[0] for r in rows[-25:]] + [4, 10**6]  # the latest ``keep``: held by both
    got_one, missing_one = one.lookup(asked)
    got_many, missing_many = many.lookup(asked)
    assert missing_one == missing_many == [4, 10**6]
    assert many.lookup([rows[-26][0]])[1] == [rows[-26][0]]  # and no more than that
    held_one = one.take([p for p in got_one if p >= 0])
    held_many = many.take([p for p in got_many if p >= 0])
    assert held_one.ids == held_many.ids == [r[1] for r in rows[-25:]]
    assert (held_one.signatures == held_many.signatures).all()
    assert held_one.sizes.tolist() == held_many.sizes.tolist()
    assert -1 in held_many.sizes.tolist()
    many.add(200, "a200", rows[-1][2], 3)  # and it goes on taking them one at a time
    assert many.lookup([200])[1] == []


def test_a_lookup_waits_only_for_the_signatures_it_could_find(
    archive: Archive,
) -> None:
    """Signatures stored in the same transaction are taken in (on PostgreSQL, after waiting
    for their arrival numbers) only when a lookup shares a band key with one of them; a near
    copy of one of them is still found, and all are held once the transaction commits."""
    rng = random.Random(11)
    first, other = _body(rng), _body(rng)
    texts = [" ".join(first), " ".join(other), " ".join(_edited(first, rng))]
    articles = [
        article_from_text(t, title=f"Story {n}", outlet=f"O{n}") for n, t in enumerate(texts)
    ]
    ingestor = Ingestor(archive, analyze=False)
    index = index_of(archive)
    with archive.transaction():
        assert ingestor.add(articles[0]).status == "new"
        assert ingestor.add(articles[1]).status == "new"  # shares no band key with the first
        assert len(index._pending) == 2  # the first was not waited for
        copy = ingestor.add(articles[2])
        assert copy.status == "duplicate" and copy.article_id == articles[0].id
        assert copy.detail.startswith("near copy")
        assert not index._pending  # both taken in before its lookup (a copy is not indexed)
        assert len(index) == 2
    assert not index._pending and len(index) == 2
