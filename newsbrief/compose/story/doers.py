"""Who did what on one day: when a second timeline line on a date is another development.

A story timeline shows one line per date, but a day may carry two developments: a court's ruling
and a justice's dissent from it, a strike and the ministry's answer. One event told by several
outlets must still be one line, and outlets tell it in other words and under other names ("the
court denied the appeal", "Republicans lost their appeal", "the Trump administration said it
supports the ruling", "the Justice Department is siding with the ruling"). So a second line
needs all of:

- a doer: the clause's grammatical subject is a named person, body or country (not "It is a
  truism that America …", not "Two Pennsylvania judges", not "a tally by Johns Hopkins
  University": see ``newsbrief.analyze.time.current.clause_subject``);
- another doer: none of the actors of the date's first line (the dissenter is not in the
  ruling's clause, while "Republicans" are in "denied an appeal from Republicans");
- other words: under a third of its words shared with the first line, its date's words aside.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from newsbrief.analyze.actors import names
from newsbrief.compose.courts import as_named
from newsbrief.compose.trim import content_words, overlap
from newsbrief.models import Actor, Analysis, Event

__all__ = ["another_development"]

# who may make a development of their own: not "tenants" or "Republicans" (a group is often the
# other side of the first line's event: "tenants lost their fight"), not an outlet reporting it
DOERS = frozenset({"person", "organization", "country"})
OTHER_WORDS = 0.3  # a second line shares less than this of its words with the first
Member = tuple[int, Event]  # (index of the analysis, an event of it)


def another_development(
    candidate: Iterable[Member],
    date_lines: Iterable[Iterable[Member]],
    analyses: Sequence[Analysis],
    courts: dict[str, Actor],
) -> bool:
    """Whether ``candidate`` (one event as told by one or more articles) is another
    development than the ``date_lines`` kept on its date (``courts``: the story's courts
    named by rank, see ``newsbrief.compose.courts``, so "Vermont's highest court" is the
    "Vermont Supreme Court" of another outlet)."""
    members = list(candidate)
    doers = {d for i, e in members if (d := _doer(analyses[i], e, courts)) is not None}
    if not doers:
        return False
    kept = [m for line in date_lines for m in line]
    theirs = {_name_key(n) for i, e in kept for n in _actor_names(analyses[i], e, courts)}
    if any(_same_actor(_name_key(d), t) for d in doers for t in theirs):
        return False
    return all(overlap(_words(e), _words(k)) < OTHER_WORDS for _, e in members for _, k in kept)


def _doer(analysis: Analysis, event: Event, courts: dict[str, Actor]) -> str | None:
    """The name of the clause's subject when it is an actor of ``DOERS``."""
    actor = next((a for a in analysis.actors if a.id == event.subject_id), None)
    if actor is None:
        return None
    shown = as_named(actor, courts)
    return shown.name if shown.kind in DOERS else None


def _actor_names(analysis: Analysis, event: Event, courts: dict[str, Actor]) -> list[str]:
    by_id = {a.id: a for a in analysis.actors}
    return [as_named(by_id[i], courts).name for i in event.actor_ids if i in by_id]


def _words(event: Event) -> set[str]:
    """The clause's content words but its date's ("Monday" says nothing of what happened)."""
    date = content_words(event.timex.text) if event.timex is not None else set()
    return content_words(event.predicate) - date


def _name_key(name: str) -> str:
    """ "The U.S. Supreme Court’s" and "Supreme Court" are one key."""
    return " ".join(names.without_nation(names.clean_name(name)).lower().split())


def _same_actor(a: str, b: str) -> bool:
    """The same name, or a surname of the other's full name ("Thomas", "Clarence Thomas")."""
    if a == b:
        return True
    short, full = sorted((a, b), key=len)
    return " " not in short and full.split()[-1:] == [short]
