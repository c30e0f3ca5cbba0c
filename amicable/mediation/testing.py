"""URL kwargs for the generated access tests: an object of each kind in the test's case."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from amicable.accounts.models import Grant
from amicable.mediation.models import Invitation, RoomItem, Session


def _item(t: Any) -> int:
    item = RoomItem.objects.filter(case=t.case).first() or RoomItem.objects.create(
        case=t.case, title="Shared brief", body="The agreed brief.", visibility="shared", added_by=t.owner)
    return item.pk


def _invitation(t: Any) -> int:
    from amicable.mediation.services import invitation_create

    existing = Invitation.objects.filter(case=t.case).first()
    return (existing or invitation_create(actor=t.owner, case=t.case, email="guest@example.org",
                                          role="client").invitation).pk


def _grant(t: Any) -> int:
    from amicable.test import make_user

    grant = Grant.objects.filter(case=t.case).first()
    if grant is None:
        grant = Grant.objects.create(case=t.case, user=make_user("grantee@example.org"), role="client")
    return grant.pk


def _session(t: Any) -> int:
    start = timezone.now() + timedelta(days=2)
    session = Session.objects.filter(case=t.case).first() or Session.objects.create(
        case=t.case, title="Session", starts_at=start, ends_at=start + timedelta(hours=1), created_by=t.owner)
    return session.pk


def _token(t: Any) -> str:
    from amicable.mediation.services import invitation_create

    return invitation_create(actor=t.owner, case=t.case, email="token-guest@example.org", role="client").raw_token


URL_KWARGS = {"item_id": _item, "invitation_id": _invitation, "grant_id": _grant, "session_id": _session,
              "token": _token}
