"""Multi-outlet story summary on NeuS (``newsbrief eval mds PREFIX``).

``PREFIX.source`` holds one story per line: three outlets' ``TITLE=> … ARTICLE=> …`` (headline and
lead) joined by ``[SEP]``; ``PREFIX.target`` the AllSides editors' neutral roundup in the same
form. Each story's three articles are analyzed in full; the story brief's own code gives its title
(``newsbrief.compose.story.brief.story_headline``) and its Executive Summary
(``newsbrief.compose.story.summary.story_summary``).

Scored as NeuS is written: the title line and the summary against the roundup's title and text
(``rouge1_f1`` …). This is the protocol the usual figures for this data follow: a maintained
LexRank (``sumy``, three sentences over the three headlines and leads) scores ROUGE-1 0.416 on it,
"about 0.42", and 0.378 against the roundup's text alone. The text-only figures are kept
beside, as ``body_rouge1_f1`` … (the summary alone against the ``ARTICLE=>`` part).

Baselines in the same run, on the same sentence splits: ``lexrank`` (our LexRank, the top three
of the story's headlines and sentences; in the text-only figures, of its sentences) and ``lead``
(the first article's headline and first three sentences; its three sentences alone in the
text-only figures). ROUGE-1/2/Lsum F1, stemmed, averaged over stories.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsbrief.analyze import analyze_many
from newsbrief.compose.story.brief import story_headline
from newsbrief.compose.story.summary import story_summary
from newsbrief.errors import DataError
from newsbrief.evaluate.common import EvalResult
from newsbrief.evaluate.lexrank import lexrank
from newsbrief.evaluate.rouge import rouge_scores
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Analysis, Article
from newsbrief.settings import Settings

OUTLETS = ("left", "center", "right")
_PART = re.compile(r"^\s*TITLE=>\s*(?P<title>.*?)\s*ARTICLE=>\s*(?P<body>.*)$", re.S)
_METRICS = ("rouge1", "rouge2", "rougeLsum")
_SYSTEMS = (("newsbrief", ""), ("lexrank", "lexrank_"), ("lead", "lead_"))
_BODY = "body_"  # the text-only figures: summaries against the roundup's ARTICLE=> part


@dataclass(frozen=True)
class Reference:
    """An editors' roundup: its title and its text."""

    title: str
    body: str


def paths_of(prefix: Path) -> tuple[Path, Path]:
    if prefix.is_dir():
        prefix = prefix / "val"
    src, tgt = Path(f"{prefix}.source"), Path(f"{prefix}.target")
    for p in (src, tgt):
        if not p.is_file():
            raise DataError(f"mds data: {p} is not a file")
    return src, tgt


def split_story(line: str, *, story: int) -> list[Article]:
    """The articles of one source line (one per ``[SEP]`` part)."""
    out: list[Article] = []
    for k, part in enumerate(line.split("[SEP]")):
        m = _PART.match(part)
        title, body = (m["title"], m["body"]) if m else (None, part)
        body = " ".join(body.split())
        if len(body.split()) < 3:
            continue
        outlet = OUTLETS[k] if k < len(OUTLETS) else f"outlet{k + 1}"
        out.append(
            article_from_text(
                body, title=title or None, outlet=outlet, source=f"neus:{story}:{outlet}"
            )
        )
    return out


def reference_of(line: str) -> Reference:
    m = _PART.match(line)
    title, body = (m["title"], m["body"]) if m else ("", line)
    return Reference(title=" ".join(title.split()), body=" ".join(body.split()))


def read_stories(prefix: Path, limit: int | None = None) -> list[tuple[list[Article], Reference]]:
    src, tgt = paths_of(prefix)
    s_lines = src.read_text(encoding="utf-8").splitlines()
    t_lines = tgt.read_text(encoding="utf-8").splitlines()
    if len(s_lines) != len(t_lines):
        raise DataError(f"mds data: {src.name} has {len(s_lines)} lines, {tgt.name} {len(t_lines)}")
    stories = [
        (split_story(s, story=i), reference_of(t))
        for i, (s, t) in enumerate(zip(s_lines, t_lines, strict=True))
    ]
    return stories[:limit] if limit is not None else stories


def _sentences(text: str) -> list[str]:
    from newsbrief.analyze.light import split_light

    return [text[s:e] for s, e in split_light(text)]


def evaluate(
    prefix: Path, *, predictions: Path | None = None, limit: int | None = None
) -> EvalResult:
    stories = read_stories(prefix, limit)
    articles = [a for arts, _ in stories for a in arts]
    analyses = iter(analyze_many(articles, batch_size=16))
    settings = Settings()
    sums = {f"{part}{who}{m}": 0.0 for part in ("", _BODY) for _, who in _SYSTEMS for m in _METRICS}
    words = {who: 0 for _, who in _SYSTEMS}
    lines_out: list[str] = []
    for arts, ref in stories:
        group = [next(analyses) for _ in arts]
        titled, bodies = _outputs(group, settings)
        title, *summary = titled[""]
        lines_out.append(f"TITLE=> {title} ARTICLE=> {' '.join(summary)}")
        refs = _sentences(ref.body)
        for part, outputs, target in (("", titled, [ref.title, *refs]), (_BODY, bodies, refs)):
            for _, who in _SYSTEMS:
                for name, score in rouge_scores(outputs[who], target).items():
                    sums[f"{part}{who}{name}"] += score.f1
        for _, who in _SYSTEMS:
            words[who] += sum(len(s.split()) for s in titled[who])
    if predictions is not None:
        predictions.parent.mkdir(parents=True, exist_ok=True)
        predictions.write_text("\n".join(lines_out) + "\n", encoding="utf-8")
    n = len(stories)
    metrics = {f"{k}_f1": v / n if n else 0.0 for k, v in sums.items()}
    return EvalResult(task="mds", n=n, metrics=metrics, lines=_table(metrics, n, words))


def _outputs(
    group: Sequence[Analysis], settings: Settings
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Each system's output with its title line, and without (the text-only figures)."""
    if not group:
        empty: dict[str, list[str]] = {who: [] for _, who in _SYSTEMS}
        return empty, empty
    summary = [item.text for item in story_summary(group, settings)]
    sents = [s.text for a in group for s in a.sentences]
    headlines = [a.article.title for a in group if a.article.title]
    lead = [s.text for s in group[0].sentences[:3]]
    first_title = group[0].article.title
    titled = {
        "": [story_headline(group), *summary],
        "lexrank_": lexrank([*headlines, *sents], k=3),
        "lead_": [first_title, *lead] if first_title else lead,
    }
    bodies = {"": summary, "lexrank_": lexrank(sents, k=3), "lead_": lead}
    return titled, bodies


def _table(metrics: dict[str, float], n: int, words: dict[str, int]) -> list[str]:
    lines = [
        f"{'system':<12}{'ROUGE-1':>9}{'ROUGE-2':>9}{'ROUGE-Lsum':>12}{'words':>8}"
        f"{'text only: R-1':>16}{'R-2':>7}{'R-Lsum':>8}"
    ]
    for label, who in _SYSTEMS:
        r1, r2, rl = (metrics[f"{who}{m}_f1"] * 100 for m in _METRICS)
        b1, b2, bl = (metrics[f"{_BODY}{who}{m}_f1"] * 100 for m in _METRICS)
        lines.append(
            f"{label:<12}{r1:>9.2f}{r2:>9.2f}{rl:>12.2f}{words[who] / max(1, n):>8.1f}"
            f"{b1:>16.2f}{b2:>7.2f}{bl:>8.2f}"
        )
    lines.append(
        f"mds: {n} stories, newsbrief vs lexrank (F1 x100): "
        + ", ".join(
            f"{m} {(metrics[f'{m}_f1'] - metrics[f'lexrank_{m}_f1']) * 100:+.2f}" for m in _METRICS
        )
    )
    return lines
