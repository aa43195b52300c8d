"""The archive's arc side: story arcs (developments grouped into long-running stories), the
development → arc links, and the arc assigner's persisted state (migration 5)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsbrief.models import Analysis
from newsbrief.store import codec
from newsbrief.store.queries import title_sources
from newsbrief.store.records import StoryRow
from newsbrief.store.stories import StoriesMixin
from newsbrief.stories.titles import LEAD_CHARS, story_title

# one row per live arc: its developments, articles, span (the title is chosen apart)
_ARC_ROWS = """
SELECT r.id, NULL,
       COUNT(DISTINCT sa.story_id), COUNT(sa.article_id),
       MIN(a.published), MAX(a.published), r.updated_at
FROM arcs r
JOIN story_arcs l ON l.arc_id = r.id
JOIN story_articles sa ON sa.story_id = l.story_id
JOIN articles a ON a.id = sa.article_id
WHERE r.merged_into IS NULL
"""


@dataclass(frozen=True)
class ArcRow:
    """One story arc, as listed by ``newsbrief arcs`` and the API."""

    id: str
    title: str | None
    development_count: int  # story threads in the arc (with at least one article)
    article_count: int
    first_published: datetime | None
    last_published: datetime | None
    updated_at: datetime


@dataclass(frozen=True)
class SavedArcState:
    """What :meth:`ArcsMixin.save_arc_state` wrote: counters, live arcs' states, links."""

    stats: dict[str, Any]
    arcs: list[dict[str, Any]]
    links: list[tuple[str, str]]


class ArcsMixin(StoriesMixin):
    # ------------------------------------------------------------------ assigner state

    def arc_token(self) -> str | None:
        """Changes on every committed update of the arc state (detects other writers)."""
        return self._meta_token("arc_meta")

    def save_arc_state(
        self,
        stats: Mapping[str, Any],
        arcs: Mapping[str, Mapping[str, Any]],
        *,
        links: Mapping[str, str],
        unlinked: Iterable[str] = (),
        merged: Mapping[str, str] | None = None,
    ) -> str:
        """Persist the arc assigner: its counters, and what :meth:`save_arc_changes` writes.
        Returns the new token."""
        with self.transaction() as conn:
            token = self._write_meta(conn, "arc_meta", stats)
            self.save_arc_changes(arcs, links=links, unlinked=unlinked, merged=merged)
        return token

    def save_arc_changes(
        self,
        arcs: Mapping[str, Mapping[str, Any]],
        *,
        links: Mapping[str, str],
        unlinked: Iterable[str] = (),
        merged: Mapping[str, str] | None = None,
    ) -> None:
        """Write the states of arcs (``arcs``: id -> state), the development → arc links made
        (``links``) or dropped (``unlinked``: developments merged away) and the arc merges
        (old → survivor: its developments move, it and whatever redirected to it redirect to
        the survivor), in that order after the merges; the counters and token are left as
        they are."""
        now = codec.now()
        with self.transaction() as conn:
            for old, new in (merged or {}).items():
                conn.execute("UPDATE story_arcs SET arc_id = ? WHERE arc_id = ?", (new, old))
                for key in ("merged_into", "id"):  # two index lookups, not an OR (_copies_of)
                    conn.execute(
                        f"UPDATE arcs SET merged_into = ?, updated_at = ? WHERE {key} = ?",
                        (new, now, old),
                    )
                conn.execute("UPDATE arcs SET state = NULL WHERE id = ?", (old,))
            conn.executemany(
                "INSERT INTO arcs (id, state, created_at, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET state = excluded.state, merged_into = NULL,"
                " updated_at = excluded.updated_at",
                [(aid, json.dumps(dict(state)), now, now) for aid, state in arcs.items()],
            )
            conn.executemany(
                "DELETE FROM story_arcs WHERE story_id = ?", [(sid,) for sid in unlinked]
            )
            conn.executemany(
                "INSERT INTO story_arcs (story_id, arc_id) VALUES (?, ?)"
                " ON CONFLICT (story_id) DO UPDATE SET arc_id = excluded.arc_id",
                sorted(links.items()),
            )

    def load_arc_state(self) -> SavedArcState | None:
        """Everything :meth:`save_arc_state` wrote; None when nothing was ever saved."""
        meta = self._scalar("SELECT value FROM arc_meta WHERE key = 'stats'")
        if meta is None:
            return None
        arcs = [
            json.loads(r[0])
            for r in self._conn.execute(
                "SELECT state FROM arcs WHERE state IS NOT NULL AND merged_into IS NULL"
            )
        ]
        links = [
            (str(r[0]), str(r[1]))
            for r in self._conn.execute("SELECT story_id, arc_id FROM story_arcs")
        ]
        return SavedArcState(json.loads(str(meta)), arcs, links)

    # ------------------------------------------------------------------ queries

    def resolve_arc(self, arc_id: str) -> str:
        """The id an arc goes by now: itself, or the arc it was merged into."""
        value = self._scalar("SELECT merged_into FROM arcs WHERE id = ?", (arc_id,))
        return arc_id if value is None else str(value)

    def arc_of_story(self, story_id: str) -> str | None:
        """The arc of a development (a merged-away story id gives its survivor's arc)."""
        return self._text_scalar(
            "SELECT arc_id FROM story_arcs WHERE story_id = ?", (self.resolve_story(story_id),)
        )

    def arcs_of_stories(self, story_ids: Sequence[str]) -> dict[str, str]:
        """Story id → arc id, for the given (live) story ids that have one."""
        out: dict[str, str] = {}
        ids = list(story_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT story_id, arc_id FROM story_arcs WHERE story_id IN ({marks})", chunk
            )
            out.update((str(r[0]), str(r[1])) for r in rows)
        return out

    def arcs(self, *, limit: int | None = None, offset: int = 0) -> list[ArcRow]:
        """Live arcs, latest development first."""
        sql = _ARC_ROWS + " GROUP BY r.id ORDER BY COALESCE(MAX(a.published), r.updated_at) DESC"
        sql += ", r.id LIMIT ? OFFSET ?"
        rows = self._conn.execute(sql, (-1 if limit is None else limit, offset)).fetchall()
        return self._arc_rows(rows)

    def _arc_rows(self, rows: Sequence[Sequence[Any]]) -> list[ArcRow]:
        """Rows of ``_ARC_ROWS``, each with its title."""
        titles = self.arc_titles([str(r[0]) for r in rows])
        return [_arc_row(row, titles.get(str(row[0]))) for row in rows]

    def arc_titles(self, arc_ids: Sequence[str]) -> dict[str, str]:
        """Each arc's title: chosen over all its articles the way a story's is (the most
        representative headline, see :func:`newsbrief.stories.titles.story_title`)."""
        select = (
            f"SELECT l.arc_id, a.id, a.title, substr(a.text, 1, {LEAD_CHARS}), a.published"
            " FROM story_arcs l JOIN story_articles sa ON sa.story_id = l.story_id"
            " JOIN articles a ON a.id = sa.article_id"
        )
        sources = title_sources(
            self._conn, arc_ids, select, key="l.arc_id", chunk=200, when=codec.parse_utc_key
        )
        return {aid: story_title(found) for aid, found in sources.items() if found}

    def arc_count(self) -> int:
        value = self._scalar(
            "SELECT COUNT(DISTINCT r.id) FROM arcs r JOIN story_arcs l ON l.arc_id = r.id"
            " JOIN story_articles sa ON sa.story_id = l.story_id WHERE r.merged_into IS NULL"
        )
        return int(value) if isinstance(value, int) else 0

    def get_arc(self, arc_id: str) -> ArcRow | None:
        """An arc (a merged-away id gives the arc it was merged into, under that id)."""
        row = self._conn.execute(
            _ARC_ROWS + " AND r.id = ? GROUP BY r.id", (self.resolve_arc(arc_id),)
        ).fetchone()
        return self._arc_rows([row])[0] if row else None

    def arc_story_ids(self, arc_id: str) -> list[str]:
        """The arc's developments, the one whose first article came first leading."""
        rows = self._conn.execute(
            "SELECT l.story_id FROM story_arcs l JOIN story_articles sa ON sa.story_id ="
            " l.story_id JOIN articles a ON a.id = sa.article_id WHERE l.arc_id = ?"
            " GROUP BY l.story_id ORDER BY MIN(COALESCE(a.published, sa.added_at)), l.story_id",
            (self.resolve_arc(arc_id),),
        )
        return [str(r[0]) for r in rows]

    def arc_developments(self, arc_id: str) -> list[StoryRow]:
        """The arc's developments as listed, earliest first."""
        rows = (self.get_story(sid) for sid in self.arc_story_ids(arc_id))
        return [r for r in rows if r is not None]

    def arc_analyses(self, arc_id: str) -> list[Analysis]:
        """The stored analyses of every article of the arc, oldest first."""
        out = [a for sid in self.arc_story_ids(arc_id) for a in self.story_analyses(sid)]
        out.sort(key=lambda a: (a.article.published is None, a.article.published))
        return out

    def arc_history(self, story_id: str, *, limit: int = 40) -> list[Analysis]:
        """Analyses from the earlier developments of the story's arc, published before the
        story's first article: the ``limit`` latest, oldest first (what the Story So Far of a
        development draws on besides its own articles)."""
        story_id = self.resolve_story(story_id)
        arc_id = self.arc_of_story(story_id)
        if arc_id is None:
            return []
        start = self._scalar(
            "SELECT MIN(a.published) FROM story_articles sa JOIN articles a ON a.id ="
            " sa.article_id WHERE sa.story_id = ?",
            (story_id,),
        )
        if start is None:
            return []
        rows = self._conn.execute(
            "SELECT a.id FROM story_arcs l JOIN story_articles sa ON sa.story_id = l.story_id"
            " JOIN articles a ON a.id = sa.article_id JOIN analyses n ON n.article_id = a.id"
            " WHERE l.arc_id = ? AND l.story_id != ? AND a.published < ?"
            " ORDER BY a.published DESC LIMIT ?",
            (arc_id, story_id, start, limit),
        )
        analyses = [self._analysis(str(r[0])) for r in rows]
        return [a for a in reversed(analyses) if a is not None]


def _arc_row(row: Sequence[Any], title: str | None) -> ArcRow:
    return ArcRow(
        id=str(row[0]),
        title=title,
        development_count=int(row[2]),
        article_count=int(row[3]),
        first_published=codec.parse_utc_key(row[4]),
        last_published=codec.parse_utc_key(row[5]),
        updated_at=datetime.fromisoformat(str(row[6])),
    )
