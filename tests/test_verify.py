"""The verifier on its own: each check, the support score, ``newsbrief verify``, the QAGS eval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.analyze import analyze
from newsbrief.analyze.claims import claim_text
from newsbrief.cli import main
from newsbrief.ingest import load_input
from newsbrief.write.checks import numbers, quotations
from newsbrief.write.source import SourceText
from newsbrief.write.support import fragment_score
from newsbrief.write.verify import verify_sentence

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "port-strike.txt"


@pytest.fixture(scope="module")
def source() -> SourceText:
    return SourceText.from_analyses([analyze(load_input(str(EXAMPLE)))])


def _verdict(source: SourceText, text: str, cited: list[int]) -> tuple[str, str]:
    v = verify_sentence(text, source, cited=cited).verification
    return v.verdict, " ".join(v.reasons)


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("Thousands of dockworkers walked off the job at Port Selane on Tuesday.", [0]),
        (
            "The Valmoran Chamber of Exporters estimated losses at around 40 million euros a day.",
            [18],
        ),
        ("Oskarsen said the government would not rule out appointing a mediator.", [15]),
        ("The dispute dates back to a wage deal signed in March 2019 that froze basic pay.", [12]),
        ("Port Selane handles roughly two thirds of Valmora's container trade.", [19]),
        (
            'Vasquel said the strike would go on "until there is an offer our members can accept."',
            [23],
        ),
    ],
)
def test_faithful_retellings_pass(source: SourceText, text: str, cited: list[int]) -> None:
    assert _verdict(source, text, cited) == ("supported", "")


FIRST = "Thousands of dockworkers walked off the job at Port Selane"
TRADE = "Port Selane handles roughly two thirds of Valmora's container trade."
OSKARSEN = "Oskarsen said the government would"
UNFAITHFUL = [
    ("The Chamber of Exporters estimated losses at 90 million euros a day.", [18], "number 90"),
    (f"{FIRST} on Wednesday.", [0], "Wednesday"),
    ("The dispute dates back to a wage deal signed in March 2018.", [12], "(2018-03)"),
    ("Tomas Reinhardt, general secretary of the union, spoke to reporters.", [3], "'Tomas'"),
    ('Reinhardt said the company "will never accept a bad deal."', [9], "not verbatim"),
    (f"{OSKARSEN} rule out appointing a mediator.", [15], "negation dropped"),
    (f"{OSKARSEN} order workers back to their posts.", [15], "'order'"),
    ("Business groups warned that the stoppage will ripple through the economy.", [17], "hedge"),
    ("Cargo volumes had been falling in recent months; a raise would put jobs at risk.", [7],
     "attributes to"),
    (TRADE, [24], "does not exist"),
    (TRADE, [], "cites no sentence"),
    ("Fruit growers in the north protested against new taxes on water.", [19], "support"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "cited", "reason"), UNFAITHFUL)
def test_unfaithful_sentences_fail_with_the_reason(
    source: SourceText, text: str, cited: list[int], reason: str
) -> None:
    verdict, reasons = _verdict(source, text, cited)
    assert verdict == "unsupported"
    assert reason in reasons, reasons


def test_numbers_normalize() -> None:
    assert numbers(claim_text("He paid $1,056 for five tickets, 12.50 each, a 3% cut.")) >= {
        "1056",
        "5",
        "12.5",
        "3",
    }


def test_quotations_of_every_style() -> None:
    text = 'He said \u201cwe remain at the table\u201d and "no deal" and `enough is enough\'.'
    assert quotations(text) == ["we remain at the table", "no deal", "enough is enough"]


def test_fragments_reward_long_copied_runs() -> None:
    src = ["the", "union", "called", "the", "strike", "on", "tuesday"]
    assert fragment_score(src, src) == pytest.approx(1 - 1 / 7)
    # three pieces for four words: "tuesday" | "the strike" | "union"
    assert fragment_score(["tuesday", "the", "strike", "union"], src) == pytest.approx(0.25)


def test_verify_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    summary = tmp_path / "summary.txt"
    summary.write_text(
        "Thousands of dockworkers walked off the job at Port Selane on Tuesday. "
        "The union is demanding a 15 percent pay rise.\n"
    )
    code = main(["verify", str(summary), "--source", str(EXAMPLE)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out[0].startswith("ok ") and "Port Selane on Tuesday" in out[0]
    assert out[1].startswith("FAIL") and "number 15 is not in the cited text" in out[2]
    assert out[-1] == "1 of 2 sentences supported"
    assert main(["verify", str(summary), "--source", str(EXAMPLE), "--json"]) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["verdict"] for r in rows] == ["supported", "unsupported"]
    assert rows[0]["cited_sentences"] and 0 in rows[0]["cited_sentences"]


def test_verify_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(tmp_path / "missing.txt"), "--source", str(EXAMPLE)]) == 2
    assert "no such file" in capsys.readouterr().err
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    assert main(["verify", str(empty), "--source", str(EXAMPLE)]) == 2


@pytest.mark.data
def test_eval_faithfulness_on_a_slice(data_dir: Path, tmp_path: Path) -> None:
    from newsbrief.evaluate.faithfulness import evaluate

    preds = tmp_path / "preds.jsonl"
    result = evaluate(data_dir / "qags", limit=12, predictions=preds)
    assert set(result.metrics) == {"roc_auc", "balanced_accuracy", "baseline_roc_auc"}
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())
    rows = [json.loads(line) for line in preds.read_text().splitlines()]
    assert len(rows) == result.n > 20
    assert {"sentence", "label", "score", "support", "verdict", "reasons", "cited"} <= set(rows[0])
