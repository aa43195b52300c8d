"""The mixed-stream clustering scorer: labels file, pairwise figures and false merges by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.errors import DataError
from newsbrief.evaluate.clustering_mixed import (
    PAIRS_FILE,
    PageLabels,
    StreamDoc,
    load_labels,
    score_stream,
)

PAGES = ["aa11" + "0" * 60, "bb22" + "0" * 60, "cc33" + "0" * 60, "dd44" + "0" * 60]


def _doc(doc_id: str, gold: str) -> StreamDoc:
    return StreamDoc(doc_id, gold, "text")


def test_labels_resolve_page_prefixes(tmp_path: Path) -> None:
    path = tmp_path / "labels.json"
    path.write_text(json.dumps({"groups": [{"pages": ["aa11", "bb22"], "note": "x"}]}))
    labels = load_labels(path, PAGES)
    assert labels.group_of == {PAGES[0]: "aeb_group0", PAGES[1]: "aeb_group0"}
    assert labels.related == []


@pytest.mark.parametrize(
    "content",
    [
        '{"groups": [{"pages": ["zz"]}]}',  # no such page
        '{"groups": [{"page": ["aa11"]}]}',  # wrong key
        '{"groups": [5]}',
        "{",
    ],
)
def test_bad_labels_are_a_data_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "labels.json"
    path.write_text(content)
    with pytest.raises(DataError):
        load_labels(path, PAGES)


def test_the_bundled_labels_name_distinct_pages() -> None:
    data = json.loads(PAIRS_FILE.read_text(encoding="utf-8"))
    grouped = [p for g in data["groups"] for p in g["pages"]]
    assert len(grouped) == len(set(grouped))
    assert all(g["note"] for part in ("groups", "related") for g in data[part])


def test_scores_by_hand() -> None:
    docs = [
        _doc("e1", "t1"),
        _doc("e2", "t1"),
        _doc("e3", "t2"),
        _doc("aeb:" + PAGES[0], "g0"),
        _doc("aeb:" + PAGES[1], "g0"),
        _doc("aeb:" + PAGES[2], "aeb:" + PAGES[2]),
        _doc("aeb:" + PAGES[3], "aeb:" + PAGES[3]),
    ]
    labels = PageLabels({PAGES[0]: "g0", PAGES[1]: "g0"}, [frozenset({PAGES[2], PAGES[3]})])
    # e1 e2 together (right); e3 with page 0 (false merge); page 1 alone (missed);
    # pages 2 and 3 together (related: not counted)
    pred = ["s1", "s1", "s2", "s2", "s3", "s4", "s4"]
    scores = score_stream(docs, labels, pred)
    assert scores.false_merges == [("e3", "aeb:" + PAGES[0])]
    assert scores.related_merges == 1
    assert scores.pairwise_precision == pytest.approx(1 / 2)  # e1-e2 right, e3-page0 wrong
    assert scores.pairwise_recall == pytest.approx(1 / 2)  # of e1-e2 and page0-page1
    assert scores.labelled_recall == 0.0
    assert scores.ecb_bcubed[0] == pytest.approx(1.0)  # on ECB+ alone nothing is mixed
    assert scores.stories == 4
