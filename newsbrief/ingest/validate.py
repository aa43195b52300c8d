"""Checks on what was read: bytes that decode as text, enough words, and English.

Each check raises one of the input errors from :mod:`newsbrief.errors` with a message that names
the input and says what was wrong; the error's hint says what to do instead.
"""

from __future__ import annotations

import codecs
import re

from newsbrief.errors import EmptyArticle, NotEnglish, UnsupportedInput

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
    """Raise ``EmptyArticle`` for empty or too short text, ``NotEnglish`` for other languages."""
    n = word_count(text)
    if n == 0:
        raise EmptyArticle(f"{source} is empty: it contains no text")
    if n < min_words:
        raise EmptyArticle(
            f"{source} is too short: {n} words, and a brief needs at least {min_words}",
        )
    check_english(text, source)


def check_english(text: str, source: str) -> None:
    if not is_english(text):
        english, _, _ = language_ratios(text)
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


def decode_bytes(data: bytes, source: str, *, charset: str | None = None) -> str:
    """Decode text bytes: BOM, then UTF-8, then the declared charset, then Windows-1252.

    Raises ``UnsupportedInput`` for binary data or bytes that decode to control-character noise.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16").encode("utf-8")
    if looks_binary(data):
        raise UnsupportedInput(
            f"{source} looks like a binary file, not text or HTML",
            hint="give the article as a UTF-8 .txt, .md or .html file",
        )
    for encoding in _encodings(data, charset):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _CONTROL.search(text[:8192]):
            return text.lstrip("\ufeff")
    raise UnsupportedInput(
        f"{source} could not be decoded as text (not UTF-8 or its declared charset)",
        hint="save the article as UTF-8 text and try again",
    )


def _encodings(data: bytes, charset: str | None) -> list[str]:
    if data.startswith(codecs.BOM_UTF8):
        return ["utf-8-sig"]
    order = ["utf-8"]
    declared = declared_charset(data, charset)
    if declared:
        order.append(declared)
    order.append("cp1252")
    return order
