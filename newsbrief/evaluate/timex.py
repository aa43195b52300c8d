"""Time-expression scorer on TimeML (TempEval-3) ``.tml`` files.

Each document's ``<TEXT>`` part is stripped of its tags (offsets kept), parsed with spaCy and run
through ``find_timexes`` anchored on the document creation time (the TIMEX3 whose
``functionInDocument`` is ``CREATION_TIME``). Scoring follows TempEval-3: strict extent P/R/F1
(same offsets), relaxed extent P/R/F1 (any overlap, one-to-one), and on the relaxed matches the
type accuracy, value accuracy and value F1 (correct values over predictions / over gold).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from spacy.tokens import Doc

from newsbrief.analyze.nlp import parse_many
from newsbrief.analyze.sentences import split_sentences
from newsbrief.analyze.time import find_timexes
from newsbrief.errors import DataError
from newsbrief.evaluate.common import PRF, EvalResult, require_dir
from newsbrief.ingest.text import paragraph_spans
from newsbrief.models import Article, TimeExpr

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')
_TEXT_PART = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DOCID = re.compile(r"<DOCID>\s*(.*?)\s*</DOCID>", re.S)
_DCT = re.compile(r"<TIMEX3([^>]*functionInDocument=\"CREATION_TIME\"[^>]*)>")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TmlDoc:
    """One TimeML document: the plain TEXT part, its creation time and its gold TIMEX3s."""

    docid: str
    text: str
    dct: datetime | None
    gold: list[GoldTimex] = field(default_factory=list)
    excluded: list[tuple[int, int]] = field(default_factory=list)


def parse_dct(value: str) -> datetime | None:
    """The creation time from a TIMEX3 value such as ``1998-01-08`` or ``1990-08-15T13:37``."""
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2}))?", value)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    hh, mm = int(m.group(4) or 0), int(m.group(5) or 0)
    return datetime(y, mo, d, hh, mm)


def read_tml(path: Path) -> TmlDoc:
    """Read one ``.tml`` file: strip the tags of its TEXT part, keeping TIMEX3 offsets."""
    raw = path.read_text(encoding="utf-8")
    part = _TEXT_PART.search(raw)
    if part is None:
        raise DataError(f"{path}: no <TEXT> element")
    docid_m = _DOCID.search(raw)
    dct_m = _DCT.search(raw)
    dct_attrs = dict(_ATTR.findall(dct_m.group(1))) if dct_m else {}
    doc = TmlDoc(
        docid=docid_m.group(1) if docid_m else path.stem,
        text="",
        dct=parse_dct(dct_attrs.get("value", "")),
    )
    _strip_tags(part.group(1), doc)
    return doc


def _strip_tags(body: str, doc: TmlDoc) -> None:
    out: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs, selfclosing = m.group(1), m.group(2), m.group(3), m.group(4)
        if name != "TIMEX3" or selfclosing:
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(attrs)))
        elif open_timex is not None:
            start, attr = open_timex
            open_timex = None
            _add_gold(doc, "".join(out), start, length, attr)
    tail = html.unescape(body[pos:])
    out.append(tail)
    doc.text = "".join(out)


def _add_gold(doc: TmlDoc, text: str, start: int, end: int, attr: dict[str, str]) -> None:
    if attr.get("functionInDocument") == "CREATION_TIME":
        doc.excluded.append((start, end))
        return
    doc.gold.append(
        GoldTimex(
            start=start,
            end=end,
            text=text[start:end],
            type=attr.get("type", ""),
            value=attr.get("value", ""),
        )
    )


def load_corpus(data_dir: Path, *, limit: int | None = None) -> list[TmlDoc]:
    """Every ``.tml`` file under ``data_dir`` (recursive, sorted), one per DOCID."""
    require_dir(data_dir, "TimeML data")
    docs: list[TmlDoc] = []
    seen: set[str] = set()
    for path in sorted(data_dir.rglob("*.tml")):
        doc = read_tml(path)
        if doc.docid in seen:
            continue
        seen.add(doc.docid)
        docs.append(doc)
        if limit is not None and len(docs) >= limit:
            break
    if not docs:
        raise DataError(f"no .tml files under {data_dir}")
    return docs


def predict(tml: TmlDoc, parsed: Doc) -> list[TimeExpr]:
    """Run the time-expression finder on one parsed document, minus the creation-time span."""
    article = Article(id=tml.docid, text=tml.text, paragraphs=paragraph_spans(tml.text))
    sentences = split_sentences(parsed, article)
    found = find_timexes(parsed, tml.dct, sentences)
    return [t for t in found if not any(t.start < e and s < t.end for s, e in tml.excluded)]


@dataclass
class TimexScore:
    """TempEval-3 counts over a corpus."""

    strict: PRF = field(default_factory=PRF)
    relaxed: PRF = field(default_factory=PRF)
    matched: int = 0
    type_ok: int = 0
    value_ok: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, gold: Sequence[GoldTimex], pred: Sequence[TimeExpr]) -> None:
        self.n_pred += len(pred)
        self.n_gold += len(gold)
        strict = sum(1 for p in pred if any(g.start == p.start and g.end == p.end for g in gold))
        self.strict.add(tp=strict, fp=len(pred) - strict, fn=len(gold) - strict)
        pairs = match_relaxed(gold, pred)
        self.relaxed.add(tp=len(pairs), fp=len(pred) - len(pairs), fn=len(gold) - len(pairs))
        self.matched += len(pairs)
        self.type_ok += sum(1 for g, p in pairs if g.type == p.type)
        self.value_ok += sum(1 for g, p in pairs if g.value == p.value)

    def metrics(self) -> dict[str, float]:
        value_p = self.value_ok / self.n_pred if self.n_pred else 0.0
        value_r = self.value_ok / self.n_gold if self.n_gold else 0.0
        value_f1 = 2 * value_p * value_r / (value_p + value_r) if value_p + value_r else 0.0
        return {
            "extent_strict_p": self.strict.precision,
            "extent_strict_r": self.strict.recall,
            "extent_strict_f1": self.strict.f1,
            "extent_relaxed_p": self.relaxed.precision,
            "extent_relaxed_r": self.relaxed.recall,
            "extent_relaxed_f1": self.relaxed.f1,
            "type_accuracy": self.type_ok / self.matched if self.matched else 0.0,
            "value_accuracy": self.value_ok / self.matched if self.matched else 0.0,
            "value_p": value_p,
            "value_r": value_r,
            "value_f1": value_f1,
        }


def match_relaxed(
    gold: Sequence[GoldTimex], pred: Sequence[TimeExpr]
) -> list[tuple[GoldTimex, TimeExpr]]:
    """One-to-one overlap matching, largest overlaps first."""
    candidates: list[tuple[int, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                candidates.append((-overlap, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[GoldTimex, TimeExpr]] = []
    for _, gi, pi in sorted(candidates):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gold[gi], pred[pi]))
    return pairs


def score_documents(docs: Iterable[tuple[TmlDoc, list[TimeExpr]]]) -> TimexScore:
    score = TimexScore()
    for tml, pred in docs:
        score.add(tml.gold, pred)
    return score


def evaluate(data_dir: Path, *, limit: int | None = None) -> EvalResult:
    """Score ``find_timexes`` on the TimeML files under ``data_dir``."""
    corpus = load_corpus(data_dir, limit=limit)
    parsed = parse_many((d.text for d in corpus), batch_size=8)
    score = score_documents(
        (tml, predict(tml, doc)) for tml, doc in zip(corpus, parsed, strict=True)
    )
    metrics = score.metrics()
    return EvalResult(
        task="timex",
        n=score.n_gold,
        metrics=metrics,
        lines=_report_lines(len(corpus), score, metrics),
    )


def _report_lines(n_docs: int, score: TimexScore, m: dict[str, float]) -> list[str]:
    return [
        f"{'':14}{'P':>8}{'R':>8}{'F1':>8}",
        _row("extent strict", m["extent_strict_p"], m["extent_strict_r"], m["extent_strict_f1"]),
        _row(
            "extent relaxed", m["extent_relaxed_p"], m["extent_relaxed_r"], m["extent_relaxed_f1"]
        ),
        _row("value", m["value_p"], m["value_r"], m["value_f1"]),
        f"type accuracy {m['type_accuracy']:.4f}  value accuracy {m['value_accuracy']:.4f}"
        f"  ({score.matched} matched of {score.n_gold} gold, {score.n_pred} predicted)",
        f"timex: {n_docs} docs, {score.n_gold} gold; value F1 {m['value_f1']:.4f}, "
        f"relaxed extent F1 {m['extent_relaxed_f1']:.4f}, strict {m['extent_strict_f1']:.4f}",
    ]


def _row(name: str, p: float, r: float, f: float) -> str:
    return f"{name:14}{p:8.4f}{r:8.4f}{f:8.4f}"
