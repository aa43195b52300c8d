"""A write transaction looks up a chunk's exact copies in one query (``expect_articles``):
``stored_copy`` then answers from it, the same answers as a query, the articles stored in the
same transaction included; another transaction never trusts it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsbrief.ingest.batch import Ingestor
from newsbrief.ingest.jsonl import SourceItem
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Article
from newsbrief.store import Archive
from newsbrief.stories.dedupe import fingerprint


def _article(text: str, title: str, **update: str) -> Article:
    article = article_from_text(text, title=title)
    return article.model_copy(update=update) if update else article


FLOOD = "The river rose two meters overnight and the levee held until dawn. " * 6
STRIKE = "Pilots at the regional carrier voted to strike over pay and rest rules. " * 6
FERRY = "The harbor ferry will stop running at night from May, the council said. " * 6


def _hash(article: Article) -> str:
    return fingerprint(article.text).text_hash


def test_expected_answers_are_a_querys_answers(archive: Archive) -> None:
    first = _article(FLOOD, "Flood")
    rerun = first.model_copy(update={"id": "second-run"})  # same words, another id
    archive.save_article(first)
    archive.save_article(rerun)
    asks = [
        ("second-run", _hash(first)),  # this id first
        ("a-new-id", _hash(first)),  # else the earliest with the words
        ("a-new-id", "no-such-hash"),
        (first.id, "no-such-hash"),
    ]
    queried = archive.stored_copies(asks)
    assert list(queried.values()) == ["second-run", first.id, None, first.id]
    with archive.transaction():
        archive.expect_articles(asks)
        assert [archive.stored_copy(*ask) for ask in asks] == list(queried.values())


def test_expected_answers_take_no_query_and_follow_the_transactions_own_stores(
    tmp_path: Path,
) -> None:
    statements: list[str] = []
    strike, copy = _article(STRIKE, "Strike"), _article(STRIKE, "Strike (wire)", id="wire-copy")
    with Archive.open(tmp_path / "a.db") as archive:
        raw = archive.db.raw
        assert isinstance(raw, sqlite3.Connection)
        with archive.transaction():
            archive.expect_articles([(strike.id, _hash(strike)), (copy.id, _hash(copy))])
            raw.set_trace_callback(statements.append)
            assert archive.stored_copy(strike.id, _hash(strike)) is None
            archive.save_article(strike, text_hash=_hash(strike), new=True)
            # stored a moment ago, in this transaction: the copy's words are known
            assert archive.stored_copy(copy.id, _hash(copy)) == strike.id
            assert archive.stored_copy(strike.id, _hash(strike)) == strike.id
            raw.set_trace_callback(None)
        assert statements and not [s for s in statements if "text_hash IN" in s]
        raw.set_trace_callback(statements.append)  # outside the transaction: a query
        assert archive.stored_copy(copy.id, _hash(copy)) == strike.id
        raw.set_trace_callback(None)
        assert [s for s in statements if "text_hash IN" in s]


def test_another_transaction_asks_the_database(tmp_path: Path) -> None:
    """What one transaction expected is stale in the next: another writer may have stored
    the article in between."""
    ferry = _article(FERRY, "Ferry")
    with Archive.open(tmp_path / "a.db") as archive:
        with archive.transaction():
            archive.expect_articles([(ferry.id, _hash(ferry))])
            assert archive.stored_copy(ferry.id, _hash(ferry)) is None
        with Archive.open(tmp_path / "a.db") as other:
            other.save_article(ferry)
        with archive.transaction():
            assert archive.stored_copy(ferry.id, _hash(ferry)) == ferry.id
        assert archive.stored_copy(ferry.id, _hash(ferry)) == ferry.id  # outside one too


def test_a_chunk_with_two_copies_of_one_text_stores_it_once(archive: Archive) -> None:
    """The batch ingest expects a chunk's articles at the start of its transaction; the
    second copy of a text in the same chunk is still recorded as a copy of the first."""
    # the wire copy differs in case only (another id, the same words); the strike story
    # comes twice from the same outlet
    texts = [
        ("flood", FLOOD, "Herald"),
        ("wire", FLOOD.upper(), "Wire"),
        ("strike", STRIKE, "Herald"),
        ("again", STRIKE, "Herald"),
    ]
    items = [
        SourceItem(label, lambda t=text, o=outlet: article_from_text(t, title="x", outlet=o))
        for label, text, outlet in texts
    ]
    report = Ingestor(archive, analyze=False).run(items)
    assert [o.status for o in report.outcomes] == ["new", "duplicate", "new", "known"]
    assert report.outcomes[1].article_id == report.outcomes[0].article_id
    assert report.outcomes[1].detail == f"exact copy of {report.outcomes[0].article_id}"
    count = archive.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert count == 2


def test_a_long_list_is_looked_up_in_slices(archive: Archive) -> None:
    """More pairs than one statement can take (PostgreSQL: 65,535 parameters; SQLite's limit
    depends on its build), as an API caller's big chunk may bring: the same answers."""
    flood, strike = _article(FLOOD, "Flood"), _article(STRIKE, "Strike")
    archive.save_article(flood)
    archive.save_article(strike)
    asks = [(f"id-{n}", f"hash-{n}") for n in range(33_000)]
    asks[700] = (strike.id, "hash-700")  # found by id
    asks[20_000] = ("a-copy", _hash(flood))  # found by its words
    with archive.transaction():
        archive.expect_articles(asks)
        found = {ask: archive.stored_copy(*ask) for ask in asks}
    assert {ask: got for ask, got in found.items() if got} == {
        asks[700]: strike.id,
        asks[20_000]: flood.id,
    }
    assert archive.stored_copies(asks) == found
