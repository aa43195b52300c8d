"""The article body regrouped under short thematic subheads.

Blocks are cut at paragraph boundaries where the vocabulary shifts, in the manner of TextTiling
(Hearst, 1997): each gap between paragraphs gets a cohesion score — the cosine between the
key phrases and names of the paragraphs just before and just after it — and the gaps that sit in
the deepest valleys of that curve become boundaries, never leaving a one-paragraph block when a
longer one is possible. Each block is headed by the noun phrase most particular to it, as the
article writes it, title-cased: a heading is drawn from the text, never invented.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence

from newsbrief.compose.evidence import sentence_evidence
from newsbrief.compose.trim import content_words, words_of
from newsbrief.models import Analysis, BodyParagraph, BodySection, BodySentence, Sentence
from newsbrief.settings import Settings

WINDOW = 2  # paragraphs on each side of a gap
DECAY = 1.0  # weight of each paragraph further from the gap (1: a plain window)
PARAS_PER_SECTION = 3  # about how many paragraphs a section holds
MIN_HEADING_WORDS = 2
MAX_HEADING_WORDS = 5
_GENERIC = words_of(
    """people time year day week month thing way lot part number statement reporter percent
    per cent official officials report news thing things today yesterday monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september
    october november december man woman men women group end case side issue world secretary
    analyst spokesman spokeswoman spokesperson minister chief executive director envoy chair
    chairman president member reporters"""
)
# a phrase naming somebody by office ("transport minister halvard oskarsen") heads a block badly
_PEOPLE = words_of(
    """minister secretary official spokesman spokeswoman spokesperson chief executive director
    envoy chair chairman president analyst mayor governor senator leader member reporter ceo
    commissioner prosecutor judge"""
)
_SMALL = words_of("a an the and or nor of in on at to for by with from as vs")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z]+")


def body_sections(analysis: Analysis, settings: Settings) -> tuple[BodySection, ...]:
    """Every paragraph in exactly one section, sections in article order."""
    paragraphs = _paragraphs(analysis.sentences)
    if not paragraphs:
        return ()
    blocks = _blocks(paragraphs, settings)
    headings = _headings([[s for p in block for s in p] for block in blocks])
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


def _paragraphs(sentences: Sequence[Sentence]) -> list[list[Sentence]]:
    by_para: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_para.setdefault(s.paragraph, []).append(s)
    return [by_para[k] for k in sorted(by_para)]


# --------------------------------------------------------------------------- segmentation


def _blocks(paragraphs: list[list[Sentence]], settings: Settings) -> list[list[list[Sentence]]]:
    n = len(paragraphs)
    if n <= 3:
        return [paragraphs]
    want = round(n / PARAS_PER_SECTION)
    want = max(settings.min_sections, min(settings.max_sections, want, n // 2))
    vectors = [_vector(p) for p in paragraphs]
    depths = _depths(_cohesion(vectors))
    cuts = _choose_cuts(depths, n, want - 1)
    bounds = [0, *cuts, n]
    return [paragraphs[a:b] for a, b in itertools.pairwise(bounds)]


def _vector(paragraph: list[Sentence]) -> Counter[str]:
    bag: Counter[str] = Counter()
    for s in paragraph:
        words = [w for phrase in s.keyphrases for w in phrase.split() if len(w) > 2]
        words += [w for e in s.entities for w in e.lower().split() if len(w) > 2]
        bag.update(words or content_words(s.text))
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


# --------------------------------------------------------------------------- headings


def _headings(blocks: list[list[Sentence]]) -> list[str]:
    texts = [" ".join(s.text for s in block) for block in blocks]
    bags = [Counter(_stem(w) for w in _WORD.findall(t.lower())) for t in texts]
    df: Counter[str] = Counter(w for bag in bags for w in bag)
    used: set[str] = set()
    out = []
    for block, text, bag in zip(blocks, texts, bags, strict=True):
        weights = {w: n * math.log(1 + len(blocks) / df[w]) for w, n in bag.items()}
        ranked = _rank_phrases(block, text, weights)
        heading = _heading_for(text, ranked, used)
        used.add(heading.lower())
        out.append(heading)
    return out


def _rank_phrases(block: list[Sentence], text: str, weights: dict[str, float]) -> list[str]:
    """The block's noun phrases, best heading first: words particular to the block, repeated,
    in its opening sentence; names count a little less than common nouns."""
    phrases = _phrase_counts(block)
    topic = set(_phrase_counts(block[:1]))
    names = {" ".join(e.lower().split()) for s in block for e in s.entities}
    scored = []
    for phrase, tf in phrases.items():
        if _surface(phrase, text) is None:
            continue
        words = phrase.split()
        top = sorted((weights.get(_stem(w), 0.0) for w in words if w not in _GENERIC), reverse=True)
        score = sum(top[:2]) + 0.3 * (tf - 1) + 0.5 * (phrase in topic)
        score *= {1: 0.6, 2: 1.0, 3: 1.0, 4: 0.85}.get(len(words), 0.7)
        score *= 0.75 if phrase in names else 1.0
        score *= 0.5 if _PEOPLE & set(words) else 1.0
        scored.append((-score, phrase))
    return [p for _, p in sorted(scored)]


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _phrase_counts(block: list[Sentence]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for s in block:
        for phrase in s.keyphrases:
            words = [w for w in phrase.split() if w.isalpha()]
            if words and not all(w in _GENERIC for w in words):
                counts[" ".join(words[-MAX_HEADING_WORDS:])] += 1
    return counts


def _heading_for(text: str, ranked: list[str], used: set[str]) -> str:
    surface = {p: _surface(p, text) or p for p in ranked}
    fresh = [p for p in ranked if surface[p].lower() not in used]
    if not fresh:
        return "More Details" if used else "The Story"
    best = fresh[0]
    if len(best.split()) < MIN_HEADING_WORDS:
        longer = [p for p in fresh if best in p.split() and 1 < len(p.split()) <= 4]
        partner = next((p for p in fresh[1:] if len(p.split()) == 1), None)
        if longer:
            best = longer[0]
        elif partner is not None:
            return _title(f"{surface[best]} and {surface[partner]}")
    return _title(surface[best])


def _surface(phrase: str, text: str) -> str | None:
    """The phrase as the article writes it ("wage talk" → "wage talks"), if it does."""
    words = phrase.split()
    pattern = r"(?:\s+|['’]s?\s*|-)".join(re.escape(w) + r"[\w'’]*" for w in words)
    matches = [m.group(0) for m in re.finditer(r"(?<!\w)" + pattern, text, re.I)]
    if not matches:
        return None
    found = next((m for m in matches if not m.isupper()), matches[0])
    return _SPACE.sub(" ", found.rstrip("'’")).strip()


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
