"""Checks on what was read: bytes that decode as text, enough words, and English.

Each check raises one of the input errors from :mod:`newsbrief.errors` with a message that names
the input and says what was wrong; the error's hint says what to do instead.
"""

from __future__ import annotations

import codecs
import re
import threading
import warnings

from newsbrief.errors import EmptyArticle, InputWarning, NotEnglish, UnsupportedInput

# The commonest English function words. In English news prose they make up roughly 30-45 % of
# the word tokens; in French, German, Spanish, etc. only a few shared spellings ever match.
_ENGLISH_WORDS = """
    the of and to a in is that for on with as was were be been by at from it its this these
    those an are or but not have has had he she they we you his her their our them him who
    which what when where there than then also after before about into over will would could
    should can may said says more most some such no if out up one two new other all only
"""
# Function words of other languages written in the Latin alphabet (French, German, Spanish,
# Portuguese, Italian, Dutch, Indonesian/Malay, Scandinavian, Polish, Turkish), minus any
# spelling that is also a common English word.
_OTHER_WORDS = """
    le les des du un une et est dans pour que qui sur au aux avec ce cette ne pas sont par
    der das und ist nicht ein eine den dem des zu mit sich auf von im auch wird werden sie
    wir bei nach oder aus el los las del y en por con para es se su al como más lo
    os do da dos das em um uma não com são é ao pela pelo il di che non gli della sono
    anche nel alla het een van niet op zijn voor ook yang dan di ini itu dengan untuk dari
    tidak dalam akan ke pada och att som för med är det av til ikke og er jeg w na nie
    się jest z że ve bir bu ile için olarak
"""
_ENGLISH_FUNCTION_WORDS = frozenset(_ENGLISH_WORDS.split())
_OTHER_FUNCTION_WORDS = frozenset(_OTHER_WORDS.split()) - _ENGLISH_FUNCTION_WORDS
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_SAMPLE_WORDS = 2000
ENGLISH_MIN_RATIO = 0.2
OTHER_MIN_RATIO = 0.05

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def language_ratios(text: str) -> tuple[float, float, float]:
    """Over the first 2,000 words: the share of common English function words, the share of
    other languages' function words, and the share of letters outside the Latin alphabet."""
    words = _WORD.findall(text[: _SAMPLE_WORDS * 12])[:_SAMPLE_WORDS]
    if not words:
        return 0.0, 0.0, 0.0
    lowered = [w.lower() for w in words]
    english = sum(1 for w in lowered if w in _ENGLISH_FUNCTION_WORDS) / len(words)
    other = sum(1 for w in lowered if w in _OTHER_FUNCTION_WORDS) / len(words)
    letters = sum(len(w) for w in words)
    non_latin = 1.0 - sum(len(_LATIN.findall(w)) for w in words) / letters
    return english, other, non_latin


def is_english(text: str) -> bool:
    """English unless its function words are rare and another language's (or script's) are not.

    Text with few function words of any language (a sports results table, a list of names) is
    given the benefit of the doubt.
    """
    english, other, non_latin = language_ratios(text)
    if english >= ENGLISH_MIN_RATIO:
        return True
    return non_latin < 0.5 and other < max(OTHER_MIN_RATIO, english)


def word_count(text: str) -> int:
    return len(text.split())


def check_article_text(text: str, source: str, *, min_words: int) -> None:
    """Raise ``EmptyArticle`` for empty or too short text, ``NotEnglish`` for other languages.

    The language is checked before the length: Chinese or Japanese text has no spaces between
    words, so it would otherwise be called "too short" rather than "not English".
    """
    n = word_count(text)
    if n == 0:
        raise EmptyArticle(f"{source} is empty: it contains no text")
    check_english(text, source)
    if n < min_words:
        raise EmptyArticle(
            f"{source} is too short: {n} words, and a brief needs at least {min_words}",
        )


def check_english(text: str, source: str) -> None:
    if not is_english(text):
        english, _, non_latin = language_ratios(text)
        if non_latin >= 0.5:
            raise NotEnglish(
                f"{source} does not look like English text"
                f" ({non_latin:.0%} of its letters are not in the Latin alphabet)"
            )
        raise NotEnglish(
            f"{source} does not look like English text "
            f"(only {english:.0%} of its words are common English words such as 'the' or 'of')"
        )


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in the first 8 KB: not a text file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13)) + head.count(127)
    return bool(head) and controls / len(head) > 0.05


def declared_charset(data: bytes, header_charset: str | None = None) -> str | None:
    """The charset from the HTTP header, else from a ``<meta charset>`` in the first 4 KB."""
    for candidate in (header_charset, _meta_charset(data)):
        if candidate and _known_codec(candidate):
            return candidate
    return None


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


# Signatures of common non-text files, checked before any decoding (offset, bytes, what it is).
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"%PDF-", "a PDF document"),
    (0, b"%!PS", "a PostScript document"),
    (0, b"{\\rtf", "an RTF document"),
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"GIF87a", "a GIF image"),
    (0, b"GIF89a", "a GIF image"),
    (0, b"II*\x00", "a TIFF image"),
    (0, b"MM\x00*", "a TIFF image"),
    (0, b"BM", ""),  # checked further in _magic_kind (a BMP header, not a word such as "BMW")
    (8, b"WEBP", "a WebP image"),
    (4, b"ftyp", "a video or HEIC image (ISO media)"),
    (0, b"PK\x03\x04", "a ZIP archive (or a Word, OpenDocument or EPUB file)"),
    (0, b"PK\x05\x06", "a ZIP archive"),
    (0, b"\x1f\x8b", "a gzip archive"),
    (0, b"\xfd7zXZ\x00", "an xz archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (0, b"(\xb5/\xfd", "a Zstandard archive"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office (Word, Excel) file"),
    (0, b"\x7fELF", "a program (ELF executable)"),
    (0, b"MZ\x90\x00", "a Windows program"),
    (0, b"ID3\x03", "an MP3 audio file"),
    (0, b"ID3\x04", "an MP3 audio file"),
    (0, b"OggS", "an Ogg audio or video file"),
    (0, b"fLaC", "a FLAC audio file"),
    (0, b"SQLite format 3\x00", "an SQLite database"),
)


def magic_kind(data: bytes) -> str | None:
    """What a non-text file is, from its first bytes ("a PDF document"), or None."""
    for offset, signature, what in _MAGIC:
        if data[offset : offset + len(signature)] != signature:
            continue
        if signature == b"BM":  # "BM" + little-endian file size + 4 reserved zero bytes
            if len(data) >= 10 and data[6:10] == b"\x00\x00\x00\x00":
                return "a BMP image"
            continue
        return what
    if data[:3] == b"BZh" and data[3:4].isdigit() and data[4:10] == b"1AY&SY":
        return "a bzip2 archive"
    return None


# Bad UTF-8 sequences met while decoding, per thread: (start, end) byte offsets.
_BAD = threading.local()


def _count_and_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _BAD.spans.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error("newsbrief.count-replace", _count_and_replace)


def decode_bytes(data: bytes, source: str, *, charset: str | None = None) -> str:
    """Decode text bytes: BOM, then UTF-8, then the declared charset, then Windows-1252.

    Raises ``UnsupportedInput`` for a known non-text format (PDF, images, archives: by their
    first bytes), binary data, or bytes that decode to control-character noise. Text that is
    UTF-8 but for a few bad bytes is decoded as UTF-8 with U+FFFD in their place, and an
    ``InputWarning`` says how many bytes were bad and where the first one is; text that is
    mostly bad is refused. Text with no valid UTF-8 multi-byte sequence at all (an old Latin-1
    or Windows-1252 file) is decoded as Windows-1252.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    kind = magic_kind(data)
    if kind is not None:
        raise UnsupportedInput(
            f"{source} is {kind}, not text or HTML",
            hint="newsbrief reads text and HTML: copy the article's text into a .txt file"
            " and brief that",
        )
    if looks_binary(data):
        raise UnsupportedInput(
            f"{source} looks like a binary file, not text or HTML",
            hint="give the article as a UTF-8 .txt, .md or .html file",
        )
    text = _decode(data, source, charset)
    if text is None or _CONTROL.search(text[:8192]):
        raise UnsupportedInput(
            f"{source} could not be decoded as text (not UTF-8 or its declared charset)",
            hint="save the article as UTF-8 text and try again",
        )
    return text.lstrip("\ufeff")


def _decode(data: bytes, source: str, charset: str | None) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data, charset)
    if declared and codecs.lookup(declared).name != "utf-8":
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    _BAD.spans = []
    text = data.decode("utf-8", errors="newsbrief.count-replace")
    spans: list[tuple[int, int]] = _BAD.spans
    bad = sum(end - start for start, end in spans)
    valid_multibyte = sum(1 for ch in text if ord(ch) > 127) - len(spans)
    if bad > len(data) / 2:
        raise UnsupportedInput(
            f"{source} is mostly not valid text: {bad:,} of its {len(data):,} bytes are not UTF-8",
            hint="save the article as UTF-8 text and try again",
        )
    line = data.count(b"\n", 0, spans[0][0]) + 1
    if valid_multibyte <= 0:  # no UTF-8 at all: a legacy single-byte file
        try:
            legacy = data.decode("cp1252")
        except UnicodeDecodeError:
            return None
        warnings.warn(
            f"{source} is not UTF-8 and declares no charset; read as Windows-1252"
            f" ({bad:,} non-ASCII {'byte' if bad == 1 else 'bytes'}, the first on line"
            f" {line})",
            InputWarning,
            stacklevel=3,
        )
        return legacy
    noun = "byte is" if bad == 1 else "bytes are"
    warnings.warn(
        f"{source}: {bad:,} {noun} not valid UTF-8 (the first on line {line});"
        " replaced with \ufffd — the rest of the text is read as UTF-8",
        InputWarning,
        stacklevel=3,
    )
    return text
