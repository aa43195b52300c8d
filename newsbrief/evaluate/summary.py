"""Score the Executive Summary on CNN/DailyMail against Lead-3, with our own ROUGE.

``src`` holds one article per line (lowercased, tokenized; ``<t>``/``</t>`` markers are dropped),
``ref`` the reference highlights of the same line as sentences inside ``<t> … </t>``. Both systems
see the same parse and the same sentence splits: Lead-3 is the first three sentences as our
splitter cuts them, the newsbrief summary is ``executive_summary`` with default settings. ROUGE-1,
ROUGE-2 and ROUGE-Lsum F1 are averaged over articles (see ``newsbrief.evaluate.rouge``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from newsbrief.analyze import analyze_many
from newsbrief.compose.summary import executive_summary
from newsbrief.errors import DataError
from newsbrief.evaluate.common import EvalResult
from newsbrief.evaluate.rouge import rouge_scores
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Analysis, Article
from newsbrief.settings import Settings

_TAG = re.compile(r"</?t>")
_T_GROUP = re.compile(r"<t>(.*?)</t>", re.S)
# In the tokenized highlights a sentence ends with a free-standing period: "… 2004 .next one".
_REF_SPLIT = re.compile(r"\s\.(?=\S)|\s\.\s*$")
_METRICS = ("rouge1", "rouge2", "rougeLsum")


def clean_source(line: str) -> str:
    """One source line as article text: markers dropped, whitespace collapsed."""
    return " ".join(_TAG.sub(" ", line).split())


def reference_sentences(line: str) -> list[str]:
    """The highlight sentences of one reference line."""
    groups = _T_GROUP.findall(line) or [line]
    out: list[str] = []
    for group in groups:
        out.extend(s.strip() for s in _REF_SPLIT.split(group) if s.strip())
    return out


def read_pairs(src: Path, ref: Path, limit: int | None = None) -> list[tuple[Article, list[str]]]:
    """Articles and their reference sentences, line by line."""
    for path in (src, ref):
        if not path.is_file():
            raise DataError(f"summary data: {path} is not a file")
    src_lines = src.read_text(encoding="utf-8").splitlines()
    ref_lines = ref.read_text(encoding="utf-8").splitlines()
    if len(src_lines) != len(ref_lines):
        raise DataError(
            f"summary data: {src.name} has {len(src_lines)} lines, {ref.name} {len(ref_lines)}"
        )
    pairs = [
        (article_from_text(clean_source(s), source=f"{src.name}:{i}"), reference_sentences(r))
        for i, (s, r) in enumerate(zip(src_lines, ref_lines, strict=True))
        if s.strip()
    ]
    return pairs[:limit] if limit is not None else pairs


def lead3(analysis: Analysis) -> list[str]:
    return [s.text for s in analysis.sentences[:3]]


def newsbrief_summary(analysis: Analysis, settings: Settings) -> list[str]:
    return [item.text for item in executive_summary(analysis, settings)]


def evaluate(src: Path, ref: Path, *, limit: int | None = None) -> EvalResult:
    """ROUGE of the newsbrief Executive Summary and of Lead-3 on the same articles."""
    pairs = read_pairs(src, ref, limit)
    settings = Settings()
    sums = {f"{who}{m}": 0.0 for who in ("", "lead3_") for m in _METRICS}
    words = {"": 0, "lead3_": 0}
    for (_, refs), analysis in zip(pairs, _analyses(pairs), strict=True):
        for who, summary in (
            ("", newsbrief_summary(analysis, settings)),
            ("lead3_", lead3(analysis)),
        ):
            words[who] += sum(len(s.split()) for s in summary)
            for name, score in rouge_scores(summary, refs).items():
                sums[f"{who}{name}"] += score.f1
    n = len(pairs)
    metrics = {f"{k}_f1": (v / n if n else 0.0) for k, v in sums.items()}
    return EvalResult(
        task="summary",
        n=n,
        metrics=metrics,
        lines=_table(metrics, n, {k: v / n if n else 0.0 for k, v in words.items()}),
    )


def _analyses(pairs: list[tuple[Article, list[str]]]) -> Iterator[Analysis]:
    return analyze_many((a for a, _ in pairs), batch_size=8)


def _table(metrics: dict[str, float], n: int, words: dict[str, float]) -> list[str]:
    lines = [f"{'system':<12}{'ROUGE-1':>9}{'ROUGE-2':>9}{'ROUGE-Lsum':>12}{'words':>8}"]
    for label, who in (("newsbrief", ""), ("lead-3", "lead3_")):
        r1, r2, rl = (metrics[f"{who}{m}_f1"] * 100 for m in _METRICS)
        lines.append(f"{label:<12}{r1:>9.2f}{r2:>9.2f}{rl:>12.2f}{words[who]:>8.1f}")
    deltas = [(metrics[f"{m}_f1"] - metrics[f"lead3_{m}_f1"]) * 100 for m in _METRICS]
    lines.append(
        f"summary: {n} articles, newsbrief vs lead-3 (F1 x100): "
        + ", ".join(f"{m} {d:+.2f}" for m, d in zip(_METRICS, deltas, strict=True))
    )
    return lines
