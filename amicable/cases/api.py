"""JSON API for clients, engagements (milestones, invoices, payments), cases, deadlines, stages and intake.

Every route loads what it names through the gate (`client_for_user`, `engagement_for_user`,
`case_for_user`) at the level it needs ("view" to read, "edit" to write), so anything outside the
token user's reach is a 404; every write goes through a service. Schemas are in `schemas.py`.
"""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query, Router

from amicable.accounts.models import Workspace
from amicable.accounts.selectors import workspaces_for
from amicable.api.errors import ApiError

from . import services
from .flows import case_transition
from .models import Case, DisputeType, Stage
from .schemas import (
    ERRORS,
    CaseDetailOut,
    CaseIn,
    CaseOut,
    CasePatch,
    ClientIn,
    ClientOut,
    ClientPatch,
    DeadlineCancelIn,
    DeadlineIn,
    DeadlineOut,
    DisputeTypeName,
    EngagementDetailOut,
    EngagementIn,
    EngagementOut,
    EngagementPatch,
    EventOut,
    IntakeIn,
    IntakeOut,
    InvoiceIn,
    InvoiceOut,
    MilestoneIn,
    MilestoneOut,
    MilestonePatch,
    PaymentIn,
    PaymentOut,
    StageName,
    TransitionIn,
    TypesIn,
    money,
)
from .selectors import (
    case_events,
    case_for_user,
    cases_visible_to,
    client_for_user,
    clients_visible_to,
    deadline_for_user,
    engagement_for_user,
    engagements_visible_to,
    intake_suggestions,
)

router = Router()
ERR_409 = {**ERRORS, 409: ERRORS[400]}


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _edit_workspace(request: HttpRequest, workspace_id: int | None) -> Workspace:
    options = workspaces_for(_user(request), need="edit")
    if workspace_id is None:
        if not options:
            raise ApiError("You have read-only access to your workspaces: ask an owner to add clients.",
                           field="workspace_id", status=403)
        return options[0]
    for workspace in options:
        if workspace.pk == workspace_id:
            return workspace
    raise Http404("No such workspace")


def _conflict(exc: ValidationError) -> ApiError:
    return ApiError(" ".join(exc.messages), field="cases", status=409)


# Clients ---------------------------------------------------------------------------------------------

@router.get("/clients", response=list[ClientOut], tags=["clients"])
def client_list(request: HttpRequest) -> QuerySet[Any]:
    """The clients of every workspace you belong to, by name."""
    return clients_visible_to(_user(request)).order_by("name", "pk")


@router.post("/clients", response={201: ClientOut, 403: ERRORS[400], **ERRORS}, tags=["clients"])
def client_create(request: HttpRequest, payload: ClientIn) -> tuple[int, Any]:
    """Add a client (the counterparty of your engagements)."""
    data = payload.model_dump()
    workspace = _edit_workspace(request, data.pop("workspace_id"))
    return 201, services.client_create(actor=_user(request), workspace=workspace, **data)


@router.get("/clients/{client_id}", response={200: ClientOut, **ERRORS}, tags=["clients"])
def client_detail(request: HttpRequest, client_id: int) -> Any:
    return client_for_user(_user(request), client_id)


@router.patch("/clients/{client_id}", response={200: ClientOut, **ERRORS}, tags=["clients"])
def client_update(request: HttpRequest, client_id: int, payload: ClientPatch) -> Any:
    """Change some of a client's details; fields you leave out keep their value."""
    client = client_for_user(_user(request), client_id, need="edit")
    fields = {k: v or "" for k, v in payload.model_dump(exclude_unset=True).items()}
    return services.client_update(actor=_user(request), client=client, **fields)


@router.delete("/clients/{client_id}", response={204: None, **ERR_409}, tags=["clients"])
def client_delete(request: HttpRequest, client_id: int) -> tuple[int, None]:
    """Delete a client and its engagements. Refused (409) when any of its engagements has a case."""
    client = client_for_user(_user(request), client_id, need="edit")
    try:
        services.client_delete(actor=_user(request), client=client)
    except ValidationError as exc:
        raise _conflict(exc) from None
    return 204, None


# Engagements -----------------------------------------------------------------------------------------

def _engagements(request: HttpRequest) -> QuerySet[Any]:
    return engagements_visible_to(_user(request)).select_related("client")


@router.get("/engagements", response=list[EngagementOut], tags=["engagements"])
def engagement_list(request: HttpRequest, client_id: int | None = None) -> QuerySet[Any]:
    """Your engagements, newest first; `client_id` narrows them to one client."""
    engagements = _engagements(request)
    if client_id is not None:
        engagements = engagements.filter(client_id=client_id)
    return engagements.order_by("-created_at", "-pk")


@router.post("/engagements", response={201: EngagementDetailOut, **ERRORS}, tags=["engagements"])
def engagement_create(request: HttpRequest, payload: EngagementIn) -> tuple[int, Any]:
    data = payload.model_dump()
    client = client_for_user(_user(request), data.pop("client_id"), need="edit")
    return 201, services.engagement_create(actor=_user(request), client=client, **data)


@router.get("/engagements/{engagement_id}", response={200: EngagementDetailOut, **ERRORS}, tags=["engagements"])
def engagement_detail(request: HttpRequest, engagement_id: int) -> Any:
    """One engagement with its milestones, invoices (with payments) and the ids of its cases."""
    return engagement_for_user(_user(request), engagement_id)


@router.patch("/engagements/{engagement_id}", response={200: EngagementDetailOut, **ERRORS}, tags=["engagements"])
def engagement_update(request: HttpRequest, engagement_id: int, payload: EngagementPatch) -> Any:
    engagement = engagement_for_user(_user(request), engagement_id, need="edit")
    fields = payload.model_dump(exclude_unset=True)
    for key in ("title", "currency", "rate_unit"):
        if key in fields and fields[key] is None:
            raise ApiError(f"{key} cannot be null.", field=key, status=422)
    fields = {k: ("" if v is None and k == "scope" else v) for k, v in fields.items()}
    return services.engagement_update(actor=_user(request), engagement=engagement, **fields)


@router.delete("/engagements/{engagement_id}", response={204: None, **ERR_409}, tags=["engagements"])
def engagement_delete(request: HttpRequest, engagement_id: int) -> tuple[int, None]:
    """Delete an engagement with its milestones, invoices and payments. Refused (409) when it has a case."""
    engagement = engagement_for_user(_user(request), engagement_id, need="edit")
    try:
        services.engagement_delete(actor=_user(request), engagement=engagement)
    except ValidationError as exc:
        raise _conflict(exc) from None
    return 204, None


@router.get("/engagements/{engagement_id}/milestones", response={200: list[MilestoneOut], **ERRORS},
            tags=["engagements"])
def milestone_list(request: HttpRequest, engagement_id: int) -> Any:
    return list(engagement_for_user(_user(request), engagement_id).milestones.all())


@router.post("/engagements/{engagement_id}/milestones", response={201: MilestoneOut, **ERRORS}, tags=["engagements"])
def milestone_add(request: HttpRequest, engagement_id: int, payload: MilestoneIn) -> tuple[int, Any]:
    engagement = engagement_for_user(_user(request), engagement_id, need="edit")
    return 201, services.milestone_add(actor=_user(request), engagement=engagement, **payload.model_dump())


@router.patch("/engagements/{engagement_id}/milestones/{milestone_id}", response={200: MilestoneOut, **ERRORS},
              tags=["engagements"])
def milestone_update(request: HttpRequest, engagement_id: int, milestone_id: int, payload: MilestonePatch) -> Any:
    """Mark a milestone planned, delivered or accepted (delivery date defaults to today)."""
    engagement = engagement_for_user(_user(request), engagement_id, need="edit")
    milestone = engagement.milestones.filter(pk=milestone_id).first()
    if milestone is None:
        raise Http404("No such milestone")
    return services.milestone_set_status(actor=_user(request), milestone=milestone, **payload.model_dump())


@router.get("/engagements/{engagement_id}/invoices", response={200: list[InvoiceOut], **ERRORS},
            tags=["engagements"])
def invoice_list(request: HttpRequest, engagement_id: int) -> Any:
    return list(engagement_for_user(_user(request), engagement_id).invoices.prefetch_related("payments"))


@router.post("/engagements/{engagement_id}/invoices", response={201: InvoiceOut, **ERRORS}, tags=["engagements"])
def invoice_add(request: HttpRequest, engagement_id: int, payload: InvoiceIn) -> tuple[int, Any]:
    engagement = engagement_for_user(_user(request), engagement_id, need="edit")
    return 201, services.invoice_add(actor=_user(request), engagement=engagement, **payload.model_dump())


def _invoice(request: HttpRequest, engagement_id: int, invoice_id: int, need: str) -> Any:
    engagement = engagement_for_user(_user(request), engagement_id, need=need)
    invoice = engagement.invoices.filter(pk=invoice_id).first()
    if invoice is None:
        raise Http404("No such invoice")
    return invoice


@router.get("/engagements/{engagement_id}/invoices/{invoice_id}", response={200: InvoiceOut, **ERRORS},
            tags=["engagements"])
def invoice_detail(request: HttpRequest, engagement_id: int, invoice_id: int) -> Any:
    return _invoice(request, engagement_id, invoice_id, "view")


@router.get("/engagements/{engagement_id}/invoices/{invoice_id}/payments", response={200: list[PaymentOut], **ERRORS},
            tags=["engagements"])
def payment_list(request: HttpRequest, engagement_id: int, invoice_id: int) -> Any:
    return list(_invoice(request, engagement_id, invoice_id, "view").payments.all())


@router.post("/engagements/{engagement_id}/invoices/{invoice_id}/payments", response={201: PaymentOut, **ERRORS},
             tags=["engagements"])
def payment_add(request: HttpRequest, engagement_id: int, invoice_id: int, payload: PaymentIn) -> tuple[int, Any]:
    """Record a payment received on an invoice (not more than is outstanding, not in the future)."""
    invoice = _invoice(request, engagement_id, invoice_id, "edit")
    return 201, services.payment_record(actor=_user(request), invoice=invoice, **payload.model_dump())


# Cases -----------------------------------------------------------------------------------------------

@router.get("/cases", response=list[CaseOut], tags=["cases"])
def case_list(request: HttpRequest, status: Literal["open", "closed", "all"] = "open",
              stage: StageName | None = None, dispute_type: DisputeTypeName | None = None,  # type: ignore[valid-type]
              client_id: int | None = None, engagement_id: int | None = None) -> Any:
    """Your cases, newest first: open ones by default (`status=closed` or `all` for the others)."""
    cases = cases_visible_to(_user(request))
    if status == "open":
        cases = cases.exclude(stage=Stage.CLOSED)
    elif status == "closed":
        cases = cases.filter(stage=Stage.CLOSED)
    if stage:
        cases = cases.filter(stage=stage)
    if client_id is not None:
        cases = cases.filter(engagement__client_id=client_id)
    if engagement_id is not None:
        cases = cases.filter(engagement_id=engagement_id)
    found = list(cases.order_by("-opened_at", "-pk"))
    # dispute_types is a JSON list: filtered here so it works the same on SQLite and PostgreSQL.
    return [c for c in found if dispute_type in c.dispute_types] if dispute_type else found


@router.post("/cases", response={201: CaseDetailOut, **ERRORS}, tags=["cases"])
def case_open(request: HttpRequest, payload: CaseIn) -> tuple[int, Any]:
    """Open a case on an engagement. It starts in the intake stage."""
    data = payload.model_dump()
    engagement = engagement_for_user(_user(request), data.pop("engagement_id"), need="edit")
    return 201, services.case_open(actor=_user(request), engagement=engagement, **data)


@router.get("/cases/{case_id}", response={200: CaseDetailOut, **ERRORS}, tags=["cases"])
def case_detail(request: HttpRequest, case_id: int) -> Any:
    """One case with its intake answers, deadlines and the stages it may move to."""
    return case_for_user(_user(request), case_id)


@router.patch("/cases/{case_id}", response={200: CaseDetailOut, **ERRORS}, tags=["cases"])
def case_update(request: HttpRequest, case_id: int, payload: CasePatch) -> Any:
    """Change the title, summary or amount in dispute (send the currency with the amount to change it)."""
    case = case_for_user(_user(request), case_id, need="edit")
    fields = payload.model_dump(exclude_unset=True)
    if fields.get("currency") and not fields.get("amount"):
        if case.amount_in_dispute is None:
            raise ApiError("Give the amount in dispute together with its currency.", field="amount")
        fields["amount"] = money(case.amount_in_dispute, case.currency)
    return services.case_update(actor=_user(request), case=case, **fields)


@router.delete("/cases/{case_id}", response={405: ERRORS[400], **ERRORS}, tags=["cases"])
def case_delete(request: HttpRequest, case_id: int) -> Any:
    """Always refused (405): a case is part of your record. Close it instead."""
    case = case_for_user(_user(request), case_id, need="edit")
    raise ApiError(f"Cases are never deleted: they are your record. Close it instead: POST /api/cases/{case.pk}"
                   '/transition with {"stage": "closed", "outcome": "withdrawn"}.', status=405)


@router.post("/cases/{case_id}/transition", response={200: CaseDetailOut, **ERRORS}, tags=["cases"])
def case_move(request: HttpRequest, case_id: int, payload: TransitionIn) -> Any:
    """Move the case to another stage. Closing needs an outcome; forbidden moves say why (400, field `stage`)."""
    case = case_for_user(_user(request), case_id, need="edit")
    return case_transition(actor=_user(request), case=case, to=payload.stage, outcome=payload.outcome,
                           amount_recovered=payload.amount_recovered, note=payload.note)


@router.get("/cases/{case_id}/events", response={200: list[EventOut], **ERRORS}, tags=["cases"])
def case_event_list(request: HttpRequest, case_id: int, limit: int = Query(100, ge=1, le=1000),
                    kind: str | None = None) -> Any:
    """The case's activity log, newest first (append-only)."""
    events = case_events(case_for_user(_user(request), case_id))
    if kind:
        events = events.filter(kind=kind)
    return list(events[:limit])


# Intake ----------------------------------------------------------------------------------------------

def _intake(case: Case) -> dict[str, Any]:
    labels = dict(DisputeType.choices)
    return {"case_id": case.pk, "answers": case.intake, "dispute_types": case.dispute_types,
            "types_confirmed_at": case.types_confirmed_at,
            "suggestions": [{"type": s.type, "label": labels.get(s.type, s.type), "score": s.score,
                             "reasons": s.reasons} for s in intake_suggestions(case)]}


@router.get("/cases/{case_id}/intake", response={200: IntakeOut, **ERRORS}, tags=["intake"])
def intake_detail(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """The intake answers and the dispute types they suggest, each with its reasons."""
    return _intake(case_for_user(_user(request), case_id))


@router.patch("/cases/{case_id}/intake", response={200: IntakeOut, **ERRORS}, tags=["intake"])
def intake_save(request: HttpRequest, case_id: int, payload: IntakeIn) -> dict[str, Any]:
    """Save intake answers (fields left out keep their answer) and return fresh suggestions."""
    case = case_for_user(_user(request), case_id, need="edit")
    answers = {k: ("" if v is None else v) for k, v in payload.model_dump(exclude_unset=True).items()}
    return _intake(services.case_intake_save(actor=_user(request), case=case, answers=answers))


@router.post("/cases/{case_id}/intake/types", response={200: IntakeOut, **ERRORS}, tags=["intake"])
def intake_confirm_types(request: HttpRequest, case_id: int, payload: TypesIn) -> dict[str, Any]:
    """Confirm the dispute types of the case (at least one)."""
    case = case_for_user(_user(request), case_id, need="edit")
    return _intake(services.case_types_confirm(actor=_user(request), case=case,
                                              dispute_types=list(payload.dispute_types)))


# Deadlines -------------------------------------------------------------------------------------------

@router.get("/cases/{case_id}/deadlines", response={200: list[DeadlineOut], **ERRORS}, tags=["deadlines"])
def deadline_list(request: HttpRequest, case_id: int, open_only: bool = False) -> Any:
    deadlines = case_for_user(_user(request), case_id).deadlines.order_by("due_at", "pk")
    if open_only:
        deadlines = deadlines.filter(done_at__isnull=True, cancelled_at__isnull=True)
    return list(deadlines)


@router.post("/cases/{case_id}/deadlines", response={201: DeadlineOut, **ERRORS}, tags=["deadlines"])
def deadline_add(request: HttpRequest, case_id: int, payload: DeadlineIn) -> tuple[int, Any]:
    """Add a deadline (in the future, with a time zone offset)."""
    case = case_for_user(_user(request), case_id, need="edit")
    return 201, services.deadline_add(actor=_user(request), case=case, **payload.model_dump())


@router.get("/cases/{case_id}/deadlines/{deadline_id}", response={200: DeadlineOut, **ERRORS}, tags=["deadlines"])
def deadline_detail(request: HttpRequest, case_id: int, deadline_id: int) -> Any:
    case = case_for_user(_user(request), case_id)
    return deadline_for_user(_user(request), case, deadline_id)


@router.post("/cases/{case_id}/deadlines/{deadline_id}/done", response={200: DeadlineOut, **ERRORS},
             tags=["deadlines"])
def deadline_done(request: HttpRequest, case_id: int, deadline_id: int) -> Any:
    """Mark a deadline as met."""
    case = case_for_user(_user(request), case_id, need="edit")
    return services.deadline_complete(actor=_user(request), deadline=deadline_for_user(_user(request), case,
                                                                                      deadline_id))


@router.post("/cases/{case_id}/deadlines/{deadline_id}/cancel", response={200: DeadlineOut, **ERRORS},
             tags=["deadlines"])
def deadline_cancel(request: HttpRequest, case_id: int, deadline_id: int,
                    payload: DeadlineCancelIn | None = None) -> Any:
    """Cancel a deadline that no longer applies (an optional reason goes into the case log)."""
    case = case_for_user(_user(request), case_id, need="edit")
    deadline = deadline_for_user(_user(request), case, deadline_id)
    return services.deadline_cancel(actor=_user(request), deadline=deadline, reason=payload.reason if payload else "")
