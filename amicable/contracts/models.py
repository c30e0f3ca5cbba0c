"""Contracts (uploaded documents or a typed "deal as agreed"), their versions and clauses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Contract(models.Model):
    """One version of an engagement's contract. A new upload is a new version; old ones stay."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "Uploaded document"
        DEAL = "deal", "Deal as agreed (no written contract)"

    class Status(models.TextChoices):
        ANALYSED = "analysed", "Analysed"
        UNREADABLE = "unreadable", "Kept, but could not be read"

    engagement = models.ForeignKey("cases.Engagement", on_delete=models.CASCADE, related_name="contracts")
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DOCUMENT)
    title = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ANALYSED)
    # the original file, content-addressed in default_storage (hash kept for the evidence log)
    filename = models.CharField(max_length=255, blank=True)
    blob_path = models.CharField(max_length=300, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    size = models.PositiveBigIntegerField(default=0)
    format = models.CharField(max_length=10, blank=True)
    error_code = models.CharField(max_length=20, blank=True)
    error_message = models.TextField(blank=True)
    # what we read from it
    text = models.TextField(blank=True)
    page_starts = models.JSONField(default=list, blank=True)
    language = models.CharField(max_length=5, blank=True)
    language_name = models.CharField(max_length=40, blank=True)
    is_contract = models.BooleanField(default=True)
    warnings = models.JSONField(default=list, blank=True)
    terms = models.JSONField(default=list, blank=True)
    health = models.JSONField(default=list, blank=True)
    deal_terms = models.JSONField(default=dict, blank=True)  # the typed form, for a deal as agreed
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["engagement", "version"], name="contract_version_unique")]

    def __str__(self) -> str:
        return f"{self.display_title} v{self.version}"

    @property
    def display_title(self) -> str:
        if self.kind == self.Kind.DEAL:
            return self.title or "Deal as agreed"
        return self.title or self.filename or "Contract"

    @property
    def workspace_id(self) -> int:
        return self.engagement.workspace_id

    @property
    def readable(self) -> bool:
        return self.status == self.Status.ANALYSED

    @property
    def page_count(self) -> int | None:
        return len(self.page_starts) if self.format == "pdf" else None


class Clause(models.Model):
    """A clause of a contract version, with its position, types (with triggers) and citation."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="clauses")
    index = models.PositiveIntegerField()
    number = models.CharField(max_length=40, blank=True)
    ref = models.CharField(max_length=80, blank=True)
    citation = models.CharField(max_length=200, blank=True)
    heading = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=12, default="clause")
    level = models.PositiveSmallIntegerField(default=1)
    parent_index = models.PositiveIntegerField(null=True, blank=True)
    start = models.PositiveIntegerField(default=0)
    end = models.PositiveIntegerField(default=0)
    page = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField()
    types = models.JSONField(default=list, blank=True)  # [{"type", "confidence", "triggers", "inherited"}]

    class Meta:
        ordering = ["contract", "index"]
        constraints = [models.UniqueConstraint(fields=["contract", "index"], name="clause_index_unique")]

    def __str__(self) -> str:
        return self.citation or f"clause {self.index}"

    @property
    def type_names(self) -> list[str]:
        return [t["type"] for t in self.types]
