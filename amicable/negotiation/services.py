"""Writes for negotiation: calculator facts, offers and counter-offers, blind-bid rounds, agreements.

Every write runs in one transaction and writes its case event there. Events shown in the case room
carry `data["room"] = True`. Bid figures never appear in an event, a notification, a log line or an
exception message: only "bid entered", "no settlement" or "settled at X".

Races are settled by the database: status changes are conditional UPDATEs (`... WHERE status='sent'`,
checking the row count), and a partial unique index allows one accepted offer per case.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from amicable.accounts.models import User
from amicable.cases.flows import STAGE_ORDER, allowed_moves, case_transition
from amicable.cases.models import Case, Stage
from amicable.cases.services import event_add
from amicable.evidence.services import evidence_file_item
from amicable.lib.money import MoneyError, format_money, parse_amount
from amicable.mediation.agreement_doc import Acceptance, AgreementDoc, render_pdf
from amicable.mediation.agreement_doc import Party as DocParty
from amicable.mediation.models import Notification
from amicable.mediation.selectors import room_members
from amicable.mediation.services import notify

from .bidding import BidError, check_gap_percent, check_round_allowed, resolve_round, sanity_warning
from .models import Agreement, AgreementAcceptance, BidRound, CalculatorInputs, Offer, Party
from .sealing import open_figure, seal_figure
from .selectors import party_for
from .terms import Terms, TermsError, validate_terms

MAX_EXPIRY_DAYS = 90
SIDES = (Party.FREELANCER, Party.CLIENT)


class NeedsConfirmation(ValidationError):
    """A bid figure far outside the amount in dispute: the bidder must confirm it."""


def _fail(message: str, field: str = "__all__") -> ValidationError:
    return ValidationError({field: message})


def _party(actor: User, case: Case, *allowed: str) -> str:
    party = party_for(actor, case)
    if party not in allowed:
        raise _fail("You cannot do this in this case.")
    return party  # type: ignore[return-value]


def _refuse_closed(case: Case) -> None:
    if case.stage == Stage.CLOSED:
        raise _fail("This case is closed, so nothing new can be proposed or agreed. Reopen it first.")


def _lock(case: Case) -> None:
    """Serialise the case's negotiation writes: lock its row for the rest of the transaction.

    Every write that changes offers, rounds or agreements takes this lock first, so two of them never
    wait on each other's rows in opposite orders (a deadlock); the loser then sees the winner's result
    and gets a clear message. The conditional UPDATEs and unique indexes stay as the last line."""
    Case.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True).first()


def _terms(case: Case, raw: dict[str, Any]) -> Terms:
    try:
        return validate_terms(raw, engagement_currency=case.engagement.currency, today=timezone.localdate())
    except TermsError as exc:
        raise ValidationError({f"terms.{field}" if field != "terms" else "terms": msg
                               for field, msg in exc.errors}) from None


def _expiry(expires_at: datetime | None) -> datetime:
    now = timezone.now()
    if expires_at is None:
        return now + timedelta(days=7)
    if timezone.is_naive(expires_at):
        raise _fail("Give the expiry with its time zone.", "expires_at")
    if expires_at <= now:
        raise _fail("The expiry is in the past; choose a later date.", "expires_at")
    if expires_at > now + timedelta(days=MAX_EXPIRY_DAYS):
        raise _fail(f"An offer can stay open for at most {MAX_EXPIRY_DAYS} days.", "expires_at")
    return expires_at


def _offer_url(offer: Offer) -> str:
    return reverse("negotiation:offer", args=[offer.case_id, offer.pk])


# ---------------------------------------------------------------- calculator facts


@transaction.atomic
def calculator_inputs_update(*, actor: User, case: Case, **fields: Any) -> CalculatorInputs:
    """Save the facts the calculator needs beyond the engagement record (deposit, hours, costs, terms)."""
    _party(actor, case, Party.FREELANCER)
    currency = case.engagement.currency
    inputs, _ = CalculatorInputs.objects.get_or_create(case=case)
    errors: dict[str, str] = {}

    def money(name: str, *, allow_zero: bool = True) -> Decimal | None:
        value = fields.get(name)
        if value in (None, ""):
            return None
        try:
            return parse_amount(value, currency, allow_zero=allow_zero)
        except MoneyError as exc:
            errors[name] = str(exc)
            return None

    inputs.deposit_held = money("deposit_held") or Decimal(0)
    inputs.fee_total = money("fee_total", allow_zero=False)
    inputs.kill_fee_kind = fields.get("kill_fee_kind") or ""
    inputs.kill_fee_value = _kill_fee_value(inputs.kill_fee_kind, fields.get("kill_fee_value"), currency, errors)
    inputs.kill_fee_source = str(fields.get("kill_fee_source") or "").strip()[:200]
    inputs.late_rate_percent = _percent(fields.get("late_rate_percent"), "late_rate_percent", errors)
    inputs.late_period_days = int(fields.get("late_period_days") or 365)
    inputs.late_grace_days = int(fields.get("late_grace_days") or 0)
    inputs.late_fixed_fee = money("late_fixed_fee") or Decimal(0)
    inputs.late_source = str(fields.get("late_source") or "").strip()[:200]
    inputs.hours = _hour_rows(fields.get("hours") or [], currency, errors)
    inputs.costs = _cost_rows(fields.get("costs") or [], errors)
    if inputs.late_period_days not in (1, 7, 30, 360, 365):
        errors["late_period_days"] = "The interest period is a day, a week, a month (30 days) or a year."
    if errors:
        raise ValidationError(errors)
    inputs.updated_at = timezone.now()
    inputs.save()
    event_add(case=case, actor=actor, kind="negotiation.calculator_updated",
              summary="Settlement calculator facts updated")
    return inputs


def _kill_fee_value(kind: str, raw: Any, currency: str, errors: dict[str, str]) -> Decimal | None:
    if kind not in CalculatorInputs.KillFeeKind.values:
        errors["kill_fee_kind"] = "Choose no kill fee, a percentage of the remaining work, or a fixed amount."
        return None
    if not kind:
        return None
    if kind == "percent_of_remaining":
        value = _percent(raw, "kill_fee_value", errors)
        if value is None and "kill_fee_value" not in errors:
            errors["kill_fee_value"] = "Enter the kill fee percentage."
        return value
    try:
        return parse_amount(raw, currency)
    except MoneyError as exc:
        errors["kill_fee_value"] = str(exc)
        return None


def _percent(raw: Any, name: str, errors: dict[str, str]) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).strip().rstrip("%"))
    except ArithmeticError:
        errors[name] = f"“{raw}” is not a percentage; write a number like 8 or 12.5."
        return None
    if not value.is_finite() or value <= 0 or value > 100:
        errors[name] = "A percentage between 0 and 100."
        return None
    return value


def _hour_rows(rows: list[dict[str, Any]], currency: str, errors: dict[str, str]) -> list[dict[str, Any]]:
    clean = []
    for n, row in enumerate(rows):
        try:
            hours = Decimal(str(row.get("hours")).strip())
            if not hours.is_finite() or hours <= 0 or hours > 10000:
                raise ArithmeticError
        except ArithmeticError:
            errors[f"hours[{n}]"] = "Hours must be a positive number (at most 10,000)."
            continue
        rate = row.get("rate")
        if rate not in (None, ""):
            try:
                rate = str(parse_amount(rate, currency))
            except MoneyError as exc:
                errors[f"hours[{n}].rate"] = str(exc)
                continue
        clean.append({"hours": str(hours), "rate": rate or None,
                      "description": str(row.get("description") or "")[:200]})
    return clean


def _cost_rows(rows: list[dict[str, Any]], errors: dict[str, str]) -> list[dict[str, Any]]:
    clean = []
    for n, row in enumerate(rows):
        currency = str(row.get("currency") or "").strip().upper()
        try:
            amount = parse_amount(row.get("amount"), currency or "EUR")
        except MoneyError as exc:
            errors[f"costs[{n}].amount"] = str(exc)
            continue
        clean.append({"label": str(row.get("label") or "Cost")[:200], "amount": str(amount),
                      "currency": currency or None, "fx_rate": row.get("fx_rate") or None,
                      "rebillable": bool(row.get("rebillable", True))})
    return clean


# ---------------------------------------------------------------- offers


def _content_hash(offer: Offer) -> str:
    content = {"terms": offer.terms, "message": offer.message, "expires_at": offer.expires_at.isoformat(),
               "from": offer.from_party, "parent": offer.parent_id, "case": offer.case_id}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def offer_create(*, actor: User, case: Case, terms: dict[str, Any], message: str = "",
                 expires_at: datetime | None = None, option_key: str = "", send: bool = False) -> Offer:
    """Write a new offer (the freelancer's side) or proposal (the mediator) as a draft; send it at once
    when `send`. The client answers offers with counter-offers instead."""
    party = _party(actor, case, Party.FREELANCER, Party.MEDIATOR)
    _refuse_closed(case)
    clean = _terms(case, terms)
    offer = Offer.objects.create(case=case, from_party=party, author=actor, terms=clean.to_json(),
                                 message=(message or "").strip(), expires_at=_expiry(expires_at),
                                 option_key=(option_key or "")[:40])
    event_add(case=case, actor=actor, kind="negotiation.offer_drafted",
              summary=f"Offer drafted: {clean.summary()}", offer_id=offer.pk)
    return offer_send(actor=actor, offer=offer) if send else offer


@transaction.atomic
def offer_update_draft(*, actor: User, offer: Offer, terms: dict[str, Any], message: str = "",
                       expires_at: datetime | None = None) -> Offer:
    """Change a draft. A sent offer never changes: make a counter-offer, or withdraw it and send another."""
    if offer.status != Offer.Status.DRAFT:
        raise _fail("A sent offer cannot change. Withdraw it and send a new one, or wait for a response.")
    party = _party(actor, offer.case, Party.FREELANCER, Party.MEDIATOR)
    if party != offer.from_party:
        raise _fail("Only the side that wrote this draft can change it.")
    clean = _terms(offer.case, terms)
    updated = Offer.objects.filter(pk=offer.pk, status=Offer.Status.DRAFT).update(
        terms=clean.to_json(), message=(message or "").strip(), expires_at=_expiry(expires_at))
    if updated != 1:
        raise _fail("This offer was sent meanwhile; it can no longer change.")
    offer.refresh_from_db()
    return offer


@transaction.atomic
def offer_send(*, actor: User, offer: Offer) -> Offer:
    """Send a draft: from now on it is immutable, and the other side is notified."""
    case = offer.case
    party = _party(actor, case, Party.FREELANCER, Party.MEDIATOR)
    if party != offer.from_party:
        raise _fail("Only the side that wrote this draft can send it.")
    _refuse_closed(case)
    _lock(case)
    now = timezone.now()
    if offer.expires_at <= now:
        raise _fail("The draft's expiry has passed; set a later one before sending.", "expires_at")
    _terms(case, offer.terms)  # dates may have passed since it was drafted
    offer.sent_at = now
    updated = Offer.objects.filter(pk=offer.pk, status=Offer.Status.DRAFT).update(
        status=Offer.Status.SENT, sent_at=now, content_hash=_content_hash(offer))
    if updated != 1:
        raise _fail("This offer was already sent.")
    offer.refresh_from_db()
    _announce(offer, actor, "negotiation.offer_sent", f"{_who(offer)} sent an offer: {_summary(offer)}")
    _move_case(case, actor, Stage.NEGOTIATING, "An offer was sent.")
    return offer


def _move_case(case: Case, actor: User, stage: str, note: str) -> None:
    """Move the case forward to `stage` when its flow allows it from where it is (never backwards)."""
    case.refresh_from_db(fields=["stage"])
    if STAGE_ORDER.index(stage) > STAGE_ORDER.index(case.stage) and stage in allowed_moves(case.stage):
        case_transition(actor=actor, case=case, to=stage, note=note)


def _who(offer: Offer) -> str:
    return {"freelancer": "The freelancer", "client": "The client", "mediator": "The mediator"}[offer.from_party]


def _summary(offer: Offer) -> str:
    amount, currency = Decimal(offer.terms["amount"]), offer.terms["currency"]
    count = len(offer.terms.get("instalments") or [])
    return format_money(amount, currency) + (f" in {count} instalments" if count > 1 else "")


def _announce(offer: Offer, actor: User, kind: str, summary: str, **data: Any) -> None:
    event_add(case=offer.case, actor=actor, kind=kind, summary=summary, offer_id=offer.pk, room=True, **data)
    notify(case=offer.case, actor=actor, kind=Notification.Kind.PROPOSAL if kind.endswith("sent")
           else Notification.Kind.RESPONSE, title=summary, url=_offer_url(offer))
    body = json.dumps({"offer": offer.pk, "thread": offer.thread_id, "from": offer.from_party,
                       "status": offer.status, "terms": offer.terms, "message": offer.message,
                       "expires_at": offer.expires_at.isoformat()}, indent=2, ensure_ascii=False)
    _file_evidence(offer.case, actor, summary, external_id=f"negotiation:offer:{offer.pk}:{offer.status}", body=body)


def _file_evidence(case: Case, actor: User | None, summary: str, *, external_id: str, body: str = "",
                   kind: str = "note", attachments: tuple[tuple[str, bytes, str], ...] = (),
                   tags: tuple[str, ...] = ()) -> None:
    """File a negotiation step (or the agreement PDF) into the evidence vault's hashed log, shared with the
    room, in the caller's transaction. `external_id` makes it idempotent."""
    evidence_file_item(actor=actor, case=case, kind=kind, subject=summary, body=body, occurred_at=timezone.now(),
                       attachments=attachments, external_id=external_id, source_name="negotiation",
                       importer="negotiation", visibility="shared", tags=tags)


def _respond(offer: Offer, actor: User, *, to: str, note: str = "") -> str:
    """Move a sent offer to `to` with a conditional UPDATE; explain precisely when it cannot."""
    case = offer.case
    party = _party(actor, case, *SIDES, Party.MEDIATOR)
    if party == offer.from_party:
        raise _fail("This is your own side's offer: you can withdraw it, not answer it.")
    if party == Party.MEDIATOR and to != Offer.Status.COUNTERED:
        raise _fail("The mediator proposes terms; the parties accept or reject them.")
    _refuse_closed(case)
    _lock(case)
    now = timezone.now()
    updated = Offer.objects.filter(pk=offer.pk, status=Offer.Status.SENT, expires_at__gt=now).update(
        status=to, responded_at=now, responded_by=actor, response_note=(note or "").strip())
    if updated != 1:
        offer.refresh_from_db()
        raise _fail(_why_not_open(offer, now))
    offer.refresh_from_db()
    return party


def _why_not_open(offer: Offer, now: datetime) -> str:
    if offer.status == Offer.Status.WITHDRAWN and offer.response_note.startswith("Superseded: "):
        return "This offer is closed: " + offer.response_note.removeprefix("Superseded: ")
    if offer.status in (Offer.Status.SENT, Offer.Status.EXPIRED) and offer.expires_at <= now:
        return (f"This offer expired on {timezone.localtime(offer.expires_at):%d %b %Y %H:%M}. "
                "Ask for a new one or make a counter-offer.")
    return {
        Offer.Status.DRAFT: "This offer has not been sent.",
        Offer.Status.COUNTERED: "This offer was superseded by a counter-offer; "
                                "respond to the latest offer in the thread.",
        Offer.Status.ACCEPTED: "This offer was already accepted.",
        Offer.Status.REJECTED: "This offer was already rejected.",
        Offer.Status.WITHDRAWN: "This offer was withdrawn by the side that sent it.",
    }.get(offer.status, "This offer can no longer be answered.")


def _expire_if_due(offer: Offer) -> None:
    """Mark an offer past its expiry as expired, in its own transaction, before any answer is tried
    (so the expiry is recorded even though the answer then fails)."""
    if offer.status == Offer.Status.SENT and offer.expires_at <= timezone.now():
        _expire(offer, timezone.now())


def _expire(offer: Offer, now: datetime) -> None:
    with transaction.atomic():
        if Offer.objects.filter(pk=offer.pk, status=Offer.Status.SENT, expires_at__lte=now).update(
                status=Offer.Status.EXPIRED) == 1:
            event_add(case=offer.case, actor=None, kind="negotiation.offer_expired",
                      summary=f"Offer expired: {_summary(offer)}", offer_id=offer.pk, room=True)


def offer_accept(*, actor: User, offer: Offer) -> Agreement:
    """Accept a sent offer. Exactly one of two racing acceptances wins (conditional UPDATE plus the
    one-accepted-offer-per-case index); the loser gets a clear message. Returns the agreement."""
    _expire_if_due(offer)
    try:
        with transaction.atomic():
            party = _respond(offer, actor, to=Offer.Status.ACCEPTED)
            _supersede_open_offers(offer.case, actor, keep=offer, why="another offer was accepted")
            agreement = _agreement_from_offer(offer, actor, party)
            _announce(offer, actor, "negotiation.offer_accepted",
                      f"{actor.name} accepted the offer: {_summary(offer)}")
    except IntegrityError:
        raise _fail("Another offer on this case was accepted at the same moment; this one was not.") from None
    return agreement


def offer_reject(*, actor: User, offer: Offer, note: str = "") -> Offer:
    _expire_if_due(offer)
    with transaction.atomic():
        _respond(offer, actor, to=Offer.Status.REJECTED, note=note)
        _announce(offer, actor, "negotiation.offer_rejected", f"{actor.name} rejected the offer: {_summary(offer)}")
    return offer


def offer_counter(*, actor: User, offer: Offer, terms: dict[str, Any], message: str = "",
                  expires_at: datetime | None = None) -> Offer:
    """Answer a sent offer with new terms: the old one becomes 'countered', the new one is sent."""
    _expire_if_due(offer)
    with transaction.atomic():
        return _counter(actor, offer, terms, message, expires_at)


def _counter(actor: User, offer: Offer, terms: dict[str, Any], message: str, expires_at: datetime | None) -> Offer:
    clean = _terms(offer.case, terms)
    expiry = _expiry(expires_at)
    party = _respond(offer, actor, to=Offer.Status.COUNTERED)
    counter = Offer.objects.create(case=offer.case, parent=offer, thread_root_id=offer.thread_root_id or offer.pk,
                                   from_party=party, author=actor, terms=clean.to_json(),
                                   message=(message or "").strip(), expires_at=expiry)
    now = timezone.now()
    counter.sent_at = now
    Offer.objects.filter(pk=counter.pk).update(status=Offer.Status.SENT, sent_at=now,
                                               content_hash=_content_hash(counter))
    counter.refresh_from_db()
    _announce(counter, actor, "negotiation.offer_countered",
              f"{_who(counter)} countered with {_summary(counter)}", parent_id=offer.pk)
    return counter


@transaction.atomic
def offer_withdraw(*, actor: User, offer: Offer) -> Offer | None:
    """Withdraw a sent offer (or discard a draft, returning None)."""
    party = _party(actor, offer.case, *SIDES, Party.MEDIATOR)
    if party != offer.from_party:
        raise _fail("Only the side that made an offer can withdraw it.")
    _lock(offer.case)
    if offer.status == Offer.Status.DRAFT:
        Offer.objects.filter(pk=offer.pk, status=Offer.Status.DRAFT).delete()
        event_add(case=offer.case, actor=actor, kind="negotiation.offer_discarded", summary="Draft offer discarded")
        return None
    now = timezone.now()
    if Offer.objects.filter(pk=offer.pk, status=Offer.Status.SENT).update(
            status=Offer.Status.WITHDRAWN, responded_at=now, responded_by=actor) != 1:
        offer.refresh_from_db()
        raise _fail(_why_not_open(offer, now))
    offer.refresh_from_db()
    _announce(offer, actor, "negotiation.offer_withdrawn", f"{_who(offer)} withdrew the offer: {_summary(offer)}")
    return offer


def _supersede_open_offers(case: Case, actor: User, *, keep: Offer | None, why: str) -> None:
    open_offers = case.offers.filter(status=Offer.Status.SENT)
    if keep is not None:
        open_offers = open_offers.exclude(pk=keep.pk)
    now = timezone.now()
    for other in open_offers:
        if Offer.objects.filter(pk=other.pk, status=Offer.Status.SENT).update(
                status=Offer.Status.WITHDRAWN, responded_at=now, response_note=f"Superseded: {why}.") == 1:
            event_add(case=case, actor=actor, kind="negotiation.offer_superseded",
                      summary=f"Offer {_summary(other)} closed: {why}", offer_id=other.pk, room=True)


def _other_sides(offer: Offer) -> list[User]:
    """Everyone in the room who is not on the offering side: those who can still answer the offer."""
    return [u for u in room_members(offer.case) if party_for(u, offer.case) != offer.from_party]


def offers_tick(*, now: datetime | None = None, warn_hours: int = 24) -> dict[str, int]:
    """Expire offers past their expiry and warn about those expiring within `warn_hours` (once each).
    Run by `amicable negotiation tick` (cron or the worker); also safe to run often."""
    now = now or timezone.now()
    expired = warned = 0
    for offer in Offer.objects.filter(status=Offer.Status.SENT, expires_at__lte=now).select_related("case"):
        _expire(offer, now)
        expired += 1
    soon = Offer.objects.filter(status=Offer.Status.SENT, expires_at__gt=now,
                                expires_at__lte=now + timedelta(hours=warn_hours)).select_related("case")
    for offer in soon:
        with transaction.atomic():
            warned += len(notify(case=offer.case, actor=offer.author, kind=Notification.Kind.EXPIRING,
                                 audience=_other_sides(offer),
                                 title=f"An offer expires {timezone.localtime(offer.expires_at):%d %b %H:%M}: "
                                       f"{_summary(offer)}", url=_offer_url(offer),
                                 dedupe_key=f"expiring:offer:{offer.pk}"))
    return {"expired": expired, "warned": warned}


# ---------------------------------------------------------------- bid rounds


@transaction.atomic
def bid_round_open(*, actor: User, case: Case, gap_percent: Decimal = Decimal(10)) -> BidRound:
    """Open the next blind-bidding round (at most three per case, one open at a time)."""
    _party(actor, case, *SIDES)
    _refuse_closed(case)
    _lock(case)
    try:
        gap = check_gap_percent(gap_percent)
        rounds = list(case.bid_rounds.all())
        check_round_allowed(len(rounds), settled=any(r.status == BidRound.Status.SETTLED for r in rounds))
    except BidError as exc:
        raise _fail(str(exc)) from None
    if any(r.status == BidRound.Status.OPEN for r in rounds):
        raise _fail("A round is already open: enter your figure there.")
    currency = case.engagement.currency
    reference = case.amount_in_dispute if case.currency == currency else None
    try:
        with transaction.atomic():
            bid_round = BidRound.objects.create(case=case, number=len(rounds) + 1, currency=currency,
                                                gap_percent=gap, reference_amount=reference, opened_by=actor)
    except IntegrityError:
        raise _fail("Someone opened a round at the same moment; enter your figure there.") from None
    summary = f"Blind-bidding round {bid_round.number} opened (agreed gap {gap}%)"
    event_add(case=case, actor=actor, kind="negotiation.bid_round_opened", summary=summary,
              round_id=bid_round.pk, room=True)
    notify(case=case, actor=actor, kind=Notification.Kind.BID_RESULT, title=summary,
           url=reverse("negotiation:bids", args=[case.pk]))
    _move_case(case, actor, Stage.NEGOTIATING, "A blind-bidding round opened.")
    return bid_round


def bid_enter(*, actor: User, bid_round: BidRound, figure: Any, confirm: bool = False) -> BidRound:
    """Enter this party's confidential figure. When both are in, resolve the round at once.

    Raises NeedsConfirmation for a figure far outside the amount in dispute unless `confirm`.
    """
    case = bid_round.case
    party = _party(actor, case, *SIDES)
    try:
        value = parse_amount(figure, bid_round.currency)
    except MoneyError as exc:
        raise _fail(str(exc), "figure") from None
    warning = sanity_warning(value, amount_in_dispute=bid_round.reference_amount, currency=bid_round.currency)
    if warning and not confirm:
        raise NeedsConfirmation({"figure": warning})
    with transaction.atomic():
        _lock(case)
        locked = BidRound.objects.select_for_update().get(pk=bid_round.pk)
        if locked.status != BidRound.Status.OPEN:
            raise _fail("This round is already over.")
        _refuse_closed(case)
        column = "freelancer" if party == Party.FREELANCER else "client"
        sealed = seal_figure(value, secret=settings.SECRET_KEY, round_id=locked.pk, party=party)
        updated = BidRound.objects.filter(pk=locked.pk, status=BidRound.Status.OPEN, **{f"{column}_sealed": ""}
                                          ).update(**{f"{column}_sealed": sealed, f"{column}_by": actor,
                                                      f"{column}_at": timezone.now()})
        if updated != 1:
            raise _fail("Your side already entered its figure for this round; it cannot be changed.")
        event_add(case=case, actor=actor, kind="negotiation.bid_entered",
                  summary=f"Bid entered in round {locked.number} ({party} side)", round_id=locked.pk, room=True)
        locked.refresh_from_db()
        if locked.freelancer_sealed and locked.client_sealed:
            _resolve(locked, actor)
    bid_round.refresh_from_db()
    return bid_round


def _resolve(bid_round: BidRound, actor: User) -> None:
    secret = settings.SECRET_KEY
    floor = open_figure(bid_round.freelancer_sealed, secret=secret, round_id=bid_round.pk, party=Party.FREELANCER)
    ceiling = open_figure(bid_round.client_sealed, secret=secret, round_id=bid_round.pk, party=Party.CLIENT)
    result = resolve_round(freelancer_floor=floor, client_ceiling=ceiling, currency=bid_round.currency,
                           reference=bid_round.reference_amount, gap_percent=bid_round.gap_percent)
    case, now = bid_round.case, timezone.now()
    if not result.settled:
        BidRound.objects.filter(pk=bid_round.pk).update(status=BidRound.Status.NO_SETTLEMENT, resolved_at=now)
        summary = f"No settlement in blind-bidding round {bid_round.number}"
        left = 3 - bid_round.number
        title = summary + (f"; {left} round{'s' if left != 1 else ''} left" if left else "; no rounds left")
    else:
        BidRound.objects.filter(pk=bid_round.pk).update(status=BidRound.Status.SETTLED, resolved_at=now,
                                                        settled_amount=result.amount)
        summary = title = (f"Settled at {format_money(result.amount, bid_round.currency)} "
                           f"in blind-bidding round {bid_round.number}")
    event_add(case=case, actor=None, kind="negotiation.bid_round_resolved", summary=summary, round_id=bid_round.pk,
              room=True, settled=result.settled)
    notify(case=case, actor=None, kind=Notification.Kind.BID_RESULT, title=title,
           url=reverse("negotiation:bids", args=[case.pk]))
    if result.settled:
        bid_round.refresh_from_db()
        _supersede_open_offers(case, actor, keep=None, why="the case settled in blind bidding")
        _agreement_create(case=case, actor=actor, source=Agreement.Source.BIDDING, bid_round=bid_round,
                          terms={"amount": str(result.amount), "currency": bid_round.currency, "instalments": [],
                                 "deliverables": [], "dates": [],
                                 "conditions": ["Settlement reached by double-blind bidding at the midpoint."]})


# ---------------------------------------------------------------- agreements


def _agreement_create(*, case: Case, actor: User, source: str, terms: dict[str, Any], note: str = "",
                      offer: Offer | None = None, bid_round: BidRound | None = None) -> Agreement:
    try:
        with transaction.atomic():
            agreement = Agreement.objects.create(case=case, source=source, offer=offer, bid_round=bid_round,
                                                 terms=terms, note=note, recorded_by=actor)
    except IntegrityError:
        raise _fail("This case already has an agreement in progress or agreed. Decline it first to record "
                    "another.") from None
    summary = f"Agreement prepared: {format_money(Decimal(terms['amount']), terms['currency'])}; awaiting acceptance"
    event_add(case=case, actor=actor, kind="negotiation.agreement_recorded", summary=summary,
              agreement_id=agreement.pk, room=True, source=source)
    notify(case=case, actor=actor, kind=Notification.Kind.AGREEMENT, title=summary,
           url=reverse("negotiation:agreement", args=[case.pk, agreement.pk]))
    return agreement


def _agreement_from_offer(offer: Offer, actor: User, party: str) -> Agreement:
    agreement = _agreement_create(case=offer.case, actor=actor, source=Agreement.Source.OFFER, terms=offer.terms,
                                  offer=offer, note=offer.message)
    if offer.from_party in SIDES:  # sending the offer was that side's acceptance of these exact terms
        AgreementAcceptance.objects.create(agreement=agreement, party=offer.from_party, user=offer.author,
                                           at=offer.sent_at)
        event_add(case=offer.case, actor=offer.author, kind="negotiation.agreement_accepted",
                  summary=f"{offer.author.name} accepted the agreement ({offer.from_party}, by sending the offer)",
                  agreement_id=agreement.pk, room=True, party=offer.from_party)
    _accept(agreement, actor, party)
    agreement.refresh_from_db()
    return agreement


@transaction.atomic
def agreement_record(*, actor: User, case: Case, terms: dict[str, Any], note: str = "") -> Agreement:
    """The mediator records the terms the parties reached; each party then accepts them."""
    _party(actor, case, Party.MEDIATOR)
    _refuse_closed(case)
    _lock(case)
    clean = _terms(case, terms)
    agreement = _agreement_create(case=case, actor=actor, source=Agreement.Source.MEDIATOR, terms=clean.to_json(),
                                  note=(note or "").strip())
    _supersede_open_offers(case, actor, keep=None, why="the mediator recorded an agreement")
    return agreement


@transaction.atomic
def agreement_accept(*, actor: User, agreement: Agreement) -> Agreement:
    """Record this party's acceptance; when both parties have accepted, the agreement is final."""
    party = _party(actor, agreement.case, *SIDES)
    _lock(agreement.case)
    _accept(agreement, actor, party)
    agreement.refresh_from_db()
    return agreement


def _accept(agreement: Agreement, actor: User, party: str) -> None:
    if Agreement.objects.filter(pk=agreement.pk).values_list("status", flat=True).first() != Agreement.Status.PENDING:
        raise _fail("This agreement is no longer awaiting acceptance.")
    try:
        with transaction.atomic():
            AgreementAcceptance.objects.create(agreement=agreement, party=party, user=actor)
    except IntegrityError:
        raise _fail("Your side has already accepted this agreement.") from None
    event_add(case=agreement.case, actor=actor, kind="negotiation.agreement_accepted",
              summary=f"{actor.name} accepted the agreement ({party})", agreement_id=agreement.pk, room=True,
              party=party)
    if set(agreement.acceptances.values_list("party", flat=True)) >= set(SIDES):
        _finalise(agreement, actor)


def _finalise(agreement: Agreement, actor: User) -> None:
    now = timezone.now()
    agreement.refresh_from_db()
    doc = agreement_document(agreement, recorded_at=now)
    pdf = render_pdf(doc)
    digest = hashlib.sha256(pdf).hexdigest()
    if Agreement.objects.filter(pk=agreement.pk, status=Agreement.Status.PENDING).update(
            status=Agreement.Status.AGREED, agreed_at=now, fingerprint=doc.fingerprint(), pdf_sha256=digest,
            pdf=pdf) != 1:
        raise _fail("This agreement was finalised meanwhile.")
    amount = format_money(Decimal(agreement.terms["amount"]), agreement.terms["currency"])
    summary = f"Agreement signed by both parties: {amount} (PDF SHA-256 {digest[:12]}…)"
    event_add(case=agreement.case, actor=actor, kind="negotiation.agreement_agreed", summary=summary,
              agreement_id=agreement.pk, room=True, fingerprint=doc.fingerprint(), pdf_sha256=digest)
    notify(case=agreement.case, actor=None, kind=Notification.Kind.AGREEMENT, title=summary,
           url=reverse("negotiation:agreement", args=[agreement.case_id, agreement.pk]))
    _file_evidence(agreement.case, actor, summary, kind="agreement", tags=("agreement",),
                   external_id=f"negotiation:agreement:{agreement.pk}",
                   body=json.dumps(doc.content(), indent=2, ensure_ascii=False),
                   attachments=((f"agreement-case-{agreement.case_id}.pdf", pdf, "application/pdf"),))


@transaction.atomic
def agreement_decline(*, actor: User, agreement: Agreement, note: str = "") -> Agreement:
    """A party declines a pending agreement: negotiation continues."""
    party = _party(actor, agreement.case, *SIDES)
    _lock(agreement.case)
    if Agreement.objects.filter(pk=agreement.pk, status=Agreement.Status.PENDING).update(
            status=Agreement.Status.DECLINED) != 1:
        raise _fail("This agreement is no longer awaiting acceptance.")
    event_add(case=agreement.case, actor=actor, kind="negotiation.agreement_declined",
              summary=f"{actor.name} declined the agreement ({party})" + (f": {note.strip()}" if note.strip() else ""),
              agreement_id=agreement.pk, room=True)
    notify(case=agreement.case, actor=actor, kind=Notification.Kind.AGREEMENT,
           title=f"{actor.name} declined the agreement",
           url=reverse("negotiation:agreement", args=[agreement.case_id, agreement.pk]))
    agreement.refresh_from_db()
    return agreement


def agreement_document(agreement: Agreement, *, recorded_at: datetime | None = None) -> AgreementDoc:
    """Return the printable agreement: parties, terms, and each acceptance (who, when)."""
    case = agreement.case
    # Dates were checked when the terms were offered; an instalment due today may be past by now.
    terms = validate_terms(agreement.terms, engagement_currency=case.engagement.currency, today=date.min)
    acceptances = tuple(Acceptance(a.party, a.user.name, a.at) for a in agreement.acceptances.select_related("user"))
    freelancer = case.workspace.name
    parties = (DocParty("freelancer", freelancer), DocParty("client", case.client.name, case.client.email))
    recorder = agreement.recorded_by.name
    if agreement.source == Agreement.Source.BIDDING and agreement.bid_round is not None:
        recorder = f"amicable (blind-bidding round {agreement.bid_round.number})"
    return AgreementDoc(case_label=f"Case {case.pk}: {case.title}", recorded_at=agreement.agreed_at or recorded_at
                        or agreement.recorded_at, recorded_by=recorder, terms=terms,
                        parties=parties, acceptances=acceptances, note=agreement.note)
