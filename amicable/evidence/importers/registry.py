"""The importer registry: every importer, and ``detect`` which picks one for a file from its content."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from .base import Importer, ImportResult, ProgressCallback, Quarantined, read_head

# Dotted paths "module:Class", in order of preference when two importers are equally sure.
IMPORTERS = (
    "amicable.evidence.importers.mail:EmlImporter",
    "amicable.evidence.importers.mail:MboxImporter",
    "amicable.evidence.importers.outlook:MsgImporter",
    "amicable.evidence.importers.whatsapp:WhatsAppImporter",
    "amicable.evidence.importers.slack:SlackImporter",
    "amicable.evidence.importers.telegram:TelegramImporter",
    "amicable.evidence.importers.timelog:TimeLogImporter",
    "amicable.evidence.importers.documents:PdfImporter",
    "amicable.evidence.importers.documents:DocxImporter",
    "amicable.evidence.importers.documents:ImageImporter",
    "amicable.evidence.importers.documents:TextImporter",
    "amicable.evidence.importers.documents:OpaqueFileImporter",
)


def _load(dotted: str) -> type[Importer]:
    module_name, _, class_name = dotted.partition(":")
    cls: type[Importer] = getattr(importlib.import_module(module_name), class_name)
    return cls


def all_importers() -> list[Importer]:
    """Returns a fresh instance of every registered importer, in preference order."""
    return [_load(dotted)() for dotted in IMPORTERS]


def get_importer(name: str) -> Importer:
    """Returns a fresh instance of the importer called ``name``; raises KeyError for an unknown name."""
    for importer in all_importers():
        if importer.name == name:
            return importer
    raise KeyError(f"no importer named {name!r}")


def detect(path: Path) -> Importer:
    """Returns a fresh instance of the importer most confident it reads ``path``.

    Judged from content first (the file's first bytes; a zip's member names), the name second. Never
    fails: the opaque-file importer (confidence 1) takes anything nobody else claims.
    """
    head = read_head(path)
    best: Importer | None = None
    best_score = -1
    for importer in all_importers():
        try:
            score = importer.sniff_path(path, head)
        except Exception:  # noqa: BLE001 - a sniffer must never stop detection
            score = 0
        if score > best_score:
            best, best_score = importer, score
    assert best is not None
    return best


def run_importer(
    importer: Importer,
    path: Path,
    *,
    tz: ZoneInfo | None = None,
    tmpdir: Path,
    on_progress: ProgressCallback | None = None,
) -> Iterator[ImportResult]:
    """Yields what ``importer.iter_items`` yields; a bug that escapes an importer ends the file with one
    ``Quarantined("file", "importer <name> failed: ...")`` instead of an exception (what the vault calls).
    """
    try:
        yield from importer.iter_items(path, tz=tz, tmpdir=tmpdir, on_progress=on_progress)
    except Exception as exc:  # noqa: BLE001 - the safety net: the rest of a batch must go on
        yield Quarantined(
            "file",
            f"importer {importer.name} failed after {importer.bytes_done} bytes: {type(exc).__name__}: {exc}",
        )
