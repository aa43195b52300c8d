"""The connection and transaction handling shared by every part of the archive."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsbrief.errors import StoreError


class ArchiveBase:
    """Holds the connection; ``transaction()`` is the one way writes are grouped."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._depth = 0

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``); nested uses join the outer one.

        Everything written inside commits together or not at all: a crash mid-way (even
        ``kill -9``) leaves the archive as it was before the transaction began.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self._conn
            finally:
                self._depth -= 1
            return
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to the archive {self.path}: {exc}") from exc
        self._depth = 1
        try:
            yield self._conn
        except BaseException:
            self._depth = 0
            self._conn.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._conn.execute("ROLLBACK")
            raise StoreError(f"cannot commit to the archive {self.path}: {exc}") from exc

    def _scalar(self, sql: str, params: tuple[object, ...] = ()) -> object:
        row = self._conn.execute(sql, params).fetchone()
        return row[0] if row else None
