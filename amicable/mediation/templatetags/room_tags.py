from __future__ import annotations

from django import template

from amicable.mediation.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: template.Context) -> int:
    """The signed-in user's unread notification count (from the context processor when installed)."""
    if "notifications_unread" in context:
        return int(context["notifications_unread"])
    request = context.get("request")
    return unread_count(request.user) if request is not None else 0
