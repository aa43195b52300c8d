"""Story clustering on a mixed stream: ECB+ interleaved with unrelated real web pages.

ECB+ topics are homogeneous, so B-cubed on ECB+ alone says little about what a reader fears most
on a real feed: two unrelated articles put in one story. This mode feeds the ECB+ documents
together with the English pages of the article-extraction benchmark (``aeb``: one week of
November 2019 news, plus older blog and company pages), read through the project's own HTML
ingest (:func:`newsbrief.ingest.jsonl.html_article`: extraction, title, date, language check),
in a seeded shuffled order, through the same assigner the archive uses.

Each AEB page is its own story unless a labels file (``tests/fixtures/clustering/aeb_pairs.json``)
puts it in a group of pages reporting the same development; pages in a ``related`` set (same
subject, another development) may go either way: their pairs count neither as false merges nor
as misses. Figures: pairwise precision and recall over all pairs, B-cubed over all items,
B-cubed over the ECB+ documents alone, and ``false_merge_pairs``: pairs put in one story that
involve an AEB page and are neither a labelled group nor related. The run is repeated for five
shuffle seeds; the worst seed's false merges are reported too.
"""

from __future__ import annotations

import gzip
import json
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations
from pathlib import Path
from statistics import mean

from newsbrief.errors import DataError, NewsbriefError
from newsbrief.evaluate.clustering import SEEDS_REPORTED, bcubed, load_ecbplus
from newsbrief.evaluate.common import EvalResult, require_dir
from newsbrief.settings import Settings
from newsbrief.stories.cluster import ClusterSettings, StoryAssigner
from newsbrief.stories.journal import Membership

PAIRS_FILE = (
    Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "clustering" / "aeb_pairs.json"
)
AEB_PREFIX = "aeb:"


@dataclass(frozen=True)
class StreamDoc:
    doc_id: str
    gold: str
    text: str
    title: str | None = None
    published: datetime | None = None

    @property
    def distractor(self) -> bool:
        return self.doc_id.startswith(AEB_PREFIX)


@dataclass(frozen=True)
class PageLabels:
    """Gold groups (page id -> group name) and related sets of AEB pages."""

    group_of: dict[str, str]
    related: list[frozenset[str]]

    def is_related(self, a: str, b: str) -> bool:
        return any(a in rel and b in rel for rel in self.related)


def load_labels(path: Path, page_ids: Sequence[str]) -> PageLabels:
    """The labels file, its 8-digit page prefixes resolved to the full page ids."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"AEB story labels: cannot read {path}: {exc}") from exc

    def resolve(prefix: str) -> str:
        found = [p for p in page_ids if p.startswith(prefix)]
        if len(found) != 1:
            raise DataError(f"AEB story labels: page {prefix!r} matches {len(found)} pages")
        return found[0]

    group_of: dict[str, str] = {}
    try:
        for i, group in enumerate(data.get("groups", [])):
            for prefix in group["pages"]:
                group_of[resolve(str(prefix))] = f"aeb_group{i}"
        related = [
            frozenset(resolve(str(p)) for p in rel["pages"]) for rel in data.get("related", [])
        ]
    except (AttributeError, KeyError, TypeError) as exc:
        raise DataError(
            f"AEB story labels: {path} must hold {{'groups': [{{'pages': [...]}}, ...], "
            f"'related': [...]}} ({type(exc).__name__}: {exc})"
        ) from exc
    return PageLabels(group_of, related)


def load_aeb_pages(aeb_dir: Path) -> dict[str, tuple[str, str | None, datetime | None]]:
    """The English AEB pages as the ingest reads them: ``{page id: (text, title, published)}``.
    Pages the ingest refuses (not English, too short, no main text) are left out."""
    from newsbrief.ingest.jsonl import html_article

    require_dir(aeb_dir, "AEB data")
    truth_file = aeb_dir / "ground-truth.json"
    try:
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"AEB data: cannot read {truth_file}: {exc}") from exc
    settings = Settings()
    pages = {}
    for page_id in sorted(truth):
        path = aeb_dir / "html" / f"{page_id}.html.gz"
        try:
            html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
            article = html_article(html, path.name, settings, url=truth[page_id].get("url"))
        except (OSError, NewsbriefError):
            continue
        pages[page_id] = (article.text, article.title, article.published)
    if not pages:
        raise DataError(f"AEB data: no readable English page under {aeb_dir / 'html'}")
    return pages


def load_stream(
    ecb_dir: Path, aeb_dir: Path, labels_path: Path
) -> tuple[list[StreamDoc], PageLabels]:
    """ECB+ documents (undated, untitled) then the AEB pages, with their gold stories."""
    docs = [StreamDoc(d.doc_id, d.gold, d.text) for d in load_ecbplus(ecb_dir)]
    pages = load_aeb_pages(aeb_dir)
    labels = load_labels(labels_path, list(pages))
    for page_id, (text, title, published) in pages.items():
        gold = labels.group_of.get(page_id, AEB_PREFIX + page_id)
        docs.append(StreamDoc(AEB_PREFIX + page_id, gold, text, title, published))
    return docs, labels


def run_stream(
    docs: Sequence[StreamDoc], seed: int, settings: ClusterSettings | None = None
) -> list[str]:
    """Story ids for ``docs`` after feeding them in a seeded order (final membership)."""
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    assigner = StoryAssigner(settings)
    membership = Membership()
    for i in order:
        d = docs[i]
        assigner.assign(d.doc_id, d.text, d.title, d.published)
        membership.apply(assigner.drain())
    return [membership.story_of[d.doc_id] for d in docs]


@dataclass(frozen=True)
class StreamScores:
    pairwise_precision: float
    pairwise_recall: float
    bcubed: tuple[float, float, float]
    ecb_bcubed: tuple[float, float, float]
    false_merges: list[tuple[str, str]]
    related_merges: int
    stories: int
    labelled_recall: float  # share of the labelled AEB pairs put together


def score_stream(
    docs: Sequence[StreamDoc], labels: PageLabels, pred: Sequence[str]
) -> StreamScores:
    """Pairwise and B-cubed figures of one run, and the false merges among the distractors."""
    by_story: dict[str, list[int]] = {}
    for i, story in enumerate(pred):
        by_story.setdefault(story, []).append(i)
    gold_pairs = sum(n * (n - 1) // 2 for n in Counter(d.gold for d in docs).values())
    tp = predicted = related = 0
    false: list[tuple[str, str]] = []
    for members in by_story.values():
        for i, j in combinations(members, 2):
            a, b = docs[i], docs[j]
            if a.gold == b.gold:
                tp += 1
                predicted += 1
            elif a.distractor and b.distractor and labels.is_related(a.doc_id[4:], b.doc_id[4:]):
                related += 1  # either way is fine: not counted
            else:
                predicted += 1
                if a.distractor or b.distractor:
                    false.append((a.doc_id, b.doc_id))
    ecb = [i for i, d in enumerate(docs) if not d.distractor]
    labelled = [
        (i, j)
        for i, j in combinations(range(len(docs)), 2)
        if docs[i].distractor and docs[j].distractor and docs[i].gold == docs[j].gold
    ]
    found = sum(pred[i] == pred[j] for i, j in labelled)
    return StreamScores(
        pairwise_precision=tp / predicted if predicted else 1.0,
        pairwise_recall=tp / gold_pairs if gold_pairs else 1.0,
        bcubed=bcubed(pred, [d.gold for d in docs]),
        ecb_bcubed=bcubed([pred[i] for i in ecb], [docs[i].gold for i in ecb]),
        false_merges=false,
        related_merges=related,
        stories=len(by_story),
        labelled_recall=found / len(labelled) if labelled else 1.0,
    )


def evaluate(
    ecb_dir: Path,
    aeb_dir: Path,
    *,
    labels: Path = PAIRS_FILE,
    seed: int = 0,
    settings: ClusterSettings | None = None,
    limit: int | None = None,
) -> EvalResult:
    """Score the assigner on ECB+ mixed with the AEB pages (``limit``: the first N of each)."""
    docs, page_labels = load_stream(ecb_dir, aeb_dir, labels)
    if limit is not None:
        ecb = [d for d in docs if not d.distractor][:limit]
        docs = ecb + [d for d in docs if d.distractor][:limit]
    runs = [
        score_stream(docs, page_labels, run_stream(docs, s, settings))
        for s in range(seed, seed + SEEDS_REPORTED)
    ]
    pages = [d for d in docs if d.distractor]  # a cold start: the pages alone
    cold = [
        len(score_stream(pages, page_labels, run_stream(pages, s, settings)).false_merges)
        for s in range(seed, seed + SEEDS_REPORTED)
    ]
    first = runs[0]
    p, r, f = first.bcubed
    n_aeb = sum(d.distractor for d in docs)
    f1s = [run.bcubed[2] for run in runs]
    ecb_f1s = [run.ecb_bcubed[2] for run in runs]
    worst = max(len(run.false_merges) for run in runs)
    titles = {d.doc_id: d.title or d.doc_id for d in docs}
    lines = [
        f"Mixed stream: {len(docs) - n_aeb} ECB+ documents and {n_aeb} AEB pages "
        f"({len(set(page_labels.group_of.values()))} labelled groups, "
        f"{len(page_labels.related)} related sets), {len({d.gold for d in docs})} gold stories",
        f"seed {seed}: pairwise P {first.pairwise_precision:.3f} R {first.pairwise_recall:.3f}; "
        f"B3 P {p:.3f} R {r:.3f} F1 {f:.3f}; ECB+ B3-F1 {first.ecb_bcubed[2]:.3f}; "
        f"{first.stories} stories",
        f"labelled AEB pairs put together: {first.labelled_recall:.2f}; "
        f"false merges among the distractors: {len(first.false_merges)} pairs "
        f"(related pairs merged, not counted: {first.related_merges})",
        *(f"  false merge: {titles[a][:60]!r} + {titles[b][:60]!r}" for a, b in first.false_merges),
        f"{SEEDS_REPORTED} seeds: B3-F1 mean {mean(f1s):.3f} min {min(f1s):.3f}; ECB+ B3-F1 "
        f"mean {mean(ecb_f1s):.3f} min {min(ecb_f1s):.3f}; false merges "
        f"{[len(run.false_merges) for run in runs]}",
        f"the {n_aeb} pages alone (cold start): false merges {cold}",
        f"clustering (mixed): false_merge_pairs {len(first.false_merges)} (worst seed {worst}); "
        f"pairwise P {first.pairwise_precision:.3f} R {first.pairwise_recall:.3f}; "
        f"B3-F1 {f:.3f}; ECB+ B3-F1 {first.ecb_bcubed[2]:.3f}",
    ]
    metrics = {
        "pairwise_precision": first.pairwise_precision,
        "pairwise_recall": first.pairwise_recall,
        "bcubed_p": p,
        "bcubed_r": r,
        "bcubed_f1": f,
        "false_merge_pairs": float(len(first.false_merges)),
        "false_merge_pairs_seed_max": float(worst),
        "false_merge_pairs_cold": float(cold[0]),
        "false_merge_pairs_cold_seed_max": float(max(cold)),
        "labelled_pair_recall": first.labelled_recall,
        "ecb_bcubed_f1": first.ecb_bcubed[2],
        "bcubed_f1_seed_mean": mean(f1s),
        "bcubed_f1_seed_min": min(f1s),
        "ecb_bcubed_f1_seed_mean": mean(ecb_f1s),
        "ecb_bcubed_f1_seed_min": min(ecb_f1s),
        "pairwise_precision_seed_min": min(run.pairwise_precision for run in runs),
    }
    extra = {
        "mode": "mixed",
        "stories": first.stories,
        "distractors": n_aeb,
        "seeds": SEEDS_REPORTED,
        "false_merges": [list(pair) for pair in first.false_merges],
    }
    return EvalResult("clustering", len(docs), metrics, lines, extra)
