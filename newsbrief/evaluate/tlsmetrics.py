"""Timeline summarization metrics (Martschat & Markert, 2017), written for newsbrief.

A timeline is a mapping ``date -> [sentence, …]``. Tokens are those of our ROUGE
(``newsbrief.evaluate.rouge.tokenize``: lowercased, alphanumeric, Porter-stemmed), with English
stop words left out as in the ROUGE setup used for timeline summarization.

- ``date_f1``: exact-date F1 between the two date sets.
- ``concat``: ROUGE-N over all sentences of each timeline, dates ignored.
- ``align`` (align+ m:1, as used by Gholipour Ghalandari & Ifrim, 2020): every predicted date is
  mapped to the reference date of least cost, and (for recall) every reference date to the
  predicted date of least cost; the cost of a pair is ``(1 - 1/(|Δdays|+1)) · (1 - F1)``, F1 the
  unigram overlap of the two days' texts. The n-gram hits of each mapped pair count with the weight
  ``1/(|Δdays|+1)``; precision divides the weighted hits by all predicted n-grams, recall by all
  reference n-grams.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from newsbrief.evaluate.common import f1_of
from newsbrief.evaluate.rouge import tokenize

Timeline = Mapping[date, Sequence[str]]


@cache
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(tokenize(" ".join(sorted(STOP_WORDS))))


def content_tokens(sentences: Sequence[str]) -> list[str]:
    """Stemmed tokens of the sentences, stop words left out."""
    stop = _stop_words()
    return [t for s in sentences for t in tokenize(s) if t not in stop]


def _grams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class _Day:
    grams: tuple[Counter[tuple[str, ...]], Counter[tuple[str, ...]]]
    unigrams: Counter[str]

    @classmethod
    def of(cls, sentences: Sequence[str]) -> _Day:
        toks = content_tokens(sentences)
        return cls((_grams(toks, 1), _grams(toks, 2)), Counter(toks))

    def total(self, n: int) -> int:
        return sum(self.grams[n - 1].values())

    def hits(self, other: _Day, n: int) -> int:
        return sum((self.grams[n - 1] & other.grams[n - 1]).values())


def date_f1(predicted: Timeline, reference: Timeline) -> float:
    pred, ref = set(predicted), set(reference)
    hit = len(pred & ref)
    return f1_of(hit / len(pred) if pred else 0.0, hit / len(ref) if ref else 0.0)


def concat_rouge(predicted: Timeline, reference: Timeline, n: int) -> float:
    pred = _Day.of([s for d in sorted(predicted) for s in predicted[d]])
    ref = _Day.of([s for d in sorted(reference) for s in reference[d]])
    hit = pred.hits(ref, n)
    p_total, r_total = pred.total(n), ref.total(n)
    return f1_of(hit / p_total if p_total else 0.0, hit / r_total if r_total else 0.0)


def _unigram_f1(a: Counter[str], b: Counter[str]) -> float:
    hit = sum((a & b).values())
    na, nb = sum(a.values()), sum(b.values())
    return f1_of(hit / na if na else 0.0, hit / nb if nb else 0.0)


def _nearest(
    src: list[tuple[date, _Day]], dst: list[tuple[date, _Day]]
) -> list[tuple[date, _Day, date, _Day]]:
    """Each ``src`` day with the ``dst`` day of least cost (the first one on ties)."""
    pairs = []
    for s_date, s_day in src:
        best: tuple[float, date, _Day] | None = None
        for d_date, d_day in dst:
            date_cost = 1 - 1 / (abs((s_date - d_date).days) + 1)
            cost = date_cost * (1 - _unigram_f1(s_day.unigrams, d_day.unigrams)) if date_cost else 0
            if best is None or cost < best[0]:
                best = (cost, d_date, d_day)
        if best is not None:
            pairs.append((s_date, s_day, best[1], best[2]))
    return pairs


def align_rouge(predicted: Timeline, reference: Timeline, n: int) -> float:
    """align+ m:1 ROUGE-N F1."""
    pred = [(d, _Day.of(predicted[d])) for d in sorted(predicted)]
    ref = [(d, _Day.of(reference[d])) for d in sorted(reference)]
    p_num = sum(p.hits(r, n) / (abs((pd - rd).days) + 1) for pd, p, rd, r in _nearest(pred, ref))
    r_num = sum(p.hits(r, n) / (abs((pd - rd).days) + 1) for rd, r, pd, p in _nearest(ref, pred))
    p_den = sum(day.total(n) for _, day in pred)
    r_den = sum(day.total(n) for _, day in ref)
    return f1_of(p_num / p_den if p_den else 0.0, r_num / r_den if r_den else 0.0)


def score_timeline(predicted: Timeline, reference: Timeline) -> dict[str, float]:
    """All five figures for one predicted timeline against its reference."""
    return {
        "date_f1": date_f1(predicted, reference),
        "concat_rouge1_f1": concat_rouge(predicted, reference, 1),
        "concat_rouge2_f1": concat_rouge(predicted, reference, 2),
        "align_rouge1_f1": align_rouge(predicted, reference, 1),
        "align_rouge2_f1": align_rouge(predicted, reference, 2),
    }
