from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def amicable_context(request: HttpRequest) -> dict[str, object]:
    """Mode flags, and whether the user belongs to a workspace (invited participants only see rooms)."""
    user = getattr(request, "user", None)
    is_member = bool(user is not None and user.is_authenticated and user.memberships.exists())
    return {"LOCAL_MODE": settings.LOCAL_MODE, "MODE": settings.MODE, "is_member": is_member}
