"""The room shows the vault's shared items: the client sees shared ones, the mediator shared and
mediator-only ones, nobody invited sees private ones; opening one through the room is audited."""

from django.urls import reverse

from amicable.evidence.services import evidence_file_item
from amicable.mediation.models import ItemView
from tests.mediation.base import RoomTestCase


class TestRoomEvidence(RoomTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        file = evidence_file_item
        cls.shared = file(actor=cls.owner, case=cls.case, kind="email", subject="Shared invoice email",
                          visibility="shared", attachments=[("inv.pdf", b"%PDF-1.4 inv", "application/pdf")])
        cls.med_only = file(actor=cls.owner, case=cls.case, kind="note", subject="Mediator-only note",
                            visibility="mediator_only")
        cls.private = file(actor=cls.owner, case=cls.case, kind="note", subject="Private strategy note")

    def room_page(self, user) -> str:
        self.login(user)
        response = self.client.get(reverse("mediation:room", args=[self.case.pk]))
        assert response.status_code == 200
        return response.content.decode()

    def item_url(self, item) -> str:
        return reverse("mediation:evidence_item", args=[self.case.pk, item.pk])

    def test_it_lists_only_shared_items_for_the_client(self):
        page = self.room_page(self.room_client)
        assert "Shared invoice email" in page and self.item_url(self.shared) in page
        assert "Mediator-only note" not in page and "Private strategy note" not in page

    def test_it_lists_shared_and_mediator_only_items_for_the_mediator(self):
        page = self.room_page(self.mediator)
        assert "Shared invoice email" in page and "Mediator-only note" in page
        assert "Private strategy note" not in page

    def test_it_never_lists_private_items_even_for_the_freelancer(self):
        page = self.room_page(self.owner)
        assert "Shared invoice email" in page and "Private strategy note" not in page

    def test_it_refuses_items_a_participant_may_not_see(self):
        self.login(self.room_client)
        for item in (self.med_only, self.private):
            assert self.client.get(self.item_url(item)).status_code == 404
        self.login(self.mediator)
        assert self.client.get(self.item_url(self.private)).status_code == 404
        assert self.client.get(self.item_url(self.med_only)).status_code == 200
        self.login(self.other_client)
        assert self.client.get(self.item_url(self.shared)).status_code == 404
        assert not ItemView.objects.filter(item_kind="evidence_item").exclude(user=self.mediator).exists()

    def test_it_records_the_view_when_an_item_is_opened_through_the_room(self):
        self.login(self.room_client)
        response = self.client.get(self.item_url(self.shared))
        page = response.content.decode()
        assert response.status_code == 200 and "Shared invoice email" in page
        assert reverse("evidence:attachment", args=[self.case.pk, self.shared.pk, 0]) in page
        view = ItemView.objects.get()
        assert (view.case, view.user, view.item_kind, view.item_id) == (self.case, self.room_client,
                                                                        "evidence_item", self.shared.pk)
        self.login(self.owner)
        audit = self.client.get(reverse("mediation:audit", args=[self.case.pk])).content.decode()
        assert "Cal Client" in audit and self.item_url(self.shared) in audit
