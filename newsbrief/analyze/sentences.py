"""Sentence records from the parse, never crossing a paragraph boundary."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from newsbrief.models import Article, Sentence, Span

_KEEP_CHUNK = re.compile(r"[a-z]")
_WORD = re.compile(r"\w")
# "PORT SELANE, Valmora - ", "WASHINGTON (Reuters) — ": a dateline opening the first sentence
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’]{2,}(?:[ -][A-Z][A-Z.'’]+)*(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}){0,2}"
    r"(?:\s*\([^()\n]{1,40}\))?\s*(?:--|[-–—:])(?:\s+|$)"
)
# a sentence that ends like this is finished; spaCy's parser sometimes ends one elsewhere
# ("… 44 percent would back | Trump, while …", "Federal mine | No. 2 would close")
_FINISHED = re.compile(r"[.!?…:;\"”'’)\]]\s*$")
# "… lead a country.” ― Jacklyn Ashley": a reader's sign-off stands alone
_SIGN_OFF = re.compile(r"[―—]\s*(?:[A-Z][\w.'’-]*\s*){1,4}$")
# “You winning?”, “Really!”, “a deal,”: a closing quotation mark not after a full stop
_QUOTE_CLOSES = re.compile(r"(?<![.\s\"”’'])[\"”’']+\s*$")
# a dateline may open one of the first sentences (a headline and a standfirst line come first)
_DATELINE_SENTENCES = 5
_STOP_HEADS = {"it", "he", "she", "they", "we", "i", "you", "this", "that", "who", "which", "what"}


def split_sentences(doc: Doc, article: Article) -> list[Sentence]:
    """Turn spaCy sentences into records; a sentence that spans a paragraph break is cut there.

    Only body paragraphs give sentences: the article's own subheads, bylines, datelines, captions
    and links (``Article.paragraph_kinds``) stay in the text but never feed the brief.

    Entities and noun chunks are read once per document and bucketed by sentence offsets (asking
    each sentence span for them re-walks the document).
    """
    paras = list(article.paragraphs) or [Span(start=0, end=len(article.text))]
    para_starts = [p.start for p in paras]
    bounds: list[tuple[int, int]] = []
    for sent in doc.sents:
        for piece in _cut_at_paragraphs(sent.start_char, sent.end_char, paras, article):
            for start, end in _cut_at_lines(article.text, *piece):
                text = article.text[start:end]
                stripped = text.strip()
                if stripped:
                    lead = len(text) - len(text.lstrip())
                    bounds.append((start + lead, start + lead + len(stripped)))
    bounds = _without_dateline(article.text, _joined(article.text, bounds, para_starts))
    starts = [b[0] for b in bounds]
    ents: list[list[str]] = [[] for _ in bounds]
    for ent in doc.ents:
        i = bisect.bisect_right(starts, ent.start_char) - 1
        if i >= 0 and ent.start_char < bounds[i][1]:
            ents[i].append(ent.text)
    phrases: list[list[str]] = [[] for _ in bounds]
    for chunk, start in _keyphrases(doc):
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start < bounds[i][1]:
            phrases[i].append(chunk)
    return [
        Sentence(
            index=i,
            start=start,
            end=end,
            text=article.text[start:end],
            paragraph=max(0, bisect.bisect_right(para_starts, start) - 1),
            keyphrases=tuple(phrases[i]),
            entities=tuple(ents[i]),
        )
        for i, (start, end) in enumerate(bounds)
    ]


_LINE_OPENS = re.compile(r"[“\"‘―—–]")
_LINE_ENDS = re.compile(r"[.!?…][\"”’']?$")


def _cut_at_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a sentence at a line break inside its paragraph where a line plainly ends one: after
    end punctuation, before a line opening on a quotation mark or a dash, after a signed line
    ("― Veronica Cruz" above the next reader's “…”) and after a short headline line above a
    full one. A hard-wrapped line runs on."""
    pieces = []
    lo = start
    nl = text.find("\n", start, end)
    while nl != -1:
        line = text[text.rfind("\n", 0, nl) + 1 : nl].strip()
        stop = text.find("\n", nl + 1)
        following = text[nl + 1 : stop if stop != -1 else len(text)].strip()
        if line and following and _ends_line(line, following):
            pieces.append((lo, nl))
            lo = nl + 1
        nl = text.find("\n", nl + 1, end)
    pieces.append((lo, end))
    return pieces


def _ends_line(line: str, following: str) -> bool:
    if _LINE_ENDS.search(line) or _LINE_OPENS.match(following) or line[0] in "―—":
        return True
    # a wrapped line is about as long as the line after it; a short one before a capital is a
    # headline of its own ("Police arrest suspect" above the story's first sentence)
    short = len(line) < 0.6 * len(following) and len(line.split()) <= 12
    return short and following[:1].isupper()


def _joined(
    text: str, bounds: list[tuple[int, int]], para_starts: list[int]
) -> list[tuple[int, int]]:
    """Rejoin a sentence the parser ended without end punctuation to the next one of the same
    paragraph (a paragraph break always ends a sentence; a headline line has no full stop)."""
    out: list[tuple[int, int]] = []
    for start, end in bounds:
        if out:
            prev_start, prev_end = out[-1]
            prev = text[prev_start:prev_end]
            same = bisect.bisect_right(para_starts, prev_start) == bisect.bisect_right(
                para_starts, start
            )
            broken = "\n" in text[prev_end:start]  # cut at a line break on purpose
            if same and not broken and _runs_on(prev, text[start:end]):
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


def _runs_on(prev: str, following: str) -> bool:
    """Whether the parser's sentence ``prev`` runs on into ``following``: it lacks end punctuation,
    or a quote's own "?" or "!" ended it and a lowercase word goes on (“You winning?” she said)."""
    if _QUOTE_CLOSES.search(prev) and following[:1].islower():
        return True
    return not _FINISHED.search(prev) and not _SIGN_OFF.search(prev)


def _without_dateline(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence that opens the story starts after its dateline ("CHARLOTTE - The wife …"),
    also when a headline or standfirst line comes first; a sentence that is only one is dropped."""
    for i, (start, end) in enumerate(bounds[:_DATELINE_SENTENCES]):
        if i and text.count("\n", bounds[i - 1][1], start) == 0:
            continue  # not the first sentence of its paragraph
        m = _DATELINE.match(text, start, end)
        if m is None or len(text[start : m.end()].split()) > 6:
            continue
        rest = m.end()
        while rest < end and text[rest].isspace():
            rest += 1
        return (
            bounds[:i] + bounds[i + 1 :]
            if rest >= end
            else [*bounds[:i], (rest, end), *bounds[i + 1 :]]
        )
    return bounds


def _cut_at_paragraphs(
    start: int, end: int, paras: list[Span], article: Article
) -> list[tuple[int, int]]:
    pieces = []
    overlaps = False
    for i, p in enumerate(paras):
        lo, hi = max(start, p.start), min(end, p.end)
        if lo < hi:
            overlaps = True
            if article.paragraph_kind(i) == "body":
                pieces.append((lo, hi))
    if overlaps:
        return pieces
    # between paragraphs: blank, or the dash after a run-in head ("HEAD — The …"): no sentence
    return [(start, end)] if _WORD.search(article.text, start, end) else []


def _measure(tok: Token) -> bool:
    """ "a 46-page analysis", "a 30-year-old veteran": a word hyphened onto a number measures
    the noun; without its number ("page analysis") it reads as a topic of its own."""
    doc, i = tok.doc, tok.i
    while i >= 2 and doc[i - 1].text == "-":
        if doc[i - 2].like_num:
            return True
        i -= 2
    return False


def _keyphrases(doc: Doc) -> list[tuple[str, int]]:
    """Content noun phrases of the document, lowercased (nouns lemmatized), with their offsets."""
    phrases: list[tuple[str, int]] = []
    try:
        chunks = list(doc.noun_chunks)
    except ValueError:  # no parser in the pipeline
        return []
    for chunk in chunks:
        toks = [t for t in chunk if not (t.is_stop or t.is_punct or t.like_num or _measure(t))]
        if not toks or (len(toks) == 1 and toks[0].lower_ in _STOP_HEADS):
            continue
        phrase = " ".join(t.lemma_.lower() if t.pos_ == "NOUN" else t.lower_ for t in toks)
        if _KEEP_CHUNK.search(phrase):
            phrases.append((phrase, chunk.start_char))
    return phrases
