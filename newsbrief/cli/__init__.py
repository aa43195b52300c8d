"""The ``newsbrief`` command: a thin layer that parses arguments, calls the library and prints.

One module per command group, each a set of plain functions with typer annotations registered
here: ``brief`` (brief, schema), ``evals`` (eval …), ``archive`` (ingest, watch, search,
stories) and ``serve``. Shared pieces (the stderr console, the error reporter) are in ``output``.
Command modules import the library lazily inside the commands, so ``newsbrief --help`` stays
fast.

Every error the library raises (``newsbrief.errors``) becomes one line on stderr with a hint and
a non-zero exit code; nothing prints a traceback unless ``NEWSBRIEF_DEBUG=1``. Exit codes:

    0  done              2  bad input or usage      3  fetch failed       4  archive unusable
    5  benchmark data    6  model missing           70 internal error (a bug)
    74 disk full         75 archive locked          77 permission denied  130 interrupted

Usage errors (unknown option, bad choice) are click's own message and code 2 — typer bundles its
own copy of click, so both its exception classes and click's are handled. A bare ``newsbrief``
prints the help and exits 2, as click does for a group called without a command.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import traceback
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Annotated, Any

import typer

from newsbrief.cli.archive import ingest, search, watch
from newsbrief.cli.arcs import arcs
from newsbrief.cli.brief import brief, schema
from newsbrief.cli.evals import eval_app
from newsbrief.cli.output import err, report_error, show_input_warning
from newsbrief.cli.serve import serve
from newsbrief.cli.stories import stories
from newsbrief.cli.verify import verify
from newsbrief.errors import (
    DiskFull,
    InputNote,
    InputWarning,
    NewsbriefError,
    PermissionDenied,
)

__all__ = ["Interrupted", "app", "main"]

app = typer.Typer(
    name="newsbrief",
    help="Grounded explainer briefs from news articles.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsbrief {package_version()}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Grounded explainer briefs from news articles."""


app.add_typer(eval_app, name="eval")
app.command()(brief)
app.command()(schema)
for _name, _fn in (
    ("ingest", ingest),
    ("watch", watch),
    ("search", search),
    ("stories", stories),
    ("arcs", arcs),
    ("serve", serve),
    ("verify", verify),
):
    app.command(_name)(_fn)


class Interrupted(BaseException):
    """Ctrl-C (SIGINT). A BaseException of our own, so that neither typer (which turns
    KeyboardInterrupt into a silent exit code) nor a batch's ``except Exception`` swallows it;
    open transactions roll back on the way out."""


def package_version() -> str:
    """The version of the code that runs: the package's own ``__version__``, not the installed
    metadata, which an editable install made before the last version bump still has old."""
    from newsbrief import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app, turning errors into one clear line and an exit code."""
    with _sigint_raises(), _warnings_printed():
        try:
            code = app(args=argv, standalone_mode=False, prog_name="newsbrief")
        except NewsbriefError as exc:
            report_error(None, exc)
            return exc.exit_code
        except typer.Exit as exc:
            return int(exc.exit_code or 0)
        except (typer.Abort, Interrupted, KeyboardInterrupt):
            err.print("interrupted: what was stored before Ctrl-C is kept; run it again to finish")
            return 130
        except Exception as exc:  # click usage errors, OS errors and anything unexpected
            return _unexpected(exc)
    return code if isinstance(code, int) else 0


def _click_exceptions() -> tuple[type[Exception], ...]:
    """click's ClickException, in typer's bundled copy (what typer raises) and in click."""
    found: list[type[Exception]] = []
    try:
        from typer._click.exceptions import ClickException as TyperClickException

        found.append(TyperClickException)
    except ImportError:  # an older typer that uses click itself
        pass
    try:
        import click

        found.append(click.ClickException)
    except ImportError:
        pass
    return tuple(found)


def _unexpected(exc: Exception) -> int:
    if isinstance(exc, _click_exceptions()):
        return _usage_error(exc)
    known = _known_failure(exc)
    if known is not None:
        report_error(None, known)
        return known.exit_code
    if os.environ.get("NEWSBRIEF_DEBUG"):
        traceback.print_exc()
    err.print(
        f"[bold red]internal error:[/] {exc.__class__.__name__}: {exc}",
        markup=True,
        highlight=False,
    )
    err.print("  hint: rerun with NEWSBRIEF_DEBUG=1 for details and report it", markup=False)
    return 70


def _usage_error(exc: Any) -> int:
    """click's own message (usage line, "Try … --help", "Error: …") and its exit code."""
    if type(exc).__name__ == "NoArgsIsHelpError" and not exc.format_message().strip():
        return int(exc.exit_code)  # typer's rich help has already been printed
    exc.show(file=sys.stderr)
    return int(exc.exit_code)


def _known_failure(exc: Exception) -> NewsbriefError | None:
    """An error from below the library's own handling that still has a clear meaning: the
    disk full, permission denied, an archive error that escaped a transaction."""
    from newsbrief.store.db import driver_errors

    if isinstance(exc, driver_errors()):  # SQLite's, or psycopg's with the postgres extra
        from newsbrief.settings import default_db_path
        from newsbrief.store.base import store_error

        return store_error(exc, default_db_path(), "use")
    if isinstance(exc, OSError):
        name = f" {exc.filename}" if exc.filename else ""
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return DiskFull(f"cannot write{name}: no space left on the disk")
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return PermissionDenied(f"cannot write{name}: permission denied")
    return None


@contextmanager
def _sigint_raises() -> Iterator[None]:
    """While the command runs, Ctrl-C raises ``Interrupted`` (restored afterwards)."""

    def handler(_signum: int, _frame: FrameType | None) -> None:
        raise Interrupted()

    try:
        previous = signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread (a test calling main): leave Ctrl-C alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def _warnings_printed() -> Iterator[None]:
    """Input warnings and notes become ``warning:`` / ``note:`` lines on stderr, every time."""
    with warnings.catch_warnings():
        warnings.simplefilter("always", InputWarning)
        original = warnings.showwarning

        def show(
            message: Warning | str,
            category: type[Warning],
            filename: str,
            lineno: int,
            file: Any = None,
            line: str | None = None,
        ) -> None:
            if issubclass(category, InputWarning):
                show_input_warning(str(message), note=issubclass(category, InputNote))
            else:
                original(message, category, filename, lineno, file, line)

        warnings.showwarning = show
        yield


if __name__ == "__main__":
    sys.exit(main())
