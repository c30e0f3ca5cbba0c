"""Background imports: an uploaded file too big to import during the request is staged in the default
storage and imported by the task worker (django-tasks), which updates the batch's progress as it goes."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from django.core.files.storage import default_storage
from django_tasks import task

from .blobs import local_path
from .importing import evidence_import
from .models import ImportBatch


def _local_copy(name: str, folder: str, original: str) -> Path:
    """Return a local path to the staged file under its original name (importers read meaning from
    names such as "WhatsApp Chat with Carol.txt", which the storage may have rewritten)."""
    target = Path(folder) / (Path(original).name or "upload")
    path = local_path(name)
    if path is not None:
        os.symlink(path, target)
        return target
    with default_storage.open(name, "rb") as src, target.open("wb") as out:
        shutil.copyfileobj(src, out, 1 << 20)
    return target


def import_staged_run(batch_id: int) -> None:
    """Import a queued batch's staged upload, then remove the staged copy (the vault keeps the source)."""
    batch = ImportBatch.objects.select_related("case", "started_by").filter(pk=batch_id).first()
    if batch is None or batch.status != ImportBatch.Status.QUEUED or not batch.staged_name:
        return
    with tempfile.TemporaryDirectory(prefix="amicable-staged-") as folder:
        path = _local_copy(batch.staged_name, folder, batch.source_name)
        evidence_import(actor=batch.started_by, case=batch.case, path=path, tz=batch.tz or None, batch=batch,
                        source_name=batch.source_name)
    default_storage.delete(batch.staged_name)
    ImportBatch.objects.filter(pk=batch.pk).update(staged_name="")


@task()
def import_staged(batch_id: int) -> None:
    """The task wrapper of ``import_staged_run``."""
    import_staged_run(batch_id)
