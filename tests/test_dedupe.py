"""Duplicate detection: exact and near (MinHash) copies collapse into one text with every outlet."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from samples import FEED_PAGES

from newsbrief.ingest.batch import Ingestor
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Article
from newsbrief.store import Archive
from newsbrief.stories.dedupe import Deduper, fingerprint, jaccard, minhash, shingles
from newsbrief.stories.lsh import band_keys

PAGES = dict(FEED_PAGES)


def article(slug: str, **changes: object) -> Article:
    page = PAGES[slug]
    made = article_from_text(
        page.text, title=page.title, outlet=page.outlet, published=page.published
    )
    return made.model_copy(update=changes) if changes else made


@pytest.fixture
def archive(archive_target: Path | str) -> Archive:
    opened = Archive.open(archive_target)
    yield opened  # type: ignore[misc]
    opened.close()


def test_minhash_estimates_jaccard() -> None:
    a, b = shingles(PAGES["port-03"].text), shingles(PAGES["port-03-herald"].text)
    exact = jaccard(a, b)
    estimate = float(np.mean(minhash(a) == minhash(b)))
    assert 0.6 < exact < 1.0
    assert abs(estimate - exact) < 0.15
    assert np.array_equal(minhash(a), minhash(shingles(PAGES["port-03"].text)))
    unrelated = shingles(PAGES["bridge-01"].text)
    assert float(np.mean(minhash(a) == minhash(unrelated))) < 0.1


def test_signatures_are_stable_across_runs_and_versions() -> None:
    # stored signatures must stay comparable: changing the hashing would orphan old archives
    sig = minhash(
        shingles("Dockworkers at the port of Halvern voted on Monday to walk off the job.")
    )
    assert sig[:4].tolist() == [672421293, 313208932, 333231511, 69200881]
    # band keys are not stored (the writer computes them from the signatures), but they are
    # still the same on every machine: fixed salts, fixed arithmetic
    assert int(band_keys(sig)[0, 0]) == 13798867885437766384


def test_identical_texts_share_every_band() -> None:
    one = band_keys(minhash(shingles(PAGES["drought-02"].text)))[0].tolist()
    two = band_keys(minhash(shingles(PAGES["drought-02"].text)))[0].tolist()
    other = band_keys(minhash(shingles(PAGES["drought-04"].text)))[0].tolist()
    assert one == two
    assert not set(enumerate(one)) & set(enumerate(other))


def test_equal_rows_in_two_bands_give_two_keys() -> None:
    sig = np.zeros(128, dtype=np.uint32)  # every band's rows alike
    keys = band_keys(sig)[0].tolist()
    assert len(set(keys)) == len(keys) == 32


def test_exact_copy_ignores_case_spacing_and_punctuation(archive: Archive) -> None:
    original = article("drought-02")
    archive.save_article(original)
    Deduper(archive).remember(original.id, fingerprint(original.text))
    shouted = article_from_text(
        original.text.upper().replace(",", "").replace("\n\n", "\n\n\n"), outlet="Other Paper"
    )
    assert shouted.id != original.id
    match = Deduper(archive).find(shouted)
    assert match is not None
    assert (match.article_id, match.kind, match.similarity) == (original.id, "exact", 1.0)


@pytest.mark.parametrize("copy", ["port-03-herald", "drought-03-ledger", "bridge-03-beacon"])
def test_near_copies_are_found(archive: Archive, copy: str) -> None:
    src = article(PAGES[copy].copy_of or "")
    archive.save_article(src)
    Deduper(archive).remember(src.id, fingerprint(src.text))
    match = Deduper(archive).find(article(copy))
    assert match is not None
    assert match.article_id == src.id
    assert match.kind == "near"


def test_articles_on_the_same_event_are_not_copies(archive: Archive) -> None:
    deduper = Deduper(archive)
    for slug in ("port-02", "port-03", "port-04"):
        a = article(slug)
        assert deduper.find(a) is None
        archive.save_article(a)
        deduper.remember(a.id, fingerprint(a.text))
    assert deduper.find(article("port-05")) is None


def test_copies_collapse_and_credit_the_earliest(archive: Archive) -> None:
    ingestor = Ingestor(archive, analyze=False)
    # the later copy arrives first; the wire's original (earlier) arrives second
    first = ingestor.add(article("port-03-herald"))
    wire = ingestor.add(article("port-03"))
    exact = ingestor.add(article("port-03-beacon"))
    again = ingestor.add(article("port-03-beacon"))
    assert [o.status for o in (first, wire, exact, again)] == [
        "new",
        "duplicate",
        "duplicate",
        "known",
    ]
    assert wire.article_id == first.article_id == exact.article_id
    assert archive.count_articles() == 1
    runs = archive.outlets(first.article_id or "")
    assert [r.outlet for r in runs] == ["Meridian Wire", "Daily Beacon", "Coast Herald"]
    assert [r.is_original for r in runs] == [True, False, False]
    # the stored text is the first run ingested (the Herald's, with its dateline)
    assert [r.kind for r in runs] == ["near", "near", "first"]
    assert runs[0].published == datetime(2024, 6, 12, 6, 45, tzinfo=UTC)
    # a near copy says what it copies; the same near copy again is known, with no detail
    assert wire.detail.startswith(f"near copy of {first.article_id} (similarity 0.")
    wire_again = ingestor.add(article("port-03"))
    assert (wire_again.status, wire_again.detail) == ("known", "")


def test_stories_count_independent_sources_not_copies(archive: Archive) -> None:
    ingestor = Ingestor(archive, analyze=False)
    for slug in ("port-03", "port-03-beacon", "port-03-herald"):
        ingestor.add(article(slug))
    story_id = archive.story_of(article("port-03").id)
    assert story_id is not None
    row = archive.get_story(story_id)
    assert row is not None
    assert (row.article_count, row.independent_sources) == (1, 1)
    assert set(row.outlets) == {"Meridian Wire", "Daily Beacon", "Coast Herald"}
    independent = article("port-04")
    archive.save_article(independent)
    archive.add_to_story(independent.id, story_id)
    row = archive.get_story(story_id)
    assert row is not None
    assert (row.article_count, row.independent_sources) == (2, 2)


def test_article_saved_without_ingest_is_threaded_and_indexed_later(archive: Archive) -> None:
    wire = article("drought-03")
    archive.save_article(wire)  # as `Archive.save` does: no story, no signature
    assert archive.story_of(wire.id) is None and archive.get_signature(wire.id) is None
    ingestor = Ingestor(archive, analyze=False)
    again = ingestor.add(wire)
    assert again.status == "known" and again.story_id is not None
    assert archive.story_of(wire.id) == again.story_id
    assert archive.get_signature(wire.id) is not None
    copy = ingestor.add(article("drought-03-ledger"))
    assert (copy.status, copy.article_id, copy.story_id) == ("duplicate", wire.id, again.story_id)
