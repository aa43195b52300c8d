"""Re-clustering keeps the pair the assigner just joined, on texts of our own: a story's first
article, as a re-clustering node, leaves out every word only it had; when the second article
shares those words ("Aurelia", "Skarvik", "Nordlys Lines"), the node must have them back, or
re-clustering sees two strangers and splits what the assigner joined."""

from __future__ import annotations

from datetime import datetime

from newsbrief.stories.cluster import StoryAssigner
from newsbrief.stories.journal import Membership

BACKGROUND = [
    (
        "Council approves new budget",
        "The city council approved a new budget on Monday after a long debate over school"
        " funding and road repairs. Council members said the plan would raise spending on parks.",
    ),
    (
        "Storm cuts power to thousands",
        "A winter storm cut power to thousands of homes across the northern valley on Tuesday."
        " Utility crews worked through the night to restore electricity, officials said.",
    ),
    (
        "Team wins cup final",
        "The home team won the cup final on Sunday with a late goal in front of a packed"
        " stadium. Fans celebrated in the streets until midnight.",
    ),
    (
        "Fog halts ferry services",
        "Thick fog halted ferry services between the islands on Thursday, and the coast guard"
        " said passengers should expect delays. Ferry operators said boats would stay in port.",
    ),
    (
        "Bank raises interest rates",
        "The central bank raised interest rates by a quarter point on Wednesday, citing stubborn"
        " inflation. Analysts expect one more increase this year.",
    ),
]
FIRST = (
    "Ferry Aurelia runs aground near Skarvik",
    "The ferry Aurelia ran aground near the port of Skarvik on Thursday with 212 passengers on"
    " board. The coast guard said all passengers were taken off safely by lifeboats. The"
    " operator Nordlys Lines said the vessel hit a sandbank in thick fog.",
)
SECOND = (
    "Aurelia passengers rescued after grounding",
    "All 212 passengers of the ferry Aurelia were rescued after it ran aground off Skarvik, the"
    " coast guard said on Thursday. Nordlys Lines, which operates the ferry, blamed thick fog"
    " and a sandbank.",
)


def test_the_second_report_of_an_event_stays_with_the_first() -> None:
    assigner, membership = StoryAssigner(), Membership()
    for i, (title, text) in enumerate(BACKGROUND):
        assigner.assign(f"bg{i}", text, title, datetime(2024, 3, 1 + i, 9))
        membership.apply(assigner.drain())
    assigner.assign("first", FIRST[1], FIRST[0], datetime(2024, 3, 7, 9))
    membership.apply(assigner.drain())
    assigner.assign("second", SECOND[1], SECOND[0], datetime(2024, 3, 7, 15))
    membership.apply(assigner.drain())
    story = membership.story_of["first"]
    assert membership.story_of["second"] == story
    assert not any(membership.story_of[f"bg{i}"] == story for i in range(len(BACKGROUND)))
