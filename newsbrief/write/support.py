"""Lexical support of a sentence by source text: a score in 0..1 and the best-matching sentences.

Three signals, measured on QAGS (CNN/DailyMail, dev) one by one and then together:

- **fragments**: the sentence's words covered greedily by the longest runs copied from the
  source (Grusky et al.'s extractive fragments; a word found nowhere is a fragment of its own).
  A faithful sentence is a few long runs; a fused or invented one is many short pieces.
  ``1 - fragments / words``.
- **best sentence bigrams**: the share of the sentence's word bigrams found in the single best
  source sentence.
- **arcs**: the share of the sentence's dependency arcs between content words (and to their
  grandparents) whose lemma pair is also an arc in the source: who did what to whom.

``support = (3·fragments + bigrams + arcs) / 5``; the weights are rounded from a logistic fit on
the dev split (cross-validated ROC-AUC 0.856 for the three together, 0.83 for fragments alone,
each measured against the whole article; the verifier measures them against the cited sentences).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from newsbrief.analyze.claims import ClaimText, ClaimToken

__all__ = ["best_matches", "lexical_support", "words"]

_SEP = "\0"


def words(claim: ClaimText) -> list[str]:
    return [t.norm for t in claim.tokens if not t.is_punct and t.norm]


def _bigrams(ws: Sequence[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(ws))


def best_matches(claim: ClaimText, sources: Sequence[ClaimText], *, k: int = 3) -> list[int]:
    """The ``k`` source texts sharing the most word bigrams (then words) with ``claim``."""
    ws = words(claim)
    bg, ws_set = _bigrams(ws), set(ws)
    scored = []
    for i, src in enumerate(sources):
        sw = words(src)
        scored.append((len(bg & _bigrams(sw)), len(ws_set & set(sw)), -i))
    order = sorted(range(len(sources)), key=lambda i: scored[i], reverse=True)
    return sorted(order[:k])


def fragment_score(ws: Sequence[str], source_words: Sequence[str]) -> float:
    """``1 - fragments / words``: few long copied runs score high, many short pieces low."""
    if not ws:
        return 0.0
    where: dict[str, list[int]] = {}
    for j, w in enumerate(source_words):
        where.setdefault(w, []).append(j)
    i = fragments = 0
    while i < len(ws):
        best = 0
        for j in where.get(ws[i], ()):
            k = 0
            while (
                i + k < len(ws) and j + k < len(source_words) and ws[i + k] == source_words[j + k]
            ):
                k += 1
            best = max(best, k)
        fragments += 1
        i += max(best, 1)
    return 1.0 - fragments / len(ws)


def _arcs(claim: ClaimText) -> set[tuple[str, str]]:
    toks = claim.tokens
    out: set[tuple[str, str]] = set()
    for t in toks:
        if not t.is_content:
            continue
        head = toks[t.content_head]
        grand = toks[head.content_head]
        for h in (head, grand):
            if h is not t:
                out.add((t.lemma, h.lemma))
                out.add((h.lemma, t.lemma))
    return out


def _claim_arcs(claim: ClaimText) -> list[tuple[str, str]]:
    toks: tuple[ClaimToken, ...] = claim.tokens
    return [
        (t.lemma, toks[t.content_head].lemma)
        for i, t in enumerate(toks)
        if t.is_content and t.content_head != i
    ]


def lexical_support(claim: ClaimText, cited: Sequence[ClaimText]) -> float:
    """How well the cited source texts support ``claim`` lexically, 0..1."""
    ws = words(claim)
    if not ws or not cited:
        return 0.0
    source_words: list[str] = []
    for c in cited:
        source_words += [*words(c), _SEP]
    frag = fragment_score(ws, source_words)
    bg = _bigrams(ws)
    best_bg = max(len(bg & _bigrams(words(c))) for c in cited) / len(bg) if bg else 1.0
    arcs = _claim_arcs(claim)
    known: set[tuple[str, str]] = set().union(*(_arcs(c) for c in cited))
    arc = sum(a in known for a in arcs) / len(arcs) if arcs else 1.0
    return max(0.0, min(1.0, (3 * frag + best_bg + arc) / 5))
