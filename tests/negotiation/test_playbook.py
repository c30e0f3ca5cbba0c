"""Steps 5 and 6 of the case spine, derived from what is on record."""

from amicable.cases.playbook import playbook_for
from amicable.mediation import services as room_services
from amicable.negotiation import services
from tests.mediation.base import RoomTestCase


class TestPlaybookSteps(RoomTestCase):
    def step(self, number):
        return next(s for s in playbook_for(self.case, self.owner) if s.number == number)

    def test_it_shows_step_5_from_offers_rounds_and_the_agreement(self):
        step = self.step(5)
        assert step.built and not step.done and step.next_action.label == "Compute options and make an offer"
        offer = services.offer_create(actor=self.owner, case=self.case, terms={"amount": "2000"}, send=True)
        assert self.step(5).done_items == ["1 offer(s) and counter-offer(s) exchanged"]
        services.offer_accept(actor=self.room_client, offer=offer)
        step = self.step(5)
        assert step.done and "Agreement signed: EUR 2,000.00" in step.done_items

    def test_it_shows_step_6_from_the_room(self):
        self.case.grants.all().delete()
        step = self.step(6)
        assert step.next_action.label == "Invite the client or a mediator" and not step.done_items
        room_services.invitation_create(actor=self.owner, case=self.case, email="x@example.org", role="mediator")
        assert self.step(6).done_items == ["1 invitation(s) waiting"]
