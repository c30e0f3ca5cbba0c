"""Absolutes: universal words that make a complaint all-or-nothing.

Each rule finds one kind of universal word: *never*; frequency universals (always, every time,
constantly, forever...); quantity universals (every/each/all + noun, everything, everyone, nothing,
nobody, none of, "not a single"); *ever* after a negative; totalisers (totally, completely...) and
whole/entire. Most are kept only when their clause is a complaint: the guards in ``universals.py``
decide (the writer's own habit, a plan, praise, an explicit count are not absolutes). The written
policy is in tests/data/tone/README.md ("absolute").

Pure Python: nothing here imports Django.
"""

from __future__ import annotations

import re

from ..model import wordset
from .base import rule

_MSG_QUANTITY = "Universal claims (every, all, nothing, nobody) are rarely literally true and invite a rebuttal."
_MSG_TOTAL = "Words like 'totally' or 'completely' inflate the complaint; the plain word is firmer."
_IRREGULAR_PAST = wordset(
    "received got gotten sent heard had saw seen paid replied answered told gave given made done "
    "delivered read responded signed approved confirmed mentioned said"
)
_CLAUSE_NEXT = re.compile(r" (?:i|you|we|they|he|she|it|the|this|that|your|my|our|someone|anyone)\b", re.I)
_PERIODS = "day|week|month|morning|night|evening|weekend|year|hour"


def _s_never(m: re.Match) -> str:
    nxt = (m.group("next") or "").lower()
    before = m.string[max(0, m.start() - 6) : m.start()].lower()
    if nxt in _IRREGULAR_PAST or nxt.endswith("ed"):
        return "not" if re.search(r"(?:have|has|'ve|'s) $", before) else "haven't"
    return "rarely"


def _s_often(m: re.Match) -> str:
    """"every time I send" -> "often when I send"; "late every time." -> "late often"."""
    return "often when" if _CLAUSE_NEXT.match(m.string, m.end()) else "often"


def _s_not_once(m: re.Match) -> str:
    text = m.group(0).lower()
    if text.endswith("once"):
        return "not yet"
    return "not all" if m.string[m.end() : m.end() + 4].lower() == " of " else "not every"


def _s_everything(m: re.Match) -> str:
    word = m.group(0).lower()
    if word.startswith("everyone") or word.startswith("everybody"):
        return "more than one person"
    return "a lot of what" if _CLAUSE_NEXT.match(m.string, m.end()) else "a lot"


def _s_nothing(m: re.Match) -> str:
    if m.group(0).lower().endswith(" like"):
        return "quite different from"
    after = m.string[m.end() : m.end() + 12].lower()
    before = m.string[max(0, m.start() - 12) : m.start()].lower()
    if m.group(0).lower().startswith("absolutely") or re.match(r" (?:has|have|had|happened|changed|moved|came|"
                                                             r"arrived)\b", after):
        return "not much"
    if re.search(r"[a-z]{2,} $", before) and not re.search(r"(?:[.!?,;:]|^)\s*$", before):
        return "little"  # the object of a verb: "you've done nothing", "I got nothing but excuses"
    return "not everything"


def _s_every(m: re.Match) -> str:
    return "more than one"


def _s_period(m: re.Match) -> str:
    return f"most {m.group('n').lower()}s"


rule(
    "abs.not_once",
    "absolute",
    r"\bnot (?:even )?once\b|\bnot (?:even )?(?:a|one) single\b|\bnot (?:even )?one\b(?!,| (?:but|or|more|to|"
    r"thing|way|bit|day|who)\b)",
    "not once single one",
    _s_not_once,
    message=_MSG_QUANTITY,
    guard="abs_plain",
)
rule(
    "abs.never",
    "absolute",
    # denials of the writer's own words are not totalising: "I never said / mentioned / promised that"
    r"\bnever\b(?! (?:mind|hesitate|been happier|better|said|meant|suggested|claimed|called|implied))"
    r"(?!(?:(?<=\bi never)|(?<=\bwe never)) (?:mentioned|stated|promised|offered|quoted|indicated|proposed|wrote)\b)"
    r"(?= (?P<next>\w+))?",
    "never",
    _s_never,
    guard="abs_never",
)
rule(
    "abs.not_ever",
    "absolute",
    r"\b(?P<neg>don't|doesn't|didn't|won't|can't|isn't|aren't|wasn't|weren't|haven't|hasn't|not|never) ever\b",
    "don doesn didn won can isn aren wasn weren haven hasn not never",
    lambda m: m.group("neg"),
    guard="abs_plain",
)
rule(
    "abs.always",
    "absolute",
    r"\b(?P<f>always)\b",
    "always",
    "often",
    guard="abs_frequency",
)
rule(
    "abs.every_time",
    "absolute",
    r"\b(?:every (?:single |last )?time|each and every time|each time|all the time|time after time|"
    r"day after day|week after week|month after month|night after night|day in,? day out|at all hours|"
    r"again and again|over and over(?: again)?|round the clock)\b",
    "every each all time day week month night at again over round",
    _s_often,
    guard="abs_frequency",
)
rule(
    "abs.constantly",
    "absolute",
    r"\b(?:constantly|continually|perpetually|endlessly|forever)\b",
    "constantly continually perpetually endlessly forever",
    lambda m: "a long time" if m.group(0).lower() == "forever" else "often",
    guard="abs_frequency",
)
rule(
    "abs.no_matter",
    "absolute",
    r"\bno matter (?P<w>what|how|when|who|where)\b",
    "no matter",
    lambda m: f"sometimes, {m.group('w').lower()}ever",
    guard="abs_frequency",
)
rule(
    "abs.every_period",
    "absolute",
    rf"\bevery (?:single )?(?P<n>{_PERIODS})\b",
    "every",
    _s_period,
    message=_MSG_QUANTITY,
    guard="abs_quantity",
)
rule(
    "abs.every",
    "absolute",
    rf"\b(?P<f>every (?:single |last )?|each and every |each )(?!(?:time|other|so|now|{_PERIODS})\b)(?=[a-z])",
    "every each",
    _s_every,
    message=_MSG_QUANTITY,
    guard="abs_quantity",
)
rule(
    "abs.all",
    "absolute",
    # before a determiner ("all my emails") or a bare plural ("rejecting all cards")
    r"(?<!\bat )\b(?P<f>all(?: of)?)(?= (?:my|your|the|our|their|these|those|his|her|them|it|this|that)\b"
    r"| (?!(?:sorts|kinds|types|means|costs|hands|things|parties|rights|sizes|ages|levels|concerned|yours|ours|"
    r"times|seasons|fours)\b)[a-z]+s\b)"
    r"(?! (?:the (?:time|best|same|way|more|rest)|this time|of a sudden|that's|that is)\b)",
    "all",
    "many of",
    message=_MSG_QUANTITY,
    guard="abs_quantity",
)
rule(
    "abs.everything",
    "absolute",
    r"\b(?:everything|everyone|everybody)\b",
    "everything everyone everybody",
    _s_everything,
    message=_MSG_QUANTITY,
    guard="abs_quantity",
)
rule(
    "abs.none",
    "absolute",
    r"\bnone of\b",
    "none",
    "not all of",
    message=_MSG_QUANTITY,
    guard="abs_none",
)
rule(
    "abs.nothing",
    "absolute",
    r"\b(?:absolutely )?nothing\b(?: like\b)?",
    "nothing",
    _s_nothing,
    message=_MSG_QUANTITY,
    guard="abs_nothing",
)
rule(
    "abs.nobody",
    "absolute",
    r"\b(?:nobody|no one|no-one)\b",
    "nobody no",
    "not everyone",
    message=_MSG_QUANTITY,
    guard="abs_nobody",
)
rule(
    "abs.single",
    "absolute",
    r"\b(?:a|one) single\b(?= \w)",
    "single",
    "a",
    message=_MSG_QUANTITY,
    guard="abs_after_negation",
)
rule(
    "abs.ever",
    "absolute",
    r"\bever\b(?! (?:since|so|after|more|before|have|had)\b)",
    "ever",
    "",
    guard="abs_ever",
)
rule(
    "abs.totaliser_after",
    "absolute",
    r"\b(?:ignored|missed|forgot|forgotten|disregarded|ruined|butchered|botched|overlooked|skipped|dropped|misread|"
    r"misunderstood|ignoring|missing|wrecked|mangled|changed|rewrote|rewritten) (?:the|my|our|this|that|it|them|"
    r"every)(?: [\w-]+){0,3}? (?P<f>completely|entirely|totally|altogether|utterly|wholesale)\b",
    "ignored missed forgot forgotten disregarded ruined butchered botched overlooked skipped dropped misread "
    "misunderstood ignoring missing wrecked mangled changed rewrote rewritten",
    "",
    message=_MSG_TOTAL,
    guard="abs_postposed",
)
rule(
    "abs.totaliser",
    "absolute",
    r"\b(?:totally|completely|utterly|entirely|absolutely|wholly|thoroughly)\b(?= \w)|\b100%(?= \w)"
    r"|(?:(?<=\ba )|(?<=\ban ))(?:total|complete|utter|absolute)(?: and utter)?\b(?= \w)"
    r"|\b(?:utter|complete|total|absolute)(?= (?:rubbish|nonsense|garbage|chaos|carnage|shambles|crap|drivel|"
    r"incompetence|disregard|contempt|mess|waste|farce|joke|disaster)\b)",
    "totally completely utterly entirely absolutely wholly thoroughly total complete utter 100",
    "",
    message=_MSG_TOTAL,
    guard="abs_totaliser",
)
rule(
    "abs.whole",
    "absolute",
    r"\b(?:whole|entire)\b(?= \w)",
    "whole entire",
    "",
    message=_MSG_TOTAL,
    guard="abs_whole",
)
rule(
    "abs.all_the_same",
    "absolute",
    r"\b(?:you|they)(?: people| guys| lot| all)?(?: (?:from|at|in) [\w ]{1,25}?)?(?:'re| are) (?P<f>all (?:the same|"
    r"alike))\b",
    "same alike",
    "",
    message="Lumping people together is an overgeneralisation; talk about this project.",
)
