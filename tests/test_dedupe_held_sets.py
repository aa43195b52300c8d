"""The writer holds the latest shingle sets (``signatures.LatestSets``): a near copy of a
recent article is verified without reading its set, and a set deleted by any process (or a
transaction rolled back) is never used (migration 15's count of deleted or rewritten sets)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_dedupe_sets import article

from newsbrief.models import Article
from newsbrief.store import Archive
from newsbrief.stories.dedupe import Deduper, fingerprint
from newsbrief.stories.lsh import index_of
from newsbrief.stories.signatures import LatestSets


@pytest.fixture
def pair(archive_target: Path | str) -> Iterator[tuple[Archive, Archive]]:
    """Two connections to one new archive: a writer, and another process's."""
    with Archive.open(archive_target) as one, Archive.open(archive_target) as two:
        yield one, two


def _remembered(archive: Archive, slug: str) -> Article:
    src = article(slug)
    with archive.transaction():
        archive.save_article(src)
        Deduper(archive).remember(src.id, fingerprint(src.text))
    return src


class _Reads:
    """Counts the shingle sets the archive is asked for (the real query still runs)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, archive: Archive) -> None:
        self.asked: list[str] = []
        real = archive.shingle_sets

        def counted(ids: list[str]) -> dict[str, bytes]:
            self.asked += ids
            return real(ids)

        monkeypatch.setattr(archive, "shingle_sets", counted)


def _changes(archive: Archive) -> int | None:
    return archive.shingle_set_changes()


def test_deleting_or_rewriting_a_set_is_counted_and_storing_one_is_not(
    pair: tuple[Archive, Archive],
) -> None:
    one, two = pair
    assert _changes(one) == 0
    src = _remembered(one, "port-03")
    other = _remembered(one, "drought-03")
    blob = one.shingle_sets([src.id])[src.id]
    one.save_signature(src.id, fingerprint(src.text).signature.tobytes(), shingle_set=blob)()
    assert _changes(one) == 0  # stored again as it was: nothing changed
    one.save_signature(src.id, fingerprint(src.text).signature.tobytes(), shingle_set=blob[4:])()
    assert _changes(two) == 1
    with two.transaction() as conn:  # the article goes, its set with it (the cascade)
        conn.execute("DELETE FROM articles WHERE id = ?", (other.id,))
    assert one.shingle_sets([other.id]) == {}
    assert _changes(one) == 2


def test_a_copy_of_a_recent_article_is_verified_on_the_set_held(
    pair: tuple[Archive, Archive], monkeypatch: pytest.MonkeyPatch
) -> None:
    one, _ = pair
    src = _remembered(one, "port-03")
    reads = _Reads(monkeypatch, one)
    match = Deduper(one).find(article("port-03-herald"))
    assert match is not None and (match.article_id, match.kind) == (src.id, "near")
    assert reads.asked == []
    assert set(index_of(one).sets.get([src.id])) == {src.id}


_STORE = """
import sys
from newsbrief.store import Archive
from newsbrief.stories.dedupe import Deduper, fingerprint
from test_dedupe_sets import article
src = article(sys.argv[2])
with Archive.open(sys.argv[1]) as archive, archive.transaction():
    archive.save_article(src)
    Deduper(archive).remember(src.id, fingerprint(src.text))
"""


def test_another_processs_set_is_read_once_then_held(
    archive_target: Path | str, monkeypatch: pytest.MonkeyPatch
) -> None:
    tests = Path(__file__).parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tests), *sys.path])}
    with Archive.open(archive_target) as one:
        Deduper(one).find(article("port-03"))  # this writer's index, built on an empty archive
        subprocess.run(
            [sys.executable, "-c", _STORE, str(archive_target), "drought-03"], check=True, env=env
        )
        src = article("drought-03")
        reads = _Reads(monkeypatch, one)
        for _ in range(2):
            match = Deduper(one).find(article("drought-03-ledger"))
            assert match is not None and match.article_id == src.id
        assert reads.asked == [src.id]


def test_an_article_another_process_deleted_is_no_copy_source(
    pair: tuple[Archive, Archive],
) -> None:
    one, two = pair
    src = _remembered(one, "bridge-03")
    kept = _remembered(one, "port-03")
    assert Deduper(one).find(article("bridge-03-beacon")) is not None
    with two.transaction() as conn:
        conn.execute("DELETE FROM articles WHERE id = ?", (src.id,))
    # its signature is still held and still a candidate; its set is not used
    assert Deduper(one).find(article("bridge-03-beacon")) is None
    with one.transaction():  # the same inside a write transaction, whose first lookup syncs
        assert Deduper(one).find(article("bridge-03-beacon")) is None
        match = Deduper(one).find(article("port-03-herald"))
        assert match is not None and match.article_id == kept.id


def test_a_set_held_in_a_rolled_back_transaction_is_let_go(
    pair: tuple[Archive, Archive],
) -> None:
    one, _ = pair
    lost = article("drought-03")
    deduper = Deduper(one)
    with pytest.raises(RuntimeError), one.transaction():
        one.save_article(lost)
        deduper.remember(lost.id, fingerprint(lost.text))
        match = deduper.find(article("drought-03-ledger"))  # takes the set in, to verify
        assert match is not None and match.article_id == lost.id
        assert index_of(one).sets.get([lost.id])
        raise RuntimeError("the chunk failed")
    assert index_of(one).sets.get([lost.id]) == {}
    assert deduper.find(article("drought-03-ledger")) is None


def test_held_sets_stay_within_their_budget_the_oldest_let_go() -> None:
    sets = LatestSets(budget=100)
    for i in range(6):
        sets.add(f"a{i}", bytes(40))
    assert len(sets) == 2 and set(sets.get(f"a{i}" for i in range(6))) == {"a4", "a5"}
    sets.add("a4", bytes(8))  # held again: the newer set, counted once
    sets.add("big", bytes(101))  # larger than the budget: not held, nothing let go
    assert set(sets.get(["a4", "a5", "big"])) == {"a4", "a5"}
    sets.add("a6", bytes(60))
    assert set(sets.get(["a4", "a5", "a6"])) == {"a4", "a6"}
    sets.discard("a6")
    sets.discard("a6")
    assert len(sets) == 1
