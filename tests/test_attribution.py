"""Attributions on small texts of our own: quotes, indirect speech, channels, stance."""

from __future__ import annotations

import pytest

from newsbrief.analyze.actors import ActorIndex, resolve_actors
from newsbrief.analyze.attribution import find_attributions
from newsbrief.analyze.nlp import parse
from newsbrief.analyze.quotes import find_quotes
from newsbrief.analyze.sentences import split_sentences
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Article, Attribution


def _run(text: str) -> tuple[Article, ActorIndex, list[Attribution]]:
    article = article_from_text(text)
    doc = parse(article.text)
    sentences = split_sentences(doc, article)
    actors = resolve_actors(doc, article, sentences)
    return article, actors, find_attributions(doc, article, sentences, actors)


def _by_cue(atts: list[Attribution], cue: str) -> list[Attribution]:
    return [a for a in atts if a.cue == cue]


def _check_offsets(article: Article, atts: list[Attribution]) -> None:
    for a in atts:
        assert article.text[a.content_span.start : a.content_span.end] == a.content
        assert article.text[a.cue_span.start : a.cue_span.end] == a.cue
        if a.source_span is not None:
            assert article.text[a.source_span.start : a.source_span.end] == a.source


def test_direct_quote_with_cue_after_it() -> None:
    article, actors, atts = _run("“The bridge will reopen in May,” said Mayor Lena Ortiz.")
    _check_offsets(article, atts)
    (att,) = atts
    assert att.kind == "direct"
    assert att.cue == "said"
    assert att.content.startswith("The bridge will reopen in May")
    assert att.source == "Mayor Lena Ortiz"
    actor = actors.get(att.actor_id or "")
    assert actor is not None and actor.name == "Lena Ortiz"
    assert att.evidence.sentence_index == 0


def test_quote_split_around_its_cue_gives_both_parts() -> None:
    article, _, atts = _run("“We cannot wait,” Ortiz said, “for another winter of closures.”")
    _check_offsets(article, atts)
    said = _by_cue(atts, "said")
    assert [a.content.rstrip(",.") for a in said] == [
        "We cannot wait",
        "for another winter of closures",
    ]
    assert {a.cue_span for a in said} == {said[0].cue_span}
    assert all(a.kind == "direct" for a in said)


def test_quote_running_over_following_sentences() -> None:
    text = "“The plan is dead,” Ortiz said. “Nobody in this city wants it. We will vote no.”"
    article, _, atts = _run(text)
    _check_offsets(article, atts)
    contents = [a.content for a in _by_cue(atts, "said")]
    assert contents[0].startswith("The plan is dead")
    assert "Nobody in this city wants it. We will vote no." in contents[1]


def test_indirect_speech_keeps_the_complementizer() -> None:
    article, _, atts = _run("The ministry said that exports fell sharply in March.")
    _check_offsets(article, atts)
    (att,) = atts
    assert att.kind == "indirect"
    assert att.content == "that exports fell sharply in March"
    assert att.source == "The ministry"


def test_partial_quote_is_mixed() -> None:
    article, _, atts = _run("Ortiz said the proposal was “a bad deal for families.”")
    _check_offsets(article, atts)
    (att,) = atts
    assert att.kind == "mixed"
    assert att.content.startswith("the proposal was “a bad deal for families")


def test_according_to_names_the_source_after_the_content() -> None:
    article, _, atts = _run("Exports fell 5 percent in March, according to the statistics office.")
    _check_offsets(article, atts)
    (att,) = atts
    assert att.cue == "according to"
    assert att.source == "the statistics office"
    assert att.content == "Exports fell 5 percent in March"


def test_speaker_inside_according_to_gets_the_channel() -> None:
    text = "Minister Karl Berg said the tax would rise, according to the state news agency."
    article, actors, atts = _run(text)
    _check_offsets(article, atts)
    (said,) = _by_cue(atts, "said")
    assert said.channel == "according to the state news agency"
    assert said.channel_chain == ("the state news agency",)
    speaker = actors.get(said.actor_id or "")
    assert speaker is not None and speaker.name == "Karl Berg"


def test_reported_citing_keeps_the_chain() -> None:
    text = "Kyodo reported, citing a government official, that the talks would resume in June."
    article, actors, atts = _run(text)
    _check_offsets(article, atts)
    (att,) = atts
    assert att.cue == "reported"
    assert att.channel_chain == ("Kyodo", "a government official")
    assert att.content == "that the talks would resume in June"
    outlet = actors.get(att.actor_id or "")
    assert outlet is not None and outlet.kind == "media"


def test_state_media_reported_is_the_channel_of_the_inner_speaker() -> None:
    article, _, atts = _run(
        "Zhou Minghua said China would expand solar power, state media reported."
    )
    _check_offsets(article, atts)
    (said,) = _by_cue(atts, "said")
    assert said.source == "Zhou Minghua"
    assert said.channel == "state media reported"


def test_joint_statement_is_recorded_as_channel() -> None:
    text = "In a joint statement, the three operators said they had offered a 6 percent raise."
    _, _, atts = _run(text)
    (said,) = _by_cue(atts, "said")
    assert said.channel == "in a joint statement"
    assert said.content == "they had offered a 6 percent raise"


def test_rejection_targets_the_owner_of_the_claim() -> None:
    text = (
        "The operators said cargo volumes had fallen. "
        "The union rejects the operators' claim that the port is losing business."
    )
    _, actors, atts = _run(text)
    (rejects,) = _by_cue(atts, "rejects")
    assert rejects.stance == "oppose"
    target = actors.get(rejects.target_actor_id or "")
    assert target is not None and target.name.lower() == "operators"


def test_denial_of_that_claim_targets_the_previous_speaker() -> None:
    text = (
        "Nauvia said Halvoria had lobbied against the deal. "
        "Halvoria's spokesperson, Anton Berg, denied that claim."
    )
    _, actors, atts = _run(text)
    (denied,) = _by_cue(atts, "denied")
    assert denied.stance == "oppose"
    target = actors.get(denied.target_actor_id or "")
    assert target is not None and target.name == "Nauvia"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Many economists believe the slowdown will be brief.", "believe"),
        ("The governor has repeatedly argued that the tax is unfair.", "has repeatedly argued"),
        ("Senator Alma Ruiz vowed to block the bill.", "vowed"),
        ("The envoy underscored that talks would continue.", "underscored"),
        ("The minister emphasized that the border would stay open.", "emphasized"),
        ("Berg reaffirmed his government's position on coal.", "reaffirmed"),
    ],
)
def test_thought_and_intention_are_attributions(text: str, cue: str) -> None:
    article, _, atts = _run(text)
    _check_offsets(article, atts)
    assert [a.cue for a in atts] == [cue]


def test_plain_event_is_not_an_attribution() -> None:
    assert _run("The bridge reopened on Monday after two years of repairs.")[2] == []


def test_headline_colon_attributes_the_headline() -> None:
    article, _, atts = _run("Ortiz: The Bridge Must Be Rebuilt\n\nThe mayor spoke on Monday.")
    _check_offsets(article, atts)
    (att,) = atts
    assert att.cue == ":"
    assert att.source == "Ortiz"
    assert att.content == "The Bridge Must Be Rebuilt"


def test_quotes_are_found_across_styles() -> None:
    text = "He said ''yes,'' then “no,” then \"maybe.\""
    quotes = find_quotes(text)
    assert [text[q.inner_start : q.inner_end] for q in quotes] == ["yes,", "no,", "maybe."]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The mayor now says the bridge will reopen in May.", "now says"),
        ("The unions have generally argued that wages lag behind prices.", "have generally argued"),
        ("When the mayor said the bridge would reopen, nobody believed her.", "said"),
        ("However, the mayor said the bridge would reopen.", "said"),
    ],
)
def test_adverbs_next_to_the_cue_belong_to_it_unless_they_link_clauses(text: str, cue: str) -> None:
    _, _, atts = _run(text)
    assert cue in [a.cue for a in atts]


def test_a_misparsed_name_before_the_verb_stays_out_of_the_cue() -> None:
    text = "Lindberg said the talks were over. Lindberg told reporters that the offer was final."
    _, _, atts = _run(text)
    (told,) = [a for a in atts if a.cue.endswith("told")]
    assert told.cue == "told"


def test_signed_quotation_with_initials_and_no_break_space() -> None:
    text = "“We need jobs, not slogans.” ―\u00a0Maria T. Lopez. Photo: Agency.\n\nMore follows."
    article, _, atts = _run(text)
    _check_offsets(article, atts)
    (att,) = [a for a in atts if a.kind == "direct"]
    assert att.cue == "―"
    assert att.source == "Maria T. Lopez"
    assert att.content.startswith("We need jobs")


def test_interview_turns_and_headline_labels_are_no_speakers() -> None:
    text = "Q: Will the plant close?\n\nA: I think the figures are bad.\n\nBREAKING: Mill shuts."
    _, _, atts = _run(text)
    assert [a.cue for a in atts if a.cue == ":"] == []
    assert "think" in [a.cue for a in atts]


def test_quoted_transcript_turn_names_its_speaker() -> None:
    text = 'The exchange went as follows: "MORALES: We will not sign this deal."'
    _, _, atts = _run(text)
    (colon,) = [a for a in atts if a.cue == ":" and a.source == "MORALES"]
    assert colon.content == "We will not sign this deal"


def test_a_clause_that_attributes_again_is_cut_off_the_content() -> None:
    text = "Farmers said the dam had helped them, while other residents said it flooded fields."
    _, _, atts = _run(text)
    said = _by_cue(atts, "said")
    assert [a.content for a in said] == ["the dam had helped them", "it flooded fields"]
    assert [a.source for a in said] == ["Farmers", "other residents"]


def test_inverted_closing_attribution_takes_the_subject_after_the_verb() -> None:
    text = "“The vote will be close,” said Ana Ruiz, a pollster at Delta Research."
    _, _, atts = _run(text)
    (said,) = _by_cue(atts, "said")
    assert said.source == "Ana Ruiz, a pollster at Delta Research"


def test_issued_a_statement_saying_is_one_cue_with_a_channel() -> None:
    text = "The ministry issued a statement saying that the border would stay open."
    _, _, atts = _run(text)
    (att,) = atts
    assert att.cue == "issued a statement saying"
    assert att.source == "The ministry"
    assert att.content == "that the border would stay open"
    assert att.channel == "in a statement"


def test_participle_after_a_report_keeps_the_reporters_voice() -> None:
    text = "Varga denied that the council had promised a subsidy, saying the court would decide."
    _, _, atts = _run(text)
    (saying,) = _by_cue(atts, "saying")
    assert saying.source == "Varga"
    assert saying.content == "the court would decide"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Protesters were frustrated that the footage was withheld.", "were frustrated"),
        ("Most voters see the mayor as a reformer.", "see"),
        ("The unions want a shorter week.", "want"),
        ("The senator seems ready to compromise on the budget.", "seems"),
    ],
)
def test_feelings_views_and_wants_are_attributions(text: str, cue: str) -> None:
    article, _, atts = _run(text)
    _check_offsets(article, atts)
    assert {a.cue for a in atts} == {cue}


@pytest.mark.parametrize(
    "text",
    [
        "The board, which must approve any sale, met on Monday.",
        "The hikers went to the ridge to see the sunrise.",
        "They drove past a stream called Miracle Run.",
        "She saw him at the station on Friday.",
    ],
)
def test_obligations_purposes_and_names_are_not_attributions(text: str) -> None:
    assert _run(text)[2] == []


def test_rejecting_the_criticism_targets_the_critics_body() -> None:
    text = (
        "The Water Alliance warned that the plant would drain the river. "
        '"They are taking our water," said Jonas Berg, the alliance\'s spokesman. '
        "The company rejects the criticism."
    )
    _, actors, atts = _run(text)
    (rejects,) = _by_cue(atts, "rejects")
    target = actors.get(rejects.target_actor_id or "")
    assert target is not None and target.name == "Water Alliance"
