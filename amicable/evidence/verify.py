"""``amicable verify``: prove that nothing in the vault was altered, or name exactly what was.

For each workspace's log it:
1. reads every entry in index order, checks indexes are contiguous and that each stored leaf hash is
   the hash of its canonical JSON, and rebuilds the Merkle tree (a compact range, one pass);
2. checks every checkpoint: the signature against the workspace key, the note against the row, and
   the root against the rebuilt tree at that size;
3. checks every item row against its leaf (field by field, so the report names the field), that
   every item has a leaf, and that tags, visibility and redactions match what the log replays;
4. re-hashes every blob file (two threads, big chunks) and checks it against its name and size.

It reports problems; it never repairs. ``ok`` is True only when there is none.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.files.storage import default_storage

from amicable.lib import merkle, signing
from amicable.lib.canonical import canonical_json_native
from amicable.lib.hashing import hash_many

from .blobs import local_path
from .ingest import ITEM_COLUMNS, attachment_values, leaf_values_of_row
from .leaves import item_leaf, leaf_differences, normalised
from .log import TILE_HEIGHT, origin_for
from .models import (
    Blob,
    Checkpoint,
    EvidenceItem,
    ItemAttachment,
    ItemTag,
    LogEntry,
    LogHead,
    MerkleTile,
    WorkspaceKey,
)

ITEM_CHUNK = 2000
ROW_FIELDS = [c for c in ITEM_COLUMNS if c != "sort_at"]


@dataclass
class Problem:
    kind: str  # "entry", "checkpoint", "item", "tag", "blob", "log"
    ref: str  # what is wrong: "item 12", "checkpoint 3 (size 500)", "blob ab12…", "entry 7"
    message: str
    workspace: int | None = None


@dataclass
class Report:
    ok: bool = True
    workspaces: int = 0
    entries: int = 0
    checkpoints: int = 0
    items: int = 0
    blobs: int = 0
    blob_bytes: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)

    def add(self, kind: str, ref: str, message: str, workspace: int | None = None) -> None:
        self.ok = False
        self.problems.append(Problem(kind, ref, message, workspace))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Replay:
    """State the log says the rows should be in."""

    tags: set[tuple[int, str]] = field(default_factory=set)
    visibility: dict[int, str] = field(default_factory=dict)  # changes only; else the item leaf's
    redacted: dict[int, set[str]] = field(default_factory=dict)
    roots: dict[int, bytes] = field(default_factory=dict)  # tree size -> rebuilt root
    logged_items: set[int] = field(default_factory=set)
    sources: list[tuple[int, str]] = field(default_factory=list)  # (entry index, blob sha256)


def _replay_changes(ws: int, r: _Replay) -> None:
    """Replay tag, visibility and redaction entries (few) before the main pass needs them."""
    types = [LogEntry.Type.TAG, LogEntry.Type.VISIBILITY, LogEntry.Type.REDACTION]
    for canonical in (LogEntry.objects.filter(workspace_id=ws, entry_type__in=types).order_by("index")
                      .values_list("canonical", flat=True).iterator(chunk_size=5000)):
        try:
            leaf = json.loads(canonical)
            item = int(leaf["item"])
        except (ValueError, KeyError, TypeError):
            continue  # reported by the main pass
        if leaf.get("type") == "tag":
            pair = (item, str(leaf.get("tag")))
            if leaf.get("op") == "add":
                r.tags.add(pair)
            else:
                r.tags.discard(pair)
        elif leaf.get("type") == "visibility":
            r.visibility[item] = str(leaf.get("visibility"))
        elif leaf.get("type") == "redaction":
            r.redacted.setdefault(item, set()).update(leaf.get("fields", []))


def _check_entries(ws: int, report: Report, r: _Replay, sizes: set[int]) -> None:
    """Main pass: hash every entry, rebuild the tree, and check each item row against its leaf."""
    frontier = merkle.CompactRange()
    tiles: dict[int, str] = {}
    frontier.on_subtree = lambda height, i, root: tiles.__setitem__(i, root.hex()) if height == TILE_HEIGHT else None
    pending: list[tuple[int, int, str, dict[str, Any]]] = []  # (item id, entry index, canonical, leaf)
    rows = (LogEntry.objects.filter(workspace_id=ws).order_by("index")
            .values_list("index", "leaf_hash", "canonical", "item_id", "entry_type").iterator(chunk_size=5000))
    for index, stored_hash, canonical, item_id, entry_type in rows:
        report.entries += 1
        if index != frontier.size:
            report.add("log", f"entry {frontier.size}", f"log entries are not contiguous: expected index "
                       f"{frontier.size}, found {index} (an entry was deleted or inserted)", ws)
            break
        text = canonical.encode("utf-8")
        digest = merkle.leaf_hash(text)
        if digest.hex() != stored_hash:
            report.add("entry", f"entry {index}", "its stored leaf hash does not match its content", ws)
        frontier.append(digest)
        if frontier.size in sizes:
            r.roots[frontier.size] = frontier.root()
        try:
            leaf = json.loads(canonical)
            kind = leaf["type"]
        except (ValueError, KeyError, TypeError) as exc:
            report.add("entry", f"entry {index}", f"its content is not a valid leaf ({exc})", ws)
            continue
        if kind == "item":
            if item_id is None or leaf.get("item") != item_id or entry_type != "item":
                report.add("entry", f"entry {index}", f"points at item {item_id} but its leaf names item "
                           f"{leaf.get('item')}", ws)
                continue
            pending.append((item_id, index, canonical, leaf))
            if len(pending) >= ITEM_CHUNK:
                _check_items(ws, report, r, pending)
                pending = []
        elif kind == "source":
            r.sources.append((index, str(leaf.get("sha256"))))
    _check_items(ws, report, r, pending)
    stored = dict(MerkleTile.objects.filter(workspace_id=ws).values_list("index", "root"))
    for index in sorted(stored):  # tiles are a cache: a missing one is rebuilt from leaves, a wrong one is not
        if stored[index] != tiles.get(index):
            report.add("log", f"tile {index}", "a stored tile root does not match the log's entries (proofs shown "
                       "from it would fail)", ws)
            break
    head = LogHead.objects.filter(pk=ws).first()
    if head is not None and (head.size != frontier.size or bytes(head.frontier) != frontier.to_bytes()):
        report.add("log", f"workspace {ws}", f"the log head (size {head.size}) does not match the entries "
                   f"(size {frontier.size}); new entries would be hashed wrongly", ws)


def _check_checkpoints(ws: int, report: Report, roots: dict[int, bytes]) -> None:
    keys = {k.pk: k for k in WorkspaceKey.objects.filter(workspace_id=ws)}
    for cp in Checkpoint.objects.filter(workspace_id=ws).order_by("tree_size", "pk"):
        report.checkpoints += 1
        ref = f"checkpoint {cp.pk} (size {cp.tree_size})"
        key = keys.get(cp.key_id)
        if key is None:
            report.add("checkpoint", ref, "its signing key is missing", ws)
            continue
        try:
            note = signing.verify_checkpoint(cp.note, name=key.name, public_key=bytes(key.public_key))
        except signing.SigningError as exc:
            report.add("checkpoint", ref, f"signature check failed: {exc}", ws)
            continue
        if note.origin != origin_for(ws):
            report.add("checkpoint", ref, f"it is signed for another log ({note.origin})", ws)
        if note.size != cp.tree_size or note.root.hex() != cp.root_hash:
            report.add("checkpoint", ref, "its size or root differs from what its signed note says", ws)
        rebuilt = roots.get(cp.tree_size)
        if rebuilt is None:
            report.add("checkpoint", ref, "the log has fewer entries than this checkpoint signed", ws)
        elif rebuilt != note.root:
            report.add("checkpoint", ref, f"the log's first {cp.tree_size} entries no longer hash to the signed "
                       "root: an entry before this point was changed", ws)


def _check_items(ws: int, report: Report, r: _Replay, pending: list[tuple[int, int, str, dict[str, Any]]]) -> None:
    if not pending:
        return
    ids = [p[0] for p in pending]
    # Plain values, not model instances: this runs once per item of the vault.
    items = {row["id"]: row for row in EvidenceItem.objects.filter(pk__in=ids).values(*ROW_FIELDS)}
    links: dict[int, list[ItemAttachment]] = {}
    for link in ItemAttachment.objects.filter(item_id__in=ids):
        links.setdefault(link.item_id, []).append(link)
    blobs = Blob.objects.in_bulk({link.blob_id for ls in links.values() for link in ls})
    for item_id, index, canonical, stored in pending:
        r.logged_items.add(item_id)
        item = items.get(item_id)
        if item is None:
            report.add("item", f"item {item_id}", f"log entry {index} records it but the row is missing", ws)
            continue
        report.items += 1
        _check_item(ws, report, r, item, index, canonical, stored, links.get(item_id, []), blobs)


def _check_item(ws: int, report: Report, r: _Replay, item: dict[str, Any], index: int, canonical: str,
                stored: dict[str, Any], links: list[ItemAttachment], blobs: dict[str, Blob]) -> None:
    item_id = item["id"]
    ref = f"item {item_id}"
    missing = [link.blob_id for link in links if link.blob_id not in blobs]
    if missing:
        report.add("item", ref, f"attachment blob {missing[0]} has no row", ws)
        return
    corrects_entry = (stored.get("corrects") or {}).get("entry") if item["corrects_id"] is not None else None
    initial = stored.get("visibility", "")
    # The leaf holds the initial visibility; later changes are replayed from visibility entries.
    values = leaf_values_of_row({**item, "visibility": initial}, corrects_entry)
    redacted = r.redacted.get(item_id, set())
    leaf = item_leaf(values, attachment_values(links, blobs))
    if redacted or canonical_json_native(leaf).decode("utf-8") != canonical:
        diffs = leaf_differences(stored, normalised(leaf), ignore=[f"content.{f}" for f in redacted])
        if diffs:
            fields = ", ".join(d.removeprefix("content.") for d in diffs)
            report.add("item", ref, f"differs from its log entry {index} in: {fields}", ws)
    expected = r.visibility.get(item_id, initial)
    if item["visibility"] != expected:
        report.add("item", ref, f"visibility is “{item['visibility']}” but the log says “{expected}”", ws)
    if set(item["redacted_fields"] or []) != redacted:
        report.add("item", ref, "its redaction marks do not match the log's redaction entries", ws)


def _check_rows_without_entries(ws: int, report: Report, r: _Replay) -> None:
    ids = EvidenceItem.objects.filter(case__workspace_id=ws).values_list("pk", flat=True).iterator(chunk_size=20000)
    for item_id in ids:
        if item_id not in r.logged_items:
            report.add("item", f"item {item_id}", "it is not in the log (added outside the vault's services)", ws)
    tags = set(ItemTag.objects.filter(case__workspace_id=ws).values_list("item_id", "tag"))
    for item_id, tag in sorted(tags - r.tags):
        report.add("tag", f"item {item_id}", f"carries tag “{tag}” that the log never added", ws)
    for item_id, tag in sorted(r.tags - tags):
        report.add("tag", f"item {item_id}", f"lost tag “{tag}” without a log entry removing it", ws)
    known = set(Blob.objects.filter(pk__in=[sha for _, sha in r.sources]).values_list("pk", flat=True))
    for index, sha in r.sources:
        if sha not in known:
            report.add("blob", f"blob {sha}", f"the source file logged in entry {index} is missing", ws)


def _blob_jobs(blobs: list[tuple[str, int]]) -> Iterator[tuple[tuple[str, int], Callable[[], Any]]]:
    for sha, size in blobs:
        name = f"blobs/{sha[:2]}/{sha[2:4]}/{sha}"
        path = local_path(name)
        if path is not None:
            yield (sha, size), (lambda p=path: open(p, "rb", buffering=0))  # noqa: SIM115
        else:
            yield (sha, size), (lambda n=name: default_storage.open(n, "rb"))


def _hash_blobs(blobs: list[tuple[str, int]], workers: int) -> list[tuple[str, int, str | None, int, str]]:
    return [(sha, size, digest, actual, error)
            for (sha, size), digest, actual, error in hash_many(_blob_jobs(blobs), workers=workers)]


def _report_blobs(report: Report, results: list[tuple[str, int, str | None, int, str]]) -> None:
    for sha, size, digest, actual, error in results:
        report.blobs += 1
        report.blob_bytes += actual
        if error:
            report.add("blob", f"blob {sha}", f"cannot be read: {error}")
        elif digest != sha:
            users = list(ItemAttachment.objects.filter(blob_id=sha).values_list("item_id", flat=True)[:5])
            where = f" (attached to item {', '.join(map(str, users))})" if users else ""
            report.add("blob", f"blob {sha}", f"its content changed: it now hashes to {digest}{where}")
        elif actual != size:
            report.add("blob", f"blob {sha}", f"its size is {actual} bytes, the vault recorded {size}")


def verify_all(*, workspace_ids: list[int] | None = None, blobs: bool = True, workers: int = 2) -> Report:
    """Verify every workspace's log (or the given ones) and, with ``blobs``, every stored file.

    Blobs are hashed in background threads while the log and the rows are checked.
    """
    started = time.perf_counter()
    report = Report()
    hashing: Future[list[tuple[str, int, str | None, int, str]]] | None = None
    pool = ThreadPoolExecutor(max_workers=1)
    if blobs:
        listing = list(Blob.objects.order_by("sha256").values_list("sha256", "size"))
        hashing = pool.submit(_hash_blobs, listing, workers)
    try:
        if workspace_ids is None:
            found = set(LogEntry.objects.values_list("workspace_id", flat=True).distinct())
            found |= set(EvidenceItem.objects.values_list("case__workspace_id", flat=True).distinct())
            found |= set(Checkpoint.objects.values_list("workspace_id", flat=True).distinct())
            workspace_ids = sorted(found)
        for ws in workspace_ids:
            report.workspaces += 1
            replay = _Replay()
            _replay_changes(ws, replay)
            sizes = set(Checkpoint.objects.filter(workspace_id=ws).values_list("tree_size", flat=True))
            _check_entries(ws, report, replay, sizes)
            _check_checkpoints(ws, report, replay.roots)
            _check_rows_without_entries(ws, report, replay)
        if hashing is not None:
            _report_blobs(report, hashing.result())
    finally:
        pool.shutdown(wait=True)
    report.seconds = round(time.perf_counter() - started, 3)
    return report
