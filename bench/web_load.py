"""Load on the web server: a story's brief page against a small static file, same server.

Starts ``newsbrief serve`` in a subprocess on loopback over a temporary archive holding the
example articles, then a second process hammers each URL for a bounded time with a few
concurrent clients (httpx). Prints requests per second and latency percentiles for both, and
the ratio brief/static (how close a brief page comes to the cheapest response the server can
give). Stops by itself.

    python bench/web_load.py [--seconds 10] [--clients 4]

Over PostgreSQL with two server processes while an ingest writes to the same archive (a
throwaway local server; the ingest reads a JSON Lines file and runs until the load ends):

    python bench/web_load.py --backend postgresql --server-workers 2 --ingest items.jsonl
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))


@dataclass(frozen=True)
class Result:
    label: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def fill_archive(db: Path | str) -> None:
    """Ingest the example articles through the library (analysis, brief, story)."""
    from newsbrief.analyze import analyze
    from newsbrief.compose import compose_brief
    from newsbrief.ingest import load_input
    from newsbrief.ingest.batch import Ingestor
    from newsbrief.store import Archive

    with Archive.open(db) as archive:
        ingestor = Ingestor(archive)
        for path in EXAMPLES:
            article = load_input(str(path))
            analysis = analyze(article)
            ingestor.add(article, analysis, brief=compose_brief(analysis))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path | str, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "newsbrief", "serve", "--db", str(db), "--port", str(port)]
    command += ["--workers", str(workers)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def start_ingest(db: Path | str, items: Path) -> subprocess.Popen[bytes]:
    """A concurrent writer: ``newsbrief ingest`` (with analysis, one worker) into the archive."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "newsbrief", "ingest", str(items), "--db", str(db)]
    return subprocess.Popen(
        [*command, "--workers", "1"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def wait_ready(base: str, server: subprocess.Popen[bytes], timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            stderr = server.stderr.read().decode() if server.stderr else ""
            raise SystemExit(f"the server exited early:\n{stderr}")
        try:
            if httpx.get(base + "/api/v1/health", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit("the server did not become ready in time")


async def _hammer(url: str, seconds: float, clients: int) -> tuple[int, int, float, list[float]]:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=10.0) as client:
        await client.get(url)  # warm up (caches, connections)
        start = time.perf_counter()
        end = start + seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < end:
                t0 = time.perf_counter()
                try:
                    response = await client.get(url)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append((time.perf_counter() - t0) * 1000)
                errors += 0 if ok else 1

        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - start
    return len(latencies), errors, elapsed, latencies


def _load_process(url: str, seconds: float, clients: int, out: mp.Queue[object]) -> None:
    out.put(asyncio.run(_hammer(url, seconds, clients)))


def measure(label: str, url: str, seconds: float, clients: int) -> Result:
    """Hammer ``url`` from a separate process for ``seconds``."""
    ctx = mp.get_context("spawn")
    queue: mp.Queue[object] = ctx.Queue()
    proc = ctx.Process(target=_load_process, args=(url, seconds, clients, queue))
    proc.start()
    try:
        data = cast(tuple[int, int, float, list[float]], queue.get(timeout=seconds + 60))
    finally:
        proc.join(timeout=10)
        if proc.is_alive():
            proc.kill()
    requests, errors, elapsed, latencies = data
    return Result(label, requests, errors, elapsed, latencies)


def story_url(base: str) -> str:
    page = httpx.get(base + "/api/v1/stories", timeout=10).json()
    stories = page["items"] if isinstance(page, dict) else page
    if not stories:
        raise SystemExit("the archive has no story to load")
    return f"{base}/stories/{stories[0]['id']}"


def report(results: list[Result]) -> None:
    print(f"{'page':<10} {'requests':>9} {'errors':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for r in results:
        print(
            f"{r.label:<10} {r.requests:>9} {r.errors:>7} {r.rps:>8.1f}"
            f" {r.percentile(0.5):>8.2f} {r.percentile(0.95):>8.2f}"
        )
    brief, static = results[:2]
    ratio = brief.rps / static.rps if static.rps else float("nan")
    print(
        f"brief page at {ratio:.2f}x the static file's rate"
        f" ({brief.rps:.0f} vs {static.rps:.0f} req/s, p95 {brief.percentile(0.95):.1f} ms"
        f" vs {static.percentile(0.95):.1f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="load time per URL")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--server-workers", type=int, default=1, help="serve --workers N")
    parser.add_argument("--ingest", type=Path, help="JSON Lines to ingest during the load")
    args = parser.parse_args()
    pg = None
    with tempfile.TemporaryDirectory(prefix="nb-web-load-") as tmp:
        if args.backend == "postgresql":
            from newsbrief.store.pgtemp import PgServer

            pg = PgServer.start(fast=False)
            db: Path | str = pg.create_database("web")
        else:
            db = Path(tmp) / "archive.db"
        fill_archive(db)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(db, port, args.server_workers)
        writer = None
        try:
            wait_ready(base, server)
            brief_page = story_url(base)
            if args.ingest is not None:
                writer = start_ingest(db, args.ingest)
            results = [
                measure("brief", brief_page, args.seconds, args.clients),
                measure("static", base + "/static/site.css", args.seconds, args.clients),
                measure("search", base + "/api/v1/search?q=strike", args.seconds, args.clients),
            ]
            if writer is not None:
                rc = writer.poll()
                print(
                    "concurrent ingest: "
                    + ("still running at the end" if rc is None else f"finished (exit {rc})")
                )
        finally:
            for proc in (writer, server):
                if proc is None:
                    continue
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            if pg is not None:
                pg.stop()
    print(
        f"{args.clients} clients, {args.seconds:g} s per URL, server: newsbrief serve (uvicorn,"
        f" {args.server_workers} worker process(es)) over {args.backend}"
        + (", with an ingest writing meanwhile" if args.ingest else "")
    )
    report(results)


if __name__ == "__main__":
    main()
