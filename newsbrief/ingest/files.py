"""Local files and standard input: read bytes, decode, and tell HTML from text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO, Literal, NamedTuple, TextIO

from newsbrief.errors import InputNotFound, UnsupportedInput
from newsbrief.ingest.validate import decode_bytes

Kind = Literal["text", "markdown", "html"]

TEXT_SUFFIXES: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_HTML_TAGS = re.compile(r"</?(?:p|div|article|section|span|a|h[1-6]|br|meta|title)\b[^>]*>", re.I)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^>\s?", re.M)


class RawInput(NamedTuple):
    """What was read: its text, what kind of document it is, and where it came from."""

    text: str
    kind: Kind
    source: str


def read_file(path: Path) -> RawInput:
    """Read a .txt / .md / .html file; errors for a missing path, a folder or another type."""
    source = str(path)
    if not path.exists():
        raise InputNotFound(f"file not found: {source}")
    if path.is_dir():
        raise UnsupportedInput(f"{source} is a folder, not an article file")
    kind = TEXT_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise UnsupportedInput(f"unsupported file type {path.suffix or '(none)'!r}: {source}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputNotFound(f"{source} could not be read: {exc.strerror or exc}") from exc
    return RawInput(decode_bytes(data, source), kind, source)


def read_stdin(stream: TextIO | BinaryIO) -> RawInput:
    """Read standard input (bytes are decoded like a file) and sniff HTML versus text."""
    data = stream.read()
    text = decode_bytes(data, "standard input") if isinstance(data, bytes) else data
    return RawInput(text, sniff_kind(text), "-")


def sniff_kind(text: str) -> Kind:
    """HTML when it opens like an HTML document or is dense with common tags; text otherwise."""
    head = text[:4096]
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 5:
        return "html"
    return "text"


def markdown_to_text(text: str) -> str:
    """Light Markdown clean-up: links to their text, headings and quotes without markers,
    bold without asterisks. Lists and paragraphs are kept as they are."""
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return _MD_QUOTE.sub("", text)
