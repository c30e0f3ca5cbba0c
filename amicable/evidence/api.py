"""JSON API of the evidence vault: timeline, search, items (with their inclusion proof), files, notes,
tags, visibility, corrections, redactions, imports, the log and verification.

Every route loads the case through the gate ("room" to read; members and invited participants), the
item from that case (filtered by what the caller may see), and writes through a service.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from amicable.api.errors import ApiError
from amicable.cases.models import Case
from amicable.cases.schemas import ERRORS as CASE_ERRORS
from amicable.cases.schemas import ErrorOut
from amicable.cases.selectors import case_for_user
from amicable.lib.signing import verifier_key
from amicable.lib.sniff import is_inline_safe

from . import services
from .importing import evidence_import
from .log import active_key, consistency_proof_between, inclusion_proof_for, origin_for
from .models import Checkpoint, EvidenceItem, ImportBatch, LogHead, Visibility
from .schemas import (
    BatchOut,
    ConsistencyOut,
    CorrectionIn,
    EvidenceItemDetailOut,
    EvidenceItemOut,
    EvidenceNoteIn,
    KindName,
    LogOut,
    RedactionIn,
    SearchOut,
    TagIn,
    TagsOut,
    TimelineOut,
    VerifyOut,
    VisibilityIn,
)
from .search import search_items
from .selectors import (
    TimelineFilters,
    Viewer,
    batch_for_user,
    decode_cursor,
    item_for_user,
    log_entry_for,
    timeline,
    viewer_for,
)
from .views import safe_name

router = Router(tags=["evidence"])


ERRORS: dict[int, type[Schema]] = {**CASE_ERRORS, 403: ErrorOut}


def _room(request: HttpRequest, case_id: int) -> tuple[Case, Viewer]:
    user = request.auth  # type: ignore[attr-defined]
    case = case_for_user(user, case_id, need="room")
    return case, viewer_for(case, user)


def _editor(request: HttpRequest, case_id: int, *, members_only: bool = False) -> tuple[Case, Viewer]:
    case, viewer = _room(request, case_id)
    if not viewer.can_edit or (members_only and viewer.role != "owner"):
        raise ApiError("You can read this case's evidence but not change it.", status=403)
    return case, viewer


def _item(request: HttpRequest, case: Case, item_id: int) -> EvidenceItem:
    return item_for_user(case, request.auth, item_id)  # type: ignore[attr-defined]


def item_out(item: EvidenceItem) -> dict[str, Any]:
    """Return the API representation of an item (tags and attachments prefetched or loaded)."""
    fields = ("id", "kind", "occurred_at", "sort_at", "original_tz", "original_time_text", "author", "participants",
              "subject", "body", "thread_key", "external_id", "source_name", "importer", "importer_version",
              "batch_id", "visibility", "added_by_role", "added_at", "corrects_id", "redacted_fields")
    out = {name: getattr(item, name) for name in fields}
    out["tags"] = sorted(t.tag for t in item.tags.all())
    out["attachments"] = [
        {"position": a.position, "filename": a.filename, "content_type": a.blob.content_type, "size": a.blob.size,
         "sha256": a.blob_id,
         "url": f"/api/cases/{item.case_id}/evidence/items/{item.pk}/files/{a.position}"}
        for a in sorted(item.item_attachments.all(), key=lambda a: a.position)
    ]
    return out


class TimelineQuery(Schema):
    kind: list[KindName] = Field(default_factory=list)  # type: ignore[valid-type]
    person: str = Field("", max_length=200)
    since: str = Field("", description="ISO 8601 date or datetime (inclusive)")
    until: str = Field("", description="ISO 8601 date or datetime (exclusive)")
    tag: str = Field("", max_length=40)
    thread: str = Field("", max_length=300)
    cursor: str = ""
    limit: int = Field(50, ge=1, le=500)


def _moment(text: str, field: str) -> Any:
    from django.utils.dateparse import parse_date, parse_datetime
    from django.utils.timezone import get_current_timezone, is_naive, make_aware

    if not text:
        return None
    value = parse_datetime(text)
    if value is None:
        day = parse_date(text)
        if day is None:
            raise ApiError(f"“{text}” is not an ISO 8601 date or datetime.", field=field, status=422)
        import datetime as dt

        value = dt.datetime.combine(day, dt.time.min)
    return make_aware(value, get_current_timezone()) if is_naive(value) else value


@router.get("/cases/{case_id}/evidence", response={200: TimelineOut, **ERRORS})
def timeline_list(request: HttpRequest, case_id: int, q: Query[TimelineQuery]) -> Any:
    """The case's evidence in time order (keyset pagination with `cursor`)."""
    case, viewer = _room(request, case_id)
    if q.cursor and decode_cursor(q.cursor) is None:
        raise ApiError("This cursor is not one the timeline gave out.", field="cursor", status=422)
    filters = TimelineFilters(kinds=list(q.kind), person=q.person.strip(), since=_moment(q.since, "since"),
                              until=_moment(q.until, "until"), tag=q.tag.strip().lower(), thread=q.thread)
    page = timeline(case, viewer, filters, cursor=q.cursor, limit=q.limit)
    return {"items": [item_out(i) for i in page.items], "next_cursor": page.next_cursor}


@router.get("/cases/{case_id}/evidence/search", response={200: SearchOut, **ERRORS})
def search(request: HttpRequest, case_id: int, q: str = Query(..., max_length=500),  # type: ignore[type-arg]
           limit: int = Query(20, ge=1, le=200), offset: int = Query(0, ge=0)) -> Any:  # type: ignore[type-arg]
    """Full-text search with highlighted snippets, best match first."""
    case, viewer = _room(request, case_id)
    hits = search_items(case_id=case.pk, query=q, visibility=viewer.visibilities, limit=limit, offset=offset)
    return {"query": q, "results": [{"item": item_out(item), "snippet": snippet} for item, snippet in hits]}


@router.get("/cases/{case_id}/evidence/items/{item_id}", response={200: EvidenceItemDetailOut, **ERRORS})
def item_detail(request: HttpRequest, case_id: int, item_id: int) -> Any:
    """One item, its logged leaf and its inclusion proof against the latest signed checkpoint."""
    case, _viewer = _room(request, case_id)
    item = _item(request, case, item_id)
    entry = log_entry_for(item)
    out = item_out(item)
    out["canonical"] = entry.canonical if entry else ""
    out["corrected_by"] = list(item.corrections.values_list("pk", flat=True))
    out["proof"] = None
    if entry is not None:
        proof = inclusion_proof_for(entry)
        out["proof"] = {
            "leaf_index": entry.index, "leaf_hash": entry.leaf_hash,
            "tree_size": proof.checkpoint.tree_size if proof else None,
            "root_hash": proof.checkpoint.root_hash if proof else None,
            "checkpoint": proof.checkpoint.note if proof else None,
            "audit_path": [h.hex() for h in proof.path] if proof else [], "valid": bool(proof and proof.valid)}
    return out


@router.get("/cases/{case_id}/evidence/items/{item_id}/files/{position}", response={200: None, **ERRORS})
def item_file(request: HttpRequest, case_id: int, item_id: int, position: int) -> Any:
    """Download an attachment (served as a download unless it is an image or a PDF)."""
    case, _viewer = _room(request, case_id)
    item = _item(request, case, item_id)
    link = item.item_attachments.select_related("blob").filter(position=position).first()
    if link is None:
        raise Http404("No such file")
    try:
        handle = default_storage.open(link.blob.storage_name, "rb")
    except OSError:
        raise Http404("The file is missing from storage") from None
    inline = is_inline_safe(link.blob.content_type)
    response = FileResponse(handle, as_attachment=not inline, filename=link.filename,
                            content_type=link.blob.content_type if inline else "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.post("/cases/{case_id}/evidence/notes", response={201: EvidenceItemOut, **ERRORS})
def note_create(request: HttpRequest, case_id: int, payload: EvidenceNoteIn) -> Any:
    """Add a note or a call note."""
    case, viewer = _editor(request, case_id)
    visibility = payload.visibility if viewer.role == "owner" else Visibility.SHARED
    item = services.note_add(actor=request.auth, case=case, body=payload.body, kind=payload.kind,  # type: ignore[attr-defined]
                             subject=payload.subject, occurred_at=payload.occurred_at,
                             participants=payload.participants, visibility=visibility, tags=payload.tags)
    return 201, item_out(item)


@router.post("/cases/{case_id}/evidence/items/{item_id}/tags", response={200: TagsOut, **ERRORS})
def item_tag(request: HttpRequest, case_id: int, item_id: int, payload: TagIn) -> Any:
    """Add a tag to an item (or remove it with `remove: true`)."""
    case, _viewer = _editor(request, case_id, members_only=True)
    item = _item(request, case, item_id)
    changed = services.item_tag(actor=request.auth, item=item, tag=payload.tag, remove=payload.remove)  # type: ignore[attr-defined]
    return {"changed": changed, "tags": sorted(item.tags.values_list("tag", flat=True))}


@router.post("/cases/{case_id}/evidence/items/{item_id}/visibility", response={200: EvidenceItemOut, **ERRORS})
def item_visibility(request: HttpRequest, case_id: int, item_id: int, payload: VisibilityIn) -> Any:
    """Keep an item private, share it with the case room, or show it to the mediator only."""
    case, _viewer = _editor(request, case_id, members_only=True)
    item = services.item_set_visibility(actor=request.auth, item=_item(request, case, item_id),  # type: ignore[attr-defined]
                                        visibility=payload.visibility)
    return item_out(item)


@router.post("/cases/{case_id}/evidence/items/{item_id}/corrections", response={201: EvidenceItemOut, **ERRORS})
def item_correction(request: HttpRequest, case_id: int, item_id: int, payload: CorrectionIn) -> Any:
    """Record a corrected version of an item (the original stays, and both are in the log)."""
    case, _viewer = _editor(request, case_id, members_only=True)
    new = services.item_correct(actor=request.auth, item=_item(request, case, item_id), reason=payload.reason,  # type: ignore[attr-defined]
                                **payload.changes())
    return 201, item_out(new)


@router.post("/cases/{case_id}/evidence/items/{item_id}/redactions", response={200: EvidenceItemOut, **ERRORS})
def item_redaction(request: HttpRequest, case_id: int, item_id: int, payload: RedactionIn) -> Any:
    """Blank fields of an item for good; the log keeps their hashes and the reason."""
    case, _viewer = _editor(request, case_id, members_only=True)
    item = services.item_redact(actor=request.auth, item=_item(request, case, item_id),  # type: ignore[attr-defined]
                                fields=list(payload.fields), reason=payload.reason)
    return item_out(item)


def batch_out(batch: ImportBatch) -> dict[str, Any]:
    """Return the API representation of an import batch."""
    fields = ("id", "source_name", "status", "importer", "importer_version", "tz", "bytes_total", "bytes_done",
              "items_seen", "imported", "duplicates", "quarantined_count", "quarantined", "error", "created_at",
              "finished_at")
    return {**{f: getattr(batch, f) for f in fields}, "source_sha256": batch.source_blob_id}


UPLOAD_SCHEMA = {"requestBody": {"content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary"},
                   "tz": {"type": "string", "description": "Zone of naive times in chat exports"},
                   "visibility": {"type": "string", "enum": list(Visibility.values)}}}}}}}


@router.post("/cases/{case_id}/evidence/imports", response={201: BatchOut, 413: ErrorOut, **ERRORS},
             openapi_extra=UPLOAD_SCHEMA)
def import_file(request: HttpRequest, case_id: int) -> Any:
    """Import one file (multipart field `file`); the format is detected from its content."""
    case, viewer = _editor(request, case_id)
    upload = request.FILES.get("file")
    if upload is None:
        raise ApiError("Send the file as multipart/form-data in the field “file”.", field="file", status=422)
    if (upload.size or 0) > settings.AMICABLE_MAX_UPLOAD_MB * 1024 * 1024:
        raise ApiError(f"The file is larger than the limit of {settings.AMICABLE_MAX_UPLOAD_MB} MB.", field="file",
                       status=413)
    visibility = request.POST.get("visibility") or Visibility.PRIVATE
    if viewer.role != "owner":
        visibility = Visibility.SHARED
    name = safe_name(upload.name)
    with tempfile.TemporaryDirectory(prefix="amicable-api-upload-") as folder:
        path = Path(folder) / name
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        batch = evidence_import(actor=request.auth, case=case, path=path, tz=request.POST.get("tz") or None,  # type: ignore[attr-defined]
                                visibility=visibility, source_name=name)
    return 201, batch_out(batch)


@router.get("/cases/{case_id}/evidence/imports/{batch_id}", response={200: BatchOut, **ERRORS})
def import_detail(request: HttpRequest, case_id: int, batch_id: int) -> Any:
    """An import's progress and summary (with the quarantined pieces and why)."""
    case, _viewer = _room(request, case_id)
    return batch_out(batch_for_user(case, request.auth, batch_id))  # type: ignore[attr-defined]


@router.get("/cases/{case_id}/evidence/log", response={200: LogOut, **ERRORS})
def log_detail(request: HttpRequest, case_id: int, limit: int = Query(20, ge=1, le=1000)) -> Any:  # type: ignore[type-arg]
    """The workspace log's public key, size and latest signed checkpoints (members only)."""
    case, viewer = _room(request, case_id)
    if viewer.role != "owner":
        raise ApiError("Only members of the workspace can read its log.", status=403)
    key = active_key(case.workspace_id)
    head = LogHead.objects.filter(pk=case.workspace_id).first()
    checkpoints = Checkpoint.objects.filter(workspace_id=case.workspace_id).order_by("-tree_size", "-pk")[:limit]
    return {"origin": origin_for(case.workspace_id),
            "verifier_key": verifier_key(key.name, bytes(key.public_key)) if key else None,
            "size": head.size if head else 0,
            "checkpoints": [{"tree_size": c.tree_size, "root_hash": c.root_hash, "note": c.note,
                             "created_at": c.created_at} for c in checkpoints]}


@router.get("/cases/{case_id}/evidence/log/consistency", response={200: ConsistencyOut, **ERRORS})
def log_consistency(request: HttpRequest, case_id: int, old: int = Query(..., ge=1),  # type: ignore[type-arg]
                    new: int = Query(..., ge=1)) -> Any:  # type: ignore[type-arg]
    """The RFC 9162 consistency proof between two signed checkpoints (by tree size; members only)."""
    case, viewer = _room(request, case_id)
    if viewer.role != "owner":
        raise ApiError("Only members of the workspace can read its log.", status=403)
    checkpoints = Checkpoint.objects.filter(workspace_id=case.workspace_id)
    first = checkpoints.filter(tree_size=old).first()
    second = checkpoints.filter(tree_size=new).first()
    if first is None or second is None:
        missing = "old" if first is None else "new"
        raise ApiError(f"No signed checkpoint of size {old if first is None else new}.", field=missing, status=422)
    if old > new:
        raise ApiError("The old checkpoint must not be larger than the new one.", field="old", status=422)
    proof = consistency_proof_between(first, second)
    return {"old": {"tree_size": first.tree_size, "root_hash": first.root_hash, "note": first.note},
            "new": {"tree_size": second.tree_size, "root_hash": second.root_hash, "note": second.note},
            "proof": [h.hex() for h in proof]}


@router.post("/cases/{case_id}/evidence/verify", response={200: VerifyOut, **ERRORS})
def verify(request: HttpRequest, case_id: int) -> Any:
    """Verify the workspace's log, rows and files now (workspace owners only)."""
    case = case_for_user(request.auth, case_id, need="own")  # type: ignore[attr-defined]
    from .verify import verify_all

    report = verify_all(workspace_ids=[case.workspace_id], blobs=True)
    return report.as_dict()
