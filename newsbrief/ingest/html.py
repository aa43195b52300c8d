"""HTML into main text plus metadata, with trafilatura.

Extraction options were chosen on the article-extraction benchmark (``newsbrief eval extraction``):
``favor_precision`` and no comments keep navigation, teasers and reader comments out, which is where
trafilatura's defaults lose most (recall on that benchmark is already ~0.99); a ``favor_recall``
pass runs only when the precise one finds nothing. Two small clean-ups follow, both generic to
news pages: the headline repeated as the first line of the body is dropped
(it is kept as the title), and promotional lines ("Related: …", "Most read") and a trailing run of
newsletter / social / copyright lines are removed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from newsbrief.errors import NoMainText
from newsbrief.ingest.pagedate import metadata_date

EXTRACT_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "include_formatting": False,
}
# Tried only when the precise pass finds no text at all (some pages with unusual markup).
FALLBACK_OPTIONS: dict[str, Any] = {
    **EXTRACT_OPTIONS,
    "favor_precision": False,
    "favor_recall": True,
}
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"

# A promotional line anywhere: "Related: <headline>", or a bare label such as "Most read".
_PROMO = re.compile(
    r"^(?:(?:related|see more|read more|more|also read|watch|recommended)\s*:.{0,150}"
    r"|(?:related(?: stories| articles| coverage)?|more|see more|read more|recommended"
    r"|don'?t miss|most read(?: in [\w ]+)?|you may also like|trending)\s*[:.…]*)$",
    re.I,
)
# Widgets and link rows the page set as lines of text: a tweetable pull quote ("…Click To
# Tweet"), a WordPress shortcode ("[button link=…] Send us YOUR review[/button]"), a headline
# linked with its kind in capitals ("Hong Kong 'threatened with intervention' [REACTION]").
_WIDGET = re.compile(
    r"Click [Tt]o [Tt]weet$|^\[(?P<code>[a-z_]+)\b[^\]]*\].*\[/(?P=code)\]$"
    r"|\s\[(?:VIDEO|VIDEOS|INSIGHT|REACTION|PICTURES|PICS|PHOTOS|POLL|LIVE|LATEST|ANALYSIS"
    r"|GALLERY|WATCH|MAP|REVEALED|EXPLAINED|COMMENT)\]\W*$"
)
# Page furniture that trails the story: newsletters, social links, bylines-to-contact, copyright.
_TAIL = re.compile(
    r"\b(?:subscribe|newsletters?|follow (?:us|her|him|them|\w+) on|copyright|all rights reserved"
    r"|filed under|may be reached at|have a tip|click here|get the latest|tell us what you think"
    r"|delivered to your inbox|full coverage|if you enjoyed this)\b"
    r"|©|^source:|^\W*\d*\s*comments?\W*$",
    re.I,
)
_TAIL_MAX_WORDS = 25
_GROUPED = ("- ", "| ")


@dataclass(frozen=True)
class HtmlExtract:
    """The main text of a page (paragraphs separated by blank lines) and its metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    outlet: str | None = None
    url: str | None = None


def extract_html(html: str, *, url: str | None = None, source: str = "the page") -> HtmlExtract:
    """Main text and metadata of an HTML page; ``NoMainText`` when no article text is found."""
    doc = _extract(html, url, EXTRACT_OPTIONS) or _extract(html, url, FALLBACK_OPTIONS)
    if doc is None:
        raise NoMainText(f"no main text found in {source}")
    title = clean_title(doc.title, doc.sitename)
    text = clean_body(doc.text or "", title)
    if not text:
        raise NoMainText(f"no main text found in {source}: only page furniture was left")
    return HtmlExtract(
        text=text,
        title=title,
        author=_author(doc.author, doc.sitename),
        published=metadata_date(html),  # never trafilatura's date: it may come from the text
        outlet=doc.sitename or _host(doc.hostname),
        url=doc.url or url,
    )


# a month (and the rest of a date) the byline's markup ran on after the name ("By Carrie Arnold
# November 15, 2019" read as the author "Carrie Arnold November")
_TRAILING_MONTH = re.compile(
    r"(?<=\w)\s+(?:January|February|July|September|October|November|December)"
    r"(?:\s+\d{1,2})?(?:,?\s+\d{4})?$"
)  # not March, April, May, June or August: surnames too ("Mary Jo May")


# degrees and credentials a byline sets after the name ("Ilana Muhlstein, MS, RDN"), which
# trafilatura lists as authors of their own
_CREDENTIALS = frozenset(
    {"ms", "ma", "msc", "bsc", "ba", "bs", "phd", "md", "do", "rd", "rdn", "ld", "ldn", "rn",
     "np", "pa", "mph", "mba", "jd", "esq", "cscs", "cpt", "cde", "dds", "dvm", "pharmd", "lcsw"}
)  # fmt: skip


# news agencies a byline names after the writers ("DANICA KIRKA; JILL LAWLESS Associated Press")
_AGENCY_AFTER = re.compile(
    r"\s+(?:Associated Press|The Associated Press|Reuters|AFP|Agence France-Presse|Bloomberg"
    r"|UPI|dpa|Xinhua)$",
    re.I,
)


def _author(author: str | None, site: str | None = None) -> str | None:
    """The page's author as trafilatura reads it, less a date's month run on after the name
    (after two words at least: "April Ryan" keeps her name), credentials listed as authors
    ("Ilana Muhlstein; MS; RDN"), the site or an agency listed as one ("Tanza Loudenback;
    Business Insider") and names set in capitals ("DANICA KIRKA" is Danica Kirka)."""
    if not author:
        return None
    names = []
    for part in author.split(";"):
        name = _AGENCY_AFTER.sub("", part.strip())
        if name.isupper() and len(name.split()) >= 2:
            name = re.sub(r"[A-Z]+", lambda m: m.group(0).capitalize(), name)
        cut = _TRAILING_MONTH.search(name)
        if cut is not None and len(name[: cut.start()].split()) >= 2:
            name = name[: cut.start()]
        if not name or name.replace(".", "").lower() in _CREDENTIALS:
            continue
        if _AGENCY_AFTER.match(" " + name) or (site and name.lower() == site.lower()):
            continue
        names.append(name)
    return "; ".join(names) or author.strip() or None  # an agency alone ("Reuters") stays


def _extract(html: str, url: str | None, options: dict[str, Any]) -> Document | None:
    doc = trafilatura.bare_extraction(
        _without_popups(html),
        url=url,
        with_metadata=True,
        date_extraction_params=_date_params(),
        **options,
    )
    if not isinstance(doc, Document) or not (doc.text or "").strip():
        return None
    return doc


# Hover cards and pop-ups inside the text: a name followed by the person's card of related
# headlines ("Kristi NoemKristi Lynn NoemSouth Dakota governor doubles down … MORE").
_POPUP = re.compile(
    r"""class\s*=\s*["'][^"']*\b(?:rollover-people-block|hovercard|hover-card|tooltip-content|popover-content)\b""",
    re.I,
)


def _without_popups(html: str) -> str:
    """The page without hover cards and pop-ups nested in the text (never article text)."""
    if not _POPUP.search(html):
        return html
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return html
    for el in tree.xpath(
        "//*[contains(@class,'rollover-people-block') or contains(@class,'hovercard')"
        " or contains(@class,'hover-card') or contains(@class,'tooltip-content')"
        " or contains(@class,'popover-content')]"
    ):
        el.drop_tree()
    return str(lxml.html.tostring(tree, encoding="unicode"))


def main_text(html: str, *, url: str | None = None) -> str:
    """Just the main text, as ``extract_html`` gives it ('' when there is none)."""
    try:
        return extract_html(html, url=url).text
    except NoMainText:
        return ""


def clean_body(text: str, title: str | None) -> str:
    """Drop the repeated headline and promo / trailing furniture lines; blank lines between
    paragraphs, consecutive list items and table rows kept together in one paragraph."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if title and lines and _key(lines[0]) == _key(title):
        lines = lines[1:]
    lines = [line for line in lines if not _PROMO.match(line) and not _WIDGET.search(line)]
    while lines and len(lines[-1].split()) <= _TAIL_MAX_WORDS and _TAIL.search(lines[-1]):
        lines.pop()
    return _join_paragraphs(lines)


# a label set before the headline ("BREAKING NEWS: Chelsea activate …")
_BREAKING = re.compile(r"^(?:BREAKING(?: NEWS)?|JUST IN|EXCLUSIVE|UPDATE|UPDATED)\s*[:|–—-]\s+")


def clean_title(title: str | None, sitename: str | None) -> str | None:
    """The headline without a trailing " - Site name" / " | Site name"."""
    if not title:
        return None
    title = title.strip()
    if sitename:
        m = re.match(r"^(.+?)\s+[-|–—:]\s+(.+)$", title)
        if m and _key(m.group(2)) == _key(sitename):
            return m.group(1)
        site = sitename.strip()
        rest = title[len(site) :] if title.lower().startswith(site.lower()) else ""
        m = re.match(r"\s*[|:–—]\s+(.+)$", rest)  # "Site | Headline", "Site: Headline"
        if m:
            title = m.group(1)
    return _BREAKING.sub("", title) or title


def _join_paragraphs(lines: list[str]) -> str:
    paragraphs: list[str] = []
    for line in lines:
        grouped = line.startswith(_GROUPED)
        if grouped and paragraphs and paragraphs[-1].startswith(line[:2]):
            paragraphs[-1] += "\n" + line
        else:
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", unicodedata.normalize("NFKC", text).lower()).strip()


def _host(hostname: str | None) -> str | None:
    if not hostname:
        return None
    return hostname.removeprefix("www.")


def _date_params() -> dict[str, Any]:
    return {
        "original_date": True,
        "extensive_search": False,
        "outputformat": _DATE_FORMAT,
        "max_date": datetime.now().astimezone().strftime("%Y-%m-%d"),
    }
