"""Throughput of the full ``brief`` analysis against spaCy's bare parse of the same texts.

Both are measured in the same run, alternating, best of ``--repeat`` rounds, so the ratio holds on a
noisy shared machine. Also reports each analysis component's cost as a share of the parse time, and
peak memory (max RSS).

    python bench/throughput.py [--limit 60] [--repeat 3]

Texts: the PolNeAR dev articles when the shared data is present, else the bundled examples.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsbrief.analyze import actors, analyze_doc, attribution, roles, sentences
from newsbrief.analyze import time as timeexpr
from newsbrief.analyze.nlp import get_nlp
from newsbrief.compose import compose_brief
from newsbrief.evaluate.common import data_root
from newsbrief.ingest import article_from_text
from newsbrief.ingest.text import parse_datetime
from newsbrief.models import Article

ROOT = Path(__file__).resolve().parents[1]


def load_articles(limit: int) -> list[Article]:
    dev = data_root() / "polnear" / "dev" / "text"
    if dev.is_dir():
        paths = sorted(dev.iterdir())[:limit]
        texts = [p.read_text(encoding="utf-8") for p in paths]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    published = parse_datetime("2016-10-01T12:00:00+00:00")
    return [article_from_text(t, published=published) for t in texts if t.strip()]


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def bare_parse(arts: list[Article]) -> None:
    for _ in get_nlp().pipe((a.text for a in arts), batch_size=16):
        pass


def full_brief(arts: list[Article]) -> None:
    from newsbrief.analyze import analyze_many

    for analysis in analyze_many(arts, batch_size=16):
        compose_brief(analysis)


def component_shares(arts: list[Article]) -> dict[str, float]:
    """Each component's time over pre-parsed docs, as a share of the parse time."""
    nlp = get_nlp()
    t0 = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in arts), batch_size=16))
    parse_s = time.perf_counter() - t0
    cost = dict.fromkeys(
        ("sentences", "actors+attribution", "timex+events", "roles", "compose"), 0.0
    )
    for art, doc in zip(arts, docs, strict=True):
        t = time.perf_counter()
        sents = sentences.split_sentences(doc, art)
        cost["sentences"] += time.perf_counter() - t
        t = time.perf_counter()
        index = actors.resolve_actors(doc, art, sents)
        attrs = attribution.find_attributions(doc, art, sents, index)
        cost["actors+attribution"] += time.perf_counter() - t
        t = time.perf_counter()
        tx = timeexpr.find_timexes(doc, art.published, sents)
        timeexpr.find_events(doc, art, sents, tx, index)
        cost["timex+events"] += time.perf_counter() - t
        t = time.perf_counter()
        roles.assign_roles(doc, sents, tx, attrs)
        cost["roles"] += time.perf_counter() - t
        analysis = analyze_doc(art, doc)  # what compose gets in a real run (not timed)
        t = time.perf_counter()
        compose_brief(analysis)
        cost["compose"] += time.perf_counter() - t
    return {k: v / parse_s for k, v in cost.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--limit", type=int, default=60, help="articles to use (default 60)")
    ap.add_argument("--repeat", type=int, default=3, help="alternating rounds (default 3)")
    args = ap.parse_args(argv)
    arts = load_articles(args.limit)
    words = sum(len(a.text.split()) for a in arts)
    print(f"{len(arts)} articles, {words} words")
    full_brief(arts[:2])  # warm up: model load, lazy imports, matcher builds
    parse_t, brief_t = [], []
    for _ in range(args.repeat):
        parse_t.append(timed(lambda: bare_parse(arts)))
        brief_t.append(timed(lambda: full_brief(arts)))
    p, b = min(parse_t), min(brief_t)
    print(f"bare spaCy parse : {len(arts) / p:7.2f} articles/s  ({words / p:8.0f} words/s)")
    print(f"full brief       : {len(arts) / b:7.2f} articles/s  ({words / b:8.0f} words/s)")
    for name, share in component_shares(arts).items():
        print(f"  {name:<20} {share:6.1%} of parse time")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak_mb:.0f} MiB")
    ratio = p / b
    print(f"ratio full/bare throughput: {ratio:.2f} (target >= 0.80)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
