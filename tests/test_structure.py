"""Text structure: paragraphs per line, the article's own subheads, furniture, boilerplate."""

from __future__ import annotations

import pytest

from newsbrief.ingest.boilerplate import is_boilerplate
from newsbrief.ingest.structure import structure
from newsbrief.ingest.text import article_from_text, normalize_text


def _kinds(text: str) -> list[tuple[str, str]]:
    text = normalize_text(text)
    spans, kinds = structure(text)
    return [(k, text[s.start : s.end]) for s, k in zip(spans, kinds, strict=True)]


PER_LINE = (
    "By Jane Doe\n"
    "ESKAR, Norland, March 18\n"
    "Talks between Norland and its neighbours over the giant river dam broke down on Monday.\n"
    "Negotiators met for three days in the capital but could not agree on the water release.\n"
    "Photo: The Orvan dam under construction near Eskar. (AP Photo/Lena Hart)\n"
    "Economic Fallout\n"
    "The dam is expected to double Norland's electricity output by the end of the decade.\n"
    "https://www.example.com/world/orvan-dam-talks\n"
)


def test_one_paragraph_per_line_with_subheads_and_furniture() -> None:
    assert _kinds(PER_LINE) == [
        ("byline", "By Jane Doe"),
        ("dateline", "ESKAR, Norland, March 18"),
        ("body", PER_LINE.split("\n")[2]),
        ("body", PER_LINE.split("\n")[3]),
        ("caption", PER_LINE.split("\n")[4]),
        ("subhead", "Economic Fallout"),
        ("body", PER_LINE.split("\n")[6]),
        ("url", "https://www.example.com/world/orvan-dam-talks"),
    ]


def test_hard_wrapped_paragraph_stays_one() -> None:
    text = (
        "The strike, called by the dock workers' union, marks the first full\n"
        "stoppage at the port in more than a decade. Cranes stood idle along the\n"
        "eastern quays on Tuesday morning, and ships waited offshore for berths.\n"
    )
    assert [k for k, _ in _kinds(text)] == ["body"]


def test_subhead_written_straight_above_its_paragraph() -> None:
    text = (
        "The talks collapsed on Monday after three days in the capital.\n\n"
        "What Comes Next\n"
        "Both sides are expected to meet again later this week, officials said,\n"
        "though neither has signalled a change of position.\n"
    )
    kinds = _kinds(text)
    assert [k for k, _ in kinds] == ["body", "subhead", "body"]
    assert kinds[1][1] == "What Comes Next"


def test_a_short_last_line_is_not_a_subhead() -> None:
    text = "The talks collapsed on Monday after three days.\n\nMore Talks Expected"
    assert [k for k, _ in _kinds(text)] == ["body", "body"]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("By Jane Doe", "byline"),
        ("By JANE DOE and Tom Reed, Meridian Press Agency", "byline"),
        ("Additional reporting by Joseph Hudak", "byline"),
        ("5:45 AM PST 11/19/2019 by Patrick Shanley", "byline"),
        ("Photo: Workers at the port on Tuesday.", "caption"),
        ("Cranes stand idle at Port Selane on Tuesday. (AP Photo/Lena Hart)", "caption"),
        ("Dockworkers march to the terminal gate (Reuters/Ana Ruiz)", "caption"),
        ("A ship waits offshore. Photograph: Lena Hart", "caption"),
        ("The empty terminal at dawn (file photo)", "caption"),
        ("Dockworkers outside the terminal gate / Getty Images", "caption"),
        ("The port of Selane at night Shutterstock", "caption"),
    ],
)
def test_bylines_and_captions(line: str, kind: str) -> None:
    assert _kinds(f"{line}\n\nThe talks collapsed on Monday after three long days.")[0][0] == kind


def test_a_sentence_starting_with_by_is_body() -> None:
    text = "By Monday the talks had collapsed.\n\nThe union said it would strike."
    assert [k for k, _ in _kinds(text)] == ["body", "body"]


@pytest.mark.parametrize(
    "line",
    [
        "Like this story? Share it with a friend!",
        "Also on Meridian: Drought forces rationing in three cities",
        "Read more",
        "Read more: Drought forces rationing in three cities",
        "Sign up for our newsletter",
        "Subscribe to the Morning Review newsletter",
        "Click here to get the latest updates.",
        "Follow us on Twitter and Facebook",
        "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
        "All rights reserved.",
        "© 2024 Meridian Press Agency. All rights reserved.",
        "Advertisement",
        "Story continues below advertisement",
        "Get the day's top headlines delivered to your inbox every morning.",
        "If you enjoyed this article, please consider supporting our journalism.",
        "Updated at 1:23 p.m.",
        "Filed under: Politics",
        "3 min read",
        "Related: Port strike enters second week",
        "Thanks for reading!",
        "A version appeared on p6 of the Main section section of the Harbor Post on 17.02 BST "
        "on Friday 28 May 2010 Follow the latest harbor news",
        "A version of this article appears in print on May 3, 2024, on Section A, Page 4.",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The union said it would follow the ministry's advice on Twitter and elsewhere.",
        "The company plans to launch a newsletter for investors next year, its chief said.",
        "Readers who clicked on the link were taken to a fake page, police said.",
        "Share prices fell 4 percent on Tuesday.",
        "Economic Fallout",
        "Advertising revenue at the group fell by a third last year, the report said.",
        "The minister said all rights reserved for the state would be reviewed next year and "
        "that the law would change.",
        "The fee schedule appeared on page 3 of the board's report, officials said.",
    ],
)
def test_prose_is_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_article_drops_boilerplate_and_marks_furniture() -> None:
    article = article_from_text(PER_LINE + "Like this story? Share it with a friend!\n")
    assert "Share it with a friend" not in article.text
    kinds = dict(
        (article.text[p.start : p.end], article.paragraph_kind(i))
        for i, p in enumerate(article.paragraphs)
    )
    assert kinds["Economic Fallout"] == "subhead"
    assert kinds["By Jane Doe"] == "byline"


def test_plain_articles_keep_no_kinds() -> None:
    article = article_from_text("The talks collapsed.\n\nThe union said it would strike.")
    assert article.paragraph_kinds == ()
    assert article.paragraph_kind(1) == "body"


def test_byline_gives_the_author_when_none_is_known() -> None:
    assert article_from_text(PER_LINE).author == "Jane Doe"
    assert article_from_text(PER_LINE, author="Tom Reed").author == "Tom Reed"
    credit = "Additional reporting by Joseph Hudak\n\n" + PER_LINE.split("\n", 1)[1]
    assert article_from_text(credit).author is None


def test_a_first_title_line_is_the_headline_unless_the_title_is_known() -> None:
    text = "Port Strike Enters Second Week\n\nThe dockworkers' union said the strike would go on."
    assert _kinds(text)[0][0] == "body"
    _spans, kinds = structure(normalize_text(text), titled=True)
    assert kinds == ("subhead", "body")


def test_a_trailing_run_of_headlines_is_related_links() -> None:
    text = (
        "The talks collapsed on Monday after three long days in the capital.\n\n"
        "Port Strike Enters Second Week as Talks Stall\n\n"
        "Ferry Fares Rise for the Second Time This Year\n\n"
        "Drought Forces Rationing in Three Cities"
    )
    assert [k for k, _ in _kinds(text)] == ["body", "related", "related", "related"]
    dates = "The band announced its tour.\n\nAug. 8 -- Chicago, IL\n\nAug. 14 -- St. Louis, MO"
    assert "related" not in [k for k, _ in _kinds(dates)]


def test_an_embedded_post_is_not_body_text() -> None:
    text = (
        "The full interview will premiere on Sept. 30 on Apple Music.\n\n"
        "Like you’ve never seen them before.@MaryJBlige sits down with @HillaryClinton."
        "#The411Coming September 30th.https://t.co/hbaWqfjJcp pic.twitter.com/P2qpm3h3Pm"
        "— Apple Music (@AppleMusic) September 27, 2016\n\n"
        "The clip has faced ridicule online since it was released on Tuesday.\n"
    )
    kinds = [kind for kind, _ in _kinds(text)]
    assert kinds == ["body", "embed", "body"]
    article = article_from_text(text)
    assert "pic.twitter.com" in article.text  # kept in the text, kept out of the brief


def test_a_hover_card_inside_the_text_is_not_article_text() -> None:
    from newsbrief.ingest.html import extract_html

    card = (
        '<span class="rollover-people"><a class="rollover-people-link" href="/p">Ruth Calder</a>'
        '<span class="rollover-people-block">Ruth Anne Calder<a href="/x">Arden budget row '
        "deepens</a> <a href='/y'>Mayor opens bridge</a> MORE</span></span>"
    )
    paragraphs = [
        f"Arden Mayor {card} said on Monday that the library would reopen in the spring.",
        "The council voted to spend 3 million euros on the roof and the heating system.",
        "Librarians said the reading rooms had been too cold to use for most of last winter.",
        "A temporary lending point will stay open in the community hall on Mill Street.",
    ]
    html = (
        "<html><head><title>Arden library to reopen</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article></body></html>"
    )
    text = extract_html(html).text
    assert "Arden Mayor Ruth Calder said on Monday" in text
    assert "MORE" not in text and "budget row" not in text


@pytest.mark.parametrize(
    "line",
    [
        "CLARIFICATION: The first sentence has been clarified to reflect that Fowler is calling"
        " for a process to identify a potential successor.",
        "Correction: An earlier version of this article incorrectly listed when the war began.",
        "Correction Appended.",
        "Editor’s note: The paper’s policy on anonymous sources is described here.",
        "EDITOR'S NOTE: This story was reported from three countries.",
        "An earlier version of this story misstated the year the dam opened.",
        "This article has been updated to correct the name of the minister.",
    ],
)
def test_editorial_notes(line: str) -> None:
    text = f"The talks collapsed on Monday after three long days in the capital.\n\n{line}\n"
    assert [k for k, _ in _kinds(text)] == ["body", "note"]


@pytest.mark.parametrize(
    "line",
    [
        "Corrections officers said the prison held twice as many inmates as it was built for.",
        "The correction in stock prices was the sharpest in a decade, analysts said.",
        "UPDATE: The senator said on Tuesday she would resign at the end of the month.",
        "Editors at the paper said the story would run on Sunday.",
    ],
)
def test_news_about_corrections_is_body(line: str) -> None:
    text = f"The talks collapsed on Monday after three long days in the capital.\n\n{line}\n"
    assert [k for k, _ in _kinds(text)] == ["body", "body"]


def test_an_editorial_note_is_nobodys_position() -> None:
    """Politico: a "CLARIFICATION:" at the end of the article ("… not that he is calling for
    …") was attributed to the former chairman the article is about, as his position."""
    from newsbrief.analyze import analyze

    article = article_from_text(
        "Former party chairman calls for succession plan\n\n"
        "A former party chairman says the party should set out a process for replacing its"
        " nominee, Tom Avery told reporters on Monday.\n\n"
        "“We need a plan, just in case,” Avery said in an interview.\n\n"
        "CLARIFICATION: The first sentence has been clarified to reflect that Avery is calling"
        " for a process to identify a potential successor, not that he is calling for that"
        " successor to be named now.\n"
    )
    assert article.paragraph_kinds[-1] == "note"
    analysis = analyze(article)
    assert not [s for s in analysis.sentences if "clarified" in s.text]
    assert not [a for a in analysis.attributions if "successor" in a.content]
    assert [a for a in analysis.attributions if "plan" in a.content]


_LEAD = (
    "The harbor board on Tuesday approved new fees for ferry operators.\n\n"
    "The fees take effect in July, board members said.\n\n"
)


def test_a_run_in_head_in_capitals_is_a_subhead_of_its_own() -> None:
    """ "OPERATORS SAY THE FEES ARE TOO HIGH — The largest …": the head is a subhead, the
    rest a body paragraph, both spans still pointing at their own text."""
    text = _LEAD + "OPERATORS SAY THE FEES ARE TOO HIGH — The largest operator will pass them on."
    assert _kinds(text)[2:] == [
        ("subhead", "OPERATORS SAY THE FEES ARE TOO HIGH"),
        ("body", "The largest operator will pass them on."),
    ]


@pytest.mark.parametrize(
    "para",
    [
        "NATO said on Monday that the ferries may carry troops in an emergency.",
        "U.S. officials said the fees were a matter for the harbor board.",
        "EU AND UK RULES — the ferries fly both flags, so the fees follow both rules.",
        "FERRY FEES TO RISE - LIKELY The board has signalled more increases.",
        "PORT ARDEN, N.R. — The board met again on Friday to review the fees.",
        "ME TOO said the sign that one passenger held up at the meeting.",
    ],
)
def test_capitals_that_open_a_sentence_stay_in_it(para: str) -> None:
    """An acronym that opens a sentence, a head followed by a lower-case word or by more
    capitals, a dateline's place: the paragraph stays one body paragraph."""
    assert _kinds(_LEAD + para)[2:] == [("body", para)]


def test_a_dateline_in_capitals_opening_the_story_is_no_run_in_head() -> None:
    text = "SALT RIVER CITY — The harbor board on Tuesday approved new fees for ferry operators."
    assert [k for k, _ in _kinds(text)] == ["body"]


# --------------------------------------------------------------------------- closing promotion

_STORY = (
    "The harbor board on Tuesday approved new fees for ferry operators, ending a dispute that "
    "had run for months.\n\n"
    "The fees take effect in July and will fund repairs to the north pier, board members said.\n\n"
)


def test_the_pages_closing_promotion_is_not_body() -> None:
    """Sign-offs set as prose at the end of a page: a book plug and social links, where the
    piece first ran, a row of links to other stories, an appeal with a subhead of its own."""
    text = (
        _STORY + "- Ten Ferries That Changed the Coast - Photos: The North Pier at Dawn\n\n"
        'Ann Lee\'s new book about the harbor, "Tides" (Gull Press, 2023), is out now. Follow '
        "her on Twitter @annlee. Follow us on Twitter @harborpost or Facebook.\n\n"
        "Originally published on Harbor Weekly.\n\n"
        "Before You Go\n\n"
        "If you enjoyed this article, we have an offer for you: join Harbor Plus. Members read "
        "everything. Think about it?"
    )
    assert [k for k, _ in _kinds(text)] == [
        "body",
        "body",
        "related",
        "promo",
        "promo",
        "promo",
        "promo",
    ]


def test_an_appeal_ending_the_last_paragraph_is_split_off() -> None:
    text = (
        _STORY + "Operators will meet the board again on Friday. Get the latest on the fees "
        "delivered every morning. Follow us on Facebook."
    )
    assert _kinds(text)[2:] == [
        ("body", "Operators will meet the board again on Friday."),
        ("promo", "Get the latest on the fees delivered every morning. Follow us on Facebook."),
    ]


@pytest.mark.parametrize(
    "para",
    [
        "The study was published in the journal Nature on Monday.",
        "- Sign up for the ferry pass for $12 a month - If you already have a pass, renew it",
        "Operators said they would follow the board's decision on Twitter and elsewhere, and "
        "appeal it in court.",
        "Listen to the operators and you hear a different story, the mayor said.",
    ],
)
def test_the_story_ending_like_promotion_stays_body(para: str) -> None:
    assert [k for k, _ in _kinds(_STORY + para)] == ["body", "body", "body"]


def test_a_dated_correction_is_a_note() -> None:
    for head in ("Correction, Nov. 15, 2019:", "Correction added March 3, 2024:"):
        text = _STORY + head + " An earlier version of this article misstated the fee."
        assert [k for k, _ in _kinds(text)] == ["body", "body", "note"]


def test_a_list_of_dated_lines_is_body_not_alternate_subheads() -> None:
    """A tour's dates, one per line: the lines without a final bracket looked like subheads and
    took turns with the others as headings of one-line sections."""
    dates = [
        "June 9 – Port Arden, NR @ Harbor Amphitheatre",
        "June 10 – Eskar, NR @ Eskar Arena (Formerly City Hall)",
        "June 14 – Salt River, SR @ River Stage",
        "June 20 – Talvia, TV @ Old Mill Park",
    ]
    kinds = _kinds(_STORY + "Tour Dates\n\n" + "\n\n".join(dates))
    assert kinds[2] == ("subhead", "Tour Dates")
    assert kinds[3:] == [("body", d) for d in dates]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(CNN)The harbor board met.", "(CNN) The harbor board met."),
        ("PORT ARDEN (Reuters)Ferry fees rose.", "PORT ARDEN (Reuters) Ferry fees rose."),
        ("The board (Harbor)Met on Monday.", "The board (Harbor)Met on Monday."),
    ],
)
def test_an_agency_tag_glued_to_the_lead_is_set_apart(text: str, expected: str) -> None:
    """ "(CNN)The United States …" made an actor "CNN)The United States": the tokenizer read
    "CNN)The" as one word."""
    assert normalize_text(text) == expected


def test_an_interviews_questions_and_answers_are_body() -> None:
    text = (
        _STORY + "Q: Favorite childhood memory?\n\nA: A trip to the north pier\n\n"
        "Q: What comes next for the ferries?\n\nA: More boats, and a longer season."
    )
    assert [k for k, _ in _kinds(text)] == ["body"] * 6


def test_a_subhead_over_a_subhead_is_kept_and_a_closing_one_over_promotion_is_not() -> None:
    text = (
        _STORY + "NORTH PIER\n\nRepairs Begin in July\n\n"
        "Crews will close the pier for six weeks while they work, the board said.\n\n"
        "More From the Harbor\n\nFollow us on Twitter @harborpost or Facebook."
    )
    assert [k for k, _ in _kinds(text)] == [
        "body",
        "body",
        "subhead",
        "subhead",
        "body",
        "promo",
        "promo",
    ]
