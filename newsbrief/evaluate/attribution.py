"""Score attribution extraction (Source / Cue / Content) on PolNeAR.

Layout read: ``data_dir/text/<id>`` (or ``<id>.txt``) holds the raw article text and
``data_dir/attributions/<id>_<annotator>.ann`` the brat standoff annotation of one annotator.
``T`` lines are spans typed Source, Cue, Content (``Content2`` is read as more Content; Attribution,
Discuss and Discard spans are ignored), possibly discontinuous (``start end;start end``); a span's
text may run over several lines. ``E`` lines tie one Cue, one Content and at most one Source into a
relation (``Attribution-no-source`` relations have none).

How spans are compared (both sides go through the same normalization):

* a span is a list of fragments; fragments separated by nothing but whitespace are merged (a
  token-tag view of the annotation cannot tell them apart), then each fragment is trimmed of
  surrounding whitespace and punctuation (Unicode categories P* and S*, so quote marks, commas,
  colons, dashes and the final period all go); a fragment made only of punctuation (a colon
  cue) keeps its punctuation, and whitespace-only fragments are dropped;
* **exact**: a predicted fragment counts when a gold fragment of the same type has exactly the same
  trimmed offsets; every fragment counts once (gold and predicted fragments are sets);
* **overlap**: a fragment counts when it shares at least one word token (``\\w+``) with a gold
  fragment of the same type, each gold fragment matched at most once (largest overlaps first);
* predicted attributions nested in another one's content (a minister's words *according to*
  an agency) are dropped first, since PolNeAR labels every token at most once;
* **relation exact**: a relation counts when its source (both empty for an implicit source), cue
  and content fragments are all exactly equal to one gold relation's.

Articles annotated by several annotators are scored against each; the article then contributes the
mean of those counts, and ``extra["per_annotator"]`` gives every annotator's own micro figures.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsbrief.analyze.actors import resolve_actors
from newsbrief.analyze.attribution import find_attributions
from newsbrief.analyze.nlp import parse_many
from newsbrief.analyze.sentences import split_sentences
from newsbrief.evaluate.common import PRF, EvalResult, require_dir
from newsbrief.ingest.text import article_id, paragraph_spans
from newsbrief.models import Article, Attribution

Frag = tuple[int, int]
ROLES = ("source", "cue", "content")

_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^E\d+\t(.*)$")
_WORD = re.compile(r"\w+")
_ROLE_OF = {"Source": "source", "Cue": "cue", "Content": "content", "Content2": "content"}


@dataclass(frozen=True)
class Relation:
    """One attribution as normalized fragments per role."""

    source: tuple[Frag, ...]
    cue: tuple[Frag, ...]
    content: tuple[Frag, ...]

    def role(self, name: str) -> tuple[Frag, ...]:
        frags: tuple[Frag, ...] = getattr(self, name)
        return frags


@dataclass
class Counts:
    """tp/fp/fn per metric for one article and one annotator."""

    prf: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    errors: list[dict[str, Any]] = field(default_factory=list)


# --------------------------------------------------------------------------- reading


def _is_trim(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PS"


def normalize(frags: Iterable[Frag], text: str) -> tuple[Frag, ...]:
    """Merge whitespace-separated fragments, trim each, drop empty ones; sorted."""
    merged: list[list[int]] = []
    for start, end in sorted(frags):
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[Frag] = []
    for start, end in merged:
        frag = _trim(text, start, end, _is_trim) or _trim(text, start, end, str.isspace)
        if frag is not None:
            out.append(frag)
    return tuple(out)


def _trim(text: str, start: int, end: int, strip: Callable[[str], bool]) -> Frag | None:
    while start < end and strip(text[start]):
        start += 1
    while end > start and strip(text[end - 1]):
        end -= 1
    return (start, end) if start < end else None


def read_ann(path: Path, text: str) -> list[Relation]:
    """The relations of one brat ``.ann`` file, normalized against ``text``."""
    spans: dict[str, tuple[str, list[Frag]]] = {}
    links: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _T_LINE.match(line)
        if m:
            frags = [(int(a), int(b)) for a, b in (f.split() for f in m.group(3).split(";"))]
            spans[m.group(1)] = (m.group(2), frags)
            continue
        e = _E_LINE.match(line)
        if e:
            links.append([arg.rpartition(":")[2] for arg in e.group(1).split()])
    relations = []
    for args in links:
        parts: dict[str, list[Frag]] = {r: [] for r in ROLES}
        for tid in args:
            if tid not in spans:
                continue
            typ, frags = spans[tid]
            if typ in _ROLE_OF:
                parts[_ROLE_OF[typ]].extend(frags)
        if parts["cue"] or parts["content"]:
            relations.append(Relation(*(normalize(parts[r], text) for r in ROLES)))
    return relations


def outermost(atts: Sequence[Attribution]) -> list[Attribution]:
    """Drop nested attributions (cue inside another's content): PolNeAR labels a token once."""
    contents = [(a.content_span.start, a.content_span.end) for a in atts]
    return [
        a
        for a in atts
        if not any(s <= a.cue_span.start and a.cue_span.end <= e for s, e in contents)
    ]


def relations_from_attributions(atts: Sequence[Attribution], text: str) -> list[Relation]:
    """Predicted relations: attributions sharing a cue span (a quote split around its cue) merge."""
    grouped: dict[tuple[int, int], tuple[list[Frag], list[Frag]]] = {}
    for a in outermost(atts):
        key = (a.cue_span.start, a.cue_span.end)
        src, con = grouped.setdefault(key, ([], []))
        if a.source_span is not None:
            src.append((a.source_span.start, a.source_span.end))
        con.append((a.content_span.start, a.content_span.end))
    return [
        Relation(normalize(set(src), text), normalize([key], text), normalize(con, text))
        for key, (src, con) in grouped.items()
    ]


def iter_articles(data_dir: Path) -> Iterator[tuple[str, str, dict[str, Path]]]:
    """(article id, text, {annotator: .ann path}) for every annotated article, sorted by id."""
    text_dir = require_dir(data_dir / "text", "PolNeAR texts")
    ann_dir = require_dir(data_dir / "attributions", "PolNeAR annotations")
    anns: dict[str, dict[str, Path]] = defaultdict(dict)
    for path in sorted(ann_dir.glob("*.ann")):
        art, _, annotator = path.stem.rpartition("_")
        anns[art][annotator] = path
    for art in sorted(anns):
        path = text_dir / art
        if not path.is_file():
            path = text_dir / f"{art}.txt"
        if path.is_file():
            yield art, path.read_text(encoding="utf-8"), anns[art]


# --------------------------------------------------------------------------- scoring


def _word_starts(frag: Frag, text: str) -> set[int]:
    return {m.start() for m in _WORD.finditer(text, frag[0], frag[1])}


def _overlap_matches(gold: set[Frag], pred: set[Frag], text: str) -> set[tuple[Frag, Frag]]:
    gtok = {g: _word_starts(g, text) for g in gold}
    pairs = []
    for p in pred:
        ptok = _word_starts(p, text)
        for g, toks in gtok.items():
            shared = len(ptok & toks)
            if shared:
                pairs.append((shared, g, p))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[Frag] = set()
    used_p: set[Frag] = set()
    out = set()
    for _, g, p in pairs:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            out.add((g, p))
    return out


def score_article(gold: list[Relation], pred: list[Relation], text: str) -> Counts:
    counts = Counts()
    for role in ROLES:
        g = {f for r in gold for f in r.role(role)}
        p = {f for r in pred for f in r.role(role)}
        counts.prf[f"{role}_exact"].add(tp=len(g & p), fp=len(p - g), fn=len(g - p))
        matched = _overlap_matches(g, p, text)
        counts.prf[f"{role}_overlap"].add(
            tp=len(matched), fp=len(p) - len(matched), fn=len(g) - len(matched)
        )
        for kind, frags in (("miss", g - p), ("false_alarm", p - g)):
            for f in sorted(frags):
                counts.errors.append(
                    {
                        "role": role,
                        "error": kind,
                        "start": f[0],
                        "end": f[1],
                        "text": text[f[0] : f[1]],
                    }
                )
    gset, pset = set(gold), set(pred)
    counts.prf["relation_exact"].add(tp=len(gset & pset), fp=len(pset - gset), fn=len(gset - pset))
    for kind, rels in (("miss", gset - pset), ("false_alarm", pset - gset)):
        for rel in sorted(rels, key=lambda r: (r.cue, r.content)):
            counts.errors.append({"role": "relation", "error": kind, **_describe(rel, text)})
    return counts


def _describe(rel: Relation, text: str) -> dict[str, str]:
    return {r: " | ".join(text[a:b] for a, b in rel.role(r)) for r in ROLES}


# --------------------------------------------------------------------------- running


def predict_doc(doc: Doc, text: str) -> list[Attribution]:
    """Run the attribution stage on one parsed PolNeAR text (raw offsets kept)."""
    article = Article(id=article_id(text), text=text, paragraphs=paragraph_spans(text))
    sentences = split_sentences(doc, article)
    actors = resolve_actors(doc, article, sentences)
    return find_attributions(doc, article, sentences, actors)


def evaluate(
    data_dir: Path, *, errors_path: Path | None = None, limit: int | None = None
) -> EvalResult:
    """Score the attribution stage on a PolNeAR split (see the module docstring)."""
    articles = list(iter_articles(data_dir))[:limit]
    docs = parse_many((text for _, text, _ in articles), batch_size=8)
    return score_all(
        articles,
        (predict_doc(doc, text) for doc, (_, text, _) in zip(docs, articles, strict=True)),
        errors_path=errors_path,
    )


def score_all(
    articles: Sequence[tuple[str, str, dict[str, Path]]],
    predictions: Iterable[list[Attribution]],
    *,
    errors_path: Path | None = None,
) -> EvalResult:
    """Score predictions (one list per article, same order) against every annotator's file."""
    total: dict[str, PRF] = defaultdict(PRF)
    per_annotator: dict[str, dict[str, PRF]] = defaultdict(lambda: defaultdict(PRF))
    errors: list[dict[str, Any]] = []
    n_gold = 0
    for (art, text, anns), atts in zip(articles, predictions, strict=True):
        pred = relations_from_attributions(atts, text)
        weight = 1.0 / len(anns)
        for annotator, path in sorted(anns.items()):
            gold = read_ann(path, text)
            n_gold += len(gold)
            counts = score_article(gold, pred, text)
            for name, prf in counts.prf.items():
                total[name].add(prf.tp * weight, prf.fp * weight, prf.fn * weight)
                per_annotator[annotator][name].add(prf.tp, prf.fp, prf.fn)
            errors.extend({"article": art, "annotator": annotator, **e} for e in counts.errors)
    if errors_path is not None:
        with errors_path.open("w", encoding="utf-8") as fh:
            for e in errors:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    metrics = _metrics(total)
    return EvalResult(
        task="attribution",
        n=len(articles),
        metrics=metrics,
        lines=_lines(total, len(articles), n_gold),
        extra={"per_annotator": {a: _metrics(c) for a, c in sorted(per_annotator.items())}},
    )


_NAMES = [f"{r}_{m}" for m in ("exact", "overlap") for r in ROLES] + ["relation_exact"]


def _metrics(counts: dict[str, PRF]) -> dict[str, float]:
    out: dict[str, float] = {}
    for name in _NAMES:
        prf = counts.get(name, PRF())
        out[f"{name}_f1"] = prf.f1
        out[f"{name}_p"] = prf.precision
        out[f"{name}_r"] = prf.recall
    return out


def _lines(counts: dict[str, PRF], n_articles: int, n_gold: int) -> list[str]:
    lines = [f"{'metric':<18}{'P':>8}{'R':>8}{'F1':>8}"]
    for name in _NAMES:
        prf = counts.get(name, PRF())
        lines.append(f"{name:<18}{prf.precision:>8.3f}{prf.recall:>8.3f}{prf.f1:>8.3f}")
    m = {k: counts.get(k, PRF()).f1 for k in ("source_exact", "cue_exact", "content_exact")}
    lines.append(
        f"attribution: {n_articles} articles, {n_gold} gold relations; exact F1 "
        f"source {m['source_exact']:.3f} cue {m['cue_exact']:.3f} content {m['content_exact']:.3f}"
    )
    return lines
