"""The tone coach's rules, in the order they are tried (earlier rules win overlaps in a category).

base.py holds the Rule type and the shared building blocks; absolutes.py, people.py, heat.py and
signals.py the rules themselves (their order matters only within a category: all the rules of one
category live in one module). Pure Python: nothing here imports Django.
"""

from . import absolutes, heat, people, signals  # noqa: F401 - importing registers the rules
from .base import RULES, Rule, lower_pattern

# Rules with an empty key set would run on every text; none should (keeps the fast path honest).
assert all(r.keys for r in RULES), [r.id for r in RULES if not r.keys]

__all__ = ["RULES", "Rule", "lower_pattern"]
