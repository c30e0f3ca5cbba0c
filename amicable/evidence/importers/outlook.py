"""Outlook ``.msg`` messages (OLE compound files), read with extract-msg.

The transport headers, when the .msg kept them, give Message-ID, References and the Date's own
offset (so a .msg deduplicates against the same message from an mbox); otherwise extract-msg's
properties are used. An embedded message (a forwarded Outlook item) has no bytes of its own inside
the .msg, so it is not an attachment: its headers and text are appended to the body under a
"Forwarded message" divider and its own attachments are kept. The .msg file itself is the source blob.
"""

from __future__ import annotations

import contextlib
import email.utils
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .base import (
    Importer,
    ImportResult,
    ParsedAttachment,
    ParsedItem,
    ProgressCallback,
    Quarantined,
    content_id,
)
from .mail import _clean_id, decode_header, subject_key
from .text import decode_bytes, html_to_text
from .whatsapp import guess_type

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SUBSTG = "__substg1.0_".encode("utf-16-le")
MAX_NESTING = 5


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return decode_bytes(value, "utf-8")[0]
    return str(value)


def _offset_text(when: datetime) -> str:
    offset = when.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _parse_date(text: str) -> datetime | None:
    """Returns the transport header's Date (keeping its offset), or None."""
    if not text:
        return None
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _recipients(value: str) -> list[str]:
    return [
        part.strip() for part in re.split(r"[;,]\s*(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", value) if part.strip()
    ]


def _body(msg: object) -> str:
    body = _text(getattr(msg, "body", None)).replace("\r\n", "\n").strip()
    if body:
        return body
    html = getattr(msg, "htmlBody", None)
    return html_to_text(_text(html)) if html else ""


def _collect(msg: object, attachments: list[ParsedAttachment], forwarded: list[str], depth: int) -> None:
    for index, att in enumerate(getattr(msg, "attachments", None) or [], start=1):
        data = getattr(att, "data", None)
        name = _text(getattr(att, "longFilename", None) or getattr(att, "shortFilename", None))
        name = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or f"attachment-{index}"
        if isinstance(data, bytes):
            attachments.append(
                ParsedAttachment(name, _text(getattr(att, "mimetype", None)) or guess_type(name), data)
            )
        elif data is not None and hasattr(data, "subject") and depth < MAX_NESTING:
            header = "\n".join(
                f"{label}: {_text(getattr(data, attr, ''))}"
                for label, attr in (
                    ("From", "sender"),
                    ("Date", "date"),
                    ("Subject", "subject"),
                    ("To", "to"),
                )
                if getattr(data, attr, None)
            )
            forwarded.append(f"---------- Forwarded message ----------\n{header}\n\n{_body(data)}")
            _collect(data, attachments, forwarded, depth + 1)


def parse_msg(path: Path) -> ParsedItem:
    """Returns the ParsedItem of one Outlook .msg file (raises on a file extract-msg cannot read)."""
    import extract_msg  # imported here: it is slow to import and only .msg files need it

    logging.getLogger("extract_msg").setLevel(logging.ERROR)
    msg = extract_msg.openMsg(str(path), strict=False)
    try:
        headers = getattr(msg, "header", None)
        message_id = _clean_id(_text(getattr(msg, "messageId", None)))
        subject = decode_header(_text(getattr(msg, "subject", None)))
        date_text = decode_header(str(headers.get("Date") or "")) if headers is not None else ""
        when = _parse_date(date_text) or getattr(msg, "date", None)
        if isinstance(when, datetime) and when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        when = when if isinstance(when, datetime) else None
        sender = decode_header(_text(getattr(msg, "sender", None)))
        to = _recipients(decode_header(_text(getattr(msg, "to", None))))
        cc = _recipients(decode_header(_text(getattr(msg, "cc", None))))
        references = (
            re.findall(r"<([^<>\s]+)>", str(headers.get("References") or "")) if headers is not None else []
        )
        in_reply_to = _clean_id(_text(getattr(msg, "inReplyTo", None)))
        attachments: list[ParsedAttachment] = []
        forwarded: list[str] = []
        _collect(msg, attachments, forwarded, 0)
        body = "\n\n".join([b for b in [_body(msg), *forwarded] if b])
    finally:
        msg.close()
    participants = list(dict.fromkeys(p for p in [sender, *to, *cc] if p))
    return ParsedItem(
        kind="email",
        occurred_at=when,
        original_time_text=date_text or (when.isoformat() if when else ""),
        original_tz=_offset_text(when) if when else "",
        author=sender,
        participants=participants,
        subject=subject,
        body=body,
        attachments=attachments,
        external_id=message_id or content_id(path.read_bytes()),
        thread_key=(references[0] if references else in_reply_to)
        or message_id
        or "subject:" + subject_key(subject),
        locator="message 1",
        meta={
            "message_id": message_id,
            "to": to,
            "cc": cc,
            "in_reply_to": in_reply_to,
            "format": "outlook-msg",
        },
    )


class MsgImporter(Importer):
    """An Outlook message saved as .msg."""

    name = "outlook-msg"
    version = "1"
    extensions = (".msg",)

    def sniff(self, head: bytes, filename: str) -> int:
        if not head.startswith(OLE_MAGIC):
            return 0
        if _SUBSTG in head or filename.lower().endswith(".msg"):
            return 90
        return 30

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
            yield parse_msg(path)
        except Exception as exc:  # noqa: BLE001 - extract-msg raises many types on hostile input
            yield Quarantined("message 1", f"unreadable Outlook message: {type(exc).__name__}: {exc}")
        with contextlib.suppress(OSError):
            self._progress(path.stat().st_size)
