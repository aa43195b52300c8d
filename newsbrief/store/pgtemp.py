"""A throwaway PostgreSQL server for tests and benchmarks: initdb into a temporary folder and
``pg_ctl start`` on a free loopback port (and a unix socket in that folder).

Uses the server binaries of Debian's ``postgresql`` package (``/usr/lib/postgresql/*/bin``) or
those on PATH. initdb refuses to run as root, so as root the server runs as the ``postgres``
user (created by the Debian package) through ``runuser``. Nothing here is used by newsbrief at
run time.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from newsbrief.errors import StoreError

__all__ = ["PgServer", "find_bin_dir", "unavailable_reason"]

_USER = "newsbrief"
# test/bench settings: no fsync (the server is never the process killed), small WAL churn
_FAST = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    " -c shared_buffers=256MB -c max_wal_size=2GB"
)


def find_bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl (the newest Debian version first)."""
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if versions:
        return versions[-1].parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def unavailable_reason() -> str | None:
    """Why a server cannot be started here (None when it can)."""
    if find_bin_dir() is None:
        return "PostgreSQL server binaries not found (apt-get install postgresql)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'newsbrief[postgres]')"
    if os.geteuid() == 0 and (shutil.which("runuser") is None or not _user_exists("postgres")):
        return "running as root without a 'postgres' user to run the server as"
    return None


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    """A running server; ``url(db)`` names a database on it, ``create_database()`` makes one."""

    root: Path
    port: int
    bin_dir: Path
    fast: bool = True
    _as_postgres: bool = field(default=False, init=False)

    @classmethod
    def start(cls, *, fast: bool = True, root: Path | None = None) -> PgServer:
        reason = unavailable_reason()
        if reason:
            raise StoreError(f"cannot start PostgreSQL: {reason}")
        bin_dir = find_bin_dir()
        assert bin_dir is not None
        base = Path(tempfile.mkdtemp(prefix="newsbrief-pg-", dir=root))
        server = cls(base, _free_port(), bin_dir, fast)
        server._as_postgres = os.geteuid() == 0
        if server._as_postgres:
            base.chmod(0o755)
            shutil.chown(base, "postgres", "postgres")
        server._run(
            "initdb", "-D", str(server.data), "-U", _USER, "-A", "trust", "-E", "UTF8",
            "--no-sync", "--locale=C.UTF-8",
        )  # fmt: skip
        opts = f"-p {server.port} -h 127.0.0.1 -k {base}" + (f" {_FAST}" if fast else "")
        server._run(
            "pg_ctl", "-D", str(server.data), "-l", str(base / "server.log"), "-o", opts,
            "-w", "-t", "60", "start",
        )  # fmt: skip
        return server

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{_USER}@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, prefix: str = "nb") -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def size_bytes(self, url: str) -> int:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        return int(row[0]) if row else 0

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, tool: str, *args: str) -> None:
        cmd = [str(self.bin_dir / tool), *args]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
            raise StoreError(
                f"{tool} failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-800:]}"
                + (f"\n{tail}" if tail else "")
            )
