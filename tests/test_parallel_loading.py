"""Loading fans out with the analysis: with ``--workers N`` an item's page is extracted (and a
feed entry's linked page fetched) in a worker process, not in the ingest process that dedupes,
threads and stores; the archive is the one a single-process ingest gives, the input warnings
raised in a worker are printed by the ingest process, and an item that cannot travel to a
worker is loaded where it is."""

from __future__ import annotations

import os
import random
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from samples import FEED_PAGES

from newsbrief.errors import InputNote
from newsbrief.ingest import article_from_text
from newsbrief.ingest.batch import BatchReport, Ingestor, ingest_sources
from newsbrief.ingest.jsonl import SourceItem
from newsbrief.ingest.parallel import ProcessAnalyzer
from newsbrief.models import Article
from newsbrief.settings import Settings
from newsbrief.store import Archive
from newsbrief.stories.cluster import StoryAssigner
from newsbrief.stories.dedupe import fingerprint
from newsbrief.stories.features import FeatureWeights, extract_features

pytestmark = pytest.mark.slow

TOPICS = [
    ("Halvern", "dockworkers", "strike", "wages"),
    ("Corvale", "farmers", "protest", "water quotas"),
    ("Ostra", "nurses", "walkout", "staffing"),
]


def _page(i: int, dated: bool) -> str:
    place, who, what, over = TOPICS[i % len(TOPICS)]
    meta = '<meta property="article:published_time" content="2025-03-0{}T08:00:00Z">'
    paragraphs = [
        f"{who.capitalize()} in {place} began a {what} on Monday over {over}, the largest"
        f" action in the city for a decade, and said it would last until talks resumed.",
        f"Union leaders in {place} said {1200 + 37 * i} people had joined by the evening and"
        f" that more were expected to arrive from the outlying districts on Tuesday.",
        f"City officials said the {what} had already disrupted deliveries and that a meeting"
        f" with the union was planned for Thursday, the {i + 1}th such meeting this year.",
    ]
    paragraphs.extend(_specifics(i))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{place} {who} {what}, report {i}</title>"
        f"{meta.format(1 + i % 9) if dated else ''}</head><body><nav>Home | News</nav>"
        f"<article><h1>{place} {who} {what}, report {i}</h1>{body}</article>"
        "<footer>Contact us</footer></body></html>"
    )


def _specifics(i: int) -> list[str]:
    """Sentences only item ``i`` has, so that no two items are near copies."""
    rng = random.Random(i)
    return [
        f"On day {rng.randint(1, 28)} {rng.choice(['the mayor', 'a spokesman', 'a judge'])}"
        f" of {rng.choice(TOPICS)[0]} counted {rng.randint(10, 99_999)}"
        f" {rng.choice(['buses', 'ships', 'letters', 'shops'])} and {rng.randint(2, 500)}"
        f" {rng.choice(['tents', 'banners', 'vans', 'drums'])} near item {i}."
        for _ in range(4)
    ]


def _loaded_by(i: int) -> Article:
    """A loader that says which process ran it (importable, so it can travel to a worker)."""
    place, who, what, over = TOPICS[i % len(TOPICS)]
    lead = f"{who.capitalize()} in {place} began a {what} over {over} on Monday."
    text = " ".join([lead, *_specifics(i), f"This item was loaded by process {os.getpid()}."])
    return article_from_text(text, title=f"{place} {what} {i}")


def _stored(archive: Archive) -> dict[str, str | None]:
    return {
        a: archive.story_of(a)
        for a in (str(r[0]) for r in archive.db.execute("SELECT id FROM articles"))
    }


def test_pages_are_extracted_in_the_workers_and_give_the_same_archive(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(12):
        (folder / f"page-{i:02d}.html").write_text(_page(i, dated=i != 5), encoding="utf-8")
    with Archive.open(tmp_path / "one.db") as archive:
        with pytest.warns(InputNote, match="page-05.html: the page states no publication date"):
            one = ingest_sources([str(folder)], archive, Settings(), analyze=False)
        reference = _stored(archive)
    analyzer = ProcessAnalyzer(2)
    try:
        with Archive.open(tmp_path / "two.db") as archive:
            # the note is raised in a worker and printed by this process, once
            with pytest.warns(InputNote) as notes:
                two = ingest_sources([str(folder)], archive, Settings(), analyzer=analyzer)
            assert [str(n.message).split(":")[0] for n in notes if "page-05" in str(n.message)]
            assert len([n for n in notes if "no publication date" in str(n.message)]) == 1
            assert _stored(archive) == reference  # same articles, same story threads
            assert archive.db.execute("SELECT COUNT(*) FROM analyses").fetchone()[0] == 12
    finally:
        analyzer.close()
    assert [(o.label, o.status) for o in two.outcomes] == [
        (o.label, o.status) for o in one.outcomes
    ]
    assert {o.status for o in two.outcomes} == {"new"}


def _run_on_two_workers(items: list[SourceItem], path: Path) -> tuple[BatchReport, list[str]]:
    """Ingest ``items`` (no analysis) with two worker processes: the report and stored texts."""
    analyzer = ProcessAnalyzer(2, model=False)
    try:
        with Archive.open(path) as archive:
            report = Ingestor(archive, analyze=False, analyzer=analyzer).run(items)
            texts = [str(r[0]) for r in archive.db.execute("SELECT text FROM articles")]
    finally:
        analyzer.close()
    return report, texts


def test_loading_runs_in_a_worker_process(tmp_path: Path) -> None:
    items = [SourceItem(f"item {i}", partial(_loaded_by, i)) for i in range(8)]
    report, texts = _run_on_two_workers(items, tmp_path / "a.db")
    assert report.count("new") == 8
    pids = {int(t.split("loaded by process ")[1].split(".")[0]) for t in texts}
    assert pids and os.getpid() not in pids


def test_an_item_that_cannot_travel_is_loaded_here(tmp_path: Path) -> None:
    """A loader that cannot be pickled (a lambda) is loaded by the ingest process."""
    items = [SourceItem(f"item {i}", lambda i=i: _loaded_by(i)) for i in range(4)]  # type: ignore[misc]
    report, texts = _run_on_two_workers(items, tmp_path / "a.db")
    assert report.count("new") == 4 and not report.failures
    assert all(f"loaded by process {os.getpid()}." in t for t in texts)


def test_feed_entries_are_fetched_by_the_workers(feed_site: Any, tmp_path: Path) -> None:
    """The feed's linked pages are fetched and extracted in the workers; copies are still found
    (dedupe stays in the ingest process): the outcomes and threads of a single-process run."""
    feed = f"{feed_site.base}/feed.xml"
    with Archive.open(tmp_path / "one.db") as archive:
        one = ingest_sources([feed], archive, Settings(), analyze=False)
        reference = _stored(archive)
    analyzer = ProcessAnalyzer(2)
    try:
        with Archive.open(tmp_path / "two.db") as archive:
            two = ingest_sources([feed], archive, Settings(), analyzer=analyzer)
            assert _stored(archive) == reference
    finally:
        analyzer.close()
    outcomes = [(o.label, o.status, o.article_id, o.story_id) for o in two.outcomes]
    assert outcomes == [(o.label, o.status, o.article_id, o.story_id) for o in one.outcomes]
    assert two.count("duplicate") > 0 and not two.failures
    threads: dict[str, set[str]] = defaultdict(set)
    for o in two.outcomes:
        threads[o.story_id or ""].add(FEED_PAGES[_slug(o.label)].story)
    assert all(len(stories) == 1 for stories in threads.values())


def _slug(label: str) -> str:
    return label.rsplit("/", 1)[-1].removesuffix(".html")


def test_the_workers_extract_the_story_features_too(tmp_path: Path) -> None:
    """A worker that loads an article extracts its story features as well (the ingest process
    only threads it): the features it sends are the ones the assigner would extract, and an
    ingest with them gives the archive a single-process ingest gives."""
    items = [SourceItem(f"item {i}", partial(_loaded_by, i)) for i in range(10)]
    analyzer = ProcessAnalyzer(2, model=False)
    try:
        loaded = analyzer.load([item.load for item in items])
        assert loaded is not None
        results = loaded.result()
    finally:
        analyzer.close()
    for one in results:
        assert one.article is not None and one.features is not None
        feats, weights = one.features
        assert weights == FeatureWeights()
        assert feats == extract_features(one.article.text, one.article.title, weights=weights)
        # the fingerprint arrives complete: its band keys and sorted shingles were computed
        # in the worker, and are the ones computed here
        assert one.fp is not None
        assert {"_keys", "_sorted"} <= set(vars(one.fp))
        here = fingerprint(one.article.text)
        assert (one.fp.band_keys == here.band_keys).all()
        assert (one.fp.sorted_shingles == here.sorted_shingles).all()
    with Archive.open(tmp_path / "workers.db") as archive:
        ingestor = Ingestor(archive, analyze=False)
        for one in results:
            assert one.article is not None
            ingestor.add(one.article, loaded=one)
        with_features = _stored(archive)
    with Archive.open(tmp_path / "here.db") as archive:
        ingestor = Ingestor(archive, analyze=False)
        for one in results:
            assert one.article is not None
            ingestor.add(one.article)
        assert _stored(archive) == with_features


def test_the_assigner_uses_features_given_under_its_weights_only() -> None:
    """Features handed to the assigner are used as they are (they are the article's, extracted
    elsewhere); ones extracted under other weights are not, it extracts its own."""
    text = _loaded_by(1).text
    other = extract_features("Ships and banners crowded the harbour of Velmora on Tuesday.")
    used = StoryAssigner()
    used.assign("a1", text, "Strike", None, features=(other, FeatureWeights()))
    # (the same terms, the process's interned copies: ``Features.interned``)
    assert used.last_features is not None and used.last_features[1] == other
    assert other != extract_features(text, "Strike")  # so they were not extracted again
    ignored = StoryAssigner()
    skewed = FeatureWeights(title=5.0)
    ignored.assign("a1", text, "Strike", None, features=(other, skewed))
    assert ignored.last_features is not None
    assert ignored.last_features[1] == extract_features(text, "Strike")
