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

from ..model import MESSAGES, WEIGHTS

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

_INFORMAL_KEYS = {"you": "u", "your": "ur", "didn": "didnt", "don": "dont", "doesn": "doesnt", "haven": "havent",
                  "hasn": "hasnt", "won": "wont", "can": "cant", "isn": "isnt", "wasn": "wasnt", "aren": "arent",
                  "weren": "werent", "couldn": "couldnt", "wouldn": "wouldnt", "shouldn": "shouldnt"}


def _informal_keys(keys: str) -> frozenset[str]:
    return frozenset(_INFORMAL_KEYS[k] for k in keys.split() if k in _INFORMAL_KEYS)


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


# Chat spellings the rules accept wherever they name the standard one: "didnt", "u", "ur", "im".
_INFORMAL = (
    (re.compile(r"n't"), "n'?t"),
    (re.compile(r"(\\b|(?<![a-z\\]))you(?![a-z'])"), r"\1(?:you|u)"),
    (re.compile(r"(\\b|(?<![a-z\\]))your(?![a-z'])"), r"\1(?:your|ur)"),
    (re.compile(r"(\\b|(?<![a-z\\]))i'm(?![a-z])"), r"\1i'?m"),
    (re.compile(r"(\\b|(?<![a-z\\]))i've(?![a-z])"), r"\1i'?ve"),
    (re.compile(r"(\\b|(?<![a-z\\]))that's(?![a-z])"), r"\1that'?s"),
)


def informal(pattern: str) -> str:
    """Let a lower-cased pattern accept common chat spellings of the words it names."""
    for rx, repl in _INFORMAL:
        pattern = rx.sub(repl, pattern)
    return pattern


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
            regex=re.compile(informal(lower_pattern(pattern))),
            keys=frozenset(keys.split()) | _informal_keys(keys),
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
