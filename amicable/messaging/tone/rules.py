"""The tone coach's rules: what it looks for, why, and what it suggests instead.

Each rule is a regular expression (matched case-insensitively on the prepared text), the category it
reports, a one-line explanation, and a calmer phrasing: a fixed string or a function of the match.
``keys`` are words of which at least one must occur in the text for the rule to run at all: a cheap
set intersection decides which rules run, so a typical message runs a small fraction of them.
A named group ``f`` narrows the reported span to the focus word ("you *always*").

Pure Python: nothing here imports Django.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .model import MESSAGES, WEIGHTS, wordset

Suggest = str | Callable[[re.Match], str] | None


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: str
    regex: re.Pattern
    keys: frozenset[str]
    message: str
    suggest: Suggest
    weight: int
    heated: bool = False
    legal: bool = False  # a legal step: not flagged when the escalation ladder allows it
    guard: str | None = None  # name of an extra check in engine.GUARDS


RULES: list[Rule] = []


def lower_pattern(pattern: str) -> str:
    """Lower-case a pattern except escapes (``\\W`` stays ``\\W``).

    Rules run on lower-cased text without re.IGNORECASE: several times faster in CPython's engine,
    which cannot use its first-character scan for case-insensitive letters.
    """
    out = []
    escaped = False
    for ch in pattern:
        out.append(ch if escaped else ch.lower())
        escaped = not escaped and ch == "\\"
    return "".join(out).replace("(?p<", "(?P<").replace("(?p=", "(?P=")


def rule(
    rid: str,
    category: str,
    pattern: str,
    keys: str,
    suggest: Suggest = None,
    *,
    message: str | None = None,
    weight: int | None = None,
    heated: bool = False,
    legal: bool = False,
    guard: str | None = None,
) -> None:
    RULES.append(
        Rule(
            id=rid,
            category=category,
            regex=re.compile(lower_pattern(pattern)),
            keys=frozenset(keys.split()),
            message=message or MESSAGES[category],
            suggest=suggest,
            weight=WEIGHTS[category] if weight is None else weight,
            heated=heated,
            legal=legal,
            guard=guard,
        )
    )


# ---------------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------------
_ADV = (
    r"(?:still|just|simply|even|again|clearly|obviously|really|conveniently|totally|completely|also|always|"
    r"constantly|continually|repeatedly|keep|kept)"
)
SUBJ = rf"\byou(?:'ve|'d|'re| have| had| are| were)?(?: {_ADV})?"
FAULT = (
    r"(?:never|not|haven't|hasn't|didn't|did not|don't|do not|failed to|fail to|refused to|refuse to|"
    r"won't|will not|wouldn't|would not|neglected to|can't be bothered to|couldn't be bothered to|"
    r"can't even|couldn't even|cannot)"
    r"(?: (?:even|yet|still|once|ever|actually|bother to|bothered to|bother|care to|seem to|seemed to))*"
)
# The rest of the clause after a verb (up to punctuation or a joining word), for suggestions.
REST = (
    r"(?P<rest>(?:(?!\b(?:and|but|so|because|which|or|though|although|when|while|if|unless|until|"
    r"since|even though)\b)[^.!?;\n,]){0,80})"
)
_TRAILING = re.compile(r"\s+(?:yet|still|at all|again|ever|either|already|so far|to date|once)\s*$", re.I)
_LEADING_ME = re.compile(r"^(?:me|us)\b\s*", re.I)
_DETERMINER = re.compile(r"^(?:my|our|the|this|that|these|those|your|it|its|any)\b", re.I)


def rest(m: re.Match, drop_me: bool = True) -> str:
    """The clause after the verb, without a leading 'me' and trailing 'yet'/'still'."""
    r = (m.groupdict().get("rest") or "").strip()
    r = _TRAILING.sub("", r)
    if drop_me:
        r = _LEADING_ME.sub("", r)
    return r.strip()


# ---------------------------------------------------------------------------------------------
# Accusation: "you failed to", "you never", "you ignored"
# ---------------------------------------------------------------------------------------------
def _s_pay(m: re.Match) -> str:
    r = rest(m)
    if not r:
        return "I haven't yet received payment"
    if r.lower().startswith("on time"):
        return "the payment didn't arrive on time" + r[7:]
    if re.match(r"(?:for|on|in|by|within|at|until|before)\b", r, re.I):
        return f"I haven't yet received payment {r}"
    return f"I haven't yet received payment for {r}"


def _s_reply(m: re.Match) -> str:
    r = rest(m, drop_me=False)
    tail = f" {r}" if r.lower().startswith("to ") and not r.lower().startswith("to me") else ""
    return f"I haven't had a reply{tail} yet"


def _s_read(m: re.Match) -> str:
    r = rest(m)
    if _DETERMINER.match(r):
        return f"it seems {r} may have been missed"
    return "it seems my message may have been missed"


def _s_send(m: re.Match) -> str:
    r = rest(m)
    return f"I haven't received {r} yet" if r else "I haven't received it yet"


def _s_tell(m: re.Match) -> str:
    r = rest(m)
    return f"I didn't know {r}" if r else "I wasn't aware of this"


def _s_follow(m: re.Match) -> str:
    r = rest(m, drop_me=False)
    verb = m.group("v").lower()
    if not r:
        return "this didn't go as agreed"
    if verb.startswith(("meet", "met")):
        return f"{r} was missed"
    if verb.startswith(("keep", "kept", "honou", "hono")):
        return f"{r} hasn't been kept"
    return f"the result differs from {r}"


def _s_approve(m: re.Match) -> str:
    verb = m.group("v").lower()
    noun = {"a": "acceptance", "s": "signature", "c": "confirmation"}.get(verb[0], "approval")
    r = rest(m)
    return f"I'm still waiting for your {noun} on {r}" if r else f"I'm still waiting for your {noun}"


def _s_care(m: re.Match) -> str:
    r = rest(m)
    if r.lower().startswith("my ") or r.lower().startswith("about my "):
        thing = r[6:] if r.lower().startswith("about ") else r
        return f"I feel {thing} isn't being given much weight"
    return "I'm not sure this is a priority for you right now"


def _s_generic_fail(m: re.Match) -> str:
    r = rest(m, drop_me=False)
    if m.group("how").lower().startswith("refuse"):
        return f"you'd prefer not to {r}" if r else "you'd prefer not to"
    return f"it looks like we didn't get to {r}" if r else "it looks like this didn't happen"


_PAY = r"pay|paid|paying|settle|settled|settling"
_REPLY = (
    r"reply|replied|replying|respond|responded|responding|answer|answered|answering|get back|got back|"
    r"gotten back|getting back|write back|wrote back|call(?:ed)? (?:me )?back|return(?:ed)? my (?:calls?|"
    r"e-?mails?|messages?)"
)
_READ = r"read|reading|look at|looked at|looking at|open|opened|check|checked|checking"
_LISTEN = r"listen|listened|listening|understand|understood|get it|hear me|heard me"
_SEND = (
    r"send|sent|sending|provide|provided|providing|give|gave|given|giving|deliver|delivered|delivering|"
    r"share|shared|sharing|upload|uploaded|return|returned"
)
_TELL = r"tell|told|telling|inform|informed|mention|mentioned|let me know|warn|warned|said|say"
_FOLLOW = r"follow|followed|following|stick to|stuck to|honou?r|honou?red|keep|kept|meet|met"
_APPROVE = r"approve|approved|sign|signed|confirm|confirmed|accept|accepted"
_CARE = r"care|cared|value|valued|appreciate|appreciated|respect|respected"

def _words(alternation: str) -> str:
    """The words of a regex alternation of plain phrases, as rule keys ("get back" gives get, back)."""
    plain = re.sub(r"\(\?:|\)\??|\?", " ", alternation)
    return " ".join(w for w in re.split(r"[^a-z]+", plain) if len(w) > 1)


_ACC_PAY = "You are describing what they did wrong; say what is missing on your side instead."
rule("acc.pay", "accusation", rf"{SUBJ} {FAULT} (?:{_PAY})\b{REST}", _words(_PAY), _s_pay, message=_ACC_PAY)
rule(
    "acc.reply",
    "accusation",
    rf"{SUBJ} {FAULT} (?:{_REPLY})\b{REST}",
    "reply replied replying respond responded responding answer answered answering back return returned",
    _s_reply,
)
rule("acc.read", "accusation", rf"{SUBJ} {FAULT} (?:{_READ})\b{REST}", _words(_READ), _s_read)
rule(
    "acc.listen",
    "accusation",
    rf"{SUBJ} {FAULT} (?:{_LISTEN})\b",
    _words(_LISTEN),
    "I may not have explained this clearly",
)
rule("acc.send", "accusation", rf"{SUBJ} {FAULT} (?:{_SEND})\b{REST}", _words(_SEND), _s_send)
rule("acc.tell", "accusation", rf"{SUBJ} {FAULT} (?:{_TELL})\b{REST}", _words(_TELL), _s_tell)
rule(
    "acc.follow",
    "accusation",
    rf"{SUBJ} {FAULT} (?P<v>{_FOLLOW})\b{REST}",
    "follow followed following stick stuck honour honor honoured honored keep kept meet met",
    _s_follow,
)
rule("acc.approve", "accusation", rf"{SUBJ} {FAULT} (?P<v>{_APPROVE})\b{REST}", _words(_APPROVE), _s_approve)
rule("acc.care", "accusation", rf"{SUBJ} {FAULT} (?:{_CARE})\b{REST}", _words(_CARE), _s_care)
rule(
    "acc.failed_to",
    "accusation",
    rf"{SUBJ} (?:(?:completely|totally|simply) )?(?P<how>failed|neglected|refused|forgot|forgotten|"
    rf"didn't bother|did not bother|never bothered|couldn't be bothered|can't be bothered) to\b{REST}",
    "you failed neglected refused forgot forgotten bother bothered",
    _s_generic_fail,
)


def _s_ignored(m: re.Match) -> str:
    r = rest(m)
    return f"{r} may have been missed" if _DETERMINER.match(r) else "my messages may have been missed"


rule(
    "acc.ignored",
    "accusation",
    rf"{SUBJ}(?: (?:keep|kept|been))? (?:ignored|ignoring|ignore)\b{REST}",
    "ignored ignoring ignore",
    _s_ignored,
)
rule(
    "acc.lied",
    "accusation",
    r"\byou(?:'ve| have| are|'re)?(?: been)? (?:lied|lying|lie)\b(?: to me)?",
    "lied lying lie",
    "what I was told doesn't match what happened",
    heated=True,
)
rule(
    "acc.broke_word",
    "accusation",
    r"\byou(?:'ve| have)? (?:broke|broken|went back on|gone back on|backed out of|reneged on) "
    r"(?:your|the|our) (?:word|promise|agreement|deal|contract|commitment)\b",
    "broke broken reneged backed went gone",
    "what we agreed hasn't happened",
)


def _s_wasted(m: re.Match) -> str:
    thing = m.group("w").lower()
    return f"this has taken more {'time' if thing == 'weekend' else thing} than I planned"


rule(
    "acc.wasted",
    "accusation",
    r"\byou(?:'ve| have| are|'re)?(?: been)? (?:wasted|wasting|waste) (?:[\w ]{1,30} of )?my "
    r"(?P<w>time|money|weekend|effort)\b",
    "wasted wasting waste",
    _s_wasted,
)
rule(
    "acc.messed_up",
    "accusation",
    r"\byou(?:'ve| have)?(?: (?:really|completely|totally))? (?:(?:messed|screwed|mucked|fouled|cocked) "
    r"(?:up|(?:it|this|everything|things) up)|ruined|botched|butchered|wrecked|sabotaged)\b",
    "messed screwed mucked fouled cocked ruined botched butchered wrecked sabotaged",
    "something went wrong",
)


def _s_keep_changing(m: re.Match) -> str:
    r = rest(m, drop_me=False)
    if m.group("v").lower().startswith(("add", "ask", "com")):
        return "the scope has grown several times"
    return f"{r} changed several times" if r else "the requirements changed several times"


rule(
    "acc.keep_changing",
    "accusation",
    r"\byou(?:'re| are)? (?:keep|kept|constantly|always|continually) (?P<v>chang(?:e|es|ing)|mov(?:e|es|ing)|"
    rf"add(?:s|ing)?|shift(?:s|ing)?|ask(?:s|ing)? for|com(?:e|es|ing) back with)\b{REST}",
    "keep kept constantly always continually",
    _s_keep_changing,
)


def _s_should_have(m: re.Match) -> str:
    if "n" in m.group("neg").lower():
        return "it would have helped if you hadn't"
    return "it would have helped if you had"


rule(
    "acc.should_have",
    "accusation",
    r"\byou (?P<neg>should|ought to|shouldn't|should not)(?: have|'ve)\b"
    r"(?! (?:received|got|gotten|seen|had|been (?:notified|sent|sent|told)))",
    "should shouldn ought",
    _s_should_have,
)
rule(
    "acc.why_not",
    "accusation",
    r"\bwhy (?:(?:didn't|don't|haven't|won't|can't|couldn't|wouldn't|aren't|weren't|hasn't) you|"
    r"(?:do|did|are|would|have|were) you (?:even|still|never|always|keep|ever|not))\b[^.!?\n]{0,120}\?+",
    "why",
    "Could you help me understand what happened?",
    message="A 'why didn't you' question is an accusation; ask what happened instead.",
)
rule(
    "acc.how_dare",
    "accusation",
    r"\bhow (?P<h>dare|could|can) you\b[^.!?\n]{0,120}[.!?]*",
    "how",
    "I was surprised by this.",
    message="'How could you' is an accusation; say what surprised you.",
)

# ---------------------------------------------------------------------------------------------
# Blame and judgements of the person or their work
# ---------------------------------------------------------------------------------------------
rule(
    "blame.fault",
    "blame",
    r"\b(?:(?:it|this|that|everything|all of this|the whole thing)(?:'s| is| was| has been) "
    r"(?:all |entirely |completely |totally |100% )?)?your (?:own )?(?:fault|mistake|error|incompetence|"
    r"negligence|carelessness|laziness|screw-?up|mess|doing|problem)\b",
    "fault mistake error incompetence negligence carelessness laziness screwup screw mess doing problem",
    "let's focus on fixing this",
    message="Assigning fault starts an argument about fault; focus on what needs to happen now.",
)
rule(
    "blame.because_of_you",
    "blame",
    r"\bbecause of you\b(?!r)|\bthanks to you\b(?=,| the| this| I| we| my| our)|\byou(?:'re| are)"
    r" (?:to blame|"
    r"responsible for (?:this|the) (?:mess|problem|delay|situation))|\byou(?:'ve| have)? (?:caused|created) "
    r"(?:this|the|a) (?:mess|problem|delay|situation|issue)\b|\bblame (?:lies|rests) (?:with|on) you\b",
    "because thanks blame responsible caused created",
    "as a result",
    message="Assigning fault starts an argument about fault; describe what happened.",
)
_JUDGE = (
    r"unprofessional|incompetent|amateurish|amateur|lazy|clueless|dishonest|unreliable|useless|pathetic|"
    r"ridiculous|absurd|outrageous|unacceptable|disgraceful|shameful|appalling|laughable|careless|"
    r"sloppy|rude|arrogant|unreasonable|greedy|cheap|shady|terrible|awful|horrible|hopeless|"
    r"impossible to work with|insulting|fraudulent|disrespectful|a(?: (?:total|complete|fucking|bloody|real|"
    r"absolute|bit of a|complete and utter))? (?:joke|disaster|mess|nightmare|rip-?off|scam|fraud|shambles)"
)
rule(
    "blame.judgement",
    "blame",
    r"(?:\byou(?:'re| are| were| have been|'ve been)|\b(?:this|that|it|which)(?:'s| is| was| has been)|"
    r"\b(?:your|this|that|the|these|those)(?: [\w\"'\u201d-]+){1,3} (?:is|was|has been|are|were|looks|seems)|"
    r"\bhow|\bsuch an?|\bso|\bwhat an?)"
    r"(?: (?:being|so|very|completely|totally|utterly|absolutely|just|really|extremely|incredibly|quite|"
    r"frankly|honestly|beyond|deeply|downright|simply|pretty|rather|fucking|bloody|damn|freaking))*"
    rf" (?P<f>{_JUDGE})\b",
    "unprofessional incompetent amateurish amateur lazy clueless dishonest unreliable useless pathetic "
    "ridiculous absurd outrageous unacceptable disgraceful shameful appalling joke laughable careless "
    "sloppy rude arrogant unreasonable greedy cheap shady terrible awful horrible hopeless disaster mess "
    "nightmare impossible insulting rip ripoff scam fraudulent fraud disrespectful shambles",
    "not what we agreed",
)
rule(
    "blame.scam",
    "blame",
    r"\b(?:you(?:'re| are|'ve| have)? (?:scamming|scammed|ripping me off|ripped me off|cheating|cheated|"
    r"stealing|stole|robbing|robbed)|(?:this|that|it)(?:'s| is) (?:theft|stealing|robbery|daylight robbery))"
    r"\b",
    "scamming scammed ripping ripped cheating cheated stealing stole robbing robbed theft robbery",
    "I don't think this is fair",
    heated=True,
)
rule(
    "blame.no_idea",
    "blame",
    r"\byou(?: (?:clearly|obviously|really))? (?:have no idea|have no clue|haven't got a clue|"
    r"don't have a clue|"
    r"don't know what you're doing|do not know what you are doing|know nothing about)\b",
    "idea clue know nothing",
    "we may see this differently",
)
rule("blame.you_people", "blame", r"\byou people\b", "people", "you", heated=True)
rule(
    "blame.not_a_pro",
    "blame",
    r"\byou(?:'re| are)(?: (?:clearly|obviously|just|really|simply))? (?:not|no) (?:a |an )?(?:real )?"
    r"(?:professional|expert|designer|developer|writer|pro|freelancer|client)\b",
    "professional expert designer developer writer pro freelancer client",
    "we see this differently",
)

# ---------------------------------------------------------------------------------------------
# Absolutes
# ---------------------------------------------------------------------------------------------
_IRREGULAR_PAST = wordset(
    "received got gotten sent heard had saw seen paid replied answered told gave given made done "
    "delivered read responded signed approved confirmed mentioned said"
)


def _s_never(m: re.Match) -> str:
    nxt = (m.group("next") or "").lower()
    before = m.string[max(0, m.start() - 6) : m.start()].lower()
    if nxt in _IRREGULAR_PAST or nxt.endswith("ed"):
        return "not" if re.search(r"(?:have|has|'ve|'s) $", before) else "haven't"
    return "rarely"


rule(
    "abs.never",
    "absolute",
    r"\bnever\b(?! (?:mind|hesitate|been happier|better|said|meant|suggested|claimed|called|implied))"
    r"(?= (?P<next>\w+))?",
    "never",
    _s_never,
)
rule(
    "abs.always",
    "absolute",
    r"\b(?:you|they|he|she|it|this|that|everyone|your \w+)(?:'re|'s|'ve| are| is| were| was| have| has)?"
    r"(?: \w+ly| just| also)? (?P<f>always)\b",
    "always",
    "often",
)
rule(
    "abs.every_time",
    "absolute",
    r"\b(?:every (?:single )?time|each and every time|every single (?:one|thing|day|week|email|message|"
    r"time|deadline|invoice|change)|all the time|not (?:even )?once|not (?:even )?(?:a|one) single)\b",
    "every each time once single",
    lambda m: "not yet" if m.group(0).lower().startswith("not") else "several times",
)
rule(
    "abs.constantly",
    "absolute",
    r"\b(?:constantly|continually|perpetually|forever(?= \w+ing\b))\b",
    "constantly continually perpetually forever",
    "more than once",
)
rule(
    "abs.nothing",
    "absolute",
    r"\b(?P<f>nothing)(?= (?:you|works|is right|was right|is working|has been done|has changed|at all|"
    r"ever works|I asked for|about this|gets done)\b)"
    r"|\b(?P<e>everything)(?= (?:you|is wrong|was wrong|is broken|was broken|is late|went wrong|has gone "
    r"wrong|is a mess|was a mess|about this is)\b)",
    "nothing everything",
    lambda m: "not everything" if m.group("f") else "a lot",
)
rule(
    "abs.intensifier",
    "absolute",
    r"\b(?P<f>100%|completely|totally|utterly|entirely|absolutely) (?=(?:wrong|broken|useless|unusable|"
    r"different|"
    r"ignored|worthless|pointless|failed|" + _JUDGE + r")\b)",
    "completely totally utterly entirely absolutely 100",
    "",
)

# ---------------------------------------------------------------------------------------------
# Sarcasm (scare quotes are found in engine from the prepared text)
# ---------------------------------------------------------------------------------------------
rule(
    "sarc.great_job",
    "sarcasm",
    r"\b(?:oh,? )?(?:great|nice|good|fantastic|brilliant|amazing|wonderful|excellent|stellar|terrific|"
    r"superb|way to go|well done) (?:job|work|effort|going|move)?,? ?(?:on |with )?(?P<v>missing|ignoring|"
    r"breaking|ruining|forgetting|losing|wasting|delaying|blowing|skipping|not)\b",
    "great nice good fantastic brilliant amazing wonderful excellent stellar terrific superb way well",
    lambda m: "unfortunately we didn't"
    if m.group("v").lower() == "not"
    else f"unfortunately we ended up {m.group('v').lower()}",
)
rule(
    "sarc.thanks_for_nothing",
    "sarcasm",
    r"\bthanks?(?: you)?(?: a lot| a bunch| so much)? for (?:nothing|ignoring me|wasting my time|the silence|"
    r"ruining|breaking|nothing at all)\b",
    "thanks thank",
    "",
)
rule(
    "sarc.thanks_finally",
    "sarcasm",
    r"\b(?:thanks?(?: you)? for|(?:nice|good|kind|great|lovely) of you to|glad (?:you|to see you)) "
    r"(?:finally|eventually|at last|bothering)\b",
    "thanks thank nice good kind great lovely glad",
    "thanks for",
)
rule(
    "sarc.how_convenient",
    "sarcasm",
    r"\b(?:how|very|so) (?:convenient|nice of you|kind of you|generous of you)\b[.!]*"
    r"|\bwhat a (?:surprise|shock|shocker|coincidence)\b[.!]*|\bmust be nice\b[.!]*|\byeah,? right\b[.!]*"
    r"|\bwho (?:knew|would have (?:thought|guessed))\b[.!?]*|\boh,? so now\b",
    "convenient nice kind generous surprise shock shocker coincidence must yeah right knew would now",
    "",
)
rule(
    "sarc.funny_how",
    "sarcasm",
    r"\b(?:funny|interesting|amazing|curious|strange|I love|gotta love|got to love|love) how (?=you|the|"
    r"this|that|it|"
    r"every)",
    "funny interesting amazing curious strange love",
    "I've noticed that ",
)
rule(
    "sarc.oh_great",
    "sarcasm",
    r"\b(?:oh|wow),? (?:great|wonderful|perfect|fantastic|brilliant|lovely|just great|really|just wow|"
    r"how nice|super)\b[,.!]*|\b(?:great|brilliant|fantastic|perfect|wonderful|lovely|terrific|super|"
    r"just great),? "
    r"(?=(?:another|more|yet another)\b)",
    "oh wow great brilliant fantastic perfect wonderful lovely terrific super",
    "",
)
rule(
    "sarc.kidding",
    "sarcasm",
    r"\b(?:are you (?:kidding|joking|serious|for real)(?: me)?|you(?:'ve| have)? got to be kidding(?: me)?|"
    r"you must be (?:joking|kidding)|seriously\?+)[?!.]*",
    "kidding joking serious seriously real",
    "",
)
rule(
    "sarc.do_you_even",
    "sarcasm",
    r"\b(?:do|did|does|have) you (?:even|ever) (?:read|know|understand|care|listen|check|look|open|bother|"
    r"think|try)\b[^.!?\n]{0,80}\?*",
    "even ever",
    "Could you take another look at this?",
)
rule(
    "sarc.clearly_expert",
    "sarcasm",
    r"\b(?:clearly|obviously) (?:you(?:'re| are)? )?(?:an? )?(?:expert|genius|professional|pro)\b"
    r"|\b(?:real|very|so|how) professional of you\b|\breal professional\b|\bcongratulations on "
    r"(?:missing|ignoring|breaking|ruining|finally)\b|\bsure(?:,)? (?:because|why not)\b",
    "expert genius professional pro congratulations sure",
    "",
)
rule(
    "sarc.im_sure_you_did",
    "sarcasm",
    r"\bI'm sure you (?:did|were|have|are|will|tried|meant to)(?=[.!]|\s*$)",
    "sure",
    "",
)

# ---------------------------------------------------------------------------------------------
# Passive-aggressive stock phrases
# ---------------------------------------------------------------------------------------------
rule(
    "pa.per_my_last",
    "passive_aggressive",
    r"\b(?:per|as per) my (?:last|previous|earlier|prior) (?:e-?mail|message|note|letter|reply)\b",
    "per",
    "to recap",
)
rule(
    "pa.as_i_said",
    "passive_aggressive",
    r"\bas (?:I|we)(?: have| had|'ve)? (?:already|previously|repeatedly|clearly) (?:said|stated|mentioned|"
    r"explained|noted|told you|pointed out|made clear|asked)\b"
    r"|\bas (?:I|we)(?: have| had|'ve)? (?:said|stated|mentioned|explained|told you|pointed out|asked) "
    r"(?:before|several times|many times|multiple times|twice|repeatedly|\w+ times|already)\b"
    r"|\bas (?:previously|already) (?:stated|mentioned|explained|said)\b|\bas stated (?:before|previously)\b",
    "already previously repeatedly clearly before several many multiple twice times stated",
    "to recap",
)
rule(
    "pa.told_you_times",
    "passive_aggressive",
    r"\bI(?:'ve| have)(?: already)? (?:told|asked|said|explained|reminded)(?: (?:this|you|it|that))* "
    r"(?:\w+ times|twice|before|already|repeatedly|over and over)\b"
    r"|\bfor the (?:second|third|fourth|fifth|sixth|umpteenth|hundredth|last|\d+(?:st|nd|rd|th)) time\b",
    "told asked said explained reminded second third fourth fifth sixth umpteenth hundredth last time",
    "to recap",
)
rule(
    "pa.going_forward",
    "passive_aggressive",
    r"\b(?:going|moving) forward\b,?(?= (?:please|you|kindly|I(?:'d| would) (?:appreciate|ask|expect)|"
    r"make sure|ensure|let's make sure|I expect|I need you))",
    "going moving",
    "from now on",
)
rule(
    "pa.due_respect",
    "passive_aggressive",
    r"\bwith (?:all )?(?:due )?respect\b,?|\bno offen[cs]e,? but\b|\bnot to be (?:rude|difficult|pushy|funny|"
    r"mean|harsh),? but\b|\bI'm sure you(?:'re| are) (?:very |extremely |super )?busy,? but\b",
    "respect offence offense rude difficult pushy funny mean harsh busy",
    "",
)
rule(
    "pa.did_you_see",
    "passive_aggressive",
    r"\bnot sure (?:if|whether) you (?:saw|got|received|read|noticed) my (?:last |previous |earlier )?"
    r"(?:e-?mail|message|note)\b",
    "sure",
    "I'm following up on my email",
)
rule(
    "pa.remind_you",
    "passive_aggressive",
    r"\b(?:let me remind you|I (?:would|must|have to|need to) remind you|as you (?:should|must|ought to) "
    r"(?:know|be aware)|I shouldn't have to|I should not have to)\b",
    "remind should shouldn",
    "as a reminder",
)
rule(
    "pa.if_you_had_read",
    "passive_aggressive",
    r"\bif you(?:'d| had)(?: (?:actually|just|only))? (?:read|bothered|checked|looked|paid attention)\b",
    "read bothered checked looked attention",
    "as described in my message",
)
rule(
    "pa.yet_again",
    "passive_aggressive",
    r"\b(?:yet again|again and again|time and (?:time )?again|over and over(?: again)?)\b",
    "again over",
    "again",
)
rule(
    "pa.explain_slowly",
    "passive_aggressive",
    r"\bI(?:'ll| will) (?:try to )?(?:explain|say|put) (?:it|this) (?:again |one more time |once more )?"
    r"(?:slowly|simply|in simple terms|very simply)\b",
    "slowly simply simple",
    "let me put this another way",
)

# ---------------------------------------------------------------------------------------------
# Profanity and insults
# ---------------------------------------------------------------------------------------------
_SWEAR = (
    r"fu{1,3}c?k(?:ing|ed|er|ers|in|s|up)?|fck(?:ing|ed)?|fkn|fking|f[*@#]+c?k(?:ing|ed)?|f\*+|"
    r"motherf(?:u|\*)c?k(?:er|ers|ing|in)?|"
    r"shit(?:ty|s|e|ting|ter|head)?|sh[*!1]t(?:ty)?|bullshit|bs|crap(?:py)?|goddamn(?:ed|it)?|damn(?:ed|it)?|"
    r"assholes?|arse(?:hole)?s?|a[*$]{2}holes?|bastards?|bitch(?:es|ing|y)?|b[*]tch(?:es)?|"
    r"piss(?:ed)?(?: off)?|wtf|wth|stfu|ffs|bloody|freaking|frigging|effing|sucks?|"
    r"what the hell|the hell|to hell|hell no"
)
_INSULT = (
    r"idiots?|idiotic|moron(?:s|ic)?|imbeciles?|clowns?|losers?|liars?|scammers?|crooks?|thie(?:f|ves)|"
    r"fraudsters?|con artists?|cheats?|jerks?|dicks?|pricks?|stupid(?:ity)?|dumb(?:ass)?|brain-?dead|"
    r"retard(?:ed|s)?|garbage|trash|rubbish|junk|amateurs"
)
_MILD = wordset("damn damned dammit damnit bloody freaking frigging effing suck sucks crap crappy")


def _s_profanity(m: re.Match) -> str:
    word = m.group(0).lower()
    if word.startswith("piss"):
        return "frustrated"
    if word in ("bullshit", "bs"):
        return "not accurate"
    if word in ("garbage", "trash", "rubbish", "junk"):
        return "not what I expected"
    if word == "what the hell":
        return "what"
    return ""


rule(
    "prof.swear",
    "profanity",
    rf"(?<![\w*])(?:{_SWEAR})(?![\w*])",
    "fuck fucking fucked fuckin f fk fck fcking motherfucker shit shitty shite sh bullshit bs crap crappy "
    "goddamn goddamned damn damned damnit dammit asshole arse arsehole arses assholes a bastard bastards "
    "bitch bitches b piss pissed wtf wth stfu ffs bloody freaking frigging effing suck sucks hell",
    _s_profanity,
    heated=True,
)
rule(
    "prof.insult",
    "profanity",
    rf"\b(?:{_INSULT})\b",
    "idiot idiots idiotic moron morons moronic imbecile imbeciles clown clowns loser losers liar liars "
    "scammer scammers crook crooks thief thieves fraudster fraudsters con cheat cheats jerk jerks dick dicks "
    "prick pricks stupid stupidity dumb dumbass brain braindead retard retarded garbage trash rubbish junk "
    "amateur amateurs",
    _s_profanity,
    heated=True,
    message="Insults end a negotiation and look bad in any later record; describe the problem instead.",
)
rule(
    "prof.screw_you",
    "profanity",
    r"\b(?:screw|damn|to hell with|go to hell|get lost|shut up|piss off|bugger off|sod off)(?: you)?\b",
    "screw damn hell lost shut piss bugger sod",
    "",
    heated=True,
)

# ---------------------------------------------------------------------------------------------
# Threats and ultimatums. Legal threats are premature until the escalation ladder calls for them.
# ---------------------------------------------------------------------------------------------
_LEGAL = (
    r"sue(?: you)?|take (?:legal action|(?:you|this|the matter|it|this matter) to (?:court|small claims"
    r"(?: court)?|a tribunal|arbitration|the tribunal))|(?:get|call|contact|involve|instruct|hire|talk to|"
    r"speak to|consult) (?:my|a|our) (?:lawyers?|solicitors?|attorneys?|legal team|legal counsel)|report you"
    r"(?: to [\w ]{1,30})?|file (?:a |an )?(?:lawsuit|claim|complaint|chargeback)|press charges|"
    r"start (?:legal )?proceedings|refer (?:this|the matter|it|this matter) to (?:small claims|(?:the )"
    r"?court|"
    r"a debt collect\w+|collections|my lawyer|a lawyer)|see you in court"
)
rule(
    "threat.legal",
    "threat",
    rf"\b(?:I|we)(?:'ll| will| shall| am going to|'m going to| are going to|'re going to| intend to| have no "
    rf"choice but to| won't hesitate to| will not hesitate to| may| might| would)(?: (?:have to|"
    rf"be forced to|need "
    rf"to|then))? (?:{_LEGAL})\b"
    r"|\bsee you in court\b|\bmy (?:lawyers?|solicitors?|attorneys?|legal team) (?:will|is|are)\b"
    r"|\b(?:legal action|legal proceedings|a lawsuit|court proceedings)\b",
    "sue take get call contact involve instruct hire talk speak consult report file press start refer see "
    "lawyer lawyers solicitor solicitors attorney attorneys legal lawsuit court proceedings",
    "I'd like to resolve this directly with you",
    legal=True,
    message="A legal threat this early tends to end the conversation; the escalation ladder says when a "
    "formal step is due.",
)
rule(
    "threat.intimidation",
    "threat",
    r"\bor else\b|\byou(?:'ll| will) (?:regret|be sorry)\b|\b(?:last|final) (?:chance|warning)\b"
    r"|\b(?:you've been|you have been|consider yourself) warned\b|\bdon't make me\b|\btake it or leave it\b"
    r"|\b(?:leave|post|write|give you)(?: you)? (?:a |an )?(?:bad|negative|1-star|one-star|scathing|"
    r"terrible) "
    r"(?:review|rating)s?\b|\b(?:destroy|ruin|trash) your (?:reputation|business|career|name)\b"
    r"|\b(?:name and shame|expose you|tell everyone|make sure everyone knows|warn (?:other|every)\w* "
    r"(?:freelancers|clients|people))\b|\b(?:within|in) \d+ (?:hours|days),? or (?:else|I|we)\b"
    r"|\bor (?:I|we)(?:'ll| will|'m| am| won't)(?: not| never)? (?:go|going|take|taking|report|reporting|"
    r"post|"
    r"posting|cancel|cancelling|stop|stopping|make|expose|tell|pay|paying|sue|suing)\b",
    "else regret sorry last final warned make take leave post write give destroy ruin trash name expose "
    "tell warn within or",
    lambda m: "a final request" if re.search(r"chance|warning", m.group(0), re.I) else "",
    heated=True,
)

# ---------------------------------------------------------------------------------------------
# Demands without courtesy (the guard drops them when the sentence is courteous)
# ---------------------------------------------------------------------------------------------
_IMPERATIVE = (
    r"pay|send|fix|give|stop|answer|reply|respond|call|sign|transfer|refund|explain|tell|confirm|finish|"
    r"deliver|release|return|remove|delete|get back|change|redo|cancel|wire|settle|read|provide"
)
rule(
    "demand.imperative",
    "demand",
    rf"(?:^|(?<=[.!?\n])|(?<=[.!?\n][ \t])|(?<=[.!?\n][ \t]{{2}}))"
    rf"(?:(?:whatever|look|listen|ok|okay|fine|so|now|honestly|seriously),? )?"
    rf"(?:just |simply )?(?P<f>(?:{_IMPERATIVE}))\b(?! you\b)",
    "pay send fix give stop answer reply respond call sign transfer refund explain tell confirm finish "
    "deliver release return remove delete get change redo cancel wire settle read provide",
    lambda m: "Please " + m.group("f").lower(),
    guard="discourteous",
)
rule(
    "demand.you_must",
    "demand",
    r"\byou (?:must|had better|'d better|have got to|'ve got to)\b",
    "must better got",
    "please",
)
rule(
    "demand.you_need_to",
    "demand",
    r"\byou (?:need|have|are required|are obliged|'re required) to\b(?! (?:install|log in|sign in|click|open|"
    r"download|use|enter|create|know|be aware|scroll))",
    "need have required obliged",
    "please",
    guard="discourteous",
)
rule(
    "demand.i_demand",
    "demand",
    r"\bI (?:demand|insist)(?: on| that)?\b",
    "demand insist",
    lambda m: "I'd ask that" if m.group(0).lower().endswith("that") else "I'm asking for",
)
rule(
    "demand.i_expect",
    "demand",
    r"\bI (?:expect|want) (?:you|your client|your team) to\b",
    "expect want",
    "I'd ask you to",
)
rule(
    "demand.i_want",
    "demand",
    r"\bI (?:expect|want) (?=(?:my|the|this|it|an?|payment|full|immediate|answers|to be paid|nothing less)"
    r"\b)",
    "expect want",
    "I'd like ",
)
rule(
    "demand.immediately",
    "demand",
    r"\b(?:immediately|right now|right away|at once|asap|without (?:any |further )?delay|this instant|today!|"
    r"now!|now\.)",
    "immediately right once asap delay instant today now",
    "as soon as you can",
    guard="demanding_urgency",
)

# ---------------------------------------------------------------------------------------------
# Dismissive
# ---------------------------------------------------------------------------------------------
rule(
    "dis.whatever",
    "dismissive",
    r"\bwhatever\b(?! (?:you|works|suits|time|is|format|date|day|option|approach|help|questions?|else|"
    r"makes|way|I can|we))",
    "whatever",
    "I understand",
)
rule(
    "dis.obviously",
    "dismissive",
    r"\bobviously\b,?|(?:^|(?<=[.!?\n]\s)|(?<=[.!?\n]))clearly,? |\bas any(?:one|body) (?:can|could|would) "
    r"(?:see|tell)\b,?|\bany(?:one|body) can see (?:that)?",
    "obviously clearly anyone anybody",
    "",
)
rule(
    "dis.not_my_problem",
    "dismissive",
    r"\b(?:(?:that's |this is |it's |that is |it is )?not my (?:problem|concern|issue|job|fault)|"
    r"I (?:don't|do not|couldn't|could not) care(?: less)?|who cares|get over it|deal with it|calm down|"
    r"chill out|it is what it is|end of (?:story|discussion)|I(?:'m| am) done (?:with this|talking|"
    r"discussing)"
    r"|I don't have time for this|nothing (?:more|else) to (?:say|discuss)|if you say so|so what|big deal|"
    r"not worth (?:my|the) time|(?:it's|it is|this is|this isn't|it isn't) not? ?(?:rocket science|that "
    r"(?:hard|difficult|complicated))|no (?:more )?excuses)\b[.!]*",
    "problem concern issue job fault care cares over deal calm chill is end done time nothing say so big "
    "worth rocket hard difficult complicated excuses",
    "I hear you, but I see it differently",
)
rule(
    "dis.fine",
    "dismissive",
    r"(?:^|(?<=[.!?\n]\s)|(?<=[.!?\n]))fine[.!]+(?=\s|$)|\bfine,? whatever\b",
    "fine",
    "Understood.",
)

# ---------------------------------------------------------------------------------------------
# Over-apology that concedes liability
# ---------------------------------------------------------------------------------------------
rule(
    "apol.my_fault",
    "over_apology",
    r"\b(?:(?:it|this|that|everything|all of this|the whole thing)(?:'s| is| was| has been) )"
    r"(?:all |entirely |completely |totally |100% |wholly )?my (?:fault|mistake|doing)\b",
    "fault mistake doing",
    "I'm sorry this has been frustrating",
)
rule(
    "apol.full_responsibility",
    "over_apology",
    r"\bI(?:'m| am)? (?:take|taking|accept|accepting) (?:full|complete|all|total|100%)(?: the)"
    r"? (?:responsibility|blame|"
    r"liability)\b",
    "responsibility blame liability",
    "I'm sorry for the trouble this has caused",
)
rule(
    "apol.messed_up",
    "over_apology",
    r"\bI(?:'ve| have)? (?:completely |totally |really )?(?:messed|screwed) (?:up|(?:it|this|everything) up)"
    r"\b"
    r"|\bI(?:'m| am) (?:such )?(?:an? )?(?:idiot|useless|hopeless|incompetent|terrible (?:freelancer|"
    r"designer|"
    r"developer|writer|at this))\b",
    "messed screwed idiot useless hopeless incompetent terrible",
    "this didn't go as planned",
)
rule(
    "apol.sorry_sorry",
    "over_apology",
    r"\b(?:so ){2,}sorry\b|\bsorry[,!.]* (?:so |really |very )?sorry\b|\bI(?:'m| am) (?:so |really |very |"
    r"terribly |extremely |deeply |truly |incredibly )+sorry\b[^.!?\n]{0,40}?\b(?:my (?:fault|mistake)|"
    r"everything)\b",
    "sorry",
    "I'm sorry for the trouble",
)

# ---------------------------------------------------------------------------------------------
# Positive signals
# ---------------------------------------------------------------------------------------------
rule(
    "pos.ack",
    "acknowledgement",
    r"\b(?:I (?:completely |fully |totally )?understand|I can (?:understand|see|imagine)|understandably|"
    r"I hear you|"
    r"I see (?:why|what you mean|your point|where you're coming from|that|how)|you(?:'re| are) right|"
    r"(?:good|fair|valid) (?:point|question|concern)|that's (?:fair|understandable|a fair)|I take your point|"
    r"I (?:recogni[sz]e|acknowledge|reali[sz]e)|(?:I'm|I am) (?:very |really |so )?sorry (?:for|about|that|"
    r"to hear)|"
    r"sorry (?:for|about) the|(?:I'm|I am) sorry (?:you|that you)|(?:my )?apologies for|I apologi[sz]e for|"
    r"I know (?:this|that|it)(?: \w+){0,2} (?:has been|is|was|must)|that must (?:be|have been)|makes sense|"
    r"(?:it's|it is|this is|this isn't|it isn't|it was|it wasn't) "
    r"not? ?(?:your fault)|thank(?:s| you) for (?:raising|flagging|pointing|explaining|letting me know|"
    r"your feedback|the feedback|bringing|sharing)|you(?:'re| are) concerned (?:that|about)|your concerns?|"
    r"what I understand)\b",
    "understand understandably imagine hear see right point question concern fair understandable take "
    "recognise recognize acknowledge realise realize sorry apologies apologise apologize know must makes "
    "fault raising flagging pointing explaining letting feedback bringing sharing concerned concerns",
)
rule(
    "pos.thanks",
    "thanks",
    r"\b(?:thank you|thanks|thank u|thx|many thanks|much appreciated|I (?:really |truly )?appreciate|"
    r"(?:I'm|I am|I'd be|I would be|we'd be|we would be) (?:very |really |so |most |truly )?grateful|"
    r"appreciate (?:it|your|you|the))\b",
    "thank thanks thx appreciated appreciate grateful",
)
rule(
    "pos.hedge",
    "hedge",
    r"\b(?:I think|I believe|I feel|I (?:don't|do not) (?:think|believe)|(?:I'm|I am) not convinced|I guess|"
    r"I suppose|I wonder|I wondered|(?:I'm|I am) not (?:entirely |"
    r"completely |quite )?sure|not sure (?:if|whether)|it seems|it appears|it looks like|seems? to|"
    r"appears? to|"
    r"perhaps|maybe|possibly|probably|might|may have|may be|could be|I suspect|if I understand (?:correctly|"
    r"right)|if I'm not mistaken|as far as I (?:can tell|know)|in my (?:view|opinion)|from my (?:side|"
    r"perspective|point of view)|I (?:may|could|might) be wrong|a (?:bit|little)|slightly|somewhat|"
    r"would it be possible|would you mind|if possible)\b",
    "think believe feel guess suppose wonder wondered sure seems seem appears appear looks perhaps maybe "
    "possibly probably might may could suspect understand mistaken far view opinion side perspective "
    "point wrong bit little slightly somewhat possible mind",
)
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
rule(
    "pos.next_step",
    "next_step",
    r"\b(?:I(?:'ll| will| can| could| am going to|'m going to) (?:also |then |now |gladly |happily )"
    r"?(?:send|share|"
    r"call|follow up|prepare|update|get back|fix|revise|deliver|schedule|check|look into|issue|provide|"
    r"forward|confirm|resend|review|offer|make|finish|complete|set up|arrange|draft|extend|split|refund|"
    r"release|upload|hold|pause|return|start|begin|continue|resume)|(?:I'm|I am) (?:now )?(?:sending|sharing|"
    r"preparing|updating|fixing|finishing|uploading|attaching)|we (?:could|can|might) (?:split|agree|"
    r"meet|schedule|talk|discuss|find|try|look|go|set|arrange|review)|let's|let us|(?:can|could|shall|"
    r"should) "
    r"we (?:schedule|set up|arrange|talk|meet|agree|jump|have|discuss|find|book|go through|look)|"
    r"I (?:propose|"
    r"suggest)|I'd (?:suggest|propose|like to propose|like to suggest)|my (?:proposal|suggestion) is|(?:I'm|"
    r"I am|"
    r"I'd be|I would be) happy to|happy to (?:help|jump|hop|discuss|talk|send|share|make|do|revise|adjust|"
    r"set|walk|"
    r"go|meet|call|chat|look|review|provide|offer|extend|split|refund|arrange)|next steps?|(?:please )"
    r"?let me know\b|would (?:" + _DAYS + r"|tomorrow|next "
    r"week|this week)(?: [\w:]+){0,3}? (?:work|suit|be ok|be okay|be possible|be convenient)|by (?:(?:next|"
    r"this|"
    r"coming) )?(?:" + _DAYS
    + r"|tomorrow|noon|midday|\d{1,2}(?::\d{2})?\s?(?:am|pm)|the end of (?:the )?(?:day|week|month)|end of "
    r"(?:the )?(?:day|week|month)|eod|close of business|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:" + _MONTHS
    + r")|(?:" + _MONTHS + r") \d{1,2}|the \d{1,2}(?:st|nd|rd|th)))\b",
    "ll will can could am m let lets us shall should propose suggest proposal suggestion happy next "
    "steps step know would by we help jump hop",
)
rule(
    "pos.next_step_within",
    "next_step",
    r"\bwithin \d+ (?:working |business |calendar )?(?:days|hours|weeks)\b",
    "within",
    guard="actionable",
)
rule(
    "pos.fact",
    "specific_fact",
    r"\b(?:USD|EUR|GBP|CHF|CAD|AUD|JPY|INR|SEK|NOK|DKK|PLN|NZD|CZK|HUF|BRL|MXN|ZAR|SGD|HKD)\s\d[\d,.]*"
    r"|\b\d[\d,.]*(?:\.\d+)?\s?(?:USD|EUR|GBP|CHF|CAD|AUD|JPY|INR|SEK|NOK|DKK|PLN|NZD|euros?|dollars?|pounds?"
    r"|francs?)\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:" + _MONTHS + r")\b(?: \d{4})?"
    r"|\b(?:" + _MONTHS + r") \d{1,2}(?:st|nd|rd|th)?\b(?:,? \d{4})?"
    r"|\b(?:" + _DAYS + r")\b"
    r"|\b(?:invoice|inv|order|po|ticket|ref|reference|quote|estimate)(?:\.|-|\s#?|\.\s|\s(?:no\.?|number|#)"
    r"\s?#?)"
    r"[A-Z]{0,4}-?\d[\w-]*"
    r"|\b(?:clause|section|article|paragraph|schedule|appendix)\s\d+(?:\.\d+)*(?:\([a-z]\))?"
    r"|\b\d+ (?:calendar |working |business )?(?:days?|weeks?|months?|hours?|revisions?|rounds?|pages?|"
    r"screens?|milestones?)\b|\bnet \d+\b|\b\d+(?:\.\d+)?\s?%|\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\b",
    "#fact monday tuesday wednesday thursday friday saturday sunday",
)
rule(
    "pos.fact_symbol",
    "specific_fact",
    r"[$€£¥₹]\s?\d(?:[\d,. ]*\d)?|#\d{2,}\b|§\s?\d+",
    "#fact",
)

# Rules with an empty key set would run on every text; none should (keeps the fast path honest).
assert all(r.keys for r in RULES), [r.id for r in RULES if not r.keys]
