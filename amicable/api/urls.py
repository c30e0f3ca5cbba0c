"""The API's URLs: ninja's routes, plus JSON answers for a wrong method (405) and an unknown path (404).

Ninja answers those two with plain text and Django with an HTML page; an API client gets the same JSON
error body as for every other error instead.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, include, path, re_path, resolve
from django.views.decorators.csrf import csrf_exempt

from .main import api


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"message": message, "errors": []}, status=status)


def _json_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith("application/json"):
            allowed = response.get("Allow", "")
            json_response = _error(f"{request.method} is not allowed on {request.path}. Allowed: {allowed}.", 405)
            json_response["Allow"] = allowed
            return json_response
        return response

    return wrapper


@csrf_exempt
def not_found(request: HttpRequest, unknown: str = "") -> JsonResponse:
    message = f"There is no API route {request.path}. The routes are listed at /api/docs."
    if request.path.endswith("/"):
        try:
            resolve(request.path.rstrip("/"))
            message = f"There is no API route {request.path}: API paths have no trailing slash, " \
                      f"try {request.path.rstrip('/')}."
        except Resolver404:
            pass
    return _error(message, 404)


_patterns, _app_name, _namespace = api.urls
urlpatterns = [
    path("", include(([path(str(p.pattern), _json_not_allowed(p.callback), p.default_args, p.name)
                       for p in _patterns], _app_name), namespace=_namespace)),
    re_path(r"^(?P<unknown>.*)$", not_found),
]
