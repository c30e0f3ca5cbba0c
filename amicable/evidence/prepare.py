"""Turning an importer's ParsedItem into the exact values the vault stores (pure: no Django import).

Cleaning (no NUL, no lone surrogate, field sizes), the external id, and the SHA-256 of each content
field that the item's log leaf commits to are all computed here, so that this work can run in the
parser process during a big import while the parent process writes to the database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from .importers.base import ParsedAttachment, ParsedItem, content_id
from .leaves import CONTENT_FIELDS, field_hash

# Field sizes of EvidenceItem (PostgreSQL enforces them; SQLite would not).
LIMITS = {"author": 500, "original_tz": 64, "original_time_text": 200, "source_name": 500,
          "importer": 50, "importer_version": 20, "locator": 300}


def clean_text(value: object, limit: int | None = None) -> str:
    """Return ``value`` as text safe for every database: no NUL, no lone surrogate, within ``limit``."""
    text = "" if value is None else str(value)
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def long_key(value: str, limit: int) -> str:
    """Keep an identifier whole when it fits, else replace it by its hash (still unique and stable)."""
    value = clean_text(value)
    return value if len(value) <= limit else "sha256:" + hashlib.sha256(value.encode()).hexdigest()


def clean_json(value: Any) -> Any:
    """Return ``value`` with only JSON types that round-trip exactly (floats become strings)."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(v) for v in value]
    return clean_text(value)


@dataclass
class Prepared:
    """An item's cleaned values, the hashes of its content fields, and its attachments."""

    values: dict[str, Any]
    content: dict[str, str]
    attachments: list[ParsedAttachment] = field(default_factory=list)

    @property
    def locator(self) -> str:
        return str(self.values.get("locator", ""))


def content_hashes(values: dict[str, Any]) -> dict[str, str]:
    """Return the SHA-256 of each content field, as the item's leaf commits to them."""
    return {name: field_hash(values[name]) for name in CONTENT_FIELDS}


def prepare(item: ParsedItem) -> Prepared:
    """Return the values the vault stores for ``item`` and their content hashes."""
    values: dict[str, Any] = {
        "kind": item.kind,
        "occurred_at": item.occurred_at.astimezone(dt.UTC) if item.occurred_at else None,
        "original_tz": clean_text(item.original_tz, LIMITS["original_tz"]),
        "original_time_text": clean_text(item.original_time_text, LIMITS["original_time_text"]),
        "author": clean_text(item.author, LIMITS["author"]),
        "participants": [clean_text(p, 500) for p in item.participants],
        "subject": clean_text(item.subject),
        "body": clean_text(item.body),
        "thread_key": long_key(item.thread_key, 300),
        "external_id": long_key(item.external_id, 500),
        "locator": clean_text(item.locator, LIMITS["locator"]),
        "meta": clean_json(item.meta),
    }
    if not values["external_id"]:
        # No id of its own: its content is its identity, so a re-run of the same source skips it.
        values["external_id"] = content_id(
            item.kind, values["occurred_at"].isoformat() if values["occurred_at"] else "",
            values["author"], values["subject"], values["body"], *(a.filename for a in item.attachments),
        )
    return Prepared(values, content_hashes(values), list(item.attachments))
