"""The connection and transaction handling shared by every part of the archive."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from newsbrief.errors import StoreError
from newsbrief.store.db import Database, Target, driver_errors


class ArchiveBase:
    """Holds the connection; ``transaction()`` is the one way writes are grouped."""

    def __init__(self, conn: Database, path: Target | None = None) -> None:
        self._conn = conn
        self.path: Target = conn.target if path is None else path
        self._depth = 0

    @property
    def db(self) -> Database:
        return self._conn

    @property
    def label(self) -> str:
        """The archive's name as it may be printed (a URL without its password)."""
        return self._conn.label

    @property
    def is_sqlite(self) -> bool:
        return not self._conn.dialect.postgres

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One write transaction; nested uses join the outer one.

        SQLite: ``BEGIN IMMEDIATE``. PostgreSQL: ``BEGIN`` plus a transaction-scoped advisory
        lock, so that writers (several ingest processes, the web app) take turns exactly as on
        SQLite while readers never wait. Everything written inside commits together or not at
        all: a crash mid-way (even ``kill -9``) leaves the archive as it was before the
        transaction began.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self._conn
            finally:
                self._depth -= 1
            return
        errors = driver_errors()
        try:
            for statement in self._conn.dialect.begin_write():
                self._conn.execute(statement)
        except errors as exc:
            self._rollback_quietly()
            raise StoreError(f"cannot write to the archive {self.label}: {exc}") from exc
        self._depth = 1
        try:
            yield self._conn
        except BaseException:
            self._depth = 0
            self._rollback_quietly()
            raise
        self._depth = 0
        try:
            self._conn.execute("COMMIT")
        except errors as exc:
            self._rollback_quietly()
            raise StoreError(f"cannot commit to the archive {self.label}: {exc}") from exc

    def _rollback_quietly(self) -> None:
        try:
            self._conn.execute("ROLLBACK")
        except driver_errors():
            pass  # no transaction open (or the connection is gone): nothing to undo

    def _scalar(self, sql: str, params: tuple[object, ...] = ()) -> object:
        row = self._conn.execute(sql, params).fetchone()
        return row[0] if row else None
