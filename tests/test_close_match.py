"""The precision-first rules of the story assigner: the evidence gate and the close-match rule."""

from __future__ import annotations

import numpy as np
import pytest

from newsbrief.stories.cluster import ClusterSettings, StoryAssigner
from newsbrief.stories.recluster import Evidence, average_link, combine, combine_one


def _sim(pairs: dict[tuple[int, int], float], n: int) -> np.ndarray:
    m = np.zeros((n, n))
    for (i, j), v in pairs.items():
        m[i, j] = m[j, i] = v
    return m


def test_a_single_article_needs_one_close_member_to_join_a_small_group() -> None:
    # a-b are close; c is near the pair's average only because b lifts it
    sim = _sim({(0, 1): 0.5, (0, 2): 0.15, (1, 2): 0.3}, 3)
    assert average_link(sim, [1, 1, 1], 0.22) == [[0, 1, 2]]  # plain average link
    assert average_link(sim, [1, 1, 1], 0.22, pair_threshold=0.4) == [[0, 1], [2]]
    # a close match (under the stricter measure) lets it in
    strict = _sim({(0, 1): 0.5, (0, 2): 0.1, (1, 2): 0.45}, 3)
    assert average_link(sim, [1, 1, 1], 0.22, pair_threshold=0.4, pair_sim=strict) == [[0, 1, 2]]


def test_a_large_group_takes_an_article_on_its_average() -> None:
    sim = _sim({(0, 1): 0.3}, 2)  # node 0: a story's core, weighing 8 articles
    assert average_link(sim, [8, 1], 0.22, pair_threshold=0.4, small=5) == [[0, 1]]
    assert average_link(sim, [3, 1], 0.22, pair_threshold=0.4, small=5) == [[0], [1]]


def test_two_single_articles_pair_only_at_the_pair_threshold() -> None:
    sim = _sim({(0, 1): 0.3}, 2)
    assert average_link(sim, [1, 1], 0.22, pair_threshold=0.4) == [[0], [1]]
    assert average_link(sim, [1, 1], 0.22, pair_threshold=0.25) == [[0, 1]]


def test_the_evidence_gate_scales_down_matches_without_shared_names_or_words() -> None:
    weights = (1.0, 1.0, 1.5)
    plain = float(combine(0.4, 0.05, 0.9, 1.0, weights))
    assert plain == pytest.approx((0.4 + 0.05 + 1.35) / 3.5)
    gated = float(combine(0.4, 0.05, 0.9, 1.0, weights, Evidence(words=0.2, entities=0.1)))
    assert gated == pytest.approx(plain * 0.5)  # half the names wanted
    assert float(combine(0.4, 0.3, 0.0, 0.0, weights, Evidence(0.2, 0.1))) == pytest.approx(0.35)
    both = np.array([[0.0, 1.0]])
    out = combine(np.array([[0.1, 0.4]]), np.array([[0.3, 0.3]]), np.zeros((1, 2)), both, weights)
    assert out.shape == (1, 2)


CREDIT = "Published November 19, 2019, by the Daily Courier staff."
UNRELATED = [
    (
        "Eastern Michigan beat Northern Illinois 45-17 on Tuesday night as Mike Glass threw "
        "for three touchdowns and ran for another. The Eagles improved to 6-5 and became bowl "
        "eligible for the third time in four seasons. Coach Chris Creighton praised a defense "
        "that forced four turnovers, two of them deep in Eagles territory. " + CREDIT
    ),
    (
        "Home Depot cut its sales forecast on Tuesday and its shares fell 5 percent in morning "
        "trading. The retailer blamed a slow rollout of its new supply chain and weaker lumber "
        "prices. Chief executive Craig Menear told analysts the company still expects solid "
        "holiday demand from professional contractors. " + CREDIT
    ),
    (
        "A cat missing for five years in Portland, Oregon, was found in Santa Fe on Tuesday, "
        "animal control officers said. A microchip led them to the owner, who had moved twice "
        "since the tabby slipped out of an open window. Nobody knows how the cat travelled "
        "more than a thousand miles. " + CREDIT
    ),
]
SAME_EVENT = [
    (
        "NASA on Monday added Blue Origin and SpaceX to its Commercial Lunar Payload Services "
        "program, letting the companies bid to deliver payloads to the Moon for the Artemis "
        "program, the agency said in Washington."
    ),
    (
        "Blue Origin and SpaceX were among five companies NASA added to its Commercial Lunar "
        "Payload Services program on Monday. They may now bid to carry payloads to the Moon "
        "ahead of the Artemis landings, NASA said."
    ),
]


def test_unrelated_articles_sharing_a_day_and_an_outlet_stay_apart() -> None:
    assigner = StoryAssigner()
    stories = {assigner.assign(f"u{i}", text, None, None) for i, text in enumerate(UNRELATED)}
    assert len(stories) == len(UNRELATED)


def test_two_reports_of_one_development_make_one_story() -> None:
    assigner = StoryAssigner(ClusterSettings())
    first = assigner.assign(
        "a", SAME_EVENT[0], "NASA adds Blue Origin, SpaceX to lunar program", None
    )
    second = assigner.assign("b", SAME_EVENT[1], "Five companies join NASA lunar program", None)
    assert first == second


def test_one_pair_combines_to_the_last_bit_as_the_matrix_does() -> None:
    """The assigner scores one story at a time in plain floats; re-clustering combines whole
    matrices with numpy. Both must give the very same number, or an article could join one
    story when scored alone and another in a matrix."""
    rng = np.random.default_rng(3)
    for weights in ((1.0, 1.0, 0.5), (0.55, 0.3, 0.15), (2.0, 0.7, 1.3)):
        for gate in (Evidence(), Evidence(words=0.2), Evidence(words=0.15, entities=0.1)):
            for words, ents, nums in rng.random((200, 3)) * [0.9, 0.5, 1.0]:
                for both in (0.0, 1.0):
                    args = (float(words), float(ents), float(nums), both)
                    one = combine_one(*args, weights, gate)
                    assert one == float(combine(*args, weights, gate))
                    assert isinstance(one, float)
