"""``newsbrief verify``: check each sentence of a summary against a source article."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsbrief.errors import InputError, InputNotFound


def verify(
    summary: Annotated[
        str, typer.Argument(help="The summary to check: a text file, or - for standard input.")
    ],
    source: Annotated[
        list[str],
        typer.Option(
            "--source",
            "-s",
            help="The article(s) it summarizes: any input `newsbrief brief` reads. Repeatable.",
        ),
    ],
    threshold: Annotated[
        float | None, typer.Option(help="Support a sentence needs (default: the writer's).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per sentence.")] = False,
) -> None:
    """Print each summary sentence with its verdict, support and reasons; exit 1 if any fails."""
    from newsbrief.analyze import analyze
    from newsbrief.analyze.claims import split_text
    from newsbrief.ingest import load_input
    from newsbrief.write.source import SourceText
    from newsbrief.write.verify import DEFAULT_THRESHOLD, verify_text

    text = _read_summary(summary)
    sentences = split_text(text)
    if not sentences:
        raise InputError(f"{summary}: the summary is empty", hint="give a text with sentences")
    analyses = [analyze(load_input(spec)) for spec in source]
    src = SourceText.from_analyses(analyses)
    checked = verify_text(sentences, src, threshold=threshold or DEFAULT_THRESHOLD)
    failed = 0
    for c in checked:
        v = c.verification
        failed += v.verdict != "supported"
        cites = [src.evidence[i].sentence_index for i in c.cited]
        if as_json:
            row = {"sentence": c.text, **v.model_dump(), "cited_sentences": cites}
            typer.echo(json.dumps(row))
            continue
        mark = "ok  " if v.verdict == "supported" else "FAIL"
        typer.echo(f"{mark} {v.support:.2f}  {c.text}")
        for reason in v.reasons:
            typer.echo(f"           - {reason}")
    if not as_json:
        typer.echo(f"{len(checked) - failed} of {len(checked)} sentences supported")
    if failed:
        raise typer.Exit(1)


def _read_summary(spec: str) -> str:
    if spec == "-":
        return sys.stdin.read()
    path = Path(spec)
    if not path.is_file():
        raise InputNotFound(f"{spec}: no such file")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{spec}: cannot read the summary as UTF-8 text ({exc})") from exc
