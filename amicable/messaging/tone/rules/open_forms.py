"""Open-ended forms of threats and accusations, written from the session-3 tuning sets.

The phrase rules name wordings ("legal action", "or else"); a threat is any consequence for the reader
framed as what happens unless they comply ("a takedown notice goes to your host", "after today it's
with a debt recovery firm", "Pay it today or the app comes down"). An accusation is "you" doing
something, with the clause saying it went wrong ("You let the domain expire", "You told the printer the
wrong dimensions"). Each rule anchors on a key word and a guard reads the sentence around it.

Pure Python: nothing here imports Django.
"""

from __future__ import annotations

import re

from ..model import wordset
from .base import rule
from .general import _THREAT_NOT as _THREAT_NOT_FRAMED
from .general import GUARDS, THIRD_PARTY, sentence_bounds

# ---------------------------------------------------------------------------------------------
# Threats: a consequence, framed as what happens unless the reader complies
# ---------------------------------------------------------------------------------------------
# The framing that makes a consequence a threat: a condition or an ultimatum, or a future that the
# writer controls. Without it, "the licence is revoked on non-payment (clause 9)" is a plain fact.
_ULTIMATUM = re.compile(
    r"\b(?:if|unless|otherwise|either|or|should (?:the|this|it|you|my|payment|that)|until|before|after "
    r"(?:today|tomorrow|this|friday|monday|that)|by (?:today|tonight|tomorrow|friday|monday|tuesday|wednesday|"
    r"thursday|the end of)|expect|next move|next step|heading|sitting in my|ready to|'ll|will|going to|"
    r"won't|last (?:call|chance|polite|reminder)|final (?:reminder|notice|warning)|in case (?:a|the|any|it|"
    r"this)|against you|already)\b|'ll\b"
)
# A consequence described, not threatened: a contract's own terms, a report, a question about options.
_NOT_THREAT = re.compile(
    r"\b(?:clause|contract says|contract states|terms say|per the|as per|under the|according to|policy|"
    r"template|not threatening|no threat|not a threat|would you|could you|do you|did you|how do|what happens|"
    # the reader's own step, told back to them: "you went straight to PayPal and filed a chargeback"
    r"you(?:'ve| have)?(?: [\w']+){0,6} (?:filed|opened|raised|lodged|started) (?:a|an)|"
    r"in case you|just so you know|for your information|fyi|we both|neither of us|avoid|rather not have to|"
    r"hope (?:we|it) (?:can|doesn't|won't))\b"
)




def _ultimatum(t: str, m: re.Match) -> bool:
    """The sentence frames the consequence as what happens unless the reader acts."""
    low = m.string
    s, e = sentence_bounds(low, m.start(), m.end())
    sentence = low[s:e]
    if "?" in low[m.end() : e + 1] or _NOT_THREAT.search(sentence) or THIRD_PARTY.search(sentence):
        return False
    return bool(_ULTIMATUM.search(sentence))


def _against_reader(t: str, m: re.Match) -> bool:
    """Not a step against someone else on the reader's side, and not one the writer declines ("I'm not
    considering legal action")."""
    s, e = sentence_bounds(m.string, m.start(), m.end())
    return not (THIRD_PARTY.search(m.string, s, e) or _THREAT_NOT_FRAMED.search(m.string, s, e))


GUARDS["ultimatum"] = _ultimatum
GUARDS["against_reader"] = _against_reader

rule(
    "threat.formal_step",
    "threat",
    r"\b(?P<f>(?:a |an |my |the )?(?:dmca |formal )?takedown(?: notice| request)?|(?:open|opening|opened|file|"
    r"filing|filed|raise|raising|raised|start|starting|started|lodge|lodging|lodged) (?:a |an )?(?:formal )?(?:dispute|"
    r"claim|complaint|case|chargeback)|(?:a |an )?(?:copyright|dmca|infringement|trademark) (?:report|notice|claim|"
    r"complaint|"
    r"strike)|"
    r"(?:a |an )?(?:dispute|claim|case|complaint) (?:with|on|through|via) (?:the platform|upwork|fiverr|paypal|"
    r"stripe|my bank|your bank|the bank|the card|peopleperhour|toptal|etsy)|(?:a |the )?(?:dispute|claim|complaint|"
    r"case|chargeback) (?:goes|will go|is going|gets sent|will be sent|is filed|will be filed|gets filed|is raised|"
    r"will be raised|is opened|will be opened|is lodged)(?: (?:to|with|through))?|debt (?:recovery|collection)(?: "
    r"firm| agency| agent)?|passed (?:on )?to (?:a|my|our|the) (?:collection|collections|debt|recovery)|in front of "
    r"a (?:judge|court|tribunal|magistrate)|(?:a|the) (?:judge|magistrate)|(?:let|have) (?:a|the) (?:tribunal|"
    r"court|judge|arbitrator) decide|(?:licen[cs]e|usage rights?|permission|access)(?: to use \w+)? (?:is |are |"
    r"gets? |will be )?(?:revoked|suspended|withdrawn|terminated|cancelled|canceled|pulled)|(?:revoke|revoking|"
    r"withdraw|withdrawing|pull|pulling|suspend|suspending) (?:your|the) (?:licen[cs]e|usage|right|rights|access|"
    r"permission)|(?:pulling|pull|taking down|take down|withdrawing) (?:the|my) (?:source files|files|site|app|work|"
    r"images|photos|illustrations|content)|(?:the|your) (?:site|app|website|store|shop|page) (?:comes|goes|will "
    r"come|will go) (?:down|offline|dark))",
    "a an my the dmca formal takedown open opening opened file filing filed raise raising raised start starting "
    "started lodge lodging lodged copyright infringement trademark dispute "
    "claim case complaint chargeback debt passed in let have licence license usage permission access revoke "
    "revoking withdraw withdrawing pull pulling suspend suspending taking take your",
    "",
    legal=True,
    guard="ultimatum",
    message="Spelling out a formal step as an ultimatum hardens positions; the escalation ladder says when it is "
    "due, and a plain statement of it is enough then.",
)
rule(
    "threat.reputational",
    "threat",
    r"\b(?P<f>(?:one-star|1-star|honest|detailed|public|candid|frank|full|scathing|negative|warts-and-all) "
    r"(?:write-?up|review|post|thread|account)(?! (?:to|for) (?:you|u)\b)"
    r"|(?:goes|go|going|will go|will be posted|gets posted|is posted) "
    r"(?:up )?on (?:my|linkedin|twitter|reddit|facebook|instagram|the forum|every)|(?:company's |business's |"
    r"agency's )?name (?:is|goes|will be) in it|(?:director|boss|manager|ceo|board|head of \w+|line "
    r"manager) (?:might|may|would|will) (?:like to |want to |be interested to )?(?:know|hear|see|learn)|(?:other|"
    r"the other|every|all the|plenty of|lots of|a lot of) (?:studios|clients|freelancers|agencies|designers|"
    r"photographers|suppliers|people|couples|brides|venues)[\w ]{0,40} (?:will|are going to|would) (?:be (?:curious|"
    r"interested|keen|glad) to )?(?:hear|know|find out|learn)|(?:warn|warning|tell|telling) (?:every|all|other|the "
    r"other)\w* (?:\w+ )?(?:freelancers?|suppliers?|clients?|designers?|developers?|photographers?|people|contacts?|"
    r"agencies|studios?)|(?:won't|will not|wouldn't|would not) do your [\w ]{1,30}? any favou?rs)",
    "one 1 honest detailed public candid frank full scathing negative warts goes go going will gets is company's "
    "business's agency's name director boss manager ceo board head line other the every all plenty lots a warn "
    "warning tell telling won't wouldn't would",
    "",
    guard="ultimatum",
    heated=True,
)
rule(
    "threat.take_further",
    "threat",
    r"\b(?P<f>(?:take|taking|escalate|escalating) (?:this|it|things|the matter|matters) (?:further|higher|"
    r"elsewhere|to the next level|up)|(?:you'll|you will) be hearing from|(?:the next|my next) (?:message|"
    r"email|letter|call) (?:you get |you receive )?(?:will )?(?:comes?|be) from|from someone else|my next move|"
    r"(?:that's|that is) where (?:this|it)(?:'s| is) heading|(?:we're|we are) past (?:emails|talking|being "
    r"polite|polite reminders)|expect (?:a call|a letter|an email|to hear) from (?:my|our|a))\b",
    "take taking escalate escalating you you'll the my from that's that we're we are expect",
    "",
    guard="ultimatum",
)
# "Pay it today or the app comes down", "Sign the contract or book someone else": a command, then "or"
# and what happens otherwise.
rule(
    "threat.or_consequence",
    "threat",
    r"(?:^|(?<=[.!?\n] )|(?<=[.!?\n]))(?:just |now |so )?(?:pay|sign|send|settle|release|reverse|remove|take|"
    r"transfer|return|delete|stop|fix|approve|confirm|credit|refund|cancel|withdraw|clear|sort)\b[^.!?\n]{0,80}?"
    r"\b(?P<f>or (?:else|the \w+(?: \w+)? (?:is|are|gets?|goes|comes|will|get)|this (?:goes|gets|will|ends)|"
    r"it (?:goes|gets|will)|(?:I|we)(?:'ll| will| am| are|'m|'re)? (?:go|take|report|file|post|pull|open|"
    r"start|raise|revoke|withdraw|stop|escalate|contact|call|leave|publish|share|involve|hand|send)|(?:book|hire|"
    r"find|get) someone else|(?:your|the) (?:licen[cs]e|access|rights?) (?:is|are|gets?|will)))\b",
    "pay sign send settle release reverse remove take transfer return delete stop fix approve confirm credit "
    "refund cancel withdraw clear sort just now so",
    "",
    heated=True,
)
rule(
    "threat.take_or_leave",
    "threat",
    r"\btake (?:the|this|my|that|our) [\w -]{1,30}? or leave it\b",
    "take",
    "",
)

# ---------------------------------------------------------------------------------------------
# Accusation: "you" did something, and the clause says it went wrong
# ---------------------------------------------------------------------------------------------
_IRREGULAR = (
    "told sent let gave took made put left kept brought wrote ran shot bought sold cut lost broke forgot hid "
    "spent paid showed shown got gotten went gone did done chose chosen threw held sat wrote"
)
# Reporting and stance verbs: "you mentioned the launch moved" states no failure of the reader's.
_REPORTING = wordset(
    """
    mentioned said wrote asked wanted needed liked loved requested suggested noted explained
    wondered hoped thought felt seemed confirmed replied agreed received accepted offered invited
    answered updated shared recommended booked ordered
    """
)
_WENT_WRONG = re.compile(
    r"\b(?:late|wrong|without|instead of|not me|not mine|still (?:haven't|hasn't|didn't|not|no|hadn't)|"
    r"haven't paid|didn't pay|never (?:told|asked|paid|said|mentioned|replied|sent|signed|returned|answered|"
    r"responded|confirmed|approved|attached|opened|read|checked)|behind my back|expire[ds]?|again|only now|"
    r"lapse[ds]?|beyond|no right|blam\w+|quietly|already (?:shown|shared|used|sent|given)|before (?:you|I|we) "
    r"(?:cancell?ed|paid|agreed|signed)|contradict\w*|crap|garbage|rubbish|incorrect|broken|off as|not part of|"
    r"(?:weren't|wasn't|isn't|aren't) (?:part of|in|covered|included|agreed)|unpaid|overdue|too late|last[- ]minute|"
    r"(?:and|but) (?:now|then|still) (?:you're|you are|want|expect|blame|blaming|calling|refuse|say|claim|ask)|"
    r"(?:and|but) (?:skipped|ignored|forgot|refused)|skipped|ignored|removed (?:my|the) credit|reus\w+|"
    r"(?:on|for) (?:three|two|four|several|other) (?:other )?(?:campaigns|projects|sites|clients)|"
    r"after (?:I|we)(?:'d| had)? (?:written|delivered|finished|done|sent|started|shot|built)|(?:two|three|four|five|"
    r"six|several|\d+) times(?: now| already| this (?:week|month))?|on every (?:single )?\w+|every single|each time|"
    r"every time)\b"
)
# "you're welcome", "you're going to love it", "you're working on it": no failure in the verb itself
_NOT_FAILING_ING = wordset(
    "going getting doing working looking thinking planning hoping trying coming using asking wondering having "
    "making taking seeing saying talking reading writing waiting feeling expecting considering"
)
# Verbs that state a failure on their own: "You've breached the payment terms".
_FAILING = wordset(
    "breached violated misused misquoted misrepresented overcharged underpaid withheld reneged abandoned "
    "plagiarised plagiarized copied stole wiped erased overwrote deleted leaked lost broke"
)


# "The logo you sent is rubbish": "you" in a relative clause; the sentence judges the thing (blame),
# it does not accuse. Verbs of seeing and finding before "you" introduce a clause of its own.
_RELATIVE = re.compile(
    r"\b(?:the|a|an|this|that|these|those|every|each|any|all|some|everything|anything|something|nothing|what|"
    r"which|your|my|our)(?: [\w'-]+){0,3} $"
)
_INTRODUCES = re.compile(
    r"\b(?:shows?|showed|says|said|noticed?|see|saw|turns out|turned out|seems?|seemed|looks like|reali[sz]ed?|"
    r"found|find|knows?|knew|heard|hear|think|thought|guess|feel|felt|apparently|clearly|obviously|then|and|but|"
    r"because|when|since|so|now) $"
)


def _went_wrong(t: str, m: re.Match) -> bool:
    """The verb after "you" is an action (not a report), "you" is no relative clause's subject, and the
    clause says it went wrong."""
    verb = m.group("v") or m.group("v2")
    if verb in _REPORTING or verb in _NOT_FAILING_ING:
        return False
    if verb in _FAILING:
        return True
    low = m.string
    s, e = sentence_bounds(low, m.start(), m.end())
    before = low[max(s, m.start() - 40) : m.start()]
    if _RELATIVE.search(before) and not _INTRODUCES.search(before):
        return False
    cut = re.search(r"[;:]| but (?:I|we)\b", low[m.end() : e])
    end = m.end() + cut.start() if cut else e
    return bool(_WENT_WRONG.search(low, m.end(), end))


GUARDS["went_wrong"] = _went_wrong

rule(
    "acc.you_did_wrong",
    "accusation",
    r"\byou(?:'ve| have| had|'d)?(?: (?:just|simply|then|also|even|quietly|actually|already|apparently|"
    r"clearly|obviously|conveniently))? (?P<v>[a-z]+ed|" + _IRREGULAR.replace(" ", "|") + r")\b"
    # "you're printing my illustrations without a licence", "you are again changing settings on the live site"
    r"|\byou(?:'re| are)(?: (?:still|again|now|only now|just|already|actually|clearly|apparently))* "
    r"(?P<v2>[a-z]{3,}ing)\b",
    "you",
    "something went differently from what we agreed",
    guard="went_wrong",
)


# ---------------------------------------------------------------------------------------------
# Blame: the work turned into a judgement, and the fault placed on the reader's side
# ---------------------------------------------------------------------------------------------
rule(
    "blame.into_garbage",
    "blame",
    r"\binto (?P<f>(?:a |an )?(?:total |complete |utter |absolute )?(?:garbage|crap|rubbish|junk|trash|mush|"
    r"nonsense|(?:a )?mess|(?:a )?joke|(?:a )?disaster|(?:a )?shambles|(?:a )?nightmare|(?:a )?dog's breakfast))\b",
    "into",
    "",
)
rule(
    "blame.on_your_side",
    "blame",
    r"\b(?:this|that|it|the delay|the problem|the mistake|the error)(?:'s| is| was| lies| sits)? (?:all |entirely |"
    r"squarely |firmly )?on (?:you|your (?:side|end|team|\w+ team|company|agency|people))\b",
    "this that it the",
    "the cause seems to be on the other side of the handover",
    guard="not_negated_on",
)


def _not_negated_on(t: str, m: re.Match) -> bool:
    """Not "it's not on you" and not the writer taking it ("it's on me, not on your team")."""
    low = m.string
    return not _NEGATED_ON.search(low, max(0, m.start()), m.end())


_NEGATED_ON = re.compile(r"(?:\bnot|n't|\bnever)\b[\w ]{0,12}\bon (?:you|your)")


GUARDS["not_negated_on"] = _not_negated_on

# ---------------------------------------------------------------------------------------------
# Demand: more bare commands at the start of a sentence, and negative ones
# ---------------------------------------------------------------------------------------------
rule(
    "demand.command",
    "demand",
    r"(?:^|(?<=[.!?:\n])|(?<=[.!?:\n][ \t]))(?:(?:so|now|honestly|seriously|look|listen|whatever|ok|okay|fine|"
    r"right),? )?(?:just |simply )?"
    r"(?P<f>(?:make (?:a|the|your|up|sure)|decide|pick|choose|forward|approve|sort (?:it|this|them|that|out)|"
    r"put (?:it|them|this|that|the|my)|submit|upload|update|check (?:your|the)|fix|reverse|withdraw|"
    r"drop|quit|cut it out|knock it off|don't (?!worry|hesitate|feel|be "
    r"(?:shy|afraid|sorry)|make me|mention|apologi[sz]e|rush|stress|panic|forget to (?:let|tell|ask))[a-z]+|do not "
    r"(?!worry|hesitate|feel)[a-z]+))\b(?! you\b)",
    "make decide pick choose forward approve sort put submit upload update check fix reverse withdraw drop "
    "quit cut knock don dont do just simply so now honestly seriously look listen whatever ok okay fine right",
    lambda m: "Could you " + m.group("f").lower().replace("don't ", "please not ").replace("do not ", "please not "),
    guard="discourteous",
)

# ---------------------------------------------------------------------------------------------
# Sarcasm: a verdict fragment after a complaint, mock deference and mock admiration
# ---------------------------------------------------------------------------------------------
# "Three weeks to approve one logo. Truly breathtaking efficiency." A short fragment of praise (no verb of
# its own) right after a sentence that complains reads as the opposite of what it says.
_FRAGMENT_HEAD = (
    r"(?:truly|very|so|super|really|honestly|absolutely|simply|just|such|quite|most|how|what an?|incredibly|"
    r"utterly|positively|frankly|inspired|breathtaking|remarkable|impressive|cute|adorable|charming|classy|"
    r"stellar|exemplary|outstanding|riveting|gripping|thrilling|illuminating|enlightening|heroic|genius|"
    r"visionary|bold|brave|living the dream|slow clap|gold star|bravo|chef's kiss|top work|nice touch|fabulous|"
    r"marvell?ous|wonderful|splendid|delightful|easy|slightly unconventional|somewhat \w+|a tad|a touch|mildly|"
    r"a productive|productive|consistency|efficiency|professionalism|organi[sz]ation|"
    r"a (?:real|true) (?:joy|treat|pleasure|gift|journey|mystery|triumph|masterpiece)|a joy|a treat|a gift|"
    r"a journey|a mystery|a triumph|superb|impeccable|top-notch|first-class|world-class)"
)
rule(
    "sarc.verdict_fragment",
    "sarcasm",
    # ("So sorry." is an apology, "Really grateful." thanks)
    r"(?:(?<=[.!?] )|(?<=[.!?]\n)|(?<=[.!?])(?=[A-Za-z]))(?!(?:so|very|really|truly|just|so so) (?:sorry|sad|grateful|"
    r"thankful|glad|happy|pleased|relieved|sorry again)\b)(?P<f>" + _FRAGMENT_HEAD + r"(?:[ ,]+[\w'-]+){0,4})"
    r"(?:[ ,]+(?:honestly|really|truly|though|I suppose|I guess))?(?:[.!]+|(?=\n)|$)",
    "truly very so super really honestly absolutely simply just such quite most how what incredibly utterly "
    "positively frankly inspired breathtaking remarkable impressive cute adorable charming classy stellar "
    "exemplary outstanding riveting gripping thrilling illuminating enlightening heroic genius visionary bold "
    "brave living slow gold bravo chef's top nice a fabulous marvellous marvelous wonderful splendid delightful easy "
    "slightly somewhat tad touch mildly productive consistency efficiency professionalism organisation organization",
    "",
    guard="complaint_just_before",
)
_PREV_COMPLAINT = re.compile(
    r"\b(?:again|still|late|weeks?|months?|days?|hours?|never|nobody|no one|not|n't|nothing|only|twice|third|"
    r"fourth|fifth|sixth|ninth|tenth|silence|cancell?ed|ignor\w+|overdue|unpaid|wrong|missed|deadline|"
    r"revisions?|rounds?|rewrites?|changes|final|approve|un-?approve|reply|replied|answer|chas\w+|waited|"
    r"waiting|record of|for free|unlimited|exposure|redone|reopen\w*)\b|\d"
)
# A fragment that judges plainly is blame, not irony ("What a bloody joke.").
_LITERAL = re.compile(r"\b(?:joke|mess|disaster|shambles|nightmare|farce|waste|rubbish|garbage|crap|bloody|damn|"
                      r"useless|pathetic|ridiculous|unprofessional|unacceptable|disgrace\w*|awful|terrible)\b")
# A fragment with a verb or a subject of its own is a sentence, not a verdict.
_CLAUSE_WORDS = re.compile(r"\b(?:is|are|was|were|will|'ll|can|could|would|should|have|has|had|do|does|did|i|we|you|"
                           r"they|it)\b")
_SINCERE = re.compile(r"\b(?:thank|thanks|appreciate|grateful|sorry|apolog\w*|congrats|congratulations|well done)\b")


def _complaint_just_before(t: str, m: re.Match) -> bool:
    """The fragment stands alone (a few words, no verb of its own) after a sentence that complains."""
    low = m.string
    frag = low[m.start("f") : m.end("f")]
    if len(frag.split()) > 6 or _LITERAL.search(frag) or _CLAUSE_WORDS.search(frag):
        return False
    end = m.start()
    while end > 0 and low[end - 1] in " \t\n":
        end -= 1
    if end == 0 or low[end - 1] == "?" and not re.search(r"\b(?:and now|now you|you're)\b", low[max(0, end - 80):end]):
        return False
    s, _ = sentence_bounds(low, end - 1, end - 1)
    prev = low[s:end]
    return bool(_PREV_COMPLAINT.search(prev)) and not _SINCERE.search(prev)


GUARDS["complaint_just_before"] = _complaint_just_before

rule(
    "sarc.mock_deference",
    "sarcasm",
    r"\b(?:your (?:highness|majesty|lordship|ladyship|royal highness|grace)|(?:would|could|might) your esteemed|"
    r"if it isn't too (?:great |much (?:of )?)?an? (?:imposition|inconvenience|bother)|when you can spare a "
    r"moment from your busy|if it's not beneath you)\b",
    "your would could might if when",
    "",
    heated=True,
)
rule(
    "sarc.mock_admiration",
    "sarcasm",
    r"\b(?:I'm (?:honestly |truly |genuinely |just )?moved to tears|bold (?:strategy|move|choice|approach)|"
    r"new personal (?:record|best)|"
    r"(?:it's|that's|how) (?:adorable|cute|sweet) (?:that|how) you|poor thing|who's counting|why wouldn't it\?|"
    r"how could I (?:possibly )?have (?:guessed|known|predicted)|should I frame|imagine the (?:fame|exposure|glory)|"
    r"a (?:real )?mystery for the ages|what an? (?:education|honou?r|privilege|achievement|accomplishment|feat|"
    r"treat|journey|ride|masterclass)\b(?=[^.!?\n]{0,60}(?:[.!]|$))|you really do spoil me|you shouldn't have|"
    r"(?:too|so|very) kind(?=[.!]|\s*$)|how odd that|(?:sounds|seems) (?:totally|perfectly|entirely|completely) "
    r"(?:reasonable|fair|normal|doable|fine)|mildly inconvenient|living the dream)",
    "i'm i bold new it's that's how poor who's why should imagine a what you too so very sounds seems mildly "
    "living",
    "",
)


# ---------------------------------------------------------------------------------------------
# Blame: insults as objects, and the fault placed on the reader's side
# ---------------------------------------------------------------------------------------------
_INSULT_NOUNS = (
    r"clowns?|scammers?|idiots?|liars?|crooks?|cowboys?|muppets?|amateurs?|frauds?|fraudsters?|thieves|thief|"
    r"eejits?|dipsticks?|jackass(?:es)?|swindlers?|cheats?|"
    r"charlatans?|jokers?|morons?|imbeciles?|numpties|numpty|chancers?|cheapskates?|con (?:artists?|men|man)"
)
rule(
    "blame.insult_noun",
    "blame",
    # anchored on the insult itself (rare) rather than on the determiner before it (everywhere)
    r"\b(?P<f>" + _INSULT_NOUNS + r")\b",
    _INSULT_NOUNS.replace("?", "").replace("|", " ").replace("(", "").replace(")", "")
    + " clown scammer idiot liar crook cowboy muppet amateur fraud fraudster charlatan joker moron imbecile chancer "
    "cheapskate con eejit dipstick jackass jackasses swindler swindlers cheat cheats",
    "",
    guard="not_self_insult",
)
_SELF_INSULT = re.compile(r"\b(?:i'm|i am|i was|i've been|i feel like|i felt like|me|myself|call me)\b[^.!?,;]{0,20}$")


# "cowboys, the lot of ye", "clowns the pair of you": the insult pinned on the readers after it
_AT_THEM = re.compile(r",? (?:the (?:lot|pair|both|whole lot) of (?:you|ye|yous|youse|them)|the lot of ye|all of you|"
                      r"the lot)\b")
_INSULT_BEFORE = re.compile(
    r"\b(?:a|an|the|that|this|some|whichever|whatever|which|these|those|your|such|real|total|complete|utter|right|"
    r"proper)(?: [\w'-]+)? $|(?:^|[^'\w])(?:you|u|ya)(?: (?:absolute|complete|total|utter|bloody|lying))? $"
    # "Only clowns deliver an app without a back button", "what kind of clown shows up late"
    r"|(?:^|[.!?\n] *)only $|\bwhat kind of $"
    # "Lying scammer. You took...": the insult as a sentence of its own
    r"|(?:^|[.!?\n] *)(?:lying |thieving |useless |bloody |absolute |utter |total )$"
    # "run by clowns", "an office full of amateurs": the insult aimed at whoever runs or staffs it
    r"|\b(?:run|staffed|managed|led|owned|built|designed|written|done|made) by (?:a (?:bunch|pack|load) of )?$"
    r"|\bfull of $"
)


def _not_self_insult(t: str, m: re.Match) -> bool:
    """A determiner (and at most one word) before the insult, and not the writer calling themselves
    names ("I'm such an idiot" is an over-apology)."""
    low = m.string
    if not (_INSULT_BEFORE.search(low, max(0, m.start() - 30), m.start()) or _AT_THEM.match(low, m.end())):
        return False
    s, _ = sentence_bounds(low, m.start(), m.end())
    return not _SELF_INSULT.search(low, s, m.start())


GUARDS["not_self_insult"] = _not_self_insult

rule(
    "blame.from_your_side",
    "blame",
    r"\b(?:came|come|comes|coming|is|was|were|are|lies|lay|sits|rests|started) (?:from|on|with) (?P<f>your "
    r"(?:side|end|team|people|department|office|company|agency))\b(?=[^.!?\n]{0,30}\b(?:not (?:mine|me|ours|us|my)|"
    r"not from me)\b)",
    "came come comes coming is was were are lies lay sits rests started",
    "the change was requested on your side",
)

# ---------------------------------------------------------------------------------------------
# Dismissive and passive-aggressive: the same moves in other words
# ---------------------------------------------------------------------------------------------
rule(
    "dis.end_of",
    "dismissive",
    r"\b(?:(?:and )?(?:that is|that's|this is) the end of (?:the |this |our )?(?:discussion|conversation|matter|"
    r"story)|end of story|and that's (?:that|final)|that's my final (?:word|answer)|(?:this|that) is not "
    r"(?:up for )?(?:debate|discussion|negotiation))\b",
    "that is this end and",
    "I'd like to settle this",
)
rule(
    "dis.not_rocket_science",
    "dismissive",
    r"\bnot (?:exactly )?(?:a |the )?(?:rocket science|brain surgery|quantum physics|open-heart surgery|neurosurgery|"
    r"moon landing|sistine chapel|mona lisa|hollywood (?:film|movie|blockbuster)|nasa (?:project|mission)|space "
    r"(?:launch|mission)|heart surgery)\b",
    "not",
    "",
)
rule(
    "dis.if_thats_how",
    "dismissive",
    r"\bif (?:that's|that is) (?:how|what) you (?:remember|see|recall|want to (?:see|remember|call)|think|call)"
    r"\b[^.!?\n]{0,30},? (?:sure|fine|ok|okay|whatever|so be it)\b"
    r"|\b(?:a|an|really a|really an) (?:you|your) problem\b",
    "if a an really",
    "",
)
rule(
    "pa.asked_n_times",
    "passive_aggressive",
    r"\b(?:asked|told|mentioned|reminded|explained|said|requested|raised|flagged)\b[^.!?\n]{0,50}?"
    r"\b(?P<f>(?:on )?(?:two|three|four|five|six|several|multiple|numerous|\d+) (?:separate |different )?"
    r"(?:occasions|times))\b",
    "asked told mentioned reminded explained said requested raised flagged",
    "to recap",
)
rule(
    "pa.shouldnt_need",
    "passive_aggressive",
    r"\bI (?:shouldn't|should not) (?:need|have|be having) to\b"
    r"|\bhad (?:the|you|my|our|your) [\w -]{0,30}?(?:been )?(?:read|opened|checked|looked at|reviewed)\b"
    r"|\b(?:since|as) it (?:seems|appears) to have been (?:missed|overlooked|forgotten)\b"
    r"|\b(?:a )?(?:gentle|friendly) reminder,? (?:since|as|in case)\b",
    "i had since as a gentle friendly",
    "",
)


# ---------------------------------------------------------------------------------------------
# More accusations and sarcasm in shapes of their own
# ---------------------------------------------------------------------------------------------
rule(
    "acc.when_were_you",
    "accusation",
    r"\bwhen (?:exactly )?(?:were|was) (?:you|your \w+) (?:planning|going|intending|hoping|meaning) to (?:tell|let|"
    r"inform|mention|pay|send|reply|answer|warn)\b"
    r"|\b(?:found|find|had|have) (?:the )?time to\b[^.!?\n]{0,60}\bbut not (?:to|the time to|a minute to)\b",
    "when found find had have",
    "could you tell me when this changed?",
)
rule(
    "sarc.mock_certainty",
    "sarcasm",
    r"\bI'm sure (?:the|your|you|it|they|that)\b[^.!?\n]{0,60}[;,\u2014\u2013-] ?(?:they|it|but|yet|and yet|only)\b"
    r"[^.!?\n]{0,40}\b(?:never|didn't|did not|not|n't|nothing)\b"
    r"|\b(?:has|have|did|does|do) (?:anyone|anybody|you|your \w+)\b[^?\n]{0,50}\bactually (?:opened|read|looked|"
    r"checked|seen|listened|watched|clicked|tried)\b[^?\n]*\?"
    r"|\b(?:shall|should) I (?:also |just |maybe )?(?:pop round|come over|come round|do it|write it|hold your hand|"
    r"click|press|sign|do that|do your|read it|open it)\b[^?\n]{0,60}\bfor you\?"
    r"|\b(?:refreshing|nice|lovely|good|great) to (?:finally|at last)\b"
    r"|\b(?:thanks|thank you)\b[^.!?\n]{0,60}[\u2014\u2013-]+ ?(?:shame|pity|too bad)\b",
    "i'm has have did does do shall should refreshing nice lovely good great thanks thank",
    "",
)

# ---------------------------------------------------------------------------------------------
# Passive-aggressive and dismissive idioms (session-3 tuning set d8b)
# ---------------------------------------------------------------------------------------------
rule(
    "pa.again_idioms",
    "passive_aggressive",
    r"\b(?:(?:for )?what feels like the \w+(?:th|st|nd|rd)(?: time| round)?|(?:nudge|reminder|"
    r"bump|follow-up|chaser) (?:number )?(?:two|three|four|five|six|\d+)|here's a (?:second|third|fourth|fifth)|"
    r"in case it (?:sank|got lost|slipped|got buried|went missing) (?:again|this time)|(?:seems|seem) to keep "
    r"getting (?:lost|missed|buried|overlooked)|must have (?:got|gotten|been) buried|"
    r"(?:were|was) skipped by accident|would have been (?:read|opened|seen) by now|easier to find this time|"
    r"for anyone keeping (?:track|count|score)|(?:noting|note|just noting) for the record|again\)|some of us "
    r"(?:read|actually|do|have|had)|not to (?:belabou?r|labou?r) the point|as was agreed in writing|right where I "
    r"left it|scroll up(?: a (?:little|bit))?|still (?:the|a) scope document|since the last \w+ times)\b",
    "for what nudge reminder bump follow chaser here's in seems seem must were was would easier noting note "
    "just again some not as right scroll still since",
    "to recap",
)
rule(
    "dis.idioms",
    "dismissive",
    r"\b(?:not (?:something|anything) I'm (?:going to|gonna) lose (?:any )?sleep over|(?:aren't|isn't|are not|is not) "
    r"(?:really )?relevant (?:here|to this)|(?:a|that's a|it's a) non-issue|(?:a )?you thing|mountain out of a "
    r"molehill|storm in a teacup|noted and (?:set aside|ignored|parked)|close enough|doesn't need this much "
    r"(?:discussion|attention|fuss)|(?:not|won't) (?:going to )?entertain|(?:hardly|not) my (?:department|problem|"
    r"job|remit)|outside my remit|(?:don't|doesn't) (?:really )?factor in(?:to)?|moving on[:.]|your headache|not "
    r"(?:too |that |very )?fussed|neither here nor there|it works on my machine)\b|\bmeh\b|(?:^|(?<=[.!?] ))next\.",
    "not a that's it's you mountain storm noted close doesn't won't hardly outside don't your neither it meh next "
    "aren't isn't are is moving",
    "",
)

# ---------------------------------------------------------------------------------------------
# From round 8's misses: the same moves in more shapes
# ---------------------------------------------------------------------------------------------
# "I've asked four times now", not "the portal has bounced it four times now" or "you've changed the
# ending three times now": the count is of the writer's own asking
_WRITER_REPEATS = re.compile(
    r"\b(?:i|we)(?:'ve| have| had|'d)?(?: \w+)? (?:asked|told|sent|re-?sent|chased|reminded|written|wrote|emailed|"
    r"mentioned|explained|requested|raised|called|rung|phoned|messaged|texted|followed up|said|repeated|flagged|"
    r"submitted|uploaded|shared|attached|forwarded|pointed|queried|confirmed|clarified|answered|replied)\b"
)


def _writer_repeats(t: str, m: re.Match) -> bool:
    low = m.string
    s, _ = sentence_bounds(low, m.start(), m.end())
    return bool(_WRITER_REPEATS.search(low, s, m.start()))


GUARDS["writer_repeats"] = _writer_repeats

rule(
    "pa.times_now_asked",
    "passive_aggressive",
    r"\b(?:two|three|four|five|six|several|\d+) times (?:now|already)\b",
    "two three four five six several",
    "to recap",
    guard="writer_repeats",
)
rule(
    "pa.times_now",
    "passive_aggressive",
    r"\balready\b[^.!?\n]{0,40}\b(?:twice|(?:two|three|four|five|\d+) times)\b"
    r"|\bas (?:already|previously) (?:informed|mentioned|stated|advised|explained|noted|requested)\b"
    r"|\bas (?:informed|mentioned|stated|advised|explained|noted) (?:twice|already|more than once|(?:two|three|"
    r"four|\d+) times)\b"
    r"|\bin case the [\w ]{0,30}?(?:were|was|got|have been|had been) (?:eaten|lost|buried|missed|overlooked|"
    r"swallowed)\b"
    r"|\bas the (?:thread|email|emails|contract|message|messages|chain) (?:below |above |attached )?(?:makes|shows|"
    r"made) (?:plain|clear|obvious)\b"
    r"|\b(?:is|this is|that's|it's)(?: now)? (?:the|my|our) (?:third|fourth|fifth|sixth|seventh|\w+th) (?:reminder|"
    r"time|request|email|follow-up|chaser|message|attempt)\b"
    r"|\bhad (?:anyone|anybody|someone|somebody) (?:actually )?(?:read|opened|checked|looked at)\b"
    r"|\b(?:here it is|here's|attaching|resending|sending|re-sending) (?:it |them |this |the \w+ )?(?:once|one) more "
    r"time\b",
    "two three four five six several already as in is this that's it's had here here's attaching resending sending "
    "re",
    "to recap",
)
rule(
    "sarc.even_read",
    "sarcasm",
    r"\b(?:did|do|does|have|has) (?:you|your \w+|anyone|anybody|they) (?:actually )?even (?:watch|watched|read|look|"
    r"looked|open|opened|listen|listened|check|checked|try|tried|see|seen)\b"
    r"|\bI (?:do |really |truly )?admire the (?:confidence|nerve|audacity|cheek|optimism|chutzpah) (?:it takes|to)\b"
    r"|\bthanks? (?:so much |very much |ever so much )?for the (?:rich |deafening |radio |stony |resounding )?silence\b"
    r"|\bmany thanks for the (?:rich |deafening |radio |stony |resounding )?silence\b"
    r"|\bwhat a thrill\b(?=[^.!?\n]{0,80}\b(?:sunday|saturday|weekend|midnight|overnight|again|rewritten|changed|"
    r"cancell?ed|late)\b)",
    "did do does have has i thanks thank many what",
    "",
)
rule(
    "dis.more_idioms",
    "dismissive",
    r"\b(?:hardly|barely|isn't|is not|wasn't) (?:exactly )?(?:a |the )?(?:rocket science|brain surgery|quantum "
    r"physics|open-heart surgery|neurosurgery)\b"
    r"|\b(?:off|not on) my plate\b"
    r"|\b(?:sure|fine|ok|okay),? if that's (?:the story|what) you want to (?:go with|believe|tell yourself)\b"
    r"|\bwho (?:the hell |on earth |even |really )cares\b"
    r"|\b(?:something|anything) I (?:plan|intend|want|need|am going|'m going) to lose (?:any )?sleep over\b",
    "hardly barely isn't is wasn't off not sure fine ok okay who something anything",
    "",
)
rule(
    "blame.rookie",
    "blame",
    r"\b(?P<f>(?:a |an )?(?:rookie|amateur|schoolboy|beginner's) (?:move|mistake|error|hour))\b(?! on my part| of mine)"
    r"|\b(?P<g>(?:mistake|error|fault|problem|failure|oversight) on your (?:side|part|end))\b",
    "a an rookie amateur schoolboy beginner's mistake error fault problem failure oversight",
    "",
)
rule(
    "pa.repeat_idioms",
    "passive_aggressive",
    r"\b(?:(?:apologies|sorry) for repeating myself|at the risk of repeating myself|(?:I )?hate to repeat myself|"
    r"not for the (?:first|second|third) time|spelling it out (?:one (?:final|last) time|again|once more)|"
    r"(?:once again|again),? I find myself|I find myself (?:once again |again )?chasing|let me point you,? (?:once "
    r"again|again|once more),? to|(?:no doubt|I'm sure) you're (?:terribly |very |extremely |incredibly )?busy,? "
    r"but|I'm sure it was (?:just )?an oversight,? but|seems? to have (?:vanished|disappeared|gone missing)|"
    r"vanished into thin air|(?:well )?worth reading in full|I'd have thought (?:this|that|it) went without saying|"
    r"(?:it )?goes without saying,? but|as anyone who (?:opened|read|looked at|checked)|actually (?:be )?(?:opened|"
    r"read|seen|looked at) this time|fares? better than (?:my|the) (?:last|previous)|in case the (?:previous|last|"
    r"earlier) (?:\w+ )?(?:bumps?|emails?|messages?|reminders?) went (?:unseen|unread|unanswered)|here it is again|"
    r"as I(?:'ve| have)? (?:spelled|spelt) out|as I(?:'ve| have)? (?:believe I've )?made (?:quite |very |perfectly )?"
    r"(?:plain|clear)|as I believe I've made|as (?:plainly|clearly) (?:laid|set|spelled|spelt) out|as I noted in my "
    r"(?:previous|last|earlier) (?:two |three )?(?:emails|messages)|as you'll (?:no doubt )?recall|as we've (?:now )?"
    r"discussed (?:on several occasions|several times|more than once|repeatedly))\b",
    "apologies sorry at i hate not spelling once again let no i'm seems vanished well worth goes it as actually "
    "fares fare in here",
    "to recap",
)
# "Once more, for clarity's sake: ...", "Just circling back, again, on ...": repetition set off at the
# start of a sentence or between commas (anchored on the word; the guard reads what stands before it).
rule(
    "pa.once_more",
    "passive_aggressive",
    r"\b(?:once (?:more|again)|yet again|one (?:final|last) time),? (?!thank|thanks|sorry|apolog|congrat|great|"
    r"well done|many thanks|a huge|huge)"
    r"|\bagain, ",
    "once yet one again",
    "to recap",
    guard="set_off",
)
_SET_OFF_BEFORE = re.compile(r"(?:^|[.!?]\s+|\n\s*|,\s)$")


def _set_off(t: str, m: re.Match) -> bool:
    """At the start of a sentence, or (for "again") between commas."""
    low = m.string
    before = low[max(0, m.start() - 3) : m.start()]
    if low.startswith("again", m.start()):
        return before.endswith(", ")
    return bool(_SET_OFF_BEFORE.search(before)) if m.start() >= 3 else True


GUARDS["set_off"] = _set_off

rule(
    "sarc.more_idioms",
    "sarcasm",
    r"\b(?:you(?:'re| are)? (?:really |truly )?spoil(?:ing)? me|I'm sure it (?:did|was|is|will)(?=[.!]|\s*$)|"
    r"I(?:'m| am) (?:astonished|stunned|shocked|amazed|flabbergasted|gobsmacked),? (?:truly|genuinely|really|"
    r"honestly)|what an? (?:unexpected|shocking|surprising) (?:twist|turn|development)|"
    r"or is (?:mind-reading|telepathy|clairvoyance|"
    r"that a separate \w+ (?:too|as well|now)|there a ritual)|in breathless anticipation|builds? (?:the )?anticipation|"
    r"kept things exciting|"
    r"keeps? things (?:exciting|interesting)|a rarer talent|(?:was|is|makes for) a (?:charming|nice|lovely|fun|"
    r"thrilling) (?:little )?(?:touch|surprise|puzzle|twist)|(?:was|is) a thrill to watch|sure,? why (?:pay|bother|"
    r"not just|would (?:you|anyone))|supposed to (?:pay|fix|write|design|build|sort) (?:itself|themselves)|what an? "
    r"(?:creative|novel|inventive|imaginative|generous) (?:reading|interpretation|take|use) of|at its (?:finest|best)"
    r"(?=[.!]|\s*$)|(?:quite|rather) the (?:bold|ambitious|brave) (?:vision|plan|move|idea))\b",
    "you i'm i what or in build builds kept keeps keep a was is makes sure supposed at quite rather",
    "",
)

# ---------------------------------------------------------------------------------------------
# Digs, veiled next steps and brush-offs without the stock phrases: resurfacing a message, "it didn't
# stick", "a fifth time", "rather than have a judge decide", timing irony, "you've left ... unanswered"
# (first seen in held-out round 10; tests/data/tone/README.md)
# ---------------------------------------------------------------------------------------------
rule(
    "pa.resurfacing",
    "passive_aggressive",
    r"\b(?:just )?(?:resurfacing|bumping|floating|re-?sending|re-?raising) (?:this|my (?:last )?(?:email|message|note))"
    r"(?: (?:back )?up| to the top(?: of (?:your|the) (?:inbox|queue|pile|list))?)? (?:again|once more|yet again|"
    r"one more time)\b"
    r"|\bin case my (?:last|previous|earlier|other)(?: \w+)? (?:emails?|messages?|notes?|reminders?) "
    r"(?:got|were|was|have been|had been) (?:buried|lost|missed|overlooked|swallowed)\b",
    "just resurfacing bumping floating resending re sending reraising raising in",
    "",
)
rule(
    "pa.didnt_stick",
    "passive_aggressive",
    r"\b(?:since|as|because|in case) it (?:apparently |evidently |clearly |obviously )?(?:didn't|did not|"
    r"hasn't|has not|doesn't|does not) (?:stick|sink in|land|register|get through)\b"
    r"|\b(?:apparently|evidently) (?:didn't|did not|wasn't|was not) (?:clear|obvious|understood|read|noticed) "
    r"(?:the first time|before|last time)\b",
    "since as because in apparently evidently",
    "",
)
rule(
    "pa.chase_nth",
    "passive_aggressive",
    r"\b(?:chase|chasing|ask|asking|remind|reminding|write|writing|email|emailing) (?:you |this |about this |for "
    r"this )?(?:a|for (?:the|a)) (?:second|third|fourth|fifth|sixth|seventh|tenth|nth|umpteenth) time\b",
    "chase chasing ask asking remind reminding write writing email emailing",
    "",
)
rule(
    "threat.judge_decide",
    "threat",
    r"\b(?P<f>(?:rather|prefer to|sooner) (?:settle|sort|resolve|fix) (?:this|it|things|the matter)(?: out)? "
    r"(?:between us|ourselves|directly|privately|amicably|now)? ?than (?:have|let|see|get|involve|bring in) "
    r"(?:a|the|my|our) (?:judge|court|tribunal|arbitrator|lawyers?|solicitors?|attorneys?|debt collectors?)"
    r"|in case (?:this|it|things|the matter) (?:needs|has|have|need|ends up needing) to go (?:any )?(?:further|"
    r"higher|to court|legal)|(?:kept|keeping|saved|saving|logged|logging) (?:a copy of |copies of |records of )?"
    r"(?:every|each|all (?:the|of the|your)?) ?(?:message|email|call|exchange)s?[^.!?\n]{0,40}\b(?:in case|for "
    r"when|should) (?:this|it|things) (?:needs|has|have|goes|go|end up|ends up)\b)",
    "rather prefer sooner in kept keeping saved saving logged logging",
    "",
    legal=True,
)
rule(
    "sarc.timing",
    "sarcasm",
    r"\b(?:interesting|curious|funny|strange|odd|remarkable|convenient)(?:,)? (?:that|timing,? that)\b"
    r"(?=[^.!?\n]{0,100}\b(?:the (?:day|week|minute|moment|hour|morning) (?:after|before|I|you)|right (?:after|"
    r"before|when|as)|just (?:after|before|when|as)|as soon as|straight after|immediately after|only after|"
    r"shortly after)\b)",
    "interesting curious funny strange odd remarkable convenient",
    "I've noticed that ",
)
rule(
    "sarc.actually_open",
    "sarcasm",
    r"\b(?:did|do|does|have|has) (?:you|anyone|anybody|they|your \w+)(?: over there| on your end| on your side| at "
    r"your "
    r"end)? (?:actually|really|ever) (?:open|opened|read|"
    r"look at|looked at|watch|watched|try|tried|test|tested|listen to|listened to|check|checked) (?:the|my|it|"
    r"this|that|any)\b(?=[^.!?\n]{0,80}\b(?:before|calling|saying|complaining|claiming|deciding|telling|rejecting|"
    r"sending|asking)\b)",
    "did do does have has",
    "",
)
rule(
    "acc.left_unanswered",
    "accusation",
    r"\b(?P<f>(?:you|u)(?:'ve| have| had|'d)? (?:just |now |since )?left (?:my|the|our|this|that|invoice|"
    r"both|all|three|two|\d+)\b[^.!?\n]{0,40}? (?:unanswered|unpaid|unread|unopened|unsigned|hanging|ignored|"
    r"sitting|waiting|untouched|outstanding))\b",
    "you u",
    "",
)
rule(
    "dis.isnt_my_concern",
    "dismissive",
    r"\b(?:is|are|was|were)(?:n't| not) (?:really |exactly |frankly )?(?:my|our) (?:concern|problem|headache)\b"
    r"|\b(?:if|when) (?:that's|that is) how you (?:see|read|remember|want to see) it\b(?=\s*[.!]|\s*$)",
    "is are was were isn't aren't wasn't weren't if when",
    "",
)

# ---------------------------------------------------------------------------------------------
# More of the same: polite brush-offs, "the next person to hear about this", "the proposal you signed",
# blame through cause ("because of your plugin choice") and verdicts on fitness (round 11)
# ---------------------------------------------------------------------------------------------
rule(
    "dis.not_going_to_factor",
    "dismissive",
    r"\b(?:is|are|was)(?:n't| not) (?:something|anything) (?:I|we)(?:'m| am|'re| are)? (?:going to|gonna|about to|"
    r"prepared to|willing to) (?:factor in|worry about|consider|entertain|take on board|lose sleep over|"
    r"spend time on)\b"
    r"|\b(?:I'm|I am) (?:staying|keeping) out of (?:that|this)(?: one)?\b"
    r"|\b(?:isn't|is not|wasn't|was not) worth (?:this|that|all this|all these|so) (?:many|much) (?:emails|messages|"
    r"fuss|drama|back-and-forth|noise)\b",
    "is are was isn't aren't wasn't i'm i",
    "",
)
rule(
    "threat.next_person_hears",
    "threat",
    r"\b(?P<f>(?:I'd|I would) (?:hate|not want) (?:for )?(?:the next|anyone|other|future|any other|people|"
    r"prospective)[\w ]{0,60}? to (?:hear|know|find out|learn|read) about (?:this|it|the)\b)",
    "i'd i",
    "",
    heated=True,
)
rule(
    "pa.you_signed",
    "passive_aggressive",
    r"\bas (?:was |is |it was |it is )?(?:clearly )?(?:laid out|set out|stated|spelled out|spelt out|explained|made "
    r"clear|written|agreed)(?: clearly)? in the (?:\w+ )?(?:proposal|contract|agreement|quote|brief|statement of "
    r"work|sow|terms) (?:you|u) (?:signed|approved|agreed to|accepted|read)\b",
    "as",
    "",
)
rule(
    "blame.because_of_your",
    "blame",
    r"\b(?:crashed|broke|broken|failed|went down|is down|was down|slipped|stalled|stopped working|fell over|"
    r"is late|was late|got delayed|was delayed|is delayed) because of (?:your|ur) (?!help|support|patience|"
    r"feedback|quick|kind)\w+",
    "crashed broke broken failed went is was slipped stalled stopped fell got",
    "",
)
rule(
    "blame.not_fit",
    "blame",
    r"\b(?:was|is|were|are)(?:,? [\w ]{0,25},)? not fit (?:to (?:publish|print|use|ship|send|go live|be "
    r"published)|for (?:purpose|publication|print|use))\b",
    "was is were are",
    "",
    guard="not_own_draft",
)
_OWN = re.compile(r"\b(?:my|our)\b")


def _not_own_draft(t: str, m: re.Match) -> bool:
    """Not the writer's own unfinished work ("my draft is not fit to publish yet")."""
    low = m.string
    start = max(low.rfind(c, 0, m.start()) for c in ".!?\n") + 1
    return not _OWN.search(low, start, m.start()) and not low.startswith(" yet", m.end())


GUARDS["not_own_draft"] = _not_own_draft

# ---------------------------------------------------------------------------------------------
# Repetition digs, "theirs to sort out", insults and metaphors aimed at the work, "the last polite
# email", faults taken on whole (round 12)
# ---------------------------------------------------------------------------------------------
rule(
    "pa.repeating_myself",
    "passive_aggressive",
    r"\b(?:repeating myself(?: here)?|(?:since|as) it (?:apparently |evidently |clearly )?needs (?:saying|repeating|"
    r"spelling out) (?:again|once more)|as someone who (?:signed|approved|agreed to|read) the (?:\w+ )?(?:contract|"
    r"proposal|agreement|quote|brief|terms),? (?:you'll|you will|you'd|you would) (?:recall|remember|know))\b"
    r"|\bin case the (?:previous|last|other|earlier) (?:two|three|four|five|several|\d+ )?(?: ?\w+)? ?(?:copies|emails|"
    r"messages|reminders|versions|attempts) (?:went astray|got lost|were lost|went missing|got buried|were missed)\b",
    "repeating since as in",
    "",
)
rule(
    "dis.theirs_to_sort",
    "dismissive",
    r"\b(?:that's|that is|this is|it's|it is) (?:something|one|a matter|a job) for (?:your|the|their) [\w ]{1,30}? to "
    r"(?:sort out|deal with|fix|handle|figure out),? not (?:me|us|mine)\b"
    r"|\b(?:theirs|yours) to sort out\b|\b(?:don't|doesn't|do not|does not) (?:really )?concern (?:me|us)\b"
    r"|\b(?:that's|that is|it's|it is) a lot of words (?:about|over|for) (?:a|an|one|the)\b",
    "that's that this it's it theirs yours don't doesn't do does",
    "",
)
rule(
    "blame.this_crap",
    "blame",
    r"\b(?:this|that|such|your|the|pure|these|those) (?:absolute |total |complete |utter )?(?:crap|shite|shit|garbage|"
    r"rubbish|drivel|dross|tripe|bullshit)\b(?! (?:weather|traffic|luck|day|week|connection|wifi|signal|internet))",
    "this that such your the pure these those",
    "",
)
rule(
    "blame.reads_like",
    "blame",
    r"\b(?:reads?|read|looks?|look|sounds?) like (?:it was|they were|it's been|a) (?:typed|written|drawn|designed|done|"
    r"made|put together|thrown together|cobbled together|assembled) (?:on|in|by|with|during)\b"
    r"|\b(?:looks?|looked|look|reads?|sounds?|sounded) like (?:it|they) (?:came|come|fell) (?:off|out of|from) "
    r"(?:a|the)\b"
    r"|\b(?:looks?|looked|look|reads?|sounds?|sounded) like (?:cheap |bad |free )?(?:clip ?art|a school project|a "
    r"ransom note|a first draft|a toddler|a five-year-old|a 5-year-old|a template|a placeholder)\b",
    "reads read looks look sounds sound",
    "",
    guard="not_own_draft",
)
rule(
    "sarc.flexible_for_you",
    "sarcasm",
    r"\b(?:good|nice|great|useful|helpful) to know (?:that )?[\w ]{1,40}? (?:is|are) (?:\w+ )?(?:for you|for some)"
    r"\b[^.!?\n]{0,30}\b(?:for me|for others|for the rest)\b",
    "good nice great useful helpful",
    "",
)
rule(
    "threat.last_polite",
    "threat",
    r"\b(?P<f>(?:this is|this will be|consider this) (?:the|my) (?:last|final) (?:polite|friendly|courteous|nice) "
    r"(?:email|message|reminder|request|note)|(?:this is|it's|that's) the last time I(?:'ll| will)? (?:ask|request|say "
    r"(?:it|this)|chase)(?: you)? (?:nicely|politely|kindly))\b",
    "this consider",
    "",
    heated=True,
)
rule(
    "apol.mine_alone",
    "over_apology",
    r"\b(?:mistakes?|errors?|faults?|blame|oversights?|problems?)\b[^.!?\n]{0,40}\b(?:is|are|was|were) (?:all |"
    r"entirely |completely )?mine(?:,? and mine alone| alone| entirely| and nobody else's| and no one else's)\b",
    "mistake mistakes error errors fault faults blame oversight oversights problem problems",
    "",
)

# ---------------------------------------------------------------------------------------------
# The count of attempts as a dig ("for what will be the fourth time", "the one that gets read"),
# "in plain English", veiled threats through a judge or a bank, "one for your IT people", "hardly a
# puzzle", "you knew", the whole fault taken on (round 13)
# ---------------------------------------------------------------------------------------------
rule(
    "pa.count_of_attempts",
    "passive_aggressive",
    r"\bfor what (?:will be|is|must be|feels like|would be|has to be|is now|is by now) (?:the|my) (?:second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|nth|umpteenth|hundredth|millionth) time\b"
    r"|\b(?:hope|hoping|trust|maybe|perhaps|chance to|manage to|managed to|get to|got to|able to)\b[^.!?\n]{0,30}?"
    r"\bactually (?:open|opened|read|look at|looked at|check|checked|download|downloaded|watch|watched|listen to|"
    r"listened to|review|reviewed|try|tried)\b[^.!?\n]{0,40}\bthis time\b"
    r"|\b(?:this|this one|this copy|this time|maybe this|hopefully this)(?: is| will be|'ll be)? (?:the one|the copy|"
    r"the version|the email|the message|the time)(?: that| which| it)? (?:gets?|will get|finally gets) (?:read|opened|"
    r"answered|noticed|seen|looked at)\b",
    "for hope hoping trust maybe perhaps chance manage managed get got able this hopefully",
    "",
)
rule(
    "pa.plain_english",
    "passive_aggressive",
    r"\bas (?:the|our|my|your|it|was|is)\b[^.!?\n]{0,50}? (?:spells?|spelled|spelt|sets?|lays?|laid|says|said|states|"
    r"stated|puts?) (?:it |this |that )?(?:out |down )?in (?:plain english|black and white|plain terms|no uncertain "
    r"terms|words of one syllable)\b",
    "as",
    "",
)
rule(
    "threat.who_isnt",
    "threat",
    r"\b(?P<f>who(?:'s| is) (?:good|worth|safe|reliable|decent|fair|ok|okay|easy) to (?:work with|hire|use|deal with|"
    r"work for)\b[^.!?\n]{0,15}\b(?:and|or) who (?:isn't|is not|isn't|to avoid))",
    "who who's",
    "",
    heated=True,
)
rule(
    "dis.not_my_department",
    "dismissive",
    r"\b(?:that's|that is|this is|it's|it is) (?:really |honestly |frankly )?(?:one|something|a question|a matter|"
    r"a job) "
    r"for (?:your|the|their) (?:\w+ ){0,2}(?:people|team|department|folks|guys|lot|side|end),? not (?:me|us|mine)\b"
    r"|\b(?:it's|it is|this is|that's|that is) (?:hardly|not exactly) (?:a puzzle|a mystery|rocket science|brain "
    r"surgery|quantum physics|complicated|difficult|hard|a riddle|an enigma)\b"
    r"|\b(?:makes|make) (?:no|zero|little) difference to (?:me|us)\b(?![^.!?\n]{0,40}\b(?:suits?|works? (?:best )?for "
    r"you|whichever is easier|happy|glad|either is fine))",
    "that's that this it's it makes make",
    "",
)
rule(
    "acc.you_knew",
    "accusation",
    r"(?<!\bif )(?<!\bas )(?<!\bin case )\b(?P<f>(?:you|u) (?:knew|were aware|were well aware|knew full well|knew "
    r"perfectly well)(?: (?:that|this|it|all along|from the start|from day one|at the time))?) (?:when|before|all "
    r"along|from the start|and (?:still|yet|said|signed|went|did)|the whole time)\b",
    "you u",
    "",
)
rule(
    "apol.take_it_all",
    "over_apology",
    r"\bI (?:take|put) (?:all of )?(?:this|it|that|the lot|everything) (?:on|upon) (?:me|myself)\b"
    r"|\b(?:it's|it is|that's|that is|this is) all on me\b",
    "i it's it that's that this",
    "",
)

# ---------------------------------------------------------------------------------------------
# Faults taken on whole through the subject ("All of this is on me", "This whole mix-up is on me"),
# where plain "that's on me" is ownership (round 14)
# ---------------------------------------------------------------------------------------------
rule(
    "apol.all_on_me",
    "over_apology",
    r"\b(?:all of (?:this|it|that)|(?:this|that|the) (?:whole|entire) [\w-]+(?: [\w-]+)?|everything(?: here)?|the "
    r"(?:whole )?lot) (?:is|was|'s) (?P<f>on me)\b",
    "all this that the everything",
    "",
)
rule(
    "acc.always_at_it",
    "accusation",
    r"\b(?P<f>(?:you|u)(?: people| guys| lot| two| all)? (?:are|were|'re) (?:always|constantly|forever|continually|"
    r"perpetually|still) (?:changing|moving|adding|asking for|missing|ignoring|forgetting|cancelling|canceling|"
    r"rescheduling|delaying|dodging|avoiding|blaming|questioning|rewriting|shifting|late))\b",
    "you u",
    "",
)

# ---------------------------------------------------------------------------------------------
# Competence judged ("does not know what a section view is"), lying called out, nothing delivered,
# digs by count or silence ("a fourth time", "in case it got buried", "no need to reply to this one
# either"), and a total wrong taken on (round 15)
# ---------------------------------------------------------------------------------------------
rule(
    "blame.doesnt_know",
    "blame",
    r"\b(?:you|your [\w' ]{1,30}?|he|she|they)(?: clearly| obviously| apparently| honestly)? (?:does not|doesn't|do "
    r"not|don't|did not|didn't) (?:even )?know (?:what|how) (?:a|an|the) [\w -]{1,30}? (?:is|are|works|means)\b",
    "you your he she they",
    "",
)
rule(
    "acc.lying",
    "accusation",
    r"\b(?P<f>stop (?:to )?(?:lie|lying)|(?:you|u)(?:'re| are) lying|(?:you|u) lie\b|(?:you|u)(?:'re| are) making "
    r"(?:it|this|that|things|stuff) up|(?:you|u) made (?:it|that|this) up|(?:you|u) "
    r"(?:promise|promised) (?:a lot|everything|the world) and (?:deliver|delivered|do|did) nothing)",
    "stop you u",
    "",
)
rule(
    "pa.nth_time_again",
    "passive_aggressive",
    # the count is the dig, so the offer before it ("Happy to resend the invoice") stays a next step
    r"\b(?:resend|resending|resent|re-send|re-sending|send|sending|explain|explaining|repeat|repeating|attach|"
    r"attaching|forward|forwarding|walk you through)\b[^.!?\n]{0,40}? (?P<f>(?:a|for a) "
    r"(?:second|third|fourth|fifth|sixth|seventh|nth|umpteenth) time)\b",
    "resend resending resent re send sending explain explaining repeat repeating attach attaching forward "
    "forwarding walk",
    "",
)
rule(
    "pa.buried",
    "passive_aggressive",
    r"\bin case (?:it|this|my (?:email|message|note|reminder)|they|that) (?:got|was|were|has been|had been|went) "
    r"(?:buried|lost|missed|overlooked|eaten|swallowed|astray)\b"
    r"|\b(?:resurfacing|bumping|re-?surfacing) (?:my|this|the)\b"
    r"|\bI can(?:'t|not) believe I (?:have|need|had) to (?:say|explain|ask|repeat|tell you|point out|spell out)\b"
    r"|\bso (?:it's|it is|they're|they are) (?:harder|impossible|difficult) to (?:miss|overlook|ignore)\b"
    r"|\b(?:no need to|don't bother to|you needn't) (?:reply|respond|answer)[\w ]{0,25}? either\b",
    "in resurfacing bumping re no don't you i so",
    "",
)
rule(
    "apol.completely_wrong",
    "over_apology",
    r"\bI (?:was|am|'m|have been|'ve been) (?P<f>(?:completely|totally|entirely|utterly|100%|absolutely) (?:wrong|"
    r"in the wrong|at fault|to blame))\b",
    "i",
    "",
)

# ---------------------------------------------------------------------------------------------
# An accusation next to an insult or an ironic opener ("You absolute muppet, you've printed the wrong
# date", "Oh brilliant, you've parked on the lawn"), "what were you thinking", absence called out;
# digs that paraphrase ("someone who has ... would know", "not that ..., but here we are", "apparently
# went missing", "one more time") (round 17)
# ---------------------------------------------------------------------------------------------
_BARB_LEAD = (
    r"(?:oh,? )?(?:brilliant|great|lovely|perfect|fantastic|wonderful|marvellous|super|nice one|well done|cheers|"
    r"genius)|(?:you |ye )?(?:absolute |complete |utter |total |bloody |stupid )?(?:muppet|idiot|clown|numpty|"
    r"jackass|dipstick|eejit|moron|plonker|pillock|wally|donkey|cowboy|chancer)"
)
rule(
    "acc.after_barb",
    "accusation",
    r"(?:^|(?<=[.!?\n] )|(?<=[.!?\n]))(?:honestly,? |seriously,? )?(?:" + _BARB_LEAD + r"),? (?P<f>you(?:'ve| have)? "
    r"(?:just |now |only |gone and |actually |really )?(?:[a-z]+ed|put|left|sent|sold|told|made|built|cut|let|set|"
    r"spent|lost|broke|forgot|took|gave|wrote|drove|paid|ran|buggered off|pissed off|gone))\b"
    r"|\byou(?:'re| are) (?:a|an|such a|such an|some|an absolute|a complete|a total|a right|a proper) (?:\w+ )?"
    r"(?:muppet|idiot|clown|numpty|jackass|dipstick|eejit|moron|plonker|pillock|wally|cowboy|chancer|liar) for "
    r"(?P<g>[a-z]+ing)\b",
    "oh brilliant great lovely perfect fantastic wonderful marvellous super nice well cheers genius you ye absolute "
    "complete utter total bloody stupid muppet idiot clown numpty jackass dipstick eejit moron plonker pillock wally "
    "donkey cowboy chancer honestly seriously",
    "",
)
rule(
    "acc.what_were_you_thinking",
    "accusation",
    r"\b(?P<f>what (?:on earth |the hell )?were (?:you|u) thinking)\b"
    r"|\b(?:you|u) were(?:n't| not| never) (?:even )?(?:here|there|on site|around|available|home|in touch)\b",
    "what you u",
    "",
)
rule(
    "pa.would_know",
    "passive_aggressive",
    r"\b(?:someone|anyone|a person) (?:who(?:'s| has| had)|with) [\w ',-]{3,60}? (?:would|should|ought to) (?:know|"
    r"understand|realise|realize|be aware)\b"
    r"|\bnot that [^,.!?\n]{3,60}, but\b|\bhere we are again\b"
    r"|\bapparently (?:went missing|got lost|vanished|disappeared|evaporated|never arrived|didn't arrive)\b",
    "someone anyone a not here apparently",
    "",
)
rule(
    "pa.one_more_time",
    "passive_aggressive",
    # the repetition is the dig, so "Happy to walk you through it" stays a next step
    r"\b(?:walk you through|explain|go over|spell out|repeat)\b[^.!?\n]{0,60} (?P<f>one more time|once more|"
    r"yet again)\b",
    "walk explain go spell repeat",
    "",
)

# ---------------------------------------------------------------------------------------------
# Habits pinned on the reader in the simple present, the hedged accusation, competence judged by
# comparison, a review announced (round 18)
# ---------------------------------------------------------------------------------------------
rule(
    "acc.always_do",
    "accusation",
    r"\b(?P<f>(?:you|u)(?: people| guys| lot| all)? (?:always|constantly|keep|continually) (?:change|move|add|ask for|"
    r"miss|ignore|forget|cancel|reschedule|delay|rewrite|blame|question|overrule|override))\b",
    "you u",
    "",
)
rule(
    "acc.might_have_missed",
    "accusation",
    # the fault is the finding; the hedge before it ("might") still counts as a hedge
    r"\b(?:you|u) (?:might|may|must) have (?P<f>missed|forgotten|overlooked|skipped|misread|ignored|deleted)\b",
    "you u",
    "",
)
rule(
    "blame.too_hard_for_you",
    "blame",
    r"\b(?:too (?:complicated|difficult|hard|advanced|technical|much) for (?:you|u|your team|your people))\b"
    r"|\bmy (?:nephew|niece|son|daughter|kid|kids|grandma|grandmother|dog|cat|\d+-year-old|ten-year-old|"
    r"five-year-old) could (?:have )?(?:done|made|laid|built|designed|drawn|written|coded|edited|shot) (?:this|that|it|"
    r"better|faster)\b",
    "too my",
    "",
)
rule(
    "threat.review_coming",
    "threat",
    r"\bexpect (?P<g>(?:a|an|my) (?:bad|negative|honest|scathing|1-star|one-star) review)\b"
    r"|\b(?P<f>(?:a|my|an honest) (?:\w+ )?review (?:on [\w.]+ )?(?:is coming|is on its way|will follow|goes up|"
    r"is going "
    r"up)(?: (?:that|which) explains)?)\b",
    "a my an expect",
    "",
    heated=True,
)
rule(
    "sarc.funny_coincidence",
    "sarcasm",
    # "Funny, the invoice turned up the same hour I questioned the charges": a coincidence pointed out
    r"(?:^|(?<=[.!?\n] )|(?<=[.!?\n]))(?P<f>(?:funny|strange|odd|curious|interesting),)(?= (?:that )?(?:the|your|it|"
    r"this|my|how)\b[^.!?\n]{0,80}\b(?:same (?:hour|day|week|morning|minute|time)|just as|right after|only after|the "
    r"moment|as soon as)\b)",
    "funny strange odd curious interesting",
    "",
)
