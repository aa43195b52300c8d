"""Story and article titles: one function, the same title in every view."""

from __future__ import annotations

from datetime import UTC, datetime

from newsbrief.stories.titles import (
    TitleSource,
    article_title,
    headline_from_lead,
    story_title,
    usable_title,
)


def _src(aid: str, title: str | None, lead: str, day: int | None = None) -> TitleSource:
    when = datetime(2024, 6, day, tzinfo=UTC) if day else None
    return TitleSource(aid, title, lead, when)


def test_placeholders_and_hashes_are_not_titles() -> None:
    for bad in (
        "",
        "   ",
        "(untitled)",
        "Untitled story",
        "Article 81dce02d…",
        "81dce02dab12",
        "—",
    ):
        assert usable_title(bad) is None, bad
    assert usable_title("  Port  strike\nhalts cargo ") == "Port strike halts cargo"


def test_headline_from_lead_drops_dateline_and_asides() -> None:
    lead = (
        "WASHINGTON (Reuters) - President Barack Obama on Tuesday urged Congress to pass a jobs"
        " bill, saying the economy needed help after months of weak hiring. More text follows."
    )
    assert headline_from_lead(lead) == (
        "President Barack Obama on Tuesday urged Congress to pass a jobs bill"
    )
    lead = "The storm, which hit the coast on Monday, killed 12 people. Officials said more."
    assert headline_from_lead(lead) == "The storm, which hit the coast on Monday, killed 12 people"
    assert headline_from_lead("   ") == "News story"
    lead = (
        "New Jersey Gov. Chris Christie described the nominee as a “disgrace after she attacked"
        " law enforcement officers nationwide and blamed police shootings on bias. More."
    )
    assert headline_from_lead(lead).startswith("New Jersey Gov. Chris Christie described")
    assert headline_from_lead("ABSTRACT.\n\nMr. Obama flew to Midway on Monday. More.") == (
        "Mr. Obama flew to Midway on Monday"
    )
    assert headline_from_lead("HEMPSTEAD, N.Y. ― If it worked, it might work again. Yes.") == (
        "If it worked, it might work again"
    )
    assert len(headline_from_lead("word " * 80).split()) <= 16
    lead = (
        "Donald Trump's recent gains in some polls in the Middle West and Florida may prove to"
        " be a transient phenomenon if the Republican nominee's stance is hammered home. More."
    )
    assert headline_from_lead(lead) == (
        "Donald Trump's recent gains in some polls in the Middle West and Florida may prove to"
        " be a transient phenomenon"
    )
    lead = (
        "A federal appeals court ruled Friday against Ohio's procedure for removing voters from"
        " state rolls, dealing a blow to the Secretary of State and handing a victory to voting"
        " rights advocates in a key presidential swing state."
    )
    assert headline_from_lead(lead) == (
        "A federal appeals court ruled Friday against Ohio's procedure for removing voters from"
        " state rolls"
    )


def test_article_title_prefers_the_headline() -> None:
    assert article_title("Dockworkers strike", "Text.") == "Dockworkers strike"
    assert article_title(None, "Dockworkers walked out on Tuesday. More.") == (
        "Dockworkers walked out on Tuesday"
    )


def test_story_title_titled_article_wins_and_representative_headline() -> None:
    sources = [
        _src("c", None, "Dockworkers at Valmora port walked out over wages.", 1),
        _src("a", "Valmora port strike enters second day", "Dockworkers at Valmora port ...", 2),
        _src("b", "Opinion: what next?", "Dockworkers at Valmora port stayed out.", 3),
    ]
    assert story_title(sources) == "Valmora port strike enters second day"


def test_story_title_tie_goes_to_earliest_then_untitled_composed() -> None:
    sources = [
        _src("b", "Second report", "Something else entirely.", 5),
        _src("a", "First report", "Nothing shared here.", 4),
    ]
    assert story_title(sources) == "First report"
    untitled = [_src("x", None, "Flooding closed the main road into the town on Monday.", 1)]
    assert story_title(untitled) == "Flooding closed the main road into the town on Monday"
    assert story_title([]) == "News story"


def test_a_long_story_is_judged_on_a_sample_and_a_titled_article_still_wins() -> None:
    lead = "Dockworkers at Valmora port stayed out on strike on day {}. More."
    sources = [_src(str(i), None, lead.format(i)) for i in range(500)]
    sources.append(_src("z", "Valmora port strike drags on", "Dockworkers at Valmora port."))
    assert story_title(sources) == "Valmora port strike drags on"
    many = [_src(f"{i:04d}", f"Valmora port strike, day {i}", lead.format(i)) for i in range(2000)]
    assert story_title(many).startswith("Valmora port strike, day ")


def test_a_quoted_name_at_the_end_of_a_headline_keeps_its_closing_mark() -> None:
    lead = "Mary J. Blige sings to Hillary Clinton in preview clip of ‘The 411.’\n\nMore text."
    assert headline_from_lead(lead).endswith("of ‘The 411’")
    assert headline_from_lead("“Enough is enough.”\n\nThe union said.") == "“Enough is enough”"
    assert headline_from_lead("The ‘yes’ camp’s lead grows.") == "The ‘yes’ camp’s lead grows"


def test_a_headline_that_asks_is_not_the_storys_title() -> None:
    """NeuS: "Should The WHO Face Consequences Over COVID-19? We Asked Their Health Tech
    Expert." headed a story of Florida's record day of cases (its words shared the most, the
    question's too); "… caused a do-over House election in North Carolina. What are the pros
    and cons?" heads it with the statement alone; a quoted question is something reported."""
    lead = "Health officials reported a record of 15,000 new coronavirus cases in Valmora."
    asks = "Should Valmora health officials face consequences over coronavirus cases? We asked"
    sources = [
        _src("a", asks, lead, 1),
        _src("b", "Valmora reports record 15,000 new cases", "Cases rose in the region.", 2),
    ]
    assert story_title(sources) == "Valmora reports record 15,000 new cases"
    both = "Ballot harvesting caused a do-over election in Valmora. What are the pros and cons?"
    assert story_title([_src("a", both, "Valmora held its do-over election.", 1)]) == (
        "Ballot harvesting caused a do-over election in Valmora"
    )
    quoted = "Mayor accused of unwanted advance at a wedding: ‘Can I kiss you?’"
    sources = [
        _src("a", quoted, "The mayor of Valmora was accused of an unwanted advance.", 1),
        _src("b", "Weather for the week", "Rain is expected.", 2),
    ]
    assert story_title(sources) == quoted


def test_a_scraped_pages_time_stamp_is_not_its_headline() -> None:
    """Timeline17 (BBC pages as scraped): stories titled "Page last updated at 08:03 GMT ,
    Tuesday , 26 July 2011 09:03 UK -LRB- an error occurred …" and "Last updated : 29 June
    2010 Are you trying …"."""
    stamped = (
        "Page last updated at 08:03 GMT , Tuesday , 26 July 2011 09:03 UK -LRB- an error "
        "occurred while processing this directive -RRB- Katherine Jackson has announced a "
        "new tour . More text ."
    )
    assert headline_from_lead(stamped) == "Katherine Jackson has announced a new tour"
    dated = "8 November 2011 Last updated at 06:28 GMT Help The doctor was found guilty . More ."
    assert headline_from_lead(dated) == "The doctor was found guilty"
    assert headline_from_lead("Last updated : 29 June 2010 Fans gathered . More .") == (
        "Fans gathered"
    )
    assert headline_from_lead("Last year the company updated its rules.") == (
        "Last year the company updated its rules"
    )


def test_a_stray_first_line_does_not_head_the_article() -> None:
    """Timeline17 (CNN blog pages): a story of Libya titled "2 men charged in death of Chicago
    teen who performed in inauguration event" (a sidebar headline above the post, none of whose
    words the post uses), and "(Updated at 11:20 a.m. ET …)" before the next line."""
    page = (
        "2 men charged in death of Chicago teen who performed in inauguration event .\n"
        "-LRB- Updated at 11:20 a.m. ET , 6:20 p.m. local time -RRB- At least 15 people have "
        "been killed in the Libyan city of Zawiya , an eyewitness told CNN .\n"
        "Wounded people started arriving at the hospital in Zawiya on Friday morning ."
    )
    assert headline_from_lead(page).startswith("At least 15 people have been killed")
    kept = "Flooding closes the main road.\nFlooding closed the main road into Valmora on Monday."
    assert headline_from_lead(kept) == "Flooding closes the main road"


def test_a_headline_line_above_a_dateline_is_the_headline_alone() -> None:
    lead = (
        "WASHINGTON — Senators Amy Klobuchar and Chuck Grassley introduced a bill on Tuesday"
        " that would let Medicare negotiate the price of insulin."
    )
    # its own paragraph, or straight above a dashed dateline: the dateline and lead stay out
    for sep in ("\n\n", "\n"):
        text = "Senators push bill to curb drug prices" + sep + lead
        assert headline_from_lead(text) == "Senators push bill to curb drug prices"
    # a first line that ends a sentence is a lead sentence, not a headline above one
    assert headline_from_lead("Senators want cheaper insulin.\n\n" + lead) == (
        "Senators want cheaper insulin"
    )


def test_a_hard_wrapped_lead_is_one_sentence_not_a_stray_line() -> None:
    text = (
        "Senators Amy Klobuchar and Chuck Grassley on Tuesday introduced a bill that\n"
        "would let Medicare negotiate the price of insulin, a long-sought goal of the two.\n"
    )
    assert headline_from_lead(text).startswith("Senators Amy Klobuchar and Chuck Grassley")
    # a line wrapped mid-sentence (no blank line, no dateline after it) is not a headline
    wrapped = "US officials said on Monday that talks with Iran had stalled over the\nsanctions."
    assert headline_from_lead(wrapped).endswith("stalled over the sanctions")
