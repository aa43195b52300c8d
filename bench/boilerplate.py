"""Boilerplate left in what feeds the brief, on the article-extraction benchmark's dev pages.

For each page: main text (``extract_html``) → ``article_from_text`` → the sentences of its body
paragraphs (a light regex split: no parse needed to count) → how many of them are not in the
page's ground-truth article body (compared as lowercased word sequences), and, the other way
round, how many sentences of the other paragraphs (subheads, furniture, promotion) are in it:
story that a rule took for furniture. Prints one line per offending sentence with ``-v``, and
the totals.

    .venv/bin/python bench/boilerplate.py ../shared/data/aeb [-v]
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

from newsbrief.errors import NoMainText
from newsbrief.ingest.html import extract_html
from newsbrief.ingest.text import article_from_text
from newsbrief.ingest.validate import decode_bytes

_WORD = re.compile(r"\w+")
_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def body_sentences(html: str) -> list[str]:
    """The sentences a brief could draw from: body paragraphs only, when the article marks them."""
    return _sentences(html)[0]


def _sentences(html: str) -> tuple[list[str], list[str]]:
    """The sentences of the body paragraphs, and those of every other paragraph."""
    try:
        page = extract_html(html)
    except NoMainText:
        return [], []
    article = article_from_text(page.text, title=page.title)  # as ``load_input`` builds it
    kinds = getattr(article, "paragraph_kinds", ()) or ()
    body: list[str] = []
    other: list[str] = []
    for i, span in enumerate(article.paragraphs):
        para = article.text[span.start : span.end]
        out = other if i < len(kinds) and kinds[i] != "body" else body
        out.extend(s.strip() for s in _SPLIT.split(para) if len(_WORD.findall(s)) >= 2)
    return body, other


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(
            "usage: bench/boilerplate.py AEB_DIR [-v]  (AEB_DIR: html/*.html.gz, ground-truth.json)"
        )
        return 2
    data = Path(argv[0])
    verbose = "-v" in argv
    truth = json.loads((data / "ground-truth.json").read_text())
    total = stray = pages_with = dropped = 0
    for path in sorted((data / "html").glob("*.html.gz")):
        page_id = path.name.removesuffix(".html.gz")
        body = _norm(truth[page_id]["articleBody"])
        html = decode_bytes(gzip.decompress(path.read_bytes()), path.name)
        sentences, other = _sentences(html)
        missing = [s for s in sentences if _norm(s) not in body]
        lost = [s for s in other if len(_WORD.findall(s)) >= 6 and _norm(s) in body]
        total += len(sentences)
        stray += len(missing)
        dropped += len(lost)
        pages_with += bool(missing)
        if verbose:
            for s in missing:
                print(f"{page_id}\t{s[:160]}")
            for s in lost:
                print(f"{page_id}\tDROPPED\t{s[:160]}")
    print(
        f"pages {len(truth)}  sentences {total}  not in ground truth {stray}  "
        f"pages with any {pages_with}  ground-truth sentences not in the body {dropped}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
