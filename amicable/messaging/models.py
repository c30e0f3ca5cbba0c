"""Messaging: the client's concerns, answers to clarifying questions, drafts with their history, sent
messages, and the outgoing mail settings of a workspace (local mode).

Writes go through services.py; every change to a case writes a CaseEvent there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Concern(models.Model):
    """One point the client raised, quoted from where they said it.

    The evidence vault has no Item model yet, so the source is a free-text ``source_ref`` ("email of
    3 March", a link, a chat line) plus an optional ``evidence_item_id`` kept as a plain integer; it
    becomes a foreign key when the vault lands.
    """

    class Type(models.TextChoices):
        PRICE = "price", "Price"
        QUALITY = "quality", "Quality"
        DELAY = "delay", "Delay"
        SCOPE = "scope", "Scope"
        COMMUNICATION = "communication", "Communication"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        ANSWERED = "answered", "Answered"
        RESOLVED = "resolved", "Resolved"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="concerns")
    quote = models.TextField(help_text="The client's words, as they wrote them")
    summary = models.CharField(max_length=300, blank=True, help_text="Optional: the point in your neutral words")
    type = models.CharField(max_length=15, choices=Type.choices, default=Type.OTHER)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.OPEN)
    source_ref = models.CharField(max_length=300, blank=True, help_text="Where it was said: email, call, chat")
    evidence_item_id = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.quote[:60]


class QuestionAnswer(models.Model):
    """The client's answer to one clarifying question (from the bank in questions.py)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="question_answers")
    question_id = models.CharField(max_length=40)
    question_text = models.CharField(max_length=400)
    answer = models.TextField()
    source_ref = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "question_id"], name="one_answer_per_question")]


class Draft(models.Model):
    """A message being written. Every save keeps a revision; sending turns it into a Message."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="drafts")
    kind = models.CharField(max_length=20, default="free")
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    to_email = models.CharField(max_length=254, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    tone_score = models.PositiveSmallIntegerField(null=True, blank=True)
    tone_verdict = models.CharField(max_length=10, blank=True)
    cool_off_until = models.DateTimeField(null=True, blank=True)
    meta = models.JSONField(default=dict, blank=True)  # e.g. chosen question ids, concern ids
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return self.subject or f"Draft {self.pk}"


class DraftRevision(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    tone_score = models.PositiveSmallIntegerField(null=True, blank=True)
    tone_verdict = models.CharField(max_length=10, blank=True)
    note = models.CharField(max_length=200, blank=True)  # "created from template", "suggestions applied"...
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="one_revision_number")]


class Message(models.Model):
    """A message that went out, with the tone report it had when it was sent."""

    class Channel(models.TextChoices):
        SMTP = "smtp", "Sent by email"
        MANUAL = "manual", "Sent by you (copied or downloaded)"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="messages")
    draft = models.ForeignKey(Draft, on_delete=models.SET_NULL, null=True, blank=True, related_name="messages")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    from_email = models.CharField(max_length=254, blank=True)
    to_email = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    message_id = models.CharField(max_length=300, blank=True)
    tone_report = models.JSONField(default=dict)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]


class MailSettings(models.Model):
    """Outgoing mail (SMTP) for a workspace, set in the UI in local mode. The password is stored so
    that mail can be sent, and is never shown back (the form only offers to replace it)."""

    workspace = models.OneToOneField("accounts.Workspace", on_delete=models.CASCADE, related_name="mail_settings")
    host = models.CharField(max_length=255)
    port = models.PositiveIntegerField(default=587)
    username = models.CharField(max_length=255, blank=True)
    password = models.CharField(max_length=255, blank=True)
    security = models.CharField(max_length=10, default="starttls",
                                choices=[("starttls", "STARTTLS"), ("ssl", "SSL/TLS"), ("none", "None")])
    from_email = models.EmailField()
    timeout = models.PositiveSmallIntegerField(default=20)
    updated_at = models.DateTimeField(default=timezone.now)
