"""The evidence vault: blobs, items, import batches, and the append-only Merkle log with checkpoints.

Rows of EvidenceItem, LogEntry and Checkpoint are never edited in place by the services, with one
deliberate exception: a redaction blanks the redacted fields of an item (the log keeps only hashes of
them, so the log still verifies). Corrections are new items that point at the item they correct.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Kind(models.TextChoices):
    EMAIL = "email", "Email"
    CHAT_MESSAGE = "chat_message", "Chat message"
    FILE = "file", "File"
    NOTE = "note", "Note"
    CALL_NOTE = "call_note", "Call note"
    INVOICE = "invoice", "Invoice"
    TIME_ENTRY = "time_entry", "Time entry"
    AGREEMENT = "agreement", "Agreement"


class Visibility(models.TextChoices):
    PRIVATE = "private", "Private (your side only)"
    SHARED = "shared", "Shared with the case room"
    MEDIATOR_ONLY = "mediator_only", "Mediator only"


class AddedByRole(models.TextChoices):
    OWNER = "owner", "Freelancer's side"
    CLIENT = "client", "Client"
    MEDIATOR = "mediator", "Mediator"


class Blob(models.Model):
    """A file's content, stored once under its SHA-256 in the default storage; never overwritten."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.BigIntegerField()
    content_type = models.CharField(max_length=200, default="application/octet-stream")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.sha256

    @property
    def storage_name(self) -> str:
        return blob_storage_name(self.sha256)


def blob_storage_name(sha256: str) -> str:
    """Where a blob lives in the default storage: blobs/ab/cd/abcd…"""
    return f"blobs/{sha256[:2]}/{sha256[2:4]}/{sha256}"


class ImportBatch(models.Model):
    """One import of one source file into a case, with its progress and its summary."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        INTERRUPTED = "interrupted", "Interrupted (run it again to finish)"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="import_batches")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_by_role = models.CharField(max_length=10, choices=AddedByRole.choices, default=AddedByRole.OWNER)
    visibility = models.CharField(max_length=15, choices=Visibility.choices, default=Visibility.PRIVATE)
    source_name = models.CharField(max_length=500)
    source_blob = models.ForeignKey(Blob, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    staged_name = models.CharField(max_length=300, blank=True, help_text="Uploaded file awaiting a worker")
    importer = models.CharField(max_length=50, blank=True)
    importer_version = models.CharField(max_length=20, blank=True)
    tz = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    bytes_total = models.BigIntegerField(default=0)
    bytes_done = models.BigIntegerField(default=0)
    items_seen = models.IntegerField(default=0)
    imported = models.IntegerField(default=0)
    duplicates = models.IntegerField(default=0)
    quarantined_count = models.IntegerField(default=0)
    quarantined = models.JSONField(default=list, blank=True)  # [{"locator":…, "reason":…}], capped
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source_name} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.bytes_total:
            return 0
        return min(99, int(100 * self.bytes_done / self.bytes_total))

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class EvidenceItem(models.Model):
    """One piece of evidence: an email, a chat message, a file, a note, an invoice, a time entry…"""

    # Indexed by the composite indexes below (they all start with case).
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="evidence_items", db_index=False)
    kind = models.CharField(max_length=15, choices=Kind.choices)
    occurred_at = models.DateTimeField(null=True, blank=True)
    # occurred_at, or when it was added when the source gives no time: the timeline's order.
    sort_at = models.DateTimeField()
    original_tz = models.CharField(max_length=64, blank=True)
    original_time_text = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=500, blank=True)
    participants = models.JSONField(default=list, blank=True)
    subject = models.TextField(blank=True)
    body = models.TextField(blank=True)
    thread_key = models.CharField(max_length=300, blank=True)
    external_id = models.CharField(max_length=500, blank=True)
    source_name = models.CharField(max_length=500, blank=True)
    importer = models.CharField(max_length=50, blank=True)
    importer_version = models.CharField(max_length=20, blank=True)
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="items", db_index=False
    )
    locator = models.CharField(max_length=300, blank=True)
    meta = models.JSONField(default=dict, blank=True)
    visibility = models.CharField(max_length=15, choices=Visibility.choices, default=Visibility.PRIVATE)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", db_index=False
    )
    added_by_role = models.CharField(max_length=10, choices=AddedByRole.choices, default=AddedByRole.OWNER)
    added_at = models.DateTimeField(default=timezone.now)
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    correction_reason = models.TextField(blank=True)
    redacted_fields = models.JSONField(default=list, blank=True)
    attachments = models.ManyToManyField(Blob, through="ItemAttachment", related_name="items")

    class Meta:
        ordering = ["sort_at", "pk"]
        indexes = [
            models.Index(fields=["case", "sort_at", "id"], name="evidence_item_timeline"),
            models.Index(fields=["case", "kind", "sort_at", "id"], name="evidence_item_kind"),
            models.Index(fields=["case", "thread_key"], name="evidence_item_thread"),
            models.Index(fields=["case", "author"], name="evidence_item_author"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "external_id"], condition=~Q(external_id=""), name="evidence_item_external_id"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """Return a one-line title: the subject, or (for chat messages and untitled items) the text."""
        if self.subject and self.kind != Kind.CHAT_MESSAGE:
            return self.subject
        text = " ".join(self.body.split())
        return (text[:80] + "…") if len(text) > 80 else (text or self.get_kind_display())

    @property
    def is_redacted(self) -> bool:
        return bool(self.redacted_fields)


class ItemAttachment(models.Model):
    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="item_attachments", db_index=False)
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="item_attachments")
    position = models.PositiveIntegerField(default=0)
    filename = models.CharField(max_length=300)
    content_type = models.CharField(max_length=200, default="application/octet-stream")

    class Meta:
        ordering = ["item", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "position"], name="evidence_attachment_position")
        ]

    def __str__(self) -> str:
        return self.filename


class ItemTag(models.Model):
    """The current tags of an item (the log keeps every add and remove)."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="tags", db_index=False)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+", db_index=False)
    tag = models.CharField(max_length=40)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["tag"]
        constraints = [models.UniqueConstraint(fields=["item", "tag"], name="evidence_tag_once")]
        indexes = [models.Index(fields=["case", "tag"], name="evidence_tag_case")]

    def __str__(self) -> str:
        return self.tag


class WorkspaceKey(models.Model):
    """The Ed25519 key that signs a workspace's checkpoints. The private key is stored wrapped."""

    workspace = models.ForeignKey(
        "accounts.Workspace", on_delete=models.PROTECT, related_name="evidence_keys"
    )
    name = models.CharField(max_length=100)
    public_key = models.BinaryField()
    wrapped_private_key = models.BinaryField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class LogHead(models.Model):
    """The current size and frontier of a workspace's log: appending locks this row."""

    workspace = models.OneToOneField("accounts.Workspace", on_delete=models.PROTECT, primary_key=True,
                                     related_name="evidence_log_head")
    size = models.BigIntegerField(default=0)
    frontier = models.BinaryField(default=b"")
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"log of workspace {self.workspace_id}: {self.size} entries"


class LogEntry(models.Model):
    """One leaf of a workspace's Merkle log: canonical JSON and its RFC 9162 leaf hash."""

    class Type(models.TextChoices):
        ITEM = "item", "Item added"
        SOURCE = "source", "Source file"
        TAG = "tag", "Tag"
        VISIBILITY = "visibility", "Visibility"
        REDACTION = "redaction", "Redaction"

    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.PROTECT, related_name="+", db_index=False)
    index = models.BigIntegerField()
    entry_type = models.CharField(max_length=12, choices=Type.choices)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+", null=True, db_index=False)
    item = models.ForeignKey(
        EvidenceItem, on_delete=models.PROTECT, null=True, blank=True, related_name="log_entries"
    )
    refers_to = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  db_index=False)
    leaf_hash = models.CharField(max_length=64)
    canonical = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["workspace", "index"]
        constraints = [models.UniqueConstraint(fields=["workspace", "index"], name="evidence_log_index")]

    def __str__(self) -> str:
        return f"entry {self.index} ({self.entry_type})"


class MerkleTile(models.Model):
    """The root of one complete tile (2**TILE_HEIGHT consecutive leaves) of a workspace's log.

    Derived data, kept so an inclusion or consistency proof reads a few thousand tile roots and the
    leaves of one or two tiles instead of every leaf; `amicable verify` checks them against the log.
    """

    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.PROTECT, related_name="+", db_index=False)
    index = models.BigIntegerField()
    root = models.CharField(max_length=64)

    class Meta:
        ordering = ["workspace", "index"]
        constraints = [models.UniqueConstraint(fields=["workspace", "index"], name="evidence_tile_index")]

    def __str__(self) -> str:
        return f"tile {self.index}"


class Checkpoint(models.Model):
    """A signed statement of a log's size and root hash (a C2SP signed note)."""

    workspace = models.ForeignKey("accounts.Workspace", on_delete=models.PROTECT, related_name="+", db_index=False)
    tree_size = models.BigIntegerField()
    root_hash = models.CharField(max_length=64)
    note = models.TextField()
    key = models.ForeignKey(WorkspaceKey, on_delete=models.PROTECT, related_name="checkpoints")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["workspace", "tree_size", "pk"]
        indexes = [models.Index(fields=["workspace", "tree_size"], name="evidence_checkpoint_size")]

    def __str__(self) -> str:
        return f"checkpoint {self.tree_size} {self.root_hash[:12]}"
