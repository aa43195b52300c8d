"""Sentence roles: what each sentence does in the story.

Takes the parse, the ``Sentence`` records, the time expressions and attributions; gives the
sentences back with a ``role`` (``main_event``, ``consequence``, ``significance``, ``context``,
``reaction``, ``forward_looking`` or ``detail``) and a score for each role. Compose reads them
for the summary, Why This Matters and the subheads.

- ``assign``: scoring and the choice of role.
- ``clause``: what the parse says about a sentence (tense, modality, quotes, embedding).
- ``cues``: the cue phrases of each role.
"""

from newsbrief.analyze.roles.assign import ROLES, assign_roles

__all__ = ["ROLES", "assign_roles"]
