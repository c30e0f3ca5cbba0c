"""The importer interface: what every evidence importer yields, and the base class it extends.

Pure Python (no Django import). An importer turns one source file (an mbox, a WhatsApp export, a PDF...)
into a stream of :class:`ParsedItem` and :class:`Quarantined` values. The vault (``amicable.evidence``)
stores the items, deduplicates them by ``external_id`` and reports the quarantined pieces with their
``locator`` and ``reason``. An importer never raises for bad input: a malformed piece becomes a
``Quarantined`` entry and the rest goes on. A source that cannot be opened at all yields one
``Quarantined`` with locator ``"file"``.

Attachments are held in memory (``data``) when they are small, and extracted to a file under the
``tmpdir`` given to ``iter_items`` (``path``) when they are large (archive members over
``INLINE_LIMIT``). Exactly one of ``data`` and ``path`` is set; ``read_bytes()`` / ``open()`` work for both.
The vault must consume (hash, store) the attachment before the ``tmpdir`` is removed.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, ClassVar
from zoneinfo import ZoneInfo

# The kinds of evidence an importer may produce (same words as the vault's Item.kind).
KINDS = ("email", "chat_message", "file", "note", "call_note", "invoice", "time_entry", "agreement")

# Archive members up to this size are kept in memory; larger ones are extracted under tmpdir.
INLINE_LIMIT = 8 * 1024 * 1024

# How many bytes of a file `detect` reads to sniff its format.
SNIFF_BYTES = 64 * 1024

ProgressCallback = Callable[[int], None]


@dataclass
class ParsedAttachment:
    """A file that came with an item: an email attachment, a chat's media file, the document itself.

    Exactly one of ``data`` (in memory) and ``path`` (a file under the import's tmpdir) is set.
    """

    filename: str
    content_type: str
    data: bytes | None = None
    path: Path | None = None

    def __post_init__(self) -> None:
        if (self.data is None) == (self.path is None):
            raise ValueError("ParsedAttachment needs exactly one of data and path")

    @property
    def size(self) -> int:
        """Returns the attachment's size in bytes."""
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return self.path.stat().st_size

    def read_bytes(self) -> bytes:
        """Returns the whole content (reads the file for a path-backed attachment)."""
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()

    def open(self) -> IO[bytes]:
        """Returns a binary file object over the content (for streaming into blob storage)."""
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        return self.path.open("rb")

    def sha256(self) -> str:
        """Returns the hex SHA-256 of the content, streamed."""
        digest = hashlib.sha256()
        with self.open() as fh:
            for chunk in iter(lambda: fh.read(1024 * 1024), b""):
                digest.update(chunk)
        return digest.hexdigest()


@dataclass
class ParsedItem:
    """One piece of evidence found in a source.

    ``occurred_at`` is timezone-aware (or None when the source gives no usable time); the source's own
    words for the time stay in ``original_time_text`` and its zone or offset in ``original_tz``
    (``"+02:00"``, ``"Europe/Paris"``; empty when unknown). ``external_id`` is stable across re-imports
    of the same source (Message-ID, or a content hash) and is what the vault deduplicates on.
    ``thread_key`` groups items of one conversation. ``locator`` says where in the source the item is.
    ``meta`` holds importer-specific extras (JSON-serialisable: str, int, bool, None, lists, dicts;
    Decimal amounts are given as strings).
    """

    kind: str
    occurred_at: datetime | None
    original_time_text: str = ""
    original_tz: str = ""
    author: str = ""
    participants: list[str] = field(default_factory=list)
    subject: str = ""
    body: str = ""
    attachments: list[ParsedAttachment] = field(default_factory=list)
    external_id: str = ""
    thread_key: str = ""
    locator: str = ""
    meta: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown evidence kind {self.kind!r}")
        if self.occurred_at is not None and self.occurred_at.utcoffset() is None:
            raise ValueError("occurred_at must be timezone-aware")


@dataclass
class Quarantined:
    """A piece of the source that could not be imported, where it is, and exactly why."""

    locator: str
    reason: str


ImportResult = ParsedItem | Quarantined


class Importer:
    """Base class of every importer. Subclasses set ``name``/``version`` and implement the two methods.

    ``sniff(head, filename)`` returns a confidence 0-100 that this importer reads the file, judged from
    its first bytes first and its name second. ``sniff_path(path, head)`` is what ``detect`` calls;
    importers of containers (zip archives) override it to look at the member names.

    ``iter_items(path, tz=..., tmpdir=..., on_progress=...)`` yields items and quarantined pieces.
    ``tz`` is the zone the user says the source's naive times are in (chat exports); importers fall
    back to UTC when it is None and say so in ``meta["tz_assumed"]``. ``tmpdir`` is an existing
    directory the importer may write into (archive members are extracted only there). ``on_progress``
    is called with the number of source bytes consumed so far; the same figure is kept in
    ``self.bytes_done``.
    """

    name: ClassVar[str] = ""
    version: ClassVar[str] = "1"
    # File name endings this importer usually reads (lower case, with the dot); informative only.
    extensions: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        self.bytes_done = 0
        self._on_progress: ProgressCallback | None = None

    def sniff(self, head: bytes, filename: str) -> int:
        """Returns 0-100: how sure this importer is that it reads a file starting with ``head``."""
        raise NotImplementedError

    def sniff_path(self, path: Path, head: bytes) -> int:
        """Returns 0-100 for the file at ``path``; by default judged from ``head`` and the name."""
        return self.sniff(head, path.name)

    def iter_items(
        self,
        path: Path,
        *,
        tz: ZoneInfo | None = None,
        tmpdir: Path,
        on_progress: ProgressCallback | None = None,
    ) -> Iterator[ImportResult]:
        """Yields a ParsedItem or Quarantined for every piece of the source, in source order."""
        raise NotImplementedError

    # Helpers for subclasses.
    def _start(self, on_progress: ProgressCallback | None) -> None:
        self.bytes_done = 0
        self._on_progress = on_progress

    def _progress(self, bytes_done: int) -> None:
        self.bytes_done = bytes_done
        if self._on_progress is not None:
            self._on_progress(bytes_done)


def content_id(*parts: str | bytes) -> str:
    """Returns a stable external id ("sha256:<hex>") for content that has no id of its own."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return "sha256:" + digest.hexdigest()


def read_head(path: Path, size: int = SNIFF_BYTES) -> bytes:
    """Returns the first ``size`` bytes of the file (fewer when it is shorter)."""
    with path.open("rb") as fh:
        return fh.read(size)
