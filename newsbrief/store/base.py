"""The connection and transaction handling shared by every part of the archive, and the one
place where SQLite's errors become newsbrief's (``store_error``)."""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from newsbrief.errors import ArchiveFull, ArchiveLocked, ArchiveReadOnly, StoreError
from newsbrief.store.db import Database, Target, driver_errors, redact

# SQLite's primary result codes (https://sqlite.org/rescode.html); extended codes carry the
# primary one in their low byte.
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _AUTH, _NOTADB = (
    3,
    5,
    6,
    8,
    10,
    11,
    13,
    14,
    23,
    26,
)


_TURNS = itertools.count(1)  # numbers the write transactions of this process


def store_error(exc: Exception, path: Target, doing: str) -> StoreError:
    """The newsbrief error for a failed SQLite call on the archive at ``path``.

    ``doing`` completes "cannot … the archive": e.g. "write to", "open", "commit to".
    Disk full, locked by another process and permission denied each get their own class (and
    exit code); corruption and everything else are a plain ``StoreError``.
    """
    if not isinstance(exc, sqlite3.Error):  # PostgreSQL: the driver's first line says why
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return StoreError(f"cannot {doing} the archive {redact(path)}: {first}")
    path = Path(path)
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    where = f"the archive {path}"
    if code == _FULL or "disk is full" in str(exc):
        return ArchiveFull(f"cannot {doing} {where}: the disk is full")
    if code in (_BUSY, _LOCKED) or "locked" in str(exc):
        return ArchiveLocked(f"cannot {doing} {where}: it is locked by another process")
    if code in (_READONLY, _PERM, _AUTH) or (code == _CANTOPEN and not _writable(path)):
        return ArchiveReadOnly(f"cannot {doing} {where}: permission denied (read-only)")
    if code in (_NOTADB, _CORRUPT):
        return StoreError(
            f"{path} is not a usable newsbrief archive: {exc}",
            hint="point --db at a newsbrief archive, or move this file away to start a new one",
        )
    return StoreError(f"cannot {doing} {where}: {exc}")


def _writable(path: Path) -> bool:
    """Whether we may write the archive file (or create it) and its -wal/-shm files beside it."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(folder, os.W_OK | os.X_OK)


class ArchiveBase:
    """Holds the connection; ``transaction()`` is the one way writes are grouped."""

    def __init__(self, conn: Database, path: Target | None = None) -> None:
        self._conn = conn
        self.path: Target = conn.target if path is None else path
        self._depth = 0
        # work held back until the outermost transaction ends: key -> (flush, discard)
        self._deferred: dict[str, tuple[Callable[[], None], Callable[[], None]]] = {}
        self._turn: int | None = None

    @property
    def write_turn(self) -> int | None:
        """A number of the write transaction open on this connection, unique in the process
        (None outside one). No other writer commits before it ends, so what was brought in
        step with the archive earlier in the same turn still is, but for this connection's
        own writes."""
        return self._turn if self._depth else None

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
        transaction began. A database error inside (or at COMMIT) rolls back and is raised as
        the ``StoreError`` that says why (disk full, locked, read-only …), never masked by a
        failing ROLLBACK.
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
            self._rollback()
            raise store_error(exc, self.path, "write to") from exc
        self._depth, self._turn = 1, next(_TURNS)
        try:
            with self._conn.pipelined():  # PostgreSQL: the server works while we go on
                yield self._conn
                self._flush_deferred()
        except errors as exc:
            self._depth = 0
            self._rollback()
            raise store_error(exc, self.path, "write to") from exc
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        try:
            self._conn.execute("COMMIT")
        except errors as exc:
            self._rollback()
            raise store_error(exc, self.path, "commit to") from exc
        self._deferred = {}

    def defer(self, key: str, flush: Callable[[], None], discard: Callable[[], None]) -> None:
        """Hold work back until the outermost transaction ends: ``flush`` runs inside it just
        before it commits (once per ``key``, however often deferred), ``discard`` instead when
        it rolls back. An assigner that changes its state on every article writes that state
        once per transaction this way, and learns when what it kept in memory was not stored.
        Outside a transaction, ``flush`` runs at once."""
        if not self._depth:
            with self.transaction():
                flush()
            return
        self._deferred.setdefault(key, (flush, discard))

    def run_deferred(self, prefix: str) -> None:
        """Run now the deferred flushes whose key starts with ``prefix`` (before reading what
        they write: another assigner's state). They run again at commit (with nothing left
        to write but their counters), and their discards still run on a rollback."""
        for key, (flush, _) in list(self._deferred.items()):
            if key.startswith(prefix):
                flush()

    def _flush_deferred(self) -> None:
        """Run the deferred flushes, in the order they were first deferred (one deferred by a
        flush runs too). Their discards stay known until the commit succeeds."""
        done: set[str] = set()
        while pending := [key for key in self._deferred if key not in done]:
            for key in pending:
                self._deferred[key][0]()
                done.add(key)

    def _rollback(self) -> None:
        """Roll back what is open, and tell whoever deferred work that it was not stored.
        SQLite may already have rolled back by itself (a full disk at COMMIT, an I/O error):
        then there is nothing to do, and the error that caused it, not "no transaction is
        active", is the one the caller reports."""
        deferred, self._deferred = self._deferred, {}
        if self._conn.in_transaction:
            with suppress(*driver_errors()):
                self._conn.execute("ROLLBACK")
        for _, discard in deferred.values():
            discard()

    def _scalar(self, sql: str, params: tuple[object, ...] = ()) -> object:
        row = self._conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def _text_scalar(self, sql: str, params: tuple[object, ...] = ()) -> str | None:
        """:meth:`_scalar` as text (None for no row or NULL)."""
        value = self._scalar(sql, params)
        return None if value is None else str(value)

    # an assigner's meta table (cluster_meta, arc_meta): its counters and a token that changes
    # on every committed update of its state (so that a reader sees other writers' updates)

    def _meta_token(self, table: str) -> str | None:
        return self._text_scalar(f"SELECT value FROM {table} WHERE key = 'token'")

    def _write_meta(self, conn: Database, table: str, stats: Mapping[str, Any]) -> str:
        """Write the counters and a new token; return the token."""
        token = uuid.uuid4().hex
        conn.execute(
            f"INSERT INTO {table} (key, value) VALUES ('stats', ?), ('token', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (json.dumps(dict(stats)), token),
        )
        return token
