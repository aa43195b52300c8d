"""Story clustering on ECB+: B-cubed and adjusted Rand index of the incremental assigner.

ECB+ keeps one folder per topic; ``<topic>_<n>ecb.xml`` documents report one seminal event and
``<topic>_<n>ecbplus.xml`` documents a second event of the same topic, so the gold story of a
document is its topic plus ``ecb`` / ``ecbplus``. Documents are tokenized XML (``<token
sentence=...>``); we rebuild plain text sentence by sentence and drop the source-URL line that
opens many ``ecbplus`` documents (it is page metadata, not article text).

The documents go one by one, in a seeded shuffled order, through the same
:class:`~newsbrief.stories.cluster.StoryAssigner` the archive uses, local re-clustering
included: each document's final story is kept from the assigner's journals (moves and merges)
exactly as :class:`~newsbrief.stories.StoryThreads` keeps it in the archive. The run also
reports the mean and minimum over five shuffle seeds, and a plain TF-IDF average-link baseline
whose threshold is the best of a fixed grid, picked on the evaluated data itself.
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

import numpy as np

from newsbrief.errors import DataError
from newsbrief.evaluate.common import EvalResult, f1_of, require_dir
from newsbrief.stories.cluster import ClusterSettings, StoryAssigner
from newsbrief.stories.features import STOPWORDS
from newsbrief.stories.journal import Membership

SEEDS_REPORTED = 5
BASELINE_GRID = tuple(round(0.05 + 0.025 * i, 3) for i in range(31))  # 0.05 … 0.80
_NAME = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s\b|’s\b|n't\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")
_BASELINE_TOKEN = re.compile(r"[a-z0-9]{2,}")


@dataclass(frozen=True)
class EcbDoc:
    doc_id: str
    gold: str  # "<topic>_ecb" or "<topic>_ecbplus"
    text: str


# ---- reading ECB+ ---------------------------------------------------------------------------


def read_document(path: Path) -> str:
    """The plain text of one ECB+ document: one line per sentence, URL lines dropped."""
    root = ET.parse(path).getroot()
    sentences: dict[str, list[str]] = {}
    for tok in root.iter("token"):
        sentences.setdefault(tok.get("sentence", "0"), []).append(tok.text or "")
    lines = []
    for tokens in sentences.values():
        line = _detokenize(tokens)
        if line and not line.startswith("http"):
            lines.append(line)
    return "\n".join(lines)


def _detokenize(tokens: list[str]) -> str:
    line = " ".join(t for t in tokens if t)
    line = _NO_SPACE_BEFORE.sub(r"\1", line)
    return _NO_SPACE_AFTER.sub(r"\1", line)


def load_ecbplus(data_dir: Path) -> list[EcbDoc]:
    """Every document under ``data_dir`` (the ``ecbplus`` folder or the data root above it)."""
    if (data_dir / "ecbplus").is_dir():
        data_dir = data_dir / "ecbplus"
    require_dir(data_dir, "ECB+ data")
    docs = []
    for path in sorted(data_dir.glob("*/*.xml")):
        m = _NAME.match(path.name)
        if m is None or m.group(1) != path.parent.name:
            continue
        topic, _, kind = m.groups()
        docs.append(EcbDoc(path.stem, f"{topic}_{kind}", read_document(path)))
    if not docs:
        raise DataError(f"ECB+ data: no <topic>/<topic>_<n>ecb(plus).xml files under {data_dir}")
    return docs


# ---- metrics --------------------------------------------------------------------------------


def bcubed(pred: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (item-averaged, Bagga & Baldwin) of two labelings."""
    if len(pred) != len(gold):
        raise ValueError("pred and gold must label the same items")
    if not pred:
        return 0.0, 0.0, 0.0
    joint = Counter(zip(pred, gold, strict=True))
    pred_size = Counter(pred)
    gold_size = Counter(gold)
    p = r = 0.0
    for (c, g), n in joint.items():
        p += n * n / pred_size[c]
        r += n * n / gold_size[g]
    p, r = p / len(pred), r / len(pred)
    return p, r, f1_of(p, r)


def adjusted_rand(pred: Sequence[str], gold: Sequence[str]) -> float:
    """Adjusted Rand index (Hubert & Arabie) of two labelings of the same items."""
    if len(pred) != len(gold):
        raise ValueError("pred and gold must label the same items")
    n = len(pred)
    if n < 2:
        return 1.0

    def pairs(counts: Counter[str] | Counter[tuple[str, str]]) -> float:
        return float(sum(c * (c - 1) // 2 for c in counts.values()))

    index = pairs(Counter(zip(pred, gold, strict=True)))
    a, b = pairs(Counter(pred)), pairs(Counter(gold))
    expected = a * b / (n * (n - 1) / 2)
    top = (a + b) / 2
    if top == expected:
        return 1.0
    return (index - expected) / (top - expected)


# ---- the incremental assigner and the baseline ----------------------------------------------


def run_assigner(
    docs: Sequence[EcbDoc], seed: int, settings: ClusterSettings | None = None
) -> list[str]:
    """Story ids for ``docs`` (in their given order) after feeding them in a seeded order:
    the final membership, moves and merges by local re-clustering included, kept from the
    assigner's journals the way the archive keeps it."""
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    assigner = StoryAssigner(settings)
    membership = Membership()
    for i in order:
        assigner.assign(docs[i].doc_id, docs[i].text, None, None)
        membership.apply(assigner.drain())
    return [membership.story_of[d.doc_id] for d in docs]


def tfidf_matrix(texts: Sequence[str]) -> np.ndarray:
    """Plain TF-IDF: lowercased tokens, stopwords dropped, raw counts, smooth IDF, L2 rows."""
    bags = [
        Counter(t for t in _BASELINE_TOKEN.findall(text.lower()) if t not in STOPWORDS)
        for text in texts
    ]
    vocab = {t: i for i, t in enumerate(sorted(set().union(*bags)))}
    m = np.zeros((len(texts), len(vocab)))
    for row, bag in enumerate(bags):
        for t, c in bag.items():
            m[row, vocab[t]] = c
    df = (m > 0).sum(axis=0)
    m *= np.log((1 + len(texts)) / (1 + df)) + 1.0
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.asarray(m / np.where(norms == 0, 1.0, norms))


def average_link_merges(vectors: np.ndarray) -> list[tuple[int, int, float]]:
    """The full average-link dendrogram over cosine similarity: ``(keep, absorbed, sim)``."""
    return average_link(vectors @ vectors.T)


def average_link(sim: np.ndarray) -> list[tuple[int, int, float]]:
    """The average-link dendrogram over a similarity matrix: ``(keep, absorbed, sim)``."""
    sim = np.array(sim, dtype=np.float64)
    n = len(sim)
    np.fill_diagonal(sim, -np.inf)
    size = np.ones(n)
    merges = []
    for _ in range(n - 1):
        flat = int(np.argmax(sim))
        i, j = divmod(flat, n)
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


def cut(merges: Sequence[tuple[int, int, float]], n: int, threshold: float) -> list[str]:
    """Flat clusters: apply the merges whose similarity is at least ``threshold``."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, s in merges:
        if s >= threshold:
            parent[find(j)] = find(i)
    return [str(find(x)) for x in range(n)]


def baseline(docs: Sequence[EcbDoc]) -> tuple[float, tuple[float, float, float], float]:
    """Best grid threshold of TF-IDF average link, its B-cubed (P, R, F1) and ARI."""
    gold = [d.gold for d in docs]
    merges = average_link_merges(tfidf_matrix([d.text for d in docs]))
    best: tuple[float, tuple[float, float, float], float] = (0.0, (0.0, 0.0, 0.0), 0.0)
    for t in BASELINE_GRID:
        labels = cut(merges, len(docs), t)
        scores = bcubed(labels, gold)
        if scores[2] > best[1][2]:
            best = (t, scores, adjusted_rand(labels, gold))
    return best


# ---- the scorer -----------------------------------------------------------------------------


def _row(name: str, p: float, r: float, f: float, ari: float, k: int | str) -> str:
    return f"{name:<46} {p:6.3f} {r:6.3f} {f:6.3f} {ari:6.3f} {k:>7}"


def evaluate(
    data_dir: Path, *, seed: int = 0, settings: ClusterSettings | None = None
) -> EvalResult:
    """Score the incremental assigner on ECB+ and compare with a tuned average-link baseline."""
    docs = load_ecbplus(data_dir)
    gold = [d.gold for d in docs]
    runs = []
    for s in range(seed, seed + SEEDS_REPORTED):
        labels = run_assigner(docs, s, settings)
        runs.append((bcubed(labels, gold), adjusted_rand(labels, gold), len(set(labels))))
    (p, r, f), ari, k = runs[0]
    f1s = [run[0][2] for run in runs]
    aris = [run[1] for run in runs]
    threshold, (bp, br, bf), bari = baseline(docs)
    topics = len({g.split("_")[0] for g in gold})
    lines = [
        f"ECB+ story clustering: {len(docs)} documents, {len(set(gold))} gold stories, "
        f"{topics} topics",
        f"{'system':<46} {'B3-P':>6} {'B3-R':>6} {'B3-F1':>6} {'ARI':>6} {'stories':>7}",
        _row(f"incremental assigner, seed {seed}", p, r, f, ari, k),
        f"{'incremental assigner, ' + str(SEEDS_REPORTED) + ' seeds: B3-F1 mean / min':<46} "
        f"{mean(f1s):6.3f} / {min(f1s):.3f}   ARI mean / min {mean(aris):.3f} / {min(aris):.3f}",
        _row(f"TF-IDF average link, threshold {threshold:.3f}*", bp, br, bf, bari, "-"),
        "* baseline threshold = best of a fixed grid, tuned on the evaluated data itself",
        f"clustering: B3-F1 {f:.3f} (P {p:.3f} R {r:.3f}) ARI {ari:.3f}; "
        f"{SEEDS_REPORTED}-seed B3-F1 mean {mean(f1s):.3f} min {min(f1s):.3f}; "
        f"tuned baseline B3-F1 {bf:.3f}",
    ]
    metrics = {
        "bcubed_p": p,
        "bcubed_r": r,
        "bcubed_f1": f,
        "ari": ari,
        "baseline_bcubed_f1": bf,
        "bcubed_f1_seed_mean": mean(f1s),
        "bcubed_f1_seed_min": min(f1s),
        "ari_seed_mean": mean(aris),
        "baseline_ari": bari,
        "baseline_threshold": threshold,
    }
    extra = {"stories": k, "gold_stories": len(set(gold)), "seeds": SEEDS_REPORTED}
    return EvalResult("clustering", len(docs), metrics, lines, extra)
