"""An article's own subhead set in capitals, in sentence case for the brief.

Print and web pages often set their subheads in capitals ("CONGRESS HAS INVESTIGATED HIM").
In a brief whose other headings are written in ordinary case, such a head reads as shouting,
and a reader cannot tell a name from a word. The article itself says which is which: a word
the body writes with a capital in mid-sentence ("Oz", "Congress") is a name, a word it writes
in capitals ("FDA") an acronym, a run of capitalized words the body has ("New York") a name
even when the body also writes its words in lower case, and every other word is lower case.
Dotted initials ("U.S.") stay as they are, and the head's first word keeps its capital. A head
with any lower-case letter is left exactly as the article set it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable

# a run of letters (an apostrophe's suffix and a hyphen's parts are runs of their own)
_LETTERS = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_INITIALS = re.compile(r"(?:\b[^\W\d_]\.){2,}")


def is_shouted(heading: str) -> bool:
    """Whether a heading is set in capitals: two letters or more, none of them lower case."""
    letters = [c for c in heading if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


class BodyCase:
    """How the article's body writes each word: in capitals, capitalized in mid-sentence,
    or in lower case (counted over ``sentences``, the body's sentences without its heads)."""

    def __init__(self, sentences: Iterable[str]) -> None:
        self.forms: Counter[str] = Counter()
        self.text = "\n".join(sentences)
        for text in self.text.split("\n"):
            for k, m in enumerate(_WORD.finditer(text)):
                for part in _LETTERS.findall(m.group()):
                    if k == 0 and part[0].isupper() and not part.isupper():
                        continue  # a sentence's first word is capitalized whatever it is
                    self.forms[part] += 1

    def form(self, part: str) -> str:
        """A capitals word ``part`` as the body writes it (lower case when it does not)."""
        lower, title = part.lower(), part[:1] + part[1:].lower()
        if len(part) > 1 and self.forms[part] > self.forms[lower] + self.forms[title]:
            return part  # an acronym the body writes in capitals too
        if self.forms[title] > self.forms[lower]:
            return title
        return "I" if part == "I" else lower

    def has_phrase(self, words: list[str]) -> bool:
        """Whether the body writes these words, capitalized, one after the other."""
        phrase = r"\s+".join(re.escape(w[:1] + w[1:].lower()) for w in words)
        return re.search(rf"(?<![^\W\d_]){phrase}(?![^\W\d_])", self.text) is not None


def sentence_case(heading: str, case: BodyCase) -> str:
    """A capitals heading in sentence case (the body's names and acronyms kept); any other
    heading as it is."""
    if not is_shouted(heading):
        return heading
    words = list(_LETTERS.finditer(heading))
    spans = {m.start(): case.form(m.group()) for m in words}  # a run of letters -> its form
    for n in (3, 2):  # a name of several words, as the body writes it
        for i in range(len(words) - n + 1):
            run = words[i : i + n]
            spaced = all(heading[a.end() : b.start()].isspace() for a, b in itertools.pairwise(run))
            if spaced and case.has_phrase([w.group() for w in run]):
                for w in run:
                    spans[w.start()] = w.group()[:1] + w.group()[1:].lower()
    kept = {d.start() + k for d in _INITIALS.finditer(heading) for k in range(len(d.group()))}
    out = _LETTERS.sub(lambda m: m.group() if m.start() in kept else spans[m.start()], heading)
    first = _LETTERS.search(out)
    if first is None:
        return out
    at = first.start()
    return out[:at] + out[at].upper() + out[at + 1 :]
