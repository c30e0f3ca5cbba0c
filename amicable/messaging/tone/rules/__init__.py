"""The tone coach's rules, in the order they are tried (earlier rules win overlaps in a category).

base.py holds the Rule type and the shared building blocks; absolutes.py, people.py, heat.py and
signals.py the phrase rules, general.py and open_forms.py the open-ended forms of the same ideas (a
judgement word predicated of the work, "you" + any failure, ironic praise, a consequence framed as an
ultimatum...). Order matters only within a category,
where an earlier rule wins an overlap, so the open-ended forms come last. Pure Python: nothing here imports
Django.
"""

# isort: off
# The order of these imports is the order the rules are tried in: the phrase rules first (their
# suggestions are the most specific), then general.py's open-ended forms of the same ideas.
from . import absolutes, heat, people, signals  # noqa: F401 - importing registers the rules
from . import general  # noqa: F401
from . import open_forms  # noqa: F401
# isort: on
from .base import RULES, Rule, lower_pattern

# Rules with an empty key set would run on every text; none should (keeps the fast path honest).
assert all(r.keys for r in RULES), [r.id for r in RULES if not r.keys]

__all__ = ["RULES", "Rule", "lower_pattern"]
