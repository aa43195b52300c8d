"""Score sentence roles against our own labelled development set.

The labels (``tests/fixtures/roles/dev-labels.jsonl``, one record per sentence) cover the first
sentences of CNN/DailyMail and PolNeAR development articles; see the README next to them for the
guidelines. The articles themselves are read from the shared data folder and analyzed whole, so
position and context are what they are in the real article. A labelled sentence is matched to the
analysis by its text; one our splitter no longer produces counts as a miss for its gold role.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newsbrief.analyze import analyze_many
from newsbrief.analyze.roles import ROLES
from newsbrief.errors import DataError
from newsbrief.evaluate.common import PRF, EvalResult, data_root, jsonl_lines, require_dir
from newsbrief.evaluate.summary import clean_source
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Analysis, Article

LABELS_FILE = (
    Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "roles" / "dev-labels.jsonl"
)


@dataclass(frozen=True)
class Label:
    article: str
    source: str
    doc: str
    index: int
    text: str
    role: str


def load_labels(path: Path = LABELS_FILE) -> list[Label]:
    if not path.is_file():
        raise DataError(f"roles: label file {path} not found")
    out: list[Label] = []
    for n, line in jsonl_lines(path):
        rec = json.loads(line)
        if rec["role"] not in ROLES:
            raise DataError(f"roles: {path.name}:{n}: unknown role {rec['role']!r}")
        out.append(
            Label(
                rec["article"],
                rec["source"],
                str(rec["doc"]),
                rec["index"],
                rec["text"],
                rec["role"],
            )
        )
    return out


def evaluate(
    data_dir: Path | None = None, *, labels: Path = LABELS_FILE, limit: int | None = None
) -> EvalResult:
    """Accuracy, per-role precision/recall/F1 and macro-F1 of ``assign_roles``.

    ``data_dir`` is the shared benchmark folder (``cnndm/`` and ``polnear/`` inside it); by
    default ``newsbrief.evaluate.common.data_root()``.
    """
    data_dir = require_dir(data_dir or data_root(), "roles data")
    gold = load_labels(labels)
    order = list(dict.fromkeys(lab.article for lab in gold))[:limit]
    by_article: dict[str, list[Label]] = {a: [] for a in order}
    for lab in gold:
        if lab.article in by_article:
            by_article[lab.article].append(lab)
    articles = [_load_article(data_dir, by_article[a][0]) for a in order]
    pairs: list[tuple[str, str | None]] = []
    for article_id, analysis in zip(order, analyze_many(articles, batch_size=8), strict=True):
        predicted = _predictions(analysis)
        pairs.extend((lab.role, predicted.get(_key(lab.text))) for lab in by_article[article_id])
    return _score(pairs, len(order))


def _key(text: str) -> str:
    return " ".join(text.split()).lower()


def _predictions(analysis: Analysis) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in analysis.sentences:
        out.setdefault(_key(s.text), s.role)
    return out


def _load_article(data_dir: Path, lab: Label) -> Article:
    if lab.source == "cnndm":
        path = data_dir / "cnndm" / "dev.src.txt"
        lines = _lines(path)
        line_no = int(lab.doc)
        if line_no >= len(lines):
            raise DataError(f"roles: {path} has no line {line_no}")
        return article_from_text(clean_source(lines[line_no]), source=f"{path.name}:{line_no}")
    if lab.source == "polnear":
        path = data_dir / "polnear" / "dev" / "text" / f"{lab.doc}.txt"
        if not path.is_file():
            raise DataError(f"roles: {path} not found")
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        published = _polnear_dates(data_dir).get(lab.doc)
        return article_from_text(body, title=title.strip() or None, published=published)
    raise DataError(f"roles: unknown source {lab.source!r}")


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        raise DataError(f"roles: {path} not found")
    return path.read_text(encoding="utf-8").splitlines()


def _polnear_dates(data_dir: Path) -> dict[str, datetime]:
    path = data_dir / "polnear" / "metadata.tsv"
    if not path.is_file():
        return {}
    out: dict[str, datetime] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            try:
                day = datetime.strptime(row["publication_date"], "%Y-%m-%d")
            except (KeyError, ValueError):
                continue
            out[row["filename"]] = day.replace(hour=12, tzinfo=UTC)
    return out


def _score(pairs: list[tuple[str, str | None]], n_articles: int) -> EvalResult:
    per_role: dict[str, PRF] = {role: PRF() for role in ROLES}
    support: Counter[str] = Counter()
    correct = matched = 0
    for gold, pred in pairs:
        support[gold] += 1
        matched += pred is not None
        if pred == gold:
            correct += 1
            per_role[gold].add(tp=1)
            continue
        per_role[gold].add(fn=1)
        if pred is not None:
            per_role[pred].add(fp=1)
    total = len(pairs)
    metrics = {
        "accuracy": correct / total if total else 0.0,
        "macro_f1": sum(p.f1 for p in per_role.values()) / len(ROLES),
        "coverage": matched / total if total else 0.0,
    }
    for role, prf in per_role.items():
        metrics[f"{role}_p"], metrics[f"{role}_r"] = prf.precision, prf.recall
        metrics[f"{role}_f1"] = prf.f1
    return EvalResult(
        task="roles", n=total, metrics=metrics, lines=_table(per_role, support, metrics, n_articles)
    )


def _table(
    per_role: dict[str, PRF], support: Counter[str], metrics: dict[str, float], n_articles: int
) -> list[str]:
    lines = [f"{'role':<17}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}"]
    for role, prf in per_role.items():
        lines.append(
            f"{role:<17}{prf.precision:>7.3f}{prf.recall:>7.3f}{prf.f1:>7.3f}{support[role]:>7d}"
        )
    lines.append(
        f"roles: {sum(support.values())} sentences in {n_articles} articles, "
        f"accuracy {metrics['accuracy']:.3f}, macro-F1 {metrics['macro_f1']:.3f}, "
        f"significance F1 {metrics['significance_f1']:.3f}, "
        f"forward-looking F1 {metrics['forward_looking_f1']:.3f}"
    )
    return lines
