"""The TempEval-3 style scorer, on a small TimeML file of our own (and the dev split if present)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from newsbrief.errors import DataError
from newsbrief.evaluate.timex import (
    GoldTimex,
    TimexScore,
    evaluate,
    load_corpus,
    match_relaxed,
    read_tml,
)
from newsbrief.models import TimeExpr, TimexType


def tx(tid: str, type_: str, value: str, text: str, function: str = "NONE") -> str:
    return (
        f'<TIMEX3 tid="{tid}" type="{type_}" value="{value}" '
        f'functionInDocument="{function}">{text}</TIMEX3>'
    )


TML = "\n".join(
    [
        '<?xml version="1.0" ?>',
        "<TimeML>",
        "<DOCID>OWN0001</DOCID>",
        "<DCT>" + tx("t0", "DATE", "2024-06-11", "June 11, 2024", "CREATION_TIME") + "</DCT>",
        "<TITLE>Ferry strike</TITLE>",
        "<TEXT>",
        "Ferry crews walked off the job "
        + tx("t1", "DATE", "2024-06-11", "Tuesday")
        + " after talks &amp; mediation failed "
        + tx("t2", "DATE", "2024-06-10", "the previous day")
        + ".",
        "Their contract was signed in "
        + tx("t3", "DATE", "2019-03", "March 2019")
        + " and ran for "
        + tx("t4", "DURATION", "P3Y", "three years")
        + ".",
        "</TEXT>",
        "</TimeML>",
    ]
)


def write(folder: Path, name: str = "own.tml", body: str = TML) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def test_read_tml_strips_tags_and_keeps_offsets(tmp_path: Path) -> None:
    doc = read_tml(write(tmp_path))
    assert doc.docid == "OWN0001"
    assert doc.dct == datetime(2024, 6, 11)
    assert [g.text for g in doc.gold] == [
        "Tuesday",
        "the previous day",
        "March 2019",
        "three years",
    ]
    for g in doc.gold:
        assert doc.text[g.start : g.end] == g.text
    assert "talks & mediation" in doc.text  # entities are unescaped
    assert "<" not in doc.text


def test_scorer_counts_like_tempeval(tmp_path: Path) -> None:
    gold = read_tml(write(tmp_path)).gold

    def pred(text: str, start: int, type_: TimexType, value: str) -> TimeExpr:
        return TimeExpr(text=text, start=start, end=start + len(text), type=type_, value=value)

    tuesday, previous, march = gold[0], gold[1], gold[2]
    predictions = [
        pred("Tuesday", tuesday.start, "DATE", "2024-06-11"),  # exact, right value
        pred("previous day", previous.start + 4, "DATE", "2024-06-09"),  # overlap, wrong value
        pred("March", march.start, "DURATION", "2019-03"),  # overlap, wrong type
        pred("ferry", 0, "DATE", "XXXX"),  # spurious
    ]
    score = TimexScore()
    score.add(gold, predictions)
    m = score.metrics()
    assert m["extent_strict_p"] == pytest.approx(1 / 4)
    assert m["extent_strict_r"] == pytest.approx(1 / 4)
    assert m["extent_relaxed_p"] == pytest.approx(3 / 4)
    assert m["extent_relaxed_r"] == pytest.approx(3 / 4)
    assert m["type_accuracy"] == pytest.approx(2 / 3)
    assert m["value_accuracy"] == pytest.approx(2 / 3)
    assert m["value_p"] == pytest.approx(2 / 4)
    assert m["value_f1"] == pytest.approx(0.5)


def test_relaxed_matching_is_one_to_one() -> None:
    gold = [GoldTimex(0, 10, "x" * 10, "DATE", "2024")]
    preds = [
        TimeExpr(text="x" * 4, start=0, end=4, type="DATE", value="2024"),
        TimeExpr(text="x" * 6, start=4, end=10, type="DATE", value="2024"),
    ]
    pairs = match_relaxed(gold, preds)
    assert len(pairs) == 1 and pairs[0][1].end == 10  # the larger overlap wins


def test_evaluate_on_own_file(tmp_path: Path) -> None:
    write(tmp_path / "a")
    write(tmp_path / "b", "copy.tml")  # the same DOCID twice counts once
    result = evaluate(tmp_path)
    assert result.task == "timex"
    assert result.n == 4
    assert result.metrics["extent_relaxed_f1"] == pytest.approx(1.0)
    assert result.metrics["value_f1"] == pytest.approx(1.0)
    assert result.lines[-1].startswith("timex: 1 docs")


def test_missing_or_empty_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        load_corpus(tmp_path / "nope")
    with pytest.raises(DataError):
        load_corpus(tmp_path)


@pytest.mark.data
def test_dev_split_sample(data_dir: Path) -> None:
    result = evaluate(data_dir / "tempeval3" / "tbaq", limit=12)
    assert result.n > 30
    assert result.metrics["extent_relaxed_f1"] > 0.85
    assert result.metrics["value_f1"] > 0.65
