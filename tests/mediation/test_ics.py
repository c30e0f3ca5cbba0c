"""ICS session invites: valid RFC 5545 text, escaped, folded, UTC."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from amicable.mediation.ics import Attendee, SessionInvite, escape_text, fold, render_invite

CET = timezone(timedelta(hours=1))


def invite(**kw):
    base = dict(
        uid="session-3@amicable",
        starts_at=datetime(2026, 12, 1, 10, 0, tzinfo=CET),
        ends_at=datetime(2026, 12, 1, 11, 0, tzinfo=CET),
        summary="Mediation: logo project",
        organizer=Attendee("mediator@example.org", "Mia Mediator"),
        attendees=(Attendee("client@example.com", "Cal Client"),),
        description="Agenda:\n1. Scope; 2. Payment, plan",
        location="https://meet.example/abc",
        stamp=datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
    )
    base.update(kw)
    return SessionInvite(**base)


def test_it_renders_an_invitation_in_utc_with_crlf_lines():
    text = render_invite(invite())
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert lines[:5] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//amicable//case room//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:REQUEST",
    ]
    assert "DTSTART:20261201T090000Z" in lines and "DTEND:20261201T100000Z" in lines
    assert "DTSTAMP:20261125T090000Z" in lines
    assert "DESCRIPTION:Agenda:\\n1. Scope\\; 2. Payment\\, plan" in lines
    assert 'ORGANIZER;CN="Mia Mediator":mailto:mediator@example.org' in lines
    assert any(line.startswith('ATTENDEE;CN="Cal Client";ROLE=REQ-PARTICIPANT') for line in lines)


def test_it_folds_long_lines_at_75_octets_without_splitting_characters():
    long = "SUMMARY:" + "é" * 100
    folded = fold(long)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == long


def test_it_escapes_text_values():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_it_rejects_naive_times_bad_order_and_header_injection():
    with pytest.raises(ValueError, match="timezone-aware"):
        render_invite(invite(starts_at=datetime(2026, 12, 1, 10, 0)))
    with pytest.raises(ValueError, match="end after it starts"):
        render_invite(invite(ends_at=datetime(2026, 12, 1, 9, 0, tzinfo=CET)))
    with pytest.raises(ValueError, match="e-mail"):
        render_invite(invite(attendees=(Attendee("x@y.z\r\nATTENDEE:mailto:evil@x.y"),)))
    text = render_invite(invite(organizer=Attendee("m@example.org", 'Evil"; X-INJECT=1')))
    assert 'CN="Evil; X-INJECT=1"' in text
