"""Attribution cue lexicon: which words introduce what somebody said, thought or reported.

A verb's *frame* says where its content is found:

* ``c`` — a complement clause or a quotation (say, tell, argue, believe …);
* ``o`` — the direct object and what hangs off it (criticize X for Y, call X a Z, endorse X);
* ``x`` — an infinitive complement (vow to …, urge X to …, plan to …);
* phrasal entries name the prepositions that carry the content (call *for*, point *to*).

Lists are hand-written from how news prose reports speech (and checked against the errors of the
rules on PolNeAR's training split); no weights are learned.
"""

from __future__ import annotations

from typing import Literal

Stance = Literal["neutral", "oppose", "support"]

# verbs that report speech or writing and take a clause or a quotation
SPEECH = frozenset(
    """
    say tell add write note argue claim insist explain announce declare state acknowledge admit
    report tweet warn suggest reply respond answer assert concede contend maintain emphasize
    emphasise stress underscore reiterate reaffirm repeat recall remark observe predict promise vow
    pledge confirm reveal disclose allege complain boast brag joke quip lament caution testify post
    email text retort counter interject shout yell chant scream whisper muse speculate estimate
    hint imply signal assure remind mention comment recount proclaim protest concur agree
    disagree deny dispute reject dismiss insist urge demand ask wonder question theorize
    theorise opine declare indicate conclude find show acknowledge recommend propose charge
    complain grumble rant crow tout brag quip exclaim murmur sigh laugh confide clarify
    """.split()
)

# verbs of belief, knowledge and intention: content is a clause (or an infinitive)
COGNITION = frozenset(
    """
    think believe know feel fear hope expect worry doubt suspect assume understand realize
    realise recognize recognise learn figure guess suppose imagine reckon sense trust
    """.split()
)

# verbs whose content is their object (and the phrases hanging off it)
OBJECT = frozenset(
    """
    criticize criticise accuse praise defend attack blame oppose reject dismiss condemn denounce
    slam blast mock endorse support back favor favour embrace tout welcome applaud thank
    congratulate propose seek demand announce describe cite mention discuss question challenge
    call deny dispute ridicule deride decry lambaste assail chide rebuke scold fault hail laud
    commend champion acknowledge express offer recommend predict promise pledge vow urge blast
    reiterate repeat portray label dub characterize characterise brand liken compare
    """.split()
)

# verbs taking an infinitive complement as content
INFINITIVE = frozenset(
    """
    vow promise pledge threaten plan intend want hope urge ask refuse decline seek agree
    decide expect offer demand encourage push press call
    """.split()
)

# phrasal verbs: lemma -> prepositions (or particles) that introduce the content
PHRASAL: dict[str, frozenset[str]] = {
    "call": frozenset({"for", "on"}),
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
    "react": frozenset({"to"}),
    "respond": frozenset({"to"}),
    "hint": frozenset({"at"}),
    "allude": frozenset({"to"}),
    "lash": frozenset({"out"}),
    "insist": frozenset({"on"}),
    "weigh": frozenset({"in"}),
    "vote": frozenset({"for", "against"}),
    "testify": frozenset({"about"}),
    "boast": frozenset({"about", "of"}),
    "brag": frozenset({"about"}),
    "joke": frozenset({"about"}),
    "write": frozenset({"about", "of"}),
    "think": frozenset({"about", "of"}),
    "care": frozenset({"about"}),
    "ask": frozenset({"about", "for"}),
}

OPPOSE = frozenset(
    """
    reject deny oppose criticize criticise dismiss counter dispute refute contradict slam blast
    denounce condemn attack accuse blame mock ridicule challenge disagree rebut decry lambaste
    assail chide rebuke scold fault deride disavow repudiate reject rip knock pan protest
    """.split()
)

SUPPORT = frozenset(
    """
    support endorse back praise welcome applaud defend hail laud commend embrace champion
    """.split()
)

# nouns that name a statement (a channel, or a cue when they carry a that-clause)
STATEMENT_NOUNS = frozenset(
    """
    statement communique communiqué release interview tweet post email letter memo remarks
    speech op-ed editorial announcement message briefing conference report
    """.split()
)

# nouns that act as cues when they take a that-clause: "the claim that …"
CLAIM_NOUNS = frozenset(
    """
    claim assertion argument suggestion allegation accusation belief view notion idea promise
    pledge warning insistence contention charge fear hope concern statement announcement
    """.split()
)

# left adverbs kept inside a verbal cue ("also said", "has repeatedly argued")
CUE_ADVERBS = frozenset(
    """
    also repeatedly first previously immediately often long only recently even later again
    publicly privately reportedly frequently initially once already never quickly subsequently
    earlier originally specifically explicitly openly flatly strongly firmly simply just further
    similarly likewise separately directly falsely correctly wrongly loudly angrily jokingly
    """.split()
)

SOURCE_CUT_ADVERBS = frozenset({"even", "but", "and", "also", "however", "so", "yet", "then"})


def stance_of(lemma: str, *, negated: bool = False) -> Stance:
    """The stance a cue verb expresses toward its object; negation flips support to neutral."""
    if lemma in OPPOSE:
        return "neutral" if negated else "oppose"
    if lemma in SUPPORT:
        return "neutral" if negated else "support"
    return "neutral"


def is_cue_lemma(lemma: str) -> bool:
    return lemma in SPEECH or lemma in COGNITION or lemma in OBJECT or lemma in PHRASAL
