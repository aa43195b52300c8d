"""The archive's story side: outlets and syndicated copies, story threads, the story
assigner's persisted state, and per-story brief versions (the dedupe signatures are in
``signatures``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from newsbrief.models import Analysis, Article
from newsbrief.store import codec
from newsbrief.store.listing import StoryListingMixin
from newsbrief.store.queries import ArticleRow, story_articles
from newsbrief.store.records import CopyKind, OutletRun


class StoriesMixin(StoryListingMixin):
    # ------------------------------------------------------------------ outlets and copies

    def _insert_outlet(
        self, article_id: str, run: Article, kind: CopyKind, sim: float, *, count: bool = True
    ) -> bool:
        """Record an outlet's run of the text; True when the row is new (``count=False``: not
        asked, nothing waits for the server)."""
        cur = self._conn.execute(
            "INSERT INTO article_outlets (article_id, copy_id, outlet, url, title,"
            " published, kind, similarity, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (
                article_id,
                run.id,
                run.outlet or "",
                run.url,
                run.title,
                codec.utc_key(run.published),
                kind,
                sim,
                codec.now(),
            ),
        )
        return cur.rowcount == 1 if count else True

    def add_copy(self, article_id: str, copy: Article, kind: CopyKind, similarity: float) -> bool:
        """Record that ``copy`` (another outlet's run of the text) duplicates ``article_id``.

        The earliest published run is credited as the original. Returns False when this copy
        from this outlet was already recorded.
        """
        with self.transaction() as conn:
            added = self._insert_outlet(article_id, copy, kind, similarity)
            if added:
                runs = self.outlets(article_id)
                original = next((r.outlet for r in runs if r.is_original), None)
                conn.execute(
                    "UPDATE articles SET original_outlet = ? WHERE id = ?", (original, article_id)
                )
            return added

    def outlets(self, article_id: str) -> list[OutletRun]:
        """Every outlet that ran the article's text, earliest published first (the original)."""
        rows = self._conn.execute(
            "SELECT outlet, url, title, published, kind, similarity FROM article_outlets"
            " WHERE article_id = ? ORDER BY published IS NULL, published, added_at",
            (article_id,),
        ).fetchall()
        return [
            OutletRun(
                outlet=row[0] or None,
                url=row[1],
                title=row[2],
                published=codec.parse_utc_key(row[3]),
                kind=row[4],
                similarity=float(row[5]),
                is_original=i == 0,
            )
            for i, row in enumerate(rows)
        ]

    def find_copy(self, copy_id: str, outlet: str | None) -> str | None:
        """The article under which this exact run (text id and outlet) was recorded, if any."""
        return self._text_scalar(
            "SELECT article_id FROM article_outlets WHERE copy_id = ? AND outlet = ? LIMIT 1",
            (copy_id, outlet or ""),
        )

    # ------------------------------------------------------------------ story threads

    def add_to_story(self, article_id: str, story_id: str, title: str | None = None) -> None:
        """Make ``article_id`` a member of ``story_id`` (creating the story when new)."""
        now = codec.now()
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO stories (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at,"
                " title = COALESCE(stories.title, excluded.title)",
                (story_id, title, now, now),
            )
            conn.execute(
                "INSERT INTO story_articles (article_id, story_id, added_at) VALUES (?, ?, ?)"
                " ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id,"
                " added_at = excluded.added_at",
                (article_id, story_id, now),
            )

    def story_of(self, article_id: str) -> str | None:
        return self._text_scalar(
            "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
        )

    def story_article_ids(self, story_id: str) -> list[str]:
        """The story's articles, oldest published first (undated ones by ingest order)."""
        story_id = self.resolve_story(story_id)
        rows = self._conn.execute(
            "SELECT sa.article_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " WHERE sa.story_id = ? ORDER BY a.published IS NULL, a.published, sa.added_at",
            (story_id,),
        )
        return [str(r[0]) for r in rows]

    def story_article_rows(self, story_id: str) -> list[ArticleRow]:
        """The story's articles as listed (titles as a reader sees them), oldest first."""
        return story_articles(self._conn, story_id)

    def story_analyses(self, story_id: str) -> list[Analysis]:
        """The stored analyses of a story's articles, oldest first (unanalyzed ones skipped)."""
        analyses = (self._analysis(aid) for aid in self.story_article_ids(story_id))
        return [a for a in analyses if a is not None]

    def _analysis(self, article_id: str) -> Analysis | None:
        row = self._conn.execute(
            "SELECT a.record, n.record FROM articles a JOIN analyses n ON n.article_id = a.id"
            " WHERE a.id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        data = json.loads(row[1])
        data["article"] = json.loads(row[0])
        return Analysis.model_validate(data)

    # ------------------------------------------------------------------ story briefs

    def new_since_last_brief(self, story_id: str) -> list[str]:
        """The story's articles that its latest stored brief did not cover (all when none)."""
        story_id = self.resolve_story(story_id)
        latest = self._scalar(
            "SELECT article_ids FROM briefs WHERE subject = 'story' AND subject_id = ?"
            " ORDER BY version DESC LIMIT 1",
            (story_id,),
        )
        covered = set(json.loads(str(latest))) if latest is not None else set()
        return [aid for aid in self.story_article_ids(story_id) if aid not in covered]

    # ------------------------------------------------------------------ assigner state

    def cluster_token(self) -> str | None:
        """Changes on every committed update of the assigner state (detects other writers)."""
        return self._meta_token("cluster_meta")

    def save_cluster_state(
        self,
        meta: dict[str, Any],
        stories: Mapping[str, dict[str, Any]],
        members: Mapping[int, dict[str, Any]],
        *,
        cores: Mapping[str, dict[str, Any]] | None = None,
        dropped: Iterable[int] = (),
    ) -> str:
        """Persist the assigner: its counters (``meta``: its stats without ``df``) and what
        :meth:`save_cluster_changes` writes. Returns the new token."""
        with self.transaction() as conn:
            token = self._write_meta(conn, "cluster_meta", meta)
            self.save_cluster_changes(stories, members, cores=cores, dropped=dropped)
        return token

    def save_cluster_changes(
        self,
        stories: Mapping[str, dict[str, Any]],
        members: Mapping[int, dict[str, Any]],
        *,
        cores: Mapping[str, dict[str, Any]] | None = None,
        dropped: Iterable[int] = (),
    ) -> None:
        """Write the states of stories, story cores and members, and delete the members folded
        away (``dropped``); the counters and token are left as they are. A story whose state is
        written exists (again): it redirects nowhere, and a new one takes its founder article's
        title."""
        now = codec.now()
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO stories (id, title, state, created_at, updated_at)"
                " VALUES (?, (SELECT title FROM articles WHERE id = ?), ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET state = excluded.state, merged_into = NULL,"
                " title = COALESCE(stories.title, excluded.title)",
                [
                    (sid, state.get("founder_id"), json.dumps(state), now, now)
                    for sid, state in stories.items()
                ],
            )
            conn.executemany(
                "UPDATE stories SET core = ? WHERE id = ?",
                [(json.dumps(core), sid) for sid, core in (cores or {}).items()],
            )
            conn.executemany(
                "INSERT INTO cluster_members (seq, article_id, story_id, state) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (seq) DO UPDATE SET article_id = excluded.article_id,"
                " story_id = excluded.story_id, state = excluded.state",
                [
                    (seq, state["article_id"], state["story"], json.dumps(state))
                    for seq, state in members.items()
                ],
            )
            conn.executemany("DELETE FROM cluster_members WHERE seq = ?", [(s,) for s in dropped])

    def log_cluster_terms(self, entries: Iterable[tuple[int, Iterable[str]]]) -> None:
        """Record the terms articles added to the document frequencies (until flushed): one
        ``(n_docs, terms)`` entry per article."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO cluster_log (seq, terms) VALUES (?, ?)"
                " ON CONFLICT (seq) DO UPDATE SET terms = excluded.terms",
                [(seq, json.dumps(sorted(terms))) for seq, terms in entries],
            )

    def flush_cluster_df(self, df: Mapping[str, int], *, full: bool = False) -> None:
        """Write document frequencies (all of them when ``full``) and empty the term log."""
        with self.transaction() as conn:
            if full:
                conn.execute("DELETE FROM cluster_df")
            conn.executemany(
                "INSERT INTO cluster_df (term, n) VALUES (?, ?)"
                " ON CONFLICT (term) DO UPDATE SET n = excluded.n",
                sorted(df.items()),
            )
            conn.execute("DELETE FROM cluster_log")

    def load_cluster_state(self) -> SavedClusterState | None:
        """Everything :meth:`save_cluster_state` and the two methods above wrote; None when
        nothing was ever saved."""
        meta = self._scalar("SELECT value FROM cluster_meta WHERE key = 'stats'")
        if meta is None:
            return None
        stats: dict[str, Any] = json.loads(str(meta))
        stats["df"] = {
            str(t): int(n) for t, n in self._conn.execute("SELECT term, n FROM cluster_df")
        }
        log = [
            (int(r[0]), [str(t) for t in json.loads(r[1])])
            for r in self._conn.execute("SELECT seq, terms FROM cluster_log ORDER BY seq")
        ]
        stories = [
            {**json.loads(r[0]), "core": json.loads(r[1]) if r[1] else {}}
            for r in self._conn.execute(
                "SELECT state, core FROM stories WHERE state IS NOT NULL AND merged_into IS NULL"
            )
        ]
        members = [
            json.loads(r[0]) for r in self._conn.execute("SELECT state FROM cluster_members")
        ]
        return SavedClusterState(stats, log, stories, members)

    def merge_stories(self, merged: Mapping[str, str]) -> None:
        """Story ``old`` was merged into ``new`` (for each pair): its articles move, it (and
        whatever redirected to it) redirects to ``new``."""
        with self.transaction() as conn:
            for old, new in merged.items():
                conn.execute(
                    "UPDATE story_articles SET story_id = ? WHERE story_id = ?", (new, old)
                )
                for key in ("merged_into", "id"):  # two index lookups, not an OR (_copies_of)
                    conn.execute(f"UPDATE stories SET merged_into = ? WHERE {key} = ?", (new, old))
                conn.execute("UPDATE stories SET state = NULL, core = NULL WHERE id = ?", (old,))

    def move_to_stories(self, moved: Mapping[str, str], *, touch: bool = True) -> None:
        """Put each article in its story (new members, or members re-clustering moved); with
        ``touch``, mark those stories updated now (else see :meth:`touch_stories`)."""
        now = codec.now()
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO story_articles (article_id, story_id, added_at) VALUES (?, ?, ?)"
                " ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id",
                [(aid, sid, now) for aid, sid in moved.items()],
            )
            if touch:
                self.touch_stories(set(moved.values()))

    def touch_stories(self, story_ids: Iterable[str]) -> None:
        """Mark these stories updated now."""
        now = codec.now()
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE stories SET updated_at = ? WHERE id = ?",
                [(now, sid) for sid in sorted(story_ids)],
            )


@dataclass(frozen=True)
class SavedClusterState:
    """The assigner's saved state: stats (``df`` as last flushed), the term log since, the
    live stories' states (each with its core under ``"core"``) and the members' states."""

    stats: dict[str, Any]
    log: list[tuple[int, list[str]]]
    stories: list[dict[str, Any]]
    members: list[dict[str, Any]]
