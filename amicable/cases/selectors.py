"""Reads for cases, and THE permission gate: the only ways to load a case, client or engagement.

Anything outside a user's reach is an Http404, never a 403 that would leak that it exists.
need: "view" (any member), "edit" (owner or member), "own" (owner), "room" (members and invited
participants holding an unrevoked Grant on that case).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from amicable.accounts.models import Membership, User
from amicable.lib.money import format_money

from .diagnose import InvoiceFact, Suggestion, suggest_types
from .models import Case, CaseEvent, Client, Deadline, Engagement, Stage

_ROLES = {
    "view": list(Membership.Role.values),
    "edit": [Membership.Role.OWNER, Membership.Role.MEMBER],
    "own": [Membership.Role.OWNER],
    "room": list(Membership.Role.values),
}


def _member_filter(user: User, need: str, prefix: str = "") -> Q:
    if need not in _ROLES:
        raise ValueError(f"Unknown access level {need!r}")
    return Q(**{f"{prefix}workspace__memberships__user": user,
                f"{prefix}workspace__memberships__role__in": _ROLES[need]})


def may_edit(user: User, obj: object) -> bool:
    """Whether `user` may change things in `obj`'s workspace (a case, client or engagement already
    loaded through this gate): pages use it to show or hide their forms; writes still ask the gate."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return Membership.objects.filter(user=user, workspace_id=obj.workspace_id,  # type: ignore[attr-defined]
                                     role__in=_ROLES["edit"]).exists()


def cases_visible_to(user: User, need: str = "view") -> QuerySet[Case]:
    """The cases `user` may reach at level `need`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Case.objects.none()
    condition = _member_filter(user, need)
    if need == "room":
        condition |= Q(grants__user=user, grants__revoked_at__isnull=True)
    ids = Case.objects.filter(condition).values("pk")
    return Case.objects.filter(pk__in=ids).select_related("engagement__client", "workspace")


def case_for_user(user: User, case_id: int | str, need: str = "view") -> Case:
    """Return the case if `user` may reach it at level `need`; raise Http404 otherwise."""
    try:
        return cases_visible_to(user, need).get(pk=int(case_id))
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404("No such case") from None


def clients_visible_to(user: User, need: str = "view") -> QuerySet[Client]:
    if not getattr(user, "is_authenticated", False) or not user.is_active or need == "room":
        return Client.objects.none()
    ids = Client.objects.filter(_member_filter(user, need)).values("pk")
    return Client.objects.filter(pk__in=ids)


def client_for_user(user: User, client_id: int | str, need: str = "view") -> Client:
    try:
        return clients_visible_to(user, need).get(pk=int(client_id))
    except (Client.DoesNotExist, ValueError, TypeError):
        raise Http404("No such client") from None


def engagements_visible_to(user: User, need: str = "view") -> QuerySet[Engagement]:
    if not getattr(user, "is_authenticated", False) or not user.is_active or need == "room":
        return Engagement.objects.none()
    ids = Engagement.objects.filter(_member_filter(user, need)).values("pk")
    return Engagement.objects.filter(pk__in=ids).select_related("client")


def engagement_for_user(user: User, engagement_id: int | str, need: str = "view") -> Engagement:
    try:
        return engagements_visible_to(user, need).get(pk=int(engagement_id))
    except (Engagement.DoesNotExist, ValueError, TypeError):
        raise Http404("No such engagement") from None


def deadline_for_user(user: User, case: Case, deadline_id: int | str) -> Deadline:
    """A deadline of a case already loaded through the gate."""
    try:
        return case.deadlines.get(pk=int(deadline_id))
    except (Deadline.DoesNotExist, ValueError, TypeError):
        raise Http404("No such deadline") from None


def open_cases(user: User) -> QuerySet[Case]:
    return cases_visible_to(user).exclude(stage=Stage.CLOSED)


def upcoming_deadlines(user: User, limit: int = 10) -> QuerySet[Deadline]:
    case_ids = open_cases(user).values("pk")
    return (Deadline.objects.filter(case__in=case_ids, done_at__isnull=True, cancelled_at__isnull=True)
            .select_related("case").order_by("due_at")[:limit])


def case_events(case: Case, limit: int | None = None) -> QuerySet[CaseEvent]:
    qs = case.events.select_related("actor").order_by("-at", "-pk")
    return qs[:limit] if limit else qs


def intake_suggestions(case: Case, answers: dict[str, str] | None = None) -> list[Suggestion]:
    """Dispute types suggested for `case` from its intake answers (or `answers`) and its invoices and milestones."""
    today = timezone.localdate()
    facts = []
    for inv in case.engagement.invoices.prefetch_related("payments"):
        outstanding = inv.outstanding()
        late_paid = 0
        if outstanding <= 0 and inv.payments.exists():
            late_paid = max(0, (max(p.received_on for p in inv.payments.all()) - inv.due_date).days)
        facts.append(InvoiceFact(number=inv.number, amount=format_money(inv.amount, inv.currency),
                                 currency=inv.currency, due_date=inv.due_date.isoformat(),
                                 outstanding=format_money(outstanding, inv.currency),
                                 days_overdue=inv.days_overdue(today), days_late_paid=late_paid))
    late = [m.title for m in case.engagement.milestones.filter(status="planned", due_date__lt=today)]
    return suggest_types(case.intake if answers is None else answers, facts, late)
