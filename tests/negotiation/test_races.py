"""Two acceptances racing (two tabs, two people): exactly one wins, enforced by the database.

On PostgreSQL, two real threads accept at the same moment. On SQLite the threaded test is skipped:
the test database is an in-memory shared-cache database, where a second writer gets "database table is
locked" at once instead of waiting, so the test would measure SQLite's test setup, not our code. There,
the same guarantees are tested directly: the conditional UPDATE (a stale copy of the offer cannot be
accepted again) and the one-accepted-offer-per-case index.
"""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import TransactionTestCase

from amicable.accounts.models import Grant
from amicable.negotiation import services
from amicable.negotiation.models import Agreement, Offer
from amicable.test import make_case, make_user, make_workspace
from tests.mediation.base import RoomTestCase


class TestConditionalUpdate(RoomTestCase):
    def test_it_refuses_a_stale_copy_of_an_already_accepted_offer(self):
        offer = services.offer_create(actor=self.owner, case=self.case, terms={"amount": "1800"}, send=True)
        stale = Offer.objects.get(pk=offer.pk)  # loaded by the second tab before the first one accepted
        services.offer_accept(actor=self.room_client, offer=offer)
        assert stale.status == "sent"
        with self.assertRaises(ValidationError) as exc:
            services.offer_accept(actor=self.room_client, offer=stale)
        assert exc.exception.messages == ["This offer was already accepted."]
        assert Agreement.objects.count() == 1

    def test_it_allows_one_accepted_offer_per_case_in_the_database(self):
        a = services.offer_create(actor=self.owner, case=self.case, terms={"amount": "1800"}, send=True)
        b = services.offer_create(actor=self.owner, case=self.case, terms={"amount": "1700"}, send=True)
        Offer.objects.filter(pk=a.pk).update(status="accepted")
        with self.assertRaises(IntegrityError), transaction.atomic():
            Offer.objects.filter(pk=b.pk).update(status="accepted")

    def test_it_explains_a_lost_race_between_two_offers(self):
        a = services.offer_create(actor=self.owner, case=self.case, terms={"amount": "1800"}, send=True)
        b = services.offer_create(actor=self.mediator, case=self.case, terms={"amount": "1700"}, send=True)
        # Another tab accepted `a` directly in the database, without closing `b` yet.
        Offer.objects.filter(pk=a.pk).update(status="accepted")
        with self.assertRaises(ValidationError) as exc:
            services.offer_accept(actor=self.room_client, offer=b)
        assert exc.exception.messages == [
            "Another offer on this case was accepted at the same moment; this one was not."]
        b.refresh_from_db()
        assert b.status == "sent"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: see the module docstring")
class TestRacingThreads(TransactionTestCase):
    def setUp(self) -> None:
        self.owner = make_user("alice@example.com", "Alice")
        self.case = make_case(self.owner, make_workspace(self.owner, "Alice Design"))
        self.client_user = make_user("cal@example.com", "Cal")
        self.mediator = make_user("mia@example.com", "Mia")
        Grant.objects.create(case=self.case, user=self.client_user, role="client")
        Grant.objects.create(case=self.case, user=self.mediator, role="mediator")

    def race(self, *calls):
        barrier = threading.Barrier(len(calls))
        results: list[object] = [None] * len(calls)

        def run(i, call):
            try:
                barrier.wait(timeout=10)
                results[i] = call()
            except Exception as exc:  # noqa: BLE001 - the outcome is what we compare
                results[i] = exc
            finally:
                connection.close()

        threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        return results

    def test_it_lets_exactly_one_of_two_tabs_accept_the_same_offer(self):
        offer = services.offer_create(actor=self.owner, case=self.case, terms={"amount": "1800"}, send=True)
        tab = lambda: services.offer_accept(actor=self.client_user, offer=Offer.objects.get(pk=offer.pk))  # noqa: E731
        results = self.race(tab, tab)
        wins = [r for r in results if isinstance(r, Agreement)]
        losses = [r for r in results if isinstance(r, ValidationError)]
        assert len(wins) == 1 and len(losses) == 1, results
        assert losses[0].messages == ["This offer was already accepted."]
        assert Offer.objects.filter(status="accepted").count() == 1 and Agreement.objects.count() == 1

    def test_it_lets_exactly_one_of_two_offers_be_accepted(self):
        a = services.offer_create(actor=self.owner, case=self.case, terms={"amount": "1800"}, send=True)
        b = services.offer_create(actor=self.mediator, case=self.case, terms={"amount": str(Decimal(1700))},
                                  send=True)
        results = self.race(lambda: services.offer_accept(actor=self.client_user, offer=a),
                            lambda: services.offer_accept(actor=self.client_user, offer=b))
        assert sum(isinstance(r, Agreement) for r in results) == 1, results
        assert sum(isinstance(r, ValidationError) for r in results) == 1, results
        assert Offer.objects.filter(status="accepted").count() == 1 and Agreement.objects.count() == 1
