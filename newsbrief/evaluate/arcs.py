"""Story arcs on Timeline17: B-cubed of the arcs the archive would build from one mixed stream.

Every article of every timeline folder (``<folder>/articles.jsonl.gz``, lines ``{"id", "time",
"text"}``) goes, in publication order, through the same two assigners the archive runs: the
story assigner (:class:`~newsbrief.stories.cluster.StoryAssigner`: developments, re-clustering
included) and the arc assigner (:class:`~newsbrief.stories.arcs.ArcAssigner`) over its output.
An article's predicted arc is the arc of its final development; its gold arc is its folder's
event, the folder name before the first ``_`` (``bpoil_bbc``, ``bpoil_guardian`` and
``bpoil_reuters`` are one event). Article ids are per folder (the same text may sit in two
folders: each copy is its own item).

The baseline is plain TF-IDF average link over whole articles, its threshold the best of a
fixed grid picked on the evaluated (dev) data itself.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from newsbrief.errors import DataError
from newsbrief.evaluate.clustering import BASELINE_GRID, bcubed, cut
from newsbrief.evaluate.common import EvalResult, require_dir
from newsbrief.stories.arcs import ArcAssigner, ArcSettings
from newsbrief.stories.cluster import StoryAssigner
from newsbrief.stories.features import STOPWORDS
from newsbrief.stories.journal import Membership

_TOKEN = re.compile(r"[a-z0-9]{2,}")


@dataclass(frozen=True)
class StreamItem:
    item_id: str  # "<folder>/<id>"
    gold: str  # the folder's event
    published: datetime
    text: str


def load_stream(data_dir: Path) -> list[StreamItem]:
    """Every article of every timeline folder under ``data_dir``, oldest first (ties by folder
    and id, so the order is fixed)."""
    require_dir(data_dir, "Timeline17 data")
    items = []
    n = 0
    folders = sorted(p for p in data_dir.iterdir() if (p / "articles.jsonl.gz").is_file())
    if not folders:
        raise DataError(f"Timeline17 data: no <timeline>/articles.jsonl.gz under {data_dir}")
    for folder in folders:
        event = folder.name.split("_", 1)[0]
        try:
            with gzip.open(folder / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):  # noqa: B007 (n names the bad line)
                    if not line.strip():
                        continue
                    row = json.loads(line)
                    items.append(
                        StreamItem(
                            f"{folder.name}/{row['id']}",
                            event,
                            datetime.fromisoformat(str(row["time"])),
                            str(row["text"]),
                        )
                    )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise DataError(f"Timeline17 data: {folder.name} line {n}: {exc}") from exc
    items.sort(key=lambda it: (it.published, it.item_id))
    return items


def run_arcs(
    items: Sequence[StreamItem], settings: ArcSettings | None = None
) -> tuple[list[str], list[str]]:
    """(arc, development) ids of ``items`` after streaming them through both assigners."""
    stories = StoryAssigner()
    arcs = ArcAssigner(settings)
    membership = Membership()
    redirects: dict[str, str] = {}
    for it in items:
        story = stories.assign(it.item_id, it.text, None, it.published)
        journal = stories.drain()
        arcs.observe(
            text=it.text,
            title=None,
            published=it.published,
            story_id=story,
            merged=journal.merged,
            moved=journal.moved,
            previous_story=membership.story_of.get,
            frequencies=stories,
        )
        membership.apply(journal)
        for old, new in arcs.drain().merged.items():
            for key, target in redirects.items():
                if target == old:
                    redirects[key] = new
            redirects[old] = new
    devs = [membership.story_of[it.item_id] for it in items]
    labels = [arcs.arc_of.get(d) or f"?{d}" for d in devs]
    return labels, devs


# ---- the baseline ---------------------------------------------------------------------------


def tfidf_similarity(texts: Sequence[str]) -> np.ndarray:
    """Cosine similarity of plain TF-IDF vectors (raw counts, smooth IDF)."""
    bags = [
        Counter(t for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS) for text in texts
    ]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(texts)
    idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
    shared = {t: i for i, t in enumerate(sorted(t for t, c in df.items() if c > 1))}
    m = np.zeros((n, len(shared)), dtype=np.float32)
    for row, bag in enumerate(bags):
        norm = math.sqrt(sum((c * idf[t]) ** 2 for t, c in bag.items())) or 1.0
        for t, c in bag.items():
            col = shared.get(t)
            if col is not None:
                m[row, col] = c * idf[t] / norm
    return np.asarray(m @ m.T, dtype=np.float64)


def average_link(sim: np.ndarray) -> list[tuple[int, int, float]]:
    """The average-link dendrogram over a similarity matrix: ``(keep, absorbed, sim)``."""
    sim = sim.copy()
    n = len(sim)
    np.fill_diagonal(sim, -np.inf)
    size = np.ones(n)
    merges = []
    for _ in range(n - 1):
        i, j = divmod(int(np.argmax(sim)), n)
        best = float(sim[i, j])
        if best == -np.inf:
            break
        merged = (size[i] * sim[i] + size[j] * sim[j]) / (size[i] + size[j])
        sim[i], sim[:, i] = merged, merged
        sim[i, i] = -np.inf
        sim[j], sim[:, j] = -np.inf, -np.inf
        size[i] += size[j]
        merges.append((i, j, best))
    return merges


def baseline(items: Sequence[StreamItem]) -> tuple[float, tuple[float, float, float], int]:
    """Best grid threshold of TF-IDF average link, its B-cubed (P, R, F1) and cluster count."""
    gold = [it.gold for it in items]
    merges = average_link(tfidf_similarity([it.text for it in items]))
    best: tuple[float, tuple[float, float, float], int] = (0.0, (0.0, 0.0, 0.0), 0)
    for t in (*(round(0.01 * i, 3) for i in range(1, 5)), *BASELINE_GRID):
        labels = cut(merges, len(items), t)
        scores = bcubed(labels, gold)
        if scores[2] > best[1][2]:
            best = (t, scores, len(set(labels)))
    return best


# ---- the scorer -----------------------------------------------------------------------------


def evaluate(
    data_dir: Path, *, settings: ArcSettings | None = None, with_baseline: bool = True
) -> EvalResult:
    """Score the arcs built from the whole stream; compare with the tuned baseline."""
    items = load_stream(data_dir)
    gold = [it.gold for it in items]
    settings = settings or ArcSettings()
    labels, devs = run_arcs(items, settings)
    p, r, f = bcubed(labels, gold)
    dp, dr, df1 = bcubed(devs, gold)
    n_arcs, n_devs = len(set(labels)), len(set(devs))
    big = sum(1 for c in Counter(labels).values() if c >= 5)
    folders = len({i.item_id.split("/")[0] for i in items})
    system = f"arcs (threshold {settings.threshold}, merge {settings.merge_threshold})"
    lines = [
        f"Timeline17 arcs: {len(items)} articles from {folders} folders,"
        f" {len(set(gold))} gold arcs (events), one stream in publication order",
        f"{'system':<44} {'B3-P':>6} {'B3-R':>6} {'B3-F1':>6} {'groups':>7}",
        f"{system:<44} {p:6.3f} {r:6.3f} {f:6.3f} {n_arcs:>7}",
        f"{'developments (story threads) as arcs':<44} {dp:6.3f} {dr:6.3f} {df1:6.3f} {n_devs:>7}",
    ]
    metrics = {
        "bcubed_p": p,
        "bcubed_r": r,
        "bcubed_f1": f,
        "arcs": float(n_arcs),
        "developments_bcubed_f1": df1,
    }
    summary = f"arcs: B3-F1 {f:.3f} (P {p:.3f} R {r:.3f}), {n_arcs} arcs ({big} with 5+ articles)"
    if with_baseline:
        threshold, (bp, br, bf), bk = baseline(items)
        lines.append(
            f"{'TF-IDF average link, threshold ' + format(threshold, '.3f') + '*':<44}"
            f" {bp:6.3f} {br:6.3f} {bf:6.3f} {bk:>7}"
        )
        lines.append("* baseline threshold = best of a fixed grid, tuned on the evaluated data")
        metrics["baseline_bcubed_f1"] = bf
        metrics["baseline_threshold"] = threshold
        summary += f"; tuned baseline B3-F1 {bf:.3f}"
    lines.append(summary)
    extra = {"arcs": n_arcs, "arcs_5plus": big, "developments": n_devs, "gold_arcs": len(set(gold))}
    return EvalResult("arcs", len(items), metrics, lines, extra)
