"""Story-brief benchmark: compose one story's brief from an archive for stories of 10, 100, 300
articles (real articles: the three Timeline17 BP oil-spill timelines, BBC, Guardian and Reuters,
merged in publication order).

Setup (not timed): the first N articles are analyzed in full once (cached in a pickle beside the
archive, ``--cache``), stored in a temporary SQLite archive and threaded into one story. Timed:
``story_brief_from_archive`` (load every stored analysis and the outlet runs, compose every
section) and, as the reference measured in the same run, loading the analyses alone. Reports
seconds, seconds per article, the ratio to the reference and the peak memory of the composition
(tracemalloc). Cost should grow no worse than linearly: the per-article time stays flat.

    python bench/story.py                     # 10, 100, 300 (analysis setup takes minutes)
    python bench/story.py --sizes 10 100      # quicker
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from newsbrief.analyze import analyze_many
from newsbrief.cli.brief import story_brief_from_archive
from newsbrief.evaluate.common import data_root
from newsbrief.evaluate.tls import read_articles
from newsbrief.models import Analysis
from newsbrief.settings import Settings
from newsbrief.store.archive import Archive

FOLDERS = ("bpoil_bbc", "bpoil_guardian", "bpoil_reuters")


def _analyses(n: int, cache: Path) -> list[Analysis]:
    if cache.is_file():
        cached: list[Analysis] = pickle.loads(cache.read_bytes())
        if len(cached) >= n:
            return cached[:n]
    tls = data_root() / "tls"
    arts = [a for f in FOLDERS for a in read_articles(tls / f)]
    arts.sort(key=lambda a: (a.published, a.id))
    # a few hundred very long pages (live blogs with reader comments) would dominate: cap the text
    arts = [a for a in arts if len(a.text) < 20_000][:n]
    started = time.perf_counter()
    out = list(analyze_many(arts, batch_size=8))
    print(f"(setup: analyzed {len(out)} articles in {time.perf_counter() - started:.0f} s)")
    cache.write_bytes(pickle.dumps(out))
    return out


def _archive(path: Path, analyses: list[Analysis]) -> str:
    story = "story-bench"
    with Archive.open(path) as archive:
        for a in analyses:
            archive.save_article(a.article)
            archive.save_analysis(a)
            archive.add_to_story(a.article.id, story)
    return story


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 300])
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "nb-story.pkl")
    args = parser.parse_args()
    pool = _analyses(max(args.sizes), args.cache)
    settings = Settings()
    print(
        f"{'articles':>8}{'compose s':>11}{'s/article':>11}{'load s':>9}{'ratio':>7}"
        f"{'peak MiB':>10}"
    )
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "archive.db"
            story = _archive(db, pool[:n])
            with Archive.open(db) as archive:
                t0 = time.perf_counter()
                archive.story_analyses(story)
                load = time.perf_counter() - t0
                t0 = time.perf_counter()
                brief = story_brief_from_archive(archive, story, settings=settings)
                secs = time.perf_counter() - t0
                tracemalloc.start()  # a second, traced run for the peak (tracing slows it)
                story_brief_from_archive(archive, story, settings=settings)
                peak = tracemalloc.get_traced_memory()[1] / 2**20
                tracemalloc.stop()
            assert brief is not None and len(brief.articles) == n
        print(f"{n:>8}{secs:>11.2f}{secs / n:>11.4f}{load:>9.2f}{secs / max(load, 1e-9):>7.1f}"
              f"{peak:>10.1f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
