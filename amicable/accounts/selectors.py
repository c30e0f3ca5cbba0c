"""Reads for accounts."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from .models import Membership, User, Workspace

EDIT_ROLES = (Membership.Role.OWNER, Membership.Role.MEMBER)


def workspaces_for(user: User, *, need: str = "view") -> list[Workspace]:
    """The workspaces where `user` has at least `need` ("view", "edit" or "own")."""
    if not user.is_authenticated:
        return []
    roles = {"view": list(Membership.Role.values), "edit": list(EDIT_ROLES), "own": [Membership.Role.OWNER]}[need]
    return list(Workspace.objects.filter(memberships__user=user, memberships__role__in=roles).order_by("pk"))


def current_workspace(request: HttpRequest, *, need: str = "view") -> Workspace | None:
    """The workspace the user is working in: the one chosen in the session, else their first."""
    options = workspaces_for(request.user, need=need)
    chosen = request.session.get("workspace_id") if hasattr(request, "session") else None
    for workspace in options:
        if workspace.pk == chosen:
            return workspace
    return options[0] if options else None


def role_in(user: User, workspace: Workspace) -> str | None:
    membership = Membership.objects.filter(user=user, workspace=workspace).first()
    return membership.role if membership else None


def cli_user() -> User:
    """The user the CLI acts as: the local owner in local mode, AMICABLE_CLI_USER (an email) in server mode."""
    from .services import local_owner_ensure

    if settings.LOCAL_MODE:
        return local_owner_ensure()
    email = settings.AMICABLE_CLI_USER
    user = User.objects.filter(email=email.lower(), is_active=True).first() if email else None
    if user is None:
        raise LookupError("Set AMICABLE_CLI_USER to the email of an existing account to use the CLI in server mode.")
    return user
