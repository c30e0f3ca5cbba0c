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

import datetime as dt
import json
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from hashlib import sha256
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.db.models import Max
from django.db.models.sql.constants import MULTI

from amicable.lib import merkle, signing
from amicable.lib.canonical import canonical_json_native, datetime_text
from amicable.lib.hashing import hash_many

from .blobs import local_path
from .ingest import ITEM_COLUMNS, leaf_values_of_row
from .leaves import LEAF_VERSION, item_leaf, leaf_differences, normalised
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
PARALLEL_MIN_ENTRIES = 20_000  # below this, starting worker processes costs more than it saves
ROW_FIELDS = (  # the item columns a leaf covers; the fast path below unpacks the first 22 in this order
    "id", "case_id", "kind", "occurred_at", "original_tz", "original_time_text", "author", "participants",
    "subject", "body", "thread_key", "external_id", "source_name", "importer", "importer_version", "batch_id",
    "locator", "meta", "visibility", "added_by_id", "added_by_role", "added_at", "corrects_id",
    "correction_reason", "redacted_fields",
)
_CORRECTS = ROW_FIELDS.index("corrects_id")
_REDACTED = ROW_FIELDS.index("redacted_fields")
assert set(ROW_FIELDS) == set(ITEM_COLUMNS) - {"sort_at"}


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


@dataclass
class _Scan:
    """What one pass over a range of log entries found (picklable: it comes back from a worker)."""

    digests: list[bytes] = field(default_factory=list)
    problems: list[tuple[str, str, str]] = field(default_factory=list)
    entries: int = 0
    items: int = 0
    logged_items: list[int] = field(default_factory=list)
    sources: list[tuple[int, str]] = field(default_factory=list)
    broken: bool = False  # stopped at a gap in the indexes
    first: int | None = None  # the first index found
    cache: dict[Any, str] = field(default_factory=dict, repr=False)  # content hashes of repeated values

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "cache": {}}


def _scan_range(ws: int, lo: int, hi: int | None, visibility: dict[int, str],
                redacted: dict[int, set[str]]) -> _Scan:
    """Hash the entries with ``lo <= index < hi`` and check each item row against its leaf.

    Runs in the verifying process or in a worker process (with its own database connection).
    """
    scan = _Scan()
    r = _Replay(visibility=visibility, redacted=redacted)
    expected = lo
    pending: list[tuple[int, int, str]] = []  # (item id, entry index, canonical)
    query = LogEntry.objects.filter(workspace_id=ws, index__gte=lo)
    if hi is not None:
        query = query.filter(index__lt=hi)
    rows = (query.order_by("index").values_list("index", "leaf_hash", "canonical", "item_id", "entry_type")
            .iterator(chunk_size=5000))
    leaf_hash = merkle.leaf_hash
    for index, stored_hash, canonical, item_id, entry_type in rows:
        scan.entries += 1
        if scan.first is None:
            scan.first = index
        if index != expected:
            scan.problems.append(("log", f"entry {expected}", f"log entries are not contiguous: expected index "
                                  f"{expected}, found {index} (an entry was deleted or inserted)"))
            scan.broken = True
            break
        expected += 1
        digest = leaf_hash(canonical.encode("utf-8"))
        if digest.hex() != stored_hash:
            scan.problems.append(("entry", f"entry {index}", "its stored leaf hash does not match its content"))
        scan.digests.append(digest)
        if entry_type == "item" and item_id is not None:
            # The common case: compared with the row by its canonical text (parsed only when it differs).
            pending.append((item_id, index, canonical))
            if len(pending) >= ITEM_CHUNK:
                _check_items(ws, scan, r, pending)
                pending = []
            continue
        try:
            leaf = json.loads(canonical)
            kind = leaf["type"]
        except (ValueError, KeyError, TypeError) as exc:
            scan.problems.append(("entry", f"entry {index}", f"its content is not a valid leaf ({exc})"))
            continue
        if kind == "item":
            scan.problems.append(("entry", f"entry {index}", f"points at item {item_id} but its leaf names item "
                                  f"{leaf.get('item')}"))
        elif kind == "source":
            scan.sources.append((index, str(leaf.get("sha256"))))
    _check_items(ws, scan, r, pending)
    return scan


def _ranges(ws: int, parts: int, minimum: int) -> list[tuple[int, int | None]]:
    """Split a workspace's log into ``parts`` index ranges of about the same number of entries.

    A log shorter than ``minimum`` entries stays in one range.
    """
    top = LogEntry.objects.filter(workspace_id=ws).aggregate(top=Max("index"))["top"]
    if parts <= 1 or top is None or top + 1 < minimum:
        return [(0, None)]
    step = (top + 1) // parts + 1
    bounds = [i * step for i in range(parts)]
    return [(b, bounds[i + 1] if i + 1 < parts else None) for i, b in enumerate(bounds)]


def _check_entries(ws: int, report: Report, r: _Replay, sizes: set[int], pool: Any = None, parts: int = 1,
                   minimum: int | None = None) -> None:
    """Main pass: hash every entry, rebuild the tree, and check each item row against its leaf.

    With ``pool`` (worker processes) the log is split into index ranges checked in parallel; the tree
    is then rebuilt here from their leaf hashes, in index order.
    """
    ranges = _ranges(ws, parts, PARALLEL_MIN_ENTRIES if minimum is None else minimum)
    if pool is not None and len(ranges) > 1:
        scans = pool.starmap(_scan_range, [(ws, lo, hi, r.visibility, r.redacted) for lo, hi in ranges])
    else:
        scans = [_scan_range(ws, lo, hi, r.visibility, r.redacted) for lo, hi in ranges]
    frontier = merkle.CompactRange()
    tiles: dict[int, str] = {}
    frontier.on_subtree = lambda height, i, root: tiles.__setitem__(i, root.hex()) if height == TILE_HEIGHT else None
    for scan in scans:
        if scan.first is not None and scan.first != frontier.size:  # a gap where two ranges meet
            report.entries += 1
            report.add("log", f"entry {frontier.size}", f"log entries are not contiguous: expected index "
                       f"{frontier.size}, found {scan.first} (an entry was deleted or inserted)", ws)
            break
        report.entries += scan.entries
        report.items += scan.items
        for kind, ref, message in scan.problems:
            report.add(kind, ref, message, ws)
        r.logged_items.update(scan.logged_items)
        r.sources.extend(scan.sources)
        for digest in scan.digests:
            frontier.append(digest)
            if frontier.size in sizes:
                r.roots[frontier.size] = frontier.root()
        if scan.broken:
            break
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


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
_encode = _ENCODER.encode
_encode_str = json.encoder.encode_basestring  # what the encoder writes for one str (ensure_ascii off)
_CACHE_MAX = 20_000


class _Mismatch(Exception):
    """A raw column value the fast path does not read: the item goes to the field-by-field check."""


def _content_hash(value: Any) -> str:
    """``leaves.field_hash`` with a prepared encoder (the same bytes)."""
    text = _encode_str(value) if type(value) is str else _encode(value)
    return sha256(text.encode("utf-8")).hexdigest()


def _json_hash(raw: Any, cache: dict[Any, str]) -> str:
    """The content hash of a JSON column as the database returned it (text), remembered by its text."""
    found = cache.get(raw)
    if found is None:
        if type(raw) is not str:
            raise _Mismatch
        found = _content_hash(json.loads(raw))
        if len(cache) >= _CACHE_MAX:
            cache.clear()
        cache[raw] = found
    return found


def _when_raw(value: Any) -> str | None:
    """The canonical text of a datetime column as the database driver returned it."""
    if value is None:
        return None
    if type(value) is dt.datetime:
        if value.tzinfo is None:  # SQLite: Django stores UTC without an offset and reads it back naive
            if not _NAIVE_IS_UTC[0]:
                raise _Mismatch
            return value.isoformat() + "Z"  # microseconds only when present, as in the canonical form
        return datetime_text(value)
    raise _Mismatch


_NAIVE_IS_UTC = [False]  # set per run from the connection's time zone


def _fast_leaf_text(row: Any, attachments: list[dict[str, Any]], cache: dict[Any, str]) -> str:
    """The canonical text of a plain item's leaf (no correction) from its raw row, with the row's visibility.

    Writes what ``canonical_json_native(leaves.item_leaf(...))`` gives (a test holds them equal) without
    building the dict; any difference from the logged text sends the item to the field-by-field check.
    """
    (item_id, case_id, kind, occurred_at, original_tz, original_time_text, author, participants, subject,
     body, thread_key, external_id, source_name, importer, importer_version, batch_id, locator, meta,
     visibility, added_by_id, added_by_role, added_at) = row[:22]
    author_hash = cache.get(author)
    if author_hash is None:
        author_hash = cache[author] = _content_hash(author)
    # The leaf dict's canonical form written out with its keys in sorted order (what the encoder would do).
    return (f'{{"added_at":{_j(_when_raw(added_at))},"added_by":{_j(added_by_id)},'
            f'"added_by_role":{_j(added_by_role)},"attachments":{_encode(attachments) if attachments else "[]"},'
            f'"case":{_j(case_id)},"content":{{"author":"{author_hash}","body":"{_content_hash(body)}",'
            f'"meta":"{_json_hash(meta, cache)}","participants":"{_json_hash(participants, cache)}",'
            f'"subject":"{_content_hash(subject)}","thread_key":"{_content_hash(thread_key)}"}},'
            f'"external_id":{_j(external_id)},"item":{_j(item_id)},"kind":{_j(kind)},'
            f'"occurred_at":{_j(_when_raw(occurred_at))},"original_time_text":{_j(original_time_text)},'
            f'"original_tz":{_j(original_tz)},"source":{{"batch":{_j(batch_id)},"importer":{_j(importer)},'
            f'"locator":{_j(locator)},"name":{_j(source_name)},"version":{_j(importer_version)}}},'
            f'"type":"item","v":{LEAF_VERSION},"visibility":{_j(visibility)}}}')


def _j(value: Any) -> str:
    """The canonical JSON of one plain scalar column value."""
    kind = type(value)
    if kind is str:
        return _encode_str(value)
    if kind is int:
        return str(value)
    if value is None:
        return "null"
    raise _Mismatch


def _raw_rows(queryset: Any) -> Iterator[Any]:
    """Rows of a values_list queryset as the database driver returns them (Django's converters skipped)."""
    compiler = queryset.query.get_compiler(using=queryset.db)
    for chunk in compiler.execute_sql(MULTI, chunk_size=ITEM_CHUNK):
        yield from chunk


def _check_items(ws: int, scan: _Scan, r: _Replay, pending: list[tuple[int, int, str]]) -> None:
    if not pending:
        return
    ids = [p[0] for p in pending]
    low, high = min(ids), max(ids)
    # One range scan when the ids are dense (an import's are), else a list; raw tuples, no model instances.
    where = {"pk__gte": low, "pk__lte": high} if high - low < 2 * len(ids) else {"pk__in": ids}
    items = {row[0]: row for row in _raw_rows(EvidenceItem.objects.filter(**where).values_list(*ROW_FIELDS))}
    links: dict[int, list[tuple[str, int, str, str]]] = {}
    for item_id, blob_id, position, filename, content_type in (
            ItemAttachment.objects.filter(item_id__in=ids).order_by("item_id", "position")
            .values_list("item_id", "blob_id", "position", "filename", "content_type")):
        links.setdefault(item_id, []).append((blob_id, position, filename, content_type))
    sizes = dict(Blob.objects.filter(pk__in={b[0] for ls in links.values() for b in ls}).values_list("sha256", "size"))
    cache = scan.cache
    _NAIVE_IS_UTC[0] = settings.USE_TZ and connection.timezone.utcoffset(None) == dt.timedelta(0)
    for item_id, index, canonical in pending:
        scan.logged_items.append(item_id)
        row = items.get(item_id)
        if row is None:
            scan.problems.append(("item", f"item {item_id}", f"log entry {index} records it but the row is missing"))
            continue
        scan.items += 1
        mine = links.get(item_id, [])
        if row[_CORRECTS] is None and row[_REDACTED] == "[]" and item_id not in r.visibility \
                and item_id not in r.redacted and all(b[0] in sizes for b in mine):
            attachments = [{"sha256": b, "size": sizes[b], "filename": f, "content_type": c} for b, _, f, c in mine]
            try:
                if _fast_leaf_text(row, attachments, cache) == canonical:
                    continue  # every field of the row is what its leaf committed to
            except (_Mismatch, TypeError, ValueError, UnicodeError):
                pass  # not plain values: the field-by-field check below names what is wrong
        # Rare: read the row again through Django (converted values) and compare field by field.
        item = EvidenceItem.objects.filter(pk=item_id).values(*ROW_FIELDS).first()
        if item is None:
            scan.problems.append(("item", f"item {item_id}", f"log entry {index} records it but the row is missing"))
            continue
        _check_item_slow(ws, scan, r, item, index, canonical, mine, sizes)


def _check_item_slow(ws: int, scan: _Scan, r: _Replay, item: dict[str, Any], index: int, canonical: str,
                     links: list[tuple[str, int, str, str]], sizes: dict[str, int]) -> None:
    item_id = item["id"]
    ref = f"item {item_id}"
    try:
        stored = json.loads(canonical)
        kind = stored["type"]
    except (ValueError, KeyError, TypeError) as exc:
        scan.problems.append(("entry", f"entry {index}", f"its content is not a valid leaf ({exc})"))
        return
    if kind != "item" or stored.get("item") != item_id:
        scan.problems.append(("entry", f"entry {index}", f"points at item {item_id} but its leaf names item "
                              f"{stored.get('item')}"))
        return
    missing = [b[0] for b in links if b[0] not in sizes]
    if missing:
        scan.problems.append(("item", ref, f"attachment blob {missing[0]} has no row"))
        return
    corrects_entry = (stored.get("corrects") or {}).get("entry") if item["corrects_id"] is not None else None
    initial = stored.get("visibility", "")
    # The leaf holds the initial visibility; later changes are replayed from visibility entries.
    values = leaf_values_of_row({**item, "visibility": initial}, corrects_entry)
    redacted = r.redacted.get(item_id, set())
    attachments = [{"sha256": b, "size": sizes[b], "filename": f, "content_type": c} for b, _, f, c in links]
    leaf = item_leaf(values, attachments)
    if redacted or canonical_json_native(leaf).decode("utf-8") != canonical:
        diffs = leaf_differences(stored, normalised(leaf), ignore=[f"content.{f}" for f in redacted])
        if diffs:
            fields = ", ".join(d.removeprefix("content.") for d in diffs)
            scan.problems.append(("item", ref, f"differs from its log entry {index} in: {fields}"))
    expected = r.visibility.get(item_id, initial)
    if item["visibility"] != expected:
        scan.problems.append(("item", ref, f"visibility is “{item['visibility']}” but the log says “{expected}”"))
    if set(item["redacted_fields"] or []) != redacted:
        scan.problems.append(("item", ref, "its redaction marks do not match the log's redaction entries"))


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


def _can_fork_workers() -> bool:
    """Worker processes need their own connections to the same committed data."""
    if "fork" not in multiprocessing.get_all_start_methods() or connection.in_atomic_block:
        return False  # inside a transaction (tests, a request) workers would not see its rows
    if threading.active_count() > 1:
        return False  # a threaded server: forking would copy locks other threads may hold
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


def verify_all(*, workspace_ids: list[int] | None = None, blobs: bool = True, workers: int = 2,
               processes: int | None = None) -> Report:
    """Verify every workspace's log (or the given ones) and, with ``blobs``, every stored file.

    Blobs are hashed in background threads while the log and the rows are checked. A log of at
    least ``PARALLEL_MIN_ENTRIES`` entries is checked by ``processes`` worker processes (default: the
    number of CPUs, at most 2), each over its own range of entries.
    """
    started = time.perf_counter()
    report = Report()
    hashing: Future[list[tuple[str, int, str | None, int, str]]] | None = None
    if processes is None:
        processes = min(2, os.cpu_count() or 1)
    procs = None
    if processes > 1 and _can_fork_workers() and LogEntry.objects.count() >= PARALLEL_MIN_ENTRIES:
        connections.close_all()  # the workers open their own; none may share this process's
        # Forked before any thread starts here, so no lock is copied while held.
        procs = multiprocessing.get_context("fork").Pool(processes)
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
            _check_entries(ws, report, replay, sizes, pool=procs, parts=processes if procs is not None else 1)
            _check_checkpoints(ws, report, replay.roots)
            _check_rows_without_entries(ws, report, replay)
        if hashing is not None:
            _report_blobs(report, hashing.result())
    finally:
        pool.shutdown(wait=True)
        if procs is not None:
            procs.close()
            procs.join()
    report.seconds = round(time.perf_counter() - started, 3)
    return report
