"""The CLI table of bad inputs: each gets its documented exit code and one clear line.

Every case runs the real ``newsbrief`` command in a subprocess and checks: the exit code from
the README's table, no traceback, exactly one ``error:`` line on stderr (plus an optional
``hint:``), and that the line says what was wrong. Real components throughout: a real tmpfs
filled to the last byte for "disk full", a second SQLite connection holding the write lock,
an immutable file (``chattr +i``, which refuses even root), loopback HTTP servers that dribble.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from samples import Dribbler, send_body, serving

from newsbrief.store import Archive

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "port-strike.txt"
SCRIPT = Path(sys.executable).parent / "newsbrief"  # the installed console script

FRENCH = (
    "Le gouvernement a annoncé mardi une nouvelle réforme des retraites qui sera présentée au"
    " parlement dans les prochaines semaines. Les syndicats ont dénoncé un projet qu'ils jugent"
    " injuste pour les salariés les plus modestes et ont appelé à une grève nationale. "
) * 4
CHINESE = "中国政府周二宣布了一项新的经济刺激计划，旨在提振国内消费和稳定就业市场。" * 6


def run(
    *args: str,
    stdin: bytes | None = None,
    close_stdin: bool = False,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``newsbrief ARGS`` as a user runs it (stdin closed with ``<&-`` when asked)."""
    cmd = [str(SCRIPT), *args]
    if close_stdin:  # the shell's `<&-`: no file descriptor 0 at all
        cmd = ["/bin/sh", "-c", '"$0" "$@" <&-', *cmd]
    proc = subprocess.run(
        cmd,
        input=stdin,
        stdin=None if stdin is not None or close_stdin else subprocess.DEVNULL,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=timeout,
    )
    return subprocess.CompletedProcess(
        proc.args,
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def assert_one_error(proc: subprocess.CompletedProcess[str], code: int, *needles: str) -> str:
    """The exit code, no traceback, one ``error:`` line (click's ``Error:`` for usage errors)
    that names the problem, and nothing else on stderr but a hint (and click's usage lines)."""
    assert proc.returncode == code, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith("error:")]
    assert len(errors) == 1, proc.stderr
    others = [line for line in lines if line not in errors]
    for line in others:
        assert line.startswith(("  hint:", "Usage:", "Try ")), proc.stderr
    assert sum(line.startswith("  hint:") for line in others) <= 1, proc.stderr
    for needle in needles:
        assert needle.lower() in errors[0].lower(), errors[0]
    assert "internal error" not in proc.stderr
    return errors[0]


# ------------------------------------------------------------------ bad input: exit 2


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    (folder / "a-folder").mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 500)
    (folder / "renamed-pdf.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n" * 40)
    (folder / "png.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"IHDR" + bytes(200))
    rng = random.Random(3)
    mostly_bad = bytes(rng.choice(range(0x80, 0xC0)) for _ in range(3000))
    (folder / "mostly-bad.txt").write_bytes(b"Strike news. " + mostly_bad)
    (folder / "french.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "chinese.txt").write_text(CHINESE, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "needles"),
    [
        ("missing.txt", ("not found",)),
        ("a-folder", ("is a folder",)),
        ("empty.txt", ("empty",)),
        ("binary.txt", ("binary",)),
        ("renamed-pdf.txt", ("is a PDF document",)),
        ("png.html", ("is a PNG image",)),
        ("mostly-bad.txt", ("mostly not valid text",)),
        ("french.txt", ("does not look like English",)),
        ("chinese.txt", ("does not look like English", "not in the Latin alphabet")),
    ],
)
def test_bad_input_table(bad_inputs: Path, name: str, needles: tuple[str, ...]) -> None:
    proc = run("brief", str(bad_inputs / name), "--no-store")
    line = assert_one_error(proc, 2, *needles)
    assert "too short" not in line
    assert proc.stdout == ""


def test_closed_stdin_is_an_input_error() -> None:
    proc = run("brief", "-", "--no-store", close_stdin=True)
    assert_one_error(proc, 2, "standard input is closed")


def test_closed_stdin_for_ingest(tmp_path: Path) -> None:
    proc = run("ingest", "-", "--db", str(tmp_path / "a.db"), close_stdin=True)
    assert_one_error(proc, 2, "standard input is closed")


# ------------------------------------------------------------------ usage errors: click's own


def test_version() -> None:
    from newsbrief import __version__

    proc = run("--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"newsbrief {__version__}"
    assert proc.stderr == ""


def test_version_is_the_projects() -> None:
    """The package's version is the one pyproject.toml declares (one bumped without the other
    would make ``--version``, the web API and the built package disagree)."""
    import tomllib

    from newsbrief import __version__

    root = Path(__file__).resolve().parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__


def test_bare_command_shows_help_and_exits_2() -> None:
    """click (8.2+) answers a group called without a command with its help and code 2."""
    proc = run()
    assert proc.returncode == 2, proc.stderr
    assert "Usage" in proc.stdout + proc.stderr
    assert "brief" in proc.stdout + proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--bogus",), "No such option: --bogus"),
        (("brief", "--bogus", str(EXAMPLE)), "No such option: --bogus"),
        (("brief", "-f", "pdf", str(EXAMPLE)), "'pdf' is not one of"),
        (("nonsense",), "No such command 'nonsense'"),
        (("stories", "--limit", "0"), "--limit"),
    ],
)
def test_usage_errors_are_clicks_message_and_exit_2(args: tuple[str, ...], needle: str) -> None:
    proc = run(*args)
    assert_one_error(proc, 2, needle)
    assert "Usage:" in proc.stderr


def test_since_overflow_is_an_input_error(tmp_path: Path) -> None:
    proc = run("stories", "--since", "99999999d", "--db", str(tmp_path / "a.db"))
    assert_one_error(proc, 2, "99999999d")


# ------------------------------------------------------------------ ingest: nothing found


def test_ingest_empty_folder_says_nothing_was_found(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    proc = run("ingest", str(tmp_path / "empty"), "--db", str(tmp_path / "a.db"))
    assert_one_error(proc, 2, "nothing to ingest")


def test_ingest_empty_stdin_says_nothing_was_found(tmp_path: Path) -> None:
    proc = run("ingest", "-", "--db", str(tmp_path / "a.db"), stdin=b"")
    assert_one_error(proc, 2, "standard input is empty")


# ------------------------------------------------------------------ archive: 74, 75, 77


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_says_the_disk_is_full(tmpfs: Path) -> None:
    """The real thing: an archive on a 2 MB tmpfs filled to the last byte. Before the fix the
    ROLLBACK after the failed COMMIT hid the cause ("cannot rollback - no transaction")."""
    db = tmpfs / "archive.db"
    Archive.open(db).close()
    keeper = sqlite3.connect(db)  # keeps -wal/-shm in place, as a running `serve` would
    try:
        keeper.execute("SELECT COUNT(*) FROM articles").fetchone()
        keeper.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        _fill(tmpfs / "filler")
        before = keeper.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        proc = run("brief", str(EXAMPLE), "--db", str(db))
        assert_one_error(proc, 74, "disk is full")
        assert "rollback" not in proc.stderr.lower()
        assert keeper.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == before
        assert keeper.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        keeper.close()


def _fill(path: Path) -> None:
    with path.open("wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 4096)
        except OSError:
            pass
        try:
            while True:
                out.write(b"\0")
        except OSError:
            pass


def test_locked_archive_says_it_is_locked(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    Archive.open(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process mid-write
    try:
        proc = run("brief", str(EXAMPLE), "--db", str(db), env={"NEWSBRIEF_BUSY_TIMEOUT": "0.3"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_one_error(proc, 75, "locked by another process")
    assert "writable" not in proc.stderr
    assert "wait for it to finish" in proc.stderr


def _chattr(flag: str, path: Path) -> None:
    done = subprocess.run(["chattr", flag, str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"chattr {flag} not supported here: {done.stderr.decode().strip()}")


def test_read_only_archive_says_permission_denied(tmp_path: Path) -> None:
    """An immutable archive file (``chattr +i``: refused even to root)."""
    db = tmp_path / "archive.db"
    Archive.open(db).close()
    _chattr("+i", db)
    try:
        proc = run("brief", str(EXAMPLE), "--db", str(db))
    finally:
        _chattr("-i", db)
    assert_one_error(proc, 77, "permission denied")


def test_archive_folder_not_writable(tmp_path: Path) -> None:
    folder = tmp_path / "locked-folder"
    folder.mkdir()
    _chattr("+i", folder)
    try:
        proc = run("stories", "--db", str(folder / "archive.db"))
    finally:
        _chattr("-i", folder)
    assert_one_error(proc, 77, "permission denied")


def test_output_file_not_writable(tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    out.write_text("old\n")
    _chattr("+i", out)
    try:
        proc = run("brief", str(EXAMPLE), "--no-store", "-o", str(out))
    finally:
        _chattr("-i", out)
    assert_one_error(proc, 77, "permission denied", str(out))


# ------------------------------------------------------------------ slow and failing servers


@pytest.mark.parametrize("command", ["brief", "ingest"])
@pytest.mark.parametrize("headers_too", [False, True])
def test_dribbling_server_is_cut_at_the_deadline(
    tmp_path: Path, command: str, headers_too: bool
) -> None:
    server = Dribbler(headers_too=headers_too)
    try:
        proc = run(
            command,
            f"{server.url}/article",
            "--db",
            str(tmp_path / "a.db"),
            env={"NEWSBRIEF_FETCH_TIMEOUT": "2"},
            timeout=120,
        )
        deadline = time.monotonic() + 5
        while len(server.hung_up) < len(server.requests) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        server.close()
    line = assert_one_error(proc, 3, "did not answer within 2 s")
    assert "the feed" not in line  # an article page is not a feed
    assert len(server.requests) == 1, server.requests  # fetched once, not as feed then page
    held = [end - start for start, end in zip(server.started, server.hung_up, strict=False)]
    assert held and max(held) < 2 + 1.5, held


@contextmanager
def _site(article: str, path: str = "/article") -> Iterator[tuple[str, dict[str, int]]]:
    """A tiny loopback site, one article page at ``path`` and 404 elsewhere: its URL, and the
    number of requests per path."""
    counts: dict[str, int] = {}
    body = article.encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            counts[self.path] = counts.get(self.path, 0) + 1
            if self.path != path:
                self.send_error(404)
                return
            send_body(self, body, "text/html; charset=utf-8")

        def log_message(self, *args: object) -> None:
            """Quiet: the tests read the responses, not the server's request log."""

    with serving(Handler) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}", counts


def _page(text: str, head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    return (
        f"<!doctype html><html><head><title>Port strike</title>{head}</head>"
        f"<body><article><h1>Port strike</h1>{paragraphs}</article></body></html>"
    )


def _example_body() -> str:
    return EXAMPLE.read_text(encoding="utf-8").split("\n\n", 1)[1]


def test_ingest_article_url_fetched_once_and_fetch_errors_exit_3(tmp_path: Path) -> None:
    with _site(_page(_example_body())) as (url, counts):
        ok = run("ingest", f"{url}/article", "--no-analyze", "--db", str(tmp_path / "a.db"))
        missing = run("ingest", f"{url}/gone", "--db", str(tmp_path / "a.db"))
    assert ok.returncode == 0, ok.stderr
    assert "1 new" in ok.stderr
    assert counts["/article"] == 1  # one request per URL: the body is reused
    line = assert_one_error(missing, 3, "answered HTTP 404")
    assert "the feed" not in line


def test_page_without_metadata_date_gets_none_and_a_note(tmp_path: Path) -> None:
    """A month in the body ("in March 2019") is not the page's date: no date, and a note."""
    body = _example_body() + "\n\nThe last strike, in March 2019, lasted nine days."
    page = tmp_path / "page.html"
    page.write_text(_page(body), encoding="utf-8")
    proc = run("brief", str(page), "--no-store", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["article"]["published"] is None
    notes = [line for line in proc.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "no publication date" in notes[0], proc.stderr
    assert "error:" not in proc.stderr


def test_a_page_filed_under_a_day_in_its_address_is_dated_by_it(tmp_path: Path) -> None:
    """No date in the metadata, but the address files the page under 11 June 2024: that day
    anchors the brief, and the note says where it came from."""
    body = _example_body() + "\n\nThe last strike, in March 2019, lasted nine days."
    with _site(_page(body), "/news/2024/06/11/port-strike/") as (url, _):
        proc = run("brief", f"{url}/news/2024/06/11/port-strike/", "--no-store", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["article"]["published"].startswith("2024-06-11")
    notes = [line for line in proc.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "address files it under 2024-06-11" in notes[0], proc.stderr


def test_a_saved_page_is_dated_by_its_canonical_address(tmp_path: Path) -> None:
    head = '<link rel="canonical" href="https://news.example/2023/nov/18/port-strike-ends/">'
    page = tmp_path / "page.html"
    page.write_text(_page(_example_body(), head), encoding="utf-8")
    proc = run("brief", str(page), "--no-store", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["article"]["published"].startswith("2023-11-18")


# ------------------------------------------------------------------ damage is said, not hidden


def test_stray_byte_is_replaced_and_counted(tmp_path: Path) -> None:
    """One stray byte in a UTF-8 file: UTF-8 with one U+FFFD, and a warning with the count.
    Before the fix the whole file was read as Windows-1252 ("Japanâ€™s")."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("'", "\u2019")
    data = text.encode("utf-8").replace(b"strike", b"str\xffike", 1)
    path = tmp_path / "stray.txt"
    path.write_bytes(data)
    proc = run("brief", str(path), "--no-store", "-f", "json")
    assert proc.returncode == 0, proc.stderr
    stored = json.loads(proc.stdout)["article"]
    assert "â€" not in proc.stdout
    warns = [line for line in proc.stderr.splitlines() if line.startswith("warning:")]
    assert len(warns) == 1 and "1 byte is not valid UTF-8" in warns[0], proc.stderr
    assert "line" in warns[0]
    assert stored["id"]


@pytest.mark.slow
def test_huge_text_is_cut_with_a_warning_that_says_where(tmp_path: Path) -> None:
    body = _example_body()
    path = tmp_path / "huge.txt"
    path.write_text("\n\n".join([body] * (210_000 // len(body) + 1)), encoding="utf-8")
    proc = run("brief", str(path), "--no-store", "-f", "json", timeout=900)
    assert proc.returncode == 0, proc.stderr
    warns = [line for line in proc.stderr.splitlines() if line.startswith("warning:")]
    assert len(warns) == 1, proc.stderr
    assert "only the first 200,000 are analyzed" in warns[0]
    assert "in paragraph" in warns[0]


# ------------------------------------------------------------------ Ctrl-C


def _jsonl(path: Path, n: int) -> None:
    rng = random.Random(11)
    places = ["Halvern", "Corvale", "Ostra", "Lindmark", "Pellow", "Saragh", "Tiv", "Brell"]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            sentences = [
                f"On day {rng.randint(1, 28)} the council of {rng.choice(places)} approved plan"
                f" {i}-{rng.randint(0, 10**9)} worth {rng.randint(10, 99_999)} crowns, and"
                f" {rng.randint(2, 500)} residents said it was rushed before the vote."
                for _ in range(8)
            ]
            out.write(json.dumps({"text": " ".join(sentences), "title": f"Item {i}"}) + "\n")


def _stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_ctrl_c_mid_ingest_says_interrupted_and_keeps_the_archive_whole(tmp_path: Path) -> None:
    items, db = tmp_path / "items.jsonl", tmp_path / "archive.db"
    _jsonl(items, 400)
    proc = subprocess.Popen(
        [str(SCRIPT), "ingest", str(items), "--no-analyze", "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 240
    while proc.poll() is None and _stored(db) < 48 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, stderr_bytes = proc.communicate(timeout=60)
    stderr = stderr_bytes.decode()
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr, stderr
    with Archive.open(db) as archive:
        assert archive.integrity_check() == "ok"
        n = archive.count_articles()
        assert 0 < n < 400
        assert n % 16 == 0  # whole chunks only: no partial chunk stuck
        conn = archive._conn
        for sql in (
            "SELECT COUNT(*) FROM story_articles",
            "SELECT COUNT(*) FROM minhashes",
            "SELECT COUNT(*) FROM shingle_sets",
            "SELECT COUNT(*) FROM articles_fts",
        ):
            assert conn.execute(sql).fetchone()[0] == n, sql


def test_near_copy_brief_says_which_stored_article_it_is(tmp_path: Path) -> None:
    """Briefing a near copy of a stored article: the brief's article id is not in the archive,
    so a note names the stored article it was recorded under."""
    db = tmp_path / "a.db"
    first = run("brief", str(EXAMPLE), "--db", str(db), "-f", "json")
    assert first.returncode == 0, first.stderr
    text = EXAMPLE.read_text(encoding="utf-8")
    near = tmp_path / "near.txt"
    near.write_text(text.rstrip() + " Talks are set to resume on Friday.\n", encoding="utf-8")
    proc = run("brief", str(near), "--db", str(db), "-f", "json")
    assert proc.returncode == 0, proc.stderr
    given = json.loads(proc.stdout)["article"]["id"]
    stored = json.loads(first.stdout)["article"]["id"]
    notes = [line for line in proc.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1, proc.stderr
    assert stored in notes[0] and given in notes[0] and "not in the archive" in notes[0]


def test_console_script_is_the_entry_point() -> None:
    assert SCRIPT.is_file() and os.access(SCRIPT, os.X_OK)
    assert shutil.which(str(SCRIPT))
