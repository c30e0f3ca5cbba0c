"""WhatsApp chat exports: the ``.txt`` file, or the ``.zip`` with the chat and its media.

Both phone families are read:

- Android: ``31/12/2023, 21:05 - Ana: text`` (also ``-`` en dash, ``12/31/23, 9:05 PM - ``, dots in
  dates, a line with no ``Name:`` is a system message);
- iOS: ``[31/12/2023, 21:05:09] Ana: text`` (seconds, often U+200E marks and U+202F before AM/PM).

The order of the date fields (day-first, month-first, year-first; two- or four-digit years) is decided
once per file from all of its dates: every order is tried, and the one that makes the most dates
valid, then puts the most consecutive messages in time order, wins (ties: day-first, or month-first
for a 12-hour clock, then year-first; ``meta["date_order_ambiguous"]`` says a tie was broken).
Times are 12-hour (AM/PM in several languages) or 24-hour. A line that
does not start with a header continues the message before it. The times in an export are the phone's
local time with no zone: the user gives the zone (``tz``); without it UTC is assumed and said so in
``meta["tz_assumed"]``.

Media: "<Media omitted>" and its locale variants, and iOS "image omitted" and the like, set
``meta["media_omitted"]``. In a zip, a message that names a media file of the archive gets it as an
attachment; media nobody names become ``file`` items of their own.
"""

from __future__ import annotations

import mimetypes
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from .base import (
    INLINE_LIMIT,
    Importer,
    ImportResult,
    ParsedAttachment,
    ParsedItem,
    ProgressCallback,
    Quarantined,
    content_id,
)
from .safety import ArchiveRejected, MemberRejected, SafeZip, ZipLimits
from .text import decode_bytes

MAX_CHAT_BYTES = 512 * 1024 * 1024

_MARKS = "\u200e\u200f\ufeff\u202a\u202b\u202c"
_AMPM = (
    r"AM|PM|am|pm|a\.\s?m\.|p\.\s?m\.|A\.\s?M\.|P\.\s?M\.|vorm\.|nachm\.|fm|em|FM|EM"
    r"|πμ|μμ|π\.μ\.|μ\.μ\.|ص|م|上午|下午|午前|午後|오전|오후|SA|CH|sa|ch"
)
_DATE = r"(?P<date>\d{1,4}[./-]\s?\d{1,2}[./-]\s?\d{1,4})\.?"
_TIME = rf"(?P<time>\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?)(?:[\s\u202f\u00a0]*(?P<ampm>{_AMPM}))?"
_BRACKET = re.compile(rf"^[{_MARKS}]*\[{_DATE},?\s{_TIME}\][{_MARKS}]*\s(?P<rest>.*)$", re.S)
_DASH = re.compile(rf"^[{_MARKS}]*{_DATE},?\s{_TIME}\s[-–]\s(?P<rest>.*)$", re.S)
_PM = re.compile(r"^(pm|p\.\s?m\.|nachm\.|em|μμ|μ\.μ\.|م|下午|午後|오후|ch)$", re.I)

_MEDIA_OMITTED = re.compile(
    r"^[\u200e\s]*(<(media omitted|medien ausgelassen|multimedia omitido|archivo omitido|média omis|"
    r"médias omis|media weggelaten|mídia oculta|arquivo de mídia oculto|media omessi|media omesso|"
    r"media pominięte|медиафайлы отсутствуют|без медиафайлов|medya dahil edilmedi|media dihilangkan)>|"
    r"(image|video|audio|sticker|gif|document|contact card|bild|imagen|vídeo|foto|immagine|"
    r"afbeelding|imagem) (omitted|weggelassen|omitida|omitido|omise|omessa|weggelaten|omitted))\s*$",
    re.I,
)
_DELETED = re.compile(
    r"^[\u200e\s]*(this message was deleted|you deleted this message|diese nachricht wurde gelöscht|"
    r"du hast diese nachricht gelöscht|se eliminó este mensaje|eliminaste este mensaje|"
    r"ce message a été supprimé|vous avez supprimé ce message|questo messaggio è stato eliminato)\.?\s*$",
    re.I,
)
_EDITED = re.compile(
    r"\s*<(this message was edited|diese nachricht wurde bearbeitet|se editó este mensaje)>\s*$", re.I
)
# iOS writes the end-to-end notice as a message "from" the chat itself: that one is a system message.
_E2E_NOTICE = re.compile(
    r"end-to-end|ende-zu-ende|de extremo a extremo|de bout en bout|end-to-end-versleuteld|crittografia end",
    re.I,
)
_FILE_TOKEN = re.compile(r"[\w\-() .]+?\.[A-Za-z0-9]{2,5}\b")


@dataclass
class _Message:
    line: int
    date_text: str
    time_text: str
    ampm: str
    rest: str
    lines: list[str] = field(default_factory=list)


def _header(line: str) -> re.Match[str] | None:
    stripped = line.lstrip(_MARKS)
    if stripped.startswith("["):
        return _BRACKET.match(line)
    if stripped[:1].isdigit():
        return _DASH.match(line)
    return None


def _fields(date_text: str) -> tuple[str, str, str] | None:
    parts = re.split(r"[./-]\s?", date_text.strip().rstrip("."))
    if len(parts) != 3:
        return None
    return parts[0], parts[1], parts[2]


_ORDERS = ("DMY", "MDY", "YMD", "YDM")


def _to_date(fields: tuple[str, str, str], order: str) -> date | None:
    values = dict(zip(order, fields, strict=True))
    year_text = values["Y"]
    if len(values["D"]) > 2 or len(values["M"]) > 2 or len(year_text) not in (2, 4):
        return None
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    try:
        return date(year, int(values["M"]), int(values["D"]))
    except ValueError:
        return None


def _to_time(time_text: str, ampm: str) -> time | None:
    parts = [int(p) for p in re.split(r"[:.]", time_text)]
    hour, minute, second = parts[0], parts[1], parts[2] if len(parts) > 2 else 0
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if _PM.match(ampm.strip()) else 0)
    try:
        return time(hour, minute, second)
    except ValueError:
        return None


def decide_date_order(messages: list[_Message]) -> tuple[str, bool]:
    """Returns (order such as "DMY", ambiguous?) for the dates of one file (see the module doc)."""
    pairs = [(f, m) for m in messages if (f := _fields(m.date_text))]
    twelve_hour = any(m.ampm for m in messages)
    preference = ("MDY", "DMY", "YMD", "YDM") if twelve_hour else ("DMY", "MDY", "YMD", "YDM")
    # Score each order by (dates it makes valid, consecutive messages it puts in time order).
    scores: dict[str, tuple[int, int]] = {}
    for order in _ORDERS:
        dated = [(_to_date(f, order), m) for f, m in pairs]
        valid = sum(d is not None for d, _ in dated)
        if not valid:
            continue
        stamps = [
            datetime.combine(d, _to_time(m.time_text, m.ampm) or time())  # noqa: DTZ001 - ordering only
            for d, m in dated
            if d is not None
        ]
        scores[order] = (valid, sum(a <= b for a, b in zip(stamps, stamps[1:], strict=False)))
    if not scores:
        return "DMY", True
    best = max(scores.values())
    winners = [order for order in preference if scores.get(order) == best]
    return winners[0], len(winners) > 1


def _split_messages(text: str) -> tuple[list[_Message], list[tuple[int, str]]]:
    """Returns the messages of a chat text and the (line, text) of lines before the first message."""
    messages: list[_Message] = []
    orphans: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _header(line)
        if match:
            messages.append(
                _Message(number, match["date"], match["time"], match["ampm"] or "", match["rest"], [])
            )
        elif messages:
            messages[-1].lines.append(line)
        elif line.strip(_MARKS + " \t"):
            orphans.append((number, line))
    return messages, orphans


def _author_and_text(rest: str) -> tuple[str, str, bool]:
    """Returns (author, text, is_system) from what follows the header."""
    colon = rest.find(": ")
    if colon < 0 and rest.endswith(":"):
        colon = len(rest) - 1
    if 0 < colon <= 100:
        author, text = rest[:colon].strip(_MARKS + " "), rest[colon + 2 :]
        return author, text, bool(_E2E_NOTICE.search(text))
    return "", rest, True


def decode_chat(data: bytes) -> str:
    """Returns the text of a chat export (UTF-8, UTF-16 with BOM, else a sensible fallback)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return decode_bytes(data, "utf-8")[0]


def chat_name(filename: str) -> str:
    """Returns the chat's name from an export's file name ("WhatsApp Chat with Ana.txt" -> "Ana")."""
    stem = Path(filename).stem
    prefix = r"^(whatsapp[\s_-]*chat|chat de whatsapp)\s*((with|mit|con|avec|met|com)\b)?\s*[-–]?\s*"
    stem = re.sub(prefix, "", stem, flags=re.I)
    return stem.strip() or "WhatsApp chat"


class WhatsAppImporter(Importer):
    """WhatsApp chat export (.txt, or .zip with media)."""

    name = "whatsapp"
    version = "1"
    extensions = (".txt", ".zip")

    def __init__(self, limits: ZipLimits | None = None) -> None:
        super().__init__()
        self.limits = limits or ZipLimits()

    def sniff(self, head: bytes, filename: str) -> int:
        text = decode_chat(head[:16384])
        lines = [line for line in text.splitlines()[:40] if line.strip()]
        if not lines:
            return 0
        headers = sum(1 for line in lines if _header(line))
        if not _header(lines[0]) and headers < 2:
            return 0
        score = 75 + int(20 * headers / len(lines))
        if "whatsapp" in filename.lower() or filename == "_chat.txt":
            score += 5
        return min(score, 98)

    def sniff_path(self, path: Path, head: bytes) -> int:
        if not head.startswith(b"PK\x03\x04"):
            return self.sniff(head, path.name)
        try:
            with zipfile.ZipFile(path) as zf:
                names = [n for n in zf.namelist() if n.lower().endswith(".txt")][:5]
                best = 0
                for name in names:
                    with zf.open(name) as fh:
                        best = max(best, self.sniff(fh.read(16384), name.rsplit("/", 1)[-1]))
                return best
        except Exception:  # noqa: BLE001 - a corrupt zip is not a WhatsApp export we can recognise
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
            size = path.stat().st_size
        except OSError as exc:
            yield Quarantined("file", f"cannot read the file: {exc.strerror or exc}")
            return
        if is_zip:
            yield from self._from_zip(path, tz, tmpdir)
        elif size > MAX_CHAT_BYTES:
            yield Quarantined("file", f"chat text too large ({size} bytes, limit {MAX_CHAT_BYTES})")
        else:
            yield from self._from_text(path.read_bytes(), path.name, "", tz, None)
        self._progress(size)

    def _from_zip(self, path: Path, tz: ZoneInfo | None, tmpdir: Path) -> Iterator[ImportResult]:
        try:
            archive = SafeZip(path, self.limits)
        except ArchiveRejected as exc:
            yield Quarantined("file", str(exc))
            return
        with archive:
            for name, reason in archive.rejected:
                yield Quarantined(f"member {name}", reason)
            chats = [i for i in archive.members if i.filename.lower().endswith(".txt")]
            media = {
                i.filename.replace("\\", "/").rsplit("/", 1)[-1]: i for i in archive.members if i not in chats
            }
            chat_info = next((i for i in chats if self._is_chat(archive, i)), None)
            if chat_info is None:
                yield Quarantined("file", "no WhatsApp chat text (.txt with message headers) in the archive")
                return
            try:
                data = archive.read(chat_info)
            except MemberRejected as exc:
                yield Quarantined(f"member {chat_info.filename}", str(exc))
                return
            used: set[str] = set()
            loader = _MediaLoader(archive, media, tmpdir, used)
            name = chat_info.filename
            if name.rsplit("/", 1)[-1] == "_chat.txt":
                name = path.name
            yield from self._from_text(data, name, f"member {chat_info.filename} ", tz, loader)
            yield from loader.leftovers()

    def _is_chat(self, archive: SafeZip, info: zipfile.ZipInfo) -> bool:
        try:
            with archive.zf.open(info) as fh:
                return self.sniff(fh.read(16384), info.filename) > 0
        except Exception:  # noqa: BLE001
            return False

    def _from_text(
        self, data: bytes, filename: str, where: str, tz: ZoneInfo | None, loader: _MediaLoader | None
    ) -> Iterator[ImportResult]:
        messages, orphans = _split_messages(decode_chat(data))
        for line, text in orphans:
            yield Quarantined(f"{where}line {line}", f"text before the first message header: {text[:80]!r}")
        if not messages:
            yield Quarantined(f"{where}file", "no WhatsApp message header found")
            return
        order, ambiguous = decide_date_order(messages)
        name = chat_name(filename)
        authors = []
        parsed = [(m, *_author_and_text(m.rest)) for m in messages]
        for _, author, _, system in parsed:
            if author and not system and author not in authors:
                authors.append(author)
        zone = tz or UTC
        seen: Counter[tuple[str, str, str]] = Counter()
        for message, author, first_text, system in parsed:
            locator = f"{where}line {message.line}"
            fields = _fields(message.date_text)
            day = _to_date(fields, order) if fields else None
            clock = _to_time(message.time_text, message.ampm)
            if day is None or clock is None:
                yield Quarantined(locator, f"invalid date or time {message.date_text} {message.time_text}")
                continue
            text = "\n".join([first_text, *message.lines]).strip("\n")
            naive = datetime.combine(day, clock)  # noqa: DTZ001 - made aware on the next line
            when = naive.replace(tzinfo=zone)
            key = (naive.isoformat(), author, text)
            seen[key] += 1
            meta: dict[str, object] = {
                "chat": name,
                "date_order": order,
                "clock": "12h" if message.ampm else "24h",
            }
            if ambiguous:
                meta["date_order_ambiguous"] = True
            if tz is None:
                meta["tz_assumed"] = "UTC"
            if system:
                meta["system"] = True
            if _MEDIA_OMITTED.match(text):
                meta["media_omitted"] = True
            if _DELETED.match(text):
                meta["deleted"] = True
            if _EDITED.search(text):
                meta["edited"] = True
                text = _EDITED.sub("", text)
            attachments = []
            if loader is not None:
                attachments = loader.attachments_for(text)
                yield from loader.problems()
            yield ParsedItem(
                kind="chat_message",
                occurred_at=when,
                original_time_text=f"{message.date_text}, {message.time_text}"
                + (f" {message.ampm}" if message.ampm else ""),
                original_tz=tz.key if tz is not None else "",
                author=author,
                participants=list(authors),
                subject=name,
                body=text.strip(_MARKS),
                attachments=attachments,
                external_id=content_id("whatsapp", name, *key, str(seen[key])),
                thread_key=f"whatsapp:{name}",
                locator=locator,
                meta=meta,
            )


class _MediaLoader:
    """Finds the archive's media files named in a message and loads them as attachments."""

    def __init__(
        self, archive: SafeZip, media: dict[str, zipfile.ZipInfo], tmpdir: Path, used: set[str]
    ) -> None:
        self.archive, self.media, self.tmpdir, self.used = archive, media, tmpdir, used
        self._problems: list[Quarantined] = []

    def load(self, name: str) -> ParsedAttachment | None:
        info = self.media[name]
        self.used.add(name)
        try:
            if info.file_size <= INLINE_LIMIT:
                return ParsedAttachment(name, guess_type(name), data=self.archive.read(info))
            return ParsedAttachment(name, guess_type(name), path=self.archive.extract(info, self.tmpdir))
        except MemberRejected as exc:
            self._problems.append(Quarantined(f"member {info.filename}", str(exc)))
            return None

    def attachments_for(self, text: str) -> list[ParsedAttachment]:
        found: list[ParsedAttachment] = []
        if not self.media:
            return found
        for token in _FILE_TOKEN.findall(text):
            words = token.split()
            for start in range(len(words)):
                candidate = " ".join(words[start:])
                if candidate in self.media and candidate not in self.used:
                    attachment = self.load(candidate)
                    if attachment is not None:
                        found.append(attachment)
                    break
        return found

    def problems(self) -> list[Quarantined]:
        problems, self._problems = self._problems, []
        return problems

    def leftovers(self) -> Iterator[ImportResult]:
        for name, info in self.media.items():
            if name in self.used:
                continue
            attachment = self.load(name)
            yield from self.problems()
            if attachment is None:
                continue
            yield ParsedItem(
                kind="file",
                occurred_at=None,
                subject=name,
                attachments=[attachment],
                external_id=content_id("whatsapp-media", attachment.sha256()),
                locator=f"member {info.filename}",
                meta={"unreferenced_media": True},
            )


def guess_type(name: str) -> str:
    """Returns a MIME type from a file name (stdlib table; octet-stream when unknown)."""
    return mimetypes.guess_type(name)[0] or "application/octet-stream"
