"""Writes for accounts: users, workspaces, members, login links and API tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from amicable.lib.tokens import new_token, token_hash

from .models import ApiToken, LoginToken, Membership, User, Workspace

LOCAL_OWNER_EMAIL = "owner@amicable.local"


class TokenError(Exception):
    """A login link or API token that cannot be used; the message says why."""


@transaction.atomic
def user_signup(*, email: str, password: str, display_name: str = "", workspace_name: str = "") -> User:
    """Create a server-mode account with its own workspace, where the new user is the owner."""
    email = email.strip().lower()
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": "An account with this email already exists."})
    user = User.objects.create_user(email, password, display_name=display_name.strip())
    workspace = Workspace.objects.create(name=workspace_name.strip() or f"{user.name}'s workspace")
    Membership.objects.create(workspace=workspace, user=user, role=Membership.Role.OWNER)
    return user


@transaction.atomic
def local_owner_ensure() -> User:
    """Return the single local-mode owner, creating it and its workspace on first run."""
    user, created = User.objects.get_or_create(email=LOCAL_OWNER_EMAIL, defaults={"display_name": "You"})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if not Membership.objects.filter(user=user).exists():
        workspace = Workspace.objects.create(name="My workspace")
        Membership.objects.create(workspace=workspace, user=user, role=Membership.Role.OWNER)
    return user


@transaction.atomic
def member_add(*, actor: User, workspace: Workspace, user: User, role: str) -> Membership:
    """Add `user` to `workspace` with `role` (or change their role); only an owner may do this."""
    _require_owner(actor, workspace)
    if role not in Membership.Role.values:
        raise ValidationError({"role": f"Unknown role “{role}”: use owner, member or readonly."})
    membership, _ = Membership.objects.update_or_create(workspace=workspace, user=user, defaults={"role": role})
    return membership


def _require_owner(actor: User, workspace: Workspace) -> None:
    if not Membership.objects.filter(workspace=workspace, user=actor, role=Membership.Role.OWNER).exists():
        raise ValidationError({"role": "Only an owner of this workspace can manage its members."})


@transaction.atomic
def member_invite(*, actor: User, workspace: Workspace, email: str, role: str) -> Membership:
    """Add an existing account to `workspace` by email (server mode)."""
    _require_owner(actor, workspace)
    user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
    if user is None:
        raise ValidationError({"email": f"No account uses {email.strip()}: ask them to sign up first, then add them."})
    if Membership.objects.filter(workspace=workspace, user=user).exists():
        raise ValidationError({"email": f"{user.email} is already a member of {workspace.name}."})
    return member_add(actor=actor, workspace=workspace, user=user, role=role)


@transaction.atomic
def member_remove(*, actor: User, membership: Membership) -> None:
    """Remove a member; the last owner cannot be removed (a workspace always has one)."""
    _require_owner(actor, membership.workspace)
    owners = Membership.objects.filter(workspace=membership.workspace, role=Membership.Role.OWNER)
    if membership.role == Membership.Role.OWNER and owners.count() == 1:
        raise ValidationError({"role": "A workspace needs at least one owner: make someone else owner first."})
    membership.delete()


@transaction.atomic
def login_link_create(*, user: User, minutes: int | None = None) -> str:
    """Create a one-time login token for `user`; return the raw token (shown once, stored hashed)."""
    raw = new_token()
    ttl = minutes if minutes is not None else settings.AMICABLE_LOGIN_LINK_MINUTES
    LoginToken.objects.create(user=user, token_hash=token_hash(raw), expires_at=timezone.now() + timedelta(minutes=ttl))
    return raw


@transaction.atomic
def login_link_redeem(*, raw_token: str) -> User:
    """Mark the token used and return its user; raise TokenError if unknown, used or expired.

    The conditional UPDATE makes a double click (or a stolen copy) unable to redeem it twice.
    """
    now = timezone.now()
    token = LoginToken.objects.select_for_update().filter(token_hash=token_hash(raw_token)).first()
    if token is None:
        raise TokenError("This login link is not valid. Run `amicable serve` again to get a fresh link.")
    if token.used_at is not None:
        raise TokenError("This login link was already used. Each link works once: run `amicable serve` or "
                         "`amicable login-link` for a new one.")
    if token.expires_at <= now:
        raise TokenError("This login link has expired. Run `amicable login-link` for a new one.")
    updated = LoginToken.objects.filter(pk=token.pk, used_at__isnull=True).update(used_at=now)
    if updated != 1:
        raise TokenError("This login link was already used.")
    return token.user


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    raw: str


@transaction.atomic
def api_token_create(*, user: User, name: str, days: int | None = None) -> IssuedToken:
    """Create an API token; the raw value is returned once and only its hash is kept."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the token a name, so you know later what uses it."})
    ttl = days if days is not None else settings.AMICABLE_API_TOKEN_DAYS
    if not 1 <= ttl <= 366:
        raise ValidationError({"days": "A token must expire after 1 to 366 days."})
    raw = "amc_" + new_token()
    token = ApiToken.objects.create(user=user, name=name[:80], prefix=raw[4:12], token_hash=token_hash(raw),
                                    expires_at=timezone.now() + timedelta(days=ttl))
    return IssuedToken(token=token, raw=raw)


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    if token.user_id != actor.pk:
        raise ValidationError({"token": "You can only revoke your own tokens."})
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


def api_token_authenticate(raw: str) -> User | None:
    """Return the active user owning a valid, unexpired, unrevoked token, or None."""
    if not raw:
        return None
    now = timezone.now()
    token = (ApiToken.objects.select_related("user")
             .filter(token_hash=token_hash(raw), revoked_at__isnull=True, expires_at__gt=now).first())
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
