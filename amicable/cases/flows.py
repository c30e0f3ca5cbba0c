"""Case stage transitions: the one place that decides which moves are allowed.

intake → clarifying → negotiating → mediation → formal → closed, with the sensible shortcuts and
returns a real dispute takes (talks resume after a letter; a clear-cut unpaid invoice skips clarifying).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Case, CaseEvent, Outcome, Stage
from .services import money_value

STAGE_ORDER = [s.value for s in Stage]


def allowed_moves(stage: str) -> list[str]:
    """The stages a case in `stage` may move to, in display order."""
    return [target for target in STAGE_ORDER if _check(stage, target) is None]


def _check(old: str, new: str) -> str | None:
    """None when old → new is allowed; otherwise the reason it is not."""
    match (old, new):
        case (a, b) if a == b:
            return f"The case is already in {Stage(a).label.lower()}."
        case (Stage.CLOSED, Stage.NEGOTIATING | Stage.INTAKE):
            return None  # reopen: the client came back, or the payment bounced
        case (Stage.CLOSED, _):
            return "A closed case can only be reopened into intake or negotiating."
        case (_, Stage.CLOSED):
            return None
        case (Stage.INTAKE, Stage.CLARIFYING | Stage.NEGOTIATING):
            return None
        case (Stage.CLARIFYING, Stage.NEGOTIATING | Stage.INTAKE):
            return None
        case (Stage.NEGOTIATING, Stage.MEDIATION | Stage.FORMAL | Stage.CLARIFYING):
            return None
        case (Stage.MEDIATION, Stage.NEGOTIATING | Stage.FORMAL):
            return None
        case (Stage.FORMAL, Stage.NEGOTIATING | Stage.MEDIATION):
            return None
        case (Stage.INTAKE, _):
            return "Finish the intake first: move to clarifying or negotiating before mediation or formal steps."
        case (Stage.CLARIFYING, _):
            return "Try talking it through first: move to negotiating before mediation or formal steps."
        case _:
            return f"A case cannot move from {Stage(old).label.lower()} back to {Stage(new).label.lower()}."


def case_transition(*, actor: object, case: Case, to: str, outcome: str = "", amount_recovered: object = None,
                    note: str = "") -> Case:
    """Move `case` to stage `to`, writing the case event in the same transaction.

    Raises ValidationError with a field-keyed message when the move or the closing details are invalid.
    """
    if to not in STAGE_ORDER:
        raise ValidationError({"stage": f"Unknown stage “{to}”. Stages: {', '.join(STAGE_ORDER)}."})
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        reason = _check(locked.stage, to)
        if reason:
            raise ValidationError({"stage": reason})
        old = locked.stage
        data: dict[str, object] = {"from": old, "to": to}
        if to == Stage.CLOSED:
            _apply_close(locked, outcome, amount_recovered, data)
        elif old == Stage.CLOSED:
            locked.outcome, locked.closed_at, locked.amount_recovered = "", None, None
        locked.stage = to
        locked.save()
        summary = f"Stage: {Stage(old).label} → {Stage(to).label}"
        if to == Stage.CLOSED:
            summary += f" ({Outcome(locked.outcome).label})"
        if note.strip():
            data["note"] = note.strip()[:500]
        CaseEvent.objects.create(case=locked, actor=actor, kind="case.stage_changed", summary=summary, data=data)
    case.refresh_from_db()
    return case


def _apply_close(case: Case, outcome: str, amount_recovered: object, data: dict[str, object]) -> None:
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "Choose how the case ended: " + ", ".join(Outcome.labels).lower() + "."})
    recovered: Decimal | None = None
    if amount_recovered not in (None, ""):
        recovered = money_value(amount_recovered, case.currency, "amount_recovered", allow_zero=True)
    case.outcome = outcome
    case.amount_recovered = recovered
    case.closed_at = timezone.now()
    data.update(outcome=outcome, amount_recovered=str(recovered) if recovered is not None else None)
