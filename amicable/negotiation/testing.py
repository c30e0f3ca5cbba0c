"""URL kwargs for the generated access tests: an object of each kind in the test's case."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from amicable.negotiation.models import Agreement, BidRound, Offer


def _offer(t: Any) -> int:
    offer = Offer.objects.filter(case=t.case).first()
    if offer is None:
        from amicable.negotiation.services import offer_create

        offer = offer_create(actor=t.owner, case=t.case, terms={"amount": "1000"}, send=True)
    return offer.pk


def _round(t: Any) -> int:
    bid_round = BidRound.objects.filter(case=t.case).first()
    if bid_round is None:
        from amicable.negotiation.services import bid_round_open

        bid_round = bid_round_open(actor=t.owner, case=t.case, gap_percent=Decimal(10))
    return bid_round.pk


def _agreement(t: Any) -> int:
    agreement = Agreement.objects.filter(case=t.case).first()
    if agreement is None:
        agreement = Agreement.objects.create(case=t.case, source=Agreement.Source.MEDIATOR, recorded_by=t.owner,
                                             terms={"amount": "1000.00", "currency": t.case.engagement.currency})
    return agreement.pk


URL_KWARGS = {"offer_id": _offer, "round_id": _round, "agreement_id": _agreement}
