"""File importers: PDF, DOCX, images, plain text, and anything else as an opaque file.

Each yields one ``file`` item whose only attachment is the source file itself (``path`` set to the
source: nothing is copied), whose ``external_id`` is the file's SHA-256 (so the same file twice is one
item) and whose ``body`` is the text found in it (PDF via pypdfium2, DOCX via python-docx, plain text
decoded). ``occurred_at`` comes from the document's own metadata when it has one (PDF CreationDate,
DOCX core properties ``created``), else None: the upload time is not evidence of anything.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from .base import Importer, ImportResult, ParsedAttachment, ParsedItem, ProgressCallback, Quarantined
from .safety import ArchiveRejected, SafeZip, ZipLimits
from .text import decode_bytes, tidy_text
from .whatsapp import guess_type

MAX_TEXT_CHARS = 5_000_000
MAX_PLAIN_TEXT_BYTES = 20 * 1024 * 1024


def file_sha256(path: Path) -> str:
    """Returns the hex SHA-256 of a file, streamed."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _FileImporter(Importer):
    """Shared flow: one item for the whole file; subclasses fill ``body``/``meta``/``occurred_at``."""

    content_type = "application/octet-stream"

    def iter_items(
        self,
        path: Path,
        *,
        tz: ZoneInfo | None = None,
        tmpdir: Path,
        on_progress: ProgressCallback | None = None,
    ) -> Iterator[ImportResult]:
        self._start(on_progress)
        try:
            size = path.stat().st_size
            digest = file_sha256(path)
        except OSError as exc:
            yield Quarantined("file", f"cannot read the file: {exc.strerror or exc}")
            return
        try:
            body, when, meta = self.read(path)
        except _Refused as exc:
            yield Quarantined("file", str(exc))
            self._progress(size)
            return
        meta.update({"size": size, "format": self.name})
        yield ParsedItem(
            kind="file",
            occurred_at=when,
            original_time_text=str(meta.pop("time_text", "")),
            original_tz=str(meta.pop("tz_text", "")),
            author=str(meta.pop("author", "") or ""),
            subject=str(meta.pop("title", "") or "") or path.name,
            body=body[:MAX_TEXT_CHARS],
            attachments=[ParsedAttachment(path.name, self.content_type_for(path), path=path)],
            external_id="sha256:" + digest,
            locator="file",
            meta=meta,
        )
        self._progress(size)

    def content_type_for(self, path: Path) -> str:
        return self.content_type if self.content_type != "application/octet-stream" else guess_type(path.name)

    def read(self, path: Path) -> tuple[str, datetime | None, dict[str, object]]:
        """Returns (text, time from the file's metadata or None, meta); raises _Refused."""
        return "", None, {}


class _Refused(Exception):
    """The file cannot be read as its format; the message is the exact reason."""


# ---------------------------------------------------------------------------------------------------
# PDF

_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?")


def parse_pdf_date(text: str) -> tuple[datetime | None, str]:
    """Returns (aware datetime or None, offset text) for a PDF date such as D:20240102101503+01'00'."""
    match = _PDF_DATE.search(text or "")
    if not match:
        return None, ""
    year, month, day, hour, minute, second, sign, tz_h, tz_m = match.groups()
    zone: timezone = UTC
    offset_text = ""
    if sign in ("+", "-"):
        delta = timedelta(hours=int(tz_h or 0), minutes=int(tz_m or 0))
        zone = timezone(delta if sign == "+" else -delta)
        offset_text = f"{sign}{int(tz_h or 0):02d}:{int(tz_m or 0):02d}"
    elif sign in ("Z", "z"):
        offset_text = "+00:00"
    try:
        when = datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=zone,
        )
    except ValueError:
        return None, ""
    return when, offset_text


class PdfImporter(_FileImporter):
    """PDF documents: text of every page (pypdfium2); an encrypted or broken PDF is quarantined."""

    name = "pdf"
    version = "1"
    extensions = (".pdf",)
    content_type = "application/pdf"

    def sniff(self, head: bytes, filename: str) -> int:
        if b"%PDF-" in head[:1024]:
            return 95
        return 10 if filename.lower().endswith(".pdf") else 0

    def read(self, path: Path) -> tuple[str, datetime | None, dict[str, object]]:
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise _Refused("encrypted PDF (a password is needed to read it)") from exc
            raise _Refused(f"unreadable PDF: {exc}") from exc
        try:
            pages = []
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                pages.append(textpage.get_text_range())
                textpage.close()
                page.close()
            info = pdf.get_metadata_dict(skip_empty=True)
            page_count = len(pdf)
        except pdfium.PdfiumError as exc:
            raise _Refused(f"unreadable PDF: {exc}") from exc
        finally:
            pdf.close()
        text = tidy_text("\n\n".join(p.replace("\r\n", "\n") for p in pages))
        when, offset = parse_pdf_date(info.get("CreationDate", ""))
        meta: dict[str, object] = {
            "pages": page_count,
            "title": info.get("Title", ""),
            "author": info.get("Author", ""),
        }
        if when is not None:
            meta.update(
                {"date_source": "PDF CreationDate", "time_text": info["CreationDate"], "tz_text": offset}
            )
        if not text:
            meta["no_text"] = True  # scanned or empty: nothing to index
        return text, when, meta


# ---------------------------------------------------------------------------------------------------
# DOCX


class DocxImporter(_FileImporter):
    """Word documents (.docx): paragraphs and table cells (python-docx), core properties."""

    name = "docx"
    version = "1"
    extensions = (".docx",)
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def __init__(self, limits: ZipLimits | None = None) -> None:
        super().__init__()
        self.limits = limits or ZipLimits(max_total_bytes=512 * 1024**2)

    def sniff(self, head: bytes, filename: str) -> int:
        if head.startswith(b"PK\x03\x04") and b"word/" in head:
            return 85
        return 0

    def sniff_path(self, path: Path, head: bytes) -> int:
        if not head.startswith(b"PK\x03\x04"):
            return 0
        try:
            with zipfile.ZipFile(path) as zf:
                return 92 if "word/document.xml" in zf.namelist() else 0
        except Exception:  # noqa: BLE001 - not a readable zip: not ours
            return 0

    def read(self, path: Path) -> tuple[str, datetime | None, dict[str, object]]:
        import docx

        try:  # a .docx is a zip: refuse bombs before python-docx inflates it
            with SafeZip(path, self.limits) as archive:
                if archive.rejected:
                    name, reason = archive.rejected[0]
                    raise _Refused(f"unsafe document archive: {name}: {reason}")
        except ArchiveRejected as exc:
            raise _Refused(f"unreadable DOCX: {exc}") from exc
        try:
            document = docx.Document(str(path))
        except Exception as exc:  # noqa: BLE001 - python-docx raises many types on broken files
            raise _Refused(f"unreadable DOCX: {type(exc).__name__}: {exc}") from exc
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                parts.append("\t".join(cell.text for cell in row.cells))
        props = document.core_properties
        created = props.created
        meta: dict[str, object] = {"title": props.title or "", "author": props.author or ""}
        if created is not None:
            created = created if created.tzinfo else created.replace(tzinfo=UTC)
            meta.update(
                {"date_source": "DOCX created", "time_text": created.isoformat(), "tz_text": "+00:00"}
            )
        return tidy_text("\n".join(parts)), created, meta


# ---------------------------------------------------------------------------------------------------
# Images


def image_size(head: bytes) -> tuple[str, int, int] | None:
    """Returns (format, width, height) from an image's first bytes, or None when not recognised."""
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        width, height = struct.unpack(">II", head[16:24])
        return "png", width, height
    if head[:6] in (b"GIF87a", b"GIF89a"):
        width, height = struct.unpack("<HH", head[6:10])
        return "gif", width, height
    if head.startswith(b"BM") and len(head) >= 26:
        width, height = struct.unpack("<ii", head[18:26])
        return "bmp", width, abs(height)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _webp_size(head)
    if head.startswith(b"\xff\xd8\xff"):
        return _jpeg_size(head)
    return None


def _webp_size(head: bytes) -> tuple[str, int, int] | None:
    chunk = head[12:16]
    if chunk == b"VP8 " and len(head) >= 30:
        width, height = struct.unpack("<HH", head[26:30])
        return "webp", width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(head) >= 25:
        bits = int.from_bytes(head[21:25], "little")
        return "webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(head) >= 30:
        return "webp", int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    return None


def _jpeg_size(head: bytes) -> tuple[str, int, int] | None:
    at = 2
    while at + 9 < len(head):
        if head[at] != 0xFF:
            return None
        marker = head[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        length = struct.unpack(">H", head[at + 2 : at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", head[at + 5 : at + 9])
            return "jpeg", width, height
        at += 2 + length
    return None


class ImageImporter(_FileImporter):
    """Images (PNG, JPEG, GIF, WebP, BMP): a file item with its pixel size when the header gives it."""

    name = "image"
    version = "1"
    extensions = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp")

    def sniff(self, head: bytes, filename: str) -> int:
        return 90 if image_size(head) else 0

    def content_type_for(self, path: Path) -> str:
        with path.open("rb") as fh:
            found = image_size(fh.read(65536))
        return f"image/{found[0]}" if found else guess_type(path.name)

    def read(self, path: Path) -> tuple[str, datetime | None, dict[str, object]]:
        with path.open("rb") as fh:
            found = image_size(fh.read(1024 * 1024))
        if found is None:
            return "", None, {}
        return "", None, {"image_format": found[0], "width": found[1], "height": found[2]}


# ---------------------------------------------------------------------------------------------------
# Plain text and anything else

_TEXT_EXTENSIONS = (".txt", ".md", ".text", ".log", ".csv", ".tsv", ".rtf", ".html", ".htm", ".json", ".xml")


def looks_like_text(head: bytes) -> bool:
    """Returns True when the bytes decode as text with few control characters."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[:8192].decode("utf-16", errors="replace")
    elif not head or b"\x00" in head[:8192]:
        return False
    else:
        text = decode_bytes(head[:8192], "utf-8")[0]
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls <= len(text) * 0.01


class TextImporter(_FileImporter):
    """Plain text files: the text, decoded (UTF-8, UTF-16 with BOM, else a Windows-1252 fallback)."""

    name = "text"
    version = "1"
    extensions = _TEXT_EXTENSIONS
    content_type = "text/plain"

    def sniff(self, head: bytes, filename: str) -> int:
        if not looks_like_text(head):
            return 0
        return 30 if filename.lower().endswith(self.extensions) else 20

    def read(self, path: Path) -> tuple[str, datetime | None, dict[str, object]]:
        with path.open("rb") as fh:
            data = fh.read(MAX_PLAIN_TEXT_BYTES + 1)
        meta: dict[str, object] = {}
        if len(data) > MAX_PLAIN_TEXT_BYTES:
            data = data[:MAX_PLAIN_TEXT_BYTES]
            meta["truncated"] = True
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text, how = data.decode("utf-16", errors="replace"), "utf-16"
        else:
            text, how = decode_bytes(data.removeprefix(b"\xef\xbb\xbf"), "utf-8")
        meta["encoding"] = how
        return text.replace("\r\n", "\n"), None, meta


class OpaqueFileImporter(_FileImporter):
    """Anything no other importer reads: kept as a file (blob), with no text."""

    name = "file"
    version = "1"

    def sniff(self, head: bytes, filename: str) -> int:
        return 1
