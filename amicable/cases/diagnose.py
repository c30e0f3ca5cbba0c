"""Propose dispute types from intake answers. Pure Python: explainable rules, no Django.

Each suggestion says why (the words that matched, or the fact from the engagement), so the freelancer
can confirm or reject it knowingly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# (type, pattern, what the match means). Patterns are matched on lower-cased text, whole words.
_RULES: list[tuple[str, str, str]] = [
    ("non_payment", r"(?:not|never|hasn'?t|haven'?t|won'?t|refus\w*(?: to)?|didn'?t|doesn'?t)"
                    r"\s+(?:been\s+)?pa(?:y|id)\w*",
     "payment has not been made"),
    ("non_payment", r"\b(?:unpaid|outstanding|owed|owe[sd]?|overdue|no payment|still waiting for (?:the )?payment)\b",
     "money is still owed"),
    ("late_payment", r"\b(?:paid late|late payment|pay(?:ing)? late|weeks late|months late|keeps? delaying payment|"
                     r"pay(?:s|ing)? (?:only )?after|slow to pay)\b", "payment arrived late"),
    ("scope_creep", r"\b(?:extra|additional|more pages|more features|not in (?:the )?(?:scope|brief|quote|contract)|"
                    r"out of scope|outside (?:the )?scope|scope|also (?:asked|wants|wanted)|new request|"
                    r"change requests?|another round|unlimited)\b", "work beyond what was agreed"),
    ("quality", r"\b(?:quality|not good|poor|bugs?|broken|doesn'?t work|does not work|unhappy|not happy|"
                r"unprofessional|sloppy|errors?|mistakes?|not what (?:we|i) (?:asked|wanted)|redo)\b",
     "a complaint about the work"),
    ("missed_deadline", r"\b(?:deadline|late delivery|delivered late|behind schedule|delay(?:ed|s)?|missed|overran)\b",
     "timing or a deadline"),
    ("cancellation", r"\b(?:cancel\w*|terminat\w*|pull(?:ed)? the plug|end(?:ed)? the (?:project|contract)|"
                     r"no longer need|stop(?:ped)? the project|kill fee)\b", "the project being ended"),
    ("ip_usage", r"\b(?:copyright|licen[cs]e|usage rights?|rights|source files|ownership|intellectual property|"
                 r"using (?:my|the) (?:design|work|logo|photos?|code) without|portfolio|attribution)\b",
     "rights to use the work"),
    ("chargeback", r"\b(?:chargeback|charge back|disputed? (?:the )?(?:charge|payment)|paypal dispute|"
                   r"stripe dispute|bank reversed|reversed the payment|refund request)\b",
     "a card or platform dispute"),
    ("communication", r"\b(?:ignor\w*|no reply|not replying|not responding|ghost\w*|silent|stopped answering|"
                      r"misunderst\w*|unclear|rude)\b", "a breakdown in communication"),
]
_COMPILED = [(t, re.compile(p, re.IGNORECASE), why) for t, p, why in _RULES]
_ANSWER_FIELDS = ("agreed", "delivered", "client_says", "you_say")


@dataclass(frozen=True)
class InvoiceFact:
    number: str
    amount: str  # formatted with its currency, e.g. "EUR 1,850.00"
    currency: str
    due_date: str
    outstanding: str  # formatted with its currency
    days_overdue: int
    days_late_paid: int = 0


@dataclass
class Suggestion:
    type: str
    reasons: list[str] = field(default_factory=list)
    score: int = 0


def suggest_types(answers: dict[str, str], invoices: list[InvoiceFact] | None = None,
                  milestones_late: list[str] | None = None) -> list[Suggestion]:
    """Return suggested dispute types, strongest first, each with human-readable reasons."""
    found: dict[str, Suggestion] = {}

    def add(kind: str, reason: str, weight: int) -> None:
        sug = found.setdefault(kind, Suggestion(kind))
        if reason not in sug.reasons:
            sug.reasons.append(reason)
            sug.score += weight

    for name in _ANSWER_FIELDS:
        text = answers.get(name) or ""
        who = {"client_says": "What the client says", "you_say": "What you say",
               "agreed": "What was agreed", "delivered": "What was delivered"}[name]
        for kind, pattern, why in _COMPILED:
            match = pattern.search(text)
            if match:
                add(kind, f"{who} points to {why}: “{match.group(0)}”", 2 if name == "client_says" else 1)
    for inv in invoices or []:
        if inv.days_overdue > 0:
            add("non_payment", f"Invoice {inv.number} ({inv.outstanding} outstanding) was due on "
                               f"{inv.due_date}: {inv.days_overdue} days overdue", 3)
        elif inv.days_late_paid > 0:
            add("late_payment", f"Invoice {inv.number} was paid {inv.days_late_paid} days after it was due", 2)
    for title in milestones_late or []:
        add("missed_deadline", f"Milestone “{title}” is past its due date and not delivered", 1)
    outcome = answers.get("desired_outcome", "")
    if outcome == "keep_rights" and "ip_usage" in found:
        found["ip_usage"].score += 1
    return sorted(found.values(), key=lambda s: (-s.score, s.type))
