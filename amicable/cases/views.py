"""Pages for clients, engagements and cases. Each view: gate, validate, one service, render."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from amicable.accounts.selectors import current_workspace
from amicable.lib.money import format_money

from . import services
from .flows import allowed_moves, case_transition
from .forms import (
    CaseOpenForm,
    ClientForm,
    ConfirmTypesForm,
    DeadlineForm,
    EngagementForm,
    IntakeForm,
    InvoiceForm,
    MilestoneForm,
    PaymentForm,
    TransitionForm,
)
from .models import DisputeType, Stage
from .playbook import current_step, playbook_for
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
    may_edit,
    open_cases,
    upcoming_deadlines,
)


def dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.memberships.exists():
        # An invited client, mediator or counsel: only the rooms of the cases they were invited to.
        rooms = cases_visible_to(request.user, need="room").filter(grants__user=request.user,
                                                                  grants__revoked_at__isnull=True)
        return render(request, "cases/rooms_home.html", {"rooms": rooms})
    cases = list(open_cases(request.user))
    by_stage: dict[str, list[object]] = defaultdict(list)
    money: dict[str, Decimal] = defaultdict(Decimal)
    for case in cases:
        by_stage[case.stage].append(case)
        if case.amount_in_dispute:
            money[case.currency] += case.amount_in_dispute
    stages = [(s, by_stage.get(s.value, [])) for s in Stage if s != Stage.CLOSED]
    return render(request, "cases/dashboard.html", {
        "stages": stages, "open_count": len(cases), "deadlines": upcoming_deadlines(request.user),
        "money": sorted((c, format_money(v, c)) for c, v in money.items()),
        "has_clients": clients_visible_to(request.user).exists(), "now": timezone.now(),
    })


def case_list(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "open")
    cases = cases_visible_to(request.user)
    cases = cases.filter(stage=Stage.CLOSED) if show == "closed" else cases.exclude(stage=Stage.CLOSED)
    return render(request, "cases/case_list.html", {"cases": cases.order_by("-opened_at"), "show": show})


# Clients -------------------------------------------------------------------------------------------

def client_list(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/client_list.html", {"clients": clients_visible_to(request.user)})


def client_new(request: HttpRequest) -> HttpResponse:
    workspace = current_workspace(request, need="edit")
    form = ClientForm(request.POST or None)
    if workspace is None:
        messages.error(request, "You have read-only access: ask an owner to add clients.")
        return redirect("cases:client_list")
    if request.method == "POST" and form.is_valid():
        try:
            client = services.client_create(actor=request.user, workspace=workspace, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, f"Client “{client.name}” added.")
            return redirect("cases:client_detail", client_id=client.pk)
    return render(request, "cases/client_form.html", {"form": form, "client": None})


def client_detail(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for_user(request.user, client_id)
    return render(request, "cases/client_detail.html", {
        "client": client, "engagements": client.engagements.all(),
        "cases": cases_visible_to(request.user).filter(engagement__client=client),
        "can_edit": may_edit(request.user, client)})


def client_edit(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for_user(request.user, client_id, need="edit")
    initial = {f: getattr(client, f) for f in services.CLIENT_FIELDS}
    form = ClientForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.client_update(actor=request.user, client=client, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, "Client saved.")
            return redirect("cases:client_detail", client_id=client.pk)
    return render(request, "cases/client_form.html", {"form": form, "client": client})


# Engagements ---------------------------------------------------------------------------------------

def engagement_list(request: HttpRequest) -> HttpResponse:
    engagements = engagements_visible_to(request.user).prefetch_related("invoices__payments", "cases")
    return render(request, "cases/engagement_list.html", {"engagements": engagements})


def _client_choices(request: HttpRequest) -> list[tuple[int, str]]:
    return [(c.pk, c.name) for c in clients_visible_to(request.user, need="edit")]


def engagement_new(request: HttpRequest) -> HttpResponse:
    initial = {"client": request.GET.get("client", ""), "currency": "EUR"}
    workspace = current_workspace(request, need="edit")
    if workspace is not None:
        initial["currency"] = workspace.base_currency
    form = EngagementForm(request.POST or None, initial=initial, clients=_client_choices(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        client = client_for_user(request.user, data.pop("client"), need="edit")
        try:
            engagement = services.engagement_create(actor=request.user, client=client, **data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, f"Engagement “{engagement.title}” added. Add its milestones and invoices below.")
            return redirect("cases:engagement_detail", engagement_id=engagement.pk)
    return render(request, "cases/engagement_form.html", {"form": form, "engagement": None,
                                                           "has_clients": bool(form.fields["client"].choices[1:])})


def engagement_edit(request: HttpRequest, engagement_id: int) -> HttpResponse:
    engagement = engagement_for_user(request.user, engagement_id, need="edit")
    fields = ("title", "scope", "currency", "rate", "rate_unit", "start_date", "end_date")
    initial = {f: getattr(engagement, f) for f in fields} | {"client": engagement.client_id}
    form = EngagementForm(request.POST or None, initial=initial, clients=_client_choices(request))
    form.fields["client"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "client"}
        try:
            services.engagement_update(actor=request.user, engagement=engagement, **data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, "Engagement saved.")
            return redirect("cases:engagement_detail", engagement_id=engagement.pk)
    return render(request, "cases/engagement_form.html", {"form": form, "engagement": engagement, "has_clients": True})


def _engagement_page(request: HttpRequest, engagement: object, status: int = 200, **forms: object) -> HttpResponse:
    invoices = list(engagement.invoices.prefetch_related("payments"))  # type: ignore[attr-defined]
    context = {
        "engagement": engagement, "milestones": engagement.milestones.all(),  # type: ignore[attr-defined]
        "invoices": invoices, "cases": engagement.cases.all(),  # type: ignore[attr-defined]
        "can_edit": may_edit(request.user, engagement), "today": timezone.localdate(),
        "milestone_form": forms.get("milestone_form") or MilestoneForm(prefix="ms"),
        "invoice_form": forms.get("invoice_form") or InvoiceForm(prefix="inv"),
        "payment_form": forms.get("payment_form") or PaymentForm(prefix="pay"),
        "payment_invoice": forms.get("payment_invoice"),
    }
    return render(request, "cases/engagement_detail.html", context, status=status)


def engagement_detail(request: HttpRequest, engagement_id: int) -> HttpResponse:
    return _engagement_page(request, engagement_for_user(request.user, engagement_id))


@require_POST
def milestone_add(request: HttpRequest, engagement_id: int) -> HttpResponse:
    engagement = engagement_for_user(request.user, engagement_id, need="edit")
    form = MilestoneForm(request.POST, prefix="ms")
    if form.is_valid():
        try:
            services.milestone_add(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, "Milestone added.")
            return redirect("cases:engagement_detail", engagement_id=engagement.pk)
    return _engagement_page(request, engagement, status=400, milestone_form=form)


@require_POST
def milestone_status(request: HttpRequest, engagement_id: int, milestone_id: int) -> HttpResponse:
    engagement = engagement_for_user(request.user, engagement_id, need="edit")
    milestone = engagement.milestones.filter(pk=milestone_id).first()
    if milestone is None:
        from django.http import Http404

        raise Http404("No such milestone")
    try:
        services.milestone_set_status(actor=request.user, milestone=milestone, status=request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Milestone “{milestone.title}” updated.")
    return redirect("cases:engagement_detail", engagement_id=engagement.pk)


@require_POST
def invoice_add(request: HttpRequest, engagement_id: int) -> HttpResponse:
    engagement = engagement_for_user(request.user, engagement_id, need="edit")
    form = InvoiceForm(request.POST, prefix="inv")
    if form.is_valid():
        try:
            services.invoice_add(actor=request.user, engagement=engagement, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, "Invoice added.")
            return redirect("cases:engagement_detail", engagement_id=engagement.pk)
    return _engagement_page(request, engagement, status=400, invoice_form=form)


@require_POST
def payment_add(request: HttpRequest, engagement_id: int, invoice_id: int) -> HttpResponse:
    engagement = engagement_for_user(request.user, engagement_id, need="edit")
    invoice = engagement.invoices.filter(pk=invoice_id).first()
    if invoice is None:
        from django.http import Http404

        raise Http404("No such invoice")
    form = PaymentForm(request.POST, prefix="pay")
    if form.is_valid():
        try:
            services.payment_record(actor=request.user, invoice=invoice, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, f"Payment recorded on invoice {invoice.number}.")
            return redirect("cases:engagement_detail", engagement_id=engagement.pk)
    return _engagement_page(request, engagement, status=400, payment_form=form, payment_invoice=invoice.pk)


# Cases ---------------------------------------------------------------------------------------------

def case_new(request: HttpRequest) -> HttpResponse:
    choices = [(e.pk, f"{e.title} — {e.client.name}") for e in engagements_visible_to(request.user, need="edit")]
    form = CaseOpenForm(request.POST or None, initial={"engagement": request.GET.get("engagement", "")})
    form.fields["engagement"].choices = [("", "Choose an engagement…"), *choices]
    if request.method == "POST" and form.is_valid():
        engagement = engagement_for_user(request.user, form.cleaned_data["engagement"], need="edit")
        try:
            case = services.case_open(actor=request.user, engagement=engagement, title=form.cleaned_data["title"])
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, "Case opened. Start with the intake: it takes about five minutes.")
            return redirect("cases:intake", case_id=case.pk)
    return render(request, "cases/case_new.html", {"form": form, "has_engagements": bool(choices)})


def _case_page(request: HttpRequest, case: object, status: int = 200, **forms: object) -> HttpResponse:
    steps = playbook_for(case, request.user)  # type: ignore[arg-type]
    moves = [(s, Stage(s).label) for s in allowed_moves(case.stage)]  # type: ignore[attr-defined]
    context = {
        "case": case, "steps": steps, "current": current_step(steps), "can_edit": may_edit(request.user, case),
        "events": case_events(case, limit=50),  # type: ignore[arg-type]
        "deadlines": case.deadlines.all(),  # type: ignore[attr-defined]
        "stages": [s for s in Stage], "now": timezone.now(),
        "transition_form": forms.get("transition_form") or TransitionForm(moves=moves),
        "deadline_form": forms.get("deadline_form") or DeadlineForm(),
    }
    return render(request, "cases/case_detail.html", context, status=status)


def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_page(request, case_for_user(request.user, case_id))


@require_POST
def case_transition_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id, need="edit")
    moves = [(s, Stage(s).label) for s in allowed_moves(case.stage)]
    form = TransitionForm(request.POST, moves=moves)
    if form.is_valid():
        try:
            case_transition(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, f"The case is now in {case.get_stage_display().lower()}.")
            return redirect("cases:case_detail", case_id=case.pk)
    return _case_page(request, case, status=400, transition_form=form)


@require_POST
def deadline_add(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id, need="edit")
    form = DeadlineForm(request.POST)
    if form.is_valid():
        try:
            services.deadline_add(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, "Deadline added.")
            return redirect("cases:case_detail", case_id=case.pk)
    return _case_page(request, case, status=400, deadline_form=form)


@require_POST
def deadline_close(request: HttpRequest, case_id: int, deadline_id: int, action: str) -> HttpResponse:
    case = case_for_user(request.user, case_id, need="edit")
    deadline = deadline_for_user(request.user, case, deadline_id)
    service = services.deadline_complete if action == "done" else services.deadline_cancel
    try:
        service(actor=request.user, deadline=deadline)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("cases:case_detail", case_id=case.pk)


def deadlines_ics(request: HttpRequest, case_id: int) -> HttpResponse:
    from .ics import deadlines_calendar

    case = case_for_user(request.user, case_id)
    body = deadlines_calendar(case, case.deadlines.filter(done_at__isnull=True, cancelled_at__isnull=True))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="case-{case.pk}-deadlines.ics"'
    return response


# Intake (step 3) -----------------------------------------------------------------------------------

def intake(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id)
    editable = may_edit(request.user, case)
    initial = {"currency": case.currency, **case.intake}
    form = IntakeForm(request.POST or None, initial=initial)
    if request.method == "POST":
        case = case_for_user(request.user, case_id, need="edit")
        if form.is_valid():
            try:
                services.case_intake_save(actor=request.user, case=case, answers=form.cleaned_data)
            except ValidationError as exc:
                form.apply_service_error(exc)
            else:
                messages.success(request, "Intake saved. Check the dispute types we suggest below.")
                return redirect(f"{request.path}#types")
    suggestions = intake_suggestions(case)
    chosen = case.dispute_types or [s.type for s in suggestions]
    types_form = ConfirmTypesForm(initial={"dispute_types": chosen})
    return render(request, "cases/intake.html", {
        "case": case, "form": form, "types_form": types_form, "suggestions": suggestions, "editable": editable,
        "reasons": {s.type: s.reasons for s in suggestions}, "type_choices": DisputeType.choices, "chosen": chosen,
    }, status=400 if request.method == "POST" else 200)


def intake_suggest(request: HttpRequest, case_id: int) -> HttpResponse:
    """HTMX: suggestions for the answers typed so far (nothing is saved)."""
    case = case_for_user(request.user, case_id)
    answers = {k: request.GET.get(k, "") for k in ("agreed", "delivered", "client_says", "you_say", "desired_outcome")}
    return render(request, "cases/_suggestions.html", {"suggestions": intake_suggestions(case, answers),
                                                        "labels": dict(DisputeType.choices)})


@require_POST
def intake_confirm_types(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for_user(request.user, case_id, need="edit")
    form = ConfirmTypesForm(request.POST)
    if form.is_valid():
        try:
            services.case_types_confirm(actor=request.user, case=case, dispute_types=form.cleaned_data["dispute_types"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Dispute types confirmed. Here is your playbook.")
            return redirect("cases:case_detail", case_id=case.pk)
    else:
        messages.error(request, "Choose at least one type of dispute (or “Other”).")
    return redirect(f"/cases/{case.pk}/intake/#types")
