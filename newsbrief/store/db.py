"""One connection to an archive database, SQLite or PostgreSQL, behind the same small interface.

An archive is named by a *target*: a file path (SQLite, the default) or a
``postgresql://user@host:port/dbname`` URL (PostgreSQL through psycopg 3, installed by the
``newsbrief[postgres]`` extra). :class:`Database` runs the store's portable SQL (``?``
placeholders) on either; :mod:`newsbrief.store.dialect` holds what differs.

Both backends run in autocommit mode: the store groups writes with explicit ``BEGIN`` …
``COMMIT`` (see ``ArchiveBase.transaction``). On PostgreSQL the statements of a write transaction
stream to the server in psycopg's pipeline mode (:meth:`Database.pipelined`): the server writes
while the writer goes on with the next article, and only reading a result waits.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from newsbrief.errors import StoreError
from newsbrief.store.dialect import POSTGRESQL, SQLITE, Dialect

__all__ = [
    "Cursor",
    "Database",
    "Target",
    "connect",
    "driver_errors",
    "is_url",
    "redact",
]

Target = Path | str
_SCHEMES = ("postgresql://", "postgres://")
_POSTGRES_HINT = "install the PostgreSQL extra: pip install 'newsbrief[postgres]'"


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


def is_url(target: Target) -> bool:
    """True when ``target`` names a PostgreSQL database rather than a SQLite file."""
    return isinstance(target, str) and target.startswith(_SCHEMES)


def redact(target: Target) -> str:
    """The target as it may be printed: a URL without its password."""
    text = str(target)
    if not is_url(text) or "@" not in text:
        return text
    scheme, rest = text.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}@{host}" if user else f"{scheme}://{host}"


def driver_errors() -> tuple[type[Exception], ...]:
    """The database drivers' exception bases (archive failures, never an item's fault)."""
    errors: list[type[Exception]] = [sqlite3.Error]
    try:
        import psycopg

        errors.append(psycopg.Error)
    except ImportError:
        pass
    return tuple(errors)


@lru_cache(maxsize=1024)
def _pg_sql(sql: str) -> str:
    """Portable SQL for psycopg: literal ``%`` doubled, ``?`` placeholders as ``%s``."""
    return sql.replace("%", "%%").replace("?", "%s")


class _Pipelined:
    """A PostgreSQL cursor whose statement went down the pipeline: reading its rows waits for
    them (psycopg does); its ``rowcount`` is known once the pipeline has synced."""

    def __init__(self, cur: Any, pipeline: Any) -> None:
        self._cur = cur
        self._pipeline = pipeline

    @property
    def rowcount(self) -> int:
        self._pipeline.sync()
        return int(self._cur.rowcount)

    def fetchone(self) -> Any:
        return self._cur.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self._cur.fetchall())

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cur)


class _QuietPipelineExit(logging.Filter):
    """psycopg logs, as a warning, an error met while ending a pipeline that an exception is
    already leaving: the transaction rolls back and that exception says why."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("error ignored terminating")


logging.getLogger("psycopg").addFilter(_QuietPipelineExit())


class Database:
    """A connection plus its dialect. ``execute`` returns a cursor (iterable, ``fetchone``,
    ``fetchall``, ``rowcount``); ``executemany`` runs a statement over many rows."""

    def __init__(self, raw: Any, dialect: Dialect, target: Target, *, release: Any = None):
        self.raw = raw
        self.dialect = dialect
        self.target = target
        self._release = release  # gives a pooled connection back instead of closing it
        self._pipeline: Any = None

    @contextmanager
    def pipelined(self) -> Iterator[None]:
        """PostgreSQL: statements stream to the server without waiting for each result (the
        server works while this process goes on); reading a result waits for it, and the end
        of the block waits for all of them (raising the first error). SQLite: nothing."""
        if not self.dialect.postgres or self._pipeline is not None:
            yield
            return
        with self.raw.pipeline() as pipeline:
            self._pipeline = pipeline
            try:
                yield
            finally:
                self._pipeline = None

    @property
    def label(self) -> str:
        return redact(self.target)

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open on the connection."""
        if self.dialect.postgres:
            from psycopg.pq import TransactionStatus

            return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)
        return bool(self.raw.in_transaction)

    def execute(self, sql: str, params: Sequence[Any] = (), *, planned: bool = False) -> Cursor:
        """``planned``: PostgreSQL plans the statement for these very parameters and the
        table as it is now, every time, instead of keeping a prepared statement's generic
        plan (one made while a table was nearly empty may read all of it once it is not)."""
        if self.dialect.postgres:
            prepare = False if planned else None
            cur: Cursor = self.raw.execute(_pg_sql(sql), params or None, prepare=prepare)
            if self._pipeline is not None:
                return _Pipelined(cur, self._pipeline)
            return cur
        result: Cursor = self.raw.execute(sql, params)
        return result

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run ``sql`` once per row (nothing at all for no rows)."""
        rows = list(rows)
        if not rows:
            return
        if self.dialect.postgres:
            with self.raw.cursor() as cur:
                cur.executemany(_pg_sql(sql), rows)
            return
        self.raw.executemany(sql, rows)

    def close(self) -> None:
        if self._release is not None:
            self._release(self.raw)
            self._release = None
            return
        self.raw.close()


def connect(target: Target, *, readonly: bool = False, timeout_s: float = 10.0) -> Database:
    """A connection to the archive at ``target`` (SQLite file or PostgreSQL URL).

    Raises StoreError (one clear line) when it cannot be reached. Schema migration is the
    caller's (``Archive.open``)."""
    if is_url(target):
        return Database(
            pg_connect(str(target), readonly=readonly, timeout_s=timeout_s), POSTGRESQL, target
        )
    path = Path(target).expanduser()
    if readonly:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=timeout_s)
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA query_only = ON")
    else:
        conn = sqlite3.connect(path, isolation_level=None, timeout=timeout_s)
    return Database(conn, SQLITE, path)


def pg_connect(url: str, *, readonly: bool = False, timeout_s: float = 10.0) -> Any:
    """A psycopg connection in autocommit mode (a StoreError when psycopg or the server is
    missing)."""
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(
            f"cannot open {redact(url)}: psycopg is not installed", hint=_POSTGRES_HINT
        ) from exc
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(timeout_s)))
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"cannot connect to the archive {redact(url)}: {first}") from exc
    configure_pg(conn, readonly=readonly)
    return conn


def configure_pg(conn: Any, *, readonly: bool = False) -> None:
    conn.execute("SET client_min_messages = warning")
    conn.execute("SET lock_timeout = '60s'")
    if readonly:
        conn.execute("SET default_transaction_read_only = on")
