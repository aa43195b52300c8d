"""Sentence roles on small articles of our own, and the roles scorer."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsbrief.analyze import analyze
from newsbrief.analyze.roles import ROLES
from newsbrief.evaluate.roles import LABELS_FILE, _score, evaluate, load_labels
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Analysis

BRIDGE = "\n\n".join(
    (
        (
            "Engineers closed the Harlow river bridge on Friday after inspectors found deep cracks "
            "in two of its steel supports."
        ),
        "The closure marks the first time the bridge has been shut in its 90-year history.",
        (
            "Commuters faced delays of up to an hour as traffic was diverted through the town "
            "centre, forcing several bus routes to be suspended."
        ),
        (
            '"We had no choice but to close it," said Mara Olsen, the county\'s chief engineer. '
            '"Safety comes first."'
        ),
        "The bridge was built in 1934 and had been strengthened twice in the decades since.",
        (
            "A full assessment is expected to take three weeks, and officials will decide next "
            "month whether repairs can begin before winter."
        ),
    )
)


def _roles(text: str, published: datetime | None = None) -> list[str]:
    analysis = analyze(article_from_text(text, published=published))
    return [s.role for s in analysis.sentences]


@pytest.fixture(scope="module")
def bridge() -> Analysis:
    return analyze(article_from_text(BRIDGE, published=datetime(2024, 3, 8, tzinfo=UTC)))


def test_each_sentence_gets_its_role(bridge: Analysis) -> None:
    roles = [s.role for s in bridge.sentences]
    assert roles[0] == "main_event"
    assert roles[1] == "significance"
    assert roles[2] == "consequence"
    assert roles[3] == "reaction"
    assert roles[5] == "context"
    assert roles[6] == "forward_looking"


def test_role_scores_cover_every_role_and_sum_to_one(bridge: Analysis) -> None:
    for s in bridge.sentences:
        assert set(s.role_scores) == set(ROLES)
        assert sum(s.role_scores.values()) == pytest.approx(1.0, abs=1e-3)
        assert max(s.role_scores, key=lambda r: s.role_scores[r]) == s.role


def test_roles_do_not_depend_on_case() -> None:
    published = datetime(2024, 3, 8, tzinfo=UTC)
    assert _roles(BRIDGE.lower(), published) == _roles(BRIDGE, published)


def test_a_quotation_running_over_sentences_is_a_reaction() -> None:
    text = (
        "The city council approved a new budget on Tuesday.\n\n"
        "`` we fought hard for this . the parks will stay open . "
        "the libraries will stay open , '' said the mayor ."
    )
    roles = _roles(text)
    assert roles[0] == "main_event"
    assert roles[1:] == ["reaction", "reaction", "reaction"]


def test_years_before_the_article_date_read_as_background() -> None:
    text = (
        "The museum reopened its west wing on Monday after a long renovation.\n\n"
        "The wing was damaged by a fire in 2011 that destroyed part of the roof.\n\n"
        "A new gallery for modern art will open in 2026."
    )
    roles = _roles(text, datetime(2024, 5, 6, tzinfo=UTC))
    assert roles == ["main_event", "context", "forward_looking"]


def test_will_and_would_only_look_ahead_when_they_tell_of_the_future() -> None:
    published = datetime(2024, 5, 6, tzinfo=UTC)
    text = (
        "The city council approved a new budget for its parks on Monday.\n\n"
        "Critics warned that the plan was badly drafted.\n\n"
        "Residents warned that the closures could leave children without playgrounds.\n\n"
        "A local group that plans to sue the council held a meeting in the old hall.\n\n"
        '"We will take this to court," said Ada Morel, who leads the residents\' group.'
    )
    roles = _roles(text, published)
    assert roles[1] != "forward_looking"  # a warning about what is, not what may come
    assert roles[2] == "forward_looking"
    assert roles[3] != "forward_looking"  # the plan belongs to a clause describing the group
    assert roles[4] == "forward_looking"  # a speaker's own next step


def test_labels_file_is_valid_and_large_enough() -> None:
    labels = load_labels()
    assert len({lab.article for lab in labels}) >= 30
    assert {lab.role for lab in labels} == set(ROLES)
    assert all(lab.text.strip() for lab in labels)


def test_bad_role_in_labels_is_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "labels.jsonl"
    record = {
        "article": "a",
        "source": "cnndm",
        "doc": 0,
        "index": 0,
        "text": "x",
        "role": "gossip",
    }
    bad.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(Exception, match="unknown role"):
        load_labels(bad)


def test_scorer_counts_precision_recall_and_misses() -> None:
    pairs: list[tuple[str, str | None]] = [
        ("significance", "significance"),
        ("significance", "detail"),
        ("detail", "significance"),
        ("detail", "detail"),
        ("reaction", None),  # the splitter no longer produces this sentence
    ]
    result = _score(pairs, n_articles=1)
    assert result.metrics["accuracy"] == pytest.approx(2 / 5)
    assert result.metrics["significance_p"] == pytest.approx(0.5)
    assert result.metrics["significance_r"] == pytest.approx(0.5)
    assert result.metrics["reaction_r"] == 0.0
    assert result.metrics["coverage"] == pytest.approx(4 / 5)
    assert result.lines[-1].startswith("roles: 5 sentences in 1 articles")


@pytest.mark.data
def test_roles_eval_runs_on_dev_articles(data_dir: Path) -> None:
    result = evaluate(data_dir, labels=LABELS_FILE, limit=3)
    assert result.task == "roles"
    assert result.n >= 30
    assert result.metrics["coverage"] >= 0.9
    assert 0.0 <= result.metrics["macro_f1"] <= 1.0
