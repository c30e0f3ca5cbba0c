"""Step 5 (propose solutions) of the case spine, from the offers, rounds and agreement on record."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from amicable.cases.playbook import Action, StepStatus
from amicable.lib.money import format_money

from .models import Agreement, BidRound, Offer


def _step5(case, user) -> StepStatus:  # type: ignore[no-untyped-def]
    url = reverse("negotiation:overview", args=[case.pk])
    status = StepStatus(number=5, url=url)
    sent = case.offers.exclude(status=Offer.Status.DRAFT)
    if sent.exists():
        status.done_items.append(f"{sent.count()} offer(s) and counter-offer(s) exchanged")
    rounds = list(case.bid_rounds.all())
    if rounds:
        status.done_items.append(f"{len(rounds)} blind-bidding round(s): " + ", ".join(
            r.get_status_display().lower() for r in rounds))
    agreement = case.agreements.filter(status=Agreement.Status.AGREED).first()
    if agreement is not None:
        amount = format_money(Decimal(agreement.terms["amount"]), agreement.terms["currency"])
        status.done_items.append(f"Agreement signed: {amount}")
        status.done = True
    elif case.agreements.filter(status=Agreement.Status.PENDING).exists():
        pending = case.agreements.get(status=Agreement.Status.PENDING)
        status.next_action = Action("Accept the agreement",
                                    reverse("negotiation:agreement", args=[case.pk, pending.pk]))
    elif any(r.status == BidRound.Status.OPEN for r in rounds):
        status.next_action = Action("Enter your blind bid", reverse("negotiation:bids", args=[case.pk]))
    elif sent.filter(status=Offer.Status.SENT).exists():
        status.next_action = Action("See the open offer", url)
    else:
        status.next_action = Action("Compute options and make an offer", url)
    return status


STEPS = {5: _step5}
