"""Near-duplicate verification on stored shingle sets (migration 13), and on the text for
signatures stored before the sets were."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from samples import FEED_PAGES

from newsbrief.ingest.text import article_from_text
from newsbrief.models import Article
from newsbrief.store import Archive
from newsbrief.stories.dedupe import Deduper, fingerprint, jaccard, shingles

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
        conn.execute("UPDATE signatures SET shingle_set = NULL WHERE article_id = ?", (src.id,))
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
    conn.executemany(
        "INSERT INTO lsh_buckets (band, bucket, article_id) VALUES (?, ?, ?)",
        [(band, bucket, src.id) for band, bucket in enumerate(fp.buckets)],
    )
    conn.execute("COMMIT")
    conn.close()
    with Archive.open(db) as archive:  # migration 13 moves the buckets, keyed by arrival
        rows = archive._conn.execute("SELECT COUNT(*), MIN(seq) FROM lsh_index").fetchone()
        assert tuple(rows) == (32, 1)
        assert archive.lsh_candidates(fp.buckets) == [src.id]
        assert archive.shingle_sets([src.id]) == {}  # stored before: verified on the text
        match = Deduper(archive).find(article("port-03-herald"))
        assert match is not None and (match.article_id, match.kind) == (src.id, "near")


def test_a_crowded_bucket_gives_its_latest_articles(archive: Archive) -> None:
    texts = [f"Story number {i} about the harbour strike and the ferry." for i in range(6)]
    ids = []
    for text in texts:
        a = article_from_text(text)
        archive.save_article(a)
        archive.save_signature(a.id, b"", [7, 100 + len(ids)])  # all share band 0's bucket
        ids.append(a.id)
    assert archive.lsh_candidates([7], per_bucket=3) == sorted(ids[-3:])
    # the article sharing two buckets first, then the others in id order
    assert archive.lsh_candidates([7, 103], per_bucket=3) == [ids[3], *sorted(ids[4:])]
