"""End-to-end: the ``newsbrief`` command as a user runs it, in a subprocess."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from samples import SECTION_KEYS

from newsbrief.models import Brief

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "port-strike.txt"
HEADINGS = ("Executive Summary", "The Story So Far", "Why This Matters", "Who Thinks What?")


def run(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsbrief", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


def assert_clean_failure(proc: subprocess.CompletedProcess[str], needle: str) -> None:
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stderr, proc.stderr
    assert needle.lower() in proc.stderr.lower(), proc.stderr
    assert "hint:" in proc.stderr


def test_help_for_every_command() -> None:
    top = run("--help")
    assert top.returncode == 0
    for cmd in ("brief", "schema", "eval", "ingest", "watch", "search", "stories", "serve"):
        assert cmd in top.stdout
        sub = run(cmd, "--help")
        assert sub.returncode == 0, sub.stderr
        assert "Usage" in sub.stdout
    for task in ("extraction", "attribution", "timex", "summary", "roles", "clustering"):
        sub = run("eval", task, "--help")
        assert sub.returncode == 0, sub.stderr
        assert "--json" in sub.stdout


def test_brief_markdown_of_example(tmp_path: Path) -> None:
    proc = run("brief", str(EXAMPLE), "--db", str(tmp_path / "a.db"))
    assert proc.returncode == 0, proc.stderr
    for heading in HEADINGS:
        assert f"## {heading}" in proc.stdout
    assert "Dockworkers strike" in proc.stdout


def test_brief_json_validates_and_is_grounded(tmp_path: Path) -> None:
    proc = run("brief", str(EXAMPLE), "-f", "json", "--no-store")
    assert proc.returncode == 0, proc.stderr
    brief = Brief.model_validate_json(proc.stdout)
    text = EXAMPLE.read_text(encoding="utf-8")
    assert brief.article is not None
    assert 2 <= len(brief.executive_summary) <= 4
    for item in brief.executive_summary:
        assert item.text in text
    for position in brief.who_thinks_what:
        for st in position.statements:
            assert st.text in text, st.text


def test_brief_writes_html_file(tmp_path: Path) -> None:
    out = tmp_path / "brief.html"
    proc = run("brief", str(EXAMPLE), "-f", "html", "-o", str(out), "--no-store")
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert 'id="s-' in page and 'href="#s-' in page


def test_stdin_with_metadata_flags(tmp_path: Path) -> None:
    body = "\n\n".join(EXAMPLE.read_text(encoding="utf-8").split("\n\n")[1:])
    proc = run(
        "brief",
        "-",
        "--title",
        "Port strike",
        "--published",
        "2024-06-11",
        "-f",
        "json",
        "--no-store",
        stdin=body,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["headline"] == "Port strike"
    assert data["article"]["published"].startswith("2024-06-11")


def test_archive_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    for _ in range(2):
        proc = run("brief", str(EXAMPLE), "--db", str(db))
        assert proc.returncode == 0, proc.stderr
    with sqlite3.connect(db) as conn:
        (count,) = conn.execute("SELECT COUNT(*) FROM articles").fetchone()
    assert count == 1


@pytest.mark.parametrize(
    ("content", "suffix", "needle"),
    [
        (None, ".txt", "not found"),
        ("Too short.", ".txt", "short"),
        ("", ".txt", "empty"),
        ("some text", ".pdf", "unsupported"),
    ],
)
def test_bad_input_is_one_clear_line(
    tmp_path: Path, content: str | None, suffix: str, needle: str
) -> None:
    path = tmp_path / f"input{suffix}"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    proc = run("brief", str(path), "--no-store")
    assert_clean_failure(proc, needle)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 8)
    assert_clean_failure(run("brief", str(path), "--no-store"), "")


def test_batch_keeps_going_past_bad_input(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run("brief", str(EXAMPLE), str(tmp_path / "missing.txt"), "-o", str(out), "--no-store")
    assert proc.returncode != 0
    assert "missing.txt" in proc.stderr and "Traceback" not in proc.stderr
    assert "1 of 2 briefed" in proc.stderr
    assert len(list(out.glob("*.md"))) == 1


def test_bad_published_flag() -> None:
    assert_clean_failure(run("brief", str(EXAMPLE), "--published", "yesterday"), "ISO")


def test_unwritable_archive_is_clear(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = run("brief", str(EXAMPLE), "--db", str(blocker / "sub" / "a.db"))
    assert_clean_failure(proc, "")


def test_schema_command_prints_brief_schema() -> None:
    proc = run("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    for key in SECTION_KEYS:
        assert key in schema["properties"]
