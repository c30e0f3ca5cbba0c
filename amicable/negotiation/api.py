"""JSON API for negotiation: settlement, options, offers, bid rounds, agreements.

Same gate and role rules as the pages (anything out of reach is a 404). A bid round never shows the
other party's figure: `my_figure` is the caller's own, and only for the party the caller acts for.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import AwareDatetime

from amicable.cases.schemas import ERRORS, Amount, ErrorOut, In, money
from amicable.cases.selectors import case_for_user
from amicable.mediation.selectors import require_role

from . import services
from .calc import CalcError, calculate
from .facts import facts_for
from .options import DISPUTE_TYPES, generate_options
from .selectors import agreement_for, bid_round_for, offer_for, offers_visible, rounds_for

router = Router(tags=["negotiation"])
EDITORS = ("owner", "member")
FREELANCER_SIDE = ("owner", "member", "readonly")
ROOM = (*FREELANCER_SIDE, "client", "mediator", "counsel")


def _case(request: HttpRequest, case_id: int, *roles: str) -> Any:
    case = case_for_user(request.auth, case_id, need="room")
    require_role(request.auth, case, *roles)
    return case


class LineOut(Schema):
    label: str
    amount: Decimal
    source: str


class BasisOut(Schema):
    key: str
    title: str
    explanation: str
    total: str
    lines: list[LineOut]


class SettlementOut(Schema):
    currency: str
    received: str
    bases: list[BasisOut]
    notes: list[str]


class OptionOut(Schema):
    key: str
    title: str
    amount: str
    currency: str
    basis: str
    rationale: str
    trade_offs: list[str]
    terms: dict[str, Any]


class OptionsOut(Schema):
    options: list[OptionOut]
    skipped: list[dict[str, str]]


class OfferIn(In):
    terms: dict[str, Any]
    message: str = ""
    expires_at: AwareDatetime | None = None
    send: bool = False


class CounterIn(In):
    terms: dict[str, Any]
    message: str = ""
    expires_at: AwareDatetime | None = None


class NoteIn(In):
    note: str = ""


class OfferOut(Schema):
    id: int
    thread_id: int
    parent_id: int | None
    from_party: str
    status: str
    terms: dict[str, Any]
    message: str
    expires_at: datetime
    sent_at: datetime | None
    responded_at: datetime | None


class RoundOut(Schema):
    id: int
    number: int
    status: str
    currency: str
    gap_percent: Decimal
    settled_amount: str | None
    my_figure: str | None
    i_entered: bool
    other_entered: bool


class RoundIn(In):
    gap_percent: Decimal = Decimal(10)


class FigureIn(In):
    figure: Amount
    confirm: bool = False


class AcceptanceOut(Schema):
    party: str
    name: str
    at: datetime


class AgreementOut(Schema):
    id: int
    status: str
    source: str
    terms: dict[str, Any]
    recorded_at: datetime
    agreed_at: datetime | None
    fingerprint: str
    pdf_sha256: str
    acceptances: list[AcceptanceOut]


def _offer_out(offer: Any) -> dict[str, Any]:
    return {"id": offer.pk, "thread_id": offer.thread_id, "parent_id": offer.parent_id,
            "from_party": offer.from_party, "status": offer.status, "terms": offer.terms, "message": offer.message,
            "expires_at": offer.expires_at, "sent_at": offer.sent_at, "responded_at": offer.responded_at}


def _round_out(view: Any) -> dict[str, Any]:
    r = view.round
    return {"id": r.pk, "number": r.number, "status": r.status, "currency": r.currency,
            "gap_percent": r.gap_percent, "settled_amount": money(r.settled_amount, r.currency),
            "my_figure": money(view.my_figure, r.currency),
            "i_entered": view.i_entered, "other_entered": view.other_entered}


def _agreement_out(agreement: Any) -> dict[str, Any]:
    return {"id": agreement.pk, "status": agreement.status, "source": agreement.source, "terms": agreement.terms,
            "recorded_at": agreement.recorded_at, "agreed_at": agreement.agreed_at,
            "fingerprint": agreement.fingerprint, "pdf_sha256": agreement.pdf_sha256,
            "acceptances": [{"party": a.party, "name": a.user.name, "at": a.at}
                            for a in agreement.acceptances.select_related("user")]}


@router.get("/cases/{case_id}/settlement", response={200: SettlementOut, **ERRORS},
            summary="What is owed, on each basis")
def settlement(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = _case(request, case_id, *FREELANCER_SIDE)
    try:
        result = calculate(facts_for(case))
    except CalcError as exc:
        from amicable.api.errors import ApiError

        raise ApiError(exc.message, field=exc.field) from None
    return {"currency": result.currency, "received": money(result.received, result.currency),
            "notes": list(result.notes),
            "bases": [{"key": b.key, "title": b.title, "explanation": b.explanation,
                       "total": money(b.total, result.currency), "lines": [vars(ln) for ln in b.lines]}
                      for b in result.bases]}


@router.get("/cases/{case_id}/options", response={200: OptionsOut, **ERRORS},
            summary="Settlement options for the dispute types")
def options(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = _case(request, case_id, *FREELANCER_SIDE)
    facts = facts_for(case)
    result = generate_options(facts, calculate(facts), [t for t in case.dispute_types if t in DISPUTE_TYPES],
                              timezone.localdate())
    return {"options": [{**vars(o), "amount": money(o.amount, o.currency), "trade_offs": list(o.trade_offs)}
                        for o in result.options],
            "skipped": [{"key": k, "reason": why} for k, why in result.skipped]}


@router.get("/cases/{case_id}/offers", response={200: list[OfferOut], **ERRORS},
            summary="Offers you may see, oldest first")
def offer_list(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    case = _case(request, case_id, *ROOM)
    return [_offer_out(o) for o in offers_visible(case, request.auth).order_by("created_at", "pk")]


@router.post("/cases/{case_id}/offers", response={201: OfferOut, **ERRORS}, summary="Draft (or send) an offer")
def offer_create(request: HttpRequest, case_id: int, payload: OfferIn) -> tuple[int, dict[str, Any]]:
    case = _case(request, case_id, *EDITORS, "mediator")
    offer = services.offer_create(actor=request.auth, case=case, terms=payload.terms, message=payload.message,
                                  expires_at=payload.expires_at, send=payload.send)
    return 201, _offer_out(offer)


@router.get("/cases/{case_id}/offers/{offer_id}", response={200: OfferOut, **ERRORS}, summary="One offer")
def offer_get(request: HttpRequest, case_id: int, offer_id: int) -> dict[str, Any]:
    case = _case(request, case_id, *ROOM)
    return _offer_out(offer_for(case, request.auth, offer_id))


@router.post("/cases/{case_id}/offers/{offer_id}/send", response={200: OfferOut, **ERRORS}, summary="Send a draft")
def offer_send(request: HttpRequest, case_id: int, offer_id: int) -> dict[str, Any]:
    case = _case(request, case_id, *EDITORS, "mediator")
    offer = offer_for(case, request.auth, offer_id)
    return _offer_out(services.offer_send(actor=request.auth, offer=offer))


@router.post("/cases/{case_id}/offers/{offer_id}/accept", response={200: AgreementOut, **ERRORS},
             summary="Accept an offer")
def offer_accept(request: HttpRequest, case_id: int, offer_id: int) -> dict[str, Any]:
    case = _case(request, case_id, *EDITORS, "client")
    offer = offer_for(case, request.auth, offer_id)
    return _agreement_out(services.offer_accept(actor=request.auth, offer=offer))


@router.post("/cases/{case_id}/offers/{offer_id}/reject", response={200: OfferOut, **ERRORS}, summary="Reject an offer")
def offer_reject(request: HttpRequest, case_id: int, offer_id: int, payload: NoteIn) -> dict[str, Any]:
    case = _case(request, case_id, *EDITORS, "client")
    offer = offer_for(case, request.auth, offer_id)
    return _offer_out(services.offer_reject(actor=request.auth, offer=offer, note=payload.note))


@router.post("/cases/{case_id}/offers/{offer_id}/counter", response={201: OfferOut, **ERRORS},
             summary="Counter an offer")
def offer_counter(request: HttpRequest, case_id: int, offer_id: int, payload: CounterIn) -> tuple[int, dict[str, Any]]:
    case = _case(request, case_id, *EDITORS, "client", "mediator")
    offer = offer_for(case, request.auth, offer_id)
    counter = services.offer_counter(actor=request.auth, offer=offer, terms=payload.terms,
                                     message=payload.message, expires_at=payload.expires_at)
    return 201, _offer_out(counter)


@router.post("/cases/{case_id}/offers/{offer_id}/withdraw", response={200: OfferOut, 204: None, **ERRORS},
             summary="Withdraw a sent offer (or discard a draft: 204)")
def offer_withdraw(request: HttpRequest, case_id: int, offer_id: int) -> Any:
    case = _case(request, case_id, *EDITORS, "client", "mediator")
    offer = offer_for(case, request.auth, offer_id)
    result = services.offer_withdraw(actor=request.auth, offer=offer)
    return (204, None) if result is None else (200, _offer_out(result))


@router.get("/cases/{case_id}/bid-rounds", response={200: list[RoundOut], **ERRORS},
            summary="Bid rounds (your own figure only)")
def round_list(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    case = _case(request, case_id, *FREELANCER_SIDE, "client", "mediator")
    return [_round_out(v) for v in rounds_for(case, request.auth)]


@router.post("/cases/{case_id}/bid-rounds", response={201: RoundOut, **ERRORS}, summary="Open the next round")
def round_open(request: HttpRequest, case_id: int, payload: RoundIn) -> tuple[int, dict[str, Any]]:
    case = _case(request, case_id, *EDITORS, "client")
    bid_round = services.bid_round_open(actor=request.auth, case=case, gap_percent=payload.gap_percent)
    view = next(v for v in rounds_for(case, request.auth) if v.round.pk == bid_round.pk)
    return 201, _round_out(view)


@router.post("/cases/{case_id}/bid-rounds/{round_id}/figure", response={200: RoundOut, 409: ErrorOut, **ERRORS},
             summary="Enter your confidential figure (409 asks to confirm a figure far off the amount in dispute)")
def round_figure(request: HttpRequest, case_id: int, round_id: int, payload: FigureIn) -> dict[str, Any]:
    case = _case(request, case_id, *EDITORS, "client")
    bid_round = bid_round_for(case, round_id)
    try:
        services.bid_enter(actor=request.auth, bid_round=bid_round, figure=payload.figure,
                           confirm=payload.confirm)
    except services.NeedsConfirmation as exc:
        from amicable.api.errors import ApiError

        raise ApiError(exc.messages[0] + " Send again with confirm=true.", field="figure", status=409) from None
    view = next(v for v in rounds_for(case, request.auth) if v.round.pk == bid_round.pk)
    return _round_out(view)


@router.get("/cases/{case_id}/agreements/{agreement_id}", response={200: AgreementOut, **ERRORS},
            summary="An agreement")
def agreement_get(request: HttpRequest, case_id: int, agreement_id: int) -> dict[str, Any]:
    case = _case(request, case_id, *ROOM)
    return _agreement_out(agreement_for(case, agreement_id))


@router.post("/cases/{case_id}/agreements/{agreement_id}/accept", response={200: AgreementOut, **ERRORS},
             summary="Accept an agreement for your party")
def agreement_accept(request: HttpRequest, case_id: int, agreement_id: int) -> dict[str, Any]:
    case = _case(request, case_id, *EDITORS, "client")
    agreement = services.agreement_accept(actor=request.auth, agreement=agreement_for(case, agreement_id))
    return _agreement_out(agreement)
