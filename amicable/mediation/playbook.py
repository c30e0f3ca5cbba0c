"""Step 6 (seek mediation) of the case spine: who is in the room, sessions, the mediator's work."""

from __future__ import annotations

from django.urls import reverse

from amicable.accounts.models import Grant
from amicable.cases.playbook import Action, StepStatus


def _step6(case, user) -> StepStatus:  # type: ignore[no-untyped-def]
    url = reverse("mediation:room", args=[case.pk])
    status = StepStatus(number=6, url=url)
    grants = Grant.objects.filter(case=case, revoked_at__isnull=True)
    roles = sorted({g.role for g in grants})
    if roles:
        status.done_items.append("In the room: " + ", ".join(roles))
    pending = case.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True).count()
    if pending:
        status.done_items.append(f"{pending} invitation(s) waiting")
    shared = case.room_items.filter(visibility="shared").count()
    if shared:
        status.done_items.append(f"{shared} document(s) shared")
    sessions = case.room_sessions.filter(cancelled_at__isnull=True).count()
    if sessions:
        status.done_items.append(f"{sessions} session(s) scheduled")
    agreed = case.agreements.filter(status="agreed").exists()
    status.done = agreed and "mediator" in roles
    if not roles:
        status.next_action = Action("Invite the client or a mediator", url)
    elif not status.done:
        status.next_action = Action("Open the case room", url)
    return status


STEPS = {6: _step6}
