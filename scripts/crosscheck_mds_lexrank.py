"""Cross-check of ``newsbrief eval mds``'s protocol with a maintained LexRank (``sumy``).

Not part of newsbrief and not a dependency: run it in a throwaway environment::

    python -m venv /tmp/sumyenv && /tmp/sumyenv/bin/pip install sumy rouge-score
    /tmp/sumyenv/bin/python scripts/crosscheck_mds_lexrank.py ../shared/data/neus/val

It prints sumy's LexRank (three sentences over the three outlets' headlines and leads, English
stop words, Snowball stemmer) scored with Google's ``rouge-score`` (stemmed) two ways: against
the roundup's title and text (the protocol of ``eval mds``'s ``rouge1_f1`` …) and against its
text alone (``body_rouge1_f1`` …). Sentences are split on end punctuation by a regex (sumy's
own splitter needs NLTK data that cannot be downloaded here). Measured 2026-12-03, sumy 0.13.0:
ROUGE-1 0.416 and 0.378; ours 0.417 and 0.380.
"""

from __future__ import annotations

import re
import statistics
import sys
from pathlib import Path

from rouge_score import rouge_scorer  # type: ignore[import-not-found]
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence  # type: ignore[import-not-found]
from sumy.nlp.stemmers import Stemmer  # type: ignore[import-not-found]
from sumy.summarizers.lex_rank import LexRankSummarizer  # type: ignore[import-not-found]
from sumy.utils import get_stop_words  # type: ignore[import-not-found]

PART = re.compile(r"^\s*TITLE=>\s*(?P<title>.*?)\s*ARTICLE=>\s*(?P<body>.*)$", re.S)
SPLIT = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘']?[A-Z0-9])")
METRICS = ("rouge1", "rouge2", "rougeLsum")


class RegexTokenizer:
    language = "english"

    def to_sentences(self, text: str) -> list[str]:
        return [s for s in SPLIT.split(text) if s.strip()]

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"[A-Za-z0-9']+", sentence)


def main(folder: Path) -> None:
    tok = RegexTokenizer()
    prefix = folder / "val" if folder.is_dir() else folder  # a folder or a split prefix
    sources = Path(f"{prefix}.source").read_text(encoding="utf-8").splitlines()
    targets = Path(f"{prefix}.target").read_text(encoding="utf-8").splitlines()
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    scores: dict[str, list[float]] = {f"{p}{m}": [] for p in ("", "body_") for m in METRICS}
    for source, target in zip(sources, targets, strict=True):
        paragraphs = []
        for part in source.split("[SEP]"):
            m = PART.match(part)
            title, body = (m["title"], m["body"]) if m else ("", part)
            sentences = [title, *tok.to_sentences(body)] if title else tok.to_sentences(body)
            paragraphs.append(Paragraph([Sentence(s, tok) for s in sentences]))
        picked = "\n".join(str(s) for s in summarizer(ObjectDocumentModel(paragraphs), 3))
        m = PART.match(target)
        title, body = (m["title"], m["body"]) if m else ("", target)
        for prefix, ref in (("", f"{title}\n{body}"), ("body_", body)):
            result = scorer.score("\n".join(tok.to_sentences(ref)), picked)
            for name in METRICS:
                scores[f"{prefix}{name}"].append(result[name].fmeasure)
    for name, values in scores.items():
        print(f"sumy lexrank {name}_f1 {statistics.mean(values):.4f}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/neus/val"))
