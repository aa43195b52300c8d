"""The story assigner scores an article against its candidate stories over packed arrays
(``stories.packed``): the cosines are those the term-by-term sums give, whatever order a
story's terms were added in, and a story's changes are seen at once."""

from __future__ import annotations

import math
import random
import sys
from datetime import UTC, datetime

import pytest

from newsbrief.stories.cluster import StoryAssigner
from newsbrief.stories.packed import dots, pack, pack_weighted


def _vectors(rng: random.Random, vocabulary: list[str], sizes: tuple[int, ...]) -> list[dict]:
    return [
        {sys.intern(t): rng.uniform(0.01, 1.0) for t in rng.sample(vocabulary, size)}
        for size in sizes
    ]


def _by_terms(article: list[dict], idf: dict, story: list[dict]) -> list[float]:
    return [
        math.fsum(v * idf[t] * s[t] for t, v in a.items() if t in s)
        for a, s in zip(article, story, strict=True)
    ]


@pytest.mark.parametrize("seed", range(5))
def test_packed_dots_are_the_term_by_term_sums(seed: int) -> None:
    rng = random.Random(seed)
    # one vocabulary for every channel: a term in two channels must count in each on its own
    vocabulary = [f"term{i}" for i in range(400)]
    article = _vectors(rng, vocabulary, (60, 25, 0 if seed == 0 else 5))
    idf = {t: rng.uniform(1.0, 6.0) for vec in article for t in vec}
    stories = [_vectors(rng, vocabulary, (150, rng.randint(0, 40), rng.randint(0, 9)))]
    stories += [_vectors(rng, vocabulary, (rng.randint(0, 150), 30, 4)) for _ in range(7)]
    stories.append([dict(vec) for vec in article])  # the article itself: every term shared
    got = dots(pack_weighted(article, idf), [pack(story) for story in stories])
    assert got.shape == (len(stories), 3)
    for row, story in zip(got.tolist(), stories, strict=True):
        assert row == pytest.approx(_by_terms(article, idf, story), rel=1e-12, abs=1e-15)
    assert got[-1][0] > 0 and got[-1][1] > 0


def test_no_terms_and_no_stories() -> None:
    empty = pack_weighted([{}, {}, {}], {})
    story = pack([{"strike": 1.0}, {}, {"2024": 0.5}])
    assert dots(empty, [story]).tolist() == [[0.0, 0.0, 0.0]]
    assert dots(pack_weighted([{"strike": 1.0}, {}, {}], {"strike": 2.0}), []).shape == (0, 3)


def test_the_order_a_story_was_built_in_does_not_change_its_sums() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(300)]
    story = _vectors(rng, vocabulary, (150, 40, 6))
    shuffled = [dict(rng.sample(list(vec.items()), len(vec))) for vec in story]
    article = _vectors(rng, vocabulary, (80, 20, 3))
    idf = {t: 2.0 for vec in article for t in vec}
    packed = pack_weighted(article, idf)
    assert dots(packed, [pack(story)]).tolist() == dots(packed, [pack(shuffled)]).tolist()


_DAY = datetime(2025, 3, 4, tzinfo=UTC)
_TEXTS = [
    ("Dock workers strike at Port Avalon", "Dock workers at Port Avalon walked out on Monday "
     "over pay, the Harbour Workers Union said, halting cranes at the container terminal."),
    ("Port Avalon strike enters second day", "The strike at Port Avalon entered a second day as "
     "the Harbour Workers Union and terminal operators failed to agree on pay."),
    ("Chip plant approved in Veldt", "Regulators in Veldt approved a chip plant that Orion "
     "Semiconductors says will employ 3,000 people by 2027."),
    ("Orion chip plant wins Veldt approval", "Orion Semiconductors won approval from Veldt "
     "regulators for its chip plant, which will employ 3,000 people by 2027."),
    ("Port Avalon talks resume", "Talks to end the Port Avalon strike resumed on Wednesday, the "
     "Harbour Workers Union said, with cranes still idle at the container terminal."),
]  # fmt: skip


def test_a_story_that_changed_is_scored_as_it_is_now() -> None:
    assigner = StoryAssigner()
    for i, (title, text) in enumerate(_TEXTS[:2]):
        assigner.assign(f"a{i}", text, title, _DAY)
    story = assigner.stories[assigner.drain().moved["a1"]]
    article = assigner._article(assigner.last_features[1], _DAY)  # type: ignore[index]
    before = assigner._cosines(article, story)
    for i, (title, text) in enumerate(_TEXTS[2:], start=2):
        assigner.assign(f"a{i}", text, title, _DAY)
    after = assigner._cosines(article, story)
    assert story.packed is not None and story.packed[0] == story.seq
    story.packed = None  # packed afresh from the centroid as it is
    assert assigner._cosines(article, story) == after
    assert before != after  # the Wednesday article joined the strike story
