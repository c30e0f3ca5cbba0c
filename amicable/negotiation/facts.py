"""Turn a case's engagement (and the calculator's extra facts) into the pure calculator's inputs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from amicable.cases.models import Case, Payment

from . import calc
from .models import CalculatorInputs


def inputs_for(case: Case) -> CalculatorInputs:
    """Return the case's saved calculator facts, or an unsaved blank set."""
    try:
        return case.calculator_inputs
    except CalculatorInputs.DoesNotExist:
        return CalculatorInputs(case=case)


def _dec(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def facts_for(case: Case, *, as_of: date | None = None) -> calc.EngagementFacts:
    """Return the calculator inputs for this case, every item carrying its source reference."""
    engagement = case.engagement
    extra = inputs_for(case)
    milestones = tuple(calc.Milestone(str(m.pk), m.title, m.amount, m.status, m.due_date)
                       for m in engagement.milestones.all())
    invoices = tuple(calc.Invoice(str(i.pk), i.number, i.amount, i.issue_date, i.due_date)
                     for i in engagement.invoices.all())
    payments = tuple(calc.Payment(str(p.pk), p.amount, p.received_on, invoice_ref=str(p.invoice_id))
                     for p in Payment.objects.filter(invoice__engagement=engagement))
    hours = tuple(calc.TimeEntry(f"calculator-hours-{n + 1}", _dec(h.get("hours")) or Decimal(0),
                                 str(h.get("description") or ""), _dec(h.get("rate")))
                  for n, h in enumerate(extra.hours or []))
    costs = tuple(calc.Cost(f"calculator-cost-{n + 1}", str(c.get("label") or "Cost"),
                            _dec(c.get("amount")) or Decimal(0), bool(c.get("rebillable", True)),
                            c.get("currency") or None, _dec(c.get("fx_rate")))
                  for n, c in enumerate(extra.costs or []))
    contract = contract_terms(case, fee_total=extra.fee_total)
    fee_total, fee_source = extra.fee_total, "calculator:fee-total"
    if fee_total is None and contract.fee_total is not None:
        fee_total, fee_source = contract.fee_total, contract.fee_source
    kill_fee = contract.kill_fee
    if extra.kill_fee_kind and extra.kill_fee_value is not None:  # typed by the freelancer: wins
        kill_fee = calc.KillFeeTerms(extra.kill_fee_kind, extra.kill_fee_value,
                                     extra.kill_fee_source or "calculator:kill-fee")
    late = contract.late_payment
    if extra.late_rate_percent is not None:
        late = calc.LatePaymentTerms(extra.late_rate_percent, extra.late_period_days,
                                     extra.late_source or "calculator:late-payment",
                                     grace_days=extra.late_grace_days, fixed_fee=extra.late_fixed_fee)
    hourly = engagement.rate if engagement.rate_unit == "hour" else None
    return calc.EngagementFacts(
        currency=engagement.currency, as_of=as_of or timezone.localdate(), hourly_rate=hourly,
        fee_total=fee_total, milestones=milestones, time_entries=hours, costs=costs, invoices=invoices,
        payments=payments, deposit_held=extra.deposit_held or Decimal(0), deposit_source="calculator:deposit",
        kill_fee=kill_fee, late_payment=late, fee_source=fee_source,
        rate_source=f"engagement:{engagement.pk}:rate")


PERIOD_DAYS = {"year": 365, "month": 30, "week": 7, "day": 1}
REMAINING_WORDS = ("remain", "outstanding", "balance", "unpaid", "uncompleted", "not yet", "unperformed")


@dataclass(frozen=True)
class ContractFacts:
    kill_fee: calc.KillFeeTerms | None = None
    late_payment: calc.LatePaymentTerms | None = None
    fee_total: Decimal | None = None
    fee_source: str = ""


def contract_terms(case: Case, *, fee_total: Decimal | None = None) -> ContractFacts:
    """Kill-fee and late-payment terms and the total fee from the engagement's analysed contract (step 7),
    when the contracts app offers its key terms; empty otherwise. What the freelancer types on the
    calculator form overrides these."""
    try:
        from amicable.contracts.selectors import current_readable_contract, key_terms
    except ImportError:
        return ContractFacts()
    contract = current_readable_contract(case.engagement)
    if contract is None:
        return ContractFacts()
    found: dict[str, Any] = {}
    for term in key_terms(contract):
        found.setdefault(term.name, term)
    currency = case.engagement.currency
    fee_term = found.get("fee")
    fee = _money_value(fee_term.value, currency) if fee_term is not None else None
    base = fee_total if fee_total is not None else fee
    if base is None:
        base = sum((m.amount for m in case.engagement.milestones.all()), Decimal(0))
    return ContractFacts(_kill_fee_from(found.get("kill_fee"), contract, currency, base),
                         _late_from(found.get("late_fee"), contract, currency), fee,
                         _source(contract, fee_term) if fee_term is not None else "")


def _source(contract: Any, term: Any) -> str:
    where = term.citation or (f"clause {term.clause}" if term.clause is not None else "")
    return f"contract:{contract.pk}" + (f" {where}" if where else "")


def _money_value(value: Any, currency: str) -> Decimal | None:
    if isinstance(value, dict):
        if value.get("currency") and str(value["currency"]).upper() != currency:
            return None  # a fee in another currency: leave it to the freelancer to convert
        value = value.get("amount")
    elif hasattr(value, "amount"):
        if getattr(value, "currency", currency) != currency:
            return None
        value = value.amount
    amount = _dec(value)
    return amount if amount is not None and amount > 0 else None


def _kill_fee_from(term: Any, contract: Any, currency: str, fee_total: Decimal) -> calc.KillFeeTerms | None:
    value = term.value if term is not None and isinstance(term.value, dict) else {}
    source = _source(contract, term) if term is not None else ""
    if value.get("full_fee"):
        return calc.KillFeeTerms("percent_of_remaining", Decimal(100), source)
    if value.get("percent") is not None:
        pct = _dec(value["percent"])
        basis = str(value.get("basis") or "").lower()
        if pct is None or not 0 < pct <= 100:
            return None
        if any(word in basis for word in REMAINING_WORDS):
            return calc.KillFeeTerms("percent_of_remaining", pct, source)
        if fee_total <= 0:
            return None
        return calc.KillFeeTerms("fixed", fee_total * pct / 100, f"{source} ({pct}% {basis or 'of the fee'})")
    amount = _money_value(value.get("amount"), currency) if "amount" in value else None
    return calc.KillFeeTerms("fixed", amount, source) if amount is not None else None


def _late_from(term: Any, contract: Any, currency: str) -> calc.LatePaymentTerms | None:
    value = term.value if term is not None and isinstance(term.value, dict) else {}
    source = _source(contract, term) if term is not None else ""
    if value.get("kind") == "rate" and "above" not in str(term.display):
        rate, days = _dec(value.get("rate")), PERIOD_DAYS.get(str(value.get("period")))
        if rate is not None and rate > 0 and days:
            return calc.LatePaymentTerms(rate, days, source)
    if value.get("kind") == "flat":
        amount = _money_value(value.get("amount"), currency)
        if amount is not None:
            return calc.LatePaymentTerms(Decimal(0), 365, source, fixed_fee=amount)
    return None  # statutory or base-rate-linked interest: the escalation step computes those
