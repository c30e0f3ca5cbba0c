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

from amicable.mediation import ratelimit

from . import services
from .forms import LoginForm, MemberForm, ProfileForm, SignupForm, TokenForm
from .models import ApiToken, Membership
from .selectors import current_workspace, workspaces_for


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else "/"


@ratelimit.rate_limited(ratelimit.LOGIN, methods=("POST",),
                        extra_key=lambda r: (r.POST.get("email") or "").strip() or None)
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


@ratelimit.rate_limited(ratelimit.LOGIN_LINK, methods=("POST",))
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
                   new_token: str = "", status: int = 200, **kwargs: object) -> HttpResponse:
    user = request.user
    profile = profile or ProfileForm(initial={"display_name": user.display_name, "timezone": user.timezone},
                                     prefix="profile")
    return render(request, "accounts/settings.html", {
        "profile": profile, "token_form": token_form or TokenForm(prefix="token"), "new_token": new_token,
        "tokens": ApiToken.objects.filter(user=user).order_by("-created_at"),
        "memberships": user.memberships.select_related("workspace"),
        "current": current_workspace(request), "owned": _owned_members(request),
        "member_form": kwargs.get("member_form") or MemberForm(prefix="member"),
    }, status=status)


def _owned_members(request: HttpRequest) -> list[tuple[object, list[Membership]]]:
    return [(w, list(w.memberships.select_related("user").order_by("user__email")))
            for w in workspaces_for(request.user, need="own")]


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


@require_POST
def workspace_switch(request: HttpRequest) -> HttpResponse:
    wanted = request.POST.get("workspace_id", "")
    options = {str(w.pk): w for w in workspaces_for(request.user)}
    if wanted not in options:
        raise Http404("No such workspace")
    request.session["workspace_id"] = options[wanted].pk
    messages.success(request, f"Now working in {options[wanted].name}.")
    return redirect("accounts:settings")


@require_POST
def member_add(request: HttpRequest, workspace_id: int) -> HttpResponse:
    workspace = next((w for w in workspaces_for(request.user, need="own") if w.pk == workspace_id), None)
    if workspace is None:
        raise Http404("No such workspace")
    form = MemberForm(request.POST, prefix="member")
    if form.is_valid():
        try:
            services.member_invite(actor=request.user, workspace=workspace, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, f"{form.cleaned_data['email']} added to {workspace.name}.")
            return redirect("accounts:settings")
    return _settings_page(request, member_form=form, status=400)


@require_POST
def member_remove(request: HttpRequest, membership_id: int) -> HttpResponse:
    owned = [w.pk for w in workspaces_for(request.user, need="own")]
    membership = Membership.objects.filter(pk=membership_id, workspace_id__in=owned).select_related("user").first()
    if membership is None:
        raise Http404("No such member")
    try:
        services.member_remove(actor=request.user, membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{membership.user.email} removed.")
    return redirect("accounts:settings")
