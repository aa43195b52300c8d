"""The verifier's view of the sources: numbered sentences with their claim features.

A ``SourceText`` is built once per brief (one article or all the articles of a story): every
sentence gets an id (its position, 0-based; the writer shows the model ``[id]``), its evidence,
its parsed claim features, the names of the actors mentioned in it, and the attributed content it
carries (who said it), so that each generated sentence can be checked against the ids it cites.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from newsbrief.analyze.claims import ClaimText, claim_texts
from newsbrief.models import Analysis, Evidence


@dataclass(frozen=True)
class Attributed:
    """Content a source attributes to somebody, as found in one sentence."""

    content: str
    source: str  # the speaker as written or resolved ("the union", "Mara Ilic")
    words: frozenset[str]  # lowercase content words of the attributed text


@dataclass(frozen=True)
class SourceText:
    """Numbered source sentences (ids are positions) with what the verifier needs of each."""

    texts: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    claims: tuple[ClaimText, ...]
    names: tuple[frozenset[str], ...]  # lowercase name tokens of actors mentioned per sentence
    attributed: tuple[tuple[Attributed, ...], ...]
    dct: datetime | None = None
    all_names: frozenset[str] = field(default=frozenset())

    def __len__(self) -> int:
        return len(self.texts)

    @classmethod
    def from_analyses(cls, analyses: Sequence[Analysis]) -> SourceText:
        """All sentences of the given analyses, in order; dates anchor on the latest article."""
        texts: list[str] = []
        evidence: list[Evidence] = []
        names: list[frozenset[str]] = []
        attributed: list[tuple[Attributed, ...]] = []
        dcts = [a.article.published for a in analyses if a.article.published is not None]
        for analysis in analyses:
            per_sentence = _names_by_sentence(analysis)
            attrs = _attributed_by_sentence(analysis)
            for s in analysis.sentences:
                texts.append(s.text)
                evidence.append(
                    Evidence(
                        article_id=analysis.article.id,
                        sentence_index=s.index,
                        start=s.start,
                        end=s.end,
                    )
                )
                names.append(frozenset(per_sentence.get(s.index, ())))
                attributed.append(tuple(attrs.get(s.index, ())))
        dct = max(dcts) if dcts else None
        claims = tuple(claim_texts(texts, dct=dct))
        return cls(
            texts=tuple(texts),
            evidence=tuple(evidence),
            claims=claims,
            names=tuple(names),
            attributed=tuple(attributed),
            dct=dct,
            all_names=frozenset().union(*names) if names else frozenset(),
        )

    @classmethod
    def from_sentences(cls, texts: Sequence[str], *, dct: datetime | None = None) -> SourceText:
        """Bare sentences without an analysis (no actors, no attributions)."""
        ev = tuple(
            Evidence(article_id="-", sentence_index=i, start=0, end=len(t))
            for i, t in enumerate(texts)
        )
        return cls(
            texts=tuple(texts),
            evidence=ev,
            claims=tuple(claim_texts(texts, dct=dct)),
            names=tuple(frozenset() for _ in texts),
            attributed=tuple(() for _ in texts),
            dct=dct,
        )


def _names_by_sentence(analysis: Analysis) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for actor in analysis.actors:
        tokens = {w.lower() for n in (actor.name, *actor.aliases) for w in n.split()}
        for m in actor.mentions:
            out.setdefault(m.sentence_index, set()).update(tokens)
    return out


def _attributed_by_sentence(analysis: Analysis) -> dict[int, list[Attributed]]:
    names = {a.id: a.name for a in analysis.actors}
    out: dict[int, list[Attributed]] = {}
    for att in analysis.attributions:
        speaker = names.get(att.actor_id or "") or att.source or att.channel or ""
        if not speaker:
            continue
        words = frozenset(w.lower().strip(".,;:\"'") for w in att.content.split() if len(w) > 3)
        item = Attributed(content=att.content, source=speaker, words=words)
        for i in _sentences_spanned(analysis, att.content_span.start, att.content_span.end):
            out.setdefault(i, []).append(item)
    return out


def _sentences_spanned(analysis: Analysis, start: int, end: int) -> list[int]:
    return [s.index for s in analysis.sentences if s.start < end and start < s.end]
