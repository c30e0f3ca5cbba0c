"""Writes for the case room: invitations, participants, room items, notes, sessions, the view audit
trail, notifications and mutes. Each runs in one transaction and writes its case event there.

Room events carry `data["room"] = True`: those are the lines participants see on the room's timeline.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from amicable.accounts.models import Grant, Membership, User
from amicable.cases.flows import allowed_moves, case_transition
from amicable.cases.models import Case, Stage
from amicable.cases.services import event_add
from amicable.lib.tokens import new_token, token_hash, token_matches

from .models import (
    Invitation,
    ItemView,
    Notification,
    NotificationMute,
    RoomItem,
    RoomNote,
    RoomRole,
    Session,
)
from .selectors import can_edit, is_freelancer_side, room_members, room_role

log = logging.getLogger(__name__)

INVITATION_DAYS = 7
MAX_ITEM_BYTES = 10 * 1024 * 1024
MAX_SESSION_HOURS = 12


class InvitationError(Exception):
    """An invitation link that cannot be used; the message says why, for the person holding it."""


def _refuse_closed(case: Case, what: str) -> None:
    if case.stage == Stage.CLOSED:
        raise ValidationError({"__all__": f"This case is closed; reopen it to {what}."})


# ---------------------------------------------------------------- invitations


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    raw_token: str  # shown (and emailed) once; only its SHA-256 is stored

    @property
    def path(self) -> str:
        return reverse("mediation:invite_accept", args=[self.raw_token])


@transaction.atomic
def invitation_create(*, actor: User, case: Case, email: str, role: str, name: str = "", message: str = "",
                      days: int = INVITATION_DAYS) -> IssuedInvitation:
    """Invite someone into the room by email; return the invitation and its one-time token."""
    if not can_edit(room_role(actor, case)):
        raise ValidationError({"__all__": "Only the freelancer's side can invite people into the room."})
    _refuse_closed(case, "invite anyone")
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": f"“{email}” is not an email address."}) from None
    if role not in RoomRole.values:
        raise ValidationError({"role": "Invite as client, mediator or counsel."})
    if not 1 <= days <= 30:
        raise ValidationError({"days": "An invitation link must expire after 1 to 30 days."})
    if Membership.objects.filter(workspace_id=case.workspace_id, user__email=email).exists():
        raise ValidationError({"email": f"{email} is a member of your workspace and already sees this case."})
    if Grant.objects.filter(case=case, user__email=email, revoked_at__isnull=True).exists():
        raise ValidationError({"email": f"{email} is already in this case's room."})
    now = timezone.now()
    # A new invitation to the same address replaces any pending one.
    Invitation.objects.filter(case=case, email=email, accepted_at__isnull=True, revoked_at__isnull=True
                              ).update(revoked_at=now)
    raw = new_token()
    invitation = Invitation.objects.create(case=case, email=email, name=name.strip()[:120], role=role,
                                           message=message.strip(), token_hash=token_hash(raw), created_by=actor,
                                           expires_at=now + timedelta(days=days))
    event_add(case=case, actor=actor, kind="room.invited", summary=f"Invited {email} to the room as {role}",
              invitation_id=invitation.pk, role=role)
    issued = IssuedInvitation(invitation, raw)
    transaction.on_commit(lambda: _send_invitation(issued, actor, case))
    return issued


def _send_invitation(issued: IssuedInvitation, actor: User, case: Case) -> None:
    inv = issued.invitation
    link = settings.AMICABLE_BASE_URL + issued.path
    body = (f"{actor.name} invites you to the case room for “{case.title}” as {inv.role}.\n\n"
            + (f"{inv.message}\n\n" if inv.message else "")
            + f"Open this link to join (it works once, until {inv.expires_at:%d %b %Y %H:%M} UTC):\n{link}\n")
    try:
        EmailMessage(f"Invitation to a case room: {case.title}", body, to=[inv.email]).send()
    except Exception:  # the invitation stands; the owner can copy the link from the page
        log.warning("invitation email could not be sent (invitation %s)", inv.pk, exc_info=True)


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation: its link stops working at once."""
    if not can_edit(room_role(actor, invitation.case)):
        raise ValidationError({"__all__": "Only the freelancer's side can withdraw invitations."})
    updated = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
                                        ).update(revoked_at=timezone.now())
    if updated != 1:
        raise ValidationError({"__all__": "This invitation was already used or withdrawn."})
    event_add(case=invitation.case, actor=actor, kind="room.invitation_revoked",
              summary=f"Withdrew the invitation of {invitation.email}", invitation_id=invitation.pk)
    invitation.refresh_from_db()
    return invitation


def invitation_check(raw_token: str) -> Invitation:
    """Return the pending invitation for this token, or raise InvitationError saying why it cannot be used."""
    invitation = Invitation.objects.select_related("case").filter(token_hash=token_hash(raw_token or "")).first()
    if invitation is None or not token_matches(raw_token, invitation.token_hash):
        raise InvitationError("This invitation link is not valid. Check that you copied all of it, or ask the "
                              "sender for a new one.")
    if invitation.revoked_at is not None:
        raise InvitationError("This invitation was withdrawn by the sender. Ask them for a new one if needed.")
    if invitation.accepted_at is not None:
        raise InvitationError("This invitation link was already used. Each link works once: sign in, or ask "
                              "the sender for a new invitation.")
    if invitation.expires_at <= timezone.now():
        raise InvitationError(f"This invitation link expired on {invitation.expires_at:%d %b %Y}. Ask the "
                              "sender for a new one.")
    return invitation


@transaction.atomic
def invitation_accept(*, raw_token: str, display_name: str = "", password: str = "",
                      current_user: User | None = None) -> User:
    """Use the invitation: create (or find) the invitee's account, grant room access, return the user.

    Server mode: a new account sets a password; an existing account must give its password unless
    it is already signed in. The caller signs the returned user in.
    """
    invitation = invitation_check(raw_token)
    user = _invitee(invitation, display_name, password, current_user)
    now = timezone.now()
    claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True,
                                        expires_at__gt=now).update(accepted_at=now, accepted_by=user)
    if claimed != 1:
        raise InvitationError("This invitation link was already used.")
    grant, created = Grant.objects.get_or_create(case=invitation.case, user=user,
                                                 defaults={"role": invitation.role})
    if not created:
        Grant.objects.filter(pk=grant.pk).update(role=invitation.role, revoked_at=None)
    case = invitation.case
    event_add(case=case, actor=user, kind="room.joined", summary=f"{user.name} joined the room as {invitation.role}",
              room=True, role=invitation.role)
    notify(case=case, actor=user, kind=Notification.Kind.ROOM, title=f"{user.name} joined the room for “{case.title}”",
           url=reverse("mediation:room", args=[case.pk]))
    if invitation.role == RoomRole.MEDIATOR and Stage.MEDIATION in allowed_moves(case.stage):
        case_transition(actor=user, case=case, to=Stage.MEDIATION, note="A mediator joined the case room.")
    return user


def _invitee(invitation: Invitation, display_name: str, password: str, current_user: User | None) -> User:
    existing = User.objects.filter(email=invitation.email).first()
    if existing is not None:
        if not existing.is_active:
            raise ValidationError({"__all__": "This account is deactivated."})
        if Membership.objects.filter(workspace_id=invitation.case.workspace_id, user=existing).exists():
            raise ValidationError({"__all__": "This address belongs to a member of the workspace."})
        same = current_user is not None and current_user.pk == existing.pk
        needs_password = not settings.LOCAL_MODE and not same and existing.has_usable_password()
        if needs_password and not (password and existing.check_password(password)):
            raise ValidationError({"password": "You already have an account with this email: enter its "
                                               "password to join."})
        return existing
    name = display_name.strip()[:120]
    if not name:
        raise ValidationError({"display_name": "Tell the others in the room your name."})
    if settings.LOCAL_MODE:
        return User.objects.create_user(invitation.email, None, display_name=name)
    if not password:
        raise ValidationError({"password": "Choose a password, so you can sign in again later."})
    try:
        validate_password(password, User(email=invitation.email, display_name=name))
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    return User.objects.create_user(invitation.email, password, display_name=name)


@transaction.atomic
def grant_revoke(*, actor: User, grant: Grant) -> Grant:
    """Remove a participant from the room; their access ends at once."""
    if not can_edit(room_role(actor, grant.case)):
        raise ValidationError({"__all__": "Only the freelancer's side can remove participants."})
    if Grant.objects.filter(pk=grant.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()) != 1:
        raise ValidationError({"__all__": "This participant was already removed."})
    event_add(case=grant.case, actor=actor, kind="room.participant_removed",
              summary=f"Removed {grant.user.name} ({grant.role}) from the room", grant_id=grant.pk)
    grant.refresh_from_db()
    return grant


# ---------------------------------------------------------------- items, notes, sessions


@transaction.atomic
def room_item_add(*, actor: User, case: Case, title: str, body: str = "", visibility: str = "",
                  file_name: str = "", file_type: str = "", file_data: bytes | None = None) -> RoomItem:
    """Add a document to the room. The client's and mediator's own items are marked as theirs."""
    role = room_role(actor, case)
    if role is None or role in ("readonly", "counsel"):
        raise ValidationError({"__all__": "You cannot add items to this room."})
    _refuse_closed(case, "add items")
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Give the item a short title."})
    if not (body or "").strip() and not file_data:
        raise ValidationError({"body": "Write something or attach a file."})
    if file_data is not None and len(file_data) > MAX_ITEM_BYTES:
        raise ValidationError({"file": f"Files in the room are limited to {MAX_ITEM_BYTES // (1024 * 1024)} MB."})
    allowed = ("private", "shared", "mediator_only") if is_freelancer_side(role) else ("shared", "mediator_only")
    visibility = visibility or ("private" if is_freelancer_side(role) else "shared")
    if visibility not in allowed:
        raise ValidationError({"visibility": "Choose who sees it: " + ", ".join(allowed) + "."})
    by_role = "owner" if is_freelancer_side(role) else role
    item = RoomItem.objects.create(
        case=case, title=title[:200], body=(body or "").strip(), visibility=visibility, added_by=actor,
        added_by_role=by_role, file_name=(file_name or "")[:200], file_type=(file_type or "")[:100],
        file_data=file_data, sha256=hashlib.sha256(file_data).hexdigest() if file_data else "")
    shown = visibility != "private"
    event_add(case=case, actor=actor, kind="room.item_added",
              summary=f"“{item.title}” added to the room ({item.added_by_label}, {visibility.replace('_', ' ')})",
              item_id=item.pk, visibility=visibility, room=visibility == "shared")
    if shown:
        notify(case=case, actor=actor, kind=Notification.Kind.ROOM, title=f"New in the room: {item.title}",
               url=reverse("mediation:item", args=[case.pk, item.pk]),
               audience=_audience(case, visibility))
    return item


def _audience(case: Case, visibility: str) -> list[User]:
    """Who may be told about something with this visibility."""
    people = room_members(case)
    if visibility == "mediator_only":
        return [u for u in people if room_role(u, case) in ("owner", "member", "mediator")]
    return people


@transaction.atomic
def room_item_set_visibility(*, actor: User, item: RoomItem, visibility: str) -> RoomItem:
    """Share, unshare or restrict an item the freelancer's side added."""
    case = item.case
    if not can_edit(room_role(actor, case)):
        raise ValidationError({"__all__": "Only the freelancer's side can change who sees an item."})
    if item.added_by_role != "owner":
        raise ValidationError({"visibility": "Items the client or mediator added stay as they shared them."})
    if visibility not in RoomItem.Visibility.values:
        raise ValidationError({"visibility": "Choose private, shared or mediator only."})
    if visibility == item.visibility:
        return item
    old, item.visibility = item.visibility, visibility
    item.save(update_fields=["visibility"])
    event_add(case=case, actor=actor, kind="room.visibility",
              summary=f"“{item.title}”: {old.replace('_', ' ')} → {visibility.replace('_', ' ')}",
              item_id=item.pk, visibility=visibility, room=visibility == "shared")
    if visibility != "private":
        notify(case=case, actor=actor, kind=Notification.Kind.ROOM, title=f"Shared in the room: {item.title}",
               url=reverse("mediation:item", args=[case.pk, item.pk]), audience=_audience(case, visibility))
    return item


def item_view_record(*, case: Case, user: User, kind: str, item_id: int) -> ItemView:
    """Write one line of the view audit trail (who opened which shared item, when)."""
    return ItemView.objects.create(case=case, user=user, item_kind=kind, item_id=item_id)


@transaction.atomic
def note_add(*, actor: User, case: Case, body: str, visibility: str = "private") -> RoomNote:
    """The mediator's note: private (only the mediator) or shared (the whole room)."""
    if room_role(actor, case) != "mediator":
        raise ValidationError({"__all__": "Notes in the room are the mediator's."})
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write the note first."})
    if visibility not in RoomNote.Visibility.values:
        raise ValidationError({"visibility": "Choose private or shared."})
    note = RoomNote.objects.create(case=case, author=actor, body=body, visibility=visibility)
    if visibility == "shared":
        event_add(case=case, actor=actor, kind="room.note_shared", summary="The mediator shared a note",
                  note_id=note.pk, room=True)
        notify(case=case, actor=actor, kind=Notification.Kind.ROOM, title="The mediator shared a note",
               url=reverse("mediation:room", args=[case.pk]))
    return note


@transaction.atomic
def session_schedule(*, actor: User, case: Case, title: str, starts_at: datetime, ends_at: datetime,
                     location: str = "", agenda: str = "") -> Session:
    """Schedule a mediation session (the mediator or the freelancer's side); everyone is notified."""
    role = room_role(actor, case)
    if role not in ("mediator", "owner", "member"):
        raise ValidationError({"__all__": "Only the mediator or the freelancer's side can schedule sessions."})
    _refuse_closed(case, "schedule a session")
    if not (title or "").strip():
        raise ValidationError({"title": "Give the session a title."})
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValidationError({"starts_at": "Give the time with its time zone."})
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": "The session must start in the future."})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The session must end after it starts."})
    if ends_at - starts_at > timedelta(hours=MAX_SESSION_HOURS):
        raise ValidationError({"ends_at": f"A session lasts at most {MAX_SESSION_HOURS} hours."})
    session = Session.objects.create(case=case, title=title.strip()[:200], starts_at=starts_at, ends_at=ends_at,
                                     location=location.strip()[:300], agenda=agenda.strip(), created_by=actor)
    event_add(case=case, actor=actor, kind="room.session_scheduled",
              summary=f"Session “{session.title}” scheduled for {starts_at:%d %b %Y %H:%M %Z}",
              session_id=session.pk, room=True)
    notify(case=case, actor=actor, kind=Notification.Kind.ROOM, title=f"Session scheduled: {session.title}",
           url=reverse("mediation:session_ics", args=[case.pk, session.pk]))
    return session


# ---------------------------------------------------------------- notifications


def notify(*, case: Case | None, actor: User | None, kind: str, title: str, url: str = "",
           audience: list[User] | None = None, dedupe_key: str = "") -> list[Notification]:
    """Tell everyone in the room (or `audience`) but the actor and those who muted the case.

    In-app rows are written in the caller's transaction; emails go after it commits.
    """
    people = audience if audience is not None else (room_members(case) if case is not None else [])
    muted = set(NotificationMute.objects.filter(case=case).values_list("user_id", flat=True)) if case else set()
    created = []
    seen: set[int] = set()
    for user in people:
        if user.pk in seen or (actor is not None and user.pk == actor.pk) or user.pk in muted:
            continue
        seen.add(user.pk)
        if dedupe_key and Notification.objects.filter(user=user, dedupe_key=dedupe_key).exists():
            continue
        created.append(Notification.objects.create(user=user, case=case, kind=kind, title=title[:200], url=url,
                                                   dedupe_key=dedupe_key))
    if created:
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: _email(ids))
    return created


def _email(ids: list[int]) -> None:
    for note in Notification.objects.filter(pk__in=ids).select_related("user"):
        link = settings.AMICABLE_BASE_URL + note.url if note.url else settings.AMICABLE_BASE_URL
        body = (f"{note.title}\n\n{link}\n\nYou get this because you take part in this case. To stop these "
                "emails, open the case room and choose “Mute notifications”.\n")
        try:
            EmailMessage(f"[amicable] {note.title}", body, to=[note.user.email]).send()
        except Exception:  # the in-app notification stands; the email is best effort
            log.warning("notification email could not be sent (notification %s)", note.pk, exc_info=True)
            continue
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())


def notification_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one notification (or all of the user's) read; return how many changed."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())


@transaction.atomic
def mute_set(*, user: User, case: Case, muted: bool) -> bool:
    """Mute or unmute a case's notifications for this user; return the new state."""
    if muted:
        NotificationMute.objects.get_or_create(user=user, case=case)
    else:
        NotificationMute.objects.filter(user=user, case=case).delete()
    return muted
