"""Contract health check: the protections a freelancer contract should have, and which are missing.

Pure module: no Django import. Each check looks at clause types and key terms; a missing protection
comes with why it matters and a sample wording for the next contract.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class HealthItem:
    """One protection: present or missing, where it was found, why it matters, what to add."""

    key: str
    title: str
    present: bool
    why: str
    suggestion: str
    found_in: list[str] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict:
        return {"key": self.key, "title": self.title, "present": self.present, "why": self.why,
                "suggestion": self.suggestion, "found_in": self.found_in, "note": self.note}


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    why: str
    suggestion: str
    test: Callable[[list, dict], tuple[bool, list[str], str]]


def _types(clauses: list, *names: str) -> list[str]:
    return [c.citation for c in clauses if any(h.type in names and not h.inherited for h in getattr(c, "types", []))]


def _term(terms: dict, name: str):
    return terms.get(name, [None])[0]


def _late(clauses, terms):
    t = _term(terms, "late_fee")
    if t:
        return True, [t.citation], t.display
    where = _types(clauses, "late_payment")
    return bool(where), where, "a late-payment clause without a rate we could read" if where else ""


def _deposit(clauses, terms):
    t = _term(terms, "deposit")
    if t:
        return True, [t.citation], t.display
    where = _types(clauses, "deposit")
    return bool(where), where, ""


def _revisions(clauses, terms):
    t = _term(terms, "revision_rounds")
    if t and t.value != "unlimited":
        return True, [t.citation], t.display
    if t:
        return False, [t.citation], "revisions are unlimited"
    return False, _types(clauses, "revisions"), ""


def _changes(clauses, terms):
    where = _types(clauses, "change_requests")
    return bool(where), where, ""


def _kill(clauses, terms):
    t = _term(terms, "kill_fee")
    if t:
        return True, [t.citation], t.display
    where = _types(clauses, "kill_fee")
    return bool(where), where, ""


def _ip(clauses, terms):
    t = _term(terms, "ip_on_full_payment")
    if t is None:
        return False, [], "no clause about who owns the work"
    return bool(t.value), [t.citation], t.display


def _acceptance(clauses, terms):
    t = _term(terms, "deemed_acceptance_days")
    if t and t.value:
        return True, [t.citation], t.display
    where = _types(clauses, "acceptance")
    note = "an acceptance clause, but no deadline after which the work counts as accepted" if where else ""
    return False, where, note


def _disputes(clauses, terms):
    t = _term(terms, "dispute_methods")
    if t:
        return True, [t.citation], t.display
    return False, [], ""


def _law(clauses, terms):
    t = _term(terms, "governing_law")
    if t:
        return True, [t.citation], t.display
    where = _types(clauses, "governing_law")
    return bool(where), where, ""


def _payment(clauses, terms):
    t = _term(terms, "payment_due_days")
    if t:
        return True, [t.citation], t.display
    where = _types(clauses, "payment_terms")
    return False, where, "payment is mentioned but no due date was found" if where else ""


CHECKS: tuple[Check, ...] = (
    Check("payment_terms", "Payment due date",
          "Without a due date, 'late' is a matter of opinion and reminders carry no weight.",
          "Invoices are payable within 14 days of the invoice date.", _payment),
    Check("late_payment", "Late-payment terms",
          "A stated late fee or interest rate gives the client a reason to pay on time and you a figure to claim; "
          "many jurisdictions also allow statutory interest.",
          "Overdue amounts carry interest at 1.5% per month (or the statutory rate, if higher) from the due date "
          "until paid.", _late),
    Check("deposit", "Deposit",
          "An upfront payment shares the risk: if the client disappears, the work done so far is partly paid.",
          "A non-refundable deposit of 30% of the fee is payable on signature; work starts when it is received.",
          _deposit),
    Check("revision_limit", "Limit on revisions",
          "Unlimited revisions are the most common route to scope creep and unpaid work.",
          "The fee includes two rounds of revisions; further rounds are charged at the hourly rate.", _revisions),
    Check("change_requests", "Change-request process",
          "A written process for changes turns 'one more thing' into a priced decision instead of a dispute.",
          "Work outside the agreed scope is a change: it starts only after the client approves a written quote "
          "with its cost and its effect on the schedule.", _changes),
    Check("kill_fee", "Kill fee",
          "If the client cancels midway, a kill fee pays for the time you reserved and the work you did.",
          "If the client cancels after work has started, it pays for work done plus a kill fee of 25% of the "
          "remaining fee.", _kill),
    Check("ip_on_payment", "IP passes on full payment",
          "Keeping ownership until you are paid is your strongest lever when an invoice is unpaid.",
          "Rights in the deliverables pass to the client only when all invoices have been paid in full.", _ip),
    Check("acceptance_period", "Acceptance period",
          "A deadline after which the work counts as accepted stops open-ended objections from blocking payment.",
          "The client reviews each delivery within 7 days; if no written objection arrives by then, the delivery "
          "is deemed accepted.", _acceptance),
    Check("dispute_path", "Dispute-resolution path",
          "An agreed order (talk, then mediation, then court or arbitration) avoids costly jumps to court and "
          "shows good faith.",
          "The parties will first try to resolve a dispute by good-faith discussion; if it is not resolved within "
          "30 days, either party may refer it to mediation before any court proceedings.", _disputes),
    Check("governing_law", "Governing law",
          "Naming the law (and the courts) that apply avoids a fight about where and under which rules to claim.",
          "This agreement is governed by the laws of [your country or state], and its courts have jurisdiction.",
          _law),
)


def health_check(clauses: list, terms: list) -> list[HealthItem]:
    """Return one HealthItem per protection in CHECKS, missing ones first."""
    by_name: dict[str, list] = {}
    for t in terms:
        by_name.setdefault(t.name, []).append(t)
    items = []
    for check in CHECKS:
        present, where, note = check.test(clauses, by_name)
        items.append(HealthItem(key=check.key, title=check.title, present=present, why=check.why,
                                suggestion=check.suggestion, found_in=where, note=note))
    items.sort(key=lambda i: i.present)
    return items
