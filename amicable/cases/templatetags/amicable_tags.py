from __future__ import annotations

from django import template

from amicable.cases.models import DisputeType
from amicable.lib.money import format_money

register = template.Library()


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    """`{{ dict|get_item:key }}`: a dictionary lookup with a variable key."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


@register.filter
def dispute_label(value: str) -> str:
    return dict(DisputeType.choices).get(value, value)


@register.filter
def money(amount: object, currency: str) -> str:
    """`{{ amount|money:"EUR" }}` → "EUR 1,850.00" (rounded to the currency's minor unit)."""
    if amount in (None, ""):
        return "—"
    try:
        return format_money(amount, currency)  # type: ignore[arg-type]
    except (ValueError, TypeError, ArithmeticError):
        return str(amount)
