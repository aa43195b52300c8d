"""Executive Summary: 2–4 sentences that say what happened, who, when and where.

A lead-biased ranker. News puts the gist first, so position carries most of the weight; on top
of it a sentence earns credit for sharing the article's recurring words and names (what the story
is about), for its role (the main event, its stakes and consequences) and loses it for not standing
alone (opening on "But" or a bare pronoun), for being a quotation, a question or page furniture.
Sentences are picked greedily with a redundancy check (maximal marginal relevance over content
words), shown in article order and trimmed of bits a reader does not need — an agency tag, a
photo-caption label, a trailing "police said" — always as a verbatim span of the article.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from newsbrief.compose.evidence import span_evidence
from newsbrief.compose.trim import (
    content_words,
    has_quote,
    is_caption,
    is_furniture,
    is_headline_line,
    opens_dangling,
    overlap,
    speakerless_quote,
    trim_span,
)
from newsbrief.models import Analysis, Sentence, SummaryItem
from newsbrief.settings import Settings

MIN_SENTENCES = 2
MAX_SENTENCES = 4
WORD_BUDGET = 62  # a reader's "three short sentences"; longer picks stop earlier
REDUNDANT = 0.5  # word overlap above which a sentence repeats one already chosen
# Score weights, set on the CNN/DailyMail dev split (a broad optimum, not a sharp peak).
POSITION_DECAY = 1.0  # the sentence at rank r gets 1 / (1 + decay * r)
CENTRALITY = 1.5  # weight of the words a sentence shares with the rest of the article
QUOTE_PENALTY = 0.1
DANGLING_PENALTY = 0.25
CAPTION_PENALTY = 0.1
UNINTRODUCED_PENALTY = 0.25  # a person named by surname alone, not met earlier in the summary
LONG_SENTENCE = 40  # words; each word beyond costs 0.01
_ROLE_BONUS = {
    "main_event": 0.35,
    "significance": 0.15,
    "consequence": 0.1,
    "forward_looking": 0.0,
    "context": -0.15,
    "detail": 0.0,
    "reaction": -0.35,
}
_QUESTION = re.compile(r"\?\s*['\"”’]*\s*$")


@dataclass(frozen=True)
class _Candidate:
    sentence: Sentence
    start: int
    end: int
    words: frozenset[str]
    score: float
    dangling: bool
    n_words: int
    introduces: frozenset[str] = frozenset()  # people named in full here
    needs: frozenset[str] = frozenset()  # people named here by surname alone


def executive_summary(analysis: Analysis, settings: Settings) -> tuple[SummaryItem, ...]:
    """The summary items, in article order, each with its exact evidence span."""
    candidates = _candidates(analysis)
    target = min(MAX_SENTENCES, max(MIN_SENTENCES, settings.summary_sentences))
    chosen = _select(candidates, target)
    chosen.sort(key=lambda c: c.sentence.index)
    return tuple(
        SummaryItem(
            text=analysis.article.text[c.start : c.end],
            evidence=span_evidence(analysis, c.sentence.index, c.start, c.end),
        )
        for c in chosen
    )


def _candidates(analysis: Analysis) -> list[_Candidate]:
    sentences = analysis.sentences
    words = [content_words(s.text) for s in sentences]
    doc_freq: Counter[str] = Counter(w for ws in words for w in ws)
    out: list[_Candidate] = []
    rank = 0
    introduces, needs = _person_mentions(analysis)
    for sent, ws in zip(sentences, words, strict=True):
        if is_furniture(sent.text) or len(ws) < 3 or is_headline_line(analysis, sent):
            continue
        if _asks(sent.text) or speakerless_quote(analysis, sent):
            continue  # a question reports nothing; a quote alone does not say who said it
        start, end = trim_span(analysis, sent)
        dangling = opens_dangling(analysis.article.text[start:end])
        score = _score(sent, ws, doc_freq, rank, dangling)
        n_words = len(analysis.article.text[start:end].split())
        out.append(
            _Candidate(
                sent,
                start,
                end,
                frozenset(ws),
                score,
                dangling,
                n_words,
                introduces.get(sent.index, frozenset()),
                needs.get(sent.index, frozenset()),
            )
        )
        rank += 1
    return out


def _asks(text: str) -> bool:
    """A question in the writer's own voice ("How well is the United Nations performing …?")."""
    return text.rstrip(" \"'”’)").endswith("?")


def _person_mentions(
    analysis: Analysis,
) -> tuple[dict[int, frozenset[str]], dict[int, frozenset[str]]]:
    """Per sentence, the people it names in full and those it names by surname alone
    ("Vasquel said …"): a summary should not open on a person the reader has not met."""
    full: dict[int, set[str]] = {}
    short: dict[int, set[str]] = {}
    for actor in analysis.actors:
        if actor.kind != "person" or len(actor.name.split()) < 2:
            continue
        for m in actor.mentions:
            named = actor.name.lower() in m.text.lower()
            (full if named else short).setdefault(m.sentence_index, set()).add(actor.id)
    needs = {i: frozenset(ids - full.get(i, set())) for i, ids in short.items()}
    return {i: frozenset(ids) for i, ids in full.items()}, needs


def _score(
    sent: Sentence, words: set[str], doc_freq: Counter[str], rank: int, dangling: bool
) -> float:
    position = 1.0 / (1.0 + POSITION_DECAY * rank)
    recurring = [w for w in words if doc_freq[w] > 1]
    centrality = sum(math.log1p(doc_freq[w] - 1) for w in recurring) / (len(words) + 4)
    score = position + CENTRALITY * centrality
    if rank == 0:
        return score
    score += _ROLE_BONUS.get(sent.role, 0.0)
    if has_quote(sent.text) or _QUESTION.search(sent.text):
        score -= QUOTE_PENALTY
    if dangling:
        score -= DANGLING_PENALTY
    if is_caption(sent.text):
        score -= CAPTION_PENALTY
    n_words = len(sent.text.split())
    if n_words > LONG_SENTENCE:
        score -= 0.01 * (n_words - LONG_SENTENCE)
    return score


def _select(candidates: list[_Candidate], target: int) -> list[_Candidate]:
    chosen: list[_Candidate] = []
    words_so_far = 0
    pool = list(candidates)
    while pool and len(chosen) < MAX_SENTENCES:
        if _enough(len(chosen), words_so_far, target):
            break
        best = max(pool, key=lambda c: _marginal(c, chosen))
        pool.remove(best)
        if chosen and max(overlap(best.words, c.words) for c in chosen) > REDUNDANT:
            continue
        chosen.append(best)
        words_so_far += best.n_words
    return chosen


def _enough(count: int, words: int, target: int) -> bool:
    """Stop at the target count, or earlier once the word budget is spent; go one sentence past
    the target when the picks so far are very short."""
    if count < MIN_SENTENCES:
        return False
    if count >= target:
        return not (count < MAX_SENTENCES and words < WORD_BUDGET * 0.6)
    return words >= WORD_BUDGET


def _marginal(cand: _Candidate, chosen: list[_Candidate]) -> float:
    if not chosen:
        return cand.score
    redundancy = max(overlap(cand.words, c.words) for c in chosen)
    bonus = 0.0
    if cand.dangling and any(c.sentence.index == cand.sentence.index - 1 for c in chosen):
        bonus = 0.2  # the pronoun's antecedent is right before it in the summary
    met = {p for c in chosen if c.sentence.index < cand.sentence.index for p in c.introduces}
    if cand.needs - met:
        bonus -= UNINTRODUCED_PENALTY
    return cand.score - 0.6 * redundancy + bonus


# The scored candidates of one article, for story-level selection across articles
# (``newsbrief.compose.story.salience``).
Candidate = _Candidate


def summary_candidates(analysis: Analysis) -> list[Candidate]:
    """Every candidate sentence of ``analysis`` with its single-article score, in article order."""
    return _candidates(analysis)
