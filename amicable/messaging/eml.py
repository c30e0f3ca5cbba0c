"""A draft as an .eml file (RFC 5322), for "download and send it yourself". Pure Python (stdlib email)."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid


def build_eml(*, subject: str, body: str, from_addr: str = "", to_addr: str = "",
              when: dt.datetime | None = None, message_id: str | None = None) -> bytes:
    """Return the message as bytes (UTF-8, quoted-printable where needed). ``when`` must be aware."""
    msg = EmailMessage()
    msg["Subject"] = subject
    if from_addr:
        msg["From"] = from_addr
    if to_addr:
        msg["To"] = to_addr
    msg["Date"] = format_datetime(when or dt.datetime.now(dt.UTC))
    msg["Message-ID"] = message_id or make_msgid(domain="amicable.local")
    msg["X-Unsent"] = "1"  # mail programs open it as a draft ready to send
    msg.set_content(body)
    return bytes(msg)
