"""The extraction scorer: token-bag math, averaging, the benchmark layout, and the dev data."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsbrief.errors import DataError
from newsbrief.evaluate.common import f1_of
from newsbrief.evaluate.extraction import evaluate, load_pages, score, token_pr, tokens

PARAS = [
    "Rail workers in the northern province began a two-day strike on Thursday, halting most "
    "commuter services into the provincial capital during the morning rush.",
    "The union said talks over new shift rosters had stalled after the operator refused to hire "
    "extra drivers for the night timetable.",
    "The operator said it had offered a pay rise of four percent and accused the union of "
    "putting passengers at risk of long delays.",
    "A further round of talks is planned for next week, the provincial transport office said.",
]


def page_html(paras: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        "<html><head><title>Rail strike</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/travel'>Travel</a></nav>"
        f"<article><h1>Rail strike</h1>{body}</article></body></html>"
    )


def make_layout(root: Path, pages: dict[str, tuple[str, str]]) -> Path:
    """pages: id -> (html, articleBody)."""
    (root / "html").mkdir(parents=True)
    truth = {}
    for page_id, (html, body) in pages.items():
        (root / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
        truth[page_id] = {"articleBody": body, "url": f"https://news.example/{page_id}"}
    (root / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return root


def test_tokens_are_lowercased_words() -> None:
    assert tokens("The strike, the STRIKE!") == {"the": 2, "strike": 2}


def test_token_pr_uses_multiset_intersection() -> None:
    # pred: a b b c (4 tokens); truth: b b d (3 tokens); common: b twice.
    assert token_pr("a b b c", "B b d") == (0.5, pytest.approx(2 / 3))
    # Repeats beyond the truth's count do not count twice.
    assert token_pr("b b b b", "b d") == (0.25, 0.5)


def test_token_pr_empty_sides() -> None:
    assert token_pr("", "some words") == (0.0, 0.0)
    assert token_pr("some words", "") == (0.0, 0.0)


def test_scores_average_pages_then_take_f1(tmp_path: Path) -> None:
    root = make_layout(
        tmp_path / "aeb",
        {"p1": ("<html>one</html>", "a b c d"), "p2": ("<html>two</html>", "x y")},
    )
    pages = list(load_pages(root))
    outputs = {"p1": "a b", "p2": "x y z w"}  # p1: P 1, R .5; p2: P .5, R 1
    by_html = {p.html: outputs[p.id] for p in pages}
    result = score(pages, lambda html, url: by_html[html])
    assert result.precision == [1.0, 0.5]
    assert result.recall == [0.5, 1.0]
    assert result.mean_precision == 0.75
    assert result.mean_recall == 0.75
    assert result.f1 == pytest.approx(0.75)  # not the mean of per-page F1s (0.667)


def test_evaluate_on_synthetic_layout(tmp_path: Path) -> None:
    extra = "Reporting by the provincial desk and edited by the night team"
    root = make_layout(
        tmp_path / "aeb",
        {
            "a": (page_html(PARAS), "\n\n".join(PARAS)),
            "b": (page_html(PARAS), "\n\n".join([*PARAS, extra])),
        },
    )
    result = evaluate(root)
    assert result.task == "extraction"
    assert result.n == 2
    m = result.metrics
    assert set(m) == {
        "precision",
        "recall",
        "f1",
        "baseline_precision",
        "baseline_recall",
        "baseline_f1",
    }
    n_body = sum(tokens("\n\n".join(PARAS)).values())
    n_extra = sum(tokens(extra).values())
    # Page a is extracted exactly; page b's truth has words the page does not contain.
    assert m["precision"] == pytest.approx(1.0)
    assert m["recall"] == pytest.approx((1.0 + n_body / (n_body + n_extra)) / 2)
    assert m["f1"] == pytest.approx(f1_of(m["precision"], m["recall"]))
    assert result.lines[-1].startswith("extraction: F1")
    assert "trafilatura defaults" in result.lines[2]


def test_missing_ground_truth(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    with pytest.raises(DataError, match=r"ground-truth\.json"):
        evaluate(tmp_path)


def test_missing_page(tmp_path: Path) -> None:
    root = make_layout(tmp_path / "aeb", {"a": (page_html(PARAS), "x")})
    (root / "html" / "a.html.gz").unlink()
    with pytest.raises(DataError, match=r"a\.html\.gz"):
        evaluate(root)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        evaluate(tmp_path / "nowhere")


@pytest.mark.data
@pytest.mark.slow
def test_dev_split_beats_trafilatura_defaults(data_dir: Path) -> None:
    result = evaluate(data_dir / "aeb")
    assert result.n == 91
    assert result.metrics["f1"] >= result.metrics["baseline_f1"]
    assert result.metrics["precision"] > result.metrics["baseline_precision"]
