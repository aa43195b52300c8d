"""The verifier's hard checks: each returns the reasons a sentence fails, one line each.

A generated sentence must not carry a name, number, date or quotation its cited sentences lack,
must keep the negation and the hedges of what it retells, and must keep a claim the source
attributed attributed. Each check reads the claim features of ``newsbrief.analyze.claims``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsbrief.analyze.claims import ClaimText, ClaimToken
from newsbrief.analyze.cues import is_cue_lemma
from newsbrief.write.source import Attributed

_NAME_ENTS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
_NUM_ENTS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS: dict[str, str] = {w: str(i) for i, w in enumerate(_UNITS.split())} | {
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "sixty": "60",
    "seventy": "70",
    "eighty": "80",
    "ninety": "90",
    "hundred": "100",
    "thousand": "1000",
    "million": "1000000",
    "billion": "1000000000",
    "trillion": "1000000000000",
    "dozen": "12",
    "half": "0.5",
}
_HEDGES = frozenset({"may", "might", "could"})
_LIGHT = frozenset({"be", "have", "do", "get", "make", "go", "say"})
_HEDGE_WORDS = frozenset(
    {"may", "might", "could", "would", "possibly", "perhaps", "likely", "unlikely", "reportedly",
     "allegedly", "apparently", "probably", "expected", "plan", "planned", "plans", "seek",
     "seeks", "threaten", "threatens", "threatened", "consider", "considering"}
)  # fmt: skip
_DENY = frozenset({"deny", "reject", "refuse", "dismiss", "rule", "decline"})
_QUOTED = re.compile(
    r"\u201c([^\u201d]{3,})\u201d|\"([^\"]{3,})\"|\u2018([^\u2019]{3,}\s[^\u2019]*)\u2019"
    r"|`([^']{3,})'"
)
_DIGITS = re.compile(r"^[$\u20ac\u00a3]?(\d[\d,]*(?:\.\d+)?)(?:%|bn|m|k)?$")


def numbers(claim: ClaimText) -> set[str]:
    """Normalized numbers in a text: digits without separators, number words as digits."""
    out: set[str] = set()
    for t in claim.tokens:
        if not (t.like_num or t.ent in _NUM_ENTS):
            continue
        for part in t.norm.split("-"):
            value = _number_value(part)
            if value is not None:
                out.add(value)
    return out


def _number_value(word: str) -> str | None:
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    m = _DIGITS.match(word)
    if not m:
        return None
    digits = m.group(1).replace(",", "")
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    return digits


def check_numbers(claim: ClaimText, cited: Sequence[ClaimText]) -> list[str]:
    known: set[str] = set().union(*(numbers(c) for c in cited)) if cited else set()
    known |= {y for c in cited for _, v in c.dates for y in re.findall(r"\d+", v)}
    return [f"number {n} is not in the cited text" for n in sorted(numbers(claim) - known)]


def name_tokens(claim: ClaimText) -> list[ClaimToken]:
    return [
        t
        for t in claim.tokens
        if (t.pos == "PROPN" or t.ent in _NAME_ENTS)
        and t.text[:1].isupper()
        and t.norm.isalpha()
        and not t.is_stop
        and not t.like_num
    ]


def check_names(claim: ClaimText, cited: Sequence[ClaimText], names: frozenset[str]) -> list[str]:
    known = {t.norm for c in cited for t in c.tokens} | {t.lemma for c in cited for t in c.tokens}
    known |= names
    missing: list[str] = []
    for t in name_tokens(claim):
        if t.norm in known or t.lemma in known or t.norm.rstrip("s") in known:
            continue
        if t is claim.tokens[0] and t.pos != "PROPN" and not t.ent:
            continue
        if t.text not in missing:
            missing.append(t.text)
    return [f"name {n!r} is not in the cited text" for n in missing]


def check_dates(claim: ClaimText, cited: Sequence[ClaimText]) -> list[str]:
    values = [v for c in cited for _, v in c.dates]
    texts = " ".join(c.text.lower() for c in cited)
    out: list[str] = []
    for text, value in claim.dates:
        if text.lower() in texts or "REF" in value:
            continue
        if any(v == value or v.startswith(value) or value.startswith(v + "T") for v in values):
            continue
        out.append(f"date {text!r} ({value}) is not in the cited text")
    return out


def _squash(text: str) -> str:
    text = re.sub(r"[\u2018\u2019`]", "'", text)
    text = re.sub(r"[\u201c\u201d]", '"', text)
    return re.sub(r"\s+", " ", text).strip().lower()


def quotations(text: str) -> list[str]:
    return [next(g for g in m.groups() if g) for m in _QUOTED.finditer(text)]


def check_quotes(claim: ClaimText, cited: Sequence[ClaimText]) -> list[str]:
    source = _squash(" ".join(c.text for c in cited))
    out: list[str] = []
    for q in quotations(claim.text):
        inner = _squash(q).strip(" ,.'\"")
        if inner and inner not in source:
            out.append(f"quotation \u201c{q.strip()}\u201d is not verbatim in the cited text")
    return out


def _verb_polarity(claim: ClaimText) -> tuple[set[str], set[str]]:
    negated: set[str] = set()
    plain: set[str] = set()
    for t in claim.tokens:
        if t.pos in ("VERB", "ADJ") and not t.is_punct and t.lemma not in _LIGHT:
            (negated if t.negated else plain).add(t.lemma)
    return negated, plain


def check_negation(claim: ClaimText, cited: Sequence[ClaimText]) -> list[str]:
    g_neg, g_plain = _verb_polarity(claim)
    c_neg: set[str] = set()
    c_plain: set[str] = set()
    for c in cited:
        n, p = _verb_polarity(c)
        c_neg |= n
        c_plain |= p
    out = [f"negation added to {v!r}" for v in sorted(g_neg & c_plain - c_neg)]
    out += [f"negation dropped from {v!r}" for v in sorted(c_neg & g_plain - g_neg - c_plain)]
    g_lemmas = {t.lemma for t in claim.tokens}
    denied = {t.lemma for c in cited for t in c.tokens if t.lemma in _DENY and t.pos == "VERB"}
    if denied and not (g_lemmas & _DENY) and not g_neg and _retells_denied(claim, cited):
        out.append(f"the source's {sorted(denied)[0]!r} is dropped")
    return out


def _retells_denied(claim: ClaimText, cited: Sequence[ClaimText]) -> bool:
    """The claim repeats the content of a denial (the words under 'denied') as a fact."""
    g = {t.lemma for t in claim.tokens if t.is_content}
    for c in cited:
        for i, t in enumerate(c.tokens):
            if t.lemma not in _DENY or t.pos != "VERB":
                continue
            under = {u.lemma for u in c.tokens if u.is_content and _under(c, u, i)}
            if len(g & under) >= 2:
                return True
    return False


def _under(claim: ClaimText, token: ClaimToken, ancestor: int) -> bool:
    toks = claim.tokens
    cur = token
    for _ in range(8):
        if cur.head == ancestor:
            return True
        if toks[cur.head] is cur:
            return False
        cur = toks[cur.head]
    return False


def check_modality(claim: ClaimText, cited: Sequence[ClaimText]) -> list[str]:
    if any(t.norm in _HEDGE_WORDS or t.lemma in _HEDGE_WORDS for t in claim.tokens):
        return []
    plain = {
        t.lemma for t in claim.tokens if t.pos == "VERB" and not t.modals and t.lemma not in _LIGHT
    }
    unhedged = {t.lemma for c in cited for t in c.tokens if t.pos == "VERB" and not t.modals}
    hedged = {
        t.lemma
        for c in cited
        for t in c.tokens
        if t.pos == "VERB" and any(m in _HEDGES for m in t.modals)
    }
    return [f"the hedge on {v!r} is dropped" for v in sorted(plain & hedged - unhedged)]


def check_attribution(claim: ClaimText, attributed: Sequence[Attributed]) -> list[str]:
    if not attributed:
        return []
    words = {t.norm for t in claim.tokens if t.is_content and len(t.norm) > 3}
    if any(is_cue_lemma(t.lemma) or t.norm == "according" for t in claim.tokens):
        return []
    for att in attributed:
        shared = words & att.words
        if len(shared) >= 2 and len(shared) >= 0.5 * len(words):
            speaker = {w.lower() for w in att.source.split() if len(w) > 2}
            if speaker & {t.norm for t in claim.tokens}:
                continue
            return [f"a claim the source attributes to {att.source} is stated as fact"]
    return []
