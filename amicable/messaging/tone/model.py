"""Data shapes of the tone coach: categories, findings and the report.

Pure Python: nothing here imports Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Negative categories: each finding in one of these costs points and carries a calmer phrasing.
NEGATIVE = (
    "accusation",
    "absolute",
    "blame",
    "sarcasm",
    "passive_aggressive",
    "shouting",
    "profanity",
    "threat",
    "demand",
    "dismissive",
    "over_apology",
)
# Positive signals: found and shown, worth a few points, never carry a suggestion.
POSITIVE = (
    "acknowledgement",
    "thanks",
    "hedge",
    "next_step",
    "open_question",
    "specific_fact",
)
CATEGORIES = NEGATIVE + POSITIVE

LABELS = {
    "accusation": "Accusing 'you'",
    "absolute": "Absolute",
    "blame": "Blame or judgement",
    "sarcasm": "Sarcasm",
    "passive_aggressive": "Passive-aggressive",
    "shouting": "Shouting",
    "profanity": "Profanity or insult",
    "threat": "Threat or ultimatum",
    "demand": "Demand without courtesy",
    "dismissive": "Dismissive",
    "over_apology": "Apology that concedes fault",
    "acknowledgement": "Acknowledgement",
    "thanks": "Thanks",
    "hedge": "Softener",
    "next_step": "Concrete next step",
    "open_question": "Open question",
    "specific_fact": "Specific fact",
}

# Default penalty (points off 100) of the first finding of a category; further findings of the
# same category cost half as much each, and at most three per category count (see engine.score).
WEIGHTS = {
    "accusation": 15,
    "absolute": 8,
    "blame": 15,
    "sarcasm": 15,
    "passive_aggressive": 10,
    "shouting": 12,
    "profanity": 30,
    "threat": 25,
    "demand": 10,
    "dismissive": 10,
    "over_apology": 8,
    # positive signals: bonus points, the total bonus is capped (engine.MAX_BONUS)
    "acknowledgement": 5,
    "thanks": 4,
    "hedge": 2,
    "next_step": 5,
    "open_question": 3,
    "specific_fact": 3,
}

# Default one-line explanation per category; a rule may give a more specific one.
MESSAGES = {
    "accusation": "An accusing 'you' statement puts the reader on the defensive; describe the effect on you.",
    "absolute": "Absolutes (always, never, every time) are rarely literally true and invite a rebuttal.",
    "blame": "A judgement of the person or their work starts an argument; state the fact and its impact.",
    "sarcasm": "Sarcasm reads as contempt in writing; say plainly what happened.",
    "passive_aggressive": "This stock phrase is widely read as passive-aggressive; say it directly.",
    "shouting": "Capitals and runs of ! or ? read as shouting.",
    "profanity": "Swearing and insults end a negotiation and look bad in any later record.",
    "threat": "Threats and ultimatums harden positions; formal steps belong to the escalation ladder.",
    "demand": "A bare command sounds like an order; a courteous request is firmer in the record.",
    "dismissive": "This dismisses the other side's view; they will stop listening.",
    "over_apology": "Apologise for the impact, but conceding all fault in writing can weaken your position.",
    "acknowledgement": "Acknowledges the other side's view.",
    "thanks": "Thanks the reader.",
    "hedge": "Softens a claim and leaves room for the other view.",
    "next_step": "Proposes a concrete next step.",
    "open_question": "Asks an open question that invites an answer.",
    "specific_fact": "Cites a specific fact (amount, date, reference, clause).",
}

VERDICTS = ("send", "revise", "wait")


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set (for word lists kept as prose)."""
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the coach noticed.

    ``start``/``end`` index the text exactly as it was given (HTML included), so
    ``original[start:end]`` covers the phrase; ``text`` is the phrase as read (tags removed).
    ``suggestion`` is a calmer replacement for that span ("" means: delete it); it is None for
    positive signals. When ``replaceable`` is False (a whole sentence judged by the learned second
    opinion) the suggestion is advice on how to put it, not text to paste in its place.
    """

    start: int
    end: int
    category: str
    text: str
    message: str
    suggestion: str | None
    rule: str
    weight: int
    heated: bool = False
    replaceable: bool = True

    @property
    def polarity(self) -> str:
        return "positive" if self.category in POSITIVE else "negative"

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "polarity": self.polarity,
            "text": self.text,
            "message": self.message,
            "suggestion": self.suggestion,
            "replaceable": self.replaceable,
            "rule": self.rule,
        }


@dataclass(slots=True)
class ToneReport:
    """The result of one check: score 0–100, verdict, findings in text order, notes."""

    score: int
    verdict: str
    findings: list[Finding]
    language: str  # "en", "non_en" or "unknown" (too little text to tell)
    notes: list[str] = field(default_factory=list)
    suppressed: list[tuple[Finding, str]] = field(default_factory=list)
    html: bool = False

    @property
    def negatives(self) -> list[Finding]:
        return [f for f in self.findings if f.category in NEGATIVE]

    @property
    def positives(self) -> list[Finding]:
        return [f for f in self.findings if f.category in POSITIVE]

    def categories(self) -> set[str]:
        return {f.category for f in self.findings}

    def summary(self) -> str:
        """One line for lists and logs, e.g. ``revise (62/100): 2 accusation, 1 shouting``."""
        counts: dict[str, int] = {}
        for f in self.negatives:
            counts[f.category] = counts.get(f.category, 0) + 1
        parts = ", ".join(f"{n} {c}" for c, n in counts.items())
        return f"{self.verdict} ({self.score}/100)" + (f": {parts}" if parts else "")

    def to_dict(self) -> dict:
        return {
            "score": self.score,
            "verdict": self.verdict,
            "language": self.language,
            "html": self.html,
            "notes": list(self.notes),
            "findings": [f.to_dict() for f in self.findings],
            "suppressed": [dict(f.to_dict(), reason=reason) for f, reason in self.suppressed],
        }
