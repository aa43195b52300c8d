"""The PolNeAR scorer: reading brat standoff, normalizing spans, counting, per-annotator means."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.evaluate.attribution import (
    Relation,
    evaluate,
    normalize,
    read_ann,
    score_article,
)

TEXT = (
    "Port talks fail\n\n"
    "“The port is closed,” said Ana Ruiz. “We will not reopen.”\n\n"
    "The union said that talks had failed, according to its website."
)


def _span(text: str, part: str, occurrence: int = 0) -> str:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(part, start + 1)
    return f"{start} {start + len(part)}"


def _ann(text: str) -> str:
    quote_a = _span(text, "“The port is closed,”")
    quote_b = _span(text, "“We will not reopen.”")
    lines = [
        f"T1\tSource {_span(text, 'Ana Ruiz')}\tAna Ruiz",
        f"T2\tCue {_span(text, 'said')}\tsaid",
        f"T3\tContent {quote_a};{quote_b}\t“The port is closed,” “We will not reopen.”",
        f"T4\tAttribution {_span(text, 'said')}\tsaid",
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        f"T5\tSource {_span(text, 'The union')}\tThe union",
        f"T6\tCue {_span(text, 'said', 1)}\tsaid",
        f"T7\tContent {_span(text, 'that talks had failed')}\tthat talks\nhad failed",
        "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
        f"T9\tCue {_span(text, 'according to')}\taccording to",
        f"T10\tContent {_span(text, 'The union said that talks had failed')}\tThe union said",
        "E3\tAttribution-no-source:T11 Cue:T9 Content:T10",
        f"T12\tDiscuss {_span(text, 'Port talks fail')}\tPort talks fail",
    ]
    return "\n".join(lines) + "\n"


def test_read_ann_handles_discontinuous_and_multiline_spans(tmp_path: Path) -> None:
    path = tmp_path / "art1_ab12.ann"
    path.write_text(_ann(TEXT), encoding="utf-8")
    rels = read_ann(path, TEXT)
    assert len(rels) == 3
    quote = rels[0]
    assert [TEXT[a:b] for a, b in quote.content] == ["The port is closed", "We will not reopen"]
    assert [TEXT[a:b] for a, b in rels[1].content] == ["that talks had failed"]
    assert rels[2].source == ()


def test_normalize_merges_whitespace_gaps_and_trims_punctuation() -> None:
    text = "“Yes.”  “No,” he said: ok"
    ((start, end),) = normalize([(0, 6), (8, 13)], text)
    assert text[start:end] == "Yes.”  “No"
    colon = text.index(":")
    assert normalize([(colon, colon + 1)], text) == ((colon, colon + 1),)
    assert normalize([(6, 8)], text) == ()


def test_score_article_counts_exact_and_overlap() -> None:
    text = "The mayor said that the bridge will reopen soon."
    gold = [Relation(((0, 9),), ((10, 14),), ((15, 47),))]
    pred = [Relation(((4, 9),), ((10, 14),), ((20, 47),))]
    counts = score_article(gold, pred, text)
    assert (counts.prf["cue_exact"].tp, counts.prf["cue_exact"].fp) == (1, 0)
    assert (counts.prf["source_exact"].tp, counts.prf["source_exact"].fn) == (0, 1)
    assert counts.prf["source_overlap"].tp == 1
    assert counts.prf["content_overlap"].tp == 1
    assert counts.prf["relation_exact"].tp == 0
    kinds = {(e["role"], e["error"]) for e in counts.errors}
    assert ("source", "miss") in kinds and ("source", "false_alarm") in kinds


def _corpus(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "art1.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / "art1_aaaa.ann").write_text(_ann(TEXT), encoding="utf-8")
    (root / "attributions" / "art1_bbbb.ann").write_text("", encoding="utf-8")
    return root


def test_evaluate_scores_each_annotator_and_writes_errors(tmp_path: Path) -> None:
    data = _corpus(tmp_path / "polnear")
    errors = tmp_path / "errors.jsonl"
    result = evaluate(data, errors_path=errors)
    assert result.task == "attribution"
    assert result.n == 1
    per = result.extra["per_annotator"]
    assert set(per) == {"aaaa", "bbbb"}
    assert per["aaaa"]["cue_exact_r"] > 0.5
    assert per["bbbb"]["cue_exact_r"] == 0.0
    assert per["aaaa"]["cue_exact_p"] > result.metrics["cue_exact_p"]
    assert result.lines[-1].startswith("attribution:")
    rows = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert {r["annotator"] for r in rows} == {"aaaa", "bbbb"}
    assert all({"role", "error", "article"} <= set(r) for r in rows)


@pytest.mark.data
def test_dev_split_metrics_are_complete(data_dir: Path) -> None:
    result = evaluate(data_dir / "polnear" / "dev", limit=3)
    assert result.n == 3
    for role in ("source", "cue", "content"):
        for match in ("exact", "overlap"):
            for stat in ("f1", "p", "r"):
                assert 0.0 <= result.metrics[f"{role}_{match}_{stat}"] <= 1.0
    assert result.metrics["cue_exact_f1"] > 0.3
    assert "relation_exact_f1" in result.metrics
