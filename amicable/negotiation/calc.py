"""Settlement calculator: what is owed on each basis, every number traced to its source.

Pure Python (no Django). The caller turns the engagement, its milestones, time log, costs, invoices,
payments and contract terms into the plain dataclasses below; `calculate()` returns one `Basis` per
way of counting what is owed. Each basis is a list of `Line`s (label, amount, source reference) and
a total. Line amounts are exact Decimals (interest and converted amounts keep all their digits);
only the total is rounded, half up, to the currency's minor unit. So a displayed column of rounded
lines can differ from the total by a minor unit: the total is the exact sum, rounded once.

Conventions:
- Every amount is in the engagement currency unless an item carries its own `currency`, in which
  case it needs `fx_rate` (engagement-currency units per one unit of the item's currency).
- `deposit_held` is money the freelancer already holds from the client and has NOT also recorded
  as a payment; it is credited on every basis (and, for interest, against the earliest invoice).
- Received money (payments + deposit) is subtracted on every basis, so a negative total means the
  client has paid more than that basis says is owed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from amicable.lib.money import MoneyError, format_money, normalise_currency, quantize

ZERO = Decimal(0)
MILESTONE_STATUSES = ("delivered", "accepted", "planned")
KILL_FEE_KINDS = ("percent_of_remaining", "fixed")


class CalcError(ValueError):
    """An input the calculator cannot use; `field` names it (e.g. "milestones[2].amount")."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Milestone:
    ref: str
    title: str
    amount: Decimal
    status: str  # delivered | accepted | planned
    due: date | None = None


@dataclass(frozen=True)
class TimeEntry:
    ref: str
    hours: Decimal
    description: str = ""
    rate: Decimal | None = None  # None: the engagement's hourly rate


@dataclass(frozen=True)
class Cost:
    ref: str
    label: str
    amount: Decimal
    rebillable: bool = True
    currency: str | None = None
    fx_rate: Decimal | None = None


@dataclass(frozen=True)
class Invoice:
    ref: str
    number: str
    amount: Decimal
    issued: date
    due: date


@dataclass(frozen=True)
class Payment:
    ref: str
    amount: Decimal
    paid_on: date
    invoice_ref: str | None = None
    currency: str | None = None
    fx_rate: Decimal | None = None


@dataclass(frozen=True)
class KillFeeTerms:
    kind: str  # percent_of_remaining | fixed
    value: Decimal  # a percentage (0 < v <= 100) or a fixed amount
    source: str  # e.g. "clause:14"


@dataclass(frozen=True)
class LatePaymentTerms:
    rate_percent: Decimal  # simple interest, per period
    period_days: int  # 365 for "per year", 30 for "per month"
    source: str
    grace_days: int = 0
    fixed_fee: Decimal = ZERO  # flat compensation per late invoice (e.g. EUR 40 under the EU directive)


@dataclass(frozen=True)
class EngagementFacts:
    currency: str
    as_of: date
    hourly_rate: Decimal | None = None
    fee_total: Decimal | None = None  # the agreed price; None: the sum of the milestones
    milestones: tuple[Milestone, ...] = ()
    time_entries: tuple[TimeEntry, ...] = ()
    costs: tuple[Cost, ...] = ()
    invoices: tuple[Invoice, ...] = ()
    payments: tuple[Payment, ...] = ()
    deposit_held: Decimal = ZERO
    deposit_source: str = "engagement:deposit"
    kill_fee: KillFeeTerms | None = None
    late_payment: LatePaymentTerms | None = None
    fee_source: str = "engagement:fee"
    rate_source: str = "engagement:rate"


@dataclass(frozen=True)
class Line:
    label: str
    amount: Decimal  # exact; positive adds to what is owed, negative is money already received
    source: str


@dataclass(frozen=True)
class Basis:
    key: str
    title: str
    explanation: str
    currency: str
    lines: tuple[Line, ...]
    total: Decimal = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "total", quantize(sum((ln.amount for ln in self.lines), ZERO), self.currency)
        )

    @property
    def owed(self) -> Decimal:
        """The total, floored at zero (an overpaid basis owes nothing)."""
        return max(self.total, ZERO)


@dataclass(frozen=True)
class Settlement:
    currency: str
    as_of: date
    bases: tuple[Basis, ...]
    received: Decimal
    notes: tuple[str, ...] = ()

    def basis(self, key: str) -> Basis | None:
        """Return the basis with this key, or None when it does not apply to this engagement."""
        return next((b for b in self.bases if b.key == key), None)


# ---------------------------------------------------------------- validation helpers


def _amount(value: object, where: str, *, allow_zero: bool = True) -> Decimal:
    if isinstance(value, float) or not isinstance(value, Decimal | int):
        raise CalcError(where, "must be a Decimal (never a float)")
    value = Decimal(value)
    if not value.is_finite():
        raise CalcError(where, "must be a finite number")
    if value < 0:
        raise CalcError(where, f"cannot be negative (got {value})")
    if value == 0 and not allow_zero:
        raise CalcError(where, "must be more than zero")
    return value


def _converted(
    amount: Decimal, currency: str | None, fx_rate: Decimal | None, base: str, where: str
) -> tuple[Decimal, str]:
    """Return (amount in the base currency, a note saying how it was converted)."""
    if currency is None:
        return amount, ""
    try:
        code = normalise_currency(currency)
    except MoneyError as exc:
        raise CalcError(f"{where}.currency", str(exc)) from None
    if code == base:
        return amount, ""
    if fx_rate is None:
        raise CalcError(
            f"{where}.fx_rate", f"{code} differs from the engagement currency {base}; give a rate"
        )
    rate = _amount(fx_rate, f"{where}.fx_rate", allow_zero=False)
    return amount * rate, f" ({code} {amount} at {rate} {base}/{code})"


def _check(facts: EngagementFacts) -> str:
    try:
        base = normalise_currency(facts.currency)
    except MoneyError as exc:
        raise CalcError("currency", str(exc)) from None
    for i, m in enumerate(facts.milestones):
        _amount(m.amount, f"milestones[{i}].amount")
        if m.status not in MILESTONE_STATUSES:
            raise CalcError(f"milestones[{i}].status", f"must be one of {', '.join(MILESTONE_STATUSES)}")
    for i, t in enumerate(facts.time_entries):
        _amount(t.hours, f"time_entries[{i}].hours")
        if t.rate is not None:
            _amount(t.rate, f"time_entries[{i}].rate")
        elif facts.hourly_rate is None:
            raise CalcError(
                f"time_entries[{i}].rate", "no rate on the entry and no hourly rate on the engagement"
            )
    if facts.hourly_rate is not None:
        _amount(facts.hourly_rate, "hourly_rate")
    if facts.fee_total is not None:
        _amount(facts.fee_total, "fee_total")
    for i, c in enumerate(facts.costs):
        _amount(c.amount, f"costs[{i}].amount")
    for i, inv in enumerate(facts.invoices):
        _amount(inv.amount, f"invoices[{i}].amount")
        if inv.due < inv.issued:
            raise CalcError(f"invoices[{i}].due", f"invoice {inv.number} is due before it was issued")
    refs = {inv.ref for inv in facts.invoices}
    for i, p in enumerate(facts.payments):
        _amount(p.amount, f"payments[{i}].amount", allow_zero=False)
        if p.invoice_ref is not None and p.invoice_ref not in refs:
            raise CalcError(f"payments[{i}].invoice_ref", f"no invoice with reference {p.invoice_ref!r}")
    _amount(facts.deposit_held, "deposit_held")
    _check_terms(facts)
    return base


def _check_terms(facts: EngagementFacts) -> None:
    kf = facts.kill_fee
    if kf is not None:
        if kf.kind not in KILL_FEE_KINDS:
            raise CalcError("kill_fee.kind", f"must be one of {', '.join(KILL_FEE_KINDS)}")
        value = _amount(kf.value, "kill_fee.value", allow_zero=False)
        if kf.kind == "percent_of_remaining" and value > 100:
            raise CalcError("kill_fee.value", "a percentage cannot exceed 100")
    lp = facts.late_payment
    if lp is not None:
        _amount(lp.rate_percent, "late_payment.rate_percent")
        _amount(lp.fixed_fee, "late_payment.fixed_fee")
        if lp.period_days <= 0:
            raise CalcError("late_payment.period_days", "must be a positive number of days")
        if lp.grace_days < 0:
            raise CalcError("late_payment.grace_days", "cannot be negative")


# ---------------------------------------------------------------- building blocks


def _received_lines(facts: EngagementFacts, base: str) -> list[Line]:
    lines = []
    if facts.deposit_held:
        lines.append(Line("Deposit held", -facts.deposit_held, facts.deposit_source))
    for i, p in sorted(enumerate(facts.payments), key=lambda ip: (ip[1].paid_on, ip[1].ref)):
        amount, note = _converted(p.amount, p.currency, p.fx_rate, base, f"payments[{i}]")
        lines.append(Line(f"Payment received {p.paid_on.isoformat()}{note}", -amount, f"payment:{p.ref}"))
    return lines


def _milestone_lines(facts: EngagementFacts, statuses: Iterable[str]) -> list[Line]:
    wanted = set(statuses)
    return [
        Line(f"Milestone “{m.title}” ({m.status})", m.amount, f"milestone:{m.ref}")
        for m in facts.milestones
        if m.status in wanted
    ]


def _cost_lines(facts: EngagementFacts, base: str) -> list[Line]:
    lines = []
    for i, c in enumerate(facts.costs):
        if not c.rebillable:
            continue
        amount, note = _converted(c.amount, c.currency, c.fx_rate, base, f"costs[{i}]")
        lines.append(Line(f"Cost: {c.label}{note}", amount, f"cost:{c.ref}"))
    return lines


def _hour_lines(facts: EngagementFacts) -> list[Line]:
    lines = []
    for t in facts.time_entries:
        rate = t.rate if t.rate is not None else facts.hourly_rate
        assert rate is not None  # _check guarantees it
        what = f": {t.description}" if t.description else ""
        source = f"time:{t.ref}" if t.rate is not None else f"time:{t.ref} + {facts.rate_source}"
        lines.append(Line(f"{t.hours} h × {rate}{what}", t.hours * rate, source))
    return lines


def _remaining_value(facts: EngagementFacts) -> tuple[Decimal, str, str]:
    """Return (value of the work not yet done, how it was computed, source)."""
    done = sum((m.amount for m in facts.milestones if m.status != "planned"), ZERO)
    if facts.fee_total is not None:
        remaining = max(facts.fee_total - done, ZERO)
        return remaining, f"agreed fee {facts.fee_total} − work done {done}", facts.fee_source
    planned = [m for m in facts.milestones if m.status == "planned"]
    total = sum((m.amount for m in planned), ZERO)
    source = " + ".join(f"milestone:{m.ref}" for m in planned) or "milestones"
    return total, "planned milestones", source


# ---------------------------------------------------------------- interest


@dataclass(frozen=True)
class _Allocation:
    invoice_ref: str
    on: date
    amount: Decimal


def _allocate(facts: EngagementFacts, base: str) -> list[_Allocation]:
    """Apply deposit and payments to invoices: named invoice first, else oldest due first."""
    invoices = sorted(facts.invoices, key=lambda inv: (inv.due, inv.issued, inv.ref))
    balance = {inv.ref: inv.amount for inv in invoices}
    credits: list[tuple[date, Decimal, str | None]] = []
    if facts.deposit_held:
        credits.append((date.min, facts.deposit_held, None))
    for i, p in enumerate(facts.payments):
        amount, _ = _converted(p.amount, p.currency, p.fx_rate, base, f"payments[{i}]")
        credits.append((p.paid_on, amount, p.invoice_ref))
    allocations = []
    for on, amount, target in sorted(credits, key=lambda c: (c[0], c[2] or "")):
        left = amount
        order = ([target] if target else []) + [inv.ref for inv in invoices if inv.ref != target]
        for ref in order:
            take = min(left, balance[ref])
            if take > 0:
                balance[ref] -= take
                left -= take
                allocations.append(_Allocation(ref, on, take))
            if left == 0:
                break
    return allocations


def _interest_lines(facts: EngagementFacts, base: str) -> list[Line]:
    terms = facts.late_payment
    assert terms is not None
    allocations = _allocate(facts, base)
    lines = []
    for inv in sorted(facts.invoices, key=lambda inv: (inv.due, inv.ref)):
        start = date.fromordinal(inv.due.toordinal() + terms.grace_days)
        if facts.as_of <= start:
            continue
        paid = sorted((a for a in allocations if a.invoice_ref == inv.ref), key=lambda a: a.on)
        outstanding = inv.amount - sum((a.amount for a in paid if a.on <= start), ZERO)
        if outstanding > 0 and terms.fixed_fee:
            lines.append(
                Line(
                    f"Late-payment compensation on {inv.number}",
                    terms.fixed_fee,
                    f"{terms.source} + invoice:{inv.ref}",
                )
            )
        cursor = start
        for stop in [a for a in paid if start < a.on < facts.as_of] + [None]:
            until = stop.on if stop else facts.as_of
            lines.extend(_segment(inv, terms, outstanding, cursor, until))
            if stop:
                outstanding -= stop.amount
                cursor = stop.on
    return lines


def _segment(inv: Invoice, terms: LatePaymentTerms, principal: Decimal, start: date, end: date) -> list[Line]:
    days = (end - start).days
    if principal <= 0 or days <= 0 or terms.rate_percent == 0:
        return []
    amount = principal * terms.rate_percent / 100 * days / terms.period_days
    label = (
        f"Interest on {inv.number}: {principal} × {terms.rate_percent}% per {terms.period_days} days"
        f" × {days} days ({start.isoformat()} to {end.isoformat()})"
    )
    return [Line(label, amount, f"{terms.source} + invoice:{inv.ref}")]


# ---------------------------------------------------------------- the bases


def calculate(facts: EngagementFacts) -> Settlement:
    """Return what is owed on every basis that applies to these facts.

    Raises CalcError naming the first input that cannot be used.
    """
    base = _check(facts)
    received = _received_lines(facts, base)
    costs = _cost_lines(facts, base)
    bases: list[Basis] = []
    notes: list[str] = []

    def add(key: str, title: str, explanation: str, lines: list[Line]) -> None:
        bases.append(Basis(key, title, explanation, base, tuple(lines)))

    if facts.milestones:
        add(
            "accepted_milestones",
            "Accepted milestones",
            "Only the milestones the client has accepted, less what has been received: the narrowest claim.",
            _milestone_lines(facts, ["accepted"]) + received,
        )
        add(
            "work_delivered",
            "Work delivered",
            "Milestones delivered or accepted, plus rebillable costs, less what has been received.",
            _milestone_lines(facts, ["delivered", "accepted"]) + costs + received,
        )
    if facts.time_entries:
        add(
            "hours",
            "Hours worked",
            "Hours logged × rate, plus rebillable costs, less what has been received.",
            _hour_lines(facts) + costs + received,
        )
    if facts.invoices:
        invoiced = [
            Line(f"Invoice {inv.number} (due {inv.due.isoformat()})", inv.amount, f"invoice:{inv.ref}")
            for inv in sorted(facts.invoices, key=lambda inv: (inv.due, inv.ref))
        ]
        add(
            "invoiced",
            "Invoices outstanding",
            "Everything invoiced, less what has been received.",
            invoiced + received,
        )
        if facts.late_payment is not None:
            add(
                "invoiced_with_interest",
                "Invoices outstanding with late-payment interest",
                "Outstanding invoices plus simple interest by days after each due date, per the contract.",
                invoiced + received + _interest_lines(facts, base),
            )
        else:
            notes.append("No late-payment terms: no interest is counted.")
    if facts.kill_fee is not None:
        add(
            "kill_fee",
            "Work done plus kill fee",
            "Work delivered and rebillable costs, plus the contract's kill fee, less what has been received.",
            _milestone_lines(facts, ["delivered", "accepted"])
            + costs
            + [_kill_fee_line(facts, base)]
            + received,
        )
    else:
        notes.append("No kill-fee terms: no kill-fee basis.")
    return Settlement(
        base, facts.as_of, tuple(bases), -sum((ln.amount for ln in received), ZERO), tuple(notes)
    )


def _kill_fee_line(facts: EngagementFacts, base: str) -> Line:
    kf = facts.kill_fee
    assert kf is not None
    if kf.kind == "fixed":
        return Line(f"Kill fee (fixed, {format_money(kf.value, base)})", kf.value, kf.source)
    remaining, how, source = _remaining_value(facts)
    return Line(
        f"Kill fee: {kf.value}% of remaining work {remaining} ({how})",
        remaining * kf.value / 100,
        f"{kf.source} + {source}",
    )
