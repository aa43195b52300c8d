"""Near-duplicate verification on stored shingle sets (migration 13), and on the text for
signatures stored before the sets were; the in-memory candidate index (migration 14)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from samples import FEED_PAGES

from newsbrief.ingest.text import article_from_text
from newsbrief.models import Article
from newsbrief.store import Archive
from newsbrief.stories.dedupe import Deduper, fingerprint, jaccard, shingles
from newsbrief.stories.lsh import LshIndex, band_keys, index_of

PAGES = dict(FEED_PAGES)


def article(slug: str) -> Article:
    page = PAGES[slug]
    return article_from_text(
        page.text, title=page.title, outlet=page.outlet, published=page.published
    )


@pytest.fixture
def archive(archive_target: Path | str) -> Archive:
    opened = Archive.open(archive_target)
    yield opened  # type: ignore[misc]
    opened.close()


def _stored(archive: Archive, copy: str) -> Article:
    src = article(PAGES[copy].copy_of or "")
    archive.save_article(src)
    Deduper(archive).remember(src.id, fingerprint(src.text))
    return src


def test_the_stored_set_is_the_sorted_shingle_set(archive: Archive) -> None:
    src = _stored(archive, "port-03-herald")
    blob = archive.shingle_sets([src.id])[src.id]
    stored = np.frombuffer(blob, dtype=np.uint32)
    assert stored.tolist() == sorted(shingles(src.text))
    assert archive.shingle_sets(["no-such-article"]) == {}


@pytest.mark.parametrize("copy", ["port-03-herald", "drought-03-ledger", "bridge-03-beacon"])
def test_a_copy_is_verified_on_the_stored_set_else_on_the_text(archive: Archive, copy: str) -> None:
    src = _stored(archive, copy)
    incoming = article(copy)
    expected = round(jaccard(shingles(src.text), shingles(incoming.text)), 4)
    with archive.transaction() as conn:  # the text is no longer there to re-shingle
        conn.execute("UPDATE articles SET text = '' WHERE id = ?", (src.id,))
    on_set = Deduper(archive).find(incoming)
    assert on_set is not None
    assert (on_set.article_id, on_set.kind, on_set.similarity) == (src.id, "near", expected)
    with archive.transaction() as conn:  # as stored before migration 13: no set, the text
        conn.execute("UPDATE articles SET text = ? WHERE id = ?", (src.text, src.id))
        conn.execute("DELETE FROM shingle_sets WHERE article_id = ?", (src.id,))
    assert archive.shingle_sets([src.id]) == {}
    assert Deduper(archive).find(incoming) == on_set


def test_an_archive_of_version_12_keeps_its_near_duplicate_index(tmp_path: Path) -> None:
    from newsbrief.store.db import connect
    from newsbrief.store.migrations import MIGRATIONS, applied_versions

    db = tmp_path / "v12.db"
    conn = connect(db)
    applied_versions(conn)
    for version, name, fn in MIGRATIONS:  # the schema as version 12 left it
        if version > 12:
            continue
        conn.execute("BEGIN")
        fn(conn)
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (version, name))
        conn.execute("COMMIT")
    src = article("port-03")
    fp = fingerprint(src.text)
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO articles (id, title, text, text_hash, record, ingested_at)"
        " VALUES (?, ?, ?, 'h', ?, 'then')",
        (src.id, src.title, src.text, src.model_dump_json()),
    )
    conn.execute(
        "INSERT INTO signatures (article_id, minhash, shingles) VALUES (?, ?, ?)",
        (src.id, fp.signature.tobytes(), len(fp.shingles)),
    )
    conn.executemany(  # version 12's bucket rows (their keys no longer matter)
        "INSERT INTO lsh_buckets (band, bucket, article_id) VALUES (?, ?, ?)",
        [(band, 1000 + band, src.id) for band in range(32)],
    )
    conn.execute("COMMIT")
    conn.close()
    with Archive.open(db) as archive:  # migrations 13 and 14: signatures keyed by arrival
        rows = archive._conn.execute("SELECT COUNT(*), MIN(seq) FROM minhashes").fetchone()
        assert tuple(rows) == (1, 1)
        tables = {r[0] for r in archive._conn.execute("SELECT name FROM sqlite_master")}
        assert not tables & {"signatures", "lsh_index", "lsh_buckets"}
        assert archive.get_signature(src.id) == fp.signature.tobytes()
        assert archive.shingle_sets([src.id]) == {}  # stored before: verified on the text
        match = Deduper(archive).find(article("port-03-herald"))
        assert match is not None and (match.article_id, match.kind) == (src.id, "near")


def _signature(band0: int, own: int) -> np.ndarray:
    """A signature whose band 0 rows are ``band0`` and whose other rows are ``own``'s."""
    sig = np.full(128, own, dtype=np.uint32)
    sig[:4] = band0
    return sig


def _store(archive: Archive, text: str, sig: np.ndarray) -> str:
    a = article_from_text(text)
    archive.save_article(a)
    assert archive.save_signature(a.id, sig.tobytes(), shingles=40)() is not None
    return a.id


def test_a_crowded_bucket_gives_its_latest_articles(archive: Archive) -> None:
    ids = [
        _store(archive, f"Story number {i} about the harbour strike.", _signature(7, 100 + i))
        for i in range(6)
    ]
    index = LshIndex(per_bucket=3)
    index.sync(archive)
    seqs = archive.signatures_at(index.candidates(band_keys(_signature(7, 1))[0]))
    assert [seqs[s][0] for s in sorted(seqs, reverse=True)] == ids[:-4:-1]
    # the article sharing two bands first, then the others, latest first
    query = _signature(7, 1)
    query[4:8] = 103
    order = index.candidates(band_keys(query)[0])
    assert [archive.signatures_at([s])[s][0] for s in order] == [ids[3], ids[5], ids[4]]


def test_runs_and_buffer_answer_alike(archive: Archive) -> None:
    """Candidates are the same whether they sit in the buffer, one run or merged runs."""
    ids = [
        _store(archive, f"Report {i} on the ferry timetable.", _signature(i % 5, 1000 + i))
        for i in range(40)
    ]
    assert ids[0] != ids[1]
    buffered = LshIndex(buffer=10_000)
    merged = LshIndex(buffer=3)  # built, then fed one article at a time
    merged.built = True
    merged._take(archive.signature_rows(after=0))
    assert merged._runs and len(merged) == 40 and len(buffered) == 0
    buffered.sync(archive)
    for band0 in range(5):
        query = band_keys(_signature(band0, 1))[0]
        got = buffered.candidates(query)
        assert got == merged.candidates(query)
        assert {archive.signatures_at([s])[s][0] for s in got} == set(ids[band0::5])


def _ids(archive: Archive, index: LshIndex, slug: str) -> set[str]:
    """The stored articles the index offers as candidates for a copy of this page."""
    seqs = index.candidates(fingerprint(article(slug).text).band_keys)
    return {row[0] for row in archive.signatures_at(seqs).values()}


def test_a_writer_catches_up_with_another_and_forgets_a_rollback(
    archive_target: Path | str,
) -> None:
    """Two writers on one archive (two processes, say), each with its own index: each sees
    the other's articles as near-copy candidates; what a rolled-back transaction indexed is
    forgotten, even when the other writer's next article takes its place (SQLite reuses the
    rowid)."""
    with Archive.open(archive_target) as one, Archive.open(archive_target) as two:
        mine, theirs = LshIndex(), LshIndex()
        first = article("port-03")
        one.save_article(first)
        one.save_signature(first.id, fingerprint(first.text).signature.tobytes())()
        mine.sync(one)
        theirs.sync(two)
        assert _ids(two, theirs, "port-03-herald") == {first.id}
        other = article("drought-03")
        two.save_article(other)
        Deduper(two).remember(other.id, fingerprint(other.text))
        mine.sync(one)
        assert _ids(one, mine, "drought-03-ledger") == {other.id}

        lost = article("bridge-03")
        with pytest.raises(RuntimeError), one.transaction():
            one.save_article(lost)
            one.save_signature(lost.id, fingerprint(lost.text).signature.tobytes())()
            mine.sync(one)
            assert _ids(one, mine, "bridge-03-beacon") == {lost.id}
            raise RuntimeError("the chunk failed")
        later = article("bridge-01")
        two.save_article(later)
        two.save_signature(later.id, fingerprint(later.text).signature.tobytes())()
        mine.sync(one)
        assert len(mine) == 3
        assert lost.id not in _ids(one, mine, "bridge-03-beacon")
        assert Deduper(one).find(article("bridge-03-beacon")) is None


def test_within_one_transaction_the_index_holds_what_it_stored(archive_target: Path | str) -> None:
    """In a write transaction the index reads the archive once; the articles stored after that
    are added as they are, so a copy of one of them later in the same transaction is found."""
    with Archive.open(archive_target) as archive:
        deduper = Deduper(archive)
        with archive.transaction():
            turn = archive.write_turn
            assert turn is not None
            for slug in ("port-03", "drought-03", "bridge-03"):
                src = article(slug)
                assert deduper.find(src) is None
                archive.save_article(src)
                deduper.remember(src.id, fingerprint(src.text))
            for copy, slug in (("drought-03-ledger", "drought-03"), ("port-03-herald", "port-03")):
                match = deduper.find(article(copy))
                assert match is not None and match.article_id == article(slug).id
            assert archive.write_turn == turn
        assert archive.write_turn is None
        with archive.transaction():
            assert archive.write_turn not in (None, turn)
            match = deduper.find(article("bridge-03-beacon"))
            assert match is not None and match.article_id == article("bridge-03").id


def test_one_index_per_database_in_a_process(archive_target: Path | str) -> None:
    """Opening the archive again (a web server does, per submission) keeps the index: it is
    built once, then only catches up."""
    src = article("port-03")
    with Archive.open(archive_target) as archive:
        archive.save_article(src)
        Deduper(archive).remember(src.id, fingerprint(src.text))
        index = index_of(archive)
        assert index.built
    with Archive.open(archive_target) as again:
        assert index_of(again) is index
        match = Deduper(again).find(article("port-03-herald"))
        assert match is not None and match.article_id == src.id


def test_build_and_catch_up_read_a_page_at_a_time_and_keep_the_window(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index is built, and caught up after another writer's many articles, a page at a
    time (memory stays near the index's own size); a window keeps only the latest."""
    from newsbrief.stories import lsh

    monkeypatch.setattr(lsh, "PAGE", 3)
    ids = [
        _store(archive, f"Bulletin {i} on the canal works.", _signature(i % 4, 2000 + i))
        for i in range(10)
    ]
    whole, latest = LshIndex(), LshIndex(window=4)
    whole.sync(archive)
    latest.sync(archive)
    assert len(whole) == 10 and len(latest) == 4
    query = band_keys(_signature(1, 7))[0]
    got = {archive.signatures_at([s])[s][0] for s in latest.candidates(query)}
    assert got == {ids[9]}  # of the band-0 group (1, 5, 9), only 9 is among the latest 4
    more = [
        _store(archive, f"Notice {i} on the lock gates.", _signature(9, 3000 + i)) for i in range(7)
    ]
    whole.sync(archive)
    assert len(whole) == 17
    got = {
        archive.signatures_at([s])[s][0] for s in whole.candidates(band_keys(_signature(9, 1))[0])
    }
    assert got == set(more)


def test_an_old_article_given_its_signature_late_is_found(archive: Archive) -> None:
    """An article stored without a signature (``Archive.save``), given one when a copy of it
    arrives after newer articles: its arrival is before the last one the index holds, where
    catching up does not look; a later near copy still finds it."""
    old = article("drought-03")
    archive.save_article(old)  # no signature
    newer = article("port-03")
    archive.save_article(newer)
    Deduper(archive).remember(newer.id, fingerprint(newer.text))
    assert Deduper(archive).find(article("drought-03-ledger")) is None  # not indexed yet
    Deduper(archive).remember(old.id, fingerprint(old.text))
    match = Deduper(archive).find(article("drought-03-ledger"))
    assert match is not None and match.article_id == old.id


def _ranked_by_hand(index: LshIndex, keys: list[int], limit: int) -> list[int]:
    """What ``candidates`` promises, written out plainly: of each band's bucket its latest
    ``per_bucket`` articles; those sharing the most bands first, then the latest; ``limit``."""
    counts: dict[int, int] = {}
    for key in keys:
        bucket = set(index._buffer.get(key, []))
        for run_keys, run_seqs in index._runs:
            bucket |= {int(s) for k, s in zip(run_keys, run_seqs, strict=True) if int(k) == key}
        for seq in sorted(bucket)[-index.per_bucket :]:
            counts[seq] = counts.get(seq, 0) + 1
    return sorted(counts, key=lambda seq: (-counts[seq], -seq))[:limit]


def test_candidates_rank_as_specified_over_crowded_buckets() -> None:
    """Crowded buckets (keys from a small space, as boilerplate makes them), spread over the
    buffer and several runs: the latest of each bucket, the most shared bands first."""
    rng = np.random.default_rng(11)
    bands = 32
    index = LshIndex(per_bucket=5, buffer=37)
    for seq in range(1, 400):
        keys = rng.integers(0, 40, size=bands).astype(np.uint64) + np.arange(bands) * 1000
        index._add((seq, f"a{seq}", b"", None), keys)
    assert len(index._runs) > 1 and index._buffered
    for _ in range(30):
        query = rng.integers(0, 40, size=bands).astype(np.uint64) + np.arange(bands) * 1000
        for limit in (3, 50):
            expected = _ranked_by_hand(index, query.tolist(), limit)
            assert index.candidates(query, limit=limit) == expected
    assert index.candidates(np.full(bands, 999_999, dtype=np.uint64)) == []
