"""Blind-bid rounds: sealed figures, resolution, what each side sees, and what is never revealed."""

import logging
from decimal import Decimal as D

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from amicable.negotiation import services
from amicable.negotiation.models import Agreement, BidRound
from amicable.negotiation.selectors import rounds_for
from tests.mediation.base import RoomTestCase


class TestBidRounds(RoomTestCase):
    def open(self, actor=None, gap=D(10)):
        return services.bid_round_open(actor=actor or self.owner, case=self.case, gap_percent=gap)

    def both(self, floor, ceiling):
        bid_round = self.open()
        services.bid_enter(actor=self.owner, bid_round=bid_round, figure=floor)
        return services.bid_enter(actor=self.room_client, bid_round=bid_round, figure=ceiling)

    def test_it_settles_at_the_midpoint_and_prepares_an_agreement(self):
        bid_round = self.both("2200", "2300")
        assert bid_round.status == "settled" and bid_round.settled_amount == D("2250.000")
        event = self.case.events.filter(kind="negotiation.bid_round_resolved").get()
        assert event.summary == "Settled at EUR 2,250.00 in blind-bidding round 1"
        agreement = Agreement.objects.get(case=self.case)
        assert agreement.status == "pending" and agreement.terms["amount"] == "2250.00"
        assert set(self.owner.notifications.values_list("kind", flat=True)) >= {"bid_result", "agreement"}
        assert "bid_result" in set(self.room_client.notifications.values_list("kind", flat=True))

    def test_it_settles_within_the_agreed_gap_of_the_amount_in_dispute(self):
        # amount in dispute EUR 2,400: 10% = 240; floor 2200 - ceiling 1980 = 220
        assert self.both("2200", "1980").settled_amount == D("2090.000")

    def test_it_reveals_nothing_when_there_is_no_settlement(self):
        with self.assertLogs(level=logging.DEBUG) as logs:
            logging.getLogger("amicable").debug("start")
            bid_round = self.both("2200", "1234.56")
        assert bid_round.status == "no_settlement" and bid_round.settled_amount is None
        texts = [e.summary + str(e.data) for e in self.case.events.all()]
        texts += [n.title for n in self.room_client.notifications.all()]
        texts += logs.output
        texts += [repr(bid_round), bid_round.freelancer_sealed, bid_round.client_sealed]
        for text in texts:
            assert "2200" not in text and "2,200" not in text and "1234" not in text and "1,234" not in text
        assert "No settlement in blind-bidding round 1; 2 rounds left" in [n.title for n in
                                                                          self.room_client.notifications.all()]

    def test_it_shows_each_party_only_its_own_figure(self):
        bid_round = self.open()
        services.bid_enter(actor=self.teammate, bid_round=bid_round, figure="2200")
        mine = rounds_for(self.case, self.owner)[0]
        assert mine.my_figure == D("2200") and mine.i_entered and not mine.other_entered
        theirs = rounds_for(self.case, self.room_client)[0]
        assert theirs.my_figure is None and not theirs.i_entered and theirs.other_entered
        for user in (self.mediator, self.readonly):
            view = rounds_for(self.case, user)[0]
            assert view.my_figure is None and not view.i_entered and not view.other_entered

    def test_it_refuses_a_second_figure_from_the_same_side(self):
        bid_round = self.open()
        services.bid_enter(actor=self.owner, bid_round=bid_round, figure="2200")
        with self.assertRaises(ValidationError) as exc:
            services.bid_enter(actor=self.teammate, bid_round=bid_round, figure="2000")
        assert "already entered its figure" in exc.exception.messages[0]
        with self.assertRaises(IntegrityError), transaction.atomic():
            BidRound.objects.filter(pk=bid_round.pk).update(freelancer_sealed="v1.forged")

    def test_it_asks_to_confirm_a_figure_far_outside_the_amount_in_dispute(self):
        bid_round = self.open()
        with self.assertRaises(services.NeedsConfirmation) as exc:
            services.bid_enter(actor=self.owner, bid_round=bid_round, figure="24000")
        assert exc.exception.messages == [
            "EUR 24,000.00 is more than twice the amount in dispute (EUR 2,400.00). Check for a typing mistake, "
            "then confirm to use it anyway."]
        bid_round.refresh_from_db()
        assert bid_round.freelancer_sealed == ""
        services.bid_enter(actor=self.owner, bid_round=bid_round, figure="24000", confirm=True)

    def test_it_refuses_bad_figures(self):
        bid_round = self.open()
        for bad, message in (("0", "The amount must be more than zero."), ("-3", "The amount cannot be negative."),
                             ("lots", "“lots” is not a number. Write the amount with digits, like 1200 or 1200.50.")):
            with self.assertRaises(ValidationError) as exc:
                services.bid_enter(actor=self.owner, bid_round=bid_round, figure=bad)
            assert exc.exception.message_dict == {"figure": [message]}

    def test_it_allows_three_rounds_then_stops(self):
        for _ in range(3):
            self.both("2400", "1000")
        with self.assertRaises(ValidationError) as exc:
            self.open()
        assert exc.exception.messages == ["All 3 bidding rounds have been used; make an offer instead."]

    def test_it_refuses_rounds_for_the_mediator_and_readonly_and_a_second_open_round(self):
        for user in (self.mediator, self.readonly):
            with self.assertRaises(ValidationError):
                self.open(actor=user)
        self.open(actor=self.room_client)
        with self.assertRaises(ValidationError) as exc:
            self.open()
        assert exc.exception.messages == ["A round is already open: enter your figure there."]

    def test_it_finalises_the_agreement_when_both_accept(self):
        self.both("2200", "2300")
        agreement = Agreement.objects.get(case=self.case)
        services.agreement_accept(actor=self.owner, agreement=agreement)
        agreement = services.agreement_accept(actor=self.room_client, agreement=agreement)
        assert agreement.status == "agreed" and bytes(agreement.pdf).startswith(b"%PDF")
        kinds = list(self.case.events.filter(kind__startswith="negotiation.agreement").values_list("summary", flat=True))
        assert any("Alice Owner accepted the agreement (freelancer)" in k for k in kinds)
        assert any("Cal Client accepted the agreement (client)" in k for k in kinds)
        assert any(k.startswith("Agreement signed by both parties: EUR 2,250.00") for k in kinds)

    def test_it_can_re_render_the_agreed_pdf_byte_for_byte(self):
        import hashlib

        from amicable.mediation.agreement_doc import render_pdf

        self.both("2200", "2300")
        agreement = Agreement.objects.get(case=self.case)
        services.agreement_accept(actor=self.owner, agreement=agreement)
        agreement = services.agreement_accept(actor=self.room_client, agreement=agreement)
        doc = services.agreement_document(agreement)
        assert doc.fingerprint() == agreement.fingerprint
        assert hashlib.sha256(render_pdf(doc)).hexdigest() == agreement.pdf_sha256
