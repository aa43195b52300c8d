"""Timeline summarization on Timeline17 (``newsbrief eval tls DIR``).

Each folder of ``DIR`` holds ``articles.jsonl.gz`` (``{"id", "time", "text"}`` per line; tokenized
text, often one sentence per line) and ``timeline.json`` (``[[date, [sentence, …]], …]``). From
the articles alone we build a timeline with as many dates as the reference and the reference's
average number of sentences per date (rounded), with the story-timeline code of the story brief
(``newsbrief.compose.story.dates.pick_days``) over the light analysis (sentences and time
expressions normalized against each article's publication date, ``newsbrief.analyze.light``).
The in-run baseline ranks days by how many articles mention or are published on them and takes,
for each, the sentences mentioning it closest to their centroid. Figures (see
``newsbrief.evaluate.tlsmetrics``) are averaged over folders.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from newsbrief.analyze.light import light_analyze_many
from newsbrief.compose.story.dates import DayPick, baseline_days, pick_days
from newsbrief.errors import DataError
from newsbrief.evaluate.common import EvalResult, require_dir
from newsbrief.evaluate.tlsmetrics import score_timeline
from newsbrief.models import Analysis, Article

METRICS = ("date_f1", "concat_rouge1_f1", "concat_rouge2_f1", "align_rouge1_f1", "align_rouge2_f1")
# The subset the quality gate runs (three folders, three events, ~1 min), for time.
GATE_FOLDERS = ("H1N1_bbc", "MJ_bbc", "bpoil_bbc")


def read_articles(folder: Path) -> list[Article]:
    path = folder / "articles.jsonl.gz"
    if not path.is_file():
        raise DataError(f"tls data: {path} is missing")
    out: list[Article] = []
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                row = json.loads(line)
                out.append(
                    Article(
                        id=str(row["id"]),
                        text=str(row["text"]),
                        published=datetime.fromisoformat(str(row["time"])[:10]),
                        outlet=folder.name.rsplit("_", 1)[-1],
                    )
                )
    except (OSError, ValueError, KeyError) as exc:
        raise DataError(f"tls data: {path}: {exc}") from exc
    return out


def read_timeline(folder: Path) -> dict[date, list[str]]:
    path = folder / "timeline.json"
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        out: dict[date, list[str]] = {}
        for d, ss in rows:  # a date may come in several rows: one day, all its sentences
            out.setdefault(date.fromisoformat(str(d)[:10]), []).extend(str(s).strip() for s in ss)
        return out
    except (OSError, ValueError, TypeError) as exc:
        raise DataError(f"tls data: {path}: {exc}") from exc


def folders_of(data_dir: Path, only: Sequence[str] = ()) -> list[Path]:
    require_dir(data_dir, "tls data")
    found = sorted(p for p in data_dir.iterdir() if (p / "timeline.json").is_file())
    if only:
        found = [p for p in found if p.name in only]
    if not found:
        raise DataError(f"tls data: no <timeline>/timeline.json under {data_dir}")
    return found


def as_timeline(analyses: Sequence[Analysis], picks: Sequence[DayPick]) -> dict[date, list[str]]:
    return {
        p.day: [analyses[r.article].sentences[r.sentence].text.strip() for r in p.sentences]
        for p in picks
    }


def evaluate(
    data_dir: Path, *, predictions: Path | None = None, only: Sequence[str] = ()
) -> EvalResult:
    """Score the system and the baseline timelines of every folder of ``data_dir``."""
    folders = folders_of(data_dir, only)
    sums = {f"{who}{m}": 0.0 for who in ("", "baseline_") for m in METRICS}
    rows: list[str] = []
    if predictions is not None:
        predictions.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for folder in folders:
        reference = read_timeline(folder)
        n_days = len(reference)
        per_day = max(1, round(sum(len(s) for s in reference.values()) / max(1, n_days)))
        analyses = list(light_analyze_many(read_articles(folder)))
        system = as_timeline(analyses, pick_days(analyses, n_days=n_days, per_day=per_day))
        base = as_timeline(analyses, baseline_days(analyses, n_days=n_days, per_day=per_day))
        if predictions is not None:
            _write(predictions / f"{folder.name}.json", system)
        scores = score_timeline(system, reference)
        b_scores = score_timeline(base, reference)
        for m in METRICS:
            sums[m] += scores[m]
            sums[f"baseline_{m}"] += b_scores[m]
        rows.append(
            f"{folder.name:<18}{n_days:>6}{per_day:>4}"
            + "".join(f"{scores[m] * 100:>9.2f}" for m in METRICS)
            + f"   (baseline date F1 {b_scores['date_f1'] * 100:.2f})"
        )
    n = len(folders)
    metrics = {k: v / n for k, v in sums.items()}
    secs = time.perf_counter() - started
    head = f"{'timeline':<18}{'dates':>6}{'k':>4}" + "".join(
        f"{h:>9}" for h in ("dateF1", "cat-R1", "cat-R2", "al-R1", "al-R2")
    )
    lines = [head, *rows]
    for label, who in (("newsbrief", ""), ("baseline", "baseline_")):
        lines.append(f"{label:<28}" + "".join(f"{metrics[who + m] * 100:>9.2f}" for m in METRICS))
    lines.append(
        f"tls: {n} timelines in {secs:.0f} s, newsbrief vs baseline (F1 x100): "
        + ", ".join(f"{m} {(metrics[m] - metrics['baseline_' + m]) * 100:+.2f}" for m in METRICS)
    )
    return EvalResult(task="tls", n=n, metrics=metrics, lines=lines)


def _write(path: Path, timeline: dict[date, list[str]]) -> None:
    rows = [[d.isoformat(), timeline[d]] for d in sorted(timeline)]
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
