"""What the story assigner changed, for whoever keeps the membership (the archive, or memory).

After each article the assigner's :class:`Journal` says which articles now belong to which
story (the new one, and any that local re-clustering moved), which stories were merged into
which, and which parts of its own state to write. :class:`Membership` applies journals to an
in-memory article → story map exactly as :class:`~newsbrief.stories.StoryThreads` applies
them to the archive: merges first (every member of the merged story follows it), then moves.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def redirect(targets: dict[str, str], old: str, new: str) -> None:
    """Every key of ``targets`` that pointed to ``old`` points to ``new`` now."""
    for key, target in targets.items():
        if target == old:
            targets[key] = new


@dataclass
class Journal:
    """Changes since the assigner's journal was last drained."""

    moved: dict[str, str] = field(default_factory=dict)  # article id -> its story now
    merged: dict[str, str] = field(default_factory=dict)  # story id -> the story it joined
    stories: set[str] = field(default_factory=set)  # stories whose state changed (or new)
    cores: set[str] = field(default_factory=set)  # stories whose core changed
    members: set[int] = field(default_factory=set)  # member states to write (by arrival)
    dropped: set[int] = field(default_factory=set)  # member states to delete (by arrival)

    def record_merge(self, old: str, survivor: str) -> None:
        """``old`` now redirects to ``survivor`` (and so does whatever redirected to ``old``)."""
        redirect(self.merged, old, survivor)
        self.merged[old] = survivor
        self.stories.discard(old)
        self.cores.discard(old)

    def record_story(self, story_id: str) -> None:
        """``story_id`` exists (again): its state is to be written and it redirects nowhere."""
        self.stories.add(story_id)
        self.merged.pop(story_id, None)


class Membership:
    """Article → story, kept up to date from the assigner's journals (used by the scorers)."""

    def __init__(self) -> None:
        self.story_of: dict[str, str] = {}
        self._members: dict[str, set[str]] = {}
        self.redirects: dict[str, str] = {}

    def apply(self, journal: Journal) -> None:
        for old, survivor in journal.merged.items():
            for article_id in self._members.pop(old, set()):
                self._move(article_id, survivor)
            for key, target in self.redirects.items():
                if target == old:
                    self.redirects[key] = survivor
            self.redirects[old] = survivor
        for story_id in journal.stories:
            self.redirects.pop(story_id, None)
        for article_id, story_id in journal.moved.items():
            self._move(article_id, story_id)

    def _move(self, article_id: str, story_id: str) -> None:
        before = self.story_of.get(article_id)
        if before is not None:
            self._members.get(before, set()).discard(article_id)
        self.story_of[article_id] = story_id
        self._members.setdefault(story_id, set()).add(article_id)

    def resolve(self, story_id: str) -> str:
        """The story an id stands for now (following merges)."""
        return self.redirects.get(story_id, story_id)
