"""The case room's services: who sees which item, the mediator's notes, sessions, the view audit
trail, and notifications with mutes."""

from datetime import timedelta

from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from amicable.cases.flows import case_transition
from amicable.mediation import selectors, services
from amicable.mediation.models import ItemView, Notification
from tests.mediation.base import RoomTestCase


class TestRoomItems(RoomTestCase):
    def add(self, actor, visibility="", title="Doc"):
        return services.room_item_add(actor=actor, case=self.case, title=title, body="text", visibility=visibility)

    def test_it_shows_each_role_only_what_it_may_see(self):
        private = self.add(self.owner, "private", "Private")
        shared = self.add(self.owner, "shared", "Shared")
        mediator_only = self.add(self.owner, "mediator_only", "Mediator only")
        from_client = self.add(self.room_client, "", "From the client")
        for_mediator = self.add(self.room_client, "mediator_only", "Client to mediator")
        seen = {u: set(selectors.room_items(self.case, u)) for u in (self.owner, self.room_client, self.mediator)}
        assert seen[self.owner] == {private, shared, mediator_only, from_client, for_mediator}
        assert seen[self.room_client] == {shared, from_client, for_mediator}
        assert seen[self.mediator] == {shared, mediator_only, from_client, for_mediator}
        assert list(selectors.room_items(self.case, self.other_client)) == []

    def test_it_marks_what_the_client_added_and_defaults_it_to_shared(self):
        item = self.add(self.room_client)
        assert item.visibility == "shared" and item.added_by_role == "client"
        assert item.added_by_label == "added by the client"
        assert "added by the client" in self.last_event().summary

    def test_it_refuses_private_items_from_participants_and_any_item_from_readonly(self):
        with self.assertRaises(ValidationError) as exc:
            self.add(self.room_client, "private")
        assert exc.exception.message_dict == {"visibility": ["Choose who sees it: shared, mediator_only."]}
        with self.assertRaises(ValidationError):
            self.add(self.readonly)

    def test_it_refuses_empty_oversized_and_closed_case_items(self):
        with self.assertRaises(ValidationError) as exc:
            services.room_item_add(actor=self.owner, case=self.case, title="x")
        assert exc.exception.message_dict == {"body": ["Write something or attach a file."]}
        with self.assertRaises(ValidationError) as exc:
            services.room_item_add(actor=self.owner, case=self.case, title="x", file_data=b"0" * (10 * 2**20 + 1))
        assert exc.exception.message_dict == {"file": ["Files in the room are limited to 10 MB."]}
        case_transition(actor=self.owner, case=self.case, to="closed", outcome="withdrawn")
        self.case.refresh_from_db()
        with self.assertRaises(ValidationError) as exc:
            self.add(self.owner)
        assert "This case is closed" in exc.exception.messages[0]

    def test_it_shares_and_unshares_only_the_freelancers_own_items(self):
        item = self.add(self.owner)
        services.room_item_set_visibility(actor=self.teammate, item=item, visibility="shared")
        assert item in selectors.room_items(self.case, self.room_client)
        assert self.room_client.notifications.filter(title="Shared in the room: Doc").exists()
        theirs = self.add(self.room_client)
        with self.assertRaises(ValidationError):
            services.room_item_set_visibility(actor=self.owner, item=theirs, visibility="private")
        with self.assertRaises(ValidationError):
            services.room_item_set_visibility(actor=self.readonly, item=item, visibility="private")

    def test_it_records_who_viewed_a_shared_item(self):
        item = self.add(self.owner, "shared")
        private = self.add(self.owner, "private")
        self.login(self.room_client)
        assert self.client.get(reverse("mediation:item", args=[self.case.pk, item.pk])).status_code == 200
        assert self.client.get(reverse("mediation:item", args=[self.case.pk, private.pk])).status_code == 404
        self.login(self.owner)
        self.client.get(reverse("mediation:item", args=[self.case.pk, private.pk]))
        views = list(ItemView.objects.values_list("user__email", "item_id"))
        assert views == [("cal@northwind.example", item.pk)]
        assert "Cal Client" in self.client.get(reverse("mediation:audit", args=[self.case.pk])).content.decode()


class TestNotesAndSessions(RoomTestCase):
    def test_it_keeps_private_notes_to_the_mediator(self):
        private = services.note_add(actor=self.mediator, case=self.case, body="Client seems flexible")
        shared = services.note_add(actor=self.mediator, case=self.case, body="Agenda: payment", visibility="shared")
        assert list(selectors.room_notes(self.case, self.mediator)) == [private, shared]
        for user in (self.owner, self.room_client, self.readonly):
            assert list(selectors.room_notes(self.case, user)) == [shared]
        assert not self.case.events.filter(data__note_id=private.pk).exists()
        self.login(self.owner)
        html = self.client.get(reverse("mediation:room", args=[self.case.pk])).content.decode()
        assert "Client seems flexible" not in html and "Agenda: payment" in html

    def test_it_lets_only_the_mediator_write_notes(self):
        for user in (self.owner, self.room_client):
            with self.assertRaises(ValidationError):
                services.note_add(actor=user, case=self.case, body="x")

    def test_it_schedules_sessions_with_clear_errors(self):
        now = timezone.now()
        bad = [((now - timedelta(hours=1), now), "starts_at", "The session must start in the future."),
               ((now + timedelta(hours=2), now + timedelta(hours=1)), "ends_at", "The session must end after it starts."),
               ((now + timedelta(hours=1), now + timedelta(hours=20)), "ends_at", "A session lasts at most 12 hours.")]
        for (start, end), field, message in bad:
            with self.assertRaises(ValidationError) as exc:
                services.session_schedule(actor=self.mediator, case=self.case, title="Call", starts_at=start,
                                          ends_at=end)
            assert exc.exception.message_dict == {field: [message]}
        with self.assertRaises(ValidationError):
            services.session_schedule(actor=self.room_client, case=self.case, title="Call",
                                      starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=1, hours=1))
        session = services.session_schedule(actor=self.mediator, case=self.case, title="Call",
                                            starts_at=now + timedelta(days=1), ends_at=now + timedelta(days=1, hours=1))
        assert self.room_client.notifications.get().url == reverse("mediation:session_ics",
                                                                   args=[self.case.pk, session.pk])


class TestNotifications(RoomTestCase):
    def test_it_notifies_everyone_but_the_actor_and_emails_after_commit(self):
        with self.captureOnCommitCallbacks(execute=True):
            created = services.notify(case=self.case, actor=self.owner, kind="room", title="Hello", url="/x/")
        assert {n.user for n in created} == {self.teammate, self.room_client, self.mediator}
        assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in (self.teammate, self.room_client,
                                                                               self.mediator))
        assert all(n.emailed_at for n in Notification.objects.all())
        assert "Mute notifications" in mail.outbox[0].body

    def test_it_sends_nothing_to_someone_who_muted_the_case(self):
        services.mute_set(user=self.room_client, case=self.case, muted=True)
        with self.captureOnCommitCallbacks(execute=True):
            services.notify(case=self.case, actor=self.owner, kind="room", title="Hello")
        assert not self.room_client.notifications.exists()
        assert "cal@northwind.example" not in [m.to[0] for m in mail.outbox]
        services.mute_set(user=self.room_client, case=self.case, muted=False)
        services.notify(case=self.case, actor=self.owner, kind="room", title="Again")
        assert self.room_client.notifications.count() == 1

    def test_it_marks_notifications_read(self):
        services.notify(case=self.case, actor=self.owner, kind="room", title="One")
        services.notify(case=self.case, actor=self.owner, kind="room", title="Two")
        assert selectors.unread_count(self.room_client) == 2
        first = self.room_client.notifications.first()
        assert services.notification_read(user=self.room_client, notification_id=first.pk) == 1
        assert services.notification_read(user=self.mediator, notification_id=first.pk) == 0  # not theirs
        assert services.notification_read(user=self.room_client) == 1
        assert selectors.unread_count(self.room_client) == 0

    def test_it_mutes_through_the_page(self):
        self.login(self.room_client)
        response = self.client.post(reverse("mediation:mute", args=[self.case.pk]), {"muted": "1"})
        assert response.status_code == 302 and selectors.is_muted(self.room_client, self.case)
