"""Cue phrases for sentence roles (see ``newsbrief.analyze.roles``).

Each cue is a regex over the *normalized* sentence: lowercased spaCy tokens joined by single
spaces, curly quotes straightened, with a space at both ends — so ``didn't`` reads ``did n't`` and
every alternative is matched as whole tokens. Weights are evidence added to a role's score; the
``detail`` role starts at 1.0, so a single weak cue never decides on its own.

Long module: it is one lexicon (a table of patterns per role); split by role, the weights that
balance each other would no longer be read side by side.
"""

from __future__ import annotations

import re

from newsbrief.models import SentenceRole

_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a few)"
_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_PERIOD = "week|month|year|season|summer|spring|autumn|fall|winter|decade|weekend"


def _any(alternatives: str) -> str:
    """Any of the ``|``-separated alternatives as whole tokens (not inside a hyphenated word)."""
    return "(?<!-) (?:" + alternatives + ") (?!-)"


def _alt(alternatives: str) -> str:
    """The same, continuing a pattern that already ends in a space."""
    return "(?:" + alternatives + ") (?!-)"


# per role: (pattern over the normalized sentence " tok tok … ", weight)
_CUE_TABLE: dict[SentenceRole, tuple[tuple[str, float], ...]] = {
    # significance: firsts, records, superlatives, stakes
    "significance": (
        (r" (?:marks?|marked|marking|is|was|be|been|became|becomes|becoming) the first ", 2.0),
        (r" for the first time ", 1.8),
        (r" the first (?:[\w'-]+ ){0,5}(?:to|since|ever|outside|of its kind) ", 1.5),
        (
            r" first (?:[\w'-]+ ){0,5}in (?:more than |over |nearly |almost )?"
            + _NUM
            + r" (?:decades?|years?|centur(?:y|ies)) ",
            1.5,
        ),
        (r" (?:the )?only (?:[\w'-]+ ){0,3}(?:to|ever) ", 1.3),
        (r" the only (?:[\w'-]+ ){0,2}(?:one|ones|person|people)? ?(?:who|that) ", 1.0),
        (
            _any(
                "most [\\w-]+|largest|biggest|highest|lowest|oldest|busiest|richest|poorest|"
                "worst|best"
            )
            + r"(?:[\w'-]+ ){0,2}in (?:the )?"
            + _alt("world|country|nation|state|region|europe|asia|africa|britain|england|america"),
            1.2,
        ),
        (_any("a record|the record|new record|all-time record"), 1.6),
        (
            r" record[- ](?:high|low|level|number|profit|sale|heat|year|breaking|score|total)s? ",
            1.6,
        ),
        (r" (?:all-time|[\w]+-year|decade|multi-year) (?:high|low) ", 1.8),
        (
            _any(
                r"highest|lowest|largest|biggest|worst|deadliest|longest|fastest|strongest|"
                r"costliest|greatest|finest|best|most [\w-]+"
            )
            + r"(?:[\w'-]+ ){0,5}"
            + _alt(
                r"ever|in (?:\w+ )?history|on record|since (?:19|20)\d\d|"
                r"of (?:[\w'-]+ ){1,4}career|so far|of all time|"
                r"for an? [\w-]+ (?:nation|country|company)"
            ),
            1.8,
        ),
        (
            _any("largest|biggest|highest|lowest|worst|deadliest|costliest|greatest|most marginal"),
            0.7,
        ),
        (_any("unprecedented|historic|milestone|landmark|watershed|turning point"), 1.2),
        (_any("rare"), 0.6),
        (
            _any(
                "at stake|stakes|key test|major test|big test|crucial|pivotal|centerpiece|"
                "centrepiece|cornerstone|main tool|blow to|victory for|setback for|threatens|"
                "threat to|"
                "jeopardi[sz]e"
            ),
            1.3,
        ),
        (
            r" could (?:also )?"
            + _alt(
                "represent|mark|become|prove|reshape|transform|weaken|strengthen|bolster|offer|help"
            ),
            1.0,
        ),
        (_any("signals?|signalled|signaled|underscores?|underlines?|highlights?"), 1.0),
        (_any("bettered|surpass(?:es|ed)?|eclipsed?|trebled|tripled|doubled"), 1.0),
        (
            _any("key link|key role|key hub|key source|key supplier|key partner|lifeline|backbone"),
            1.3,
        ),
        (
            _any("handles?|handled|accounts? for|accounted for|supplies|carries|makes up")
            + r"(?:[\w'-]+ ){0,3}(?:half|thirds?|quarter|percent|per cent|%) ",
            1.3,
        ),
        (_any("at risk|at particular risk|at serious risk"), 0.9),
    ),
    # forward-looking: schedules, expectations, plans, warnings
    "forward_looking": (
        (
            r" (?:is|are|'s|'re|be) (?:widely |also |now |still )?"
            + _alt(
                "expected|due|set|scheduled|slated|poised|likely|unlikely|projected|forecast|"
                "predicted|going"
            )
            + "to ",
            2.0,
        ),
        (
            r" (?:was|were) (?:widely |also |still )?"
            + _alt("expected|due|scheduled|slated")
            + "to ",
            1.2,
        ),
        (
            r" (?:is|are|'s|'re) (?:widely |also |now |still )?"
            + _alt("expected|due|scheduled|slated|set")
            + _alt("in|on|by|before|after|next|later|this|within"),
            1.8,
        ),
        (
            _any(
                "plan|plans|planning|intends|aims|vows|pledges|promises|hopes|hoping|threatens|wants"
            )
            + "to ",
            1.1,
        ),
        (_any("warned|warns|warning|cautioned|cautions"), 0.8),
        (_any("likely to"), 1.2),
        (
            _any(
                "(?:is|are|be) on the way|on the horizon|is headed|are headed|hoping for|upcoming"
            ),
            1.2,
        ),
        (
            r" (?:next|coming|upcoming) "
            + _alt(f"{_PERIOD}|{_DAYS}|round|election|summit|meeting|match|game"),
            1.5,
        ),
        (
            _any(
                f"later (?:this|in the|that) (?:{_PERIOD})|later today|tomorrow(?! 's)|"
                "in the coming"
            ),
            1.6,
        ),
        (
            _any(
                "ahead|in the future|forecasts?|predicts?|predicted|outlook|expects?|anticipates?"
            ),
            0.8,
        ),
        (
            _any(r"said|says|added|told [\w']+|believes?|insists?|warned")
            + r"(?:that )?(?:[\w'-]+ ){1,5}(?:would|will|could) ",
            0.9,
        ),
        (_any("will|'ll|wo n't|shall"), 0.3),
        (_any("if|unless"), 0.4),
        (_any("risks?|at risk|could face|could land|could see|could still"), 0.6),
    ),
    # context: background and earlier events
    "context": (
        (
            r" (?:comes?|came|coming) " + _alt("as|after|amid|weeks|days|months|a week|a day|just"),
            1.8,
        ),
        (_any("amid"), 1.1),
        (" " + _NUM + r" (?:years?|months?|weeks?|decades?) ago ", 1.5),
        (r" (?:last|previous) " + _alt(f"{_PERIOD}|time"), 0.8),
        (
            _any(
                r"since (?:19|20)\d\d|(?:dates?|dating) back|was founded|founded in|"
                r"(?:first|originally) (?:began|started|emerged)|(?:began|started) in"
            ),
            1.3,
        ),
        (
            _any(
                "previously|formerly|earlier|originally|once|historically|traditionally|"
                "has long|have long|had long"
            ),
            0.7,
        ),
        (
            _any(
                rf"(?:for|over the (?:past|last)|in recent) (?:{_NUM} )?(?:years|months|decades)|"
                "in the past|not the first time|the latest in"
            ),
            1.0,
        ),
        (_any("former|ex-"), 0.3),
    ),
    # consequence: effects of the event
    "consequence": (
        (
            _any(
                "as a result|as a consequence|in the aftermath|resulting in|result(?:ed|s)? in|"
                "led to|leading to|causing|caused|prompting|prompted|forcing|forced|so that|"
                "therefore|consequently"
            ),
            1.2,
        ),
        (
            r" left (?:[\w'-]+ ){0,3}" + _alt("dead|injured|homeless|stranded|without|with an?|in"),
            1.3,
        ),
        (
            _any(
                "halted|disrupted|cancell?ed|delayed|stranded|suspended|closed|shut|evacuated|"
                "grounded|blocked|sat out|unable to|had to|have to|means|meant"
            ),
            0.8,
        ),
        (
            _any(
                "killed|injured|wounded|damaged|destroyed|losses|damage|casualties|stitches|"
                "treatment|rationing|relying on"
            ),
            0.6,
        ),
        (_any("because of|due to"), 0.4),
        (
            _any("ripple through|knock-on|spill over|estimated losses|losses of|cost the economy"),
            1.1,
        ),
        (
            r" would (?:also )?"
            + _alt("disrupt|hurt|hit|damage|cost|force|push|raise|cut|delay|slow|reduce|threaten"),
            0.9,
        ),
    ),
    # reaction: what people said or did in response
    "reaction": (
        (
            _any(
                r"said|says|told [\w']+|added|explained|insisted|claimed|stressed|argued|wrote|"
                r"tweeted|posted"
            )
            + ": ",
            1.4,
        ),
        (r" , (?:[\w'.-]+ ){1,6}(?:said|says|added|told [\w']+)(?: [\w'-]+){0,3} \. $", 0.7),
        (
            _any(
                "condemn(?:ed|s)?|welcome[ds]?|praised|critici[sz]ed|slammed|blasted|hit out|"
                "responded|reacted|applauded|denounced|apologi[sz]ed|defended|reject(?:ed|s)?|"
                "denied|denies|disputed|dismissed|accused|blamed|urged|called on|called for|"
                "demanded|agreed|joked|admit(?:ted|s)?"
            ),
            1.2,
        ),
        (
            _any(
                "statement|spokesman|spokeswoman|spokesperson|press conference|told reporters|"
                "in an interview|said in a"
            ),
            0.6,
        ),
        (
            _any(
                "believes?|feels?|felt|worried|angry|furious|frustrated|disappointed|delighted|"
                "proud|embarrassed|horrified|amazed|satisfied|happy|sad|scared"
            ),
            0.4,
        ),
        (_any("according to"), 0.5),
    ),
    # main event: the day's development
    "main_event": ((_any(f"{_DAYS}|today|tonight|this morning|this week"), 0.3),),
    # page furniture and captions
    "detail": (
        (_any("scroll down|click here|published :|updated :"), 1.2),
        (r" \( (?:pictured|left|right|above|below|file image|file photo) \) ", 0.3),
    ),
}


def _grouped() -> tuple[
    tuple[SentenceRole, re.Pattern[str], tuple[tuple[re.Pattern[str], float], ...]], ...
]:
    """Per role: one regex that any of its cues would match (a cheap first test), then the cues."""
    out = []
    for role, cues in _CUE_TABLE.items():
        gate = re.compile("|".join(f"(?:{p})" for p, _ in cues))
        out.append((role, gate, tuple((re.compile(p), w) for p, w in cues)))
    return tuple(out)


CUES = _grouped()
SPEECH_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "add",
        "explain",
        "insist",
        "claim",
        "stress",
        "argue",
        "note",
        "write",
        "tweet",
        "post",
        "announce",
        "state",
        "declare",
        "comment",
        "reply",
        "confirm",
        "admit",
        "reveal",
        "acknowledge",
        "suggest",
        "recall",
        "describe",
        "call",
        "emphasize",
        "emphasise",
        "allege",
        "contend",
        "point",
    }
)
REACTION_LEMMAS = frozenset(
    {
        "condemn",
        "welcome",
        "praise",
        "criticise",
        "criticize",
        "slam",
        "blast",
        "react",
        "respond",
        "applaud",
        "denounce",
        "apologise",
        "apologize",
        "defend",
        "reject",
        "deny",
        "dispute",
        "dismiss",
        "accuse",
        "blame",
        "urge",
        "demand",
        "thank",
        "joke",
        "mourn",
    }
)
