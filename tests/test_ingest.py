"""Reading files and standard input into Articles, and every way an input can be refused."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsbrief.errors import (
    EmptyArticle,
    InputError,
    InputNotFound,
    NoMainText,
    NotEnglish,
    UnsupportedInput,
)
from newsbrief.ingest import extract_html, load_input
from newsbrief.ingest.files import markdown_to_text, sniff_kind
from newsbrief.ingest.html import clean_body, clean_title
from newsbrief.ingest.text import parse_datetime, split_header
from newsbrief.ingest.validate import decode_bytes, is_english
from newsbrief.settings import Settings

PARAS = [
    "The town council of Brackenford voted on Monday to close the old river bridge to heavy "
    "lorries after engineers found cracks in two of its supporting piers.",
    "Council leader Mara Olsen said the decision had not been taken lightly, because the bridge "
    "carries most of the traffic between the quarry and the motorway.",
    "Hauliers said the detour would add forty minutes to each trip and warned that the cost "
    "would be passed on to builders across the region.",
    "Repairs are expected to start in the spring and to take about eight months, according to "
    "the council's highways department.",
]
BODY = "\n\n".join(PARAS)

FRENCH = " ".join(
    [
        "Le conseil municipal de la ville a voté lundi la fermeture du vieux pont aux poids",
        "lourds, après que des ingénieurs ont découvert des fissures dans deux de ses piliers.",
        "Selon le maire, la décision n'a pas été prise à la légère, car le pont supporte la plus",
        "grande partie du trafic entre la carrière et l'autoroute. Les transporteurs estiment que",
        "le détour ajoutera quarante minutes à chaque trajet et que le coût sera répercuté sur",
        "les entreprises de la région.",
    ]
)
GERMAN = " ".join(
    [
        "Der Stadtrat hat am Montag beschlossen, die alte Flussbrücke für schwere Lastwagen zu",
        "sperren, nachdem Ingenieure Risse in zwei ihrer Pfeiler gefunden hatten. Nach Angaben",
        "der Bürgermeisterin ist die Entscheidung nicht leichtfertig getroffen worden, denn über",
        "die Brücke läuft der größte Teil des Verkehrs zwischen dem Steinbruch und der Autobahn.",
        "Die Spediteure sagen, dass der Umweg jede Fahrt um vierzig Minuten verlängert und die",
        "Kosten steigen werden.",
    ]
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Brackenford closes river bridge to lorries - Valley Courier</title>
<meta property="og:title" content="Brackenford closes river bridge to lorries">
<meta property="og:site_name" content="Valley Courier">
<meta name="author" content="Tomas Reyna">
<meta property="article:published_time" content="2024-05-13T16:45:00+01:00">
<link rel="canonical" href="https://courier.example/news/bridge">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Brackenford closes river bridge to lorries</h1>
{paras}
</article>
<footer><p>Copyright Valley Courier. All rights reserved.</p></footer>
</body></html>
"""


def html_page(paras: list[str] = PARAS) -> str:
    return HTML_PAGE.format(paras="\n".join(f"<p>{p}</p>" for p in paras))


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- text files


def test_text_file_with_metadata_header(tmp_path: Path) -> None:
    header = (
        "Title: Bridge closed to lorries\nOutlet: Valley Courier\n"
        "Published: 2024-05-13T16:45:00+01:00\nAuthor: Tomas Reyna\nURL: https://courier.example/b\n"
    )
    path = write(tmp_path, "bridge.txt", header + "\n" + BODY)
    article = load_input(str(path))
    assert article.title == "Bridge closed to lorries"
    assert article.outlet == "Valley Courier"
    assert article.author == "Tomas Reyna"
    assert article.url == "https://courier.example/b"
    assert article.published == datetime(2024, 5, 13, 15, 45, tzinfo=UTC)
    assert article.text == BODY
    assert article.source == str(path)
    assert article.language == "en"
    assert len(article.paragraphs) == 4
    first = article.paragraphs[0]
    assert article.text[first.start : first.end] == PARAS[0]


def test_example_article_reads(examples_dir: Path) -> None:
    article = load_input(str(examples_dir / "port-strike.txt"))
    assert article.title and article.title.startswith("Dockworkers strike")
    assert article.outlet == "Meridian Press Agency"
    assert article.published == datetime(2024, 6, 11, 9, 30, tzinfo=UTC)
    assert not article.text.startswith("Title:")


def test_flags_override_header(tmp_path: Path) -> None:
    header = "Title: Old title\nOutlet: Old outlet\nPublished: 2024-05-13\n\n"
    path = write(tmp_path, "a.txt", header + BODY)
    when = datetime(2024, 5, 14, 8, 0)  # naive: taken as UTC
    article = load_input(str(path), title="New title", outlet="New outlet", published=when)
    assert article.title == "New title"
    assert article.outlet == "New outlet"
    assert article.published == datetime(2024, 5, 14, 8, 0, tzinfo=UTC)


def test_naive_header_date_is_utc(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Published: 2024-05-13 07:30\n\n" + BODY)
    published = load_input(str(path)).published
    assert published is not None and published.utcoffset() == timedelta(0)
    assert published.hour == 7


def test_bad_header_date_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Title: x\nPublished: sometime soon\n\n" + BODY)
    with pytest.raises(InputError, match="Published"):
        load_input(str(path))


def test_first_line_that_is_not_a_header_stays(tmp_path: Path) -> None:
    text = "BRACKENFORD: the council acted.\n\n" + BODY
    meta, body = split_header(text)
    assert meta == {}
    assert body == text


def test_markdown_heading_becomes_title(tmp_path: Path) -> None:
    md = "# Bridge closed to lorries\n\n" + BODY.replace("Mara Olsen", "**Mara Olsen**")
    md += "\n\nSee [the council notice](https://council.example/notice) for the detour."
    article = load_input(str(write(tmp_path, "bridge.md", md)))
    assert article.title == "Bridge closed to lorries"
    assert article.text.startswith("The town council")
    assert "**" not in article.text and "Mara Olsen" in article.text
    assert "See the council notice for the detour." in article.text


def test_markdown_to_text_keeps_lists() -> None:
    assert markdown_to_text("## Next steps\n- one\n- two") == "Next steps\n- one\n- two"


# --------------------------------------------------------------------------- stdin


def test_stdin_text() -> None:
    article = load_input("-", stdin=io.StringIO("Title: From a pipe\n\n" + BODY))
    assert article.title == "From a pipe"
    assert article.source == "-"
    assert article.text == BODY


def test_stdin_html_is_sniffed() -> None:
    article = load_input("-", stdin=io.StringIO(html_page()))
    assert article.title == "Brackenford closes river bridge to lorries"
    assert "<p>" not in article.text
    assert PARAS[1] in article.text


def test_stdin_bytes_are_decoded() -> None:
    data = BODY.replace("Mara Olsen", "Mara Ølsen").encode("utf-8")
    article = load_input("-", stdin=io.BytesIO(data))
    assert "Mara Ølsen" in article.text


def test_sniff_kind() -> None:
    assert sniff_kind("<!doctype html><html><body><p>x</p></body></html>") == "html"
    assert sniff_kind("<!-- saved page -->\n<html><p>x</p></html>") == "html"
    assert sniff_kind(BODY) == "text"
    assert sniff_kind("Use the <b> tag sparingly, she said.") == "text"


# --------------------------------------------------------------------------- HTML


def test_html_file_text_and_metadata(tmp_path: Path) -> None:
    article = load_input(str(write(tmp_path, "bridge.html", html_page())))
    assert article.title == "Brackenford closes river bridge to lorries"
    assert article.outlet == "Valley Courier"
    assert article.author == "Tomas Reyna"
    assert article.published == datetime(2024, 5, 13, 15, 45, tzinfo=UTC)
    assert article.url == "https://courier.example/news/bridge"
    assert article.text == BODY  # headline not repeated, nav and footer dropped
    assert len(article.paragraphs) == 4


def test_html_flags_override_page_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "bridge.htm", html_page())
    when = datetime(2024, 5, 20, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    article = load_input(str(path), title="Mine", outlet="Wire", published=when)
    assert (article.title, article.outlet, article.published) == ("Mine", "Wire", when)


def test_html_in_windows_1252(tmp_path: Path) -> None:
    page = html_page([*PARAS[:3], "The café by the bridge will stay open, its owner said."])
    page = page.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    article = load_input(str(write(tmp_path, "bridge.html", page.encode("cp1252"))))
    assert "The café by the bridge" in article.text


def test_html_without_main_text(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Index</title></head><body><nav><ul>"
        + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))
        + "</ul></nav></body></html>"
    )
    with pytest.raises(NoMainText) as err:
        load_input(str(write(tmp_path, "index.html", page)))
    assert "index.html" in err.value.message
    assert err.value.hint


def test_html_with_too_little_main_text(tmp_path: Path) -> None:
    with pytest.raises(NoMainText, match="words of main text"):
        load_input(str(write(tmp_path, "short.html", html_page([PARAS[0]]))))


def test_clean_body_drops_promos_and_trailing_furniture() -> None:
    raw = "\n".join(
        [
            "Bridge closed",
            PARAS[0],
            "Related: Council approves new budget",
            PARAS[1],
            "- first item",
            "- second item",
            "Sign up for our morning newsletter.",
            "Copyright 2024 Valley Courier",
        ]
    )
    body = clean_body(raw, "Bridge closed")
    assert body == f"{PARAS[0]}\n\n{PARAS[1]}\n\n- first item\n- second item"


def test_clean_body_drops_widgets_set_as_lines() -> None:
    """A tweetable pull quote, a WordPress shortcode and headlines linked with their kind in
    capitals; a line that only speaks of a video stays."""
    raw = "\n".join(
        [
            PARAS[0],
            "Closing the bridge was the only safe choice.Click To Tweet",
            '[button link="https://valley.example/tips" type="big"] Send us YOUR tips[/button]',
            "Quarry lorries face forty-minute detour\xa0[VIDEO]",
            "Hauliers hit back at council [REACTION]",
            PARAS[1],
            "The council posted a video of the cracks [online].",
        ]
    )
    body = clean_body(raw, None)
    assert body == f"{PARAS[0]}\n\n{PARAS[1]}\n\nThe council posted a video of the cracks [online]."


def test_clean_body_keeps_story_lines_that_mention_subscribers() -> None:
    raw = f"{PARAS[0]}\nThe service added two million subscribers in the quarter."
    assert clean_body(raw, None).endswith("two million subscribers in the quarter.")


def test_clean_title_strips_site_name() -> None:
    assert clean_title("Bridge closed | Valley Courier", "Valley Courier") == "Bridge closed"
    # the site before the headline (its name holding a bar itself), and a label before it
    site = "Valley Courier | The valley's own paper"
    assert clean_title(f"{site}: BREAKING NEWS: Bridge closed", site) == "Bridge closed"
    assert clean_title("Valley Courier: Bridge closed", "Valley Courier") == "Bridge closed"
    assert clean_title("Bridge closed - for now", "Valley Courier") == "Bridge closed - for now"
    assert clean_title(None, "Valley Courier") is None


def test_recall_pass_when_the_precise_pass_finds_nothing() -> None:
    # Paragraphs that are entirely links look like navigation to the precise pass.
    body = "".join(f"<p><a href='/more'>{p}</a></p>" for p in PARAS)
    page = extract_html(f"<html><body><div class='content'>{body}</div></body></html>")
    assert page.text == BODY


def test_extract_html_raises_on_empty_page() -> None:
    with pytest.raises(NoMainText):
        extract_html("<html><body></body></html>", source="empty.html")


# --------------------------------------------------------------------------- refusals


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFound) as err:
        load_input(str(tmp_path / "nope.txt"))
    assert err.value.message == f"file not found: {tmp_path / 'nope.txt'}"
    assert err.value.hint == "check the path"


def test_unsupported_type(tmp_path: Path) -> None:
    path = write(tmp_path, "report.pdf", b"%PDF-1.4 whatever")
    with pytest.raises(UnsupportedInput, match=r"unsupported file type '\.pdf'"):
        load_input(str(path))


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "articles.txt"
    folder.mkdir()
    with pytest.raises(UnsupportedInput, match="folder"):
        load_input(str(folder))


def test_other_url_scheme_is_refused() -> None:
    with pytest.raises(UnsupportedInput, match="http"):
        load_input("ftp://example.org/article.txt")


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(EmptyArticle, match="empty"):
        load_input(str(write(tmp_path, "empty.txt", "  \n\n ")))


def test_header_only_file_is_empty(tmp_path: Path) -> None:
    with pytest.raises(EmptyArticle):
        load_input(str(write(tmp_path, "h.txt", "Title: Nothing here\n\n")))


def test_too_short(tmp_path: Path) -> None:
    with pytest.raises(EmptyArticle) as err:
        load_input(str(write(tmp_path, "short.txt", PARAS[0])))
    assert "too short: 27 words" in err.value.message and "at least 40" in err.value.message
    assert err.value.hint


def test_min_words_comes_from_settings(tmp_path: Path) -> None:
    article = load_input(str(write(tmp_path, "s.txt", PARAS[0])), settings=Settings(min_words=10))
    assert article.text == PARAS[0]


def test_binary_file(tmp_path: Path) -> None:
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    with pytest.raises(UnsupportedInput, match="binary"):
        load_input(str(write(tmp_path, "photo.txt", data)))


def test_undecodable_bytes(tmp_path: Path) -> None:
    data = BODY.encode("utf-8").replace(b"Mara", b"M\x81\x8dra")
    with pytest.raises(UnsupportedInput, match="decoded"):
        load_input(str(write(tmp_path, "odd.txt", data)))


def test_latin1_text_file_decodes(tmp_path: Path) -> None:
    data = BODY.replace("Mara Olsen", "Mara Ólsen").encode("latin-1")
    assert "Mara Ólsen" in load_input(str(write(tmp_path, "l.txt", data))).text


def test_utf16_with_bom_decodes() -> None:
    assert decode_bytes("\ufeffPier".encode("utf-16"), "x") == "Pier"


@pytest.mark.parametrize("text", [FRENCH, GERMAN], ids=["french", "german"])
def test_not_english(tmp_path: Path, text: str) -> None:
    with pytest.raises(NotEnglish) as err:
        load_input(str(write(tmp_path, "foreign.txt", text)))
    assert "English" in err.value.message
    assert err.value.hint


def test_english_detector() -> None:
    assert is_english(BODY)
    assert not is_english(FRENCH)
    assert not is_english(GERMAN)
    assert not is_english("東京都は月曜日、新しい橋の建設計画を発表した。" * 5)
    # Few function words of any language (a results table): given the benefit of the doubt.
    assert is_english("Palm Bay 70, Rockledge 44. Tolivert 25 points. Davis 17 points.")


def test_parse_datetime() -> None:
    assert parse_datetime("2024-06-11T09:30:00Z") == datetime(2024, 6, 11, 9, 30, tzinfo=UTC)
    assert parse_datetime("2024-06-11") == datetime(2024, 6, 11, tzinfo=UTC)
    assert parse_datetime("June 11, 2024") == datetime(2024, 6, 11, tzinfo=UTC)
    assert parse_datetime("next week") is None


def test_a_headline_line_above_the_header_block_is_the_title(tmp_path: Path) -> None:
    text = "Bridge closed to lorries\n\nPublished: 2024-06-11\nOutlet: Valley Post\n\n" + BODY
    meta, body = split_header(text)
    assert meta == {
        "title": "Bridge closed to lorries",
        "published": "2024-06-11",
        "outlet": "Valley Post",
    }
    assert body == BODY
    article = load_input(str(write(tmp_path, "a.txt", text)))
    assert article.title == "Bridge closed to lorries"
    assert article.published is not None and article.published.date().isoformat() == "2024-06-11"
    assert article.text == BODY
    # the block's own Title wins; a first line that is a sentence is body, and no header then
    titled = "Bridge closed\n\nTitle: Lorries barred from the bridge\n\n" + BODY
    assert split_header(titled)[0]["title"] == "Lorries barred from the bridge"
    prose = "The bridge closed.\n\nPublished: 2024-06-11\n\n" + BODY
    assert split_header(prose) == ({}, prose)
