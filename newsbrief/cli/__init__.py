"""The ``newsbrief`` command: a thin layer that parses arguments, calls the library and prints.

One module per command group, each a set of plain functions with typer annotations registered
here: ``brief`` (brief, schema), ``evals`` (eval …), ``archive`` (ingest, watch, search,
stories) and ``serve``. Shared pieces (the stderr console, the error reporter) are in ``output``.
Command modules import the library lazily inside the commands, so ``newsbrief --help`` stays
fast.

Every error the library raises (``newsbrief.errors``) becomes one line on stderr with a hint and
a non-zero exit code; nothing prints a traceback unless ``NEWSBRIEF_DEBUG=1``.
"""

from __future__ import annotations

import os
import sys
import traceback

import typer

from newsbrief.cli.archive import ingest, search, watch
from newsbrief.cli.brief import brief, schema
from newsbrief.cli.evals import eval_app
from newsbrief.cli.output import err, report_error
from newsbrief.cli.serve import serve
from newsbrief.cli.stories import stories
from newsbrief.errors import NewsbriefError

__all__ = ["app", "main"]

app = typer.Typer(
    name="newsbrief",
    help="Grounded explainer briefs from news articles.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(eval_app, name="eval")
app.command()(brief)
app.command()(schema)
for _name, _fn in (
    ("ingest", ingest),
    ("watch", watch),
    ("search", search),
    ("stories", stories),
    ("serve", serve),
):
    app.command(_name)(_fn)


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
