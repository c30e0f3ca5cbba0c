from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def amicable_context(request: HttpRequest) -> dict[str, object]:
    return {"LOCAL_MODE": settings.LOCAL_MODE, "MODE": settings.MODE}
