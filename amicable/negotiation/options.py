"""Options generator: concrete settlement options for a case's dispute types. Pure Python.

Each `Option` carries its computed amount, offer-ready `terms` (the JSON shape of `terms.py`), a short
rationale, its trade-offs and the calculator basis it stands on, so the freelancer can send it as an
offer unchanged or edit it first. Options that do not apply are listed in `OptionSet.skipped` with the
reason (no kill-fee clause, nothing planned, nothing owed), so the page can say why one is missing.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from amicable.lib.money import format_money, quantize
from amicable.negotiation.calc import ZERO, EngagementFacts, Settlement
from amicable.negotiation.terms import Instalment, split_instalments

DISPUTE_TYPES = (
    "non_payment",
    "late_payment",
    "scope_creep",
    "quality",
    "missed_deadline",
    "cancellation",
    "ip_usage",
    "chargeback",
    "communication",
)

# Which options answer which dispute types. An empty list of types on the case means "all".
OPTION_TYPES: dict[str, frozenset[str]] = {
    "pay_completed": frozenset(DISPUTE_TYPES),
    "partial_revision": frozenset({"quality", "scope_creep", "communication", "chargeback"}),
    "deadline_extension": frozenset({"missed_deadline", "quality", "communication"}),
    "reduced_scope": frozenset({"scope_creep", "missed_deadline", "cancellation", "quality"}),
    "kill_fee": frozenset({"cancellation", "non_payment"}),
    "payment_plan": frozenset({"non_payment", "late_payment", "chargeback", "cancellation"}),
    "ip_transfer": frozenset({"ip_usage", "non_payment", "chargeback", "cancellation"}),
}


@dataclass(frozen=True)
class OptionPrefs:
    partial_percent: Decimal = Decimal(50)  # paid now, the rest after the revision round
    revision_days: int = 14  # time for the revision round
    extension_days: int = 14
    reduced_scope_percent: Decimal = Decimal(60)  # price kept for the remaining work when scope is cut
    instalments: int = 3
    monthly: bool = True  # instalments a month apart; False: `interval_days` apart
    interval_days: int = 30
    first_payment_days: int = 7  # first payment this many days after today


@dataclass(frozen=True)
class Option:
    key: str
    title: str
    amount: Decimal
    currency: str
    basis: str
    rationale: str
    trade_offs: tuple[str, ...]
    terms: dict[str, Any]
    instalments: tuple[Instalment, ...] = ()


@dataclass(frozen=True)
class OptionSet:
    options: tuple[Option, ...]
    skipped: tuple[tuple[str, str], ...] = field(default=())

    def get(self, key: str) -> Option | None:
        """Return the option with this key, or None when it was not generated."""
        return next((o for o in self.options if o.key == key), None)


def add_months(day: date, months: int) -> date:
    """Return the same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def instalment_dates(first: date, count: int, prefs: OptionPrefs) -> list[date]:
    """Return `count` due dates starting at `first`, a month (or `interval_days`) apart."""
    if prefs.monthly:
        return [add_months(first, n) for n in range(count)]
    return [first + timedelta(days=prefs.interval_days * n) for n in range(count)]


def _terms(
    amount: Decimal,
    currency: str,
    *,
    instalments: Iterable[Instalment] = (),
    deliverables: Iterable[str] = (),
    dates: Iterable[tuple[str, date]] = (),
    conditions: Iterable[str] = (),
) -> dict[str, Any]:
    return {
        "amount": str(amount),
        "currency": currency,
        "instalments": [{"amount": str(i.amount), "due": i.due.isoformat()} for i in instalments],
        "deliverables": list(deliverables),
        "dates": [{"label": label, "date": d.isoformat()} for label, d in dates],
        "conditions": list(conditions),
    }


def generate_options(
    facts: EngagementFacts,
    settlement: Settlement,
    dispute_types: Iterable[str],
    today: date,
    prefs: OptionPrefs | None = None,
) -> OptionSet:
    """Return the options that fit these dispute types, each with amounts computed from the settlement."""
    prefs = prefs or OptionPrefs()
    types = set(dispute_types)
    unknown = types - set(DISPUTE_TYPES)
    if unknown:
        raise ValueError(f"Unknown dispute type(s): {', '.join(sorted(unknown))}.")
    builder = _Builder(facts, settlement, today, prefs)
    options: list[Option] = []
    skipped: list[tuple[str, str]] = []
    for key, fits in OPTION_TYPES.items():
        if types and not (types & fits):
            continue
        result = getattr(builder, key)()
        if isinstance(result, Option):
            options.append(result)
        else:
            skipped.append((key, result))
    return OptionSet(tuple(options), tuple(skipped))


class _Builder:
    def __init__(
        self, facts: EngagementFacts, settlement: Settlement, today: date, prefs: OptionPrefs
    ) -> None:
        self.facts, self.s, self.today, self.prefs = facts, settlement, today, prefs
        self.cur = settlement.currency
        self.first_due = today + timedelta(days=prefs.first_payment_days)

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self.cur)

    def delivered(self) -> tuple[Decimal, str]:
        """What is owed for the work delivered, and the basis it comes from."""
        for key in ("work_delivered", "hours", "invoiced"):
            basis = self.s.basis(key)
            if basis is not None:
                return basis.owed, key
        return ZERO, "none"

    def outstanding(self) -> tuple[Decimal, str]:
        """What is owed in full: invoices (with interest) when there are any, else delivered work."""
        for key in ("invoiced_with_interest", "invoiced"):
            basis = self.s.basis(key)
            if basis is not None and basis.owed > 0:
                return basis.owed, key
        return self.delivered()

    def planned(self) -> list[Any]:
        return [m for m in self.facts.milestones if m.status == "planned"]

    def pay_completed(self) -> Option | str:
        owed, basis = self.delivered()
        if owed <= 0:
            return "Nothing is owed for the work delivered so far."
        return Option(
            "pay_completed",
            "Pay for the completed work",
            owed,
            self.cur,
            basis,
            f"The client pays {self.money(owed)} for what was delivered; the engagement ends there.",
            (
                "Ends the dispute quickly and cleanly.",
                "The freelancer gives up the rest of the project's value.",
                "The client keeps what was delivered, nothing more.",
            ),
            _terms(
                owed,
                self.cur,
                instalments=[Instalment(self.first_due, owed)],
                conditions=["Payment for the work delivered to date; no further work is owed."],
            ),
        )

    def partial_revision(self) -> Option | str:
        owed, basis = self.delivered()
        if owed <= 0:
            return "Nothing is owed for the work delivered so far."
        now = quantize(owed * self.prefs.partial_percent / 100, self.cur)
        later = owed - now
        if now <= 0 or later <= 0:
            return "The amount is too small to split into a part now and a part after the revision."
        revision_by = self.today + timedelta(days=self.prefs.revision_days)
        rest_due = revision_by + timedelta(days=self.prefs.first_payment_days)
        plan = [Instalment(self.first_due, now), Instalment(rest_due, later)]
        return Option(
            "partial_revision",
            "Partial payment now, one revision round, the rest on acceptance",
            owed,
            self.cur,
            basis,
            f"The client pays {self.money(now)} now; the freelancer delivers one revision round by "
            f"{revision_by.isoformat()}; the remaining {self.money(later)} is due on acceptance.",
            (
                "Answers a quality or scope concern with concrete work.",
                "One more round of work for the freelancer, with the rest of the payment still at risk.",
                "Limit it to one round in writing, with a deemed-acceptance date.",
            ),
            _terms(
                owed,
                self.cur,
                instalments=plan,
                deliverables=["One revision round addressing the concerns listed in the case"],
                dates=[("Revision delivered by", revision_by)],
                conditions=[
                    "Exactly one revision round.",
                    "The revision is accepted unless specific defects are reported within 7 days.",
                ],
            ),
            tuple(plan),
        )

    def deadline_extension(self) -> Option | str:
        planned = self.planned()
        if not planned:
            return "No planned milestones to reschedule."
        owed, basis = self.delivered()
        shift = timedelta(days=self.prefs.extension_days)
        dates = [(f"“{m.title}” delivered by", (m.due or self.today) + shift) for m in planned]
        dates = [(label, max(d, self.today)) for label, d in dates]
        amount = quantize(owed + sum((m.amount for m in planned), ZERO), self.cur)
        return Option(
            "deadline_extension",
            f"Extend the deadline by {self.prefs.extension_days} days",
            amount,
            self.cur,
            basis,
            f"The remaining milestones move {self.prefs.extension_days} days later; delivered work "
            f"({self.money(owed)}) is paid now and the rest on delivery, as agreed.",
            (
                "Keeps the project and its full value.",
                "The client waits longer; the freelancer must meet the new dates.",
                "Works only if the delay, not the work, is the problem.",
            ),
            _terms(
                amount,
                self.cur,
                deliverables=[m.title for m in planned],
                dates=dates,
                conditions=["All other terms of the engagement are unchanged."],
            ),
        )

    def reduced_scope(self) -> Option | str:
        planned = self.planned()
        if not planned:
            return "No planned work left to reduce."
        owed, basis = self.delivered()
        remaining = quantize(sum((m.amount for m in planned), ZERO), self.cur)
        kept = quantize(remaining * self.prefs.reduced_scope_percent / 100, self.cur)
        amount = quantize(owed + kept, self.cur)
        return Option(
            "reduced_scope",
            "Reduced scope at a reduced price",
            amount,
            self.cur,
            basis,
            f"The remaining work ({self.money(remaining)}) is cut to an agreed smaller set for "
            f"{self.money(kept)} ({self.prefs.reduced_scope_percent}%); delivered work is paid in full.",
            (
                "The client gets a finished, smaller result at a lower price.",
                "The freelancer recovers the delivered work in full but less for the rest.",
                "The reduced deliverables must be written down precisely.",
            ),
            _terms(
                amount,
                self.cur,
                deliverables=[f"Reduced version of: {m.title}" for m in planned],
                conditions=["Scope beyond the listed deliverables is out of this agreement."],
            ),
        )

    def kill_fee(self) -> Option | str:
        basis = self.s.basis("kill_fee")
        if basis is None:
            return "The contract has no kill-fee terms."
        if basis.owed <= 0:
            return "Nothing is owed under the kill-fee terms."
        return Option(
            "kill_fee",
            "End the project with the contract's kill fee",
            basis.owed,
            self.cur,
            "kill_fee",
            f"The engagement ends now; the client pays the work done plus the kill fee, "
            f"{self.money(basis.owed)} in all, as the contract says.",
            (
                "Grounded in the signed contract: the strongest footing.",
                "Ends the relationship; no further work or revisions.",
            ),
            _terms(
                basis.owed,
                self.cur,
                instalments=[Instalment(self.first_due, basis.owed)],
                conditions=["The engagement is terminated; the kill fee is paid per the contract."],
            ),
        )

    def payment_plan(self) -> Option | str:
        owed, basis = self.outstanding()
        if owed <= 0:
            return "Nothing is outstanding to spread over a plan."
        count = self.prefs.instalments
        try:
            plan = split_instalments(
                owed, count, instalment_dates(self.first_due, count, self.prefs), self.cur
            )
        except ValueError as exc:
            return str(exc)
        return Option(
            "payment_plan",
            f"Payment plan in {count} instalments",
            owed,
            self.cur,
            basis,
            f"The client pays {self.money(owed)} in {count} instalments from {self.first_due.isoformat()}.",
            (
                "Makes payment possible for a client short of cash.",
                "The freelancer waits longer for the money.",
                "A missed instalment makes the whole balance due at once.",
            ),
            _terms(
                owed,
                self.cur,
                instalments=plan,
                conditions=["If an instalment is more than 7 days late, the whole balance becomes due."],
            ),
            plan,
        )

    def ip_transfer(self) -> Option | str:
        owed, basis = self.outstanding()
        if owed <= 0:
            return "Nothing is outstanding; the rights can simply be transferred."
        return Option(
            "ip_transfer",
            "Usage rights transfer on payment",
            owed,
            self.cur,
            basis,
            f"The rights in the delivered work pass to the client once {self.money(owed)} is paid in full.",
            (
                "Gives the client a clear reason to pay: they need the rights.",
                "Until payment, the client may not use the work; enforcing that can be hard.",
                "Check the contract's IP clause says the same.",
            ),
            _terms(
                owed,
                self.cur,
                instalments=[Instalment(self.first_due, owed)],
                conditions=[
                    "Copyright and usage rights in the delivered work transfer to the client "
                    "on receipt of full payment; until then no licence is granted."
                ],
            ),
        )
