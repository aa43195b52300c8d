"""Time: TimeML time expressions normalized against the publication date, and dated events.

Takes the parse, the publication date (document creation time, DCT) and the ``Sentence``
records; gives ``TimeExpr`` records (extent, type, TimeML value) and, with the actors, ``Event``
records (the verbatim clause each date dates) for "The Story So Far".

- ``timex``: the entry point of the grammar: candidate spans, overlaps, normalization in order.
- ``rules`` (the grammar's core), ``calendar`` (quarters, seasons, holidays, clock times) and
  ``relative`` (deictic words, "last/next", weekdays, "ago", anaphora) propose and normalize.
- ``resolve``: anchoring on the DCT, on the last mentioned date and on tense.
- ``points``: calendar points at a granularity and their TimeML values; ``lexicon``: word tables.
- ``events`` and ``clauses``: the dated clauses cut out of the parse; ``nonevents``: the dates
  in a clause that do not date it (a comparison's base, a name, a contest still to come).
- ``current``: today's development, the lead event; ``eventive``: whether an undated lead
  reports an event at all, or background and comment that no day should claim.
"""

from newsbrief.analyze.time.events import find_events
from newsbrief.analyze.time.timex import find_timexes

__all__ = ["find_events", "find_timexes"]
