"""The incremental story assigner and its cheap features, on small articles of our own."""

from __future__ import annotations

import json
import pickle
import sys
from datetime import UTC, datetime, timedelta

import pytest

from newsbrief.errors import StoreError
from newsbrief.stories.arc_state import Arc, arc_from_state, arc_to_state
from newsbrief.stories.cluster import ClusterSettings, StoryAssigner, story_id_for
from newsbrief.stories.features import (
    FeatureWeights,
    entities,
    extract_features,
    numbers,
    words,
)
from newsbrief.stories.journal import Membership

DAY0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)

# Three stories, plus a fourth that is the same topic as the first (a port strike) but another
# event: other port, other union leader, other figures, other month.
ARTICLES: list[tuple[str, str, str]] = [
    (
        "strike-a1",
        "A",
        "Dockworkers at the port of Velmar walked off the job on Tuesday, demanding a 14 percent "
        "raise. Union leader Marta Okonjo said 2,300 members had joined the strike at Velmar. "
        "The Velmar Port Authority said 41 container ships were waiting offshore. Okonjo said "
        "talks with the Coastal Shipping Alliance had collapsed on Monday.",
    ),
    (
        "quake-b1",
        "B",
        "A magnitude 6.8 earthquake struck near the mountain town of Quillota on Sunday, killing "
        "at least 37 people. Rescue chief Tomas Reyval said crews were searching collapsed homes "
        "in Quillota. The seismology institute recorded 112 aftershocks before dawn.",
    ),
    (
        "strike-a2",
        "A",
        "The strike at Velmar entered its second day as Marta Okonjo rejected a new offer from "
        "the Coastal Shipping Alliance. Okonjo said the 14 percent demand was fair. The Velmar "
        "Port Authority said the queue of ships offshore had grown to 41.",
    ),
    (
        "vote-c1",
        "C",
        "Voters in Brackenford elected Idris Hallward as mayor on Saturday with 56 percent of the "
        "vote. Hallward defeated the incumbent, Simone Carrow, who conceded before midnight. "
        "Turnout in Brackenford reached 61 percent, the election board said.",
    ),
    (
        "quake-b2",
        "B",
        "The death toll from Sunday's magnitude 6.8 earthquake near Quillota rose to 37, rescue "
        "chief Tomas Reyval said. Families in Quillota slept outdoors as 112 aftershocks shook "
        "the valley, and the army flew tents and water to the town.",
    ),
    (
        "strike-d1",
        "D",
        "Dockworkers at the port of Sandhavn walked off the job on Friday, demanding a 9 percent "
        "raise. Union leader Piet Vandermolen said 480 members had joined the strike at Sandhavn. "
        "The Sandhavn Harbour Board said 12 container ships were waiting offshore. Vandermolen "
        "said talks with the Nordic Ferry Group had collapsed on Thursday.",
    ),
    (
        "vote-c2",
        "C",
        "Idris Hallward promised to repair Brackenford's bridges after winning the mayoral "
        "election with 56 percent. Simone Carrow, who had led Brackenford for 12 years, "
        "congratulated Hallward. Turnout of 61 percent was the highest in a decade.",
    ),
    (
        "strike-d2",
        "D",
        "The strike at Sandhavn entered its second day as Piet Vandermolen rejected a new offer "
        "from the Nordic Ferry Group. Vandermolen said the 9 percent demand was fair. The "
        "Sandhavn Harbour Board said the queue of ships offshore had grown to 12.",
    ),
    (
        "strike-a3",
        "A",
        "Ships kept piling up off Velmar as the dockworkers' strike went on. Marta Okonjo told "
        "members that the Coastal Shipping Alliance must meet the 14 percent demand. The port "
        "authority counted 41 vessels at anchor and 2,300 strikers on the quays.",
    ),
]
PUBLISHED = {
    "A": DAY0,
    "B": DAY0 + timedelta(days=1),
    "C": DAY0 + timedelta(days=2),
    "D": DAY0 + timedelta(days=70),
}


def _feed(assigner: StoryAssigner, *, dated: bool) -> dict[str, str]:
    """Every article's final story (re-clustering moves included)."""
    membership = Membership()
    for i, (aid, gold, text) in enumerate(ARTICLES):
        when = PUBLISHED[gold] + timedelta(hours=i) if dated else None
        assigner.assign(aid, text, None, when)
        membership.apply(assigner.drain())
    return dict(membership.story_of)


def _groups(assigned: dict[str, str]) -> set[frozenset[str]]:
    by_story: dict[str, set[str]] = {}
    for aid, sid in assigned.items():
        by_story.setdefault(sid, set()).add(aid)
    return {frozenset(members) for members in by_story.values()}


def _gold() -> set[frozenset[str]]:
    by_gold: dict[str, set[str]] = {}
    for aid, gold, _ in ARTICLES:
        by_gold.setdefault(gold, set()).add(aid)
    return {frozenset(members) for members in by_gold.values()}


@pytest.mark.parametrize("dated", [False, True])
def test_three_stories_and_a_same_topic_other_event(dated: bool) -> None:
    assigned = _feed(StoryAssigner(), dated=dated)
    assert _groups(assigned) == _gold()


def test_words_alone_would_merge_the_two_strikes() -> None:
    """The control: without the entity and number channels the two port strikes become one."""
    assigned = _feed(StoryAssigner(ClusterSettings(channel_weights=(1.0, 0.0, 0.0))), dated=False)
    assert assigned["strike-d1"] == assigned["strike-a1"]


def test_similarity_prefers_the_same_event() -> None:
    assigner = StoryAssigner()
    _feed(assigner, dated=False)
    text = "Piet Vandermolen said the Sandhavn dockworkers would strike until the 9 percent raise."
    same = assigner.similarity(story_id_for("strike-d1"), text)
    other = assigner.similarity(story_id_for("strike-a1"), text)
    assert same > assigner.settings.threshold > other


def test_story_id_comes_from_the_first_article() -> None:
    assigned = _feed(StoryAssigner(), dated=False)
    assert assigned["strike-a3"] == story_id_for("strike-a1")
    assert assigned["vote-c2"] == story_id_for("vote-c1")


def test_time_decay_splits_the_same_event_text_months_apart() -> None:
    assigner = StoryAssigner()
    _, _, text = ARTICLES[0]
    first = assigner.assign("x1", text, None, DAY0)
    assert assigner.assign("x2", text, None, DAY0 + timedelta(days=1)) == first
    assert assigner.assign("x3", text, None, DAY0 + timedelta(days=120)) != first


def test_ids_stay_stable_after_export_and_reload() -> None:
    whole = StoryAssigner()
    expected = _feed(whole, dated=True)

    first_half = StoryAssigner()
    for i, (aid, gold, text) in enumerate(ARTICLES[:5]):
        first_half.assign(aid, text, None, PUBLISHED[gold] + timedelta(hours=i))
    state = json.loads(json.dumps(first_half.export_state()))
    resumed = StoryAssigner.from_state(state)
    assert set(resumed.stories) == set(first_half.stories)
    for i, (aid, gold, text) in enumerate(ARTICLES[5:], start=5):
        sid = resumed.assign(aid, text, None, PUBLISHED[gold] + timedelta(hours=i))
        assert sid == expected[aid], aid


def test_per_story_state_round_trip() -> None:
    assigner = StoryAssigner()
    _feed(assigner, dated=False)
    rows = {sid: json.dumps(assigner.story_state(sid)) for sid in assigner.stories}
    members = [json.dumps(assigner.member_state(seq)) for seq in assigner.members]
    stats = json.dumps(assigner.stats_state())
    assert len(members) == len(ARTICLES)  # small stories: every member can still move

    later = StoryAssigner()
    later.load_stats(json.loads(stats))
    later.load(
        (json.loads(row) for row in reversed(list(rows.values()))),
        (json.loads(m) for m in members),
    )
    assert later.n_docs == len(ARTICLES)
    for sid in assigner.stories:
        assert later.story_state(sid) == assigner.story_state(sid)
    text = "Marta Okonjo said the Velmar strike would go on until the 14 percent raise is paid."
    assert later.assign("strike-a4", text, None, None) == story_id_for("strike-a1")


def test_a_state_of_another_version_is_refused() -> None:
    assigner = StoryAssigner()
    assigner.assign("a", ARTICLES[0][2], None, None)
    state = assigner.export_state()
    state["version"] = 99
    with pytest.raises(StoreError):
        StoryAssigner.from_state(state)


def test_postings_stay_bounded() -> None:
    settings = ClusterSettings(max_postings=3, threshold=2.0, link_threshold=2.0)  # never join
    assigner = StoryAssigner(settings)
    for i in range(10):
        assigner.assign(f"p{i}", f"Harbour strike number {i + 10} at Velmar port.", None, None)
    assert len(assigner.stories) == 10
    assert all(len(p) <= 3 for p in assigner._postings.values())
    assert "velmar" in assigner._postings


def test_entities_are_capitalized_runs_and_their_heads() -> None:
    text = (
        "Union leader Marta Okonjo met the Velmar Port Authority. Okonjo said talks failed. "
        "The strike began in June."
    )
    found = entities(text)
    assert "marta okonjo" in found
    assert "velmar port authority" in found
    assert found.count("okonjo") == 2  # the run's head, and the sentence-initial mention
    assert "june" not in found
    assert "union" not in found  # sentence-initial and used nowhere else as a name


def test_numbers_years_dates_and_codes() -> None:
    found = numbers("On March 4, 2024 at 10:30, 2,300 workers struck; IE11 and the 12th round.")
    assert "d:mar 4" in found
    assert "y:2024" in found
    assert "n:2300" in found
    assert "n:ie11" in found
    assert "n:12th" in found
    assert not any(f in found for f in ("n:10", "n:30"))  # the clock time is skipped


def test_words_drop_stopwords_and_plurals() -> None:
    assert words("The strikes were over and the workers said they would return") == [
        "strike",
        "worker",
        "return",
    ]


def test_title_counts_more_than_body() -> None:
    plain = extract_features("Velmar strike continues.")
    titled = extract_features("Velmar strike continues.", "Velmar strike")
    assert titled.words["velmar"] > plain.words["velmar"]
    assert titled.words["continue"] == plain.words["continue"]


# ---- local re-clustering: splits, merges, ids, the journal -------------------------------------


def _redirects(assigner: StoryAssigner) -> tuple[dict[str, str], dict[str, str]]:
    membership = Membership()
    for aid, _, text in ARTICLES:
        assigner.assign(aid, text, None, None)
        membership.apply(assigner.drain())
    return dict(membership.story_of), dict(membership.redirects)


def test_repair_splits_what_one_pass_put_together() -> None:
    """With a bar so low that every article joins the first story, re-clustering still
    separates the four events; each part takes the id of its oldest article."""
    assigned, _ = _redirects(StoryAssigner(ClusterSettings(threshold=0.0)))
    assert _groups(assigned) == _gold()
    for first in ("strike-a1", "quake-b1", "vote-c1", "strike-d1"):
        assert assigned[first] == story_id_for(first)


def test_repair_merges_and_the_oldest_story_survives() -> None:
    """With a bar no article clears, every article opens a story; re-clustering merges them,
    the story of the oldest article keeps its id and the others redirect to it."""
    assigned, redirects = _redirects(StoryAssigner(ClusterSettings(threshold=2.0)))
    assert _groups(assigned) == _gold()
    assert assigned["strike-a3"] == story_id_for("strike-a1")
    assert redirects[story_id_for("strike-a2")] == story_id_for("strike-a1")
    assert redirects[story_id_for("strike-a3")] == story_id_for("strike-a1")
    assert redirects[story_id_for("vote-c2")] == story_id_for("vote-c1")
    assert set(redirects.values()) <= set(assigned.values())


def test_journal_of_one_article() -> None:
    assigner = StoryAssigner()
    sid = assigner.assign("strike-a1", ARTICLES[0][2], None, DAY0)
    journal = assigner.drain()
    assert journal.moved == {"strike-a1": sid}
    assert journal.stories == {sid} and journal.members == {1}
    assert not journal.merged and not journal.dropped
    assert assigner.drain().moved == {}  # drained
    state = assigner.member_state(1)
    assert (state["article_id"], state["story"], state["seq"]) == ("strike-a1", sid, 1)


def test_old_members_fold_into_the_core_and_survive_a_reload() -> None:
    settings = ClusterSettings(member_window=2, fold_batch=1)
    assigner = StoryAssigner(settings)
    strike = [text for _, gold, text in ARTICLES if gold == "A"]
    for i in range(6):
        assigner.assign(f"v{i}", strike[i % 3] + f" Day {i + 1} of the strike.", None, None)
    (story,) = assigner.stories.values()
    assert story.n == 6 and len(story.free) == 2 and story.n_core == 4
    assert story.founder not in story.free  # the founder is in the core
    journals = assigner.drain()
    assert len(journals.dropped) == 4 and len(journals.members) == 2

    resumed = StoryAssigner.from_state(json.loads(json.dumps(assigner.export_state())), settings)
    assert resumed.story_state(story.id) == assigner.story_state(story.id)
    assert resumed.core_state(story.id) == assigner.core_state(story.id)
    assert resumed.assign("v6", strike[0], None, None) == story.id


def test_a_version_1_state_still_loads() -> None:
    """Archives written before re-clustering hold one centroid per story: it becomes the core."""
    assigner = StoryAssigner()
    sid = assigner.assign("strike-a1", ARTICLES[0][2], None, None)
    assigner.assign("quake-b1", ARTICLES[1][2], None, None)
    stats = {**assigner.stats_state(), "version": 1}
    v1_stories = [
        {"version": 1, "id": story.id, "n": story.n, "first": None, "last": None,
         "seq": story.seq, "norms": [1.0, 1.0, 1.0], "norm_docs": 2,
         "centroid": dict(zip(("words", "entities", "numbers"), story.centroid, strict=True))}
        for story in assigner.stories.values()
    ]  # fmt: skip
    resumed = StoryAssigner.from_state({"version": 1, "stats": stats, "stories": v1_stories})
    assert set(resumed.stories) == set(assigner.stories)
    assert all(story.n_core == story.n == 1 for story in resumed.stories.values())
    assert resumed.assign("strike-a2", ARTICLES[2][2], None, None) == sid


def test_time_decay_is_gentle_over_weeks() -> None:
    assigner = StoryAssigner()
    _, _, text = ARTICLES[0]
    first = assigner.assign("x1", text, None, DAY0)
    weeks_later = "Marta Okonjo said the Velmar strike would go on. " + text
    assert assigner.assign("x2", weeks_later, None, DAY0 + timedelta(days=21)) == first
    assert assigner.decay(5 * 86400) == 1.0
    assert 0.5 < assigner.decay(21 * 86400) < 1.0


def test_unrelated_articles_do_not_merge_in_a_small_archive() -> None:
    """With two articles every term is rare; they must not look alike for sharing 'said'."""
    assigner = StoryAssigner()
    ferry = (
        "Ferry crews at the port of Kestrel Bay walked off the job on Monday after pay talks "
        "with the operator broke down. About 400 members joined the strike, the union said."
    )
    bridge = (
        "The town of Mossford opened a new footbridge over the river on Saturday, the council "
        "said. Engineers said the bridge would carry about 3,000 people a day."
    )
    first = assigner.assign("ferry", ferry, "Ferry crews strike", None)
    second = assigner.assign("bridge", bridge, "Mossford bridge opens", None)
    assert first != second


def test_a_few_shared_words_do_not_make_a_story_in_a_small_archive() -> None:
    """Two unrelated articles sharing three words: without the norm floor, leaving out the
    terms only one article has would leave each just those words (the control merges)."""
    ferry = (
        "Ferry crews at Kestrel Bay walked out, halting every crossing to the islands. "
        "Islanders asked the operator to restore the link to the mainland hospital."
    )
    canal = (
        "The Harrow canal reopened to barges after repairs to its locks. Boat owners asked "
        "the agency for a new crossing and a rail link to the wharf."
    )
    for floor, apart in ((0.7, True), (0.0, False)):  # the close-match rule off: floor alone
        assigner = StoryAssigner(ClusterSettings(norm_floor=floor, pair_threshold=0.0))
        first = assigner.assign("ferry", ferry, None, None)
        assert (assigner.assign("canal", canal, None, None) != first) is apart, floor


def test_the_idf_table_follows_the_counts() -> None:
    """The IDF is computed once per term and article (``Scorer.idfs``); a table kept past a
    change of the counts, or of the table they come from, would score against stale
    statistics. It gives the formula's value, and a new table after every article and after a
    reload."""
    import math

    assigner = StoryAssigner()
    for article_id, _, text in ARTICLES[:2]:
        assigner.assign(article_id, text, None, DAY0)
    table = assigner.idfs()
    assert assigner.idfs() is table  # the same counts: the same table
    for term in ("velmar", "okonjo", "never-seen"):
        expected = math.log((assigner.n_docs + 1) / (assigner.df.get(term, 0) + 1)) + 1.0
        assert table[term] == expected
    before = table["velmar"]
    article_id, _, text = ARTICLES[2]
    assigner.assign(article_id, text, None, DAY0)
    after = assigner.idfs()
    assert after is not table
    n, df = assigner.n_docs, assigner.df.get("velmar", 0)
    assert after["velmar"] == math.log((n + 1) / (df + 1)) + 1.0 != before
    # a reload replaces the counts without an article: a new table too
    state = json.loads(json.dumps(assigner.export_state()))
    reloaded = StoryAssigner.from_state(state)
    reloaded.df["velmar"] = reloaded.df.get("velmar", 0) + 5
    reloaded.n_docs += 5
    assert reloaded.idfs()["velmar"] == math.log((n + 6) / (df + 6)) + 1.0


def test_terms_are_interned_however_the_features_arrive() -> None:
    text = "Harbour strike at Velmar port enters its third week, union leader Marta Okonjo said."
    title = "Velmar strike"
    # the process's interned string of every term (held, so each stays the one)
    canonical = [sys.intern(t) for c in extract_features(text, title).channels for t in c]
    one = {id(t) for t in canonical}
    # a worker's features reach the writer unpickled: fresh copies of every term string
    sent = pickle.loads(pickle.dumps((extract_features(text, title), FeatureWeights())))
    assert not any(id(t) in one for t in sent[0].words)
    assigner = StoryAssigner()
    sid = assigner.assign("a1", text, title, None, features=sent)
    assert set(sent[0].words) <= set(assigner.df)
    for vec in (assigner.df, *assigner.stories[sid].centroid):
        assert all(id(t) in one for t in vec)
    # a restored assigner holds them too (JSON gives fresh copies)
    restored = StoryAssigner.from_state(json.loads(json.dumps(assigner.export_state())))
    assert restored.df == assigner.df
    assert restored.stories[sid].centroid[0]
    for vec in (restored.df, *restored.stories[sid].centroid):
        assert all(id(t) in one for t in vec)


def test_a_restored_arc_profile_holds_interned_terms() -> None:
    canonical = [sys.intern(t) for t in ("velmar", "okonjo", "Marta Okonjo")]
    one = {id(t) for t in canonical}
    fresh = ["".join(list(t)) for t in canonical]  # equal strings, other objects
    arc = Arc(
        "a1",
        founder=1,
        founder_story="s1",
        profile=({fresh[0]: 0.5, fresh[1]: 0.2}, {fresh[2]: 1.0}),
    )
    restored = arc_from_state(json.loads(json.dumps(arc_to_state(arc))))
    assert restored.profile == arc.profile
    assert all(id(t) in one for vec in restored.profile for t in vec)
