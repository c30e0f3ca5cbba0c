"""The Merkle log of a workspace, on the database: append leaves, sign checkpoints, build proofs.

Appending locks the workspace's LogHead row (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises
writers with IMMEDIATE transactions), extends the stored frontier (a compact range, O(log n) per
leaf) and writes the entries in the caller's transaction: an entry and the row it describes commit
together or not at all. The maths is in amicable.lib.merkle; this module only stores and loads.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from amicable.lib import merkle, signing
from amicable.lib.canonical import canonical_json_native

from .bulk import adapt_datetime, insert_rows
from .models import Checkpoint, LogEntry, LogHead, MerkleTile, WorkspaceKey

TILE_HEIGHT = 8  # tiles of 256 leaves


class LogError(RuntimeError):
    """The log cannot be written (for example the signing key cannot be opened)."""


@dataclass
class Pending:
    """An entry to append: its type, its leaf dict and the rows it points at."""

    entry_type: str
    leaf: dict[str, Any]
    case_id: int | None = None
    item_id: int | None = None
    refers_to_id: int | None = None


def origin_for(workspace_id: int) -> str:
    """Return the checkpoint origin line of a workspace's log."""
    return f"amicable/evidence/workspace/{workspace_id}"


def _head(workspace_id: int) -> LogHead:
    head = LogHead.objects.select_for_update().filter(pk=workspace_id).first()
    if head is None:
        LogHead.objects.bulk_create([LogHead(workspace_id=workspace_id)], ignore_conflicts=True)
        head = LogHead.objects.select_for_update().get(pk=workspace_id)
    return head


ENTRY_COLUMNS = ("workspace_id", "index", "entry_type", "case_id", "item_id", "refers_to_id", "leaf_hash",
                 "canonical", "created_at")


def log_append(*, workspace_id: int, entries: Sequence[Pending]) -> list[int]:
    """Append entries to the workspace's log; return their indexes, in order.

    Must run inside ``transaction.atomic()``: the caller's rows and these entries commit together.
    """
    if not transaction.get_connection().in_atomic_block:
        raise LogError("log_append must run inside transaction.atomic()")
    if not entries:
        return []
    head = _head(workspace_id)
    first = head.size
    frontier = merkle.CompactRange.from_bytes(head.size, bytes(head.frontier))
    tiles: list[tuple[int, int, str]] = []

    def tile_done(height: int, index: int, root: bytes) -> None:
        if height == TILE_HEIGHT:
            tiles.append((workspace_id, index, root.hex()))

    frontier.on_subtree = tile_done
    rows = []
    now = adapt_datetime(timezone.now())
    for pending in entries:
        text = canonical_json_native(pending.leaf)
        digest = merkle.leaf_hash(text)
        rows.append((workspace_id, frontier.size, pending.entry_type, pending.case_id, pending.item_id,
                     pending.refers_to_id, digest.hex(), text.decode("utf-8"), now))
        frontier.append(digest)
    insert_rows(LogEntry, ENTRY_COLUMNS, rows)
    insert_rows(MerkleTile, ("workspace_id", "index", "root"), tiles)
    head.size = frontier.size
    head.frontier = frontier.to_bytes()
    head.updated_at = timezone.now()
    head.save(update_fields=["size", "frontier", "updated_at"])
    return list(range(first, frontier.size))


_key_cache: dict[bytes, bytes] = {}  # public key -> private key
_key_lock = threading.Lock()


def active_key(workspace_id: int) -> WorkspaceKey | None:
    """Return the workspace's current signing key, or None before its first checkpoint."""
    return WorkspaceKey.objects.filter(workspace_id=workspace_id, retired_at__isnull=True).first()


def workspace_key(workspace_id: int) -> WorkspaceKey:
    """Return the workspace's active signing key, creating one on first use."""
    key = active_key(workspace_id)
    if key is not None:
        return key
    private = signing.generate_private_key()
    key = WorkspaceKey(workspace_id=workspace_id, public_key=signing.public_key_of(private),
                       wrapped_private_key=signing.wrap_private_key(private, settings.SECRET_KEY))
    key.save()
    key.name = f"amicable-ws{workspace_id}-k{key.pk}"
    key.save(update_fields=["name"])
    return key


def _private_key(key: WorkspaceKey) -> bytes:
    public = bytes(key.public_key)
    with _key_lock:
        cached = _key_cache.get(public)
    if cached is not None:
        return cached
    try:
        raw = signing.unwrap_private_key(bytes(key.wrapped_private_key), settings.SECRET_KEY)
    except signing.SigningError as exc:
        raise LogError(f"Cannot open the signing key {key.name}: {exc}") from None
    with _key_lock:
        _key_cache[public] = raw
    return raw


def checkpoint_sign(*, workspace_id: int) -> Checkpoint | None:
    """Sign a checkpoint of the log's current size (inside the appending transaction).

    Returns None when the log is empty or already has a checkpoint at this size.
    """
    head = _head(workspace_id)
    if head.size == 0:
        return None
    last = Checkpoint.objects.filter(workspace_id=workspace_id).order_by("-tree_size", "-pk").first()
    if last is not None and last.tree_size == head.size:
        return None
    root = merkle.CompactRange.from_bytes(head.size, bytes(head.frontier)).root()
    key = workspace_key(workspace_id)
    note = signing.sign_checkpoint(origin_for(workspace_id), head.size, root, name=key.name,
                                   private_key=_private_key(key))
    return Checkpoint.objects.create(workspace_id=workspace_id, tree_size=head.size, root_hash=root.hex(),
                                     note=note, key=key)


def leaf_hashes(workspace_id: int, start: int, end: int) -> list[bytes]:
    """Return the leaf hashes of entries [start, end) of a workspace's log, in order."""
    values = (LogEntry.objects.filter(workspace_id=workspace_id, index__gte=start, index__lt=end)
              .order_by("index").values_list("leaf_hash", flat=True))
    return [bytes.fromhex(h) for h in values.iterator(chunk_size=20000)]


def tree_hasher(workspace_id: int, size: int) -> merkle.TiledHasher | merkle.SubtreeIndex:
    """Return a range hasher over the first ``size`` entries, from stored tiles when they are all there."""
    complete = size >> TILE_HEIGHT
    roots = [bytes.fromhex(r) for r in MerkleTile.objects.filter(workspace_id=workspace_id, index__lt=complete)
             .order_by("index").values_list("root", flat=True)]
    if len(roots) != complete:  # tiles missing (a log written before tiles existed): use every leaf
        return merkle.SubtreeIndex(leaf_hashes(workspace_id, 0, size))
    width = 1 << TILE_HEIGHT

    def leaves_of(tile: int) -> list[bytes]:
        return leaf_hashes(workspace_id, tile * width, min(size, (tile + 1) * width))

    return merkle.TiledHasher(size, TILE_HEIGHT, roots, leaves_of)


@dataclass
class InclusionProof:
    """An entry's audit path to a signed checkpoint, and whether it checks out."""

    entry: LogEntry
    checkpoint: Checkpoint
    path: list[bytes]
    valid: bool


def inclusion_proof_for(entry: LogEntry) -> InclusionProof | None:
    """Return the inclusion proof of ``entry`` in the latest checkpoint that covers it (or None)."""
    cp = (Checkpoint.objects.filter(workspace_id=entry.workspace_id, tree_size__gt=entry.index)
          .order_by("-tree_size", "-pk").first())
    if cp is None:
        return None
    try:
        path = merkle.inclusion_proof(entry.index, cp.tree_size, tree_hasher(entry.workspace_id, cp.tree_size))
    except (merkle.MerkleError, IndexError):  # entries missing: the log is damaged (verify names it)
        return InclusionProof(entry, cp, [], False)
    valid = merkle.verify_inclusion(entry.index, cp.tree_size, bytes.fromhex(entry.leaf_hash), path,
                                    bytes.fromhex(cp.root_hash))
    return InclusionProof(entry, cp, path, valid)


def consistency_proof_between(old: Checkpoint, new: Checkpoint) -> list[bytes]:
    """Return the consistency proof from checkpoint ``old`` to the later checkpoint ``new``."""
    if old.workspace_id != new.workspace_id:
        raise LogError("checkpoints of two different logs")
    return merkle.consistency_proof(old.tree_size, new.tree_size, tree_hasher(new.workspace_id, new.tree_size))
