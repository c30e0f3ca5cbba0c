"""Writing items into the vault in bulk: clean the values, deduplicate, store the attachments, insert
the rows, append their leaves to the log. Used by imports and by ``evidence_file_item``.

Everything here runs inside the caller's transaction and commits with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection
from django.utils import timezone

from .blobs import blob_from_path, blobs_from_bytes
from .bulk import allocate_ids, insert_rows
from .importers.base import ParsedAttachment, ParsedItem
from .leaves import item_leaf
from .log import Pending, log_append
from .models import Blob, EvidenceItem, ItemAttachment, LogEntry
from .prepare import Prepared, clean_text, prepare


@dataclass
class Draft:
    """An item about to be written, with its cleaned values and its attachments."""

    values: dict[str, Any]
    attachments: list[ParsedAttachment] = field(default_factory=list)
    # Attachments already in the vault (a correction keeps its original's): (blob, filename, type).
    stored: list[tuple[Blob, str, str]] = field(default_factory=list)
    # Content hashes computed ahead (in the parser process); None: computed when the leaf is built.
    content: dict[str, str] | None = None

    @property
    def external_id(self) -> str:
        return str(self.values["external_id"])


def draft_from_parsed(item: ParsedItem | Prepared, *, common: dict[str, Any]) -> Draft:
    """Return a Draft from an importer's item (prepared here unless the parser process did it)."""
    ready = item if isinstance(item, Prepared) else prepare(item)
    return Draft({**ready.values, **common}, ready.attachments, content=ready.content)


def _item_values(draft: Draft, case_id: int, now: dt.datetime) -> dict[str, Any]:
    v = dict(draft.values)
    v["case_id"] = case_id
    v.setdefault("added_at", now)
    v["sort_at"] = v["occurred_at"] or v["added_at"]
    return v


def _store_attachments(drafts: Sequence[Draft]) -> list[list[tuple[Blob, str, str]]]:
    """Store every draft's new attachments; return per draft its (blob, filename, content type)."""
    in_memory = [(a.data, a.filename, a.content_type) for d in drafts for a in d.attachments if a.data is not None]
    stored = iter(blobs_from_bytes(in_memory)) if in_memory else iter(())
    out = []
    for d in drafts:
        triples = list(d.stored)
        for a in d.attachments:
            if a.data is not None:
                blob = next(stored)
            else:
                assert a.path is not None
                blob = blob_from_path(Path(a.path), filename=a.filename, declared=a.content_type)
            triples.append((blob, a.filename, a.content_type))
        out.append(triples)
    return out


def leaf_values(item: EvidenceItem, corrects_entry: int | None = None) -> dict[str, Any]:
    """Return the values an item's leaf is computed from, read from the item row."""
    return {
        "case": item.case_id, "item": item.pk, "kind": item.kind, "occurred_at": item.occurred_at,
        "original_tz": item.original_tz, "original_time_text": item.original_time_text,
        "author": item.author, "participants": item.participants, "subject": item.subject,
        "body": item.body, "thread_key": item.thread_key, "meta": item.meta,
        "external_id": item.external_id, "source_name": item.source_name, "importer": item.importer,
        "importer_version": item.importer_version, "batch": item.batch_id, "locator": item.locator,
        "visibility": item.visibility, "added_by": item.added_by_id, "added_by_role": item.added_by_role,
        "added_at": item.added_at, "corrects": item.corrects_id, "corrects_entry": corrects_entry,
        "correction_reason": item.correction_reason,
    }


def attachment_values(links: Iterable[ItemAttachment], blobs: dict[str, Blob] | None = None) -> list[dict[str, Any]]:
    """Return the attachment part of a leaf from an item's attachment rows, in position order."""
    out = []
    for link in sorted(links, key=lambda a: a.position):
        blob = blobs[link.blob_id] if blobs is not None else link.blob
        out.append({"sha256": link.blob_id, "size": blob.size, "filename": link.filename,
                    "content_type": link.content_type})
    return out


ITEM_COLUMNS = (
    "id", "case_id", "kind", "occurred_at", "sort_at", "original_tz", "original_time_text", "author",
    "participants", "subject", "body", "thread_key", "external_id", "source_name", "importer",
    "importer_version", "batch_id", "locator", "meta", "visibility", "added_by_id", "added_by_role",
    "added_at", "corrects_id", "correction_reason", "redacted_fields",
)
_DATETIMES = {"occurred_at", "sort_at", "added_at"}
_JSONS = {"participants", "meta", "redacted_fields"}


_KINDS = tuple("dt" if c in _DATETIMES else "json" if c in _JSONS else "reason" if c == "correction_reason" else ""
               for c in ITEM_COLUMNS)


def _rows(values: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Return the item rows in ITEM_COLUMNS order, adapted by the backend's adapters (looked up once)."""
    ops = connection.ops
    adapt_dt, adapt_js = ops.adapt_datetimefield_value, ops.adapt_json_value
    seen_dt: dict[Any, Any] = {}  # a chunk's items share their added_at
    columns = tuple(zip(ITEM_COLUMNS, _KINDS, strict=True))
    out = []
    for v in values:
        row = []
        get = v.get
        for column, kind in columns:
            value = get(column)
            if kind == "":
                pass
            elif kind == "dt":
                if value is not None:
                    key = value
                    value = seen_dt.get(key)
                    if value is None:
                        value = seen_dt[key] = adapt_dt(key)
            elif kind == "json":
                value = adapt_js(value if value is not None else [], None)
            elif value is None:
                value = ""
            row.append(value)
        out.append(tuple(row))
    return out


def leaf_values_of_row(v: dict[str, Any], corrects_entry: int | None) -> dict[str, Any]:
    """Return the values an item's leaf is computed from, from a row's column values (``*_id`` keys)."""
    return _leaf_of(v, corrects_entry)


def _leaf_of(v: dict[str, Any], corrects_entry: int | None) -> dict[str, Any]:
    return {
        "case": v["case_id"], "item": v["id"], "kind": v["kind"], "occurred_at": v["occurred_at"],
        "original_tz": v["original_tz"], "original_time_text": v["original_time_text"], "author": v["author"],
        "participants": v["participants"], "subject": v["subject"], "body": v["body"],
        "thread_key": v["thread_key"], "meta": v["meta"], "external_id": v["external_id"],
        "source_name": v["source_name"], "importer": v["importer"], "importer_version": v["importer_version"],
        "batch": v.get("batch_id"), "locator": v["locator"], "visibility": v["visibility"],
        "added_by": v.get("added_by_id"), "added_by_role": v["added_by_role"], "added_at": v["added_at"],
        "corrects": v.get("corrects_id"), "corrects_entry": corrects_entry,
        "correction_reason": v.get("correction_reason") or "",
    }


def write_items(*, workspace_id: int, case_id: int, drafts: Sequence[Draft],
                corrects_entries: dict[int, LogEntry] | None = None) -> list[int]:
    """Insert the drafts (already deduplicated) with their attachments and log leaves; return the item ids.

    ``corrects_entries`` maps a corrected item's id to its log entry, for correction items.
    """
    if not drafts:
        return []
    now = timezone.now()
    stored = _store_attachments(drafts)
    ids = allocate_ids(EvidenceItem, len(drafts))
    values = []
    for pk, draft in zip(ids, drafts, strict=True):
        v = _item_values(draft, case_id, now)
        v["id"] = pk
        v.setdefault("correction_reason", "")
        v.setdefault("redacted_fields", [])
        values.append(v)
    insert_rows(EvidenceItem, ITEM_COLUMNS, _rows(values))
    draft_content = {v["id"]: d.content for v, d in zip(values, drafts, strict=True)}
    links = []
    pending = []
    for v, triples in zip(values, stored, strict=True):
        leaf_atts = []
        for i, (blob, name, ctype) in enumerate(triples):
            filename = clean_text(name, 300) or f"file-{i + 1}"
            content_type = clean_text(ctype, 200) or blob.content_type
            links.append((v["id"], blob.sha256, i, filename, content_type))
            leaf_atts.append({"sha256": blob.sha256, "size": blob.size, "filename": filename,
                              "content_type": content_type})
        entry = (corrects_entries or {}).get(v["corrects_id"]) if v.get("corrects_id") else None
        leaf = item_leaf(_leaf_of(v, entry.index if entry else None), leaf_atts, content=draft_content[v["id"]])
        pending.append(Pending("item", leaf, case_id=case_id, item_id=v["id"],
                               refers_to_id=entry.pk if entry else None))
    insert_rows(ItemAttachment, ("item_id", "blob_id", "position", "filename", "content_type"), links)
    log_append(workspace_id=workspace_id, entries=pending)
    return ids


def split_duplicates(case_id: int, drafts: Sequence[Draft], seen: set[str]) -> tuple[list[Draft], int]:
    """Return (new drafts, number of duplicates): an external id already in the case or in ``seen``.

    ``seen`` (external ids met earlier in this run) is updated.
    """
    ids = {d.external_id for d in drafts if d.external_id}
    existing = set(
        EvidenceItem.objects.filter(case_id=case_id, external_id__in=ids).values_list("external_id", flat=True)
    ) if ids else set()
    fresh, dupes = [], 0
    for d in drafts:
        key = d.external_id
        if key and (key in existing or key in seen):
            dupes += 1
            continue
        if key:
            seen.add(key)
        fresh.append(d)
    return fresh, dupes
