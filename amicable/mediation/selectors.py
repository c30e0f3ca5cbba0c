"""Reads for the case room: who someone is in a room, and what they may see there.

Always called with a case already loaded through the gate (`case_for_user(..., need="room")`).
Roles in a room: owner, member, readonly (the freelancer's workspace), client, mediator, counsel
(invited participants holding an unrevoked Grant).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from amicable.accounts.models import Grant, Membership, User
from amicable.cases.models import Case

from .models import Invitation, ItemView, Notification, NotificationMute, RoomItem, RoomNote, Session

FREELANCER_SIDE = ("owner", "member", "readonly")


def room_role(user: User, case: Case) -> str | None:
    """Return the user's role in this case's room, or None when they have none."""
    if not getattr(user, "is_authenticated", False):
        return None
    membership = Membership.objects.filter(workspace_id=case.workspace_id, user=user).first()
    if membership is not None:
        return str(membership.role)
    grant = Grant.objects.filter(case=case, user=user, revoked_at__isnull=True).first()
    return str(grant.role) if grant else None


def require_role(user: User, case: Case, *roles: str) -> str:
    """Return the user's room role if it is one of `roles`; raise Http404 otherwise (never 403)."""
    role = room_role(user, case)
    if role not in roles:
        raise Http404("Not available")
    return role  # type: ignore[return-value]


def is_freelancer_side(role: str | None) -> bool:
    return role in FREELANCER_SIDE


def can_edit(role: str | None) -> bool:
    """Owner and member write for the freelancer's side; read-only members only look."""
    return role in ("owner", "member")


def visible_item_filter(role: str | None, user: User) -> Q:
    """Which room items a role sees: the freelancer's side all; the mediator shared and mediator-only;
    the client and counsel what is shared; everyone also what they added themselves."""
    if is_freelancer_side(role):
        return Q()
    if role == "mediator":
        return Q(visibility__in=["shared", "mediator_only"]) | Q(added_by=user)
    if role in ("client", "counsel"):
        return Q(visibility="shared") | Q(added_by=user)
    return Q(pk__in=[])


def room_items(case: Case, user: User, role: str | None = None) -> QuerySet[RoomItem]:
    role = role if role is not None else room_role(user, case)
    return case.room_items.filter(visible_item_filter(role, user)).select_related("added_by").defer("file_data")


def room_item(case: Case, user: User, item_id: int | str) -> RoomItem:
    """Return one item the user may see, or raise Http404."""
    try:
        return room_items(case, user).get(pk=int(item_id))
    except (RoomItem.DoesNotExist, ValueError, TypeError):
        raise Http404("No such item") from None


def shared_evidence(case: Case, user: User) -> list[Any]:
    """The vault's items shared into the room, as this user may see them: the evidence app decides who
    sees what (the client ``shared``, the mediator ``shared`` and ``mediator_only``); never private ones."""
    from amicable.evidence.selectors import items_for, viewer_for

    return list(items_for(case, viewer_for(case, user)).exclude(visibility="private")[:100])


def shared_evidence_item(case: Case, user: User, item_id: int | str) -> Any:
    """One vault item shared into the room that ``user`` may see, or Http404 (private items never)."""
    from amicable.evidence.models import EvidenceItem
    from amicable.evidence.selectors import items_for, viewer_for

    try:
        return (items_for(case, viewer_for(case, user), include_corrected=True).exclude(visibility="private")
                .prefetch_related("item_attachments__blob").get(pk=int(item_id)))
    except (EvidenceItem.DoesNotExist, ValueError, TypeError):
        raise Http404("No such item") from None


def room_notes(case: Case, user: User, role: str | None = None) -> QuerySet[RoomNote]:
    """Shared notes for everyone in the room; private notes only for their author (a mediator)."""
    return case.room_notes.filter(Q(visibility="shared") | Q(author=user)).select_related("author")


def participants(case: Case) -> QuerySet[Grant]:
    return Grant.objects.filter(case=case).select_related("user").order_by("revoked_at", "created_at")


def participant(case: Case, grant_id: int | str) -> Grant:
    try:
        return participants(case).get(pk=int(grant_id))
    except (Grant.DoesNotExist, ValueError, TypeError):
        raise Http404("No such participant") from None


def invitations(case: Case) -> QuerySet[Invitation]:
    return case.invitations.select_related("created_by", "accepted_by")


def invitation(case: Case, invitation_id: int | str) -> Invitation:
    try:
        return invitations(case).get(pk=int(invitation_id))
    except (Invitation.DoesNotExist, ValueError, TypeError):
        raise Http404("No such invitation") from None


def sessions(case: Case) -> QuerySet[Session]:
    return case.room_sessions.filter(cancelled_at__isnull=True)


def session(case: Case, session_id: int | str) -> Session:
    try:
        return sessions(case).get(pk=int(session_id))
    except (Session.DoesNotExist, ValueError, TypeError):
        raise Http404("No such session") from None


def item_views(case: Case) -> QuerySet[ItemView]:
    return case.room_item_views.select_related("user")


def room_members(case: Case) -> list[User]:
    """Everyone who takes part in the room: the freelancer's editors and the active participants."""
    members = list(User.objects.filter(memberships__workspace_id=case.workspace_id, is_active=True,
                                       memberships__role__in=["owner", "member"]))
    members += [g.user for g in Grant.objects.filter(case=case, revoked_at__isnull=True, user__is_active=True)
                .select_related("user")]
    return members


def unread_count(user: User) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_for(user: User, limit: int = 50) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).select_related("case")[:limit]


def is_muted(user: User, case: Case) -> bool:
    return NotificationMute.objects.filter(user=user, case=case).exists()
