"""Story briefs across sources, on real multi-outlet input (NeuS stories, Timeline17 slices) and
on two short reports written for this test that date one event differently."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsbrief.analyze import analyze, analyze_many
from newsbrief.compose import compose_brief, compose_story_brief
from newsbrief.evaluate.mds import read_stories
from newsbrief.ingest.batch import Ingestor
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Analysis, Brief, Evidence
from newsbrief.render import render
from newsbrief.store.archive import Archive

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "port-strike.txt"

REPORT_A = (
    "Workers at the Brandt steel plant in Kesselburg walked out on 3 March 2024 over unpaid wages,"
    " the metalworkers' union said. The strike halted production at the plant, which employs"
    " 2,400 people. Management said it would meet union leaders next week."
)
REPORT_B = (
    "Workers at the Brandt steel plant in Kesselburg walked out on 4 March 2024 over unpaid wages,"
    " union leaders said on Wednesday. Regional officials warned that a long stoppage would hurt"
    " suppliers across the valley."
)


def _pair() -> list[Analysis]:
    a = article_from_text(
        REPORT_A,
        outlet="Wire A",
        title="Steel workers strike at Brandt",
        published=datetime(2024, 3, 5, 9, tzinfo=UTC),
    )
    b = article_from_text(REPORT_B, outlet="Paper B", published=datetime(2024, 3, 6, 9, tzinfo=UTC))
    return [analyze(a), analyze(b)]


def _assert_grounded(brief: Brief, analyses: list[Analysis]) -> None:
    texts = {a.article.id: a.article.text for a in analyses}

    def check(ev: Evidence, text: str | None = None) -> None:
        assert ev.article_id in texts
        if text is not None:
            assert texts[ev.article_id][ev.start : ev.end] == text

    for item in brief.executive_summary:
        check(item.evidence, item.text)
        for ev in item.also:
            check(ev)
    for entry in brief.story_so_far:
        check(entry.evidence)
        assert entry.text in texts[entry.evidence.article_id]
    for m in brief.why_it_matters:
        check(m.evidence)
    if brief.coverage is not None:
        for o in brief.coverage.outlets:
            for item in o.exclusive:
                check(item.evidence, item.text)


@pytest.fixture(scope="module")
def pair() -> list[Analysis]:
    return _pair()


def test_one_event_two_dates_is_flagged_not_picked(pair: list[Analysis]) -> None:
    brief = compose_story_brief(pair)
    walkouts = [e for e in brief.story_so_far if "walked out" in e.text]
    assert len(walkouts) == 1, brief.story_so_far
    entry = walkouts[0]
    assert set(entry.outlets) == {"Wire A", "Paper B"}
    assert len(entry.also) == 1
    assert entry.date_note is not None
    assert "3 March 2024" in entry.date_note and "4 March 2024" in entry.date_note
    _assert_grounded(brief, pair)


def test_same_fact_in_two_outlets_is_one_item_credited_to_both(pair: list[Analysis]) -> None:
    brief = compose_story_brief(pair)
    walkout = [i for i in brief.executive_summary if "walked out" in i.text]
    assert len(walkout) == 1
    assert set(walkout[0].outlets) == {"Wire A", "Paper B"}
    assert len(walkout[0].also) == 1
    # newest development first: see test_story_length (two short reports are summed up in the
    # one fact they share and the next most salient one)


def test_coverage_counts_first_report_and_exclusives(pair: list[Analysis]) -> None:
    brief = compose_story_brief(pair)
    cov = brief.coverage
    assert cov is not None
    assert [o.outlet for o in cov.outlets] == ["Wire A", "Paper B"]
    assert cov.broke == "Wire A"
    assert cov.first_report == datetime(2024, 3, 5, 9, tzinfo=UTC)
    assert sum(c.articles for c in cov.strip) == 2
    only_b = [i.text for i in cov.outlets[1].exclusive]
    assert any("suppliers" in t for t in only_b), only_b
    assert not any("walked out" in i.text for o in cov.outlets for i in o.exclusive)


def test_wire_copies_count_for_their_outlet(pair: list[Analysis]) -> None:
    copies = {
        pair[0].article.id: [("Wire A", None), ("Gazette C", datetime(2024, 3, 4, tzinfo=UTC))]
    }
    cov = compose_story_brief(pair, copies=copies).coverage
    assert cov is not None
    gazette = next(o for o in cov.outlets if o.outlet == "Gazette C")
    assert (gazette.articles, gazette.copies) == (1, 1)
    assert cov.wire_copies == 1
    assert cov.broke == "Gazette C"  # its run of the wire text came first


def test_whats_new_since_is_against_the_story_then(pair: list[Analysis]) -> None:
    brief = compose_story_brief(pair, since=datetime(2024, 3, 5, 12, tzinfo=UTC))
    texts = [i.text for i in brief.whats_new]
    assert any("suppliers" in t for t in texts), texts
    assert not any("walked out" in t for t in texts)  # the story had it already
    assert all(i.evidence.article_id == pair[1].article.id for i in brief.whats_new)
    assert compose_story_brief(pair, since=datetime(2024, 3, 7, tzinfo=UTC)).whats_new == ()


def test_story_of_one_is_the_single_article_brief() -> None:
    from newsbrief.ingest import load_input

    analysis = analyze(load_input(str(EXAMPLE)))
    single = compose_brief(analysis).model_dump(mode="json")
    story = compose_story_brief([analysis]).model_dump(mode="json")
    for key in ("generated_at", "article", "articles"):
        single.pop(key)
        story.pop(key)
    assert story == single


def test_renderings_carry_the_new_sections(pair: list[Analysis]) -> None:
    brief = compose_story_brief(pair, since=datetime(2024, 3, 5, 12, tzinfo=UTC))
    md = render(brief, "md")
    assert "## Coverage" in md and "First reported by **Wire A**" in md
    assert "Sources differ on the date" in md
    assert "## What's New" in md
    html = render(brief, "html")
    assert html.count('role="img"') == 1  # one dated event: no axis to draw; coverage strip only
    assert 'class="pic pic-coverage"' in html and '<table class="coverage">' in html
    data = json.loads(render(brief, "json"))
    assert data["coverage"]["broke"] == "Wire A"
    assert data["coverage"]["strip"]
    assert data["story_so_far"][0]["date_note"]
    Brief.model_validate(data)


def test_pictures_escape_untrusted_names(pair: list[Analysis]) -> None:
    from newsbrief.render.pictures import coverage_svg

    bad = [
        a.model_copy(update={"article": a.article.model_copy(update={"outlet": "<script>x"})})
        for a in pair
    ]
    svg = coverage_svg(compose_story_brief(bad).coverage)
    assert svg is not None and "<script>" not in svg and "&lt;script&gt;" in svg


@pytest.mark.data
@pytest.mark.slow
def test_neus_story_credits_every_outlet(data_dir: Path) -> None:
    stories = read_stories(data_dir / "neus" / "val", limit=16)
    arts = stories[15][0]  # Navarro's tariff warning, carried by all three outlets
    t0 = datetime(2018, 6, 1, 9, tzinfo=UTC)
    arts = [a.model_copy(update={"published": t0 + timedelta(hours=k)}) for k, a in enumerate(arts)]
    analyses = list(analyze_many(arts))
    brief = compose_story_brief(analyses)
    assert 2 <= len(brief.executive_summary) <= 4
    assert max(len(i.outlets) for i in brief.executive_summary) == 3
    assert brief.coverage is not None and brief.coverage.broke == "left"
    assert {o.outlet for o in brief.coverage.outlets} == {"left", "center", "right"}
    assert "(untitled)" not in render(brief, "md")
    _assert_grounded(brief, analyses)


@pytest.mark.data
@pytest.mark.slow
def test_story_brief_from_the_archive_on_the_cli(data_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    stories = read_stories(data_dir / "neus" / "val", limit=3)
    t0 = datetime(2020, 6, 1, 9, tzinfo=UTC)
    arts = [
        a.model_copy(update={"published": t0 + timedelta(hours=k)})
        for k, a in enumerate(stories[2][0])
    ]
    with Archive.open(db) as archive:
        ingest = Ingestor(archive)
        ids = [ingest.add(a, analyze(a)).article_id for a in arts]
        story = archive.story_of(ids[0])
        assert story is not None
        for i in ids[1:]:
            archive.add_to_story(i, story)
    proc = subprocess.run(
        [sys.executable, "-m", "newsbrief", "brief", "--db", str(db), "--story", story,
         "--since", "2020-06-01T09:30:00+00:00", "--format", "json"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    brief = Brief.model_validate_json(proc.stdout)
    assert len(brief.articles) == 3
    assert brief.coverage is not None and len(brief.coverage.outlets) == 3
    assert brief.whats_new and all(i.evidence.article_id != ids[0] for i in brief.whats_new)
    bad = subprocess.run(
        [sys.executable, "-m", "newsbrief", "brief", "--db", str(db), "--story", story,
         "--since", "yesterday-ish"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_disagreement_is_an_explicit_pair_with_the_claim() -> None:
    from newsbrief.ingest import load_input

    wire = analyze(load_input(str(EXAMPLE)))
    second = analyze(
        article_from_text(
            "Dockworkers at Port Selane stayed off the job for a second day on Wednesday. The"
            " Port Selane Terminal Operators Association said its offer was fair. The union said"
            " the offer would cut real wages.",
            outlet="Coast Herald",
            published=datetime(2024, 6, 12, 10, tzinfo=UTC),
        )
    )
    brief = compose_story_brief([wire, second])
    union = next(p for p in brief.who_thinks_what if "Union" in p.actor)
    pair = next(d for d in union.disagrees_with if d.claim)
    assert pair.claim == "the port is losing business"
    assert pair.claim_evidence is not None
    assert wire.article.text[pair.claim_evidence.start : pair.claim_evidence.end] == pair.claim
    md = render(brief, "md")
    assert "rejects Operators’ claim that “the port is losing business”" in md
    assert "claim that “the port is losing business”" in render(brief, "html")


def tram_pair() -> tuple[Analysis, Analysis]:
    """Two developments of one story of our own, four months apart: a council vote, then the
    start of works."""
    earlier = analyze(
        article_from_text(
            "The Kesselburg council approved a new tram line on Monday after two years of debate. "
            "Opponents said the route would cut through the old market square.",
            title="Council backs Kesselburg tram line",
            outlet="Valley Courier",
            published=datetime(2024, 2, 6, 9, tzinfo=UTC),
        )
    )
    own = analyze(
        article_from_text(
            "Construction of the Kesselburg tram line began on Thursday with the closure of two "
            "streets near the station. The works are due to last eighteen months, the council "
            "said.",
            title="Tram works begin in Kesselburg",
            outlet="Kesselburg Post",
            published=datetime(2024, 6, 13, 17, tzinfo=UTC),
        )
    )
    return earlier, own


def test_a_line_from_the_arcs_earlier_story_is_listed_and_linked() -> None:
    """A one-article story whose Story So Far draws on the arc's earlier story: its line showed
    "(¶s0) *(Valley Courier)*", with no title and a label that pointed nowhere. The brief lists
    the earlier article under its own, and the line's label is that article's number, linked."""
    earlier, own = tram_pair()
    brief = compose_story_brief([own], history=[earlier])
    old_id = earlier.article.id
    assert any(e.evidence.article_id == old_id for e in brief.story_so_far)
    assert [a.id for a in brief.background] == [old_id]
    assert brief.background[0].title == "Council backs Kesselburg tram line"
    out = render(brief, "md")
    line = next(s for s in out.splitlines() if "new tram line" in s and s.startswith("- **"))
    assert line.endswith(f"[¶2·s0](#a-{old_id})"), line
    title = "**Council backs Kesselburg tram line** · Valley Courier"
    assert f'2. <a id="a-{old_id}"></a>{title}' in out
    assert "(¶s0)" not in out
    assert compose_story_brief([own]).background == ()
