"""What every command shares: the stderr console, the error reporter and option parsers.

Kept apart from the commands so that each command module imports it without importing the others.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from rich.console import Console
from rich.markup import escape

from newsbrief.errors import NewsbriefError

err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    md = "md"
    html = "html"
    json = "json"


def counted(n: int, word: str) -> str:
    """'1 article', '3 articles': a count with its noun in the right number."""
    return f"{n} {word if n == 1 else word + 's'}"


def parse_published(value: str | None, *, flag: str = "--published") -> datetime | None:
    from newsbrief.ingest.text import parse_given_date

    return parse_given_date(
        value,
        refusal=f"{flag} {value!r} is not an ISO date or date-time",
        hint="use e.g. 2024-06-11 or 2024-06-11T09:30:00+00:00",
    )


def report_error(where: str | None, exc: NewsbriefError) -> None:
    prefix = f"{where}: " if where else ""
    err.print(f"[bold red]error:[/] {escape(prefix + exc.message)}", markup=True, highlight=False)
    if exc.hint:
        err.print(f"  hint: {exc.hint}", markup=False)


def show_input_warning(message: str, *, note: bool = False) -> None:
    """A ``warning:`` (input read with damage) or ``note:`` line on stderr."""
    label = "[bold]note:[/]" if note else "[bold yellow]warning:[/]"
    err.print(f"{label} {escape(message)}", markup=True, highlight=False)
