"""Score the verifier on QAGS: is each model-written summary sentence faithful to its article?

``cnndm.jsonl`` holds one article per line with its summary sentences and three yes/no
judgements each; the label is the majority. Each article is analyzed as newsbrief analyzes any
input, and each sentence is verified with ``newsbrief.write.verify`` against the best-matching
article sentences (QAGS has no citations). Reported:

- ``roc_auc``: how well the verifier's score ranks faithful above unfaithful sentences;
- ``balanced_accuracy``: of the verdict (supported / unsupported) at the threshold the writer
  ships with (``DEFAULT_THRESHOLD``);
- ``baseline_roc_auc``: the in-run baseline, the share of the sentence's word bigrams found
  in the article.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsbrief.analyze import analyze_many
from newsbrief.errors import DataError
from newsbrief.evaluate.common import EvalResult, jsonl_lines
from newsbrief.ingest.text import article_from_text
from newsbrief.write.source import SourceText
from newsbrief.write.verify import DEFAULT_THRESHOLD, verify_text

__all__ = ["evaluate", "roc_auc"]


@dataclass(frozen=True)
class _Item:
    article: str
    sentences: tuple[str, ...]
    labels: tuple[bool, ...]


def read_qags(path: Path, limit: int | None = None) -> list[_Item]:
    if path.is_dir():
        path = path / "cnndm.jsonl"
    if not path.is_file():
        raise DataError(f"faithfulness data: {path} is not a file (give the qags folder)")
    items: list[_Item] = []
    for n, line in jsonl_lines(path):
        try:
            row = json.loads(line)
            sents = row["summary_sentences"]
            items.append(
                _Item(
                    article=row["article"],
                    sentences=tuple(s["sentence"] for s in sents),
                    labels=tuple(_majority(s["responses"]) for s in sents),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise DataError(f"faithfulness data: {path.name} line {n} is malformed: {exc}") from exc
    return items[:limit] if limit else items


def _majority(responses: Sequence[dict[str, str]]) -> bool:
    yes = sum(r["response"].strip().lower() == "yes" for r in responses)
    return 2 * yes > len(responses)


def roc_auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """ROC-AUC by ranks (ties count half)."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return 0.0
    wins = sum(1.0 if p > q else 0.5 if p == q else 0.0 for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def _bigram_share(sentence: str, article: str) -> float:
    def grams(text: str) -> list[tuple[str, str]]:
        ws = [w.strip(".,;:!?\"'`()").lower() for w in text.split()]
        ws = [w for w in ws if w]
        return list(itertools.pairwise(ws))

    g = grams(sentence)
    known = set(grams(article))
    return sum(x in known for x in g) / len(g) if g else 0.0


def evaluate(
    data: Path, *, limit: int | None = None, predictions: Path | None = None
) -> EvalResult:
    items = read_qags(data, limit)
    articles = [article_from_text(it.article, source=f"qags:{i}") for i, it in enumerate(items)]
    scores: list[float] = []
    verdicts: list[bool] = []
    baseline: list[float] = []
    labels: list[bool] = []
    rows: list[dict[str, object]] = []
    for i, (item, analysis) in enumerate(zip(items, analyze_many(articles), strict=True)):
        source = SourceText.from_analyses([analysis])
        for checked, label in zip(verify_text(item.sentences, source), item.labels, strict=True):
            scores.append(checked.score)
            verdicts.append(checked.verification.verdict == "supported")
            baseline.append(_bigram_share(checked.text, item.article))
            labels.append(label)
            rows.append(
                {
                    "article": i,
                    "sentence": checked.text,
                    "label": label,
                    "score": round(checked.score, 4),
                    "support": checked.verification.support,
                    "verdict": checked.verification.verdict,
                    "reasons": list(checked.verification.reasons),
                    "cited": list(checked.cited),
                }
            )
    if predictions is not None:
        predictions.parent.mkdir(parents=True, exist_ok=True)
        predictions.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    metrics = {
        "roc_auc": roc_auc(scores, labels),
        "balanced_accuracy": _balanced_accuracy(verdicts, labels),
        "baseline_roc_auc": roc_auc(baseline, labels),
    }
    lines = [
        f"articles {len(items)}, sentences {len(labels)} ({sum(labels)} faithful by majority)",
        f"verifier threshold {DEFAULT_THRESHOLD:.2f}: "
        f"{sum(verdicts)} supported, {len(verdicts) - sum(verdicts)} unsupported",
        f"roc_auc {metrics['roc_auc']:.3f}  balanced_accuracy {metrics['balanced_accuracy']:.3f}  "
        f"baseline_roc_auc {metrics['baseline_roc_auc']:.3f}",
    ]
    return EvalResult(task="faithfulness", n=len(labels), metrics=metrics, lines=lines)


def _balanced_accuracy(predicted: Sequence[bool], labels: Sequence[bool]) -> float:
    pos = [p for p, y in zip(predicted, labels, strict=True) if y]
    neg = [not p for p, y in zip(predicted, labels, strict=True) if not y]
    if not pos or not neg:
        return 0.0
    return (sum(pos) / len(pos) + sum(neg) / len(neg)) / 2
