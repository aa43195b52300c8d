"""Main-text extraction on the article-extraction-benchmark layout.

    data_dir/html/<id>.html.gz       gzipped pages
    data_dir/ground-truth.json       {id: {"articleBody": ..., "url": ...}}

Each page is scored as a bag of lowercased word tokens: precision = |pred ∩ true| / |pred| and
recall = |pred ∩ true| / |true|, with multiset intersection. Precision and recall are averaged over
pages and F1 is taken from the two averages. An empty extraction scores 0 on both. newsbrief's
extraction (``newsbrief.ingest.html``) runs beside plain ``trafilatura.extract(html)`` in the same
run, on the same decoded page.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura

from newsbrief.errors import DataError
from newsbrief.evaluate.common import EvalResult, f1_of, require_dir
from newsbrief.ingest.html import main_text
from newsbrief.ingest.validate import decode_bytes

_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str | None], str]


@dataclass(frozen=True)
class Page:
    id: str
    url: str | None
    html: str
    truth: str


@dataclass
class Scores:
    """Per-page precision and recall of one extractor."""

    precision: list[float]
    recall: list[float]

    @property
    def mean_precision(self) -> float:
        return sum(self.precision) / len(self.precision) if self.precision else 0.0

    @property
    def mean_recall(self) -> float:
        return sum(self.recall) / len(self.recall) if self.recall else 0.0

    @property
    def f1(self) -> float:
        return f1_of(self.mean_precision, self.mean_recall)


def tokens(text: str) -> Counter[str]:
    """The multiset of lowercased word tokens."""
    return Counter(_TOKEN.findall(text.lower()))


def token_pr(predicted: str, truth: str) -> tuple[float, float]:
    """Token-bag precision and recall of one page; (0, 0) when either side has no tokens."""
    pred, true = tokens(predicted), tokens(truth)
    n_pred, n_true = sum(pred.values()), sum(true.values())
    if not n_pred or not n_true:
        return 0.0, 0.0
    common = sum((pred & true).values())
    return common / n_pred, common / n_true


def newsbrief_extract(html: str, url: str | None) -> str:
    return main_text(html, url=url)


def baseline_extract(html: str, url: str | None) -> str:
    """Plain ``trafilatura.extract`` with its defaults (the URL is not passed)."""
    return trafilatura.extract(html) or ""


def load_pages(data_dir: Path) -> Iterator[Page]:
    """The benchmark's pages in id order; ``DataError`` when the layout is not as expected."""
    require_dir(data_dir, "extraction data")
    truth_file = data_dir / "ground-truth.json"
    if not truth_file.is_file():
        raise DataError(f"{truth_file} not found")
    truth: dict[str, dict[str, Any]] = json.loads(truth_file.read_text(encoding="utf-8"))
    html_dir = require_dir(data_dir / "html", "extraction pages")
    for page_id in sorted(truth):
        path = html_dir / f"{page_id}.html.gz"
        if not path.is_file():
            raise DataError(f"{path} not found (listed in ground-truth.json)")
        html = decode_bytes(gzip.decompress(path.read_bytes()), str(path))
        entry = truth[page_id]
        yield Page(page_id, entry.get("url"), html, entry.get("articleBody") or "")


def score(pages: list[Page], extract: Extractor) -> Scores:
    scores = Scores([], [])
    for page in pages:
        p, r = token_pr(extract(page.html, page.url), page.truth)
        scores.precision.append(p)
        scores.recall.append(r)
    return scores


def evaluate(data_dir: Path) -> EvalResult:
    """Score newsbrief's extraction and trafilatura's defaults on the same pages."""
    pages = list(load_pages(Path(data_dir)))
    if not pages:
        raise DataError(f"{data_dir}/ground-truth.json lists no pages")
    ours = score(pages, newsbrief_extract)
    base = score(pages, baseline_extract)
    metrics = {
        "precision": ours.mean_precision,
        "recall": ours.mean_recall,
        "f1": ours.f1,
        "baseline_precision": base.mean_precision,
        "baseline_recall": base.mean_recall,
        "baseline_f1": base.f1,
    }
    return EvalResult("extraction", len(pages), metrics, _lines(ours, base, len(pages)))


def _lines(ours: Scores, base: Scores, n: int) -> list[str]:
    pairs = list(zip(ours.precision, ours.recall, base.precision, base.recall, strict=True))
    better = sum(1 for p, r, bp, br in pairs if f1_of(p, r) > f1_of(bp, br) + 1e-9)
    worse = sum(1 for p, r, bp, br in pairs if f1_of(p, r) < f1_of(bp, br) - 1e-9)
    rows = [("newsbrief", ours), ("trafilatura defaults", base)]
    lines = [f"{'extractor':<22} {'precision':>9} {'recall':>7} {'F1':>7}"]
    lines += [
        f"{name:<22} {s.mean_precision:>9.4f} {s.mean_recall:>7.4f} {s.f1:>7.4f}"
        for name, s in rows
    ]
    lines.append(f"pages: {n}; newsbrief better on {better}, worse on {worse} (per-page F1)")
    lines.append(
        f"extraction: F1 {ours.f1:.4f} (P {ours.mean_precision:.4f}, R {ours.mean_recall:.4f}) "
        f"vs trafilatura defaults {base.f1:.4f} on {n} pages"
    )
    return lines
