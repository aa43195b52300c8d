"""Form checks for sentences picked across many articles of mixed quality.

A story pools whatever its articles carry: blog comments ("At 13:11 2nd Jun 2010, bakuboy
wrote"), bylines and datelines run into the text ("Robert Peston | 15:39 UK time"), contact
lines, first-person opinion. Such sentences are fine inside their article but make poor summary,
timeline or why-it-matters items for the story.

The Executive Summary is stricter still (``summary_penalty``): it reads like a neutral roundup, so a
piece of a quotation cut off by the sentence split ("“We at the court have lost a cherished
colleague.") is never offered, and a sentence that needs the one before it ("He will visit …") or
speaks in a columnist's voice ("Think about it this way: …") ranks lower.
"""

from __future__ import annotations

import re

from newsbrief.compose.trim import cut_off, opens_dangling, quote_fragment

__all__ = [
    "LONG_WORDS",
    "claim",
    "cut_off",
    "form_penalty",
    "quote_fragment",
    "summary_penalty",
    "unfit",
]

_COMMENT = re.compile(r"\bwrote\s*:?\s*$|^\s*(?:at|on)\s+\d{1,2}[:.]\d{2}\b", re.I)
_CONTACT = re.compile(
    r"@\w|https?://|www\.|\w\.com\b|\bclick here\b|\bsign up\b|\bsubscribe\b", re.I
)
# a dateline run into the text: "Tue Jun 1 , 2010 9:06 pm EDT", "-LRB- Reuters -RRB-"
_DATELINE = re.compile(
    r"\b\d{1,2}:\d{2}\s*(?:am|pm)\s+(?:EDT|EST|GMT|BST|CET|ET|PT)\b|-[LR]RB-\s+\w+\s+-[LR]RB-"
)
_PTB = re.compile(r"-[LR][RCS]B-")
_ALPHA = re.compile(r"[A-Za-z]{2,}")
_PIPE = re.compile(r"\s\|\s")
_QUOTED = re.compile(r"[\"“`]{1,2}[^\"”']*[\"”']{1,2}")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I 'm|my|My|we|We|our|Our|us|you|You|your|Your)\b")
_QUESTION = re.compile(r"\?\s*['\"”’]*\s*$")
_CONTRACTION = re.compile(r"(?<=\w)['’](?:s|re|ll|ve|d)\b", re.I)  # "They're", "It’s"
# a columnist's voice: "Well, …", "Think about it", "Imagine …", "What’s more", "Of course"
_OPINION = re.compile(
    r"^\W*(?:well|look|sure|imagine|think|consider|remember|of course|to be sure|what['’]s more"
    r"|in other words|make no mistake|let['’]s|let us)\b"
    r"|\b(?:obviously|clearly|surely|frankly|arguably|undoubtedly|no doubt|it['’]s no secret)\b",
    re.I,
)
OPINION_PENALTY = 0.3
# a forecast, a possibility or an obligation: what someone expects or demands, not a fact
_CLAIM = re.compile(
    r"\b(?:must|should|will|would|could|may|might|ought|needs? to|likely"
    r"|plan(?:s|ned)? to|expect(?:s|ed)? to)\b",
    re.I,
)
DANGLING_PENALTY = 0.3
LONG_WORDS = 40  # each word of a sentence beyond this costs 0.01


def unfit(text: str) -> bool:
    """Page furniture, reader comments or a fragment: never a story-level item."""
    if _COMMENT.search(text) or _CONTACT.search(text) or cut_off(text):
        return True
    return len(_ALPHA.findall(_PTB.sub(" ", text))) < 5


def form_penalty(text: str) -> float:
    """How much worse a sentence reads as a story-level item (0 for a clean news sentence)."""
    if unfit(text):
        return 1.0
    penalty = 0.0
    if _PIPE.search(text) or _DATELINE.search(text):
        penalty += 0.5
    if _FIRST_PERSON.search(_QUOTED.sub(" ", text)):
        penalty += 0.35
    if _QUESTION.search(text):
        penalty += 0.3
    if text[:1].islower() or _PTB.match(text):
        penalty += 0.3  # starts mid-sentence: a fragment
    words = len(text.split())
    if words > LONG_WORDS:
        penalty += 0.01 * (words - LONG_WORDS)
    return penalty


def summary_penalty(text: str) -> float:
    """``form_penalty``, and more for a summary item: opening on a word that needs the sentence
    before it ("They're …", "That goes against …"), or a columnist's voice ("Think about it this
    way: …", "Obviously …"); a neutral roundup reports."""
    penalty = form_penalty(text)
    if opens_dangling(_CONTRACTION.sub(" ", text, count=1)):
        penalty += DANGLING_PENALTY
    if _OPINION.search(_QUOTED.sub(" ", text)):
        penalty += OPINION_PENALTY
    return penalty


def claim(text: str) -> bool:
    """Whether ``text`` states a forecast, a possibility or an obligation ("The Senate may vote
    on Wednesday", "Japan must brace itself"): such a sentence keeps its attribution ("…, Schumer
    said") in a story summary, where a neutral fact may drop it."""
    return bool(_CLAIM.search(_QUOTED.sub(" ", text)))
