"""Negotiation pages: calculator and options (the freelancer's side), offers and counter-offers,
blind bidding and agreements (everyone in the room, each seeing only what is theirs to see).

Each view: gate (`case_for_user`), role check (`require_role`, 404 otherwise), form, one service, render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from amicable.cases.selectors import case_for_user
from amicable.mediation.selectors import require_role
from amicable.mediation.views import room_context

from . import services
from .calc import CalcError, calculate
from .facts import facts_for, inputs_for
from .forms import AgreementForm, BidForm, BidOpenForm, CalculatorForm, OfferForm, ResponseForm
from .models import Offer, Party
from .options import DISPUTE_TYPES, generate_options
from .selectors import (
    agreement_for,
    bid_round_for,
    live_agreement,
    offer_for,
    open_round,
    party_for,
    rounds_for,
    thread_of,
    threads,
)

EDITORS = ("owner", "member")
FREELANCER_SIDE = ("owner", "member", "readonly")
ROOM = (*FREELANCER_SIDE, "client", "mediator", "counsel")


def _room_case(request: HttpRequest, case_id: int, *roles: str) -> tuple[Any, str]:
    case = case_for_user(request.user, case_id, need="room")
    return case, require_role(request.user, case, *roles)


def _analysis(case: Any) -> dict[str, Any]:
    """The calculator's bases and the generated options (or the input problem that stops them)."""
    try:
        facts = facts_for(case)
        settlement = calculate(facts)
    except CalcError as exc:
        return {"calc_error": f"{exc.field}: {exc.message}"}
    types = [t for t in case.dispute_types if t in DISPUTE_TYPES]
    options = generate_options(facts, settlement, types, timezone.localdate())
    return {"settlement": settlement, "options": options}


def overview(request: HttpRequest, case_id: int, calc_form: CalculatorForm | None = None,
             status: int = 200) -> HttpResponse:
    case, role = _room_case(request, case_id, *FREELANCER_SIDE)
    context = {
        **room_context(request, case, role), **_analysis(case),
        "threads": threads(case, request.user), "rounds": rounds_for(case, request.user),
        "open_round": open_round(case), "agreement": live_agreement(case),
        "calc_form": calc_form or CalculatorForm(initial=CalculatorForm.initial_from(inputs_for(case))),
        "bid_open_form": BidOpenForm(), "bid_form": BidForm(),
    }
    return render(request, "negotiation/overview.html", context, status=status)


@require_POST
def calculator_save(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _ = _room_case(request, case_id, *EDITORS)
    form = CalculatorForm(request.POST)
    if form.is_valid():
        try:
            services.calculator_inputs_update(actor=request.user, case=case, **form.service_fields())
        except ValidationError as exc:
            form.apply_service_error(exc)
        else:
            messages.success(request, "Calculator facts saved.")
            return redirect("negotiation:overview", case_id=case.pk)
    return overview(request, case_id, calc_form=form, status=400)


def _offer_page(request: HttpRequest, case: Any, role: str, form: OfferForm, *, title: str,
                action: str, parent: Offer | None = None, status: int = 200) -> HttpResponse:
    context = {**room_context(request, case, role), "form": form, "title": title, "action": action,
               "parent": parent}
    return render(request, "negotiation/offer_form.html", context, status=status)


def _save_offer(request: HttpRequest, form: OfferForm, call: Any) -> Any:
    """Run `call(terms, message, expires_at)`; put service errors on the form. Returns the result or None."""
    if not form.is_valid():
        return None
    try:
        return call(form.terms(), form.cleaned_data["message"], form.expires_at())
    except ValidationError as exc:
        form.apply_service_error(_flatten_terms_errors(exc))
        return None


def _flatten_terms_errors(exc: ValidationError) -> ValidationError:
    """Map "terms.instalments[0].due" onto the form's "instalments" field (keeping the precise text)."""
    if not hasattr(exc, "error_dict"):
        return exc
    mapped: dict[str, list[str]] = {}
    for field, msgs in exc.message_dict.items():
        name = field.removeprefix("terms.")
        base = name.split("[")[0].split(".")[0]
        label = f"{name}: " if name != base else ""
        mapped.setdefault(base if base in OfferForm.base_fields else "__all__", []).extend(label + m for m in msgs)
    return ValidationError(mapped)


def offer_new(request: HttpRequest, case_id: int) -> HttpResponse:
    case, role = _room_case(request, case_id, *EDITORS, "mediator")
    option_key = request.GET.get("option", "")
    if request.method == "POST":
        form = OfferForm(request.POST)
        send = "send" in request.POST
        offer = _save_offer(request, form, lambda terms, message, expires: services.offer_create(
            actor=request.user, case=case, terms=terms, message=message, expires_at=expires, send=send,
            option_key=request.POST.get("option_key", "")))
        if offer is not None:
            messages.success(request, "Offer sent." if send else "Draft saved. Send it when it is ready.")
            return redirect("negotiation:offer", case_id=case.pk, offer_id=offer.pk)
        return _offer_page(request, case, role, form, title="New offer", action="new", status=400)
    initial: dict[str, Any] = {"expires_in_days": 7}
    analysis = _analysis(case) if option_key else {}
    option = analysis.get("options").get(option_key) if analysis.get("options") else None
    if option is not None:
        initial = OfferForm.initial_from_terms(option.terms, option.rationale)
    return _offer_page(request, case, role, OfferForm(initial=initial), title="New offer", action="new")


def offer_detail(request: HttpRequest, case_id: int, offer_id: int) -> HttpResponse:
    case, role = _room_case(request, case_id, *ROOM)
    offer = offer_for(case, request.user, offer_id)
    party = party_for(request.user, case)
    context = {**room_context(request, case, role), "offer": offer, "thread": thread_of(offer, request.user),
               "party": party, "response_form": ResponseForm(),
               "can_answer": offer.status == "sent" and party in (Party.FREELANCER, Party.CLIENT)
               and party != offer.from_party,
               "can_counter": offer.status == "sent" and party is not None and party != offer.from_party,
               "can_withdraw": offer.status in ("sent", "draft") and party == offer.from_party,
               "is_expired": offer.is_expired()}
    return render(request, "negotiation/offer_detail.html", context)


def offer_edit(request: HttpRequest, case_id: int, offer_id: int) -> HttpResponse:
    case, role = _room_case(request, case_id, *EDITORS, "mediator")
    offer = offer_for(case, request.user, offer_id)
    if offer.status != Offer.Status.DRAFT or offer.from_party != party_for(request.user, case):
        raise Http404("Not a draft of yours")
    if request.method == "POST":
        form = OfferForm(request.POST)
        saved = _save_offer(request, form, lambda terms, message, expires: services.offer_update_draft(
            actor=request.user, offer=offer, terms=terms, message=message, expires_at=expires))
        if saved is not None:
            messages.success(request, "Draft saved.")
            return redirect("negotiation:offer", case_id=case.pk, offer_id=offer.pk)
        return _offer_page(request, case, role, form, title="Edit draft", action="edit", status=400)
    form = OfferForm(initial=OfferForm.initial_from_terms(offer.terms, offer.message))
    return _offer_page(request, case, role, form, title="Edit draft", action="edit")


def offer_counter(request: HttpRequest, case_id: int, offer_id: int) -> HttpResponse:
    case, role = _room_case(request, case_id, *EDITORS, "client", "mediator")
    offer = offer_for(case, request.user, offer_id)
    if offer.status == Offer.Status.DRAFT:
        raise Http404("Not sent")
    if request.method == "POST":
        form = OfferForm(request.POST)
        counter = _save_offer(request, form, lambda terms, message, expires: services.offer_counter(
            actor=request.user, offer=offer, terms=terms, message=message, expires_at=expires))
        if counter is not None:
            messages.success(request, "Counter-offer sent.")
            return redirect("negotiation:offer", case_id=case.pk, offer_id=counter.pk)
        return _offer_page(request, case, role, form, title="Counter-offer", action="counter", parent=offer,
                           status=400)
    form = OfferForm(initial=OfferForm.initial_from_terms(offer.terms))
    return _offer_page(request, case, role, form, title="Counter-offer", action="counter", parent=offer)


def _offer_action(request: HttpRequest, case_id: int, offer_id: int, roles: tuple[str, ...], call: Any,
                  done: str) -> HttpResponse:
    case, _ = _room_case(request, case_id, *roles)
    offer = offer_for(case, request.user, offer_id)
    try:
        result = call(offer)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("negotiation:offer", case_id=case.pk, offer_id=offer.pk)
    messages.success(request, done)
    if result is None:
        return redirect("negotiation:overview", case_id=case.pk)
    if hasattr(result, "acceptances"):
        return redirect("negotiation:agreement", case_id=case.pk, agreement_id=result.pk)
    return redirect("negotiation:offer", case_id=case.pk, offer_id=offer.pk)


@require_POST
def offer_send(request: HttpRequest, case_id: int, offer_id: int) -> HttpResponse:
    return _offer_action(request, case_id, offer_id, (*EDITORS, "mediator"),
                         lambda o: services.offer_send(actor=request.user, offer=o), "Offer sent.")


@require_POST
def offer_accept(request: HttpRequest, case_id: int, offer_id: int) -> HttpResponse:
    return _offer_action(request, case_id, offer_id, (*EDITORS, "client"),
                         lambda o: services.offer_accept(actor=request.user, offer=o), "Offer accepted.")


@require_POST
def offer_reject(request: HttpRequest, case_id: int, offer_id: int) -> HttpResponse:
    note = request.POST.get("note", "")
    return _offer_action(request, case_id, offer_id, (*EDITORS, "client"),
                         lambda o: services.offer_reject(actor=request.user, offer=o, note=note), "Offer rejected.")


@require_POST
def offer_withdraw(request: HttpRequest, case_id: int, offer_id: int) -> HttpResponse:
    return _offer_action(request, case_id, offer_id, (*EDITORS, "client", "mediator"),
                         lambda o: services.offer_withdraw(actor=request.user, offer=o), "Offer withdrawn.")


def bids(request: HttpRequest, case_id: int, bid_form: BidForm | None = None, warning: str = "",
         status: int = 200) -> HttpResponse:
    case, role = _room_case(request, case_id, *FREELANCER_SIDE, "client", "mediator")
    context = {**room_context(request, case, role), "rounds": rounds_for(case, request.user),
               "open_round": open_round(case), "party": party_for(request.user, case),
               "bid_open_form": BidOpenForm(), "bid_form": bid_form or BidForm(), "warning": warning,
               "agreement": live_agreement(case)}
    return render(request, "negotiation/bids.html", context, status=status)


@require_POST
def bid_open(request: HttpRequest, case_id: int) -> HttpResponse:
    case, _ = _room_case(request, case_id, *EDITORS, "client")
    form = BidOpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The agreed gap must be a percentage between 0 and 50.")
        return redirect("negotiation:bids", case_id=case.pk)
    try:
        services.bid_round_open(actor=request.user, case=case, gap_percent=form.cleaned_data["gap_percent"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, "Round opened. Enter your figure: nobody else will see it.")
    return redirect("negotiation:bids", case_id=case.pk)


@require_POST
def bid_enter(request: HttpRequest, case_id: int, round_id: int) -> HttpResponse:
    case, _ = _room_case(request, case_id, *EDITORS, "client")
    bid_round = bid_round_for(case, round_id)
    form = BidForm(request.POST)
    if not form.is_valid():
        return bids(request, case_id, bid_form=form, status=400)
    try:
        services.bid_enter(actor=request.user, bid_round=bid_round, figure=form.cleaned_data["figure"],
                           confirm=form.cleaned_data["confirm"])
    except services.NeedsConfirmation as exc:
        confirm = BidForm(initial={"figure": form.cleaned_data["figure"], "confirm": True})
        return bids(request, case_id, bid_form=confirm, warning=exc.messages[0], status=400)
    except ValidationError as exc:
        form.apply_service_error(exc)
        return bids(request, case_id, bid_form=form, status=400)
    bid_round.refresh_from_db()
    messages.success(request, {"open": "Your figure is in. The result appears when the other side has bid.",
                               "settled": "Both figures are in: the case settled.",
                               "no_settlement": "Both figures are in: no settlement this round."}[bid_round.status])
    return redirect("negotiation:bids", case_id=case.pk)


def agreement_detail(request: HttpRequest, case_id: int, agreement_id: int) -> HttpResponse:
    case, role = _room_case(request, case_id, *ROOM)
    agreement = agreement_for(case, agreement_id)
    party = party_for(request.user, case)
    accepted = {a.party for a in agreement.acceptances.all()}
    context = {**room_context(request, case, role), "agreement": agreement,
               "doc": services.agreement_document(agreement), "party": party,
               "can_accept": agreement.status == "pending" and party in (Party.FREELANCER, Party.CLIENT)
               and party not in accepted}
    return render(request, "negotiation/agreement.html", context)


def agreement_pdf(request: HttpRequest, case_id: int, agreement_id: int) -> HttpResponse:
    case, _ = _room_case(request, case_id, *ROOM)
    agreement = agreement_for(case, agreement_id)
    data = type(agreement).objects.filter(pk=agreement.pk).values_list("pdf", flat=True).first()
    if agreement.status != "agreed" or not data:
        raise Http404("The PDF exists once both parties have accepted")
    response = HttpResponse(bytes(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agreement-case-{case.pk}.pdf"'
    return response


@require_POST
def agreement_accept(request: HttpRequest, case_id: int, agreement_id: int) -> HttpResponse:
    case, _ = _room_case(request, case_id, *EDITORS, "client")
    agreement = agreement_for(case, agreement_id)
    try:
        agreement = services.agreement_accept(actor=request.user, agreement=agreement)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, "Agreement signed by both parties." if agreement.status == "agreed"
                         else "Your acceptance is recorded. The agreement is final once the other party accepts.")
    return redirect("negotiation:agreement", case_id=case.pk, agreement_id=agreement.pk)


@require_POST
def agreement_decline(request: HttpRequest, case_id: int, agreement_id: int) -> HttpResponse:
    case, _ = _room_case(request, case_id, *EDITORS, "client")
    agreement = agreement_for(case, agreement_id)
    try:
        services.agreement_decline(actor=request.user, agreement=agreement, note=request.POST.get("note", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, "You declined the agreement. The negotiation continues.")
    return redirect("negotiation:agreement", case_id=case.pk, agreement_id=agreement.pk)


def agreement_record(request: HttpRequest, case_id: int) -> HttpResponse:
    case, role = _room_case(request, case_id, "mediator")
    form = AgreementForm(request.POST or None, initial={"currency": case.engagement.currency})
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_record(actor=request.user, case=case, terms=form.terms(),
                                                  note=form.cleaned_data["message"])
        except ValidationError as exc:
            form.apply_service_error(_flatten_terms_errors(exc))
        else:
            messages.success(request, "Agreement recorded. Each party now accepts it.")
            return redirect("negotiation:agreement", case_id=case.pk, agreement_id=agreement.pk)
    context = {**room_context(request, case, role), "form": form, "title": "Record the agreement",
               "action": "record", "parent": None}
    return render(request, "negotiation/offer_form.html", context, status=400 if form.errors else 200)
