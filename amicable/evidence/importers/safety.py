"""Safe reading of zip archives given by users (WhatsApp, Slack and Telegram exports).

Nothing in an archive is trusted: member names are never used as paths (an extracted member is written
as ``<tmpdir>/<index>-<cleaned base name>``), and these are refused with an exact reason:

- the archive as a whole (``ArchiveRejected``): not a readable zip, more members than
  ``max_members``, declared total uncompressed size over ``max_total_bytes``;
- one member (listed in ``SafeZip.rejected``): absolute path, ``..`` in the path, a symlink, an
  encrypted member, uncompressed size over ``max_member_bytes``, compression ratio over ``max_ratio``
  (for members bigger than ``ratio_floor_bytes``: small files of repeated bytes are harmless).

Declared sizes can lie, so reading counts the real bytes and stops at the declared size and at the
running total: a member that inflates past either is refused (``MemberRejected``).
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

READ_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """The limits an archive must respect (all sizes in bytes)."""

    max_total_bytes: int = 4 * 1024**3
    max_member_bytes: int = 2 * 1024**3
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1024 * 1024
    max_members: int = 100_000


class ArchiveRejected(Exception):
    """The whole archive is refused; the message is the exact reason."""


class MemberRejected(Exception):
    """One member is refused while reading it; the message is the exact reason."""


def member_problem(info: zipfile.ZipInfo, limits: ZipLimits) -> str:
    """Returns why a member must not be read, or "" when it is acceptable."""
    name = info.filename.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "absolute path in archive"
    if ".." in PurePosixPath(name).parts:
        return "path traversal ('..') in archive member name"
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):
        return "symbolic link in archive"
    if info.flag_bits & 0x1:
        return "encrypted archive member"
    if info.file_size > limits.max_member_bytes:
        return f"member too large ({info.file_size} bytes, limit {limits.max_member_bytes})"
    if info.file_size > limits.ratio_floor_bytes:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio:
            return f"compression ratio {ratio:.0f}:1 over the limit {limits.max_ratio:.0f}:1 (zip bomb?)"
    return ""


def safe_filename(name: str) -> str:
    """Returns the base name of an archive member, cleaned to be harmless as a file name."""
    base = name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    base = re.sub(r"[\x00-\x1f<>:\"|?*]", "_", base).strip(" .")
    return base[:150] or "file"


class SafeZip:
    """A zip archive opened for safe reading. ``members`` are the acceptable file members in order;
    ``rejected`` lists (member name, reason) for the refused ones."""

    def __init__(self, path: Path, limits: ZipLimits | None = None) -> None:
        self.limits = limits or ZipLimits()
        try:
            self.zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise ArchiveRejected(f"not a readable zip archive: {exc}") from exc
        except (OSError, ValueError, EOFError) as exc:
            raise ArchiveRejected(f"cannot open the archive: {exc}") from exc
        try:
            infos = self.zf.infolist()
        except Exception as exc:  # noqa: BLE001 - a corrupt directory must be refused, not crash
            self.zf.close()
            raise ArchiveRejected(f"corrupt archive directory: {exc}") from exc
        if len(infos) > self.limits.max_members:
            self.zf.close()
            raise ArchiveRejected(f"too many members ({len(infos)}, limit {self.limits.max_members})")
        total = sum(i.file_size for i in infos)
        if total > self.limits.max_total_bytes:
            self.zf.close()
            raise ArchiveRejected(
                f"total uncompressed size {total} bytes over the limit "
                f"{self.limits.max_total_bytes} (zip bomb?)"
            )
        self.members: list[zipfile.ZipInfo] = []
        self.rejected: list[tuple[str, str]] = []
        for info in infos:
            if info.is_dir():
                continue
            problem = member_problem(info, self.limits)
            if problem:
                self.rejected.append((info.filename, problem))
            else:
                self.members.append(info)
        self.bytes_read = 0
        self._extracted = 0

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.zf.close()

    def names(self) -> list[str]:
        """Returns the names of the acceptable members (with "/" separators)."""
        return [info.filename.replace("\\", "/") for info in self.members]

    def _chunks(self, info: zipfile.ZipInfo):  # type: ignore[no-untyped-def]
        """Yields the member's bytes, refusing it when it inflates past its declared size or the total."""
        done = 0
        try:
            with self.zf.open(info) as fh:
                while chunk := fh.read(READ_CHUNK):
                    done += len(chunk)
                    self.bytes_read += len(chunk)
                    if done > info.file_size:
                        raise MemberRejected("member inflates past its declared size (zip bomb?)")
                    if self.bytes_read > self.limits.max_total_bytes:
                        raise MemberRejected("archive inflates past the total size limit (zip bomb?)")
                    yield chunk
        except MemberRejected:
            raise
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise MemberRejected(f"corrupt archive member: {exc}") from exc
        except RuntimeError as exc:  # zipfile raises RuntimeError for encrypted members
            raise MemberRejected(f"unreadable archive member: {exc}") from exc

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """Returns the member's bytes (raises MemberRejected)."""
        return b"".join(self._chunks(info))

    def extract(self, info: zipfile.ZipInfo, tmpdir: Path) -> Path:
        """Writes the member to a new file directly inside ``tmpdir``; returns its path.

        The file name is ``<n>-<cleaned base name>``: the member's own path is never used.
        """
        self._extracted += 1
        root = tmpdir.resolve()
        target = (root / f"{self._extracted:06d}-{safe_filename(info.filename)}").resolve()
        if target.parent != root:
            raise MemberRejected("extraction path escapes the temporary directory")
        with target.open("xb") as out:
            try:
                for chunk in self._chunks(info):
                    out.write(chunk)
            except MemberRejected:
                out.close()
                target.unlink(missing_ok=True)
                raise
        return target
