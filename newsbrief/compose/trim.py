"""Text helpers shared by the section builders: content words, redundancy, trimming.

Trimming never rewrites: it returns a narrower span of the article, so the text shown is always a
verbatim substring and its evidence points at exactly that substring.
"""

from __future__ import annotations

import re

from newsbrief.models import Analysis, Sentence


def words_of(text: str) -> frozenset[str]:
    """A word list written as one string, as a set."""
    return frozenset(text.split())


STOPWORDS = words_of(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves said says say told
    according one two new would could may might must shall us mr mrs ms dr n't 's 're 've 'll 'd
    s t don didn doesn isn wasn aren weren won can't cannot yet still even like just many much
    however"""
)
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_QUOTES = re.compile(r"[\"“”]|``|''|(?:^|\s)['‘’](?:\s|$)")
_FURNITURE = re.compile(
    r"scroll down for video|click here|^\s*published\s*:|^\s*updated\s*:|last updated|"
    r"daily mail reporter|read the rest|read more\s*:|^\s*_{2,}|all times (?:edt|est|gmt|utc)|"
    r"^\s*(?:abstract|full text)\s*\.?\s*$|follow (?:us|@)|share this|"
    # a list's introduction, not news: "Here are some of the highlights:", "as follows:"
    r"^\W*(?:here(?:'s|’s| is| are)|below)\b[^.!?]*:\s*$|\b(?:as follows|the following)\s*:\s*$|"
    # a picture's credit line: "Jewels after Jewels, installation views, photos © Inexhibit"
    r"©|\bphotos? (?:by|courtesy of|credit)\b|\bimage courtesy\b|"
    # a schedule's line: "June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre"
    r"^\W*(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"\s*[–—-]\s+[^!?\n]{0,80}?\s@\s",
    re.I,
)
# a sourcing note says how the reporter got the story, not what happened: "The sources spoke
# anonymously due to the private nature of the meeting" (but "An official, who spoke on
# condition of anonymity, said talks had failed" reports the news itself)
_SOURCING = re.compile(
    r"\bspoke\b[^.]{0,60}\b(?:anonymously|on (?:the )?condition of anonymity)|"
    r"\b(?:requested|asked for|were granted|was granted) anonymity\b|"
    r"\basked not to be (?:named|identified)\b|\bdeclined to be (?:named|identified)\b|"
    r"\b(?:was|were) not authori[sz]ed to (?:speak|discuss|comment|talk)",
    re.I,
)
_REPORTS = re.compile(r"\b(?:said|says|say|told|tells|according to|reported)\b|,\s*who\b", re.I)
_DANGLING = words_of(
    """but and however so yet also meanwhile still instead then or nor plus this that these those
    it he she they his her their its him them there here such both another others moreover
    furthermore additionally besides nevertheless nonetheless though although thus hence"""
)
_LEAD_PUNCT = re.compile(r"^[\s\"“”‘’'`(\[-]+")
# "(CNN) —", "( cnn )", "WASHINGTON (AP) —", "PORT SELANE, Valmora - ", "london ( reuters ) -",
# "New York, NY –"
_AGENCY_TAG = re.compile(
    r"^\(\s*(?:cnn|reuters|ap|afp|upi|bbc|ians|pti|xinhua)\s*\)\s*(?:[-–—]+\s*)?", re.I
)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:, ?[A-Z0-9][\w.'’-]*(?: [A-Z0-9][\w.'’-]*)*){0,3}"
    r"|[a-z][a-z ,.'’-]{1,40}?\(\s*(?:reuters|ap|afp|upi)\s*\)"
    r"|[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}, [A-Z]{2})"  # a press release's "New York, NY –"
    r"\s*(?:\(\s*[\w ]{1,20}\s*\))?\s*[-–—]+\s+(?=\S)"
)
_CAPTION = re.compile(r"^(?P<label>(?:[\w'’-]+ ){0,3}[\w'’-]+) ?: (?=\S)")
_SPEECH = words_of("said says told wrote added explained insisted claimed tweeted posted")
_TAIL_ACCORDING = re.compile(r",\s*according to [^,;:\"“”()]{1,80}?\s*\.?\s*$", re.I)
_TAIL_SAID = re.compile(
    r",\s*(?:[^\s,;:\"“”()]+\s+){1,8}?(?:said|says|added|reported|told(?:\s+[^\s,;:\"“”]+){1,3})"
    r"(?:\s+(?:on|in|at|this|last|late|early)\s+[^\s,;:\"“”]+(?:\s+[^\s,;:\"“”]+)?)?\s*\.?\s*$",
    re.I,
)
# ", said Irena Vasquel, general secretary of the union." — a name, then at most an appositive
_TAIL_SAID_NAME = re.compile(
    r",\s*(?:said|says|added)\s+(?:[^\s,\"“”;:]+\s+){0,5}[^\s,\"“”;:]+"
    r"(?:\s*,\s*(?:the|a|an|his|her|their|its)\s+[^\"“”;:,]{1,80}?)?\s*\.?\s*$",
    re.I,
)
_ATTRIBUTION_CUES = words_of("said says say told tells added adds reported reports stated wrote")
_MIN_KEPT_WORDS = 6
_MAX_TAIL_WORDS = 10


def content_words(text: str) -> set[str]:
    """Lowercased words that carry content (no stopwords, no one-letter tokens)."""
    return {w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in STOPWORDS}


def overlap(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """How much the smaller word set is contained in the other (0..1)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def is_furniture(text: str) -> bool:
    """Page furniture ("scroll down for video", bylines, time stamps, section labels) and
    sourcing notes ("The sources spoke anonymously due to the private nature of the meeting")."""
    if _FURNITURE.search(text):
        return True
    return bool(_SOURCING.search(text)) and not _REPORTS.search(text)


HEADLINE_WORDS = 20  # a first line this short, alone in its paragraph, is the headline
_TITLE_WORD = re.compile(r"[a-z0-9]+")


def is_headline_line(analysis: Analysis, sent: Sentence) -> bool:
    """The headline above the body: a short first line of a text given without a title, or a
    first sentence that repeats the title (:func:`repeats_title`). The brief shows the
    headline as its title already; the summary does not repeat it."""
    article = analysis.article
    if sent.paragraph != 0:
        return False
    if article.title is not None:
        return repeats_title(analysis, sent)
    if len(article.paragraphs) < 2:
        return False
    first = article.paragraphs[0]
    return len(article.text[first.start : first.end].split()) <= HEADLINE_WORDS


def repeats_title(analysis: Analysis, sent: Sentence) -> bool:
    """A first sentence that is the title again in other words ("Milan Design Week 2018 |
    Michael Anastassiades’ light installation for FLOS" under the title "… | Anastassiades'
    light installation for FLOS"): neither summary nor timeline."""
    title_text = analysis.article.title
    if title_text is None or sent.paragraph != 0:
        return False
    title = set(_TITLE_WORD.findall(title_text.lower()))
    words = _TITLE_WORD.findall(sent.text.lower())
    shared = sum(1 for w in words if w in title)
    return bool(title) and len(words) <= len(title) + 3 and shared >= 0.8 * len(title)


def has_quote(text: str) -> bool:
    return bool(_QUOTES.search(text))


def is_caption(text: str) -> bool:
    """A photo caption opening on a short label: "chaos : a video posted on facebook …"."""
    m = _CAPTION.match(text)
    if m is None:
        return False
    return not set(m.group("label").lower().split()) & _SPEECH


def opens_dangling(text: str) -> bool:
    """Opens on a connective or a pronoun that needs the sentence before it."""
    body = _AGENCY_TAG.sub("", _LEAD_PUNCT.sub("", text))
    first = body.split(maxsplit=1)[0].lower().strip(",;:") if body.strip() else ""
    return first in _DANGLING


def trim_span(analysis: Analysis, sent: Sentence) -> tuple[int, int]:
    """The part of the sentence a brief shows: without agency tag, dateline, caption label or a
    trailing attribution ("…, police said."), when what is left still reads as a sentence."""
    text = sent.text
    lo, hi = 0, len(text)
    for pattern in (_AGENCY_TAG, _DATELINE):
        m = pattern.match(text, lo)
        if m and _enough(text[m.end() : hi]):
            lo = m.end()
    m = _CAPTION.match(text, lo)
    if m and not (set(m.group("label").lower().split()) & _SPEECH) and _enough(text[m.end() :]):
        lo = m.end()
    if not has_quote(text[lo:hi]):
        hi = min(hi, _trim_tail(text, lo, hi), _content_end(analysis, sent, lo))
    start = sent.start + lo
    end = sent.start + hi
    return start, end


def _trim_tail(text: str, lo: int, hi: int) -> int:
    body = text[lo:hi]
    for pattern in (_TAIL_ACCORDING, _TAIL_SAID, _TAIL_SAID_NAME):
        m = pattern.search(body)
        if m and _enough(body[: m.start()]):
            return lo + len(body[: m.start()].rstrip())
    return hi


def _content_end(analysis: Analysis, sent: Sentence, lo: int) -> int:
    """End of an indirect attribution's content that opens the sentence, when all that follows
    it is the attribution itself ("…, the ministry said on Tuesday.")."""
    best = len(sent.text)
    for att in analysis.attributions:
        if att.evidence.sentence_index != sent.index or att.kind != "indirect":
            continue
        c_lo, c_hi = att.content_span.start - sent.start, att.content_span.end - sent.start
        if c_lo > lo + 1 or att.cue_span.start < att.content_span.end:
            continue
        tail = sent.text[c_hi:].lstrip()
        cue = att.cue.lower()
        if not tail.startswith(",") or len(tail.split()) > _MAX_TAIL_WORDS:
            continue
        if cue not in _ATTRIBUTION_CUES and cue != "according to":
            continue
        kept = sent.text[lo:c_hi].rstrip(" ,;")
        if _enough(kept):
            best = min(best, lo + len(kept))
    return best


def _enough(text: str) -> bool:
    return len(text.split()) >= _MIN_KEPT_WORDS


# double quotation marks that open / close a quotation
_OPEN = re.compile(r"“|(?:^|(?<=[\s(\[]))\"(?=\w)")
_CLOSE = re.compile(r"”|(?<=[\w.,!?])\"")
# a single-quoted quotation cut at the sentence's edge: "'Most masks don't work." or
# "They don't prevent infection,' Paul said" (a possessive "States' top general" is no edge)
_SINGLE_EDGE = re.compile(
    r"^\s*['‘](?=\w)|(?<=[.,!?])['’]\s*(?:\w+\s+){0,6}(?:said|says|added|told|wrote)\b"
    r"|[.,!?]['’]\s*$"
)


def quote_fragment(text: str) -> bool:
    """Part of a quotation the sentence split cut: quotation marks opened and not closed (or
    closed and not opened), or a single-quoted quotation broken at the sentence's edge."""
    if len(_OPEN.findall(text)) != len(_CLOSE.findall(text)):
        return True
    return bool(_SINGLE_EDGE.search(text))


def speakerless_quote(analysis: Analysis, sent: Sentence) -> bool:
    """Someone's words shown without who said them: a sentence inside a quotation opened in a
    sentence before it (the middle of a long quote, its speaker named where it opened), or a
    sentence that is one quotation and nothing else ("“We have to wait.”")."""
    text = sent.text.strip()
    if _OPEN.match(text) and _CLOSE.search(text[-2:]) and len(_OPEN.findall(text)) == 1:
        return True
    article = analysis.article
    lo = article.text.rfind("\n", 0, sent.start) + 1
    if sent.paragraph < len(article.paragraphs):
        lo = max(lo, min(article.paragraphs[sent.paragraph].start, sent.start))
    before = article.text[lo : sent.start]
    return len(_OPEN.findall(before)) > len(_CLOSE.findall(before))


def cut_off(text: str) -> bool:
    """A sentence the source cut off: "… an utterly pathetic fit of oh-so-dramatic . . .",
    "… into the debate on immigration policy, with", "The policy was seen as progressive and
    inclusionary, but it is now"."""
    return bool(_CUT_OFF.search(text))


_CUT_OFF = re.compile(
    r"(?:\.\s\.\s\.|\.\.\.|…)\s*$"
    # a word no sentence ends on ("based on" may: "… the virus they were based on")
    r"|\b(?:the|a|an|and|or|but|its|their|his|her|our|your|my|than|because|with)\s*$"
    # a clause opened after a comma and cut at once: "…, with", "…, but it is now"
    r"|,\s*(?:with|as|while|which|who|where|when|after|before|including)\s*$"
    r"|,\s*but\s+(?:\w+\s+){0,2}(?:is|are|was|were|has|have|had)(?:\s+now)?\s*$",
    re.I,
)
