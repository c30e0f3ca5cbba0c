"""Every API error is JSON: {"message": ..., "errors": [{"field": ..., "message": ...}]}."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError


class ApiError(Exception):
    """Raise from a route for a specific, field-attributed failure."""

    def __init__(self, message: str, *, field: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.message, self.field, self.status = message, field, status


def _body(message: str, errors: list[dict[str, str | None]]) -> dict[str, object]:
    return {"message": message, "errors": errors}


def _ninja_field(loc: list[object]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path", "form")]
    return ".".join(parts) or "body"


def install_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def on_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [{"field": _ninja_field(list(e.get("loc", []))), "message": str(e.get("msg", "Invalid value"))}
                  for e in exc.errors]
        first = errors[0] if errors else {"field": None, "message": "Invalid input"}
        return api.create_response(request, _body(f"{first['field']}: {first['message']}", errors), status=422)

    @api.exception_handler(DjangoValidationError)
    def on_domain_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if hasattr(exc, "message_dict"):
            errors = [{"field": f if f != "__all__" else None, "message": m}
                      for f, msgs in exc.message_dict.items() for m in msgs]
        else:
            errors = [{"field": None, "message": m} for m in exc.messages]
        return api.create_response(request, _body(errors[0]["message"] or "Invalid input", errors), status=400)

    @api.exception_handler(ApiError)
    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return api.create_response(request, _body(exc.message, [{"field": exc.field, "message": exc.message}]),
                                   status=exc.status)

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, _body("Not found.", []), status=404)

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        msg = "Missing, invalid, expired or revoked API token. Send `Authorization: Bearer <token>`."
        return api.create_response(request, _body(msg, [{"field": "Authorization", "message": msg}]), status=401)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            msg = "The request body is not valid JSON. Send a JSON object with `Content-Type: application/json`."
            return api.create_response(request, _body(msg, [{"field": "body", "message": msg}]), status=400)
        return api.create_response(request, _body(str(exc), []), status=exc.status_code)
