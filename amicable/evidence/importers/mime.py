"""A fast builder of stdlib ``email.message.Message`` trees (compat32) for well-formed messages.

The stdlib feed parser reads a message line by line in Python; for the common, well-formed case this
module splits headers from body and multipart bodies at their boundaries with ``bytes.find``, and
builds the same compat32 ``Message`` tree (raw header values, payloads as surrogate-escaped str), which
``get_payload(decode=True)`` then decodes as usual. Anything unusual (no blank line after the headers,
a stray non-header line, a missing closing boundary, deep nesting) makes it give up and the caller
falls back to the stdlib parser, so the result is never worse than the stdlib's.
"""

from __future__ import annotations

import email
import email.parser
import email.utils
from email.message import Message
from email.policy import Compat32

MAX_DEPTH = 20


class GiveUp(Exception):
    """The message is not plain enough for the fast path; use the stdlib parser."""


def _split_head(raw: bytes) -> tuple[bytes, bytes, bytes]:
    """Returns (header block, newline, body) split at the first empty line."""
    crlf = raw.find(b"\r\n")
    lf = raw.find(b"\n")
    nl = b"\r\n" if crlf >= 0 and crlf <= lf else b"\n"
    if raw.startswith(nl):
        return b"", nl, raw[len(nl) :]
    end = raw.find(nl + nl)
    if end < 0:
        if raw.endswith(nl) or b"\n" not in raw:
            return raw, nl, b""
        raise GiveUp("no empty line after the headers")
    return raw[: end + len(nl)], nl, raw[end + 2 * len(nl) :]


def _headers(block: bytes, nl: bytes, policy: Compat32) -> Message:
    msg = Message(policy=policy)
    items: list[tuple[str, str]] = []
    for line in block.split(nl):
        if not line:
            continue
        if line[0] in (32, 9):  # folded continuation
            if not items:
                raise GiveUp("continuation line before any header")
            name, value = items[-1]
            items[-1] = (name, value + "\n" + line.decode("ascii", "surrogateescape"))
            continue
        colon = line.find(b":")
        if colon <= 0 or b" " in line[:colon] or b"\t" in line[:colon]:
            raise GiveUp("line in the header block is not a header")
        name = line[:colon].decode("ascii", "surrogateescape")
        items.append((name, line[colon + 1 :].decode("ascii", "surrogateescape").lstrip(" \t")))
    msg._headers = items  # type: ignore[attr-defined] # compat32 keeps (name, raw value) pairs
    return msg


def _boundary(msg: Message) -> str:
    boundary = msg.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        raise GiveUp("multipart without a usable boundary")
    return email.utils.collapse_rfc2231_value(boundary).rstrip()


def _build(raw: bytes, policy: Compat32, depth: int) -> Message:
    if depth > MAX_DEPTH:
        raise GiveUp("nesting too deep")
    block, nl, body = _split_head(raw)
    msg = _headers(block, nl, policy)
    maintype = msg.get_content_maintype()
    if maintype == "multipart":
        _multipart(msg, body, nl, policy, depth)
    elif maintype == "message" and msg.get_content_subtype() == "rfc822":
        if str(msg.get("Content-Transfer-Encoding") or "7bit").strip().lower() not in (
            "7bit",
            "8bit",
            "binary",
        ):
            raise GiveUp("encoded message/rfc822 part")
        inner = _build(body, policy, depth + 1)
        inner.raw_bytes = body  # type: ignore[attr-defined] # the exact source bytes, for the attachment
        msg.set_payload([inner])
    elif maintype == "message":
        raise GiveUp("message/* other than rfc822")
    else:
        msg.set_payload(body.decode("ascii", "surrogateescape"))
    return msg


def _multipart(msg: Message, body: bytes, nl: bytes, policy: Compat32, depth: int) -> None:
    delimiter = b"--" + _boundary(msg).encode("ascii", "surrogateescape")
    positions = []
    start = 0
    # A delimiter line is "--boundary" at the start of a line, then optional whitespace, or "--" at the end.
    while True:
        at = body.find(delimiter, start)
        if at < 0:
            break
        if at == 0 or body[at - 1 : at] == b"\n":
            end_of_line = body.find(b"\n", at)
            end_of_line = len(body) if end_of_line < 0 else end_of_line + 1
            rest = body[at + len(delimiter) : end_of_line].rstrip(b"\r\n \t")
            if rest in (b"", b"--"):
                positions.append((at, end_of_line, rest == b"--"))
                if rest == b"--":
                    break
        start = at + len(delimiter)
    if not positions or not positions[-1][2]:
        raise GiveUp("multipart without its closing boundary")
    parts = []
    for (_, part_start, _), (next_at, _, _) in zip(positions, positions[1:], strict=False):
        chunk = body[part_start:next_at]
        # The newline before a delimiter belongs to the delimiter (RFC 2046 5.1.1).
        if chunk.endswith(nl):
            chunk = chunk[: -len(nl)]
        elif chunk.endswith(b"\n"):
            chunk = chunk[:-1]
        parts.append(_build(chunk, policy, depth + 1))
    preamble = body[: positions[0][0]]
    msg.preamble = preamble.decode("ascii", "surrogateescape").rstrip("\r\n") if preamble else None
    msg.set_payload(parts)


def message_from_bytes(raw: bytes, policy: Compat32) -> Message:
    """Returns the compat32 Message tree of ``raw``: fast path first, stdlib parser when it gives up."""
    try:
        return _build(raw, policy, 0)
    except GiveUp:
        return email.message_from_bytes(raw, policy=policy)
