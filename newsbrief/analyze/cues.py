"""Attribution cue lexicon: which words introduce what somebody said, thought or reported.

Each set names the verbs for one *frame*, i.e. where the content is found:

* ``CLAUSE`` — a complement clause (``said that …``) or, for ``QUOTING`` verbs, an adjacent
  quotation (“…,” she said);
* ``INFINITIVE`` — an infinitive complement (vow to …, urge X to …, is expected to …);
* ``OBJECT`` — the direct object and what hangs off it (criticize X for Y, call X a Z);
* ``PHRASAL`` — prepositions that carry the content (call *for*, point *to*).

The lists are hand-written from how news prose reports speech and belief, and were pruned by
reading the rules' errors on PolNeAR's training split (verbs whose frame is mostly *not* an
attribution there, like ``make X`` or ``take X``, stay out). Nothing is learned.
"""

from __future__ import annotations

from typing import Literal

Stance = Literal["neutral", "oppose", "support"]


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set."""
    return frozenset(text.split())


# verbs of speech: each takes a complement clause and introduces an adjacent quotation
_SPEECH = words(
    """
    say tell add write note argue claim insist explain announce declare state acknowledge admit
    report tweet warn suggest reply respond answer assert concede contend maintain emphasize
    emphasise stress underscore reiterate reaffirm repeat recall remark observe predict promise vow
    pledge confirm reveal disclose allege complain boast brag joke quip lament caution testify post
    email text retort counter interject shout yell chant scream whisper muse
    """
)

# verbs that take a complement clause as content
CLAUSE = _SPEECH | words(
    """
    speculate estimate hint imply signal assure remind mention comment recount proclaim protest
    concur agree deny dispute ask wonder question theorize opine indicate conclude find show
    recommend propose charge grumble rant crow exclaim confide clarify continue point demand urge
    think believe know feel fear hope expect worry doubt suspect assume understand realize
    realise recognize recognise learn guess suppose imagine reckon sense seem appear envision
    project read describe decide call consider discuss offer express prefer rule cite remember share
    """
)

# CLAUSE verbs that also introduce an adjacent quotation without a complement
QUOTING = _SPEECH | words(
    "ask wonder proclaim protest exclaim confide clarify continue recount read quote call write"
)

INFINITIVE = words(
    """
    vow promise pledge threaten plan want hope urge ask refuse decline seek agree expect seem
    appear call decide like vote look order encourage intend aim claim tell prefer push propose
    request
    """
)

OBJECT = words(
    """
    call show endorse accuse describe criticize criticise offer tell announce say express
    cite praise oppose mention blame defend blast attack reject issue discuss write propose
    question post report dismiss note denounce deny slam tweet reveal list recall mock thank tout
    acknowledge compare claim name identify voice prefer reiterate decry echo highlight promise
    declare explain condemn publish remind quote lay share back support favor lament stress
    condemn ridicule deride lambaste assail chide rebuke scold fault hail laud commend applaud
    welcome portray label dub characterize brand liken predict urge suggest recommend
    demand repeat emphasize underscore dispute knock ask promote order reference nominate
    invoke email deem confirm charge warn disclose credit congratulate outline distance fear
    retweet resist bemoan disavow remember approve articulate recount decline reaffirm restate
    want envision project attribute know understand believe doubt fear expect realize recognize
    plan vow demand request
    """
)

# "see X as Y", "view X unfavorably": verbs of regarding, content only with the "as" phrase
REGARD = words("see view regard perceive")

PHRASAL: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on", "out"}),
    "point": frozenset({"to", "out"}),
    "refer": frozenset({"to"}),
    "talk": frozenset({"about", "of"}),
    "speak": frozenset({"about", "of", "out"}),
    "warn": frozenset({"of", "against", "about"}),
    "complain": frozenset({"about", "of"}),
    "rail": frozenset({"against"}),
    "push": frozenset({"for"}),
    "argue": frozenset({"for", "against"}),
    "advocate": frozenset({"for"}),
    "worry": frozenset({"about"}),
    "comment": frozenset({"on"}),
    "hint": frozenset({"at"}),
    "allude": frozenset({"to"}),
    "lash": frozenset({"out"}),
    "insist": frozenset({"on"}),
    "vote": frozenset({"for", "against"}),
    "testify": frozenset({"about"}),
    "boast": frozenset({"about", "of"}),
    "brag": frozenset({"about"}),
    "joke": frozenset({"about"}),
    "write": frozenset({"about", "of"}),
    "ask": frozenset({"about", "for"}),
    "apologize": frozenset({"for"}),
    "apologise": frozenset({"for"}),
    "seem": frozenset({"like"}),
    "agree": frozenset({"with"}),
    "side": frozenset({"with", "against"}),
    "respond": frozenset({"to", "by", "with"}),
    "look": frozenset({"to"}),
    "weigh": frozenset({"in", "on"}),
    "hope": frozenset({"for"}),
    "balk": frozenset({"at"}),
    "single": frozenset({"out"}),
}

# "X is aware of / convinced that / eager to …": adjectives whose complement is content
ADJECTIVES = words(
    """
    aware convinced confident optimistic pessimistic skeptical sceptical sure certain concerned
    worried afraid fearful hopeful eager willing reluctant unwilling opposed critical supportive
    proud happy unhappy glad pleased disappointed frustrated angry furious upset alarmed adamant
    determined fond wary dismissive doubtful unsure insistent keen grateful satisfied
    dissatisfied impressed enthusiastic outspoken confident nervous anxious terrified
    """
)

# "X is a supporter of Y": nouns naming a stance toward their "of" complement
STANCE_NOUNS = words(
    """
    supporter backer advocate critic fan opponent proponent champion ally defender foe detractor
    skeptic sceptic admirer
    """
)

# nouns whose that-clause is content: "the claim that …", "her belief that …"
CLAUSE_NOUNS = words(
    """
    claim claims assertion argument suggestion allegation allegations accusation belief view
    notion promise pledge warning insistence contention charge fear fears hope hopes concern
    statement announcement message conclusion position prediction
    """
)

# "expressed concern about X", "made the case for X", "took aim at X"
LIGHT_VERBS = words("express voice offer show raise have make give issue share take cast")
LIGHT_NOUNS = words(
    """
    concern concerns outrage support dismay alarm frustration disappointment confidence doubt
    doubts skepticism opposition interest sympathy regret anger hope hopes praise criticism
    case point aim issue mention comment comments statement remarks view views feelings advice
    words insight insights reservations objections questions worries fears optimism enthusiasm
    admiration contempt disdain displeasure gratitude condolences apology warning pledge
    """
)

OPPOSE = words(
    """
    reject deny oppose criticize criticise dismiss counter dispute refute contradict slam blast
    denounce condemn attack accuse blame mock ridicule challenge disagree rebut decry lambaste
    assail chide rebuke scold fault deride disavow repudiate rip knock pan protest question
    """
)

SUPPORT = words(
    "support endorse back praise welcome applaud defend hail laud commend embrace champion"
)

# nouns naming a statement: "in a statement", "in an interview" (a channel)
STATEMENT_NOUNS = words(
    """
    statement communique communiqué release interview tweet post email letter memo remarks
    speech op-ed editorial announcement message briefing conference report
    """
)

# left adverbs kept inside a verbal cue ("also said", "has repeatedly argued")
CUE_ADVERBS = words(
    """
    also repeatedly first previously immediately often long only recently even later again
    publicly privately reportedly frequently initially once already never quickly subsequently
    earlier originally specifically explicitly openly flatly strongly firmly simply just further
    similarly likewise separately directly falsely correctly wrongly loudly angrily jokingly
    """
)

# adverbs left of a cue verb that stay out of it: sentence adverbs, connectives, wh-words
NON_CUE_ADVERBS = words(
    """
    when where why how however so instead though meanwhile indeed perhaps here there thus
    therefore hence moreover furthermore nevertheless nonetheless otherwise besides anyway
    ago more most less least as too very rather quite maybe
    """
)

SOURCE_CUT_ADVERBS = words("even but and also however so yet then")


def stance_of(lemma: str, *, negated: bool = False) -> Stance:
    """The stance a cue verb expresses toward its object; negation makes it neutral."""
    if lemma in OPPOSE:
        return "neutral" if negated else "oppose"
    if lemma in SUPPORT:
        return "neutral" if negated else "support"
    return "neutral"


def is_cue_lemma(lemma: str) -> bool:
    return (
        lemma in CLAUSE or lemma in INFINITIVE or lemma in OBJECT or lemma in PHRASAL
    ) or lemma in REGARD


# inflected cue verbs the suffix rules in ``is_cue_word`` cannot undo
_IRREGULAR = {
    "said": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "thought": "think",
    "felt": "feel",
    "knew": "know",
    "known": "know",
    "found": "find",
    "saw": "see",
    "seen": "see",
    "spoke": "speak",
    "spoken": "speak",
    "understood": "understand",
}
_LEXICON = (
    ADJECTIVES
    | STANCE_NOUNS
    | CLAUSE_NOUNS
    | LIGHT_VERBS
    | LIGHT_NOUNS
    | STATEMENT_NOUNS
    | CUE_ADVERBS
)


def _bases(word: str) -> set[str]:
    """What an inflected verb may come from: "bemoaning" → bemoan, "citing" → cite,
    "stopped" → stop, "worried" → worry."""
    out = {word, _IRREGULAR.get(word, word)}
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            out |= {stem, stem + "e"}
            if stem[-1] == stem[-2]:  # "stopping", "committed"
                out.add(stem[:-1])
            if suffix in ("ed", "es") and stem.endswith("i"):  # "worried", "denies"
                out.add(stem[:-1] + "y")
    return out


def is_cue_word(word: str) -> bool:
    """``word`` (any case, inflected or not) is one of the lexicon's common words: a cue
    opening a sentence ("Bemoaning the system, Trump …") took its capital from the sentence,
    not from being a name."""
    return any(is_cue_lemma(b) or b in _LEXICON for b in _bases(word.lower()))
