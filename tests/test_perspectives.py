"""Who Thinks What? on short articles of our own."""

from __future__ import annotations

from newsbrief.analyze import analyze
from newsbrief.analyze.actors import resolve_actors
from newsbrief.analyze.attribution import find_attributions
from newsbrief.analyze.nlp import parse
from newsbrief.analyze.sentences import split_sentences
from newsbrief.compose import compose_brief, compose_story_brief
from newsbrief.compose.perspectives import who_thinks_what
from newsbrief.ingest.text import article_from_text
from newsbrief.models import ActorPosition, Analysis
from newsbrief.render import render
from newsbrief.settings import Settings

STRIKE = "\n\n".join(
    [
        "Dockworkers walked off the job at Port Selane on Tuesday.",
        '"Our members have waited five years for a fair offer," said Irena Vasquel, general '
        'secretary of the Selane Dockworkers Union. "They will not wait any longer."',
        "The operators said a larger raise would put jobs at risk. The union rejects the "
        "operators' claim that the port is losing business.",
        "Transport Minister Halvard Oskarsen urged both sides to return to talks, according to "
        "the state news agency VNA. Vasquel said the strike would continue.",
    ]
)


def _analysis(text: str) -> Analysis:
    article = article_from_text(text)
    doc = parse(article.text)
    sentences = split_sentences(doc, article)
    actors = resolve_actors(doc, article, sentences)
    atts = find_attributions(doc, article, sentences, actors)
    return Analysis(
        article=article, sentences=tuple(sentences), actors=actors.actors, attributions=tuple(atts)
    )


def _by_actor(positions: tuple[ActorPosition, ...]) -> dict[str, ActorPosition]:
    return {p.actor: p for p in positions}


def test_most_quoted_actor_comes_first_with_verbatim_statements() -> None:
    analysis = _analysis(STRIKE)
    positions = who_thinks_what([analysis])
    assert positions[0].actor == "Irena Vasquel"
    text = analysis.article.text
    for position in positions:
        assert position.position in text
        for st in position.statements:
            assert text[st.evidence.start : st.evidence.end] == st.text
            sent = analysis.sentences[st.evidence.sentence_index]
            assert sent.start <= st.evidence.start < sent.end


def test_statements_carry_role_kind_and_channel() -> None:
    positions = _by_actor(who_thinks_what([_analysis(STRIKE)]))
    vasquel = positions["Irena Vasquel"]
    assert vasquel.role == "general secretary"
    assert {st.kind for st in vasquel.statements} >= {"direct", "indirect"}
    oskarsen = positions["Halvard Oskarsen"]
    (urged,) = oskarsen.statements
    assert urged.cue == "urged"
    assert urged.channel == "according to the state news agency VNA"
    assert "VNA" not in positions  # the agency is only the channel here


def test_rejection_becomes_a_disagreement() -> None:
    positions = _by_actor(who_thinks_what([_analysis(STRIKE)]))
    union = next(p for name, p in positions.items() if "Union" in name or name == "Union")
    (disagreement,) = union.disagrees_with
    assert disagreement.with_actor.lower() == "operators"
    assert disagreement.cue == "rejects"
    assert union.position.startswith("rejects the operators' claim")


def test_a_cue_opening_its_sentence_is_shown_in_lower_case() -> None:
    """ "Bemoaning the “phony system,” Trump …" (USA Today) showed "— Bemoaning": after the
    dash a cue is mid-sentence text, and its capital came only from opening the sentence."""
    holt = _by_actor(
        who_thinks_what(
            [_analysis("Lamenting the delays, Mayor Ina Holt said the bridge would reopen in May.")]
        )
    )["Ina Holt"]
    assert [st.cue for st in holt.statements] == ["lamenting", "said"]
    positions = _by_actor(
        who_thinks_what(
            [
                _analysis(
                    "The Valley Water Board said the plant would drain the river.\n\n"
                    "Rejecting the board's claim, Teravion Systems said the plant would recycle "
                    "its water."
                )
            ]
        )
    )
    (disagreement,) = positions["Teravion Systems"].disagrees_with
    assert disagreement.cue == "rejecting"


def test_story_merges_actors_by_canonical_name() -> None:
    first = _analysis("Chancellor Olaf Scholz said the budget would be balanced.")
    second = _analysis("Scholz said taxes would not rise this year.")
    positions = who_thinks_what([first, second])
    assert [p.actor for p in positions] == ["Olaf Scholz"]
    articles = {st.evidence.article_id for st in positions[0].statements}
    assert articles == {first.article.id, second.article.id}


def test_story_merges_a_body_named_in_full_by_its_acronym_and_with_a_us() -> None:
    first = _analysis("The CDC said masks would stay mandatory in hospitals.")
    second = _analysis(
        "The Centers for Disease Control and Prevention said clinics could reopen on Monday."
    )
    third = _analysis(
        "The US Centers for Disease Control and Prevention said vaccines would ship this week."
    )
    positions = who_thinks_what([first, second, third])
    assert [p.actor for p in positions] == ["US Centers for Disease Control and Prevention"]
    articles = {st.evidence.article_id for st in positions[0].statements}
    assert articles == {first.article.id, second.article.id, third.article.id}


def test_story_keeps_apart_bodies_whose_acronym_is_not_the_other_ones() -> None:
    first = _analysis("The CDC said masks would stay mandatory in hospitals.")
    second = _analysis("The Department of Health and Human Services said clinics could reopen.")
    positions = who_thinks_what([first, second])
    assert len(positions) == 2


def test_article_without_attributions_has_no_positions() -> None:
    assert who_thinks_what([_analysis("The bridge reopened on Monday after repairs.")]) == ()


CHIPS = "\n\n".join(
    [
        "MARLOW VALLEY - Teravion Systems said on Monday it would build a chip plant in the "
        "valley. The plant will employ 900 people, the company said.",
        'The Valley Water Board warned that the plant would drain the river. "They are taking '
        "our water,\" said Jonas Berg, the board's spokesman.",
        "Teravion rejects the criticism. Its chief executive, Daniela Moreno, said the plant would "
        'recycle its water, citing new filters, which she described as "the best on the market."',
    ]
)


def test_company_short_name_and_the_company_are_one_actor() -> None:
    positions = _by_actor(who_thinks_what([_analysis(CHIPS)]))
    assert "Teravion Systems" in positions
    assert not any("VALLEY" in name or name in ("Company", "Teravion") for name in positions)
    teravion = positions["Teravion Systems"]
    assert {st.cue for st in teravion.statements} >= {"said", "rejects"}


def test_criticism_is_rejected_against_the_critics_and_roles_carry_owners() -> None:
    positions = _by_actor(who_thinks_what([_analysis(CHIPS)]))
    (disagreement,) = positions["Teravion Systems"].disagrees_with
    assert disagreement.with_actor == "Valley Water Board"
    berg = positions["Jonas Berg"]
    assert (berg.role, berg.affiliation) == ("spokesman", "Valley Water Board")
    ruiz = positions["Daniela Moreno"]
    assert (ruiz.role, ruiz.affiliation) == ("chief executive", "Teravion Systems")
    # what she cites backs what she said: one statement, not "new filters — citing" beside it
    assert {st.cue for st in ruiz.statements} >= {"said"}
    assert "citing" not in {st.cue for st in ruiz.statements}
    assert any(st.how == "said, citing new filters" for st in ruiz.statements)
    assert all(st.text.lower() not in ("which", "that") for st in ruiz.statements)


def test_a_storys_position_is_the_actors_latest() -> None:
    """NeuS (Biden on impeachment): the story's position for Biden was Monday's "had reserved
    judgment, saying he supported the House's impeachment inquiry", not Wednesday's "said he
    supports the impeachment of President Trump"."""
    from datetime import UTC, datetime

    def dated(text: str, day: int) -> Analysis:
        analysis = _analysis(text)
        article = analysis.article.model_copy(
            update={"published": datetime(2024, 5, day, tzinfo=UTC)}
        )
        return analysis.model_copy(update={"article": article})

    monday = dated(
        "Senator Maria Lopez has reserved judgment on the dam. Lopez said she supported the"
        " inquiry into the dam and wanted to see what the facts showed.",
        6,
    )
    wednesday = dated(
        "Senator Maria Lopez said on Wednesday she now supports closing the dam for good.", 8
    )
    lopez = _by_actor(who_thinks_what([monday, wednesday]))["Maria Lopez"]
    assert "closing the dam" in lopez.position, lopez.position
    # one article alone: its most informative statement, as before
    alone = _by_actor(who_thinks_what([monday]))["Maria Lopez"]
    assert "inquiry" in alone.position


SURVEY = "\n\n".join(
    [
        "Ferry fares on the Selane crossing are the main worry of island residents, according to "
        "a new Harbor Institute survey.",
        "In the previous Harbor Institute survey, taken in May, housing costs topped the list of "
        "worries by 6 points.",
    ]
)


def test_a_preposition_cue_is_shown_with_the_source_it_opens() -> None:
    """PolNeAR (Politico poll): "… virtually tied — according to", "Clinton led Trump … — In":
    a bare "according to" or "In" tells a reader nothing; the source it opens does, as written
    (its sentence's capital lower-cased, without the participle after it), in an article's brief
    and in a story's."""
    analysis = _analysis(SURVEY)
    statements = [st for p in who_thinks_what([analysis]) for st in p.statements]
    assert [st.how for st in statements] == [
        "according to a new Harbor Institute survey",
        "in the previous Harbor Institute survey",
    ]
    text = analysis.article.text
    assert all(text[st.evidence.start : st.evidence.end] == st.text for st in statements)
    later = _analysis("Ferry fares rose again in June. The operator blamed fuel costs.")
    for brief in (
        compose_brief(analysis, Settings()),
        compose_story_brief([analysis, later]),
    ):
        out = render(brief, "md")
        assert "of island residents — according to a new Harbor Institute survey" in out, out
        assert "by 6 points — in the previous Harbor Institute survey " in out, out
        assert "survey, taken in May (" not in out and "survey, taken in May [" not in out


BRIDGE = "\n\n".join(
    [
        "The river authority closed the old bridge at Kessel on Friday.",
        '"The pillars are cracked," said Oona Falk, the chief engineer of the authority, '
        '"and the deck will not carry another winter."',
        '"Nobody crosses it now," Falk said. "Not even on foot."',
    ]
)


def test_a_quotation_its_reporting_clause_interrupts_is_one_statement() -> None:
    """“A,” said X, “B.”: the two pieces are one quotation, one statement, shown joined by an
    ellipsis where the reporting clause was, each piece verbatim, its evidence spanning both;
    “A,” X said. “B.”: two sentences, two statements."""
    analysis = _analysis(BRIDGE)
    falk = _by_actor(who_thinks_what([analysis]))["Oona Falk"]
    text = analysis.article.text
    assert [st.text for st in falk.statements] == [
        "The pillars are cracked … and the deck will not carry another winter.",
        "Nobody crosses it now",
        "Not even on foot.",
    ]
    joined = falk.statements[0]
    first, second = joined.text.split(" … ")
    span = text[joined.evidence.start : joined.evidence.end]
    assert span.startswith(first) and span.endswith(second)
    assert joined.evidence.sentence_index == 1
    out = render(compose_brief(analysis, Settings()), "md")
    assert '> "The pillars are cracked … and the deck will not carry another winter." — said' in out
    assert '"The pillars are cracked" — said' not in out


def test_words_of_the_reporter_between_quotations_keep_them_apart() -> None:
    """“A,” he said, adding that the deals went out “like candy.”; “A,” he said in a statement
    that called the sale “B.”; “A,” she sang to the crowd,
    asking them, “B?”; “A,” he said, adding later, “B.”: more than a reporting clause lies
    between the two quotations, or time, so no ellipsis may join them; “A,” said X, who chairs
    the board, “B.” is one quotation."""
    wiik = _analysis(
        "The harbour board met on Monday.\n\n"
        '"Permits should not be sold to the highest bidder," Aron Wiik said in a statement, '
        'adding that the board had handed them out "like free samples."\n\n'
        '"The fees stay," Ola Berg said, adding later, "The lamps stay too."\n\n'
        '"Nothing was hidden," Aron Wiik said in a statement that called the sale "a gift."'
    )
    dahl = _analysis(
        "The harbour board met on Monday.\n\n"
        '"Keep the lamps lit on the pier," the singer Karin Dahl sang to the crowd, asking '
        'them, "who will carry the lamp tonight?"\n\n'
        '"We will," said Ola Berg, who chairs the harbour board, "and we will carry it gladly."'
    )
    texts = {p.actor: [st.text for st in p.statements] for p in who_thinks_what([wiik])}
    assert not any(" … " in t for t in texts["Aron Wiik"]), texts
    assert texts["Ola Berg"] == ["The fees stay", "The lamps stay too."]
    texts = {p.actor: [st.text for st in p.statements] for p in who_thinks_what([dahl])}
    assert texts["Karin Dahl"] == [
        "Keep the lamps lit on the pier",
        "who will carry the lamp tonight?",
    ]
    assert texts["Ola Berg"] == ["We will … and we will carry it gladly."]


HARBOR_FEES = "\n\n".join(
    [
        "The Selane harbor board raised its fees on Monday.",
        "Shipping analysts said the fees had driven trade away from Selane, citing the rise of "
        "the northern ports.",
        'In a statement on Tuesday, the Selane Pilots Guild called the fees "a tax on bad '
        'weather," citing the storms of last winter.',
        "Citing a leaked memo, Senator Oren Halby accused the board of hiding the costs.",
        "The Tarven Port Authority closed its own harbor on Monday, citing a storm warning.",
    ]
)


def test_what_a_speaker_cites_goes_with_the_statement_it_backs() -> None:
    """ "X said A, citing B": B is the ground X gave for A, shown with A's cue ("said, citing
    B"), not as a second statement "B — citing"; with a channel of its own the statement keeps
    it ("called, in a statement, citing …"). A "citing" with nothing else its speaker said in
    the sentence is the only statement there, and stays one."""
    positions = _by_actor(who_thinks_what([_analysis(HARBOR_FEES)]))
    shown = {name: [(st.text, st.how) for st in p.statements] for name, p in positions.items()}
    assert shown["Shipping analysts"] == [
        (
            "the fees had driven trade away from Selane",
            "said, citing the rise of the northern ports",
        )
    ]
    assert shown["Selane Pilots Guild"] == [
        (
            'the fees "a tax on bad weather"',
            "called, in a statement, citing the storms of last winter",
        )
    ]
    assert shown["Oren Halby"] == [
        ("the board of hiding the costs", "accused, citing a leaked memo")
    ]
    assert positions["Shipping analysts"].position == "the fees had driven trade away from Selane"
    assert shown["Tarven Port Authority"] == [("a storm warning", "citing")]


def test_a_conjunction_opening_the_sentence_is_not_the_speakers() -> None:
    """ "But the board will keep the old fees, the mayor said": the "But" links the reporter's
    sentences; what the mayor said is "the board will keep the old fees" (its evidence starts
    there too). Inside a quotation the "But" is the speaker's own and stays."""
    analysis = _analysis(
        "The Selane harbor board raised its fees on Monday.\n\n"
        "But the board will keep the old fees for fishing boats, Mayor Ana Pirel said. "
        "And the pilots will be heard before the vote, she said.\n\n"
        '"But we will not wait for ever," Pirel added.'
    )
    pirel = _by_actor(who_thinks_what([analysis]))["Ana Pirel"]
    texts = [st.text for st in pirel.statements]
    assert texts == [
        "the board will keep the old fees for fishing boats",
        "the pilots will be heard before the vote",
        "But we will not wait for ever",
    ]
    text = analysis.article.text
    for st in pirel.statements:
        assert text[st.evidence.start : st.evidence.end] == st.text
    assert not pirel.position.startswith("But")


def test_a_surname_goes_to_the_full_name_a_story_mentions_far_more() -> None:
    """BP spill arc: "Hayward" stood apart from "Tony Hayward" (21 articles) because one
    article named an "H. Hayward" too."""
    texts = [
        "Tony Hayward, the ferry line's chief, said the fees were too high. Tony Hayward met "
        "the board on Monday, and Tony Hayward said he would appeal.",
        "Tony Hayward said the company would pay. Tony Hayward later said the line would "
        "cut two routes.",
        "Dock worker Ruth Hayward said the cuts would cost jobs.",
        "Hayward said the line would cut three routes, not two, the company said.",
    ]
    analyses = [analyze(article_from_text(t)) for t in texts]
    actors = [p.actor for p in who_thinks_what(analyses)]
    assert "Hayward" not in actors, actors
    assert {"Tony Hayward", "Ruth Hayward"} <= set(actors), actors
