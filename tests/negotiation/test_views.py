"""Negotiation pages: forms, service errors shown next to the fields, redirects, and what is saved."""

from django.urls import reverse

from amicable.negotiation import services
from amicable.negotiation.models import BidRound, CalculatorInputs, Offer
from tests.mediation.base import RoomTestCase


class TestOfferViews(RoomTestCase):
    def url(self, name, *args):
        return reverse(f"negotiation:{name}", args=[self.case.pk, *args])

    def test_it_sends_an_offer_from_the_form(self):
        self.login(self.owner)
        response = self.client.post(self.url("offer_new"), {
            "amount": "1,500", "instalments": "2099-01-01 700\n2099-02-01 800", "deliverables": "Final files",
            "conditions": "Rights on payment", "message": "A proposal", "expires_in_days": "10", "send": "1"})
        offer = Offer.objects.get()
        assert response.status_code == 302 and response["Location"] == self.url("offer", offer.pk)
        assert offer.status == "sent" and offer.terms["instalments"] == [
            {"amount": "700.00", "due": "2099-01-01"}, {"amount": "800.00", "due": "2099-02-01"}]

    def test_it_shows_each_bad_term_next_to_its_field(self):
        self.login(self.owner)
        response = self.client.post(self.url("offer_new"), {
            "amount": "1500", "instalments": "2020-01-01 700\n2099-02-01 700", "currency": "USD",
            "expires_in_days": "7"})
        html = response.content.decode()
        assert response.status_code == 400 and not Offer.objects.exists()
        assert "instalments[0].due: 2020-01-01 is in the past" in html
        assert "The engagement is in EUR; an offer in USD needs an exchange rate" in html

    def test_it_refuses_an_offer_on_a_closed_case(self):
        from amicable.cases.flows import case_transition

        case_transition(actor=self.owner, case=self.case, to="closed", outcome="written_off")
        self.login(self.owner)
        response = self.client.post(self.url("offer_new"), {"amount": "100", "expires_in_days": "7", "send": "1"})
        assert response.status_code == 400 and "This case is closed" in response.content.decode()

    def test_it_explains_why_an_offer_cannot_be_accepted(self):
        offer = services.offer_create(actor=self.owner, case=self.case, terms={"amount": "1800"}, send=True)
        services.offer_withdraw(actor=self.owner, offer=offer)
        self.login(self.room_client)
        response = self.client.post(self.url("offer_accept", offer.pk), follow=True)
        assert "This offer was withdrawn by the side that sent it." in response.content.decode()

    def test_it_saves_calculator_facts_and_reports_bad_ones(self):
        self.login(self.owner)
        response = self.client.post(self.url("calculator_save"), {
            "deposit_held": "-5", "kill_fee_kind": "percent_of_remaining", "kill_fee_value": "250",
            "late_period_days": "365", "hours": "ten; ; meeting"})
        html = response.content.decode()
        assert response.status_code == 400 and "The amount cannot be negative." in html
        assert "A percentage between 0 and 100." in html and not CalculatorInputs.objects.exists()
        response = self.client.post(self.url("calculator_save"), {
            "deposit_held": "300", "kill_fee_kind": "percent_of_remaining", "kill_fee_value": "25",
            "kill_fee_source": "Contract clause 14", "late_rate_percent": "8", "late_period_days": "365",
            "hours": "10; ; workshop\n2.5; 100; rush", "costs": "120; font licence\n30; coffee; not rebillable"})
        assert response.status_code == 302
        inputs = CalculatorInputs.objects.get()
        assert inputs.hours == [{"hours": "10", "rate": None, "description": "workshop"},
                                {"hours": "2.5", "rate": "100.00", "description": "rush"}]
        assert [c["rebillable"] for c in inputs.costs] == [True, False]
        html = self.client.get(self.url("overview")).content.decode()
        assert "Work done plus kill fee" in html and "Hours worked" in html and "Contract clause 14" in html


class TestBidViews(RoomTestCase):
    def test_it_asks_to_confirm_then_accepts_a_far_off_figure(self):
        bid_round = services.bid_round_open(actor=self.owner, case=self.case)
        self.login(self.room_client)
        url = reverse("negotiation:bid_enter", args=[self.case.pk, bid_round.pk])
        response = self.client.post(url, {"figure": "99000"})
        html = response.content.decode()
        assert response.status_code == 400 and "more than twice the amount in dispute" in html
        assert "Confirm this figure" in html
        bid_round.refresh_from_db()
        assert bid_round.client_sealed == ""
        response = self.client.post(url, {"figure": "99000", "confirm": "True"})
        assert response.status_code == 302
        bid_round.refresh_from_db()
        assert bid_round.client_sealed.startswith("v1.")

    def test_it_never_shows_the_other_sides_figure(self):
        bid_round = services.bid_round_open(actor=self.owner, case=self.case)
        services.bid_enter(actor=self.owner, bid_round=bid_round, figure="2345.67")
        for user in (self.room_client, self.mediator, self.readonly):
            self.login(user)
            html = self.client.get(reverse("negotiation:bids", args=[self.case.pk])).content.decode()
            assert "2,345.67" not in html and "2345.67" not in html and "2345" not in html, user
            api = self.client.get(f"/api/cases/{self.case.pk}/bid-rounds")  # session is not API auth
            assert api.status_code == 401
        self.login(self.owner)
        assert "EUR 2,345.67" in self.client.get(reverse("negotiation:bids", args=[self.case.pk])).content.decode()
        assert BidRound.objects.get().status == "open"
