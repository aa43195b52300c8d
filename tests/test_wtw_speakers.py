"""Who Thinks What? and Why This Matters on a story brief an editor read (a caucus shown as
"House", then again as "Far-right group"; a quotation shown as a stakes item without its
speaker), each on a text of our own with the same shape; and "urge" kept as a cue, as PolNeAR
annotates it."""

from __future__ import annotations

from newsbrief.analyze import analyze
from newsbrief.compose import compose_brief
from newsbrief.ingest import article_from_text
from newsbrief.models import Analysis

CAUCUS = "\n\n".join(
    [
        "The progressive House Climate Caucus is urging Speaker Mara Lindqvist to schedule a "
        "vote on the carbon bill before the recess, a sign of growing impatience inside the "
        "party.",
        "Lindqvist has not said when the bill will reach the floor.",
    ]
)

# the model tags the body word apart ("Farmland Caucus" as a person), or the compounds chain
# through a middle word ("House" → "Liberty" → "Caucus"), or leaves them untagged ("Freedom")
FARMLAND = (
    "The rural House Farmland Caucus wants Speaker Mara Lindqvist to bring the crop insurance "
    "bill to a vote, its chair said on Monday."
)
LIBERTY = "The conservative House Liberty Caucus is urging Mara Lindqvist to delay the vote."
FREEDOM = "A spokesman said the conservative House Freedom Caucus is urging a delay of the vote."

SPEAKER_TITLE = "House Speaker Mara Lindqvist said the vote would be held next week."

FLOOD = "\n\n".join(
    [
        "Flooding closed the main bridge into Marlowe on Tuesday, cutting the town off from its "
        "only hospital.",
        "Water rose over the deck of the old stone bridge shortly after dawn, and police shut it "
        "to all traffic by noon.",
        'Mayor Dana Koss spoke to reporters outside the town hall. "We lost the road in an hour. '
        "As a result, hundreds of families will have to leave their homes. We need the army "
        'engineers here now," she said.',
        "The regional council said repairs could take weeks.",
    ]
)


def _analysis(text: str) -> Analysis:
    return analyze(article_from_text(text))


def _speaker_of(analysis: Analysis, cue: str) -> str | None:
    att = next(a for a in analysis.attributions if a.cue == cue)
    actor = next((x for x in analysis.actors if x.id == att.actor_id), None)
    return actor.name if actor is not None else None


def test_a_caucus_the_model_cuts_to_its_chamber_speaks_under_its_whole_name() -> None:
    analysis = _analysis(CAUCUS)
    assert _speaker_of(analysis, "is urging") == "House Climate Caucus"
    names = [p.actor for p in compose_brief(analysis).who_thinks_what]
    assert "House Climate Caucus" in names
    assert "House" not in names


def test_a_body_word_the_model_tags_apart_or_a_chained_name_is_one_organization() -> None:
    for text, name in (
        (FARMLAND, "House Farmland Caucus"),
        (LIBERTY, "House Liberty Caucus"),
        (FREEDOM, "House Freedom Caucus"),
    ):
        names = {a.name for a in _analysis(text).actors}
        assert name in names, (text, names)
        assert not names & {"House", "Caucus", "Farmland Caucus"}, (text, names)


def test_a_partys_members_in_a_chamber_speak_as_themselves_not_as_the_chamber() -> None:
    analysis = _analysis(
        "Senate Republicans said the budget would pass by Friday. The House approved its own "
        "version on Tuesday."
    )
    assert _speaker_of(analysis, "said") == "Senate Republicans"
    assert _speaker_of(analysis, "approved") == "House"


def test_the_group_named_just_before_is_the_one_a_description_means() -> None:
    analysis = _analysis(
        "The Harbor Workers Alliance is pressing the port authority to reopen talks. In a letter "
        "on Monday, the militant group asked the authority to drop its new shift rules. The "
        "group of dockers who walked out on Friday said they would return next week."
    )
    assert _speaker_of(analysis, "asked") == "Harbor Workers Alliance"
    assert _speaker_of(analysis, "said") != "Harbor Workers Alliance"


def test_a_chamber_before_a_title_and_a_name_stays_out_of_the_person() -> None:
    analysis = _analysis(SPEAKER_TITLE)
    assert _speaker_of(analysis, "said") == "Mara Lindqvist"
    assert not any("Speaker" in a.name for a in analysis.actors)


def test_urging_someone_to_act_is_an_attributed_position_with_its_object() -> None:
    # PolNeAR marks "urge" as a cue with "X to do Y" as the content; dropping the verb from the
    # lexicon lowers every exact F1 on its dev split (see the helper report)
    att = next(a for a in _analysis(CAUCUS).attributions if a.cue == "is urging")
    assert att.content.startswith("Speaker Mara Lindqvist to schedule a vote")
    assert att.source == "The progressive House Climate Caucus"


def test_the_middle_of_a_quotation_is_no_stakes_item_without_its_speaker() -> None:
    brief = compose_brief(_analysis(FLOOD))
    shown = [m.text for m in brief.why_it_matters]
    assert not any("hundreds of families" in t for t in shown), shown
    # the words stay in the brief, with their speaker
    koss = next(p for p in brief.who_thinks_what if p.actor == "Dana Koss")
    assert any("hundreds of families" in s.text for s in koss.statements)


def test_a_sentence_that_is_one_quotation_alone_is_no_stakes_item() -> None:
    text = "\n\n".join(
        [
            *FLOOD.split("\n\n")[:2],
            "Rescue crews moved forty patients from the hospital to a school gym on the north "
            "bank by boat.",
            "The river peaked at nine metres in the afternoon, the highest level since records "
            "began.",
            '"As a result, hundreds of families will have to leave their homes."',
            "The regional council said repairs could take weeks.",
        ]
    )
    shown = [m.text for m in compose_brief(_analysis(text)).why_it_matters]
    assert shown  # the other points stay
    assert not any("hundreds of families" in t for t in shown), shown
