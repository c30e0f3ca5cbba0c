"""Reads for negotiation: who speaks for which party, which offers someone may see, bid rounds with
only one's own figure, agreements. Always called with a case loaded through the gate."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404

from amicable.accounts.models import User
from amicable.cases.models import Case
from amicable.mediation.selectors import room_role

from .models import Agreement, BidRound, Offer, Party
from .sealing import open_figure


def party_for(user: User, case: Case) -> str | None:
    """Return the party the user acts for: freelancer (owner or member), client, mediator; else None."""
    role = room_role(user, case)
    if role in ("owner", "member"):
        return Party.FREELANCER
    if role in (Party.CLIENT, Party.MEDIATOR):
        return role
    return None


def offers_visible(case: Case, user: User) -> QuerySet[Offer]:
    """Sent offers for everyone in the room; drafts only for the side that wrote them."""
    role = room_role(user, case)
    if role is None:
        return Offer.objects.none()
    drafts = Q(from_party=Party.FREELANCER) if role in ("owner", "member", "readonly") else Q(author=user)
    return case.offers.filter(~Q(status=Offer.Status.DRAFT) | (Q(status=Offer.Status.DRAFT) & drafts)
                              ).select_related("author", "responded_by")


def offer_for(case: Case, user: User, offer_id: int | str) -> Offer:
    try:
        return offers_visible(case, user).get(pk=int(offer_id))
    except (Offer.DoesNotExist, ValueError, TypeError):
        raise Http404("No such offer") from None


def thread_of(offer: Offer, user: User) -> list[Offer]:
    """Return the offer's whole thread (first offer, then each counter), as this user may see it."""
    root = offer.thread_root_id or offer.pk
    thread = offers_visible(offer.case, user).filter(Q(pk=root) | Q(thread_root_id=root))
    return list(thread.order_by("created_at", "pk"))


def threads(case: Case, user: User) -> list[list[Offer]]:
    """Return every thread of the case, newest activity first."""
    by_root: dict[int, list[Offer]] = {}
    for offer in offers_visible(case, user).order_by("created_at", "pk"):
        by_root.setdefault(offer.thread_root_id or offer.pk, []).append(offer)
    return sorted(by_root.values(), key=lambda t: t[-1].created_at, reverse=True)


@dataclass
class RoundView:
    """A bid round as one user may see it: never the other party's figure."""

    round: BidRound
    my_party: str | None
    my_figure: Decimal | None
    i_entered: bool
    other_entered: bool


def my_figure(bid_round: BidRound, party: str | None) -> Decimal | None:
    """Open this party's own figure (only ever called for the party the user acts for)."""
    if party not in (Party.FREELANCER, Party.CLIENT) or not bid_round.has_figure(party):
        return None
    sealed = bid_round.freelancer_sealed if party == Party.FREELANCER else bid_round.client_sealed
    return open_figure(sealed, secret=settings.SECRET_KEY, round_id=bid_round.pk, party=party)


def rounds_for(case: Case, user: User) -> list[RoundView]:
    party = party_for(user, case)
    views = []
    for r in case.bid_rounds.all():
        other = Party.CLIENT if party == Party.FREELANCER else Party.FREELANCER
        views.append(RoundView(r, party, my_figure(r, party), bool(party and r.has_figure(party)),
                               bool(party in (Party.FREELANCER, Party.CLIENT) and r.has_figure(other))))
    return views


def bid_round_for(case: Case, round_id: int | str) -> BidRound:
    try:
        return case.bid_rounds.get(pk=int(round_id))
    except (BidRound.DoesNotExist, ValueError, TypeError):
        raise Http404("No such round") from None


def open_round(case: Case) -> BidRound | None:
    return case.bid_rounds.filter(status=BidRound.Status.OPEN).first()


def agreements(case: Case) -> QuerySet[Agreement]:
    return case.agreements.prefetch_related("acceptances__user").select_related("recorded_by").defer("pdf")


def agreement_for(case: Case, agreement_id: int | str) -> Agreement:
    try:
        return agreements(case).get(pk=int(agreement_id))
    except (Agreement.DoesNotExist, ValueError, TypeError):
        raise Http404("No such agreement") from None


def live_agreement(case: Case) -> Agreement | None:
    return agreements(case).filter(status__in=[Agreement.Status.PENDING, Agreement.Status.AGREED]).first()
