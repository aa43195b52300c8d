"""The archive's near-duplicate side: each stored article's MinHash signature (keyed by
arrival, the article's rowid) and its shingle set, and the count of shingle sets deleted or
rewritten (migration 15) that tells a writer holding sets in memory when to let them go."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsbrief.store.base import ArchiveBase

SignatureRow = tuple[int, str, bytes, int | None]  # (seq, article_id, minhash, shingles)


class SignaturesMixin(ArchiveBase):
    def save_signature(
        self,
        article_id: str,
        minhash: bytes,
        *,
        shingles: int | None = None,
        shingle_set: bytes | None = None,
    ) -> Callable[[], int | None]:
        """Store a stored article's MinHash signature (of ``shingles`` shingles) and its
        shingle set (sorted 32-bit hashes). Returns a function that gives its arrival number
        (the article's rowid; None when the article is not stored): on PostgreSQL the
        statements stream to the server (``Database.pipelined``) and nothing waits for them
        until the number is asked for. Ask before the transaction ends."""
        signature = (
            "INSERT INTO minhashes (seq, article_id, minhash, shingles)"
            " SELECT rowid, id, ?, ? FROM articles WHERE id = ?"
            " ON CONFLICT (article_id) DO UPDATE SET minhash = excluded.minhash,"
            " shingles = excluded.shingles RETURNING seq"
        )
        shingle_row = (
            "INSERT INTO shingle_sets (article_id, hashes)"
            " SELECT id, ? FROM articles WHERE id = ?"
            " ON CONFLICT (article_id) DO UPDATE SET hashes = excluded.hashes"
        )
        with self.transaction() as conn:
            if conn.dialect.postgres and shingle_set is not None:
                # one statement, not two: each costs the writer as much again as the server
                cur = conn.execute(
                    f"WITH shingle_row AS ({shingle_row}) {signature}",
                    (shingle_set, article_id, minhash, shingles, article_id),
                )
                rows = None  # read when asked: nothing waits for the server here
            else:
                cur = conn.execute(signature, (minhash, shingles, article_id))
                # SQLite: read it now (nothing streams); PostgreSQL: when asked
                rows = None if conn.dialect.postgres else cur.fetchall()
                if shingle_set is not None:
                    conn.execute(shingle_row, (shingle_set, article_id))

        def arrival() -> int | None:
            found = cur.fetchall() if rows is None else rows
            return int(found[0][0]) if found else None

        return arrival

    def signature_rows(self, after: int = 0, limit: int | None = None) -> list[SignatureRow]:
        """Stored signatures as ``(seq, article_id, minhash, shingles)`` from arrival ``after``
        on (``seq >= after``), in arrival order; at most ``limit`` of them."""
        sql = "SELECT seq, article_id, minhash, shingles FROM minhashes WHERE seq >= ? ORDER BY seq"
        params: tuple[int, ...] = (after,)
        if limit is not None:
            sql, params = sql + " LIMIT ?", (after, limit)
        rows = self._conn.execute(sql, params).fetchall()
        return [
            (int(r[0]), str(r[1]), bytes(r[2]), None if r[3] is None else int(r[3])) for r in rows
        ]

    def signatures_since(self, after: int, limit: int) -> tuple[int | None, list[SignatureRow]]:
        """:meth:`signature_rows` from ``after`` on (at most ``limit``), and, read in the same
        query, the count of stored shingle sets deleted or rewritten so far (None: no
        signature from ``after`` on, or the count is not kept)."""
        rows = self._conn.execute(
            "SELECT (SELECT n FROM shingle_set_changes WHERE one = 1),"
            " seq, article_id, minhash, shingles FROM minhashes"
            " WHERE seq >= ? ORDER BY seq LIMIT ?",
            (after, limit),
        ).fetchall()
        changes = None if not rows or rows[0][0] is None else int(rows[0][0])
        return changes, [
            (int(r[1]), str(r[2]), bytes(r[3]), None if r[4] is None else int(r[4])) for r in rows
        ]

    def shingle_set_changes(self) -> int | None:
        """How many stored shingle sets have been deleted or rewritten (None: not kept)."""
        value = self._scalar("SELECT n FROM shingle_set_changes WHERE one = 1")
        return None if value is None else int(str(value))

    def first_of_latest_signatures(self, n: int) -> int:
        """The arrival number from which the latest ``n`` signatures are stored (0: fewer)."""
        value = self._scalar(
            "SELECT seq FROM minhashes ORDER BY seq DESC LIMIT 1 OFFSET ?", (max(0, n - 1),)
        )
        return 0 if value is None else int(str(value))

    def signatures_at(self, seqs: Sequence[int]) -> dict[int, tuple[str, bytes, int | None]]:
        """The article id, signature and shingle count stored at each of these arrival
        numbers (absent: no longer stored)."""
        if not seqs:
            return {}
        marks = ", ".join("?" * len(seqs))
        rows = self._conn.execute(
            f"SELECT seq, article_id, minhash, shingles FROM minhashes WHERE seq IN ({marks})",
            tuple(seqs),
        )
        return {
            int(r[0]): (str(r[1]), bytes(r[2]), None if r[3] is None else int(r[3])) for r in rows
        }

    def shingle_sets(self, article_ids: Sequence[str]) -> dict[str, bytes]:
        """The stored shingle sets of these articles (those stored with one), in one query."""
        if not article_ids:
            return {}
        marks = ", ".join("?" * len(article_ids))
        rows = self._conn.execute(
            f"SELECT article_id, hashes FROM shingle_sets WHERE article_id IN ({marks})",
            tuple(article_ids),
        )
        return {str(r[0]): bytes(r[1]) for r in rows}

    def get_signature(self, article_id: str) -> bytes | None:
        value = self._scalar("SELECT minhash FROM minhashes WHERE article_id = ?", (article_id,))
        return bytes(value) if isinstance(value, bytes | memoryview) else None
