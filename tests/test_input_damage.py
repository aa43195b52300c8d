"""No silent damage, in-process: decoding, file signatures, page dates, archive errors, deadlines.

The CLI side of the same findings is in ``test_honest_errors``; these pin the library pieces.
"""

from __future__ import annotations

import sqlite3
import time
import warnings
from pathlib import Path

import pytest
from samples import Dribbler

from newsbrief.errors import (
    ArchiveFull,
    ArchiveLocked,
    FetchError,
    InputNote,
    InputWarning,
    NotEnglish,
    StoreError,
    UnsupportedInput,
)
from newsbrief.ingest import load_input
from newsbrief.ingest.feeds import fetch_feed
from newsbrief.ingest.html import extract_html
from newsbrief.ingest.pagedate import metadata_date, url_date
from newsbrief.ingest.text import article_from_text
from newsbrief.ingest.url import fetch_url
from newsbrief.ingest.validate import check_article_text, decode_bytes, magic_kind
from newsbrief.settings import Settings
from newsbrief.store import Archive

ROOT = Path(__file__).resolve().parents[1]
BODY = (ROOT / "examples" / "port-strike.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]

# ------------------------------------------------------------------ decoding


def test_utf8_with_a_stray_byte_stays_utf8_and_warns() -> None:
    data = "Japan’s port strike — day three.\nJapan’s ministers met.\n".encode()
    data = data.replace(b"day", b"d\xffay")
    with pytest.warns(InputWarning, match=r"1 byte is not valid UTF-8 \(the first on line 1\)"):
        text = decode_bytes(data, "s.txt")
    assert text.count("Japan’s") == 2
    assert "\ufffd" in text and "â€" not in text


def test_bad_bytes_are_counted() -> None:
    data = ("é " * 50).encode() + b"\xff\xfe\xfd" + b"\n" + b"\xc3"
    with pytest.warns(InputWarning, match=r"4 bytes are not valid UTF-8"):
        decode_bytes(data, "s.txt")


def test_mostly_bad_bytes_are_refused() -> None:
    data = b"News. " + bytes(range(0x80, 0xC0)) * 30
    with pytest.raises(UnsupportedInput, match="mostly not valid text"):
        decode_bytes(data, "s.txt")


def test_legacy_single_byte_file_is_read_as_windows_1252_with_a_warning() -> None:
    with pytest.warns(InputWarning, match="read as Windows-1252"):
        assert decode_bytes(b"Caf\xe9 \x93quoted\x94", "l.txt") == "Café “quoted”"


def test_clean_utf8_gives_no_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert decode_bytes("Japan’s".encode(), "ok.txt") == "Japan’s"


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"%PDF-1.4\n", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00", "a GIF image"),
        (b"PK\x03\x04\x14\x00", "a ZIP archive (or a Word, OpenDocument or EPUB file)"),
        (b"\x1f\x8b\x08\x00", "a gzip archive"),
        (b"{\\rtf1\\ansi", "an RTF document"),
        (b"SQLite format 3\x00", "an SQLite database"),
    ],
)
def test_magic_bytes_name_the_format(head: bytes, what: str) -> None:
    assert magic_kind(head + b"x" * 100) == what
    with pytest.raises(UnsupportedInput, match=what.split(" (")[0]):
        decode_bytes(head + b"x" * 100, "f.txt")


@pytest.mark.parametrize("text", ["BMW said on Monday", "ID3 tags", "PKK fighters", "GIF art"])
def test_magic_bytes_leave_ordinary_text_alone(text: str) -> None:
    assert magic_kind(text.encode()) is None


def test_chinese_is_not_english_rather_than_too_short() -> None:
    text = "中国政府周二宣布了一项新的经济刺激计划，旨在提振国内消费和稳定就业市场。" * 3
    with pytest.raises(NotEnglish, match="not in the Latin alphabet"):
        check_article_text(text, "zh.txt", min_words=40)


# ------------------------------------------------------------------ page dates


def _page(head: str = "", body_extra: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n") if p.strip())
    return (
        f"<html><head><title>Strike</title>{head}</head><body><article>{paragraphs}"
        f"{body_extra}</article></body></html>"
    )


def test_no_date_is_invented_from_the_body(tmp_path: Path) -> None:
    html = _page(body_extra="<p>Published March 4, 2019. The last strike was in May 2018.</p>")
    assert metadata_date(html) is None
    path = tmp_path / "p.html"
    path.write_text(html, encoding="utf-8")
    with pytest.warns(InputNote, match="no publication date"):
        article = load_input(str(path))
    assert article.published is None


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (
            '<meta property="article:published_time" content="2024-06-11T09:30:00Z">',
            "",
            "2024-06-11",
        ),
        ('<meta name="dc.date.issued" content="2023-02-01">', "", "2023-02-01"),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle",'
            ' "datePublished": "2022-05-17T08:00:00+02:00"}]}</script>',
            "",
            "2022-05-17",
        ),
        ("", '<time datetime="2021-09-30T12:00:00Z">Thursday</time>', "2021-09-30"),
    ],
)
def test_metadata_dates_are_used(head: str, body: str, expected: str) -> None:
    found = metadata_date(_page(head, body))
    assert found is not None and found.date().isoformat() == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/sports/2019/11/20/roundup/4246736002/", "2019-11-20"),
        ("https://news.example/politics/2019/nov/18/guide-to-tariffs/", "2019-11-18"),
        ("https://news.example/cells-that-taste-danger-20191115/", "2019-11-15"),
        ("https://news.example/2021-03-04-port-strike.html", "2021-03-04"),
        # an id, a month alone, no such day, a day to come, a date outside the path
        ("https://news.example/smart-news/plague-cases-180973578/", None),
        ("https://news.example/2019/11/roundup/", None),
        ("https://news.example/2019/02/30/roundup/", None),
        ("https://news.example/2999/01/01/roundup/", None),
        ("https://news.example/story?date=2019-11-20", None),
    ],
)
def test_the_day_an_address_files_a_page_under(url: str, expected: str | None) -> None:
    found = url_date(url)
    assert (found.date().isoformat() if found else None) == expected


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ("Ann Lee November", "Ann Lee"),
        ("Mary Jo May", "Mary Jo May"),
        ("April Ryan", "April Ryan"),
        ("Ann Lee, MS, RDN", "Ann Lee"),
        ("Ann Lee; Tom Roe", "Ann Lee; Tom Roe"),
        # the site or an agency listed as an author, names set in capitals
        ("ANN LEE and TOM ROE Associated Press", "Ann Lee; Tom Roe"),
        ("Ann Lee, Harbor Post", "Ann Lee"),
        ("ANN LEE NOVEMBER", "Ann Lee"),
    ],
)
def test_what_is_no_authors_name_goes_from_the_byline(meta: str, expected: str) -> None:
    site = '<meta property="og:site_name" content="Harbor Post">'
    page = _page(f'<meta name="author" content="{meta}">{site}')
    assert extract_html(page).author == expected


def test_a_flag_date_gives_no_note(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    path = tmp_path / "p.html"
    path.write_text(_page(), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", InputNote)
        article = load_input(str(path), published=datetime(2024, 6, 11, tzinfo=UTC))
    assert article.published is not None


# ------------------------------------------------------------------ archive errors


def test_full_archive_reports_full_not_rollback(tmp_path: Path) -> None:
    """SQLITE_FULL through ``max_page_count`` (the code path a full disk takes): the error is
    ``ArchiveFull``; before the fix it was "cannot rollback - no transaction is active"."""
    db = tmp_path / "a.db"
    with Archive.open(db) as archive:
        pages = archive._conn.execute("PRAGMA page_count").fetchone()[0]
        archive._conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        big = article_from_text(BODY * 40, title="Big")
        with pytest.raises(ArchiveFull, match="the disk is full") as caught:
            archive.save_article(big)
        assert "rollback" not in str(caught.value).lower()
        assert caught.value.exit_code == 74
        assert archive.count_articles() == 0
        assert not archive._conn.in_transaction
        archive._conn.execute("PRAGMA max_page_count = 1073741823")
        archive.save_article(big)  # the archive works once there is room again
        assert archive.count_articles() == 1


def test_locked_archive_is_archive_locked(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    Archive.open(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with (
            Archive.open(db, busy_timeout_s=0.2) as archive,
            pytest.raises(ArchiveLocked, match="locked by another process") as caught,
        ):
            archive.save_article(article_from_text(BODY))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert caught.value.exit_code == 75
    assert "writable" not in caught.value.hint


def test_error_inside_a_transaction_is_not_masked(tmp_path: Path) -> None:
    """An exception inside the body rolls back and propagates unchanged."""
    with Archive.open(tmp_path / "a.db") as archive:
        with pytest.raises(KeyError), archive.transaction():
            archive.save_article(article_from_text(BODY))
            raise KeyError("boom")
        assert archive.count_articles() == 0


def test_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    db.write_bytes(b"this is not an sqlite file" * 200)
    with pytest.raises(StoreError, match="not a usable newsbrief archive"):
        Archive.open(db)


# ------------------------------------------------------------------ fetch deadline


def test_page_fetch_ends_at_the_deadline() -> None:
    server = Dribbler(headers_too=True)
    start = time.monotonic()
    try:
        with pytest.raises(FetchError, match="did not answer within 1 s"):
            fetch_url(f"{server.url}/x", Settings(fetch_timeout_s=1.0))
    finally:
        server.close()
    assert time.monotonic() - start < 2.0


def test_feed_fetch_ends_at_the_deadline() -> None:
    server = Dribbler(headers_too=True, content_type="application/rss+xml")
    start = time.monotonic()
    try:
        with pytest.raises(FetchError, match=r"the feed .* did not answer within 1 s"):
            fetch_feed(f"{server.url}/x", Settings(fetch_timeout_s=1.0))
    finally:
        server.close()
    assert time.monotonic() - start < 2.0
