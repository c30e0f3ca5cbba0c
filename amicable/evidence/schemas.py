"""Request and response schemas of the evidence API. Datetimes are ISO 8601 with their offset; request
schemas refuse unknown fields."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Schema
from pydantic import AwareDatetime, ConfigDict, Field

from .leaves import REDACTABLE_FIELDS
from .models import Kind, Visibility

KindName = Literal[tuple(Kind.values)]  # type: ignore[valid-type]
VisibilityName = Literal[tuple(Visibility.values)]  # type: ignore[valid-type]
NoteKind = Literal["note", "call_note"]
RedactableName = Literal[REDACTABLE_FIELDS]  # type: ignore[valid-type]


class In(Schema):
    model_config = ConfigDict(extra="forbid")


class AttachmentOut(Schema):
    position: int
    filename: str
    content_type: str
    size: int
    sha256: str
    url: str


class EvidenceItemOut(Schema):
    id: int
    kind: str
    occurred_at: dt.datetime | None
    sort_at: dt.datetime
    original_tz: str
    original_time_text: str
    author: str
    participants: list[str]
    subject: str
    body: str
    thread_key: str
    external_id: str
    source_name: str
    importer: str
    importer_version: str
    batch_id: int | None
    visibility: str
    added_by_role: str
    added_at: dt.datetime
    corrects_id: int | None
    redacted_fields: list[str]
    tags: list[str]
    attachments: list[AttachmentOut]


class ProofOut(Schema):
    leaf_index: int
    leaf_hash: str
    tree_size: int | None = Field(description="Size of the signed checkpoint the proof is against")
    root_hash: str | None
    checkpoint: str | None = Field(description="The signed checkpoint note (C2SP signed-note format)")
    audit_path: list[str] = Field(description="Hex hashes, nearest sibling first (RFC 9162 2.1.3)")
    valid: bool


class EvidenceItemDetailOut(EvidenceItemOut):
    canonical: str = Field(description="The canonical JSON leaf logged for this item")
    proof: ProofOut | None
    corrected_by: list[int]


class TimelineOut(Schema):
    items: list[EvidenceItemOut]
    next_cursor: str = Field(description="Pass as `cursor` for the next page; empty on the last page")


class SearchHitOut(Schema):
    item: EvidenceItemOut
    snippet: str = Field(description="HTML-escaped text with the matches in <mark> elements")


class SearchOut(Schema):
    query: str
    results: list[SearchHitOut]


class EvidenceNoteIn(In):
    body: str = Field(min_length=1, max_length=200_000)
    kind: NoteKind = "note"  # type: ignore[valid-type]
    subject: str = Field("", max_length=300)
    occurred_at: AwareDatetime | None = None
    participants: list[str] = Field(default_factory=list, max_length=100)
    visibility: VisibilityName = "private"  # type: ignore[valid-type]
    tags: list[str] = Field(default_factory=list, max_length=20)


class TagIn(In):
    tag: str = Field(min_length=1, max_length=40, examples=["scope_change"])
    remove: bool = False


class TagsOut(Schema):
    changed: bool
    tags: list[str]


class VisibilityIn(In):
    visibility: VisibilityName  # type: ignore[valid-type]


class CorrectionIn(In):
    reason: str = Field(min_length=1, max_length=1000)
    kind: KindName | None = None  # type: ignore[valid-type]
    occurred_at: AwareDatetime | None = None
    author: str | None = Field(None, max_length=500)
    subject: str | None = None
    body: str | None = None

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump(exclude={"reason"}).items() if v is not None}


class RedactionIn(In):
    fields: list[RedactableName] = Field(min_length=1)  # type: ignore[valid-type]
    reason: str = Field(min_length=1, max_length=1000)


class BatchOut(Schema):
    id: int
    source_name: str
    status: str
    importer: str
    importer_version: str
    tz: str
    bytes_total: int
    bytes_done: int
    items_seen: int
    imported: int
    duplicates: int
    quarantined_count: int
    quarantined: list[dict[str, str]]
    source_sha256: str | None
    error: str
    created_at: dt.datetime
    finished_at: dt.datetime | None


class CheckpointOut(Schema):
    tree_size: int
    root_hash: str
    note: str
    created_at: dt.datetime


class CheckpointRef(Schema):
    tree_size: int
    root_hash: str
    note: str


class LogOut(Schema):
    origin: str
    verifier_key: str | None = Field(description="The workspace's public key: name+keyid+base64(0x01||key)")
    size: int
    checkpoints: list[CheckpointOut]


class ConsistencyOut(Schema):
    old: CheckpointRef
    new: CheckpointRef
    proof: list[str] = Field(description="Hex hashes of the RFC 9162 2.1.4 consistency proof")


class ProblemOut(Schema):
    kind: str
    ref: str
    message: str


class VerifyOut(Schema):
    ok: bool
    entries: int
    checkpoints: int
    items: int
    blobs: int
    blob_bytes: int
    seconds: float
    problems: list[ProblemOut]
