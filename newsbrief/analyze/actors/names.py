"""Word lists for actor resolution: titles, honorifics, media and organization words, demonyms,
capitals used for their governments. Hand-written; extend as needed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


HONORIFICS = _words("mr. mrs. ms. miss dr. mr mrs ms dr sir dame prof. prof")
MALE_WORDS = _words(
    "mr. mr he him his himself king prince chairman spokesman congressman father son brother "
    "husband sir"
)
FEMALE_WORDS = _words(
    "mrs. mrs ms. ms miss she her hers herself queen princess chairwoman spokeswoman "
    "congresswoman mother daughter sister wife dame"
)

# nouns heading a role or title ("Foreign Minister", "the chancellor", "chief executive")
ROLE_NOUNS = _words(
    """
    president minister chancellor secretary spokesperson spokesman spokeswoman senator sen.
    representative rep. governor gov. mayor director chief executive ceo chairman chairwoman chair
    official envoy ambassador adviser advisor leader commissioner judge justice attorney lawyer
    analyst economist professor candidate nominee strategist manager head deputy king queen pope
    general gen. admiral officer diplomat negotiator delegate lawmaker congressman congresswoman
    speaker founder premier chancellor secretary-general mediator prosecutor sheriff chief-of-staff
    vice-president vp cofounder co-founder editor columnist correspondent reporter host anchor
    researcher scientist expert activist organizer organiser campaigner member chairperson
    president-elect monarch emperor prince princess commander captain colonel sergeant
    """
)
# title words that may precede a name inside the same noun phrase ("Sen. Elizabeth Warren")
# a title written short before a name ("Sen. Rand Paul") and the role it stands for
ABBREVIATED_ROLES = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
    "sgt": "sergeant",
    "adm": "admiral",
    "atty": "attorney",
    "supt": "superintendent",
    "pres": "president",
    # written for several people ("Sens. Ann Lee and Bob Moss"): each one's title
    "sens": "senator",
    "reps": "representative",
    "govs": "governor",
}
# the plural ones above (spaCy cuts "Sens." into "Sens" and its stop, unlike "Sen.")
PLURAL_ABBREVIATIONS = frozenset({"sens", "reps", "govs"})
# a U.S. politician's party and state after the name: "R-Ky.", "D-N.Y.", "I-Vt."
PARTY_TAG = re.compile(r"^\(?(?P<party>[RDI])-(?P<state>[A-Z][A-Za-z.]{1,12})\)?$")
PARTIES = {"R": "Republican", "D": "Democrat", "I": "independent"}

TITLE_PREFIXES = (
    ROLE_NOUNS
    | _words(
        "foreign finance defense defence interior transport energy trade health justice labour "
        "labor environment prime vice deputy former acting interim senior junior state federal "
        "general assistant associate executive managing campaign press"
    )
    | PLURAL_ABBREVIATIONS
)

MEDIA_WORDS = _words(
    """
    news times post press agency reuters ap afp kyodo xinhua tass bbc cnn fox nbc cbs abc msnbc npr
    journal tribune herald gazette telegraph guardian politico breitbart huffpost bloomberg
    newspaper broadcaster television tv radio media outlet wire daily magazine yonhap interfax
    ria anadolu irna al-jazeera aljazeera channel network newsweek economist
    """
)
MEDIA_NAMES = _words(
    "reuters ap afp kyodo xinhua tass bbc cnn msnbc npr politico breitbart huffpost bloomberg "
    "yonhap interfax irna axios vox"
)
ORG_WORDS = _words(
    """
    ministry party union agency inc. inc corp. corp company group council committee association
    bank university department office commission institute foundation fund court congress senate
    house parliament government administration campaign coalition federation chamber alliance
    organization organisation authority board bureau service army navy police league club
    network society center centre trust pac caucus cabinet assembly embassy consulate
    """
)
# words that make an organization an institution rather than a company ("the company" skips it)
INSTITUTION_WORDS = _words(
    """
    ministry party union agency council committee university department office commission
    institute foundation court congress senate house parliament government administration
    campaign coalition federation chamber alliance organization organisation authority board
    bureau service army navy police league club society trust pac caucus cabinet assembly
    association school hospital church movement front embassy consulate
    """
)
# nouns that refer back to a company ("the company", "the firm", "the chipmaker")
COMPANY_WORDS = _words(
    """
    company firm corporation manufacturer maker chipmaker carmaker automaker drugmaker
    retailer conglomerate airline insurer lender startup
    """
)
# capitalized first words too common to stand for an organization on their own
GENERIC_NAME_WORDS = _words(
    """
    the national international united new american european federal state general global
    first central royal northern southern eastern western north south east west great world
    people democratic republican social liberal conservative green independent free public
    """
)

# group nouns that may head an unnamed collective source ("analysts", "the operators")
GROUP_HEADS = _words(
    """
    analyst official officer expert critic observer scientist economist worker resident voter
    supporter opponent leader lawmaker legislator operator company group activist advocate
    campaigner proponent lobbyist organizer
    protester demonstrator source aide adviser advisor spokesperson representative delegate
    diplomat negotiator investor trader executive member union government ministry police
    authority prosecutor researcher poll survey study report document memo statement republican
    democrat candidate campaign family neighbor doctor teacher student parent farmer firm
    business employer employee staff team agency state country nation economy delegation
    official opposition politician regulator militant rebel
    """
)

# people someone has, who speak for themselves and not for whoever has them ("his supporters",
# "Trump's critics", "Epstein's victims"; a person's "campaign" or "aides" too: ``BODIES_OF``)
FOLLOWERS = _words(
    """
    supporter supporters critic critics opponent opponents rival rivals ally allies backer backers
    follower followers fan fans voter voters donor donors friend friends detractor detractors victim
    victims accuser accusers defender defenders loyalist loyalists surrogate surrogates colleague
    colleagues peer peers classmate classmates teammate teammates coworker coworkers co-workers
    neighbor neighbors neighbour neighbours relative relatives family successor successors
    predecessor predecessors
    """
)
# a person's staff, speaking as a body of their own ("his campaign"); a country's speak for it
BODIES_OF = _words(
    """
    aide aides adviser advisers advisor advisors staff staffers team campaign administration
    """
)

# verb forms of rejection, read on the tokens where the parser mistakes "Talvia rejects" in a
# relative clause ("a claim which Talvia rejects") for a noun compound
REJECT_FORMS = _words(
    """
    reject rejects rejected denies denied deny dispute disputes disputed contest contests
    contested refute refutes refuted challenge challenges challenged dismiss dismisses dismissed
    question questions questioned
    """
)

# demonym -> country (affiliations: "Iranian state media", "German Chancellor Olaf Scholz")
DEMONYMS: dict[str, str] = {
    "american": "United States",
    "u.s.": "United States",
    "us": "United States",
    "british": "United Kingdom",
    "uk": "United Kingdom",
    "chinese": "China",
    "japanese": "Japan",
    "german": "Germany",
    "french": "France",
    "russian": "Russia",
    "iranian": "Iran",
    "israeli": "Israel",
    "palestinian": "Palestine",
    "indian": "India",
    "pakistani": "Pakistan",
    "turkish": "Turkey",
    "saudi": "Saudi Arabia",
    "egyptian": "Egypt",
    "syrian": "Syria",
    "iraqi": "Iraq",
    "afghan": "Afghanistan",
    "ukrainian": "Ukraine",
    "polish": "Poland",
    "italian": "Italy",
    "spanish": "Spain",
    "canadian": "Canada",
    "mexican": "Mexico",
    "brazilian": "Brazil",
    "argentine": "Argentina",
    "australian": "Australia",
    "korean": "Korea",
    "south korean": "South Korea",
    "north korean": "North Korea",
    "taiwanese": "Taiwan",
    "vietnamese": "Vietnam",
    "thai": "Thailand",
    "indonesian": "Indonesia",
    "filipino": "Philippines",
    "philippine": "Philippines",
    "malaysian": "Malaysia",
    "nigerian": "Nigeria",
    "kenyan": "Kenya",
    "ethiopian": "Ethiopia",
    "south african": "South Africa",
    "dutch": "Netherlands",
    "belgian": "Belgium",
    "swiss": "Switzerland",
    "swedish": "Sweden",
    "norwegian": "Norway",
    "danish": "Denmark",
    "finnish": "Finland",
    "greek": "Greece",
    "irish": "Ireland",
    "portuguese": "Portugal",
    "austrian": "Austria",
    "hungarian": "Hungary",
    "czech": "Czech Republic",
    "romanian": "Romania",
    "qatari": "Qatar",
    "emirati": "United Arab Emirates",
    "lebanese": "Lebanon",
    "jordanian": "Jordan",
    "cuban": "Cuba",
    "venezuelan": "Venezuela",
    "colombian": "Colombia",
    "chilean": "Chile",
    "peruvian": "Peru",
    "european": "European Union",
}

# capitals standing for their governments ("Washington rejected the plan")
CAPITALS: dict[str, str] = {
    "washington": "United States",
    "beijing": "China",
    "moscow": "Russia",
    "tokyo": "Japan",
    "london": "United Kingdom",
    "paris": "France",
    "berlin": "Germany",
    "tehran": "Iran",
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "seoul": "South Korea",
    "pyongyang": "North Korea",
    "new delhi": "India",
    "ankara": "Turkey",
    "brussels": "European Union",
    "jerusalem": "Israel",
    "damascus": "Syria",
    "ottawa": "Canada",
    "canberra": "Australia",
    "riyadh": "Saudi Arabia",
    "cairo": "Egypt",
    "havana": "Cuba",
    "caracas": "Venezuela",
    "rome": "Italy",
    "madrid": "Spain",
    "taipei": "Taiwan",
    "islamabad": "Pakistan",
    "kabul": "Afghanistan",
    "baghdad": "Iraq",
    "warsaw": "Poland",
    "the kremlin": "Russia",
    "kremlin": "Russia",
    "the white house": "United States",
}

# the formal part of a country's name ("the Republic of Nauvia" is "Nauvia")
# one country under the names a story uses for it ("the US", "the U.S.", "the United States")
_COUNTRY_NAMES = {
    **dict.fromkeys(
        ("us", "u.s.", "u.s", "usa", "u.s.a.", "united states of america", "america"),
        "united states",
    ),
    **dict.fromkeys(("uk", "u.k.", "u.k", "britain", "great britain"), "united kingdom"),
}


def country_key(name: str) -> str:
    """The one key of a country's names: "US", "U.S." and "United States" alike."""
    low = name.lower()
    return _COUNTRY_NAMES.get(low, COUNTRY_FORM.sub("", low))


COUNTRY_FORM = re.compile(
    r"^(?:the\s+)?(?:(?:people's|democratic|federal|islamic|united)\s+)*"
    r"(?:republic|kingdom|state|federation|commonwealth|principality|sultanate)\s+of\s+"
)

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_SPACES = re.compile(r"\s+")


_ONCE = frozenset({"former", "ex", "onetime", "one-time", "erstwhile", "retired"})


def once_held(words: Iterable[Token]) -> bool:
    """Whether a description says its post is no longer held: "a former DNC chairman", "an
    ex-FBI agent", "a retired general"."""
    return any(t.lower_ in _ONCE or t.lower_.startswith("ex-") for t in words)


def clean_name(text: str) -> str:
    """Strip a possessive ending, surrounding punctuation and extra spaces; an abbreviation
    keeps its last stop ("U.S.", not "U.S")."""
    text = _SPACES.sub(" ", text).strip(" ,.;:\"'“”‘’()").lstrip("-–—•* ")  # a list's bullet
    text = _POSSESSIVE.sub("", text).strip(" ,.;:\"'“”‘’()")
    if _ABBREVIATION.fullmatch(text.rsplit(" ", 1)[-1]):
        text += "."
    return text


_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # "U.S", "D.C", "U.N" (stop stripped)


def country_of(word: str) -> str | None:
    """The country a demonym or country-like word points to, if known."""
    return DEMONYMS.get(word.lower().strip("."))


# outlets of two words the model splits ("USA" a place, "TODAY" nothing: "A USA TODAY analysis")
SPLIT_OUTLETS = frozenset({"usa today"})


def is_media_name(name: str) -> bool:
    words = [w.strip(".,'’").lower() for w in name.split()]
    if " ".join(words) in SPLIT_OUTLETS:
        return True
    return any(w in MEDIA_NAMES for w in words) or (len(words) > 1 and words[-1] in MEDIA_WORDS)


def is_institution(name: str) -> bool:
    return any(w.strip(".,'’").lower() in INSTITUTION_WORDS for w in name.split())


# the last word of a place's name the model may tag as an organization ("the World Trade
# Center", "the Washington Monument"); a body so named that acts ("the Tax Policy Center said")
# is one all the same, see ``Resolver._best_antecedent``
FACILITY_WORDS = _words(
    "center centre tower towers building bridge airport stadium arena plaza mall monument memorial"
)


def is_facility(name: str) -> bool:
    return name.split()[-1].strip(".,'’").lower() in FACILITY_WORDS if name.split() else False


def is_org_name(name: str) -> bool:
    return any(w.strip(".,'’").lower() in ORG_WORDS for w in name.split())


def acronym(name: str) -> str:
    caps = [w[0] for w in name.split() if w[:1].isupper() and w.lower() not in ("of", "the", "and")]
    return "".join(caps) if len(caps) >= 2 else ""


_NATIONAL = re.compile(r"^U\.?S\.?\s+")
_BODY_OF = re.compile(r"^(?:Department|Ministry|Office|Bureau)\s+of\s+(?:the\s+)?")


def without_nation(name: str) -> str:
    """The name without a leading "U.S." ("U.S. Department of Justice": "Department of
    Justice")."""
    return _NATIONAL.sub("", name)


def acronyms(name: str) -> set[str]:
    """The acronyms a name may go by: its capitals ("DVA"), with "of" ("DOD" for the
    Department of Defense), and those of a department's own words ("VA" for the Department
    of Veterans Affairs, "HUD")."""
    out = {acronym(name)}
    name = _NATIONAL.sub("", name)  # "U.S. Department of Justice": "DOJ"
    out.add(acronym(name))
    words = name.split()
    if "of" in words:
        out.add(
            "".join(w[0].upper() for w in words if w[:1].isupper() or w == "of")
            if sum(w[:1].isupper() for w in words) >= 2
            else ""
        )
    own = _BODY_OF.sub("", name)
    if own != name:
        out.add(acronym(own))
    if (short := _LAST_CONJUNCT.sub("", name)) != name:
        out.add(acronym(short))  # "Centers for Disease Control and Prevention": "CDC"
    return {a for a in out if len(a) >= 2}


# a body's last word joined by "and", which its acronym may leave out ("… Control and
# Prevention" is the CDC); a longer conjunct ("Health and Human Services") stays in
_LAST_CONJUNCT = re.compile(r"\s+and\s+[A-Z][a-z]+$")
