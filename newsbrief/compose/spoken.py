"""Which attributions of an article are an actor's own statements, for Who Thinks What?.

* An attribution nested in another one's content is kept only when the outer one is a *channel*
  ("according to Kyodo", an outlet reporting); the channel itself is then not a statement.
* A statement is something said or thought: aims and plans ("seeks to", "plans to"), refusals
  and silences ("declined to comment"), questions put to someone ("asked whether …"), figures
  reported ("reported 15,000 cases") and contents that are not a clause
  (``Attribution.fragment``: "Prime Minister X" cut off by "according to", "remained unclear",
  a topic only: "was discussing voter outreach") are left out; so are numbers and evidence as
  speakers ("according to the data").
* A statement split by its reporting clause ("The larger landers, he said, could …") is one;
  so is a quotation the clause interrupts in its sentence (“We cannot wait,” she said, “for
  long.”), shown as its pieces joined by an ellipsis; "the statement said" after "X said in a
  statement" is X's.
* A chain of verbs the finder reads two ways ("has refused" over "to disclose the records", "has
  refused to disclose" over "the records") is one statement, cued by the whole chain.
* What a speaker cites ("…, she said, citing new filters") is shown with the statement of theirs
  it backs, in its sentence ("said, citing new filters"), not as a second statement; PolNeAR
  still marks the "citing" as an attribution of its own, so the finder keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsbrief.compose.evidence import sentence_at
from newsbrief.models import Actor, Analysis, Attribution, Span

__all__ = ["spoken_statements"]

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
_RELATIVES = frozenset({"which", "who", "whom", "that", "what"})  # "which she described as …"
_NOUN_PHRASE = re.compile(r"^\s*(?:the|a|an|its|their|his|her|this|that)\s", re.I)
# "according to the data": numbers are where a figure comes from, not someone with a position
_DATA = frozenset(
    {"data", "figures", "numbers", "statistics", "stats", "results", "records", "estimates",
     "tally", "count", "tracker", "evidence", "documents", "court documents", "court records",
     "police records", "index", "indexes", "indices", "rate", "rates", "ratio"}
)  # fmt: skip


def _is_data(name: str) -> bool:
    """ "the data", "Clinical results", "early polling data", "his body mass index": evidence
    or a measure, not someone (a name with capitals after its first word, "Election Results
    Institute", is someone)."""
    words = name.split()
    if name.lower() in _DATA:
        return True
    capitals = any(w[:1].isupper() for w in words[1:])
    return len(words) > 1 and words[-1].lower() in _DATA and not capitals


def spoken_statements(analysis: Analysis, names: dict[str, Actor]) -> list[Attribution]:
    """The article's attributions that are an actor's own statements (``names``: its actors by
    id), in text order, each with the actor who said it."""
    spoken = _unchained(_unrepeated(_spoken(analysis.attributions, names)))
    spoken = _joined(spoken, analysis.article.text)
    return _cited(_by_author(_quotations(spoken, analysis), names), analysis)


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
            channel = att.channel or ""
            if channel.startswith(f"{att.cue} "):  # "told The Washington Post": not their document
                channel = ""
            how = f"{att.cue} {channel}".lower()
            for noun in _DOCUMENTS:
                if re.search(rf"\b(?:a|an|the|its|his|her|their)\s+(?:\w+\s+)?{noun}\b", how):
                    authors[noun] = att.actor_id or ""
        out.append(att)
    return out


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
        if _is_data(actors[att.actor_id].name):
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


def _unrepeated(atts: list[Attribution]) -> list[Attribution]:
    """ "…,” X said in a statement, adding that the deals were handed out “like candy.”": a
    quotation inside another statement of the same speaker is shown there, not again alone.
    (An indirect statement inside another is a chain of verbs, see ``_unchained``.)"""

    def inside(att: Attribution, other: Attribution) -> bool:
        a, o = att.content_span, other.content_span
        return (
            att.kind == "direct"
            and other is not att
            and other.actor_id == att.actor_id
            and o.start <= a.start
            and a.end <= o.end
            and (o.start, o.end) != (a.start, a.end)
        )

    return [att for att in atts if not any(inside(att, other) for other in atts)]


def _unchained(atts: list[Attribution]) -> list[Attribution]:
    """ "Trump has steadfastly refused to disclose detailed medical records", "seems to think he
    is exempt": the finder reads a chain of verbs both as its first verb over the rest ("has
    steadfastly refused" over "to disclose …", "seems" over "to think …") and as the whole chain
    over the innermost complement. One statement, said once: the one cued by the whole chain
    ("detailed medical records — has steadfastly refused to disclose", "he is exempt — seems to
    think"), as a reader would say it. Dropped: a statement whose cue starts the cue of another
    of the same actor, which runs on into its content and cues words inside it."""

    def chained(att: Attribution, other: Attribution) -> bool:
        cue, longer = att.cue_span, other.cue_span
        content, inner = att.content_span, other.content_span
        return (
            other is not att
            and other.actor_id == att.actor_id
            and longer.start <= cue.start
            and cue.end < longer.end
            and content.start < longer.end <= inner.start
            and inner.end <= content.end
        )

    return [att for att in atts if not any(chained(att, other) for other in atts)]


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


# what a quotation's piece ends with only because the reporting clause comes after it ("…,” she
# said); a question or an exclamation mark stays
_PIECE_END = " ,;:—–-"
# joins the pieces of one quotation where the reporting clause was left out
QUOTE_JOIN = " … "
# the quotation goes on right after its reporting clause (“…,” she said, “…”), not after words
# of the reporter's own (“…,” he said, adding that the deals went out “like candy.”)
_REOPENS = re.compile(r"[,—–]\s*(?:[“\"]|'')\s*$")
_WORD = re.compile(r"\w+")
# words a reporting clause may have between its speaker and its cue ("Tester also said"; not
# "Dahl sang to the crowd, asking them")
_CLAUSE_WORDS = 2
# the second quotation came at another moment: “A,” Trump said, adding later, “B.”
_ANOTHER_TIME = frozenset(
    {"adding", "added", "adds", "continuing", "continued", "later", "then", "before", "after",
     "afterwards", "earlier"}
)  # fmt: skip


def _quotations(atts: list[Attribution], analysis: Analysis) -> list[Attribution]:
    """“We cannot wait,” said X, “for another decade.”: the pieces of one quotation that its
    reporting clause interrupts, in one sentence, are one statement; its content is the pieces,
    verbatim, joined by an ellipsis where the clause was (`QUOTE_JOIN`), its span runs from the
    first piece to the last. Pieces in sentences of their own (“A,” she said. “B.”) stay
    apart: each is a sentence a reader can be sent to; so do pieces with more than the
    reporting clause between them (“A,” he said, adding that it was “B.”)."""
    out: list[Attribution] = []
    for att in atts:
        prev = out[-1] if out else None
        if prev is not None and _one_quotation(prev, att, analysis):
            span = Span(start=prev.content_span.start, end=att.content_span.end)
            content = prev.content.rstrip(_PIECE_END) + QUOTE_JOIN + att.content.lstrip()
            out[-1] = prev.model_copy(update={"content": content, "content_span": span})
            continue
        out.append(att)
    return out


def _one_quotation(prev: Attribution, att: Attribution, analysis: Analysis) -> bool:
    """``prev`` and ``att`` are pieces of one quotation: one cue between them, the quotation
    reopened right after the reporting clause (“…,” she said, “…”), a clause whose speaker
    and cue go together ("Tester said, referring to …", "Trump said during a rally", not "Dahl
    sang to the crowd, asking them") and that does not put the pieces at two moments
    ("Trump said, adding later, …"), in one sentence."""
    if not (
        prev.cue_span == att.cue_span
        and prev.kind == att.kind == "direct"
        and prev.content_span.end <= att.cue_span.start < att.content_span.start
    ):
        return False
    text = analysis.article.text
    gap_start, gap_end = prev.content_span.end, att.content_span.start
    if not _REOPENS.search(text, gap_start, gap_end):
        return False
    if any(w.lower() in _ANOTHER_TIME for w in _WORD.findall(text, gap_start, gap_end)):
        return False
    source, cue = att.source_span, att.cue_span
    if source is not None:
        between = text[min(source.end, cue.end) : max(source.start, cue.start)]
        if len(_WORD.findall(between)) > _CLAUSE_WORDS:
            return False
    return _sentence_of(analysis, prev.content_span.start) == _sentence_of(analysis, gap_end)


def _cited(atts: list[Attribution], analysis: Analysis) -> list[Attribution]:
    """ "The council withdrew the permit, the mayor said, citing complaints about noise": what
    the mayor cites is the ground of what the mayor said, not something else said; it goes into
    the channel of the speaker's nearest statement in the sentence (shown "said, citing
    complaints about noise", once where the finder put it there already). A "citing" with no
    other statement of its speaker in its sentence ("The court blocked the sale, citing a risk
    to safety") is the only thing said there, and stays a statement."""
    out = list(atts)
    for att in atts:
        if not _CITING.match(att.cue.strip()):
            continue
        host = _citing_host(att, out, analysis)
        if host is None:
            continue
        cited = f"citing {att.content.strip(_PIECE_END + '.')}"
        channel = host.channel
        if channel is None or cited not in channel:
            channel = cited if channel is None else f"{channel}, {cited}"
        out = [
            o.model_copy(update={"channel": channel}) if o is host else o
            for o in out
            if o is not att
        ]
    return out


_CITING = re.compile(r"^citing$", re.I)


def _citing_host(
    att: Attribution, atts: list[Attribution], analysis: Analysis
) -> Attribution | None:
    """The statement of ``att``'s speaker, in its sentence, whose cue is nearest its own."""
    sentence = _sentence_of(analysis, att.cue_span.start)
    if sentence is None:
        return None
    hosts = [
        o
        for o in atts
        if o is not att
        and o.actor_id == att.actor_id
        and not _CITING.match(o.cue.strip())
        and _sentence_of(analysis, o.cue_span.start) == sentence
    ]
    return min(hosts, key=lambda o: abs(o.cue_span.start - att.cue_span.start), default=None)


def _sentence_of(analysis: Analysis, offset: int) -> int | None:
    sent = sentence_at(analysis, offset)
    return sent.index if sent is not None else None


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
