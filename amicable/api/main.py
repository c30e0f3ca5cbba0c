"""The JSON API: token auth, JSON errors, and one router per app (discovered from `amicable.<app>.api`)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import HttpBearer

from amicable.accounts.services import api_token_authenticate
from amicable.discovery import app_modules

from .errors import install_handlers


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> object | None:
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="amicable API",
    version="1",
    description="Resolve freelance disputes. Authenticate with `Authorization: Bearer <token>` "
    "(create a token on the Settings page or with `amicable token create`). Errors are JSON: "
    '`{"message": ..., "errors": [{"field": ..., "message": ...}]}`. Anything you cannot reach is a 404.',
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url="/docs",
)
install_handlers(api)

for _app, module in app_modules("api"):
    router = getattr(module, "router", None)
    if router is not None:
        api.add_router("", router)
