"""Story threads on a real mixed stream: unrelated articles stay apart, one event's reports merge.

Real pages and texts from the dev data go through the real batch runner into a fresh SQLite
archive: the English pages of the article-extraction benchmark that report nothing in common
(those labelled as pairs or related in ``tests/fixtures/clustering/aeb_pairs.json`` are left
out), one PolNeAR article from each week of the 2016 campaign, and the reports of one ECB+
event. Then the mixed-stream clustering eval on a small subset.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from newsbrief.evaluate.clustering import read_document
from newsbrief.evaluate.clustering_mixed import PAIRS_FILE, evaluate
from newsbrief.ingest.batch import ingest_sources
from newsbrief.settings import Settings
from newsbrief.store import Archive

pytestmark = [pytest.mark.data, pytest.mark.slow]

ECB_EVENT = "1", "ecb"  # ECB+ topic 1, its seminal event: several outlets' reports of it


def _labelled_pages() -> set[str]:
    labels = json.loads(PAIRS_FILE.read_text(encoding="utf-8"))
    return {p for part in ("groups", "related") for g in labels[part] for p in g["pages"]}


def _write_aeb(data: Path, out: Path) -> None:
    """The unlabelled AEB pages as .html files (the ingest drops the non-English ones)."""
    skip = _labelled_pages()
    for path in sorted((data / "aeb" / "html").glob("*.html.gz")):
        if path.name[:8] in skip:
            continue
        name = f"aeb-{path.name[:8]}.html"
        (out / name).write_bytes(gzip.decompress(path.read_bytes()))


def _write_polnear(data: Path, out: Path) -> None:
    """One PolNeAR train article per ISO week (the middle one by name), with its title,
    outlet and date in a header."""
    meta = {}
    with (data / "polnear" / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    by_week: dict[tuple[int, int], list[Path]] = defaultdict(list)
    for path in sorted((data / "polnear" / "train" / "text").glob("*.txt")):
        day = date.fromisoformat(path.name.split("_")[1])
        by_week[tuple(day.isocalendar())[:2]].append(path)
    for week in sorted(by_week):
        paths = by_week[week]
        path = paths[len(paths) // 2]
        row = meta.get(path.stem, {})
        header = [f"Published: {path.name.split('_')[1]}"]
        if row.get("title"):
            header.append(f"Title: {row['title']}")
        if row.get("publisher"):
            header.append(f"Outlet: {row['publisher']}")
        name = f"polnear-{path.name}"
        text = "\n".join(header) + "\n\n" + path.read_text(encoding="utf-8")
        (out / name).write_text(text, encoding="utf-8")


def _write_ecb_event(data: Path, out: Path) -> None:
    topic, kind = ECB_EVENT
    for path in sorted((data / "ecbplus" / topic).glob(f"{topic}_*{kind}.xml")):
        name = f"ecb-{path.stem}.txt"
        (out / name).write_text(read_document(path), encoding="utf-8")


@pytest.fixture(scope="module")
def stream(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Ingest the stream; yield {file name: story id} for every stored article."""
    folder = tmp_path_factory.mktemp("stream")
    articles = folder / "articles"
    articles.mkdir()
    _write_aeb(data_dir, articles)
    _write_polnear(data_dir, articles)
    _write_ecb_event(data_dir, articles)
    with Archive.open(folder / "archive.db") as archive:
        report = ingest_sources([str(articles)], archive, Settings(), analyze=False)
        story_of = {}
        for outcome in report.outcomes:
            if outcome.status == "new" and outcome.article_id is not None:
                story = archive.story_of(outcome.article_id)
                assert story is not None, outcome.label
                story_of[Path(outcome.label).name] = archive.resolve_story(story)
        yield story_of


def _stories(story_of: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for name, story in story_of.items():
        out[story].append(name)
    return out


def test_unrelated_real_articles_stay_apart(stream: dict[str, str]) -> None:
    unrelated = [n for n in stream if n.startswith(("aeb-", "polnear-"))]
    assert len([n for n in unrelated if n.startswith("aeb-")]) >= 40  # the English pages
    assert len([n for n in unrelated if n.startswith("polnear-")]) >= 40  # one a week
    merged = [
        sorted(names)
        for names in _stories(stream).values()
        if len(names) > 1 and any(n in unrelated for n in names)
    ]
    assert merged == [], f"unrelated articles put in one story: {merged}"


def test_one_event_reported_by_several_outlets_is_one_story(stream: dict[str, str]) -> None:
    event = [n for n in stream if n.startswith("ecb-")]
    assert len(event) >= 8
    counts: dict[str, int] = defaultdict(int)
    for name in event:
        counts[stream[name]] += 1
    story, size = max(counts.items(), key=lambda kv: kv[1])
    assert size >= 0.8 * len(event), dict(counts)
    members = _stories(stream)[story]
    assert all(n.startswith("ecb-") for n in members), members


def test_mixed_stream_eval_on_a_subset(data_dir: Path) -> None:
    result = evaluate(data_dir / "ecbplus", data_dir / "aeb", limit=60)
    assert result.task == "clustering"
    assert result.extra["mode"] == "mixed"
    assert result.extra["distractors"] == 60
    m = result.metrics
    for name in ("pairwise_precision", "pairwise_recall", "bcubed_p", "bcubed_r", "bcubed_f1"):
        assert 0.0 <= m[name] <= 1.0, name
    assert m["false_merge_pairs"] == len(result.extra["false_merges"])
    assert m["false_merge_pairs_seed_max"] <= 1  # on the full dev stream: 0 for all 5 seeds
    assert m["false_merge_pairs_cold_seed_max"] <= 3  # the pages alone, no ECB+ before them
    assert m["bcubed_f1"] > 0.8
    assert result.lines[-1].startswith("clustering (mixed): false_merge_pairs ")
