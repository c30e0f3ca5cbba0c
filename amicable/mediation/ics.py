"""ICS (iCalendar, RFC 5545) invite for a mediation session. Pure Python.

One VEVENT with METHOD:REQUEST, times in UTC, text escaped and lines folded at 75 octets, CRLF line
ends, so calendar programs (Outlook, Google, Apple, Thunderbird) import it as an invitation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str = ""


@dataclass(frozen=True)
class SessionInvite:
    uid: str  # stable per session, e.g. "session-12@amicable"; a re-sent invite updates the same event
    starts_at: datetime  # timezone-aware
    ends_at: datetime
    summary: str
    organizer: Attendee
    description: str = ""
    location: str = ""
    attendees: tuple[Attendee, ...] = field(default=())
    sequence: int = 0  # bump when the session changes
    stamp: datetime | None = None  # DTSTAMP; default now


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("Session times must be timezone-aware.")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape_text(text: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma, newline."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _param(text: str) -> str:
    """Quote a parameter value (CN=...): no double quotes or control characters allowed inside."""
    cleaned = "".join(ch for ch in text if ch >= " " and ch != '"')
    return f'"{cleaned}"'


def fold(line: str) -> str:
    """Fold a content line at 75 octets (never splitting a UTF-8 character), continuation with a space."""
    out, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += width
    out.append(current)
    return "\r\n".join(out)


def _mailto(person: Attendee) -> str:
    if any(ch in person.email for ch in '\r\n:;"') or "@" not in person.email:
        raise ValueError(f"Not a usable e-mail address: {person.email!r}")
    return f"mailto:{person.email}"


def render_invite(invite: SessionInvite) -> str:
    """Return the invitation as an .ics document (text with CRLF line ends)."""
    _utc(invite.starts_at), _utc(invite.ends_at)  # both must be aware before they can be compared
    if invite.ends_at <= invite.starts_at:
        raise ValueError("A session must end after it starts.")
    stamp = invite.stamp or datetime.now(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//amicable//case room//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:{escape_text(invite.uid)}",
        f"SEQUENCE:{invite.sequence}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(invite.starts_at)}",
        f"DTEND:{_utc(invite.ends_at)}",
        f"SUMMARY:{escape_text(invite.summary)}",
    ]
    if invite.description:
        lines.append(f"DESCRIPTION:{escape_text(invite.description)}")
    if invite.location:
        lines.append(f"LOCATION:{escape_text(invite.location)}")
    org = invite.organizer
    lines.append(f"ORGANIZER;CN={_param(org.name or org.email)}:{_mailto(org)}")
    for person in invite.attendees:
        lines.append(
            f"ATTENDEE;CN={_param(person.name or person.email)};ROLE=REQ-PARTICIPANT;"
            f"PARTSTAT=NEEDS-ACTION;RSVP=TRUE:{_mailto(person)}"
        )
    lines += ["STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
