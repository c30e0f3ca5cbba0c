"""Every negotiation and room page renders for the people who may see it, with the right content."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from amicable.cases import services as case_services
from amicable.mediation import services as room_services
from amicable.negotiation import services
from tests.mediation.base import RoomTestCase


class TestPagesRender(RoomTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        case_services.milestone_add(actor=cls.owner, engagement=cls.engagement, title="Design", amount="1200",
                                    status="accepted")
        case_services.milestone_add(actor=cls.owner, engagement=cls.engagement, title="Build", amount="1200",
                                    status="planned", due_date=timezone.localdate() + timedelta(days=10))
        cls.offer = services.offer_create(actor=cls.owner, case=cls.case, terms={"amount": "1800"}, send=True,
                                          message="A fair split")
        cls.item = room_services.room_item_add(actor=cls.owner, case=cls.case, title="Brief", body="The brief",
                                               visibility="shared")
        start = timezone.now() + timedelta(days=3)
        cls.session = room_services.session_schedule(actor=cls.mediator, case=cls.case, title="Call",
                                                     starts_at=start, ends_at=start + timedelta(hours=1))

    def get(self, user, name, *args, status=200):
        self.login(user)
        response = self.client.get(reverse(name, args=[self.case.pk, *args]))
        assert response.status_code == status, (name, user, response.status_code)
        return response.content.decode()

    def test_it_shows_the_calculator_and_options_to_the_freelancer(self):
        html = self.get(self.owner, "negotiation:overview")
        assert "What is owed, on each basis" in html and "Invoices outstanding" in html
        assert "Pay for the completed work" in html and "EUR 1,800.00" in html
        assert "<code>milestone:" in html

    def test_it_prefills_an_offer_from_an_option(self):
        html = self.get(self.owner, "negotiation:offer_new") + self.client.get(
            reverse("negotiation:offer_new", args=[self.case.pk]) + "?option=payment_plan").content.decode()
        assert "Send offer" in html and 'name="instalments"' in html

    def test_it_shows_the_offer_and_its_actions_to_the_client_in_the_room_frame(self):
        html = self.get(self.room_client, "negotiation:offer", self.offer.pk)
        assert "Case room · you take part as" in html and ">Accept<" in html and "Make a counter-offer" in html
        assert "cases/" + str(self.case.pk) + "/intake" not in html  # no freelancer-side navigation
        html = self.get(self.room_client, "negotiation:offer_counter", self.offer.pk)
        assert "Send counter-offer" in html

    def test_it_renders_the_room_for_each_role(self):
        for user, expected in ((self.owner, "Invite someone"), (self.room_client, "Documents in the room"),
                               (self.mediator, "Save note"), (self.readonly, "People in the room")):
            html = self.get(user, "mediation:room")
            assert expected in html, user
        assert "Invite someone" not in self.get(self.room_client, "mediation:room")

    def test_it_renders_bids_item_ics_audit_and_notifications(self):
        assert "Double-blind bidding" in self.get(self.room_client, "negotiation:bids")
        assert "Brief" in self.get(self.room_client, "mediation:item", self.item.pk)
        ics = self.get(self.room_client, "mediation:session_ics", self.session.pk)
        assert ics.startswith("BEGIN:VCALENDAR") and "mailto:mia@mediators.example" in ics
        assert "Cal Client" in self.get(self.owner, "mediation:audit")
        self.login(self.room_client)
        html = self.client.get(reverse("mediation:notifications")).content.decode()
        assert "The freelancer sent an offer" in html

    def test_it_shows_the_bell_with_the_unread_count(self):
        self.login(self.room_client)
        html = self.client.get(reverse("mediation:room", args=[self.case.pk])).content.decode()
        assert 'class="bell"' in html and "unread" in html
