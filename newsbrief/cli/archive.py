"""The archive commands: ``ingest``, ``watch``, ``search`` and ``stories``.

Plain functions with typer annotations; ``newsbrief.cli`` registers them. Each is a thin layer
over the library (``newsbrief.ingest.batch`` and ``newsbrief.store.Archive``): parse the
options, call it, print. Errors are ``newsbrief.errors`` exceptions, printed by the CLI.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newsbrief.errors import InputError
from newsbrief.settings import Settings

if TYPE_CHECKING:
    from newsbrief.ingest.batch import Outcome

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.I)
_UNIT_S = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}

Db = Annotated[
    str | None,
    typer.Option(
        help="Archive: a SQLite file, or a postgresql:// URL (default: $NEWSBRIEF_DB or the"
        " user data dir)."
    ),
]
Analyze = Annotated[
    bool,
    typer.Option(
        "--analyze/--no-analyze", help="Analyze each new article (skip for fast bulk loads)."
    ),
]
Since = Annotated[
    str | None,
    typer.Option(help="Only since this date (ISO 8601, e.g. 2024-06-01) or this long ago (7d)."),
]


def parse_duration(value: str) -> float:
    """Seconds in '90', '30s', '15m', '2h', '1d' or '1w'."""
    m = _DURATION.match(value)
    if m is None:
        raise InputError(f"{value!r} is not a duration", hint="use e.g. 30s, 15m, 2h or 1d")
    return float(m.group(1)) * _UNIT_S[m.group(2).lower()]


def parse_since(value: str | None) -> datetime | None:
    """An ISO (or written) date, or a duration meaning that long before now."""
    from newsbrief.ingest.text import parse_datetime

    if value is None:
        return None
    if _DURATION.match(value):
        try:
            return datetime.now(UTC) - timedelta(seconds=parse_duration(value))
        except OverflowError:  # further back than the year 1
            raise InputError(
                f"--since {value!r} reaches back before the year 1",
                hint="give a shorter span (e.g. 365d) or a date (e.g. 2024-06-01)",
            ) from None
    parsed = parse_datetime(value)
    if parsed is None:
        raise InputError(f"--since {value!r} is not a date", hint="use e.g. 2024-06-01 or 7d")
    return parsed


def _settings(db: str | None) -> Settings:
    return Settings(db_path=db) if db else Settings()


@contextmanager
def _progress(label: str) -> Iterator[Callable[[object], None]]:
    """A progress counter on stderr when it is a terminal; a no-op otherwise."""
    if not err.is_terminal:
        yield lambda _outcome: None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(label, total=None)
        yield lambda _outcome: progress.advance(task)


def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders, http(s) URLs (article pages or RSS/Atom feeds), .jsonl files"
            ' with {"text"|"html" (plus "url" as the page address, not fetched) or "url"'
            ' alone (fetched), "title", "published", "outlet"} per line, feed files'
            " (.xml/.rss/.atom), or - for JSON Lines on standard input.",
            show_default=False,
        ),
    ],
    db: Db = None,
    analyze: Analyze = True,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Load (extract pages, fetch feed entries' pages) and analyze in this many"
            " processes (default: every core; with --no-analyze, this one). Dedupe, storing"
            " and story threading stay in this one process.",
            show_default=False,
        ),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            help="Load and analyze on the workers of this Dask scheduler (e.g."
            " tcp://10.0.0.5:8786; needs newsbrief[cluster]); files are read here. Dedupe,"
            " storing and story threading stay here.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Add articles to the archive: dedupe, store, thread into stories, analyze.

    A bad item never stops the batch: the summary lists each failure with its reason.

    The exit code is non-zero only when no item could be read at all (or none was found): that
    of the first failure, e.g. 2 for bad input, 3 for a fetch that failed.
    """
    from newsbrief.ingest.batch import ingest_sources
    from newsbrief.ingest.parallel import make_analyzer
    from newsbrief.store import Archive

    if workers is not None and cluster:
        raise InputError("give either --workers or --cluster, not both")
    settings = _settings(db)
    analyzer = make_analyzer(workers=workers, cluster=cluster, analyze=analyze)
    try:
        with (
            Archive.open(settings.db_path, busy_timeout_s=settings.busy_timeout_s) as archive,
            _progress("ingesting") as advance,
        ):
            report = ingest_sources(
                sources, archive, settings, analyze=analyze, on_item=advance, analyzer=analyzer
            )
    finally:
        analyzer.close()
    failures = report.failures
    if len(report.outcomes) == 1 and failures:  # one source that failed: one error line
        err.print(f"[bold red]error:[/] {escape(_failure_line(failures[0]))}", markup=True)
        raise typer.Exit(failures[0].exit_code or 2)
    for outcome in failures:
        err.print(f"failed: {_failure_line(outcome)}", markup=False)
    err.print(report.summary(), markup=False)
    if report.outcomes and len(failures) == len(report.outcomes):
        err.print(
            f"[bold red]error:[/] none of the {len(failures)} items could be ingested",
            markup=True,
        )
        raise typer.Exit(failures[0].exit_code or 2)


def _failure_line(outcome: Outcome) -> str:
    """ "label: why", without the label twice when the reason already names it."""
    if outcome.label in outcome.detail:
        return outcome.detail
    return f"{outcome.label}: {outcome.detail}"


def watch(
    feeds: Annotated[
        list[str], typer.Argument(help="RSS/Atom feed URLs (or feed files).", show_default=False)
    ],
    every: Annotated[str, typer.Option(help="Poll interval: 30s, 15m, 1h …")] = "15m",
    max_polls: Annotated[
        int | None, typer.Option(help="Stop after this many polling rounds (default: never).")
    ] = None,
    max_backoff: Annotated[
        str, typer.Option(help="Longest wait after repeated errors (backoff doubles each time).")
    ] = "1h",
    db: Db = None,
    analyze: Analyze = True,
) -> None:
    """Poll feeds and ingest new entries, with conditional requests (ETag / Last-Modified).

    Entries already handled are never ingested twice.

    A failing feed is retried with an exponential, capped backoff. Stop with Ctrl-C.
    """
    from newsbrief.ingest.batch import Ingestor
    from newsbrief.ingest.watch import PollResult, watch_feeds
    from newsbrief.store import Archive

    settings = _settings(db)
    every_s, backoff_s = parse_duration(every), parse_duration(max_backoff)

    def report(result: PollResult) -> None:
        stamp = datetime.now().strftime("%H:%M:%S")
        if result.status == "error":
            line = f"error ({result.error}); retry in {result.next_in_s:.0f}s"
        elif result.status == "not-modified":
            line = "not modified"
        else:
            line = result.report.summary()
            for failed in result.report.failures:
                err.print(f"  failed: {failed.label}: {failed.detail}", markup=False)
        err.print(f"[{stamp}] {result.feed}: {line}", markup=False)

    with Archive.open(settings.db_path, busy_timeout_s=settings.busy_timeout_s) as archive:
        ingestor = Ingestor(archive, settings, analyze=analyze)
        watch_feeds(
            feeds,
            ingestor,
            every_s=every_s,
            max_polls=max_polls,
            max_backoff_s=backoff_s,
            on_poll=report,
        )


def search(
    query: Annotated[
        str, typer.Argument(help='Words to find (all must match); "quoted phrases" work.')
    ] = "",
    actor: Annotated[
        str | None, typer.Option(help="Only articles naming this actor (part of a name works).")
    ] = None,
    since: Since = None,
    limit: Annotated[int, typer.Option(min=1, help="Most results to show.")] = 20,
    db: Db = None,
) -> None:
    """Full-text search of the archive (titles, texts and actor names), best match first."""
    from newsbrief.store import Archive

    settings = _settings(db)
    with Archive.open(settings.db_path, busy_timeout_s=settings.busy_timeout_s) as archive:
        hits = archive.search(query, actor=actor, since=parse_since(since), limit=limit)
    if not hits:
        err.print("no matches")
        return
    for hit in hits:
        date = hit.published.date().isoformat() if hit.published else "undated"
        outlet = f" — {hit.outlet}" if hit.outlet else ""
        story = f"  story {hit.story_id}" if hit.story_id else ""
        out.print(f"{date}  {hit.title}{outlet}", markup=False)
        out.print(f"    {hit.article_id}{story}", markup=False)
        out.print(f"    {hit.snippet}", markup=False)
