"""The article body regrouped under short thematic subheads.

Blocks are cut at paragraph boundaries where the vocabulary shifts, in the manner of TextTiling
(Hearst, 1997): each gap between paragraphs gets a cohesion score — the cosine between the
key phrases, names and speaking sides of the paragraphs just before and just after it — and the
gaps that sit in the deepest valleys of that curve become boundaries, never leaving a
one-paragraph block when a longer one is possible. ``newsbrief.compose.headings`` heads each
block by its topic.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence

from newsbrief.compose.evidence import sentence_evidence
from newsbrief.compose.headings import block_headings, speaker_sides
from newsbrief.compose.trim import content_words
from newsbrief.compose.unshout import BodyCase, sentence_case
from newsbrief.models import Analysis, BodyParagraph, BodySection, BodySentence, Sentence
from newsbrief.settings import Settings

WINDOW = 2  # paragraphs on each side of a gap
DECAY = 1.0  # weight of each paragraph further from the gap (1: a plain window)
PARAS_PER_SECTION = 3  # about how many paragraphs a section holds
SPEAKER_WEIGHT = 3  # a side taking the floor weighs like a word said three times
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def body_sections(analysis: Analysis, settings: Settings) -> tuple[BodySection, ...]:
    """Every paragraph in exactly one section, sections in article order."""
    paragraphs = _paragraphs(analysis.sentences)
    if not paragraphs:
        return ()
    own = _own_sections(analysis, paragraphs)
    if own is not None:
        blocks, headings = own
    else:
        blocks = _blocks(paragraphs, settings, speaker_sides(analysis))
        headings = block_headings(analysis, [[s for p in block for s in p] for block in blocks])
    return tuple(
        BodySection(
            heading=heading,
            paragraphs=tuple(
                BodyParagraph(
                    sentences=tuple(
                        BodySentence(text=s.text, evidence=sentence_evidence(analysis, s))
                        for s in para
                    )
                )
                for para in block
            ),
        )
        for block, heading in zip(blocks, headings, strict=True)
    )


def _own_sections(
    analysis: Analysis, paragraphs: list[list[Sentence]]
) -> tuple[list[list[list[Sentence]]], list[str]] | None:
    """The article's own subheads as section headings (None when it has none): each subhead
    heads the paragraphs up to the next one (none when another subhead follows at once);
    paragraphs before the first get a heading of ours.
    A subhead set in capitals is shown in sentence case (see ``unshout``)."""
    article = analysis.article
    subheads = [
        (p.start, _SPACE.sub(" ", article.text[p.start : p.end]).strip())
        for i, p in enumerate(article.paragraphs)
        if article.paragraph_kind(i) == "subhead"
    ]
    first = paragraphs[0][0].start if paragraphs else 0
    subheads = [
        (start, head)
        for start, head in subheads
        if start > first or not _repeats(head, article.title or "")
    ]
    if not subheads:
        return None
    case = BodyCase(s.text for s in analysis.sentences)
    subheads = [(start, sentence_case(head, case)) for start, head in subheads]
    blocks: list[list[list[Sentence]]] = []
    headings: list[str | None] = []
    k = 0
    for para in paragraphs:
        start = para[0].start
        passed = []
        while k < len(subheads) and subheads[k][0] < start:
            passed.append(subheads[k][1])
            k += 1
        # subheads in a row: a section's heading over the next ('Girls basketball', then a
        # game's result), each kept as a heading of its own
        for heading in passed:
            blocks.append([])
            headings.append(heading)
        if not blocks:
            blocks.append([])
            headings.append(None)
        blocks[-1].append(para)
    if headings[0] is None:
        ours = block_headings(analysis, [[s for p in blocks[0] for s in p]])[0]
        taken = {h.lower() for h in headings if h is not None}
        headings[0] = ours if ours.lower() not in taken else "Overview"
    return blocks, [h or "" for h in headings]


def _repeats(head: str, title: str) -> bool:
    """A line above the body that says what the headline says ('High School Roundup: Viera
    defeats Rockledge' under 'HS Roundup: Viera defeats Rockledge'): the headline again."""
    words, said = set(_WORD.findall(head.lower())), set(_WORD.findall(title.lower()))
    return bool(words) and len(words & said) >= 0.6 * len(words)


def _paragraphs(sentences: Sequence[Sentence]) -> list[list[Sentence]]:
    by_para: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_para.setdefault(s.paragraph, []).append(s)
    return [by_para[k] for k in sorted(by_para)]


# --------------------------------------------------------------------------- segmentation


def _blocks(
    paragraphs: list[list[Sentence]], settings: Settings, sides: dict[int, set[str]] | None = None
) -> list[list[list[Sentence]]]:
    n = len(paragraphs)
    if n <= 3:
        return [paragraphs]
    want = round(n / PARAS_PER_SECTION)
    want = max(settings.min_sections, min(settings.max_sections, want, n // 2))
    vectors = [_vector(p, sides or {}) for p in paragraphs]
    depths = _depths(_cohesion(vectors))
    cuts = _choose_cuts(depths, n, want - 1)
    bounds = [0, *cuts, n]
    return [paragraphs[a:b] for a, b in itertools.pairwise(bounds)]


def _vector(paragraph: list[Sentence], sides: dict[int, set[str]]) -> Counter[str]:
    """Key words and names of the paragraph, and the sides speaking in it: when another side
    takes the floor, the story has moved on even if the words stay the same."""
    bag: Counter[str] = Counter()
    for s in paragraph:
        words = [w for phrase in s.keyphrases for w in phrase.split() if len(w) > 2]
        words += [w for e in s.entities for w in e.lower().split() if len(w) > 2]
        bag.update(words or content_words(s.text))
        for side in sides.get(s.index, ()):
            bag["@" + side] += SPEAKER_WEIGHT
    return bag


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _cohesion(vectors: list[Counter[str]]) -> list[float]:
    """Cohesion at each gap g (between paragraph g and g + 1): the paragraphs on each side,
    nearer ones weighing more."""
    out = []
    for g in range(len(vectors) - 1):
        left: dict[str, float] = {}
        for i in range(g, max(-1, g - WINDOW), -1):
            _add(left, vectors[i], DECAY ** (g - i))
        right: dict[str, float] = {}
        for j in range(g + 1, min(len(vectors), g + 1 + WINDOW)):
            _add(right, vectors[j], DECAY ** (j - g - 1))
        out.append(_cosine(left, right))
    return out


def _add(total: dict[str, float], vector: Counter[str], weight: float) -> None:
    for key, value in vector.items():
        total[key] = total.get(key, 0.0) + value * weight


def _depths(scores: list[float]) -> list[float]:
    """How far each gap sits below the highest points on its left and right."""
    out = []
    for i, c in enumerate(scores):
        left = max(scores[: i + 1])
        right = max(scores[i:])
        out.append((left - c) + (right - c))
    return out


def _choose_cuts(depths: list[float], n: int, count: int) -> list[int]:
    """``count`` cut positions (1..n-1), deepest first, keeping blocks two paragraphs long when
    the article allows; a cut after paragraph g is position g + 1."""
    order = sorted(range(len(depths)), key=lambda g: (-depths[g], g))
    for min_len in (2, 1):
        cuts: list[int] = []
        for g in order:
            pos = g + 1
            bounds = sorted([0, *cuts, pos, n])
            if all(b - a >= min_len for a, b in itertools.pairwise(bounds)):
                cuts.append(pos)
            if len(cuts) == count:
                return sorted(cuts)
    return sorted(cuts)
