"""Who Thinks What?: each actor's position, statements, channels and disagreements.

Built only from attributions and resolved actors; every statement and position is verbatim text
of the article (a position may be a trimmed clause of a statement, never new words).

* An attribution nested in another one's content is kept only when the outer one is a *channel*
  ("according to Kyodo", an outlet reporting); the channel itself is then not a statement.
* A statement is something said or thought: aims and plans ("seeks to", "plans to") and contents
  that are not a clause (``Attribution.fragment``: "Prime Minister X" cut off by "according to",
  "remained unclear") are left out.
* Actors are ranked by statements, then mentions, then first appearance; across several
  analyses (a story) actors with the same canonical name, or a surname of one full name, merge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newsbrief.compose.evidence import sentence_at
from newsbrief.models import (
    Actor,
    ActorPosition,
    Analysis,
    Attribution,
    Disagreement,
    Evidence,
    Span,
    Statement,
)

_CHANNEL_CUES = re.compile(r"^(according to|report|reported|reports|reporting|citing|cited)$", re.I)
# aims and plans are not statements: "seeks to sell power", "aims to cut emissions"
_AIMS = re.compile(
    r"^(?:\w+ )?(?:seek|seeks|seeking|sought|aim|aims|aiming|aimed|plan|plans|planning|planned|"
    r"intend|intends|intending|intended|try|tries|trying|tried|attempt|attempts|attempting|"
    r"attempted|strive|strives|striving|strove|prepare|prepares|preparing|prepared|hope to)$",
    re.I,
)
# "declined to comment", "did not respond to requests for comment" say nothing
_NO_COMMENT = re.compile(
    r"^\s*(?:to (?:comment|speak|say|respond|elaborate|discuss|answer)\b[\w ]{0,30}"
    r"|(?:(?:the |a |an )?[\w.’'-]+(?:'s|’s) )?(?:repeated |multiple )?"
    r"(?:requests?|calls?|messages?|emails?|inquir(?:y|ies)) (?:for|seeking) comment\b"
    r"[\w ]{0,30})[.,]?\s*$",
    re.I,
)
_PRONOUNS = frozenset(["it", "they", "them", "this", "that", "he", "she", "him", "her", "we", "us"])
# A name in title case (a song, book or show), not something said: every word capitalized or a
# number, at most eight words.
_TITLE_ONLY = re.compile(
    r"(?:[A-Z0-9][\w'’.-]*|\([A-Z0-9][\w'’ .-]*\)|of|the|and|a|an|in|on|to|for)"
    r"(?: (?:[A-Z0-9][\w'’.-]*|\([A-Z0-9][\w'’ .-]*\)|of|the|and|a|an|in|on|to|for)){0,7}"
)
_WORK_CUES = re.compile(
    r"\b(?:writ\w*|wrote|sing\w*|sang|sung|titled|entitled|called|named|dubbed|publish\w*|"
    r"releas\w*|read\w*|perform\w*|record\w*)$",
    re.I,
)
_REFUSES = re.compile(r"^(?:\w+ )?(?:declin|refus)(?:e|es|ed|ing)$", re.I)
# "did not say how …", "would not say whether …", "did not mention the others": a refusal to say,
# or a silence, is not a statement
_SAYS_NOTHING = re.compile(
    r"^(?:did not|didn't|didn’t|would not|wouldn't|wouldn’t|could not|couldn't|couldn’t|"
    r"declined to|refused to|will not|won't|won’t|failed to) (?:say|comment|specify|disclose|"
    r"elaborate|confirm|reveal|mention)(?: on| about)?$"
    # "didn't immediately respond to The Hill's request for comment"
    r"|^(?:did not|didn't|didn’t|has not|hasn't|hasn’t|have not|haven't|haven’t)"
    r"(?: yet)?(?: immediately)? (?:respond|reply|return)(?:ed)?(?: to)?$",
    re.I,
)
# "asked whether she would use military force": a question put to someone, not a position
_ASKS = re.compile(
    r"^(?:\w+ )?(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering)$"
    # "to try to find out how much oil was leaking": what someone wants to learn, not a position
    r"|\b(?:find out|determine|establish|investigat(?:e|es|ed|ing)|learn)$",
    re.I,
)
_QUESTION_WORDS = frozenset(
    {"whether", "if", "why", "how", "what", "when", "where", "who", "which"}
)
_TRAIL = " ,;:—–-"
_LEAD = re.compile(r"^(?:that|whether)\s+", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:—–]\s")
_SENTENCE_END = re.compile(r"[.!?][”\"’]?(?=\s)")
_POSITION_WORDS = 32
_RELATIVES = frozenset({"which", "who", "whom", "that", "what"})  # "which she described as …"
_NOUN_PHRASE = re.compile(r"^\s*(?:the|a|an|its|their|his|her|this|that)\s", re.I)
# "according to the data": numbers are where a figure comes from, not someone with a position
_DATA = frozenset(
    {"data", "figures", "numbers", "statistics", "stats", "results", "records", "estimates",
     "tally", "count", "tracker", "evidence", "documents", "court documents", "court records",
     "police records"}
)  # fmt: skip


@dataclass
class _Entry:
    actor: Actor
    statements: list[tuple[Statement, Attribution]] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)
    mentions: int = 0
    first: tuple[int, int] = (0, 0)


def who_thinks_what(analyses: Sequence[Analysis]) -> tuple[ActorPosition, ...]:
    """Positions of the actors speaking in ``analyses`` (one article or a story), by prominence."""
    entries: dict[str, _Entry] = {}
    for order, analysis in enumerate(analyses):
        names = {a.id: a for a in analysis.actors}
        spoken = _joined(_spoken(analysis.attributions, names), analysis.article.text)
        for att in _by_author(spoken, names):
            actor = names[att.actor_id or ""]
            entry = _entry(entries, actor, order)
            statement = _statement(analysis, att)
            same = [
                i for i, (kept, _) in enumerate(entry.statements) if _same_words(statement, kept)
            ]
            if not same:
                entry.statements.append((statement, att))
            elif len(statement.text) > len(entry.statements[same[0]][0].text):
                # "Mook said …, arguing that Trump “lashed out …”": one statement, shown with
                # the words around the quotation
                entry.statements[same[0]] = (statement, att)
            disagreement = _disagreement(analysis, att, names)
            if disagreement is not None and disagreement not in entry.disagreements:
                entry.disagreements.append(disagreement)
        for actor in analysis.actors:
            key = _key(actor.name)
            if key in entries:
                entries[key].mentions += len(actor.mentions)
    _merge_surnames(entries)
    ranked = sorted(
        (e for e in entries.values() if e.statements),
        key=lambda e: (-len(e.statements), -e.mentions, e.first),
    )
    return tuple(_position(e) for e in ranked)


# what an actor speaks through, and a later "the statement said" stands for: the actor
_DOCUMENTS = frozenset(
    {"statement", "letter", "memo", "email", "e-mail", "release", "filing", "report", "tweet",
     "post", "complaint", "lawsuit"}
)  # fmt: skip


def _by_author(atts: list[Attribution], names: dict[str, Actor]) -> list[Attribution]:
    """ "…, the US military said in a statement. “The cause … is under investigation,” the
    statement said": the statement's words are the military's (an actor "Statement" has no
    position of its own). A document no one was said to speak through stays as it is."""
    authors: dict[str, str] = {}
    out = []
    for att in atts:
        name = names[att.actor_id or ""].name.lower()
        if name in _DOCUMENTS and name in authors:
            att = att.model_copy(update={"actor_id": authors[name]})
        elif name not in _DOCUMENTS:
            how = f"{att.cue} {att.channel or ''}".lower()
            for noun in _DOCUMENTS:
                if re.search(rf"\b(?:a|an|the|its|his|her|their)\s+(?:\w+\s+)?{noun}\b", how):
                    authors[noun] = att.actor_id or ""
        out.append(att)
    return out


def _same_words(a: Statement, b: Statement) -> bool:
    """Two cues over the same words of one sentence ("said" and "arguing" over a quotation, one
    with the words around it)."""
    if (a.evidence.article_id, a.evidence.sentence_index) != (
        b.evidence.article_id,
        b.evidence.sentence_index,
    ):
        return False
    short, long = sorted((_bare(a.text), _bare(b.text)), key=len)
    return short == long or (len(short.split()) >= 4 and short in long)


def _bare(text: str) -> str:
    return _LEAD.sub("", text.strip(" .,;:\"'“”‘’")).strip(" .,;:\"'“”‘’").lower()


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def _entry(entries: dict[str, _Entry], actor: Actor, order: int) -> _Entry:
    key = _key(actor.name)
    entry = entries.get(key)
    if entry is None:
        first = min((m.start for m in actor.mentions), default=0)
        entry = entries[key] = _Entry(actor=actor, first=(order, first))
    elif entry.actor.role is None and actor.role is not None:
        entry.actor = entry.actor.model_copy(
            update={"role": actor.role, "affiliation": actor.affiliation}
        )
    return entry


def _merge_surnames(entries: dict[str, _Entry]) -> None:
    """ "Scholz" in one article and "Olaf Scholz" in another are one person."""
    people = [k for k, e in entries.items() if e.actor.kind == "person" and " " in k]
    for key in [k for k, e in entries.items() if e.actor.kind != "group" and " " not in k]:
        full = [p for p in people if p.split()[-1] == key]
        if len(full) == 1:
            target, entry = entries[full[0]], entries.pop(key)
            target.statements.extend(entry.statements)
            target.disagreements.extend(
                d for d in entry.disagreements if d not in target.disagreements
            )
            target.mentions += entry.mentions
            target.first = min(target.first, entry.first)


# --------------------------------------------------------------------------- statements


def _spoken(atts: Iterable[Attribution], actors: dict[str, Actor]) -> list[Attribution]:
    """Attributions that are an actor's own statement: not nested in someone else's words, and
    not a channel that merely carries another attribution."""
    atts = list(atts)
    relative = {a.cue_span for a in atts if a.content.strip().lower() in _RELATIVES}
    # a channel carrying someone's words carries all of them: "X said, according to Kyodo,
    # that Y" gives Kyodo the parts on both sides of its cue, and neither is Kyodo's own
    carrying = {
        a.cue_span
        for a in atts
        if _is_channel(a, actors) and any(_outer(o, atts) is a for o in atts)
    }
    out = []
    for att in atts:
        if att.actor_id not in actors or att.cue_span in relative:
            continue
        if actors[att.actor_id].name.lower() in _DATA:
            continue
        if not _says_something(att):
            continue
        outer = _outer(att, atts)
        if outer is not None and not _is_channel(outer, actors):
            continue
        if att.cue_span in carrying:
            continue
        out.append(att)
    return sorted(out, key=lambda a: (a.cue_span.start, a.content_span.start))


def _joined(atts: list[Attribution], text: str) -> list[Attribution]:
    """ "The larger landers, he said, could deliver tools …": an indirect statement that its
    reporting clause splits in two is one statement, shown whole (verbatim, with the clause),
    not "The larger landers — said" and the rest apart ("… will need congressional authority,
    according to the ruling, to reopen drilling …" too). Not when a noun phrase follows an
    "according to" ("…, according to the Bureau's survey, the highest number since 2000"): that
    is an aside of its own, and joining would show the source inside the words."""
    out: list[Attribution] = []
    for att in atts:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.cue_span == att.cue_span
            and prev.kind == att.kind == "indirect"
            and not (att.cue.strip().lower() == "according to" and _NOUN_PHRASE.match(att.content))
            and prev.content_span.end <= att.cue_span.start < att.content_span.start
        ):
            span = Span(start=prev.content_span.start, end=att.content_span.end)
            out[-1] = prev.model_copy(
                update={"content": text[span.start : span.end], "content_span": span}
            )
            continue
        out.append(att)
    return out


def _says_something(att: Attribution) -> bool:
    """Not an aim or a plan, not a refusal to comment, and a clause (see the module doc)."""
    cue = att.cue.strip()
    if att.fragment or _AIMS.match(cue) or _SAYS_NOTHING.match(cue):
        return False
    if _REFUSES.match(cue) and att.content.lstrip().lower().startswith("to "):
        return False  # "declined to make that information public": a refusal, nothing said
    if _ASKS.match(cue) and att.kind != "direct":
        first = att.content.lstrip(" \"'“‘").split(" ", 1)[0].lower()
        if first in _QUESTION_WORDS:
            return False
    if att.content.strip(" .,;:\"'“”‘’").lower() in _PRONOUNS:
        return False  # "it was first declared", "they were backed": nothing said
    content = att.content.strip(" .,;:\"'“”‘’")
    if " " in content and _TITLE_ONLY.fullmatch(content) and _WORK_CUES.search(cue):
        return False  # the name of a song, book or show ("American Skin (41 Shots)" was written)
    return not _NO_COMMENT.match(att.content)


def _outer(att: Attribution, atts: list[Attribution]) -> Attribution | None:
    for other in atts:
        if (
            other is not att
            and other.content_span.start <= att.cue_span.start < other.content_span.end
        ):
            return other
    return None


def _is_channel(att: Attribution, actors: dict[str, Actor]) -> bool:
    actor = actors.get(att.actor_id or "")
    return bool(_CHANNEL_CUES.match(att.cue.strip())) or (
        actor is not None and actor.kind == "media"
    )


_CLITIC = re.compile(r"^['’](?:s|ve|d|ll|re)\s+")


def _shown_cue(cue: str) -> str:
    """The cue as a reader sees it: "“…” ― Jacklyn Ashley", a reader's signed words, "wrote"
    (a dash tells a reader nothing); "PENCE: Well, look, …", a transcript's turn or a headline's
    speaker, "said"; "he’s sought" without the clitic its subject took ("sought")."""
    if cue.strip() == ":":
        return "said"
    if not any(ch.isalpha() for ch in cue):
        return "wrote"
    return _CLITIC.sub("", cue)


def _statement(analysis: Analysis, att: Attribution) -> Statement:
    start, end = att.content_span.start, att.content_span.end
    text = analysis.article.text
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    sent = sentence_at(analysis, start)
    index = sent.index if sent is not None else att.evidence.sentence_index
    return Statement(
        kind=att.kind,
        cue=_shown_cue(att.cue),
        text=text[start:end],
        channel=att.channel,
        stance=att.stance,
        evidence=Evidence(
            article_id=analysis.article.id, sentence_index=index, start=start, end=end
        ),
    )


def _disagreement(
    analysis: Analysis, att: Attribution, actors: dict[str, Actor]
) -> Disagreement | None:
    if att.stance != "oppose" or att.target_actor_id not in actors:
        return None
    other = actors[att.target_actor_id or ""]
    if other.id == att.actor_id:
        return None
    ev = att.evidence
    return Disagreement(
        with_actor=other.name,
        cue=att.cue,
        evidence=Evidence(
            article_id=analysis.article.id,
            sentence_index=ev.sentence_index,
            start=ev.start,
            end=ev.end,
        ),
    )


# --------------------------------------------------------------------------- positions


def _position(entry: _Entry) -> ActorPosition:
    statements = [s for s, _ in entry.statements]
    best = max(entry.statements, key=lambda pair: _informative(pair[0]))
    return ActorPosition(
        actor=entry.actor.name,
        kind=entry.actor.kind,
        role=entry.actor.role,
        affiliation=entry.actor.affiliation,
        position=_one_line(_with_cue(*best)),
        statements=tuple(statements),
        disagrees_with=tuple(entry.disagreements),
    )


_SAYING = re.compile(
    r"^(?:also |has |had |have )?(?:said|says|say|saying|told|tells|tell|added|adds|stated|noted|"
    r"wrote|writes|reported|reports|according to|:)$",
    re.I,
)


def _with_cue(statement: Statement, att: Attribution) -> str:
    """ "rejects the operators' claim …" reads as a position; "said the talks …" does not: the cue
    is kept (verbatim, it directly precedes the content) unless it is a plain verb of saying."""
    text = statement.text
    cue_end, start = att.cue_span.end, statement.evidence.start
    if statement.stance == "oppose" and statement.evidence.end <= att.cue_span.start:
        return f"{att.cue}: {text}"  # "…, which the opposition disputes": the claim came first
    if statement.kind == "direct" or _SAYING.match(att.cue) or not 0 <= start - cue_end <= 1:
        return text
    return att.cue + " " * (start - cue_end) + text


def _informative(statement: Statement) -> tuple[int, int, int]:
    words = len(statement.text.split())
    stance = 1 if statement.stance != "neutral" else 0
    clause = 1 if statement.kind != "direct" and words >= 5 else 0
    return (stance + clause, min(words, 24), -statement.evidence.start)


def _one_line(text: str) -> str:
    """The statement, without a leading "that", cut at a sentence end when it is long, else at
    a clause break (or at the word limit) with an ellipsis that says so."""
    text = _LEAD.sub("", text.strip())
    words = text.split()
    if len(words) <= _POSITION_WORDS:
        return text
    head = " ".join(words[:_POSITION_WORDS])
    ends = [m.end() for m in _SENTENCE_END.finditer(head) if m.end() > len(head) // 3]
    if ends:  # whole sentences read better than a clause cut off ("… ONLY ME. You")
        return head[: ends[-1]].rstrip()
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(head) if m.start() > len(head) // 3]
    cut = head[: breaks[-1]] if breaks else head
    return cut.rstrip(" ,;:—–-") + "…"  # cut short: an ellipsis says so
