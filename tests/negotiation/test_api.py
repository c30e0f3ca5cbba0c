"""The negotiation and room API: field-attributed errors, own figures only, the invitation link once."""

from amicable.accounts.services import api_token_create
from amicable.negotiation import services
from tests.mediation.base import RoomTestCase


class TestNegotiationApi(RoomTestCase):
    def call(self, user, method, path, body=None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t').raw}"}
        if method == "get":
            return self.client.get(path, **headers)
        return self.client.post(path, data=body or {}, content_type="application/json", **headers)

    def test_it_creates_and_sends_an_offer_and_reports_bad_terms_by_field(self):
        path = f"/api/cases/{self.case.pk}/offers"
        response = self.call(self.owner, "post", path, {"terms": {"amount": "0"}, "send": True})
        assert response.status_code == 400
        assert response.json()["errors"] == [{"field": "terms.amount", "message": "The amount must be more than zero."}]
        response = self.call(self.owner, "post", path, {"terms": {"amount": "1200"}, "send": True})
        assert response.status_code == 201 and response.json()["status"] == "sent"
        listed = self.call(self.room_client, "get", path).json()
        assert [o["terms"]["amount"] for o in listed] == ["1200.00"]

    def test_it_returns_only_the_callers_own_figure(self):
        bid_round = services.bid_round_open(actor=self.owner, case=self.case)
        path = f"/api/cases/{self.case.pk}/bid-rounds"
        mine = self.call(self.owner, "post", f"{path}/{bid_round.pk}/figure", {"figure": "2200"}).json()
        assert mine["my_figure"] == "2200.00" and mine["i_entered"] is True
        theirs = self.call(self.room_client, "get", path).json()[0]
        assert theirs["my_figure"] is None and theirs["other_entered"] is True and "2200" not in str(theirs)
        far = self.call(self.room_client, "post", f"{path}/{bid_round.pk}/figure", {"figure": "90000"})
        assert far.status_code == 409 and "confirm=true" in far.json()["message"]

    def test_it_gives_the_invitation_link_only_once(self):
        path = f"/api/cases/{self.case.pk}/room/invitations"
        created = self.call(self.owner, "post", path, {"email": "guest@example.org", "role": "mediator"})
        assert created.status_code == 201 and "/invite/" in created.json()["link"]
        listed = self.call(self.owner, "get", path).json()
        assert listed[0]["link"] is None and listed[0]["state"] == "pending"

    def test_it_serves_the_settlement_with_sources(self):
        data = self.call(self.owner, "get", f"/api/cases/{self.case.pk}/settlement").json()
        invoiced = next(b for b in data["bases"] if b["key"] == "invoiced")
        assert invoiced["total"] == "2400.00" and invoiced["lines"][0]["source"] == f"invoice:{self.invoice.pk}"
