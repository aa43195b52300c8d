"""Who Thinks What, class by class, on sentences written for these tests (real spaCy parse)."""

from __future__ import annotations

from newsbrief.analyze import analyze
from newsbrief.compose.perspectives import who_thinks_what
from newsbrief.ingest.text import article_from_text
from newsbrief.models import ActorPosition, Analysis


def _run(text: str) -> tuple[Analysis, tuple[ActorPosition, ...]]:
    analysis = analyze(article_from_text(text))
    return analysis, who_thinks_what([analysis])


def _by_name(positions: tuple[ActorPosition, ...]) -> dict[str, ActorPosition]:
    return {p.actor: p for p in positions}


def _position(text: str, actor: str) -> ActorPosition:
    """The position of this actor in the Who Thinks What of the text."""
    _, positions = _run(text)
    return _by_name(positions)[actor]


def _statements(text: str) -> list[str]:
    """The texts of all statements in the Who Thinks What of the text, in order."""
    _, positions = _run(text)
    return [s.text for p in positions for s in p.statements]


def test_according_to_content_is_not_the_agencys_title() -> None:
    _, positions = _run(
        "Prime Minister Karl Holm, according to the state agency Relnet, said talks with the "
        "miners would resume on Friday.\n\nThe strike is in its third week."
    )
    for pos in positions:
        assert not pos.position.startswith("Prime Minister"), (pos.actor, pos.position)
    holm = _by_name(positions)["Karl Holm"]
    assert holm.role == "prime minister"
    assert holm.statements[0].text == "talks with the miners would resume on Friday"
    assert holm.statements[0].channel is not None


def test_possessor_of_the_speaker_is_not_the_speaker() -> None:
    _, positions = _run(
        '"If Norland takes our water, Bressen will not sit still," said Bressen\'s Foreign '
        "Minister Ahmed Karimi, who led his country's delegation.\n\nThe talks lasted a week."
    )
    names = _by_name(positions)
    assert "Bressen" not in names and "Norland" not in names
    assert names["Ahmed Karimi"].statements[0].text.startswith("If Norland takes our water")


def test_speaker_after_said_is_found_when_the_parser_takes_it_for_an_object() -> None:
    lopez = _position(
        '"We have listened to every concern, and we will fill the reservoir on schedule," said '
        "Norland's Water Minister Maria Lopez after the talks ended.\n\nThe talks lasted a week.",
        "Maria Lopez",
    )
    assert lopez.statements[0].kind == "direct"
    assert lopez.statements[0].text.startswith("We have listened to every concern")


def test_aims_and_plans_are_not_statements() -> None:
    analysis, positions = _run(
        "The state rail company seeks to double freight traffic by 2030. The ministry aims to "
        "cut emissions by half, and the union plans to hold a strike vote next week.\n\n"
        "Union leader Mia Rask said the vote would be held on Thursday."
    )
    cues = {s.cue.lower() for p in positions for s in p.statements}
    assert cues == {"said"}
    assert any(a.cue in ("seeks", "aims", "plans") for a in analysis.attributions)  # still scored


def test_relative_clause_rejection_links_a_disagreement() -> None:
    _, positions = _run(
        "The government says the new mine is safe for the river, which the opposition disputes, "
        "saying that no study of the water table has been published.\n\nThe vote is on Friday."
    )
    names = _by_name(positions)
    opposition = names["Opposition"]
    assert [d.with_actor for d in opposition.disagrees_with] == ["Government"]
    assert opposition.statements[0].text.startswith("no study of the water table")
    government = names["Government"]
    assert government.statements[0].text == "the new mine is safe for the river"


def test_relative_rejection_without_saying_takes_the_claim() -> None:
    analysts = _position(
        "The company said its profits had doubled, a claim which analysts have questioned.\n\n"
        "Shares rose 3 percent.",
        "Analysts",
    )
    questioned = analysts.statements[0]
    assert (questioned.text, questioned.stance) == ("its profits had doubled", "oppose")
    assert analysts.position.startswith("have questioned")


def test_full_name_and_surname_are_one_person() -> None:
    _, positions = _run(
        "Water Minister Maria Lopez said the reservoir would be filled slowly.\n\n"
        "Ms. Lopez added that Norland was open to talks. Lopez later told reporters that the door "
        "remained open."
    )
    assert [p.actor for p in positions] == ["Maria Lopez"]
    assert len(positions[0].statements) == 3


def test_fragments_and_refusals_are_not_statements() -> None:
    texts = _statements(
        "Minister Ana Berg met the miners on Monday. Berg said the mine would stay open, "
        "but she did not say how it would be paid for.\n\n"
        "A spokesman for the owner, Tomas Lind, declined to comment."
    )
    assert texts == ["the mine would stay open"]


def test_no_comment_and_bare_pronouns_are_not_statements() -> None:
    texts = _statements(
        "Mayor Ana Berg said the bridge would reopen in May. Berg did not immediately respond to "
        "requests for comment on the cost.\n\nThe bridge closed in 2019. It was first declared "
        "unsafe by engineers, Berg said."
    )
    assert "the bridge would reopen in May" in texts
    assert not any("requests for comment" in t for t in texts)
    assert not any(t.strip().lower() in ("it", "they") for t in texts)


def test_a_place_named_in_the_source_is_not_the_speaker() -> None:
    _, positions = _run(
        "Residents in Trell said the clinic must stay open.\n\nThe board meets on Friday."
    )
    assert [p.actor for p in positions] == ["Residents"]


def test_a_quoted_title_of_a_work_is_not_a_position() -> None:
    statements = _statements(
        "“American Skin (41 Shots)” was written by Springsteen after the 1999 shooting death "
        "of Amadou Diallo. Springsteen said the song was about fear on both sides."
    )
    assert not any("American Skin" in s for s in statements), statements
    assert any("fear on both sides" in s for s in statements), statements


def test_a_refusal_to_act_is_not_a_statement() -> None:
    statements = _statements(
        "The Arden council released the figures on Saturday, after months in which Mayor Ruth "
        "Calder declined to make that information public. Calder said the numbers showed real "
        "progress."
    )
    assert not any("make that information public" in s for s in statements), statements
    assert any("real progress" in s for s in statements), statements


def test_a_position_leaves_out_the_auxiliary_and_adverbs_of_a_verb_of_saying() -> None:
    """ "had previously said the bridge …": the position is what was said; an adverb that
    judges the words ("has never said") stays with them."""
    said = _position(
        "Mayor Ruth Calder had previously said the bridge would reopen in May.\n\n"
        "The council meets on Friday.",
        "Ruth Calder",
    )
    assert said.position == "the bridge would reopen in May"
    assert said.statements[0].cue == "had previously said"
    never = _position(
        "Mayor Ruth Calder has never said the bridge would reopen in May.\n\n"
        "The council meets on Friday.",
        "Ruth Calder",
    )
    assert never.position == "has never said the bridge would reopen in May"


def test_told_an_outlet_shows_once_and_the_outlet_keeps_its_own_report() -> None:
    """ "told The Washington Post that …" reads "— told The Washington Post" (not "told, told
    …"), and the Post's own report later is the Post's, not a document the teller wrote."""
    _, positions = _run(
        "Jason Lind, a spokesman for the campaign, told The Washington Post that the plan would "
        "cover single mothers. The Post reported that the plan was vague."
    )
    lind = _by_name(positions)["Jason Lind"]
    assert [s.how for s in lind.statements] == ["told The Washington Post"]
    assert all("vague" not in s.text for s in lind.statements)


def test_she_and_he_say_what_their_own_gender_says() -> None:
    """ "She" is never a man the article names as one (here by his first name), "he" never a
    woman: each quote goes to the nearest speaker of the pronoun's gender."""
    _, positions = _run(
        "Melanie Rusk watched the town meeting on television with her neighbor.\n\n"
        "Mayor Donald Feld stepped up to the microphone and thanked the volunteers.\n\n"
        "“There he is,” she said.\n\n"
        "Feld promised to reopen the library by spring.\n\n"
        "“We will not let you down,” he said.\n\n"
        "“He means it,” Rusk said. “He really does.”"
    )
    names = _by_name(positions)
    said_by = {s.text: name for name, p in names.items() for s in p.statements}
    assert said_by.get("There he is") == "Melanie Rusk", said_by
    assert said_by.get("We will not let you down") == "Donald Feld", said_by


def test_a_channel_after_the_speaker_is_no_statement() -> None:
    """ "…, the port minister, Aiko Sato, said, according to Kyodo." is one statement that came
    through Kyodo, not also "according to Kyodo" as something she said."""
    sato = _position(
        "Divers found rust on three of the piles, the port minister, Aiko Sato, said, according"
        " to Kyodo.\n\nThe pier will stay closed until the repairs are done.",
        "Aiko Sato",
    )
    assert [(s.text, s.how) for s in sato.statements] == [
        ("Divers found rust on three of the piles", "said, according to Kyodo")
    ]
    assert sato.position == "Divers found rust on three of the piles"


def test_a_topic_being_discussed_is_not_a_position() -> None:
    """ "was discussing ferry subsidies" says what Berg talked about, not what he thinks."""
    berg = _position(
        "Councillor Tomas Berg was discussing ferry subsidies for island residents at a town hall"
        " on Thursday.\n\nBerg later said the mayor had ignored the islanders for years.",
        "Tomas Berg",
    )
    assert [s.text for s in berg.statements] == ["the mayor had ignored the islanders for years"]
    assert berg.position == "the mayor had ignored the islanders for years"


def test_a_quotation_ends_without_the_comma_that_joined_it_to_its_reporting_clause() -> None:
    """ "set fees “in line with their tonnage,” the Post reported" showed the comma inside the
    closing mark: it only led on to the reporting clause. The statement (and the position made
    of it) ends "…tonnage”"; its evidence still runs to the closing mark, the comma being the
    one character of it the text leaves out."""
    analysis, positions = _run(
        "The harbour council met in Brenna on Tuesday.\n\n"
        "Mayor Ilse Dunmore said the town would widen the quay and that ferries should pay "
        '"in line with their tonnage," the Brenna Post reported.\n\n'
        "“We will not sign a deal that ignores the fishermen,” Dunmore said."
    )
    dunmore = _by_name(positions)["Ilse Dunmore"]
    texts = [s.text for s in dunmore.statements]
    assert texts == [
        'the town would widen the quay and that ferries should pay "in line with their tonnage"',
        "We will not sign a deal that ignores the fishermen",
    ]
    assert not dunmore.position.endswith(',"')
    mixed = dunmore.statements[0]
    source = analysis.article.text[mixed.evidence.start : mixed.evidence.end]
    assert source == mixed.text[:-1] + ',"'


def test_words_that_introduce_a_quotation_with_a_colon_are_not_the_statement() -> None:
    """ "X scolded him: “…,” she said" showed "X scolded him: “…”" as what she said: the
    words before the colon introduce the quotation, and only the quoted words are the
    statement, whether the parser hung the lead-in on the quotation ("told him plainly:")
    or the quotation on the lead-in's verb ("rebuked him:")."""
    told = _position(
        "The port authority held a hearing on Monday.\n\n"
        'Councillor Maren Voss told him plainly: "The board is united against you," she said.',
        "Councillor Maren Voss",
    )
    assert [s.text for s in told.statements] == ["The board is united against you"]
    rebuked = _position(
        "The port authority held a hearing on Monday.\n\n"
        "Councillor Maren Voss (Harbour Party) rebuked him: “The whole board is united against "
        "you on the fees you keep raising,” she said. “Nobody here believes the dredging will "
        "pay for itself.”",
        "Councillor Maren Voss",
    )
    assert [(s.kind, s.cue, s.text) for s in rebuked.statements] == [
        ("direct", "rebuked", "The whole board is united against you on the fees you keep raising"),
        # the quotation after the reporting clause runs on from it, not from the lead-in
        ("direct", "said", "Nobody here believes the dredging will pay for itself."),
    ]


def test_a_line_in_capitals_is_no_statement_but_a_quoted_one_is() -> None:
    """ "EVEN KELL’S TREASURER THINKS SHE’S OUT OF HER DEPTH — The city's own treasurer …": a
    run-in head set in capitals showed as Kell's statement ("SHE’S OUT OF HER DEPTH —
    THINKS"); display type is nobody's words. A quoted post in capitals is, and stays."""
    texts = _statements(
        "Mayor Ruth Kell defended her budget before the city council on Tuesday.\n\n"
        "EVEN KELL’S TREASURER THINKS SHE’S OUT OF HER DEPTH — The city's own treasurer "
        "raised doubts about the plan in a memo to the council.\n\n"
        "Councillor Pia Strand wrote on Twitter: “KELL SAYS THE BUDGET WORKS. IT IS A FANTASY "
        "AND EVERYONE KNOWS IT!”\n\n"
        "KELL INSISTS THE NUMBERS ADD UP — Kell told reporters the budget was sound."
    )
    assert "KELL SAYS THE BUDGET WORKS. IT IS A FANTASY AND EVERYONE KNOWS IT!" in texts
    assert "the budget was sound" in texts
    assert not [t for t in texts if "DEPTH" in t or "ADD UP" in t], texts


def test_a_chain_of_verbs_is_one_statement_cued_by_the_whole_chain() -> None:
    """ "has steadfastly refused to disclose …", "seems to think …": the finder reads the chain
    as its first verb over the rest and as the whole chain over the innermost words; the actor
    says it once, cued by the whole chain."""
    position = _position(
        "Mayor Ruth Calder has steadfastly refused to disclose the audit of the bridge contract."
        " Her rival, Tomas Brandt, said the audit would show waste. Calder has friends on the"
        " board and seems to think the rules do not apply to her.",
        "Ruth Calder",
    )
    shown = [(s.text, s.cue) for s in position.statements]
    assert shown == [
        ("the audit of the bridge contract", "has steadfastly refused to disclose"),
        ("the rules do not apply to her", "seems to think"),
    ], shown
