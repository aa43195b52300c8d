"""The clustering scorer: B-cubed and ARI by hand, the ECB+ reader, the scorer on a tiny folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsbrief.errors import DataError
from newsbrief.evaluate.clustering import (
    adjusted_rand,
    average_link_merges,
    bcubed,
    cut,
    evaluate,
    load_ecbplus,
    read_document,
)

# ---- metrics, computed by hand ----------------------------------------------------------------


def test_bcubed_one_gold_cluster_split_in_two() -> None:
    # items 1, 2 share a cluster, item 3 is alone; all three are one gold story.
    p, r, f = bcubed(["a", "a", "b"], ["x", "x", "x"])
    assert p == pytest.approx(1.0)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)  # 5/9
    assert f == pytest.approx(2 * 1.0 * (5 / 9) / (1.0 + 5 / 9))  # 10/14


def test_bcubed_everything_in_one_cluster() -> None:
    p, r, f = bcubed(["c"] * 4, ["x", "x", "y", "z"])
    assert p == pytest.approx((2 / 4 + 2 / 4 + 1 / 4 + 1 / 4) / 4)  # 3/8
    assert r == pytest.approx(1.0)
    assert f == pytest.approx(2 * 0.375 / 1.375)


def test_bcubed_perfect_and_mismatched_lengths() -> None:
    assert bcubed(["1", "1", "2"], ["a", "a", "b"]) == (1.0, 1.0, 1.0)
    with pytest.raises(ValueError):
        bcubed(["a"], ["a", "b"])


def test_adjusted_rand_by_hand() -> None:
    # contingency: pred 0 = {gold 0: 2, gold 1: 1}, pred 1 = {gold 1: 1, gold 2: 2}
    # index = 1 + 1 = 2; pred pairs a = 3 + 3 = 6; gold pairs b = 1 + 1 + 1 = 3; n pairs = 15
    # expected = 6 * 3 / 15 = 1.2; max = (6 + 3) / 2 = 4.5; ARI = 0.8 / 3.3
    ari = adjusted_rand(["0", "0", "0", "1", "1", "1"], ["0", "0", "1", "1", "2", "2"])
    assert ari == pytest.approx(0.8 / 3.3)


def test_adjusted_rand_perfect_and_renamed() -> None:
    assert adjusted_rand(["p", "p", "q", "q"], ["a", "a", "b", "b"]) == pytest.approx(1.0)
    assert adjusted_rand(["q", "q", "p", "p"], ["a", "a", "b", "b"]) == pytest.approx(1.0)


def test_adjusted_rand_can_go_negative() -> None:
    # pairs the gold keeps apart are joined and the other way round: worse than chance
    assert adjusted_rand(["0", "1", "0", "1"], ["a", "a", "b", "b"]) < 0.0


# ---- the average-link baseline ----------------------------------------------------------------


def test_average_link_merges_most_similar_first() -> None:
    vectors = np.array([[1.0, 0.0], [0.99, 0.141], [0.0, 1.0], [0.1, 0.995]])
    merges = average_link_merges(vectors)
    assert len(merges) == 3
    sims = [s for _, _, s in merges]
    assert sims == sorted(sims, reverse=True)
    labels = cut(merges, 4, 0.5)
    assert labels[0] == labels[1] != labels[2] == labels[3]
    assert len(set(cut(merges, 4, -1.0))) == 1


# ---- reading ECB+ and scoring a tiny folder ------------------------------------------------------


def _xml(name: str, sentences: list[str]) -> str:
    rows = []
    tid = 1
    for s, sentence in enumerate(sentences):
        for k, token in enumerate(sentence.split()):
            rows.append(f'<token t_id="{tid}" sentence="{s}" number="{k}">{token}</token>')
            tid += 1
    return f'<Document doc_name="{name}" doc_id="X">\n' + "\n".join(rows) + "\n</Document>\n"


# topic 1: two harbour strikes (different ports, leaders, figures); topic 2: two storms.
DOCS = {
    "1/1_1ecb.xml": [
        "Dockworkers at Velmar port walked out on Tuesday , union leader Marta Okonjo said .",
        "Okonjo said 2,300 members of the Velmar union want a 14 percent raise .",
    ],
    "1/1_2ecb.xml": [
        "The Velmar port strike led by Marta Okonjo entered a second day .",
        "Okonjo rejected an offer from the Coastal Shipping Alliance ; 2,300 workers stay out .",
    ],
    "1/1_1ecbplus.xml": [
        "http : //example.org/sandhavn-strike",
        "Crane operators at Sandhavn port went on strike , union leader Piet Vandermolen said .",
        "Vandermolen said 480 members at Sandhavn want night-shift pay restored .",
    ],
    "1/1_2ecbplus.xml": [
        "The Sandhavn strike widened as Piet Vandermolen turned down the Nordic Ferry Group .",
        "Vandermolen said 480 crane operators at Sandhavn would stay out .",
    ],
    "2/2_1ecb.xml": [
        "Storm Elsa flooded the coastal town of Quarrin with 140 millimetres of rain .",
        "Mayor Lotte Brandvik of Quarrin said 60 homes were evacuated .",
    ],
    "2/2_2ecb.xml": [
        "Floodwater from storm Elsa covered Quarrin 's harbour road .",
        "Lotte Brandvik said the 60 families from Quarrin are in the sports hall .",
    ],
    "2/2_1ecbplus.xml": [
        "Storm Torvald tore roofs off in Hesketh as gusts reached 170 kilometres per hour .",
        "Council leader Amos Perriwick said 25 roofs in Hesketh were damaged .",
    ],
    "2/2_2ecbplus.xml": [
        "Hesketh cleaned up after storm Torvald , Amos Perriwick said .",
        "Perriwick said repairs to the 25 roofs in Hesketh would take weeks .",
    ],
}


@pytest.fixture()
def tiny_ecb(tmp_path: Path) -> Path:
    root = tmp_path / "ecbplus"
    for rel, sentences in DOCS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_xml(path.name, sentences), encoding="utf-8")
    (root / "1" / "notes.txt").write_text("not a document", encoding="utf-8")
    return root


def test_read_document_joins_tokens_and_drops_the_url_line(tiny_ecb: Path) -> None:
    text = read_document(tiny_ecb / "1" / "1_1ecbplus.xml")
    lines = text.split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("Crane operators at Sandhavn port went on strike, union leader")
    assert lines[0].endswith("said.")
    assert "http" not in text


def test_load_ecbplus_labels_topic_and_event(tiny_ecb: Path) -> None:
    docs = load_ecbplus(tiny_ecb.parent)  # the data root above ecbplus/ works too
    assert len(docs) == 8
    gold = {d.doc_id: d.gold for d in docs}
    assert gold["1_1ecb"] == gold["1_2ecb"] == "1_ecb"
    assert gold["2_2ecbplus"] == "2_ecbplus"


def test_load_ecbplus_refuses_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        load_ecbplus(tmp_path)


def test_scorer_on_a_tiny_folder(tiny_ecb: Path) -> None:
    result = evaluate(tiny_ecb, seed=3)
    assert result.task == "clustering"
    assert result.n == 8
    for name in ("bcubed_p", "bcubed_r", "bcubed_f1", "ari", "baseline_bcubed_f1"):
        assert 0.0 <= result.metrics[name] <= 1.0, name
    assert result.metrics["bcubed_f1"] == pytest.approx(1.0)
    assert result.metrics["ari"] == pytest.approx(1.0)
    assert result.extra["gold_stories"] == 4
    assert "tuned on the evaluated data" in "\n".join(result.lines)
    assert result.lines[-1].startswith("clustering: B3-F1 1.000")


@pytest.mark.data
def test_dev_split_layout(data_dir: Path) -> None:
    docs = load_ecbplus(data_dir / "ecbplus")
    assert len(docs) == 496
    assert len({d.gold for d in docs}) == 42
    assert all(d.text for d in docs)
