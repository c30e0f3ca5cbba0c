"""Slack workspace exports: a ``.zip`` with ``users.json``, ``channels.json`` (and ``groups.json``,
``dms.json``, ``mpims.json``) and one folder per conversation holding one JSON file per day.

Each message becomes a ``chat_message``; its time is Slack's ``ts`` (seconds since the epoch, UTC).
Mentions (``<@U123>``), channel links and URLs in Slack's markup are turned into readable text with
the names from users.json. Files are not in a standard export (only their links): their names and
links go to ``meta["files"]``. A thread's replies share ``thread_key`` with their parent.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from zoneinfo import ZoneInfo

from .base import Importer, ImportResult, ParsedItem, ProgressCallback, Quarantined
from .safety import ArchiveRejected, MemberRejected, SafeZip, ZipLimits

_DAY_FILE = re.compile(r"^(?P<channel>[^/]+)/(?P<day>\d{4}-\d{2}-\d{2})\.json$")
_CONVERSATION_FILES = ("channels.json", "groups.json", "dms.json", "mpims.json")
MAX_JSON_BYTES = 256 * 1024 * 1024


def _load_json(archive: SafeZip, name: str) -> object:
    info = next((i for i in archive.members if i.filename == name), None)
    if info is None:
        return None
    if info.file_size > MAX_JSON_BYTES:
        raise MemberRejected(f"JSON member too large ({info.file_size} bytes, limit {MAX_JSON_BYTES})")
    return json.loads(archive.read(info).decode("utf-8-sig"))


def _user_names(users: object) -> dict[str, str]:
    names = {}
    for user in users if isinstance(users, list) else []:
        if isinstance(user, dict) and user.get("id"):
            profile = user.get("profile") if isinstance(user.get("profile"), dict) else {}
            names[str(user["id"])] = str(
                profile.get("real_name")
                or profile.get("display_name")
                or user.get("real_name")
                or user.get("name")
                or user["id"]
            )
    return names


def render_text(text: str, users: dict[str, str], channels: dict[str, str]) -> str:
    """Returns Slack markup as plain text.

    <@U1> becomes @Ana, <#C1|general> #general, <url|label> "label (url)"; entities are unescaped.
    """

    def replace(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + (label or users.get(target[1:], target[1:]))
        if target.startswith("#"):
            return "#" + (label or channels.get(target[1:], target[1:]))
        if target.startswith("!"):
            return "@" + (label or target[1:].split("^")[0])
        return f"{label} ({target})" if label and label != target else target

    return html.unescape(re.sub(r"<([^<>]+)>", replace, text))


def _message_text(message: dict[str, object], users: dict[str, str], channels: dict[str, str]) -> str:
    text = render_text(str(message.get("text") or ""), users, channels)
    for attachment in message.get("attachments") or []:  # link unfurls, bot posts
        if isinstance(attachment, dict) and (attachment.get("text") or attachment.get("fallback")):
            extra = render_text(str(attachment.get("text") or attachment.get("fallback")), users, channels)
            text = f"{text}\n\n{extra}" if text else extra
    return text.strip()


class SlackImporter(Importer):
    """Slack workspace export (.zip)."""

    name = "slack"
    version = "1"
    extensions = (".zip",)

    def __init__(self, limits: ZipLimits | None = None) -> None:
        super().__init__()
        self.limits = limits or ZipLimits()

    def sniff(self, head: bytes, filename: str) -> int:
        # The head of a zip shows only its first member; sniff_path reads the member list.
        return 0

    def sniff_path(self, path: Path, head: bytes) -> int:
        if not head.startswith(b"PK\x03\x04"):
            return 0
        import zipfile

        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except Exception:  # noqa: BLE001 - not a readable zip: not ours
            return 0
        days = sum(1 for n in names if _DAY_FILE.match(n))
        if "users.json" in names and ("channels.json" in names or days):
            return 95
        return 50 if days else 0

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
            archive = SafeZip(path, self.limits)
        except ArchiveRejected as exc:
            yield Quarantined("file", str(exc))
            return
        with archive:
            for name, reason in archive.rejected:
                yield Quarantined(f"member {name}", reason)
            try:
                users = _user_names(_load_json(archive, "users.json"))
                conversations = self._conversations(archive, users)
            except (MemberRejected, ValueError, UnicodeDecodeError) as exc:
                yield Quarantined("member users.json", f"unreadable workspace index: {exc}")
                return
            channel_names = {cid: conv["name"] for cid, conv in conversations.items()}
            by_folder = {conv["name"]: (cid, conv) for cid, conv in conversations.items()}
            days = sorted(
                (m for m in archive.members if _DAY_FILE.match(m.filename)), key=lambda i: i.filename
            )
            if not days:
                yield Quarantined(
                    "file", "no per-day conversation files (<channel>/<YYYY-MM-DD>.json) in the archive"
                )
            for info in days:
                folder = _DAY_FILE.match(info.filename)["channel"]  # type: ignore[index]
                channel_id, conversation = by_folder.get(folder, (folder, {"name": folder, "members": []}))
                yield from self._day(archive, info, channel_id, conversation, users, channel_names)
                self._progress(archive.bytes_read)

    @staticmethod
    def _conversations(archive: SafeZip, users: dict[str, str]) -> dict[str, dict[str, object]]:
        conversations: dict[str, dict[str, object]] = {}
        for file_name in _CONVERSATION_FILES:
            for conv in _load_json(archive, file_name) or []:
                if not isinstance(conv, dict) or not conv.get("id"):
                    continue
                members = [users.get(str(m), str(m)) for m in conv.get("members") or []]
                name = str(conv.get("name") or conv["id"])
                conversations[str(conv["id"])] = {"name": name, "members": members, "kind": file_name[:-5]}
        return conversations

    def _day(
        self,
        archive: SafeZip,
        info: object,
        channel_id: str,
        conversation: dict[str, object],
        users: dict[str, str],
        channel_names: dict[str, str],
    ) -> Iterator[ImportResult]:
        where = f"member {info.filename}"  # type: ignore[attr-defined]
        try:
            if info.file_size > MAX_JSON_BYTES:  # type: ignore[attr-defined]
                raise MemberRejected(f"JSON member too large (limit {MAX_JSON_BYTES} bytes)")
            messages = json.loads(archive.read(info).decode("utf-8-sig"))  # type: ignore[arg-type]
        except (MemberRejected, ValueError, UnicodeDecodeError) as exc:
            yield Quarantined(where, f"unreadable day file: {exc}")
            return
        if not isinstance(messages, list):
            yield Quarantined(where, "day file is not a list of messages")
            return
        for number, message in enumerate(messages, start=1):
            locator = f"{where} #{number}"
            if not isinstance(message, dict):
                yield Quarantined(locator, "message is not a JSON object")
                continue
            try:
                yield self._item(message, locator, channel_id, conversation, users, channel_names)
            except (InvalidOperation, ValueError, OverflowError) as exc:
                yield Quarantined(locator, f"bad message: {exc}")

    @staticmethod
    def _item(
        message: dict[str, object],
        locator: str,
        channel_id: str,
        conversation: dict[str, object],
        users: dict[str, str],
        channel_names: dict[str, str],
    ) -> ParsedItem:
        ts = str(message.get("ts") or "")
        if not ts:
            raise ValueError("message has no ts (timestamp)")
        when = datetime.fromtimestamp(float(Decimal(ts)), tz=UTC)
        user_id = str(message.get("user") or message.get("bot_id") or "")
        profile = message.get("user_profile") if isinstance(message.get("user_profile"), dict) else {}
        author = users.get(user_id) or str(profile.get("real_name") or message.get("username") or user_id)
        channel = str(conversation["name"])
        files = [
            {"name": str(f.get("name") or f.get("title") or ""), "url": str(f.get("url_private") or "")}
            for f in message.get("files") or []
            if isinstance(f, dict)
        ]
        meta: dict[str, object] = {"channel": channel, "channel_id": channel_id, "ts": ts}
        subtype = message.get("subtype")
        if subtype:
            meta["subtype"] = str(subtype)
            meta["system"] = subtype in ("channel_join", "channel_leave", "channel_topic", "channel_purpose")
        if files:
            meta["files"] = files
        if message.get("edited"):
            meta["edited"] = True
        members = list(conversation.get("members") or [])  # type: ignore[call-overload]
        return ParsedItem(
            kind="chat_message",
            occurred_at=when,
            original_time_text=ts,
            original_tz="UTC",
            author=author,
            participants=members or ([author] if author else []),
            subject=f"#{channel}",
            body=_message_text(message, users, channel_names),
            external_id=f"slack:{channel_id}:{ts}",
            thread_key=f"slack:{channel_id}:{message.get('thread_ts') or ts}",
            locator=locator,
            meta=meta,
        )
