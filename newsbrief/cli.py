"""The ``newsbrief`` command: a thin layer that parses arguments, calls the library and prints.

Every error the library raises (``newsbrief.errors``) becomes one line on stderr with a hint and
a non-zero exit code; nothing prints a traceback unless ``NEWSBRIEF_DEBUG=1``.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from newsbrief.errors import InputError, NewsbriefError

app = typer.Typer(
    name="newsbrief",
    help="Grounded explainer briefs from news articles.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
eval_app = typer.Typer(
    help="Score one capability on a benchmark in its published format.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")

err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    md = "md"
    html = "html"
    json = "json"


def _parse_published(value: str | None) -> datetime | None:
    if value is None:
        return None
    from newsbrief.ingest.text import parse_datetime

    parsed = parse_datetime(value)
    if parsed is None:
        raise InputError(
            f"--published {value!r} is not an ISO date or date-time",
            hint="use e.g. 2024-06-11 or 2024-06-11T09:30:00+00:00",
        )
    return parsed


def report_error(where: str | None, exc: NewsbriefError) -> None:
    prefix = f"{where}: " if where else ""
    err.print(f"[bold red]error:[/] {prefix}{exc.message}", markup=True, highlight=False)
    if exc.hint:
        err.print(f"  hint: {exc.hint}", markup=False)


@app.command()
def brief(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Articles: .txt/.md or .html files, http(s):// URLs, or - for standard input.",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option(help="Headline (overrides what the input says).")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Publishing outlet or agency.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date/time, ISO 8601 (anchors relative dates).")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.md,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write here instead of stdout (a folder for several inputs)."
        ),
    ] = None,
    db: Annotated[
        Path | None, typer.Option(help="SQLite archive (default: user data dir).")
    ] = None,
    store: Annotated[bool, typer.Option(help="Store each briefed article in the archive.")] = True,
    story: Annotated[
        str | None, typer.Option(help="Brief a whole story from the archive by its id.")
    ] = None,
) -> None:
    """Write an explainer brief for each article (or for a story from the archive)."""
    from newsbrief.cli_brief import run_brief, run_story_brief
    from newsbrief.settings import Settings

    settings = Settings(db_path=db) if db else Settings()
    if story is not None:
        if inputs:
            raise InputError("give either articles or --story, not both")
        run_story_brief(story, settings=settings, fmt=fmt.value, output=output)
        return
    if not inputs:
        raise InputError("no input given", hint="try: newsbrief brief examples/port-strike.txt")
    code = run_brief(
        inputs,
        settings=settings,
        fmt=fmt.value,
        output=output,
        store=store,
        title=title,
        outlet=outlet,
        published=_parse_published(published),
    )
    if code:
        raise typer.Exit(code)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the brief (public API)."""
    from newsbrief.models import Brief

    typer.echo(json.dumps(Brief.model_json_schema(), indent=2))


# --------------------------------------------------------------------------- eval


def _print_result(result: Any, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(result.to_json()))
    else:
        for line in result.lines:
            typer.echo(line)


JsonFlag = Annotated[bool, typer.Option("--json", help="Print one JSON object instead.")]
Limit = Annotated[int | None, typer.Option(help="Score only the first N items.")]


@eval_app.command("extraction")
def eval_extraction(
    data_dir: Annotated[Path, typer.Argument(help="Article-extraction-benchmark folder (aeb).")],
    as_json: JsonFlag = False,
) -> None:
    """Main-text extraction: token-bag P/R/F1 against plain trafilatura defaults."""
    from newsbrief.evaluate.extraction import evaluate

    _print_result(evaluate(data_dir), as_json)


@eval_app.command("attribution")
def eval_attribution(
    data_dir: Annotated[Path, typer.Argument(help="PolNeAR split folder (text/, attributions/).")],
    errors: Annotated[
        Path | None, typer.Option(help="Write misses and false alarms here (JSON Lines).")
    ] = None,
    limit: Limit = None,
    as_json: JsonFlag = False,
) -> None:
    """Attribution: Source / Cue / Content spans, exact and overlap, and full relations."""
    from newsbrief.evaluate.attribution import evaluate

    _print_result(evaluate(data_dir, errors_path=errors, limit=limit), as_json)


@eval_app.command("timex")
def eval_timex(
    data_dir: Annotated[
        Path, typer.Argument(help="Folder of TimeML .tml files (searched recursively).")
    ],
    limit: Limit = None,
    as_json: JsonFlag = False,
) -> None:
    """Time expressions: TempEval-3 extent, type and value figures."""
    from newsbrief.evaluate.timex import evaluate

    _print_result(evaluate(data_dir, limit=limit), as_json)


@eval_app.command("summary")
def eval_summary(
    src: Annotated[Path, typer.Argument(help="Articles, one per line (or the cnndm folder).")],
    ref: Annotated[
        Path | None, typer.Argument(help="Reference highlights inside <t> … </t>, one line each.")
    ] = None,
    limit: Limit = None,
    as_json: JsonFlag = False,
) -> None:
    """Executive Summary: ROUGE-1/2/Lsum F1 beside Lead-3 in the same run."""
    from newsbrief.evaluate.summary import evaluate

    if ref is None:
        if not src.is_dir():
            raise InputError(
                "give SRC and REF files, or the folder holding dev.src.txt and dev.ref.txt"
            )
        src, ref = src / "dev.src.txt", src / "dev.ref.txt"
    _print_result(evaluate(src, ref, limit=limit), as_json)


@eval_app.command("roles")
def eval_roles(
    data_dir: Annotated[
        Path | None,
        typer.Argument(
            help="Shared data folder holding cnndm/ and polnear/ (default ../shared/data)."
        ),
    ] = None,
    labels: Annotated[
        Path | None, typer.Option(help="Labelled sentences (JSON Lines); default: the bundled set.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Sentence roles: accuracy and per-role P/R/F1 on our labelled set."""
    from newsbrief.evaluate.roles import LABELS_FILE, evaluate

    _print_result(evaluate(data_dir, labels=labels or LABELS_FILE), as_json)


@eval_app.command("clustering")
def eval_clustering(
    data_dir: Annotated[
        Path, typer.Argument(help="ECB+ folder (<topic>/<topic>_<n>ecb[plus].xml).")
    ],
    seed: Annotated[int, typer.Option(help="Seed of the fixed shuffled order.")] = 0,
    as_json: JsonFlag = False,
) -> None:
    """Story clustering: B-cubed P/R/F1 and ARI, beside a TF-IDF average-link baseline."""
    from newsbrief.evaluate.clustering import evaluate

    _print_result(evaluate(data_dir, seed=seed), as_json)


def _register_commands() -> None:
    """Archive, stream and web commands live in ``newsbrief.commands``; their modules import
    lazily, so ``newsbrief --help`` stays fast."""
    from newsbrief.commands.archive import ingest, search, stories, watch
    from newsbrief.commands.serve import serve

    for name, fn in (
        ("ingest", ingest),
        ("watch", watch),
        ("search", search),
        ("stories", stories),
        ("serve", serve),
    ):
        app.command(name)(fn)


_register_commands()


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app, turning errors into one clear line and an exit code."""
    try:
        code = app(args=argv, standalone_mode=False)
    except NewsbriefError as exc:
        report_error(None, exc)
        return exc.exit_code
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        err.print("aborted")
        return 130
    except KeyboardInterrupt:
        err.print("interrupted")
        return 130
    except Exception as exc:  # click usage errors and anything unexpected
        return _unexpected(exc)
    return code if isinstance(code, int) else 0


def _unexpected(exc: Exception) -> int:
    import click

    if isinstance(exc, click.ClickException):
        exc.show(file=sys.stderr)
        return exc.exit_code
    if os.environ.get("NEWSBRIEF_DEBUG"):
        traceback.print_exc()
    err.print(
        f"[bold red]internal error:[/] {exc.__class__.__name__}: {exc}",
        markup=True,
        highlight=False,
    )
    err.print("  hint: rerun with NEWSBRIEF_DEBUG=1 for details and report it", markup=False)
    return 70


if __name__ == "__main__":
    sys.exit(main())
