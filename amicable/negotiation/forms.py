"""Forms for offers, bids, agreements and the calculator's extra facts.

Offer terms are typed as simple lines (one instalment, deliverable, date or condition per line) and
turned into the terms JSON that `terms.validate_terms` checks; the service gives the precise errors.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone

from amicable.forms import AccessibleForm

from .models import CalculatorInputs

AMOUNT = {"widget": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})}
LINES = {"widget": forms.Textarea(attrs={"rows": 3}), "required": False}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class OfferForm(AccessibleForm):
    amount = forms.CharField(label="Amount", **AMOUNT)
    currency = forms.CharField(max_length=3, required=False,
                               help_text="Leave empty for the engagement's currency.")
    fx_rate = forms.CharField(required=False, label="Exchange rate",
                              help_text="Only for another currency: engagement-currency units per 1 unit.")
    instalments = forms.CharField(label="Instalments", help_text="One per line: YYYY-MM-DD amount. "
                                  "They must add up to the amount. Leave empty for a single payment.", **LINES)
    deliverables = forms.CharField(label="Deliverables", help_text="One per line.", **LINES)
    dates = forms.CharField(label="Dates", help_text="One per line: YYYY-MM-DD what happens then.", **LINES)
    conditions = forms.CharField(label="Conditions", help_text="One per line.", **LINES)
    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False,
                              help_text="A short, calm note to go with the terms.")
    expires_in_days = forms.IntegerField(min_value=1, max_value=90, initial=7, label="Open for (days)",
                                         help_text="After this the offer expires and can no longer be accepted.")

    def terms(self) -> dict[str, Any]:
        """Return the terms JSON from the cleaned form (line-format problems become field errors)."""
        data = self.cleaned_data
        raw: dict[str, Any] = {"amount": data["amount"], "deliverables": _lines(data["deliverables"]),
                               "conditions": _lines(data["conditions"])}
        if data.get("currency"):
            raw["currency"] = data["currency"].strip().upper()
        if data.get("fx_rate"):
            raw["fx_rate"] = data["fx_rate"].strip()
        raw["instalments"] = [self._dated(line, "instalments", "amount") for line in _lines(data["instalments"])]
        raw["dates"] = [self._dated(line, "dates", "label") for line in _lines(data["dates"])]
        return raw

    def _dated(self, line: str, field: str, key: str) -> dict[str, str]:
        when, _, rest = line.partition(" ")
        entry = {"due" if field == "instalments" else "date": when, key: rest.strip()}
        return entry

    def expires_at(self) -> Any:
        return timezone.now() + timedelta(days=self.cleaned_data["expires_in_days"])

    @classmethod
    def initial_from_terms(cls, terms: dict[str, Any], message: str = "") -> dict[str, Any]:
        """Return form initial data for existing terms (an option, a draft, or the offer being countered)."""
        return {
            "amount": terms.get("amount", ""), "currency": terms.get("currency", ""),
            "fx_rate": terms.get("fx_rate", ""),
            "instalments": "\n".join(f"{i['due']} {i['amount']}" for i in terms.get("instalments") or []),
            "deliverables": "\n".join(terms.get("deliverables") or []),
            "dates": "\n".join(f"{d['date']} {d['label']}" for d in terms.get("dates") or []),
            "conditions": "\n".join(terms.get("conditions") or []), "message": message, "expires_in_days": 7,
        }


class ResponseForm(AccessibleForm):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Note (optional)")


class BidOpenForm(AccessibleForm):
    gap_percent = forms.DecimalField(min_value=0, max_value=50, decimal_places=2, initial=10,
                                     label="Agreed gap (%)",
                                     help_text="Settle at the midpoint when the figures are within this "
                                               "percentage of the amount in dispute.")


class BidForm(AccessibleForm):
    figure = forms.CharField(label="Your confidential figure", **AMOUNT)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class AgreementForm(OfferForm):
    """The mediator records the agreed terms (no expiry: the parties accept or decline)."""

    expires_in_days = None  # type: ignore[assignment]


class CalculatorForm(AccessibleForm):
    deposit_held = forms.CharField(required=False, label="Deposit held",
                                   help_text="Money you hold from the client that is not recorded as a payment.",
                                   **AMOUNT)
    fee_total = forms.CharField(required=False, label="Agreed total fee",
                                help_text="The whole project price, if one was agreed.", **AMOUNT)
    hours = forms.CharField(label="Hours logged", help_text="One per line: hours; rate (empty for the "
                            "engagement's); what. Example: 12.5; ; design rounds", **LINES)
    costs = forms.CharField(label="Costs", help_text="One per line: amount; what; currency; rate; "
                            "'not rebillable'. Example: 120; font licence", **LINES)
    kill_fee_kind = forms.ChoiceField(choices=CalculatorInputs.KillFeeKind.choices, required=False,
                                      label="Kill fee")
    kill_fee_value = forms.CharField(required=False, label="Kill fee value",
                                     help_text="A percentage (like 25) or an amount.", **AMOUNT)
    kill_fee_source = forms.CharField(required=False, max_length=200, label="Kill fee source",
                                      help_text="Where it is written, like “Contract clause 14”.")
    late_rate_percent = forms.CharField(required=False, label="Late-payment interest (%)", **AMOUNT)
    late_period_days = forms.TypedChoiceField(coerce=int, initial=365, label="per", choices=[
        (365, "year"), (30, "month (30 days)"), (7, "week"), (1, "day")])
    late_grace_days = forms.IntegerField(min_value=0, max_value=365, initial=0, required=False,
                                         label="Grace days after the due date")
    late_fixed_fee = forms.CharField(required=False, label="Fixed compensation per late invoice", **AMOUNT)
    late_source = forms.CharField(required=False, max_length=200, label="Late-payment source")

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["hours"] = [_hour_row(line) for line in _lines(data.get("hours", ""))]
        data["costs"] = [_cost_row(line) for line in _lines(data.get("costs", ""))]
        return data

    @classmethod
    def initial_from(cls, inputs: CalculatorInputs) -> dict[str, Any]:
        return {
            "deposit_held": inputs.deposit_held or "", "fee_total": inputs.fee_total or "",
            "hours": "\n".join(f"{h['hours']}; {h.get('rate') or ''}; {h.get('description', '')}"
                               for h in inputs.hours or []),
            "costs": "\n".join(_cost_line(c) for c in inputs.costs or []),
            "kill_fee_kind": inputs.kill_fee_kind, "kill_fee_value": inputs.kill_fee_value or "",
            "kill_fee_source": inputs.kill_fee_source, "late_rate_percent": inputs.late_rate_percent or "",
            "late_period_days": inputs.late_period_days, "late_grace_days": inputs.late_grace_days,
            "late_fixed_fee": inputs.late_fixed_fee or "", "late_source": inputs.late_source,
        }


def _hour_row(line: str) -> dict[str, str]:
    parts = [p.strip() for p in line.split(";")] + ["", ""]
    return {"hours": parts[0], "rate": parts[1], "description": "; ".join(p for p in parts[2:] if p)}


def _cost_row(line: str) -> dict[str, Any]:
    raw = [p.strip() for p in line.split(";")]
    flagged = [p for p in raw if p.lower() == "not rebillable"]
    parts = [p for p in raw if p.lower() != "not rebillable"] + ["", "", "", ""]
    return {"amount": parts[0], "label": parts[1] or "Cost", "currency": parts[2], "fx_rate": parts[3],
            "rebillable": not flagged}


def _cost_line(cost: dict[str, Any]) -> str:
    parts = [cost["amount"], cost.get("label", ""), cost.get("currency") or "", cost.get("fx_rate") or ""]
    if not cost.get("rebillable", True):
        parts.append("not rebillable")
    return "; ".join(parts).rstrip("; ")
