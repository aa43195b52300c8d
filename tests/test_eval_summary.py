"""Our ROUGE implementation and the CNN/DailyMail summary scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.evaluate.rouge import porter_stem, rouge_lsum, rouge_n, rouge_scores, tokenize
from newsbrief.evaluate.summary import clean_source, evaluate, reference_sentences

METRICS = {
    "rouge1_f1",
    "rouge2_f1",
    "rougeLsum_f1",
    "lead3_rouge1_f1",
    "lead3_rouge2_f1",
    "lead3_rougeLsum_f1",
}


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("caresses", "caress"),
        ("ponies", "poni"),
        ("agreed", "agre"),
        ("hopping", "hop"),
        ("happy", "happi"),
        ("relational", "relat"),
        ("generalization", "gener"),
        ("adjustment", "adjust"),
        ("controll", "control"),
    ],
)
def test_porter_stemmer_matches_the_published_examples(word: str, stem: str) -> None:
    assert porter_stem(word) == stem


def test_tokens_are_lowercased_alphanumerics_and_short_ones_are_not_stemmed() -> None:
    assert tokenize("The U.S. cats, running!") == ["the", "u", "s", "cat", "run"]
    assert tokenize("was has") == ["was", "has"]


def test_rouge_n_counts_clipped_overlaps() -> None:
    cand, ref = "the cat was found under the bed", "the cat was under the bed"
    r1 = rouge_n(cand, ref, 1)
    assert (r1.precision, r1.recall) == (pytest.approx(6 / 7), pytest.approx(1.0))
    r2 = rouge_n(cand, ref, 2)
    assert (r2.precision, r2.recall) == (pytest.approx(4 / 6), pytest.approx(4 / 5))
    assert rouge_n("cats running", "cat runs", 1).f1 == pytest.approx(1.0)
    assert rouge_n("alpha beta", "gamma delta", 1).f1 == 0.0


def test_rouge_lsum_takes_the_union_of_lcs_hits_over_candidate_sentences() -> None:
    # Lin (2004), section 3.2: r = w1..w5, c1 = w1 w2 w6 w7 w8, c2 = w1 w3 w8 w9 w5.
    score = rouge_lsum(["aa bb ff gg hh", "aa cc hh ii ee"], ["aa bb cc dd ee"])
    assert score.recall == pytest.approx(4 / 5)
    assert score.precision == pytest.approx(4 / 10)


def test_rouge_scores_of_identical_texts_are_perfect() -> None:
    sents = ["the port reopened on monday", "ships queued outside the harbour"]
    assert all(s.f1 == pytest.approx(1.0) for s in rouge_scores(sents, sents).values())


def test_reference_highlights_are_split_into_sentences() -> None:
    line = "<t> danilo joins real madrid .transfer fee is £ 23m .porto sold 29 players . </t>"
    assert reference_sentences(line) == [
        "danilo joins real madrid",
        "transfer fee is £ 23m",
        "porto sold 29 players",
    ]
    assert clean_source("<t> a  b </t>") == "a b"


def _write_pair(tmp_path: Path) -> tuple[Path, Path]:
    articles = [
        "<t> a fire destroyed a warehouse in the harbour district of kell on tuesday . "
        "firefighters fought the blaze for six hours . no one was hurt , police said . "
        "the warehouse stored paper and textiles . the owner said he would rebuild . </t>",
        "the town of mirel opened a new footbridge over the river on friday . "
        "the bridge took two years to build and cost 4 million euros . "
        "cyclists and walkers can now cross in five minutes . "
        "the old ferry service will stop next month .",
    ]
    highlights = [
        "<t> fire destroyed a warehouse in kell .firefighters fought the fire for hours . </t>",
        "<t> mirel opened a new footbridge on friday .it cost 4 million euros . </t>",
    ]
    src, ref = tmp_path / "x.src.txt", tmp_path / "x.ref.txt"
    src.write_text("\n".join(articles) + "\n", encoding="utf-8")
    ref.write_text("\n".join(highlights) + "\n", encoding="utf-8")
    return src, ref


def test_evaluate_reports_both_systems_side_by_side(tmp_path: Path) -> None:
    src, ref = _write_pair(tmp_path)
    result = evaluate(src, ref)
    assert result.task == "summary"
    assert result.n == 2
    assert set(result.metrics) == METRICS
    assert all(0.0 < v <= 1.0 for v in result.metrics.values())
    assert result.lines[1].startswith("newsbrief")
    assert result.lines[2].startswith("lead-3")
    assert result.lines[-1].startswith("summary: 2 articles")


def test_evaluate_honours_the_limit(tmp_path: Path) -> None:
    src, ref = _write_pair(tmp_path)
    assert evaluate(src, ref, limit=1).n == 1


def test_mismatched_files_are_a_data_error(tmp_path: Path) -> None:
    from newsbrief.errors import DataError

    src, ref = _write_pair(tmp_path)
    ref.write_text("<t> only one line . </t>\n", encoding="utf-8")
    with pytest.raises(DataError):
        evaluate(src, ref)
