"""Attributions on small texts of our own: quotes, indirect speech, channels, stance."""

from __future__ import annotations

import pytest

from newsbrief.analyze.actors import ActorIndex, resolve_actors
from newsbrief.analyze.attribution import find_attributions
from newsbrief.analyze.nlp import parse
from newsbrief.analyze.quotes import find_quotes
from newsbrief.analyze.sentences import split_sentences
from newsbrief.ingest.text import article_from_text
from newsbrief.models import Actor, Article, Attribution


def _run(text: str) -> tuple[Article, ActorIndex, list[Attribution]]:
    article = article_from_text(text)
    doc = parse(article.text)
    sentences = split_sentences(doc, article)
    actors = resolve_actors(doc, article, sentences)
    return article, actors, find_attributions(doc, article, sentences, actors)


def _by_cue(atts: list[Attribution], cue: str) -> list[Attribution]:
    return [a for a in atts if a.cue == cue]


def _actor(actors: ActorIndex, actor_id: str | None) -> Actor:
    """The actor an attribution points at; fails when it points at none."""
    actor = actors.get(actor_id or "")
    assert actor is not None, actor_id
    return actor


def _check_offsets(article: Article, atts: list[Attribution]) -> None:
    for a in atts:
        assert article.text[a.content_span.start : a.content_span.end] == a.content
        assert article.text[a.cue_span.start : a.cue_span.end] == a.cue
        if a.source_span is not None:
            assert article.text[a.source_span.start : a.source_span.end] == a.source


def _cues(text: str) -> list[str]:
    """The cues of the attributions found in the text, in order (their offsets checked)."""
    article, _, atts = _run(text)
    _check_offsets(article, atts)
    return [a.cue for a in atts]


def test_direct_quote_with_cue_after_it() -> None:
    article, actors, atts = _run("“The bridge will reopen in May,” said Mayor Lena Ortiz.")
    _check_offsets(article, atts)
    (att,) = atts
    assert att.kind == "direct"
    assert att.cue == "said"
    assert att.content.startswith("The bridge will reopen in May")
    assert att.source == "Mayor Lena Ortiz"
    assert _actor(actors, att.actor_id).name == "Lena Ortiz"
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


def test_partial_quote_is_mixed() -> None:
    article, _, atts = _run("Ortiz said the proposal was “a bad deal for families.”")
    _check_offsets(article, atts)
    (att,) = atts
    assert att.kind == "mixed"
    assert att.content.startswith("the proposal was “a bad deal for families")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The ministry said that exports fell sharply in March.",
            {
                "kind": "indirect",
                "content": "that exports fell sharply in March",
                "source": "The ministry",
            },
            id="indirect-speech-keeps-the-complementizer",
        ),
        pytest.param(
            "Exports fell 5 percent in March, according to the statistics office.",
            {
                "cue": "according to",
                "source": "the statistics office",
                "content": "Exports fell 5 percent in March",
            },
            id="according-to-names-the-source-after-the-content",
        ),
        pytest.param(
            "Ortiz: The Bridge Must Be Rebuilt\n\nThe mayor spoke on Monday.",
            {"cue": ":", "source": "Ortiz", "content": "The Bridge Must Be Rebuilt"},
            id="headline-colon-attributes-the-headline",
        ),
        pytest.param(
            "The ministry issued a statement saying that the border would stay open.",
            {
                "cue": "issued a statement saying",
                "source": "The ministry",
                "content": "that the border would stay open",
                "channel": "in a statement",
            },
            id="issued-a-statement-saying-is-one-cue-with-a-channel",
        ),
        pytest.param(
            "“The vote will be close,” said Ana Ruiz, a pollster at Delta Research.",
            {"source": "Ana Ruiz, a pollster at Delta Research"},
            id="inverted-closing-attribution-takes-the-subject-after-the-verb",
        ),
    ],
)
def test_the_single_attribution_has_these_fields(text: str, expected: dict[str, str]) -> None:
    """The text holds exactly one attribution, with these fields."""
    article, _, atts = _run(text)
    _check_offsets(article, atts)
    (att,) = atts
    assert {field: getattr(att, field) for field in expected} == expected


@pytest.mark.parametrize(
    ("text", "cue", "expected"),
    [
        pytest.param(
            "Zhou Minghua said China would expand solar power, state media reported.",
            "said",
            {"source": "Zhou Minghua", "channel": "state media reported"},
            id="state-media-reported-is-the-channel-of-the-inner-speaker",
        ),
        pytest.param(
            "In a joint statement, the three operators said they had offered a 6 percent raise.",
            "said",
            {"channel": "in a joint statement", "content": "they had offered a 6 percent raise"},
            id="joint-statement-is-recorded-as-channel",
        ),
        pytest.param(
            "Varga denied that the council had promised a subsidy, saying the court would decide.",
            "saying",
            {"source": "Varga", "content": "the court would decide"},
            id="participle-after-a-report-keeps-the-reporters-voice",
        ),
    ],
)
def test_the_attribution_of_this_cue_has_these_fields(
    text: str, cue: str, expected: dict[str, str]
) -> None:
    """The text holds one attribution with this cue, with these fields."""
    article, _, atts = _run(text)
    _check_offsets(article, atts)
    (att,) = _by_cue(atts, cue)
    assert {field: getattr(att, field) for field in expected} == expected


@pytest.mark.parametrize(
    ("text", "cue", "target"),
    [
        pytest.param(
            "The operators said cargo volumes had fallen. "
            "The union rejects the operators' claim that the port is losing business.",
            "rejects",
            "Operators",
            id="rejection-targets-the-owner-of-the-claim",
        ),
        pytest.param(
            "Nauvia said Halvoria had lobbied against the deal. "
            "Halvoria's spokesperson, Anton Berg, denied that claim.",
            "denied",
            "Nauvia",
            id="denial-of-that-claim-targets-the-previous-speaker",
        ),
        pytest.param(
            "The Water Alliance warned that the plant would drain the river. "
            '"They are taking our water," said Jonas Berg, the alliance\'s spokesman. '
            "The company rejects the criticism.",
            "rejects",
            "Water Alliance",
            id="rejecting-the-criticism-targets-the-critics-body",
        ),
    ],
)
def test_a_rejection_opposes_its_target(text: str, cue: str, target: str) -> None:
    _, actors, atts = _run(text)
    (rejection,) = _by_cue(atts, cue)
    assert rejection.stance == "oppose"
    assert _actor(actors, rejection.target_actor_id).name == target


@pytest.mark.parametrize(
    "text",
    [
        "The High Court on Monday rejected an appeal from Republicans challenging a ruling by "
        "the Northern Appeals Court that let the dam go ahead.",
        "The High Court on Monday denied an appeal from Republicans challenging a Northern "
        "Appeals Court decision that let the dam go ahead.",
        "The High Court rejected the report, which blamed the Northern Appeals Court for delays.",
    ],
)
def test_a_rejection_does_not_oppose_whom_a_clause_of_its_object_names(text: str) -> None:
    # the Republicans appealed against the Appeals Court: rejecting their appeal upholds it
    _, actors, atts = _run(text)
    (rejection,) = [a for a in atts if a.cue in ("rejected", "denied")]
    assert rejection.stance == "oppose"
    court = next(a.id for a in actors.actors if a.name == "Northern Appeals Court")
    assert rejection.target_actor_id != court


def test_speaker_inside_according_to_gets_the_channel() -> None:
    text = "Minister Karl Berg said the tax would rise, according to the state news agency."
    article, actors, atts = _run(text)
    _check_offsets(article, atts)
    (said,) = _by_cue(atts, "said")
    assert said.channel == "according to the state news agency"
    assert said.channel_chain == ("the state news agency",)
    assert _actor(actors, said.actor_id).name == "Karl Berg"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "Divers found rust on three of the piles, the harbor master said, according to Kyodo.",
            "Divers found rust on three of the piles",
        ),
        (
            "Divers found rust on three of the piles, the port minister, Aiko Sato, said, "
            "according to Kyodo.",
            "Divers found rust on three of the piles",
        ),
        (
            "The ferry fleet needs new engines, the harbor master said, according to the Coastal "
            "Courier.",
            "The ferry fleet needs new engines",
        ),
    ],
)
def test_a_channel_after_a_mid_sentence_cue_is_no_content(text: str, said: str) -> None:
    """ "…, the harbor master said, according to Kyodo.": the words after the speaker are how
    the statement reached us, not a second part of it ("said: according to Kyodo")."""
    article, _, atts = _run(text)
    _check_offsets(article, atts)
    (statement,) = _by_cue(atts, "said")
    assert statement.content == said
    assert statement.channel is not None and statement.channel.startswith("according to ")
    assert not [a for a in atts if a.content.startswith("according to")], atts


def test_an_as_clause_with_its_own_object_is_what_was_said() -> None:
    """ "made the remark as he discussed his plan": the plan is what he discussed; the "as"
    says when, it is no comment on the clause before ("…, as she told reporters" is)."""
    _, _, atts = _run("Berg made the remark on Monday as he discussed his plan for the ferries.")
    (discussed,) = _by_cue(atts, "discussed")
    assert discussed.content == "his plan for the ferries"
    _, _, atts = _run("Her father grew up on the island, as she told reporters.")
    (told,) = _by_cue(atts, "told")
    assert told.content == "Her father grew up on the island"


@pytest.mark.parametrize(
    ("text", "cue", "topic"),
    [
        (
            "Councillor Tomas Berg was discussing ferry subsidies at a town hall on Thursday.",
            "was discussing",
            True,
        ),
        ("The two ministers discussed the tariffs at length on Monday.", "discussed", True),
        (
            "The two ministers discussed how the tariffs could be lowered before winter.",
            "discussed",
            False,
        ),
    ],
)
def test_discussing_a_topic_states_nothing(text: str, cue: str, topic: bool) -> None:
    """ "was discussing ferry subsidies" names what was talked about, not what was said of it:
    the attribution stays (PolNeAR marks it) but its content is no statement (``fragment``);
    "discussed how …" says something."""
    _, _, atts = _run(text)
    (discussed,) = _by_cue(atts, cue)
    assert discussed.fragment is topic


def test_a_clause_before_a_trailing_reporter_comes_through_it() -> None:
    """ "…, accusing him of …, the Coast Herald first reported": the accusation is the
    senator's, and the Herald is how it is known (the clause is its own statement, cut off the
    Herald's content)."""
    text = (
        "Senator Ana Ruiz was speaking at a rally on Thursday when she turned on her rival, "
        "accusing him of “betraying the valley,” the Coast Herald first reported."
    )
    article, actors, atts = _run(text)
    _check_offsets(article, atts)
    (accusing,) = _by_cue(atts, "accusing")
    assert _actor(actors, accusing.actor_id).name == "Ana Ruiz"
    assert accusing.channel == "the Coast Herald first reported"


def test_a_relative_clause_after_a_statement_takes_no_channel_from_it() -> None:
    text = (
        "Officials at Ostra Robotics disclosed the closure of the plant to the Harbour Times, "
        "which first reported the story on Monday."
    )
    _, _, atts = _run(text)
    assert [a.channel for a in _by_cue(atts, "first reported")] == [None]


@pytest.mark.parametrize(
    ("text", "first", "channel"),
    [
        pytest.param(
            "The Ledger also found no record of Varga holding any accounts at the bank's branch "
            "in Vienna and Austrian finance officials told the Alpine Post they, too, had seen "
            "no sign of fraud in the region.",
            "found",
            "told the Alpine Post",
            id="found-no-record-and-officials-told",
        ),
        pytest.param(
            "Inspectors also found no trace of damage at the dam in Kessel and regional water "
            "officials told the Valley Herald they had no reason to fear a breach.",
            "found",
            "told the Valley Herald",
            id="found-no-trace-and-officials-told",
        ),
        pytest.param(
            "Harbour pilots also reported no delays at the northern quay and port officials told "
            "the Coastal Courier they expected no closures.",
            "reported",
            None,
            id="reported-no-delays-and-officials-told",
        ),
    ],
)
def test_a_clause_joined_by_and_is_no_channel_of_the_next(
    text: str, first: str, channel: str | None
) -> None:
    """ "Yonhap also found no evidence … and Chinese government sources told Reuters they …":
    the parser hung the second clause on "found", so the sources' words came "— told, Yonhap
    also found". The clauses are two statements side by side, neither the other's channel (the
    outlet told is: "— told Reuters"; with no speaker found, there is none)."""
    article, _, atts = _run(text)
    _check_offsets(article, atts)
    (told,) = _by_cue(atts, "told")
    assert told.channel == channel, told
    assert not [a for a in atts if a.cue.endswith(first) and "told" in a.content], atts


def test_a_joined_clause_keeps_a_real_channel() -> None:
    """The second clause is no longer the first one's content, and Kyodo still carries both."""
    text = (
        "Pilots reported no delays at the northern quay and port officials said they expected "
        "no closures, according to Kyodo."
    )
    article, _, atts = _run(text)
    _check_offsets(article, atts)
    (reported,) = _by_cue(atts, "reported")
    assert reported.content == "no delays at the northern quay"
    assert [a.channel for a in _by_cue(atts, "said")] == ["according to Kyodo"]


def test_whom_someone_told_is_followed_by_what_they_told() -> None:
    """ "told the council and residents she …": "and" joins whom she told, not two clauses."""
    _, _, atts = _run("The mayor told the council and residents she would stay in office.")
    (told,) = _by_cue(atts, "told")
    assert told.content == "she would stay in office"


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("Officials told Reuters they had no evidence of an emergency.", "told Reuters"),
        ("The mayor later told CNN that the bridge would reopen in May.", "later told CNN"),
        ("The mayor told reporters that the bridge would reopen in May.", None),
    ],
)
def test_an_outlet_someone_told_is_the_channel(text: str, channel: str | None) -> None:
    """Whom the words were told is how they reached us when it is an outlet, not "reporters"."""
    _, _, atts = _run(text)
    (told,) = [a for a in atts if a.cue.endswith("told")]
    assert told.channel == channel


def test_reported_citing_keeps_the_chain() -> None:
    text = "Kyodo reported, citing a government official, that the talks would resume in June."
    article, actors, atts = _run(text)
    _check_offsets(article, atts)
    (att,) = atts
    assert att.cue == "reported"
    assert att.channel_chain == ("Kyodo", "a government official")
    assert att.content == "that the talks would resume in June"
    assert _actor(actors, att.actor_id).kind == "media"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # thoughts and intentions
        ("Many economists believe the slowdown will be brief.", "believe"),
        ("The governor has repeatedly argued that the tax is unfair.", "has repeatedly argued"),
        ("Senator Alma Ruiz vowed to block the bill.", "vowed"),
        ("The envoy underscored that talks would continue.", "underscored"),
        ("The minister emphasized that the border would stay open.", "emphasized"),
        ("Berg reaffirmed his government's position on coal.", "reaffirmed"),
        # an adverb next to the cue belongs to it, unless it links clauses
        ("The mayor now says the bridge will reopen in May.", "now says"),
        ("The unions have generally argued that wages lag behind prices.", "have generally argued"),
        ("However, the mayor said the bridge would reopen.", "said"),
        # feelings, views and wants
        ("Protesters were frustrated that the footage was withheld.", "were frustrated"),
        ("Most voters see the mayor as a reformer.", "see"),
        ("The unions want a shorter week.", "want"),
    ],
)
def test_the_single_attribution_has_this_cue(text: str, cue: str) -> None:
    assert _cues(text) == [cue]


def test_an_adverb_linking_clauses_stays_out_of_the_cue() -> None:
    assert "said" in _cues("When the mayor said the bridge would reopen, nobody believed her.")


def test_seeming_is_an_attribution() -> None:
    assert set(_cues("The senator seems ready to compromise on the budget.")) == {"seems"}


def test_quotes_are_found_across_styles() -> None:
    text = "He said ''yes,'' then “no,” then \"maybe.\""
    quotes = find_quotes(text)
    assert [text[q.inner_start : q.inner_end] for q in quotes] == ["yes,", "no,", "maybe."]


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


@pytest.mark.parametrize(
    "text",
    [
        "The bridge reopened on Monday after two years of repairs.",
        "The board, which must approve any sale, met on Monday.",
        "The hikers went to the ridge to see the sunrise.",
        "They drove past a stream called Miracle Run.",
        "She saw him at the station on Friday.",
    ],
)
def test_plain_events_obligations_purposes_and_names_are_not_attributions(text: str) -> None:
    assert _run(text)[2] == []


def test_a_persons_child_is_not_the_person() -> None:
    """ "Her son likes to read there": the son, not his mother named before."""
    text = (
        "Mara Lind says the new library has changed the town. Her son likes to read there "
        "after school, and the librarians know him by name."
    )
    _, actors, atts = _run(text)
    (likes,) = _by_cue(atts, "likes")
    assert likes.actor_id is None or _actor(actors, likes.actor_id).name != "Mara Lind"
    (says,) = _by_cue(atts, "says")
    assert _actor(actors, says.actor_id).name == "Mara Lind"


def test_two_people_of_one_surname_keep_their_own_words() -> None:
    """ "Ivanka Trump, the nominee's eldest daughter, noted …. She said …" is hers (the model
    tags "Ivanka Trump" in one sentence and not in the next), and a bare "Trump says he …"
    after that is still the nominee's."""
    text = (
        "Questions over Trump leave plan.\n\n"
        "Donald Trump's new proposal for paid leave is vague, experts say. A campaign spokesman "
        "could not say why the rule was mentioned by Ivanka Trump in an interview with a "
        "magazine. Ivanka Trump, the nominee's eldest daughter, noted the rule in the "
        "interview. She said fathers would not be eligible. In an essay last week, Ivanka Trump "
        'acknowledged the problem. "Many mothers work in low-paying jobs," she wrote. If '
        "Trump's plan left out single mothers, many families would be hurt. Trump says he would "
        "pay for the plan by cutting fraud."
    )
    _, actors, atts = _run(text)
    for cue in ("noted", "said", "acknowledged", "wrote"):
        (att,) = _by_cue(atts, cue)
        assert _actor(actors, att.actor_id).name == "Ivanka Trump", cue
    (says,) = _by_cue(atts, "says")
    assert _actor(actors, says.actor_id).name == "Donald Trump"


def test_a_supposed_statement_is_no_statement() -> None:
    """ "If the council rejected the plan, …": nobody rejected anything yet."""
    text = (
        "If the council rejected the harbour plan, the mayor would resign, two aides said on "
        "Monday. Unless the union agrees to the offer, the strike will go on."
    )
    _, _, atts = _run(text)
    assert not _by_cue(atts, "rejected") and not _by_cue(atts, "agrees to")
    assert _by_cue(atts, "said")


def test_said_yes_takes_the_answer_not_a_clause_before_it() -> None:
    article, _, atts = _run(
        "Marta Oliven waited at the pier. “Are the ferries running?” she said, but Tomas was "
        "dozing again, and as the captain went on about the storm, Marta said yes, over and "
        "over again."
    )
    _check_offsets(article, atts)
    assert [(a.source, a.content) for a in _by_cue(atts, "said")] == [
        ("she", "Are the ferries running?"),
        ("Marta", "yes"),
    ]


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        (
            "The mayor defended the plan, citing its skilled workforce, stable power supply and "
            "good schools.",
            "its skilled workforce, stable power supply and good schools",
        ),
        (
            "The board chose Kessel, citing its skilled workforce, stable power supply and quiet "
            "harbour.",
            "its skilled workforce, stable power supply and quiet harbour",
        ),
    ],
)
def test_a_list_of_objects_the_parser_hangs_on_the_verb_stays_whole(text: str, listed: str) -> None:
    """ "citing its skilled workforce, stable power supply and …": the parser conjoins the second
    noun to "citing" itself; the content is the whole list, not its first item."""
    article, _, atts = _run(text)
    _check_offsets(article, atts)
    assert [a.content for a in _by_cue(atts, "citing")] == [listed]
