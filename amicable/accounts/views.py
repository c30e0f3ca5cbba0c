"""Sign-in (one-time link in local mode, email and password in server mode), sign-up, settings, tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import services
from .forms import LoginForm, ProfileForm, SignupForm, TokenForm
from .models import ApiToken


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else "/"


def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_safe_next(request))
    if settings.LOCAL_MODE:
        return render(request, "accounts/login_local.html", status=200)
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email, password = form.cleaned_data["email"].lower(), form.cleaned_data["password"]
        user = authenticate(request, username=email, password=password)
        if user is None:
            form.add_error(None, "That email and password do not match an account.")
        else:
            login(request, user)
            return redirect(_safe_next(request))
    return render(request, "accounts/login.html", {"form": form, "next": _safe_next(request)},
                  status=400 if form.errors else 200)


def login_link(request: HttpRequest, token: str) -> HttpResponse:
    """Redeem a one-time link. GET shows a button (so link scanners cannot burn it); POST signs in."""
    if request.method != "POST":
        return render(request, "accounts/login_link.html", {"token": token})
    try:
        user = services.login_link_redeem(raw_token=token)
    except services.TokenError as exc:
        return render(request, "accounts/login_link.html", {"error": str(exc)}, status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("cases:dashboard")


def signup(request: HttpRequest) -> HttpResponse:
    if settings.LOCAL_MODE:
        raise Http404("Sign-up exists only in server mode")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            validate_password(form.cleaned_data["password"])
            user = services.user_signup(**form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                form.apply_service_error(exc)
            else:
                form.apply_service_error(ValidationError({"password": exc.messages}))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Welcome to amicable. Start by adding a client.")
            return redirect("cases:dashboard")
    return render(request, "accounts/signup.html", {"form": form}, status=400 if form.errors else 200)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


def settings_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    profile = ProfileForm(request.POST or None, initial={"display_name": user.display_name, "timezone": user.timezone},
                          prefix="profile")
    if request.method == "POST" and profile.is_valid():
        user.display_name = profile.cleaned_data["display_name"].strip()
        user.timezone = profile.cleaned_data["timezone"]
        user.save(update_fields=["display_name", "timezone"])
        messages.success(request, "Settings saved.")
        return redirect("accounts:settings")
    return _settings_page(request, profile=profile)


def _settings_page(request: HttpRequest, *, profile: ProfileForm | None = None, token_form: TokenForm | None = None,
                   new_token: str = "", status: int = 200) -> HttpResponse:
    user = request.user
    profile = profile or ProfileForm(initial={"display_name": user.display_name, "timezone": user.timezone},
                                     prefix="profile")
    return render(request, "accounts/settings.html", {
        "profile": profile, "token_form": token_form or TokenForm(prefix="token"), "new_token": new_token,
        "tokens": ApiToken.objects.filter(user=user).order_by("-created_at"),
        "memberships": user.memberships.select_related("workspace"),
    }, status=status)


@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST, prefix="token")
    if form.is_valid():
        try:
            issued = services.api_token_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            return _settings_page(request, new_token=issued.raw)
    return _settings_page(request, token_form=form, status=400)


@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=token_id, user=request.user).first()
    if token is None:
        raise Http404("No such token")
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("accounts:settings")
