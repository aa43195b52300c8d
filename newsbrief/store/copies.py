"""Which articles are stored already, exactly: by id, or by the hash of their normalized words.

The batch ingest looks up a chunk's articles in one query at the start of its write
transaction (:meth:`CopiesMixin.expect_articles`); :meth:`CopiesMixin.stored_copy` then answers
from that without a round trip (on PostgreSQL a read waits for every statement streamed before
it). Only this connection stores articles while it holds the writer's turn, and
``Archive.save_article`` keeps the answers in step with what it stores.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsbrief.store.base import ArchiveBase

_LOOKUP = 500  # ids and hashes per query


@dataclass
class _Expected:
    """What :meth:`CopiesMixin.stored_copy` answers for the (id, text hash) pairs ``asked`` in
    one write transaction (``turn``): the stored ids, and the earliest stored id of each hash."""

    turn: int
    asked: set[tuple[str, str]]
    ids: set[str]
    by_hash: dict[str, str]


class CopiesMixin(ArchiveBase):
    """The exact-copy lookups of the archive (see the module doc)."""

    _expected: _Expected | None = None  # what expect_articles read, for its transaction

    def stored_copy(self, article_id: str, text_hash: str) -> str | None:
        """``article_id`` when that article is stored, else the id of the earliest stored
        article whose normalized words hash to ``text_hash`` (None: neither): from what
        :meth:`expect_articles` read in this write transaction, else in one query."""
        known = self._expected
        pair = (article_id, text_hash)
        if known is not None and known.turn == self.write_turn and pair in known.asked:
            return article_id if article_id in known.ids else known.by_hash.get(text_hash)
        return self.stored_copies([pair])[pair]

    def stored_copies(self, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
        """:meth:`stored_copy` of each (id, text hash) pair, in one query (one per 500)."""
        stored, first = self._copies_of({i for i, _ in pairs}, {h for _, h in pairs})
        return {(i, h): i if i in stored else first.get(h) for i, h in pairs}

    def expect_articles(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Read in one query what :meth:`stored_copy` answers for the articles (id, text
        hash) about to be added in this write transaction: it then answers them without a
        round trip to the database. Outside a transaction, nothing."""
        turn, asked = self.write_turn, set(pairs)
        if turn is not None and asked:
            stored, first = self._copies_of({i for i, _ in asked}, {h for _, h in asked})
            self._expected = _Expected(turn, asked, stored, first)

    def _stored_now(self, article_id: str, text_hash: str) -> None:
        """An article this connection just stored, in this transaction: what
        :meth:`expect_articles` read stays true."""
        known = self._expected
        if known is not None and known.turn == self.write_turn:
            known.ids.add(article_id)
            known.by_hash.setdefault(text_hash, article_id)

    def _copies_of(self, ids: set[str], hashes: set[str]) -> tuple[set[str], dict[str, str]]:
        """Which of ``ids`` are stored, and the earliest stored article with each of
        ``hashes`` (those that have one).

        Index lookups by id and by hash, not one ``OR``, planned for each call: PostgreSQL
        keeps the generic plan of a prepared statement, and the one made while the table was
        nearly empty (for an ``OR``, or a list of hashes) scanned the whole table for every new
        article until autovacuum's ANALYZE re-planned it."""
        id_list, hash_list = sorted(ids), sorted(hashes)
        rows: list[Any] = []
        for at in range(0, max(len(id_list), len(hash_list)), _LOOKUP):
            some_ids, some_hashes = id_list[at : at + _LOOKUP], hash_list[at : at + _LOOKUP]
            parts = [
                f"SELECT id, text_hash, rowid FROM articles WHERE {column} IN ({marks})"
                for column, values in (("id", some_ids), ("text_hash", some_hashes))
                if (marks := ", ".join("?" * len(values)))
            ]
            sql = " UNION ALL ".join(parts)
            rows += self._conn.execute(sql, (*some_ids, *some_hashes), planned=True).fetchall()
        first: dict[str, str] = {}
        for article_id, text_hash, _ in sorted(rows, key=lambda r: int(r[2])):
            if text_hash in hashes:
                first.setdefault(str(text_hash), str(article_id))
        return {str(r[0]) for r in rows}, first
