"""``newsbrief brief`` and ``newsbrief schema``: read each input, brief it, write it, store it.

A bad input never stops the batch: the good ones are briefed, the bad ones reported at the end,
and the exit code is that of the first failure.
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn

from newsbrief.analyze import analyze
from newsbrief.cli.arcs import run_arc_brief
from newsbrief.cli.output import Format, err, parse_published, report_error
from newsbrief.compose import compose_brief
from newsbrief.errors import (
    DiskFull,
    InputError,
    InputNote,
    InternalError,
    NewsbriefError,
    PermissionDenied,
    StoreError,
)
from newsbrief.ingest import load_input
from newsbrief.ingest.batch import Ingestor, warn_if_cut
from newsbrief.models import Brief
from newsbrief.render import render
from newsbrief.settings import Settings
from newsbrief.store.archive import Archive
from newsbrief.stories import whats_new
from newsbrief.write import Writer, get_writer

EXTENSIONS = {"md": ".md", "html": ".html", "json": ".json"}


class WriterName(StrEnum):
    extractive = "extractive"
    llm = "llm"


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
        str | None,
        typer.Option(
            help="Archive: a SQLite file or a postgresql:// URL (default: user data dir)."
        ),
    ] = None,
    store: Annotated[bool, typer.Option(help="Store each briefed article in the archive.")] = True,
    story: Annotated[
        str | None, typer.Option(help="Brief a whole story from the archive by its id.")
    ] = None,
    arc: Annotated[
        str | None,
        typer.Option(help="Brief a whole story arc (all its developments) by its id."),
    ] = None,
    writer: Annotated[
        WriterName,
        typer.Option(
            help="extractive (default, offline) or llm: prose from the OpenAI-compatible endpoint"
            " in NEWSBRIEF_LLM_URL, every generated sentence verified against its sources."
        ),
    ] = WriterName.extractive,
    since: Annotated[
        str | None,
        typer.Option(
            help="With --story: What's New lists what came after this time (ISO 8601), "
            "against the story as it stood then."
        ),
    ] = None,
) -> None:
    """Write an explainer brief for each article (or for a story from the archive)."""
    from newsbrief.settings import Settings, llm_env

    options: dict[str, object] = {"writer": writer.value, **llm_env()}
    if db:
        options["db_path"] = db
    settings = Settings.model_validate(options)
    if arc is not None:
        if inputs or story is not None:
            raise InputError("give either articles, --story or --arc, not several")
        run_arc_brief(arc, settings=settings, fmt=fmt.value, output=output)
        return
    if story is not None:
        if inputs:
            raise InputError("give either articles or --story, not both")
        run_story_brief(
            story,
            settings=settings,
            fmt=fmt.value,
            output=output,
            since=parse_published(since, flag="--since") if since else None,
        )
        return
    if since is not None:
        raise InputError("--since goes with --story", hint="newsbrief brief --story ID --since …")
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
        published=parse_published(published),
    )
    if code:
        raise typer.Exit(code)


def schema() -> None:
    """Print the JSON Schema of the brief (public API)."""
    from newsbrief.models import Brief

    typer.echo(json.dumps(Brief.model_json_schema(), indent=2))


def run_brief(
    inputs: list[str],
    *,
    settings: Settings,
    fmt: str,
    output: Path | None,
    store: bool,
    title: str | None = None,
    outlet: str | None = None,
    published: datetime | None = None,
) -> int:
    """Brief every input; returns the exit code (0 when all succeeded)."""
    several = len(inputs) > 1
    if several and fmt == "html" and output is None:
        raise InputError("several HTML briefs need a folder", hint="add -o FOLDER")
    if several and output is not None and output.suffix and not output.is_dir():
        raise InputError(
            f"{output} looks like a file but several inputs were given",
            hint="give -o a folder; each brief is written there as <slug>-<id>.<ext>",
        )
    failures: list[tuple[str, NewsbriefError]] = []
    briefs: list[Brief] = []
    with _maybe_archive(settings, store) as archive, _progress(several) as advance:
        writer = get_writer(settings, cache=archive)
        for spec in inputs:
            try:
                brief = _brief_one(
                    spec, archive, writer, title=title, outlet=outlet, published=published
                )
            except NewsbriefError as exc:
                failures.append((spec, exc))
            except Exception as exc:  # a bug on one item must not sink the batch
                if os.environ.get("NEWSBRIEF_DEBUG"):
                    traceback.print_exc()
                failures.append((spec, InternalError(f"{exc.__class__.__name__}: {exc}")))
            else:
                briefs.append(brief)
                if several and output is not None:
                    _write(output / _filename(brief, fmt), render(brief, fmt))  # type: ignore[arg-type]
            advance()
        report_writer(writer)
    if briefs and not (several and output is not None):
        _emit(briefs, fmt, output)
    return _report(failures, len(inputs))


def _brief_one(
    spec: str,
    archive: Archive | None,
    writer: Writer,
    *,
    title: str | None,
    outlet: str | None,
    published: datetime | None,
) -> Brief:
    article = load_input(spec, title=title, outlet=outlet, published=published)
    warn_if_cut(article)
    analysis = analyze(article)
    brief = writer.write(compose_brief(analysis), [analysis])
    if archive is not None:  # dedupe, store, thread into its story: one transaction
        outcome = Ingestor(archive).add(article, analysis, brief=brief, label=spec)
        if outcome.article_id and outcome.article_id != article.id:
            warnings.warn(
                f"{spec} is a {outcome.detail or 'copy of ' + outcome.article_id}: recorded as"
                f" that stored article's copy, not stored itself; this brief refers to the text"
                f" given (article id {article.id}), which is not in the archive",
                InputNote,
                stacklevel=2,
            )
    return brief


def _emit(briefs: list[Brief], fmt: str, output: Path | None) -> None:
    if fmt == "json" and len(briefs) > 1:
        text = json.dumps([b.model_dump(mode="json") for b in briefs], indent=2)
    else:
        text = "\n\n---\n\n".join(render(b, fmt) for b in briefs)  # type: ignore[arg-type]
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        _write(output, text)


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except PermissionError as exc:
        raise PermissionDenied(f"cannot write {path}: permission denied") from exc
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFull(f"cannot write {path}: no space left on the disk") from exc
        if exc.errno == errno.EROFS:
            raise PermissionDenied(f"cannot write {path}: read-only file system") from exc
        raise InputError(
            f"cannot write {path}: {exc.strerror}", hint="check the -o path is writable"
        ) from exc
    err.print(f"wrote {path}")


def _filename(brief: Brief, fmt: str) -> str:
    ref = brief.article
    slug = re.sub(r"[^a-z0-9]+", "-", brief.headline.lower()).strip("-")[:60] or "brief"
    ident = ref.id[:8] if ref else "story"
    return f"{slug}-{ident}{EXTENSIONS[fmt]}"


def _report(failures: list[tuple[str, NewsbriefError]], total: int) -> int:
    for spec, exc in failures:
        report_error(None if spec in exc.message else spec, exc)
    if failures and total > 1:
        err.print(f"{total - len(failures)} of {total} briefed; {len(failures)} failed")
    return failures[0][1].exit_code if failures else 0


@contextmanager
def _maybe_archive(settings: Settings, store: bool) -> Iterator[Archive | None]:
    if not store:
        yield None
        return
    archive = Archive.open(settings.db_path, busy_timeout_s=settings.busy_timeout_s)
    try:
        yield archive
    finally:
        archive.close()


@contextmanager
def _progress(show: bool) -> Iterator[Callable[[], None]]:
    if not show or not err.is_terminal:
        yield lambda: None
        return
    with Progress(
        TextColumn("briefing"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("brief", total=None)
        yield lambda: progress.advance(task)


def run_story_brief(
    story_id: str,
    *,
    settings: Settings,
    fmt: str,
    output: Path | None,
    since: datetime | None = None,
) -> None:
    """Brief a whole story from the archive (What's New since ``since``, else since the last
    stored brief of the story)."""
    with Archive.open(settings.db_path, busy_timeout_s=settings.busy_timeout_s) as archive:
        brief = story_brief_from_archive(archive, story_id, settings=settings, since=since)
        if brief is None:
            raise StoreError(
                f"no story {story_id!r} in {archive.label}",
                hint="list them with `newsbrief stories`",
            )
        if settings.writer != "extractive":
            writer = get_writer(settings, cache=archive)
            brief = writer.write(brief, archive.story_analyses(story_id))
            report_writer(writer)
        archive.save_story_brief(story_id, brief)
    _emit([brief], fmt, output)


def report_writer(writer: Writer) -> None:
    """The LLM writer's run on stderr: one warning line if it fell back, tokens, cost, verdicts."""
    from newsbrief.write.llm import LLMWriter

    if not isinstance(writer, LLMWriter):
        return
    st, usage = writer.stats, writer.client.usage
    if st.warnings:
        err.print(
            f"warning: llm writer: {st.warnings[0]}; {st.fallbacks} of {st.briefs} brief(s) fell"
            " back to extractive"
            if st.fallbacks
            else f"warning: llm writer: {st.warnings[0]}",
            markup=False,
        )
    settings_cost = writer.cost(usage)
    err.print(
        f"llm writer: {usage.requests} request(s), {usage.cached} cached, {usage.retries} retried;"
        f" {usage.prompt_tokens} prompt + {usage.completion_tokens} completion tokens"
        + (f", ~${settings_cost:.4f}" if settings_cost else "")
        + f"; verifier accepted {st.accepted} generated sentence(s)"
        f" ({st.repaired} after a re-ask), rejected {st.rejected}",
        markup=False,
    )


def story_brief_from_archive(
    archive: Archive, story_id: str, *, settings: Settings, since: datetime | None = None
) -> Brief | None:
    """Compose a story's brief from the archive: every article, the outlets that ran copies of
    each (dedupe), What's New since ``since`` or else since the story's last stored brief."""
    from newsbrief.compose import compose_story_brief

    analyses = archive.story_analyses(story_id)
    if not analyses:
        return None
    copies = {
        a.article.id: [(r.outlet, r.published) for r in archive.outlets(a.article.id)]
        for a in analyses
    }
    story = archive.get_story(story_id)
    headline = story.title if story is not None else None
    brief = compose_story_brief(
        analyses,
        settings,
        copies=copies,
        since=since,
        headline=headline,
        history=archive.arc_history(story_id),
    )
    if since is None:
        previous = archive.get_brief("story", story_id)
        brief = brief.model_copy(update={"whats_new": whats_new(brief, previous)})
    return brief
