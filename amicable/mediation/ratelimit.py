"""A small database-backed rate limiter for the sign-in and token endpoints.

Each attempt at a limited endpoint is a `RateLimitHit` row keyed by scope and client address (and,
for password sign-in, also by the email tried). When a key has `limit` hits within the last `window`
seconds, further attempts get HTTP 429 until the oldest hit leaves the window. The database is used
(not the cache) because it is shared by every web process in server mode and needs nothing extra in
local mode. Two simultaneous attempts may both pass at the very edge of the limit: this is a brake on
guessing, not an exact quota. Rows older than a day are pruned as new hits arrive.

The client address is REMOTE_ADDR. Behind a reverse proxy that is the proxy's address, so every user
shares one budget: configure the proxy to pass the client address as REMOTE_ADDR (e.g. waitress
`trusted_proxy` with `trusted_proxy_headers="x-forwarded-for"`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .models import RateLimitHit


@dataclass(frozen=True)
class Limit:
    scope: str
    limit: int
    window: int  # seconds


LOGIN = Limit("login", 10, 600)
LOGIN_EMAIL = Limit("login-email", 10, 600)
LOGIN_LINK = Limit("login-link", 20, 600)
INVITE_TOKEN = Limit("invite", 20, 600)


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def attempt(rule: Limit, key: str) -> bool:
    """Record one attempt under `rule` for `key`; return False (and record nothing) when over the limit."""
    now = timezone.now()
    full_key = f"{rule.scope}:{key}"[:200]
    recent = RateLimitHit.objects.filter(key=full_key, at__gt=now - timedelta(seconds=rule.window)).count()
    if recent >= rule.limit:
        return False
    RateLimitHit.objects.create(key=full_key, at=now)
    RateLimitHit.objects.filter(key=full_key, at__lt=now - timedelta(days=1)).delete()
    return True


def too_many(request: HttpRequest, rule: Limit) -> HttpResponse:
    minutes = max(1, rule.window // 60)
    return render(request, "mediation/rate_limited.html", {"minutes": minutes}, status=429)


def rate_limited(rule: Limit, *, methods: tuple[str, ...] = ("GET", "POST"),
                 extra_key: Callable[[HttpRequest], str | None] | None = None) -> Callable[..., Any]:
    """Decorate a view so that more than `rule.limit` attempts per window and address get a 429 page.

    `extra_key` may return a second key (such as the email being tried) limited under the same rule.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                if not attempt(rule, client_address(request)):
                    return too_many(request, rule)
                extra = extra_key(request) if extra_key else None
                if extra and not attempt(Limit(rule.scope + "-key", rule.limit, rule.window), extra.lower()):
                    return too_many(request, rule)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
