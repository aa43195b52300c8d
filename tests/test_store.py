"""The SQLite archive: real files, idempotent saves, reopening, failures as StoreError."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsbrief.analyze import analyze
from newsbrief.compose import compose_brief, compose_story_brief
from newsbrief.errors import InputError, StoreError
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Actor, Analysis, Brief
from newsbrief.store import Archive, migrations
from newsbrief.store.db import Database
from newsbrief.store.dialect import SQLITE
from newsbrief.store.feeds import MAX_ATTEMPTS
from newsbrief.store.migrations import LATEST, MIGRATIONS, applied_versions
from newsbrief.store.records import FeedState
from newsbrief.stories import StoryThreads, whats_new
from newsbrief.stories.cluster import ClusterSettings, StoryAssigner, story_id_for
from newsbrief.stories.journal import Membership

TEXT = (
    "Dockworkers at the port of Halvern walked off the job on Tuesday after talks with the "
    "operators collapsed the previous day.\n\n"
    'The union said the operators had refused to discuss pay. "We have waited three years '
    'for a fair offer," said union leader Mara Oyelaran.\n\n'
    "The operators said in a joint statement that the strike would hurt exporters. Cargo "
    "volumes at Halvern have been falling in recent months, according to the port authority."
)


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    article = article_from_text(
        TEXT,
        title="Halvern dockworkers strike",
        outlet="Coast Herald",
        published=datetime(2024, 6, 11, 9, 30, tzinfo=UTC),
        url="https://example.test/halvern-strike",
    )
    return analyze(article)


@pytest.fixture(scope="module")
def brief(analysis: Analysis) -> Brief:
    return compose_brief(analysis)


def test_save_and_read_back(tmp_path: Path, analysis: Analysis, brief: Brief) -> None:
    db = tmp_path / "nested" / "dir" / "archive.db"
    with Archive.open(db) as archive:
        assert archive.save(analysis, brief) is True
        assert archive.count_articles() == 1
        assert archive.get_article(analysis.article.id) == analysis.article
        assert archive.get_analysis(analysis.article.id) == analysis
        stored = archive.get_brief("article", analysis.article.id)
        assert stored is not None
        assert stored.executive_summary == brief.executive_summary
    assert db.exists()


def test_save_is_idempotent(archive_target: Path | str, analysis: Analysis, brief: Brief) -> None:
    with Archive.open(archive_target) as archive:
        assert archive.save(analysis, brief) is True
        assert archive.save(analysis, brief) is False
        assert archive.save(analysis, brief.model_copy(update={"generated_at": None})) is False
        assert archive.count_articles() == 1
        assert archive.brief_versions("article", analysis.article.id) == [1]
        changed = brief.model_copy(update={"headline": "Strike at Halvern enters day two"})
        archive.save(analysis, changed)
        assert archive.brief_versions("article", analysis.article.id) == [1, 2]
        latest = archive.get_brief("article", analysis.article.id)
        assert latest is not None and latest.headline == "Strike at Halvern enters day two"
        first = archive.get_brief("article", analysis.article.id, version=1)
        assert first is not None and first.headline == brief.headline


def test_reopen_keeps_data_and_schema(archive_target: Path | str, analysis: Analysis) -> None:
    db = archive_target
    with Archive.open(db) as archive:
        archive.save(analysis)
    with Archive.open(db) as archive:
        assert archive.count_articles() == 1
        assert archive.schema_version() == LATEST
        assert archive.get_analysis(analysis.article.id) == analysis
        assert archive.integrity_check() == "ok"
        rows = archive.db.execute("SELECT version FROM schema_migrations ORDER BY 1")
        assert [r[0] for r in rows] == sorted(v for v, _, _ in MIGRATIONS)  # numbers may skip
    if isinstance(db, Path):
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()


def test_article_without_analysis(archive_target: Path | str) -> None:
    article = article_from_text("A short note about the harbour. It was quiet.", title="Note")
    with Archive.open(archive_target) as archive:
        assert archive.save_article(article) is True
        assert archive.get_analysis(article.id) is None
        assert archive.get_article("no-such-id") is None


def test_failed_save_rolls_back(archive_target: Path | str, analysis: Analysis) -> None:
    bad = Analysis.model_construct(article=analysis.article, sentences=object())
    with Archive.open(archive_target) as archive:
        with pytest.raises(Exception):  # noqa: B017 - any serialization failure
            archive.save(bad)
        assert archive.count_articles() == 0
        assert archive.save(analysis) is True


def test_deferred_work_runs_once_before_commit_or_is_discarded(
    archive_target: Path | str,
) -> None:
    """``defer``: the flush runs inside the outermost transaction, once per key however often
    deferred, and what it writes commits; a rollback runs the discard instead."""
    notes = [article_from_text(f"Note {i} about the harbour. It was quiet.") for i in range(3)]
    calls: list[str] = []
    with Archive.open(archive_target) as archive:

        def flush(i: int) -> None:
            calls.append(f"flush {i}")
            archive.save_article(notes[i])

        with archive.transaction():
            for _ in range(3):
                with archive.transaction():
                    archive.defer("a", lambda: flush(0), lambda: calls.append("discard 0"))
            archive.defer("b", lambda: flush(1), lambda: calls.append("discard 1"))
            assert calls == []  # held back until the transaction ends
        assert calls == ["flush 0", "flush 1"]
        assert archive.get_article(notes[0].id) is not None
        assert archive.get_article(notes[1].id) is not None

        calls.clear()
        with pytest.raises(RuntimeError), archive.transaction():
            archive.defer("a", lambda: flush(2), lambda: calls.append("discard 2"))
            raise RuntimeError("the chunk failed")
        assert calls == ["discard 2"]
        assert archive.get_article(notes[2].id) is None

        calls.clear()
        archive.defer("c", lambda: flush(2), lambda: calls.append("discard"))  # no transaction
        assert calls == ["flush 2"]
        assert archive.get_article(notes[2].id) is not None


def test_corrupt_file_is_a_store_error(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_bytes(b"this is a shopping list, not a database\n" * 200)
    with pytest.raises(StoreError, match="not a usable newsbrief archive"):
        Archive.open(db)


def test_unwritable_path_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(StoreError, match="cannot create the archive folder"):
        Archive.open(blocker / "sub" / "archive.db")


def test_folder_path_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Archive.open(tmp_path)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    Archive.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 'x')",
        (LATEST + 1,),
    )
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer than this newsbrief knows"):
        Archive.open(db)


def test_naive_and_aware_times_round_trip(archive_target: Path | str) -> None:
    early = article_from_text("Early text about the ferry.", published=datetime(2024, 1, 2, 10))
    late = article_from_text(
        "Late text about the ferry.", published=datetime(2024, 1, 2, 12, tzinfo=UTC)
    )
    with Archive.open(archive_target) as archive:
        archive.save_article(late)
        archive.save_article(early)
        assert archive.get_article(early.id) == early
        assert archive.get_article(late.id) == late


# --------------------------------------------------------------------------- stream side


def _with_actors(text: str, title: str, names: list[str], published: datetime) -> Analysis:
    art = article_from_text(text, title=title, outlet="Coast Herald", published=published)
    actors = tuple(
        Actor(id=f"a{i}", name=name, kind="person", aliases=(name.split()[-1],))
        for i, name in enumerate(names)
    )
    return Analysis(article=art, sentences=(), actors=actors)


def test_migration_from_version_1_keeps_data(tmp_path: Path, analysis: Analysis) -> None:
    db = tmp_path / "old.db"
    conn = Database(sqlite3.connect(db, isolation_level=None), SQLITE, db)
    applied_versions(conn)
    conn.execute("BEGIN")
    MIGRATIONS[0][2](conn)
    conn.execute("INSERT INTO schema_migrations VALUES (1, 'core', 'then')")
    conn.execute("COMMIT")
    conn.close()
    with Archive.open(db) as old:  # opening runs the missing migrations only
        assert old.schema_version() == LATEST
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM schema_migrations WHERE version > 1")
    conn.execute("DROP TRIGGER articles_inserted")
    for table in ("article_outlets", "minhashes", "shingle_sets", "stories", "story_articles",
                  "cluster_meta", "cluster_df", "actors", "events", "feeds", "feed_entries",
                  "articles_fts", "cluster_members", "cluster_log",
                  "arcs", "story_arcs", "arc_meta", "shingle_set_changes"):  # fmt: skip
        conn.execute(f"DROP TABLE {table}")
    conn.execute("ALTER TABLE articles DROP COLUMN original_outlet")
    art = analysis.article
    conn.execute(
        "INSERT INTO articles (id, title, url, outlet, published, text, text_hash, record,"
        " ingested_at) VALUES (?, ?, ?, ?, ?, ?, 'h', ?, '2024-06-11T10:00:00')",
        (art.id, art.title, art.url, art.outlet, "2024-06-11T09:30:00", art.text,
         art.model_dump_json()),
    )  # fmt: skip
    conn.commit()
    conn.close()
    with Archive.open(db) as archive:
        assert archive.count_articles() == 1
        assert [r.outlet for r in archive.outlets(art.id)] == ["Coast Herald"]
        assert [h.article_id for h in archive.search("dockworkers")] == [art.id]
        assert archive.integrity_check() == "ok"


def test_search_words_phrases_actor_and_since(archive_target: Path | str) -> None:
    early = _with_actors(
        "The U.S. envoy met Mara Oyelaran at the harbour. Talks on night shifts stalled.",
        "Envoy meets union leader",
        ["Mara Oyelaran"],
        datetime(2024, 6, 1, tzinfo=UTC),
    )
    late = _with_actors(
        "Cranes moved again at the harbour after the strike ended with a pay deal.",
        "Harbour reopens",
        ["Pieter Vance"],
        datetime(2024, 6, 20, tzinfo=UTC),
    )
    with Archive.open(archive_target) as archive:
        archive.save(early)
        archive.save(late)
        assert {h.article_id for h in archive.search("harbour")} == {
            early.article.id,
            late.article.id,
        }
        assert [h.article_id for h in archive.search("U.S. envoy")] == [early.article.id]
        assert [h.article_id for h in archive.search('"night shifts"')] == [early.article.id]
        assert archive.search('"shifts night"') == []
        assert [h.article_id for h in archive.search("strikes")] == [late.article.id]  # stems
        assert [h.article_id for h in archive.search("oyelaran")] == [early.article.id]
        assert "«harbour»" in archive.search("harbour", actor="vance")[0].snippet
        assert [h.article_id for h in archive.search("", actor="Vance")] == [late.article.id]
        since = datetime(2024, 6, 10, tzinfo=UTC)
        assert [h.article_id for h in archive.search("harbour", since=since)] == [late.article.id]
        operators = archive.search("harbour AND OR NOT (")  # words, never query syntax
        if archive.is_sqlite:
            assert operators == []  # FTS5 requires every word, "and"/"or"/"not" too
        else:  # PostgreSQL's english configuration drops them as stop words
            assert {h.article_id for h in operators} == {early.article.id, late.article.id}
        with pytest.raises(InputError):
            archive.search("  ")


def test_migration_16_indexes_by_trigger_and_keeps_what_search_found(
    archive_target: Path | str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An archive of version 15 (the full-text row written by the archive, and on PostgreSQL
    holding copies of title, text and actor names) opened by this version: what search found
    it still finds, and new articles are indexed by the trigger."""
    old = _with_actors(
        "Lock keepers on the Varn canal asked for a night allowance.",
        "Canal lock keepers",
        ["Tomas Ekwueme"],
        datetime(2024, 5, 2, tzinfo=UTC),
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", MIGRATIONS[:-1])
    monkeypatch.setattr(migrations, "LATEST", 15)
    assert MIGRATIONS[-1][0] == 16
    with Archive.open(archive_target) as archive:
        assert archive.schema_version() == 15
        archive.save_article(old.article)
        archive.db.execute(  # the row version 15 wrote with the article and its analysis
            "INSERT INTO articles_fts (rowid, article_id, title, text, actors)"
            " SELECT rowid, id, title, text, ? FROM articles WHERE id = ?",
            ("Tomas Ekwueme Ekwueme", old.article.id),
        )
    monkeypatch.undo()
    new = _with_actors(
        "Bridge tenders on the Varn canal joined the lock keepers.",
        "Bridge tenders join",
        ["Anouk Silveira"],
        datetime(2024, 5, 3, tzinfo=UTC),
    )
    with Archive.open(archive_target) as archive:
        assert archive.schema_version() == LATEST
        archive.save(new)
        for words, found in (
            ("ekwueme", [old]),  # an actor name
            ("allowance", [old]),  # the text
            ("keepers canal", [old, new]),
            ("tenders", [new]),
            ("silveira", [new]),
        ):
            hits = {h.article_id for h in archive.search(words)}
            assert hits == {a.article.id for a in found}, words
        assert "«allowance»" in archive.search("allowance")[0].snippet
        if not archive.is_sqlite:  # the index holds no second copy of the texts
            columns = archive.db.raw.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_name = 'articles_fts' ORDER BY ordinal_position"
            ).fetchall()
            assert [c for (c,) in columns] == ["rowid", "article_id", "tsv"]


def test_a_new_analysis_replaces_the_actor_names_search_finds(archive_target: Path | str) -> None:
    first = _with_actors(
        "Ferry crews at Ostrand stopped work over rosters.",
        "Ferry crews stop work",
        ["Pieter Vance"],
        datetime(2024, 6, 1, tzinfo=UTC),
    )
    again = first.model_copy(
        update={"actors": (Actor(id="a0", name="Ilse Marwick", kind="person"),)}
    )
    with Archive.open(archive_target) as archive:
        archive.save(first)
        assert [h.article_id for h in archive.search("vance")] == [first.article.id]
        archive.save(again)
        assert archive.search("vance") == []
        for words in ("marwick", "ferry rosters", "crews stop"):  # actor, text, title
            assert [h.article_id for h in archive.search(words)] == [first.article.id], words
        # a word in the title counts most, in the actor names less, in the text least
        when = first.article.published
        titled = _with_actors("Talks on rosters resumed.", "Ostrand", [], when)
        named = _with_actors("Talks on pay resumed.", "Talks resume", ["Ostrand"], when)
        archive.save(titled)
        archive.save(named)
        ranked = [h.article_id for h in archive.search("ostrand")]
        assert ranked == [titled.article.id, named.article.id, first.article.id]


def test_stories_and_versioned_story_briefs(archive_target: Path | str, analysis: Analysis) -> None:
    later = analyze(
        article_from_text(
            "The strike at Halvern ended on Friday when dockworkers approved a pay deal. "
            "Union leader Mara Oyelaran said crane drivers would return on Saturday.\n\n"
            "The operators said the backlog of ships would take three weeks to clear.",
            title="Halvern strike ends",
            published=datetime(2024, 6, 21, tzinfo=UTC),
        )
    )
    with Archive.open(archive_target) as archive:
        archive.save(analysis)
        archive.add_to_story(analysis.article.id, "s1", analysis.article.title)
        first = compose_story_brief(archive.story_analyses("s1"))
        assert archive.save_story_brief("s1", first) == 1
        assert archive.save_story_brief("s1", first) == 1  # unchanged: no new version
        assert archive.new_since_last_brief("s1") == []
        archive.save(later)
        archive.add_to_story(later.article.id, "s1", later.article.title)
        assert archive.new_since_last_brief("s1") == [later.article.id]
        ordered = archive.story_analyses("s1")
        assert [a.article.id for a in ordered] == [analysis.article.id, later.article.id]
        second = compose_story_brief(ordered)
        assert archive.save_story_brief("s1", second) == 2
        previous = archive.get_brief("story", "s1", version=1)
        new_items = whats_new(second, previous)
        assert new_items and {i.evidence.article_id for i in new_items} == {later.article.id}
        assert whats_new(second, None) == ()
        row = archive.get_story("s1")
        assert row is not None
        assert (row.title, row.article_count) == (analysis.article.title, 2)
        assert row.last_published == datetime(2024, 6, 21, tzinfo=UTC)
        assert [s.id for s in archive.stories(since=datetime(2024, 6, 15, tzinfo=UTC))] == ["s1"]
        assert archive.stories(since=datetime(2024, 7, 1, tzinfo=UTC)) == []


def test_feed_state_and_entries(archive_target: Path | str) -> None:
    url = "https://news.example/feed.xml"
    with Archive.open(archive_target) as archive:
        assert archive.feed_state(url) == FeedState(url=url)
        archive.save_feed_state(FeedState(url=url, etag='"abc"', last_modified="Mon", failures=2))
        state = archive.feed_state(url)
        assert (state.etag, state.last_modified, state.failures) == ('"abc"', "Mon", 2)
        assert state.last_polled is not None
        assert not archive.entry_done(url, "e1")
        for _ in range(MAX_ATTEMPTS - 1):
            archive.mark_entry(url, "e1", "failed", detail="HTTP 500")
            assert not archive.entry_done(url, "e1")  # retried on the next poll
        archive.mark_entry(url, "e1", "failed", detail="HTTP 500")
        assert archive.entry_done(url, "e1")  # given up after MAX_ATTEMPTS
        archive.mark_entry(url, "e2", "ingested", article_id="x")
        assert archive.entry_done(url, "e2")
        assert archive.feed_entry_count(url) == 2
        assert archive.feed_entry_count(url, "failed") == 1


# --------------------------------------------------------------------------- story threads

FERRY = [
    "The Lindmark ferry Aurelia ran aground off Tiv island on Monday with 212 passengers on "
    "board. Captain Joris Helder said the hull was intact and nobody was hurt.",
    "Tugs pulled the Aurelia free off Tiv island on Tuesday, a day after the Lindmark ferry "
    "ran aground with 212 passengers. Joris Helder thanked the Tiv rescue crews.",
    "Investigators boarded the Aurelia, the Lindmark ferry that ran aground off Tiv, and "
    "questioned captain Joris Helder about the route the ship took.",
]
ORCHARD = (
    "Frost destroyed most of the cherry blossom in the Pellow valley orchards overnight, "
    "growers' association chair Wen Saragh said. Saragh expects the harvest to halve."
)


def _stored(archive: Archive, text: str, day: int) -> Analysis:
    art = article_from_text(text, title=text[:40], published=datetime(2024, 5, day, tzinfo=UTC))
    analysis = Analysis(article=art, sentences=())
    archive.save(analysis)
    return analysis


def test_merged_story_redirects_to_the_survivor(archive_target: Path | str) -> None:
    """Two ferry stories exist (a run whose bars nothing cleared); the next article's local
    re-clustering merges them: the oldest survives and the other id leads to it everywhere
    the archive takes a story id."""
    with Archive.open(archive_target) as archive:
        ferry = [_stored(archive, text, 6 + i) for i, text in enumerate(FERRY)]
        orchard = _stored(archive, ORCHARD, 7)
        apart = StoryThreads(archive, settings=ClusterSettings(threshold=2.0, link_threshold=2.0))
        for analysis in (ferry[0], orchard, ferry[1]):
            apart.assign(analysis.article)
        first, second = (story_id_for(a.article.id) for a in ferry[:2])
        assert archive.story_of(ferry[1].article.id) == second
        version = archive.save_story_brief(second, compose_story_brief([ferry[1]]))

        StoryThreads(archive).assign(ferry[2].article)
        rows = archive.stories()
        assert sorted(r.article_count for r in rows) == [1, 3]
        assert {r.id for r in rows} == {first, story_id_for(orchard.article.id)}
        assert archive.resolve_story(second) == first
        assert archive.story_of(ferry[1].article.id) == first
        row = archive.get_story(second)
        assert row is not None and row.id == first and row.article_count == 3
        assert row.title == ferry[0].article.title
        assert [a.article.id for a in archive.story_analyses(second)] == [
            a.article.id for a in ferry
        ]
        brief = compose_story_brief(archive.story_analyses(first))
        assert archive.save_story_brief(second, brief) == 1  # the survivor's first version
        assert archive.brief_versions("story", second) == [1]
        assert archive.get_brief("story", first) is not None
        assert version == 1 and archive.resolve_story("s-unknown") == "s-unknown"


def test_threads_resume_from_the_archive(archive_target: Path | str) -> None:
    """A fresh StoryThreads (another process) continues exactly where the last one stopped:
    same stories, same document frequencies, whether or not the df table was flushed."""
    texts = [*FERRY, ORCHARD, FERRY[0] + " The company apologised.", ORCHARD + " Prices rose."]
    with Archive.open(archive_target) as archive:
        stored = [_stored(archive, text, 6 + i) for i, text in enumerate(texts)]
        for i, analysis in enumerate(stored):
            StoryThreads(archive, flush_every=4).assign(analysis.article)  # reloads each time
            if i == 2:
                assert archive._conn.execute("SELECT COUNT(*) FROM cluster_log").fetchone()[0]
        reference = StoryAssigner()
        membership = Membership()
        for analysis in stored:
            art = analysis.article
            reference.assign(art.id, art.text, art.title, art.published)
            membership.apply(reference.drain())
        for analysis in stored:
            assert archive.story_of(analysis.article.id) == membership.story_of[analysis.article.id]
        saved = archive.load_cluster_state()
        assert saved is not None and saved.stats["n_docs"] == len(texts)
        resumed = StoryThreads(archive)._current()
        assert dict(resumed.df) == reference.df
        assert set(resumed.stories) == set(reference.stories)
