"""Template context: the number of unread notifications, for the header bell (mediation/_bell.html).

Add "amicable.mediation.context.notifications" to TEMPLATES' context_processors.
"""

from __future__ import annotations

from django.http import HttpRequest

from .selectors import unread_count


def notifications(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {"notifications_unread": unread_count(user) if user is not None else 0}
