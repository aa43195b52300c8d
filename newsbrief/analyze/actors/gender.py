"""What the article shows of a person's gender, so that "he" and "she" go to someone they can
stand for (``Resolver.pronoun``): a pronoun never goes to a person known to be of the other
gender.

Besides honorifics and gendered role words (``names.MALE_WORDS``, ``names.FEMALE_WORDS``), two
small hand-written lists:

* first names: very common given names that are (nearly) always one gender's and are rarely a
  surname of someone of the other ("Donald", "Hillary", "Melanie"). A name's first word is
  looked up; a one-word name is too, as it is often a first name alone ("Melanie said"), so a
  given name that is also a common surname ("Warren", "Graham", "Thomas", "Lindsey") is left
  out, as is a short form either gender goes by ("Chris", "Pat", "Sam"). Unknown names stay
  compatible with both genders.
* described as: a gendered noun in apposition to the name ("Dana Roe, a mother of two";
  "Kevin, her boyfriend"; "the woman, Melanie Cole").

Keep the lists modest: a wrong entry sends pronouns away from the one they stand for.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsbrief.analyze.actors import names


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MALE_FIRST_NAMES = _words(
    """
    donald barack bill joe joseph mike michael mitt ted bernie kevin john james robert david
    richard mark christopher steve steven jeb marco george tim jim bob newt rudy rick
    dan daniel brian eric jeff peter andrew matt matthew mitch reince rand harry charles ben
    gary frank jack tom william vladimir boris barry
    """
)
FEMALE_FIRST_NAMES = _words(
    """
    hillary melania melanie ivanka chelsea michelle elizabeth nancy sarah kellyanne mary
    jennifer jessica susan karen linda patricia barbara margaret angela theresa jill debbie
    donna laura lisa emily hannah stephanie katherine catherine maria loretta huma megyn
    rachel heather amy julie kate janet carly nikki samantha
    """
)
# nouns that say a person's gender when they describe the person
MALE_NOUNS = _words(
    """
    man boy father dad son brother husband boyfriend grandfather uncle nephew widower
    businessman congressman gentleman
    """
)
FEMALE_NOUNS = _words(
    """
    woman girl mother mom daughter sister wife girlfriend grandmother aunt niece widow
    businesswoman congresswoman lady actress
    """
)
# the bare nouns that stand for someone unnamed, and what makes a description fuller
_UNNAMED = frozenset({"man", "woman", "boy", "girl"})
_KIN = (MALE_NOUNS | FEMALE_NOUNS) - _UNNAMED - {"businessman", "businesswoman", "congressman"}
_KIN -= {"congresswoman", "gentleman", "lady", "actress"}
_KIN_DETS = frozenset({"the", "my", "our", "your", "his", "her", "their"})
_DESCRIBING = frozenset({"amod", "compound", "nmod", "appos", "nummod"})


def name_gender(name: str) -> str | None:
    """ "m" or "f" for a name whose first word is a given name on the lists, else None."""
    words = [w for w in name.split() if w.lower() not in names.HONORIFICS]
    if not words:
        return None
    first = words[0].lower()
    return "m" if first in MALE_FIRST_NAMES else "f" if first in FEMALE_FIRST_NAMES else None


def word_gender(word: str) -> str | None:
    """ "m" or "f" for a gendered noun that describes a person ("woman", "husband")."""
    low = word.lower()
    return "m" if low in MALE_NOUNS else "f" if low in FEMALE_NOUNS else None


def described_gender(ent: Span) -> str | None:
    """The gender of a noun in apposition to the name, on either side of it ("Dana Roe, a
    mother of two", "the woman, Melanie Cole")."""
    root = ent.root
    nouns = [c for c in root.children if c.dep_ == "appos" and not ent.start <= c.i < ent.end]
    if root.dep_ == "appos" and not ent.start <= root.head.i < ent.end:
        nouns.append(root.head)
    for noun in nouns:
        said = word_gender(noun.lemma_) or word_gender(noun.text)
        if said is not None and noun.ent_type_ != "PERSON":
            return said
    return None


def unnamed(tok: Token) -> str | None:
    """The gender of a bare "the woman", "the man", "my mother", "his wife": someone the
    article does not name, whom a nearer "she" or "he" may stand for instead of a person named
    further back. Not a fuller description ("the former first lady", "the New York
    businessman": most often a person already named) nor one with a name in apposition ("the
    woman, Melanie Cole", "his wife Melania")."""
    low = tok.lemma_.lower()
    if tok.tag_ != "NN" or tok.dep_ == "appos" or any(c.dep_ in _DESCRIBING for c in tok.children):
        return None
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
    if (low in _UNNAMED and "the" in dets) or (low in _KIN and dets & _KIN_DETS):
        return word_gender(low)
    return None
