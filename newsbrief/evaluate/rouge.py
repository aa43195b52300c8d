"""ROUGE-1, ROUGE-2 and ROUGE-Lsum (Lin, 2004), written for newsbrief.

Conventions follow the usual CNN/DailyMail reporting: text is lowercased, every run of characters
other than ``a-z0-9`` separates tokens, and tokens longer than three characters are reduced with the
Porter stemmer (the original 1980 algorithm, implemented below). ROUGE-Lsum is the summary-level
LCS: for every reference sentence, the union of its longest common subsequences with each candidate
sentence counts as hits, clipped by how often each token occurs on either side.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.evaluate.common import f1_of

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_VOWELS = frozenset("aeiou")


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return f1_of(self.precision, self.recall)


# --------------------------------------------------------------------------- Porter stemmer


def _is_cons(word: str, i: int) -> bool:
    ch = word[i]
    if ch in _VOWELS:
        return False
    if ch == "y":
        return i == 0 or not _is_cons(word, i - 1)
    return True


def _measure(stem: str) -> int:
    """m in [C](VC)^m[V]."""
    m, prev_vowel = 0, False
    for i in range(len(stem)):
        cons = _is_cons(stem, i)
        if cons and prev_vowel:
            m += 1
        prev_vowel = not cons
    return m


def _has_vowel(stem: str) -> bool:
    return any(not _is_cons(stem, i) for i in range(len(stem)))


def _double_cons(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _is_cons(word, len(word) - 1)


def _cvc(word: str) -> bool:
    if len(word) < 3:
        return False
    i = len(word) - 1
    return (
        _is_cons(word, i)
        and not _is_cons(word, i - 1)
        and _is_cons(word, i - 2)
        and word[i] not in "wxy"
    )


_STEP2_RULES = (
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
    ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
    ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
    ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
)  # fmt: skip
_STEP3_RULES = (
    ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
    ("ful", ""), ("ness", ""),
)  # fmt: skip
_STEP4_SUFFIXES = (
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
)  # fmt: skip
# Longest suffix first: only the longest matching suffix of a step is ever considered.
_STEP2: tuple[tuple[str, str], ...] = tuple(sorted(_STEP2_RULES, key=lambda p: -len(p[0])))
_STEP3: tuple[tuple[str, str], ...] = tuple(sorted(_STEP3_RULES, key=lambda p: -len(p[0])))
_STEP4: tuple[str, ...] = tuple(sorted(_STEP4_SUFFIXES, key=len, reverse=True))


def _replace(word: str, rules: tuple[tuple[str, str], ...], min_m: int) -> str:
    for suffix, repl in rules:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            return stem + repl if _measure(stem) > min_m else word
    return word


def _step1ab(word: str) -> str:
    if word.endswith("sses") or word.endswith("ies"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if word.endswith("eed"):
        return word[:-1] if _measure(word[:-3]) > 0 else word
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
            return _step1b_tidy(word[: -len(suffix)])
    return word


def _step1b_tidy(word: str) -> str:
    if word.endswith(("at", "bl", "iz")):
        return word + "e"
    if _double_cons(word) and word[-1] not in "lsz":
        return word[:-1]
    if _measure(word) == 1 and _cvc(word):
        return word + "e"
    return word


def _step4(word: str) -> str:
    for suffix in _STEP4:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if suffix == "ion" and not stem.endswith(("s", "t")):
                return word
            return stem if _measure(stem) > 1 else word
    return word


def _step5(word: str) -> str:
    if word.endswith("e"):
        stem = word[:-1]
        m = _measure(stem)
        if m > 1 or (m == 1 and not _cvc(stem)):
            word = stem
    if word.endswith("ll") and _measure(word) > 1:
        word = word[:-1]
    return word


def porter_stem(word: str) -> str:
    """The Porter (1980) stem of a lowercase word."""
    if len(word) <= 2:
        return word
    word = _step1ab(word)
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    word = _replace(word, _STEP2, 0)
    word = _replace(word, _STEP3, 0)
    word = _step4(word)
    return _step5(word)


# --------------------------------------------------------------------------- tokens and scores

_STEM_CACHE: dict[str, str] = {}


def tokenize(text: str) -> list[str]:
    """Lowercased alphanumeric tokens; those longer than three characters are Porter-stemmed."""
    out: list[str] = []
    for tok in _NON_ALNUM.split(text.lower()):
        if not tok:
            continue
        if len(tok) > 3:
            stem = _STEM_CACHE.get(tok)
            if stem is None:
                stem = _STEM_CACHE.setdefault(tok, porter_stem(tok))
            tok = stem
        out.append(tok)
    return out


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(candidate: str, reference: str, n: int) -> Score:
    """ROUGE-N between two texts (sentence boundaries do not matter)."""
    cand, ref = _ngrams(tokenize(candidate), n), _ngrams(tokenize(reference), n)
    overlap = sum((cand & ref).values())
    c_total, r_total = sum(cand.values()), sum(ref.values())
    return Score(overlap / c_total if c_total else 0.0, overlap / r_total if r_total else 0.0)


def _lcs_positions(ref: Sequence[str], cand: Sequence[str]) -> set[int]:
    """Indices into ``ref`` of one longest common subsequence with ``cand``."""
    rows, cols = len(ref), len(cand)
    table = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        row, prev, tok = table[i], table[i - 1], ref[i - 1]
        for j in range(1, cols + 1):
            row[j] = prev[j - 1] + 1 if tok == cand[j - 1] else max(prev[j], row[j - 1])
    hits: set[int] = set()
    i, j = rows, cols
    while i > 0 and j > 0:
        if ref[i - 1] == cand[j - 1]:
            hits.add(i - 1)
            i, j = i - 1, j - 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return hits


def rouge_lsum(candidate: Sequence[str], reference: Sequence[str]) -> Score:
    """Summary-level ROUGE-L over sentence lists (union LCS, clipped token counts)."""
    cands = [tokenize(s) for s in candidate]
    refs = [tokenize(s) for s in reference]
    cand_left = Counter(t for toks in cands for t in toks)
    ref_left = Counter(t for toks in refs for t in toks)
    c_total, r_total = sum(cand_left.values()), sum(ref_left.values())
    hits = 0
    for ref in refs:
        union: set[int] = set()
        for cand in cands:
            union |= _lcs_positions(ref, cand)
        for i in sorted(union):
            tok = ref[i]
            if cand_left[tok] > 0 and ref_left[tok] > 0:
                hits += 1
                cand_left[tok] -= 1
                ref_left[tok] -= 1
    return Score(hits / c_total if c_total else 0.0, hits / r_total if r_total else 0.0)


def rouge_scores(candidate: Sequence[str], reference: Sequence[str]) -> dict[str, Score]:
    """ROUGE-1, ROUGE-2 and ROUGE-Lsum of candidate sentences against reference sentences."""
    cand_text, ref_text = "\n".join(candidate), "\n".join(reference)
    return {
        "rouge1": rouge_n(cand_text, ref_text, 1),
        "rouge2": rouge_n(cand_text, ref_text, 2),
        "rougeLsum": rouge_lsum(candidate, reference),
    }
