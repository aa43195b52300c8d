"""Who Thinks What?: each actor's position, statements, channels and disagreements.

Built only from attributions and resolved actors; every statement and position is verbatim text
of the article (a position may be a trimmed clause of a statement, never new words).

* The statements are the attributions :mod:`newsbrief.compose.spoken` keeps (an actor's own
  words, said or thought); two cues over one quotation of a sentence are one statement.
* Actors are ranked by statements, then mentions, then first appearance; across several
  analyses (a story) actors with the same canonical name, or a surname of one full name, merge;
  a court named by its rank ("Pennsylvania’s top court") takes the name of the Supreme Court the
  story names (``newsbrief.compose.courts``), so it merges with it too.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsbrief.analyze.actors import names
from newsbrief.analyze.cues import CUE_ADVERBS, is_cue_word
from newsbrief.analyze.light import period_ends_sentence
from newsbrief.compose.courts import as_named, ranked_courts
from newsbrief.compose.evidence import sentence_at
from newsbrief.compose.spoken import spoken_statements
from newsbrief.models import (
    Actor,
    ActorPosition,
    Analysis,
    Attribution,
    Disagreement,
    Evidence,
    Statement,
)

_TRAIL = " ,;:—–-"
_LEAD = re.compile(r"^(?:that|whether)\s+", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:—–]\s")
_SENTENCE_END = re.compile(r"[.!?][”\"’]?(?=\s)")
_POSITION_WORDS = 32


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
    courts = ranked_courts(a for analysis in analyses for a in analysis.actors)
    for order, analysis in enumerate(analyses):
        names = {a.id: a for a in analysis.actors}
        shown = {a.id: as_named(a, courts) for a in analysis.actors}  # "the top court": its name
        for att in spoken_statements(analysis, names):
            actor = shown[att.actor_id or ""]
            entry = _entry(entries, actor, order)
            statement = statement_of(analysis, att)
            same = [
                i for i, (kept, _) in enumerate(entry.statements) if _same_words(statement, kept)
            ]
            if not same:
                entry.statements.append((statement, att))
            elif len(statement.text) > len(entry.statements[same[0]][0].text):
                # "Mook said …, arguing that Trump “lashed out …”": one statement, shown with
                # the words around the quotation
                entry.statements[same[0]] = (statement, att)
            disagreement = _disagreement(analysis, att, shown)
            if disagreement is not None and disagreement not in entry.disagreements:
                entry.disagreements.append(disagreement)
        for actor in shown.values():
            key = _actor_key(actor)
            if key in entries:
                entries[key].mentions += len(actor.mentions)
    _merge_surnames(entries)
    _merge_bodies(entries)
    ranked = sorted(
        (e for e in entries.values() if e.statements),
        key=lambda e: (-len(e.statements), -e.mentions, e.first),
    )
    when = {
        a.article.id: a.article.published.timestamp() if a.article.published else -math.inf
        for a in analyses
    }
    return tuple(_position(e, when) for e in ranked)


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


def _actor_key(actor: Actor) -> str:
    """An actor's key across a story's articles: a country's under any of its names ("the US"
    in one article, "the United States" in another)."""
    if actor.kind == "country":
        return _key(names.country_key(actor.name))
    return _key(actor.name)


def _entry(entries: dict[str, _Entry], actor: Actor, order: int) -> _Entry:
    key = _actor_key(actor)
    entry = entries.get(key)
    if entry is None:
        first = min((m.start for m in actor.mentions), default=0)
        entry = entries[key] = _Entry(actor=actor, first=(order, first))
    elif entry.actor.role is None and actor.role is not None:
        entry.actor = entry.actor.model_copy(
            update={"role": actor.role, "affiliation": actor.affiliation}
        )
    return entry


DOMINANT = 3  # mentions that make one full name the surname's person among several
_ARTICLE = re.compile(r"^(?:al|el)[-‑]")  # "Bashar al-Assad" and "Assad": one surname


def _merge_surnames(entries: dict[str, _Entry]) -> None:
    """ "Scholz" in one article and "Olaf Scholz" in another are one person; of several full
    names with that surname, the one mentioned ``DOMINANT`` times as often as any other (the
    BP spill arc: "Hayward" is Tony Hayward, mentioned in 21 articles, not an "H. Hayward"
    of one)."""
    people = [k for k, e in entries.items() if e.actor.kind == "person" and " " in k]
    for key in [k for k, e in entries.items() if e.actor.kind != "group" and " " not in k]:
        full = sorted(
            (p for p in people if _ARTICLE.sub("", p.split()[-1]) == _ARTICLE.sub("", key)),
            key=lambda p: -entries[p].mentions,
        )
        if len(full) == 1 or (
            len(full) > 1 and entries[full[0]].mentions >= DOMINANT * entries[full[1]].mentions
        ):
            _fold(entries[full[0]], entries.pop(key))


def _merge_bodies(entries: dict[str, _Entry]) -> None:
    """ "CDC" in one article, "Centers for Disease Control and Prevention" in another and "US
    Centers for Disease Control and Prevention" in a third are one body: the one of the
    longest name keeps the others' statements."""
    bodies = sorted(
        (k for k, e in entries.items() if e.actor.kind == "organization"),
        key=lambda k: -len(k),
    )
    for i, key in enumerate(bodies):
        if key not in entries:
            continue
        for other in bodies[i + 1 :]:
            if other in entries and _same_body(entries[key].actor, entries[other].actor):
                _fold(entries[key], entries.pop(other))


def _same_body(full: Actor, short: Actor) -> bool:
    """Whether ``short`` names the body ``full`` names: the same name but for a "U.S." before
    it, a name the article gave it too, or its acronym."""
    bare = _key(names.without_nation(full.name))
    if _key(names.without_nation(short.name)) == bare:
        return True
    if _key(short.name) in {_key(a) for a in full.aliases}:
        return True
    return short.name.isupper() and short.name in names.acronyms(full.name)


def _fold(target: _Entry, entry: _Entry) -> None:
    target.statements.extend(entry.statements)
    target.disagreements.extend(d for d in entry.disagreements if d not in target.disagreements)
    target.mentions += entry.mentions
    target.first = min(target.first, entry.first)


_CLITIC = re.compile(r"^['’](?:s|ve|d|ll|re)\s+")
_OPENS_SOURCE = frozenset({"according to", "in"})


def _shown_cue(att: Attribution, analysis: Analysis) -> str:
    """The cue as a reader sees it: "“…” ― Jacklyn Ashley", a reader's signed words, "wrote"
    (a dash tells a reader nothing); "PENCE: Well, look, …", a transcript's turn or a headline's
    speaker, "said"; "he’s sought" without the clitic its subject took ("sought"); "according
    to", "In" with the source they open, as written, up to an apposition or a participle
    ("in the previous Harris poll, taken in May" → "in the previous Harris poll": a bare
    preposition tells nothing, and the actor's name alone drops which poll). Shown after a dash
    the cue is mid-sentence text: one that opened its sentence drops the capital it took from
    there ("Bemoaning the “phony system,” Trump …" → "bemoaning"; see ``_uncapitalized``)."""
    text = analysis.article.text
    cue = att.cue
    if cue.strip() == ":":
        return "said"
    if not any(ch.isalpha() for ch in cue):
        return "wrote"
    source = att.source_span
    if (
        cue.lower() in _OPENS_SOURCE
        and source is not None
        and att.cue_span.end <= source.start
        and not text[att.cue_span.end : source.start].strip()
    ):
        opened = " ".join(text[att.cue_span.start : source.end].split()).split(", ", 1)[0]
        return opened[0].lower() + opened[1:]
    return _uncapitalized(_CLITIC.sub("", cue), att, analysis)


def _uncapitalized(cue: str, att: Attribution, analysis: Analysis) -> str:
    """``cue`` without the capital of a sentence's first word: only a word of the cue lexicon
    ("Bemoaning", "Asked"), so a name or an acronym keeps its capitals, and only where
    nothing but punctuation comes before it in the sentence (mid-sentence a capital is a
    name's)."""
    first = cue.split(" ", 1)[0]
    if not first[:1].isupper() or first.isupper() or not is_cue_word(first):
        return cue
    sent = sentence_at(analysis, att.cue_span.start)
    text = analysis.article.text
    if sent is None or any(ch.isalnum() for ch in text[sent.start : att.cue_span.start]):
        return cue
    return cue[0].lower() + cue[1:]


# the comma a quotation closes on only because the reporting clause follows (“…,” Zhou said):
# the quotation's own words end before it
_JOINING_COMMA = re.compile(r",+(?=[”’\"']+$)")


# "But the council withdrew the permit, the mayor said": a conjunction opening the sentence ties
# it to the one before, the reporter's link, not the speaker's words ("So far" is no conjunction)
_JOINS = re.compile(r"(?:But|And|Yet|So(?!\s+(?:far|much|many|long|few|little)\b)),?\s+(?=\S)")


def statement_of(analysis: Analysis, att: Attribution) -> Statement:
    """``att`` as a brief shows it (an actor's page shows its cue and channel the same way):
    its content without the punctuation that led on to the cue, also where a closing quotation
    mark follows it ("set targets “according to its national circumstances,”" ends
    "…circumstances”": the comma joined the quotation to "Zhou said", and it is the only
    character the text leaves out of its evidence, which still runs to the closing mark); a
    quotation joined from its pieces, see ``spoken``, is shown joined, its evidence spanning the
    pieces. Unquoted words that open their sentence are shown without the conjunction that
    opens it (``_JOINS``; the evidence starts after it): PolNeAR's content spans take it in
    some sentences and leave it out in more, and a reader sees "But the council withdrew the
    permit" as the speaker's "But". A quotation keeps its "But": the speaker said it."""
    content = att.content.rstrip(_TRAIL)
    start = att.content_span.start
    end = max(start, att.content_span.end - (len(att.content) - len(content)))
    sent = sentence_at(analysis, start)
    joined = _JOINS.match(content)
    if joined and att.kind != "direct" and sent is not None and sent.start == start:
        content, start = content[joined.end() :], start + joined.end()
    index = sent.index if sent is not None else att.evidence.sentence_index
    return Statement(
        kind=att.kind,
        cue=_shown_cue(att, analysis),
        text=_JOINING_COMMA.sub("", content),
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
        cue=_shown_cue(att, analysis),
        evidence=Evidence(
            article_id=analysis.article.id,
            sentence_index=ev.sentence_index,
            start=ev.start,
            end=ev.end,
        ),
    )


# --------------------------------------------------------------------------- positions


def _position(entry: _Entry, when: dict[str, float]) -> ActorPosition:
    """The actor's position: their most informative statement (a stance or a clause before a
    bare quotation), the latest one of a story among those (``when``: each article's
    publication time): "had reserved judgment, saying he supported the inquiry" in Monday's
    article is not the position of Wednesday's "said he supports impeachment"."""
    statements = [s for s, _ in entry.statements]

    def key(pair: tuple[Statement, Attribution]) -> tuple[int, float, int, int]:
        kind, words, place = _informative(pair[0])
        return (kind, when.get(pair[0].evidence.article_id, -math.inf), words, place)

    best = max(entry.statements, key=key)
    return ActorPosition(
        actor=entry.actor.name,
        kind=entry.actor.kind,
        role=entry.actor.role,
        affiliation=entry.actor.affiliation,
        position=_one_line(_with_cue(*best)),
        statements=tuple(statements),
        disagrees_with=tuple(entry.disagreements),
    )


# what a plain verb of saying carries and still says nothing of its own ("had previously said",
# "has also repeatedly said"); "never said", "falsely said" judge the words, and "first reported",
# "initially said" date them against later words: those stay with them
_TELLING = frozenset(
    {"never", "falsely", "wrongly", "correctly", "jokingly", "only", "even", "first",
     "initially", "originally", "once"}
)  # fmt: skip
_PLAIN = ("has", "had", "have", *sorted(CUE_ADVERBS - _TELLING))
_SAYING = re.compile(
    rf"^(?:(?:{'|'.join(_PLAIN)})\s+)*"
    r"(?:said|says|say|saying|told|tells|tell|added|adds|stated|noted|"
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
    ends = [
        m.end()
        for m in _SENTENCE_END.finditer(head)
        if m.end() > len(head) // 3
        and (head[m.start()] != "." or period_ends_sentence(head, m.start()))
    ]  # not at "Mr." before a name
    if ends:  # whole sentences read better than a clause cut off ("… ONLY ME. You")
        return head[: ends[-1]].rstrip()
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(head) if m.start() > len(head) // 3]
    cut = head[: breaks[-1]] if breaks else head
    return cut.rstrip(" ,;:—–-") + "…"  # cut short: an ellipsis says so
