"""The tone coach: rule-based, explainable, fast, offline. Pure Python (no Django import).

    >>> from amicable.messaging.tone import check
    >>> report = check("You NEVER reply to my emails!!!")
    >>> report.verdict, [f.category for f in report.findings]

See docs/messaging.md for the categories, the score and how HTML, quotes and negation are handled.
"""

from .engine import check
from .model import CATEGORIES, LABELS, NEGATIVE, POSITIVE, VERDICTS, Finding, ToneReport
from .rewrite import apply_suggestions

__all__ = [
    "CATEGORIES",
    "LABELS",
    "NEGATIVE",
    "POSITIVE",
    "VERDICTS",
    "Finding",
    "ToneReport",
    "apply_suggestions",
    "check",
]
