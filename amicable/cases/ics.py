"""Calendar export (RFC 5545) of a case's open deadlines."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC

from django.conf import settings
from django.utils import timezone

from .models import Case, Deadline


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold lines longer than 75 octets, as RFC 5545 section 3.1 requires."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, start = [], 0
    while start < len(raw):
        end = min(start + (75 if not parts else 74), len(raw))
        while end < len(raw) and (raw[end] & 0xC0) == 0x80:
            end -= 1  # never split a UTF-8 sequence
        parts.append(raw[start:end].decode("utf-8"))
        start = end
    return "\r\n ".join(parts)


def deadlines_calendar(case: Case, deadlines: Iterable[Deadline]) -> str:
    stamp = timezone.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//amicable//deadlines//EN", "CALSCALE:GREGORIAN"]
    for d in deadlines:
        due = d.due_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        description = f"Case: {case.title}"
        if d.if_missed:
            description += f"\nIf missed: {d.if_missed}"
        lines += ["BEGIN:VEVENT", f"UID:deadline-{d.pk}@amicable", f"DTSTAMP:{stamp}", f"DTSTART:{due}",
                  f"DTEND:{due}", f"SUMMARY:{_escape(d.what)}", f"DESCRIPTION:{_escape(description)}",
                  f"URL:{settings.AMICABLE_BASE_URL}/cases/{case.pk}/",
                  "BEGIN:VALARM", "TRIGGER:-P1D", "ACTION:DISPLAY", f"DESCRIPTION:{_escape(d.what)}", "END:VALARM",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
