"""The archive's feed side: conditional-request state per feed and the entries already seen."""

from __future__ import annotations

from newsbrief.store import codec
from newsbrief.store.base import ArchiveBase
from newsbrief.store.records import FeedState

MAX_ATTEMPTS = 3  # a failing entry is retried on this many polls, then left alone


class FeedsMixin(ArchiveBase):
    def feed_state(self, url: str) -> FeedState:
        """What the last poll of ``url`` left (an empty state for a feed never polled)."""
        row = self._conn.execute(
            "SELECT title, etag, last_modified, last_polled, last_status, failures FROM feeds"
            " WHERE url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return FeedState(url=url)
        return FeedState(
            url=url,
            title=row[0],
            etag=row[1],
            last_modified=row[2],
            last_polled=codec.parse_iso(row[3]),
            last_status=row[4],
            failures=int(row[5]),
        )

    def save_feed_state(self, state: FeedState) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO feeds (url, title, etag, last_modified, last_polled,"
                " last_status, failures) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (url) DO UPDATE SET title = excluded.title, etag = excluded.etag,"
                " last_modified = excluded.last_modified, last_polled = excluded.last_polled,"
                " last_status = excluded.last_status, failures = excluded.failures",
                (
                    state.url,
                    state.title,
                    state.etag,
                    state.last_modified,
                    codec.now(),
                    state.last_status,
                    state.failures,
                ),
            )

    def entry_done(self, feed_url: str, entry_key: str) -> bool:
        """True when the entry was ingested (or found a duplicate), or failed too often."""
        row = self._conn.execute(
            "SELECT status, attempts FROM feed_entries WHERE feed_url = ? AND entry_key = ?",
            (feed_url, entry_key),
        ).fetchone()
        if row is None:
            return False
        return row[0] != "failed" or int(row[1]) >= MAX_ATTEMPTS

    def mark_entry(
        self,
        feed_url: str,
        entry_key: str,
        status: str,
        *,
        article_id: str | None = None,
        detail: str | None = None,
    ) -> None:
        """Record the outcome of an entry; call it in the transaction that stored the article."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO feed_entries (feed_url, entry_key, status, article_id, detail,"
                " seen_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (feed_url, entry_key) DO UPDATE SET status = excluded.status,"
                " article_id = excluded.article_id, detail = excluded.detail,"
                " seen_at = excluded.seen_at, attempts = feed_entries.attempts + 1",
                (feed_url, entry_key, status, article_id, detail, codec.now()),
            )

    def feed_entry_count(self, feed_url: str, status: str | None = None) -> int:
        sql = "SELECT COUNT(*) FROM feed_entries WHERE feed_url = ?"
        params: tuple[object, ...] = (feed_url,)
        if status is not None:
            sql += " AND status = ?"
            params += (status,)
        return int(self._conn.execute(sql, params).fetchone()[0])
