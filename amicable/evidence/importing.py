"""Importing source files into a case: ``evidence_import`` and the background task's entry point.

The importer's results are written in chunks (500 items, or fewer when they carry many bytes), each
in one transaction with its log leaves and a signed checkpoint. Killing the process at any moment
loses at most the chunk in flight; running the same import again skips what is already in the case
(by external id) and completes the rest. A chunk the database refuses is retried item by item, and
an item that still fails is quarantined with the reason, so one bad record never stops the rest.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from amicable.accounts.models import User
from amicable.cases.models import Case
from amicable.cases.services import event_add

from . import parsework
from .blobs import blob_row, store_file
from .importers.base import Importer, Quarantined
from .importers.registry import detect, get_importer
from .ingest import Draft, draft_from_parsed, split_duplicates, write_items
from .leaves import source_leaf
from .log import Pending, checkpoint_sign, log_append
from .models import ImportBatch, LogEntry, Visibility
from .prepare import Prepared
from .services import role_of

CHUNK_ITEMS = 500
CHUNK_BYTES = 32 * 1024 * 1024
QUARANTINE_KEPT = 1000
PARALLEL_FROM_BYTES = 16 * 1024 * 1024

ProgressFn = Callable[[ImportBatch], None]


def zone_for(tz: str | ZoneInfo | None) -> ZoneInfo | None:
    """Return the ZoneInfo for a zone name, or raise ValidationError naming the bad zone."""
    if tz is None or isinstance(tz, ZoneInfo):
        return tz
    if not tz.strip():
        return None
    try:
        return ZoneInfo(tz.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError({"tz": f"Unknown time zone “{tz}”: use a name like Europe/Berlin or UTC."}) from None


def _check_path(path: Path) -> None:
    if not path.exists():
        raise ValidationError({"path": f"No such file: {path}"})
    if not path.is_file():
        raise ValidationError({"path": f"Not a file: {path} (import the files inside a folder one by one)"})


def _choose_importer(path: Path, name: str | None) -> Importer:
    if not name:
        return detect(path)
    try:
        return get_importer(name)
    except KeyError:
        raise ValidationError({"importer": f"No importer called “{name}”."}) from None


@transaction.atomic
def import_batch_create(*, actor: User | None, case: Case, source_name: str, size: int, tz: str = "",
                        visibility: str = Visibility.PRIVATE, staged_name: str = "") -> ImportBatch:
    """Create a queued import batch (the web upload queues one per file); return it."""
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": f"Unknown visibility “{visibility}”."})
    zone_for(tz)
    return ImportBatch.objects.create(case=case, started_by=actor, added_by_role=role_of(case, actor),
                                      visibility=visibility, source_name=source_name[:500], bytes_total=size,
                                      tz=tz or "", staged_name=staged_name)


@dataclass
class _Run:
    batch: ImportBatch
    case: Case
    importer: Importer
    common: dict[str, Any]
    on_progress: ProgressFn | None
    seen: set[str] = field(default_factory=set)
    quarantined: list[dict[str, str]] = field(default_factory=list)
    source: Future[tuple[str, int, str]] | None = None
    source_logged: bool = False


def _store_source(path: Path) -> tuple[str, int, str]:
    return store_file(path, filename=path.name)


def _log_source(run: _Run) -> None:
    """Log the source file's hash (inside a chunk's transaction) once it has been stored."""
    if run.source_logged or run.source is None or not run.source.done():
        return
    blob = blob_row(*run.source.result())
    sha = blob.sha256
    batch = run.batch
    leaf = source_leaf(case=run.case.pk, batch=batch.pk, name=batch.source_name, sha256=sha, size=blob.size,
                       importer=run.importer.name, version=run.importer.version, at=timezone.now())
    log_append(workspace_id=run.case.workspace_id,
               entries=[Pending(LogEntry.Type.SOURCE, leaf, case_id=run.case.pk)])
    ImportBatch.objects.filter(pk=batch.pk).update(source_blob=blob)
    run.source_logged = True


def _write_chunk(run: _Run, drafts: list[Draft], quarantined: list[Quarantined], bytes_done: int) -> None:
    with transaction.atomic():
        fresh, dupes = split_duplicates(run.case.pk, drafts, run.seen)
        write_items(workspace_id=run.case.workspace_id, case_id=run.case.pk, drafts=fresh)
        _log_source(run)
        checkpoint_sign(workspace_id=run.case.workspace_id)
        run.quarantined += [{"locator": q.locator, "reason": q.reason} for q in quarantined]
        ImportBatch.objects.filter(pk=run.batch.pk).update(
            bytes_done=bytes_done, items_seen=F("items_seen") + len(drafts), imported=F("imported") + len(fresh),
            duplicates=F("duplicates") + dupes, quarantined_count=F("quarantined_count") + len(quarantined),
            quarantined=run.quarantined[:QUARANTINE_KEPT],
        )


def _flush(run: _Run, items: list[Prepared], quarantined: list[Quarantined], bytes_done: int) -> None:
    drafts = [draft_from_parsed(item, common=run.common) for item in items]
    before = (set(run.seen), list(run.quarantined), run.source_logged)
    try:
        _write_chunk(run, drafts, quarantined, bytes_done)
    except (DatabaseError, ValueError) as exc:
        # Find the bad record(s): write one at a time, quarantine what the database refuses.
        run.seen, run.quarantined, run.source_logged = before
        _write_chunk(run, [], quarantined, bytes_done)
        for item, draft in zip(items, drafts, strict=True):
            try:
                _write_chunk(run, [draft], [], bytes_done)
            except (DatabaseError, ValueError) as one:
                reason = f"could not be stored: {type(one).__name__}: {one}"[:500]
                _write_chunk(run, [], [Quarantined(item.locator or "item", reason)], bytes_done)
        del exc
    run.batch.refresh_from_db()
    if run.on_progress is not None:
        run.on_progress(run.batch)


def _chunk_bytes(item: Prepared) -> int:
    return len(item.values["body"]) + sum(a.size for a in item.attachments if a.data is not None)


def _consume(run: _Run, results: Any) -> None:
    items: list[Prepared] = []
    quarantined: list[Quarantined] = []
    held = 0
    done = 0
    for result, done in results:
        if isinstance(result, Quarantined):
            quarantined.append(result)
            continue
        items.append(result)
        held += _chunk_bytes(result)
        if len(items) >= CHUNK_ITEMS or held >= CHUNK_BYTES:
            _flush(run, items, quarantined, done)
            items, quarantined, held = [], [], 0
    _flush(run, items, quarantined, done)


def _results(importer: Importer, path: Path, zone: ZoneInfo | None, tmp: Path, parallel: bool | None) -> Any:
    use_child = parallel if parallel is not None else path.stat().st_size >= PARALLEL_FROM_BYTES
    if use_child and (os.cpu_count() or 1) > 1:
        return parsework.iter_in_process(importer, path, tz=zone, tmpdir=tmp)
    return parsework.iter_here(importer, path, tz=zone, tmpdir=tmp)


def _mark_interrupted(case: Case, keep: ImportBatch) -> None:
    """Batches of the same source left "running" by a killed process are marked interrupted."""
    (ImportBatch.objects.filter(case=case, source_name=keep.source_name, status=ImportBatch.Status.RUNNING)
     .exclude(pk=keep.pk).update(status=ImportBatch.Status.INTERRUPTED))


def evidence_import(*, actor: User | None, case: Case, path: str | Path, tz: str | ZoneInfo | None = None,
                    importer: str | None = None, visibility: str = Visibility.PRIVATE,
                    batch: ImportBatch | None = None, source_name: str | None = None,
                    on_progress: ProgressFn | None = None, parallel: bool | None = None) -> ImportBatch:
    """Import one source file into ``case``; return its finished ImportBatch (with the summary).

    ``tz`` is the zone naive times in the source are in (chat exports). Raises ValidationError for a
    missing file, an unknown zone or importer; a malformed piece of the source is quarantined instead.
    """
    path = Path(path)
    _check_path(path)
    zone = zone_for(tz)
    imp = _choose_importer(path, importer)
    if batch is None:
        batch = import_batch_create(actor=actor, case=case, source_name=source_name or path.name,
                                    size=path.stat().st_size, tz=zone.key if zone else "", visibility=visibility)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.RUNNING, started_at=timezone.now(), importer=imp.name,
        importer_version=imp.version, bytes_total=path.stat().st_size)
    batch.refresh_from_db()
    _mark_interrupted(case, batch)
    common = {"source_name": batch.source_name[:500], "importer": imp.name[:50], "importer_version": imp.version[:20],
              "batch_id": batch.pk, "visibility": batch.visibility, "added_by_id": actor.pk if actor else None,
              "added_by_role": batch.added_by_role}
    run = _Run(batch, case, imp, common, on_progress)
    try:
        with ThreadPoolExecutor(max_workers=1) as pool, tempfile.TemporaryDirectory(prefix="amicable-import-") as tmp:
            run.source = pool.submit(_store_source, path)
            _consume(run, _results(imp, path, zone, Path(tmp), parallel))
            run.source.result()
            if not run.source_logged:
                with transaction.atomic():
                    _log_source(run)
                    checkpoint_sign(workspace_id=case.workspace_id)
    except Exception as exc:
        _finish(run, actor, error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    return _finish(run, actor)


@transaction.atomic
def _finish(run: _Run, actor: User | None, error: str = "") -> ImportBatch:
    status = ImportBatch.Status.FAILED if error else ImportBatch.Status.DONE
    ImportBatch.objects.filter(pk=run.batch.pk).update(status=status, error=error, finished_at=timezone.now())
    batch = ImportBatch.objects.get(pk=run.batch.pk)
    if status == ImportBatch.Status.DONE:
        batch.bytes_done = batch.bytes_total
        batch.save(update_fields=["bytes_done"])
    summary = (f"Imported {batch.imported} item(s) from {batch.source_name}: {batch.duplicates} duplicate(s) skipped, "
               f"{batch.quarantined_count} quarantined") if not error else f"Import of {batch.source_name} failed"
    event_add(case=run.case, actor=actor, kind="evidence.imported" if not error else "evidence.import_failed",
              summary=summary, batch=batch.pk, imported=batch.imported, duplicates=batch.duplicates,
              quarantined=batch.quarantined_count)
    return batch
