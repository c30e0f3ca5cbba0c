from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

from amicable.lib.money import MoneyError, format_money
from amicable.mediation.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: template.Context) -> int:
    """The signed-in user's unread notification count (from the context processor when installed)."""
    if "notifications_unread" in context:
        return int(context["notifications_unread"])
    request = context.get("request")
    return unread_count(request.user) if request is not None else 0


@register.filter
def money(amount: object, currency: str) -> str:
    """Format an amount (Decimal or its text, as stored in offer terms) as 'EUR 1,200.00'."""
    if amount in (None, ""):
        return "—"
    try:
        return format_money(Decimal(str(amount)), str(currency))
    except (InvalidOperation, MoneyError, KeyError):
        return f"{currency} {amount}"
