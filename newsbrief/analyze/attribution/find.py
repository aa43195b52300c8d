"""Attributions: who said (or thought, or reported) what, through which channel.

Rules over the spaCy parse and the quotation marks of the text, one pass over the tokens:

* verbal cues (``said``, ``told``, ``argued``, ``believes``, ``rejects`` …; see ``cues``) with their
  subject as source and a complement clause, a quotation, an object or an infinitive as content;
* quotations split around their cue (“A,” she said, “B.”) and quotations that run on over the
  following sentences;
* ``according to X`` (X is the source, the rest of the clause the content);
* headline colons (``Carson: Cruz is wrong``).

An attribution whose cue sits inside another one's content is *nested*: it is kept, and the outer
one becomes its channel (``channel``/``channel_chain``), e.g. a minister's words ``according to``
the state news agency.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsbrief.analyze.actors.described import NAMED
from newsbrief.analyze.actors.index import ActorIndex
from newsbrief.analyze.actors.names import once_held
from newsbrief.analyze.attribution import finders
from newsbrief.analyze.attribution.finders import Cand
from newsbrief.analyze.attribution.orphans import orphan_quotes
from newsbrief.analyze.attribution.running import extend_quotes
from newsbrief.analyze.attribution.spans import char_range, is_fragment
from newsbrief.analyze.quotes import QuoteIndex, find_quotes
from newsbrief.models import Article, Attribution, Evidence, Sentence, Span

# what stands for an action said elsewhere ("as Biden has pledged to do"): nothing said here
_PRO_FORM = re.compile(r"(?i)(?:to )?do(?: so| it| that)?|so")


def find_attributions(
    doc: Doc, article: Article, sentences: list[Sentence], actors: ActorIndex
) -> list[Attribution]:
    """All attributions of the article, outer ones first in text order, nested ones after them."""
    quotes = QuoteIndex(find_quotes(article.text, article.paragraphs))
    ctx = finders.Ctx(doc, article.text, quotes, sentences)
    cands = _yield_to_channels(finders.find_candidates(ctx), doc, article.text)
    _cut_tail_clauses(doc, cands)
    outer, nested = _nest([c for c in cands if c.contents])
    extend_quotes(ctx, outer)
    outer += orphan_quotes(ctx, outer)
    builder = _Builder(doc, article, sentences, actors)
    out: list[Attribution] = []
    for cand in sorted(outer, key=lambda c: c.cue):
        # a clause cut from another's content keeps that speaker as its channel ("…, accusing
        # her of …, The Washington Post first reported"), unless it is the same speaker
        held = cand.cut_from if cand.source is not None else None
        if held is not None and (
            held.cue_chars[0] < cand.cue_chars[1]  # not a reporter after it: "X said A, who …"
            or not any(ch.isalpha() for ch in held.lemma)  # a colon ("Smith: …")
        ):
            held = None
        out.extend(builder.records(cand, held))
    for cand, parent in nested:
        out.extend(builder.records(cand, parent))
    return _claim_targets(out, actors)


_OPENERS = '“"'
_CLOSERS = '”"'


def _balance_quotes(text: str, start: int, end: int) -> int:
    """Extend a content span over the closing mark of a quotation it opens ("…“frank and
    constructive” → …“frank and constructive”")."""
    inner = text[start:end]
    opened = inner.count("“") > inner.count("”") or inner.count('"') % 2 == 1
    if not opened:
        return end
    for k in range(end, min(end + 3, len(text))):
        if text[k] in _CLOSERS:
            return k + 1
    return end


_CLAIM = re.compile(
    r"^(?:that|this|the|these|those|such|their|its) (?:\w+ )?(?:claims?|allegations?|reports?|"
    r"accusations?|charges?|assertions?|suggestions?|notion|idea|characterization|account|"
    r"criticisms?|concerns?|complaints?|objections?|warnings?|arguments?|attacks?|view)\b",
    re.IGNORECASE,
)


# what opens a clause that says something of a topic: "discussed how …", "whether …"
_CLAUSE_OPENERS = frozenset(
    {"how", "whether", "why", "what", "when", "where", "who", "which", "if", "that"}
)
_DETERMINERS = frozenset({"The", "A", "An", "This", "That", "These", "Those", "Its", "Their"})
# who speaks for an actor without being it: "a spokesman for Pfizer", "Pentagon officials"
_SPEAKS_FOR = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "official", "aide", "adviser", "advisor",
     "representative", "source", "insider", "lawyer", "attorney"}
)  # fmt: skip
_OWNERS = frozenset({"his", "her", "its", "their"})

# "the notion that he had been part of an irregular channel": the claim is spelled out, not one
# made just before, and whose it is the sentence does not say
_SPELLED_OUT = re.compile(r"\s+(?:that|of)\b", re.IGNORECASE)


def _claim_targets(atts: list[Attribution], actors: ActorIndex) -> list[Attribution]:
    """ "X denied that claim", "X rejects the criticism": the opposed actor is whoever made the
    last claim before (the organization, when that was its spokesperson after it spoke); not
    for a claim the content spells out ("disputed the notion that …")."""
    out: list[Attribution] = []
    last: list[str] = []
    for att in sorted(atts, key=lambda a: a.cue_span.start):
        if (
            att.stance == "oppose"
            and att.target_actor_id is None
            and (m := _CLAIM.match(att.content)) is not None
            and not _SPELLED_OUT.match(att.content, m.end())
        ):
            target = next((a for a in reversed(last) if a != att.actor_id), None)
            target = _speaker_body(target, last, actors)
            att = att.model_copy(update={"target_actor_id": target})
        if att.actor_id is not None:
            last.append(att.actor_id)
        out.append(att)
    return out


def _speaker_body(target: str | None, last: list[str], actors: ActorIndex) -> str | None:
    """A spokesperson's organization, when it made a claim of its own just before."""
    person = actors.get(target) if target is not None else None
    if person is None or person.kind != "person" or not person.affiliation:
        return target
    body = next((a for a in actors.actors if a.name == person.affiliation), None)
    return body.id if body is not None and body.id in last[-4:] else target


def _yield_to_channels(cands: list[Cand], doc: Doc, text: str) -> list[Cand]:
    """ "X said Y, according to Kyodo": the channel's cue leaves the speaker's content, so the
    speaker's attribution nests inside the channel's."""
    channels = [c.cue_chars for c in cands if c.lemma == "according to"]
    if not channels:
        return cands
    ends = {
        c.cue_chars: char_range(doc, c.source)[1] if c.source is not None else None
        for c in cands
        if c.lemma == "according to"
    }
    for cand in cands:
        if cand.lemma == "according to":
            continue
        for i, (start, end) in enumerate(cand.contents):
            # "X said, according to Kyodo, that Y": the channel opens the content
            lead = next((ends[ch] for ch in channels if ch[0] == start and ends[ch]), None)
            if lead is not None and lead < end and text[lead : lead + 1] in (",", "—", "–"):
                start = lead + 1
                while start < end and text[start].isspace():
                    start += 1
                cand.contents[i] = (start, end)
            cut = min((cs for cs, ce in channels if start < cs and ce <= end), default=None)
            if cut is not None:
                stop = cut
                while stop > start and (text[stop - 1].isspace() or text[stop - 1] in ",;—–-"):
                    stop -= 1
                cand.contents[i] = (start, stop)
        cand.contents = [(s, e) for s, e in cand.contents if s < e]
    return [c for c in cands if c.contents]


_TAIL_MARKS = frozenset({"while", "whereas", "but", "as"})


def _cut_tail_clauses(doc: Doc, cands: list[Cand]) -> None:
    """ "X said A, while others said B", "X said A, pointing to B", "…, which he called C": a
    clause that ends a content and attributes on its own is cut off that content (PolNeAR gives
    it its own attribution) instead of being nested in it."""
    for inner in cands:
        head = doc[inner.head]
        if head.pos_ not in ("VERB", "AUX") or inner.lemma == "according to":
            continue
        left = head.left_edge
        if left.i == 0:
            continue
        before = doc[left.i - 1]
        if before.text not in {",", ";", "—", "–", "--"} and left.lower_ not in _TAIL_MARKS:
            continue
        start = left.idx
        end = head.right_edge.idx + len(head.right_edge)
        for outer in cands:
            if outer is inner:
                continue
            for k, (cs, ce) in enumerate(outer.contents):
                if cs < start and inner.cue_chars[1] <= ce <= end + 3:
                    cut = before.idx if before.is_punct else start
                    outer.contents[k] = (cs, _rstrip(doc.text, cs, cut))
                    inner.cut_from = inner.cut_from or outer
    for cand in cands:
        cand.contents = [(s, e) for s, e in cand.contents if s < e]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;—–-"):
        end -= 1
    return end


def _nest(cands: list[Cand]) -> tuple[list[Cand], list[tuple[Cand, Cand]]]:
    """Split candidates into outer ones and (nested, parent) pairs: outer content wins."""
    outer: list[Cand] = []
    nested: list[tuple[Cand, Cand]] = []
    for cand in sorted(cands, key=lambda c: -c.content_size()):
        parent = next((o for o in outer if o.covers(cand.cue_chars)), None)
        if parent is None:
            if any(o.cue_chars == cand.cue_chars for o in outer):
                continue
            outer.append(cand)
        else:
            nested.append((cand, parent))
    return outer, nested


@dataclass
class _Builder:
    doc: Doc
    article: Article
    sentences: list[Sentence]
    actors: ActorIndex
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.sentences]

    def sentence_of(self, offset: int) -> Sentence:
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.sentences[i]

    def records(self, cand: Cand, parent: Cand | None) -> list[Attribution]:
        text = self.article.text
        cs, ce = cand.cue_chars
        sent = self.sentence_of(cs)
        evidence = Evidence(
            article_id=self.article.id, sentence_index=sent.index, start=sent.start, end=sent.end
        )
        source_text = source_span = actor_id = None
        if cand.source is not None:
            ss, se = char_range(self.doc, cand.source)
            source_text, source_span = text[ss:se], Span(start=ss, end=se)
            actor_id = self.actors.actor_at(ss, se)
        channel, chain = self._channel(cand, parent, actor_id)
        channel = channel or self._spokesperson(cand, actor_id) or self._told_outlet(cand)
        target = None
        if cand.target is not None:
            target = self.actors.actor_at(*char_range(self.doc, cand.target))
        base = Attribution(
            source=source_text,
            source_span=source_span,
            actor_id=actor_id,
            cue=text[cs:ce],
            cue_span=Span(start=cs, end=ce),
            content=text[cand.contents[0][0] : cand.contents[0][1]],
            content_span=Span(start=cand.contents[0][0], end=cand.contents[0][1]),
            kind=cand.kind,
            channel=channel,
            channel_chain=chain,
            stance=cand.stance,
            target_actor_id=target if target != actor_id else None,
            evidence=evidence,
        )
        out = []
        for start, end in cand.contents:
            end = _balance_quotes(text, start, end)
            update = {
                "content": text[start:end],
                "content_span": Span(start=start, end=end),
                "fragment": cand.kind != "direct"
                and (
                    is_fragment(self.doc, start, end, needs_verb=self._needs_verb(cand, start, end))
                    or self._topic_only(cand, start, end)
                    or _PRO_FORM.fullmatch(text[start:end].strip()) is not None
                ),
            }
            out.append(base.model_copy(update=update))
        return out

    def _spokesperson(self, cand: Cand, actor_id: str | None) -> str | None:
        """The channel of words an actor speaks through someone unnamed who speaks for it: "a
        spokesman for Pfizer", "an Obama administration official" (the actor is the company, the
        administration) → "through a spokesman for Pfizer". Not someone who once held the post
        ("a former DNC chairman" speaks for themself), nor one named after the description ("a
        spokesman for Pfizer, Tom Biss": he is the speaker, and no one spoke through him)."""
        if actor_id is None or cand.source is None:
            return None
        span = self.doc[cand.source[0] : cand.source[1]]
        root = span.root
        if root.pos_ != "NOUN" or root.ent_type_ or root.lemma_.lower() not in _SPEAKS_FOR:
            return None
        # whose: a name ("a spokesman for Pfizer", "Trump's lawyer") or a pronoun ("his lawyer")
        owned = any(
            c.dep_ == "poss" and (c.lower_ in _OWNERS or c.pos_ == "PROPN") for c in root.children
        )
        named = owned or any(t.ent_type_ in NAMED for t in span if t.i != root.i)
        if not named or once_held(span):
            return None
        if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in root.children):
            return None  # "a spokesperson for the ministry, Anton Sorby": the named one speaks
        actor = self.actors.get(actor_id)
        if actor is None or root.lower_ in actor.name.lower().split():
            return None  # the speakers themselves ("Norland officials"), not whom they speak for
        ss, se = char_range(self.doc, cand.source)
        # who they are, without an apposition ("Officials at Homeland Security Investigations,
        # a division of …" → "officials at Homeland Security Investigations")
        words = self.article.text[ss:se].split(",", 1)[0].strip()
        first = span[0]
        if words.split(maxsplit=1)[0] in _DETERMINERS or (
            first.pos_ != "PROPN" and not first.ent_type_ and not first.is_upper
        ):
            words = words[0].lower() + words[1:]
        return f"through {words}"

    def _told_outlet(self, cand: Cand) -> str | None:
        """ "Chinese government sources told Reuters they …": the outlet they told is how the
        words reached us, named as written ("told MSNBC's Morning Joe"); whom else they told
        ("reporters", "aides") is not."""
        if cand.lemma != "tell" or cand.source is None:
            return None
        verb = self.doc[cand.head]
        told = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i]
        if not told:
            return None
        ts, te = char_range(self.doc, (told[0].left_edge.i, told[-1].right_edge.i + 1))
        text = self.article.text
        actor = self.actors.get(self.actors.actor_at(ts, te) or "")
        if actor is None or actor.kind != "media" or text[cand.cue_chars[1] : ts].strip():
            return None
        words = text[ts:te].replace("“", "").replace("”", "").replace('"', "").split()
        return f"{text[cand.cue_chars[0] : cand.cue_chars[1]]} {' '.join(words)}"

    def _needs_verb(self, cand: Cand, start: int, end: int) -> bool:
        """Cues whose words must be a clause to be a statement: "according to", "wrote" ("Mike
        Ford wrote three novels" made a work, he stated nothing; PolNeAR still marks it), and
        "reported" with a figure ("Florida reported more than 15,000 new cases" reports a
        count, it states no position; "reported that talks failed" does)."""
        if cand.lemma in ("according to", "write"):
            return True  # (what one "wrote" without a verb is a work: "wrote three novels")
        if cand.lemma != "report":
            return False
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and any(t.like_num or t.text in ("$", "%", "£", "€") for t in span)

    def _topic_only(self, cand: Cand, start: int, end: int) -> bool:
        """ "was discussing voter outreach", "discussed his plan": a topic named, nothing said
        of it, so no statement (PolNeAR still marks the attribution); "discussed how the plan
        could fail" is one."""
        if cand.lemma != "discuss":
            return False
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0 or span[0].lower_ in _CLAUSE_OPENERS:
            return False
        root = span.root
        return root.pos_ not in ("VERB", "AUX") or not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in root.children
        )

    def _channel(
        self, cand: Cand, parent: Cand | None, actor_id: str | None = None
    ) -> tuple[str | None, tuple[str, ...]]:
        """The channel a nested statement came through: its own ("in a statement", "citing
        …"), else the speaker whose words hold it ("the agency said"), unless that speaker is
        the statement's own ("The agency said its researchers concluded …": no channel)."""
        text = self.article.text
        chain: list[str] = []
        channel = cand.channel
        if cand.via and cand.source is not None:
            ss, se = char_range(self.doc, cand.source)
            chain.append(text[ss:se])
            channel = channel or f"citing {cand.via[0]}"
        if parent is not None and parent.source is not None:
            ps, pe = char_range(self.doc, parent.source)
            pcs, pce = parent.cue_chars
            name = text[ps:pe]
            chain.append(name)
            same = actor_id is not None and self.actors.actor_at(ps, pe) == actor_id
            if channel is None and not same:
                if name.split(maxsplit=1)[0] in _DETERMINERS:  # mid-line: "the agency said"
                    name = name[0].lower() + name[1:]
                channel = f"{text[pcs:pce]} {name}" if pcs < ps else f"{name} {text[pcs:pce]}"
        chain.extend(cand.via)
        return channel, tuple(chain)
