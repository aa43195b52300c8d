"""Page furniture that is not part of the story: share prompts, newsletter sign-ups, promos.

``is_boilerplate(line)`` is the one test. ``article_from_text`` drops such lines from every input
(plain text, Markdown, the main text of HTML pages, feeds and JSONL), so nothing of them reaches a
sentence. Each pattern matches a whole line (``fullmatch`` after trimming), so a sentence of the
story that merely mentions a newsletter or "all rights" stays. The list is tested line by line in
``tests/test_structure.py``; ``bench/boilerplate.py`` counts what is left on the dev pages of the
article-extraction benchmark. The HTML extractor's own text (``newsbrief eval extraction``) is
left as it was: that benchmark's ground truth keeps a few such lines ("Click here to …").
"""

from __future__ import annotations

import re

_MAX_WORDS = 30  # a longer line is prose, whatever it starts with
# a short line (at most _SHORT_WORDS words) that names one of these is a sign-up or share widget
_SHORT_WORDS = 6
_SHORT_WIDGET = re.compile(r"\b(?:newsletters?|subscribe|sign up|unsubscribe|share this)\b", re.I)

_PATTERNS: tuple[str, ...] = (
    # sharing
    r"(?:like|liked|enjoy|enjoyed|love|loved) (?:this|the|our) (?:story|article|post|piece)\??"
    r"(?:.{0,80})",
    r"share (?:this|the) (?:story|article|post|page)(?: on [\w ,]+| with .{1,40})?[.!]?",
    r"(?:please )?share (?:it|this) with (?:a|your) friends?[.!]?",
    r"if you (?:enjoyed|liked|like|enjoy|value|appreciate) (?:this|our|the) (?:article|story|post|"
    r"piece|journalism|reporting)\b.{0,160}",
    r"(?:share|tweet|email|print|save|copy link|pin|comment)(?:\s*[|/·•,]\s*"
    r"(?:share|tweet|email|print|save|copy link|pin|comment|facebook|twitter|x|linkedin|whatsapp|"
    r"reddit))*",
    r"(?:share on |follow us on |find us on |join us on |like us on )"
    r"(?:facebook|twitter|x|instagram|linkedin|whatsapp|youtube|tiktok|threads|bluesky|telegram)"
    r"(?:[ ,and&]+(?:facebook|twitter|x|instagram|linkedin|whatsapp|youtube|tiktok|threads|"
    r"bluesky|telegram))*[.!]?",
    r"follow (?:us|me|@\w+|[\w ]{1,30}) on (?:facebook|twitter|x|instagram|linkedin|youtube|"
    r"tiktok|threads|bluesky|telegram)\b.{0,80}",
    # promos and cross-links
    r"also (?:on|in|from|at) [\w .'’&-]{1,40}:.{1,160}",
    r"(?:read|see|watch|listen)(?: the)? (?:more|next|also|full story|full article|here|related)"
    r"(?: here| on [\w .'’-]{1,40}| at [\w .'’-]{1,40})?\s*[.…»›>!]*(?:\s*[:|-]\s*.{0,160})?",
    r"(?:related|more|recommended|trending|most read|most popular|popular|editor'?s picks?|"
    r"top stories|latest news|more from [\w .'’-]{1,40}|more on this story|you may also like|"
    r"you might also like|don'?t miss|suggested reading|further reading)(?:\s*[:»›>]\s*.{0,160})?",
    r"(?:click|tap) here\b.{0,120}",
    r"continue reading\b.{0,80}",
    r"(?:this|the) (?:story|article) (?:continues|continued) (?:below|after|on).{0,60}",
    r"story continues (?:below|after).{0,60}",
    r"(?:scroll|skip) (?:down|to) .{0,60}",
    # where the piece ran in print ("A version appeared on p24 of the Main section section of
    # the Guardian on …", often run on into the site's follow prompts)
    r"(?:a version of this (?:article|story)|this (?:article|story)|a version) (?:appeared|was "
    r"published) (?:on|in) (?:p|page) ?\d+\b.{0,240}",
    r"this (?:article|story) was published on [\w .]{1,30}\.?",
    r"a version of this (?:article|story) appear(?:s|ed) in print\b.{0,240}",
    # newsletters and accounts
    r"(?:sign up|subscribe|register)(?: now| today| here)?(?: (?:for|to) .{0,120})?[.!]?",
    r"get (?:our|the) .{0,60}(?:newsletter|briefing|alerts?)\b.{0,100}",
    r".{0,80}\b(?:delivered|straight|directly) (?:to|into) your inbox\b.{0,80}",
    r"(?:already a subscriber|not a subscriber|subscribers only|log ?in|sign in)\b.{0,100}",
    r"enter your email(?: address)?.{0,80}",
    r"(?:thank you|thanks) for (?:reading|signing up|subscribing|your support)\b.{0,120}",
    # legal and page furniture
    r"(?:copyright|©|\(c\))\s*.{0,120}",
    r".{0,80}\ball rights reserved\b.{0,60}",
    r"advertisement|advertising|sponsored(?: content)?|ad|promoted|paid content|"
    r"\[?ad\]?|- advertisement -|story continues below advertisement",
    r"(?:this|the) (?:material|article|story|content) may not be (?:published|reproduced|"
    r"broadcast|rewritten|redistributed).{0,120}",
    r"(?:updated|last updated|published|posted)\s*:?\s*(?:on\s*|at\s*)?"
    r"(?:.{0,20}\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b.{0,40}"
    r"|\d{1,2}:\d{2}.{0,30}|.{0,20}\bago|\d{4}-\d{2}-\d{2}.{0,30})",
    r"\d{1,3}\s*(?:min|minute)s?\s*read",
    r"(?:image|photo|video) (?:source|credit)\s*:?.{0,80}",
    r"(?:comments?|\d+\s+comments?|view comments|show comments|leave a comment|"
    r"join the conversation)\s*\W*",
    r"(?:have|got) a (?:news )?tip\??.{0,120}",
    r"(?:report an error|corrections?|send us a correction|feedback)\s*[:.]?",
    r"(?:tags?|topics?|filed under)\s*:.{0,160}",
    r"(?:back to top|top of page|go to top)\W*",
    r"(?:download|get) (?:our|the) app\b.{0,100}",
)
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.I)


def is_boilerplate(line: str) -> bool:
    """True when the whole line is page furniture (a share prompt, promo, sign-up, copyright …)."""
    text = line.strip().strip("*_#>|").strip()
    if not text or len(text.split()) > _MAX_WORDS:
        return False
    if len(text.split()) <= _SHORT_WORDS and _SHORT_WIDGET.search(text):
        return True
    return _BOILERPLATE.fullmatch(text) is not None


def drop_boilerplate(lines: list[str]) -> list[str]:
    """The lines that are not boilerplate, in order."""
    return [line for line in lines if not is_boilerplate(line)]
