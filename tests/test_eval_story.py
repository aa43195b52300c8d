"""The story-level evals: timeline metrics, LexRank, ``eval tls`` and ``eval mds`` on dev slices."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsbrief.evaluate.lexrank import lexrank, lexrank_scores
from newsbrief.evaluate.tlsmetrics import (
    align_rouge,
    concat_rouge,
    content_tokens,
    date_f1,
    score_timeline,
)

REF = {
    date(2010, 4, 20): ["The Deepwater Horizon rig exploded, killing eleven workers."],
    date(2010, 7, 15): ["BP capped the leaking well after eighty-seven days."],
}


def test_identical_timelines_score_one() -> None:
    scores = score_timeline(REF, REF)
    assert all(v == pytest.approx(1.0) for v in scores.values()), scores


def test_a_day_off_halves_the_aligned_credit() -> None:
    shifted = {date(2010, 4, 21): REF[date(2010, 4, 20)], date(2010, 7, 15): REF[date(2010, 7, 15)]}
    assert date_f1(shifted, REF) == pytest.approx(0.5)
    assert concat_rouge(shifted, REF, 1) == pytest.approx(1.0)  # dates do not matter there
    # one day of two exact, the other one day off: hits weigh 1 and 1/2
    rouge = align_rouge(shifted, REF, 1)
    assert 0.5 < rouge < 1.0
    n1 = len(content_tokens(REF[date(2010, 4, 20)]))
    n2 = len(content_tokens(REF[date(2010, 7, 15)]))
    assert rouge == pytest.approx((0.5 * n1 + n2) / (n1 + n2))


def test_wrong_content_on_the_right_date_scores_no_rouge() -> None:
    wrong = {d: ["Shares in the company rallied on Friday."] for d in REF}
    assert date_f1(wrong, REF) == pytest.approx(1.0)
    assert align_rouge(wrong, REF, 1) == 0.0


def test_lexrank_prefers_the_central_sentence() -> None:
    sents = [
        "The storm flooded the coastal town overnight.",
        "Flood water from the storm filled the town's streets.",
        "The storm flooded streets and homes across the town.",
        "A local bakery celebrated its centenary with free cake.",
    ]
    scores = lexrank_scores(sents)
    assert scores[3] == min(scores)
    assert lexrank(sents, k=1)[0] != sents[3]
    assert sum(scores) == pytest.approx(1.0)


@pytest.mark.data
@pytest.mark.slow
def test_eval_tls_on_one_timeline(data_dir: Path, tmp_path: Path) -> None:
    from newsbrief.evaluate.tls import METRICS, evaluate, read_timeline

    result = evaluate(data_dir / "tls", predictions=tmp_path, only=("H1N1_bbc",))
    assert result.task == "tls" and result.n == 1
    for m in METRICS:
        assert 0.0 <= result.metrics[m] <= 1.0
        assert f"baseline_{m}" in result.metrics
    assert result.metrics["date_f1"] >= result.metrics["baseline_date_f1"]
    written = json.loads((tmp_path / "H1N1_bbc.json").read_text())
    ref = read_timeline(data_dir / "tls" / "H1N1_bbc")
    assert len(written) == len(ref)  # as many dates as the reference
    assert all(isinstance(d, str) and isinstance(ss, list) and ss for d, ss in written)


@pytest.mark.data
@pytest.mark.slow
def test_eval_mds_on_a_few_stories(data_dir: Path, tmp_path: Path) -> None:
    from newsbrief.evaluate.mds import evaluate

    out = tmp_path / "pred.txt"
    result = evaluate(data_dir / "neus" / "val", predictions=out, limit=6)
    assert result.task == "mds" and result.n == 6
    for part in ("", "body_"):
        for who in ("", "lexrank_", "lead_"):
            for m in ("rouge1_f1", "rouge2_f1", "rougeLsum_f1"):
                assert 0.0 < result.metrics[part + who + m] < 1.0
    # a title line adds words the roundup's title shares: each system scores higher with it
    for who in ("", "lexrank_", "lead_"):
        assert result.metrics[f"{who}rouge1_f1"] > result.metrics[f"body_{who}rouge1_f1"], who
    lines = out.read_text().splitlines()
    assert len(lines) == 6
    for line in lines:  # NeuS's own form: the story's title, then its summary
        title, sep, summary = line.removeprefix("TITLE=> ").partition(" ARTICLE=> ")
        assert line.startswith("TITLE=> ") and sep and title.strip() and summary.strip()


def test_eval_commands_have_help() -> None:
    from typer.testing import CliRunner

    from newsbrief.cli import app

    for task in ("tls", "mds"):
        res = CliRunner().invoke(app, ["eval", task, "--help"])
        assert res.exit_code == 0 and "--predictions" in res.output


def test_eval_tls_on_a_missing_folder_is_one_clear_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "newsbrief", "eval", "tls", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 5
    assert "Traceback" not in proc.stderr and "not a folder" in proc.stderr
