"""Content-addressed file storage for evidence, on Django's default storage.

A blob's name is derived from its SHA-256, so the same content is stored once. A committed blob is
never overwritten. A file left half-written by a killed process (its Blob row never committed) is
re-hashed when the same content comes again, and replaced only when it does not match.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from amicable.lib.hashing import sha256_file, sha256_stream
from amicable.lib.sniff import OCTET, sniff_content_type

from .models import Blob, blob_storage_name

SNIFF = 4096


def local_path(name: str) -> str | None:
    """Return the file system path of a storage name when the storage has one (else None)."""
    try:
        return str(default_storage.path(name))
    except NotImplementedError:
        return None


def _stored_matches(name: str, sha256: str) -> bool:
    if not default_storage.exists(name):
        return False
    path = local_path(name)
    if path is not None:
        return sha256_file(path)[0] == sha256
    with default_storage.open(name, "rb") as fh:
        return sha256_stream(fh)[0] == sha256


def _write(name: str, source: IO[bytes] | Path) -> None:
    """Write content under ``name``, replacing only an uncommitted, mismatching leftover."""
    if default_storage.exists(name):
        default_storage.delete(name)
    path = local_path(name)
    if path is not None:
        # Write beside the target and rename: a crash never leaves a half file under the real name.
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".part-")
        try:
            if isinstance(source, Path):
                os.close(fd)
                shutil.copyfile(source, tmp)  # a kernel-side copy (sendfile / copy_file_range)
            else:
                with os.fdopen(fd, "wb") as out:
                    shutil.copyfileobj(source, out, 1 << 20)
            os.chmod(tmp, 0o600)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return
    if isinstance(source, Path):
        with source.open("rb") as src:
            saved = default_storage.save(name, File(src))
    else:
        saved = default_storage.save(name, File(source))
    if saved != name:  # the storage renamed it: someone else wrote the same name meanwhile
        default_storage.delete(saved)


def _ensure_stored(sha256: str, existing: set[str], source: IO[bytes] | Path) -> None:
    if sha256 in existing:
        return
    name = blob_storage_name(sha256)
    if not _stored_matches(name, sha256):
        _write(name, source)


def blob_from_bytes(data: bytes, *, filename: str = "", declared: str = "") -> Blob:
    """Store ``data`` (if new) and return its Blob row (saved)."""
    return blobs_from_bytes([(data, filename, declared)])[0]


def blobs_from_bytes(items: Iterable[tuple[bytes, str, str]]) -> list[Blob]:
    """Store many in-memory contents (data, filename, declared type); return their Blob rows, in order.

    Content already stored is not written again; new rows are inserted in one statement.
    """
    prepared = []
    for data, filename, declared in items:
        sha = hashlib.sha256(data).hexdigest()
        prepared.append((sha, data, sniff_content_type(data[:SNIFF], filename, declared)))
    known = set(Blob.objects.filter(sha256__in={p[0] for p in prepared}).values_list("sha256", flat=True))
    rows: dict[str, Blob] = {}
    for sha, data, ctype in prepared:
        if sha not in rows:
            _ensure_stored(sha, known, io.BytesIO(data))
            rows[sha] = Blob(sha256=sha, size=len(data), content_type=ctype, created_at=timezone.now())
    Blob.objects.bulk_create([b for s, b in rows.items() if s not in known], ignore_conflicts=True)
    return [rows[p[0]] for p in prepared]


def store_file(path: Path, *, filename: str = "", declared: str = "") -> tuple[str, int, str]:
    """Hash and store the file at ``path`` without touching the database (safe in a thread).

    Returns (sha256, size, sniffed content type); pass them to ``blob_row`` to record the blob.
    """
    sha256, size = sha256_file(str(path))
    with path.open("rb") as fh:
        head = fh.read(SNIFF)
    ctype = sniff_content_type(head, filename or path.name, declared) if size else OCTET
    name = blob_storage_name(sha256)
    if not _stored_matches(name, sha256):
        _write(name, path)
    return sha256, size, ctype


def blob_row(sha256: str, size: int, content_type: str) -> Blob:
    """Return the Blob row for stored content, inserting it when new."""
    blob = Blob(sha256=sha256, size=size, content_type=content_type)
    Blob.objects.bulk_create([blob], ignore_conflicts=True)
    return Blob.objects.get(pk=sha256)


def blob_from_path(path: Path, *, filename: str = "", declared: str = "") -> Blob:
    """Store the file at ``path`` (if new) and return its Blob row (saved)."""
    sha256, size = sha256_file(str(path))
    existing = Blob.objects.filter(pk=sha256).first()
    if existing is not None:
        return existing
    return blob_row(*store_file(path, filename=filename, declared=declared))
