"""Rules about the person: accusing "you" statements, blame and judgements (absolutes: absolutes.py)."""

from __future__ import annotations

import re

from .base import _DETERMINER, FAULT, REST, SUBJ, rest, rule


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
_CARE = r"care|cared|value|valued|appreciate|appreciated|respect|respected|thank|thanked"

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
    r"(?! (?:received|got|gotten|seen|had|been (?:notified|sent|told))"
    # "you should have a link in your inbox": what they should have got, not what they should have done
    r"| (?:an?|the|some|your|two|three|access|everything)\b(?! (?:decency|courtesy|sense|common sense|manners)\b))",
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
    r"\bbecause of you\b(?!r)|\bbecause of your (?:\w+(?:'s)? )?(?:late|delay\w*|changes|decision|mistake|error|"
    r"failure|silence|lack|team's|side's|refusal)\b|\bthanks to you\b(?=,| the| this| I| we| my| our)|\byou(?:'re| are)"
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
    r"impossible to work with|insulting|fraudulent|disrespectful|disorgani[sz]ed|chaotic|vague|contradictory|"
    r"incoherent|misleading|negligent|inept|shoddy|substandard|sub-?par|half-baked|slapdash|"
    r"a(?: (?:total|complete|fucking|bloody|real|"
    r"absolute|bit of a|complete and utter))? (?:joke|disaster|mess|nightmare|rip-?off|scam|fraud|shambles)"
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


JUDGE = _JUDGE  # judgements of the person or the work (also read by universals.py)
