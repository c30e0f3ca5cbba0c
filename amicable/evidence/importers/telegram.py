"""Telegram Desktop JSON exports: ``result.json`` (one chat, or "all chats" with ``chats.list``),
alone or zipped with its ``photos/``, ``files/``... folders.

Text may be a string or a list of strings and entity objects (``{"type": "bold", "text": "..."}``):
it is flattened to plain text (links keep their address). ``date_unixtime`` (UTC) gives the time when
present; older exports have only ``date``, the exporting computer's local time without a zone, read in
the user's ``tz`` (UTC assumed and said so otherwise). Service messages (joins, pins, calls) are items
with ``meta["system"]``. Media named by a message (``photo``, ``file``, ``thumbnail`` is ignored) are
attached when the export's folder (or zip) holds them; a path that leaves the export is refused.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from .base import (
    INLINE_LIMIT,
    Importer,
    ImportResult,
    ParsedAttachment,
    ParsedItem,
    ProgressCallback,
    Quarantined,
)
from .safety import ArchiveRejected, MemberRejected, SafeZip, ZipLimits
from .whatsapp import guess_type

MAX_JSON_BYTES = 512 * 1024 * 1024


def flatten_text(text: object) -> str:
    """Returns Telegram's text (a string, or a list of strings and entity objects) as plain text."""
    if isinstance(text, str):
        return text
    if not isinstance(text, list):
        return ""
    out = []
    for part in text:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, dict):
            value = str(part.get("text") or "")
            href = part.get("href")
            out.append(f"{value} ({href})" if href and href != value else value)
    return "".join(out)


def _chats(data: object) -> list[dict[str, object]]:
    if not isinstance(data, dict):
        raise ValueError("result.json is not a JSON object")
    if isinstance(data.get("messages"), list):
        return [data]
    chats = []
    for key in ("chats", "left_chats"):
        block = data.get(key)
        if isinstance(block, dict) and isinstance(block.get("list"), list):
            chats.extend(c for c in block["list"] if isinstance(c, dict))
    if not chats:
        raise ValueError("no chat with messages in result.json")
    return chats


class _Media:
    """Finds a message's media in the export folder or zip, never outside it."""

    def __init__(self, root: Path | None, archive: SafeZip | None, prefix: str, tmpdir: Path) -> None:
        self.root, self.archive, self.prefix, self.tmpdir = root, archive, prefix, tmpdir
        self.members = {i.filename: i for i in archive.members} if archive else {}

    def load(self, relative: str) -> ParsedAttachment | str:
        """Returns the attachment, or why it could not be attached."""
        rel = PurePosixPath(relative.replace("\\", "/"))
        if rel.is_absolute() or ".." in rel.parts:
            return f"media path leaves the export: {relative!r}"
        name = rel.name
        if self.archive is not None:
            info = self.members.get(self.prefix + str(rel))
            if info is None:
                return f"media file not in the export: {relative}"
            try:
                if info.file_size <= INLINE_LIMIT:
                    return ParsedAttachment(name, guess_type(name), data=self.archive.read(info))
                return ParsedAttachment(name, guess_type(name), path=self.archive.extract(info, self.tmpdir))
            except MemberRejected as exc:
                return str(exc)
        assert self.root is not None
        target = (self.root / rel).resolve()
        if not target.is_relative_to(self.root.resolve()) or target.is_symlink():
            return f"media path leaves the export: {relative!r}"
        if not target.is_file():
            return f"media file not in the export: {relative}"
        return ParsedAttachment(name, guess_type(name), path=target)


class TelegramImporter(Importer):
    """Telegram Desktop JSON export (result.json, or a zip of the export folder)."""

    name = "telegram"
    version = "1"
    extensions = (".json", ".zip")

    def __init__(self, limits: ZipLimits | None = None) -> None:
        super().__init__()
        self.limits = limits or ZipLimits()

    def sniff(self, head: bytes, filename: str) -> int:
        text = head[:4096].lstrip(b"\xef\xbb\xbf \r\n\t")
        if not text.startswith(b"{"):
            return 0
        markers = sum(
            m in head for m in (b'"messages"', b'"date_unixtime"', b'"from_id"', b'"personal_information"')
        )
        markers += b'"chats"' in head and b'"list"' in head
        if markers == 0:
            return 0
        return min(95, 55 + 15 * markers + (5 if filename == "result.json" else 0))

    def sniff_path(self, path: Path, head: bytes) -> int:
        if not head.startswith(b"PK\x03\x04"):
            return self.sniff(head, path.name)
        try:
            with zipfile.ZipFile(path) as zf:
                names = [n for n in zf.namelist() if n.rsplit("/", 1)[-1] == "result.json"]
                if not names:
                    return 0
                with zf.open(names[0]) as fh:
                    return self.sniff(fh.read(8192), "result.json")
        except Exception:  # noqa: BLE001 - not a readable zip: not ours
            return 0

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
            with path.open("rb") as fh:
                is_zip = fh.read(4) == b"PK\x03\x04"
        except OSError as exc:
            yield Quarantined("file", f"cannot read the file: {exc.strerror or exc}")
            return
        if not is_zip:
            if path.stat().st_size > MAX_JSON_BYTES:
                yield Quarantined("file", f"result.json too large (limit {MAX_JSON_BYTES} bytes)")
                return
            yield from self._export(path.read_bytes(), _Media(path.parent, None, "", tmpdir), "", tz)
            self._progress(path.stat().st_size)
            return
        try:
            archive = SafeZip(path, self.limits)
        except ArchiveRejected as exc:
            yield Quarantined("file", str(exc))
            return
        with archive:
            for name, reason in archive.rejected:
                yield Quarantined(f"member {name}", reason)
            info = next((i for i in archive.members if i.filename.rsplit("/", 1)[-1] == "result.json"), None)
            if info is None or info.file_size > MAX_JSON_BYTES:
                yield Quarantined("file", "no result.json (of a usable size) in the archive")
                return
            prefix = info.filename[: -len("result.json")]
            try:
                data = archive.read(info)
            except MemberRejected as exc:
                yield Quarantined(f"member {info.filename}", str(exc))
                return
            yield from self._export(
                data, _Media(None, archive, prefix, tmpdir), f"member {info.filename} ", tz
            )
            self._progress(path.stat().st_size)

    def _export(self, raw: bytes, media: _Media, where: str, tz: ZoneInfo | None) -> Iterator[ImportResult]:
        try:
            chats = _chats(json.loads(raw.decode("utf-8-sig")))
        except (ValueError, UnicodeDecodeError) as exc:
            yield Quarantined(f"{where}file", f"not a Telegram export: {exc}")
            return
        for chat_index, chat in enumerate(chats, start=1):
            chat_name = str(chat.get("name") or f"chat {chat.get('id', chat_index)}")
            messages = chat.get("messages") if isinstance(chat.get("messages"), list) else []
            authors = list(
                dict.fromkeys(str(m["from"]) for m in messages if isinstance(m, dict) and m.get("from"))
            )
            for number, message in enumerate(messages, start=1):  # type: ignore[arg-type]
                locator = f"{where}chat {chat_index} message #{number}"
                if not isinstance(message, dict):
                    yield Quarantined(locator, "message is not a JSON object")
                    continue
                try:
                    yield from self._message(message, chat, chat_name, authors, locator, media, tz)
                except (ValueError, TypeError, OverflowError) as exc:
                    yield Quarantined(locator, f"bad message: {exc}")

    @staticmethod
    def _time(message: dict[str, object], tz: ZoneInfo | None) -> tuple[datetime, str, bool]:
        """Returns (aware time, the source's text, zone assumed?)."""
        text = str(message.get("date") or "")
        if message.get("date_unixtime"):
            return datetime.fromtimestamp(int(str(message["date_unixtime"])), tz=UTC), text, False
        if not text:
            raise ValueError("message has no date")
        naive = datetime.fromisoformat(text)
        if naive.tzinfo is not None:
            return naive, text, False
        return naive.replace(tzinfo=tz or UTC), text, tz is None

    def _message(
        self,
        message: dict[str, object],
        chat: dict[str, object],
        chat_name: str,
        authors: list[str],
        locator: str,
        media: _Media,
        tz: ZoneInfo | None,
    ) -> Iterator[ImportResult]:
        when, time_text, assumed = self._time(message, tz)
        system = message.get("type") == "service"
        author = str(message.get("from") or message.get("actor") or "")
        body = flatten_text(message.get("text"))
        meta: dict[str, object] = {
            "chat": chat_name,
            "chat_type": str(chat.get("type") or ""),
            "id": message.get("id"),
        }
        if system:
            meta["system"] = True
            meta["action"] = str(message.get("action") or "")
            body = body or " ".join(str(x) for x in (author, message.get("action") or "") if x)
        if assumed:
            meta["tz_assumed"] = "UTC"
        if message.get("reply_to_message_id"):
            meta["reply_to"] = message["reply_to_message_id"]
        if message.get("edited"):
            meta["edited"] = str(message["edited"])
        attachments = []
        for key in ("photo", "file", "video_file", "voice_message"):
            relative = message.get(key)
            if not isinstance(relative, str) or not relative or relative.startswith("(File not included"):
                if isinstance(relative, str) and relative.startswith("(File not included"):
                    meta["media_omitted"] = True
                continue
            loaded = media.load(relative)
            if isinstance(loaded, str):
                yield Quarantined(f"{locator} {key}", loaded)
            else:
                attachments.append(loaded)
        chat_id = str(chat.get("id") or chat_name)
        yield ParsedItem(
            kind="chat_message",
            occurred_at=when,
            original_time_text=time_text,
            original_tz=tz.key if tz is not None else "",
            author=author,
            participants=authors,
            subject=chat_name,
            body=body,
            attachments=attachments,
            external_id=f"telegram:{chat_id}:{message.get('id')}",
            thread_key=f"telegram:{chat_id}",
            locator=locator,
            meta=meta,
        )
