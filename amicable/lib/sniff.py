"""Content-type sniffing from a file's first bytes (pure; no Django).

The vault decides how to serve a file from what its bytes are, not from what its name or its sender
claims: only a file whose bytes are an image or a PDF is ever shown inline.
"""

from __future__ import annotations

import mimetypes

OCTET = "application/octet-stream"

# (prefix, offset, content type), checked in order.
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"WEBP", 8, "image/webp"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "application/x-ole-storage"),
    (b"\x1f\x8b", 0, "application/gzip"),
    (b"7z\xbc\xaf\x27\x1c", 0, "application/x-7z-compressed"),
    (b"ftypheic", 4, "image/heic"),
    (b"OggS", 0, "audio/ogg"),
    (b"ID3", 0, "audio/mpeg"),
    (b"ftyp", 4, "video/mp4"),
)

# Types that are safe to show inline in the browser (never HTML, SVG or anything scriptable).
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"})


def _zip_kind(head: bytes, filename: str) -> str:
    if b"word/" in head:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if b"xl/" in head:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    if b"ppt/" in head:
        return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    guessed = mimetypes.guess_type(filename)[0] if filename else None
    return guessed if guessed and guessed.startswith("application/vnd.openxml") else "application/zip"


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(head) - 4:
            return False
    return True


def _harmless(ctype: str) -> bool:
    risky = ctype.startswith("text/") or any(w in ctype for w in ("html", "xml", "javascript"))
    return not risky and ctype not in INLINE_TYPES


def sniff_content_type(head: bytes, filename: str = "", declared: str = "") -> str:
    """Return the content type judged from the first bytes of a file (a few KiB are enough).

    Known binary signatures win; a zip is told apart into the Office formats; text is reported as
    ``text/plain`` (never ``text/html``: HTML from evidence is never rendered); otherwise the declared
    type or the name's type when they are not text-like, else ``application/octet-stream``.
    """
    for magic, offset, ctype in _MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return ctype
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(head, filename)
    if _looks_like_text(head):
        return "text/plain"
    for candidate in (declared.split(";")[0].strip().lower(), mimetypes.guess_type(filename)[0] or ""):
        if "/" in candidate and _harmless(candidate):
            return candidate
    return OCTET


def is_inline_safe(content_type: str) -> bool:
    """Return True when a file of this (sniffed) type may be displayed inline."""
    return content_type in INLINE_TYPES
