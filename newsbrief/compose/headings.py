"""Subheads for the body's blocks: name what each block is about, as an editor would.

A block in which one side does most of the talking is headed by that side and what it does
there: "Operators' Position", "Government Response", "Union's Demands", "Halvoria's Objections".
The side is the speaker's organisation, group or country (never a person's name); what it does
comes from the reporting verbs (demand, warn, reject …). A block that mostly tells consequences
for the economy, the environment or jobs is headed "Economic Impact" and the like; otherwise a
block is headed by its most salient noun phrase as the article writes it: a phrase repeated in
the block and rare in the others weighs most, a phrase the block uses once counts less, and names
of people, places alone and office titles are left out, and a phrase that only says how
something was counted ("Percentage Points", "Random Sample") or a bare generic noun ("Bill")
heads a block only when it holds nothing more specific.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from newsbrief.compose.trim import words_of
from newsbrief.models import Actor, Analysis, Attribution, Sentence

MAX_HEADING_WORDS = 4
_GENERIC = words_of(
    """people time year day week month thing way lot part number statement reporter percent
    per cent official officials report news thing things today yesterday monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september
    october november december man woman men women group end case side issue world secretary
    analyst spokesman spokeswoman spokesperson minister chief executive director envoy chair
    chairman president member reporters table place rest area dollar euro million billion"""
)
_OFFICE = words_of(
    """minister secretary official spokesman spokeswoman spokesperson chief executive director
    envoy chair chairman president analyst mayor governor senator leader member reporter ceo
    commissioner prosecutor judge master"""
)
# a measure or the method of a count, not a topic: a heading "Percentage Points" or "Random
# Sample" tells the reader nothing that the block's figures do not
_MEASURE = words_of(
    """percent percentage point points sample samples survey surveys margin margins error errors
    digit digits respondent respondents"""
)
# words that name no topic of their own: modifiers any count or story may carry ("recent",
# "low single"), and nouns that head a block badly alone ("Bill", "Lead", "Effort")
_BLAND = words_of(
    """random recent latest new previous low high single double overall total bill lead deal plan
    law measure move effort attempt step steps decision vote result results talks meeting"""
)
_BLAND_WEIGHT = 0.2  # a bland phrase heads a block only when nothing more specific is at hand
_GOVERNMENT_ROLE = re.compile(r"\b(?:minister|ministry|government|president|premier)\b", re.I)
_SMALL = words_of("a an the and or nor of in on at to for by with from as vs")
# what may follow a phrase's word in the text for it to be the same word
_INFLECTIONS = frozenset({"", "s", "es", "'s", "’s", "s'", "s’", "ed", "d", "ing", "'", "’"})
# what a side does in a block, by the lemma of its reporting verbs; "Position" otherwise
_FACETS: tuple[tuple[str, frozenset[str]], ...] = (
    ("Demands", words_of("demand demanding demanded call calling called press pressing pressed")),
    ("Warnings", words_of("warn warned warns warning caution cautioned cautions")),
    (
        "Objections",
        words_of(
            """reject rejects rejected deny denies denied dispute disputes disputed dismiss
            dismissed criticise criticised criticize criticized accuse accused oppose opposed"""
        ),
    ),
)
# consequence blocks: a domain word in the block names the kind of impact
_IMPACTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("Economic Impact", words_of("economy economic exporter exports trade market supply losses")),
    ("Environmental Impact", words_of("water environment environmental drought emissions")),
    ("Impact on Jobs", words_of("jobs job workers employment layoffs")),
)
_IMPACT_ROLES = frozenset({"consequence", "significance"})
_OUTLOOK_ROLES = frozenset({"consequence", "significance", "forward_looking"})
_SPOKEN_ROLES = frozenset({"reaction", "forward_looking"})
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class _Block:
    sentences: list[Sentence]
    text: str
    speakers: Counter[str]  # side label → sentences in which it speaks
    cues: Counter[str]  # side label → reporting-verb words


def block_headings(analysis: Analysis, blocks: Sequence[Sequence[Sentence]]) -> list[str]:
    """One heading per block, no two alike."""
    actors = {a.id: a for a in analysis.actors}
    by_sentence: dict[int, list[Attribution]] = {}
    for att in analysis.attributions:
        by_sentence.setdefault(att.evidence.sentence_index, []).append(att)
    infos = [_block(list(b), by_sentence, actors) for b in blocks]
    named = _named_words(analysis.actors)
    word_df: Counter[str] = Counter(
        w for info in infos for w in {w for p in _phrase_counts(info.sentences) for w in p.split()}
    )
    used: set[str] = set()
    out = []
    for pos, info in enumerate(infos):
        options = itertools.chain(_framed(info, pos), _topics(info, word_df, len(infos), named))
        heading = next((h for h in options if h.lower() not in used), "More Details")
        used.add(heading.lower())
        out.append(heading)
    return out


def _block(
    sentences: list[Sentence], by_sentence: dict[int, list[Attribution]], actors: dict[str, Actor]
) -> _Block:
    speakers: Counter[str] = Counter()
    cues: Counter[str] = Counter()
    for s in sentences:
        sides = set()
        for att in by_sentence.get(s.index, ()):
            actor = actors.get(att.actor_id or "")
            side = _side(actor) if actor is not None else None
            if side is None:
                continue
            sides.add(side)
            cues.update(f"{side}\t{w}" for w in att.cue.lower().split())
        speakers.update(sides)
    return _Block(sentences, " ".join(s.text for s in sentences), speakers, cues)


def speaker_sides(analysis: Analysis) -> dict[int, set[str]]:
    """Sentence index → the sides speaking in it (see ``_side``)."""
    actors = {a.id: a for a in analysis.actors}
    out: dict[int, set[str]] = {}
    for att in analysis.attributions:
        actor = actors.get(att.actor_id or "")
        side = _side(actor) if actor is not None else None
        if side is not None:
            out.setdefault(att.evidence.sentence_index, set()).add(side)
    return out


def _side(actor: Actor) -> str | None:
    """The side an actor speaks for, named shortly: a government official's country or
    "Government", a person's organisation, a group or organisation by its own name."""
    if actor.kind == "media":
        return None
    if actor.kind == "person":
        if actor.role and _GOVERNMENT_ROLE.search(actor.role):
            return _affiliated(actor.affiliation) if actor.affiliation else "Government"
        if actor.role and "analyst" in actor.role.lower():
            return "Analysts"
        return _affiliated(actor.affiliation) if actor.affiliation else None
    return _short(actor.name)


# a party a person belongs to, as the side of a heading: "Republicans' Position", where the
# party word alone read like a person's name ("Republican's Position", "Republican, Wis.'s")
_PARTY_SIDES = {
    "republican": "Republicans",
    "gop": "Republicans",
    "democrat": "Democrats",
    "democratic": "Democrats",
    "independent": "Independents",
}


def _affiliated(affiliation: str) -> str:
    """A person's side from their affiliation: a party ("Republican", "Republican, Wis.") as
    its members, anything else shortly (see ``_short``)."""
    party = _PARTY_SIDES.get(affiliation.split(",")[0].strip().lower())
    return party if party else _short(affiliation)


def _short(name: str) -> str:
    """ "Republic of Halvoria" → "Halvoria"; "Selane Dock and Harbour Workers' Union" → "Union";
    "Three companies" → "Companies"; "University of Michigan" as written."""
    name = re.sub(r"^(?:the |republic of |kingdom of |state of )", "", name.strip(), flags=re.I)
    owner = re.match(r"^(.+?)['’]s ", name)
    if owner:  # "Halvoria's foreign ministry" speaks for Halvoria
        name = _short(owner.group(1))
    words = name.split()
    if words and words[0].lower() in _NUMBER_WORDS:
        words = words[1:]
    if len(words) > 3:
        words = words[-1:]
    if not words:
        return name
    # title case as a headline writes it: "University of Michigan", not "University Of"
    return " ".join(
        w if i and w in _MINOR_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )


_MINOR_WORDS = words_of("of the and for in at on")
_NUMBER_WORDS = words_of("two three four five six seven eight nine ten several many some")


def _framed(info: _Block, pos: int) -> list[str]:
    """Headings that frame the block by who speaks in it or by what it tells of impact."""
    out = []
    n = len(info.sentences)
    spoken = sum(s.role in _SPOKEN_ROLES for s in info.sentences)
    if info.speakers and pos > 0:
        side, count = info.speakers.most_common(1)[0]
        others = sum(info.speakers.values()) - count
        if count >= max(2, others + 1) and 2 * spoken >= n:
            out.append(_side_heading(side, info.cues))
    impact = sum(s.role in _IMPACT_ROLES for s in info.sentences)
    outlook = sum(s.role in _OUTLOOK_ROLES for s in info.sentences)
    if pos > 0 and impact and 2 * outlook >= n:
        words = set(_WORD.findall(info.text.lower()))
        out.extend(label for label, cue in _IMPACTS if words & cue)
    return out


def _side_heading(side: str, cues: Counter[str]) -> str:
    said = Counter({k.split("\t")[1]: v for k, v in cues.items() if k.startswith(side + "\t")})
    for facet, lemmas in _FACETS:
        if any(said[w] for w in lemmas):
            return f"{_possessive(side)} {facet}"
    if side == "Government":
        return "Government Response"
    return f"{_possessive(side)} Position"


def _possessive(side: str) -> str:
    return side + "'" if side.endswith("s") else side + "'s"


# --------------------------------------------------------------------------- topic phrases


def _topics(
    info: _Block, word_df: Counter[str], n_blocks: int, named: frozenset[str]
) -> Iterator[str]:
    """The block's noun phrases as headings, most salient first: each word weighs by the number
    of the block's sentences that use it and by how few other blocks do.

    Lazy: finding a phrase's surface form in the text is the costly step, so candidates are
    taken in order of their score before the surface penalty (an upper bound) and yielded as
    soon as no later candidate can beat them; callers usually need only the first one or two.
    """
    counts = _phrase_counts(info.sentences)
    in_block = Counter(w for p, c in counts.items() for w in set(p.split()) for _ in range(c))
    excluded = _names(info.sentences)
    bounds: list[tuple[float, int, str]] = []
    for phrase in counts:
        words = phrase.split()
        if (
            phrase in excluded
            or (_OFFICE | named) & set(words)
            or all(w in _GENERIC for w in words)
        ):
            continue
        weights = [
            0.0 if w in _GENERIC else in_block[w] * math.log(1 + n_blocks / word_df[w])
            for w in words
        ]
        score = sum(weights) / len(words)
        score *= 0.5 if max(in_block[w] for w in words) < 2 else 1.0  # said once: incidental
        score *= {1: 0.3, 2: 1.0, 3: 0.9}.get(len(words), 0.6)
        score *= _BLAND_WEIGHT if _bland(words) else 1.0
        bounds.append((-score, len(bounds), phrase))
    bounds.sort()
    ready: list[tuple[float, int, str]] = []  # heap of (-final score, order, surface)
    for neg_bound, order, phrase in bounds:
        while ready and ready[0][0] <= neg_bound:
            yield _title(heapq.heappop(ready)[2])
        surface = _surface(phrase, info.text)
        if surface is None:
            continue
        penalty = 0.7 if "'" in surface or "’" in surface else 1.0  # "region's history"
        heapq.heappush(ready, (neg_bound * penalty, order, surface))
    while ready:
        yield _title(heapq.heappop(ready)[2])


def _bland(words: Sequence[str]) -> bool:
    """A phrase of measures and generic words only ("percentage points", "random sample",
    "bill"), or one headed by a measure ("likely voter sample"): it says how something was
    counted, not what the block is about."""
    return words[-1] in _MEASURE or all(w in _GENERIC | _MEASURE | _BLAND for w in words)


def _phrase_counts(sentences: Sequence[Sentence]) -> Counter[str]:
    """Noun phrases by the number of sentences using them (alphabetic words, at most four)."""
    counts: Counter[str] = Counter()
    for s in sentences:
        seen: dict[str, None] = {}  # in text order: ties between headings break the same each run
        for phrase in s.keyphrases:
            words = [w for w in phrase.split() if w.isalpha()]
            while len(words) > 1 and words[0] in _GENERIC:
                words = words[1:]  # "month summit" (next month's summit) → "summit"
            if words:
                seen[" ".join(words[-MAX_HEADING_WORDS:])] = None
        counts.update(seen.keys())
    return counts


def _named_words(actors: Sequence[Actor]) -> frozenset[str]:
    """Words of the names of people and places: a heading names a topic, not who or where."""
    out: set[str] = set()
    for actor in actors:
        if actor.kind in ("person", "country"):
            for name in (actor.name, *actor.aliases):
                out.update(w for w in _WORD.findall(name.lower()) if w not in _SMALL)
    return frozenset(out)


def _names(sentences: Sequence[Sentence]) -> set[str]:
    """Names of people and places in the block, lowercased, and each of their words."""
    out: set[str] = set()
    for s in sentences:
        for entity in s.entities:
            words = [w for w in _WORD.findall(entity.lower()) if w not in _SMALL]
            out.update(words)
            out.add(" ".join(words))
    return out


def _surface(phrase: str, text: str) -> str | None:
    """The phrase as the article writes it ("wage talk" → "wage talks"), if it does: an
    inflected form of each word where the text has one ("bill" is not "billion")."""
    words = phrase.split()
    pattern = r"(?:\s+|['’]s?\s*|-)".join(re.escape(w) + r"([\w'’]*)" for w in words)
    found_all = list(re.finditer(r"(?<!\w)" + pattern, text, re.I))
    if not found_all:
        return None
    inflected = [m for m in found_all if all(g.lower() in _INFLECTIONS for g in m.groups())]
    matches = [m.group(0) for m in inflected or found_all]
    found = next((m for m in matches if not m.isupper()), matches[0])
    found = re.sub(r"['’]s?$", "", found)  # "company's" → "company"
    return re.sub(r"\s+", " ", found).strip()


def _title(phrase: str) -> str:
    words = phrase.split()[:MAX_HEADING_WORDS]
    if len(words) > 1 and all(w.isupper() for w in words):
        words = [w.lower() for w in words]  # a dateline in capitals: title-case it
    out = []
    for i, word in enumerate(words):
        if i and word.lower() in _SMALL:
            out.append(word.lower())
        elif any(c.isupper() for c in word[1:]) or (word.isupper() and len(word) > 1):
            out.append(word)  # acronyms and names like "McDonald" stay as written
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(out)
