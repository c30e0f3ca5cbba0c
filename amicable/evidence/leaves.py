"""What goes into each leaf of the evidence log (pure: no Django import).

A leaf is the canonical JSON (amicable.lib.canonical) of a small dict made only of plain JSON values
(times already written as canonical text), so the log can serialise it on the fast path. For an item, the words of the
item (author, participants, subject, body, thread key, importer extras) are committed by their
SHA-256 only, under ``content``: the log proves them without repeating them, and a redaction can
blank them in the item row while the log still verifies. Everything else (kind, times, source,
attachments' hashes, who added it) is written plainly so the log can be read on its own.

Leaf types: ``item`` (also a correction: it then carries ``corrects``), ``source`` (an imported
source file), ``tag`` (a tag added or removed), ``visibility`` (an item shared or unshared) and
``redaction`` (fields of an item blanked, with the reason).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from amicable.lib.canonical import canonical_json, canonical_json_native, datetime_text

LEAF_VERSION = 1
CONTENT_FIELDS = ("author", "participants", "subject", "body", "thread_key", "meta")
REDACTABLE_FIELDS = CONTENT_FIELDS


def field_hash(value: Any) -> str:
    """Return the hex SHA-256 of the canonical JSON of ``value`` (plain JSON values: text, lists, dicts)."""
    return hashlib.sha256(canonical_json_native(value)).hexdigest()


def _when(value: dt.datetime | None) -> str | None:
    return None if value is None else datetime_text(value)


def item_leaf(v: Mapping[str, Any], attachments: Sequence[Mapping[str, Any]],
              content: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Return the leaf dict of an item from its field values and its attachments, in order.

    ``v`` holds the item's fields by model name (``case`` and ``batch``, ``added_by``, ``corrects``
    as ids); each attachment has sha256, size, filename and content_type. ``content`` gives the content
    fields' hashes when they were computed ahead (they must be those of the same values).
    """
    leaf: dict[str, Any] = {
        "v": LEAF_VERSION,
        "type": "item",
        "case": v["case"],
        "item": v["item"],
        "kind": v["kind"],
        "occurred_at": _when(v["occurred_at"]),
        "original_tz": v["original_tz"],
        "original_time_text": v["original_time_text"],
        "external_id": v["external_id"],
        "source": {
            "name": v["source_name"],
            "importer": v["importer"],
            "version": v["importer_version"],
            "batch": v["batch"],
            "locator": v["locator"],
        },
        "visibility": v["visibility"],
        "added_by": v["added_by"],
        "added_by_role": v["added_by_role"],
        "added_at": _when(v["added_at"]),
        "attachments": [
            {k: a[k] for k in ("sha256", "size", "filename", "content_type")} for a in attachments
        ],
        "content": dict(content) if content is not None else {name: field_hash(v[name]) for name in CONTENT_FIELDS},
    }
    if v.get("corrects") is not None:
        leaf["corrects"] = {"item": v["corrects"], "entry": v["corrects_entry"]}
        leaf["reason"] = v["correction_reason"]
    return leaf


def source_leaf(*, case: int, batch: int, name: str, sha256: str, size: int, importer: str,
                version: str, at: dt.datetime) -> dict[str, Any]:
    """Return the leaf recording a source file taken into an import batch."""
    return {"v": LEAF_VERSION, "type": "source", "case": case, "batch": batch, "name": name,
            "sha256": sha256, "size": size, "importer": importer, "version": version, "at": _when(at)}


def tag_leaf(*, case: int, item: int, tag: str, op: str, by: int | None, at: dt.datetime) -> dict[str, Any]:
    """Return the leaf of a tag added (op "add") to or removed (op "remove") from an item."""
    return {"v": LEAF_VERSION, "type": "tag", "case": case, "item": item, "tag": tag, "op": op,
            "by": by, "at": _when(at)}


def visibility_leaf(
    *, case: int, item: int, visibility: str, by: int | None, at: dt.datetime
) -> dict[str, Any]:
    """Return the leaf of an item's visibility changed."""
    return {"v": LEAF_VERSION, "type": "visibility", "case": case, "item": item,
            "visibility": visibility, "by": by, "at": _when(at)}


def redaction_leaf(*, case: int, item: int, entry: int, fields: Sequence[str], reason: str,
                   by: int | None, at: dt.datetime) -> dict[str, Any]:
    """Return the leaf of a redaction of ``fields`` of an item (whose own leaf is ``entry``)."""
    return {"v": LEAF_VERSION, "type": "redaction", "case": case, "item": item, "entry": entry,
            "fields": sorted(fields), "reason": reason, "by": by, "at": _when(at)}


def normalised(leaf: Mapping[str, Any]) -> Any:
    """Return the leaf as parsed JSON (datetimes and decimals as their canonical strings)."""
    return json.loads(canonical_json(leaf))


def leaf_differences(stored: Any, fresh: Any, *, ignore: Sequence[str] = (), prefix: str = "") -> list[str]:
    """Return the dotted names of fields whose values differ between two leaf dicts (sorted).

    ``ignore`` lists dotted names not to compare (for example ``content.body`` after a redaction).
    """
    if isinstance(stored, dict) and isinstance(fresh, dict):
        out: list[str] = []
        for key in sorted(set(stored) | set(fresh)):
            name = f"{prefix}{key}"
            if name in ignore:
                continue
            out += leaf_differences(stored.get(key), fresh.get(key), ignore=ignore, prefix=f"{name}.")
        return out
    if isinstance(stored, list) and isinstance(fresh, list) and len(stored) == len(fresh):
        name = prefix.rstrip(".")
        out = []
        for i, (a, b) in enumerate(zip(stored, fresh, strict=True)):
            out += leaf_differences(a, b, ignore=ignore, prefix=f"{name}[{i}].")
        return out
    if stored != fresh:
        return [prefix.rstrip(".")]
    return []
