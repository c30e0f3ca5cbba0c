"""The case room: invitations, the mediator's notes, sessions, the view audit trail, notifications.

Access itself is an `accounts.Grant` (user, case, role, revoked_at), created when an invitation is
accepted; these models hold what surrounds it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class RoomRole(models.TextChoices):
    CLIENT = "client", "Client"
    MEDIATOR = "mediator", "Mediator"
    COUNSEL = "counsel", "Counsel"


class Invitation(models.Model):
    """An emailed link into one case's room. Only the SHA-256 of the token is stored."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    name = models.CharField(max_length=120, blank=True)
    role = models.CharField(max_length=10, choices=RoomRole.choices)
    message = models.TextField(blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Invitation of {self.email} as {self.role}"

    @property
    def state(self) -> str:
        if self.revoked_at:
            return "revoked"
        if self.accepted_at:
            return "accepted"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class RoomNote(models.Model):
    """A mediator's note: private (the mediator alone) or shared (everyone in the room)."""

    class Visibility(models.TextChoices):
        PRIVATE = "private", "Private (only you)"
        SHARED = "shared", "Shared with the room"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="room_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]


class RoomItem(models.Model):
    """A document in the room (until the evidence vault's items carry visibility, and for items the
    client adds): title, text, an optional file, who added it and who may see it."""

    class Visibility(models.TextChoices):
        PRIVATE = "private", "Private (your side only)"
        SHARED = "shared", "Shared with the room"
        MEDIATOR_ONLY = "mediator_only", "Mediator only"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="room_items")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    file_data = models.BinaryField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    visibility = models.CharField(max_length=15, choices=Visibility.choices, default=Visibility.PRIVATE)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_by_role = models.CharField(max_length=10, default="owner")  # owner | client | mediator | counsel
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]

    @property
    def added_by_label(self) -> str:
        return {"client": "added by the client", "mediator": "added by the mediator",
                "counsel": "added by counsel"}.get(self.added_by_role, "added by the freelancer")


class ItemView(models.Model):
    """Audit trail: who opened which shared item of the room, when."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="room_item_views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item_kind = models.CharField(max_length=20)  # room_item | evidence_item | offer | agreement | note
    item_id = models.PositiveIntegerField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "item_kind", "item_id"], name="mediation_view_item")]


class Session(models.Model):
    """A mediation session (a call or a meeting), exported as an ICS invitation."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="room_sessions")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=300, blank=True)
    agenda = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sequence = models.PositiveIntegerField(default=0)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="mediation_session_ends_after_start")]


class Notification(models.Model):
    class Kind(models.TextChoices):
        PROPOSAL = "proposal", "New proposal"
        RESPONSE = "response", "Response to a proposal"
        EXPIRING = "expiring", "Offer expiring soon"
        BID_RESULT = "bid_result", "Bidding result"
        AGREEMENT = "agreement", "Agreement"
        ROOM = "room", "Case room"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+", null=True, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200)
    url = models.CharField(max_length=300, blank=True)
    dedupe_key = models.CharField(max_length=120, blank=True)  # one "expiring" per offer and user
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="mediation_notif_unread")]
        constraints = [models.UniqueConstraint(fields=["user", "dedupe_key"], condition=~Q(dedupe_key=""),
                                               name="mediation_notification_dedupe")]


class NotificationMute(models.Model):
    """A user's mute of one case's notifications (in-app and email)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "case"], name="mediation_one_mute_per_case")]


class RateLimitHit(models.Model):
    """One attempt at a rate-limited endpoint (login, invitation tokens), counted per key and window."""

    key = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["key", "at"], name="mediation_ratelimit_key_at")]
