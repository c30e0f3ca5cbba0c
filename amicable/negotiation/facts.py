"""Turn a case's engagement (and the calculator's extra facts) into the pure calculator's inputs."""

from __future__ import annotations

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
    kill_fee = None
    if extra.kill_fee_kind and extra.kill_fee_value is not None:
        kill_fee = calc.KillFeeTerms(extra.kill_fee_kind, extra.kill_fee_value,
                                     extra.kill_fee_source or "calculator:kill-fee")
    late = None
    if extra.late_rate_percent is not None:
        late = calc.LatePaymentTerms(extra.late_rate_percent, extra.late_period_days,
                                     extra.late_source or "calculator:late-payment",
                                     grace_days=extra.late_grace_days, fixed_fee=extra.late_fixed_fee)
    hourly = engagement.rate if engagement.rate_unit == "hour" else None
    return calc.EngagementFacts(
        currency=engagement.currency, as_of=as_of or timezone.localdate(), hourly_rate=hourly,
        fee_total=extra.fee_total, milestones=milestones, time_entries=hours, costs=costs, invoices=invoices,
        payments=payments, deposit_held=extra.deposit_held or Decimal(0), deposit_source="calculator:deposit",
        kill_fee=kill_fee, late_payment=late, fee_source="calculator:fee-total",
        rate_source=f"engagement:{engagement.pk}:rate")
