"""Speakers known by a description: who speaks when the words name someone else too.

Found reading briefs of PolNeAR dev articles (Politico on a former DNC chairman, USA Today on a
member of a House panel, the Washington Post on North Korea's nuclear test), each rebuilt here on
a short text of our own with the same shape."""

from __future__ import annotations

from newsbrief.analyze import analyze
from newsbrief.ingest import article_from_text
from newsbrief.models import Analysis, Attribution


def _analysis(text: str) -> Analysis:
    return analyze(article_from_text(text))


def _speaker(analysis: Analysis, att: Attribution) -> str | None:
    names = {a.id: a.name for a in analysis.actors}
    return names.get(att.actor_id or "")


def _said(analysis: Analysis, words: str) -> Attribution:
    return next(a for a in analysis.attributions if words in a.content)


def test_a_spokesman_named_after_his_candidate_speaks_himself() -> None:
    """Politico: "“… she’ll be out there campaigning …,” Clinton campaign spokesman Brian
    Fallon said" was Clinton's own position, about herself."""
    analysis = _analysis(
        "Candidate rests after diagnosis\n\nMaria Lindqvist spent Monday at home after her"
        " diagnosis. “I think by the middle of the week she’ll be out there campaigning as"
        " aggressively as ever,” Lindqvist campaign spokesman Tomas Berg said on Monday."
    )
    att = _said(analysis, "campaigning")
    assert _speaker(analysis, att) == "Tomas Berg", analysis.actors
    berg = next(a for a in analysis.actors if a.name == "Tomas Berg")
    assert berg.role == "Lindqvist campaign spokesman", berg


def test_a_former_chairman_of_a_body_does_not_speak_for_it() -> None:
    """Politico: "Former DNC chairman calls for …" and "A former Democratic National Committee
    chairman says …" were the DNC's (and the Rules Committee's) positions. A former officer
    speaks for themself; the headline's acronym and the lead's full name are one description."""
    analysis = _analysis(
        "Former HPC chairman calls for contingency plan\n\nA former Halvern People's Congress"
        " chairman says the party's leaders should immediately come up with a process to"
        " identify a successor candidate. The Halvern People's Congress has not commented."
    )
    says = _said(analysis, "the party's leaders")
    calls = next(a for a in analysis.attributions if a.cue.startswith("calls"))
    speaker = _speaker(analysis, says)
    assert speaker is not None and speaker.lower().startswith("former"), analysis.actors
    assert "Congress" not in speaker and _speaker(analysis, calls) == speaker, analysis.actors


def test_a_former_administration_official_is_not_the_president() -> None:
    """ "A former Obama administration official said …" was Obama's position."""
    analysis = _analysis(
        "Sanctions questioned\n\nA former Lindqvist administration official said the sanctions"
        " would not work against Norland. Officials in Norland declined to comment on Friday."
    )
    speaker = _speaker(analysis, _said(analysis, "sanctions would not work"))
    assert speaker == "Former Lindqvist administration official", analysis.actors


def test_an_official_speaks_for_the_body_through_a_channel() -> None:
    """An administration official's or a company spokesman's words are the body's, and the
    brief says through whom they came (before: "### Obama", no channel)."""
    analysis = _analysis(
        "Drug maker to publish data\n\nMaria Lindqvist met the company's chiefs on Monday. A"
        " spokesman for Pfizer said the company would publish the data this month. A"
        " Lindqvist administration official said the review would take weeks."
    )
    pfizer = _said(analysis, "publish the data")
    assert _speaker(analysis, pfizer) == "Pfizer"
    assert pfizer.channel == "through a spokesman for Pfizer", pfizer
    review = _said(analysis, "review would take weeks")
    assert _speaker(analysis, review) == "Lindqvist administration", analysis.actors
    assert review.channel == "through a Lindqvist administration official", review


def test_one_member_of_a_body_is_not_the_body() -> None:
    """USA Today: "Member of House panel says U.S. has to keep Moscow out of elections" was the
    House's position."""
    analysis = _analysis(
        "Vote count questioned\n\nA member of the Halvern Intelligence Committee said the hack"
        " was carried out by Norland. The committee has been looking into the hack for months,"
        " and its report is expected before the election in November."
    )
    speaker = _speaker(analysis, _said(analysis, "carried out by Norland"))
    assert speaker == "Member of the Halvern Intelligence Committee", analysis.actors


def test_a_title_names_the_whole_country() -> None:
    """Washington Post: "South Korean President Park Geun-hye" was "(president, South)"."""
    analysis = _analysis(
        "Leaders condemn test\n\nSouth Korean President Anna Berg said the North's leader was"
        " reckless. North Korean state media called the claim a lie on Saturday."
    )
    berg = next(a for a in analysis.actors if a.name == "Anna Berg")
    assert (berg.role, berg.affiliation) == ("president", "South Korea"), berg


def test_the_council_with_or_without_its_union_is_one_actor() -> None:
    """Washington Post: "United Nations Security Council", "the Security Council" and "U.N.
    Security Council" were three actors; "the U.N." itself stays apart."""
    analysis = _analysis(
        "Council condemns test\n\nThe United Nations Security Council on Friday condemned"
        " Norland's latest test. The Security Council said it would begin work on new"
        " measures immediately. The U.N. Security Council imposed sanctions in March. The U.N.,"
        " which imposed sanctions before, called an emergency meeting on Saturday."
    )
    councils = [a for a in analysis.actors if "Council" in a.name]
    assert len(councils) == 1, analysis.actors
    cond = next(a for a in analysis.attributions if a.cue.startswith("condemned"))
    measures = _said(analysis, "new measures")
    assert cond.actor_id == measures.actor_id == councils[0].id
    meeting = next(a for a in analysis.attributions if a.cue == "called")
    assert meeting.actor_id != councils[0].id, analysis.actors


def test_what_someone_declined_to_declare_is_not_their_statement() -> None:
    """USA Today: "the president declined to threaten Moscow or even directly declare it
    responsible" made the president say "it responsible"."""
    analysis = _analysis(
        "President holds back\n\nThe hack of the party's computers has been traced to Norland."
        " This week, the president declined to threaten Norland or even directly declare it"
        " responsible for the hack. He met Norland's leader on Monday."
    )
    assert not [a for a in analysis.attributions if "declare" in a.cue], analysis.attributions


def test_what_someone_declined_to_do_leaves_what_they_say_besides() -> None:
    """ "declined to comment but say privately that …": the parser joins "say" to "declined"
    as it joined "declare" above; this one is a statement of its own."""
    analysis = _analysis(
        "Deal near\n\nOfficials at the ministry declined to comment but say privately that the"
        " deal is close to being signed. The talks have gone on for months."
    )
    say = _said(analysis, "the deal is close")
    assert say.cue.startswith("say"), say


def test_the_channel_names_who_spoke_without_their_apposition() -> None:
    """NYT (EB-5 visas): "Officials at Homeland Security Investigations, a division of
    Immigration and Customs Enforcement, said …" gave the channel "through Officials at …,
    a division of Immigration and Customs Enforcement,"."""
    analysis = _analysis(
        "Visa program questioned\n\nOfficials at the Halvern Border Office, a division of the"
        " Halvern Interior Ministry, said they were concerned about forged documents. The"
        " program expires in September unless lawmakers renew it."
    )
    said = _said(analysis, "forged documents")
    assert said.channel is not None and said.channel.startswith("through officials at"), said
    assert "division" not in said.channel, said


def test_an_outlet_written_in_capitals_is_the_outlet() -> None:
    """USA Today (super PAC donations): "A USA TODAY analysis … shows …" was given to "USA", a
    country (the model tags "USA" a place and leaves "TODAY" out); the USA itself stays one."""
    analysis = _analysis(
        "Donors surge\n\nSuper PAC donations have passed the $1 billion mark. A USA TODAY"
        " analysis of super PACs shows Democratic groups outpacing Republicans in recent weeks."
        " Delegates from the USA met in Geneva on Monday."
    )
    shows = _said(analysis, "outpacing")
    kinds = {a.id: (a.name, a.kind) for a in analysis.actors}
    assert kinds.get(shows.actor_id or "") == ("USA TODAY", "media"), kinds
    assert ("USA", "country") in kinds.values(), kinds


def test_experts_on_a_country_speak_for_themselves() -> None:
    """Washington Post: "Experts on North Korea and nuclear nonproliferation said the latest
    nuclear test could change that" was North Korea's position."""
    analysis = _analysis(
        "Norland tests a missile\n\nNorland launched its longest-range missile yet on Friday."
        " Experts on Norland and missile defence said the launch could change the election"
        " campaign."
    )
    att = _said(analysis, "change the election")
    assert _speaker(analysis, att) != "Norland", analysis.actors


def test_they_is_not_a_country_named_before() -> None:
    """Washington Post: after "… if North Korea conducted another test", the council members'
    "“…,” they said" went to North Korea. A country is "it"; "they" looks further, to the
    council, which issued the statement the sentence before speaks of."""
    analysis = _analysis(
        "Council condemns test\n\nThe Security Council issued a statement condemning the test."
        " The statement noted that the council had warned of further measures if Peru"
        " conducted another test. “The members of the council will begin work on appropriate"
        " measures at once,” they said."
    )
    att = _said(analysis, "appropriate measures")
    assert _speaker(analysis, att) == "Security Council", analysis.actors
    # "The statement noted …" is the council's too: the document is no actor of its own
    assert _speaker(analysis, _said(analysis, "further measures if")) == "Security Council"
    assert "Statement" not in {a.name for a in analysis.actors}


def test_they_in_the_same_sentence_is_its_subject() -> None:
    """NYT (EB-5 visas): "Proponents, including the United States Conference of Mayors, have
    urged Congress to leave the program intact, although they say they support some of the
    changes" gave "they" to Congress, the nearer plural, not to the proponents."""
    analysis = _analysis(
        "Dam levy up for renewal\n\nThe levy expires next month. Supporters, including the"
        " Norland Farmers Union, have urged Parliament to keep the levy, although they say they"
        " support some of the changes ministers are expected to propose."
    )
    att = _said(analysis, "support some of the changes")
    assert _speaker(analysis, att) == "Supporters", analysis.actors


def test_a_word_asked_on_its_own_is_no_one() -> None:
    """NYT (college savings): "Harsh? He doesn't think so. “I don't judge …,” he said." made
    "Harsh" a person, and the adviser's words his."""
    analysis = _analysis(
        "Saving for college\n\nFinancial adviser Tomas Berg suggests cutting what you spend on"
        " your card each month. Harsh? He doesn't think so. “I don't judge what people choose to"
        " spend money on,” he said."
    )
    assert "Harsh" not in {a.name for a in analysis.actors}, analysis.actors
    assert _speaker(analysis, _said(analysis, "judge what people")) == "Tomas Berg"


def test_a_country_after_a_located_city_is_where_the_speakers_are() -> None:
    """NeuS (Kabul evacuations): "two dozen diplomats at the U.S. Embassy in Kabul,
    Afghanistan, warned about …" was Afghanistan's warning."""
    analysis = _analysis(
        "Diplomats warned of collapse\n\nLast month, two dozen diplomats at the embassy in"
        " Lima, Peru, warned about the possibility of a collapse of the government, according"
        " to a source familiar with the cable."
    )
    att = _said(analysis, "possibility of a collapse")
    assert _speaker(analysis, att) not in ("Peru", "Lima"), analysis.actors


def test_a_source_name_ends_at_the_comma_before_its_clause() -> None:
    """Western Journal: "According to a new report by Politico, Democratic party insiders are
    …": the model ran the outlet and the next clause's first words together as one
    organization, and the words went to an actor called "New report"."""
    analysis = _analysis(
        "Turnout drive\n\nAccording to a recent report by Politico, Green party organizers are"
        " trying to reach young voters in the port city before the vote."
    )
    assert _speaker(analysis, _said(analysis, "organizers are trying")) == "Politico"


def test_he_after_a_person_presented_with_a_title_is_that_person() -> None:
    """Western Journal: "While Obama had … songs about him, that has not been happening for
    Clinton, which is something that concerns Henry Crespo, president of the … Caucus. “No one
    is writing songs for Hillary …,” he said." went to Obama, the subject of the "while"
    clause."""
    analysis = _analysis(
        "Harbor vote\n\nWhile Tomas Berg drew large crowds at every stop, that has not happened"
        " for the new mayor, which is something that worries Anders Lund, president of the"
        " Northport Dockworkers Guild.\n\n“Nobody is turning up for her rallies. Berg filled"
        " the square,” he said."
    )
    assert _speaker(analysis, _said(analysis, "Nobody is turning up")) == "Anders Lund"


def test_he_stays_with_the_subject_who_acts_on_a_titled_person() -> None:
    """The other side of that rule: when the sentence's own subject is a person, the titled
    person it acts on is not who speaks next."""
    analysis = _analysis(
        "Harbor vote\n\nTomas Berg criticized the plan put forward by Anders Lund, president of"
        " the Northport Dockworkers Guild.\n\n“The plan does nothing for the harbor,” he said."
    )
    assert _speaker(analysis, _said(analysis, "does nothing for")) == "Tomas Berg"


def test_a_participle_before_a_trailing_reporter_is_the_clause_subjects() -> None:
    """NeuS (Crenshaw and Duckworth): "Crenshaw … was discussing …, accusing her of supporting
    the “destruction of America,” The Washington Post first reported" made the Post the
    accuser."""
    analysis = _analysis(
        "Harbor row\n\nTomas Berg criticized the ferry plan at a rally on Thursday, accusing"
        " Anders Lund of lying to voters, the Northport Gazette reported."
    )
    accusing = next(a for a in analysis.attributions if a.cue == "accusing")
    assert _speaker(analysis, accusing) == "Tomas Berg", analysis.attributions


def test_a_persons_supporters_and_critics_speak_for_themselves() -> None:
    """USA Today: "Many of his supporters believe bigotry and xenophobia are acceptable" was
    Donald Trump's belief. The people someone has (supporters, critics, surrogates) are a group
    of their own, named by whose they are; "his spokesman" and "his lawyer" still speak for
    him."""
    analysis = _analysis(
        "Harbor vote\n\nSenator Tomas Berg held a rally in Northport on Monday. Many of his"
        " supporters believe the ferry tax is unfair. Berg's critics said the rally was"
        " half empty. His surrogates called the plan a triumph. His spokesman said the senator"
        " would speak again on Friday. His lawyer said the complaint had no merit."
    )
    supporters = _speaker(analysis, _said(analysis, "ferry tax"))
    assert supporters == "Tomas Berg's supporters", analysis.attributions
    assert _speaker(analysis, _said(analysis, "half empty")) == "Berg's critics"
    assert _speaker(analysis, _said(analysis, "a triumph")) == "Tomas Berg's surrogates"
    assert _speaker(analysis, _said(analysis, "speak again")) == "Tomas Berg"
    assert _speaker(analysis, _said(analysis, "no merit")) == "Tomas Berg"


def test_a_persons_campaign_speaks_as_a_body_of_its_own() -> None:
    """Breitbart: "Donald Trump’s campaign is defending his early-morning tweets" and
    "Clinton’s campaign is seeking to contrast her approach" were the candidates' own words;
    the campaign is the body "the Trump campaign" names, and "the campaign" after it."""
    analysis = _analysis(
        "Harbor race\n\nMaria Lindqvist toured the docks on Monday. Lindqvist’s campaign said"
        " she would return in May. A new ad from Tomas Berg’s presidential campaign mocks the"
        " tour. The campaign says the ad will air nationally."
    )
    assert _speaker(analysis, _said(analysis, "return in May")) == "Lindqvist campaign"
    assert _speaker(analysis, _said(analysis, "air nationally")) == "Berg campaign"


def test_a_nominee_and_his_aides_are_not_the_moderator_named_before() -> None:
    """USA Today: "Trump has had kinder words for Chris Wallace of Fox News, who will moderate
    the third and final debate …. The Republican nominee and his aides haven't said much about
    how he is preparing" was Wallace's. "His" is the nominee's, and the nominee is the one
    person who had acted when "The Republican presidential nominee" first stood for him."""
    analysis = _analysis(
        "Debate nerves\n\nDana Whitfield isn't saying much about the debate.\n\nThe Republican"
        " presidential nominee has wondered whether the moderators will be fair to him.\n\n"
        "“It's a rigged system,” Whitfield told the Daily Ledger this week.\n\nWhitfield has"
        " had kinder words for Paul Renner, who will moderate the final debate.\n\nThe"
        " Republican nominee and his aides haven't said much about how he is preparing for the"
        " debate."
    )
    assert _speaker(analysis, _said(analysis, "how he is preparing")) == "Dana Whitfield"
    assert _speaker(analysis, _said(analysis, "moderators will be fair")) == "Dana Whitfield"


def test_a_nominee_is_not_the_only_person_named_when_that_person_has_another_title() -> None:
    """Politico: "Manhattan Supreme Court Justice Frank Nervo rejected that argument …. The GOP
    presidential nominee argued that …" must not make the judge the nominee."""
    analysis = _analysis(
        "Files stay sealed\n\nNorthport Superior Court Justice Anna Vik rejected the request"
        " on Thursday. The GOP presidential nominee argued that the files should stay closed."
    )
    assert _speaker(analysis, _said(analysis, "files should stay")) != "Anna Vik"


def test_a_named_spokesperson_speaks_without_a_channel() -> None:
    """ "A spokesperson for the foreign ministry, Anton Sorby, denied …" showed Sorby's words as
    come "through a spokesperson for …": he is that spokesperson; no one spoke through him."""
    analysis = _analysis(
        "Cranes to restart\n\nThe harbour was quiet on Thursday. A spokeswoman for the Kessel"
        " port authority, Lene Aas, said the cranes would run again on Friday."
    )
    att = _said(analysis, "cranes would run again")
    assert _speaker(analysis, att) == "Lene Aas", analysis.actors
    assert att.channel is None, att


def test_a_role_noun_a_place_modifies_is_the_person_not_the_place() -> None:
    """Politico: "…, the Vermont senator acknowledged that there are still “some people” who
    feel that way" was credited to Vermont: the senator had no recorded role, the "the
    senator" rule left a role noun with a place before it alone, and two people had acted. The
    person mentioned last before it who may be the senator is."""
    analysis = _analysis(
        "Senator on the road\n\nDana Whitfield toured a sawmill near Eugene on Monday. Paul"
        " Renner, who owns the mill, said orders were rising again. Asked whether Whitfield still"
        " hears anger among her supporters, the Oregon senator conceded that some people still"
        " feel that way."
    )
    assert _speaker(analysis, _said(analysis, "some people still")) == "Dana Whitfield"


def test_a_place_and_a_party_member_is_the_person_not_the_place() -> None:
    """ "the Texas Republican said" was Texas's statement."""
    analysis = _analysis(
        "Bill advances\n\nRep. Carl Mott spoke to reporters on Monday. The Texas Republican said"
        " the bill would pass."
    )
    assert _speaker(analysis, _said(analysis, "bill would pass")) == "Carl Mott"


def test_a_placed_role_is_not_a_person_holding_another_office() -> None:
    """A governor is not "the Oregon senator", nor is the state: when no one the article names
    may be meant, the description itself speaks."""
    analysis = _analysis(
        "Budget fight\n\nGov. Ann Ross opened the session on Monday. Ross said the budget was"
        " balanced. The Oregon senator said the numbers did not add up."
    )
    assert _speaker(analysis, _said(analysis, "did not add up")) == "Oregon senator"


def test_a_placed_role_is_the_holder_from_that_place() -> None:
    """Of two senators, "the Vermont senator" is the one a party tag puts in Vermont, not the
    one named last."""
    analysis = _analysis(
        "Hearing ends\n\nSen. Amy Lee (D-Vt.) opened the hearing on Monday. Sen. Bo Park (R-Ohio)"
        " questioned the witness. The Vermont senator said the answers were not good enough."
    )
    assert _speaker(analysis, _said(analysis, "not good enough")) == "Amy Lee"
