"""Clients, engagements (milestones, invoices, payments), cases, deadlines and the case activity log."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from amicable.lib.money import format_money

MONEY = {"max_digits": 15, "decimal_places": 3}


class DisputeType(models.TextChoices):
    NON_PAYMENT = "non_payment", "Non-payment"
    LATE_PAYMENT = "late_payment", "Late payment"
    SCOPE_CREEP = "scope_creep", "Scope creep"
    QUALITY = "quality", "Quality complaint"
    MISSED_DEADLINE = "missed_deadline", "Missed deadline"
    CANCELLATION = "cancellation", "Cancellation"
    IP_USAGE = "ip_usage", "IP / usage rights"
    CHARGEBACK = "chargeback", "Chargeback"
    COMMUNICATION = "communication", "Communication breakdown"
    OTHER = "other", "Other"


class Stage(models.TextChoices):
    INTAKE = "intake", "Intake"
    CLARIFYING = "clarifying", "Clarifying"
    NEGOTIATING = "negotiating", "Negotiating"
    MEDIATION = "mediation", "Mediation"
    FORMAL = "formal", "Formal"
    CLOSED = "closed", "Closed"


class Outcome(models.TextChoices):
    PAID_IN_FULL = "paid_in_full", "Paid in full"
    SETTLED = "settled", "Settled"
    WRITTEN_OFF = "written_off", "Written off"
    WITHDRAWN = "withdrawn", "Withdrawn"
    DECIDED = "decided", "Decided (court, arbitration or platform)"


class Client(models.Model):
    """The counterparty of an engagement."""

    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.CASCADE, related_name="clients")
    name = models.CharField(max_length=200)
    contact_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    address = models.TextField(blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    jurisdiction = models.CharField(max_length=20, blank=True, help_text="e.g. DE, GB-ENG, US-NY")
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Engagement(models.Model):
    class RateUnit(models.TextChoices):
        HOUR = "hour", "per hour"
        DAY = "day", "per day"
        WORD = "word", "per word"
        ITEM = "item", "per item"
        PROJECT = "project", "fixed price"

    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.CASCADE, related_name="engagements")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="engagements")
    title = models.CharField(max_length=200)
    scope = models.TextField(blank=True, help_text="What was agreed, in your words or quoted")
    rate = models.DecimalField(**MONEY, null=True, blank=True)
    rate_unit = models.CharField(max_length=10, choices=RateUnit.choices, default=RateUnit.HOUR)
    currency = models.CharField(max_length=3)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def rate_display(self) -> str:
        if self.rate is None:
            return "—"
        return f"{format_money(self.rate, self.currency)} {self.get_rate_unit_display()}"


class Milestone(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        DELIVERED = "delivered", "Delivered"
        ACCEPTED = "accepted", "Accepted"

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    amount = models.DecimalField(**MONEY)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    delivered_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]

    def amount_display(self) -> str:
        return format_money(self.amount, self.engagement.currency)


class Invoice(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="invoices")
    number = models.CharField(max_length=50)
    amount = models.DecimalField(**MONEY)
    issue_date = models.DateField()
    due_date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["issue_date", "pk"]
        constraints = [models.UniqueConstraint(fields=["engagement", "number"], name="invoice_number_unique")]

    def __str__(self) -> str:
        return self.number

    @property
    def currency(self) -> str:
        return self.engagement.currency

    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments.all()), Decimal(0))

    def outstanding(self) -> Decimal:
        return self.amount - self.paid()

    def days_overdue(self, today: object = None) -> int:
        today = today or timezone.localdate()
        if self.outstanding() <= 0:
            return 0
        return max(0, (today - self.due_date).days)  # type: ignore[operator]


class Payment(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="payments")
    amount = models.DecimalField(**MONEY)
    received_on = models.DateField()
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["received_on", "pk"]


class Case(models.Model):
    """A dispute over an engagement."""

    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.CASCADE, related_name="cases")
    engagement = models.ForeignKey(Engagement, on_delete=models.PROTECT, related_name="cases")
    title = models.CharField(max_length=200)
    dispute_types = models.JSONField(default=list, blank=True)
    amount_in_dispute = models.DecimalField(**MONEY, null=True, blank=True)
    currency = models.CharField(max_length=3)
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.INTAKE)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    amount_recovered = models.DecimalField(**MONEY, null=True, blank=True)
    summary = models.TextField(blank=True)
    intake = models.JSONField(default=dict, blank=True)
    types_confirmed_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-opened_at"]
        indexes = [models.Index(fields=["workspace", "stage"])]

    def __str__(self) -> str:
        return self.title

    @property
    def client(self) -> Client:
        return self.engagement.client

    def dispute_type_labels(self) -> list[str]:
        labels = dict(DisputeType.choices)
        return [labels.get(t, t) for t in self.dispute_types]

    def stage_path(self) -> list[tuple[str, str, bool]]:
        """Every stage as (value, label, is_current), for the stage indicator."""
        return [(value, label, value == self.stage) for value, label in Stage.choices]

    def amount_display(self) -> str:
        return format_money(self.amount_in_dispute, self.currency) if self.amount_in_dispute is not None else "—"

    def recovered_display(self) -> str:
        return format_money(self.amount_recovered, self.currency) if self.amount_recovered is not None else "—"


class Deadline(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    what = models.CharField(max_length=200)
    due_at = models.DateTimeField()
    if_missed = models.CharField(max_length=300, blank=True, help_text="What happens if it passes")
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_at", "pk"]

    @property
    def is_open(self) -> bool:
        return self.done_at is None and self.cancelled_at is None

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()


class AppendOnlyError(Exception):
    pass


class CaseEvent(models.Model):
    """One line of a case's activity log: who did what, when. Never edited, never deleted."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=60)
    summary = models.CharField(max_length=500)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Case events are append-only: write a new event instead of editing one.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Case events are append-only and cannot be deleted.")
