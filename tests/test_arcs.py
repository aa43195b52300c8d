"""Story arcs: incremental arc building over a real Timeline17 slice in a real archive, stable
ids across processes, merges that redirect, the eval, the CLI, the API and the arc page."""

from __future__ import annotations

import gzip
import json
import random
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from newsbrief.analyze import analyze
from newsbrief.cli import main
from newsbrief.evaluate.arcs import evaluate
from newsbrief.ingest import article_from_text
from newsbrief.ingest.batch import Ingestor
from newsbrief.models import Article
from newsbrief.store import Archive
from newsbrief.stories.arcs import ArcAssigner, arc_id_for

pytestmark = pytest.mark.data

EVENTS = {"bpoil_bbc": 36, "H1N1_bbc": 24}  # the earliest articles of each folder


def _rows(data_dir: Path, folder: str) -> list[dict[str, str]]:
    path = data_dir / "tls" / folder / "articles.jsonl.gz"
    if not path.is_file():
        pytest.skip(f"Timeline17 folder {folder} not found")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return sorted(rows, key=lambda r: (r["time"], r["id"]))


def _article(row: dict[str, str], folder: str) -> Article:
    published = datetime.fromisoformat(row["time"]).replace(hour=12, tzinfo=UTC)
    return article_from_text(row["text"], outlet=folder.split("_")[1].upper(), published=published)


@pytest.fixture(scope="module")
def stream(data_dir: Path) -> list[tuple[str, Article]]:
    """~60 articles of two events, interleaved in a seeded order (not by date)."""
    items = [
        (folder.split("_")[0], _article(row, folder))
        for folder, n in EVENTS.items()
        for row in _rows(data_dir, folder)[:n]
    ]
    random.Random(7).shuffle(items)
    return items


def _arc_by_event(archive: Archive, stream: list[tuple[str, Article]]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {}
    for event, article in stream:
        story = archive.story_of(article.id)
        if story is None:
            continue  # a duplicate text stored under another id
        arc = archive.arc_of_story(story)
        assert arc is not None, f"development {story} has no arc"
        out.setdefault(event, Counter())[arc] += 1
    return out


SNAPSHOT: dict[str, str | None] = {}  # article id -> arc of its story after the first half


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, stream: list[tuple[str, Article]]) -> Path:
    """The stream ingested in two sessions (the second reloads the saved arc state)."""
    db = tmp_path_factory.mktemp("arcs") / "archive.db"
    half = len(stream) // 2
    for part in (stream[:half], stream[half:]):
        with Archive.open(db) as archive:
            ingestor = Ingestor(archive, analyze=False)
            for _, article in part:
                ingestor.add(article)
            if not SNAPSHOT:
                for _, article in part:
                    story = archive.story_of(article.id)
                    SNAPSHOT[article.id] = archive.arc_of_story(story) if story else None
    return db


def test_two_interleaved_events_become_two_arcs_of_several_developments(
    built: Path, stream: list[tuple[str, Article]]
) -> None:
    with Archive.open(built) as archive:
        by_event = _arc_by_event(archive, stream)
        main_arc = {event: arcs.most_common(1)[0][0] for event, arcs in by_event.items()}
        assert main_arc["bpoil"] != main_arc["H1N1"], "the oil spill and swine flu merged"
        for event, arcs in by_event.items():
            top, n = arcs.most_common(1)[0]
            assert n >= 0.85 * sum(arcs.values()), (event, arcs)  # one arc holds the event
            other = next(e for e in by_event if e != event)
            assert top not in by_event[other], f"the {event} arc holds {other} articles"
        for arc in main_arc.values():
            row = archive.get_arc(arc)
            assert row is not None
            assert row.development_count >= 3  # developments inside the arc
            assert row.article_count >= 0.85 * min(EVENTS.values())
            devs = archive.arc_story_ids(arc)
            assert len(devs) == row.development_count
        assert archive.arc_count() == len(archive.arcs())


def test_arc_ids_are_stable_across_sessions(built: Path) -> None:
    """An arc's id comes from the development that opened it; after the second session (a
    fresh assigner loaded from the archive) the first half's articles are in the same arcs,
    or in the arcs those were merged into."""
    with Archive.open(built) as archive:
        for row in archive.arcs():
            assert row.id.startswith("a") and len(row.id) == 17
        kept = 0
        for article_id, was in SNAPSHOT.items():
            if was is None:
                continue
            story = archive.story_of(article_id)
            assert story is not None
            now = archive.arc_of_story(story)
            assert now is not None
            kept += int(now == archive.resolve_arc(was))
        assert kept >= 0.9 * len([a for a in SNAPSHOT.values() if a])


def test_merges_redirect_to_the_arc_opened_first(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "a.db") as archive:
        archive.save_arc_state(
            {"version": 1, "seq": 2, "n_articles": 2},
            {"a1": {"version": 1}, "a2": {"version": 1}},
            links={"s1": "a1", "s2": "a2"},
        )
        archive.save_arc_state(
            {"version": 1, "seq": 3, "n_articles": 2}, {}, links={}, merged={"a2": "a1"}
        )
        assert archive.resolve_arc("a2") == "a1"
        saved = archive.load_arc_state()
        assert saved is not None
        assert sorted(saved.links) == [("s1", "a1"), ("s2", "a1")]
        assert [a["version"] for a in saved.arcs] == [1]  # a2 is no longer a live arc


def test_developments_merged_by_the_story_assigner_merge_their_arcs() -> None:
    class Freq:
        def __init__(self) -> None:
            self.df: dict[str, int] = {}
            self.n_docs = 0

    assigner = ArcAssigner()
    common = {"merged": {}, "moved": {}, "previous_story": lambda _: None, "frequencies": Freq()}
    first = assigner.observe(
        text="Ferry crews at Kestrel Bay strike over pay.", title=None,
        published=None, story_id="s1", **common,  # type: ignore[arg-type]
    )  # fmt: skip
    second = assigner.observe(
        text="Council of Arden votes to close the library for repairs.", title=None,
        published=None, story_id="s2", **common,  # type: ignore[arg-type]
    )  # fmt: skip
    assert first == arc_id_for("s1")
    assert second == arc_id_for("s2") and second != first
    assigner.drain()
    common["merged"] = {"s2": "s1"}
    third = assigner.observe(
        text="Ferry crews at Kestrel Bay stay out for a second day.", title=None,
        published=None, story_id="s1", **common,  # type: ignore[arg-type]
    )  # fmt: skip
    journal = assigner.drain()
    assert third == first  # opened first, survives
    assert journal.merged == {second: first}
    assert "s2" not in assigner.arc_of and second not in assigner.arcs


def test_eval_arcs_on_a_timeline17_layout(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("bpoil_bbc", "bpoil_guardian", "H1N1_bbc"):
        rows = _rows(data_dir, folder)[:25]
        (tmp_path / folder).mkdir()
        with gzip.open(tmp_path / folder / "articles.jsonl.gz", "wt", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r) + "\n" for r in rows)
    result = evaluate(tmp_path)
    assert result.n == 75
    assert set(result.metrics) >= {"bcubed_p", "bcubed_r", "bcubed_f1", "arcs"}
    assert result.metrics["bcubed_f1"] >= 0.8
    assert result.metrics["bcubed_f1"] > result.metrics["developments_bcubed_f1"]
    assert result.extra["gold_arcs"] == 2  # bpoil from two outlets is one event
    assert main(["eval", "arcs", str(tmp_path), "--json", "--no-baseline"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["task"] == "arcs" and data["metrics"]["arcs"] == data["arcs"]
    assert main(["eval", "arcs", str(tmp_path / "missing")]) == 5
    assert "not a folder" in capsys.readouterr().err


# ---- the surfaces, over analyzed articles ---------------------------------------------------


@pytest.fixture(scope="module")
def analyzed(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    db = tmp_path_factory.mktemp("arcs-analyzed") / "archive.db"
    rows = _rows(data_dir, "bpoil_bbc")
    picks = [rows[i] for i in (0, 2, 10, 14, 30)]
    with Archive.open(db) as archive:
        ingestor = Ingestor(archive)
        for row in picks:
            article = _article(row, "bpoil_bbc")
            ingestor.add(article, analyze(article))
    return db


def _the_arc(db: Path) -> str:
    with Archive.open(db) as archive:
        rows = archive.arcs()
    assert len(rows) == 1, [r.id for r in rows]
    return rows[0].id


def test_cli_lists_shows_and_briefs_an_arc(
    analyzed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arc = _the_arc(analyzed)
    assert main(["arcs", "--db", str(analyzed), "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert listing["total"] == 1 and listing["items"][0]["id"] == arc
    assert listing["items"][0]["articles"] == 5
    assert main(["arcs", arc, "--db", str(analyzed), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    devs = shown["development_list"]
    assert len(devs) == shown["developments"] >= 2
    assert sum(d["articles"] for d in devs) == 5
    assert [d["first_published"] for d in devs] == sorted(d["first_published"] for d in devs)
    assert main(["stories", "--db", str(analyzed), "--json"]) == 0
    stories = json.loads(capsys.readouterr().out)["items"]
    assert sorted(s["id"] for s in stories) == sorted(d["id"] for d in devs)
    assert {s["arc"] for s in stories} == {arc}
    assert main(["stories", devs[0]["id"], "--db", str(analyzed), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["arc"] == arc
    assert main(["brief", "--arc", arc, "--db", str(analyzed)]) == 0
    md = capsys.readouterr().out
    assert "## The Story So Far" in md
    assert f"## Developments of this arc ({len(devs)})" in md
    for d in devs:  # "(1 article, …)", never "(1 articles, …)"
        count = f"{d['articles']} article" + ("" if d["articles"] == 1 else "s")
        assert f"({count}, `{d['id']}`)" in md
    assert any(d["articles"] == 1 for d in devs)
    assert "2010" in md.split("## The Story So Far")[1]
    assert main(["brief", "--arc", arc, "--db", str(analyzed), "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["brief"]["articles"]) == 5
    assert data["brief"]["story_so_far"]
    assert main(["brief", "--arc", "anope", "--db", str(analyzed)]) == 4
    err = capsys.readouterr().err
    assert "no analyzed arc 'anope'" in err and "Traceback" not in err


def test_a_later_development_draws_its_story_so_far_from_the_arc(analyzed: Path) -> None:
    from newsbrief.analyze.time.points import sort_key
    from newsbrief.compose import compose_story_brief

    with Archive.open(analyzed) as archive:
        devs = archive.arc_story_ids(_the_arc(analyzed))
        last = devs[-1]
        history = archive.arc_history(last)
        own = archive.story_analyses(last)
        start = min(a.article.published for a in own if a.article.published)
        assert history and all(
            h.article.published is not None and h.article.published < start for h in history
        )
        assert archive.arc_history(devs[0]) == []
        with_arc = compose_story_brief(own, history=history)
        alone = compose_story_brief(own)
    earlier = {h.article.id for h in history}
    assert any(e.evidence.article_id in earlier for e in with_arc.story_so_far)
    assert not any(e.evidence.article_id in earlier for e in alone.story_so_far)
    mine = {a.article.id for a in own}
    assert with_arc.story_so_far[-1].evidence.article_id in mine  # it ends with its own news
    # every entry of its own timeline is there, in its order, and the whole reads in date order
    own_entries = [e for e in with_arc.story_so_far if e.evidence.article_id in mine]
    assert own_entries == list(alone.story_so_far)
    keys = [sort_key(e.date) for e in with_arc.story_so_far]
    assert keys == sorted(keys)


@pytest.fixture(scope="module")
def served(analyzed: Path) -> Iterator[str]:
    pytest.importorskip("fastapi")
    from newsbrief.web import create_app
    from newsbrief.web.server import serve_in_thread

    with serve_in_thread(create_app(analyzed)) as base_url:
        yield base_url


def test_api_lists_arcs_and_an_arc_with_its_developments(served: str, analyzed: Path) -> None:
    arc = _the_arc(analyzed)
    listing = httpx.get(f"{served}/api/v1/arcs", params={"limit": 1}).json()
    assert listing["total"] == 1 and listing["next"] is None
    assert [a["id"] for a in listing["items"]] == [arc]
    detail = httpx.get(f"{served}/api/v1/arcs/{arc}").json()
    assert detail["id"] == arc and detail["article_count"] == 5
    assert len(detail["developments"]) == detail["development_count"] >= 2
    assert all(d["url"].startswith("/stories/s") for d in detail["developments"])
    missing = httpx.get(f"{served}/api/v1/arcs/anope")
    assert missing.status_code == 404


def test_arc_page_lists_developments_and_story_page_links_to_it(
    served: str, analyzed: Path
) -> None:
    arc = _the_arc(analyzed)
    page = httpx.get(f"{served}/arcs/{arc}")
    assert page.status_code == 200
    html = page.text
    with Archive.open(analyzed) as archive:
        devs = archive.arc_story_ids(arc)
    positions = [html.index(f'href="/stories/{d}"') for d in devs]
    assert positions == sorted(positions)  # on the timeline, oldest first
    assert "<time datetime=" in html
    story = httpx.get(f"{served}/stories/{devs[-1]}").text
    assert f'href="/arcs/{arc}"' in story
    assert httpx.get(f"{served}/arcs/anope").status_code == 404


def _table_rows(archive: Archive, *queries: str) -> tuple[object, ...]:
    return tuple(archive._conn.execute(sql).fetchall() for sql in queries)


def _arc_tables(
    archive: Archive, *, meta: str = "SELECT value FROM arc_meta WHERE key = 'stats'"
) -> tuple[object, ...]:
    """The arc tables' rows (``meta``: which of the counters and token to read)."""
    return _table_rows(
        archive,
        "SELECT id, state, merged_into FROM arcs ORDER BY id",
        "SELECT story_id, arc_id FROM story_arcs ORDER BY story_id",
        meta,
    )


def test_arc_state_rolls_back_with_the_article(
    tmp_path: Path, stream: list[tuple[str, Article]]
) -> None:
    db = tmp_path / "a.db"

    def snapshot(archive: Archive) -> tuple[object, ...]:
        return _arc_tables(archive, meta="SELECT key, value FROM arc_meta ORDER BY key")

    with Archive.open(db) as archive:
        ingestor = Ingestor(archive, analyze=False)
        for _, article in stream[:6]:
            ingestor.add(article)
        before = snapshot(archive)
        with pytest.raises(RuntimeError), archive.transaction():
            ingestor.add(stream[6][1])
            raise RuntimeError("crash before commit")
        assert snapshot(archive) == before  # nothing of the article, nor of its arc, stuck
        ingestor.add(stream[6][1])  # the assigner notices and reloads from the archive
        for _, article in stream[:7]:
            story = archive.story_of(article.id)
            assert story is not None and archive.arc_of_story(story) is not None


def _story_tables(archive: Archive) -> tuple[object, ...]:
    """The story assigner's rows (without times and tokens)."""
    return _table_rows(
        archive,
        "SELECT id, title, state, core, merged_into FROM stories ORDER BY id",
        "SELECT seq, article_id, story_id, state FROM cluster_members ORDER BY seq",
        "SELECT article_id, story_id FROM story_articles ORDER BY article_id",
        "SELECT value FROM cluster_meta WHERE key = 'stats'",
        "SELECT seq, terms FROM cluster_log ORDER BY seq",
    )


def test_a_transaction_of_many_articles_writes_each_arc_state_once(
    tmp_path: Path, stream: list[tuple[str, Article]]
) -> None:
    """An ingest stores a chunk of articles in one transaction: the states of the arcs they
    joined are written when it commits, once each (a new arc also when it opens), and the
    archive holds exactly what one transaction per article leaves (the story assigner's
    states, written the same way, included)."""
    items = [article for _, article in stream[:40]]
    with Archive.open(tmp_path / "one.db") as archive:
        ingestor = Ingestor(archive, analyze=False)
        for article in items:
            ingestor.add(article)
        expected = _arc_tables(archive)
        stories = _story_tables(archive)
    writes: list[str] = []
    with Archive.open(tmp_path / "chunks.db") as archive:
        ingestor = Ingestor(archive, analyze=False)
        archive.db.raw.set_trace_callback(
            lambda sql: writes.append(sql) if sql.startswith("INSERT INTO arcs") else None
        )
        for start in range(0, len(items), 20):
            with archive.transaction():
                for article in items[start : start + 20]:
                    ingestor.add(article)
        archive.db.raw.set_trace_callback(None)
        assert _arc_tables(archive) == expected
        assert _story_tables(archive) == stories
        # and what is stored is what the assigners hold
        assigner = ingestor.threads._current()
        stored = {
            seq: json.loads(state)
            for seq, state in archive._conn.execute("SELECT seq, state FROM cluster_members")
        }
        assert stored == {seq: assigner.member_state(seq) for seq in assigner.members}
        held = {
            sid: json.loads(state)
            for sid, state in archive._conn.execute(
                "SELECT id, state FROM stories WHERE merged_into IS NULL"
            )
        }
        assert held == {sid: assigner.story_state(sid) for sid in assigner.stories}
        arc_assigner = ingestor.threads.arcs._current(assigner)
        arc_states = {
            aid: json.loads(state)
            for aid, state in archive._conn.execute(
                "SELECT id, state FROM arcs WHERE merged_into IS NULL"
            )
        }
        assert arc_states == {aid: arc_assigner.arc_state(aid) for aid in arc_assigner.arcs}
        arcs = archive._conn.execute("SELECT COUNT(*) FROM arcs").fetchone()[0]
        # a story's update time, written when the transaction commits, is no earlier than
        # the arrival of its latest member
        stale = archive._conn.execute(
            "SELECT s.id FROM stories s JOIN story_articles m ON m.story_id = s.id"
            " GROUP BY s.id, s.updated_at HAVING s.updated_at < MAX(m.added_at)"
        ).fetchall()
        assert stale == []
    live = len([r for r in expected[0] if r[2] is None])  # type: ignore[union-attr]
    assert 2 <= live < len(items) / 4
    # per transaction: every arc at most twice (opened, then its final state), and far
    # fewer writes than one per article
    assert len(writes) <= arcs + 2 * live
    assert len(writes) < len(items) / 2
