"""Offers and counter-offers, blind-bid rounds, settlement agreements, and the calculator's extra facts.

Database guards (not only the services):
- one accepted offer per case (a partial unique index): two racing acceptances cannot both win;
- one live (pending or agreed) agreement per case;
- one bid round per (case, number);
- an offer's content is immutable once sent, and a final status never changes again (a trigger on
  SQLite and PostgreSQL, installed by migration 0002).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

MONEY = {"max_digits": 15, "decimal_places": 3}


class Party(models.TextChoices):
    FREELANCER = "freelancer", "Freelancer"
    CLIENT = "client", "Client"
    MEDIATOR = "mediator", "Mediator"


class CalculatorInputs(models.Model):
    """The facts the calculator needs that the engagement record does not hold (one row per case)."""

    class KillFeeKind(models.TextChoices):
        NONE = "", "No kill fee"
        PERCENT = "percent_of_remaining", "% of the remaining work"
        FIXED = "fixed", "Fixed amount"

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="calculator_inputs")
    deposit_held = models.DecimalField(**MONEY, default=0)
    fee_total = models.DecimalField(**MONEY, null=True, blank=True)
    hours = models.JSONField(default=list, blank=True)  # [{"hours": "10", "rate": "80"|None, "description": ""}]
    costs = models.JSONField(default=list, blank=True)  # [{"label", "amount", "currency", "fx_rate", "rebillable"}]
    kill_fee_kind = models.CharField(max_length=24, choices=KillFeeKind.choices, blank=True)
    kill_fee_value = models.DecimalField(**MONEY, null=True, blank=True)
    kill_fee_source = models.CharField(max_length=200, blank=True)
    late_rate_percent = models.DecimalField(max_digits=7, decimal_places=4, null=True, blank=True)
    late_period_days = models.PositiveIntegerField(default=365)
    late_grace_days = models.PositiveIntegerField(default=0)
    late_fixed_fee = models.DecimalField(**MONEY, default=0)
    late_source = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)


class Offer(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent"
        COUNTERED = "countered", "Countered"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        EXPIRED = "expired", "Expired"
        WITHDRAWN = "withdrawn", "Withdrawn"

    FINAL = (Status.COUNTERED, Status.ACCEPTED, Status.REJECTED, Status.EXPIRED, Status.WITHDRAWN)

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="offers")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="counters")
    thread_root = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    from_party = models.CharField(max_length=12, choices=Party.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    terms = models.JSONField()
    message = models.TextField(blank=True)
    option_key = models.CharField(max_length=40, blank=True)  # the generated option it started from
    expires_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)  # SHA-256 of terms + message + expiry at sending
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    response_note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(status="accepted"),
                                    name="negotiation_one_accepted_offer_per_case"),
            models.CheckConstraint(condition=Q(status="draft") | Q(sent_at__isnull=False),
                                   name="negotiation_offer_sent_has_sent_at"),
        ]

    def __str__(self) -> str:
        return f"Offer {self.pk} ({self.status})"

    @property
    def thread_id(self) -> int:
        return self.thread_root_id or self.pk

    def is_expired(self, now: object = None) -> bool:
        return self.status == self.Status.SENT and self.expires_at <= (now or timezone.now())


class BidRound(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        SETTLED = "settled", "Settled"
        NO_SETTLEMENT = "no_settlement", "No settlement"
        CANCELLED = "cancelled", "Cancelled"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="bid_rounds")
    number = models.PositiveSmallIntegerField()
    currency = models.CharField(max_length=3)
    gap_percent = models.DecimalField(max_digits=5, decimal_places=2, default=10)
    reference_amount = models.DecimalField(**MONEY, null=True, blank=True)  # amount in dispute at opening
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    # Each figure is sealed (AES-GCM, see sealing.py); never stored, logged or shown in plain text.
    freelancer_sealed = models.TextField(blank=True)
    freelancer_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+")
    freelancer_at = models.DateTimeField(null=True, blank=True)
    client_sealed = models.TextField(blank=True)
    client_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    client_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.OPEN)
    settled_amount = models.DecimalField(**MONEY, null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="negotiation_bid_round_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1) & Q(number__lte=3),
                                   name="negotiation_at_most_three_rounds"),
            models.UniqueConstraint(fields=["case"], condition=Q(status="open"),
                                    name="negotiation_one_open_round_per_case"),
        ]

    def __repr__(self) -> str:  # never show the sealed figures
        return f"<BidRound {self.pk} case={self.case_id} #{self.number} {self.status}>"

    def has_figure(self, party: str) -> bool:
        return bool(self.freelancer_sealed if party == Party.FREELANCER else self.client_sealed)


class Agreement(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting acceptance"
        AGREED = "agreed", "Agreed"
        DECLINED = "declined", "Declined"

    class Source(models.TextChoices):
        OFFER = "offer", "Accepted offer"
        BIDDING = "bidding", "Blind bidding"
        MEDIATOR = "mediator", "Recorded by the mediator"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="agreements")
    source = models.CharField(max_length=10, choices=Source.choices)
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    bid_round = models.ForeignKey(BidRound, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    terms = models.JSONField()
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    agreed_at = models.DateTimeField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)  # SHA-256 of the agreed content
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    pdf = models.BinaryField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(status__in=["pending", "agreed"]),
                                    name="negotiation_one_live_agreement_per_case"),
        ]


class AgreementAcceptance(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="acceptances")
    party = models.CharField(max_length=12, choices=Party.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [models.UniqueConstraint(fields=["agreement", "party"],
                                               name="negotiation_one_acceptance_per_party")]
