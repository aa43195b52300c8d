"""Actors: every mention of a person, organization, country, group or outlet, resolved to one actor.

Takes the parse (``Doc``), the ``Article`` and its ``Sentence`` records; gives an
:class:`ActorIndex` (the ``Actor`` records plus a token → actor lookup that attribution and events
use). Rules only, no coreference model.

- ``resolve``: the one pass over the tokens (entities, titles, appositions, pronouns, groups).
- ``extents``: where an entity's words begin and end when the model cut a name short ("House"
  of "House Freedom Caucus"), cut it at "and", or ran it into a dateline.
- ``bodies``: public bodies the model named in part or not at all ("the U.S. embassy in
  Afghanistan", "the U.S. Attorney’s Office …"), organizations of their own, not the place.
- ``index``: the finished :class:`ActorIndex` and its span → actor lookup.
- ``draft``: the mutable drafts and resolver state that pass drives.
- ``names``: word lists (titles, honorifics, media and organization words, demonyms, capitals).
- ``gender``: what the article shows of a person's gender (first names, "a mother of two",
  "the woman"), so that "he" and "she" go to someone they can stand for.
"""

from newsbrief.analyze.actors.index import ActorIndex
from newsbrief.analyze.actors.resolve import resolve_actors

__all__ = ["ActorIndex", "resolve_actors"]
