"""Parallel efficiency of a local Dask cluster: ``newsbrief ingest --cluster`` on 2 workers
against 1 worker, whole processes timed, A/B alternating.

Starts two local clusters on 127.0.0.1 (``dask scheduler`` plus ``dask worker --nworkers 1``
and ``--nworkers 2``, one thread each: the parse holds the GIL), warms each (the workers load
the model on their first task), then ingests the same articles into a fresh SQLite archive per
run, alternating 1-worker and 2-worker runs; prints each pair's wall seconds, the ingest
process's CPU, the load average at the start of each run, and the median speed-up
(1-worker wall / 2-worker wall) with the efficiency (speed-up / 2).

    python bench/cluster.py [--articles 240] [--pairs 3] [--split train]

Needs the ``cluster`` extra (``dask``, ``distributed``) and the PolNeAR texts of the shared
data (``--split``; the first ``--articles`` files in name order).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsbrief.evaluate.common import data_root

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalCluster:
    """A scheduler and ``workers`` worker processes on 127.0.0.1, as two plain commands."""

    def __init__(self, workers: int, logs: Path) -> None:
        self.port = _free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.workers = workers
        self._procs: list[subprocess.Popen[bytes]] = []
        self._logs = logs

    def start(self) -> None:
        log = (self._logs / f"cluster-{self.workers}.log").open("ab")
        dash = str(_free_port())
        self._procs.append(
            subprocess.Popen(
                [
                    str(BIN / "dask"),
                    "scheduler",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                    "--dashboard-address",
                    f"127.0.0.1:{dash}",
                ],
                stdout=log,
                stderr=log,
            )
        )
        self._procs.append(
            subprocess.Popen(
                [
                    str(BIN / "dask"),
                    "worker",
                    self.address,
                    "--host",
                    "127.0.0.1",
                    "--nworkers",
                    str(self.workers),
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                ],
                stdout=log,
                stderr=log,
            )
        )
        from distributed import Client

        with Client(self.address, timeout=60) as client:  # type: ignore[no-untyped-call]
            client.wait_for_workers(self.workers, timeout=120)

    def stop(self) -> None:
        for proc in reversed(self._procs):
            proc.terminate()
        for proc in self._procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def ingest(source: Path, cluster: LocalCluster, db: Path) -> tuple[float, float, str]:
    """Wall seconds, the ingest process's CPU seconds and its summary line."""
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    before = os.times()
    done = subprocess.run(
        [str(BIN / "newsbrief"), "ingest", str(source), "--db", str(db), "--cluster",
         cluster.address],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - t0
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    if done.returncode != 0:
        raise SystemExit(f"ingest failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    summary = (done.stdout.strip().splitlines() or [""])[-1]
    return wall, cpu, f"load {load:.2f}; {summary}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=240)
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--split", default="train")
    args = ap.parse_args(argv)
    texts = data_root() / "polnear" / args.split / "text"
    if not texts.is_dir():
        print(f"error: no PolNeAR texts at {texts}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="nb-cluster-"))
    source, warm = work / "articles", work / "warm"
    source.mkdir()
    warm.mkdir()
    paths = sorted(texts.iterdir())
    for p in paths[: args.articles]:
        shutil.copy(p, source / p.name)
    for p in paths[-4:]:  # warm-up: other articles, so the timed runs store theirs anew
        shutil.copy(p, warm / p.name)
    clusters = {n: LocalCluster(n, work) for n in (1, 2)}
    try:
        for cluster in clusters.values():
            cluster.start()
            ingest(warm, cluster, work / f"warm-{cluster.workers}.db")
        walls: dict[int, list[float]] = {1: [], 2: []}
        for pair in range(args.pairs):
            for n, cluster in clusters.items():
                db = work / f"run-{pair}-{n}.db"
                wall, cpu, note = ingest(source, cluster, db)
                walls[n].append(wall)
                print(f"pair {pair + 1}, {n} worker(s): {wall:6.1f} s wall, {cpu:5.1f} s CPU in"
                      f" the ingest process ({note})", flush=True)  # fmt: skip
        ratios = [a / b for a, b in zip(walls[1], walls[2], strict=True)]
        speedup = statistics.median(ratios)
        print(
            f"{args.articles} articles: 1 worker median {statistics.median(walls[1]):.1f} s,"
            f" 2 workers {statistics.median(walls[2]):.1f} s; speed-up per pair"
            f" {', '.join(f'{r:.2f}' for r in ratios)}; median {speedup:.2f}"
            f" (efficiency {speedup / 2:.2f})"
        )
    finally:
        for cluster in clusters.values():
            cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
