"""Attribution: who said (or thought, or reported) what, through which channel.

Takes the parse, the ``Article``, its ``Sentence`` records and the :class:`ActorIndex`; gives
``Attribution`` records (source, cue, content spans; kind, stance, channel chain), each with
character offsets into the article text.

- ``find``: the entry point; quotations split around their cue, run-on quotes, channels.
- ``finders``: one pass over the tokens dispatching each possible cue to its finder.
- ``content``: where a verbal cue's content is (complement clause, quotation, object, infinitive).
- ``deeds``: verbs of saying used for a deed ("attacked the USS Cole", "declared war").
- ``colons``: quotations a colon introduces ("X scolded him: “…,” she said").
- ``frames``: raising, light-verb and regard frames ("is expected to", "expressed concern").
- ``channels``: channels on the parse ("citing Y", a trailing "reports X" after "said X").
- ``nonverbal``: attributions without a reporting verb ("according to", polls, headline colons).
- ``core`` / ``spans``: shared candidate records, parse context and token-range helpers.

The cue lexicon lives beside this package in ``newsbrief.analyze.cues`` because actor resolution
reads it too.
"""

from newsbrief.analyze.attribution.find import find_attributions

__all__ = ["find_attributions"]
