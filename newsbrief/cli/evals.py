"""The ``eval`` commands: score one capability on a benchmark in its published format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from newsbrief.errors import InputError

eval_app = typer.Typer(
    help="Score one capability on a benchmark in its published format.", no_args_is_help=True
)


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
    mixed: Annotated[
        Path | None,
        typer.Option(
            "--mixed",
            metavar="AEB_DIR",
            help="Mixed-stream mode: interleave the English pages of this article-extraction-"
            "benchmark folder (html/*.html.gz, ground-truth.json), read by the HTML ingest, with "
            "the ECB+ documents; each page is an unrelated story unless --labels groups it. Adds "
            "pairwise_precision, pairwise_recall and false_merge_pairs (pairs put together that "
            "involve a page and are not a labelled group).",
        ),
    ] = None,
    labels: Annotated[
        Path | None,
        typer.Option(
            help="Mixed mode: the AEB story labels (JSON: groups and related sets of pages); "
            "default: tests/fixtures/clustering/aeb_pairs.json."
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Mixed mode: only the first N documents of each source.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Story clustering: B-cubed P/R/F1 and ARI, beside a TF-IDF average-link baseline; with
    --mixed, on ECB+ interleaved with unrelated real web pages (false merges counted)."""
    if mixed is not None:
        from newsbrief.evaluate.clustering_mixed import PAIRS_FILE
        from newsbrief.evaluate.clustering_mixed import evaluate as evaluate_mixed

        result = evaluate_mixed(
            data_dir, mixed, labels=labels or PAIRS_FILE, seed=seed, limit=limit
        )
        _print_result(result, as_json)
        return
    from newsbrief.evaluate.clustering import evaluate

    _print_result(evaluate(data_dir, seed=seed), as_json)


@eval_app.command("arcs")
def eval_arcs(
    data_dir: Annotated[
        Path, typer.Argument(help="Timeline17 folder (<timeline>/articles.jsonl.gz).")
    ],
    no_baseline: Annotated[
        bool, typer.Option("--no-baseline", help="Skip the TF-IDF average-link baseline.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Story arcs: every article of every timeline as one stream; B-cubed against the events."""
    from newsbrief.evaluate.arcs import evaluate

    _print_result(evaluate(data_dir, with_baseline=not no_baseline), as_json)


@eval_app.command("tls")
def eval_tls(
    data_dir: Annotated[
        Path,
        typer.Argument(help="Timeline17 folder (<timeline>/articles.jsonl.gz, timeline.json)."),
    ],
    predictions: Annotated[
        Path | None,
        typer.Option(help="Write each predicted timeline here as <timeline>.json."),
    ] = None,
    only: Annotated[
        list[str] | None, typer.Option("--only", help="Score only these timelines (repeatable).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Timeline summarization: date F1, concat and align+ m:1 ROUGE, beside a baseline."""
    from newsbrief.evaluate.tls import evaluate

    _print_result(evaluate(data_dir, predictions=predictions, only=only or ()), as_json)


@eval_app.command("mds")
def eval_mds(
    prefix: Annotated[
        Path, typer.Argument(help="NeuS split prefix (PREFIX.source, PREFIX.target) or its folder.")
    ],
    predictions: Annotated[
        Path | None,
        typer.Option(
            help="Write one title and summary per line here (TITLE=> … ARTICLE=> …), aligned with"
            " the input."
        ),
    ] = None,
    limit: Limit = None,
    as_json: JsonFlag = False,
) -> None:
    """Multi-outlet story summary: ROUGE-1/2/Lsum F1 beside LexRank and lead-3."""
    from newsbrief.evaluate.mds import evaluate

    _print_result(evaluate(prefix, predictions=predictions, limit=limit), as_json)


@eval_app.command("faithfulness")
def eval_faithfulness(
    data_dir: Annotated[
        Path, typer.Argument(help="QAGS folder holding cnndm.jsonl (or the file itself).")
    ],
    predictions: Annotated[
        Path | None,
        typer.Option(help="Write each sentence's score, verdict and reasons here (JSON Lines)."),
    ] = None,
    limit: Limit = None,
    as_json: JsonFlag = False,
) -> None:
    """Verifier: ROC-AUC and balanced accuracy on QAGS beside a word-bigram baseline."""
    from newsbrief.evaluate.faithfulness import evaluate

    _print_result(evaluate(data_dir, limit=limit, predictions=predictions), as_json)
